/** API types of the notifications module; those the server declares are imported from it type-only. */
import type { NotifyState } from '../../../../../src/modules/notifications/notifications.rules.ts';
import type { TodoEntry } from '../../../../../src/modules/notifications/notifications.service.ts';
import type { ReminderSettings as StoredSettings } from '../../../../../src/modules/notifications/notifications.settings.ts';
import type { SmtpView } from '../../../../../src/modules/notifications/notifications.commands.ts';

export type { NotifyState, SmtpView };
/** The settings as sent and answered (the answer carries when they were last saved). */
export type ReminderSettings = StoredSettings & { updatedAt?: string | null };
/** A to-do row as GET /api/v1/reminders answers it (the entry with its state in words). */
export type TodoRow = TodoEntry & { stateLabel: string };
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

export interface SettingsView {
  settings: ReminderSettings;
  smtp: SmtpView;
  mail: Record<string, number>;
  runs: {
    name: string;
    runKey: string;
    status: string;
    attempts: number;
    startedAt: string;
    finishedAt: string | null;
    result: Record<string, unknown> | null;
    lastError: string | null;
  }[];
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
