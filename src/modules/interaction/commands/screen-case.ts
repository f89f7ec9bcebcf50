/**
 * 审看 (screening) of a 咨询/建议/投诉: accept (handling starts; the time limit runs from receipt), return with a
 * reason the person reads (e.g. not a matter for this platform), or transfer to another unit with a reason — the
 * receiving unit screens it again and sees the whole history. A transfer is also possible while handling.
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { updateCase } from '../interaction.repository.ts';
import { cleanText, loadCaseFor, publicChanged, recordStep, unitOrFail } from './shared.ts';

export interface ScreenInput {
  decision: 'accept' | 'return' | 'transfer';
  reason?: string | null;
  toUnitCode?: string | null;
}

export async function screenCase(ctx: AppContext, meta: CommandMeta, id: string, input: ScreenInput): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  const reason = cleanText(input.reason, input.decision === 'transfer' ? '转交理由' : '退回理由', { max: 500, min: 2, required: input.decision !== 'accept' });
  if (!reason.ok) return reason;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseFor(trx, actor, id, input.decision);
    if (!loaded.ok) return loaded;
    const { row, unit, t } = loaded.value;
    const at = now.toISOString();
    const today = chinaDate(now);
    if (input.decision === 'transfer') {
      if (!input.toUnitCode) return fail(400, 'UNIT_REQUIRED', '请选择转交给哪个单位');
      const to = await unitOrFail(trx, input.toUnitCode, '接收单位');
      if (!to.ok) return to;
      if (to.value.code === row.unit_code) return fail(400, 'SAME_UNIT', '不能转交给本单位');
      await updateCase(trx, row.id, { unit_code: to.value.code, status: 'screening', updated_at: at });
      await recordStep(trx, row, {
        action: 'transfer',
        from: row.status,
        to: 'screening',
        unitCode: unit.code,
        actor,
        note: reason.value,
        detail: { fromUnit: unit.code, toUnit: to.value.code, toUnitName: to.value.name },
        at,
      });
      await publicChanged(ctx, { trx, now });
      await audit({
        unitCode: unit.code,
        action: 'interaction.transfer',
        entityType: 'interaction_case',
        entityId: row.id,
        before: { unit: unit.code },
        after: { unit: to.value.code, reason: reason.value },
      });
      return ok({ id: row.id });
    }
    const to = t.to!;
    await updateCase(trx, row.id, {
      status: to,
      updated_at: at,
      ...(to === 'returned'
        ? { answer: reason.value, outcome: 'returned', answered_on: today, answered_by: actor.userId, answered_unit_code: unit.code, closed_on: today }
        : {}),
    });
    await recordStep(trx, row, { action: input.decision, from: row.status, to, unitCode: unit.code, actor, note: reason.value, at });
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.code,
      action: `interaction.${input.decision}`,
      entityType: 'interaction_case',
      entityId: row.id,
      before: { status: row.status },
      after: { status: to, reason: reason.value },
    });
    return ok({ id: row.id });
  });
}
