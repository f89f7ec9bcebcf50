import type { ModuleManifest } from '../../platform/module.ts';
import { registerDeadlineRecomputer } from '../calendar/index.ts';
import { markYearsDirty } from './compliance.repository.ts';
import { registerComplianceRoutes } from './compliance.routes.ts';
import { registerBoardFindingRoutes } from './compliance.boards.ts';

export { measureUnitFigures, type UnitFigures, type ObligationRef } from './compliance.service.ts';
export { evaluateObligation, summarize, STATUS_TEXT, type ComplianceStatus, type ComplianceSummary } from './compliance.evaluate.ts';

// A calendar change (in its own transaction) marks the stored years it can affect: due dates of year Y
// are counted from periods starting in Y−1 or Y, and display windows of Y run into Y+1.
registerDeadlineRecomputer({
  name: 'compliance',
  recompute: (_ctx, trx, years) => markYearsDirty(trx, [...new Set(years.flatMap((y) => [y - 1, y, y + 1]))]),
});

export const manifest: ModuleManifest = {
  name: 'compliance',
  register(app, ctx) {
    registerComplianceRoutes(app, ctx);
    registerBoardFindingRoutes(app, ctx);
  },
  // Obligation reminders come from publishing's provider (the to-do list's query), with the same
  // due-soon window and test as this module's 即将到期 status.
};
