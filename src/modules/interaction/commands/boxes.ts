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
import { findBox, insertBox, insertOpening } from '../interaction.repository.ts';
import { canHandle } from '../interaction.policy.ts';
import { cleanText, unitOrFail } from './shared.ts';

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
    const id = crypto.randomUUID();
    await insertBox(trx, {
      id,
      unit_code: unit.value.code,
      board_id: input.boardId?.trim() || null,
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
      after: { location: location.value, boardId: input.boardId ?? null },
    });
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
    return ok({ id });
  });
}
