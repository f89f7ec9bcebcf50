/**
 * Disclosure use cases. Every write goes through runCommand (one transaction + its audit event);
 * expected failures are fail(...) values, so a 4xx leaves nothing half-written.
 *
 * Scheduled publication (reads never write): `publish {at}` prepares everything the public will see
 * at once — 索引号, version 1 with the masked public copy and its content hash, display window,
 * the listing row and the search document, all carrying the future publication time — and sets
 * status `scheduled`. Reads filter by time (`published_at <= now`), so the record shows on its
 * pages, lists, feeds and in search at `at` with no write. The leased publishing job
 * (`publishDueScheduled`, every runner tick) then records the publication: status, workflow step,
 * audit event, obligation event, webhooks and the cache stamp, idempotently (status re-checked under
 * the record's lock). A command acting on a due record records it first (`settleDue`).
 */
import './disclosure.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import { lockForUpdate } from '../../platform/db/database.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { findUnit, setUnitIndexPrefix, type OrgUnitRow } from '../org/index.ts';
import { CHANNELS, displayPeriod, findEvent, insertEvent, itemTimeRuleKind, loadUnitCatalog, type CatalogItem, type DisplayRule } from '../catalog/index.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { scanText, validateDecision, type PiiDecision } from './pii/pii-scan.ts';
import {
  chineseDate,
  contentHash,
  KIND_TEXT,
  periodMatches,
  piiGateMessage,
  publicContent,
  sanitizeBody,
  scanContent,
  type ContentInput,
} from './disclosure.content.ts';
import { resolveTransition, isUnitStaff, type CatalogKind, type DisclosureStatus, type WorkflowAction } from './disclosure.workflow.ts';
import type { DisclosureTable } from './disclosure.tables.ts';
import type { Trx } from '../../platform/db/database.ts';
import { attachmentHits, maskData, scanData, type DisclosureData, type LocatedHit } from './data/structured.ts';
import { syncDisclosureSearch } from './disclosure.search.ts';
import { syncListing } from './disclosure-listing.repository.ts';
import {
  appendStep,
  findDisclosure,
  findScheduleState,
  insertDisclosure,
  insertVersion,
  listAttachmentTexts,
  listDueScheduled,
  listUncheckedAttachments,
  listUnpreparedScheduled,
  nextIndexSerial,
  updateDisclosure,
  versionContentHash,
  versionPublicTitle,
} from './disclosure.repository.ts';
import { piiRules, refreshPiiRules } from './pii-config.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import { enqueueWebhookEvents, webhookDisclosureView, type WebhookEventType } from './feeds/webhooks.events.ts';
import { contributionsOf, recordContribution } from '../../platform/workflow/contributions.repository.ts';
import { TITLE_MAX_LENGTH } from './publishing.schemas.ts';
import { UNCHECKABLE_TYPES } from './data/structured.ts';
import { followDraftEdit } from './disclosure.correction-followers.ts';

export type DisclosureRow = DisclosureTable;

/** Outbound webhooks: enqueued in the command's own transaction (feeds/webhooks.events.ts). */
/**
 * Every change of what the public sees goes through here, inside the command's transaction: the
 * search index is brought up to date, the public page cache is invalidated and subscribers (webhooks) are notified.
 */
export async function announce(ctx: AppContext, scope: Pick<CommandScope, 'trx' | 'now'>, type: WebhookEventType, id: string, unitPath: string): Promise<void> {
  await publicChanged(ctx, scope, id);
  await enqueueWebhookEvents(scope, ctx, { type, disclosureId: id, unitPath, payload: await webhookDisclosureView(scope.trx, ctx, id) });
}

/**
 * What the public reads of one record changed (or will change at a scheduled time): the listing row
 * and the search document follow, and cached public pages are stale once this commits.
 */
async function publicChanged(ctx: AppContext, scope: Pick<CommandScope, 'trx' | 'now'>, id: string): Promise<void> {
  await syncListing(scope.trx, id);
  if (ctx.searchBatch) ctx.searchBatch.add(id);
  else await syncDisclosureSearch(ctx, scope.trx, id, scope.now);
  await bumpPageCacheVersion(scope.trx, scope.now);
  notePublicChange(ctx);
}
const uuid = () => crypto.randomUUID();
export const TOWN_REVIEW_KEY = 'publishing.townReview';
const INDEX_LOCK_BASE = 74_620_000;
const RECORD_LOCK_BASE = 75_620_000;

function catalogOf(unit: OrgUnitRow): CatalogKind {
  return unit.kind === 'village' || unit.kind === 'community' ? 'village' : 'government';
}

export async function townReviewEnabled(db: AppContext['db'] | Trx): Promise<boolean> {
  const row = await readSetting(db, TOWN_REVIEW_KEY);
  return row ? JSON.parse(row.value_json) === true : false;
}

export interface DraftInput {
  unitCode: string;
  itemKey?: string;
  period?: string;
  eventId?: string;
  title: string;
  docNo?: string | null;
  formedOn: string;
  body: string;
  channels?: string[];
}

export type DraftPatch = Partial<Omit<DraftInput, 'unitCode' | 'itemKey' | 'period' | 'eventId'>> & {
  itemKey?: string | null;
  period?: string | null;
  eventId?: string | null;
};

