/**
 * Assessment (考评) of units, rectification work orders (整改) and the rollout tracker (标准化推进).
 * Measured figures come from the compliance module (measureUnitFigures); scoring rules are data.
 */
import './assessment.tables.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { registerAssessmentRoutes } from './assessment.routes.ts';
import { rectificationReminders } from './rectification.ts';
import { seedRolloutDemo } from './rollout.ts';
import { seedAssessmentDemo } from './assessment.demo.ts';

export { scoreUnit, rankUnits, validateSet, templateSet, type IndicatorSet, type Indicator, type UnitScore } from './assessment.rules.ts';
export { ROLLOUT_BATCHES, ROLLOUT_CHECKS } from './rollout.ts';
// For inspections run by other modules (archives: 公开栏 inspections by the town), inside their own commands.
export { closeOrderInScope, getOrder, issueOrderInScope, reopenOrderInScope, ORDER_STATUSES, type OrderView } from './rectification.ts';

export const manifest: ModuleManifest = {
  name: 'assessment',
  // Files in the store (platform/files) that rows of this module reference: the daily sweep keeps them.
  storedFiles: [{ table: 'assessment_files', column: 'sha256' }],
  register(app, ctx) {
    registerAssessmentRoutes(app, ctx);
  },
  async seedDemo(ctx, out) {
    const n = await seedRolloutDemo(ctx);
    if (n > 0) out.notes.push(`标准化推进：卜湖社区为第一批试点（实施方案点名），另为 ${n - 1} 个乡镇（街道）各选一个村（社区）作第二批演示数据`);
    if (await seedAssessmentDemo(ctx)) out.notes.push('已创建演示考评期（本年度，使用模板指标体系，可在“考评”中修改）');
  },
  reminders: (ctx, asOf) => rectificationReminders(ctx, asOf),
};
