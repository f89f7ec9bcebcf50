/**
 * Compliance use cases that change state, each through runCommand (one transaction + its audit event):
 * the full recomputation (admin action and CLI), the evaluation rules and the website column settings.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Trx } from '../../platform/db/database.ts';
import { getCalendar } from '../calendar/index.ts';
import { listSubtree } from '../org/index.ts';
import { recomputeInTransaction } from './compliance.compute.ts';
import { loadRules, loadStoredRules, RULES_KEY, validateRules, type ComplianceRules } from './compliance.rules.ts';
import { COLUMNS_KEY, loadPortalColumns, loadWebsiteSettings, type ColumnClass, type WebsiteThresholds } from './compliance.website.ts';
import { writeSetting } from '../../platform/db/settings.ts';

/** County admin of a top-level unit (the county): recomputation and settings are county-wide. */
export function isCountyLevelAdmin(actor: Actor | null): boolean {
  return !actor || actor.grants.some((g) => g.role === 'county_admin' && g.unitPath.split('/').filter(Boolean).length === 1);
}

async function putSetting(trx: Trx, key: string, value: unknown, at: string): Promise<void> {
  await writeSetting(trx, key, JSON.stringify(value), at);
}

export interface RecomputeResult {
  years: number[];
  units: number;
  obligations: number;
  ms: number;
}

/** 全县重新计算: every active unit, the given years, in one transaction (actor null = the CLI). */
export async function recomputeCounty(ctx: AppContext, meta: CommandMeta, years: number[]): Promise<Result<RecomputeResult>> {
  if (!isCountyLevelAdmin(meta.actor)) return fail(403, 'FORBIDDEN', '全县重新计算由县级管理员执行');
  if (!years.length || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) return fail(400, 'INVALID_YEAR', '年份应为 2000 至 2100 之间的整数');
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const t0 = performance.now();
    const units = await listSubtree(trx, '/');
    const obligations = await recomputeInTransaction(ctx, trx, units, years, calendar);
    const ms = Math.round(performance.now() - t0);
    await audit({
      unitCode: null,
      action: 'compliance.recompute',
      entityType: 'compliance',
      entityId: years.join(','),
      after: { years, units: units.length, obligations, ms },
    });
    return ok({ years, units: units.length, obligations, ms });
  });
}

export async function setRules(ctx: AppContext, meta: CommandMeta, input: Partial<ComplianceRules>): Promise<Result<ComplianceRules>> {
  if (!isCountyLevelAdmin(meta.actor)) return fail(403, 'FORBIDDEN', '督查规则由县级管理员设置');
  const problems = validateRules(input);
  if (problems.length) return fail(400, 'INVALID_RULES', problems.join('；'));
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await loadStoredRules(trx);
    const next = { ...before, ...input };
    await putSetting(trx, RULES_KEY, next, now.toISOString());
    await audit({ unitCode: null, action: 'compliance.rules.update', entityType: 'app_setting', entityId: RULES_KEY, before, after: next });
    return ok(await loadRules(trx));
  });
}

export async function setWebsiteColumns(
  ctx: AppContext,
  meta: CommandMeta,
  input: { classes?: Record<string, ColumnClass>; thresholds?: Partial<WebsiteThresholds> },
): Promise<Result<{ classes: Record<string, ColumnClass>; thresholds: WebsiteThresholds }>> {
  if (!isCountyLevelAdmin(meta.actor)) return fail(403, 'FORBIDDEN', '网站栏目分类由县级管理员设置');
  const t = input.thresholds ?? {};
  for (const [k, v] of Object.entries(t))
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 400) return fail(400, 'INVALID_THRESHOLD', `检查阈值“${k}”应为 1 至 400 之间的整数`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const columns = new Set((await loadPortalColumns(trx)).map((c) => c.id));
    const unknown = Object.keys(input.classes ?? {}).filter((id) => !columns.has(id));
    if (unknown.length) return fail(400, 'UNKNOWN_COLUMN', `没有这些网站栏目：${unknown.slice(0, 5).join('、')}`);
    const before = await loadWebsiteSettings(trx);
    const next = { classes: { ...before.classes, ...(input.classes ?? {}) }, thresholds: { ...before.thresholds, ...t } };
    await putSetting(trx, COLUMNS_KEY, next, now.toISOString());
    await audit({ unitCode: null, action: 'compliance.website.columns', entityType: 'app_setting', entityId: COLUMNS_KEY, before, after: next });
    return ok(next);
  });
}
