/**
 * The manifest's `reminders()`: a closed consultation's feedback report (采纳情况) coming due, for the notifications
 * module (to-do list, in-app notifications, daily digests, escalation — deduplicated there by key). The report is due
 * `feedbackDueWorkingDays` (county choice, default 20) working days after the consultation's last day
 * (`feedbackDueOn`, the rule compliance and the staff lists use); it is "due soon" within the notifications' one
 * window (`dueSoonWorkingDays`) and overdue after the due day, when 公开督查 lists it too. Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ReminderItem, ReminderOptions } from '../../platform/module.ts';
import { getCalendar } from '../calendar/index.ts';
import { dueSoonUntil, loadReminderSettings } from '../notifications/index.ts';
import { feedbackDueOn } from './participation.rules.ts';
import { consultationsAwaitingFeedback } from './participation.repository.ts';

export const FEEDBACK_REMINDER_KIND = 'participation.feedback';

export async function participationReminders(ctx: AppContext, asOf: string, opts?: ReminderOptions): Promise<ReminderItem[]> {
  // Closed means the last day is behind asOf (consultationStatus): a consultation still open owes nothing yet.
  const rows = await consultationsAwaitingFeedback(ctx.db, { endedBefore: asOf, unitCodes: opts?.unitCodes });
  if (!rows.length) return [];
  const calendar = await getCalendar(ctx);
  const soon = dueSoonUntil(calendar, asOf, (await loadReminderSettings(ctx.db)).dueSoonWorkingDays);
  const out: ReminderItem[] = [];
  for (const c of rows) {
    const due = feedbackDueOn(calendar, c.end_on);
    if (due > soon) continue;
    const overdue = due < asOf;
    const state = overdue ? 'overdue' : 'due-soon';
    out.push({
      key: `${FEEDBACK_REMINDER_KIND}:${c.id}:${due}:${state}`,
      unitCode: c.unit_code,
      kind: FEEDBACK_REMINDER_KIND,
      title: `征求意见“${c.title}”已于${c.end_on}截止：公布意见采纳情况${overdue ? '已逾期' : '即将到期'}（${due}）`,
      dueDate: due,
      status: state,
      overdueWorkingDays: overdue ? calendar.workingDaysBetween(due, asOf).workingDays : 0,
      link: `/admin/participation/consultations/${encodeURIComponent(c.id)}`,
    });
  }
  return out;
}
