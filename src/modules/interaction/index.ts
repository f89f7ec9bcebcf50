/**
 * Interaction (政民互动, issue 16): questions on what was published (询问 → 解答 / 调查核实 → 重新公布), 咨询 /
 * 建议 / 投诉 with screening, transfer, time limits, reminders, ratings and publication of handled cases, the
 * 知识清单, the 意见箱 beside each 公开栏, and the figures the assessment and compliance read. See README.md.
 */
import { interactionCaseRef } from './interaction.refs.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { refreshPiiRules, registerDisclosurePageExtension } from '../publishing/index.ts';
import { registerInteractionRoutes } from './interaction.routes.ts';
import { registerInteractionPages, disclosureExtension, unitBoxesExtension } from './interaction.pages.tsx';
import { registerUnitPageExtension } from '../portal/index.ts';
import { interactionReminders } from './interaction.reminders.ts';
import { seedInteractionDemo } from './interaction.demo.ts';
import { knowledgeSearchDocuments } from './interaction.search.ts';
import { assessmentProvider } from './interaction.queries.ts';
import { complianceProvider, websiteProvider } from './interaction.compliance.ts';

/** URLs whose handlers scan or mask with the county's personal-data rules. */
const PII_PATHS = /^\/(api\/v1\/interaction|interaction)(\/|\?|$)/;

export const manifest: ModuleManifest = {
  name: 'interaction',
  // Evidence files of town investigations (platform/files): the daily sweep keeps them, backups copy them.
  storedFiles: [{ table: 'interaction_files', column: 'sha256' }],
  register(app, ctx) {
    app.addHook('onRequest', async (request) => {
      if (PII_PATHS.test(request.url)) await refreshPiiRules(ctx.db);
    });
    registerDisclosurePageExtension(disclosureExtension);
    registerUnitPageExtension(unitBoxesExtension);
    registerInteractionRoutes(app, ctx);
    registerInteractionPages(app, ctx);
  },
  reminders: interactionReminders,
  searchDocuments: knowledgeSearchDocuments,
  seedDemo: seedInteractionDemo,
  // 投诉处理及时率 and 群众满意度 for the assessment, 互动回应差 for the website inspection, and the findings 公开督查
  // lists per unit (意见箱未按期开箱, 责令更正逾期, 逾期未答复) (platform/provided-figures.ts).
  provides: {
    assessment: assessmentProvider,
    website: websiteProvider,
    compliance: complianceProvider,
    interactionCases: { caseRef: interactionCaseRef },
  },
};

export type * from './interaction.tables.ts';
export { CASE_KINDS, CHANNELS, RATINGS, OUTCOME_TEXT } from './interaction.types.ts';
export { STATUSES, STATUS_TEXT, TRANSITIONS, afterUnsatisfied, type CaseStatus } from './interaction.workflow.ts';
export { DEFAULT_SETTINGS, type InteractionSettings } from './interaction.settings.ts';
export { caseFigures, figuresOf, monthlyFigures, type CaseFigures } from './interaction.queries.ts';
export { interactionCompliance, type InteractionComplianceFinding } from './interaction.compliance.ts';
export { interactionCaseRef, type InteractionCaseRef } from './interaction.refs.ts';
