/**
 * Reads: the public view (masked content only), the staff view (working content and history), lists,
 * the personal to-do list, the unit page lists and the content-hash verification.
 * Reads never write: a scheduled record is public from its time on because every read compares its
 * publication time with `now` (the publishing job records the publication later; see
 * disclosure.commands.ts). Lists read the narrow listing rows (disclosure-listing.repository.ts), never bodies.
 */
import './disclosure.tables.ts';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { entityEvents } from '../../platform/audit/audit.repository.ts';
import { findUnit, findUnitsByCodes, type OrgUnitRow } from '../org/index.ts';
import { addCalendarDays, getCalendar, weekdayOf } from '../calendar/index.ts';
import { dueSoonUntil, loadReminderSettings } from '../notifications/index.ts';
import { describeDisplayRule, loadObligationData, obligationsFromData, type DisplayRule } from '../catalog/index.ts';
import { chineseDate, contentHash, diffVersions, publicContent, type FieldDiff } from './disclosure.content.ts';
import type { DisclosureRow } from './disclosure.commands.ts';
import {
  archivedNewest,
  chinaStart,
  countOf,
  currentNewest,
  pageOf,
  readTime,
  yearsWithRecords,
  type ListingFilter,
  type ListingRow,
  type ReadTime,
} from './disclosure-listing.repository.ts';
import { STATUS_TEXT, isUnitStaff, resolveTransition, type CatalogKind, type DisclosureStatus } from './disclosure.workflow.ts';
import type { DisclosureVersionTable } from './disclosure.tables.ts';
import type { DisclosureData } from './data/structured.ts';
import {
  boardPostedOn,
  decisionsAsOf,
  loadAttachments,
  publicReason,
  publicAttachmentOf,
  staffAttachmentOf,
  type PublicAttachment,
  type StaffAttachment,
} from './data/data.queries.ts';
import type { PiiDecision } from './pii/pii-scan.ts';
import { contributionsOfMany, contributionViews, type ContributionView } from '../../platform/workflow/contributions.repository.ts';
import { correctionViews, type CorrectionView } from './disclosure.corrections.ts';
import {
  findDisclosure,
  findVersionOrThrow,
  lastRejectStep,
  listAwaitingReview,
  listFulfilling,
  listPendingCorrections,
  listPendingInScope,
  listReturnedBy,
  listSteps,
  listVersions,
  workingTitles,
} from './disclosure.repository.ts';

export const PUBLIC_STATUSES = ['published', 'withdrawn'] as const;

/**
 * The status the public sees at `nowIso`: published and withdrawn records; a scheduled record once its
 * time has come (its public version was written when it was scheduled); null otherwise.
 */
export function publicStatusOf(row: Pick<DisclosureRow, 'status' | 'current_version' | 'published_at'>, nowIso: string): 'published' | 'withdrawn' | null {
  if (row.current_version < 1 || !row.published_at) return null;
  if (row.status === 'published' || row.status === 'withdrawn') return row.status;
  if (row.status === 'scheduled' && row.published_at <= nowIso) return 'published';
  return null;
}

export interface DisplayInfo {
  start: string | null;
  end: string | null;
  minEnd: string | null;
  /** "2026年11月26日至2026年12月7日", or "2026年11月26日起，公示至享受待遇终止"; null when the item sets no 公示期. */
  periodText: string | null;
  ruleText: string | null;
  provisional: string | null;
  phase: 'current' | 'archive' | 'withdrawn' | 'unpublished';
  /** 公示中 / 往期公开 / 已撤回 */
  label: string;
}

/** What displayInfo reads: the columns the disclosure row and the listing row share. */
export type DisplayFields = Pick<DisclosureRow, 'published_at' | 'status' | 'display_rule_json' | 'display_planned_end' | 'display_min_end'> & {
  display_provisional?: string | null;
};

