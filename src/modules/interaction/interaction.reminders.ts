/**
 * The manifest's `reminders()`: what units owe on 政民互动, for the notifications module (to-do list, digests,
 * escalation of long-overdue items to the parent unit and the county office, deduplicated there by key). A case
 * in screening or handling is owed by the unit handling it; an escalated question by the town; a town's order to
 * correct by the village it was given to. Due soon uses the notifications' window (one setting for every module).
 */
import type { AppContext } from '../../platform/context.ts';
import type { ReminderItem, ReminderOptions } from '../../platform/module.ts';
import { getCalendar } from '../calendar/index.ts';
import { dueSoonUntil, loadReminderSettings } from '../notifications/index.ts';
import { openCasesWithUnits } from './interaction.repository.ts';
import { OPEN_STATUSES } from './interaction.workflow.ts';
import { CASE_KIND_TEXT } from './interaction.types.ts';

export async function interactionReminders(ctx: AppContext, asOf: string, opts?: ReminderOptions): Promise<ReminderItem[]> {
  const rows = await openCasesWithUnits(ctx.db, OPEN_STATUSES, opts?.unitCodes);
  if (!rows.length) return [];
  const calendar = await getCalendar(ctx);
  const settings = await loadReminderSettings(ctx.db);
  const soon = dueSoonUntil(calendar, asOf, settings.dueSoonWorkingDays);
  const out: ReminderItem[] = [];
  for (const r of rows) {
    if (!r.due_on || r.due_on > soon) continue;
    const overdue = r.due_on < asOf;
    const ordered = r.status === 'ordered';
    const what = ordered
      ? '乡镇（街道）责令限期更正'
      : r.status === 'escalated'
        ? '调查核实群众询问'
        : r.status === 'screening'
          ? `审看${CASE_KIND_TEXT[r.kind]}`
          : `答复${CASE_KIND_TEXT[r.kind]}`;
    const state = overdue ? 'overdue' : 'due-soon';
    out.push({
      key: `interaction:${r.id}:${r.status}:${r.due_on}:${state}`,
      unitCode: ordered ? r.origin_unit_code : r.unit_code,
      kind: ordered ? 'interaction.order' : `interaction.${r.kind}`,
      title: `政民互动 ${r.case_no}：${what}${overdue ? '已逾期' : '即将到期'}（${r.due_on}）`,
      dueDate: r.due_on,
      status: state,
      overdueWorkingDays: overdue ? calendar.workingDaysBetween(r.due_on, asOf).workingDays : 0,
      link: `/admin/interaction/${r.id}`,
    });
  }
  return out;
}
