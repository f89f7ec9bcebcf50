/** SQL of the annual report and the 复议/诉讼 records (dialect-neutral; dates are YYYY-MM-DD text). */
import type { Executor } from '../../../platform/db/database.ts';
import type { OrgUnitRow } from '../../org/index.ts';
import type { InfoRequestRemedyTable } from '../request.tables.ts';
import '../request.handling.tables.ts';
import type { AnnualReportTable } from './report.db.ts';
import type { CaseFact, RemedyFact } from './report.tables.ts';

/** Which units' facts to count: one unit's own, or a unit and everything below it. */
export type FactScope = { unitCode: string } | { subtreePath: string };

/**
 * Cases that can appear in `year`'s table 三: received by the year's end and not decided before it,
 * or decided within it (the latter also catches bad data, which the checks then report).
 */
export async function listCaseFacts(db: Executor, scope: FactScope, year: number): Promise<CaseFact[]> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  let q = db
    .selectFrom('info_requests')
    .select(['info_requests.id', 'info_requests.received_on', 'info_requests.applicant_kind', 'info_requests.decision_type', 'info_requests.decided_on']);
  q =
    'unitCode' in scope
      ? q.where('unit_code', '=', scope.unitCode)
      : q.innerJoin('org_units', 'org_units.code', 'info_requests.unit_code').where('org_units.path', 'like', `${scope.subtreePath}%`);
  const rows = await q
    .where((eb) =>
      eb.or([
        eb.and([eb('received_on', 'is not', null), eb('received_on', '<=', end), eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', start)])]),
        eb.and([eb('decided_on', '>=', start), eb('decided_on', '<=', end)]),
      ]),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, receivedOn: r.received_on, applicantKind: r.applicant_kind, decisionType: r.decision_type, decidedOn: r.decided_on }));
}

/**
 * 信息处理费 actually paid in `year` (paid_on within it), from the requests module's fee records, in fen
 * (the records hold whole 元 — the 国办函〔2020〕109号 bands are whole yuan; summed as integers).
 */
export async function sumPaidFees(db: Executor, scope: FactScope, year: number): Promise<{ fen: number; count: number }> {
  let q = db
    .selectFrom('info_request_fees')
    .innerJoin('info_requests', 'info_requests.id', 'info_request_fees.request_id')
    .select(['info_request_fees.amount_yuan']);
  q =
    'unitCode' in scope
      ? q.where('info_requests.unit_code', '=', scope.unitCode)
      : q.innerJoin('org_units', 'org_units.code', 'info_requests.unit_code').where('org_units.path', 'like', `${scope.subtreePath}%`);
  const rows = await q.where('info_request_fees.paid_on', '>=', `${year}-01-01`).where('info_request_fees.paid_on', '<=', `${year}-12-31`).execute();
  return { fen: rows.reduce((a, r) => a + Math.round(Number(r.amount_yuan) * 100), 0), count: rows.length };
}

/** Remedies filed by the year's end (table 四 decides which of them count). */
export async function listRemedyFacts(db: Executor, scope: FactScope, year: number): Promise<RemedyFact[]> {
  let q = db
    .selectFrom('info_request_remedies')
    .select([
      'info_request_remedies.id',
      'info_request_remedies.kind',
      'info_request_remedies.result',
      'info_request_remedies.filed_on',
      'info_request_remedies.concluded_on',
    ]);
  q =
    'unitCode' in scope
      ? q.where('unit_code', '=', scope.unitCode)
      : q.innerJoin('org_units', 'org_units.code', 'info_request_remedies.unit_code').where('org_units.path', 'like', `${scope.subtreePath}%`);
  const rows = await q.where('filed_on', '<=', `${year}-12-31`).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, result: r.result, filedOn: r.filed_on, concludedOn: r.concluded_on }));
}

export async function findReport(db: Executor, unitCode: string, year: number): Promise<AnnualReportTable | undefined> {
  return db.selectFrom('annual_reports').selectAll().where('unit_code', '=', unitCode).where('year', '=', year).executeTakeFirst();
}

/** The stored reports of every unit in a subtree for a year (the aggregate sums their table 二). */
export async function listSubtreeReports(db: Executor, path: string, year: number): Promise<AnnualReportTable[]> {
  return db
    .selectFrom('annual_reports')
    .innerJoin('org_units', 'org_units.code', 'annual_reports.unit_code')
    .selectAll('annual_reports')
    .where('org_units.path', 'like', `${path}%`)
    .where('annual_reports.year', '=', year)
    .execute();
}

export async function insertReport(db: Executor, row: AnnualReportTable): Promise<void> {
  await db.insertInto('annual_reports').values(row).execute();
}

export async function updateReport(db: Executor, id: string, patch: Partial<AnnualReportTable>): Promise<void> {
  await db.updateTable('annual_reports').set(patch).where('id', '=', id).execute();
}

export type RemedyRow = InfoRequestRemedyTable;

export interface RemedyQuery {
  /** Subtree roots the actor may see (materialized paths). */
  roots: string[];
  unitCode?: string;
  year?: number;
  kind?: string;
  result?: string;
  limit: number;
  offset: number;
}

export async function listRemedies(db: Executor, q: RemedyQuery): Promise<{ total: number; items: (RemedyRow & { unit_name: string })[] }> {
  if (!q.roots.length) return { total: 0, items: [] };
  let base = db
    .selectFrom('info_request_remedies')
    .innerJoin('org_units', 'org_units.code', 'info_request_remedies.unit_code')
    .where((eb) => eb.or(q.roots.map((p) => eb('org_units.path', 'like', `${p}%`))));
  if (q.unitCode) base = base.where('info_request_remedies.unit_code', '=', q.unitCode);
  if (q.year) base = base.where('filed_on', '>=', `${q.year}-01-01`).where('filed_on', '<=', `${q.year}-12-31`);
  if (q.kind) base = base.where('info_request_remedies.kind', '=', q.kind);
  if (q.result) base = base.where('result', '=', q.result);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base
    .selectAll('info_request_remedies')
    .select('org_units.name as unit_name')
    .orderBy('filed_on', 'desc')
    .orderBy('info_request_remedies.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total, items };
}

export async function findRemedy(db: Executor, id: string): Promise<RemedyRow | undefined> {
  return db.selectFrom('info_request_remedies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRemedy(db: Executor, row: RemedyRow): Promise<void> {
  await db.insertInto('info_request_remedies').values(row).execute();
}

export async function updateRemedy(db: Executor, id: string, patch: Partial<RemedyRow>): Promise<void> {
  await db.updateTable('info_request_remedies').set(patch).where('id', '=', id).execute();
}

export async function deleteRemedy(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('info_request_remedies').where('id', '=', id).execute();
}

export async function findRequestUnit(db: Executor, requestId: string): Promise<{ id: string; unit_code: string; reg_no: string } | undefined> {
  return db.selectFrom('info_requests').select(['id', 'unit_code', 'reg_no']).where('id', '=', requestId).executeTakeFirst();
}

export function unitKindIsGovernment(unit: Pick<OrgUnitRow, 'kind'>): boolean {
  return unit.kind !== 'village' && unit.kind !== 'community';
}
