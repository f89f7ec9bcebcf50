/**
 * 合并: a likely duplicate (same unit, similar text) is merged into another open case of the same unit; the
 * one reply to that case answers every case merged into it, and each person tracks their own case.
 */
import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { findCase, updateCase } from '../interaction.repository.ts';
import { loadCaseFor, publicChanged, recordStep } from './shared.ts';

export async function mergeCase(ctx: AppContext, meta: CommandMeta, id: string, intoId: string): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  if (id === intoId) return fail(400, 'SAME_CASE', '不能合并到自身');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseFor(trx, actor, id, 'merge');
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    const target = await findCase(trx, intoId);
    if (!target || target.unit_code !== row.unit_code) return fail(404, 'TARGET_NOT_FOUND', '只能合并到本单位的另一件事项');
    if (target.merged_into) return fail(409, 'TARGET_MERGED', `${target.case_no}已合并到其他事项，请合并到主办事项`);
    if (!['screening', 'handling'].includes(target.status)) return fail(409, 'TARGET_CLOSED', `${target.case_no}已答复或办结，不能再合并`);
    if (target.kind !== row.kind) return fail(400, 'KIND_DIFFERS', '只能合并同一类事项');
    const at = now.toISOString();
    await updateCase(trx, row.id, { status: 'merged', merged_into: target.id, updated_at: at });
    await recordStep(trx, row, {
      action: 'merge',
      from: row.status,
      to: 'merged',
      unitCode: unit.code,
      actor,
      note: `与${target.case_no}一并答复`,
      detail: { into: target.id },
      at,
    });
    await recordStep(trx, target, {
      action: 'merged-in',
      from: target.status,
      to: target.status,
      unitCode: unit.code,
      actor,
      note: `${row.case_no}并入本事项一并答复`,
      detail: { from: row.id },
      at,
    });
    await publicChanged(ctx, { trx, now });
    await audit({ unitCode: unit.code, action: 'interaction.merge', entityType: 'interaction_case', entityId: row.id, after: { into: target.id } });
    return ok({ id: row.id });
  });
}
