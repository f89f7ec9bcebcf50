/**
 * 依申请公开 (requests) — minimal manifest on the annual-report branch: it registers the annual report
 * and 复议/诉讼 routes only. The requests branch owns this file; on merge keep its manifest and call
 * registerAnnualReportRoutes(app, ctx) from its register().
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { registerAnnualReportRoutes } from './annual-report/index.ts';

export const manifest: ModuleManifest = {
  name: 'requests',
  register(app, ctx) {
    registerAnnualReportRoutes(app, ctx);
  },
};