export function cleanTitle(t: string): Result<string> {
  const v = t.trim();
  if (!v) return fail(400, 'INVALID_TITLE', '请填写标题');
  if (v.length > TITLE_MAX_LENGTH) return fail(400, 'INVALID_TITLE', `标题不能超过${TITLE_MAX_LENGTH}字`);
  return ok(v);
}

export function cleanBody(b: string): Result<string> {
  const v = sanitizeBody(b);
  if (!v) return fail(400, 'EMPTY_BODY', '正文不能为空（仅允许段落、加粗、列表、表格、小标题和链接等格式）');
  return ok(v);
}

function cleanChannels(list: string[] | undefined): Result<string[] | undefined> {
  if (list === undefined) return ok(undefined);
  const bad = list.filter((c) => !(CHANNELS as readonly string[]).includes(c));
  if (bad.length) return fail(400, 'INVALID_CHANNEL', `不支持的公开渠道：${bad.join('、')}`);
  return ok(CHANNELS.filter((c) => list.includes(c)));
}

/** The unit if the actor may see it (any role covering it), else 404. */
async function unitInScope(trx: Trx, actor: Actor, code: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(trx, code);
  if (!unit || !isUnitStaff(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
  return ok(unit);
}

function findCatalogItem(cat: Awaited<ReturnType<typeof loadUnitCatalog>>, key: string): CatalogItem | undefined {
  return [...cat.items, ...cat.localItems].find((i) => i.key === key);
}

async function checkLink(
  trx: Trx,
  unit: OrgUnitRow,
  today: string,
  input: { itemKey?: string | null; period?: string | null; eventId?: string | null },
): Promise<Result<{ item: CatalogItem | null }>> {
  if (!input.itemKey) {
    if (input.period || input.eventId) return fail(400, 'ITEM_REQUIRED', '填写公开期间或事项时，须先选择对应的目录事项');
    return ok({ item: null });
  }
  const item = findCatalogItem(await loadUnitCatalog(trx, unit, today), input.itemKey);
  if (!item) return fail(400, 'ITEM_NOT_APPLICABLE', `目录事项“${input.itemKey}”不适用于${unit.name}`);
  if (item.timeRule.kind === 'recurring') {
    if (input.eventId) return fail(400, 'EVENT_NOT_ALLOWED', '按固定周期公开的事项填写公开期间即可，不需要关联发生事项');
    if (!input.period || !periodMatches(item.timeRule.frequency, input.period)) {
      return fail(400, 'INVALID_PERIOD', `请填写正确的公开期间（年度如 2026，季度如 2026-Q3，月份如 2026-10）`);
    }
  } else if (input.period) {
    return fail(400, 'PERIOD_NOT_ALLOWED', '该事项按发生情况公开，不按期间公开；请关联发生事项或留空');
  }
  if (input.eventId) {
    const ev = await findEvent(trx, input.eventId);
    if (!ev || ev.unit_code !== unit.code || ev.item_key !== item.key) return fail(400, 'EVENT_NOT_FOUND', '所选发生事项不存在或不属于该单位和事项');
  }
  return ok({ item });
}

export async function step(
  trx: Trx,
  d: { id: string },
  action: string,
  from: string,
  to: string,
  actor: Actor | null,
  role: string | null,
  comment: string | null,
  at: string,
) {
  await appendStep(trx, {
    disclosure_id: d.id,
    action,
    from_status: from,
    to_status: to,
    actor_user_id: actor?.userId ?? null,
    actor_name: actor?.displayName ?? null,
    role,
    comment,
    at,
  });
}

export async function createDisclosure(ctx: AppContext, meta: CommandMeta, input: DraftInput): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  const title = cleanTitle(input.title);
  if (!title.ok) return title;
  const body = cleanBody(input.body);
  if (!body.ok) return body;
  const channels = cleanChannels(input.channels);
  if (!channels.ok) return channels;
  if (!isRealDate(input.formedOn)) return fail(400, 'INVALID_DATE', `生成日期“${input.formedOn}”不是有效日期`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const today = chinaDate(now);
    if (input.formedOn > today) return fail(400, 'INVALID_DATE', '生成日期不能晚于今天');
    const unit = await unitInScope(trx, actor, input.unitCode);
    if (!unit.ok) return unit;
    const catalog = catalogOf(unit.value);
    const t = resolveTransition(actor, 'edit', { catalog, status: 'draft', unitPath: unit.value.path, submittedBy: null, townReview: false });
    if (!t.ok) return fail(403, 'FORBIDDEN', catalog === 'village' ? '村（居）务公开内容由本村（社区）经办人起草' : '政务公开内容由本单位经办人起草');
    if (unit.value.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.value.name}已撤销，不能再发布新的公开内容`);
    const link = await checkLink(trx, unit.value, today, input);
    if (!link.ok) return link;
    const item = link.value.item;
    const row: DisclosureRow = {
      id: uuid(),
      unit_code: unit.value.code,
      catalog,
      item_key: item?.key ?? null,
      item_id: item?.id ?? null,
      period: input.period ?? null,
      event_id: input.eventId ?? null,
      status: 'draft',
      title: title.value,
      doc_no: input.docNo?.trim() || null,
      formed_on: input.formedOn,
      body_html: body.value,
      channels_json: JSON.stringify(channels.value ?? item?.channels.map((c) => c.channel) ?? []),
      pii_decisions_json: '[]',
      submitted_by: null,
      submitted_at: null,
      scheduled_at: null,
      published_at: null,
      published_by: null,
      index_no: null,
      index_year: null,
      index_serial: null,
      display_rule_json: item ? JSON.stringify(item.displayRule) : null,
      display_min_end: null,
      display_provisional: null,
      display_planned_end: null,
      withdrawn_at: null,
      withdrawn_by: null,
      withdrawn_reason: null,
      current_version: 0,
      created_at: now.toISOString(),
      created_by: actor.userId,
      updated_at: now.toISOString(),
    };
    await insertDisclosure(trx, row);
    await step(trx, row, 'create', 'draft', 'draft', actor, t.role, null, row.created_at);
    await recordContribution(trx, {
      entityType: 'disclosure',
      entityId: row.id,
      revision: 1,
      userId: actor.userId,
      kind: 'author',
      action: 'disclosure.create',
      at: row.created_at,
    });
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.create',
      entityType: 'disclosure',
      entityId: row.id,
      after: { title: row.title, itemKey: row.item_key, period: row.period },
    });
    return ok(row);
  });
}

/** Loads the record for a command: 404 outside the actor's scope; then the workflow decides. */
export async function loadForCommand(trx: Trx | AppContext['db'], actor: Actor, id: string): Promise<Result<{ row: DisclosureRow; unit: OrgUnitRow }>> {
  const row = await findDisclosure(trx, id);
  const unit = row ? await findUnit(trx, row.unit_code) : undefined;
  if (!row || !unit || !isUnitStaff(actor, unit.path)) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  return ok({ row, unit });
}

/**
 * Serializes every state change of one record on PostgreSQL (two reviewers clicking at once, or a
 * scheduled publication finalized by two readers): the second waits and then sees the new status.
 * SQLite already runs one writer at a time.
 */
async function lockDisclosure(trx: Trx, dialect: AppContext['dialect'], id: string): Promise<void> {
  const key = RECORD_LOCK_BASE + (crypto.createHash('sha256').update(id).digest().readUInt32BE(0) % 1_000_000);
  await lockForUpdate(trx, dialect, key);
}

/** The public version the record's open work becomes: 1 before the first publication, n + 1 for a correction of version n. */
export const workingRevision = (row: Pick<DisclosureRow, 'current_version'>) => row.current_version + 1;

/**
 * Resolves and authorizes one workflow step inside the command's transaction. Review steps get the
 * contributions of the version under review (two-person sign-off); an edit or a submission is recorded
 * as a contribution here, so every path that changes a draft counts (and a rolled-back command leaves none).
 */
export async function transition(trx: Trx, actor: Actor, id: string, action: WorkflowAction, dialect: AppContext['dialect'], now?: Date) {
  await lockDisclosure(trx, dialect, id);
  const loaded = await loadForCommand(trx, actor, id);
  if (!loaded.ok) return loaded;
  const { row, unit } = loaded.value;
  const revision = workingRevision(row);
  const t = resolveTransition(actor, action, {
    catalog: row.catalog as CatalogKind,
    status: row.status as DisclosureStatus,
    unitPath: unit.path,
    submittedBy: row.current_version === 0 ? row.submitted_by : null,
    contributions: await contributionsOf(trx, 'disclosure', id, revision),
    townReview: await townReviewEnabled(trx),
  });
  if (!t.ok) return fail(t.status, t.code, t.message);
  if (action === 'edit' || action === 'submit' || action === 'correct') {
    if (!now) throw new Error(`transition(${action}) records a contribution and needs the command's time`);
    const kind = action === 'submit' ? 'submitter' : action === 'correct' ? 'author' : 'editor';
    await recordContribution(trx, {
      entityType: 'disclosure',
      entityId: id,
      revision,
      userId: actor.userId,
      kind,
      action: `disclosure.${action}`,
      at: now.toISOString(),
    });
  }
  return ok({ row, unit, t });
}

export const decisionsOf = (row: Pick<DisclosureRow, 'pii_decisions_json'>) => JSON.parse(row.pii_decisions_json) as PiiDecision[];
export const contentOf = (row: Pick<DisclosureRow, 'title' | 'doc_no' | 'body_html'>): ContentInput => ({
  title: row.title,
  docNo: row.doc_no,
  bodyHtml: row.body_html,
});

export const tablesOf = (row: Pick<DisclosureRow, 'tables_json'>): DisclosureData[] =>
  row.tables_json ? (JSON.parse(row.tables_json) as DisclosureData[]) : [];

export { UNCHECKABLE_TYPES } from './data/structured.ts';

/** Every personal-data hit of the working record: title, body, structured tables, attachments' names and extracted text. */
export async function scanRecord(trx: Trx | AppContext['db'], row: DisclosureRow, today: string): Promise<(FieldHitOf | LocatedHit)[]> {
  const atts = await listAttachmentTexts(trx, row.id);
  return [...scanContent(contentOf(row), today), ...scanData(tablesOf(row), today), ...atts.flatMap((a) => attachmentHits(a, today))];
}
type FieldHitOf = ReturnType<typeof scanContent>[number];

/**
 * The personal-data gate (submit, publish, correct): every hit needs a decision. Before publication also every
 * PDF and image attachment needs the reviewer's recorded check (their text is not extracted: fail safe).
 */
export async function piiGate(trx: Trx, row: DisclosureRow, today: string, opts: { fileReview: boolean }) {
  const hits = await scanRecord(trx, row, today);
  const msg = piiGateMessage(hits, decisionsOf(row));
  if (msg) return fail(409, 'PII_UNRESOLVED', msg, { count: hits.length });
  if (opts.fileReview) {
    // Files whose text could not be read (images, scanned PDFs) need a reviewer's recorded check.
    const open = await listUncheckedAttachments(trx, row.id, UNCHECKABLE_TYPES);
    if (open.length) {
      return fail(
        409,
        'ATTACHMENT_REVIEW_REQUIRED',
        `附件${open.map((a) => `“${a.name}”`).join('、')}的文字未能自动读取（图片或扫描件），须由审核人员逐个核对个人信息并记录结论后才能发布`,
      );
    }
  }
  return null;
}

export async function updateDraft(ctx: AppContext, meta: CommandMeta, id: string, patch: DraftPatch): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  const title = patch.title === undefined ? null : cleanTitle(patch.title);
  if (title && !title.ok) return title;
  const body = patch.body === undefined ? null : cleanBody(patch.body);
  if (body && !body.ok) return body;
  const channels = cleanChannels(patch.channels);
  if (!channels.ok) return channels;
  if (patch.formedOn !== undefined && !isRealDate(patch.formedOn)) return fail(400, 'INVALID_DATE', `生成日期“${patch.formedOn}”不是有效日期`);
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const today = chinaDate(now);
    if (patch.formedOn && patch.formedOn > today) return fail(400, 'INVALID_DATE', '生成日期不能晚于今天');
    const tr = await transition(trx, actor, id, 'edit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const { row, unit } = tr.value;
    const linkInput = {
      itemKey: patch.itemKey !== undefined ? patch.itemKey : row.item_key,
      period: patch.period !== undefined ? patch.period : row.period,
      eventId: patch.eventId !== undefined ? patch.eventId : row.event_id,
    };
    const link = await checkLink(trx, unit, today, linkInput);
    if (!link.ok) return link;
    const item = link.value.item;
    const next: DisclosureRow = {
      ...row,
      title: title?.value ?? row.title,
      body_html: body?.value ?? row.body_html,
      doc_no: patch.docNo !== undefined ? patch.docNo?.trim() || null : row.doc_no,
      formed_on: patch.formedOn ?? row.formed_on,
      channels_json: channels.value ? JSON.stringify(channels.value) : row.channels_json,
      item_key: item?.key ?? null,
      item_id: item?.id ?? null,
      period: linkInput.period ?? null,
      event_id: linkInput.eventId ?? null,
      display_rule_json: item ? JSON.stringify(item.displayRule) : null,
      updated_at: now.toISOString(),
    };
    await updateDisclosure(trx, id, next);
    await audit({ unitCode: row.unit_code, action: 'disclosure.update', entityType: 'disclosure', entityId: id, after: { fields: Object.keys(patch) } });
    // Rows of other modules that carry the working text (a policy's 文号) follow in this transaction, or refuse it.
    const followed = await followDraftEdit({ trx, now, audit }, actor, row, { title: next.title, doc_no: next.doc_no, body_html: next.body_html });
    if (!followed.ok) return followed;
    return ok(next);
  });
}

