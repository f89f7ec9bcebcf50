/**
 * Dashboard charts as server-rendered SVG (echarts SSR, no browser needed): on-time rate by sub-unit,
 * trend by month, most-missed items. Each SVG has a <title> and <desc> with the numbers in words; the
 * dashboard shows the same numbers in tables.
 */
import { renderChartSvg, type ChartOption } from '../../platform/render/chart-svg.ts';
import type { Overview } from './compliance.service.ts';

const pct = (r: number | null) => (r === null ? '无到期事项' : `${Math.round(r * 1000) / 10}%`);

function render(option: ChartOption, width: number, height: number, id: string, title: string, desc: string): string {
  return renderChartSvg(option, { width, height, id, title, desc });
}

export function overviewCharts(o: Omit<Overview, 'charts'>): { byTown: string; trend: string; mostMissed: string } {
  const rows = o.rows.filter((r) => r.summary.due > 0);
  const byTownTitle = `${o.root.name}下属单位按时公开率`;
  const shown = [...rows].sort((a, b) => (a.summary.onTimeRate ?? 0) - (b.summary.onTimeRate ?? 0)).slice(0, 40);
  const byTown = render(
    {
      grid: { left: 150, right: 50, top: 10, bottom: 30 },
      xAxis: { type: 'value', max: 100, name: '%' },
      yAxis: { type: 'category', data: shown.map((r) => r.unitName), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: shown.map((r) => Math.round((r.summary.onTimeRate ?? 0) * 1000) / 10),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    },
    640,
    Math.max(160, 40 + shown.length * 24),
    'chart-bytown',
    byTownTitle,
    rows.length
      ? rows.map((r) => `${r.unitName}：${pct(r.summary.onTimeRate)}（到期${r.summary.due}项，按时${r.summary.onTime}项）`).join('；')
      : '期间内没有到期事项',
  );
  const trend = render(
    {
      legend: { data: ['按时公开', '逾期公开', '逾期未公开'], top: 0 },
      grid: { left: 50, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: o.trend.map((t) => `${Number(t.month.slice(5))}月`) },
      yAxis: { type: 'value', name: '项', minInterval: 1 },
      series: [
        { name: '按时公开', type: 'bar', stack: 'all', data: o.trend.map((t) => t.onTime), itemStyle: { color: '#2e7d32' } },
        { name: '逾期公开', type: 'bar', stack: 'all', data: o.trend.map((t) => t.late), itemStyle: { color: '#ed6c02' } },
        { name: '逾期未公开', type: 'bar', stack: 'all', data: o.trend.map((t) => t.overdue), itemStyle: { color: '#c62828' } },
      ],
    },
    640,
    300,
    'chart-trend',
    '按到期月份的公开情况',
    o.trend.length
      ? o.trend.map((t) => `${t.month}：到期${t.due}项，按时${t.onTime}项，逾期公开${t.late}项，逾期未公开${t.overdue}项`).join('；')
      : '期间内没有到期事项',
  );
  const missed = [...o.mostMissed].reverse();
  const mostMissed = render(
    {
      legend: { data: ['逾期未公开', '逾期公开'], top: 0 },
      grid: { left: 200, right: 30, top: 36, bottom: 30 },
      xAxis: { type: 'value', name: '项', minInterval: 1 },
      yAxis: { type: 'category', data: missed.map((m) => m.itemName), axisLabel: { width: 190, overflow: 'truncate' } },
      series: [
        { name: '逾期未公开', type: 'bar', stack: 'all', data: missed.map((m) => m.overdue), itemStyle: { color: '#c62828' } },
        { name: '逾期公开', type: 'bar', stack: 'all', data: missed.map((m) => m.late), itemStyle: { color: '#ed6c02' } },
      ],
    },
    640,
    Math.max(160, 60 + missed.length * 26),
    'chart-missed',
    '最常逾期的公开事项',
    o.mostMissed.length
      ? o.mostMissed.map((m) => `${m.itemName}：逾期未公开${m.overdue}项，逾期公开${m.late}项，涉及${m.units}个单位`).join('；')
      : '没有逾期事项',
  );
  return { byTown, trend, mostMissed };
}
