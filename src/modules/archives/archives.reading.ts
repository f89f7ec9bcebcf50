/**
 * The reading point (集中查阅点) and the archive room (库房): the register of consultations (visitor's name and phone
 * stored, masked everywhere but the record itself), the printable monthly 查阅登记簿, figures per village, and the
 * storage area's entry ledger with items taken out and returned (an item out longer than the county's N days is
 * flagged, on read).
 */
import crypto from 'node:crypto';
import { join } from 'node:path';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { lockForUpdate, type Dialect, type Trx } from '../../platform/db/database.ts';
import { findUnit, type OrgUnitRow } from '../org/index.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { applyMask, DEFAULT_MASKS, fontDirectory, maskAll, piiRules, refreshPiiRules } from '../publishing/index.ts';
import { letterDate, renderDocument, type PrintedDocument } from '../requests/index.ts';
import { canSeeArchive, canServeDuty } from './archives.policy.ts';
import { daysOut, maskName, OVERDUE_SHOWN, visitSerialText } from './archives.rules.ts';
import {
  findEntry,
  findItemLists,
  findItems,
  findVisit,
  findLoan,
  insertEntry,
  insertLoans,
  insertVisit,
  lastVisitSerial,
  pageEntries,
  listVisits,
  loansOfEntries,
  openLoans,
  overdueLoans,
  pageVisits,
  updateEntry,
  updateLoan,
  visitFigures,
  type ItemRow,
} from './archives.repository.ts';
import type { ArchiveReadingVisitTable } from './archives.tables.ts';
import { loadSettings } from './archives.settings.ts';
import { newPdfDocument } from '../../platform/lazy-libs.ts';

const unitNotFound = (code: string) => fail(404, 'UNIT_NOT_FOUND', `单位“${code}”不存在或不在您的管理范围内`);
const MAX_ITEMS = 50;
/** Advisory lock (PostgreSQL) serialising 查阅登记号 of every unit (SQLite has one writer); see ITEM_NO_LOCK_KEY. */
const VISIT_SERIAL_LOCK_KEY = 77_620_004;

/**
 * The next 查阅登记号 of a unit's year, inside the registering transaction: taken under the serial lock, so two visits
 * registered at once never get the same number (the unique index on unit, year and serial is the backstop).
 */
export async function nextVisitSerial(trx: Trx, dialect: Dialect, unitCode: string, visitedOn: string): Promise<{ year: number; no: number }> {
  await lockForUpdate(trx, dialect, VISIT_SERIAL_LOCK_KEY);
  const year = Number(visitedOn.slice(0, 4));
  return { year, no: (await lastVisitSerial(trx, unitCode, year)) + 1 };
}

/** A visitor's phone outside the record: the personal-data gate's mobile mask (county rules), whatever was typed. */
export function maskPhone(phone: string | null, today: string): string | null {
  if (!phone) return null;
  const gated = maskAll(phone, piiRules(), { today });
  return gated !== phone ? gated : applyMask(phone, DEFAULT_MASKS.mobile);
}

async function unitFor(ctx: AppContext, actor: Actor, code: string, write: boolean): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(ctx.db, code);
  if (!unit || !canSeeArchive(actor, unit.path)) return unitNotFound(code);
  if (write && !canServeDuty(actor, unit.path)) return fail(403, 'FORBIDDEN', '查阅登记和库房台账由档案管理员或村（居）务公开经办人填写');
  return ok(unit);
}

async function checkItems(ctx: AppContext, unit: OrgUnitRow, ids: string[]): Promise<Result<string[]>> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ITEMS) return fail(400, 'TOO_MANY_ITEMS', `一次最多登记${MAX_ITEMS}件档案`);
  const rows = await findItems(ctx.db, unique);
  if (rows.length !== unique.length || rows.some((r) => !r.unit_path.startsWith(unit.path)))
    return fail(400, 'ITEM_NOT_FOUND', '所选档案不存在或不属于本单位，请从档案目录中选择');
  if (rows.some((r) => r.status !== 'filed')) return fail(409, 'ITEM_DESTROYED', '所选档案中有已销毁的，不能查阅或借出');
  return ok(unique);
}

// ----- reading point ------------------------------------------------------------------------------------------------

