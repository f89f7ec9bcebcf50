/**
 * 村级财务收支明细 (reference-data.md §2.7): an Excel template for villages to fill, and a strict parser that turns
 * a filled file into a statement in integer 分 (fen) — or a list of problems with exact cell references in Chinese.
 * Pure: a buffer and the period in, values out; no clock.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../platform/lazy-libs.ts';

export const MAX_LINES = 5000;
/** More problems than this are summarised in one last line. */
export const MAX_PROBLEMS = 200;
export const DETAIL_SHEET = '收支明细';
export const HELP_SHEET = '填写说明';

type ColumnKey = 'date' | 'voucherNo' | 'summary' | 'subject' | 'income' | 'expense';

export const COLUMNS: readonly { key: ColumnKey; header: string; aliases: readonly string[]; width: number; help: string }[] = [
  {
    key: 'date',
    header: '日期',
    aliases: ['日期', '记账日期'],
    width: 13,
    help: '记账日期，按 YYYY-MM-DD 填写（如 2025-04-08），须在本期起止日期之内。也可使用 Excel 日期格式。',
  },
  { key: 'voucherNo', header: '凭证号', aliases: ['凭证号', '凭证编号', '凭证字号'], width: 10, help: '记账凭证编号，每行必填，与账簿一致（如 记-015）。' },
  { key: 'summary', header: '摘要', aliases: ['摘要'], width: 40, help: '这笔收支是什么，用群众看得懂的话写清楚（如 修建济川桥花坛材料费）。每行必填。' },
  { key: 'subject', header: '科目', aliases: ['科目', '会计科目'], width: 16, help: '会计科目名称（如 经营收入、管理费用）。可不填，不填时统计为“未填科目”。' },
  {
    key: 'income',
    header: '收入金额（元）',
    aliases: ['收入金额', '收入'],
    width: 16,
    help: '收入填这一栏，以“元”为单位，最多两位小数，不填负数（如 1234.50 或 1,234.50）。',
  },
  {
    key: 'expense',
    header: '支出金额（元）',
    aliases: ['支出金额', '支出'],
    width: 16,
    help: '支出填这一栏，要求同收入。每行收入、支出只填其中一项，另一项留空。',
  },
];

const OPENING_LABEL = '期初余额';
const CLOSING_LABEL = '期末余额';
const TOTAL_LABELS = ['合计', '本期合计'];

export interface TemplateInput {
  unitName: string;
  /** As shown in the title, e.g. "2025年第二季度". */
  period: string;
}

/** The fill-in workbook: title, 期初余额 / 期末余额 rows (labelled, amount in column B), the header row, and a 填写说明 sheet. */
export async function buildFinanceTemplate({ unitName, period }: TemplateInput): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(DETAIL_SHEET, { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  ws.mergeCells('A1:F1');
  const title = ws.getCell('A1');
  title.value = `${unitName}${period}村级财务收支明细`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  for (const [rowNo, label] of [
    [2, OPENING_LABEL],
    [3, CLOSING_LABEL],
  ] as const) {
    const labelCell = ws.getCell(`A${rowNo}`);
    labelCell.value = label;
    labelCell.font = { bold: true };
    const amount = ws.getCell(`B${rowNo}`);
    amount.numFmt = '#,##0.00';
    amount.border = { bottom: { style: 'thin' } };
    amount.note = `在此填写${label}，单位：元`;
  }

  const header = ws.getRow(4);
  header.values = COLUMNS.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  ws.getColumn('date').numFmt = 'yyyy-mm-dd';
  ws.getColumn('income').numFmt = '#,##0.00';
  ws.getColumn('expense').numFmt = '#,##0.00';
  ws.getColumn('voucherNo').numFmt = '@';

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 18 }, { width: 90 }];
  help.addRow(['栏目', '填写说明']).font = { bold: true };
  help.addRow(['期初余额', '本期开始时的账面余额（元），填在“收支明细”表第2行B列。']);
  help.addRow(['期末余额', '本期结束时的账面余额（元），填在第3行B列。系统会核对：期初余额 + 收入合计 − 支出合计 = 期末余额，不相等时不能发布。']);
  for (const c of COLUMNS) help.addRow([c.header, c.help]);
  help.addRow([
    '明细行',
    `从第5行起每笔收支填一行，最多 ${MAX_LINES.toLocaleString('en-US')} 行；中间和末尾的空行会被忽略。可以在最后加一行“合计”，系统会核对合计数。`,
  ]);
  help.addRow(['个人信息', '摘要中不要写身份证号、手机号、银行卡号等个人信息；发给个人的款项写明事由即可。']);
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- parsing -----------------------------------------------------------------------------------------

