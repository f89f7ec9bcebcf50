import type { Kysely } from 'kysely';

// 政民互动 (issue 16): questions on disclosures, suggestions and complaints, town investigations, the knowledge
// list, 意见箱 and their openings, reply templates. text/integer only; timestamps ISO-8601 UTC; dates YYYY-MM-DD.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interaction_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // question (询问 on a disclosure) | consult (咨询) | suggestion (建议) | complaint (投诉)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_secret_hash', 'text', (c) => c.notNull())
    // The unit handling it now (a transfer or an escalation moves it) and the one it was first addressed to.
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('origin_unit_code', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text')
    .addColumn('disclosure_id', 'text')
    .addColumn('disclosure_version', 'integer')
    // The line asked about: finance | recipients, 0-based line number, and its text as shown when asked.
    .addColumn('line_kind', 'text')
    .addColumn('line_no', 'integer')
    .addColumn('line_text', 'text')
    // online | app | in-person | phone | meeting | box | letter
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('box_opening_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    // Personal data (staff only; never public, never logged).
    .addColumn('asker_name', 'text')
    .addColumn('asker_phone', 'text')
    .addColumn('publish_consent', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('due_provisional', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text')
    // answered | verified (经核实无误) | corrected (经核实内容有遗漏或不真实) | returned | town-no-issue | town-ordered
    .addColumn('outcome', 'text')
    .addColumn('facts', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_unit_code', 'text')
    .addColumn('correction_id', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_reason', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interaction_cases_unit').on('interaction_cases').columns(['unit_code', 'status']).execute();
  await db.schema.createIndex('interaction_cases_disclosure').on('interaction_cases').columns(['disclosure_id']).execute();
  await db.schema.createIndex('interaction_cases_received').on('interaction_cases').columns(['received_on']).execute();

  await db.schema
    .createTable('interaction_serials')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  // Every step of a case: intake, screening, transfer, answer, rating, escalation, investigation, order, merge, publication.
  await db.schema
    .createTable('interaction_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('interaction_cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .addColumn('detail_json', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('interaction_steps_case_seq', ['case_id', 'seq'])
    .execute();

  // 调查核实 by the town (乡镇/街道) after the asker said 不满意 or 未答复, with an optional order to correct.
  await db.schema
    .createTable('interaction_investigations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('interaction_cases.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('investigators', 'text', (c) => c.notNull())
    .addColumn('investigated_on', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    // none | correct: the village must correct or republish by order_due_on
    .addColumn('order_kind', 'text', (c) => c.notNull())
    .addColumn('order_unit_code', 'text')
    .addColumn('order_due_on', 'text')
    .addColumn('order_done_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interaction_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('interaction_cases.id'))
    .addColumn('investigation_id', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // 知识清单
  await db.schema
    .createTable('interaction_knowledge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('item_key', 'text')
    .addColumn('source_case_id', 'text')
    // draft | published | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    // The catalog version id the cited item had when last reviewed (a newer version flags it for review).
    .addColumn('item_version_id', 'text')
    .addColumn('published_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // 意见箱 beside a 公开栏. board_id refers to archives' notice_boards (no foreign key: linked at merge).
  await db.schema
    .createTable('interaction_boxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('board_id', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('installed_on', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('interaction_box_openings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('box_id', 'text', (c) => c.notNull().references('interaction_boxes.id'))
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('witness1', 'text', (c) => c.notNull())
    .addColumn('witness2', 'text', (c) => c.notNull())
    .addColumn('slip_count', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interaction_reply_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'interaction_reply_templates',
    'interaction_box_openings',
    'interaction_boxes',
    'interaction_knowledge',
    'interaction_files',
    'interaction_investigations',
    'interaction_steps',
    'interaction_serials',
    'interaction_cases',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
