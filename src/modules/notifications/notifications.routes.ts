import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { Paging, errors, Nullable } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { SMTP_SECURITY } from '../../platform/config/config.ts';
import { listJobRuns } from '../../platform/jobs/index.ts';
import { NOTIFICATION_STATE_TEXT, STATE_TEXT, maskEmail, type NotificationState } from './notifications.rules.ts';
import {
  EmailLog,
  Inbox,
  Preferences,
  PreferencesView,
  ReadAllResult,
  ReminderSettingsSchema,
  RemindersView,
  SettingsView,
  UnreadCount,
} from './notifications.responses.ts';
import { countUnread, countyRootPath, emailStats, listEmails, listUserNotifications, readPreferences } from './notifications.repository.ts';
import { effectiveSmtp, isEmailAddress, loadReminderSettings } from './notifications.settings.ts';
import { markAllNotificationsRead, markNotificationRead, savePreferences, saveReminderSettings, saveSmtp, smtpView } from './notifications.commands.ts';
import { todoFor } from './notifications.service.ts';
import { requeueEmail, sendTestEmail } from './notifications.mailer.ts';
import { SETTINGS_ADMINS } from './notifications.roles.ts';

const tags = ['notifications'];

const SmtpBody = Type.Object(
  {
    host: Nullable(Type.String({ maxLength: 253 })),
    port: Type.Integer(),
    security: Type.String({ enum: [...SMTP_SECURITY] }),
    user: Nullable(Type.String({ maxLength: 200 })),
    password: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '只写：不传则保留原密码，传空字符串或 null 则清除' }))),
    from: Nullable(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export function registerNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest, actor: Actor) => ({ actor, requestId: request.id });

  /** The reminder and mail settings are the county office's: a county admin whose grant covers the county unit. */
  const requireCountyOffice = async (request: FastifyRequest): Promise<Actor> => {
    const actor = requireActor(request);
    const root = await countyRootPath(ctx.db);
    if (!root || !actorCoversPath(actor, root, SETTINGS_ADMINS)) unwrap(fail(403, 'FORBIDDEN', '提醒与邮件设置由县政府办（县级管理员）统一管理'));
    return actor;
  };

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: '我的消息提醒（最新在前）',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Paging }, { additionalProperties: false }),
        response: { 200: Inbox, ...errors(400, 401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { total, items } = await listUserNotifications(ctx.db, actor.userId, {
        unreadOnly: request.query.unread === true,
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      });
      return {
        total,
        unread: await countUnread(ctx.db, actor.userId),
        items: items.map((n) => ({
          id: n.id,
          itemKey: n.item_key,
          // Written only by this module, with one of its states.
          state: n.state as NotificationState,
          stateLabel: NOTIFICATION_STATE_TEXT[n.state] ?? n.state,
          unitCode: n.unit_code,
          unitName: n.unit_name ?? n.unit_code,
          kind: n.kind,
          title: n.title,
          dueDate: n.due_date,
          overdueWorkingDays: n.overdue_working_days,
          link: n.link,
          createdAt: n.created_at,
          readAt: n.read_at,
        })),
      };
    },
  );

  r.get('/api/v1/notifications/unread-count', { schema: { tags, summary: '未读提醒数', response: { 200: UnreadCount, ...errors(401) } } }, async (request) => ({
    unread: await countUnread(ctx.db, requireActor(request).userId),
  }));

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ id: Type.String(), readAt: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await markNotificationRead(ctx, meta(request, actor), request.params.id));
    },
  );

  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: ReadAllResult, ...errors(401, 403) } } },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await markAllNotificationsRead(ctx, meta(request, actor)));
    },
  );

  r.get(
    '/api/v1/notifications/preferences',
    {
      schema: {
        tags,
        summary: '我的提醒设置（邮箱、是否接收每日提醒邮件）',
        response: { 200: PreferencesView, ...errors(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [prefs, smtp, settings] = await Promise.all([readPreferences(ctx.db, actor.userId), effectiveSmtp(ctx), loadReminderSettings(ctx.db)]);
      return { ...prefs, mailAvailable: !!smtp.host && settings.emailDigest, digestHour: settings.digestHour };
    },
  );

  r.put(
    '/api/v1/notifications/preferences',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '修改我的提醒设置',
        body: Type.Object({ email: Nullable(Type.String({ maxLength: 120 })), emailDigest: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Preferences, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await savePreferences(ctx, meta(request, actor), request.body));
    },
  );

  r.get(
    '/api/v1/reminders',
    {
      schema: {
        tags,
        summary: '待办提醒：本人所在单位即将到期和已逾期的事项（汇总各模块），scope=subtree 时为管辖范围内全部单位',
        querystring: Type.Object({ scope: Type.Optional(Type.String({ enum: ['mine', 'subtree'] })) }, { additionalProperties: false }),
        response: { 200: RemindersView, ...errors(400, 401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const view = await todoFor(ctx, actor, chinaDate(ctx.clock.now()), (request.query.scope as 'mine' | 'subtree' | undefined) ?? 'mine');
      return { ...view, items: view.items.map((i) => ({ ...i, stateLabel: STATE_TEXT[i.state] })) };
    },
  );

  // ---- the county office's settings ----

  const settingsView = async () => {
    const [settings, smtp, mail, runs] = await Promise.all([loadReminderSettings(ctx.db), smtpView(ctx), emailStats(ctx.db), listJobRuns(ctx, 10)]);
    return {
      settings,
      smtp,
      mail,
      runs: runs.map((j) => ({
        name: j.name,
        runKey: j.run_key,
        status: j.status,
        attempts: j.attempts,
        startedAt: j.started_at,
        finishedAt: j.finished_at,
        result: j.result_json ? JSON.parse(j.result_json) : null,
        lastError: j.last_error,
      })),
    };
  };

  r.get(
    '/api/v1/notifications/settings',
    { schema: { tags, summary: '提醒与邮件设置（县级管理员）', response: { 200: SettingsView, ...errors(401, 403) } } },
    async (request) => {
      await requireCountyOffice(request);
      return settingsView();
    },
  );

  r.put(
    '/api/v1/notifications/settings',
    {
      schema: {
        tags,
        summary: '修改提醒规则：即将到期天数、升级督办天数、每日提醒时间、接收角色（县级管理员）',
        body: ReminderSettingsSchema,
        response: { 200: SettingsView, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = await requireCountyOffice(request);
      unwrap(await saveReminderSettings(ctx, meta(request, actor), request.body));
      return settingsView();
    },
  );

  r.put(
    '/api/v1/notifications/smtp',
    { schema: { tags, summary: '修改发信邮件服务器（县级管理员；密码只写不读）', body: SmtpBody, response: { 200: SettingsView, ...errors(400, 401, 403) } } },
    async (request) => {
      const actor = await requireCountyOffice(request);
      unwrap(await saveSmtp(ctx, meta(request, actor), request.body as never));
      return settingsView();
    },
  );

  r.post(
    '/api/v1/notifications/smtp/test',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '用当前邮件服务器发送一封测试邮件（县级管理员）',
        body: Type.Object({ to: Type.String({ maxLength: 120 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ sent: Type.Boolean() }), ...errors(400, 401, 403, 422, 429) },
      },
    },
    async (request) => {
      await requireCountyOffice(request);
      if (!isEmailAddress(request.body.to.trim())) unwrap(fail(400, 'INVALID_EMAIL', '收件地址格式不正确，请检查后重新填写'));
      const smtp = await effectiveSmtp(ctx);
      if (!smtp.host) unwrap(fail(422, 'SMTP_NOT_CONFIGURED', '尚未设置邮件服务器，请先保存服务器设置'));
      const r2 = await sendTestEmail(smtp, request.body.to.trim(), ctx.config.baseUrl);
      if (!r2.ok) unwrap(fail(422, 'SMTP_TEST_FAILED', `测试邮件发送失败：${r2.error}`));
      return { sent: true };
    },
  );

  r.get(
    '/api/v1/notifications/emails',
    {
      schema: {
        tags,
        summary: '提醒邮件发送记录（县级管理员；收件地址已遮盖）',
        querystring: Type.Object(
          { status: Type.Optional(Type.String({ enum: ['pending', 'sending', 'sent', 'failed', 'dead', 'superseded'] })), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: EmailLog, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await requireCountyOffice(request);
      const { total, items } = await listEmails(ctx.db, { status: request.query.status, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 });
      return {
        total,
        items: items.map((e) => ({
          id: e.id,
          digestDate: e.digest_date,
          username: e.username,
          to: maskEmail(e.to_address),
          subject: e.subject,
          itemCount: e.item_count,
          status: e.status,
          attempts: e.attempts,
          nextAttemptAt: ['pending', 'failed'].includes(e.status) ? e.next_attempt_at : null,
          lastAttemptAt: e.last_attempt_at,
          lastError: e.last_error,
          sentAt: e.sent_at,
          createdAt: e.created_at,
        })),
      };
    },
  );

  r.post(
    '/api/v1/notifications/emails/:id/retry',
    {
      schema: {
        tags,
        summary: '重新发送失败的提醒邮件（县级管理员）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = await requireCountyOffice(request);
      return unwrap(await requeueEmail(ctx, meta(request, actor), request.params.id));
    },
  );
}