export interface FinanceLine {
  /** Source row number in the sheet (1-based). */
  row: number;
  date: string;
  voucherNo: string;
  summary: string;
  subject: string;
  /** 分; exactly one of income/expense is > 0, the other 0. */
  income: number;
  expense: number;
}

export interface FinanceStatement {
  periodStart: string;
  periodEnd: string;
  /** 分 (may be negative for an overdrawn account). */
  openingBalance: number;
  closingBalance: number;
  lines: FinanceLine[];
  totals: { income: number; expense: number };
}

export interface FinanceProblem {
  /** 1-based sheet row; 0 for the file as a whole. */
  row: number;
  /** Column letter ('' when not about one column). */
  column: string;
  message: string;
}

export type ParseResult = { ok: true; statement: FinanceStatement } | { ok: false; problems: FinanceProblem[] };

export interface ParseOptions {
  /** Inclusive, YYYY-MM-DD. */
  periodStart: string;
  periodEnd: string;
}

/** 12000 00 → "12,000.00"; negative amounts get a leading "-". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`formatYuan expects integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

type Plain = string | number | Date | null;

function plainValue(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'string' || typeof r === 'number' || r instanceof Date) return r;
      return String((r as { error?: string }).error ?? r);
    }
    if ('hyperlink' in v && 'text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Full-width digits and punctuation to ASCII (amounts and dates typed with a Chinese IME). */
function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function isBlank(v: Plain): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function textOf(v: Plain): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

type AmountResult = { ok: true; fen: number } | { ok: false; message: string };

const MAX_FEN = 1e15; // ten trillion 元: far beyond any village account, still exact in a double

/** Amount in 元 → integer 分, without going through a binary float for text input. */
export function parseAmount(v: Plain, allowNegative = false): AmountResult {
  if (v instanceof Date) return { ok: false, message: '这里应填写金额，不是日期' };
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, message: '金额不是有效数字' };
    const cents = v * 100;
    if (Math.abs(cents - Math.round(cents)) > 1e-6 * Math.max(1, Math.abs(cents))) return { ok: false, message: `金额最多两位小数，现为 ${v}` };
    const fen = Math.round(cents);
    if (fen < 0 && !allowNegative) return { ok: false, message: '金额不能为负数' };
    if (Math.abs(fen) >= MAX_FEN) return { ok: false, message: '金额过大' };
    return { ok: true, fen: fen === 0 ? 0 : fen };
  }
  text = halfWidth(String(v ?? ''))
    .trim()
    .replace(/\s+/g, '');
  const shown = String(v ?? '').trim();
  text = text.replace(/元$/, '');
  let negative = false;
  if (/^[-−]/.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$/.test(text)) return { ok: false, message: `“${shown}”不是金额，请只填数字（如 1234.50）` };
  if (negative && !allowNegative) return { ok: false, message: '金额不能为负数' };
  const [intPart, dec = ''] = text.replace(/,/g, '').split('.');
  if (dec.length > 2) return { ok: false, message: `金额最多两位小数，现为“${shown}”` };
  if (intPart.length > 13) return { ok: false, message: '金额过大' };
  const fen = Number(intPart) * 100 + Number(dec.padEnd(2, '0'));
  return { ok: true, fen: negative && fen !== 0 ? -fen : fen };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type DateResult = { ok: true; date: string } | { ok: false; message: string };

