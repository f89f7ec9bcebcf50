import type { AppContext } from '../../platform/context.ts';

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
  const domains = new Set((await ctx.db.selectFrom('catalog_domains').select('code').execute()).map((d) => d.code));
  const units = new Set((await ctx.db.selectFrom('org_units').select('code').where('kind', '=', 'department').execute()).map((u) => u.code));
  const now = ctx.clock.now().toISOString();
  let n = 0;
  for (const [unit, codes] of Object.entries(DEMO_DEPARTMENT_DOMAINS)) {
    if (!units.has(unit)) continue;
    const existing = await ctx.db.selectFrom('unit_domain_assignments').select('domain_code').where('unit_code', '=', unit).executeTakeFirst();
    if (existing) continue;
    const valid = codes.filter((c) => domains.has(c));
    for (const d of valid) await ctx.db.insertInto('unit_domain_assignments').values({ unit_code: unit, domain_code: d, created_at: now, created_by: 'demo-seed' }).execute();
    if (valid.length) n += 1;
  }
  return n;
}
