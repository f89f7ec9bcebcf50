/**
 * The working records of publishing (tables `disclosures`, `disclosure_steps`, `disclosure_versions`,
 * `disclosure_attachments`, `disclosure_evidence`, `disclosure_corrections`, `disclosure_index_serials`): the
 * statements the commands and the staff reads run.
 * Every function takes the executor first — the command's transaction (`trx`) or the database (`db`) — so a
 * statement runs exactly where its caller's transaction is. The public listing rows live in
 * disclosure-listing.repository.ts.
 */
import './disclosure.tables.ts';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  DisclosureAttachmentTable,
  DisclosureCorrectionTable,
  DisclosureEvidenceTable,
  DisclosureStepTable,
  DisclosureTable,
  DisclosureVersionTable,
} from './disclosure.tables.ts';

type Row = DisclosureTable;

export async function findDisclosure(db: Executor, id: string): Promise<Row | undefined> {
  return db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDisclosure(db: Executor, row: Row): Promise<void> {
  await db.insertInto('disclosures').values(row).execute();
}

/** Sets columns of one record (the row as the command computed it, or a few of its columns). */
export async function updateDisclosure(db: Executor, id: string, set: Partial<Row>): Promise<void> {
  await db.updateTable('disclosures').set(set).where('id', '=', id).execute();
}

/** Status and scheduled time of one record (whether a scheduled publication is due). */
export async function findScheduleState(db: Executor, id: string): Promise<{ status: string; scheduled_at: string | null } | undefined> {
  return db.selectFrom('disclosures').select(['status', 'scheduled_at']).where('id', '=', id).executeTakeFirst();
}

/** Scheduled records whose time has come, oldest first. */
export async function listDueScheduled(db: Executor, nowIso: string, limit: number): Promise<{ id: string }[]> {
  return db
    .selectFrom('disclosures')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', nowIso)
    .orderBy('scheduled_at')
    .limit(limit)
    .execute();
}

/** Scheduled records still in the future that have no public version yet (scheduled by older releases). */
export async function listUnpreparedScheduled(db: Executor, nowIso: string, limit: number): Promise<{ id: string; scheduled_at: string | null }[]> {
  return db
    .selectFrom('disclosures')
    .select(['id', 'scheduled_at'])
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '>', nowIso)
    .where('current_version', '=', 0)
    .limit(limit)
    .execute();
}

