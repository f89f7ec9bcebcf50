/**
 * Pure rules of the reminder service: who is told about which item (the owing unit's staff, then
 * the parent unit's and the county office's when an item is overdue beyond the county's
 * thresholds), and what a daily digest says. No clock, no database.
 */
import type { ReminderItem } from '../../platform/module.ts';
import type { ReminderSettings } from './notifications.settings.ts';

/** The state a user is told an item is in; part of the notification dedupe key. */
export type NotifyState = 'due-soon' | 'overdue' | 'escalated' | 'escalated-county';
export const NOTIFY_STATES: readonly NotifyState[] = ['due-soon', 'overdue', 'escalated', 'escalated-county'];
const RANK: Record<NotifyState, number> = { 'due-soon': 0, overdue: 1, escalated: 2, 'escalated-county': 3 };

export const STATE_TEXT: Record<NotifyState, string> = {
  'due-soon': '即将到期',
  overdue: '已逾期',
  escalated: '下级单位逾期（督办）',
  'escalated-county': '逾期已报县政府办（督办）',
};

/** In-app notifications that are not reminders: security alerts to the county office (e.g. a sign-in alarm). */
export const ALERT_STATE = 'alert';
/** A notification's state: a reminder's (towards its user) or a security alert. */
export type NotificationState = NotifyState | typeof ALERT_STATE;
export const NOTIFICATION_STATES: readonly NotificationState[] = [...NOTIFY_STATES, ALERT_STATE];
export const NOTIFICATION_STATE_TEXT: Record<string, string> = { ...STATE_TEXT, [ALERT_STATE]: '安全提醒' };

export interface UnitInfo {
  code: string;
  name: string;
  parentCode: string | null;
  path: string;
}

export interface StaffGrant {
  userId: string;
  unitCode: string;
  role: string;
}

export interface PlannedNotification {
  userId: string;
  item: ReminderItem;
  state: NotifyState;
}

export interface PlannedEscalation {
  item: ReminderItem;
  level: 1 | 2;
  /** The unit whose staff are told. */
  toUnit: string;
}

/** 0 = not escalated; 1 = parent unit; 2 = parent unit and the county office. "Beyond N" means more than N working days late. */
export function escalationLevel(
  item: Pick<ReminderItem, 'status' | 'overdueWorkingDays'>,
  s: Pick<ReminderSettings, 'escalateToParentAfter' | 'escalateToCountyAfter'>,
): 0 | 1 | 2 {
  if (item.status !== 'overdue' || s.escalateToParentAfter === null || item.overdueWorkingDays <= s.escalateToParentAfter) return 0;
  if (s.escalateToCountyAfter !== null && item.overdueWorkingDays > s.escalateToCountyAfter) return 2;
  return 1;
}

/**
 * Every (user, item) to notify, with the strongest state that applies to that user, and every
 * escalation step reached. Staff are matched on the unit they hold a role over directly (a county
 * admin over the whole county is not told about every village's items unless they escalate).
 */
export function planNotifications(
  items: readonly ReminderItem[],
  units: ReadonlyMap<string, UnitInfo>,
  staff: readonly StaffGrant[],
  settings: Pick<ReminderSettings, 'escalateToParentAfter' | 'escalateToCountyAfter' | 'recipientRoles'>,
  countyCode: string | null,
): { notifications: PlannedNotification[]; escalations: PlannedEscalation[] } {
  const roles = new Set<string>(settings.recipientRoles);
  const byUnit = new Map<string, Set<string>>();
  for (const g of staff) {
    if (!roles.has(g.role)) continue;
    const set = byUnit.get(g.unitCode) ?? new Set<string>();
    set.add(g.userId);
    byUnit.set(g.unitCode, set);
  }
  const best = new Map<string, PlannedNotification>();
  const tell = (unitCode: string, item: ReminderItem, state: NotifyState) => {
    for (const userId of byUnit.get(unitCode) ?? []) {
      const k = `${userId}\u0000${item.key}`;
      const prev = best.get(k);
      if (!prev || RANK[state] > RANK[prev.state]) best.set(k, { userId, item, state });
    }
  };
  const escalations: PlannedEscalation[] = [];
  for (const item of items) {
    const unit = units.get(item.unitCode);
    if (!unit) continue;
    tell(unit.code, item, item.status);
    const level = escalationLevel(item, settings);
    if (level >= 1 && unit.parentCode) {
      tell(unit.parentCode, item, 'escalated');
      escalations.push({ item, level: 1, toUnit: unit.parentCode });
    }
    if (level === 2 && countyCode && countyCode !== unit.code) {
      tell(countyCode, item, 'escalated-county');
      escalations.push({ item, level: 2, toUnit: countyCode });
    }
  }
  return { notifications: [...best.values()], escalations };
}

