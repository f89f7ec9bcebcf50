/**
 * Every query on the interaction module's tables — the only place in the module that builds SQL.
 * Dialect-neutral (text/integer columns; the serial lock is platform/db's `lockForUpdate`).
 */
import './interaction.tables.ts';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { likeText, lockForUpdate, type Dialect, type Executor, type Trx } from '../../platform/db/database.ts';
import type {
  InteractionBoxOpeningTable,
  InteractionBoxTable,
  InteractionCaseTable,
  InteractionFileTable,
  InteractionInvestigationTable,
  InteractionKnowledgeTable,
  InteractionReplyTemplateTable,
  InteractionStepTable,
} from './interaction.tables.ts';
import { mergeSettings, SETTINGS_KEY, type InteractionSettings } from './interaction.settings.ts';

const SERIAL_LOCK_BASE = 76_630_000;

export type CaseRow = InteractionCaseTable;

// ── settings ────────────────────────────────────────────────────────────────────────────────────────
export async function loadSettings(db: Executor): Promise<InteractionSettings> {
  const row = await db.selectFrom('app_settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return mergeSettings(row ? (JSON.parse(row.value_json) as Partial<InteractionSettings>) : null);
}

export async function saveSettings(trx: Executor, s: InteractionSettings, now: Date): Promise<void> {
  const value = JSON.stringify(s);
  await trx
    .insertInto('app_settings')
    .values({ key: SETTINGS_KEY, value_json: value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value, updated_at: now.toISOString() }))
    .execute();
}

// ── cases ───────────────────────────────────────────────────────────────────────────────────────────
/** 编号 serial per year, allocated inside the intake transaction. */
export async function nextCaseSerial(trx: Trx, dialect: Dialect, year: number): Promise<number> {
  await lockForUpdate(trx, dialect, SERIAL_LOCK_BASE + year);
  const row = await trx.selectFrom('interaction_serials').select('last').where('year', '=', year).executeTakeFirst();
  const next = (row?.last ?? 0) + 1;
  if (row) await trx.updateTable('interaction_serials').set({ last: next }).where('year', '=', year).execute();
  else await trx.insertInto('interaction_serials').values({ year, last: next }).execute();
  return next;
}

export async function insertCase(trx: Executor, row: CaseRow): Promise<void> {
  await trx.insertInto('interaction_cases').values(row).execute();
}