/** Computed from dates only (no job): after the end of the window a record is 往期公开. */
export function displayInfo(row: DisplayFields, today: string): DisplayInfo {
  const rule = row.display_rule_json ? (JSON.parse(row.display_rule_json) as DisplayRule) : null;
  const start = row.published_at ? chinaDate(new Date(row.published_at)) : null;
  const end = row.display_planned_end ?? row.display_min_end;
  const ruleText = rule ? describeDisplayRule(rule) || null : null;
  let periodText: string | null = null;
  if (start && end) periodText = `${chineseDate(start)}至${chineseDate(end)}`;
  else if (start && rule?.kind === 'until') periodText = `${chineseDate(start)}起，公示至${rule.until}`;
  const phase: DisplayInfo['phase'] = !start ? 'unpublished' : row.status === 'withdrawn' ? 'withdrawn' : end && today > end ? 'archive' : 'current';
  const label = { unpublished: '未发布', withdrawn: '已撤回', archive: '往期公开（已过公示期）', current: end || rule?.kind === 'until' ? '公示中' : '已公开' }[
    phase
  ];
  return { start, end, minEnd: row.display_min_end, periodText, ruleText, provisional: row.display_provisional ?? null, phase, label };
}

export interface VersionView {
  version: number;
  at: string;
  reason: string | null;
  contentHash: string;
  changes: FieldDiff[];
}

export interface PublicDisclosure {
  id: string;
  unit: { code: string; name: string };
  indexNo: string;
  title: string;
  docNo: string | null;
  formedOn: string;
  publishedAt: string;
  status: 'published' | 'withdrawn';
  itemKey: string | null;
  period: string | null;
  channels: string[];
  display: DisplayInfo;
  bodyHtml: string;
  version: number;
  corrected: boolean;
  versions: VersionView[];
  withdrawal: { at: string; reason: string } | null;
  contentHash: string;
  verifyUrl: string;
  /** Structured tables of the current version, personal data masked (村级财务收支明细, recipient lists). */
  tables: DisclosureData[];
  attachments: PublicAttachment[];
  /** Earliest date a 公开栏 photo was taken (evidence; the photo itself is not public). */
  boardPostedOn: string | null;
}

export interface StaffDisclosure {
  id: string;
  unit: { code: string; name: string };
  catalog: CatalogKind;
  status: DisclosureStatus;
  statusText: string;
  itemKey: string | null;
  itemId: string | null;
  period: string | null;
  eventId: string | null;
  title: string;
  docNo: string | null;
  formedOn: string;
  bodyHtml: string;
  channels: string[];
  scheduledAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  steps: { action: string; fromStatus: string; toStatus: string; actorName: string | null; role: string | null; comment: string | null; at: string }[];
  piiDecisions: number;
  /** Working structured tables (unmasked). */
  tables: DisclosureData[];
  attachments: StaffAttachment[];
  /** The public view, once published. */
  public: PublicDisclosure | null;
  /** Who authored, edited or submitted the version under work (two-person sign-off: none of them may approve it). */
  contributors: ContributionView[];
  /** 更正 proposals, newest first (a pending one waits for a second person's review). */
  corrections: CorrectionView[];
}

/**
 * The version history as the public sees it. Superseded versions and every public reason are shown with the
 * county's current personal-data rules applied (allowed values stay): a number a later rule finds in an old
 * version — the very thing a correction fixed — never reappears in the diff. The current version is shown as
 * stored (its content hash covers it); `gongkai pii rescan` lists those that need a correction.
 */
function versionChanges(versions: DisclosureVersionTable[], decisions: readonly PiiDecision[], today: string): VersionView[] {
  const sorted = [...versions].sort((a, b) => a.version_no - b.version_no);
  const last = sorted.length - 1;
  const shown = sorted.map((v, i) => {
    const c = { title: v.public_title, docNo: v.doc_no, bodyHtml: v.public_body_html };
    return i === last ? c : publicContent(c, decisions, today);
  });
  return sorted.map((v, i) => ({
    version: v.version_no,
    at: v.created_at,
    reason: publicReason(v.reason, decisions, today),
    contentHash: v.content_hash,
    changes: i === 0 ? [] : diffVersions(shown[i - 1], shown[i]),
  }));
}

