/**
 * Sending the daily digests through the configured SMTP server. Safe with many processes (the
 * same scheme as webhook deliveries): a digest is CLAIMED by a conditional UPDATE (status →
 * sending, lease) that succeeds for exactly one caller; a claim whose process died is retaken after
 * the lease; the outcome is written only while the claim is still ours. Failures are retried on
 * RETRY_MINUTES, then the digest is dead (audited; the county admin can retry it by hand).
 * Logs carry ids and counts only, never addresses or content.
 */
import './notifications.tables.ts';
import nodemailer from 'nodemailer';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/command.ts';
import { fail, ok } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { SmtpConfig } from '../../platform/config/config.ts';
import { effectiveSmtp, parseFromAddress } from './notifications.settings.ts';
import { sanitizeSmtpError } from './notifications.rules.ts';
import { claimEmail, dueEmailIds, findEmail, requeueEmailRow, setClaimedEmail } from './notifications.repository.ts';

/** Wait after the 1st, 2nd, … failed attempt; after RETRY_MINUTES.length + 1 attempts the digest is dead. */
export const RETRY_MINUTES = [5, 15, 60, 180] as const;
export const MAX_EMAIL_ATTEMPTS = RETRY_MINUTES.length + 1;
export const EMAIL_LEASE_SECONDS = 120;
const TIMEOUT_MS = 15_000;

export function nextRetryMinutes(attempts: number): number | null {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return null;
  return RETRY_MINUTES[Math.max(1, attempts) - 1];
}

export function createTransport(smtp: SmtpConfig) {
  return nodemailer.createTransport({
    host: smtp.host ?? undefined,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

export interface MailReport {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
  /** true when no SMTP server is configured (nothing is claimed). */
  noSmtp: boolean;
}

const iso = (d: Date) => d.toISOString();
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

type Transport = ReturnType<typeof createTransport>;

async function attempt(
  ctx: AppContext,
  transport: Transport,
  from: { name: string | null; address: string },
  id: string,
  now: Date,
  lease: string,
): Promise<'sent' | 'failed' | 'dead' | null> {
  const row = await findEmail(ctx.db, id);
  if (!row || row.status !== 'sending' || row.lease_until !== lease) return null;
  // The same Message-ID on every attempt lets a receiving server drop a copy if an attempt that
  // looked failed had in fact been accepted.
  const messageId = `<digest-${row.id}@gongkai.invalid>`;
  try {
    await transport.sendMail({
      from: from.name ? { name: from.name, address: from.address } : from.address,
      to: row.to_address,
      subject: row.subject,
      text: row.body_text,
      html: row.body_html,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Gongkai-Digest': `${row.digest_date}` },
    });
    await setClaimedEmail(ctx.db, id, lease, { status: 'sent', lease_until: null, sent_at: iso(now), message_id: messageId, last_error: null });
    return 'sent';
  } catch (e) {
    const error = sanitizeSmtpError(e);
    const delay = nextRetryMinutes(row.attempts);
    if (delay !== null) {
      await setClaimedEmail(ctx.db, id, lease, { status: 'failed', lease_until: null, next_attempt_at: iso(plus(now, delay * 60)), last_error: error });
      return 'failed';
    }
    const r = await runCommand(ctx, { actor: null }, async ({ trx, audit }) => {
      const stillOurs = await setClaimedEmail(trx, id, lease, { status: 'dead', lease_until: null, last_error: error });
      if (!stillOurs) return ok(false);
      await audit({
        unitCode: null,
        action: 'notification.email.dead',
        entityType: 'notification_email',
        entityId: id,
        after: { attempts: row.attempts, digestDate: row.digest_date, lastError: error },
      });
      return ok(true);
    });
    return r.ok && r.value ? 'dead' : null;
  }
}

/** Claims and sends up to `limit` due digests. Idempotent; safe in several processes at once. */
export async function dispatchDueEmails(ctx: AppContext, opts: { limit?: number } = {}): Promise<MailReport> {
  const report: MailReport = { claimed: 0, sent: 0, failed: 0, dead: 0, noSmtp: false };
  const smtp = await effectiveSmtp(ctx);
  const from = smtp.from ? parseFromAddress(smtp.from) : null;
  if (!smtp.host || !from) {
    report.noSmtp = true;
    return report;
  }
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const lease = iso(plus(now, EMAIL_LEASE_SECONDS));
  const due = await dueEmailIds(ctx.db, nowIso, opts.limit ?? 200);
  if (due.length === 0) return report;
  const transport = createTransport(smtp);
  try {
    for (const { id } of due) {
      if (!(await claimEmail(ctx.db, id, nowIso, lease))) continue;
      report.claimed += 1;
      const outcome = await attempt(ctx, transport, from, id, now, lease);
      if (outcome) report[outcome] += 1;
    }
  } finally {
    transport.close();
  }
  if (report.failed || report.dead)
    ctx.logger.warn({ sent: report.sent, failed: report.failed, dead: report.dead }, 'reminder digests: some deliveries failed');
  return report;
}

/** A county admin's manual retry of a failed or dead digest: due again now, attempts kept. */
export async function requeueEmail(ctx: AppContext, meta: { actor: Actor; requestId: string }, id: string) {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await findEmail(trx, id);
    if (!row) return fail(404, 'EMAIL_NOT_FOUND', '邮件记录不存在');
    if (!['failed', 'dead'].includes(row.status))
      return fail(409, 'EMAIL_NOT_RETRYABLE', row.status === 'sent' ? '这封邮件已发送成功，无需重试' : '这封邮件正在等待发送或已被更新的提醒取代，无需重试');
    await requeueEmailRow(trx, id, now.toISOString());
    await audit({
      unitCode: null,
      action: 'notification.email.retry',
      entityType: 'notification_email',
      entityId: id,
      before: { status: row.status, attempts: row.attempts },
      after: { status: 'pending' },
    });
    return ok({ id, status: 'pending' });
  });
}

/** Sends one test message now (settings page), reporting the SMTP server's answer without addresses. */
export async function sendTestEmail(smtp: SmtpConfig, to: string, baseUrl: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const from = smtp.from ? parseFromAddress(smtp.from) : null;
  if (!smtp.host || !from) return { ok: false, error: '尚未设置邮件服务器或发件人地址' };
  const transport = createTransport(smtp);
  try {
    await transport.sendMail({
      from: from.name ? { name: from.name, address: from.address } : from.address,
      to,
      subject: '【公开提醒】测试邮件',
      text: `这是一封测试邮件，说明政务公开平台（${baseUrl}）可以通过当前设置的邮件服务器发送每日提醒。\n\n此邮件由系统自动发送，请勿直接回复。`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: sanitizeSmtpError(e) };
  } finally {
    transport.close();
  }
}
