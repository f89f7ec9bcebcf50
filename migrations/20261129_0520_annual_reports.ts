import type { Kysely } from 'kysely';

// 政府信息公开工作年度报告 (issue #6): the parts of a unit's annual report that people write or enter —
// text sections 一、五、六, the 信息处理费 collected, table 二's figures with their sources — and its status.
// Tables 三 and 四 are never stored: they are counted from info_requests and info_request_remedies
// (migration 0500) whenever the report is read. County settings live in app_settings
// (`requests.annualReport`). text/integer only; instants ISO UTC.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    // The reported year (statistical period 1 January – 31 December).
    .addColumn('year', 'integer', (c) => c.notNull())
    // draft | published (published: locked; the public copy is a publishing disclosure).
    .addColumn('status', 'text', (c) => c.notNull())
    // {overview, problems, other}: sections 一、五、六 as plain text (paragraphs separated by blank lines).
    .addColumn('sections_json', 'text', (c) => c.notNull())
    // Table 二: {cellKey: {value, source}} (report.tables.ts TABLE2_CELLS).
    .addColumn('table2_json', 'text', (c) => c.notNull())
    // 信息处理费 collected in the year, in 分 (integer), as entered; null = not entered.
    .addColumn('fees_fen', 'integer')
    .addColumn('fees_source', 'text')
    // The publishing draft created on publish (disclosures.id) and who published, when.
    .addColumn('disclosure_id', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('annual_reports_unit_year').on('annual_reports').columns(['unit_code', 'year']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
