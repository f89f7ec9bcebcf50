/**
 * 提级管理: a village's archive held in custody by its town (代管) and handed back. Every move is recorded with the
 * items moved, both signatories and the reason; the 移交清单 is produced as .xlsx and as a PDF for both sides to sign.
 */
import crypto from 'node:crypto';
import { join } from 'node:path';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { lockForUpdate, type Executor } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { findUnit, findUnitsByCodes } from '../org/index.ts';
import { fontDirectory } from '../publishing/index.ts';
import { canKeep, canSeeArchive } from './archives.policy.ts';
import { catalogueLine, listRoots } from './archives.filing.ts';
import { countSerials, findItemLists, findItems, findMove, insertMove, pageMoves, searchItems, updateItems, type ItemRow } from './archives.repository.ts';
import type { ArchiveCustodyMoveTable } from './archives.tables.ts';
import { newWorkbook, newPdfDocument } from '../../platform/lazy-libs.ts';

const SERIAL_LOCK_KEY = 77_620_003;

export type MoveView = {
  id: string;
  serial: string;
  unitCode: string;
  from: { code: string; name: string };
  to: { code: string; name: string };
  movedOn: string;
  handedBy: string;
  receivedBy: string;
  reason: string;
  items: { id: string; archivalCode: string; title: string; year: number; className: string; retentionLabel: string; paperLocation: string | null }[];
};

/** The moves with their units and items, read in one query each for all of them (not one per move). */
async function views(db: Executor, moves: readonly ArchiveCustodyMoveTable[]): Promise<MoveView[]> {
  const [units, items] = await Promise.all([
    findUnitsByCodes(db, [...new Set(moves.flatMap((m) => [m.from_unit_code, m.to_unit_code]))]),
    findItemLists(
      db,
      moves.map((m) => JSON.parse(m.item_ids_json) as string[]),
    ),
  ]);
  const name = new Map(units.map((u) => [u.code, u.name]));
  return moves.map((m, n) => view(m, name, items[n]));
}
const one = async (db: Executor, m: ArchiveCustodyMoveTable) => (await views(db, [m]))[0];

function view(m: ArchiveCustodyMoveTable, name: Map<string, string>, items: ItemRow[]): MoveView {
  return {
    id: m.id,
    serial: m.serial,
    unitCode: m.unit_code,
    from: { code: m.from_unit_code, name: name.get(m.from_unit_code) ?? m.from_unit_code },
    to: { code: m.to_unit_code, name: name.get(m.to_unit_code) ?? m.to_unit_code },
    movedOn: m.moved_on,
    handedBy: m.handed_by,
    receivedBy: m.received_by,
    reason: m.reason,
    items: items.map((i) => ({ ...catalogueLine(i), paperLocation: i.paper_location })),
  };
}

export interface MoveInput {
  unitCode: string;
  toUnitCode: string;
  /** Default: every kept item of the unit not already held by `toUnitCode`. */
  itemIds?: string[];
  movedOn: string;
  handedBy: string;
  receivedBy: string;
  reason: string;
}

