/** The county office edits the interaction rules (time limits with their sources, box and review periods). */
import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { countyRoot, loadSettings, saveSettings } from '../interaction.repository.ts';
import { canEditSettings } from '../interaction.policy.ts';
import { validateSettings, type InteractionSettings } from '../interaction.settings.ts';
import { publicChanged } from './shared.ts';

export async function updateSettings(ctx: AppContext, meta: CommandMeta, input: InteractionSettings): Promise<Result<InteractionSettings>> {
  const valid = validateSettings(input);
  if (!valid.ok) return valid;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const root = await countyRoot(trx);
    if (!root || !canEditSettings(meta.actor!, root.path)) return fail(403, 'FORBIDDEN', '只有县级管理员（县政府办）可以修改政民互动的设置');
    const before = await loadSettings(trx);
    await saveSettings(trx, valid.value, now);
    // The landing page and the forms show the county's text (where misconduct reports go).
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: root.code,
      action: 'interaction.settings',
      entityType: 'app_settings',
      entityId: 'interaction.settings',
      before: before as never,
      after: valid.value as never,
    });
    return ok(valid.value);
  });
}
