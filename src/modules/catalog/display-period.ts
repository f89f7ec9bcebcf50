/**
 * 公示期: how long a record must stay on display, from its catalog item's display rule and the day it was
 * published. The one home of this rule: the obligations (what a unit owes, 公示期不足 in 公开督查) and publishing
 * (the earliest 公示截止日期 it accepts, the window stored with each record) both ask here. Pure: the calendar is
 * an argument.
 */
import type { DisplayRule } from './time-rule.ts';

/** What the rule needs of the working-day calendar (a WorkCalendar, or a memo over one). */
export interface WorkingDayAdder {
  addWorkingDays(from: string, n: number): { date: string; provisional: boolean; reason?: string };
}

export interface DisplayPeriod {
  /** The last day the record must still be shown (「公示不少于N个工作日」), or null where the rule sets no minimum. */
  minEnd: string | null;
  /** The rule in words for lists and dashboards (「公示不少于5个工作日」, 「公示至…」), or null without a rule. */
  text: string | null;
  /** The calendar of a year it counted over is not entered yet: the date follows the weekend rule alone. */
  provisional: boolean;
  reason?: string;
}

export function displayPeriod(rule: DisplayRule | null | undefined, publishedOn: string, calendar: WorkingDayAdder): DisplayPeriod {
  if (rule?.kind === 'min_working_days') {
    const r = calendar.addWorkingDays(publishedOn, rule.n);
    return { minEnd: r.date, text: `公示不少于${rule.n}个工作日`, provisional: r.provisional, reason: r.reason };
  }
  if (rule?.kind === 'until') return { minEnd: null, text: `公示至${rule.until}`, provisional: false };
  return { minEnd: null, text: null, provisional: false };
}
