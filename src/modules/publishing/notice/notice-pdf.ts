/**
 * 公开栏公告: the printable PDF a village (community) posts on its 村(居)务公开栏 (seed-notice 三(三)4).
 * Pure: a notice in, a PDF buffer out. No database, no HTTP, no clock — every date (including the PDF's
 * CreationDate) comes from the input, so the same input always gives the same bytes.
 *
 * Fonts: Noto Sans Hans (Regular + Bold) from the @embedpdf/fonts-sc npm package, embedded as subsets, so the
 * output never depends on the fonts of the machine that renders or prints it, and the text stays extractable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import QRCode from 'qrcode';
import { newPdfDocument } from '../../../platform/lazy-libs.ts';

export type NoticeSize = 'A4' | 'A3';

export interface NoticeColumn {
  header: string;
  align?: 'left' | 'right' | 'center';
  /** Relative width (default 1). */
  width?: number;
}

export interface NoticeTable {
  caption?: string;
  columns: NoticeColumn[];
  rows: string[][];
  /** Printed as the last row, in bold (e.g. 合计). */
  totals?: string[];
}

export interface NoticeInput {
  /** 村/社区, e.g. 卜湖社区. */
  unitName: string;
  /** 乡镇/街道, e.g. 城厢街道. */
  parentName?: string;
  title: string;
  /** 文号. */
  documentNumber?: string;
  /** 索引号. */
  indexNumber?: string;
  /** Plain text, already masked by the caller. */
  paragraphs: string[];
  table?: NoticeTable;
  /** 公示期, YYYY-MM-DD. */
  displayFrom: string;
  /** Last day on display; for an open end (e.g. a 低保 list "until benefits end") pass displayUntilText. */
  displayTo?: string;
  /** Wording of an open end, e.g. "享受待遇终止". */
  displayUntilText?: string;
  /** 落款日期, YYYY-MM-DD; also the PDF's CreationDate. */
  publishedOn: string;
  /** Where to raise questions. */
  contact: { office: string; phone?: string; address?: string };
  /** 村务监督委员会 sign-off. */
  supervision?: { committee: string; signedBy: string[]; signedAt: string };
  /** 落款, e.g. 卜湖社区居民委员会. */
  issuer: string;
  /** Link to the online record. */
  qrUrl: string;
  qrCaption?: string;
  status?: 'corrected' | 'withdrawn';
  statusNote?: string;
}

export interface NoticeRenderOptions {
  size: NoticeSize;
}

export class NoticeInputError extends Error {
  override name = 'NoticeInputError';
}

export const DEFAULT_QR_CAPTION = '扫码查看网上公开原文';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(value: string, field: string): { y: number; m: number; d: number } {
  const match = DATE_RE.exec(value);
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d) return { y, m, d };
  }
  throw new NoticeInputError(`${field}不是有效日期（应为 YYYY-MM-DD）：${value}`);
}

/** '2026-11-26' → '2026年11月26日' (no leading zeros, as in printed notices). */
export function chineseDate(isoDate: string): string {
  const { y, m, d } = parseIsoDate(isoDate, '日期');
  return `${y}年${m}月${d}日`;
}

