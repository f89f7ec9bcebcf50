/** Every query on the assessment, rectification and rollout tables. Dialect-neutral (text/integer columns). */
import './assessment.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type {
  AssessmentFileTable,
  AssessmentManualScoreTable,
  AssessmentPeriodTable,
  AssessmentSnapshotTable,
  RectificationOrderTable,
  RectificationStepTable,
  RolloutCheckTable,
  RolloutUnitTable,
} from './assessment.tables.ts';

// ---------------------------------------------------------------------------------------------------------------
// Evidence files

export type FileRow = AssessmentFileTable & { unit_path: string };

export async function insertFile(db: Executor, row: AssessmentFileTable): Promise<void> {
  await db.insertInto('assessment_files').values(row).execute();
}

export async function findFiles(db: Executor, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('assessment_files as f')
    .innerJoin('org_units as u', 'u.code', 'f.unit_code')
    .selectAll('f')
    .select('u.path as unit_path')
    .where('f.id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Rectification orders

export type OrderRow = RectificationOrderTable & { unit_name: string; unit_path: string };

function ordersQuery(db: Executor) {
  return db
    .selectFrom('rectification_orders as o')
    .innerJoin('org_units as u', 'u.code', 'o.unit_code')
    .selectAll('o')
    .select(['u.name as unit_name', 'u.path as unit_path']);
}

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  return ordersQuery(db).where('o.id', '=', id).executeTakeFirst();
}

export interface OrderFilter {
  roots: string[];
  status?: string;
  unitPath?: string;
  limit: number;
  offset: number;
}

export async function listOrders(db: Executor, f: OrderFilter): Promise<{ total: number; items: OrderRow[] }> {
  if (f.roots.length === 0) return { total: 0, items: [] };
  let q = ordersQuery(db).where((eb) => eb.or(f.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
  const all = await q.orderBy('o.created_at', 'desc').orderBy('o.id').execute();
  return { total: all.length, items: all.slice(f.offset, f.offset + f.limit) };
}

export async function listOpenOrders(db: Executor): Promise<OrderRow[]> {
  return ordersQuery(db).where('o.status', '=', 'issued').orderBy('o.due_date').execute();
}

export async function countOrdersWithSerialPrefix(db: Executor, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('rectification_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('serial', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertOrder(db: Executor, row: RectificationOrderTable): Promise<void> {
  await db.insertInto('rectification_orders').values(row).execute();
}

export async function updateOrder(db: Executor, id: string, patch: Partial<RectificationOrderTable>): Promise<void> {
  await db.updateTable('rectification_orders').set(patch).where('id', '=', id).execute();
}

export async function listSteps(db: Executor, orderId: string): Promise<RectificationStepTable[]> {
  return db.selectFrom('rectification_steps').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
}

export async function insertStep(db: Executor, row: Omit<RectificationStepTable, 'seq'>): Promise<void> {
  const r = await db
    .selectFrom('rectification_steps')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('order_id', '=', row.order_id)
    .executeTakeFirst();
  await db
    .insertInto('rectification_steps')
    .values({ ...row, seq: Number(r?.m ?? 0) + 1 })
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Rollout tracker

export async function listRolloutUnits(db: Executor): Promise<RolloutUnitTable[]> {
  return db.selectFrom('rollout_units').selectAll().execute();
}

export async function upsertRolloutUnit(db: Executor, row: RolloutUnitTable): Promise<void> {
  await db
    .insertInto('rollout_units')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('unit_code')
        .doUpdateSet({ batch: row.batch, is_demo: row.is_demo, note: row.note, assigned_by: row.assigned_by, assigned_at: row.assigned_at }),
    )
    .execute();
}

export async function listChecks(db: Executor, unitCodes?: string[]): Promise<RolloutCheckTable[]> {
  let q = db.selectFrom('rollout_checks').selectAll();
  if (unitCodes) {
    if (unitCodes.length === 0) return [];
    q = q.where('unit_code', 'in', unitCodes);
  }
  return q.execute();
}

export async function upsertCheck(db: Executor, row: RolloutCheckTable): Promise<void> {
  const { unit_code: _u, check_key: _k, ...rest } = row;
  await db
    .insertInto('rollout_checks')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_code', 'check_key']).doUpdateSet(rest))
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Assessment periods

export async function listPeriods(db: Executor): Promise<AssessmentPeriodTable[]> {
  return db.selectFrom('assessment_periods').selectAll().orderBy('start_date', 'desc').orderBy('created_at', 'desc').execute();
}

export async function findPeriod(db: Executor, id: string): Promise<(AssessmentPeriodTable & { root_path: string }) | undefined> {
  return db
    .selectFrom('assessment_periods as p')
    .innerJoin('org_units as u', 'u.code', 'p.root_code')
    .selectAll('p')
    .select('u.path as root_path')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function insertPeriod(db: Executor, row: AssessmentPeriodTable): Promise<void> {
  await db.insertInto('assessment_periods').values(row).execute();
}

export async function updatePeriod(db: Executor, id: string, patch: Partial<AssessmentPeriodTable>): Promise<void> {
  await db.updateTable('assessment_periods').set(patch).where('id', '=', id).execute();
}

export async function currentSnapshot(db: Executor, periodId: string): Promise<AssessmentSnapshotTable | undefined> {
  return db.selectFrom('assessment_snapshots').selectAll().where('period_id', '=', periodId).where('superseded_at', 'is', null).executeTakeFirst();
}

export async function insertSnapshot(db: Executor, row: Omit<AssessmentSnapshotTable, 'seq'>): Promise<number> {
  const r = await db
    .selectFrom('assessment_snapshots')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('period_id', '=', row.period_id)
    .executeTakeFirst();
  const seq = Number(r?.m ?? 0) + 1;
  await db
    .insertInto('assessment_snapshots')
    .values({ ...row, seq })
    .execute();
  return seq;
}

export async function supersedeSnapshots(db: Executor, periodId: string, at: string): Promise<void> {
  await db.updateTable('assessment_snapshots').set({ superseded_at: at }).where('period_id', '=', periodId).where('superseded_at', 'is', null).execute();
}

export async function listManualScores(db: Executor, periodId: string): Promise<AssessmentManualScoreTable[]> {
  return db.selectFrom('assessment_manual_scores').selectAll().where('period_id', '=', periodId).execute();
}

export async function upsertManualScore(db: Executor, row: AssessmentManualScoreTable): Promise<void> {
  await db
    .insertInto('assessment_manual_scores')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['period_id', 'indicator_key', 'unit_code'])
        .doUpdateSet({ value_x100: row.value_x100, note: row.note, evidence_json: row.evidence_json, entered_by: row.entered_by, entered_at: row.entered_at }),
    )
    .execute();
}

export async function deleteManualScore(db: Executor, periodId: string, indicatorKey: string, unitCode: string): Promise<number> {
  const r = await db
    .deleteFrom('assessment_manual_scores')
    .where('period_id', '=', periodId)
    .where('indicator_key', '=', indicatorKey)
    .where('unit_code', '=', unitCode)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The period of `rootCode` over exactly these dates, if one is set (one period per window). */
export async function findPeriodOver(db: Executor, rootCode: string, start: string, end: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('assessment_periods')
    .select('id')
    .where('root_code', '=', rootCode)
    .where('start_date', '=', start)
    .where('end_date', '=', end)
    .executeTakeFirst();
}
