/**
 * Text out of uploaded attachments, so the personal-data scanner can read them, and content sniffing by magic
 * bytes (the file name and the browser's MIME type are not trusted). Pure: buffers in, values out.
 * PDF text extraction is not part of this change (see README).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface XlsxCellText {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  col: number;
  /** A1-style reference, e.g. "B3". */
  address: string;
  text: string;
}

/** Every non-empty cell of every worksheet, row by row. Formula cells give their cached result. */
export async function extractXlsxText(buffer: Buffer): Promise<XlsxCellText[]> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` type (an ArrayBuffer); a Node Buffer is what it reads at run time.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: XlsxCellText[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const text = cellText(cell);
        if (text !== '') out.push({ sheet: ws.name, row: rowNumber, col: colNumber, address: cell.address, text });
      });
    });
  });
  return out;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'formula' in v) return v.result === undefined || v.result === null ? '' : String(typeof v.result === 'object' && 'error' in v.result ? v.result.error : v.result);
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

/** Uncompressed `word/document.xml` larger than this is refused (a zip bomb guard). */
export const MAX_DOCX_XML_CHARS = 50_000_000;

/**
 * Text of a .docx body: the `<w:t>` runs, a line break at each paragraph end (`</w:p>`), `<w:br/>`/`<w:cr/>`
 * and tabs kept. Headers, footers, footnotes and comments are separate parts and not read.
 */
export async function extractDocxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const entry = zip.file('word/document.xml');
  if (!entry) throw new Error('不是有效的 Word（.docx）文件：缺少 word/document.xml');
  const xml = await entry.async('string');
  if (xml.length > MAX_DOCX_XML_CHARS) throw new Error('Word 文件内容过大，无法检查');
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:(br|cr)\b[^>]*\/>|<w:tab\b[^>]*\/>/g)) {
    if (m[1] !== undefined) out += decodeXml(m[1]);
    else if (m[0] === '</w:p>' || m[2]) out += '\n';
    else out += '\t';
  }
  return out.replace(/\n$/, '');
}

export type SniffedType = 'pdf' | 'xlsx' | 'docx' | 'png' | 'jpeg' | 'zip' | 'unknown';

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * The file's real type from its first bytes. Office files are zips: a zip with `xl/workbook.xml` is xlsx, with
 * `word/document.xml` docx, any other readable zip is 'zip'; a file that starts like a zip but cannot be read is 'unknown'.
 */
export async function sniffFileType(buffer: Buffer): Promise<SniffedType> {
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(buffer);
    } catch {
      return 'unknown';
    }
    if (zip.file('xl/workbook.xml')) return 'xlsx';
    if (zip.file('word/document.xml')) return 'docx';
    return 'zip';
  }
  return 'unknown';
}

/**
 * Text of each page of a PDF (pdf.js, no rendering): what the personal-data scanner reads and what
 * the masked online view shows. A scanned PDF has (almost) no text: the caller treats it like an
 * image and asks for a reviewer's check.
 */
export async function extractPdfText(buffer: Buffer, maxPages = 500): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(buffer), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
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
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Fewer visible characters than this per page means "no text layer" (a scan or a photo). */
export const MIN_PDF_TEXT_PER_PAGE = 10;