/** Appends a workflow step with the next sequence number of the record. */
export async function appendStep(db: Executor, step: Omit<DisclosureStepTable, 'id' | 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('disclosure_steps')
    .select('seq')
    .where('disclosure_id', '=', step.disclosure_id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await db
    .insertInto('disclosure_steps')
    .values({
      id: crypto.randomUUID(),
      disclosure_id: step.disclosure_id,
      seq: (last?.seq ?? 0) + 1,
      action: step.action,
      from_status: step.from_status,
      to_status: step.to_status,
      actor_user_id: step.actor_user_id,
      actor_name: step.actor_name,
      role: step.role,
      comment: step.comment,
      at: step.at,
    })
    .execute();
}

export async function listSteps(db: Executor, id: string): Promise<DisclosureStepTable[]> {
  return (await db.selectFrom('disclosure_steps').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute()) as DisclosureStepTable[];
}

/** The latest 退回 (reject) step of a record: its comment and time. */
export async function lastRejectStep(db: Executor, id: string): Promise<{ comment: string | null; at: string } | undefined> {
  return db
    .selectFrom('disclosure_steps')
    .select(['comment', 'at'])
    .where('disclosure_id', '=', id)
    .where('action', '=', 'reject')
    .orderBy('at', 'desc')
    .executeTakeFirst();
}

/** Attachment names and extracted text of a record, in order (the personal-data scan). */
export async function listAttachmentTexts(db: Executor, id: string): Promise<Pick<DisclosureAttachmentTable, 'name' | 'extracted_text'>[]> {
  return db.selectFrom('disclosure_attachments').select(['name', 'extracted_text']).where('disclosure_id', '=', id).orderBy('seq').execute();
}

/** Names of the attachments of `types` whose text was not extracted and that no reviewer has checked yet. */
export async function listUncheckedAttachments(db: Executor, id: string, types: readonly string[]): Promise<{ name: string }[]> {
  return db
    .selectFrom('disclosure_attachments')
    .select('name')
    .where('disclosure_id', '=', id)
    .where('type', 'in', types as string[])
    .where('extracted_text', 'is', null)
    .where('review_action', 'is', null)
    .execute();
}

export async function insertVersion(db: Executor, version: DisclosureVersionTable): Promise<void> {
  await db.insertInto('disclosure_versions').values(version).execute();
}

export async function listVersions(db: Executor, id: string): Promise<DisclosureVersionTable[]> {
  return db.selectFrom('disclosure_versions').selectAll().where('disclosure_id', '=', id).orderBy('version_no').execute();
}

export async function findVersionOrThrow(db: Executor, id: string, versionNo: number): Promise<DisclosureVersionTable> {
  return db.selectFrom('disclosure_versions').selectAll().where('disclosure_id', '=', id).where('version_no', '=', versionNo).executeTakeFirstOrThrow();
}

export async function versionPublicTitle(db: Executor, id: string, versionNo: number): Promise<string> {
  return (
    await db
      .selectFrom('disclosure_versions')
      .select('public_title')
      .where('disclosure_id', '=', id)
      .where('version_no', '=', versionNo)
      .executeTakeFirstOrThrow()
  ).public_title;
}

export async function versionContentHash(db: Executor, id: string, versionNo: number): Promise<string> {
  return (
    await db
      .selectFrom('disclosure_versions')
      .select('content_hash')
      .where('disclosure_id', '=', id)
      .where('version_no', '=', versionNo)
      .executeTakeFirstOrThrow()
  ).content_hash;
}

/**
 * The next 索引号 serial of unit+year (the caller holds the unit+year lock inside its transaction):
 * reads the last serial, then advances it or starts the year at 1.
 */
export async function nextIndexSerial(db: Executor, unitCode: string, year: number): Promise<number> {
  const cur = await db
    .selectFrom('disclosure_index_serials')
    .select('last_serial')
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .executeTakeFirst();
  const serial = (cur?.last_serial ?? 0) + 1;
  if (cur) await db.updateTable('disclosure_index_serials').set({ last_serial: serial }).where('unit_code', '=', unitCode).where('year', '=', year).execute();
  else await db.insertInto('disclosure_index_serials').values({ unit_code: unitCode, year, last_serial: serial }).execute();
  return serial;
}

/** Working titles of records with their unit's path (staff see their own units' unmasked titles). */
export async function workingTitles(db: Executor, ids: string[]): Promise<{ id: string; title: string; path: string }[]> {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .select(['d.id', 'd.title', 'u.path'])
    .where('d.id', 'in', ids)
    .execute();
}

export interface PendingFilter {
  /** Unit-path roots of the actor's scope. */
  roots: string[];
  nowIso: string;
  unit?: string;
  units?: string[];
  item?: string;
  items?: string[];
  status?: string;
  fromIso?: string | null;
  toIso?: string | null;
}

/** Records in the roots' subtrees that the public does not see yet (narrow columns, newest first). */
export async function listPendingInScope(db: Executor, f: PendingFilter) {
  let base = db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .where('d.status', 'not in', ['published', 'withdrawn'])
    // Not yet public: every status but a scheduled record whose time has come.
    .where((eb) => eb.or([eb('d.status', '!=', 'scheduled'), eb('d.current_version', '=', 0), eb('d.published_at', '>', f.nowIso)]))
    .where((eb) => eb.or(f.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (f.unit) base = base.where('d.unit_code', '=', f.unit);
  if (f.units) base = f.units.length ? base.where('d.unit_code', 'in', f.units) : base.where(sql<boolean>`1 = 0`);
  if (f.item) base = base.where('d.item_key', '=', f.item);
  if (f.items) base = f.items.length ? base.where('d.item_key', 'in', f.items) : base.where(sql<boolean>`1 = 0`);
  if (f.status) base = base.where('d.status', '=', f.status);
  if (f.fromIso) base = base.where('d.published_at', '>=', f.fromIso);
  if (f.toIso) base = base.where('d.published_at', '<', f.toIso);
  return base
    .select([
      'd.id',
      'd.unit_code',
      'u.name as unit_name',
      'd.title',
      'd.index_no',
      'd.status',
      'd.published_at',
      'd.item_key',
      'd.period',
      'd.display_rule_json',
      'd.display_min_end',
      'd.display_planned_end',
      'd.current_version',
      'd.created_at',
    ])
    .orderBy('d.created_at', 'desc')
    .execute();
}

/** Published, withdrawn or scheduled records of the units that match one of the periods, events or standing items. */
export async function listFulfilling(
  db: Executor,
  unitCodes: string[],
  statuses: readonly string[],
  periods: Set<string>,
  eventIds: Set<string>,
  standingKeys: Set<string>,
) {
  return db
    .selectFrom('disclosures')
    .select(['unit_code', 'item_key', 'period', 'event_id'])
    .where('unit_code', 'in', unitCodes)
    .where('status', 'in', statuses as string[])
    .where((eb) =>
      eb.or([
        ...(periods.size ? [eb('period', 'in', [...periods])] : []),
        ...(eventIds.size ? [eb('event_id', 'in', [...eventIds])] : []),
        ...(standingKeys.size ? [eb('item_key', 'in', [...standingKeys])] : []),
      ]),
    )
    .execute();
}

/** The actor's own records that a reviewer returned. */
export async function listReturnedBy(db: Executor, userId: string): Promise<{ id: string; title: string; unit_code: string; updated_at: string }[]> {
  return db
    .selectFrom('disclosures')
    .select(['id', 'title', 'unit_code', 'updated_at'])
    .where('status', '=', 'returned')
    .where('created_by', '=', userId)
    .execute();
}

/** Submitted records in the roots' subtrees awaiting review, oldest submission first. */
export async function listAwaitingReview(db: Executor, roots: string[]) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .select([
      'd.id',
      'd.title',
      'd.unit_code',
      'd.catalog',
      'd.status',
      'd.submitted_by',
      'd.submitted_at',
      'd.current_version',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('d.status', 'in', ['submitted', 'committee_approved'])
    .where((eb) => eb.or(roots.map((r) => eb('u.path', 'like', `${r}%`))))
    .orderBy('d.submitted_at')
    .execute();
}

/** Pending 更正 proposals of published records in the roots' subtrees, oldest first. */
export async function listPendingCorrections(db: Executor, roots: string[]) {
  return db
    .selectFrom('disclosure_corrections as c')
    .innerJoin('disclosures as d', 'd.id', 'c.disclosure_id')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .select([
      'd.id',
      'd.catalog',
      'd.status',
      'd.current_version',
      'c.title',
      'c.proposed_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
    ])
    .where('c.status', '=', 'pending')
    .where('d.status', '=', 'published')
    .where((eb) => eb.or(roots.map((r) => eb('u.path', 'like', `${r}%`))))
    .orderBy('c.proposed_at')
    .execute();
}

/** Records with a public version (published or withdrawn), by id after `after`, with that version's public columns. */
export async function publishedVersionsAfter(db: Executor, after: string, limit: number) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .select([
      'd.id',
      'd.unit_code',
      'u.name as unit_name',
      'd.index_no',
      'd.status',
      'd.current_version',
      'd.pii_decisions_json',
      'v.public_title',
      'v.public_body_html',
      'v.public_tables_json',
      'v.created_at as version_at',
    ])
    .where('d.status', 'in', ['published', 'withdrawn'])
    .where('d.current_version', '>', 0)
    .where('d.id', '>', after)
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Attachments of these records that a reviewer cleared for the public (no personal data, or allowed). */
export async function clearedAttachmentsOf(db: Executor, disclosureIds: string[]): Promise<DisclosureAttachmentTable[]> {
  if (!disclosureIds.length) return [];
  return db
    .selectFrom('disclosure_attachments')
    .selectAll()
    .where('disclosure_id', 'in', disclosureIds)
    .where('review_action', 'in', ['no_personal_data', 'allow'])
    .execute();
}

/** A record of the unit with one of these titles, if any (demo seeding: already there?). */
export async function findDisclosureTitled(db: Executor, unitCode: string, titles: string[]): Promise<{ id: string } | undefined> {
  return db.selectFrom('disclosures').select('id').where('unit_code', '=', unitCode).where('title', 'in', titles).executeTakeFirst();
}

export async function findAttachment(db: Executor, disclosureId: string, attachmentId: string): Promise<DisclosureAttachmentTable | undefined> {
  return db.selectFrom('disclosure_attachments').selectAll().where('id', '=', attachmentId).where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

export async function attachmentsInOrder(db: Executor, disclosureId: string): Promise<DisclosureAttachmentTable[]> {
  return db.selectFrom('disclosure_attachments').selectAll().where('disclosure_id', '=', disclosureId).orderBy('seq').execute();
}

/** The earliest date a 公开栏 photo of the record was taken, if any. */
export async function firstEvidenceDate(db: Executor, disclosureId: string): Promise<string | null> {
  const ev = await db
    .selectFrom('disclosure_evidence')
    .select('taken_on')
    .where('disclosure_id', '=', disclosureId)
    .orderBy('taken_on')
    .limit(1)
    .executeTakeFirst();
  return ev?.taken_on ?? null;
}

/** The latest approval by the village supervision committee (村务监督委员会), for the notice's 审查 line. */
export async function latestSupervisorApproval(db: Executor, disclosureId: string): Promise<{ actor_name: string | null; at: string } | undefined> {
  return db
    .selectFrom('disclosure_steps')
    .select(['actor_name', 'at'])
    .where('disclosure_id', '=', disclosureId)
    .where('role', '=', 'village_supervisor')
    .where('action', '=', 'approve')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
}

export async function insertAttachment(db: Executor, row: DisclosureAttachmentTable): Promise<void> {
  await db.insertInto('disclosure_attachments').values(row).execute();
}

/** Sets columns of one attachment (the reviewer's file check). */
export async function updateAttachment(db: Executor, attachmentId: string, set: Partial<DisclosureAttachmentTable>): Promise<void> {
  await db.updateTable('disclosure_attachments').set(set).where('id', '=', attachmentId).execute();
}

/** Removes an attachment row (the stored file stays: content-addressed, another record may use the same bytes). */
export async function deleteAttachmentRow(db: Executor, attachmentId: string): Promise<void> {
  await db.deleteFrom('disclosure_attachments').where('id', '=', attachmentId).execute();
}

/** Sequence numbers of a record's attachments, in order. */
export async function attachmentSeqs(db: Executor, disclosureId: string): Promise<{ seq: number }[]> {
  return db.selectFrom('disclosure_attachments').select('seq').where('disclosure_id', '=', disclosureId).orderBy('seq').execute();
}

export async function insertEvidence(db: Executor, row: DisclosureEvidenceTable): Promise<void> {
  await db.insertInto('disclosure_evidence').values(row).execute();
}

/** A record's 公开栏 photos, by the day taken, then upload time. */
export async function listEvidenceOf(db: Executor, disclosureId: string): Promise<DisclosureEvidenceTable[]> {
  return db.selectFrom('disclosure_evidence').selectAll().where('disclosure_id', '=', disclosureId).orderBy('taken_on').orderBy('created_at').execute();
}

export async function insertCorrection(db: Executor, row: DisclosureCorrectionTable): Promise<void> {
  await db.insertInto('disclosure_corrections').values(row).execute();
}

/** The record's correction proposal pending review, if any (at most one). */
export async function pendingCorrection(db: Executor, disclosureId: string): Promise<DisclosureCorrectionTable | undefined> {
  return db.selectFrom('disclosure_corrections').selectAll().where('disclosure_id', '=', disclosureId).where('status', '=', 'pending').executeTakeFirst();
}

export async function findCorrection(db: Executor, disclosureId: string, correctionId: string): Promise<DisclosureCorrectionTable | undefined> {
  return db.selectFrom('disclosure_corrections').selectAll().where('id', '=', correctionId).where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

/** Records the decision on a correction proposal. */
export async function decideCorrection(
  db: Executor,
  correctionId: string,
  decision: Pick<DisclosureCorrectionTable, 'status' | 'decided_by' | 'decided_at' | 'decision_comment'>,
): Promise<void> {
  await db.updateTable('disclosure_corrections').set(decision).where('id', '=', correctionId).execute();
}

/** Every correction proposal of a record with its proposer's and decider's names, newest first. */
export async function listCorrectionsOf(
  db: Executor,
  disclosureId: string,
): Promise<(DisclosureCorrectionTable & { proposer_name: string | null; decider_name: string | null })[]> {
  return db
    .selectFrom('disclosure_corrections as c')
    .leftJoin('users as p', 'p.id', 'c.proposed_by')
    .leftJoin('users as d', 'd.id', 'c.decided_by')
    .selectAll('c')
    .select(['p.display_name as proposer_name', 'd.display_name as decider_name'])
    .where('c.disclosure_id', '=', disclosureId)
    .orderBy('c.proposed_at', 'desc')
    .execute();
}