async function toPublic(
  ctx: AppContext,
  row: DisclosureRow,
  unit: OrgUnitRow,
  versions: DisclosureVersionTable[],
  today: string,
  status: 'published' | 'withdrawn',
): Promise<PublicDisclosure> {
  const cur = versions.find((v) => v.version_no === row.current_version)!;
  const decisions = decisionsAsOf(JSON.parse(row.pii_decisions_json) as PiiDecision[], cur.created_at);
  return {
    tables: cur.public_tables_json ? (JSON.parse(cur.public_tables_json) as DisclosureData[]) : [],
    attachments: (await loadAttachments(ctx, row.id)).map((a) => publicAttachmentOf(row.id, a, decisions, today)),
    boardPostedOn: await boardPostedOn(ctx, row.id),
    id: row.id,
    unit: { code: unit.code, name: unit.name },
    indexNo: row.index_no!,
    title: cur.public_title,
    docNo: cur.doc_no,
    formedOn: row.formed_on,
    publishedAt: row.published_at!,
    status,
    itemKey: row.item_key,
    period: row.period,
    channels: JSON.parse(row.channels_json),
    display: displayInfo(row, today),
    bodyHtml: cur.public_body_html,
    version: row.current_version,
    corrected: row.current_version > 1,
    versions: versionChanges(versions, decisions, today),
    withdrawal: row.withdrawn_at ? { at: row.withdrawn_at, reason: publicReason(row.withdrawn_reason ?? '', decisions, today) } : null,
    contentHash: cur.content_hash,
    verifyUrl: `/disclosures/${row.id}/verify`,
  };
}

async function loadVersions(ctx: AppContext, id: string): Promise<DisclosureVersionTable[]> {
  return listVersions(ctx.db, id);
}

/** Anonymous callers and staff outside the unit get the public (masked) view only; 404 for unpublished records. */
export async function getDisclosure(
  ctx: AppContext,
  actor: Actor | null,
  id: string,
): Promise<Result<{ public: PublicDisclosure | null; staff: StaffDisclosure | null }>> {
  const row = await findDisclosure(ctx.db, id);
  const unit = row ? await findUnit(ctx.db, row.unit_code) : undefined;
  if (!row || !unit) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const staff = isUnitStaff(actor, unit.path);
  const publicStatus = publicStatusOf(row, now.toISOString());
  if (!publicStatus && !staff) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  const pub = publicStatus ? await toPublic(ctx, row, unit, await loadVersions(ctx, id), today, publicStatus) : null;
  // A scheduled record whose time has come is published, whether or not the job has recorded it yet.
  const status = (publicStatus === 'published' ? 'published' : row.status) as DisclosureStatus;
  if (!staff) return ok({ public: pub, staff: null });
  const steps = await listSteps(ctx.db, id);
  return ok({
    public: pub,
    staff: {
      id: row.id,
      unit: { code: unit.code, name: unit.name },
      catalog: row.catalog as CatalogKind,
      status,
      statusText: STATUS_TEXT[status],
      itemKey: row.item_key,
      itemId: row.item_id,
      period: row.period,
      eventId: row.event_id,
      title: row.title,
      docNo: row.doc_no,
      formedOn: row.formed_on,
      bodyHtml: row.body_html,
      channels: JSON.parse(row.channels_json),
      scheduledAt: row.scheduled_at,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      steps: steps.map((s) => ({
        action: s.action,
        fromStatus: s.from_status,
        toStatus: s.to_status,
        actorName: s.actor_name,
        role: s.role,
        comment: s.comment,
        at: s.at,
      })),
      piiDecisions: (JSON.parse(row.pii_decisions_json) as unknown[]).length,
      tables: row.tables_json ? (JSON.parse(row.tables_json) as DisclosureData[]) : [],
      attachments: (await loadAttachments(ctx, id)).map((a) => staffAttachmentOf(id, a)),
      public: pub,
      contributors: await contributionViews(ctx.db, 'disclosure', id, row.current_version + 1),
      corrections: await correctionViews(ctx.db, id),
    },
  });
}

export interface ListItem {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  indexNo: string | null;
  status: string;
  statusText: string;
  publishedAt: string | null;
  itemKey: string | null;
  period: string | null;
  displayLabel: string;
  periodText: string | null;
  corrected: boolean;
}

export interface ListQuery {
  unit?: string;
  item?: string;
  status?: string;
  from?: string;
  to?: string;
  /** Any of these units (the portal's town page). */
  units?: string[];
  /** Any of these catalog item keys (the portal's domain page); an empty list matches nothing. */
  items?: string[];
  /** Only records published in this year (China time). */
  year?: number;
  /** With year: only this month (1–12). */
  month?: number;
  phase?: 'current' | 'archive';
  /** Domain (government catalog) or village category of the record's catalog item. */
  domain?: string;
  limit: number;
  offset: number;
}

