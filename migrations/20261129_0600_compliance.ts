import type { Kysely } from 'kysely';

// Compliance evaluation (issue 7): stored obligations with the facts that fulfil them, one row per
// unit × year of due date × item × period, and one freshness row per unit × year. Statuses depend on the
// day of evaluation and are computed on read from these facts (compliance.evaluate.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compliance_obligations')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // Year of the due date (the unit of recomputation).
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    // 2026, 2026-Q3, 2026-10, event:<id> or standing.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('required_channels_json', 'text', (c) => c.notNull())
    .addColumn('display_rule_text', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull())
    // PublicationFact[] (disclosure id, version, dates, display window, photo dates).
    .addColumn('publications_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_obligations_pk', ['unit_code', 'year', 'item_key', 'period'])
    .execute();
  await db.schema.createIndex('compliance_obligations_due').on('compliance_obligations').columns(['due_date']).execute();

  await db.schema
    .createTable('compliance_unit_years')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // audit_events.seq seen when the rows were computed: later relevant events make them stale.
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    // 1 = recompute on next read (set by a calendar change of a year it depends on).
    .addColumn('dirty', 'integer', (c) => c.notNull())
    // Item keys applicable to the unit on the year's last day (JSON [{key, name}]), for coverage.
    .addColumn('applicable_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_unit_years_pk', ['unit_code', 'year'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
