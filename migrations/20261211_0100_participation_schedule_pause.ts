import type { Kysely } from 'kysely';

// The county admin pauses, resumes and edits a satisfaction schedule (participation's pauseSchedule, resumeSchedule,
// updateSchedule). `rounds_from`: the first day a round may open — set on resuming and on editing, so a round whose
// opening day fell while the schedule was paused (or under its old settings) is not started late. `updated_at`/`updated_by`:
// the last such change (the audit trail keeps every one with before/after).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participation_survey_schedules').addColumn('rounds_from', 'text').execute();
  await db.schema.alterTable('participation_survey_schedules').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('participation_survey_schedules').addColumn('updated_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participation_survey_schedules').dropColumn('updated_by').execute();
  await db.schema.alterTable('participation_survey_schedules').dropColumn('updated_at').execute();
  await db.schema.alterTable('participation_survey_schedules').dropColumn('rounds_from').execute();
}
