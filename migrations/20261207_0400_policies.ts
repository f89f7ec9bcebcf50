import type { Kysely } from 'kysely';

// Policy documents (政策文件) with 解读 and 回应 (issue 19 §1). A policy is a disclosure (its title, body, 索引号,
// attachments and versions stay in publishing) plus the metadata here. text/integer only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 机关代字 per issuing unit: a 文号 is `{代字}〔{year}〕{n}号` with one of its unit's 代字 (county data).
  await db.schema
    .createTable('policy_number_prefixes')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('policy_number_prefixes_pk', ['unit_code', 'prefix'])
    .execute();
  await db.schema
    .createTable('policy_documents')
    .addColumn('disclosure_id', 'text', (c) => c.primaryKey().references('disclosures.id'))
    .addColumn('issuer_unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('doc_year', 'integer')
    .addColumn('doc_serial', 'integer')
    .addColumn('written_on', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('keywords_json', 'text', (c) => c.notNull())
    // valid | amended | repealed | expired (有效 / 已修改 / 已废止 / 已失效)
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('validity_on', 'text')
    .addColumn('validity_by', 'text')
    .addColumn('consultation_ref', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Unique per issuer (NULL 文号 are distinct on both databases).
  await db.schema.createIndex('policy_documents_doc_no').unique().on('policy_documents').columns(['issuer_unit_code', 'doc_no']).execute();
  await db.schema.createIndex('policy_documents_validity').on('policy_documents').columns(['validity', 'written_on']).execute();
  // The public history of validity: every change with its date, the document that made it and a reason.
  await db.schema
    .createTable('policy_validity_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy_documents.disclosure_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_validity', 'text')
    .addColumn('to_validity', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('by_policy_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_validity_events_policy').unique().on('policy_validity_events').columns(['policy_id', 'seq']).execute();
  await db.schema.createIndex('policy_validity_events_by').on('policy_validity_events').columns(['by_policy_id']).execute();
  // 解读: a disclosure of the interpreting unit linked to its policy (form: text | graphic | qa | audio | video).
  await db.schema
    .createTable('policy_interpretations')
    .addColumn('disclosure_id', 'text', (c) => c.primaryKey().references('disclosures.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy_documents.disclosure_id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('policy_interpretations_policy').on('policy_interpretations').columns(['policy_id']).execute();
  // 回应: a disclosure answering a public concern (concern | rumour), optionally linked to a policy and, as plain
  // references until those modules exist here, to an interaction item and a consultation.
  await db.schema
    .createTable('policy_responses')
    .addColumn('disclosure_id', 'text', (c) => c.primaryKey().references('disclosures.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.references('policy_documents.disclosure_id'))
    .addColumn('interaction_ref', 'text')
    .addColumn('consultation_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('policy_responses_policy').on('policy_responses').columns(['policy_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['policy_responses', 'policy_interpretations', 'policy_validity_events', 'policy_documents', 'policy_number_prefixes'])
    await db.schema.dropTable(t).execute();
}
