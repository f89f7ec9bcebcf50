/**
 * What 公开督查 (compliance) lists for participation, provided through this module's manifest (`provides.compliance`,
 * platform/provided-figures.ts): compliance never imports participation. Two kinds, both as of the China date `asOf`
 * and counted on the calendar module's working days, the same rules the staff lists flag:
 * - an entry of the 公众参与事项目录 past its planned date (+ `itemGraceWorkingDays`, county choice) with no published
 *   consultation taking it up, not withdrawn;
 * - a closed consultation whose feedback report (采纳情况) is not published `feedbackDueWorkingDays` (county choice)
 *   working days after its end.
 * Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ComplianceFindingProvider, ProvidedFinding } from '../../platform/provided-figures.ts';
import { addCalendarDays, getCalendar } from '../calendar/index.ts';
import { PARTICIPATION_RULES, consultationStatus, feedbackDueOn } from './participation.rules.ts';
import * as repo from './participation.repository.ts';

export const ITEM_OVERDUE = 'item-not-consulted';
export const FEEDBACK_OVERDUE = 'feedback-overdue';

export async function participationFindings(ctx: AppContext, q: { rootPath: string; asOf: string }): Promise<ProvidedFinding[]> {
  const calendar = await getCalendar(ctx);
  const out: ProvidedFinding[] = [];
  const consulted = await repo.consultedItemIds(ctx.db);
  for (const item of await repo.listItemsInScope(ctx.db, [q.rootPath])) {
    if (item.withdrawn_at || consulted.has(item.id)) continue;
    const graceEnd = PARTICIPATION_RULES.itemGraceWorkingDays
      ? calendar.addWorkingDays(item.planned_on, PARTICIPATION_RULES.itemGraceWorkingDays).date
      : item.planned_on;
    if (q.asOf <= graceEnd) continue;
    out.push({
      kind: ITEM_OVERDUE,
      kindText: '公众参与事项逾期未征求意见',
      unitCode: item.unit_code,
      title: `事项目录中的“${item.name}”计划于${item.planned_on}听取公众意见，至今没有发布征求意见`,
      since: addCalendarDays(graceEnd, 1),
      ref: item.name,
      url: '/participation',
    });
  }
  for (const c of await repo.listConsultations(ctx.db, { roots: [q.rootPath], publishedOnly: true })) {
    if (consultationStatus(c, q.asOf) !== 'closed') continue;
    const due = feedbackDueOn(calendar, c.end_on);
    if (q.asOf <= due) continue;
    out.push({
      kind: FEEDBACK_OVERDUE,
      kindText: '征求意见反馈逾期未公布',
      unitCode: c.unit_code,
      title: `“${c.title}”于${c.end_on}截止，意见采纳情况应在${due}前公布，至今未公布`,
      since: addCalendarDays(due, 1),
      ref: c.title,
      url: `/participation/consultations/${encodeURIComponent(c.id)}`,
    });
  }
  return out.sort((a, b) => a.since.localeCompare(b.since) || a.ref.localeCompare(b.ref));
}

export const participationComplianceProvider: ComplianceFindingProvider = { source: '公众参与', findings: participationFindings };
