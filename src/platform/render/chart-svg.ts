/**
 * Charts as server-rendered SVG (ECharts SSR, no browser): one place for the settings every chart of the
 * platform shares (no animation, system sans-serif) and for its accessible name — a <title> and <desc>
 * with the numbers in words, referenced by aria-labelledby when the SVG is inlined in a page with an id.
 */
import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsCoreOption;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderChartSvg(option: ChartOption, o: { width: number; height: number; title: string; desc: string; id?: string }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    const svg = chart.renderToSVGString();
    const label = o.id ? ` aria-labelledby="${o.id}-title ${o.id}-desc"` : '';
    const ids = (part: 'title' | 'desc') => (o.id ? ` id="${o.id}-${part}"` : '');
    return svg.replace(/^<svg\b/, `<svg role="img"${label} focusable="false"`).replace(/^(<svg[^>]*>)/, `$1<title${ids('title')}>${escapeXml(o.title)}</title><desc${ids('desc')}>${escapeXml(o.desc)}</desc>`);
  } finally {
    chart.dispose();
  }
}
