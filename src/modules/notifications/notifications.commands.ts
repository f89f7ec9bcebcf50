/** Use cases with writes: reading notifications, preferences, the county's settings. One transaction each. */
import type { AppContext } from '../../platform/context.ts';
import type { CommandMeta } from '../../platform/command.ts';
import { runCommand } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import {
  isEmailAddress,
  effectiveSmtp,
  loadReminderSettings,
  validateReminderSettings,
  validateSmtp,
  writeJson,
  SETTINGS_KEY,
  SMTP_KEY,
  type ReminderSettings,
  type SmtpInput,
} from './notifications.settings.ts';
import { markAllRead, markRead, readPreferences, writePreferences } from './notifications.repository.ts';

type Meta = CommandMeta & { actor: NonNullable<CommandMeta['actor']> };

// Reading one's own notifications changes personal inbox state only: not audited.
export function markNotificationRead(ctx: AppContext, meta: Meta, id: string): Promise<Result<{ id: string; readAt: string }>> {
  return runCommand(ctx, meta, async ({ trx, now }) => {
    const r = await markRead(trx, meta.actor.userId, id, now.toISOString());
    if (!r.found) return fail(404, 'NOTIFICATION_NOT_FOUND', '这条提醒不存在或不属于您');
    return ok({ id, readAt: r.readAt! });
  });
}

export function markAllNotificationsRead(ctx: AppContext, meta: Meta): Promise<Result<{ updated: number }>> {
  return runCommand(ctx, meta, async ({ trx, now }) => ok({ updated: await markAllRead(trx, meta.actor.userId, now.toISOString()) }));
}

export function savePreferences(
  ctx: AppContext,
  meta: Meta,
  input: { email: string | null; emailDigest: boolean },
): Promise<Result<{ email: string | null; emailDigest: boolean }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const email = input.email?.trim() || null;
    if (email && !isEmailAddress(email)) return fail(400, 'INVALID_EMAIL', '电子邮箱地址格式不正确，请检查后重新填写（例如 zhangsan@example.gov.cn）');
    if (input.emailDigest && !email) return fail(400, 'EMAIL_REQUIRED', '要接收每日提醒邮件，请先填写电子邮箱地址；不需要邮件时请关闭“每日提醒邮件”');
    const before = await readPreferences(trx, meta.actor.userId);
    await writePreferences(trx, meta.actor.userId, { email, emailDigest: input.emailDigest }, now.toISOString());
    // The address itself is personal data: the audit records only whether one is set.
    await audit({
      unitCode: null,
      action: 'notification.preferences.update',
      entityType: 'user',
      entityId: meta.actor.userId,
      before: { emailSet: !!before.email, emailDigest: before.emailDigest },
      after: { emailSet: !!email, emailChanged: before.email !== email, emailDigest: input.emailDigest },
    });
    return ok({ email, emailDigest: input.emailDigest });
  });
}

export function saveReminderSettings(
  ctx: AppContext,
  meta: CommandMeta,
  input: ReminderSettings,
): Promise<Result<ReminderSettings & { updatedAt: string | null }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const problems = validateReminderSettings(input);
    if (problems.length) return fail(400, 'INVALID_SETTINGS', problems.map((p) => p.message).join('；'), problems);
    const before = await loadReminderSettings(trx);
    const value: ReminderSettings = {
      dueSoonWorkingDays: input.dueSoonWorkingDays,
      escalateToParentAfter: input.escalateToParentAfter,
      escalateToCountyAfter: input.escalateToCountyAfter,
      digestHour: input.digestHour,
      emailDigest: input.emailDigest,
      recipientRoles: input.recipientRoles,
    };
    await writeJson(trx, SETTINGS_KEY, value, now.toISOString());
    const { updatedAt: _u, ...prev } = before;
    await audit({ unitCode: null, action: 'notification.settings.update', entityType: 'app_setting', entityId: SETTINGS_KEY, before: prev, after: value });
    return ok({ ...value, updatedAt: now.toISOString() });
  });
}

export interface SmtpView {
  host: string | null;
  port: number;
  security: SmtpInput['security'];
  user: string | null;
  passwordSet: boolean;
  from: string | null;
  source: 'settings' | 'env' | 'none';
  updatedAt: string | null;
}

export async function smtpView(ctx: AppContext): Promise<SmtpView> {
  const s = await effectiveSmtp(ctx);
  return { host: s.host, port: s.port, security: s.security, user: s.user, passwordSet: !!s.password, from: s.from, source: s.source, updatedAt: s.updatedAt };
}

/** Saves the SMTP server; the password is write-only (absent = keep the stored one, '' or null = remove). */
export function saveSmtp(ctx: AppContext, meta: CommandMeta, input: SmtpInput): Promise<Result<SmtpView>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const current = await effectiveSmtp({ db: trx, config: ctx.config });
    const problems = validateSmtp(input, !!current.password);
    if (problems.length) return fail(400, 'INVALID_SMTP', problems.map((p) => p.message).join('；'), problems);
    const value = {
      host: input.host?.trim() || null,
      port: input.port,
      security: input.security,
      user: input.user?.trim() || null,
      password: input.password === undefined ? current.password : input.password || null,
      from: input.from?.trim() || null,
    };
    await writeJson(trx, SMTP_KEY, value, now.toISOString());
    // Never the password: only whether one is set and whether it changed.
    await audit({
      unitCode: null,
      action: 'notification.smtp.update',
      entityType: 'app_setting',
      entityId: SMTP_KEY,
      before: {
        host: current.host,
        port: current.port,
        security: current.security,
        user: current.user,
        from: current.from,
        passwordSet: !!current.password,
        source: current.source,
      },
      after: {
        host: value.host,
        port: value.port,
        security: value.security,
        user: value.user,
        from: value.from,
        passwordSet: !!value.password,
        passwordChanged: input.password !== undefined,
      },
    });
    return ok({
      host: value.host,
      port: value.port,
      security: value.security,
      user: value.user,
      passwordSet: !!value.password,
      from: value.from,
      source: 'settings' as const,
      updatedAt: now.toISOString(),
    });
  });
}
