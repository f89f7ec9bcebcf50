/**
 * 选登: a handled case the person agreed to publish is published by its unit on the portal. The public copy of
 * every text passes the personal-data gate (masked on output, interaction.queries.ts); the person's name and
 * phone are never public. Publication is recorded and audited; it is not silently undone.
 */
import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { updateCase } from '../interaction.repository.ts';
import { loadCaseForPublication, publicChanged, recordStep } from './shared.ts';

export async function publishCase(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseForPublication(trx, actor, id, '选登');
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    if (!row.publish_consent) return fail(409, 'NO_CONSENT', '本人没有同意公开，不能选登');
    if (row.published) return fail(409, 'ALREADY_PUBLISHED', '这件事项已经选登');
    if (row.publication_withdrawn_on) return fail(409, 'PUBLICATION_WITHDRAWN', `这件事项的选登已于${row.publication_withdrawn_on}撤回，不能再次选登`);
    if (!['answered', 'correcting', 'closed'].includes(row.status) || !row.answer || row.outcome === 'returned')
      return fail(409, 'NOT_HANDLED', '答复后才能选登');
    const at = now.toISOString();
    await updateCase(trx, row.id, { published: 1, updated_at: at });
    await recordStep(trx, row, { action: 'publish', from: row.status, to: row.status, unitCode: unit.code, actor, note: '选登公开（个人信息已遮盖）', at });
    await publicChanged(ctx, { trx, now });
    await audit({ unitCode: unit.code, action: 'interaction.publish', entityType: 'interaction_case', entityId: row.id, after: { published: true } });
    return ok({ id: row.id });
  });
}
