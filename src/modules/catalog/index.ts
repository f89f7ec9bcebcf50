import type { ModuleManifest } from '../../platform/module.ts';
import { registerCatalogRoutes } from './catalog.routes.ts';
import { seedCatalogBaseline } from './catalog.commands.ts';
import { registerCatalogPages } from './catalog.pages.tsx';
import { seedDemoDomainAssignments } from './catalog.demo.ts';

export type { CatalogItem, CatalogKind, ChannelUse, Channel, DisclosureLevel, Audience, DisclosureMode } from './catalog.types.ts';
export { CHANNELS, LEVEL_TEXT, AUDIENCE_TEXT, MODE_TEXT } from './catalog.types.ts';
export type { TimeRule, DisplayRule } from './time-rule.ts';
export { describeTimeRule, describeDisplayRule, parseTimeRule, parseDisplayRule, formatChannels, parseChannels } from './catalog.text.ts';
export { computeObligations, type Obligation } from './obligations.ts';
export { displayPeriod, type DisplayPeriod, type WorkingDayAdder } from './display-period.ts';
export { validateItemInput, checkTimeRule, checkDisplayRule, type ItemInput } from './catalog.validation.ts';
export { loadDomainCatalog, loadUnitCatalog, unitObligations, loadObligationData, obligationsFromData } from './catalog.service.ts';
export { seedCatalogBaseline, setBusyFinance, recordEvent } from './catalog.commands.ts';
// For the compliance module: the one applicability rule and the preloaded obligation data.
export { itemApplies, domainScopeOf, itemName, type ObligationData } from './catalog.service.ts';
export { catalogOfUnit } from './catalog.policy.ts';
export { registerStatutoryItems, STATUTORY_DOMAIN, type StatutoryItem } from './statutory-items.ts';

export const manifest: ModuleManifest = {
  name: 'catalog',
  register(app, ctx) {
    registerCatalogRoutes(app, ctx);
    registerCatalogPages(app, ctx);
  },
  async seedDemo(ctx, out) {
    const n = await seedDemoDomainAssignments(ctx);
    if (n > 0) out.notes.push(`已为 ${n} 个县政府部门设定演示用的负责公开领域`);
  },
  async seedBaseline(ctx) {
    const added = await seedCatalogBaseline(ctx);
    if (added > 0) ctx.logger.info(`已建立公开事项标准目录第1版（${added} 个事项）`);
  },
};
export { listDomains, itemDomainIndex, domainMap, type DomainRow } from './catalog.repository.ts';
// For publishing: the triggering event a published record of an event-based item records (as recordEvent would), and
// the item's time-rule kind.
export { findEvent, insertEvent, itemTimeRuleKind } from './catalog.repository.ts';
// For publishing's listing and search rows: the sub-queries their statements join (item → domain → catalogue).
export { itemDomains, localItemDomains, domainCatalogs } from './catalog.repository.ts';
// For interaction's knowledge base: the ids of the items in force, by key.
export { currentItemIds } from './catalog.repository.ts';
