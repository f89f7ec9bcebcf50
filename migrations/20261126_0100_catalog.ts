import type { CreateTableBuilder, Kysely } from 'kysely';

/** The content columns shared by standard items (per version) and units' local items. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema builder's column typing does not matter in a migration
function itemContentColumns<T extends string>(t: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return t
    .addColumn('domain_code', 'text', (c) => c.notNull().references('catalog_domains.code'))
    .addColumn('level1', 'text', (c) => c.notNull())
    .addColumn('level2', 'text', (c) => c.notNull())
    .addColumn('elements_json', 'text', (c) => c.notNull())
    .addColumn('bases_json', 'text', (c) => c.notNull())
    .addColumn('time_rule_json', 'text', (c) => c.notNull())
    .addColumn('display_rule_json', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull());
}

// Standard disclosure catalogs (government 26 domains + village affairs), versions, unit-local
// items, exclusions, per-unit settings and recorded triggering events. text/integer only; JSON as
// text, so the same migration runs on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_domains')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addUniqueConstraint('catalog_versions_number_unique', ['catalog', 'number'])
    .execute();

  await db.schema
    .createTable('catalog_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('catalog_versions.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .$call(itemContentColumns)
    .addUniqueConstraint('catalog_items_version_key_unique', ['version_id', 'item_key'])
    .execute();
  await db.schema.createIndex('catalog_items_version_idx').on('catalog_items').column('version_id').execute();

  await db.schema
    .createTable('unit_local_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('item_key', 'text', (c) => c.notNull().unique())
    .$call(itemContentColumns)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('retired_by', 'text')
    .execute();
  await db.schema.createIndex('unit_local_items_unit_idx').on('unit_local_items').column('unit_code').execute();

  await db.schema
    .createTable('unit_item_exclusions')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('unit_item_exclusions_pk', ['unit_code', 'item_key'])
    .execute();

  await db.schema
    .createTable('unit_catalog_settings')
    .addColumn('unit_code', 'text', (c) => c.primaryKey().references('org_units.code'))
    .addColumn('busy_finance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('catalog_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('catalog_events_unit_idx').on('catalog_events').columns(['unit_code', 'occurred_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'catalog_events',
    'unit_catalog_settings',
    'unit_item_exclusions',
    'unit_local_items',
    'catalog_items',
    'catalog_versions',
    'catalog_domains',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
