/**
 * Renders one letter of the 宿迁 set as an editable .docx (docx package) or a PDF (pdfkit + Noto Sans Hans from
 * @embedpdf/fonts-sc, embedded as subsets, as the notice PDFs do). Pure: input in, Buffer out; no database, no
 * clock — the PDF's dates come from the letter's issue date, so the same input always gives the same PDF bytes.
 *
 * Both formats print the same LetterDocument (letter.templates.ts), so their words cannot differ.
 *
 * Layout follows the usual 公文 page (GB/T 9704 as commonly applied): A4, title centred, 文号 under it, body with a
 * two-character first-line indent, 落款 (unit + date) right-aligned with room for the seal, which is stamped by hand —
 * no seal image is drawn. The .docx names 宋体 (title) and 仿宋 (body), which every Chinese office has; the PDF
 * uses the free Noto Sans Hans embedded in the file, so it prints the same everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { fontDirectory } from '../../publishing/index.ts';
import { composeLetter } from './letter.templates.ts';
import type { LetterDocument, LetterFormat, LetterInput } from './letter.types.ts';
import { newPdfDocument } from '../../../platform/lazy-libs.ts';

/** Renders a letter; rejects with LetterInputError (Chinese message) for incomplete input. */
export async function renderLetter(input: LetterInput, format: LetterFormat): Promise<Buffer> {
  const letter = composeLetter(input);
  return format === 'docx' ? renderDocx(letter) : renderPdf(letter);
}

/** A document composed elsewhere (e.g. the archives' 查阅登记表 and 回执), printed in the same 公文 layout as the letters. */
export type PrintedDocument = Omit<LetterDocument, 'kind'>;

/** Renders an already composed document: the same renderers as the letters, so one layout for every printed record. */
export async function renderDocument(doc: PrintedDocument, format: LetterFormat): Promise<Buffer> {
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc);
}

export const LETTER_CONTENT_TYPES: Record<LetterFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

// ---------------------------------------------------------------------------------------------------------------
// .docx

