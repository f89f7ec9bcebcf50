/**
 * Who may do what in participation. Staff of a unit (and anyone holding a role above it) manage its items,
 * consultations, hearings, surveys and (villages) decisions; any role covering a unit reads them; rows outside the
 * actor's subtree answer 404 so their existence does not leak. Consultations and hearings belong to government
 * units (county, departments, townships: 第42条 applies the rules to 乡级 by reference); village decisions to
 * villages and communities; surveys to any unit.
 */
import { actorCoversPath, type Actor, type Role } from '../../platform/auth/roles.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { findUnit, levelOf, type OrgUnitRow } from '../org/index.ts';
import { EDITORS, MODERATORS, VILLAGE_EDITORS } from './participation.roles.ts';

export type Need = 'read' | 'edit' | 'moderate' | 'village';

const ROLES_FOR: Record<Need, readonly Role[] | undefined> = { read: undefined, edit: EDITORS, moderate: MODERATORS, village: VILLAGE_EDITORS };

export function unitNotFound(code: string) {
  return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
}

/** The unit, when the actor covers it with a role fit for `need`; 404 outside the subtree, 403 for a wrong role. */
export async function unitFor(db: Executor, actor: Actor, code: string, need: Need): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(db, code);
  if (!unit || !actorCoversPath(actor, unit.path)) return unitNotFound(code);
  // Government work (consultations, hearings, lists) is not a village clerk's, even one holding a grant above it.
  const roles = need === 'edit' && levelOf(unit.kind) !== 'village' ? MODERATORS : ROLES_FOR[need];
  if (roles && !actorCoversPath(actor, unit.path, roles)) {
    const what =
      need === 'moderate'
        ? '审核意见、发布反馈报告须由本单位经办人或审核人办理'
        : need === 'village'
          ? '村务决策记录由本村（社区）经办人或乡镇经办人录入'
          : '只有本单位的经办人员可以办理';
    return fail(403, 'FORBIDDEN', what);
  }
  return ok(unit);
}

export function isGovernmentUnit(unit: OrgUnitRow): boolean {
  return levelOf(unit.kind) !== 'village';
}

export function isVillageUnit(unit: OrgUnitRow): boolean {
  return levelOf(unit.kind) === 'village';
}
