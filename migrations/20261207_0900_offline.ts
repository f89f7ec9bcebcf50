import type { Kysely } from 'kysely';

// Offline channels (issue 19 §2): what the system keeps for printed matter. Letters (一封信) and the 办事一本通 are
// computed on request from published records and keep nothing. text/integer only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 明白纸: a one-page plain-language summary an author writes for a published disclosure (a policy is one too).
  await db.schema
    .createTable('offline_leaflets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('offline_leaflets_disclosure').unique().on('offline_leaflets').columns(['disclosure_id']).execute();
  await db.schema.createIndex('offline_leaflets_unit').on('offline_leaflets').columns(['unit_code', 'updated_at']).execute();
  // 广播稿: the loudspeaker text of a notice as the clerk edited it (until then it is generated on request).
  await db.schema
    .createTable('offline_broadcasts')
    .addColumn('disclosure_id', 'text', (c) => c.primaryKey().references('disclosures.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  // 政务公开专区 / 便民服务点 per unit (kind: zone | service_point); retired rows stay with their reason.
  await db.schema
    .createTable('offline_service_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('services_json', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('photo_sha256', 'text')
    .addColumn('photo_type', 'text')
    .addColumn('photo_size', 'integer')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('retired_reason', 'text')
    .execute();
  await db.schema.createIndex('offline_service_points_unit').on('offline_service_points').columns(['unit_code', 'retired_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('offline_service_points').execute();
  await db.schema.dropTable('offline_broadcasts').execute();
  await db.schema.dropTable('offline_leaflets').execute();
}
