/**
 * Exports of an assessment period for the caller's scope: an .xlsx workbook (exceljs) and a printable A4 PDF
 * report with charts (ECharts server-side SVG drawn into PDFKit with the CJK font from @embedpdf/fonts-sc).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { renderChartSvg, type ChartOption } from '../../platform/render/chart-svg.ts';
import { fontDirectory } from '../publishing/index.ts';
import { INDICATOR_KINDS, UNIT_GROUPS, VETO_FIGURES, type UnitGroup } from './assessment.rules.ts';
import type { AssessmentView, RankRow, ScoredUnit } from './assessment.service.ts';
import { drawSvg } from './svg-to-pdf.ts';
import { newWorkbook, newPdfDocument } from '../../platform/lazy-libs.ts';

function renderChart(option: ChartOption, width: number, height: number, title: string, desc: string): string {
  return renderChartSvg(option, { width, height, title, desc });
}

/** Bar chart of totals in one group, pass mark as a line; vetoed units in red. */
export function groupChartSvg(view: AssessmentView, group: UnitGroup, width = 720): { svg: string; title: string } {
  const items = view.rankings.find((r) => r.group === group)?.items ?? [];
  const shown = items.slice(0, 40);
  const title = `${UNIT_GROUPS[group]}得分（${view.period.name}）`;
  const desc = shown.length ? shown.map((i) => `${i.name} ${i.total}分 ${i.grade}`).join('；') : '暂无单位';
  const svg = renderChart(
    {
      grid: { left: 50, right: 80, top: 24, bottom: shown.length > 8 ? 110 : 50 },
      xAxis: { type: 'category', data: shown.map((i) => i.name), axisLabel: { rotate: shown.length > 8 ? 45 : 0, interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 100, name: '分' },
      series: [
        {
          type: 'bar',
          data: shown.map((i) => ({ value: i.total, itemStyle: { color: i.vetoed ? '#c62828' : i.passed ? '#2e7d32' : '#ef6c00' } })),
          label: { show: shown.length <= 20, position: 'top', fontSize: 10 },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#555', type: 'dashed' },
            data: [{ yAxis: view.period.set.passMark }],
            label: { formatter: `合格线 ${view.period.set.passMark}` },
          },
        },
      ],
    },
    width,
    shown.length > 8 ? 340 : 260,
    title,
    desc,
  );
  return { svg, title };
}

/** Stacked bars: passed / failed / vetoed per group. */
export function gradeChartSvg(view: AssessmentView, width = 720): { svg: string; title: string } {
  const s = view.summary.filter((x) => x.units > 0);
  const title = '考评结果分布';
  const desc = s.map((x) => `${x.label}：合格 ${x.passed}，不合格 ${x.failed - x.vetoed}，单项否决 ${x.vetoed}`).join('；');
  const svg = renderChart(
    {
      legend: { data: ['合格', '不合格', '单项否决'], top: 0 },
      grid: { left: 50, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: s.map((x) => x.label) },
      yAxis: { type: 'value', name: '个', minInterval: 1 },
      series: [
        { name: '合格', type: 'bar', stack: 'a', data: s.map((x) => x.passed), itemStyle: { color: '#2e7d32' } },
        { name: '不合格', type: 'bar', stack: 'a', data: s.map((x) => x.failed - x.vetoed), itemStyle: { color: '#ef6c00' } },
        { name: '单项否决', type: 'bar', stack: 'a', data: s.map((x) => x.vetoed), itemStyle: { color: '#c62828' } },
      ],
    },
    width,
    260,
    title,
    desc,
  );
  return { svg, title };
}

// ---------------------------------------------------------------------------------------------------------------
// Excel

