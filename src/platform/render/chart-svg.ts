/**
 * Charts as server-rendered SVG (ECharts SSR, no browser): one place for the settings every chart of the
 * platform shares (no animation, system sans-serif) and for its accessible name — a <title> and <desc>
 * with the numbers in words, referenced by aria-labelledby when the SVG is inlined in a page with an id.
 */
import type * as EChartsNs from 'echarts';
import { echarts } from '../lazy-libs.ts';

export type ChartOption = EChartsNs.EChartsCoreOption;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Rendered charts by their input: rendering is a pure function of the option and size, and ECharts SSR
 * costs tens of milliseconds a chart, so a page that shows the same numbers again (a village's
 * finance overview, a dashboard) does not render them again. Least recently used beyond MEMO_ENTRIES.
 */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 500;

export function renderChartSvg(option: ChartOption, o: { width: number; height: number; title: string; desc: string; id?: string }): string {
  const key = JSON.stringify([option, o]);
  const hit = memo.get(key);
  if (hit !== undefined) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const svg = draw(option, o);
  memo.set(key, svg);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return svg;
}

function draw(option: ChartOption, o: { width: number; height: number; title: string; desc: string; id?: string }): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    const svg = chart.renderToSVGString();
    const label = o.id ? ` aria-labelledby="${o.id}-title ${o.id}-desc"` : '';
    const ids = (part: 'title' | 'desc') => (o.id ? ` id="${o.id}-${part}"` : '');
    return svg
      .replace(/^<svg\b/, `<svg role="img"${label} focusable="false"`)
      .replace(/^(<svg[^>]*>)/, `$1<title${ids('title')}>${escapeXml(o.title)}</title><desc${ids('desc')}>${escapeXml(o.desc)}</desc>`);
  } finally {
    chart.dispose();
  }
}
