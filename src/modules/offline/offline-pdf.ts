/**
 * Printed matter of the offline channels, on the printable notices' PDF stack (pdfkit with the embedded Noto Sans Hans
 * subsets and the same QR codes: publishing's openPrintDocument). Pure: inputs in (texts already through the
 * personal-data gate), a PDF buffer out; every date comes from the input.
 */
import { PRINT_FONTS, openPrintDocument, qrPng } from '../publishing/index.ts';
import { chineseDate } from '../publishing/index.ts';

type Doc = ReturnType<typeof openPrintDocument>['doc'];
const { regular: R, bold: B } = PRINT_FONTS;
const MUTED = '#444444';
const RED = '#c00000';

function left(doc: Doc) {
  return doc.page.margins.left;
}
function width(doc: Doc) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}
function bottom(doc: Doc) {
  return doc.page.height - doc.page.margins.bottom;
}
function ensure(doc: Doc, h: number) {
  if (doc.y + h > bottom(doc)) doc.addPage();
}

function text(
  doc: Doc,
  s: string,
  o: { size: number; bold?: boolean; indent?: boolean; align?: 'left' | 'center' | 'right'; color?: string; lineHeight?: number; after?: number },
) {
  doc
    .font(o.bold ? B : R)
    .fontSize(o.size)
    .fillColor(o.color ?? '#000000');
  const lineGap = Math.max(0, (o.lineHeight ?? 1.6) * o.size - doc.currentLineHeight(true));
  ensure(doc, doc.currentLineHeight(true) + lineGap);
  doc.text(s, left(doc), doc.y, { width: width(doc), align: o.align ?? 'left', indent: o.indent ? o.size * 2 : 0, lineGap });
  doc.y += o.after ?? 0;
  doc.fillColor('#000000');
}

