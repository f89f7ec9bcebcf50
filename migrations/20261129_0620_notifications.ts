import type { Kysely } from 'kysely';

// Reminders (issue 7, part C): the jobs runner's runs, in-app notifications, escalations, daily
// e-mail digests and per-user preferences. text/integer only; timestamps ISO-8601 UTC; dates YYYY-MM-DD.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per run of a scheduled job (name × run key, e.g. notifications.daily × 2026-11-29): the
  // unique key is the dedupe key, the lease lets another process take over a run whose process died.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull())
    // running | done | failed (waiting for the next attempt) | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('owner', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result_json', 'text')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('jobs_name_run_key', ['name', 'run_key'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // ReminderItem.key + the state it was notified in: one notification per user, key and state.
    .addColumn('item_key', 'text', (c) => c.notNull())
    // due-soon | overdue | escalated | escalated-county
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('overdue_working_days', 'integer', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_user_item_state', ['user_id', 'item_key', 'state'])
    .execute();
  await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_id', 'created_at']).execute();

  // An item escalated once per level (1 = parent unit, 2 = county office); the audit event is written with the row.
  await db.schema
    .createTable('reminder_escalations')
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('escalated_to', 'text', (c) => c.notNull())
    .addColumn('overdue_working_days', 'integer', (c) => c.notNull())
    .addColumn('escalated_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_escalations_pk', ['item_key', 'level'])
    .execute();

  // Daily digests: one per user and China-local day (the unique key stops a second copy), with the
  // delivery state of a leased outbox (same scheme as webhook_deliveries).
  await db.schema
    .createTable('notification_emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('digest_date', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    // pending | sending | sent | failed (waiting for a retry) | dead | superseded
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('notification_emails_user_day', ['user_id', 'digest_date'])
    .execute();
  await db.schema.createIndex('notification_emails_due').on('notification_emails').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email_digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
