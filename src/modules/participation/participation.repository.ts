/**
 * The only place in the participation module that builds SQL. Dialect-neutral (text/integer columns, ISO dates);
 * callers pass either the root handle or an open transaction.
 */
import './participation.tables.ts';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import type {
  ClauseTable,
  CommentTable,
  ConsultationTable,
  DecisionTable,
  EventTable,
  FeedbackTable,
  ParticipationItemTable,
  ParticipationItemVersionTable,
  RegistrationTable,
  SurveyResponseTable,
  SurveyScheduleTable,
  SurveyTable,
} from './participation.tables.ts';

export type ConsultationRow = Selectable<ConsultationTable>;
export type ClauseRow = Selectable<ClauseTable>;
export type CommentRow = Selectable<CommentTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type ItemRow = Selectable<ParticipationItemTable>;
export type ItemVersionRow = Selectable<ParticipationItemVersionTable>;
export type SurveyRow = Selectable<SurveyTable>;
export type ScheduleRow = Selectable<SurveyScheduleTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type EventRow = Selectable<EventTable>;
export type RegistrationRow = Selectable<RegistrationTable>;
export type WithUnit<T> = T & { unit_name: string; unit_path: string; unit_is_demo: number };

const UNIT_COLS = ['u.name as unit_name', 'u.path as unit_path', 'u.is_demo as unit_is_demo'] as const;

/** A where-callback keeping rows whose unit (joined as `u`) lies in one of the subtrees `roots`; null = everywhere. */
function inRoots(roots: readonly string[] | null) {
  return (eb: ExpressionBuilder<Database & { u: Database['org_units'] }, 'u'>) =>
    roots ? eb.or(roots.map((p) => eb('u.path', 'like', `${p}%`))) : eb.lit(true);
}

// ---------------------------------------------------------------------------------------------------------------
// 公众参与事项目录

export async function insertItem(db: Executor, row: ItemRow): Promise<void> {
  await db.insertInto('participation_items').values(row).execute();
}
export async function updateItem(db: Executor, id: string, patch: Partial<ItemRow>): Promise<void> {
  await db.updateTable('participation_items').set(patch).where('id', '=', id).execute();
}
export async function findItem(db: Executor, id: string): Promise<WithUnit<ItemRow> | undefined> {
  return (await db
    .selectFrom('participation_items as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where('t.id', '=', id)
    .executeTakeFirst()) as WithUnit<ItemRow> | undefined;
}
export async function listItems(db: Executor, unitCode: string): Promise<ItemRow[]> {
  return db.selectFrom('participation_items').selectAll().where('unit_code', '=', unitCode).orderBy('planned_on').orderBy('created_at').execute();
}
export async function listItemsInScope(db: Executor, roots: readonly string[] | null): Promise<WithUnit<ItemRow>[]> {
  return (await db
    .selectFrom('participation_items as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(roots))
    .orderBy('t.planned_on')
    .execute()) as WithUnit<ItemRow>[];
}
export async function latestItemVersion(db: Executor, unitCode: string): Promise<ItemVersionRow | undefined> {
  return db.selectFrom('participation_item_versions').selectAll().where('unit_code', '=', unitCode).orderBy('version', 'desc').limit(1).executeTakeFirst();
}
export async function listItemVersions(db: Executor, unitCode: string): Promise<ItemVersionRow[]> {
  return db.selectFrom('participation_item_versions').selectAll().where('unit_code', '=', unitCode).orderBy('version', 'desc').execute();
}
export async function insertItemVersion(db: Executor, row: ItemVersionRow): Promise<void> {
  await db.insertInto('participation_item_versions').values(row).execute();
}
/** Units that have published a list, with their newest version. */
export async function latestItemVersionsAll(db: Executor): Promise<(ItemVersionRow & { unit_name: string; unit_path: string })[]> {
  const rows = await db
    .selectFrom('participation_item_versions as v')
    .innerJoin('org_units as u', 'u.code', 'v.unit_code')
    .selectAll('v')
    .select(['u.name as unit_name', 'u.path as unit_path'])
    .orderBy('v.unit_code')
    .orderBy('v.version', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.unit_code) ? false : (seen.add(r.unit_code), true)));
}
/** Item ids that some published consultation points to. */
export async function consultedItemIds(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('participation_consultations')
    .select(['item_id', 'start_on'])
    .where('item_id', 'is not', null)
    .where('published_at', 'is not', null)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (r.item_id && (!out.has(r.item_id) || out.get(r.item_id)! > r.start_on)) out.set(r.item_id, r.start_on);
  return out;
}

