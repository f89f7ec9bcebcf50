/**
 * Server-rendered SVG charts of a finance statement (echarts SSR, no browser needed). Each chart gets a <title>
 * and <desc> for screen readers; the page also shows the same numbers as a data table.
 */
import { renderChartSvg, type ChartOption } from '../../../platform/render/chart-svg.ts';
import { formatYuan, summarizeByMonth, summarizeBySubject, type FinanceStatement, type MonthSummary } from '../finance/finance-statement.ts';


function render(option: ChartOption, width: number, height: number, id: string, title: string, desc: string): string {
  return renderChartSvg(option, { width, height, id, title, desc });
}

const yuan = (fen: number) => Math.round(fen) / 100;

export function monthChartSvg(st: FinanceStatement): { svg: string; title: string } {
  const months = summarizeByMonth(st);
  const title = '各月收入与支出（元）';
  const desc = months.map((m) => `${Number(m.month.slice(5))}月：收入 ${formatYuan(m.income)} 元，支出 ${formatYuan(m.expense)} 元`).join('；');
  const svg = render(
    {
      legend: { data: ['收入', '支出'], top: 0 },
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: { type: 'value', name: '元' },
      series: [
        { name: '收入', type: 'bar', data: months.map((m) => yuan(m.income)), itemStyle: { color: '#2e7d32' } },
        { name: '支出', type: 'bar', data: months.map((m) => yuan(m.expense)), itemStyle: { color: '#c62828' } },
      ],
    },
    640,
    300,
    'chart-month',
    title,
    desc,
  );
  return { svg, title };
}

export function subjectChartSvg(st: FinanceStatement): { svg: string; title: string } {
  const subjects = summarizeBySubject(st)
    .filter((s) => s.expense > 0)
    .sort((a, b) => b.expense - a.expense);
  const title = '按科目的支出（元）';
  const desc = subjects.length ? subjects.map((s) => `${s.subject}：${formatYuan(s.expense)} 元`).join('；') : '本期没有支出';
  const shown = subjects.slice(0, 15).reverse();
  const svg = render(
    {
      grid: { left: 130, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: '元' },
      yAxis: { type: 'category', data: shown.map((s) => s.subject) },
      series: [{ name: '支出', type: 'bar', data: shown.map((s) => yuan(s.expense)), itemStyle: { color: '#c62828' } }],
    },
    640,
    Math.max(160, 40 + shown.length * 28),
    'chart-subject',
    title,
    desc,
  );
  return { svg, title };
}

const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** Income and expense by month over several statements (the village page's 财务概况), with year-aware labels. */
export function monthTotalsChartSvg(months: readonly MonthSummary[], id: string, title: string): string {
  const desc = months.length ? months.map((m) => `${monthLabel(m.month)}：收入 ${formatYuan(m.income)} 元，支出 ${formatYuan(m.expense)} 元`).join('；') : '暂无数据';
  return render(
    {
      legend: { data: ['收入', '支出'], top: 0 },
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m, i) => (i === 0 || m.month.endsWith('-01') ? monthLabel(m.month) : `${Number(m.month.slice(5))}月`)) },
      yAxis: { type: 'value', name: '元' },
      series: [
        { name: '收入', type: 'bar', data: months.map((m) => yuan(m.income)), itemStyle: { color: '#2e7d32' } },
        { name: '支出', type: 'bar', data: months.map((m) => yuan(m.expense)), itemStyle: { color: '#c62828' } },
      ],
    },
    640,
    300,
    id,
    title,
    desc,
  );
}