export interface VisitInput {
  visitedOn: string;
  visitorName: string;
  visitorPhone?: string | null;
  purpose: string;
  itemIds: string[];
  otherMaterial?: string | null;
  staffOnDuty: string;
}

export type VisitView = {
  id: string;
  /** 查阅登记号, e.g. 查阅〔2026〕3号 (per unit and year of the visit). */
  serial: string;
  unitCode: string;
  visitedOn: string;
  visitor: string;
  phone: string | null;
  purpose: string;
  items: { id: string; archivalCode: string; title: string }[];
  otherMaterial: string | null;
  staffOnDuty: string;
  masked: boolean;
};

/** The visits with their items, read in one query for all of them (a page of the register is not one query per visit). */
async function visitViews(ctx: AppContext, rows: readonly ArchiveReadingVisitTable[], today: string, full: boolean): Promise<VisitView[]> {
  const items = await findItemLists(
    ctx.db,
    rows.map((v) => JSON.parse(v.item_ids_json) as string[]),
  );
  return rows.map((v, n) => visitView(v, items[n], today, full));
}

function visitView(v: ArchiveReadingVisitTable, items: ItemRow[], today: string, full: boolean): VisitView {
  const rules = piiRules();
  return {
    id: v.id,
    serial: visitSerialText(v.serial_year, v.serial_no),
    unitCode: v.unit_code,
    visitedOn: v.visited_on,
    visitor: full ? v.visitor_name : maskName(v.visitor_name),
    phone: full ? v.visitor_phone : maskPhone(v.visitor_phone, today),
    purpose: full ? v.purpose : maskAll(v.purpose, rules, { today }),
    items: items.map((i) => ({ id: i.id, archivalCode: i.archival_code, title: i.title })),
    otherMaterial: v.other_material === null ? null : full ? v.other_material : maskAll(v.other_material, rules, { today }),
    staffOnDuty: v.staff_on_duty,
    masked: !full,
  };
}

export async function registerVisit(ctx: AppContext, meta: CommandMeta & { actor: Actor }, unitCode: string, input: VisitInput): Promise<Result<VisitView>> {
  const today = chinaDate(ctx.clock.now());
  const name = input.visitorName.trim();
  const purpose = input.purpose.trim();
  const staff = input.staffOnDuty.trim();
  const phone = input.visitorPhone?.trim() || null;
  if (!isRealDate(input.visitedOn) || input.visitedOn > today) return fail(400, 'INVALID_DATE', '查阅日期无效或晚于今天');
  if (!name) return fail(400, 'VISITOR_REQUIRED', '请填写查阅人姓名');
  if (phone && !/^[0-9+\-\s()]{5,20}$/.test(phone)) return fail(400, 'INVALID_PHONE', '联系电话只能包含数字、空格和“-”，5至20位');
  if (!purpose) return fail(400, 'PURPOSE_REQUIRED', '请填写查阅目的');
  if (!staff) return fail(400, 'STAFF_REQUIRED', '请填写接待的值班人员');
  if (input.itemIds.length === 0 && !input.otherMaterial?.trim()) return fail(400, 'ITEMS_REQUIRED', '请从档案目录中选择查阅的档案，或写明查阅的其他材料');
  const unit = await unitFor(ctx, meta.actor, unitCode, true);
  if (!unit.ok) return unit;
  const items = await checkItems(ctx, unit.value, input.itemIds);
  if (!items.ok) return items;
  await refreshPiiRules(ctx.db);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const id = crypto.randomUUID();
    const serial = await nextVisitSerial(trx, ctx.dialect, unit.value.code, input.visitedOn);
    const row: ArchiveReadingVisitTable = {
      id,
      unit_code: unit.value.code,
      visited_on: input.visitedOn,
      visitor_name: name,
      visitor_phone: phone,
      purpose,
      item_ids_json: JSON.stringify(items.value),
      other_material: input.otherMaterial?.trim() || null,
      staff_on_duty: staff,
      serial_year: serial.year,
      serial_no: serial.no,
      is_demo: 0,
      created_at: now.toISOString(),
      created_by: meta.actor.username,
    };
    await insertVisit(trx, row);
    // No personal data in the audit log: the visitor is not named there.
    await audit({
      unitCode: unit.value.code,
      action: 'archives.visit.register',
      entityType: 'archive_reading_visit',
      entityId: id,
      after: { serial: visitSerialText(serial.year, serial.no), visitedOn: input.visitedOn, items: items.value.length },
    });
    return ok((await visitViews({ ...ctx, db: trx }, [row], today, true))[0]);
  });
}

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