/** The published_at range of a year (and month) in China time. */
function yearRange(year: number, month?: number): { fromIso: string; toIso: string } {
  if (month) {
    const from = `${year}-${String(month).padStart(2, '0')}-01`;
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return { fromIso: chinaStart(from), toIso: chinaStart(next) };
  }
  return { fromIso: chinaStart(`${year}-01-01`), toIso: chinaStart(`${year + 1}-01-01`) };
}

/** A public list row (listing row → list item; the title is the masked public title). */
export function listItemOf(r: ListingRow, today: string): ListItem {
  const d = displayInfo(r, today);
  return {
    id: r.disclosure_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    title: r.title,
    indexNo: r.index_no,
    status: r.status,
    statusText: STATUS_TEXT[r.status as DisclosureStatus],
    publishedAt: r.published_at,
    itemKey: r.item_key,
    period: r.period,
    displayLabel: d.label,
    periodText: d.periodText,
    corrected: r.version > 1,
  };
}

/** The listing filter of a list query (unit codes resolved to paths), or null when nothing can match. */
async function filterOf(ctx: AppContext, q: ListQuery): Promise<ListingFilter | null> {
  const f: ListingFilter = {};
  if (q.unit) {
    const unit = await findUnit(ctx.db, q.unit);
    if (!unit) return null;
    f.unitPath = unit.path;
  }
  if (q.units) f.unitPaths = (await findUnitsByCodes(ctx.db, q.units)).map((u) => u.path);
  if (q.item) f.itemKey = q.item;
  if (q.items) f.itemKeys = q.items;
  if (q.domain) f.domain = q.domain;
  if (q.status) {
    if (q.status !== 'published' && q.status !== 'withdrawn') return null;
    f.status = q.status;
  }
  const ranges: { fromIso?: string; toIso?: string }[] = [];
  if (q.from) ranges.push({ fromIso: chinaStart(q.from) });
  if (q.to) ranges.push({ toIso: chinaStart(addCalendarDays(q.to, 1)) });
  if (q.year) ranges.push(yearRange(q.year, q.month));
  for (const r of ranges) {
    if (r.fromIso && (!f.fromIso || r.fromIso > f.fromIso)) f.fromIso = r.fromIso;
    if (r.toIso && (!f.toIso || r.toIso < f.toIso)) f.toIso = r.toIso;
  }
  if (q.phase) f.phase = q.phase;
  return f;
}

/**
 * The public list: one bounded query on the listing (filters, visibility and display status in SQL,
 * newest first, limit and offset in SQL; no bodies) and its count (exact, or capped at `countCap`).
 */
export async function listPublic(
  ctx: AppContext,
  q: ListQuery & { countCap?: number; count?: boolean },
  t: ReadTime = readTime(ctx.clock.now()),
): Promise<{ total: number; totalIsLowerBound: boolean; items: ListItem[] }> {
  const f = await filterOf(ctx, q);
  if (!f) return { total: 0, totalIsLowerBound: false, items: [] };
  const [rows, count] = await Promise.all([pageOf(ctx.db, f, t, q.limit, q.offset), q.count === false ? null : countOf(ctx.db, f, t, q.countCap)]);
  return { total: count?.total ?? rows.length, totalIsLowerBound: count?.lowerBound ?? false, items: rows.map((r) => listItemOf(r, t.today)) };
}

/**
 * Anonymous: visible records only (published and withdrawn, and scheduled ones from their time on),
 * masked. Staff: plus every record of their scope not yet public (drafts, reviews, future schedules),
 * with the working title for records of their own units.
 *
 * Bounded either way: the public part is one listing query with limit (offset + limit) and a count;
 * the staff part is the records in their scope that are not public yet (work in progress, narrow
 * columns, no bodies). The two are merged newest publication first, unpublished last by creation.
 */