export async function submitDisclosure(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'submit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const { row, unit, t } = tr.value;
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.name}已撤销，不能再发布新的公开内容`);
    const gate = await piiGate(trx, row, chinaDate(now), { fileReview: false });
    if (gate) return gate;
    const at = now.toISOString();
    await updateDisclosure(trx, id, { status: t.to, submitted_by: actor.userId, submitted_at: at, updated_at: at });
    await step(trx, row, 'submit', row.status, t.to, actor, t.role, null, at);
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.submit',
      entityType: 'disclosure',
      entityId: id,
      before: { status: row.status },
      after: { status: t.to },
    });
    return ok({ ...row, status: t.to, submitted_by: actor.userId, submitted_at: at, updated_at: at });
  });
}

export async function reviewDisclosure(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { decision: 'approve' | 'reject'; comment?: string },
): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) return fail(400, 'COMMENT_REQUIRED', '退回时请填写退回意见，说明需要修改的地方');
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, input.decision, ctx.dialect);
    if (!tr.ok) return tr;
    const { row, t } = tr.value;
    const at = now.toISOString();
    await updateDisclosure(trx, id, { status: t.to, updated_at: at });
    await step(trx, row, input.decision, row.status, t.to, actor, t.role, comment, at);
    await audit({
      unitCode: row.unit_code,
      action: input.decision === 'approve' ? 'disclosure.approve' : 'disclosure.return',
      entityType: 'disclosure',
      entityId: id,
      before: { status: row.status },
      after: { status: t.to, step: t.step, reviewer: actor.displayName, comment },
    });
    return ok({ ...row, status: t.to, updated_at: at });
  });
}

interface DisplayWindow {
  minEnd: string | null;
  provisional: string | null;
}

/** The 公示期 minimum of a record published on `publishedOn` (catalog/display-period.ts), as publishing stores it. */
export function displayMinimum(rule: DisplayRule | null, publishedOn: string, calendar: WorkCalendar): DisplayWindow {
  const p = displayPeriod(rule, publishedOn, calendar);
  if (!p.minEnd) return { minEnd: null, provisional: null };
  return { minEnd: p.minEnd, provisional: p.provisional ? (p.reason ?? '该年度节假日安排尚未公布，日期为暂定') : null };
}

function checkPlannedEnd(planned: string | undefined | null, rule: DisplayRule | null, publishedOn: string, calendar: WorkCalendar): Result<string | null> {
  if (!planned) return ok(null);
  if (!isRealDate(planned)) return fail(400, 'INVALID_DATE', `公示截止日期“${planned}”不是有效日期`);
  const min = displayMinimum(rule, publishedOn, calendar);
  if (min.minEnd && planned < min.minEnd) {
    return fail(
      400,
      'DISPLAY_TOO_SHORT',
      `公示期不得早于${chineseDate(min.minEnd)}结束（目录要求公示不少于${(rule as { n: number }).n}个工作日）；如需提前结束，请撤回并说明理由`,
    );
  }
  if (planned < publishedOn) return fail(400, 'INVALID_DATE', '公示截止日期不能早于发布日期');
  return ok(planned);
}

/** Allocates the next 索引号 serial for unit+year inside the caller's transaction (gap-free, unique). */
async function allocateIndex(trx: Trx, ctx: AppContext, unit: OrgUnitRow, year: number): Promise<{ indexNo: string; serial: number }> {
  const key = INDEX_LOCK_BASE + (crypto.createHash('sha256').update(`${unit.code}|${year}`).digest().readUInt32BE(0) % 1_000_000);
  await lockForUpdate(trx, ctx.dialect, key);
  const serial = await nextIndexSerial(trx, unit.code, year);
  const prefix = unit.index_prefix?.trim() || unit.code;
  return { indexNo: `${prefix}/${year}-${String(serial).padStart(5, '0')}`, serial };
}

/** The masked public copy of the record's structured tables (JSON), or null when it has none. */
export function publicTablesJson(row: DisclosureRow, today: string): string | null {
  const tables = tablesOf(row);
  return tables.length ? JSON.stringify(maskData(tables, decisionsOf(row), today)) : null;
}

/**
 * Writes what the public will see of an approved record, as of `publishedAt` (now, or the scheduled
 * time): 索引号, version 1 (masked public copy, content hash), display window. Status is left to the
 * caller. Returns the updated row and the content hash.
 */
async function writeFirstVersion(
  ctx: AppContext,
  scope: CommandScope,
  row: DisclosureRow,
  unit: OrgUnitRow,
  publishedAt: Date,
  calendar: WorkCalendar,
  actor: Actor | null,
  plannedEnd: string | null,
): Promise<{ row: DisclosureRow; hash: string }> {
  const { trx, now } = scope;
  const pubDate = chinaDate(publishedAt);
  const year = Number(pubDate.slice(0, 4));
  const { indexNo, serial } = await allocateIndex(trx, ctx, unit, year);
  const rule = row.display_rule_json ? (JSON.parse(row.display_rule_json) as DisplayRule) : null;
  const win = displayMinimum(rule, pubDate, calendar);
  const pub = publicContent(contentOf(row), decisionsOf(row), chinaDate(now));
  const publicTables = publicTablesJson(row, chinaDate(now));
  const hash = contentHash({
    disclosureId: row.id,
    versionNo: 1,
    unitCode: row.unit_code,
    indexNo,
    title: pub.title,
    docNo: pub.docNo,
    formedOn: row.formed_on,
    bodyHtml: pub.bodyHtml,
    tables: publicTables,
  });
  await insertVersion(trx, {
    id: uuid(),
    disclosure_id: row.id,
    version_no: 1,
    title: row.title,
    doc_no: row.doc_no,
    body_html: row.body_html,
    public_title: pub.title,
    public_body_html: pub.bodyHtml,
    reason: null,
    content_hash: hash,
    tables_json: row.tables_json ?? null,
    public_tables_json: publicTables,
    created_at: publishedAt.toISOString(),
    created_by: actor?.userId ?? row.published_by,
  });
  const next: DisclosureRow = {
    ...row,
    published_at: publishedAt.toISOString(),
    published_by: row.published_by ?? actor?.userId ?? null,
    index_no: indexNo,
    index_year: year,
    index_serial: serial,
    display_min_end: win.minEnd,
    display_provisional: win.provisional,
    display_planned_end: plannedEnd ?? row.display_planned_end,
    current_version: 1,
    updated_at: now.toISOString(),
  };
  await updateDisclosure(trx, row.id, next);
  return { row: next, hash };
}

/**
 * Records the publication of a record whose first version is written (published now, or a scheduled
 * one whose time has come): status, obligation event, workflow step, audit event, then `announce`
 * (listing, search, cache stamp, webhooks).
 */
async function completePublication(
  ctx: AppContext,
  scope: CommandScope,
  row: DisclosureRow,
  unit: OrgUnitRow,
  actor: Actor | null,
  hash: string,
): Promise<DisclosureRow> {
  const { trx, now, audit } = scope;
  // Obligation link: an event-based item gets its triggering event recorded (as the catalog's
  // recordEvent would) so the obligation exists and this disclosure fulfils it.
  let eventId = row.event_id;
  const itemRule = row.item_id ? await itemTimeRuleKind(trx, row.item_id) : null;
  if (row.item_key && row.item_id && !eventId && itemRule && itemRule !== 'recurring') {
    eventId = uuid();
    const title = await versionPublicTitle(trx, row.id, 1);
    await insertEvent(trx, {
      id: eventId,
      unit_code: row.unit_code,
      item_key: row.item_key,
      item_id: row.item_id,
      occurred_on: row.formed_on,
      title: row.title,
      created_at: now.toISOString(),
      created_by: actor?.username ?? null,
    });
    await audit({
      unitCode: row.unit_code,
      action: 'catalog.event.record',
      entityType: 'catalog_event',
      entityId: eventId,
      before: null,
      after: { itemKey: row.item_key, itemId: row.item_id, occurredOn: row.formed_on, title, disclosureId: row.id },
    });
  }
  const scheduled = row.status === 'scheduled';
  const next: DisclosureRow = { ...row, status: 'published', event_id: eventId, updated_at: now.toISOString() };
  await updateDisclosure(trx, row.id, { status: next.status, event_id: eventId, updated_at: next.updated_at });
  await step(trx, row, 'publish', row.status, 'published', actor, null, scheduled ? '定时发布' : null, now.toISOString());
  await audit({
    unitCode: row.unit_code,
    action: 'disclosure.publish',
    entityType: 'disclosure',
    entityId: row.id,
    before: { status: row.status },
    after: {
      status: 'published',
      indexNo: row.index_no,
      version: 1,
      contentHash: hash,
      publishedAt: row.published_at,
      displayMinEnd: row.display_min_end,
      scheduled,
    },
  });
  await announce(ctx, scope, 'disclosure.published', row.id, unit.path);
  return next;
}

export async function publishDisclosure(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { at?: string; displayEnd?: string },
): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  let at: Date | null = null;
  if (input.at) {
    at = new Date(input.at);
    if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(input.at))
      return fail(400, 'INVALID_TIME', `定时发布时间“${input.at}”格式不正确（应为 ISO 时间，例如 2026-11-26T08:00:00+08:00）`);
  }
  await settleDue(ctx, id);
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now, audit } = scope;
    if (at && at.getTime() <= now.getTime()) return fail(400, 'INVALID_TIME', '定时发布时间须晚于当前时间；立即发布请不填时间');
    const tr = await transition(trx, actor, id, 'publish', ctx.dialect);
    if (!tr.ok) return tr;
    const { row, unit, t } = tr.value;
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.name}已撤销，不能再发布新的公开内容`);
    const gate = await piiGate(trx, row, chinaDate(now), { fileReview: true });
    if (gate) return gate;
    const rule = row.display_rule_json ? (JSON.parse(row.display_rule_json) as DisplayRule) : null;
    const planned = checkPlannedEnd(input.displayEnd, rule, chinaDate(at ?? now), calendar);
    if (!planned.ok) return planned;
    if (at) {
      // Everything the public will see at `at` is written now (reads filter by time); the job records the publication.
      const scheduled = { ...row, status: 'scheduled', scheduled_at: at.toISOString(), published_by: actor.userId };
      const first = await writeFirstVersion(ctx, scope, scheduled, unit, at, calendar, actor, planned.value);
      await step(trx, row, 'schedule', row.status, 'scheduled', actor, t.role, `定时于 ${at.toISOString()} 发布`, now.toISOString());
      await audit({
        unitCode: row.unit_code,
        action: 'disclosure.schedule',
        entityType: 'disclosure',
        entityId: id,
        before: { status: row.status },
        after: {
          status: 'scheduled',
          scheduledAt: scheduled.scheduled_at,
          indexNo: first.row.index_no,
          version: 1,
          contentHash: first.hash,
          displayMinEnd: first.row.display_min_end,
        },
      });
      await publicChanged(ctx, scope, id);
      return ok(first.row);
    }
    const first = await writeFirstVersion(ctx, scope, { ...row, published_by: actor.userId }, unit, now, calendar, actor, planned.value);
    return ok(await completePublication(ctx, scope, first.row, unit, actor, first.hash));
  });
}

