/**
 * Text out of uploaded attachments, so the personal-data scanner can read them, and content sniffing by magic
 * bytes (the file name and the browser's MIME type are not trusted). Pure: buffers in, values out.
 * Everything a reader of the original file could find is extracted: xlsx hidden sheets, cell comments (notes and
 * threaded comments) and page headers/footers; docx headers, footers, text boxes, footnotes, endnotes, comments
 * and tracked deletions; PDF page text, annotations and form-field values.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { newWorkbook } from '../../../platform/lazy-libs.ts';

export interface XlsxCellText {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  col: number;
  /** A1-style reference, e.g. "B3". */
  address: string;
  text: string;
}

export interface XlsxContent {
  /** Every non-empty cell of every worksheet (hidden ones too), row by row. */
  cells: XlsxCellText[];
  /** Every worksheet in workbook order; `hidden` for Excel's hidden and very hidden sheets. */
  sheets: { name: string; hidden: boolean }[];
  /** Cell comments (notes): sheet, cell address, text. Threaded comments have the address Excel stores. */
  comments: { sheet: string; address: string; text: string }[];
  /** Page header/footer texts per sheet (Excel's &-codes removed). */
  headerFooter: { sheet: string; text: string }[];
}

/** Every non-empty cell of every worksheet (hidden ones included), row by row. Formula cells give their cached result. */
export async function extractXlsxText(buffer: Buffer): Promise<XlsxCellText[]> {
  return (await extractXlsx(buffer)).cells;
}

/** Cells, comments, header/footer texts and the sheet list of a workbook. */
export async function extractXlsx(buffer: Buffer): Promise<XlsxContent> {
  const wb = newWorkbook();
  // exceljs declares its own `Buffer` type (an ArrayBuffer); a Node Buffer is what it reads at run time.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: XlsxContent = { cells: [], sheets: [], comments: [], headerFooter: [] };
  wb.eachSheet((ws) => {
    out.sheets.push({ name: ws.name, hidden: ws.state === 'hidden' || ws.state === 'veryHidden' });
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const text = cellText(cell);
        if (text !== '') out.cells.push({ sheet: ws.name, row: rowNumber, col: colNumber, address: cell.address, text });
        const note = noteText(cell.note);
        if (note) out.comments.push({ sheet: ws.name, address: cell.address, text: note });
      });
    });
    const hf = (ws.headerFooter ?? {}) as Record<string, unknown>;
    for (const v of Object.values(hf)) {
      if (typeof v !== 'string') continue;
      const text = v
        .replace(/&(?:"[^"]*"|[A-Za-z]|\d+)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (text) out.headerFooter.push({ sheet: ws.name, text });
    }
  });
  // Threaded comments (Excel 365) are separate parts exceljs does not read.
  const zip = await JSZip.loadAsync(buffer);
  const sheetOf = await threadedCommentSheets(zip);
  for (const name of Object.keys(zip.files)
    .filter((n) => /^xl\/threadedComments\/[^/]+\.xml$/.test(n))
    .sort()) {
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(/<threadedComment\b[^>]*?\bref="([A-Z]+\d+)"[^>]*>[\s\S]*?<text>([\s\S]*?)<\/text>/g)) {
      const text = decodeXml(m[2]).trim();
      if (text) out.comments.push({ sheet: sheetOf.get(name) ?? '', address: m[1], text });
    }
  }
  return out;
}

/** Which sheet each threaded-comments part belongs to (through the workbook and sheet relationships). */
async function threadedCommentSheets(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wbXml = await zip.file('xl/workbook.xml')?.async('string');
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wbXml || !wbRels) return out;
  const targetOf = new Map(
    [...wbRels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1], m[2].replace(/^\/?(xl\/)?/, 'xl/')]),
  );
  for (const m of wbXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]+)"/g)) {
    const sheetPath = targetOf.get(m[2]);
    if (!sheetPath) continue;
    const rels = await zip.file(sheetPath.replace(/([^/]+)$/, '_rels/$1.rels'))?.async('string');
    for (const r of rels?.matchAll(/Target="([^"]*threadedComment[^"]*)"/g) ?? []) {
      out.set(`xl/threadedComments/${r[1].split('/').pop()}`, decodeXml(m[1]));
    }
  }
  return out;
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note.trim();
  const texts = (note as { texts?: { text?: string }[] }).texts;
  return Array.isArray(texts)
    ? texts
        .map((t) => t.text ?? '')
        .join('')
        .trim()
    : '';
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'formula' in v)
    return v.result === undefined || v.result === null ? '' : String(typeof v.result === 'object' && 'error' in v.result ? v.result.error : v.result);
  if (typeof v === 'object' && 'hyperlink' in v) return `${String(v.text)} ${v.hyperlink}`;
  return cell.text ?? '';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return ENTITIES[e];
  });
}

/** Uncompressed XML of a .docx larger than this (all parts read together) is refused (a zip bomb guard). */
export const MAX_DOCX_XML_CHARS = 50_000_000;

/** One part of a Word file besides the body: where it is, whether the public online view shows it, its paragraphs. */
export interface DocxPart {
  label: '页眉' | '页脚' | '脚注' | '尾注' | '批注' | '修订删除的文字';
  /** Headers, footers and notes are printed with the document; comments and tracked deletions are not. */
  shown: boolean;
  paragraphs: string[];
}

