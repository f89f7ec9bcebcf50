/**
 * Structured data of a disclosure (pure): the tables stored with a record (村级财务收支明细, recipient lists),
 * the text extracted from attachments, and how both are scanned for personal data and masked for the public.
 * No database, no clock: "today" and decisions are arguments.
 */
import { piiRules } from '../pii-config.ts';
import { hitsToMask, maskText, scanTable, scanText, type PiiDecision, type PiiHit } from '../pii/pii-scan.ts';
import type { DocxContent, PdfContent, XlsxContent } from '../pii/attachments.ts';
import type { FinanceStatement } from '../finance/finance-statement.ts';
import type { DisclosureAttachmentTable } from '../disclosure.tables.ts';

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

/**
 * Text extracted from an attachment, kept so the scanner and the masked online view can read it. `notes` are texts
 * that are in the file but not part of what it shows (cell comments, page headers/footers of a sheet, Word comments
 * and tracked deletions, PDF annotations and form fields): scanned like the rest, never shown in the online view.
 * Hidden sheets are scanned too and not shown. Rows stored before these fields existed simply lack them.
 */
export interface ExtractedNote {
  /** Where, for people: `工作表“名单”B3单元格的批注`, `批注`, `第2页的注释`. */
  where: string;
  text: string;
}
export interface ExtractedSheet {
  name: string;
  rows: string[][];
  hidden?: boolean;
}
export type ExtractedText =
  | { kind: 'xlsx'; sheets: ExtractedSheet[]; notes?: ExtractedNote[] }
  | { kind: 'docx'; paragraphs: string[]; parts?: { label: string; paragraphs: string[] }[]; notes?: ExtractedNote[] }
  | { kind: 'pdf'; pages: string[]; notes?: ExtractedNote[] };

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

/**
 * Segments scanned as one text (paragraphs of a Word file): a number broken over two paragraphs is still found.
 * U+2029 joins them; it is a line break for the scanner and never occurs inside a stored segment.
 */
const JOIN = '\u2029';
const joinable = (segments: readonly string[]) => segments.map((p) => p.replaceAll(JOIN, '\n'));

function scanJoined(segments: readonly string[], today: string): { hit: PiiHit; segment: number; line: number }[] {
  const joined = joinable(segments).join(JOIN);
  const starts: number[] = [];
  let at = 0;
  for (const p of segments) {
    starts.push(at);
    at += p.length + 1;
  }
  return scanText(joined, piiRules(), { today }).map((hit) => {
    let segment = 0;
    while (segment + 1 < starts.length && starts[segment + 1] <= hit.start) segment++;
    const line = joined.slice(starts[segment], hit.start).split('\n').length;
    return { hit, segment, line };
  });
}

function maskJoined(segments: readonly string[], decisions: readonly PiiDecision[], today: string): string[] {
  if (!segments.length) return [];
  const joined = joinable(segments).join(JOIN);
  return maskText(joined, hitsToMask(scanText(joined, piiRules(), { today }), decisions)).split(JOIN);
}

const atAttachment = (name: string, hits: PiiHit[], where: string): LocatedHit[] => hits.map((h) => ({ ...h, field: 'attachment', location: `附件“${name}”${where}` }));

/** Hits in an attachment's file name: the name is public too (the list of attachments, the online view's title). */
export function scanAttachmentName(name: string, today: string): LocatedHit[] {
  return atAttachment(name, scanText(name, piiRules(), { today }), '的文件名');
}

/** Every personal-data hit of an attachment row: its file name and everything extracted from it (stored as JSON). */
export function attachmentHits(att: { name: string; extracted_text: string | null }, today: string): LocatedHit[] {
  return [...scanAttachmentName(att.name, today), ...(att.extracted_text ? scanExtracted(att.name, JSON.parse(att.extracted_text) as ExtractedText, today) : [])];
}

/** Hits in an attachment's extracted text: everything in it, hidden sheets, comments and notes included. */
export function scanExtracted(name: string, x: ExtractedText, today: string): LocatedHit[] {
  const notes = (x.notes ?? []).flatMap((n) => atAttachment(name, scanText(n.text, piiRules(), { today }), n.where));
  if (x.kind === 'pdf') {
    // A page is scanned as one text, so a number that wraps onto the next line is found.
    return [...x.pages.flatMap((page, i) => scanJoined([page], today).map(({ hit, line }) => ({ ...hit, field: 'attachment' as const, location: `附件“${name}”第${i + 1}页第${line}行` }))), ...notes];
  }
  if (x.kind === 'docx') {
    const parts = [{ label: '', paragraphs: x.paragraphs }, ...(x.parts ?? [])];
    return [...parts.flatMap((p) => scanJoined(p.paragraphs, today).map(({ hit, segment }) => ({ ...hit, field: 'attachment' as const, location: `附件“${name}”${p.label}第${segment + 1}段` }))), ...notes];
  }
  return [
    ...x.sheets.flatMap((s) => {
      const label = `工作表“${s.name}”${s.hidden ? '（隐藏）' : ''}`;
      return [...atAttachment(name, scanText(s.name, piiRules(), { today }), `${label}的名称`), ...locate(scanTable(s.rows, [], piiRules(), { today }), 'attachment', (row) => `附件“${name}”${label}第${row + 1}行`)];
    }),
    ...notes,
  ];
}