/**
 * Records the publication of one scheduled record whose time has come (the job, and commands acting
 * on the record). Idempotent: the status is re-checked under the record's lock, so of several
 * processes or callers exactly one records it. A record scheduled before its first version was
 * written at scheduling time (older releases) gets it here, as of its scheduled time.
 */
export async function publishIfDue(ctx: AppContext, id: string, calendar?: WorkCalendar): Promise<boolean> {
  const cal = calendar ?? (await getCalendar(ctx));
  const r = await runCommand(ctx, { actor: null }, async (scope) => {
    await lockDisclosure(scope.trx, ctx.dialect, id);
    const row = await findDisclosure(scope.trx, id);
    if (!row || row.status !== 'scheduled' || !row.scheduled_at || row.scheduled_at > scope.now.toISOString()) return ok(false);
    const unit = await findUnit(scope.trx, row.unit_code);
    if (!unit) return ok(false);
    let current: DisclosureRow = row;
    let hash: string;
    if (row.current_version === 0) {
      const first = await writeFirstVersion(ctx, scope, row, unit, new Date(row.scheduled_at), cal, null, null);
      current = first.row;
      hash = first.hash;
    } else {
      hash = await versionContentHash(scope.trx, id, 1);
    }
    await completePublication(ctx, scope, current, unit, null, hash);
    return ok(true);
  });
  return r.ok && r.value;
}

