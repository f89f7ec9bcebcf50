/**
 * Printable A4 signs (标识牌, issue 18): the archive storage area (档案库房) and the reading area (集中查阅点) with
 * the rules the county sets (archive settings), and a registered 公开栏 with its person in charge. Each carries a
 * QR code to the unit's portal page (its public archive for the reading area). PDF through pdfkit with the
 * platform's embedded fonts, as the module's other printouts; the QR code through the `qrcode` package. The
 * signs show only public facts (unit, rules, board place and person in charge as registered for the public).
 */
import { join } from 'node:path';
import QRCode from 'qrcode';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { findUnit } from '../org/index.ts';
import { fontDirectory, maskAll, piiRules } from '../publishing/index.ts';
import { canSeeArchive, canInspect } from './archives.policy.ts';
import { loadSettings } from './archives.settings.ts';
import { findBoard } from './archives.repository.ts';
import { publicArchiveHref } from './archives.pages.tsx';
import { newPdfDocument } from '../../platform/lazy-libs.ts';

export const SIGN_KINDS = ['storage', 'reading'] as const;
export type SignKind = (typeof SIGN_KINDS)[number];

export interface SignInput {
  heading: string;
  unitName: string;
  subtitle?: string;
  /** Numbered lines (rules) or plain facts. */
  lines: string[];
  numbered: boolean;
  qrUrl: string;
  qrCaption: string;
  /** China-local date printed in the footer and used as the PDF's creation date. */
  printedOn: string;
}

/** One A4 portrait sign. Pure: the same input gives the same bytes. */
export async function renderSignPdf(s: SignInput): Promise<Buffer> {
  const fonts = fontDirectory();
  const created = new Date(`${s.printedOn}T00:00:00+08:00`);
  const doc = newPdfDocument({
    size: 'A4',
    margins: { top: 60, bottom: 50, left: 60, right: 60 },
    lang: 'zh-CN',
    info: { Title: `${s.unitName}${s.heading}`, CreationDate: created, ModDate: created },
  });
  doc.registerFont('R', join(fonts, 'NotoSansHans-Regular.otf'));
  doc.registerFont('B', join(fonts, 'NotoSansHans-Bold.otf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc
    .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
    .lineWidth(3)
    .stroke('#b71c1c');
  doc.font('B').fontSize(40).fillColor('#b71c1c').text(s.heading, { align: 'center' });
  doc.moveDown(0.2).font('B').fontSize(22).fillColor('#000000').text(s.unitName, { align: 'center' });
  if (s.subtitle) doc.moveDown(0.2).font('R').fontSize(14).text(s.subtitle, { align: 'center' });
  doc.moveDown(1);
  doc.font('R').fontSize(s.lines.length > 8 ? 14 : 16);
  s.lines.forEach((line, i) => doc.text(s.numbered ? `${i + 1}. ${line}` : line, { width, lineGap: 6, paragraphGap: 6 }));
  const qr = await QRCode.toBuffer(s.qrUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  const size = 150;
  const qrTop = doc.page.height - doc.page.margins.bottom - size - 50;
  if (doc.y > qrTop - 10) doc.addPage();
  doc.image(qr, (doc.page.width - size) / 2, qrTop, { width: size, height: size });
  doc
    .font('R')
    .fontSize(12)
    .text(s.qrCaption, doc.page.margins.left, qrTop + size + 6, { width, align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`打印日期：${s.printedOn}`, doc.page.margins.left, qrTop + size + 26, { width, align: 'center' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const HEADINGS: Record<SignKind, { heading: string; caption: string }> = {
  storage: { heading: '档案库房', caption: '扫码查看本村（社区）网上公开' },
  reading: { heading: '集中查阅点', caption: '扫码查看往期公开档案' },
};

/** The storage-area or reading-area sign of a unit, with the county's rules (staff of the unit; 404 outside scope). */
export async function unitSign(ctx: AppContext, actor: Actor, code: string, kind: SignKind): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const unit = await findUnit(ctx.db, code);
  if (!unit || !canSeeArchive(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${code}”不存在或不在您的管理范围内`);
  const settings = await loadSettings(ctx.db);
  const rules = kind === 'storage' ? settings.storageRules : settings.readingRules;
  if (rules.length === 0)
    return fail(409, 'RULES_NOT_SET', kind === 'storage' ? '县级尚未设置档案库房制度，请先在档案设置中填写' : '县级尚未设置查阅区须知，请先在档案设置中填写');
  const base = ctx.config.baseUrl;
  const qrUrl = kind === 'reading' ? `${base}${publicArchiveHref(unit.code)}` : `${base}/units/${encodeURIComponent(unit.code)}`;
  const h = HEADINGS[kind];
  const printedOn = chinaDate(ctx.clock.now());
  const buffer = await renderSignPdf({
    heading: h.heading,
    unitName: unit.name,
    subtitle: kind === 'storage' ? '档案库房管理制度' : '查阅须知',
    lines: rules,
    numbered: true,
    qrUrl,
    qrCaption: h.caption,
    printedOn,
  });
  return ok({ name: `${unit.name}${h.heading}标识牌.pdf`, type: 'pdf', buffer });
}

/** A 公开栏's sign: its name, place, person in charge and where to send opinions; QR to the unit's portal page. */
export async function boardSign(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const row = await findBoard(ctx.db, id);
  if (!row || !(canSeeArchive(actor, row.unit_path) || canInspect(actor, row.unit_path)))
    return fail(404, 'BOARD_NOT_FOUND', '公开栏不存在或不在您的管理范围内');
  const printedOn = chinaDate(ctx.clock.now());
  // The sign is posted in public: what it prints passes the personal-data gate like any public output.
  const gate = (t: string) => maskAll(t, piiRules(), { today: printedOn });
  const buffer = await renderSignPdf({
    heading: '村（居）务公开栏',
    unitName: row.unit_name,
    subtitle: gate(row.name),
    lines: [
      `位置：${gate(row.place)}`,
      `负责人：${gate(row.person_in_charge)}`,
      '本栏张贴本村（社区）按规定应当公开的事项，请勿乱贴乱画。',
      '对公开内容有疑问或意见，可投入旁边的意见箱，或扫码查看网上公开内容。',
    ],
    numbered: false,
    qrUrl: `${ctx.config.baseUrl}/units/${encodeURIComponent(row.unit_code)}`,
    qrCaption: '扫码查看本村（社区）网上公开',
    printedOn,
  });
  return ok({ name: `${row.unit_name}${row.name}标识牌.pdf`, type: 'pdf', buffer });
}
