/**
 * The report laid out as in the 2021 format: each table as a grid of cells with row/column spans
 * (merged header cells), rendered to HTML (the publishable body and the staff preview) and to .xlsx
 * (exceljs, merged cells). One layout, two renderers, so the file and the page cannot differ.
 */
import type ExcelJS from 'exceljs';
import { REMEDY_RESULTS, REPORT_ROWS } from '../request.types.ts';
import {
  TABLE2_BLOCKS,
  TABLE2_CONTENT_LABEL,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE4_GROUPS,
  TOTAL_LABEL,
  RESULTS_HEADER,
  type ReportCheck,
  type ReportTable,
} from './report.tables.ts';
import type { AnnualReportView } from './report.service.ts';
import { newWorkbook } from '../../../platform/lazy-libs.ts';

export interface GridCell {
  v: string | number | null;
  cs?: number;
  rs?: number;
  th?: boolean;
  /** `row｜column` labels of a figure cell, to highlight the cells a check names. */
  key?: string;
  /** A row label (left-aligned in the preview). */
  label?: boolean;
}
export type Grid = GridCell[][];

const th = (v: string, cs = 1, rs = 1): GridCell => ({ v, cs, rs, th: true });
const td = (v: string | number | null, key?: string, cs = 1): GridCell => ({ v, cs, key, label: typeof v === 'string' && key === undefined });

export function table2Grid(t: ReportTable): Grid {
  const grid: Grid = [];
  for (const b of TABLE2_BLOCKS) {
    grid.push([th(b.header, 4)]);
    grid.push([th(TABLE2_CONTENT_LABEL), ...(b.columns.length === 1 ? [th(b.columns[0]!, 3)] : b.columns.map((c) => th(c)))]);
    for (const r of b.rows) {
      const row = t.rows.find((x) => x.code === r.code)!;
      grid.push([
        td(r.label),
        ...(b.columns.length === 1
          ? [td(row.values[0] ?? null, `${r.label}｜${b.columns[0]}`, 3)]
          : b.columns.map((c, i) => td(row.values[i] ?? null, `${r.label}｜${c}`))),
      ]);
    }
  }
  return grid;
}

export function table3Grid(t: ReportTable): Grid {
  const corps = TABLE3_COLUMNS.filter((c) => c.group);
  const grid: Grid = [
    [th(TABLE3_CORNER, 3, 3), th(TABLE3_APPLICANT_HEADER, TABLE3_COLUMNS.length)],
    [th(TABLE3_COLUMNS[0]!.label, 1, 2), th(corps[0]!.group!, corps.length), th(TOTAL_LABEL, 1, 2)],
    corps.map((c) => th(c.label)),
  ];
  const figures = (label: string, values: (number | null)[]) => values.map((v, i) => td(v, `${label}｜${TABLE3_COLUMNS[i]!.label}`));
  const rowOf = (code: string) => t.rows.find((r) => r.code === code)!;
  for (const code of ['new', 'carried-in']) grid.push([td(rowOf(code).label, undefined, 3), ...figures(rowOf(code).label, rowOf(code).values)]);
  const resultRows = [
    ...REPORT_ROWS.map((r) => ({ code: r.code as string, label: r.label as string, group: r.group as string })),
    { code: 'results-total', label: '（七）总计', group: '（七）总计' },
  ];
  resultRows.forEach((r, i) => {
    const cells: GridCell[] = [];
    if (i === 0) cells.push({ ...td(RESULTS_HEADER), rs: resultRows.length, label: false });
    const values = rowOf(r.code).values;
    if (r.group === r.label) cells.push(td(r.label, undefined, 2));
    else {
      const members = resultRows.filter((x) => x.group === r.group);
      if (members[0] === r) cells.push({ ...td(r.group), rs: members.length, label: false });
      cells.push(td(r.label));
    }
    grid.push([...cells, ...figures(r.label, values)]);
  });
  const out = rowOf('carried-out');
  grid.push([td(out.label, undefined, 3), ...figures(out.label, out.values)]);
  return grid;
}