async function registerUnit(ctx: AppContext, actor: Actor, unitCode: string, month: string): Promise<Result<OrgUnitRow>> {
  if (!MONTH.test(month)) return fail(400, 'INVALID_MONTH', '月份格式应为 YYYY-MM');
  const unit = await unitFor(ctx, actor, unitCode, false);
  if (unit.ok) await refreshPiiRules(ctx.db);
  return unit;
}

/**
 * One page of a month of the register, in the order visited, and how many visits the month has; masked (the list, the
 * printout and figures never show a visitor's name or phone in full).
 */
export async function visitRegister(
  ctx: AppContext,
  actor: Actor,
  unitCode: string,
  q: { month: string; limit: number; offset: number },
): Promise<Result<{ unit: { code: string; name: string }; month: string; total: number; items: VisitView[] }>> {
  const unit = await registerUnit(ctx, actor, unitCode, q.month);
  if (!unit.ok) return unit;
  const page = await pageVisits(ctx.db, { unitCode: unit.value.code, ...monthRange(q.month), limit: q.limit, offset: q.offset });
  return ok({
    unit: { code: unit.value.code, name: unit.value.name },
    month: q.month,
    total: page.total,
    items: await visitViews(ctx, page.items, chinaDate(ctx.clock.now()), false),
  });
}

export async function visitFiguresFor(
  ctx: AppContext,
  actor: Actor,
  unitCode: string,
  q: { from: string; to: string },
): Promise<Result<{ items: { unitCode: string; unitName: string; visits: number }[] }>> {
  if (!isRealDate(q.from) || !isRealDate(q.to) || q.from > q.to) return fail(400, 'INVALID_WINDOW', '起止日期无效');
  const unit = await unitFor(ctx, actor, unitCode, false);
  if (!unit.ok) return unit;
  const rows = await visitFigures(ctx.db, { unitPath: unit.value.path, ...q });
  return ok({ items: rows.map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, visits: r.visits })) });
}

/** The two printed copies of one visit: 留存联 kept by the reading point (in full), 回执 for the visitor / the public (masked). */
export const VISIT_COPIES = ['record', 'receipt'] as const;
export type VisitCopy = (typeof VISIT_COPIES)[number];

/**
 * One visit printed as a record through the letters' renderer (one 公文 layout for every printed record). The 留存联
 * (`record`) carries the visitor's name and phone in full, with lines for both signatures, and only the staff on duty
 * (who registered it) may print it; the 回执 (`receipt`) is the copy that leaves the reading point: name, phone,
 * purpose, other material and the titles of the items pass the personal-data gate, like the register.
 */
export async function visitPrintout(
  ctx: AppContext,
  actor: Actor,
  visitId: string,
  copy: VisitCopy,
): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const v = await findVisit(ctx.db, visitId);
  if (!v || !canSeeArchive(actor, v.unit_path)) return fail(404, 'VISIT_NOT_FOUND', '查阅登记不存在或不在您的管理范围内');
  const full = copy === 'record';
  if (full && !canServeDuty(actor, v.unit_path))
    return fail(403, 'FORBIDDEN', '留存联含查阅人完整信息，只有档案管理员或村（居）务公开经办人可以打印；请打印回执');
  await refreshPiiRules(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const [view] = await visitViews(ctx, [v], today, full);
  const rules = piiRules();
  const items = view.items.map((i, n) => `${n + 1}. ${i.archivalCode} ${full ? i.title : maskAll(i.title, rules, { today })}`);
  const fields = [
    { label: '查阅日期', value: letterDate(view.visitedOn, '查阅日期') },
    { label: '查阅人', value: view.visitor },
    { label: '联系电话', value: view.phone ?? '（未留）' },
    { label: '查阅目的', value: view.purpose },
    { label: '查阅的档案', value: items.length ? items.join('\n') : '（无）' },
    ...(view.otherMaterial ? [{ label: '其他材料', value: view.otherMaterial }] : []),
    { label: '接待人员', value: view.staffOnDuty },
  ];
  const number = `查阅登记号：${view.serial}`;
  const doc: PrintedDocument = {
    title: `${v.unit_name}档案查阅${full ? '登记表（留存联）' : '回执'}`,
    number,
    salutation: null,
    blocks: [
      { type: 'fields', rows: fields },
      ...(full
        ? [
            { type: 'para' as const, text: '本联由集中查阅点留存归档，含查阅人完整信息，不得对外提供。' },
            { type: 'blank' as const, label: '查阅人（签字）', lines: 1 },
            { type: 'blank' as const, label: '接待人员（签字）', lines: 1 },
          ]
        : [
            {
              type: 'para' as const,
              text: '您已在本集中查阅点查阅上列档案。为保护个人信息，本回执中的姓名、电话等已部分隐去；如需再次查阅，请凭档号到查阅点登记。',
            },
          ]),
    ],
    attachments: [],
    contact: [],
    seal: { unit: v.unit_name, date: letterDate(view.visitedOn, '查阅日期') },
    meta: { subject: full ? '档案查阅登记表（留存联）' : '档案查阅回执', issuedOn: view.visitedOn },
  };
  const buffer = await renderDocument(doc, 'pdf');
  return ok({ name: `${v.unit_name}档案查阅${full ? '登记表' : '回执'}-${view.visitedOn}.pdf`, type: 'pdf', buffer });
}