export async function updateCase(trx: Executor, id: string, patch: Partial<CaseRow>): Promise<void> {
  await trx.updateTable('interaction_cases').set(patch).where('id', '=', id).execute();
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('interaction_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByNo(db: Executor, caseNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('interaction_cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
}

export async function findCaseByTracking(db: Executor, code: string): Promise<CaseRow | undefined> {
  return db.selectFrom('interaction_cases').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

export async function casesMergedInto(db: Executor, id: string): Promise<CaseRow[]> {
  return db.selectFrom('interaction_cases').selectAll().where('merged_into', '=', id).orderBy('received_on').execute();
}

export interface CaseListFilter {
  /** Subtree roots (materialized paths) the caller may see: a case is listed when its unit or its first unit is inside one. */
  roots: readonly string[];
  status?: string;
  kind?: string;
  unitCode?: string;
  q?: string;
  overdueOn?: string;
  openStatuses?: readonly string[];
  limit: number;
  offset: number;
}

export async function listCases(
  db: Executor,
  f: CaseListFilter,
): Promise<{ total: number; rows: (CaseRow & { unit_name: string; origin_unit_name: string })[] }> {
  if (!f.roots.length) return { total: 0, rows: [] };
  let q = db
    .selectFrom('interaction_cases as c')
    .innerJoin('org_units as u', 'u.code', 'c.unit_code')
    .innerJoin('org_units as o', 'o.code', 'c.origin_unit_code')
    .where((eb) => eb.or(f.roots.flatMap((r) => [eb('u.path', 'like', `${r}%`), eb('o.path', 'like', `${r}%`)])));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.unitCode) q = q.where((eb) => eb.or([eb('c.unit_code', '=', f.unitCode!), eb('c.origin_unit_code', '=', f.unitCode!)]));
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([likeText('c.content', text), likeText('c.subject', text), likeText('c.case_no', text)]));
  }
  if (f.overdueOn && f.openStatuses) q = q.where('c.status', 'in', [...f.openStatuses]).where('c.due_on', '<', f.overdueOn);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .select(['u.name as unit_name', 'o.name as origin_unit_name'])
    .orderBy('c.received_on', 'desc')
    .orderBy('c.case_no', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** Open cases of one unit received since a date (likely duplicates are looked for among them). */
export async function recentCasesOfUnit(db: Executor, unitCode: string, since: string, excludeId: string): Promise<CaseRow[]> {
  return db
    .selectFrom('interaction_cases')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('id', '!=', excludeId)
    .where('received_on', '>=', since)
    .where('status', 'not in', ['returned', 'merged'])
    .orderBy('received_on', 'desc')
    .limit(500)
    .execute();
}

/** Cases still owed by their unit (reminders): every open status, with their units. */
export async function openCasesWithUnits(
  db: Executor,
  statuses: readonly string[],
  unitCodes?: readonly string[],
): Promise<(CaseRow & { unit_path: string; unit_name: string })[]> {
  let q = db
    .selectFrom('interaction_cases as c')
    .innerJoin('org_units as u', 'u.code', 'c.unit_code')
    .selectAll('c')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('c.status', 'in', [...statuses]);
  if (unitCodes?.length) q = q.where((eb) => eb.or([eb('c.unit_code', 'in', [...unitCodes]), eb('c.origin_unit_code', 'in', [...unitCodes])]));
  return q.execute();
}

/** Questions on one disclosure (public section: how many, and the answers both sides agreed to publish). */
export async function casesOnDisclosure(db: Executor, disclosureId: string): Promise<CaseRow[]> {
  return db
    .selectFrom('interaction_cases')
    .selectAll()
    .where('disclosure_id', '=', disclosureId)
    .where('status', 'not in', ['merged'])
    .orderBy('received_on')
    .execute();
}

/** Published handled cases (选登), newest first, optionally of one unit's subtree. */
export async function publishedCases(
  db: Executor,
  opts: { unitPath?: string; limit: number; offset: number },
): Promise<{ total: number; rows: (CaseRow & { unit_name: string; answered_unit_name: string | null })[] }> {
  let q = db
    .selectFrom('interaction_cases as c')
    .innerJoin('org_units as u', 'u.code', 'c.origin_unit_code')
    .leftJoin('org_units as a', 'a.code', 'c.answered_unit_code')
    .where('c.published', '=', 1);
  if (opts.unitPath) q = q.where('u.path', 'like', `${opts.unitPath}%`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .select(['u.name as unit_name', 'a.name as answered_unit_name'])
    .orderBy('c.answered_on', 'desc')
    .orderBy('c.case_no', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** A published case (选登), or one whose publication was withdrawn (its address then says why). */
export async function findPublishedCase(db: Executor, id: string): Promise<(CaseRow & { unit_name: string; answered_unit_name: string | null }) | undefined> {
  return db
    .selectFrom('interaction_cases as c')
    .innerJoin('org_units as u', 'u.code', 'c.origin_unit_code')
    .leftJoin('org_units as a', 'a.code', 'c.answered_unit_code')
    .selectAll('c')
    .select(['u.name as unit_name', 'a.name as answered_unit_name'])
    .where('c.id', '=', id)
    .where((eb) => eb.or([eb('c.published', '=', 1), eb('c.publication_withdrawn_on', 'is not', null)]))
    .executeTakeFirst();
}

/** Cases received in [from, to] (dates) under a subtree, for the monthly figures and the assessment. */
export async function casesReceivedBetween(db: Executor, from: string, to: string, unitPath?: string): Promise<(CaseRow & { origin_path: string })[]> {
  let q = db
    .selectFrom('interaction_cases as c')
    .innerJoin('org_units as o', 'o.code', 'c.origin_unit_code')
    .selectAll('c')
    .select('o.path as origin_path')
    .where('c.received_on', '>=', from)
    .where('c.received_on', '<=', to)
    .where('c.status', '!=', 'merged');
  if (unitPath) q = q.where('o.path', 'like', `${unitPath}%`);
  return q.execute();
}

// ── steps ───────────────────────────────────────────────────────────────────────────────────────────
export async function insertStep(trx: Executor, s: Omit<InteractionStepTable, 'id' | 'seq'>): Promise<void> {
  const last = await trx
    .selectFrom('interaction_steps')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('case_id', '=', s.case_id)
    .executeTakeFirst();
  await trx
    .insertInto('interaction_steps')
    .values({ ...s, id: crypto.randomUUID(), seq: Number(last?.m ?? 0) + 1 })
    .execute();
}

export async function stepsOf(db: Executor, caseId: string): Promise<InteractionStepTable[]> {
  return db.selectFrom('interaction_steps').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** The steps of one action on several cases at once (e.g. the corrections of the 选登 on a public list), by case and seq. */
export async function stepsOfAction(db: Executor, caseIds: readonly string[], action: string): Promise<InteractionStepTable[]> {
  if (!caseIds.length) return [];
  return db
    .selectFrom('interaction_steps')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('action', '=', action)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
}

// ── investigations and files ────────────────────────────────────────────────────────────────────────
export async function insertInvestigation(trx: Executor, row: InteractionInvestigationTable): Promise<void> {
  await trx.insertInto('interaction_investigations').values(row).execute();
}

export async function investigationsOf(db: Executor, caseId: string): Promise<InteractionInvestigationTable[]> {
  return db.selectFrom('interaction_investigations').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function markOrderDone(trx: Executor, caseId: string, on: string): Promise<void> {
  await trx
    .updateTable('interaction_investigations')
    .set({ order_done_on: on })
    .where('case_id', '=', caseId)
    .where('order_kind', '=', 'correct')
    .where('order_done_on', 'is', null)
    .execute();
}

/** Open orders to correct (compliance, to-do): the order is open until the village has proposed its correction. */
export async function openOrders(db: Executor, unitPath?: string): Promise<(InteractionInvestigationTable & { case_no: string; order_unit_path: string })[]> {
  let q = db
    .selectFrom('interaction_investigations as i')
    .innerJoin('interaction_cases as c', 'c.id', 'i.case_id')
    .innerJoin('org_units as u', 'u.code', 'i.order_unit_code')
    .selectAll('i')
    .select(['c.case_no', 'u.path as order_unit_path'])
    .where('i.order_kind', '=', 'correct')
    .where('i.order_done_on', 'is', null);
  if (unitPath) q = q.where('u.path', 'like', `${unitPath}%`);
  return q.execute();
}

export async function insertFile(trx: Executor, row: InteractionFileTable): Promise<void> {
  await trx.insertInto('interaction_files').values(row).execute();
}

export async function filesOf(db: Executor, caseId: string): Promise<InteractionFileTable[]> {
  return db.selectFrom('interaction_files').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function findFile(db: Executor, caseId: string, fileId: string): Promise<InteractionFileTable | undefined> {
  return db.selectFrom('interaction_files').selectAll().where('case_id', '=', caseId).where('id', '=', fileId).executeTakeFirst();
}

// ── knowledge list ──────────────────────────────────────────────────────────────────────────────────
export type KnowledgeRow = InteractionKnowledgeTable;

export async function insertKnowledge(trx: Executor, row: KnowledgeRow): Promise<void> {
  await trx.insertInto('interaction_knowledge').values(row).execute();
}

export async function updateKnowledge(trx: Executor, id: string, patch: Partial<KnowledgeRow>): Promise<void> {
  await trx.updateTable('interaction_knowledge').set(patch).where('id', '=', id).execute();
}

export async function findKnowledge(db: Executor, id: string): Promise<(KnowledgeRow & { unit_path: string; unit_name: string }) | undefined> {
  return db
    .selectFrom('interaction_knowledge as k')
    .innerJoin('org_units as u', 'u.code', 'k.unit_code')
    .selectAll('k')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export async function listKnowledge(
  db: Executor,
  opts: { roots?: readonly string[]; unitPath?: string; status?: string; limit: number; offset: number },
): Promise<{ total: number; rows: (KnowledgeRow & { unit_path: string; unit_name: string })[] }> {
  let q = db.selectFrom('interaction_knowledge as k').innerJoin('org_units as u', 'u.code', 'k.unit_code');
  if (opts.roots) {
    if (!opts.roots.length) return { total: 0, rows: [] };
    q = q.where((eb) => eb.or(opts.roots!.map((r) => eb('u.path', 'like', `${r}%`))));
  }
  if (opts.unitPath) q = q.where('u.path', 'like', `${opts.unitPath}%`);
  if (opts.status) q = q.where('k.status', '=', opts.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('k')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .orderBy('k.reviewed_on', 'desc')
    .orderBy('k.created_at', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { total: Number(total.n), rows };
}

// ── 意见箱 ───────────────────────────────────────────────────────────────────────────────────────────
export async function insertBox(trx: Executor, row: InteractionBoxTable): Promise<void> {
  await trx.insertInto('interaction_boxes').values(row).execute();
}

export async function updateBox(trx: Executor, id: string, patch: Partial<Pick<InteractionBoxTable, 'location' | 'board_id' | 'active'>>): Promise<void> {
  await trx.updateTable('interaction_boxes').set(patch).where('id', '=', id).execute();
}

export async function findBox(
  db: Executor,
  id: string,
): Promise<(InteractionBoxTable & { unit_path: string; unit_name: string; unit_kind: string }) | undefined> {
  return db
    .selectFrom('interaction_boxes as b')
    .innerJoin('org_units as u', 'u.code', 'b.unit_code')
    .selectAll('b')
    .select(['u.path as unit_path', 'u.name as unit_name', 'u.kind as unit_kind'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function listBoxes(
  db: Executor,
  roots: readonly string[],
): Promise<(InteractionBoxTable & { unit_path: string; unit_name: string; last_opened_on: string | null; openings: number })[]> {
  if (!roots.length) return [];
  const rows = await db
    .selectFrom('interaction_boxes as b')
    .innerJoin('org_units as u', 'u.code', 'b.unit_code')
    .leftJoin('interaction_box_openings as o', 'o.box_id', 'b.id')
    .selectAll('b')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .select((eb) => [eb.fn.max('o.opened_on').as('last_opened_on'), eb.fn.count<number>('o.id').as('openings')])
    .where((eb) => eb.or(roots.map((r) => eb('u.path', 'like', `${r}%`))))
    .groupBy(['b.id', 'b.unit_code', 'b.board_id', 'b.location', 'b.active', 'b.installed_on', 'b.is_demo', 'b.created_at', 'u.path', 'u.name'])
    .orderBy('u.path')
    .execute();
  return rows.map((r) => ({ ...r, last_opened_on: (r.last_opened_on as string | null) ?? null, openings: Number(r.openings) }));
}

/**
 * The boxes in use of one unit (not its sub-units'), each with the day it was last opened: an index range on
 * (unit_code, active) and, per box, one seek on (box_id, opened_on) — the public page's read, bounded whatever the
 * county's history.
 */
export async function activeBoxesOfUnit(db: Executor, unitCode: string): Promise<(InteractionBoxTable & { last_opened_on: string | null })[]> {
  return db
    .selectFrom('interaction_boxes as b')
    .selectAll('b')
    .select((eb) =>
      eb
        .selectFrom('interaction_box_openings as o')
        .select((o) => o.fn.max('o.opened_on').as('m'))
        .whereRef('o.box_id', '=', 'b.id')
        .as('last_opened_on'),
    )
    .where('b.unit_code', '=', unitCode)
    .where('b.active', '=', 1)
    .orderBy('b.installed_on')
    .orderBy('b.id')
    .execute() as Promise<(InteractionBoxTable & { last_opened_on: string | null })[]>;
}

export async function insertOpening(trx: Executor, row: InteractionBoxOpeningTable): Promise<void> {
  await trx.insertInto('interaction_box_openings').values(row).execute();
}

export async function findOpening(db: Executor, id: string): Promise<InteractionBoxOpeningTable | undefined> {
  return db.selectFrom('interaction_box_openings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openingsOf(db: Executor, boxId: string): Promise<(InteractionBoxOpeningTable & { entered: number })[]> {
  const rows = await db
    .selectFrom('interaction_box_openings as o')
    .leftJoin('interaction_cases as c', 'c.box_opening_id', 'o.id')
    .selectAll('o')
    .select((eb) => eb.fn.count<number>('c.id').as('entered'))
    .where('o.box_id', '=', boxId)
    .groupBy(['o.id', 'o.box_id', 'o.opened_on', 'o.witness1', 'o.witness2', 'o.slip_count', 'o.note', 'o.created_by', 'o.created_at'])
    .orderBy('o.opened_on', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, entered: Number(r.entered) }));
}

export async function slipsEntered(db: Executor, openingId: string): Promise<number> {
  const r = await db
    .selectFrom('interaction_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('box_opening_id', '=', openingId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── reply templates ─────────────────────────────────────────────────────────────────────────────────
export async function templatesOf(db: Executor, unitCode: string): Promise<InteractionReplyTemplateTable[]> {
  return db.selectFrom('interaction_reply_templates').selectAll().where('unit_code', '=', unitCode).orderBy('kind').orderBy('title').execute();
}

export async function replaceTemplates(trx: Executor, unitCode: string, rows: InteractionReplyTemplateTable[]): Promise<void> {
  await trx.deleteFrom('interaction_reply_templates').where('unit_code', '=', unitCode).execute();
  if (rows.length) await trx.insertInto('interaction_reply_templates').values(rows).execute();
}

// ── misc ────────────────────────────────────────────────────────────────────────────────────────────
/** Every active unit, in tree order (the public form's choice of unit). */
export async function activeUnits(db: Executor): Promise<{ code: string; name: string; kind: string; parent_code: string | null }[]> {
  return db
    .selectFrom('org_units')
    .select(['code', 'name', 'kind', 'parent_code'])
    .where('active', '=', 1)
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function userName(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const r = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return r?.display_name ?? null;
}

export async function countyRoot(db: Executor): Promise<{ code: string; path: string } | undefined> {
  return db
    .selectFrom('org_units')
    .select(['code', 'path'])
    .where('parent_code', 'is', null)
    .where('kind', '=', 'county')
    .orderBy('sort_order')
    .executeTakeFirst();
}

/** True when any demo case exists (the demo seed is idempotent). */
export async function hasDemoCases(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('interaction_cases').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return !!r;
}

export { sql };
