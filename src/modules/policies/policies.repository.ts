/**
 * SQL of the policies module: its own tables (policy_documents, policy_validity_events, policy_number_prefixes,
 * policy_interpretations, policy_responses). The public lists join the published current version of the policy's
 * disclosure (publishing's disclosures / disclosure_versions) so that filtering and paging happen in one query.
 */
import './policies.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import { publishedRecordRows, publishedRecords } from '../publishing/index.ts';
import type {
  PolicyDocumentTable,
  PolicyMetadataChangeTable,
  PolicyInterpretationTable,
  PolicyResponseTable,
  PolicyValidityEventTable,
} from './policies.tables.ts';

// ---- 机关代字 ----

export async function prefixesOf(db: Executor, unitCode: string): Promise<string[]> {
  return (await db.selectFrom('policy_number_prefixes').select('prefix').where('unit_code', '=', unitCode).execute()).map((r) => r.prefix);
}

export async function deletePrefixes(db: Executor, unitCode: string, prefixes: string[]): Promise<void> {
  if (prefixes.length) await db.deleteFrom('policy_number_prefixes').where('unit_code', '=', unitCode).where('prefix', 'in', prefixes).execute();
}

export async function insertPrefix(
  db: Executor,
  row: { unit_code: string; prefix: string; is_demo: number; source: string | null; created_at: string; created_by: string | null },
): Promise<void> {
  await db.insertInto('policy_number_prefixes').values(row).execute();
}

// ---- policy documents ----

export async function docNosOf(db: Executor, unitCode: string): Promise<string[]> {
  return (await db.selectFrom('policy_documents').select('doc_no').where('issuer_unit_code', '=', unitCode).where('doc_no', 'is not', null).execute()).map(
    (r) => r.doc_no!,
  );
}

/** Whether the issuer already used the 文号 (other than on `excludeId`). */
export async function docNoTaken(db: Executor, unitCode: string, docNo: string, excludeId: string | null): Promise<boolean> {
  let q = db.selectFrom('policy_documents').select('disclosure_id').where('issuer_unit_code', '=', unitCode).where('doc_no', '=', docNo);
  if (excludeId) q = q.where('disclosure_id', '!=', excludeId);
  return !!(await q.executeTakeFirst());
}

export async function findPolicy(db: Executor, id: string): Promise<PolicyDocumentTable | undefined> {
  return db.selectFrom('policy_documents').selectAll().where('disclosure_id', '=', id).executeTakeFirst();
}

export async function anyPolicy(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('policy_documents').select('disclosure_id').limit(1).executeTakeFirst());
}

/** The county office's first real (non-demo) policy document: the seed notice. */
export async function firstRealPolicyOf(db: Executor, unitCode: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('policy_documents')
      .select('disclosure_id')
      .where('issuer_unit_code', '=', unitCode)
      .where('is_demo', '=', 0)
      .orderBy('written_on')
      .executeTakeFirst()
  )?.disclosure_id;
}

export async function insertPolicy(db: Executor, row: PolicyDocumentTable): Promise<void> {
  await db.insertInto('policy_documents').values(row).execute();
}

export async function updatePolicyValidity(
  db: Executor,
  id: string,
  set: Pick<PolicyDocumentTable, 'validity' | 'validity_on' | 'validity_by' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('policy_documents').set(set).where('disclosure_id', '=', id).execute();
}

export async function policyValidities(
  db: Executor,
  ids: readonly string[],
): Promise<Pick<PolicyDocumentTable, 'disclosure_id' | 'validity' | 'validity_on'>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('policy_documents')
    .select(['disclosure_id', 'validity', 'validity_on'])
    .where('disclosure_id', 'in', [...ids])
    .execute();
}

/** Units that issued at least one policy (codes; the public filter). */
export async function issuerCodes(db: Executor): Promise<string[]> {
  return (await db.selectFrom('policy_documents').select('issuer_unit_code').distinct().orderBy('issuer_unit_code').execute()).map((r) => r.issuer_unit_code);
}

export type PolicyMetadataSet = Pick<
  PolicyDocumentTable,
  'doc_no' | 'doc_year' | 'doc_serial' | 'issuer_name' | 'written_on' | 'category' | 'topic' | 'genre' | 'keywords_json' | 'consultation_ref' | 'updated_at'
