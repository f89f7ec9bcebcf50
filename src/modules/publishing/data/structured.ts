/**
 * Structured data of a disclosure (pure): the tables stored with a record (村级财务收支明细, recipient lists),
 * the text extracted from attachments, and how both are scanned for personal data and masked for the public.
 * No database, no clock: "today" and decisions are arguments.
 */
import { piiRules } from '../pii-config.ts';
import { hitsToMask, maskText, scanTable, type PiiDecision, type PiiHit } from '../pii/pii-scan.ts';
import type { FinanceStatement } from '../finance/finance-statement.ts';

export interface FinanceData {
  kind: 'finance';
  statement: FinanceStatement;
}

export interface RecipientData {
  kind: 'recipients';
  listType: string;
  /** 低保 etc. (label of the list type when stored). */
  label: string;
  columns: string[];
  rows: string[][];
}

export type DisclosureData = FinanceData | RecipientData;

/** Text extracted from an attachment, kept so the scanner and the masked online view can read it. */
export type ExtractedText = { kind: 'xlsx'; sheets: { name: string; rows: string[][] }[] } | { kind: 'docx'; paragraphs: string[] } | { kind: 'pdf'; pages: string[] };

/** A hit inside structured data, with a human-readable place (e.g. “财务收支明细第5行 摘要”). */
export interface LocatedHit extends PiiHit {
  field: 'table' | 'attachment';
  location: string;
}

export const FINANCE_SCANNED = ['凭证号', '摘要', '科目'] as const;

/** The cells of one table that are scanned (and masked): finance lines → voucher, 摘要, 科目; recipient lists → every cell. */
function cellsOf(d: DisclosureData): { label: string; headers: string[]; rows: string[][]; rowLabel: (i: number) => string } {
  if (d.kind === 'finance') {
    return { label: '财务收支明细', headers: [...FINANCE_SCANNED], rows: d.statement.lines.map((l) => [l.voucherNo, l.summary, l.subject]), rowLabel: (i) => `Excel第${d.statement.lines[i].row}行` };
  }
  return { label: `${d.label}名单`, headers: d.columns, rows: d.rows, rowLabel: (i) => `第${i + 1}行` };
}

function locate(hits: ReturnType<typeof scanTable>, field: LocatedHit['field'], where: (row: number, header: string) => string): LocatedHit[] {
  return hits.map(({ row, column: _c, header, ...h }) => ({ ...h, field, location: where(row, header) }));
}

export function scanData(list: readonly DisclosureData[], today: string): LocatedHit[] {
  return list.flatMap((d) => {
    const c = cellsOf(d);
    return locate(scanTable(c.rows, c.headers, piiRules(), { today }), 'table', (row, header) => `${c.label}${c.rowLabel(row)} ${header}`);
  });
}

/** Every cell with hits not explicitly allowed masked (undecided = masked). */
export function maskRows(rows: readonly (readonly string[])[], headers: readonly string[], decisions: readonly PiiDecision[], today: string): string[][] {
  const hits = hitsToMask(scanTable(rows, headers, piiRules(), { today }), decisions);
  const out = rows.map((r) => [...r]);
  const byCell = new Map<string, typeof hits>();
  for (const h of hits) {
    const k = `${h.row}:${h.column}`;
    byCell.set(k, [...(byCell.get(k) ?? []), h]);
  }
  for (const [k, hs] of byCell) {
    const [r, c] = k.split(':').map(Number);
    out[r][c] = maskText(out[r][c], hs);
  }
  return out;
}

/** The public copy of the tables: the same shape, personal data masked. */
export function maskData(list: readonly DisclosureData[], decisions: readonly PiiDecision[], today: string): DisclosureData[] {
  return list.map((d) => {
    const c = cellsOf(d);
    const masked = maskRows(c.rows, c.headers, decisions, today);
    if (d.kind === 'finance') {
      return { kind: 'finance', statement: { ...d.statement, lines: d.statement.lines.map((l, i) => ({ ...l, voucherNo: masked[i][0], summary: masked[i][1], subject: masked[i][2] })) } };
    }
    return { ...d, rows: masked };
  });
}

/** Hits in an attachment's extracted text. */
export function scanExtracted(name: string, x: ExtractedText, today: string): LocatedHit[] {
  if (x.kind === 'pdf') {
    return x.pages.flatMap((text, i) => locate(scanTable(text.split('\n').map((l) => [l]), [''], piiRules(), { today }), 'attachment', (row) => `附件“${name}”第${i + 1}页第${row + 1}行`));
  }
  if (x.kind === 'docx') {
    return locate(scanTable(x.paragraphs.map((p) => [p]), [''], piiRules(), { today }), 'attachment', (row) => `附件“${name}”第${row + 1}段`);
  }
  return x.sheets.flatMap((s) => locate(scanTable(s.rows, [], piiRules(), { today }), 'attachment', (row) => `附件“${name}”工作表“${s.name}”第${row + 1}行`));
}

export function maskExtracted(x: ExtractedText, decisions: readonly PiiDecision[], today: string): ExtractedText {
  if (x.kind === 'pdf') return { kind: 'pdf', pages: x.pages.map((p) => maskRows(p.split('\n').map((l) => [l]), [''], decisions, today).map((r) => r[0]).join('\n')) };
  if (x.kind === 'docx') return { kind: 'docx', paragraphs: maskRows(x.paragraphs.map((p) => [p]), [''], decisions, today).map((r) => r[0]) };
  return { kind: 'xlsx', sheets: x.sheets.map((s) => ({ name: s.name, rows: maskRows(s.rows, [], decisions, today) })) };
}

/** At most this many rows per sheet are kept for scanning and the online view. */
export const MAX_EXTRACTED_ROWS = 20_000;

/** Cells (from extractXlsxText) → rows per sheet; empty cells in between become ''. */
export function sheetsFromCells(cells: readonly { sheet: string; row: number; col: number; text: string }[]): ExtractedText {
  const sheets = new Map<string, string[][]>();
  for (const c of cells) {
    if (c.row > MAX_EXTRACTED_ROWS) continue;
    const rows = sheets.get(c.sheet) ?? [];
    sheets.set(c.sheet, rows);
    while (rows.length < c.row) rows.push([]);
    const r = rows[c.row - 1];
    while (r.length < c.col) r.push('');
    r[c.col - 1] = c.text;
  }
  return { kind: 'xlsx', sheets: [...sheets.entries()].map(([name, rows]) => ({ name, rows: rows.filter((r) => r.some((v) => v.trim() !== '')) })) };
}

/** `2026-10` → 2026-10-01…2026-10-31; `2026-Q4` → 2026-10-01…2026-12-31; anything else → null. */
export function periodRange(period: string | null | undefined): { start: string; end: string; label: string } | null {
  if (!period) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`, label: `${y}年${mo}月` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}`, label: `${y}年第${'一二三四'[q - 1]}季度` };
  }
  return null;
}

/** A display name safe to store and show: no path, no control characters, at most 120 characters. */
export function sanitizeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/\s+/g, ' ').trim();
  if (!clean || /^\.+$/.test(clean)) return fallback;
  return clean.length > 120 ? clean.slice(0, 60) + '…' + clean.slice(-59) : clean;
}
