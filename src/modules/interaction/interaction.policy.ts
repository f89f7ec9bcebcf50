/**
 * Who may do what with 政民互动 rows, in one place. A case is visible to the staff of the unit handling it
 * now and of the unit it was first addressed to (and everyone above them: grants cover subtrees), so the
 * village's 村务监督委员会 sees every question on its village, also after it went up to the town. Rows
 * outside an actor's scope answer 404 (their existence does not leak).
 */
import { actorCoversPath, scopeRoots, type Actor, type Role } from '../../platform/auth/roles.ts';
import type { OrgUnitRow } from '../org/index.ts';

/** Every staff role that reads cases of its subtree (村务监督委员会 included: it supervises). */
export const VIEW_ROLES: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];
/** A village's 两委 acts through its clerk; a government unit through its officers and reviewers. */
export const VILLAGE_HANDLERS: readonly Role[] = ['village_clerk', 'county_admin'];
export const GOVERNMENT_HANDLERS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];

export const isVillageKind = (kind: string) => kind === 'village' || kind === 'community';
export const isTownKind = (kind: string) => ['street', 'town', 'township', 'farm_park'].includes(kind);

export function handlerRoles(unit: Pick<OrgUnitRow, 'kind'>): readonly Role[] {
  return isVillageKind(unit.kind) ? VILLAGE_HANDLERS : GOVERNMENT_HANDLERS;
}

export function canView(actor: Actor, paths: readonly string[]): boolean {
  return paths.some((p) => actorCoversPath(actor, p, VIEW_ROLES));
}

/** Handle (screen, answer, correct, investigate) for `unit`. */
export function canHandle(actor: Actor, unit: Pick<OrgUnitRow, 'kind' | 'path'>): boolean {
  return actorCoversPath(actor, unit.path, handlerRoles(unit));
}

/** Subtree roots whose cases an actor may list. */
export function viewRoots(actor: Actor): string[] {
  return scopeRoots(actor, VIEW_ROLES);
}

/** The county's interaction settings: a county admin over the county root (the unit without a parent). */
export function canEditSettings(actor: Actor, countyPath: string): boolean {
  return actor.grants.some((g) => g.role === 'county_admin' && g.unitPath === countyPath);
}
