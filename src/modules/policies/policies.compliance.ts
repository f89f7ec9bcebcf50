/**
 * What compliance (公开督查) shows from policies (ModuleManifest.provides.compliance, platform/provided-figures.ts):
 * the 解读 rule of 国办发〔2017〕47号 as the county configured it (分类 that need an interpretation, N working days after
 * publication). A policy of a marked category whose interpretation is not public by the deadline is 逾期未解读; one
 * whose interpretation came after it is 解读晚于期限 (listed when that interpretation came within the county's
 * `lateListedMonths` before the check day — a county setting, 县级自定, default 12 months like the website check's
 * look-back). Lateness is counted in working days on the statutory calendar (modules/calendar). Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ComplianceFindingProvider, ProvidedFinding } from '../../platform/provided-figures.ts';
import { getCalendar } from '../calendar/index.ts';
import { interpretationChecks } from './policies.queries.ts';
import { monthsBefore } from './policies.rules.ts';

export const INTERPRETATION_FINDING_TEXT = {
  'interpretation-missing': '政策文件逾期未解读',
  'interpretation-late': '政策解读晚于期限',
} as const;

export async function interpretationFindings(ctx: AppContext, q: { rootPath: string; asOf: string }): Promise<ProvidedFinding[]> {
  const { settings, items } = await interpretationChecks(ctx, (path) => path.startsWith(q.rootPath), q.asOf);
  if (!items.length) return [];
  const calendar = await getCalendar(ctx);
  const from = monthsBefore(q.asOf, settings.lateListedMonths);
  const out: ProvidedFinding[] = [];
  for (const c of items) {
    if (c.status !== 'missing' && c.status !== 'late') continue;
    if (c.status === 'late' && c.interpretedOn! < from) continue;
    const until = c.status === 'late' ? c.interpretedOn! : q.asOf;
    const late = calendar.workingDaysBetween(c.dueOn, until).workingDays;
    const name = `《${c.title}》${c.docNo ? `（${c.docNo}）` : ''}`;
    const kind = c.status === 'late' ? 'interpretation-late' : 'interpretation-missing';
    out.push({
      kind,
      kindText: INTERPRETATION_FINDING_TEXT[kind],
      unitCode: c.issuer.code,
      title:
        c.status === 'late'
          ? `${name}的解读${c.interpretedOn}才公开，晚于期限（${c.dueOn}，公开后${settings.workingDays}个工作日）${late}个工作日`
          : `${name}${c.publishedOn}公开，须在${settings.workingDays}个工作日内（${c.dueOn}前）公开解读，已逾期${late}个工作日`,
      since: c.dueOn,
      workingDaysLate: late,
      ref: c.docNo ?? c.policyId,
      url: '/policies',
    });
  }
  return out;
}

export const complianceProvider: ComplianceFindingProvider = { source: '政策文件', findings: interpretationFindings };
