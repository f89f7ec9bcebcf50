/**
 * Who may do what with 政民互动 rows, in one place. A case is visible to the staff of the unit handling it
 * now and of the unit it was first addressed to (and everyone above them: grants cover subtrees), so the
 * village's 村务监督委员会 sees every question on its village, also after it went up to the town. Rows
 * outside an actor's scope answer 404 (their existence does not leak).
 */
import { actorCoversPath, scopeRoots, type Actor, type Role } from '../../platform/auth/roles.ts';
import type { OrgUnitRow } from '../org/index.ts';
import { GOVERNMENT_HANDLERS, SETTINGS_EDITORS, VIEW_ROLES, VILLAGE_HANDLERS } from './interaction.roles.ts';

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
  return actor.grants.some((g) => SETTINGS_EDITORS.includes(g.role) && g.unitPath === countyPath);
}