export async function listDisclosures(ctx: AppContext, actor: Actor | null, q: ListQuery): Promise<{ total: number; items: ListItem[] }> {
  const now = ctx.clock.now();
  const t = readTime(now);
  const roots = actor ? scopeRoots(actor) : [];
  if (roots.length === 0) {
    const r = await listPublic(ctx, q, t);
    return { total: r.total, items: r.items };
  }
  const publicPart = await listPublic(ctx, { ...q, limit: q.offset + q.limit, offset: 0 }, t);
  const pending = await pendingInScope(ctx, roots, q, t);
  const merged = [...publicPart.items, ...pending].sort(
    (a, b) =>
      (a.publishedAt === null ? 1 : 0) - (b.publishedAt === null ? 1 : 0) ||
      (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
      b.id.localeCompare(a.id),
  );
  const items = merged.slice(q.offset, q.offset + q.limit);
  // Staff see the working (unmasked) title of their own units' records.
  const own = items.filter((i) => i.publishedAt !== null && publicPart.items.includes(i));
  if (own.length) {
    const rows = await workingTitles(
      ctx.db,
      own.map((i) => i.id),
    );
    const titles = new Map(rows.filter((r) => isUnitStaff(actor, r.path)).map((r) => [r.id, r.title]));
    for (const i of own) i.title = titles.get(i.id) ?? i.title;
  }
  return { total: publicPart.total + pending.length, items };
}

/** Records of the actor's scope that the public does not see yet, narrow columns (staff lists). */
async function pendingInScope(ctx: AppContext, roots: string[], q: ListQuery, t: ReadTime): Promise<ListItem[]> {
  // Public-only filters (status, display phase, domain: the portal's) match no unpublished record.
  if (q.status === 'published' || q.status === 'withdrawn' || q.phase || q.domain) return [];
  // Date filters are publication dates: only scheduled records have one among these.
  const f = q.from || q.to || q.year ? await filterOf(ctx, { ...q, unit: undefined, units: undefined, status: undefined, phase: undefined }) : null;
  const rows = await listPendingInScope(ctx.db, {
    roots,
    nowIso: t.nowIso,
    unit: q.unit,
    units: q.units,
    item: q.item,
    items: q.items,
    status: q.status,
    fromIso: f?.fromIso,
    toIso: f?.toIso,
  });
  return rows.map((r) => {
    const d = displayInfo(r, t.today);
    return {
      id: r.id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      title: r.title,
      indexNo: r.index_no,
      status: r.status,
      statusText: STATUS_TEXT[r.status as DisclosureStatus],
      publishedAt: r.published_at,
      itemKey: r.item_key,
      period: r.period,
      displayLabel: d.label,
      periodText: d.periodText,
      corrected: r.current_version > 1,
    };
  });
}

/**
 * The unit page's two lists: 当前公示 (latest 50; skipped with `current: false`, the village page shows
 * it by category) and 往期公开 (latest 20), plus the years that have records.
 */
export async function unitDisclosureLists(
  ctx: AppContext,
  unitOrCode: string | Pick<OrgUnitRow, 'path'>,
  opts: { current?: boolean } = {},
): Promise<{ current: ListItem[]; archive: ListItem[]; years: number[] }> {
  const unit = typeof unitOrCode === 'string' ? await findUnit(ctx.db, unitOrCode) : unitOrCode;
  if (!unit) return { current: [], archive: [], years: [] };
  const t = readTime(ctx.clock.now());
  const [current, archive, years] = await Promise.all([
    opts.current === false ? [] : currentNewest(ctx.db, unit.path, 50, t),
    archivedNewest(ctx.db, unit.path, 20, t),
    yearsWithRecords(ctx.db, { unitPath: unit.path }, t),
  ]);
  return { current: current.map((r) => listItemOf(r, t.today)), archive: archive.map((r) => listItemOf(r, t.today)), years };
}

export interface TodoView {
  owed: {
    unitCode: string;
    unitName: string;
    itemKey: string;
    itemName: string;
    period: string;
    periodLabel: string;
    dueDate: string;
    overdue: boolean;
    provisional: boolean;
  }[];
  returned: { id: string; title: string; unitCode: string; comment: string | null; at: string }[];
  /** Records waiting for the actor's review; `status: 'correction'` = a pending 更正 of a published record. */
  toReview: { id: string; title: string; unitCode: string; unitName: string; status: string; submittedAt: string | null }[];
}

/** How far back the to-do list and the reminders look for obligations still not published. */
export const OWED_LOOKBACK_DAYS = 180;

export interface OwedObligation {
  unitCode: string;
  unitName: string;
  itemKey: string;
  itemName: string;
  period: string;
  periodLabel: string;
  eventId: string | null;
  dueDate: string;
  provisional: boolean;
}

/**
 * Obligations of the given (active) units with a due date in [from, to] that no published,
 * withdrawn or scheduled disclosure answers. One load for all units: the to-do list (a few units)
 * and the daily reminders (the whole county) share it.
 */
export async function owedObligations(ctx: AppContext, units: readonly OrgUnitRow[], from: string, to: string): Promise<OwedObligation[]> {
  const active = units.filter((u) => u.active === 1);
  if (active.length === 0) return [];
  const codes = active.map((u) => u.code);
  const [data, calendar] = await Promise.all([loadObligationData(ctx.db, codes), getCalendar(ctx)]);
  const obligations = active.map((unit) => ({ unit, list: obligationsFromData(data, unit, from, to, calendar) }));
  // Only the disclosures that can answer one of these obligations are read (a county has hundreds
  // of thousands of older ones): same period, same event, or any for a 长期公开 item.
  const periods = new Set<string>();
  const eventIds = new Set<string>();
  const standingKeys = new Set<string>();
  for (const { list } of obligations) {
    for (const ob of list) {
      if (ob.eventId) eventIds.add(ob.eventId);
      else if (ob.period === 'standing') standingKeys.add(ob.itemKey);
      else periods.add(ob.period);
    }
  }
  const published = new Map<string, { item_key: string | null; period: string | null; event_id: string | null }[]>();
  if (periods.size + eventIds.size + standingKeys.size > 0) {
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await listFulfilling(ctx.db, codes.slice(i, i + 500), [...PUBLIC_STATUSES, 'scheduled'], periods, eventIds, standingKeys);
      for (const r of rows) {
        const list = published.get(r.unit_code) ?? [];
        list.push(r);
        published.set(r.unit_code, list);
      }
    }
  }
  const owed: OwedObligation[] = [];
  for (const { unit, list } of obligations) {
    const mine = published.get(unit.code) ?? [];
    for (const ob of list) {
      const done = mine.some((p) => p.item_key === ob.itemKey && (ob.eventId ? p.event_id === ob.eventId : ob.period === 'standing' || p.period === ob.period));
      if (done) continue;
      owed.push({
        unitCode: unit.code,
        unitName: unit.name,
        itemKey: ob.itemKey,
        itemName: ob.itemName,
        period: ob.period,
        periodLabel: ob.periodLabel,
        eventId: ob.eventId,
        dueDate: ob.dueDate,
        provisional: ob.provisional,
      });
    }
  }
  return owed;
}

