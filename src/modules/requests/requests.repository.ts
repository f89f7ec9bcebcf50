/**
 * The requests module's tables (info_requests and its handling tables): the one file of the module that builds SQL
 * for them. Commands and queries decide; these functions read and write rows as told.
 */
import './request.handling.tables.ts';
import { likeText, type Executor, type Trx } from '../../platform/db/database.ts';
import type { InfoRequestTable } from './request.tables.ts';
import type { InfoRequestConsultationTable, InfoRequestFeeTable, InfoRequestLetterTable, InfoRequestStepTable } from './request.handling.tables.ts';

export type RequestWithUnit = InfoRequestTable & { unit_name: string; unit_path: string };

// ── cases ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface RequestListFilter {
  /** Org paths of the actor's grants: a case is listed when its unit lies under one of them. */
  roots: string[];
  status?: string;
  unit?: string;
  /** Matches the registration number or the description (substring) or the tracking code (exactly, upper case). */
  q?: string;
  /** Open cases whose answer date is before this date. */
  overdue?: { statuses: readonly string[]; before: string };
}

function filtered(db: Executor, f: RequestListFilter) {
  let qb = db
    .selectFrom('info_requests as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .where((eb) => eb.or(f.roots.map((p) => eb('u.path', 'like', `${p}%`))));
  if (f.status) qb = qb.where('r.status', '=', f.status);
  if (f.unit) qb = qb.where('r.unit_code', '=', f.unit);
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([likeText('r.reg_no', q), likeText('r.info_description', q), eb('r.tracking_code', '=', q.toUpperCase())]));
  }
  if (f.overdue) qb = qb.where('r.status', 'in', [...f.overdue.statuses]).where('r.due_on', '<', f.overdue.before);
  return qb;
}

