/**
 * Reminder settings (rules as data, edited by the county admin) and the SMTP server.
 *
 * None of the numbers below is a legal rule: the issue sets the due-soon window's default (3
 * working days); the escalation thresholds and the digest hour are the county's own choices, and
 * the defaults here are only a starting point the county office is expected to review.
 */
import type { Executor } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { ROLE_IDS, type Role } from '../../platform/auth/roles.ts';
import { SMTP_SECURITY, type SmtpConfig, type SmtpSecurity } from '../../platform/config/config.ts';
import { addCalendarDays, type WorkCalendar } from '../calendar/index.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';

export const SETTINGS_KEY = 'notifications.settings';
export const SMTP_KEY = 'notifications.smtp';

export interface ReminderSettings {
  /** An obligation is "due soon" from this many working days before its due date (issue 7: default 3). */
  dueSoonWorkingDays: number;
  /** Overdue by more than this many working days → also the parent unit's staff are told; null = never. */
  escalateToParentAfter: number | null;
  /** Overdue by more than this many working days → also the county office (the county unit's staff); null = never. */
  escalateToCountyAfter: number | null;
  /** China-local hour (0–23) at which the daily run creates notifications and sends digests. */
  digestHour: number;
  /** Send daily digest e-mails at all (users can still opt out one by one). */
  emailDigest: boolean;
  /** Roles whose holders are told about their unit's items. */
  recipientRoles: Role[];
}

export const DEFAULT_SETTINGS: ReminderSettings = {
  dueSoonWorkingDays: 3,
  // County's choice, not a statutory period (no source sets one): one working week late → the town/parent is told.
  escalateToParentAfter: 5,
  escalateToCountyAfter: null,
  digestHour: 8,
  emailDigest: true,
  recipientRoles: ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk'],
};

/**
 * The last day that is still "due soon" on `asOf` under a window of N working days: every day before the
 * (N+1)-th working day after it, rest days included — i.e. at most N working days left. Every module's
 * due-soon test (catalog obligations, 整改 work orders) is this one.
 */
export function dueSoonUntil(calendar: WorkCalendar, asOf: string, dueSoonWorkingDays: number): string {
  return addCalendarDays(calendar.addWorkingDays(asOf, dueSoonWorkingDays + 1).date, -1);
}

export const LIMITS = { dueSoonMax: 20, escalateMax: 120 } as const;