/** The same extracted text with every hit not explicitly allowed masked (the public online view reads this). */
export function maskExtracted(x: ExtractedText, decisions: readonly PiiDecision[], today: string): ExtractedText {
  const notes = x.notes?.map((n) => ({ where: n.where, text: maskJoined([n.text], decisions, today)[0] }));
  if (x.kind === 'pdf') return { kind: 'pdf', pages: x.pages.map((p) => maskJoined([p], decisions, today)[0]), ...(notes ? { notes } : {}) };
  if (x.kind === 'docx') {
    const parts = x.parts?.map((p) => ({ label: p.label, paragraphs: maskJoined(p.paragraphs, decisions, today) }));
    return { kind: 'docx', paragraphs: maskJoined(x.paragraphs, decisions, today), ...(parts ? { parts } : {}), ...(notes ? { notes } : {}) };
  }
  return {
    kind: 'xlsx',
    sheets: x.sheets.map((s) => ({ name: maskJoined([s.name], decisions, today)[0], rows: maskRows(s.rows, [], decisions, today), ...(s.hidden ? { hidden: true } : {}) })),
    ...(notes ? { notes } : {}),
  };
}

/** What is stored for a workbook: every sheet (hidden ones marked), cell comments and header/footer texts as notes. */
export function extractedFromXlsx(c: XlsxContent): ExtractedText {
  const base = sheetsFromCells(c.cells);
  const rowsOf = new Map(base.kind === 'xlsx' ? base.sheets.map((s) => [s.name, s.rows]) : []);
  const sheets = c.sheets.map((s) => ({ name: s.name, rows: rowsOf.get(s.name) ?? [], ...(s.hidden ? { hidden: true } : {}) }));
  const notes: ExtractedNote[] = [
    ...c.comments.map((n) => ({ where: `工作表“${n.sheet}”${n.address}单元格的批注`, text: n.text })),
    ...c.headerFooter.map((h) => ({ where: `工作表“${h.sheet}”的页眉页脚`, text: h.text })),
  ];
  return { kind: 'xlsx', sheets, ...(notes.length ? { notes } : {}) };
}

/** What is stored for a Word file: body paragraphs, the printed parts (headers, footers, notes) and comments/deletions as notes. */
export function extractedFromDocx(c: DocxContent): ExtractedText {
  const shown = c.parts.filter((p) => p.shown).map((p) => ({ label: p.label, paragraphs: p.paragraphs }));
  const notes = c.parts.filter((p) => !p.shown).flatMap((p) => p.paragraphs.map((text) => ({ where: `的${p.label}`, text })));
  return { kind: 'docx', paragraphs: c.paragraphs, ...(shown.length ? { parts: shown } : {}), ...(notes.length ? { notes } : {}) };
}

/** What is stored for a PDF with a text layer: page texts and annotation/form-field texts as notes. */
export function extractedFromPdf(c: PdfContent): ExtractedText {
  const notes = c.annotations.map((a) => ({ where: `第${a.page}页的注释或表单`, text: a.text }));
  return { kind: 'pdf', pages: c.pages, ...(notes.length ? { notes } : {}) };
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
  // Invisible characters (zero-width space, BOM, soft hyphen…) are dropped, not turned into spaces.
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]|\p{Default_Ignorable_Code_Point}/gu, '').replace(/\s+/g, ' ').trim();
  if (!clean || /^\.+$/.test(clean)) return fallback;
  return clean.length > 120 ? clean.slice(0, 60) + '…' + clean.slice(-59) : clean;
}

/** Attachment types whose text may not be readable automatically (images; scanned PDFs without a text layer). */
export const UNCHECKABLE_TYPES = ['pdf', 'png', 'jpeg'];
export const TYPE_TEXT: Record<string, string> = { pdf: 'PDF 文档', xlsx: 'Excel 表格', docx: 'Word 文档', png: 'PNG 图片', jpeg: 'JPEG 图片' };

export type FileReview = 'no_personal_data' | 'allow' | 'withhold';
export const REVIEW_TEXT: Record<FileReview, string> = { no_personal_data: '经核对不含个人信息', allow: '含个人信息，经审核允许公开', withhold: '原件不公开' };

/** Whether the public may download the original file (never an unmasked original with open hits, in its name or content). */
export function originalIsPublic(att: Pick<DisclosureAttachmentTable, 'type' | 'name' | 'extracted_text' | 'review_action'>, decisions: Parameters<typeof hitsToMask>[1], today: string): boolean {
  if (att.review_action !== 'no_personal_data' && att.review_action !== 'allow') return false;
  if (!att.extracted_text && !UNCHECKABLE_TYPES.includes(att.type)) return false;
  // Fail safe: an original is public only if every hit in it (and in its name) is explicitly allowed.
  return hitsToMask(attachmentHits(att, today), decisions).length === 0;
}