const MM = 56.6929; // twips per millimetre
const BODY_FONT = { ascii: '仿宋', eastAsia: '仿宋', hAnsi: '仿宋', cs: '仿宋' };
const TITLE_FONT = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', cs: '宋体' };
/** Half-points: 三号 = 16 pt (body), 二号 = 22 pt (title). */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
const SMALL_SIZE = 28;
/** Fixed 28 pt lines, the usual 公文 line pitch. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

function run(text: string, opts: { bold?: boolean; size?: number; font?: typeof BODY_FONT } = {}): TextRun {
  return new TextRun({ text, bold: opts.bold, size: opts.size ?? BODY_SIZE, font: opts.font ?? BODY_FONT });
}

function docxBody(letter: PrintedDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200, line: 720, lineRule: LineRuleType.AT_LEAST },
      children: [run(letter.title, { bold: true, size: TITLE_SIZE, font: TITLE_FONT })],
    }),
  );
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 280 }, children: [run(letter.number)] }));
  if (letter.salutation) out.push(new Paragraph({ spacing: LINE, children: [run(letter.salutation)] }));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  for (const block of letter.blocks) {
    if (block.type === 'para') {
      out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: [run(block.text)] }));
    } else if (block.type === 'fields') {
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: [2600, 6200],
          rows: block.rows.map(
            (r) =>
              new TableRow({
                children: [
                  new TableCell({
                    borders,
                    width: { size: 30, type: WidthType.PERCENTAGE },
                    margins: { left: 100, right: 100, top: 60, bottom: 60 },
                    children: [new Paragraph({ children: [run(r.label, { size: SMALL_SIZE, bold: true })] })],
                  }),
                  new TableCell({
                    borders,
                    width: { size: 70, type: WidthType.PERCENTAGE },
                    margins: { left: 100, right: 100, top: 60, bottom: 60 },
                    children: [new Paragraph({ children: [run(r.value, { size: SMALL_SIZE })] })],
                  }),
                ],
              }),
          ),
        }),
      );
      out.push(new Paragraph({ spacing: LINE, children: [] }));
    } else {
      out.push(new Paragraph({ spacing: LINE, children: [run(block.label)] }));
      for (let i = 0; i < block.lines; i++) {
        out.push(new Paragraph({ spacing: LINE, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } }, children: [] }));
      }
    }
  }
  if (letter.attachments.length) {
    out.push(
      new Paragraph({
        spacing: { ...LINE, before: 280 },
        indent: { firstLine: 640 },
        children: [run(`附件：${letter.attachments.length === 1 ? letter.attachments[0] : `1.${letter.attachments[0]}`}`)],
      }),
    );
    letter.attachments.slice(1).forEach((a, i) => out.push(new Paragraph({ spacing: LINE, indent: { left: 640 + 960 }, children: [run(`${i + 2}.${a}`)] })));
  }
  if (letter.contact.length) {
    out.push(new Paragraph({ spacing: { ...LINE, before: 280 }, children: [] }));
    for (const c of letter.contact) out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(c)] }));
  }
  if (letter.seal) {
    // Three blank lines for the hand-stamped seal, then the 落款 right-aligned.
    out.push(new Paragraph({ spacing: { ...LINE, before: 1120 }, alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [run(letter.seal.unit)] }));
    out.push(new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [run(letter.seal.date)] }));
  }
  return out;
}

async function renderDocx(letter: PrintedDocument): Promise<Buffer> {
  const doc = new Document({
    creator: letter.seal?.unit ?? letter.title,
    title: letter.title,
    subject: letter.meta.subject,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SMALL_SIZE, font: BODY_FONT })],
              }),
            ],
          }),
        },
        children: docxBody(letter),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = fontDirectory();
    fontCache = { regular: readFileSync(join(dir, 'NotoSansHans-Regular.otf')), bold: readFileSync(join(dir, 'NotoSansHans-Bold.otf')) };
  }
  return fontCache;
}

const PT_PER_MM = 72 / 25.4;
const P = {
  top: 25 * PT_PER_MM,
  bottom: 25 * PT_PER_MM,
  left: 28 * PT_PER_MM,
  right: 26 * PT_PER_MM,
  title: 20,
  body: 14,
  small: 12,
  footer: 10,
  lineHeight: 1.65,
};
const REGULAR = 'LetterSans';
const BOLD = 'LetterSansBold';

type Doc = PDFKit.PDFDocument;

function gap(doc: Doc, size: number, lineHeight = P.lineHeight): number {
  return Math.max(0, lineHeight * size - doc.currentLineHeight(true));
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensure(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function pdfText(
  doc: Doc,
  text: string,
  opts: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right' | 'justify'; indent?: number; x?: number; width?: number } = {},
): void {
  const size = opts.size ?? P.body;
  doc
    .font(opts.bold ? BOLD : REGULAR)
    .fontSize(size)
    .fillColor('#000000');
  const lineGap = gap(doc, size);
  ensure(doc, doc.currentLineHeight(true) + lineGap);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.text(text, opts.x ?? left, doc.y, { width: opts.width ?? width, align: opts.align ?? 'left', indent: opts.indent ?? 0, lineGap });
}

function pdfFields(doc: Doc, rows: { label: string; value: string }[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelW = width * 0.3;
  const valueW = width - labelW;
  const pad = 5;
  const size = P.small;
  for (const r of rows) {
    doc.font(BOLD).fontSize(size);
    const hl = doc.heightOfString(r.label, { width: labelW - pad * 2, lineGap: 2 });
    doc.font(REGULAR).fontSize(size);
    const hv = doc.heightOfString(r.value, { width: valueW - pad * 2, lineGap: 2 });
    const h = Math.max(hl, hv) + pad * 2;
    ensure(doc, h);
    const y = doc.y;
    doc
      .save()
      .lineWidth(0.6)
      .strokeColor('#000000')
      .rect(left, y, labelW, h)
      .stroke()
      .rect(left + labelW, y, valueW, h)
      .stroke()
      .restore();
    doc
      .font(BOLD)
      .fontSize(size)
      .fillColor('#000000')
      .text(r.label, left + pad, y + pad, { width: labelW - pad * 2, lineGap: 2 });
    doc
      .font(REGULAR)
      .fontSize(size)
      .text(r.value, left + labelW + pad, y + pad, { width: valueW - pad * 2, lineGap: 2 });
    doc.x = left;
    doc.y = y + h;
  }
  doc.y += P.body * 0.8;
}

function pdfBlank(doc: Doc, label: string, lines: number): void {
  pdfText(doc, label);
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  for (let i = 0; i < lines; i++) {
    ensure(doc, P.body * P.lineHeight);
    doc.y += P.body * P.lineHeight;
    doc.save().lineWidth(0.5).strokeColor('#000000').moveTo(left, doc.y).lineTo(right, doc.y).stroke().restore();
  }
  if (lines) doc.y += P.body * 0.6;
}

function renderPdf(letter: PrintedDocument): Promise<Buffer> {
  const [y, m, d] = letter.meta.issuedOn.split('-').map(Number);
  const created = new Date(Date.UTC(y, m - 1, d));
  const doc = newPdfDocument({
    size: 'A4',
    margins: { top: P.top, bottom: P.bottom, left: P.left, right: P.right },
    bufferPages: true,
    info: {
      Title: letter.title,
      Author: letter.seal?.unit ?? letter.title,
      Subject: letter.meta.subject,
      Creator: 'Gongkai 公开',
      Producer: 'Gongkai 公开',
      CreationDate: created,
      ModDate: created,
    },
  });
  const f = fonts();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(BOLD).fontSize(P.title);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.text(letter.title, left, doc.y, { width, align: 'center', lineGap: gap(doc, P.title, 1.4) });
  doc.y += 4;
  pdfText(doc, letter.number, { align: 'center' });
  doc.y += P.body * 0.6;
  if (letter.salutation) pdfText(doc, letter.salutation);
  for (const block of letter.blocks) {
    if (block.type === 'para') pdfText(doc, block.text, { indent: P.body * 2, align: 'justify' });
    else if (block.type === 'fields') pdfFields(doc, block.rows);
    else pdfBlank(doc, block.label, block.lines);
  }
  if (letter.attachments.length) {
    doc.y += P.body * 0.8;
    const head = '附件：';
    doc.font(REGULAR).fontSize(P.body);
    const headW = doc.widthOfString(head);
    letter.attachments.forEach((a, i) => {
      const item = letter.attachments.length === 1 ? a : `${i + 1}.${a}`;
      if (i === 0) pdfText(doc, `${head}${item}`, { x: left + P.body * 2, width: width - P.body * 2 });
      else pdfText(doc, item, { x: left + P.body * 2 + headW, width: width - P.body * 2 - headW });
    });
  }
  if (letter.contact.length) {
    doc.y += P.body * 0.8;
    for (const c of letter.contact) pdfText(doc, c, { x: left + P.body * 2, width: width - P.body * 2 });
  }
  if (letter.seal) {
    // Room for the hand-stamped seal above and over the 落款; keep name and date together on one page.
    // The seal is stamped over the 落款 (it 「下压成文日期」), so the room above it shrinks when the page is full.
    const line = P.body * P.lineHeight;
    ensure(doc, line * 2.2);
    doc.y += Math.max(0, Math.min(line * 2.2, bottom(doc) - doc.y - line * 2.2));
    const sealW = Math.max(doc.font(REGULAR).fontSize(P.body).widthOfString(letter.seal.unit), doc.widthOfString(letter.seal.date)) + P.body * 2;
    pdfText(doc, letter.seal.unit, { x: left + width - sealW, width: sealW - P.body * 2, align: 'center' });
    pdfText(doc, letter.seal.date, { x: left + width - sealW, width: sealW - P.body * 2, align: 'center' });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footerY = doc.page.height - doc.page.margins.bottom + 14;
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font(REGULAR)
      .fontSize(P.footer)
      .fillColor('#444444')
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, left, footerY, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}