/** One page of the staff list, newest first, with the total of the filter. */
export async function listRequestRows(
  db: Executor,
  f: RequestListFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: (InfoRequestTable & { unit_name: string })[] }> {
  const total = Number(
    (
      await filtered(db, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await filtered(db, f)
    .selectAll('r')
    .select(['u.name as unit_name'])
    .orderBy('r.created_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total, rows };
}

export async function findRequest(db: Executor, id: string): Promise<InfoRequestTable | undefined> {
  return db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestWithUnit(db: Executor, id: string): Promise<RequestWithUnit | undefined> {
  return db
    .selectFrom('info_requests as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .selectAll('r')
    .select(['u.name as unit_name', 'u.path as unit_path'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function findRequestByTrackingCode(db: Executor, trackingCode: string): Promise<(InfoRequestTable & { unit_name: string }) | undefined> {
  return db
    .selectFrom('info_requests as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .selectAll('r')
    .select(['u.name as unit_name'])
    .where('r.tracking_code', '=', trackingCode)
    .executeTakeFirst();
}

/** Cases in these statuses; only those already received when `receivedOnly`. */
export async function requestsInStatuses(db: Executor, statuses: readonly string[], opts: { receivedOnly?: boolean } = {}): Promise<InfoRequestTable[]> {
  let qb = db
    .selectFrom('info_requests')
    .selectAll()
    .where('status', 'in', [...statuses]);
  if (opts.receivedOnly) qb = qb.where('received_on', 'is not', null);
  return qb.execute();
}

export async function insertRequest(trx: Trx, row: InfoRequestTable): Promise<void> {
  await trx.insertInto('info_requests').values(row).execute();
}

export async function updateRequest(trx: Executor, id: string, set: Partial<InfoRequestTable>): Promise<void> {
  await trx.updateTable('info_requests').set(set).where('id', '=', id).execute();
}

export async function markRequestsDemo(db: Executor, ids: string[]): Promise<void> {
  if (ids.length) await db.updateTable('info_requests').set({ is_demo: 1 }).where('id', 'in', ids).execute();
}

export async function anyDemoRequest(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('info_requests').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst());
}

/** Applications received in [from, to] (dates), with their applicant, for counting one applicant's applications. */
export async function requestsReceivedBetween(
  trx: Executor,
  from: string,
  to: string,
): Promise<Pick<InfoRequestTable, 'id' | 'applicant_json' | 'received_on' | 'created_at'>[]> {
  return trx
    .selectFrom('info_requests')
    .select(['id', 'applicant_json', 'received_on', 'created_at'])
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .execute();
}

/** Cases of units under `rootPath` whose answer date or answer falls in [from, to] (timeliness figures). */
export async function requestsDueOrAnsweredIn(db: Executor, q: { rootPath: string; from: string; to: string }) {
  return db
    .selectFrom('info_requests as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .where('u.path', 'like', `${q.rootPath}%`)
    .where('r.due_on', 'is not', null)
    .where((eb) => eb.or([eb.between('r.due_on', q.from, q.to), eb.between('r.decided_on', q.from, q.to)]))
    .select(['r.id', 'r.unit_code', 'r.reg_no', 'r.due_on', 'r.decided_on', 'r.decision_type'])
    .execute();
}

// ── steps, consultations, fees, letters ───────────────────────────────────────────────────────────────────────────

export async function caseParts(
  db: Executor,
  requestId: string,
): Promise<{ steps: InfoRequestStepTable[]; consultations: InfoRequestConsultationTable[]; fees: InfoRequestFeeTable[] }> {
  const [steps, consultations, fees] = await Promise.all([
    db.selectFrom('info_request_steps').selectAll().where('request_id', '=', requestId).orderBy('seq').execute(),
    db.selectFrom('info_request_consultations').selectAll().where('request_id', '=', requestId).orderBy('sent_on').orderBy('created_at').execute(),
    db.selectFrom('info_request_fees').selectAll().where('request_id', '=', requestId).orderBy('notice_on').orderBy('created_at').execute(),
  ]);
  return { steps, consultations, fees };
}

export async function lastStepSeq(trx: Executor, requestId: string): Promise<number> {
  const last = await trx.selectFrom('info_request_steps').select('seq').where('request_id', '=', requestId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.seq ?? 0;
}

export async function insertStep(trx: Trx, row: InfoRequestStepTable): Promise<void> {
  await trx.insertInto('info_request_steps').values(row).execute();
}

/** The data of the case's latest step of `action`, if any. */
export async function latestStepData(trx: Executor, requestId: string, action: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('info_request_steps')
    .select('data_json')
    .where('request_id', '=', requestId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row?.data_json;
}

export async function insertConsultation(trx: Trx, row: InfoRequestConsultationTable): Promise<void> {
  await trx.insertInto('info_request_consultations').values(row).execute();
}

export async function findConsultation(trx: Executor, requestId: string, id: string): Promise<InfoRequestConsultationTable | undefined> {
  return trx.selectFrom('info_request_consultations').selectAll().where('id', '=', id).where('request_id', '=', requestId).executeTakeFirst();
}

export async function firstConsultationId(db: Executor, requestId: string): Promise<string> {
  return (await db.selectFrom('info_request_consultations').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow()).id;
}

export async function updateConsultation(trx: Trx, id: string, set: Partial<InfoRequestConsultationTable>): Promise<void> {
  await trx.updateTable('info_request_consultations').set(set).where('id', '=', id).execute();
}

export async function insertFee(trx: Trx, row: InfoRequestFeeTable): Promise<void> {
  await trx.insertInto('info_request_fees').values(row).execute();
}

/** The case's latest fee notice not yet paid, if any. */
export async function latestUnpaidFee(trx: Executor, requestId: string): Promise<InfoRequestFeeTable | undefined> {
  return trx
    .selectFrom('info_request_fees')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('paid_on', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function updateFee(trx: Trx, id: string, set: Partial<InfoRequestFeeTable>): Promise<void> {
  await trx.updateTable('info_request_fees').set(set).where('id', '=', id).execute();
}

export async function lettersOf(db: Executor, requestId: string): Promise<InfoRequestLetterTable[]> {
  return db.selectFrom('info_request_letters').selectAll().where('request_id', '=', requestId).execute();
}

/** The case's letter register in the order the letters were issued. */
export async function lettersInIssueOrder(db: Executor, requestId: string): Promise<InfoRequestLetterTable[]> {
  return db
    .selectFrom('info_request_letters')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('issued_on')
    .orderBy('created_at')
    .orderBy('serial')
    .execute();
}

export async function insertLetter(trx: Trx, row: InfoRequestLetterTable): Promise<void> {
  await trx.insertInto('info_request_letters').values(row).execute();
}

/** The last serial issued in one series of a unit's year (0 when none), and storing the next one. */
export async function lastSerial(trx: Executor, key: { unitCode: string; year: number; series: string }): Promise<number | undefined> {
  const row = await trx
    .selectFrom('info_request_serials')
    .select('last')
    .where('unit_code', '=', key.unitCode)
    .where('year', '=', key.year)
    .where('series', '=', key.series)
    .executeTakeFirst();
  return row?.last;
}

export async function storeSerial(trx: Trx, key: { unitCode: string; year: number; series: string }, last: number, exists: boolean): Promise<void> {
  if (exists)
    await trx
      .updateTable('info_request_serials')
      .set({ last })
      .where('unit_code', '=', key.unitCode)
      .where('year', '=', key.year)
      .where('series', '=', key.series)
      .execute();
  else await trx.insertInto('info_request_serials').values({ unit_code: key.unitCode, year: key.year, series: key.series, last }).execute();
}
