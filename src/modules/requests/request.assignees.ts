import type { Executor } from '../../platform/db/database.ts';
import { roleHoldersOf } from '../../platform/auth/auth.repository.ts';

/**
 * Who may be named 承办人 of a case of the unit at `unitPath`: enabled users holding 政府信息公开工作人员
 * (unit_officer) or county_admin on the unit or a unit above it. The assign command checks the same rule.
 */
export async function eligibleAssignees(db: Executor, unitPath: string): Promise<{ id: string; displayName: string }[]> {
  const rows = await roleHoldersOf(db, ['unit_officer', 'county_admin']);
  const out = new Map<string, string>();
  for (const r of rows) if (unitPath.startsWith(r.path)) out.set(r.id, r.display_name);
  return [...out].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-Hans-CN'));
}
