import type { Kysely } from 'kysely';

// 依申请公开文书 (issue #6): each answering unit's letter settings — 文号 patterns per letter kind (the unit's own
// abbreviation, never invented), the 行政复议机关 and the court printed in the remedy clause, and the office details
// printed on letters. One row per unit; no row means "not configured yet" (letters that need a missing value are
// refused with a clear message). text/integer only; JSON as text; instants ISO UTC.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('info_request_letter_settings')
    .addColumn('unit_code', 'text', (c) => c.primaryKey().references('org_units.code'))
    // {"reply":"泗民公复〔{year}〕{n}号", …}: LETTER_KINDS code → pattern with {year} and {n}.
    .addColumn('number_patterns_json', 'text', (c) => c.notNull())
    // ["泗阳县人民政府"]: the 行政复议机关 (1–3), printed 「A或者B」.
    .addColumn('review_bodies_json', 'text', (c) => c.notNull())
    // The court for 行政诉讼 (e.g. under Jiangsu's centralised jurisdiction, not necessarily the county's own).
    .addColumn('court', 'text')
    // Printed on letters: 通讯地址, 邮政编码, 联系电话, 联系人, 办公时间; and how to pay an information-processing fee.
    .addColumn('office_address', 'text')
    .addColumn('office_postcode', 'text')
    .addColumn('office_phone', 'text')
    .addColumn('office_contact', 'text')
    .addColumn('office_hours', 'text')
    .addColumn('fee_payment_method', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