/**
 * What the logged-in user should do: obligations of their own units due by the end of this week or within the
 * reminder window, whichever is later (so everything a reminder names is here too), and overdue ones; returned
 * drafts; reviews.
 */
export async function todoFor(ctx: AppContext, actor: Actor): Promise<TodoView> {
  const today = chinaDate(ctx.clock.now());
  const [settings, calendar] = await Promise.all([loadReminderSettings(ctx.db), getCalendar(ctx)]);
  const sunday = addCalendarDays(today, (7 - weekdayOf(today)) % 7);
  const soon = dueSoonUntil(calendar, today, settings.dueSoonWorkingDays);
  const weekEnd = soon > sunday ? soon : sunday;
  const from = addCalendarDays(today, -OWED_LOOKBACK_DAYS);
  const unitCodes = [...new Set(actor.grants.filter((g) => ['village_clerk', 'unit_officer'].includes(g.role)).map((g) => g.unitCode))];
  const units = (await Promise.all(unitCodes.map((code) => findUnit(ctx.db, code)))).filter((u): u is OrgUnitRow => !!u);
  const owed: TodoView['owed'] = (await owedObligations(ctx, units, from, weekEnd)).map((ob) => ({
    unitCode: ob.unitCode,
    unitName: ob.unitName,
    itemKey: ob.itemKey,
    itemName: ob.itemName,
    period: ob.period,
    periodLabel: ob.periodLabel,
    dueDate: ob.dueDate,
    overdue: ob.dueDate < today,
    provisional: ob.provisional,
  }));
  const returnedRows = await listReturnedBy(ctx.db, actor.userId);
  const returned: TodoView['returned'] = [];
  for (const r of returnedRows) {
    const last = await lastRejectStep(ctx.db, r.id);
    returned.push({ id: r.id, title: r.title, unitCode: r.unit_code, comment: last?.comment ?? null, at: last?.at ?? r.updated_at });
  }
  const roots = scopeRoots(actor);
  const pending = roots.length ? await listAwaitingReview(ctx.db, roots) : [];
  // Two-person sign-off: work the actor authored, edited or submitted is not theirs to review.
  const people = await contributionsOfMany(
    ctx.db,
    'disclosure',
    pending.map((r) => ({ entityId: r.id, revision: r.current_version + 1 })),
  );
  const toReview = pending
    .filter(
      (r) =>
        resolveTransition(actor, 'approve', {
          catalog: r.catalog as CatalogKind,
          status: r.status as DisclosureStatus,
          unitPath: r.unit_path,
          submittedBy: r.submitted_by,
          contributions: people.get(`${r.id}#${r.current_version + 1}`) ?? [],
          townReview: true,
        }).ok,
    )
    .map((r) => ({ id: r.id, title: r.title, unitCode: r.unit_code, unitName: r.unit_name, status: r.status, submittedAt: r.submitted_at }));
  // Pending 更正 of published records, for reviewer-level users who did not write them.
  const proposals = roots.length ? await listPendingCorrections(ctx.db, roots) : [];
  const proposers = await contributionsOfMany(
    ctx.db,
    'disclosure',
    proposals.map((r) => ({ entityId: r.id, revision: r.current_version + 1 })),
  );
  for (const r of proposals) {
    const t = resolveTransition(actor, 'correct_review', {
      catalog: r.catalog as CatalogKind,
      status: 'published',
      unitPath: r.unit_path,
      submittedBy: null,
      contributions: proposers.get(`${r.id}#${r.current_version + 1}`) ?? [],
      townReview: true,
    });
    if (t.ok) toReview.push({ id: r.id, title: r.title, unitCode: r.unit_code, unitName: r.unit_name, status: 'correction', submittedAt: r.proposed_at });
  }
  return { owed, returned, toReview };
}