/** Before a command acts on a record: a scheduled record whose time has come is recorded as published first. */
export async function settleDue(ctx: AppContext, id: string): Promise<void> {
  const row = await findScheduleState(ctx.db, id);
  if (row?.status === 'scheduled' && row.scheduled_at && row.scheduled_at <= ctx.clock.now().toISOString()) {
    await refreshPiiRules(ctx.db);
    await publishIfDue(ctx, id);
  }
}

/**
 * The publishing job (every runner tick): records every due scheduled publication (they are already
 * visible by time), and writes the public version of records scheduled by older releases without one.
 * Safe on several processes at once and as often as called.
 */
export async function publishDueScheduled(ctx: AppContext, limit = 500): Promise<{ published: number; prepared: number }> {
  const nowIso = ctx.clock.now().toISOString();
  const due = await listDueScheduled(ctx.db, nowIso, limit);
  const legacy = await listUnpreparedScheduled(ctx.db, nowIso, limit);
  if (due.length === 0 && legacy.length === 0) return { published: 0, prepared: 0 };
  // Publishing masks the content: the county's current personal-data rules.
  await refreshPiiRules(ctx.db);
  const calendar = await getCalendar(ctx);
  let published = 0;
  for (const { id } of due) if (await publishIfDue(ctx, id, calendar)) published += 1;
  let prepared = 0;
  for (const { id } of legacy) {
    const r = await runCommand(ctx, { actor: null }, async (scope) => {
      await lockDisclosure(scope.trx, ctx.dialect, id);
      const row = await findDisclosure(scope.trx, id);
      if (!row || row.status !== 'scheduled' || row.current_version !== 0 || !row.scheduled_at) return ok(false);
      const unit = await findUnit(scope.trx, row.unit_code);
      if (!unit) return ok(false);
      await writeFirstVersion(ctx, scope, row, unit, new Date(row.scheduled_at), calendar, null, null);
      await publicChanged(ctx, scope, id);
      return ok(true);
    });
    if (r.ok && r.value) prepared += 1;
  }
  return { published, prepared };
}