/** Excel date cells (exceljs gives UTC midnight), Excel serial numbers, and text: 2025-04-08, 2025/4/8, 2025.4.8, 2025年4月8日. */
export function parseDate(v: Plain): DateResult {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, message: '日期无效' };
    // exceljs returns date cells as UTC; a time of day (e.g. from Excel's NOW()) is dropped.
    return { ok: true, date: iso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) };
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 2958465) return { ok: false, message: `“${v}”不是日期，请按 YYYY-MM-DD 填写` };
    const ms = Date.UTC(1899, 11, 30) + v * 86_400_000; // Excel 1900 date system (serials after 1900-03-01 are exact)
    const d = new Date(ms);
    return { ok: true, date: iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
  }
  const shown = String(v ?? '').trim();
  const t = halfWidth(shown).replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$/.exec(t);
  if (!m) return { ok: false, message: `“${shown}”不是日期，请按 YYYY-MM-DD 填写` };
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (!isRealDate(y, mo, d)) return { ok: false, message: `“${shown}”不是真实存在的日期` };
  return { ok: true, date: iso(y, mo, d) };
}

function normaliseHeader(s: string): string {
  return halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/\(元\)$/, '');
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

interface Sheet {
  /** rows[r][c], 1-based indexes like Excel; missing = null. */
  get(r: number, c: number): Plain;
  rowCount: number;
  colCount: number;
}

function readSheet(ws: ExcelJS.Worksheet): Sheet {
  const rows = new Map<number, Map<number, Plain>>();
  let colCount = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, Plain>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Merged cells repeat the master's value; only the master counts.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const v = plainValue(cell.value);
      if (!isBlank(v)) {
        cells.set(c, v);
        colCount = Math.max(colCount, c);
      }
    });
    if (cells.size) rows.set(r, cells);
  });
  return { get: (r, c) => rows.get(r)?.get(c) ?? null, rowCount: ws.rowCount, colCount };
}

function periodProblem(opts: ParseOptions): string | null {
  const ok = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s ?? '') && parseDate(s).ok;
  if (!ok(opts.periodStart) || !ok(opts.periodEnd)) return '统计期间的起止日期无效';
  if (opts.periodStart > opts.periodEnd) return '统计期间的开始日期晚于结束日期';
  return null;
}

/**
 * Reads a filled template (or any sheet with the same headers). Balances are found by their labels (期初余额 /
 * 期末余额 as the first filled cell of a row, amount in the next filled cell), so they may sit above or below the lines.
 */
export async function parseFinanceStatement(buffer: Buffer, opts: ParseOptions): Promise<ParseResult> {
  const pp = periodProblem(opts);
  if (pp) return { ok: false, problems: [{ row: 0, column: '', message: pp }] };
  const wb = newWorkbook();
  try {
    // exceljs declares its own `Buffer` type (an ArrayBuffer); a Node Buffer is what it reads at run time.
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ row: 0, column: '', message: '无法读取文件，请上传用模板填写的 Excel（.xlsx）文件' }] };
  }
  const ws = wb.getWorksheet(DETAIL_SHEET) ?? wb.worksheets.find((w) => w.name !== HELP_SHEET);
  if (!ws) return { ok: false, problems: [{ row: 0, column: '', message: `文件中没有“${DETAIL_SHEET}”工作表` }] };
  return parseSheet(readSheet(ws), opts);
}

