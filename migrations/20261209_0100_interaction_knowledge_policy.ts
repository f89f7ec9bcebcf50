import type { Kysely } from 'kysely';

// 知识清单 entries may cite a policy document (the policies module's document = a disclosure id, no foreign key across
// modules) and keep the state of that policy when the entry was last reviewed (version, validity, public status):
// when the policy is corrected, changes validity or is withdrawn the state differs and the entry is flagged 待复核.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interaction_knowledge').addColumn('policy_id', 'text').execute();
  await db.schema.alterTable('interaction_knowledge').addColumn('policy_state', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interaction_knowledge').dropColumn('policy_state').execute();
  await db.schema.alterTable('interaction_knowledge').dropColumn('policy_id').execute();
}
