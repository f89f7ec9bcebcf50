import type { Kysely } from 'kysely';

// Structured data of disclosures (issue #4): attachments, 公开栏 photo evidence, and the structured tables
// (村级财务收支明细, recipient lists) of drafts and public versions. text/integer only; JSON as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Working (unmasked) structured tables of the record, like body_html: DisclosureData[] as JSON; null = none.
  await db.schema.alterTable('disclosures').addColumn('tables_json', 'text').execute();
  // disclosure_versions.tables_json (from 0200) holds the original tables of the version; this one the masked public copy.
  await db.schema.alterTable('disclosure_versions').addColumn('public_tables_json', 'text').execute();

  await db.schema
    .createTable('disclosure_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    // Upload order within the record (1, 2, …).
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // xlsx/docx: JSON of the extracted text (sheets of rows / paragraphs); pdf and images: null.
    .addColumn('extracted_text', 'text')
    // Why nothing was extracted (e.g. "PDF 文本未提取，请人工核对个人信息").
    .addColumn('extraction_note', 'text')
    // Reviewer's check of the file itself: no_personal_data | allow | withhold; null = not reviewed.
    .addColumn('review_action', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_attachments_disclosure').on('disclosure_attachments').column('disclosure_id').execute();

  await db.schema
    .createTable('disclosure_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_evidence_disclosure').on('disclosure_evidence').column('disclosure_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