function parseSheet(sheet: Sheet, opts: ParseOptions): ParseResult {
  const problems: FinanceProblem[] = [];
  const add = (row: number, col: number, what: string, message: string) =>
    problems.push({ row, column: col ? colLetter(col) : '', message: col ? `第${row}行 ${what}（${colLetter(col)}${row}）：${message}` : message });

  // Header row: the first row (within 30) where at least three known headers appear.
  let headerRow = 0;
  let colOf: Partial<Record<ColumnKey, number>> = {};
  for (let r = 1; r <= Math.min(sheet.rowCount, 30) && !headerRow; r++) {
    const found: Partial<Record<ColumnKey, number>> = {};
    for (let c = 1; c <= sheet.colCount; c++) {
      const h = normaliseHeader(textOf(sheet.get(r, c)));
      const col = COLUMNS.find((k) => k.aliases.includes(h));
      if (col && found[col.key] === undefined) found[col.key] = c;
    }
    if (Object.keys(found).length >= 3) {
      headerRow = r;
      colOf = found;
    }
  }
  if (!headerRow) return { ok: false, problems: [{ row: 0, column: '', message: `找不到表头行，表头应为：${COLUMNS.map((c) => c.header).join('、')}` }] };
  const missing = COLUMNS.filter((c) => colOf[c.key] === undefined);
  if (missing.length) {
    return { ok: false, problems: missing.map((c) => ({ row: headerRow, column: '', message: `第${headerRow}行表头缺少“${c.header}”列` })) };
  }
  const col = colOf as Record<ColumnKey, number>;
  const header = (k: ColumnKey) => COLUMNS.find((c) => c.key === k)!.header;

  const balances: Partial<Record<'opening' | 'closing', { fen: number; row: number; col: number }>> = {};
  const labelSeen = { opening: false, closing: false };
  const totalRows: { row: number; income: number | null; expense: number | null }[] = [];
  const lines: FinanceLine[] = [];
  let lineRows = 0;

  const firstFilled = (r: number): number => {
    for (let c = 1; c <= sheet.colCount; c++) if (!isBlank(sheet.get(r, c))) return c;
    return 0;
  };

  for (let r = 1; r <= sheet.rowCount; r++) {
    if (r === headerRow) continue;
    const first = firstFilled(r);
    if (!first) continue;
    const label = normaliseHeader(textOf(sheet.get(r, first))).replace(/[:：]$/, '');
    const which = label === OPENING_LABEL ? 'opening' : label === CLOSING_LABEL ? 'closing' : null;
    if (which) {
      let c = first + 1;
      while (c <= sheet.colCount && isBlank(sheet.get(r, c))) c++;
      const what = which === 'opening' ? OPENING_LABEL : CLOSING_LABEL;
      labelSeen[which] = true;
      if (balances[which]) add(r, first, what, `重复填写了${what}（第${balances[which]!.row}行已有）`);
      else if (c > sheet.colCount) add(r, first + 1, what, `${what}未填写金额`);
      else {
        const a = parseAmount(sheet.get(r, c), true);
        if (a.ok) balances[which] = { fen: a.fen, row: r, col: c };
        else add(r, c, what, a.message);
      }
      continue;
    }
    if (r < headerRow) continue; // title and notes above the header
    if (TOTAL_LABELS.includes(label)) {
      const inc = isBlank(sheet.get(r, col.income)) ? null : parseAmount(sheet.get(r, col.income));
      const exp = isBlank(sheet.get(r, col.expense)) ? null : parseAmount(sheet.get(r, col.expense));
      if (inc && !inc.ok) add(r, col.income, header('income'), inc.message);
      if (exp && !exp.ok) add(r, col.expense, header('expense'), exp.message);
      totalRows.push({ row: r, income: inc?.ok ? inc.fen : null, expense: exp?.ok ? exp.fen : null });
      continue;
    }
    const cells = COLUMNS.map((c) => sheet.get(r, col[c.key]));
    if (cells.every(isBlank)) continue; // something outside the six columns only (a note): ignore
    lineRows++;
    if (lineRows > MAX_LINES) continue;

    const dateV = sheet.get(r, col.date);
    let date = '';
    if (isBlank(dateV)) add(r, col.date, '日期', '日期不能为空');
    else {
      const d = parseDate(dateV);
      if (!d.ok) add(r, col.date, '日期', d.message);
      else if (d.date < opts.periodStart || d.date > opts.periodEnd)
        add(r, col.date, '日期', `日期 ${d.date} 不在本期（${opts.periodStart} 至 ${opts.periodEnd}）之内`);
      else date = d.date;
    }
    const voucherNo = halfWidth(textOf(sheet.get(r, col.voucherNo)));
    if (!voucherNo) add(r, col.voucherNo, '凭证号', '凭证号不能为空');
    const summary = textOf(sheet.get(r, col.summary));
    if (!summary) add(r, col.summary, '摘要', '摘要不能为空');
    const subject = textOf(sheet.get(r, col.subject));

    const amounts = { income: 0, expense: 0 };
    const given: ColumnKey[] = [];
    for (const k of ['income', 'expense'] as const) {
      const v = sheet.get(r, col[k]);
      if (isBlank(v)) continue;
      given.push(k);
      const a = parseAmount(v);
      if (!a.ok) add(r, col[k], header(k), a.message);
      else if (a.fen === 0) add(r, col[k], header(k), '金额须大于 0（不发生的一栏请留空）');
      else amounts[k] = a.fen;
    }
    if (given.length === 0) add(r, col.income, '收入/支出', '收入金额和支出金额须填写其中一项');
    if (given.length === 2) add(r, col.income, '收入/支出', '同一行只能填写收入或支出中的一项，另一项请留空');
    lines.push({ row: r, date, voucherNo, summary, subject, income: amounts.income, expense: amounts.expense });
  }

  if (lineRows > MAX_LINES)
    problems.push({
      row: 0,
      column: '',
      message: `明细共 ${lineRows.toLocaleString('en-US')} 行，超过每份 ${MAX_LINES.toLocaleString('en-US')} 行的上限，请按月份拆分后分别上传`,
    });
  if (lineRows === 0) problems.push({ row: 0, column: '', message: '没有收支明细行' });
  if (!labelSeen.opening) problems.push({ row: 0, column: '', message: `缺少“${OPENING_LABEL}”行（在一行的第一个单元格写“${OPENING_LABEL}”，后一格填金额）` });
  if (!labelSeen.closing) problems.push({ row: 0, column: '', message: `缺少“${CLOSING_LABEL}”行（在一行的第一个单元格写“${CLOSING_LABEL}”，后一格填金额）` });

  if (problems.length) return { ok: false, problems: capped(problems) };

  const totals = { income: 0, expense: 0 };
  for (const l of lines) {
    totals.income += l.income;
    totals.expense += l.expense;
  }
  for (const t of totalRows) {
    if (t.income !== null && t.income !== totals.income)
      add(t.row, col.income, '合计', `收入合计应为 ${formatYuan(totals.income)} 元，表中填写 ${formatYuan(t.income)} 元`);
    if (t.expense !== null && t.expense !== totals.expense)
      add(t.row, col.expense, '合计', `支出合计应为 ${formatYuan(totals.expense)} 元，表中填写 ${formatYuan(t.expense)} 元`);
  }
  const opening = balances.opening!;
  const closing = balances.closing!;
  const computed = opening.fen + totals.income - totals.expense;
  if (computed !== closing.fen) {
    add(
      closing.row,
      closing.col,
      CLOSING_LABEL,
      `期初余额 ${formatYuan(opening.fen)} 元 + 收入 ${formatYuan(totals.income)} 元 − 支出 ${formatYuan(totals.expense)} 元 = ${formatYuan(computed)} 元，与期末余额 ${formatYuan(closing.fen)} 元不符（相差 ${formatYuan(Math.abs(closing.fen - computed))} 元）`,
    );
  }
  if (problems.length) return { ok: false, problems: capped(problems) };

  return {
    ok: true,
    statement: { periodStart: opts.periodStart, periodEnd: opts.periodEnd, openingBalance: opening.fen, closingBalance: closing.fen, lines, totals },
  };
}