>;

/** Sets the given metadata columns (a 文号 that follows its disclosure sets only doc_no, doc_year, doc_serial). */
export async function updatePolicyMetadata(db: Executor, id: string, set: Partial<PolicyMetadataSet> & Pick<PolicyMetadataSet, 'updated_at'>): Promise<void> {
  await db.updateTable('policy_documents').set(set).where('disclosure_id', '=', id).execute();
}

// ---- metadata history ----

export async function insertMetadataChange(db: Executor, row: PolicyMetadataChangeTable): Promise<void> {
  await db.insertInto('policy_metadata_changes').values(row).execute();
}

export async function lastMetadataSeq(db: Executor, policyId: string): Promise<number> {
  return (
    (await db.selectFrom('policy_metadata_changes').select('seq').where('policy_id', '=', policyId).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ??
    0
  );
}

export async function metadataChangesOf(db: Executor, policyId: string, publicOnly: boolean): Promise<PolicyMetadataChangeTable[]> {
  let q = db.selectFrom('policy_metadata_changes').selectAll().where('policy_id', '=', policyId);
  if (publicOnly) q = q.where('is_public', '=', 1);
  return q.orderBy('seq').execute();
}

/** The public metadata corrections of the given policies, oldest first (what a citing 知识清单 entry is reviewed against). */
export async function publicMetadataChangesOf(
  db: Executor,
  ids: readonly string[],
): Promise<Pick<PolicyMetadataChangeTable, 'policy_id' | 'seq' | 'at' | 'after_json'>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('policy_metadata_changes')
    .select(['policy_id', 'seq', 'at', 'after_json'])
    .where('policy_id', 'in', [...ids])
    .where('is_public', '=', 1)
    .orderBy('policy_id')
    .orderBy('seq')
    .execute();
}

// ---- validity history ----

export async function insertValidityEvent(db: Executor, row: PolicyValidityEventTable): Promise<void> {
  await db.insertInto('policy_validity_events').values(row).execute();
}

