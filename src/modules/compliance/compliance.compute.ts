/**
 * Stored evaluation: obligations (catalog) joined with the public records that fulfil them
 * (publishing), one row per unit × year of due date × item × period. Statuses are not stored: they
 * depend on the day of evaluation and come from the pure evaluateObligation on read.
 *
 * Freshness (reads never write): each unit × year row remembers the audit sequence number it was
 * computed at. Every change that matters is audited in its own transaction (publish, correction,
 * withdrawal, display end, 公开栏 photo, catalog events, exclusions, local items, busy-finance flag,
 * domain assignments, a new catalog version), so a read first asks the audit log which units changed
 * since then and computes only those unit × years afresh, in memory; the leased refresh job
 * (`refreshStaleFacts`, every runner tick) stores them, so the next read finds them fresh. A calendar
 * change marks the years it touches dirty inside its own transaction (calendar deadline recomputer).
 */
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { lockForUpdate } from '../../platform/db/database.ts';
import { latestAuditSeq } from '../../platform/audit/audit-log.ts';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { catalogOfUnit, domainScopeOf, itemApplies, itemName, loadObligationData, obligationsFromData, type ObligationData } from '../catalog/index.ts';
import { levelOf, listActiveUnits, type OrgUnitRow } from '../org/index.ts';
import { fulfils, type ObligationFact, type PublicationFact } from './compliance.evaluate.ts';
import { NOTICE_BOARD_CHANNEL } from './compliance.rules.ts';
import {
  changesSince,
  loadObligationRows,
  loadPhotoDates,
  loadPublicDisclosures,
  loadUnitYears,
  replaceUnitYears,
  storedFactYears,
  type DisclosureFactRow,
} from './compliance.repository.ts';
import type { ComplianceObligationTable, ComplianceUnitYearTable } from './compliance.tables.ts';

const RECOMPUTE_LOCK = 76_620_001;

export interface ApplicableItem {
  key: string;
  name: string;
}

/** Items applicable to a unit on a date (the catalog's one rule, over preloaded data). */
export function applicableItemsFromData(data: ObligationData, unit: Pick<OrgUnitRow, 'code' | 'kind'>, date: string): ApplicableItem[] {
  const catalog = catalogOfUnit(unit.kind);
  const level = levelOf(unit.kind);
  const scope = domainScopeOf(unit, data.assignments);
  const excluded = data.exclusions.get(unit.code) ?? new Set<string>();
  let governing: ObligationData['versions']['government'][number] | undefined;
  for (const v of [...data.versions[catalog]].sort((a, b) => (a.version.effective_from! < b.version.effective_from! ? -1 : 1)))
    if (v.version.effective_from! <= date) governing = v;
  const out: ApplicableItem[] = (governing?.items ?? [])
    .filter((i) => itemApplies(i, level, scope) && !excluded.has(i.item_key))
    .map((i) => ({ key: i.item_key, name: itemName(i) }));
  for (const l of data.locals.get(unit.code) ?? []) if (!out.some((o) => o.key === l.item_key)) out.push({ key: l.item_key, name: itemName(l) });
  return out;
}

function requiredChannelsByItemId(data: ObligationData): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (id: string, json: string) =>
    map.set(
      id,
      (JSON.parse(json) as { channel: string; required: boolean }[]).filter((c) => c.required).map((c) => c.channel),
    );
  for (const cat of ['government', 'village'] as const) for (const v of data.versions[cat]) for (const i of v.items) add(i.id, i.channels_json);
  for (const list of data.locals.values()) for (const l of list) add(l.id, l.channels_json);
  return map;
}

export function toPublicationFact(d: DisclosureFactRow, photos: string[]): PublicationFact {
  return {
    disclosureId: d.id,
    version: d.current_version,
    indexNo: d.index_no,
    title: d.public_title ?? '',
    publishedOn: chinaDate(new Date(d.published_at!)),
    withdrawnOn: d.withdrawn_at ? chinaDate(new Date(d.withdrawn_at)) : null,
    withdrawnReason: d.withdrawn_reason,
    displayMinEnd: d.display_min_end,
    displayPlannedEnd: d.display_planned_end,
    photoDates: photos,
  };
}

