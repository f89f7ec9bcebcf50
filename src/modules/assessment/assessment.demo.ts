/** Demo: one open assessment period for the current year with the template indicator set. */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { templateSet } from './assessment.rules.ts';
import { insertPeriod, listPeriods } from './assessment.repository.ts';
import { periodDates } from './assessment.service.ts';
import { findRootUnit } from '../org/index.ts';

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
    set_json: JSON.stringify(templateSet()),
    closed_at: null,
    closed_by: null,
    reopen_count: 0,
    created_at: at,
    created_by: null,
    updated_at: at,
  });
  return true;
}