export async function assessmentXlsx(view: AssessmentView, scored: ScoredUnit[]): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = 'Gongkai';
  const set = view.period.set;
  const bold = { bold: true };
  const head = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = bold;
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const all = wb.addWorksheet('得分明细');
  const inds = set.indicators;
  all.columns = [
    { header: '类别', key: 'group', width: 14 },
    { header: '排名', key: 'rank', width: 8 },
    { header: '单位', key: 'name', width: 22 },
    { header: '所属乡镇（街道）', key: 'parent', width: 18 },
    { header: '镇内排名', key: 'townRank', width: 10 },
    ...inds.map((i) => ({ header: `${i.name}${i.kind === 'veto' ? '（否决）' : `（${i.weight}分）`}`, key: `i_${i.key}`, width: 16 })),
    { header: '总分', key: 'total', width: 10 },
    { header: '等次', key: 'grade', width: 18 },
    { header: '否决原因', key: 'veto', width: 30 },
    { header: '备注', key: 'note', width: 24 },
  ];
  head(all);
  const order: UnitGroup[] = ['township', 'department', 'village'];
  for (const g of order) {
    for (const s of scored.filter((x) => x.group === g).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))) {
      const row: Record<string, string | number | null> = {
        group: s.groupLabel,
        rank: s.rank,
        name: s.isDemo ? `${s.name}（演示）` : s.name,
        parent: s.parentName,
        townRank: s.townRank,
        total: s.score.total,
        grade: s.score.grade,
        veto: s.score.vetoReasons.join('；') || null,
        note: s.score.incomplete ? '有人工评分未录入（按0分计）' : null,
      };
      for (const i of inds) {
        const r = s.score.results.find((x) => x.key === i.key);
        row[`i_${i.key}`] = !r
          ? '不适用'
          : r.kind === 'veto'
            ? r.status === 'veto_triggered'
              ? '触发'
              : r.status === 'no_data'
                ? '暂无数据'
                : '未触发'
            : r.status === 'no_data'
              ? '暂无数据'
              : r.status === 'excluded'
                ? '不计分'
                : (r.points ?? 0);
      }
      all.addRow(row);
    }
  }

  for (const r of view.rankings) {
    const ws = wb.addWorksheet(`${r.label}排名`);
    ws.columns = [
      { header: '排名', key: 'rank', width: 8 },
      { header: '单位', key: 'name', width: 24 },
      { header: '所属乡镇（街道）', key: 'parent', width: 18 },
      { header: '总分', key: 'total', width: 10 },
      { header: '等次', key: 'grade', width: 20 },
    ];
    head(ws);
    for (const i of r.items) ws.addRow({ rank: i.rank, name: i.name, parent: i.parentName, total: i.total, grade: i.grade });
  }
  if (view.villagesByTown.length) {
    const ws = wb.addWorksheet('村（社区）镇内排名');
    ws.columns = [
      { header: '乡镇（街道）', key: 'town', width: 18 },
      { header: '镇内排名', key: 'rank', width: 10 },
      { header: '村（社区）', key: 'name', width: 22 },
      { header: '总分', key: 'total', width: 10 },
      { header: '等次', key: 'grade', width: 20 },
    ];
    head(ws);
    for (const t of view.villagesByTown) for (const i of t.items) ws.addRow({ town: t.town.name, rank: i.rank, name: i.name, total: i.total, grade: i.grade });
  }

  const spec = wb.addWorksheet('指标体系');
  spec.columns = [
    { header: '指标', key: 'name', width: 26 },
    { header: '计算方式', key: 'kind', width: 22 },
    { header: '公式或条件', key: 'formula', width: 36 },
    { header: '分值', key: 'weight', width: 8 },
    { header: '得分线', key: 'lines', width: 22 },
    { header: '适用对象', key: 'applies', width: 30 },
  ];
  head(spec);
  for (const i of inds) {
    spec.addRow({
      name: i.name,
      kind: INDICATOR_KINDS[i.kind].label,
      formula:
        i.kind === 'veto'
          ? i.veto
            ? i.veto.figure === 'manual'
              ? VETO_FIGURES.manual
              : `${VETO_FIGURES[i.veto.figure]} ≥ ${i.veto.atLeast}`
            : ''
          : INDICATOR_KINDS[i.kind].formula,
      weight: i.weight,
      lines: i.kind === 'veto' || i.kind === 'manual' ? '' : `满分线 ${i.full ?? 100}%，零分线 ${i.zero ?? 0}%`,
      applies: i.appliesTo.map((g) => UNIT_GROUPS[g]).join('、'),
    });
  }
  spec.addRow({});
  spec.addRow({ name: `合格线：${set.passMark}分；触发任一单项否决指标即为不合格` });
  spec.addRow({ name: `数据截至：${view.asOf}；${view.frozen ? `结果已于 ${view.computedAt.slice(0, 10)} 固定` : '考评进行中，结果随数据变化'}` });
  for (const n of view.notes) spec.addRow({ name: n });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// PDF report

const REGULAR = 'NotoSansHans';
const BOLD = 'NotoSansHans-Bold';
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fonts() {
  if (!fontCache) {
    const dir = fontDirectory();
    fontCache = { regular: readFileSync(join(dir, 'NotoSansHans-Regular.otf')), bold: readFileSync(join(dir, 'NotoSansHans-Bold.otf')) };
  }
  return fontCache;
}