export async function lastValiditySeq(db: Executor, policyId: string): Promise<number> {
  return (
    (await db.selectFrom('policy_validity_events').select('seq').where('policy_id', '=', policyId).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ?? 0
  );
}

export async function validityEventsOf(db: Executor, policyId: string): Promise<PolicyValidityEventTable[]> {
  return db.selectFrom('policy_validity_events').selectAll().where('policy_id', '=', policyId).orderBy('seq').execute();
}

/** Changes this policy made to other documents. */
export async function validityEventsBy(db: Executor, policyId: string): Promise<PolicyValidityEventTable[]> {
  return db.selectFrom('policy_validity_events').selectAll().where('by_policy_id', '=', policyId).orderBy('effective_on').execute();
}

// ---- 解读 and 回应 ----

export async function findInterpretation(db: Executor, disclosureId: string): Promise<PolicyInterpretationTable | undefined> {
  return db.selectFrom('policy_interpretations').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

/** What each of `ids` already is in this module: a policy document, an interpretation or a response (absent: none). */
export async function linkStates(db: Executor, ids: readonly string[]): Promise<Map<string, 'policy' | 'interpretation' | 'response'>> {
  const out = new Map<string, 'policy' | 'interpretation' | 'response'>();
  if (ids.length === 0) return out;
  const list = [...ids];
  for (const r of await db.selectFrom('policy_responses').select('disclosure_id').where('disclosure_id', 'in', list).execute())
    out.set(r.disclosure_id, 'response');
  for (const r of await db.selectFrom('policy_interpretations').select('disclosure_id').where('disclosure_id', 'in', list).execute())
    out.set(r.disclosure_id, 'interpretation');
  for (const r of await db.selectFrom('policy_documents').select('disclosure_id').where('disclosure_id', 'in', list).execute())
    out.set(r.disclosure_id, 'policy');
  return out;
}

export async function insertInterpretation(db: Executor, row: PolicyInterpretationTable): Promise<void> {
  await db.insertInto('policy_interpretations').values(row).execute();
}

export async function interpretationsOf(db: Executor, policyId: string): Promise<PolicyInterpretationTable[]> {
  return db.selectFrom('policy_interpretations').selectAll().where('policy_id', '=', policyId).execute();
}

export async function findResponse(db: Executor, disclosureId: string): Promise<PolicyResponseTable | undefined> {
  return db.selectFrom('policy_responses').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

export async function insertResponse(db: Executor, row: PolicyResponseTable): Promise<void> {
  await db.insertInto('policy_responses').values(row).execute();
}

export async function responsesOf(db: Executor, policyId: string): Promise<PolicyResponseTable[]> {
  return db.selectFrom('policy_responses').selectAll().where('policy_id', '=', policyId).execute();
}

/** 回应 whose disclosure is published (of one unit, or all). */
export async function publishedResponses(
  db: Executor,
  unitCode: string | null,
): Promise<Pick<PolicyResponseTable, 'disclosure_id' | 'form' | 'interaction_ref' | 'consultation_ref'>[]> {
  let q = db
    .selectFrom('policy_responses as r')
    .innerJoin(publishedRecordRows(db).as('d'), 'd.id', 'r.disclosure_id')
    .select(['r.disclosure_id', 'r.form', 'r.interaction_ref', 'r.consultation_ref']);
  if (unitCode) q = q.where('d.unit_code', '=', unitCode);
  return q.execute();
}

/** Publication times of the published interpretations of these policies. */
export async function publishedInterpretationsOf(db: Executor, policyIds: readonly string[]): Promise<{ policy_id: string; published_at: string }[]> {
  if (policyIds.length === 0) return [];
  const rows = await db
    .selectFrom('policy_interpretations as i')
    .innerJoin(publishedRecordRows(db).as('d'), 'd.id', 'i.disclosure_id')
    .select(['i.policy_id', 'd.published_at'])
    .where('i.policy_id', 'in', [...policyIds])
    .execute();
  return rows.map((r) => ({ policy_id: r.policy_id, published_at: r.published_at! }));
}

// ---- public lists ----

export interface PolicyListFilter {
  issuer?: string;
  year?: number;
  topic?: string;
  /** Validities to include (none: all). */
  validities?: readonly string[];
  limit: number;
  offset: number;
}

export interface PublishedPolicyRow {
  disclosure_id: string;
  public_title: string;
  index_no: string | null;
  doc_no: string | null;
  issuer_unit_code: string;
  issuer_name: string;
  written_on: string;
  published_at: string;
  category: string;
  topic: string;
  genre: string;
  keywords_json: string;
  validity: string;
  validity_on: string | null;
  is_demo: number;
}

function publishedPolicies(db: Executor) {
  return db.selectFrom('policy_documents as p').innerJoin(publishedRecords(db).as('d'), 'd.id', 'p.disclosure_id');
}

const LIST_COLUMNS = [
  'p.disclosure_id',
  'd.public_title',
  'd.index_no',
  'd.doc_no',
  'p.issuer_unit_code',
  'p.issuer_name',
  'p.written_on',
  'd.published_at',
  'p.category',
  'p.topic',
  'p.genre',
  'p.keywords_json',
  'p.validity',
  'p.validity_on',
  'p.is_demo',
] as const;

/** Published policies matching the filter, newest 成文日期 first, with the total count. */
export async function listPublishedPolicies(db: Executor, f: PolicyListFilter): Promise<{ total: number; rows: PublishedPolicyRow[] }> {
  let q = publishedPolicies(db);
  if (f.issuer) q = q.where('p.issuer_unit_code', '=', f.issuer);
  if (f.year) q = q.where('p.written_on', '>=', `${f.year}-01-01`).where('p.written_on', '<=', `${f.year}-12-31`);
  if (f.topic) q = q.where('p.topic', '=', f.topic);
  if (f.validities) q = q.where('p.validity', 'in', f.validities.length ? [...f.validities] : ['']);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .select([...LIST_COLUMNS])
    .orderBy('p.written_on', 'desc')
    .orderBy('d.published_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total, rows: rows.map((r) => ({ ...r, published_at: r.published_at! })) };
}

/** Every published policy (the interpretation check of the staff's scope filters them by issuer). */
export async function allPublishedPolicies(db: Executor): Promise<PublishedPolicyRow[]> {
  const rows = await publishedPolicies(db)
    .select([...LIST_COLUMNS])
    .execute();
  return rows.map((r) => ({ ...r, published_at: r.published_at! }));
}
