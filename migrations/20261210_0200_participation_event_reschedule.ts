import type { Kysely } from 'kysely';

// A hearing or meeting moved to another day (participation's rescheduleEvent): the day and time it was set for before and
// the stated reason, both shown on the public page once announced (the reason through the personal-data gate).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participation_events').addColumn('rescheduled_from', 'text').execute();
  await db.schema.alterTable('participation_events').addColumn('reschedule_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participation_events').dropColumn('reschedule_reason').execute();
  await db.schema.alterTable('participation_events').dropColumn('rescheduled_from').execute();
}