function capped(problems: FinanceProblem[]): FinanceProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { row: 0, column: '', message: `另有 ${problems.length - MAX_PROBLEMS} 处问题未列出，请先改正以上问题` }];
}

// ---- summaries (for charts) ------------------------------------------------------------------------

export const NO_SUBJECT = '未填科目';

export interface SubjectSummary {
  subject: string;
  income: number;
  expense: number;
  count: number;
}

/** Totals per 科目 (fen), in order of first appearance; lines without a subject under 未填科目. */
export function summarizeBySubject(statement: FinanceStatement): SubjectSummary[] {
  const map = new Map<string, SubjectSummary>();
  for (const l of statement.lines) {
    const subject = l.subject || NO_SUBJECT;
    const s = map.get(subject) ?? { subject, income: 0, expense: 0, count: 0 };
    s.income += l.income;
    s.expense += l.expense;
    s.count++;
    map.set(subject, s);
  }
  return [...map.values()];
}

export interface MonthSummary {
  /** YYYY-MM */
  month: string;
  income: number;
  expense: number;
  count: number;
}

/** Totals per calendar month of the period (fen), every month of the period present, also months without lines. */
export function summarizeByMonth(statement: FinanceStatement): MonthSummary[] {
  const out: MonthSummary[] = [];
  let [y, m] = statement.periodStart.slice(0, 7).split('-').map(Number);
  const last = statement.periodEnd.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push({ month, income: 0, expense: 0, count: 0 });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  const index = new Map(out.map((s) => [s.month, s]));
  for (const l of statement.lines) {
    const s = index.get(l.date.slice(0, 7))!;
    s.income += l.income;
    s.expense += l.expense;
    s.count++;
  }
  return out;
}
