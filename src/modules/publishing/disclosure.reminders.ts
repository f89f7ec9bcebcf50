/**
 * Publishing's reminders (platform/module.ts `reminders`): catalog obligations of every active unit
 * that are due within the county's due-soon window or already late and not yet published. Reuses
 * the to-do list's query (owedObligations). This is the only obligation reminder provider; its
 * due-soon test is the compliance evaluation's (evaluateObligation: working days left ≤ the reminder
 * settings' window, which compliance also reads), so a reminder and the dashboard's 即将到期 agree.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ReminderItem, ReminderOptions } from '../../platform/module.ts';
import { addCalendarDays, getCalendar } from '../calendar/index.ts';
import { dueSoonUntil, loadReminderSettings } from '../notifications/index.ts';
import { OWED_LOOKBACK_DAYS, owedObligations } from './disclosure.queries.ts';
import { listActiveUnits } from '../org/index.ts';

export async function publishingReminders(ctx: AppContext, asOf: string, opts: ReminderOptions = {}): Promise<ReminderItem[]> {
  const only = opts.unitCodes;
  if (only && only.length === 0) return [];
  const units = listActiveUnits(ctx.db, only);
  const [settings, calendar, unitRows] = await Promise.all([loadReminderSettings(ctx.db), getCalendar(ctx), units]);
  // Due soon: at most N working days left (issue 7: N = 3 by default, a county setting): every day
  // before the (N+1)-th working day after today, rest days included.
  const until = dueSoonUntil(calendar, asOf, settings.dueSoonWorkingDays);
  const owed = await owedObligations(ctx, unitRows, addCalendarDays(asOf, -OWED_LOOKBACK_DAYS), until);
  return owed.map((ob) => {
    const overdue = ob.dueDate < asOf;
    const period = /^\d{4}/.test(ob.period) ? `&period=${encodeURIComponent(ob.period)}` : '';
    return {
      key: `obligation:${ob.unitCode}:${ob.itemKey}:${ob.period}`,
      unitCode: ob.unitCode,
      kind: 'obligation',
      title: ob.eventId || ob.period === 'standing' ? `${ob.itemName}（${ob.periodLabel}）` : `${ob.periodLabel} ${ob.itemName}`,
      dueDate: ob.dueDate,
      status: overdue ? 'overdue' : 'due-soon',
      overdueWorkingDays: overdue ? calendar.workingDaysBetween(ob.dueDate, asOf).workingDays : 0,
      link: `/admin/disclosures/new?unit=${encodeURIComponent(ob.unitCode)}&item=${encodeURIComponent(ob.itemKey)}${period}`,
    };
  });
}
