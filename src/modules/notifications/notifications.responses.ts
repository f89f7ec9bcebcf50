/**
 * Response schemas (TypeBox) of the notifications routes (the inbox, the to-do reminders, my mail preferences, the
 * county office's reminder and mail settings, the delivery log), and the settings' request body. Where a command or
 * service has its own view, the schema is checked against it at compile time (`Same` below), so a field added on one
 * side only fails the type check; the API contract test checks the real answers. The admin takes the `Static` types
 * type-only (web/admin/src/features/notifications/api.ts). Not a pure `*.schemas.ts` file: the code lists (states,
 * roles, mail security) are the module's and the platform's own constants.
 */
import { Type, type Static } from 'typebox';
import { Nullable, oneOf, type Same } from '../../platform/http/schemas.ts';
import { ROLE_IDS } from '../../platform/auth/roles.ts';
import { SMTP_SECURITY } from '../../platform/config/config.ts';
import { NOTIFICATION_STATES, NOTIFY_STATES } from './notifications.rules.ts';
import type { ReminderSettings } from './notifications.settings.ts';
import type { SmtpView } from './notifications.commands.ts';
import type { TodoEntry } from './notifications.service.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());

/** One row of my inbox: a reminder (its state towards me) or, for the county office, a security alert. */
export const NotificationRow = Type.Object({
  id: Str,
  itemKey: Str,
  state: oneOf(NOTIFICATION_STATES),
  stateLabel: Str,
  unitCode: Str,
  unitName: Str,
  kind: Str,
  title: Str,
  dueDate: Str,
  overdueWorkingDays: Type.Integer(),
  link: Str,
  createdAt: Str,
  readAt: NStr,
});
export type NotificationRow = Static<typeof NotificationRow>;

/** GET /api/v1/notifications: one page of my inbox, newest first. */
export const Inbox = Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(NotificationRow) });
export type Inbox = Static<typeof Inbox>;
/** The bell's count, and what 全部标为已读 changed. */
export const UnreadCount = Type.Object({ unread: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;
export const ReadAllResult = Type.Object({ updated: Type.Integer() });
export type ReadAllResult = Static<typeof ReadAllResult>;

/** A to-do row as GET /api/v1/reminders answers it: the service's entry with its state in words. */
export const TodoRow = Type.Object({
  key: Str,
  unitCode: Str,
  unitName: Str,
  kind: Str,
  title: Str,
  dueDate: Str,
  status: oneOf(['due-soon', 'overdue'] as const),
  state: oneOf(NOTIFY_STATES),
  stateLabel: Str,
  overdueWorkingDays: Type.Integer(),
  link: Str,
});
export type TodoRow = Static<typeof TodoRow>;

/** GET /api/v1/reminders: every module's due-soon and overdue items for the caller's units. */
export const RemindersView = Type.Object({
  asOf: Str,
  dueSoonWorkingDays: Type.Integer(),
  failedModules: Type.Array(Str),
  items: Type.Array(TodoRow),
});
export type RemindersView = Static<typeof RemindersView>;

/** PUT /api/v1/notifications/preferences answers what it saved. */
export const Preferences = Type.Object({ email: NStr, emailDigest: Type.Boolean() });
/** GET /api/v1/notifications/preferences: mine, and whether the county sends digest mail at all (and when). */
export const PreferencesView = Type.Object({ ...Preferences.properties, mailAvailable: Type.Boolean(), digestHour: Type.Integer() });
export type PreferencesView = Static<typeof PreferencesView>;

/** The county's reminder rules: the body of PUT /api/v1/notifications/settings and, with `updatedAt`, its answer. */
export const ReminderSettingsSchema = Type.Object(
  {
    dueSoonWorkingDays: Type.Integer({ description: '到期前多少个工作日起提醒（默认3）' }),
    escalateToParentAfter: Nullable(Type.Integer({ description: '逾期超过多少个工作日同时提醒上级单位；null 不升级' })),
    escalateToCountyAfter: Nullable(Type.Integer({ description: '逾期超过多少个工作日同时提醒县政府办；null 不升级' })),
    digestHour: Type.Integer({ description: '每日提醒时间（北京时间，整点 0–23）' }),
    emailDigest: Type.Boolean({ description: '是否发送每日提醒邮件' }),
    recipientRoles: Type.Array(oneOf(ROLE_IDS), { maxItems: ROLE_IDS.length * 2, description: '接收本单位提醒的角色' }),
  },
  { additionalProperties: false },
);

/** The mail server as the county office sees it (the password only as set or not). */
export const SmtpSchema = Type.Object({
  host: NStr,
  port: Type.Integer(),
  security: oneOf(SMTP_SECURITY),
  user: NStr,
  passwordSet: Type.Boolean(),
  from: NStr,
  source: oneOf(['settings', 'env', 'none'] as const),
  updatedAt: NStr,
});

/** GET/PUT /api/v1/notifications/settings (and PUT …/smtp): the rules, the mail server, mail counts, the last job runs. */
export const SettingsView = Type.Object({
  settings: Type.Object({ ...ReminderSettingsSchema.properties, updatedAt: NStr }),
  smtp: SmtpSchema,
  mail: Type.Record(Type.String(), Type.Integer()),
  runs: Type.Array(
    Type.Object({
      name: Str,
      runKey: Str,
      status: Str,
      attempts: Type.Integer(),
      startedAt: Str,
      finishedAt: NStr,
      result: Nullable(
        Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]), { description: '任务结果（计数与说明），未完成时为空' }),
      ),
      lastError: NStr,
    }),
  ),
});
export type SettingsView = Static<typeof SettingsView>;

/** One reminder mail of the delivery log (the address masked). */
export const EmailRow = Type.Object({
  id: Str,
  digestDate: Str,
  username: Str,
  to: Type.String({ description: '已遮盖的收件地址' }),
  subject: Str,
  itemCount: Type.Integer(),
  status: Str,
  attempts: Type.Integer(),
  nextAttemptAt: NStr,
  lastAttemptAt: NStr,
  lastError: NStr,
  sentAt: NStr,
  createdAt: Str,
});
export type EmailRow = Static<typeof EmailRow>;
export const EmailLog = Type.Object({ total: Type.Integer(), items: Type.Array(EmailRow) });

/** Each schema is exactly its view: a field on one side only fails the type check. */
export const schemasMatchViews: [
  Same<TodoRow, TodoEntry & { stateLabel: string }>,
  Same<Static<typeof ReminderSettingsSchema>, ReminderSettings>,
  Same<Static<typeof SmtpSchema>, SmtpView>,
] = [true, true, true];
