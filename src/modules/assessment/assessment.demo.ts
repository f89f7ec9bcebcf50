/**
 * Demo: one open assessment period for the current year with the template indicator set, plus, for villages and
 * communities, the 群众满意度（问卷调查） indicator fed by participation's satisfaction surveys.
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { templateSet, type IndicatorSet } from './assessment.rules.ts';
import { insertPeriod, listPeriods } from './assessment.repository.ts';
import { periodDates } from './assessment.service.ts';
import { findRootUnit } from '../org/index.ts';

/**
 * The demo period's set: the template, and for villages 群众满意度（问卷调查） (kind `survey_satisfaction`, participation's
 * `satisfactionByUnit`). Source: the plan's 三(三)5 「提升群众满意度……定期开展群众满意度问卷调查」 with 三(五)3 「完善督查考评激励机制」 and 五(四)
 * (the work is counted in the assessment's indicator system). The plan names no weight: 10 points, taken from the village's
 * manual 工作机制与台账 (20 → 10), is the county's choice (县级自定), editable in 考评 like every weight; no survey ended in
 * the period → the indicator is left out and the rest rescaled to 100.
 */
export function demoSet(): IndicatorSet {
  const set = templateSet();
  const indicators = set.indicators.map((i) => (i.key === 'work' ? { ...i, weight: i.weight - 10 } : i));
  const at = indicators.findIndex((i) => i.kind === 'veto');
  indicators.splice(at < 0 ? indicators.length : at, 0, {
    key: 'survey_satisfaction',
    name: '群众满意度（问卷调查）',
    kind: 'survey_satisfaction',
    weight: 10,
    appliesTo: ['village'],
    whenNoData: 'exclude',
    description: '依据实施方案三(三)5“定期开展群众满意度问卷调查”；分值10分为县级自定（演示）',
  });
  return { ...set, indicators };
}

export async function seedAssessmentDemo(ctx: AppContext): Promise<boolean> {
  if ((await listPeriods(ctx.db)).length > 0) return false;
  const county = await findRootUnit(ctx.db);
  if (!county) return false;
  const now = ctx.clock.now();
  const year = Number(chinaDate(now).slice(0, 4));
  const d = periodDates('year', year);
  const at = now.toISOString();
  await insertPeriod(ctx.db, {
    id: crypto.randomUUID(),
    root_code: county.code,
    name: `${d.label}政务公开和村（居）务公开工作考评（演示）`,
    kind: 'year',
    start_date: d.start,
    end_date: d.end,
    status: 'open',
    set_json: JSON.stringify(demoSet()),
    closed_at: null,
    closed_by: null,
    reopen_count: 0,
    created_at: at,
    created_by: null,
    updated_at: at,
  });
  return true;
}