export interface DigestEntry {
  item: ReminderItem;
  state: NotifyState;
  unitName: string;
  /** First told today (not in an earlier digest). */
  isNew: boolean;
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

export function chineseDateText(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function lineOf(e: DigestEntry): string {
  const when =
    e.item.status === 'overdue'
      ? `截止${chineseDateText(e.item.dueDate)}，已逾期${e.item.overdueWorkingDays}个工作日`
      : `截止${chineseDateText(e.item.dueDate)}`;
  return `${e.isNew ? '【新】' : ''}${e.unitName}：${e.item.title}（${when}）`;
}

/** Orders entries: escalated first, then overdue (oldest due first), then due soon. */
export function sortEntries(entries: readonly DigestEntry[]): DigestEntry[] {
  return [...entries].sort(
    (a, b) =>
      RANK[b.state] - RANK[a.state] ||
      a.item.dueDate.localeCompare(b.item.dueDate) ||
      a.unitName.localeCompare(b.unitName) ||
      a.item.key.localeCompare(b.item.key),
  );
}

/** The daily digest of one user: plain Chinese, text and HTML (every value escaped), links absolute. */
export function composeDigest(input: { displayName: string; date: string; entries: readonly DigestEntry[]; baseUrl: string }): Digest {
  const entries = sortEntries(input.entries);
  const groups: { title: string; rows: DigestEntry[] }[] = [
    { title: '下级单位逾期，请督促办理', rows: entries.filter((e) => e.state === 'escalated' || e.state === 'escalated-county') },
    { title: '已逾期，请尽快办理', rows: entries.filter((e) => e.state === 'overdue') },
    { title: '即将到期', rows: entries.filter((e) => e.state === 'due-soon') },
  ].filter((g) => g.rows.length > 0);
  const overdue = entries.filter((e) => e.state !== 'due-soon').length;
  const soon = entries.length - overdue;
  const fresh = entries.filter((e) => e.isNew).length;
  const subject = `【公开提醒】${chineseDateText(input.date)}：逾期${overdue}项，即将到期${soon}项`;
  const url = (link: string) => (/^https?:\/\//.test(link) ? link : `${input.baseUrl}${link.startsWith('/') ? '' : '/'}${link}`);
  const intro = `${input.displayName}，您好：\n\n截至${chineseDateText(input.date)}，您负责或督办的单位有以下事项需要处理${fresh ? `（其中${fresh}项为今天新增，标有【新】）` : ''}：`;
  const footer = `登录管理后台查看全部待办：${input.baseUrl}/admin/reminders\n如不需要每日提醒邮件，可在管理后台“消息与提醒”页面关闭。\n\n此邮件由系统自动发送，请勿直接回复。`;
  const text = [
    intro,
    '',
    ...groups.flatMap((g) => [`■ ${g.title}（${g.rows.length}项）`, ...g.rows.map((e, i) => `${i + 1}. ${lineOf(e)}\n   办理：${url(e.item.link)}`), '']),
    footer,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:15px;line-height:1.6">',
    `<p>${escapeHtml(input.displayName)}，您好：</p>`,
    `<p>截至${escapeHtml(chineseDateText(input.date))}，您负责或督办的单位有以下事项需要处理${fresh ? `（其中${fresh}项为今天新增，标有【新】）` : ''}：</p>`,
    ...groups.map(
      (g) =>
        `<h3>${escapeHtml(g.title)}（${g.rows.length}项）</h3><ol>${g.rows.map((e) => `<li><a href="${escapeHtml(url(e.item.link))}">${escapeHtml(lineOf(e))}</a></li>`).join('')}</ol>`,
    ),
    `<p><a href="${escapeHtml(`${input.baseUrl}/admin/reminders`)}">登录管理后台查看全部待办</a></p>`,
    '<p style="color:#666">如不需要每日提醒邮件，可在管理后台“消息与提醒”页面关闭。此邮件由系统自动发送，请勿直接回复。</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** `z***@example.org`: enough for an administrator to recognise, not enough to harvest. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** SMTP errors can quote the recipient; keep the reply code and text without any address. */
export function sanitizeSmtpError(e: unknown): string {
  const err = e as { responseCode?: number; code?: string; message?: string; response?: string };
  const raw = `${err.responseCode ? `${err.responseCode} ` : ''}${err.code ? `${err.code} ` : ''}${err.response ?? err.message ?? String(e)}`;
  return raw
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '<地址>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