/** The printable monthly 查阅登记簿 (A4 landscape), masked like every output outside the record itself. */
export async function visitRegisterPdf(
  ctx: AppContext,
  actor: Actor,
  unitCode: string,
  month: string,
): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  // The printed 登记簿 is the whole month (one month of one reading point), not a page of it.
  const found = await registerUnit(ctx, actor, unitCode, month);
  if (!found.ok) return found;
  const unit = found.value;
  const visits = await visitViews(ctx, await listVisits(ctx.db, { unitCode: unit.code, ...monthRange(month) }), chinaDate(ctx.clock.now()), false);
  const fonts = fontDirectory();
  const doc = newPdfDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    lang: 'zh-CN',
    info: { Title: `${unit.name}查阅登记簿（${month}）` },
  });
  doc.registerFont('R', join(fonts, 'NotoSansHans-Regular.otf'));
  doc.registerFont('B', join(fonts, 'NotoSansHans-Bold.otf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const [y, m] = month.split('-');
  doc.font('B').fontSize(18).text(`${unit.name}档案查阅登记簿`, { align: 'center' });
  doc
    .font('R')
    .fontSize(11)
    .text(`${y}年${Number(m)}月 共${visits.length}人次 （查阅人姓名、电话已按个人信息保护要求部分隐藏）`, { align: 'center' });
  doc.moveDown(0.8);
  const cols = [
    { title: '登记号', w: 86 },
    { title: '日期', w: 66 },
    { title: '查阅人', w: 60 },
    { title: '联系电话', w: 84 },
    { title: '查阅内容（档号、题名）', w: 234 },
    { title: '查阅目的', w: 136 },
    { title: '接待人', w: 60 },
  ];
  const left = doc.page.margins.left;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'B' : 'R').fontSize(9);
    const h = Math.max(18, ...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].w - 6 }) + 8));
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, top, cols[i].w, h).stroke('#444444');
      doc.fillColor('#000000').text(c, x + 3, top + 4, { width: cols[i].w - 6 });
      x += cols[i].w;
    });
    doc.x = left;
    doc.y = top + h;
  };
  row(
    cols.map((c) => c.title),
    true,
  );
  visits.forEach((v) =>
    row([
      v.serial,
      v.visitedOn,
      v.visitor,
      v.phone ?? '',
      [...v.items.map((it) => `${it.archivalCode} ${it.title}`), ...(v.otherMaterial ? [v.otherMaterial] : [])].join('\n'),
      v.purpose,
      v.staffOnDuty,
    ]),
  );
  if (visits.length === 0) row(['', '', '', '', '本月无查阅登记', '', '']);
  doc.moveDown(1.2);
  doc.font('R').fontSize(10).text('档案管理员（签字）：____________          审核（签字）：____________', left);
  doc.end();
  await done;
  return ok({ name: `${unit.name}查阅登记簿-${month}.pdf`, type: 'pdf', buffer: Buffer.concat(chunks) });
}

