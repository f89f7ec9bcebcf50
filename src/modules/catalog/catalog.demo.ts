import type { AppContext } from '../../platform/context.ts';
import { listActiveUnitsOfKinds } from '../org/index.ts';
import { hasDomainAssignment, insertDomainAssignment, listDomainCodes } from './catalog.repository.ts';

/**
 * Demo only: which 公开领域 each Siyang department answers for. The assignment is a county
 * setting (made in the admin); these pairs follow the departments' names and are not taken from
 * a Siyang document. Departments not listed get no domain until the county assigns one.
 */
export const DEMO_DEPARTMENT_DOMAINS: Record<string, string[]> = {
  'dept-mzj': ['shjz', 'ylfw'],
  'dept-zrzyj': ['cxgh', 'ncjttd', 'gytdfwzs'],
  'dept-czj': ['czyjs'],
  'dept-nyncj': ['snbt', 'xczx'],
  'dept-jyj': ['ywjy'],
  'dept-wjw': ['wsjk'],
  'dept-rsj': ['jiuye', 'shbx'],
};

export async function seedDemoDomainAssignments(ctx: AppContext): Promise<number> {
  const domains = new Set(await listDomainCodes(ctx.db));
  const units = new Set((await listActiveUnitsOfKinds(ctx.db, ['department'])).map((u) => u.code));
  const now = ctx.clock.now().toISOString();
  let n = 0;
  for (const [unit, codes] of Object.entries(DEMO_DEPARTMENT_DOMAINS)) {
    if (!units.has(unit)) continue;
    if (await hasDomainAssignment(ctx.db, unit)) continue;
    const valid = codes.filter((c) => domains.has(c));
    for (const d of valid) await insertDomainAssignment(ctx.db, { unit_code: unit, domain_code: d, created_at: now, created_by: 'demo-seed' });
    if (valid.length) n += 1;
  }
  return n;
}