export async function moveCustody(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: MoveInput): Promise<Result<MoveView>> {
  const today = chinaDate(ctx.clock.now());
  const handedBy = input.handedBy.trim();
  const receivedBy = input.receivedBy.trim();
  const reason = input.reason.trim();
  if (!isRealDate(input.movedOn) || input.movedOn > today) return fail(400, 'INVALID_DATE', '移交日期无效或晚于今天');
  if (!handedBy || !receivedBy) return fail(400, 'SIGNATORY_REQUIRED', '请填写移交人和接收人');
  if (handedBy === receivedBy) return fail(400, 'SAME_SIGNATORY', '移交人和接收人应是双方各自的人员');
  if (!reason) return fail(400, 'REASON_REQUIRED', '请写明移交原因（如提级管理、代管期满交回）');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, input.unitCode);
    if (!unit || !canSeeArchive(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${input.unitCode}”不存在或不在您的管理范围内`);
    if (!canKeep(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '档案移交由档案管理员办理');
    // Custody is held by the village itself or by its town (the parent unit): 提级管理 goes one level up.
    if (input.toUnitCode !== unit.code && input.toUnitCode !== unit.parent_code)
      return fail(400, 'INVALID_CUSTODIAN', '村（社区）档案只能由本村（社区）或其所属乡镇（街道）保管');
    const ids = input.itemIds?.length
      ? [...new Set(input.itemIds)]
      : (await searchItems(trx, { roots: [unit.path], unitPath: unit.path, status: 'filed', limit: 10000, offset: 0 })).items
          .filter((i) => i.unit_code === unit.code && i.custody_unit_code !== input.toUnitCode)
          .map((i) => i.id);
    if (ids.length === 0) return fail(409, 'NOTHING_TO_MOVE', '没有需要移交的档案');
    const rows = await findItems(trx, ids);
    if (rows.length !== ids.length || rows.some((r) => r.unit_code !== unit.code)) return fail(400, 'ITEM_NOT_FOUND', '所选档案不存在或不属于该单位');
    if (rows.some((r) => r.status !== 'filed')) return fail(409, 'ITEM_DESTROYED', '所选档案中有已销毁的');
    const froms = [...new Set(rows.map((r) => r.custody_unit_code))];
    if (froms.length !== 1) return fail(409, 'MIXED_CUSTODY', '所选档案目前由不同单位保管，请分别移交');
    if (froms[0] === input.toUnitCode) return fail(409, 'ALREADY_HELD', '所选档案已由接收单位保管');
    await lockForUpdate(trx, ctx.dialect, SERIAL_LOCK_KEY);
    const year = today.slice(0, 4);
    const serial = `移交〔${year}〕${(await countSerials(trx, 'archive_custody_moves', `移交〔${year}〕`)) + 1}号`;
    const id = crypto.randomUUID();
    const row: ArchiveCustodyMoveTable = {
      id,
      serial,
      unit_code: unit.code,
      from_unit_code: froms[0],
      to_unit_code: input.toUnitCode,
      moved_on: input.movedOn,
      handed_by: handedBy,
      received_by: receivedBy,
      reason,
      item_ids_json: JSON.stringify(ids),
      is_demo: 0,
      created_at: now.toISOString(),
      created_by: meta.actor.username,
    };
    await insertMove(trx, row);
    await updateItems(trx, ids, { custody_unit_code: input.toUnitCode, updated_at: now.toISOString() });
    await audit({
      unitCode: unit.code,
      action: 'archives.custody.move',
      entityType: 'archive_custody_move',
      entityId: id,
      after: { serial, from: froms[0], to: input.toUnitCode, items: ids.length },
    });
    return ok(await one(trx, row));
  });
}

export async function getMove(ctx: AppContext, actor: Actor, id: string): Promise<Result<MoveView>> {
  const m = await findMove(ctx.db, id);
  if (!m || !canSeeArchive(actor, m.unit_path)) return fail(404, 'MOVE_NOT_FOUND', '移交记录不存在或不在您的管理范围内');
  return ok(await one(ctx.db, m));
}

/** One page of the moves in the caller's scope (or of one unit), newest first, and how many there are. */
export async function movesFor(
  ctx: AppContext,
  actor: Actor,
  q: { unitCode?: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: MoveView[] }>> {
  const roots = await listRoots(ctx, actor, q.unitCode);
  if (!roots.ok) return roots;
  const page = await pageMoves(ctx.db, { roots: roots.value, unitCode: q.unitCode, limit: q.limit, offset: q.offset });
  return ok({ total: page.total, items: await views(ctx.db, page.items) });
}

const HEAD = ['序号', '档号', '题名', '年度', '类别', '保管期限', '存放位置'];

export async function moveXlsx(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const m = await getMove(ctx, actor, id);
  if (!m.ok) return m;
  const v = m.value;
  const wb = newWorkbook();
  const ws = wb.addWorksheet('移交清单');
  ws.addRow([`档案移交清单 ${v.serial}`]);
  ws.addRow([`移交单位：${v.from.name}  接收单位：${v.to.name}  移交日期：${v.movedOn}  原因：${v.reason}`]);
  ws.addRow(HEAD).font = { bold: true };
  v.items.forEach((i, n) => ws.addRow([n + 1, i.archivalCode, i.title, i.year, i.className, i.retentionLabel, i.paperLocation ?? '']));
  ws.addRow([]);
  ws.addRow([`移交人：${v.handedBy}`, '', '', `接收人：${v.receivedBy}`]);
  ws.columns.forEach((c, i) => (c.width = [6, 34, 40, 8, 20, 10, 24][i]));
  return ok({ name: `档案移交清单-${v.serial}.xlsx`, type: 'xlsx', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
}

export async function movePdf(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const m = await getMove(ctx, actor, id);
  if (!m.ok) return m;
  const v = m.value;
  const fonts = fontDirectory();
  const doc = newPdfDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    lang: 'zh-CN',
    info: { Title: `档案移交清单 ${v.serial}` },
  });
  doc.registerFont('R', join(fonts, 'NotoSansHans-Regular.otf'));
  doc.registerFont('B', join(fonts, 'NotoSansHans-Bold.otf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('B').fontSize(18).text('档案移交清单', { align: 'center' });
  doc.font('R').fontSize(10).text(v.serial, { align: 'center' }).moveDown(0.6);
  doc.fontSize(11).text(`移交单位：${v.from.name}    接收单位：${v.to.name}    移交日期：${v.movedOn}`);
  doc.text(`移交原因：${v.reason}    共 ${v.items.length} 件`).moveDown(0.5);
  const w = [30, 150, 175, 40, 100];
  const left = doc.page.margins.left;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'B' : 'R').fontSize(9);
    const h = Math.max(18, ...cells.map((c, i) => doc.heightOfString(c, { width: w[i] - 6 }) + 8));
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, top, w[i], h).stroke('#444444');
      doc.text(c, x + 3, top + 4, { width: w[i] - 6 });
      x += w[i];
    });
    doc.x = left;
    doc.y = top + h;
  };
  row(['序号', '档号', '题名', '年度', '类别 / 期限'], true);
  v.items.forEach((i, n) => row([String(n + 1), i.archivalCode, i.title, String(i.year), `${i.className} / ${i.retentionLabel}`]));
  doc.moveDown(2);
  doc.font('R').fontSize(11).text(`移交人（签字）：${v.handedBy}  ____________        接收人（签字）：${v.receivedBy}  ____________`, left);
  doc.moveDown(1).text(`移交单位（盖章）：${v.from.name}                    接收单位（盖章）：${v.to.name}`, left);
  doc.end();
  await done;
  return ok({ name: `档案移交清单-${v.serial}.pdf`, type: 'pdf', buffer: Buffer.concat(chunks) });
}
