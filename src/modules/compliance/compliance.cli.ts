import type { CliHelpers } from '../../platform/cli.ts';
import { systemClock, chinaDate } from '../../platform/context.ts';
import { recomputeCounty } from './compliance.commands.ts';

/**
 * `gongkai compliance recompute [--year Y[,Y…]] [--data-dir DIR]`: recomputes the stored evaluation of every
 * active unit for the given years (default: this year, China time), in one transaction, audited.
 */
export async function runComplianceRecompute(argv: string[], helpers: CliHelpers): Promise<number> {
  const { values } = helpers.parse(argv, { 'data-dir': { type: 'string' }, year: { type: 'string' } });
  const raw = ((values.year as string | undefined) ?? chinaDate(systemClock.now()).slice(0, 4)).split(',');
  const years = raw.map((y) => (/^\d{4}$/.test(y) ? Number(y) : NaN));
  if (years.some((y) => Number.isNaN(y))) throw new helpers.UsageError('--year 应为四位数年份，例如 --year 2026 或 --year 2025,2026');
  return helpers.withRuntime(values, async (rt) => {
    const r = await recomputeCounty(rt.ctx, { actor: null }, years);
    if (!r.ok) {
      console.error(`错误：${r.message} (${r.code})`);
      return 1;
    }
    console.log(`已重新计算 ${r.value.years.join('、')} 年：${r.value.units} 个单位，${r.value.obligations} 项公开义务，用时 ${r.value.ms} 毫秒`);
    return 0;
  });
}
