/**
 * 意见箱 beside a 公开栏 (三(三)4): a unit registers its box (where it hangs and, when known, the notice board
 * of the archives module it belongs to) and records every opening — the date, the two people present, the number
 * of slips. Each slip is then entered as a case with channel 意见箱 (intake-case.ts, `boxOpeningId`).
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { isRealDate } from '../../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import type { Actor } from '../../../platform/auth/roles.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { OrgUnitRow } from '../../org/index.ts';
import { noticeBoardRef } from '../../archives/index.ts';
import { findBox, insertBox, insertOpening, updateBox } from '../interaction.repository.ts';
import { canHandle, canView } from '../interaction.policy.ts';
import { cleanText, publicChanged, unitOrFail } from './shared.ts';

/**
 * The 公开栏 a box hangs beside (archives' notice board): it must exist and be visible to the actor (else 404, the
 * same answer for both), be in use, and belong to the box's own unit. null/empty: no board named.
 */
async function checkBoard(
  db: Executor,
  actor: Actor,
  unit: Pick<OrgUnitRow, 'code' | 'name'>,
  boardId: string | null | undefined,
): Promise<Result<string | null>> {
  const id = boardId?.trim() || null;
  if (!id) return ok(null);
  const board = await noticeBoardRef(db, id);
  if (!board || !canView(actor, [board.unitPath])) return fail(404, 'BOARD_NOT_FOUND', '没有找到这个公开栏，请在“公开栏巡查”中确认已登记');
  if (board.unitCode !== unit.code) return fail(400, 'BOARD_OTHER_UNIT', `公开栏“${board.name}”属于${board.unitName}，不是${unit.name}的公开栏`);
  if (!board.active) return fail(409, 'BOARD_INACTIVE', `公开栏“${board.name}”已停用，请选择在用的公开栏`);
  return ok(board.id);
}

export async function registerBox(
  ctx: AppContext,
  meta: CommandMeta,
  input: { unitCode: string; location: string; boardId?: string | null; installedOn: string },
  opts: { demo?: boolean } = {},
): Promise<Result<{ id: string }>> {
  const location = cleanText(input.location, '意见箱的位置', { max: 200, min: 2, required: true });
  if (!location.ok) return location;
  if (!isRealDate(input.installedOn)) return fail(400, 'INVALID_DATE', '请填写正确的设置日期');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitOrFail(trx, input.unitCode);
    if (!unit.ok || !canHandle(meta.actor!, unit.value)) return fail(404, 'UNIT_NOT_FOUND', `没有找到单位：${input.unitCode}`);
    if (input.installedOn > chinaDate(now)) return fail(400, 'DATE_IN_FUTURE', '设置日期不能晚于今天');
    const board = await checkBoard(trx, meta.actor!, unit.value, input.boardId);
    if (!board.ok) return board;
    const id = crypto.randomUUID();
    await insertBox(trx, {
      id,
      unit_code: unit.value.code,
      board_id: board.value,
      location: location.value!,
      active: 1,
      installed_on: input.installedOn,
      is_demo: opts.demo ? 1 : 0,
      created_at: now.toISOString(),
    });
    await audit({
      unitCode: unit.value.code,
      action: 'interaction.box.register',
      entityType: 'interaction_box',
      entityId: id,
      after: { location: location.value, boardId: board.value },
    });
    // The unit's portal page shows its boxes in use.
    await publicChanged(ctx, { trx, now });
    return ok({ id });
  });
}

/** Changes a box's location, the board it hangs beside, or takes it out of use (it then leaves compliance). */
export async function changeBox(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { location: string; boardId?: string | null; active: boolean },
): Promise<Result<{ id: string }>> {
  const location = cleanText(input.location, '意见箱的位置', { max: 200, min: 2, required: true });
  if (!location.ok) return location;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const box = await findBox(trx, id);
    if (!box || !canHandle(meta.actor!, { kind: box.unit_kind, path: box.unit_path })) return fail(404, 'BOX_NOT_FOUND', '没有找到这个意见箱');
    const board = await checkBoard(trx, meta.actor!, { code: box.unit_code, name: box.unit_name }, input.boardId);
    if (!board.ok) return board;
    const after = { location: location.value!, board_id: board.value, active: input.active ? 1 : 0 };
    if (after.location === box.location && after.board_id === box.board_id && after.active === box.active) return ok({ id });
    await updateBox(trx, id, after);
    await audit({
      unitCode: box.unit_code,
      action: 'interaction.box.change',
      entityType: 'interaction_box',
      entityId: id,
      before: { location: box.location, boardId: box.board_id, active: box.active === 1 },
      after: { location: after.location, boardId: after.board_id, active: input.active },
    });
    await publicChanged(ctx, { trx, now });
    return ok({ id });
  });
}

export async function recordOpening(
  ctx: AppContext,
  meta: CommandMeta,
  boxId: string,
  input: { openedOn: string; witness1: string; witness2: string; slipCount: number; note?: string | null },
): Promise<Result<{ id: string }>> {
  const w1 = cleanText(input.witness1, '开箱在场人员（第一人）', { max: 50, min: 2, required: true });
  if (!w1.ok) return w1;
  const w2 = cleanText(input.witness2, '开箱在场人员（第二人）', { max: 50, min: 2, required: true });
  if (!w2.ok) return w2;
  if (w1.value === w2.value) return fail(400, 'SAME_WITNESS', '开箱须有两人在场，请填写两个不同的人');
  const note = cleanText(input.note, '备注', { max: 500 });
  if (!note.ok) return note;
  if (!isRealDate(input.openedOn)) return fail(400, 'INVALID_DATE', '请填写正确的开箱日期');
  if (!Number.isInteger(input.slipCount) || input.slipCount < 0 || input.slipCount > 1000) return fail(400, 'INVALID_COUNT', '意见条数量应为0至1000');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const box = await findBox(trx, boxId);
    if (!box || !canHandle(meta.actor!, { kind: box.unit_kind, path: box.unit_path })) return fail(404, 'BOX_NOT_FOUND', '没有找到这个意见箱');
    if (input.openedOn > chinaDate(now)) return fail(400, 'DATE_IN_FUTURE', '开箱日期不能晚于今天');
    if (input.openedOn < box.installed_on) return fail(400, 'DATE_BEFORE_INSTALL', '开箱日期不能早于意见箱设置日期');
    const id = crypto.randomUUID();
    await insertOpening(trx, {
      id,
      box_id: boxId,
      opened_on: input.openedOn,
      witness1: w1.value!,
      witness2: w2.value!,
      slip_count: input.slipCount,
      note: note.value,
      created_by: meta.actor!.userId,
      created_at: now.toISOString(),
    });
    await audit({
      unitCode: box.unit_code,
      action: 'interaction.box.open',
      entityType: 'interaction_box',
      entityId: boxId,
      after: { openingId: id, openedOn: input.openedOn, slipCount: input.slipCount },
    });
    // The portal page shows the last opening and when the next is due.
    await publicChanged(ctx, { trx, now });
    return ok({ id });
  });
}