function utcDate(isoDate: string, field: string): Date {
  const { y, m, d } = parseIsoDate(isoDate, field);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The 公示期 sentence pair printed on every notice. */
export function displayPeriodText(input: Pick<NoticeInput, 'displayFrom' | 'displayTo' | 'displayUntilText' | 'contact'>): { period: string; contact: string } {
  const period = input.displayTo
    ? `公示期：${chineseDate(input.displayFrom)}至${chineseDate(input.displayTo)}`
    : `公示期：${chineseDate(input.displayFrom)}起${input.displayUntilText ? `，公示至${input.displayUntilText}` : ''}`;
  const { office, phone, address } = input.contact;
  let contact = `如对公示内容有疑问，请于公示期内向${office}反映`;
  contact += phone ? `（电话：${phone}）。` : '。';
  if (address) contact += `地址：${address}。`;
  return { period, contact };
}

/** "村务监督委员会审核意见：已审核  签字：张某、李某  2026年11月25日" */
export function supervisionText(s: NonNullable<NoticeInput['supervision']>): string {
  return `${s.committee}审核意见：已审核\u3000\u3000签字：${s.signedBy.join('、')}\u3000\u3000${chineseDate(s.signedAt)}`;
}

export function statusBannerText(input: Pick<NoticeInput, 'status' | 'statusNote'>): string | null {
  if (!input.status) return null;
  const label = input.status === 'withdrawn' ? '已撤回' : '已更正';
  const note = input.statusNote?.trim();
  return note ? `${label}：${note}` : `${label}`;
}

function validate(input: NoticeInput): void {
  const required: [string, string][] = [
    [input.unitName, '单位名称'],
    [input.title, '标题'],
    [input.issuer, '落款单位'],
    [input.contact?.office, '反映意见的部门'],
    [input.qrUrl, '网上公开地址'],
  ];
  for (const [value, label] of required) {
    if (typeof value !== 'string' || value.trim() === '') throw new NoticeInputError(`缺少${label}`);
  }
  const from = utcDate(input.displayFrom, '公示开始日期');
  if (input.displayTo !== undefined) {
    const to = utcDate(input.displayTo, '公示结束日期');
    if (from > to) throw new NoticeInputError(`公示结束日期早于开始日期：${input.displayFrom} 至 ${input.displayTo}`);
  }
  utcDate(input.publishedOn, '公开日期');
  if (input.supervision) {
    utcDate(input.supervision.signedAt, '审核日期');
    if (input.supervision.signedBy.length === 0) throw new NoticeInputError('村务监督委员会审核缺少签字人');
  }
  const table = input.table;
  if (table) {
    if (table.columns.length === 0) throw new NoticeInputError('表格没有列');
    const n = table.columns.length;
    table.rows.forEach((row, i) => {
      if (row.length !== n) throw new NoticeInputError(`表格第${i + 1}行有${row.length}格，应为${n}格`);
    });
    if (table.totals && table.totals.length !== n) throw new NoticeInputError(`表格合计行有${table.totals.length}格，应为${n}格`);
    for (const c of table.columns) {
      if (c.width !== undefined && !(c.width > 0)) throw new NoticeInputError(`表格列“${c.header}”的宽度应为正数`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts

let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/** The fonts folder of @embedpdf/fonts-sc (its package.json is not in "exports", so resolve the entry and walk up). */
export function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('@embedpdf/fonts-sc/package.json'));
  } catch {
    dir = dirname(require.resolve('@embedpdf/fonts-sc'));
    while (!existsSync(join(dir, 'package.json'))) {
      const up = dirname(dir);
      if (up === dir) throw new Error('找不到 @embedpdf/fonts-sc 字体包');
      dir = up;
    }
  }
  return join(dir, 'fonts');
}

function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = fontDirectory();
    fontCache = {
      regular: readFileSync(join(dir, 'NotoSansHans-Regular.otf')),
      bold: readFileSync(join(dir, 'NotoSansHans-Bold.otf')),
    };
  }
  return fontCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout

type Doc = PDFKit.PDFDocument;

/** Sizes in points on A4; A3 multiplies everything by √2, so an A3 post is the A4 layout enlarged. */
const BASE = {
  marginX: 62,
  marginTop: 58,
  marginBottom: 56,
  title: 22,
  subtitle: 13,
  body: 14,
  table: 11,
  caption: 12,
  small: 9,
  footer: 10,
  qr: 84,
  lineHeight: 1.6,
  cellPadX: 4,
  cellPadY: 3,
  border: 0.6,
};

type Metrics = typeof BASE;

function metricsFor(size: NoticeSize): Metrics {
  const s = size === 'A3' ? Math.SQRT2 : 1;
  const m = { ...BASE };
  for (const key of Object.keys(m) as (keyof Metrics)[]) {
    if (key !== 'lineHeight') m[key] = BASE[key] * s;
  }
  return m;
}

const REGULAR = 'NoticeSans';
const BOLD = 'NoticeSansBold';
const TEXT_COLOR = '#000000';
const MUTED = '#444444';
const RULE_COLOR = '#555555';
const HEADER_FILL = '#e8e8e8';
const ALERT = '#c00000';

interface Layout {
  doc: Doc;
  m: Metrics;
  left: number;
  right: number;
  width: number;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(l: Layout, height: number): void {
  if (l.doc.y + height > bottomLimit(l.doc)) {
    l.doc.addPage();
  }
}

/** Line gap that gives `lineHeight` × font size per line with the current font. */
function lineGapFor(doc: Doc, size: number, lineHeight: number): number {
  return Math.max(0, lineHeight * size - doc.currentLineHeight(true));
}

function paragraph(
  l: Layout,
  text: string,
  opts: { indent?: boolean; size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; color?: string } = {},
): void {
  const { doc, m } = l;
  const size = opts.size ?? m.body;
  doc
    .font(opts.bold ? BOLD : REGULAR)
    .fontSize(size)
    .fillColor(opts.color ?? TEXT_COLOR);
  const lineGap = lineGapFor(doc, size, m.lineHeight);
  // Keep at least one line on the current page (pdfkit would otherwise break inside the first line).
  ensureSpace(l, doc.currentLineHeight(true) + lineGap);
  doc.text(text, l.left, doc.y, {
    width: l.width,
    align: opts.align ?? 'left',
    indent: opts.indent ? size * 2 : 0,
    lineGap,
  });
}

function drawBanner(l: Layout, text: string): void {
  const { doc, m } = l;
  doc.font(BOLD).fontSize(m.subtitle * 1.15);
  const pad = m.cellPadX * 2;
  const h = doc.heightOfString(text, { width: l.width - pad * 2 }) + pad * 2;
  ensureSpace(l, h);
  const y = doc.y;
  doc
    .save()
    .lineWidth(m.border * 3)
    .strokeColor(ALERT)
    .rect(l.left, y, l.width, h)
    .stroke()
    .restore();
  doc.fillColor(ALERT).text(text, l.left + pad, y + pad, { width: l.width - pad * 2, align: 'center' });
  doc.fillColor(TEXT_COLOR);
  doc.y = y + h + m.body;
}

function drawHead(l: Layout, input: NoticeInput): void {
  const { doc, m } = l;
  // A small source line: who posts this and, if any, the 索引号.
  doc.font(REGULAR).fontSize(m.small).fillColor(MUTED);
  const source = `${input.parentName ?? ''}${input.unitName} 村(居)务公开`;
  const y = doc.y;
  doc.text(source, l.left, y, { width: l.width / 2, lineBreak: false });
  if (input.indexNumber) doc.text(`索引号：${input.indexNumber}`, l.left + l.width / 2, y, { width: l.width / 2, align: 'right', lineBreak: false });
  doc.y = y + m.small * 1.6;
  doc
    .save()
    .lineWidth(m.border * 2)
    .strokeColor(ALERT)
    .moveTo(l.left, doc.y)
    .lineTo(l.right, doc.y)
    .stroke()
    .restore();
  doc.y += m.body;

  const banner = statusBannerText(input);
  if (banner) drawBanner(l, banner);

  doc.font(BOLD).fontSize(m.title).fillColor(TEXT_COLOR);
  doc.text(input.title, l.left, doc.y, { width: l.width, align: 'center', lineGap: lineGapFor(doc, m.title, 1.35) });
  if (input.documentNumber) {
    doc.y += m.subtitle * 0.3;
    doc.font(REGULAR).fontSize(m.subtitle).text(input.documentNumber, l.left, doc.y, { width: l.width, align: 'center' });
  }
  doc.y += m.body * 0.9;
}

interface TableGeometry {
  xs: number[];
  widths: number[];
}

function tableGeometry(l: Layout, table: NoticeTable): TableGeometry {
  const weights = table.columns.map((c) => c.width ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * l.width);
  const xs: number[] = [];
  let x = l.left;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  return { xs, widths };
}

function rowHeight(l: Layout, g: TableGeometry, cells: string[], bold: boolean): number {
  const { doc, m } = l;
  doc.font(bold ? BOLD : REGULAR).fontSize(m.table);
  const oneLine = doc.currentLineHeight(true);
  let h = oneLine;
  cells.forEach((cell, i) => {
    const inner = g.widths[i] - m.cellPadX * 2;
    if (cell.includes('\n') || doc.widthOfString(cell) > inner) {
      h = Math.max(h, doc.heightOfString(cell, { width: inner }));
    }
  });
  return h + m.cellPadY * 2;
}

function drawRow(l: Layout, g: TableGeometry, table: NoticeTable, cells: string[], kind: 'header' | 'body' | 'totals', h: number): void {
  const { doc, m } = l;
  const y = doc.y;
  if (kind === 'header') {
    doc.save().rect(l.left, y, l.width, h).fill(HEADER_FILL).restore();
  }
  doc.save().lineWidth(m.border).strokeColor(RULE_COLOR);
  for (let i = 0; i < cells.length; i++) doc.rect(g.xs[i], y, g.widths[i], h);
  doc.stroke().restore();
  doc
    .font(kind === 'body' ? REGULAR : BOLD)
    .fontSize(m.table)
    .fillColor(TEXT_COLOR);
  cells.forEach((cell, i) => {
    const align = kind === 'header' ? 'center' : (table.columns[i].align ?? 'left');
    doc.text(cell, g.xs[i] + m.cellPadX, y + m.cellPadY, { width: g.widths[i] - m.cellPadX * 2, align, lineBreak: true });
  });
  doc.x = l.left;
  doc.y = y + h;
}

function drawTable(l: Layout, table: NoticeTable): void {
  const { doc, m } = l;
  const g = tableGeometry(l, table);
  const headers = table.columns.map((c) => c.header);
  const headerH = rowHeight(l, g, headers, true);
  const firstRow = table.rows[0] ?? table.totals;
  const firstH = firstRow ? rowHeight(l, g, firstRow, false) : 0;

  let captionH = 0;
  if (table.caption) {
    doc.font(BOLD).fontSize(m.caption);
    captionH = doc.heightOfString(table.caption, { width: l.width }) + m.caption * 0.4;
  }
  // Caption, header and the first row stay together.
  ensureSpace(l, captionH + headerH + firstH);
  if (table.caption) {
    doc.font(BOLD).fontSize(m.caption).fillColor(TEXT_COLOR).text(table.caption, l.left, doc.y, { width: l.width, align: 'center' });
    doc.y += m.caption * 0.4;
  }
  drawRow(l, g, table, headers, 'header', headerH);

  const all: { cells: string[]; kind: 'body' | 'totals' }[] = table.rows.map((cells) => ({ cells, kind: 'body' as const }));
  if (table.totals) all.push({ cells: table.totals, kind: 'totals' });
  for (const { cells, kind } of all) {
    const h = rowHeight(l, g, cells, kind === 'totals');
    if (doc.y + h > bottomLimit(doc)) {
      doc.addPage();
      drawRow(l, g, table, headers, 'header', headerH);
    }
    drawRow(l, g, table, cells, kind, h);
  }
  doc.y += m.body * 0.8;
}

function drawSupervision(l: Layout, s: NonNullable<NoticeInput['supervision']>): void {
  const { doc, m } = l;
  // One line when it fits ("…审核意见：已审核" left, signatures and date right), otherwise two lines.
  const opinion = `${s.committee}审核意见：已审核`;
  const signed = `签字：${s.signedBy.join('、')}\u3000\u3000${chineseDate(s.signedAt)}`;
  const pad = m.cellPadX * 2;
  const inner = l.width - pad * 2;
  doc.font(REGULAR).fontSize(m.body);
  const line = m.body * m.lineHeight;
  const oneLine = doc.widthOfString(opinion) + doc.widthOfString(signed) + m.body * 2 <= inner;
  const signedH = oneLine ? 0 : doc.heightOfString(signed, { width: inner });
  const opinionH = doc.heightOfString(opinion, { width: inner });
  const h = pad * 2 + (oneLine ? line : opinionH + signedH + m.body * 0.4);
  ensureSpace(l, h);
  const y = doc.y;
  doc.save().lineWidth(m.border).strokeColor(RULE_COLOR).rect(l.left, y, l.width, h).stroke().restore();
  doc.fillColor(TEXT_COLOR);
  const textY = y + pad + (oneLine ? (line - doc.currentLineHeight(true)) / 2 : 0);
  doc.text(opinion, l.left + pad, textY, { width: inner });
  doc.text(signed, l.left + pad, oneLine ? textY : textY + opinionH + m.body * 0.4, { width: inner, align: 'right' });
  doc.x = l.left;
  doc.y = y + h + m.body * 0.6;
}

/**
 * The closing band: QR code (left); beside it the caption (top) and the URL in small type (bottom, running under
 * the 落款 to the right margin so it usually stays on one line for anyone who types it in); 落款 + date (right).
 */
async function drawClosing(l: Layout, input: NoticeInput): Promise<void> {
  const { doc, m } = l;
  const png = await QRCode.toBuffer(input.qrUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  const date = chineseDate(input.publishedOn);

  doc.font(REGULAR).fontSize(m.body);
  const signW = Math.max(doc.widthOfString(input.issuer), doc.widthOfString(date));
  const signLine = m.body * m.lineHeight;
  const signX = l.right - m.body * 2 - signW;
  const signTop = m.body * 0.3;
  const signBottom = signTop + signLine * 2;

  const textX = l.left + m.qr + m.cellPadX * 3;
  const captionW = Math.max(m.body * 6, signX - m.body * 1.5 - textX);
  const urlW = l.right - textX;
  const caption = input.qrCaption ?? DEFAULT_QR_CAPTION;
  doc.font(BOLD).fontSize(m.caption);
  const captionH = doc.heightOfString(caption, { width: captionW });
  doc.font(REGULAR).fontSize(m.small);
  const urlH = doc.heightOfString(input.qrUrl, { width: urlW });
  const gap = m.small * 0.5;
  const urlTop = Math.max(m.qr - urlH, signBottom + gap, captionH + gap);
  const bandH = Math.max(m.qr, urlTop + urlH);

  ensureSpace(l, m.body * 0.4 + bandH);
  const y = doc.y + m.body * 0.4;
  // 落款: right-aligned, name and date centred on each other (the seals go over them by hand).
  doc.font(REGULAR).fontSize(m.body).fillColor(TEXT_COLOR);
  doc.text(input.issuer, signX, y + signTop, { width: signW, align: 'center', lineBreak: false });
  doc.text(date, signX, y + signTop + signLine, { width: signW, align: 'center', lineBreak: false });

  doc.image(png, l.left, y, { width: m.qr, height: m.qr });
  doc
    .font(BOLD)
    .fontSize(m.caption)
    .fillColor(TEXT_COLOR)
    .text(caption, textX, y + Math.max(0, Math.min(m.qr * 0.25, urlTop - gap - captionH)), { width: captionW });
  doc
    .font(REGULAR)
    .fontSize(m.small)
    .fillColor(MUTED)
    .text(input.qrUrl, textX, y + urlTop, { width: urlW });
  doc.fillColor(TEXT_COLOR);
  doc.x = l.left;
  doc.y = y + bandH;
}

async function drawNotice(l: Layout, input: NoticeInput): Promise<void> {
  const { doc, m } = l;
  drawHead(l, input);
  for (const p of input.paragraphs) {
    if (p.trim() === '') continue;
    paragraph(l, p, { indent: true });
    doc.y += m.body * 0.2;
  }
  if (input.table) {
    doc.y += m.body * 0.4;
    drawTable(l, input.table);
  }
  const { period, contact } = displayPeriodText(input);
  paragraph(l, period, { indent: true, bold: true });
  paragraph(l, contact, { indent: true });
  doc.y += m.body * 0.6;
  if (input.supervision) drawSupervision(l, input.supervision);
  await drawClosing(l, input);
}

/** Running header (continuation pages) and "第 n 页 共 m 页" on every page of one notice. */
function drawPageFurniture(l: Layout, input: NoticeInput, firstPage: number, pageCount: number): void {
  const { doc, m } = l;
  const banner = statusBannerText(input);
  for (let i = 0; i < pageCount; i++) {
    doc.switchToPage(firstPage + i);
    const savedBottom = doc.page.margins.bottom;
    const savedTop = doc.page.margins.top;
    // Writing inside the margins must not trigger pdfkit's automatic page break.
    doc.page.margins.bottom = 0;
    doc.page.margins.top = 0;
    if (i > 0) {
      doc.font(REGULAR).fontSize(m.small).fillColor(MUTED);
      const head = `${input.title.includes(input.unitName) ? '' : `${input.unitName}\u3000`}${input.title}（续）`;
      doc.text(head, l.left, savedTop - m.small * 2.2, { width: l.width, lineBreak: false, ellipsis: true });
      if (banner) doc.fillColor(ALERT).text(banner.split('：')[0], l.left, savedTop - m.small * 2.2, { width: l.width, align: 'right', lineBreak: false });
    }
    doc.font(REGULAR).fontSize(m.footer).fillColor(TEXT_COLOR);
    doc.text(`第 ${i + 1} 页 共 ${pageCount} 页`, l.left, doc.page.height - savedBottom + m.footer * 1.2, {
      width: l.width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
    doc.page.margins.top = savedTop;
  }
}

function newDocument(
  opts: NoticeRenderOptions,
  info: { title: string; author: string; subject: string; date: Date },
): { doc: Doc; m: Metrics; chunks: Buffer[] } {
  if (opts.size !== 'A4' && opts.size !== 'A3') throw new NoticeInputError(`不支持的纸张：${String(opts.size)}`);
  const m = metricsFor(opts.size);
  const doc = newPdfDocument({
    size: opts.size,
    autoFirstPage: false,
    bufferPages: true,
    margins: { top: m.marginTop, bottom: m.marginBottom, left: m.marginX, right: m.marginX },
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Gongkai 公开栏公告',
      Producer: 'Gongkai (PDFKit)',
      CreationDate: info.date,
      ModDate: info.date,
    },
  });
  const f = fonts();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return { doc, m, chunks };
}

function finish(doc: Doc, chunks: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function render(inputs: NoticeInput[], opts: NoticeRenderOptions, info: { title: string; author: string; subject: string; date: Date }): Promise<Buffer> {
  for (const input of inputs) validate(input);
  const { doc, m, chunks } = newDocument(opts, info);
  const layout: Layout = { doc, m, left: 0, right: 0, width: 0 };
  const ranges: { input: NoticeInput; first: number; count: number }[] = [];
  for (const input of inputs) {
    doc.addPage();
    layout.left = doc.page.margins.left;
    layout.right = doc.page.width - doc.page.margins.right;
    layout.width = layout.right - layout.left;
    const first = doc.bufferedPageRange().count - 1;
    await drawNotice(layout, input);
    ranges.push({ input, first, count: doc.bufferedPageRange().count - first });
  }
  for (const r of ranges) drawPageFurniture(layout, r.input, r.first, r.count);
  return finish(doc, chunks);
}

/** One notice as a PDF. */
export function renderNoticePdf(input: NoticeInput, opts: NoticeRenderOptions): Promise<Buffer> {
  return render([input], opts, {
    title: input.title,
    author: input.unitName,
    subject: `${input.parentName ?? ''}${input.unitName}村(居)务公开栏公告`,
    date: utcDate(input.publishedOn, '公开日期'),
  });
}

/**
 * Every notice a village must currently post, in one PDF; each notice starts on a new page and has its own
 * page numbers. Metadata: Author = the unit(s), CreationDate = the latest publishedOn.
 */
export function renderNoticeBatch(inputs: NoticeInput[], opts: NoticeRenderOptions): Promise<Buffer> {
  if (inputs.length === 0) return Promise.reject(new NoticeInputError('没有要打印的公告'));
  const units = [...new Set(inputs.map((i) => i.unitName))];
  const latest = inputs
    .map((i) => i.publishedOn)
    .sort()
    .at(-1) as string;
  for (const input of inputs) validate(input);
  return render(inputs, opts, {
    title: `${units.join('、')}公开栏公告（共${inputs.length}份）`,
    author: units.join('、'),
    subject: '村(居)务公开栏公告汇总打印',
    date: utcDate(latest, '公开日期'),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The same stack for other printed matter (offline channels: 一封信, 办事一本通, 明白纸, 广播稿)

/** Font names registered on every print document. */
export const PRINT_FONTS = { regular: REGULAR, bold: BOLD } as const;

export interface PrintDocument {
  doc: Doc;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * An A4 document with the embedded Noto Sans Hans subsets, pages buffered (for page numbers and tables of contents
 * written afterwards) and deterministic metadata (the date comes from the caller).
 */
export function openPrintDocument(
  info: { title: string; author: string; subject: string; creator: string; date: string },
  margins = { top: BASE.marginTop, bottom: BASE.marginBottom, left: BASE.marginX, right: BASE.marginX },
): PrintDocument {
  const date = utcDate(info.date, '日期');
  const doc = newPdfDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: info.creator,
      Producer: 'Gongkai (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const f = fonts();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return { doc, finish: () => finish(doc, chunks) };
}

/** A QR code (PNG) for a printed link. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
}
