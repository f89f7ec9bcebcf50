import type { Kysely } from 'kysely';

// Changes to a policy's metadata after registration (文号, 发文机关, 成文日期, 分类, 主题, 体裁, 关键词, 来源征集).
// Each edit is one row with the fields before and after; an edit made while the policy is public carries a reason
// and is shown on the policy page as a correction (published records are never silently changed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_metadata_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policy_documents.disclosure_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('after_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_metadata_changes_policy').unique().on('policy_metadata_changes').columns(['policy_id', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('policy_metadata_changes').execute();
}