export async function setDisplayEnd(ctx: AppContext, meta: CommandMeta, id: string, until: string): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  await settleDue(ctx, id);
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'set_display_end', ctx.dialect);
    if (!tr.ok) return tr;
    const { row, t } = tr.value;
    const rule = row.display_rule_json ? (JSON.parse(row.display_rule_json) as DisplayRule) : null;
    const planned = checkPlannedEnd(until, rule, chinaDate(new Date(row.published_at!)), calendar);
    if (!planned.ok) return planned;
    await updateDisclosure(trx, id, { display_planned_end: planned.value, updated_at: now.toISOString() });
    await step(trx, row, 'set_display_end', row.status, row.status, actor, t.role, `公示至${until}`, now.toISOString());
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.display_end',
      entityType: 'disclosure',
      entityId: id,
      before: { plannedEnd: row.display_planned_end },
      after: { plannedEnd: planned.value },
    });
    // The public page and lists show 公示至, the listing and the index hold the window: an extended window makes the record current again.
    await publicChanged(ctx, { trx, now }, id);
    return ok({ ...row, display_planned_end: planned.value });
  });
}

/**
 * A public reason (correction, withdrawal) is shown on the page, in the notice and in webhooks as written: it may
 * not contain personal data (it is refused, not masked, so the reason stays readable as the reviewer wrote it).
 */
