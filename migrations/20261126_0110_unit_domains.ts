import type { Kysely } from 'kysely';

// Which 公开领域 each county department is responsible for (a county setting, not law):
// a department owes only the catalog items of its assigned domains.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_domain_assignments')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('domain_code', 'text', (c) => c.notNull().references('catalog_domains.code'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('unit_domain_assignments_pk', ['unit_code', 'domain_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
