/** The village page's 财务概况: monthly income and expense from the unit's published finance statements. */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { financeStatementsQuery as statementsQuery } from '../disclosure-listing.repository.ts';
import { findUnit } from '../../org/index.ts';
import type { MonthSummary } from '../finance/finance-statement.ts';
import { monthTotalsChartSvg } from './charts.ts';

export interface FinanceOverview {
  /** Oldest first, at most 12 months ending with the latest month any statement covers. */
  months: MonthSummary[];
  /** The published records the numbers come from, newest first. */
  sources: { id: string; title: string }[];
  title: string;
  svg: string;
}

/** The month `n` months before `month` (YYYY-MM). */
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

function covered(byMonth: Map<string, MonthSummary>, last: string): boolean {
  let [y, m] = last.split('-').map(Number);
  for (let i = 0; i < 12; i++) {
    if (!byMonth.has(`${y}-${String(m).padStart(2, '0')}`)) return false;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return true;
}

const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));


/** Statements read per step: the overview needs the newest 12 months, usually 12 monthly or 4 quarterly statements. */
const BATCH = 12;

/**
 * null when the unit has published no finance statement. Where statements overlap, the newest
 * publication wins. Reads the unit's finance statements newest first (listing index on unit ×
 * has_finance × published_at; their monthly totals are stored on the listing row, no statement
 * lines are read), a batch at a time, until 12 months ending with the latest one are
 * covered: the cost does not grow with the unit's history.
 */
export async function unitFinanceOverview(ctx: AppContext, unitOrCode: string | { path: string }): Promise<FinanceOverview | null> {
  const unit = typeof unitOrCode === 'string' ? await findUnit(ctx.db, unitOrCode) : unitOrCode;
  if (!unit) return null;
  const nowIso = ctx.clock.now().toISOString();
  const byMonth = new Map<string, MonthSummary>();
  const sources: FinanceOverview['sources'] = [];
  let latest: string | null = null;
  let before: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await statementsQuery(ctx.db, { unitPath: unit.path, nowIso, limit: BATCH, ...(before ? { beforeAt: before.at, beforeId: before.id } : {}) });
    for (const r of rows) {
      let used = false;
      // Monthly totals stored with the listing row when the version was written (disclosure.finance-months.ts).
      for (const m of JSON.parse(r.finance_months_json ?? '[]') as MonthSummary[]) {
        if (byMonth.has(m.month)) continue;
        byMonth.set(m.month, m);
        if (!latest || m.month > latest) latest = m.month;
        used = true;
      }
      if (used) sources.push({ id: r.id, title: r.public_title });
    }
    if (rows.length < BATCH) break;
    // Enough once every month of the 12 ending with the latest is known, or once statements were
    // published before that window began (a statement covers months before its publication).
    const last = rows[rows.length - 1];
    before = { at: last.published_at, id: last.id };
    if (latest && (covered(byMonth, latest) || chinaDate(new Date(last.published_at)).slice(0, 7) < monthsBack(latest, 11))) break;
  }
  if (byMonth.size === 0) return null;
  const sorted = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  const last = sorted[sorted.length - 1].month;
  const months = sorted.filter((m) => monthsBetween(m.month, last) < 12);
  const title = '近12个月收入与支出（元）';
  return { months, sources, title, svg: monthTotalsChartSvg(months, 'chart-finance-overview', title) };
}