export function reasonProblem(reason: string, what: string, today: string): Result<never> | null {
  const hits = scanText(reason, piiRules(), { today });
  if (!hits.length) return null;
  const kinds = [...new Set(hits.map((h) => (h.kind === 'custom' ? h.label : (KIND_TEXT[h.kind] ?? h.label))))];
  return fail(400, 'REASON_HAS_PII', `${what}会公开显示，其中不能写个人信息（发现${kinds.join('、')}），请删去后再提交`);
}

export async function withdrawDisclosure(ctx: AppContext, meta: CommandMeta, id: string, reasonRaw: string): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  const reason = reasonRaw.trim();
  if (reason.length < 2) return fail(400, 'REASON_REQUIRED', '撤回须填写公开的撤回理由');
  if (reason.length > 500) return fail(400, 'REASON_TOO_LONG', '撤回理由不能超过500字');
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const bad = reasonProblem(reason, '撤回理由', chinaDate(now));
    if (bad) return bad;
    const tr = await transition(trx, actor, id, 'withdraw', ctx.dialect);
    if (!tr.ok) return tr;
    const { row, unit, t } = tr.value;
    const at = now.toISOString();
    const next = { ...row, status: 'withdrawn', withdrawn_at: at, withdrawn_by: actor.userId, withdrawn_reason: reason, updated_at: at };
    await updateDisclosure(trx, id, next);
    await step(trx, row, 'withdraw', row.status, 'withdrawn', actor, t.role, reason, at);
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.withdraw',
      entityType: 'disclosure',
      entityId: id,
      before: { status: row.status },
      after: { status: 'withdrawn', reason, beforeMinimum: !!row.display_min_end && chinaDate(now) < row.display_min_end },
    });
    await announce(ctx, { trx, now }, 'disclosure.withdrawn', id, unit.path);
    return ok(next);
  });
}

