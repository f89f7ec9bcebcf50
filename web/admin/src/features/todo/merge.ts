/**
 * One to-do list from two sources: publishing's 我的待办 (what to review, what was returned, what to publish this
 * week) and the reminders of every module (due soon, overdue, escalated from units below). An obligation both
 * sources name (same unit, item and period: the reminder key `obligation:<unit>:<item>:<period>`) is listed once,
 * with publishing's wording and the reminder's state. Pure: the page renders what this returns.
 */
import type { Todo } from '../publishing/api.ts';
import type { RemindersView, TodoRow } from '../notifications/api.ts';
import { kindLabel } from '../notifications/labels.ts';

export type TodoGroupId = 'review' | 'returned' | 'escalated' | 'overdue' | 'soon';

export type TodoDetail =
  | { kind: 'submitted'; at: string | null }
  | { kind: 'returned'; comment: string | null; at: string }
  | { kind: 'due'; dueDate: string; overdueWorkingDays: number; overdue: boolean; provisional: boolean };

export interface TodoEntry {
  key: string;
  title: string;
  /** A short tag after the title: the period, the kind of duty, 更正待审核, … */
  tag: string | null;
  unitName: string | null;
  detail: TodoDetail;
  action: { label: '去审核' | '去修改' | '去填写' | '去办理'; to: string };
}

export interface TodoGroup {
  id: TodoGroupId;
  title: string;
  danger: boolean;
  entries: TodoEntry[];
}

export const obligationKey = (o: { unitCode: string; itemKey: string; period: string }): string => `obligation:${o.unitCode}:${o.itemKey}:${o.period}`;

/** The form that fills an owed obligation (the period only when it is a real period, e.g. 2026-Q3). */
export const fillRoute = (o: Todo['owed'][number]): string =>
  `/disclosures/new?unit=${encodeURIComponent(o.unitCode)}&item=${encodeURIComponent(o.itemKey)}${/^\d{4}/.test(o.period) ? `&period=${encodeURIComponent(o.period)}` : ''}`;

/** Admin links (`/admin/…`) become SPA routes; anything else is kept as is. */
const routeOf = (link: string): string => (link.startsWith('/admin/') ? link.slice('/admin'.length) : link);

function owedEntry(o: Todo['owed'][number], overdueWorkingDays: number): TodoEntry {
  return {
    key: obligationKey(o),
    title: o.itemName,
    tag: o.periodLabel,
    unitName: o.unitName,
    detail: { kind: 'due', dueDate: o.dueDate, overdueWorkingDays, overdue: o.overdue || overdueWorkingDays > 0, provisional: o.provisional },
    action: { label: '去填写', to: fillRoute(o) },
  };
}

function reminderEntry(r: TodoRow): TodoEntry {
  return {
    key: r.key,
    title: r.title,
    tag: kindLabel(r.kind),
    unitName: r.unitName,
    detail: { kind: 'due', dueDate: r.dueDate, overdueWorkingDays: r.overdueWorkingDays, overdue: r.status === 'overdue', provisional: false },
    action: { label: r.kind === 'obligation' ? '去填写' : '去办理', to: routeOf(r.link) },
  };
}

const byDue = (a: TodoEntry, b: TodoEntry) => {
  const da = a.detail.kind === 'due' ? a.detail.dueDate : '';
  const db = b.detail.kind === 'due' ? b.detail.dueDate : '';
  return da < db ? -1 : da > db ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
};

/** The groups in the order a user should work through them; empty groups are left out. */
export function mergeTodo(publishing: Todo | undefined, reminders: RemindersView | undefined): TodoGroup[] {
  const groups: Record<TodoGroupId, TodoEntry[]> = { review: [], returned: [], escalated: [], overdue: [], soon: [] };
  const owed = new Map((publishing?.owed ?? []).map((o) => [obligationKey(o), o]));
  for (const r of publishing?.toReview ?? []) {
    groups.review.push({
      key: `review:${r.id}`,
      title: r.title,
      tag: r.status === 'correction' ? '更正待审核' : null,
      unitName: r.unitName,
      detail: { kind: 'submitted', at: r.submittedAt },
      action: { label: '去审核', to: `/disclosures/${encodeURIComponent(r.id)}` },
    });
  }
  for (const r of publishing?.returned ?? []) {
    groups.returned.push({
      key: `returned:${r.id}`,
      title: r.title,
      tag: null,
      unitName: null,
      detail: { kind: 'returned', comment: r.comment, at: r.at },
      action: { label: '去修改', to: `/disclosures/new?id=${encodeURIComponent(r.id)}` },
    });
  }
  const seen = new Set<string>();
  for (const r of reminders?.items ?? []) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    const o = owed.get(r.key);
    const entry = o ? owedEntry(o, r.overdueWorkingDays) : reminderEntry(r);
    owed.delete(r.key);
    if (r.state === 'escalated' || r.state === 'escalated-county') groups.escalated.push(entry);
    else if (r.state === 'overdue' || (entry.detail.kind === 'due' && entry.detail.overdue)) groups.overdue.push(entry);
    else groups.soon.push(entry);
  }
  for (const o of owed.values()) (o.overdue ? groups.overdue : groups.soon).push(owedEntry(o, 0));
  for (const id of ['escalated', 'overdue', 'soon'] as const) groups[id].sort(byDue);

  const soonTitle = reminders ? `即将到期（本周内及 ${reminders.dueSoonWorkingDays} 个工作日内）` : '即将到期（本周内及提醒期内）';
  const all: TodoGroup[] = [
    { id: 'review', title: '等我审核', danger: false, entries: groups.review },
    { id: 'returned', title: '被退回，需要修改', danger: true, entries: groups.returned },
    { id: 'escalated', title: '下级单位逾期（督办）', danger: true, entries: groups.escalated },
    { id: 'overdue', title: '已逾期，请尽快办理', danger: true, entries: groups.overdue },
    { id: 'soon', title: soonTitle, danger: false, entries: groups.soon },
  ];
  return all.filter((g) => g.entries.length > 0);
}

/** How many things are waiting, for badges. */
export const todoCount = (groups: TodoGroup[]): number => groups.reduce((n, g) => n + g.entries.length, 0);
