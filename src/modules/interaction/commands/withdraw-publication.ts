/**
 * Withdrawing a 选登 publication: the unit that published a handled case takes it off the public list with a reason the
 * public reads at the case's address (a published record is never silently removed). The case, its answer and the
 * history stay; the step records who withdrew it and why; the portal and its caches are refreshed; audited.
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { updateCase } from '../interaction.repository.ts';
import { cleanText, loadCaseForPublication, publicChanged, publicTextProblem, recordStep } from './shared.ts';

export async function withdrawPublication(ctx: AppContext, meta: CommandMeta, id: string, body: { reason: string }): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseForPublication(trx, actor, id, '撤回选登');
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    if (!row.published)
      return fail(
        409,
        row.publication_withdrawn_on ? 'ALREADY_WITHDRAWN' : 'NOT_PUBLISHED',
        row.publication_withdrawn_on ? '这件事项的选登已经撤回' : '这件事项没有选登，不需要撤回',
      );
    const text = cleanText(body.reason, '撤回理由（群众会看到）', { required: true, min: 4, max: 1000 });
    if (!text.ok) return text;
    const reason = text.value!;
    const on = chinaDate(now);
    const problem = publicTextProblem(reason, '撤回理由', on);
    if (problem) return problem;
    const at = now.toISOString();
    await updateCase(trx, row.id, { published: 0, publication_withdrawn_on: on, publication_withdrawn_reason: reason, updated_at: at });
    await recordStep(trx, row, {
      action: 'withdraw-publication',
      from: row.status,
      to: row.status,
      unitCode: unit.code,
      actor,
      note: `撤回选登：${reason}`,
      at,
      detail: { reason },
    });
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.code,
      action: 'interaction.publication.withdraw',
      entityType: 'interaction_case',
      entityId: row.id,
      before: { published: true },
      after: { published: false, withdrawnOn: on, reason },
    });
    return ok({ id: row.id });
  });
}