export interface Problem {
  field: string;
  message: string;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Checks a full settings object; every problem has a plain Chinese message naming the field. */
export function validateReminderSettings(s: ReminderSettings): Problem[] {
  const p: Problem[] = [];
  if (!isInt(s.dueSoonWorkingDays) || s.dueSoonWorkingDays < 1 || s.dueSoonWorkingDays > LIMITS.dueSoonMax) {
    p.push({ field: 'dueSoonWorkingDays', message: `“即将到期”提前天数应为 1 至 ${LIMITS.dueSoonMax} 个工作日` });
  }
  for (const [field, label] of [
    ['escalateToParentAfter', '升级到上级单位'],
    ['escalateToCountyAfter', '升级到县政府办'],
  ] as const) {
    const v = s[field];
    if (v !== null && (!isInt(v) || v < 1 || v > LIMITS.escalateMax))
      p.push({ field, message: `${label}的逾期天数应为 1 至 ${LIMITS.escalateMax} 个工作日，或不升级` });
  }
  if (
    s.escalateToCountyAfter !== null &&
    s.escalateToParentAfter !== null &&
    isInt(s.escalateToCountyAfter) &&
    isInt(s.escalateToParentAfter) &&
    s.escalateToCountyAfter <= s.escalateToParentAfter
  ) {
    p.push({ field: 'escalateToCountyAfter', message: '升级到县政府办的逾期天数应大于升级到上级单位的天数' });
  }
  if (s.escalateToCountyAfter !== null && s.escalateToParentAfter === null) {
    p.push({ field: 'escalateToCountyAfter', message: '请先设定升级到上级单位的天数，再设定升级到县政府办的天数' });
  }
  if (!isInt(s.digestHour) || s.digestHour < 0 || s.digestHour > 23) p.push({ field: 'digestHour', message: '每日提醒时间应为 0 至 23 点之间的整点' });
  if (!Array.isArray(s.recipientRoles) || s.recipientRoles.length === 0) p.push({ field: 'recipientRoles', message: '请至少选择一个接收提醒的角色' });
  else if (s.recipientRoles.some((r) => !ROLE_IDS.includes(r))) p.push({ field: 'recipientRoles', message: '接收提醒的角色中有不存在的角色' });
  else if (new Set(s.recipientRoles).size !== s.recipientRoles.length) p.push({ field: 'recipientRoles', message: '接收提醒的角色有重复' });
  return p;
}

const HOST_RE =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$|^\[?[0-9a-fA-F:]+\]?$/;
const ADDRESS_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** `user@example.org` or `名称 <user@example.org>`. */
export function parseFromAddress(from: string): { name: string | null; address: string } | null {
  const t = from.trim();
  const m = /^(.*)<([^<>]+)>$/.exec(t);
  if (m) {
    const name = m[1].trim().replace(/^"|"$/g, '');
    return ADDRESS_RE.test(m[2].trim()) && !/[\r\n]/.test(name) ? { name: name || null, address: m[2].trim() } : null;
  }
  return ADDRESS_RE.test(t) ? { name: null, address: t } : null;
}

export function isEmailAddress(s: string): boolean {
  return ADDRESS_RE.test(s) && s.length <= 120;
}

/** What the admin may send: the password is write-only (absent = keep, '' = remove). */
export interface SmtpInput {
  host: string | null;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password?: string | null;
  from: string | null;
}

export function validateSmtp(s: SmtpInput, passwordStored: boolean): Problem[] {
  const p: Problem[] = [];
  const host = s.host?.trim() || null;
  if (host && !HOST_RE.test(host)) p.push({ field: 'host', message: '邮件服务器地址格式不正确（例如 smtp.example.gov.cn）' });
  if (!isInt(s.port) || s.port < 1 || s.port > 65535) p.push({ field: 'port', message: '端口应为 1 至 65535 之间的整数' });
  if (!SMTP_SECURITY.includes(s.security)) p.push({ field: 'security', message: '加密方式应为 SSL/TLS、STARTTLS 或不加密之一' });
  if (host && !s.from?.trim()) p.push({ field: 'from', message: '请填写发件人地址' });
  if (s.from?.trim() && !parseFromAddress(s.from))
    p.push({ field: 'from', message: '发件人地址格式不正确（例如 gongkai@example.gov.cn 或 县政务公开办 <gongkai@example.gov.cn>）' });
  const user = s.user?.trim() || null;
  const willHavePassword = s.password === undefined ? passwordStored : !!s.password;
  if (user && !willHavePassword) p.push({ field: 'password', message: '填写了登录用户名时，请同时设置密码' });
  if (!user && s.password) p.push({ field: 'user', message: '设置了密码时，请同时填写登录用户名' });
  return p;
}

async function readJson<T>(db: Executor, key: string): Promise<{ value: T; updatedAt: string } | null> {
  const row = await readSetting(db, key);
  return row ? { value: JSON.parse(row.value_json) as T, updatedAt: row.updated_at } : null;
}

export async function writeJson(db: Executor, key: string, value: unknown, at: string): Promise<void> {
  await writeSetting(db, key, JSON.stringify(value), at);
}

/** The county's reminder settings (defaults for anything never saved). */
export async function loadReminderSettings(db: Executor): Promise<ReminderSettings & { updatedAt: string | null }> {
  const stored = await readJson<Partial<ReminderSettings>>(db, SETTINGS_KEY);
  return { ...DEFAULT_SETTINGS, ...(stored?.value ?? {}), updatedAt: stored?.updatedAt ?? null };
}

/** The SMTP server in use: the admin's settings when saved, else the environment (GONGKAI_SMTP_*). */
export async function effectiveSmtp(
  ctx: Pick<AppContext, 'db' | 'config'>,
): Promise<SmtpConfig & { source: 'settings' | 'env' | 'none'; updatedAt: string | null }> {
  const stored = await readJson<SmtpConfig>(ctx.db, SMTP_KEY);
  if (stored) return { ...stored.value, source: 'settings', updatedAt: stored.updatedAt };
  const env = ctx.config.smtp;
  return { ...env, source: env.host ? 'env' : 'none', updatedAt: null };
}