export interface DocxContent {
  /** The body's paragraphs (text boxes included, in document order); a line break inside a paragraph is '\n'. */
  paragraphs: string[];
  parts: DocxPart[];
}

/** Text of one WordprocessingML part: paragraphs of `<w:t>` runs (or `<w:delText>` with `deleted`); `<w:br/>` → '\n', tabs kept. */
function docxParagraphs(xml: string, deleted = false): string[] {
  // A text box is stored twice (DrawingML and a VML fallback): read it once.
  const src = xml.replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, '');
  const out: string[] = [];
  let cur = '';
  const tag = deleted ? 'w:delText' : 'w:t';
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>|</w:p>|<w:(br|cr)\\b[^>]*/>|<w:tab\\b[^>]*/>`, 'g');
  for (const m of src.matchAll(re)) {
    if (m[1] !== undefined) cur += decodeXml(m[1]);
    else if (m[0] === '</w:p>') {
      out.push(cur);
      cur = '';
    } else if (m[2]) cur += '\n';
    else if (!deleted) cur += '\t';
  }
  if (cur) out.push(cur);
  return out.filter((p) => p.trim() !== '');
}

const DOCX_PARTS: { re: RegExp; label: DocxPart['label']; shown: boolean }[] = [
  { re: /^word\/header\d*\.xml$/, label: '页眉', shown: true },
  { re: /^word\/footer\d*\.xml$/, label: '页脚', shown: true },
  { re: /^word\/footnotes\.xml$/, label: '脚注', shown: true },
  { re: /^word\/endnotes\.xml$/, label: '尾注', shown: true },
  { re: /^word\/comments\.xml$/, label: '批注', shown: false },
];

/** Body paragraphs and the other parts of a .docx (headers, footers, notes, comments, tracked deletions). */
export async function extractDocx(buffer: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer);
  const entry = zip.file('word/document.xml');
  if (!entry) throw new Error('不是有效的 Word（.docx）文件：缺少 word/document.xml');
  let total = 0;
  const read = async (name: string) => {
    const xml = await zip.file(name)!.async('string');
    total += xml.length;
    if (total > MAX_DOCX_XML_CHARS) throw new Error('Word 文件内容过大，无法检查');
    return xml;
  };
  const body = await read('word/document.xml');
  const parts: DocxPart[] = [];
  const deleted: string[] = docxParagraphs(body, true);
  for (const name of Object.keys(zip.files).sort()) {
    const spec = DOCX_PARTS.find((p) => p.re.test(name));
    if (!spec) continue;
    const xml = await read(name);
    const paragraphs = docxParagraphs(xml);
    deleted.push(...docxParagraphs(xml, true));
    const same = parts.find((p) => p.label === spec.label);
    if (same) same.paragraphs.push(...paragraphs);
    else if (paragraphs.length) parts.push({ label: spec.label, shown: spec.shown, paragraphs });
  }
  if (deleted.length) parts.push({ label: '修订删除的文字', shown: false, paragraphs: deleted });
  return { paragraphs: docxParagraphs(body), parts };
}

/**
 * Text of a .docx body: the `<w:t>` runs, a line break at each paragraph end (`</w:p>`), `<w:br/>`/`<w:cr/>`
 * and tabs kept. The other parts (headers, footers, comments…): `extractDocx`.
 */
export async function extractDocxText(buffer: Buffer): Promise<string> {
  return (await extractDocx(buffer)).paragraphs.join('\n');
}

// Content sniffing lives in platform/files (every module that takes uploads uses it); re-exported for this module's callers.
export { sniffFileType, type SniffedType } from '../../../platform/files/sniff.ts';

export interface PdfContent {
  /** Text of each page (at most `maxPages`). */
  pages: string[];
  /** Annotation contents (comments, sticky notes) and filled-in form-field values, with their 1-based page. */
  annotations: { page: number; text: string }[];
}

/**
 * Text of each page of a PDF (pdf.js, no rendering): what the personal-data scanner reads and what
 * the masked online view shows. A scanned PDF has (almost) no text: the caller treats it like an
 * image and asks for a reviewer's check.
 */
export async function extractPdfText(buffer: Buffer, maxPages = 500): Promise<string[]> {
  return (await extractPdf(buffer, maxPages)).pages;
}

/** Page texts plus annotation contents and form-field values. */
export async function extractPdf(buffer: Buffer, maxPages = 500): Promise<PdfContent> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    const annotations: PdfContent['annotations'] = [];
    for (let i = 1; i <= Math.min(doc.numPages, maxPages); i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
      for (const a of (await page.getAnnotations()) as { contentsObj?: { str?: string }; contents?: string; fieldValue?: unknown; title?: string }[]) {
        for (const v of [a.contentsObj?.str ?? a.contents, a.fieldValue]) {
          const t = Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : '';
          if (t.trim()) annotations.push({ page: i, text: t.trim() });
        }
      }
      page.cleanup();
    }
    return { pages, annotations };
  } finally {
    await task.destroy();
  }
}

/** Fewer visible characters than this per page means "no text layer" (a scan or a photo). */
export const MIN_PDF_TEXT_PER_PAGE = 10;
