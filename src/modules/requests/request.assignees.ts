import type { Executor } from '../../platform/db/database.ts';

/**
 * Who may be named 承办人 of a case of the unit at `unitPath`: enabled users holding 政府信息公开工作人员
 * (unit_officer) or county_admin on the unit or a unit above it. The assign command checks the same rule.
 */
export async function eligibleAssignees(db: Executor, unitPath: string): Promise<{ id: string; displayName: string }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .innerJoin('org_units', 'org_units.code', 'role_assignments.unit_code')
    .select(['users.id', 'users.display_name', 'org_units.path'])
    .where('role_assignments.role', 'in', ['unit_officer', 'county_admin'])
    .where('users.disabled', '=', 0)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (unitPath.startsWith(r.path)) out.set(r.id, r.display_name);
  return [...out].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-Hans-CN'));
}