export async function assessmentPdf(view: AssessmentView, generatedAt: Date): Promise<Buffer> {
  const doc = newPdfDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: view.period.name, Creator: 'Gongkai', Producer: 'Gongkai (PDFKit)', CreationDate: generatedAt },
  });
  const f = fonts();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const left = 56;
  const width = doc.page.width - 112;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.font(BOLD).fontSize(18).text(view.period.name, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font(REGULAR).fontSize(10).fillColor('#444');
  doc.text(
    `考评期：${view.period.startDate} 至 ${view.period.endDate}\u3000数据截至：${view.asOf}\u3000${view.frozen ? `结果已固定（${view.computedAt.slice(0, 10)}）` : '考评进行中（结果随数据变化）'}`,
    { width, align: 'center' },
  );
  doc.text(`合格线 ${view.period.set.passMark} 分；触发任一单项否决指标即为不合格。`, { width, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);

  doc.font(BOLD).fontSize(13).text('一、总体情况');
  doc.moveDown(0.3).font(REGULAR).fontSize(10.5);
  for (const s of view.summary.filter((x) => x.units > 0)) {
    doc.text(
      `${s.label}：${s.units}个，合格 ${s.passed}个，不合格 ${s.failed}个（其中单项否决 ${s.vetoed}个）${s.average !== null ? `，平均 ${s.average} 分` : ''}${s.incomplete ? `；${s.incomplete}个单位有人工评分未录入` : ''}。`,
      { width },
    );
  }
  for (const n of view.notes) doc.fillColor('#555').text(`注：${n}`, { width });
  doc.fillColor('#000').moveDown(0.5);
  const grade = gradeChartSvg(view, 640);
  ensure(width * (260 / 640) + 40);
  caption(`图：${grade.title}`);
  doc.y += drawSvg(doc, grade.svg, left, doc.y, width, REGULAR) + 8;

  let section = 2;
  const cn = ['', '一', '二', '三', '四', '五', '六', '七'];
  for (const r of view.rankings.filter((x) => x.items.length > 0)) {
    // Keep the heading with its chart.
    ensure(width * ((r.items.length > 8 ? 340 : 260) / 720) + 60);
    doc.font(BOLD).fontSize(13).text(`${cn[section++]}、${r.label}得分与排名`, left, doc.y);
    doc.moveDown(0.3);
    const chart = groupChartSvg(view, r.group, 720);
    const h = width * ((r.items.length > 8 ? 340 : 260) / 720);
    ensure(h + 30);
    caption(`图：${chart.title}`);
    doc.y += drawSvg(doc, chart.svg, left, doc.y, width, REGULAR) + 6;
    table(r.items, r.group === 'village');
  }

  function caption(text: string) {
    doc.font(BOLD).fontSize(10).fillColor('#333').text(text, left, doc.y, { width, align: 'center' });
    doc.fillColor('#000').moveDown(0.2);
  }

  function table(items: RankRow[], withTown: boolean) {
    const cols = withTown
      ? [
          { label: '排名', w: 40 },
          { label: '单位', w: 150 },
          { label: '所属乡镇（街道）', w: 110 },
          { label: '总分', w: 60 },
          { label: '等次', w: width - 360 },
        ]
      : [
          { label: '排名', w: 40 },
          { label: '单位', w: 220 },
          { label: '总分', w: 60 },
          { label: '等次', w: width - 320 },
        ];
    const rowH = 18;
    const header = () => {
      doc.font(BOLD).fontSize(9.5);
      let x = left;
      doc.rect(left, doc.y, width, rowH).fill('#eeeeee').fillColor('#000');
      const y = doc.y + 4;
      for (const c of cols) {
        doc.text(c.label, x + 3, y, { width: c.w - 6, lineBreak: false });
        x += c.w;
      }
      doc.y = y - 4 + rowH;
    };
    ensure(rowH * 2);
    header();
    doc.font(REGULAR).fontSize(9.5);
    for (const i of items) {
      if (doc.y + rowH > bottom()) {
        doc.addPage();
        header();
        doc.font(REGULAR).fontSize(9.5);
      }
      const y = doc.y + 4;
      const cells = withTown
        ? [String(i.rank), i.name, i.parentName ?? '', i.total.toFixed(2), i.grade]
        : [String(i.rank), i.name, i.total.toFixed(2), i.grade];
      let x = left;
      doc.fillColor(i.vetoed || !i.passed ? '#b71c1c' : '#000');
      cols.forEach((c, k) => {
        doc.text(cells[k], x + 3, y, { width: c.w - 6, lineBreak: false, ellipsis: true });
        x += c.w;
      });
      doc.fillColor('#000');
      doc
        .moveTo(left, y - 4 + rowH)
        .lineTo(left + width, y - 4 + rowH)
        .lineWidth(0.3)
        .strokeColor('#cccccc')
        .stroke();
      doc.y = y - 4 + rowH;
    }
    doc.moveDown(0.8);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor('#666')
      .text(`${view.period.name}\u3000第 ${i + 1} 页 共 ${range.count} 页`, left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