// ----- archive room ledger ------------------------------------------------------------------------------------------

export interface EntryInput {
  enteredAt: string;
  leftAt?: string | null;
  person: string;
  reason: string;
  accompaniedBy: string;
  takenItemIds?: string[];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export async function recordEntry(ctx: AppContext, meta: CommandMeta & { actor: Actor }, unitCode: string, input: EntryInput): Promise<Result<{ id: string }>> {
  const now = ctx.clock.now();
  const person = input.person.trim();
  const reason = input.reason.trim();
  const accompaniedBy = input.accompaniedBy.trim();
  if (!ISO_INSTANT.test(input.enteredAt) || Number.isNaN(Date.parse(input.enteredAt)) || Date.parse(input.enteredAt) > now.getTime() + 60_000)
    return fail(400, 'INVALID_TIME', '进入时间无效或晚于现在');
  if (input.leftAt && (!ISO_INSTANT.test(input.leftAt) || Date.parse(input.leftAt) < Date.parse(input.enteredAt)))
    return fail(400, 'INVALID_TIME', '离开时间无效或早于进入时间');
  if (!person) return fail(400, 'PERSON_REQUIRED', '请填写进入库房的人员');
  if (!reason) return fail(400, 'REASON_REQUIRED', '请写明进入库房的事由');
  if (!accompaniedBy) return fail(400, 'ESCORT_REQUIRED', '请填写陪同的档案管理人员');
  const unit = await unitFor(ctx, meta.actor, unitCode, true);
  if (!unit.ok) return unit;
  const items = await checkItems(ctx, unit.value, input.takenItemIds ?? []);
  if (!items.ok) return items;
  return runCommand(ctx, meta, async ({ trx, now: at, audit }) => {
    const out = await openLoans(trx, { roots: [unit.value.path], itemIds: items.value });
    if (out.length) return fail(409, 'ITEM_ON_LOAN', `档案 ${out.map((l) => l.archival_code).join('、')} 已借出尚未归还`);
    const id = crypto.randomUUID();
    const takenOn = chinaDate(new Date(input.enteredAt));
    await insertEntry(trx, {
      id,
      unit_code: unit.value.code,
      entered_at: new Date(input.enteredAt).toISOString(),
      left_at: input.leftAt ? new Date(input.leftAt).toISOString() : null,
      person,
      reason,
      accompanied_by: accompaniedBy,
      is_demo: 0,
      created_at: at.toISOString(),
      created_by: meta.actor.username,
    });
    await insertLoans(
      trx,
      items.value.map((itemId) => ({ id: crypto.randomUUID(), entry_id: id, item_id: itemId, taken_on: takenOn, returned_on: null, returned_to: null })),
    );
    await audit({
      unitCode: unit.value.code,
      action: 'archives.room.entry',
      entityType: 'archive_room_entry',
      entityId: id,
      after: { enteredAt: input.enteredAt, takenOut: items.value.length },
    });
    return ok({ id });
  });
}

export async function closeEntry(ctx: AppContext, meta: CommandMeta & { actor: Actor }, entryId: string, leftAt: string): Promise<Result<{ id: string }>> {
  if (!ISO_INSTANT.test(leftAt) || Number.isNaN(Date.parse(leftAt))) return fail(400, 'INVALID_TIME', '离开时间无效');
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const e = await findEntry(trx, entryId);
    if (!e || !canSeeArchive(meta.actor, e.unit_path)) return fail(404, 'ENTRY_NOT_FOUND', '出入记录不存在或不在您的管理范围内');
    if (!canServeDuty(meta.actor, e.unit_path)) return fail(403, 'FORBIDDEN', '库房台账由档案管理员或村（居）务公开经办人填写');
    if (e.left_at) return fail(409, 'ALREADY_LEFT', '该记录已登记离开时间');
    if (Date.parse(leftAt) < Date.parse(e.entered_at)) return fail(400, 'INVALID_TIME', '离开时间早于进入时间');
    await updateEntry(trx, entryId, { left_at: new Date(leftAt).toISOString() });
    await audit({ unitCode: e.unit_code, action: 'archives.room.leave', entityType: 'archive_room_entry', entityId: entryId, after: { leftAt } });
    return ok({ id: entryId });
  });
}

