/**
 * API types of the notifications module, taken type-only from the server's response schemas
 * (src/modules/notifications/notifications.responses.ts): a change there fails the admin's type check.
 */
import type {
  EmailRow,
  Inbox,
  NotificationRow,
  PreferencesView,
  ReadAllResult,
  RemindersView,
  SettingsView,
  TodoRow,
  UnreadCount,
} from '../../../../../src/modules/notifications/notifications.responses.ts';
import type { NotificationState, NotifyState } from '../../../../../src/modules/notifications/notifications.rules.ts';
import type { SmtpView } from '../../../../../src/modules/notifications/notifications.commands.ts';

export type { EmailRow, Inbox, NotificationRow, NotifyState, PreferencesView, ReadAllResult, RemindersView, SettingsView, SmtpView, TodoRow, UnreadCount };
/** The settings as sent and answered (the answer carries when they were last saved). */
export type ReminderSettings = SettingsView['settings'];
/** Inbox rows are reminders or, for the county office, security alerts (state `alert`, e.g. a sign-in alarm). */
export type InboxState = NotificationState;
