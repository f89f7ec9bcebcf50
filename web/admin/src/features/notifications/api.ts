/** API types of the notifications module (to be replaced by type-only imports of src/modules/notifications/notifications.schemas.ts). */

export type NotifyState = 'due-soon' | 'overdue' | 'escalated' | 'escalated-county';
/** Inbox rows are reminders or, for the county office, security alerts (state `alert`, e.g. a sign-in alarm). */
export type InboxState = NotifyState | 'alert';

export interface NotificationRow {
  id: string;
  itemKey: string;
  state: InboxState;
  stateLabel: string;
  unitCode: string;
  unitName: string;
  kind: string;
  title: string;
  dueDate: string;
  overdueWorkingDays: number;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface TodoRow {
  key: string;
  unitCode: string;
  unitName: string;
  kind: string;
  title: string;
  dueDate: string;
  status: 'due-soon' | 'overdue';
  state: NotifyState;
  stateLabel: string;
  overdueWorkingDays: number;
  link: string;
}

/** GET /api/v1/notifications: one page of my inbox. */
export interface Inbox {
  total: number;
  unread: number;
  items: NotificationRow[];
}

/** GET /api/v1/reminders: every module's due-soon and overdue items for the caller's units. */
export interface RemindersView {
  asOf: string;
  dueSoonWorkingDays: number;
  items: TodoRow[];
  failedModules: string[];
}

export interface ReminderSettings {
  dueSoonWorkingDays: number;
  escalateToParentAfter: number | null;
  escalateToCountyAfter: number | null;
  digestHour: number;
  emailDigest: boolean;
  recipientRoles: string[];
  updatedAt?: string | null;
}
export interface SmtpView {
  host: string | null;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | null;
  passwordSet: boolean;
  from: string | null;
  source: 'settings' | 'env' | 'none';
  updatedAt: string | null;
}
export interface SettingsView {
  settings: ReminderSettings;
  smtp: SmtpView;
  mail: Record<string, number>;
  runs: { name: string; runKey: string; status: string; attempts: number; startedAt: string; finishedAt: string | null; result: Record<string, unknown> | null; lastError: string | null }[];
}
export interface EmailRow {
  id: string;
  digestDate: string;
  username: string;
  to: string;
  subject: string;
  itemCount: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