export async function returnLoan(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  loanId: string,
  input: { returnedOn: string; returnedTo: string },
): Promise<Result<{ id: string }>> {
  const today = chinaDate(ctx.clock.now());
  if (!isRealDate(input.returnedOn) || input.returnedOn > today) return fail(400, 'INVALID_DATE', '归还日期无效或晚于今天');
  const to = input.returnedTo.trim();
  if (!to) return fail(400, 'RECEIVER_REQUIRED', '请填写接收归还的档案管理人员');
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const l = await findLoan(trx, loanId);
    if (!l || !canSeeArchive(meta.actor, l.unit_path)) return fail(404, 'LOAN_NOT_FOUND', '借出记录不存在或不在您的管理范围内');
    if (!canServeDuty(meta.actor, l.unit_path)) return fail(403, 'FORBIDDEN', '库房台账由档案管理员或村（居）务公开经办人填写');
    if (l.returned_on) return fail(409, 'ALREADY_RETURNED', `该档案已于${l.returned_on}归还`);
    if (input.returnedOn < l.taken_on) return fail(400, 'INVALID_DATE', '归还日期早于借出日期');
    await updateLoan(trx, loanId, { returned_on: input.returnedOn, returned_to: to });
    await audit({
      unitCode: l.unit_code,
      action: 'archives.room.return',
      entityType: 'archive_room_loan',
      entityId: loanId,
      after: { archivalCode: l.archival_code, returnedOn: input.returnedOn },
    });
    return ok({ id: loanId });
  });
}

export type LedgerEntry = {
  id: string;
  enteredAt: string;
  leftAt: string | null;
  person: string;
  reason: string;
  accompaniedBy: string;
  items: {
    loanId: string;
    itemId: string;
    archivalCode: string;
    title: string;
    takenOn: string;
    returnedOn: string | null;
    returnedTo: string | null;
    overdue: boolean;
  }[];
};

/**
 * The storage area's ledger: one page of the entries (newest first) with what was taken out, and how many entries
 * there are; the items out longer than the county's N days (longest out first, at most OVERDUE_SHOWN) with their count.
 */
export async function roomLedger(
  ctx: AppContext,
  actor: Actor,
  unitCode: string,
  q: { limit: number; offset: number },
): Promise<
  Result<{
    loanDays: number;
    total: number;
    items: LedgerEntry[];
    overdue: { loanId: string; archivalCode: string; title: string; takenOn: string; daysOut: number }[];
    overdueTotal: number;
  }>
> {
  const unit = await unitFor(ctx, actor, unitCode, false);
  if (!unit.ok) return unit;
  const today = chinaDate(ctx.clock.now());
  const { loanDays } = await loadSettings(ctx.db);
  const entries = await pageEntries(ctx.db, { unitCode: unit.value.code, limit: q.limit, offset: q.offset });
  const loans = await loansOfEntries(
    ctx.db,
    entries.items.map((e) => e.id),
  );
  const flag = (l: { taken_on: string; returned_on: string | null }) => l.returned_on === null && daysOut(l.taken_on, today) > loanDays;
  // Out more than loanDays whole days: taken before today − loanDays (daysOut counts calendar days between the dates).
  const open = await overdueLoans(ctx.db, { unitPath: unit.value.path, takenBefore: addCalendarDays(today, -loanDays), limit: OVERDUE_SHOWN });
  return ok({
    loanDays,
    total: entries.total,
    items: entries.items.map((e) => ({
      id: e.id,
      enteredAt: e.entered_at,
      leftAt: e.left_at,
      person: e.person,
      reason: e.reason,
      accompaniedBy: e.accompanied_by,
      items: loans
        .filter((l) => l.entry_id === e.id)
        .map((l) => ({
          loanId: l.id,
          itemId: l.item_id,
          archivalCode: l.archival_code,
          title: l.title,
          takenOn: l.taken_on,
          returnedOn: l.returned_on,
          returnedTo: l.returned_to,
          overdue: flag(l),
        })),
    })),
    overdue: open.items.map((l) => ({ loanId: l.id, archivalCode: l.archival_code, title: l.title, takenOn: l.taken_on, daysOut: daysOut(l.taken_on, today) })),
    overdueTotal: open.total,
  });
}
