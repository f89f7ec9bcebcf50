import type { Kysely } from 'kysely';

// Disclosure records (政务公开 / 村务公开 items), their published versions, workflow steps and the
// per-unit-and-year 索引号 serials. text/integer only; JSON as text; timestamps ISO-8601 UTC.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 索引号 prefix configured by the county per unit (e.g. 01432281X). Null → the unit code is used;
  // no official code is ever invented.
  await db.schema.alterTable('org_units').addColumn('index_prefix', 'text').execute();

  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text')
    .addColumn('item_id', 'text')
    .addColumn('period', 'text')
    .addColumn('event_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('pii_decisions_json', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('index_no', 'text', (c) => c.unique())
    .addColumn('index_year', 'integer')
    .addColumn('index_serial', 'integer')
    .addColumn('display_rule_json', 'text')
    .addColumn('display_min_end', 'text')
    .addColumn('display_provisional', 'text')
    .addColumn('display_planned_end', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosures_unit_status').on('disclosures').columns(['unit_code', 'status']).execute();
  await db.schema.createIndex('disclosures_status_scheduled').on('disclosures').columns(['status', 'scheduled_at']).execute();

  // Every public version (1 = first publication, 2… = corrections). Never updated after insert.
  await db.schema
    .createTable('disclosure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('public_title', 'text', (c) => c.notNull())
    .addColumn('public_body_html', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // Structured tables (other developers); kept nullable here.
    .addColumn('tables_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('disclosure_versions_no_unique', ['disclosure_id', 'version_no'])
    .execute();

  // Workflow history: submit, approve (村务监督委员会签字 / 保密审查), return, publish, withdraw, correct.
  await db.schema
    .createTable('disclosure_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('role', 'text')
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('disclosure_steps_seq_unique', ['disclosure_id', 'seq'])
    .execute();

  await db.schema
    .createTable('disclosure_index_serials')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('disclosure_index_serials_pk', ['unit_code', 'year'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