export function table4Grid(t: ReportTable): Grid {
  const width = REMEDY_RESULTS.length + 1;
  const values = t.rows[0]!.values;
  return [
    [th(TABLE4_GROUPS[0].label, width, 2), th(TABLE4_GROUPS[1].parent!, width * 2)],
    [th(TABLE4_GROUPS[1].label, width), th(TABLE4_GROUPS[2].label, width)],
    TABLE4_GROUPS.flatMap(() => [...REMEDY_RESULTS.map((r) => th(r.label)), th(TOTAL_LABEL)]),
    t.columns.map((c, i) => td(values[i] ?? null, `｜${c.group}｜${c.label}`)),
  ];
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cell keys named by the checks (for highlighting in the preview). */
export function brokenKeys(checks: ReportCheck[]): Set<string> {
  const keys = new Set<string>();
  for (const c of checks) for (const cell of c.cells) keys.add(c.table === '四' ? `｜${cell.column}` : `${cell.row}｜${cell.column}`);
  return keys;
}

export function gridHtml(grid: Grid, highlight?: Set<string>): string {
  const rows = grid.map((row) => {
    const cells = row.map((c) => {
      const tag = c.th ? 'th' : 'td';
      const span = `${c.cs && c.cs > 1 ? ` colspan="${c.cs}"` : ''}${c.rs && c.rs > 1 ? ` rowspan="${c.rs}"` : ''}`;
      // Classes only in the staff preview (`highlight` given); the publishable body carries no classes.
      const cls = !highlight ? '' : c.key && highlight.has(c.key) ? ' class="broken"' : c.label ? ' class="l"' : '';
      const text = c.v === null ? '' : esc(String(c.v));
      return `<${tag}${span}${cls}>${text}</${tag}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><tbody>${rows.join('')}</tbody></table>`;
}

function paragraphs(text: string): string {
  const parts = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts.map((p) => `<p>${esc(p)}</p>`).join('') : '<p>（无）</p>';
}

/** 六、其他需要报告的事项: the 信息处理费 line (国办函〔2020〕109号) first, then the unit's own text. */
export function feeSentence(view: AnnualReportView): string | null {
  if (view.fees.yuan === null) return null;
  return view.fees.yuan === '0.00'
    ? '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度未收取信息处理费。'
    : `依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度共收取信息处理费${view.fees.yuan}元。`;
}

/** The six sections as publishable HTML (only tags the publishing sanitizer keeps, plus row/column spans). */
export function reportBodyHtml(view: AnnualReportView, highlight?: Set<string>): string {
  const fee = feeSentence(view);
  return [
    '<h3>一、总体情况</h3>',
    paragraphs(view.sections.overview),
    '<h3>二、主动公开政府信息情况</h3>',
    gridHtml(table2Grid(view.tables.table2), highlight),
    '<h3>三、收到和处理政府信息公开申请情况</h3>',
    gridHtml(table3Grid(view.tables.table3), highlight),
    '<h3>四、政府信息公开行政复议、行政诉讼情况</h3>',
    gridHtml(table4Grid(view.tables.table4), highlight),
    '<h3>五、存在的主要问题及改进情况</h3>',
    paragraphs(view.sections.problems),
    '<h3>六、其他需要报告的事项</h3>',
    fee ? `<p>${esc(fee)}</p>` : '',
    view.sections.other.trim() || !fee ? paragraphs(view.sections.other) : '',
  ].join('\n');
}

/** The staff preview: a printable page; cells named by a failed check are highlighted. */
export function reportPageHtml(view: AnnualReportView): string {
  const checks = view.checks.length
    ? `<section class="checks"><h2>一致性检查未通过（${view.checks.length}项）</h2><ul>${view.checks.map((c) => `<li>表${esc(c.table)}：${esc(c.message)}</li>`).join('')}</ul></section>`
    : '<section class="checks ok"><p>表二、表三、表四的一致性检查全部通过。</p></section>';
  const anomalies = view.anomalies.length
    ? `<section class="checks"><h2>未能统计的记录（${view.anomalies.length}条）</h2><ul>${view.anomalies.map((a) => `<li>${esc(a.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
<style>
body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.8;color:#111}
h1{text-align:center;font-size:1.5rem}h3{font-size:1.1rem;margin-top:1.5rem}
.meta{text-align:center;color:#555}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #333;padding:.2rem .35rem;text-align:center;vertical-align:middle}
td.l{text-align:left}
.broken{background:#ffd6d6;outline:2px solid #c00}
.checks{border:1px solid #c00;background:#fff5f5;padding:.5rem 1rem;margin:1rem 0}.checks.ok{border-color:#2a7;background:#f3fff7}
.checks h2{font-size:1rem;margin:0}
@media print{.checks{display:none}body{margin:0;max-width:none}}
</style></head>
<body>
<h1>${esc(view.title)}</h1>
<p class="meta">${esc(view.scopeLabel)}${view.status === 'published' ? ' · 已提交发布' : view.status === 'draft' ? ' · 草稿' : ''}</p>
${checks}
${anomalies}
${reportBodyHtml(view, brokenKeys(view.checks))}
</body></html>`;
}

function placeGrid(ws: ExcelJS.Worksheet, grid: Grid, startRow: number, highlight: Set<string>): number {
  const taken = new Set<string>();
  let r = startRow;
  for (const row of grid) {
    let c = 1;
    for (const cell of row) {
      while (taken.has(`${r}:${c}`)) c++;
      const cs = cell.cs ?? 1;
      const rs = cell.rs ?? 1;
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) taken.add(`${r + i}:${c + j}`);
      const x = ws.getCell(r, c);
      x.value = cell.v;
      if (cs > 1 || rs > 1) ws.mergeCells(r, c, r + rs - 1, c + cs - 1);
      x.alignment = { vertical: 'middle', horizontal: typeof cell.v === 'number' || cell.th ? 'center' : 'left', wrapText: true };
      if (cell.th) x.font = { bold: true };
      if (cell.key && highlight.has(cell.key)) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD6D6' } };
      for (let i = 0; i < rs; i++) {
        for (let j = 0; j < cs; j++) {
          ws.getCell(r + i, c + j).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
        }
      }
      c += cs;
    }
    r++;
  }
  return r;
}

/** One sheet per table, laid out as in the format (merged header cells); a fourth sheet lists the checks. */
export async function reportXlsx(view: AnnualReportView): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = 'Gongkai';
  const highlight = brokenKeys(view.checks);
  const sheets: [string, string, Grid, number[]][] = [
    ['表二 主动公开', '二、主动公开政府信息情况', table2Grid(view.tables.table2), [24, 18, 18, 18]],
    ['表三 依申请公开', '三、收到和处理政府信息公开申请情况', table3Grid(view.tables.table3), [12, 16, 40, 9, 9, 9, 9, 9, 9, 9]],
    ['表四 复议诉讼', '四、政府信息公开行政复议、行政诉讼情况', table4Grid(view.tables.table4), Array(15).fill(9)],
  ];
  for (const [name, heading, grid, widths] of sheets) {
    const ws = wb.addWorksheet(name);
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.getCell(1, 1).value = `${view.title} ${heading}`;
    ws.getCell(1, 1).font = { bold: true, size: 12 };
    placeGrid(ws, grid, 3, highlight);
  }
  const ws = wb.addWorksheet('一致性检查');
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 100;
  ws.addRow(['表', '问题']).font = { bold: true };
  if (!view.checks.length) ws.addRow(['', '一致性检查全部通过']);
  for (const c of view.checks) ws.addRow([`表${c.table}`, c.message]);
  for (const a of view.anomalies) ws.addRow(['记录', a.message]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
