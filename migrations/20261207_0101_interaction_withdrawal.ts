import type { Kysely } from 'kysely';

// 选登 withdrawal (issue 16): a published case taken off the public list keeps its address, which then says when and
// why it was withdrawn (the public reason); the step history records who did it. Date YYYY-MM-DD (China), text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interaction_cases').addColumn('publication_withdrawn_on', 'text').execute();
  await db.schema.alterTable('interaction_cases').addColumn('publication_withdrawn_reason', 'text').execute();
}
