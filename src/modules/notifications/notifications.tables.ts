/** Table types of the notifications module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    notifications: NotificationTable;
    reminder_escalations: ReminderEscalationTable;
    notification_emails: NotificationEmailTable;
    notification_preferences: NotificationPreferenceTable;
  }
}

/** An in-app notification: one per user, reminder key and state (the dedupe key). */
export interface NotificationTable {
  id: string;
  user_id: string;
  item_key: string;
  /** due-soon | overdue | escalated | escalated-county */
  state: string;
  unit_code: string;
  kind: string;
  title: string;
  due_date: string;
  overdue_working_days: number;
  link: string;
  /** China-local date of the run that created it. */
  created_on: string;
  created_at: string;
  read_at: string | null;
}

/** 督办升级: an overdue item passed to the parent unit (level 1) or the county office (level 2), once per level. */
export interface ReminderEscalationTable {
  item_key: string;
  level: number;
  unit_code: string;
  /** The unit whose staff were told. */
  escalated_to: string;
  overdue_working_days: number;
  escalated_on: string;
  created_at: string;
}

/** A daily digest e-mail and its delivery state (leased outbox). */
export interface NotificationEmailTable {
  id: string;
  user_id: string;
  digest_date: string;
  /** Needed to send and retry; shown masked in the delivery log, never written to logs. */
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  item_count: number;
  /** pending | sending | sent | failed | dead | superseded */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_attempt_at: string | null;
  /** SMTP reply code and text with addresses removed. */
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  /** 1 = receive the daily digest (the default when no row exists). */
  email_digest: number;
  updated_at: string;
}
