/** The county office edits the interaction rules (time limits with their sources, box and review periods). */
import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { countyRoot, loadSettings, saveSettings } from '../interaction.repository.ts';
import { canEditSettings } from '../interaction.policy.ts';
import { validateSettings, type InteractionSettings } from '../interaction.settings.ts';
import { publicChanged } from './shared.ts';
import { findUnit } from '../../org/index.ts';
import { domainMap } from '../../catalog/index.ts';

export async function updateSettings(
  ctx: AppContext,
  meta: CommandMeta,
  input: Omit<InteractionSettings, 'domainRoutes'> & { domainRoutes?: InteractionSettings['domainRoutes'] },
): Promise<Result<InteractionSettings>> {
  // A client that sends no routing rules (older API clients) keeps the current ones.
  const valid = validateSettings({ ...input, domainRoutes: input.domainRoutes ?? (await loadSettings(ctx.db)).domainRoutes });
  if (!valid.ok) return valid;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const root = await countyRoot(trx);
    if (!root || !canEditSettings(meta.actor!, root.path)) return fail(403, 'FORBIDDEN', '只有县级管理员（县政府办）可以修改政民互动的设置');
    // Each routing rule names a catalog domain and a unit in use (the rule is data; a wrong code is refused, not ignored).
    const domains = await domainMap(trx);
    const problems: string[] = [];
    for (const r of valid.value.domainRoutes) {
      if (!domains.has(r.domainCode)) problems.push(`目录中没有公开领域 ${r.domainCode}`);
      const unit = await findUnit(trx, r.unitCode);
      if (!unit || unit.active !== 1) problems.push(`没有找到在用的单位 ${r.unitCode}`);
    }
    if (problems.length) return fail(400, 'INVALID_SETTINGS', problems.join('；'), { problems });
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
