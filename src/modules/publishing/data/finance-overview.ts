/** The village page's 财务概况: monthly income and expense from the unit's published finance statements. */
import type { AppContext } from '../../../platform/context.ts';
import { summarizeByMonth, type MonthSummary } from '../finance/finance-statement.ts';
import type { DisclosureData } from './structured.ts';
import { monthTotalsChartSvg } from './charts.ts';

export interface FinanceOverview {
  /** Oldest first, at most 12 months ending with the latest month any statement covers. */
  months: MonthSummary[];
  /** The published records the numbers come from, newest first. */
  sources: { id: string; title: string }[];
  title: string;
  svg: string;
}

const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/** null when the unit has published no finance statement. Where statements overlap, the newest publication wins. */
export async function unitFinanceOverview(ctx: AppContext, unitCode: string): Promise<FinanceOverview | null> {
  const rows = await ctx.db
    .selectFrom('disclosures as d')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .select(['d.id', 'v.public_title', 'v.public_tables_json'])
    .where('d.unit_code', '=', unitCode)
    .where('d.status', '=', 'published')
    .where('v.public_tables_json', 'is not', null)
    .orderBy('d.published_at', 'desc')
    .execute();
  const byMonth = new Map<string, MonthSummary>();
  const sources: FinanceOverview['sources'] = [];
  for (const r of rows) {
    const tables = JSON.parse(r.public_tables_json ?? '[]') as DisclosureData[];
    let used = false;
    for (const t of tables) {
      if (t.kind !== 'finance') continue;
      for (const m of summarizeByMonth(t.statement)) {
        if (byMonth.has(m.month)) continue;
        byMonth.set(m.month, m);
        used = true;
      }
    }
    if (used) sources.push({ id: r.id, title: r.public_title });
  }
  if (byMonth.size === 0) return null;
  const sorted = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  const last = sorted[sorted.length - 1].month;
  const months = sorted.filter((m) => monthsBetween(m.month, last) < 12);
  const title = '近12个月收入与支出（元）';
  return { months, sources, title, svg: monthTotalsChartSvg(months, 'chart-finance-overview', title) };
}