/** Computes the rows of the given units for one year (no writes), from the records visible at `now`. */
export async function computeUnitYears(db: Executor, units: OrgUnitRow[], year: number, calendar: WorkCalendar, now: Date, data?: ObligationData) {
  const codes = units.map((u) => u.code);
  const [od, disclosures, photos] = await Promise.all([
    data ? Promise.resolve(data) : loadObligationData(db, codes),
    loadPublicDisclosures(db, codes, now),
    loadPhotoDates(db, codes, NOTICE_BOARD_CHANNEL),
  ]);
  const channels = requiredChannelsByItemId(od);
  const byUnitItem = new Map<string, DisclosureFactRow[]>();
  for (const d of disclosures) {
    const k = `${d.unit_code}|${d.item_key}`;
    const list = byUnitItem.get(k);
    if (list) list.push(d);
    else byUnitItem.set(k, [d]);
  }
  const rows: ComplianceObligationTable[] = [];
  const applicable = new Map<string, ApplicableItem[]>();
  for (const unit of units) {
    applicable.set(unit.code, applicableItemsFromData(od, unit, `${year}-12-31`));
    for (const ob of obligationsFromData(od, unit, `${year}-01-01`, `${year}-12-31`, calendar)) {
      const pubs = (byUnitItem.get(`${unit.code}|${ob.itemKey}`) ?? []).filter((d) =>
        fulfils({ itemKey: d.item_key, period: d.period, eventId: d.event_id }, ob),
      );
      rows.push({
        unit_code: unit.code,
        year,
        item_key: ob.itemKey,
        period: ob.period,
        item_id: ob.itemId,
        item_name: ob.itemName,
        period_label: ob.periodLabel,
        event_id: ob.eventId,
        due_date: ob.dueDate,
        required_channels_json: JSON.stringify(channels.get(ob.itemId) ?? []),
        display_rule_text: ob.displayUntilText,
        provisional: ob.provisional ? 1 : 0,
        publications_json: JSON.stringify(pubs.map((d) => toPublicationFact(d, photos.get(d.id) ?? []))),
      });
    }
  }
  return { rows, applicable };
}

const channelLists = new Map<string, string[]>();
function parseChannels(json: string): string[] {
  let hit = channelLists.get(json);
  if (!hit) {
    hit = JSON.parse(json) as string[];
    if (channelLists.size < 1000) channelLists.set(json, hit);
  }
  return hit;
}

export function rowToFact(r: ComplianceObligationTable): ObligationFact & { unitCode: string } {
  return {
    unitCode: r.unit_code,
    itemId: r.item_id,
    itemKey: r.item_key,
    itemName: r.item_name,
    period: r.period,
    periodLabel: r.period_label,
    eventId: r.event_id,
    dueDate: r.due_date,
    requiredChannels: parseChannels(r.required_channels_json),
    displayRuleText: r.display_rule_text,
    provisional: r.provisional === 1,
    publications: JSON.parse(r.publications_json) as PublicationFact[],
  };
}

export function yearsOf(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
}

/** Recomputes the given units for the given years inside the caller's transaction; returns the number of obligation rows. */
export async function recomputeInTransaction(ctx: AppContext, trx: Trx, units: OrgUnitRow[], years: number[], calendar: WorkCalendar): Promise<number> {
  if (!units.length || !years.length) return 0;
  await lockForUpdate(trx, ctx.dialect, RECOMPUTE_LOCK);
  const seq = await latestAuditSeq(trx);
  const data = await loadObligationData(
    trx,
    units.map((u) => u.code),
  );
  const at = ctx.clock.now().toISOString();
  let n = 0;
  for (const year of years) {
    const { rows, applicable } = await computeUnitYears(trx, units, year, calendar, ctx.clock.now(), data);
    const states: ComplianceUnitYearTable[] = units.map((u) => ({
      unit_code: u.code,
      year,
      audit_seq: seq,
      dirty: 0,
      applicable_json: JSON.stringify(applicable.get(u.code) ?? []),
      computed_at: at,
    }));
    await replaceUnitYears(
      trx,
      ctx.dialect,
      units.map((u) => u.code),
      year,
      rows,
      states,
    );
    n += rows.length;
  }
  return n;
}

/** Recomputes the given units for the given years in one transaction of its own (a cache refresh: not audited). */
export async function recomputeUnits(ctx: AppContext, units: OrgUnitRow[], years: number[]): Promise<number> {
  if (!units.length || !years.length) return 0;
  const calendar = await getCalendar(ctx);
  return ctx.db.transaction().execute((trx) => recomputeInTransaction(ctx, trx, units, years, calendar));
}