export interface Verification {
  id: string;
  title: string;
  indexNo: string;
  version: number;
  computedHash: string;
  auditEvent: { seq: number; action: string; occurredAt: string; contentHash: string } | null;
  matches: boolean;
  chainOk: boolean;
  chainCount: number;
}

/** Recomputes the hash of what the public page shows and looks for the audit event that recorded it. */
export async function verifyDisclosure(ctx: AppContext, id: string): Promise<Result<Verification>> {
  const row = await findDisclosure(ctx.db, id);
  if (!row || !publicStatusOf(row, ctx.clock.now().toISOString())) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  const cur = await findVersionOrThrow(ctx.db, id, row.current_version);
  const computedHash = contentHash({
    disclosureId: row.id,
    versionNo: cur.version_no,
    unitCode: row.unit_code,
    indexNo: row.index_no!,
    title: cur.public_title,
    docNo: cur.doc_no,
    formedOn: row.formed_on,
    bodyHtml: cur.public_body_html,
    tables: cur.public_tables_json ?? null,
  });
  // A scheduled publication's version and hash are recorded when it is scheduled, and again when the job records the publication.
  const events = await entityEvents(ctx.db, 'disclosure', id, ['disclosure.schedule', 'disclosure.publish', 'disclosure.correct']);
  const recorded = events
    .map((e) => ({
      seq: e.seq,
      action: e.action,
      occurredAt: e.occurred_at,
      after: JSON.parse(e.after_json ?? '{}') as { version?: number; contentHash?: string },
    }))
    .filter((e) => e.after.version === cur.version_no);
  const ev = recorded[recorded.length - 1];
  const chain = await verifyAuditChain(ctx.db);
  return ok({
    id,
    title: cur.public_title,
    indexNo: row.index_no!,
    version: cur.version_no,
    computedHash,
    auditEvent: ev ? { seq: ev.seq, action: ev.action, occurredAt: ev.occurredAt, contentHash: ev.after.contentHash ?? '' } : null,
    matches: !!ev && ev.after.contentHash === computedHash,
    chainOk: chain.ok,
    chainCount: chain.count,
  });
}
