/**
 * Showcase: the living demo county (issue 19 §3). Only demo data — a year of village records published through
 * the publishing commands at their own dates; no routes, no tables of its own.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { ensureShowcaseAccounts } from './demo-actors.ts';
import { seedVillageYear } from './village-year.ts';

export const manifest: ModuleManifest = {
  name: 'showcase',
  register() {},
  async seedDemo(ctx, out) {
    await ensureShowcaseAccounts(ctx, out);
    await seedVillageYear(ctx, out);
  },
};

export { at, chinaTime, demoActor, ensureShowcaseAccounts, addDays } from './demo-actors.ts';
