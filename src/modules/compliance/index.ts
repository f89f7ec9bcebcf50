import type { ModuleManifest } from '../../platform/module.ts';
import { registerDeadlineRecomputer } from '../calendar/index.ts';
import { markYearsDirty } from './compliance.repository.ts';
import { registerComplianceRoutes } from './compliance.routes.ts';
import { refreshStaleFacts } from './compliance.compute.ts';
import { runComplianceRecompute } from './compliance.cli.ts';
import type { JobDefinition } from '../../platform/jobs/index.ts';

export const REFRESH_JOB = 'compliance.refresh';

/**
 * Reads never write: a read computes facts that changed since they were stored in memory; this job
 * stores them (claimed under the recomputation's advisory lock), so reads find them fresh again.
 */
export const jobs: JobDefinition[] = [
  { name: REFRESH_JOB, schedule: { kind: 'interval', seconds: 60 }, run: async (ctx) => ({ stored: await refreshStaleFacts(ctx) }) },
];

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
  },
  jobs,
  cli: [{ name: 'compliance', sub: 'recompute', usage: 'compliance recompute [--year Y[,Y]]  全县重新计算督查结果（默认今年）', run: runComplianceRecompute }],
  // Obligation reminders come from publishing's provider (the to-do list's query), with the same
  // due-soon window and test as this module's 即将到期 status.
};