/** For each item, the earliest published consultation that took it up (public: only published ones count). */
export async function consultationsForItems(db: Executor): Promise<Map<string, { id: string; startOn: string }>> {
  const rows = await db
    .selectFrom('participation_consultations')
    .select(['id', 'item_id', 'start_on'])
    .where('item_id', 'is not', null)
    .where('published_at', 'is not', null)
    .orderBy('start_on')
    .execute();
  const out = new Map<string, { id: string; startOn: string }>();
  for (const r of rows) if (r.item_id && !out.has(r.item_id)) out.set(r.item_id, { id: r.id, startOn: r.start_on });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Consultations

export async function insertConsultation(db: Executor, row: ConsultationRow): Promise<void> {
  await db.insertInto('participation_consultations').values(row).execute();
}
export async function updateConsultation(db: Executor, id: string, patch: Partial<ConsultationRow>): Promise<void> {
  await db.updateTable('participation_consultations').set(patch).where('id', '=', id).execute();
}
export async function findConsultation(db: Executor, id: string): Promise<WithUnit<ConsultationRow> | undefined> {
  return (await db
    .selectFrom('participation_consultations as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where('t.id', '=', id)
    .executeTakeFirst()) as WithUnit<ConsultationRow> | undefined;
}
export async function listConsultations(
  db: Executor,
  q: { roots: readonly string[] | null; unitCode?: string; publishedOnly?: boolean },
): Promise<WithUnit<ConsultationRow>[]> {
  let qb = db
    .selectFrom('participation_consultations as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(q.roots));
  if (q.unitCode) qb = qb.where('t.unit_code', '=', q.unitCode);
  if (q.publishedOnly) qb = qb.where('t.published_at', 'is not', null);
  return (await qb.orderBy('t.start_on', 'desc').orderBy('t.created_at', 'desc').execute()) as WithUnit<ConsultationRow>[];
}
/**
 * Published consultations that ended before `endedBefore` and have no published feedback report yet (the reminders'
 * read: narrow columns, no draft text); `unitCodes` narrows to those units when given.
 */
export async function consultationsAwaitingFeedback(
  db: Executor,
  q: { endedBefore: string; unitCodes?: readonly string[] },
): Promise<{ id: string; unit_code: string; title: string; end_on: string }[]> {
  if (q.unitCodes && !q.unitCodes.length) return [];
  let qb = db
    .selectFrom('participation_consultations')
    .select(['id', 'unit_code', 'title', 'end_on'])
    .where('published_at', 'is not', null)
    .where('feedback_published_at', 'is', null)
    .where('end_on', '<', q.endedBefore);
  if (q.unitCodes) qb = qb.where('unit_code', 'in', [...q.unitCodes]);
  return qb.orderBy('end_on').orderBy('id').execute();
}
export async function replaceClauses(db: Executor, consultationId: string, rows: ClauseRow[]): Promise<void> {
  await db.deleteFrom('participation_clauses').where('consultation_id', '=', consultationId).execute();
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('participation_clauses')
      .values(rows.slice(i, i + 200))
      .execute();
}
export async function listClauses(db: Executor, consultationId: string): Promise<ClauseRow[]> {
  return db.selectFrom('participation_clauses').selectAll().where('consultation_id', '=', consultationId).orderBy('seq').execute();
}
export async function insertComment(db: Executor, row: CommentRow): Promise<void> {
  await db.insertInto('participation_comments').values(row).execute();
}
export async function findComment(db: Executor, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('participation_comments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findCommentByTracking(db: Executor, code: string): Promise<CommentRow | undefined> {
  return db.selectFrom('participation_comments').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}
/** Moderates a pending comment; 0 when it was no longer pending (someone else moderated it meanwhile). */
export async function moderateComment(
  db: Executor,
  id: string,
  patch: Pick<CommentRow, 'status' | 'moderation_reason' | 'moderated_by' | 'moderated_at' | 'public_body'>,
): Promise<number> {
  const r = await db.updateTable('participation_comments').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows);
}
export async function listComments(db: Executor, consultationId: string, status?: string): Promise<CommentRow[]> {
  let q = db.selectFrom('participation_comments').selectAll().where('consultation_id', '=', consultationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('received_on').orderBy('created_at').execute();
}
export async function commentCounts(
  db: Executor,
  consultationIds: readonly string[],
): Promise<Map<string, { pending: number; published: number; rejected: number }>> {
  const out = new Map<string, { pending: number; published: number; rejected: number }>();
  if (!consultationIds.length) return out;
  const rows = await db
    .selectFrom('participation_comments')
    .select(['consultation_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', 'in', [...consultationIds])
    .groupBy(['consultation_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.consultation_id) ?? { pending: 0, published: 0, rejected: 0 };
    c[r.status as 'pending'] = Number(r.n);
    out.set(r.consultation_id, c);
  }
  return out;
}
export async function replaceFeedback(db: Executor, consultationId: string, rows: FeedbackRow[]): Promise<void> {
  await db.deleteFrom('participation_feedback').where('consultation_id', '=', consultationId).execute();
  if (rows.length) await db.insertInto('participation_feedback').values(rows).execute();
}
export async function listFeedback(db: Executor, consultationId: string): Promise<FeedbackRow[]> {
  return db.selectFrom('participation_feedback').selectAll().where('consultation_id', '=', consultationId).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Hearings and meetings

export async function insertEvent(db: Executor, row: EventRow): Promise<void> {
  await db.insertInto('participation_events').values(row).execute();
}
export async function updateEvent(db: Executor, id: string, patch: Partial<EventRow>): Promise<void> {
  await db.updateTable('participation_events').set(patch).where('id', '=', id).execute();
}
export async function findEvent(db: Executor, id: string): Promise<WithUnit<EventRow> | undefined> {
  return (await db
    .selectFrom('participation_events as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where('t.id', '=', id)
    .executeTakeFirst()) as WithUnit<EventRow> | undefined;
}
export async function listEvents(
  db: Executor,
  q: { roots: readonly string[] | null; announcedOnly?: boolean; consultationId?: string },
): Promise<WithUnit<EventRow>[]> {
  let qb = db
    .selectFrom('participation_events as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(q.roots));
  if (q.announcedOnly) qb = qb.where('t.announced_at', 'is not', null);
  if (q.consultationId) qb = qb.where('t.consultation_id', '=', q.consultationId);
  return (await qb.orderBy('t.held_on', 'desc').execute()) as WithUnit<EventRow>[];
}
/** One page of the events in scope (newest event date first) and how many there are in all. */
export async function pageEvents(
  db: Executor,
  q: { roots: readonly string[]; limit: number; offset: number },
): Promise<{ total: number; rows: WithUnit<EventRow>[] }> {
  const n = await db
    .selectFrom('participation_events as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inRoots(q.roots))
    .executeTakeFirstOrThrow();
  const rows = (await db
    .selectFrom('participation_events as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(q.roots))
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute()) as WithUnit<EventRow>[];
  return { total: Number(n.n), rows };
}
export async function insertRegistration(db: Executor, row: RegistrationRow): Promise<void> {
  await db.insertInto('participation_registrations').values(row).execute();
}
export async function listRegistrations(db: Executor, eventId: string): Promise<RegistrationRow[]> {
  return db.selectFrom('participation_registrations').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute();
}
export async function updateRegistration(db: Executor, eventId: string, id: string, patch: Partial<RegistrationRow>): Promise<number> {
  const r = await db.updateTable('participation_registrations').set(patch).where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
export async function findRegistration(db: Executor, eventId: string, id: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('participation_registrations').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}
/** Marks the chosen registrations selected and every other one of the event not selected. */
export async function setSelection(db: Executor, eventId: string, selectedIds: readonly string[]): Promise<void> {
  await db.updateTable('participation_registrations').set({ status: 'not_selected' }).where('event_id', '=', eventId).execute();
  if (selectedIds.length)
    await db
      .updateTable('participation_registrations')
      .set({ status: 'selected' })
      .where('event_id', '=', eventId)
      .where('id', 'in', [...selectedIds])
      .execute();
}
/** Marks who attended (every other registration of the event as absent). */
export async function setAttended(db: Executor, eventId: string, attendedIds: readonly string[]): Promise<void> {
  await db.updateTable('participation_registrations').set({ attended: 0 }).where('event_id', '=', eventId).execute();
  if (attendedIds.length)
    await db
      .updateTable('participation_registrations')
      .set({ attended: 1 })
      .where('event_id', '=', eventId)
      .where('id', 'in', [...attendedIds])
      .execute();
}
export async function countRegistrations(db: Executor, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('participation_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------------------------
// Surveys

export async function insertSurvey(db: Executor, row: SurveyRow): Promise<void> {
  await db.insertInto('participation_surveys').values(row).execute();
}
export async function updateSurvey(db: Executor, id: string, patch: Partial<SurveyRow>): Promise<void> {
  await db.updateTable('participation_surveys').set(patch).where('id', '=', id).execute();
}
export async function findSurvey(db: Executor, id: string): Promise<WithUnit<SurveyRow> | undefined> {
  return (await db
    .selectFrom('participation_surveys as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where('t.id', '=', id)
    .executeTakeFirst()) as WithUnit<SurveyRow> | undefined;
}
export async function listSurveys(
  db: Executor,
  q: { roots: readonly string[] | null; unitCode?: string; publishedOnly?: boolean; kind?: string },
): Promise<WithUnit<SurveyRow>[]> {
  let qb = db
    .selectFrom('participation_surveys as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(q.roots));
  if (q.unitCode) qb = qb.where('t.unit_code', '=', q.unitCode);
  if (q.publishedOnly) qb = qb.where('t.published_at', 'is not', null);
  if (q.kind) qb = qb.where('t.kind', '=', q.kind);
  return (await qb.orderBy('t.start_on', 'desc').orderBy('t.created_at', 'desc').execute()) as WithUnit<SurveyRow>[];
}
/** Satisfaction surveys of units under `rootPath` whose answering ended inside [from, to]. */
export async function satisfactionSurveysEnded(db: Executor, rootPath: string, from: string, to: string): Promise<WithUnit<SurveyRow>[]> {
  return (await db
    .selectFrom('participation_surveys as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots([rootPath]))
    .where('t.kind', '=', 'satisfaction')
    .where('t.published_at', 'is not', null)
    .where('t.end_on', '>=', from)
    .where('t.end_on', '<=', to)
    .execute()) as WithUnit<SurveyRow>[];
}
export async function insertCodes(db: Executor, surveyId: string, batchNo: number, hashes: readonly string[], now: string): Promise<void> {
  const rows = hashes.map((code_hash) => ({ survey_id: surveyId, code_hash, batch_no: batchNo, used_on: null, created_at: now }));
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('participation_survey_codes')
      .values(rows.slice(i, i + 200))
      .execute();
}
export async function codeBatches(db: Executor, surveyId: string): Promise<{ batchNo: number; total: number; used: number; createdAt: string }[]> {
  const rows = await db
    .selectFrom('participation_survey_codes')
    .select(['batch_no'])
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('used_on').as('used'), eb.fn.min('created_at').as('created_at')])
    .where('survey_id', '=', surveyId)
    .groupBy('batch_no')
    .orderBy('batch_no')
    .execute();
  return rows.map((r) => ({ batchNo: Number(r.batch_no), total: Number(r.total), used: Number(r.used), createdAt: String(r.created_at) }));
}
export async function findCode(db: Executor, surveyId: string, hash: string): Promise<{ used_on: string | null } | undefined> {
  return db.selectFrom('participation_survey_codes').select('used_on').where('survey_id', '=', surveyId).where('code_hash', '=', hash).executeTakeFirst();
}
/** Marks a code used; 0 when it was already used (the conditional update is the one-use guarantee under concurrency). */
export async function useCode(db: Executor, surveyId: string, hash: string, on: string): Promise<number> {
  const r = await db
    .updateTable('participation_survey_codes')
    .set({ used_on: on })
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', hash)
    .where('used_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
/** Counts one more answer from a device, unless it reached `limit`; false when the limit was reached. */
export async function countDeviceAnswer(db: Executor, surveyId: string, deviceHash: string, limit: number): Promise<boolean> {
  await db
    .insertInto('participation_survey_devices')
    .values({ survey_id: surveyId, device_hash: deviceHash, answers: 0 })
    .onConflict((oc) => oc.columns(['survey_id', 'device_hash']).doNothing())
    .execute();
  const r = await db
    .updateTable('participation_survey_devices')
    .set((eb) => ({ answers: eb('answers', '+', 1) }))
    .where('survey_id', '=', surveyId)
    .where('device_hash', '=', deviceHash)
    .where('answers', '<', limit)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function insertResponse(db: Executor, row: Selectable<SurveyResponseTable>): Promise<void> {
  await db.insertInto('participation_survey_responses').values(row).execute();
}
export async function listResponseSheets(db: Executor, surveyId: string): Promise<string[]> {
  return (await db.selectFrom('participation_survey_responses').select('answers_json').where('survey_id', '=', surveyId).orderBy('id').execute()).map(
    (r) => r.answers_json,
  );
}
export async function responseCounts(db: Executor, surveyIds: readonly string[]): Promise<Map<string, number>> {
  if (!surveyIds.length) return new Map();
  const rows = await db
    .selectFrom('participation_survey_responses')
    .select('survey_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', 'in', [...surveyIds])
    .groupBy('survey_id')
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
}
export async function insertSchedule(db: Executor, row: ScheduleRow): Promise<void> {
  await db.insertInto('participation_survey_schedules').values(row).execute();
}
export async function updateSchedule(db: Executor, id: string, patch: Partial<ScheduleRow>): Promise<void> {
  await db.updateTable('participation_survey_schedules').set(patch).where('id', '=', id).execute();
}
const schedules = (db: Executor) =>
  db
    .selectFrom('participation_survey_schedules as s')
    .innerJoin('org_units as u', 'u.code', 's.root_unit_code')
    .selectAll('s')
    .select(['u.path as root_path', 'u.name as root_name']);
export async function findSchedule(db: Executor, id: string): Promise<(ScheduleRow & { root_path: string; root_name: string }) | undefined> {
  return schedules(db).where('s.id', '=', id).executeTakeFirst();
}
/** Whether a schedule still starts rounds (read again inside the job's transaction, so a pause is obeyed at once). */
export async function scheduleActive(db: Executor, id: string): Promise<boolean> {
  const r = await db.selectFrom('participation_survey_schedules').select('active').where('id', '=', id).executeTakeFirst();
  return r?.active === 1;
}
export async function listSchedules(db: Executor, activeOnly = false): Promise<(ScheduleRow & { root_path: string; root_name: string })[]> {
  let q = schedules(db);
  if (activeOnly) q = q.where('s.active', '=', 1);
  return q.orderBy('s.created_at').execute();
}
export async function activeVillagesUnder(db: Executor, rootPath: string): Promise<{ code: string; name: string; path: string; is_demo: number }[]> {
  return db
    .selectFrom('org_units')
    .select(['code', 'name', 'path', 'is_demo'])
    .where('path', 'like', `${rootPath}%`)
    .where('kind', 'in', ['village', 'community'])
    .where('active', '=', 1)
    .orderBy('path')
    .execute();
}
/** Inserts a scheduled survey unless that (schedule, unit, period) exists; true when inserted. */
export async function insertScheduledSurvey(db: Executor, row: SurveyRow): Promise<boolean> {
  const r = await db
    .insertInto('participation_surveys')
    .values(row)
    .onConflict((oc) => oc.columns(['schedule_id', 'unit_code', 'period']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Village decisions

export async function insertDecision(db: Executor, row: DecisionRow): Promise<void> {
  await db.insertInto('participation_decisions').values(row).execute();
}
export async function updateDecision(db: Executor, id: string, patch: Partial<DecisionRow>): Promise<void> {
  await db.updateTable('participation_decisions').set(patch).where('id', '=', id).execute();
}
export async function findDecision(db: Executor, id: string): Promise<WithUnit<DecisionRow> | undefined> {
  return (await db
    .selectFrom('participation_decisions as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where('t.id', '=', id)
    .executeTakeFirst()) as WithUnit<DecisionRow> | undefined;
}
export async function listDecisions(db: Executor, q: { roots: readonly string[] | null; unitCode?: string }): Promise<WithUnit<DecisionRow>[]> {
  let qb = db
    .selectFrom('participation_decisions as t')
    .innerJoin('org_units as u', 'u.code', 't.unit_code')
    .selectAll('t')
    .select(UNIT_COLS)
    .where(inRoots(q.roots));
  if (q.unitCode) qb = qb.where('t.unit_code', '=', q.unitCode);
  return (await qb.orderBy('t.proposed_on', 'desc').execute()) as WithUnit<DecisionRow>[];
}

export async function settingValue(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('app_settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value_json) as unknown) : null;
}

export async function unitRow(db: Executor, code: string) {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------------
// Demo rows (participation.demo.ts)

export async function hasDemoRows(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('participation_consultations').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Labels the demo's rows (the demo may run in a unit that is itself real). */
export async function markDemo(
  db: Executor,
  ids: { consultations: string[]; surveys: string[]; decisions: string[]; items?: string[]; events?: string[]; schedules?: string[] },
): Promise<void> {
  if (ids.schedules?.length) await db.updateTable('participation_survey_schedules').set({ is_demo: 1 }).where('id', 'in', ids.schedules).execute();
  if (ids.items?.length) await db.updateTable('participation_items').set({ is_demo: 1 }).where('id', 'in', ids.items).execute();
  if (ids.events?.length) await db.updateTable('participation_events').set({ is_demo: 1 }).where('id', 'in', ids.events).execute();
  if (ids.consultations.length) await db.updateTable('participation_consultations').set({ is_demo: 1 }).where('id', 'in', ids.consultations).execute();
  if (ids.surveys.length) {
    await db.updateTable('participation_surveys').set({ is_demo: 1 }).where('id', 'in', ids.surveys).execute();
    await db.updateTable('participation_survey_responses').set({ is_demo: 1 }).where('survey_id', 'in', ids.surveys).execute();
  }
  if (ids.decisions.length) await db.updateTable('participation_decisions').set({ is_demo: 1 }).where('id', 'in', ids.decisions).execute();
}

/** A demo account and its role grants (demo seeding acts as the demo staff). */
export async function userWithGrants(
  db: Executor,
  username: string,
): Promise<{ id: string; username: string; display_name: string; grants: { role: string; unit_code: string; path: string }[] } | undefined> {
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
  if (!user) return undefined;
  const grants = await db
    .selectFrom('role_assignments as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .select(['r.role', 'r.unit_code', 'u.path'])
    .where('r.user_id', '=', user.id)
    .execute();
  return { ...user, grants };
}