/** Which of these units × years have stored rows that are missing or older than a relevant change (reads only). */
async function staleUnitYears(
  ctx: AppContext,
  units: OrgUnitRow[],
  years: number[],
): Promise<{ stale: Set<string>; byKey: Map<string, ComplianceUnitYearTable> }> {
  const codes = units.map((u) => u.code);
  const states = await loadUnitYears(ctx.db, codes, years);
  const byKey = new Map(states.map((s) => [key(s.unit_code, s.year), s]));
  const stale = new Set<string>();
  for (const u of units)
    for (const y of years) {
      const s = byKey.get(key(u.code, y));
      if (!s || s.dirty === 1) stale.add(key(u.code, y));
    }
  if (states.length) {
    const minSeq = Math.min(...states.map((s) => s.audit_seq));
    const changes = await changesSince(ctx.db, minSeq);
    const global = Math.max(0, ...changes.filter((c) => c.unit_code === null).map((c) => c.seq));
    const perUnit = new Map(changes.filter((c) => c.unit_code !== null).map((c) => [c.unit_code!, c.seq]));
    for (const s of states) if (s.audit_seq < global || s.audit_seq < (perUnit.get(s.unit_code) ?? 0)) stale.add(key(s.unit_code, s.year));
  }
  return { stale, byKey };
}

const key = (code: string, year: number) => `${code}|${year}`;

/**
 * Facts of the units whose due date falls in [from, to]: stored rows where they are fresh, rows
 * computed in memory (not stored) for the unit × years that changed since (usually one unit after a
 * publication, every unit after a catalog change, until the refresh job has stored them).
 */
export async function loadFacts(ctx: AppContext, units: OrgUnitRow[], from: string, to: string) {
  const years = yearsOf(from, to);
  const { stale, byKey } = await staleUnitYears(ctx, units, years);
  const states = new Map(byKey);
  const freshUnits = units.filter((u) => years.some((y) => !stale.has(key(u.code, y))));
  const stored = (
    await loadObligationRows(
      ctx.db,
      freshUnits.map((u) => u.code),
      from,
      to,
    )
  ).filter((r) => !stale.has(key(r.unit_code, r.year)));
  const rows: ComplianceObligationTable[] = [...stored];
  if (stale.size) {
    const calendar = await getCalendar(ctx);
    const now = ctx.clock.now();
    const seq = await latestAuditSeq(ctx.db);
    const at = now.toISOString();
    for (const y of years) {
      const todo = units.filter((u) => stale.has(key(u.code, y)));
      if (!todo.length) continue;
      const computed = await computeUnitYears(ctx.db, todo, y, calendar, now);
      rows.push(...computed.rows.filter((r) => r.due_date >= from && r.due_date <= to));
      for (const u of todo)
        states.set(key(u.code, y), {
          unit_code: u.code,
          year: y,
          audit_seq: seq,
          dirty: 0,
          applicable_json: JSON.stringify(computed.applicable.get(u.code) ?? []),
          computed_at: at,
        });
    }
  }
  return { facts: rows.map(rowToFact), states, computed: stale.size };
}

/**
 * Stores fresh rows for the stale unit × years among these (one transaction per year, under the
 * recomputation lock); returns how many were recomputed. Used by the refresh job and the CLI, never by a read.
 */
export async function ensureFresh(ctx: AppContext, units: OrgUnitRow[], years: number[]): Promise<{ recomputed: number }> {
  let recomputed = 0;
  for (const y of years) {
    const { stale } = await staleUnitYears(ctx, units, [y]);
    const todo = units.filter((u) => stale.has(key(u.code, y)));
    if (todo.length) await recomputeUnits(ctx, todo, [y]);
    recomputed += todo.length;
  }
  return { recomputed };
}

/**
 * The refresh job (every runner tick): stores fresh rows for every unit × year a relevant change has
 * made stale, for the current and last year and every year stored before; older years are computed
 * in memory when read. Never called from a read. Returns the unit × years stored.
 */
export async function refreshStaleFacts(ctx: AppContext): Promise<number> {
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const units = await listActiveUnits(ctx.db);
  const storedYears = await storedFactYears(ctx.db);
  return (await ensureFresh(ctx, units, [...new Set([...storedYears, year - 1, year])].sort())).recomputed;
}