function pageNumbers(doc: Doc, from: number, count: number, label?: string) {
  for (let i = 0; i < count; i++) {
    doc.switchToPage(from + i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(R).fontSize(10).fillColor(MUTED);
    doc.text(`${label ? `${label}\u3000` : ''}第 ${i + 1} 页 共 ${count} 页`, left(doc), doc.page.height - saved + 14, {
      width: width(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = saved;
  }
  doc.fillColor('#000000');
}

/** Signature block, right-aligned: the unit and the date (seals go over them by hand). */
function signature(doc: Doc, signer: string, date: string, size: number) {
  doc.font(R).fontSize(size);
  const w = Math.max(doc.widthOfString(signer), doc.widthOfString(date));
  ensure(doc, size * 4);
  const x = left(doc) + width(doc) - w - size;
  const y = doc.y + size;
  doc.text(signer, x, y, { width: w, align: 'center', lineBreak: false });
  doc.text(date, x, y + size * 1.7, { width: w, align: 'center', lineBreak: false });
  doc.x = left(doc);
  doc.y = y + size * 3.6;
}

/** A row of QR codes, each with its caption beneath. */
async function qrRow(doc: Doc, codes: { url: string; caption: string }[], size: number) {
  const per = Math.max(1, Math.floor(width(doc) / (size * 1.9)));
  for (let i = 0; i < codes.length; i += per) {
    const row = codes.slice(i, i + per);
    const cell = width(doc) / per;
    doc.font(R).fontSize(10);
    const captionH = Math.max(...row.map((c) => doc.heightOfString(c.caption, { width: cell - 8 })));
    ensure(doc, size + captionH + 12);
    const y = doc.y;
    for (const [j, c] of row.entries()) {
      const x = left(doc) + j * cell;
      doc.image(await qrPng(c.url), x + (cell - size) / 2, y, { width: size, height: size });
      doc
        .font(R)
        .fontSize(10)
        .fillColor(MUTED)
        .text(c.caption, x + 4, y + size + 4, { width: cell - 8, align: 'center' });
    }
    doc.fillColor('#000000');
    doc.x = left(doc);
    doc.y = y + size + captionH + 14;
  }
}

// ---- 致村(居)民一封信 ------------------------------------------------------------------------------------------

export interface LetterSource {
  title: string;
  docNo: string | null;
  indexNo: string;
  publishedOn: string;
  paragraphs: string[];
  url: string;
}

export interface LetterInput {
  /** 致卜湖社区居民的一封信 */
  title: string;
  /** 卜湖社区的居民朋友们： */
  greeting: string;
  sources: LetterSource[];
  signer: string;
  date: string;
  contact: string | null;
}

/** Letters in large type (16 pt body, 24 pt title): one letter per village, each from its own page with its page numbers. */
export async function renderLetters(letters: LetterInput[], meta: { author: string; date: string }): Promise<Buffer> {
  const { doc, finish } = openPrintDocument(
    {
      title: letters.length === 1 ? letters[0]!.title : `致村（居）民一封信（共${letters.length}份）`,
      author: meta.author,
      subject: '致村（居）民一封信',
      creator: 'Gongkai 线下公开',
      date: meta.date,
    },
    { top: 64, bottom: 60, left: 66, right: 66 },
  );
  const ranges: [number, number][] = [];
  for (const l of letters) {
    doc.addPage();
    const first = doc.bufferedPageRange().count - 1;
    text(doc, l.title, { size: 24, bold: true, align: 'center', lineHeight: 1.4, after: 14 });
    text(doc, l.greeting, { size: 16, bold: true, after: 4 });
    const intro = l.sources.length === 1 ? `现将《${l.sources[0]!.title}》的主要内容告诉大家：` : `现将以下${l.sources.length}件事的主要内容告诉大家：`;
    text(doc, intro, { size: 16, indent: true, after: 6 });
    for (const [i, s] of l.sources.entries()) {
      const heading = `${l.sources.length > 1 ? `${'一二三四五六七八九十'[i] ?? i + 1}、` : ''}${s.title}${s.docNo ? `（${s.docNo}）` : ''}`;
      text(doc, heading, { size: 16, bold: true, after: 2 });
      for (const p of s.paragraphs) text(doc, p, { size: 16, indent: true, after: 2 });
      text(doc, `公开日期：${chineseDate(s.publishedOn)}\u3000索引号：${s.indexNo}`, { size: 12, color: MUTED, after: 8 });
    }
    text(doc, `以上内容已在网上和公开栏公开，扫描下方二维码可查看原文。${l.contact ?? ''}`, { size: 16, indent: true, after: 6 });
    await qrRow(
      doc,
      l.sources.map((s) => ({ url: s.url, caption: s.title })),
      84,
    );
    signature(doc, l.signer, chineseDate(l.date), 16);
    ranges.push([first, doc.bufferedPageRange().count - first]);
  }
  for (const [first, count] of ranges) pageNumbers(doc, first, count);
  return finish();
}

// ---- 办事一本通 ------------------------------------------------------------------------------------------------

export interface BookletItem {
  title: string;
  indexNo: string;
  publishedOn: string;
  paragraphs: string[];
  table?: { columns: string[]; rows: string[][] };
  url: string;
}

export interface BookletContact {
  kind: string;
  name: string;
  place: string;
  hours: string;
  phone: string | null;
  services: string[];
}

export interface BookletInput {
  unitName: string;
  updatedOn: string;
  items: BookletItem[];
  contacts: BookletContact[];
  unitContact: { phone: string | null; address: string | null };
  url: string;
}

/** Cover, 目录 with page numbers, one chapter per item, 联系方式; page numbers on every page after the cover. */
export async function renderBooklet(b: BookletInput): Promise<Buffer> {
  const { doc, finish } = openPrintDocument({
    title: `${b.unitName}办事一本通`,
    author: b.unitName,
    subject: '办事一本通',
    creator: 'Gongkai 线下公开',
    date: b.updatedOn,
  });
  // Cover
  doc.addPage();
  doc.y = doc.page.height * 0.28;
  text(doc, b.unitName, { size: 22, align: 'center', after: 10 });
  text(doc, '办事一本通', { size: 40, bold: true, align: 'center', after: 30 });
  text(doc, `更新日期：${chineseDate(b.updatedOn)}`, { size: 14, align: 'center', after: 6 });
  text(doc, `共收录办事事项 ${b.items.length} 项`, { size: 14, align: 'center', after: 40 });
  await qrRow(doc, [{ url: b.url, caption: '扫码查看网上最新内容' }], 96);
  // Contents: one line per chapter; reserve the pages now, fill in the numbers after the chapters are laid out.
  const entries = [...b.items.map((i) => i.title), '联系方式'];
  const perPage = 24;
  const tocPages = Math.max(1, Math.ceil(entries.length / perPage));
  const tocFirst = doc.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i++) doc.addPage();
  const starts: number[] = [];
  for (const [n, item] of b.items.entries()) {
    doc.addPage();
    starts.push(doc.bufferedPageRange().count);
    text(doc, `${n + 1}. ${item.title}`, { size: 18, bold: true, lineHeight: 1.4, after: 4 });
    text(doc, `索引号：${item.indexNo}\u3000公开日期：${chineseDate(item.publishedOn)}`, { size: 10, color: MUTED, after: 10 });
    for (const p of item.paragraphs) text(doc, p, { size: 13, indent: true, after: 2 });
    if (item.table) {
      doc.y += 6;
      for (const row of [item.table.columns, ...item.table.rows])
        text(doc, row.join('\u3000'), { size: 11, bold: row === item.table.columns, lineHeight: 1.45 });
    }
    doc.y += 8;
    await qrRow(doc, [{ url: item.url, caption: '扫码查看原文' }], 64);
  }
  doc.addPage();
  starts.push(doc.bufferedPageRange().count);
  text(doc, '联系方式', { size: 18, bold: true, after: 10 });
  text(
    doc,
    `${b.unitName}${b.unitContact.phone ? `\u3000电话：${b.unitContact.phone}` : ''}${b.unitContact.address ? `\u3000地址：${b.unitContact.address}` : ''}`,
    { size: 13, after: 8 },
  );
  if (b.contacts.length === 0) text(doc, '（本单位尚未登记政务公开专区或便民服务点）', { size: 12, color: MUTED });
  for (const c of b.contacts) {
    text(doc, `${c.name}（${c.kind}）`, { size: 14, bold: true, after: 2 });
    text(doc, `地点：${c.place}\u3000开放时间：${c.hours}${c.phone ? `\u3000电话：${c.phone}` : ''}`, { size: 12, after: 2 });
    if (c.services.length) text(doc, `可办理：${c.services.join('、')}`, { size: 12, after: 8 });
  }
  // Fill in the contents (page numbers count from the cover as page 1, as printed in the footers).
  const total = doc.bufferedPageRange().count;
  for (let p = 0; p < tocPages; p++) {
    doc.switchToPage(tocFirst + p);
    doc.y = doc.page.margins.top;
    if (p === 0) text(doc, '目\u3000录', { size: 20, bold: true, align: 'center', after: 12 });
    for (const [i, e] of entries.slice(p * perPage, (p + 1) * perPage).entries()) {
      const n = p * perPage + i;
      const label = n < b.items.length ? `${n + 1}. ${e}` : e;
      doc.font(R).fontSize(13);
      const page = String(starts[n]);
      const y = doc.y;
      const w = width(doc) - doc.widthOfString(page) - 20;
      doc.text(label, left(doc), y, { width: w, lineBreak: false, ellipsis: true });
      doc.text(page, left(doc), y, { width: width(doc), align: 'right', lineBreak: false });
      doc.y = y + 13 * 1.9;
    }
  }
  pageNumbers(doc, 0, total);
  return finish();
}

// ---- 明白纸 and 广播稿 -------------------------------------------------------------------------------------------

export interface LeafletInput {
  unitName: string;
  title: string;
  body: string;
  source: { title: string; indexNo: string; docNo: string | null; url: string };
  updatedOn: string;
}

/** One page: a red 明白纸 band, the title, the author's text in 15 pt, the source record with its QR code, the unit. */
export async function renderLeaflet(l: LeafletInput): Promise<Buffer> {
  const { doc, finish } = openPrintDocument({
    title: `明白纸：${l.title}`,
    author: l.unitName,
    subject: '明白纸',
    creator: 'Gongkai 线下公开',
    date: l.updatedOn,
  });
  doc.addPage();
  text(doc, '明 白 纸', { size: 30, bold: true, align: 'center', color: RED, lineHeight: 1.3, after: 2 });
  doc
    .save()
    .lineWidth(2)
    .strokeColor(RED)
    .moveTo(left(doc), doc.y)
    .lineTo(left(doc) + width(doc), doc.y)
    .stroke()
    .restore();
  doc.y += 14;
  text(doc, l.title, { size: 20, bold: true, align: 'center', lineHeight: 1.4, after: 10 });
  for (const p of l.body
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean))
    text(doc, p, { size: 15, indent: true, lineHeight: 1.7, after: 3 });
  doc.y += 10;
  text(doc, `依据：《${l.source.title}》${l.source.docNo ? `（${l.source.docNo}）` : ''}\u3000索引号：${l.source.indexNo}`, {
    size: 11,
    color: MUTED,
    after: 6,
  });
  await qrRow(doc, [{ url: l.source.url, caption: '扫码查看原文' }], 72);
  signature(doc, l.unitName, chineseDate(l.updatedOn), 14);
  return finish();
}

export interface BroadcastInput {
  unitName: string;
  title: string;
  text: string;
  date: string;
}

/** The loudspeaker text in 18 pt for reading aloud. */
export async function renderBroadcast(b: BroadcastInput): Promise<Buffer> {
  const { doc, finish } = openPrintDocument({ title: `广播稿：${b.title}`, author: b.unitName, subject: '广播稿', creator: 'Gongkai 线下公开', date: b.date });
  doc.addPage();
  text(doc, '广 播 稿', { size: 26, bold: true, align: 'center', lineHeight: 1.3, after: 4 });
  text(doc, `${b.unitName}\u3000${chineseDate(b.date)}`, { size: 12, align: 'center', color: MUTED, after: 16 });
  for (const p of b.text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean))
    text(doc, p, { size: 18, indent: true, lineHeight: 1.8, after: 6 });
  const count = doc.bufferedPageRange().count;
  pageNumbers(doc, 0, count);
  return finish();
}
