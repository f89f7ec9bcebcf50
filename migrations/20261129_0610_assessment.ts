import type { Kysely } from 'kysely';

// Assessment (考评), rectification work orders (整改) and the rollout tracker (标准化推进).
// text/integer only; JSON as text; timestamps ISO-8601 UTC; dates YYYY-MM-DD; scores in hundredths of a point.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Evidence files (photos, scans, documents) for manual scores, work-order responses and checklist items.
  await db.schema
    .createTable('assessment_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  // One assessment period (quarter or year) with its indicator set (rules as data, JSON).
  await db.schema
    .createTable('assessment_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('root_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // quarter | year
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('set_json', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Frozen figures of a closed period; a re-open supersedes the current one (kept for history).
  await db.schema
    .createTable('assessment_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_id', 'text', (c) => c.notNull().references('assessment_periods.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('assessment_snapshots_period_seq', ['period_id', 'seq'])
    .execute();

  // Manually entered indicator values (percent of the indicator's weight, ×100) with evidence.
  await db.schema
    .createTable('assessment_manual_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_id', 'text', (c) => c.notNull().references('assessment_periods.id'))
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('value_x100', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_manual_scores_key', ['period_id', 'indicator_key', 'unit_code'])
    .execute();

  // 整改 work orders and their history.
  await db.schema
    .createTable('rectification_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('obligation_ref', 'text')
    .addColumn('finding_ref', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // issued | responded | closed
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_orders_unit').on('rectification_orders').columns(['unit_code', 'status']).execute();
  await db.schema
    .createTable('rectification_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('rectification_orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // issue | respond | close | reopen
    .addColumn('actor', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('rectification_steps_seq', ['order_id', 'seq'])
    .execute();

  // Rollout tracker: batch membership (data) and the standardisation checklist per unit.
  await db.schema
    .createTable('rollout_units')
    .addColumn('unit_code', 'text', (c) => c.primaryKey().references('org_units.code'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rollout_checks')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('check_key', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollout_checks_pk', ['unit_code', 'check_key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