/** 更正 (corrections) are proposed and approved by two people: disclosure.corrections.ts. */

export interface PiiHitView {
  field: string;
  /** Where: 标题, 正文, “财务收支明细Excel第5行 摘要”, “附件“x.xlsx”工作表“Sheet1”第3行”. */
  location: string;
  kind: string;
  label: string;
  fingerprint: string;
  value: string;
  masked: string;
  decision: { action: 'mask' | 'allow'; reason: string | null; at: string } | null;
}

/** Scans the working content (staff only: the hits carry original values). */
export async function scanDisclosure(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ hits: PiiHitView[]; unresolved: number }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadForCommand(trx, actor, id);
    if (!loaded.ok) return loaded;
    const { row } = loaded.value;
    const decisions = decisionsOf(row);
    const latest = new Map<string, PiiDecision>();
    for (const d of [...decisions].sort((a, b) => a.at.localeCompare(b.at))) latest.set(d.hitFingerprint, d);
    const hits = (await scanRecord(trx, row, chinaDate(now))).map((h) => {
      const d = latest.get(h.fingerprint);
      return {
        field: h.field,
        location: 'location' in h ? h.location : h.field === 'title' ? '标题' : '正文',
        kind: h.kind,
        label: h.label,
        fingerprint: h.fingerprint,
        value: h.value,
        masked: h.masked,
        decision: d ? { action: d.action, reason: d.reason ?? null, at: d.at } : null,
      };
    });
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.pii.scan',
      entityType: 'disclosure',
      entityId: id,
      after: { hits: hits.length, unresolved: hits.filter((h) => !h.decision).length },
    });
    return ok({ hits, unresolved: hits.filter((h) => !h.decision).length });
  });
}

export async function decidePii(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { fingerprint: string; action: 'mask' | 'allow'; reason?: string },
): Promise<Result<{ decisions: number }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, input.action === 'allow' ? 'pii_allow' : 'pii_mask', ctx.dialect);
    if (!tr.ok) {
      if (tr.status === 403 && input.action === 'allow')
        return fail(403, 'FORBIDDEN', '允许公开个人信息须由审核人员（村务监督委员会成员、单位审核人或县级管理员）决定');
      return tr;
    }
    const { row } = tr.value;
    const decision: PiiDecision = {
      hitFingerprint: input.fingerprint,
      action: input.action,
      reason: input.reason?.trim() || undefined,
      by: actor.userId,
      at: now.toISOString(),
    };
    const problems = validateDecision(decision);
    if (problems.length) return fail(400, 'INVALID_DECISION', input.action === 'allow' ? '允许公开个人信息须填写理由' : problems.join('；'));
    const decisions = [...decisionsOf(row), decision];
    await updateDisclosure(trx, id, { pii_decisions_json: JSON.stringify(decisions), updated_at: decision.at });
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.pii.decide',
      entityType: 'disclosure',
      entityId: id,
      after: { fingerprint: input.fingerprint, action: input.action, reason: decision.reason ?? null },
    });
    return ok({ decisions: decisions.length });
  });
}

export async function setTownReview(ctx: AppContext, meta: CommandMeta, enabled: boolean): Promise<Result<{ townReview: boolean }>> {
  const actor = meta.actor!;
  if (!actor.grants.some((g) => g.role === 'county_admin' && g.unitPath.split('/').filter(Boolean).length === 1))
    return fail(403, 'FORBIDDEN', '只有县级管理员可以修改发布流程设置');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await townReviewEnabled(trx);
    const at = now.toISOString();
    await writeSetting(trx, TOWN_REVIEW_KEY, JSON.stringify(enabled), at);
    await audit({
      unitCode: null,
      action: 'publishing.settings.update',
      entityType: 'app_setting',
      entityId: TOWN_REVIEW_KEY,
      before: { townReview: before },
      after: { townReview: enabled },
    });
    return ok({ townReview: enabled });
  });
}

export async function setIndexPrefix(
  ctx: AppContext,
  meta: CommandMeta,
  code: string,
  prefix: string | null,
): Promise<Result<{ unitCode: string; indexPrefix: string | null }>> {
  const actor = meta.actor!;
  const value = prefix?.trim() || null;
  if (value && !/^[0-9A-Za-z-]{1,30}$/.test(value)) return fail(400, 'INVALID_PREFIX', '索引号前缀只能由数字、字母和“-”组成，最多30个字符');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, code);
    if (!unit || !isUnitStaff(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
    if (!actorCoversPath(actor, unit.path, ['county_admin'])) return fail(403, 'FORBIDDEN', '索引号前缀由县级管理员设置');
    await setUnitIndexPrefix(trx, code, value, now.toISOString());
    await audit({
      unitCode: code,
      action: 'publishing.index_prefix.set',
      entityType: 'org_unit',
      entityId: code,
      before: { indexPrefix: unit.index_prefix ?? null },
      after: { indexPrefix: value },
    });
    return ok({ unitCode: code, indexPrefix: value });
  });
}
