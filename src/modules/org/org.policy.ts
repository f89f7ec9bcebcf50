import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import type { OrgUnitRow } from './org.repository.ts';
import { MANAGERS } from './org.roles.ts';

/** Any role lets an actor read units inside its scope (the public tree is readable by anyone anyway). */
export function canSeeUnit(actor: Actor, unit: Pick<OrgUnitRow, 'path'>): boolean {
  return actorCoversPath(actor, unit.path);
}

/** Only the county office manages the tree and accounts, within its own subtree (org.roles.ts). */
export function canManageUnit(actor: Actor, unit: Pick<OrgUnitRow, 'path'>): boolean {
  return actorCoversPath(actor, unit.path, MANAGERS);
}

/** A user is manageable when every unit the user holds a role in lies inside the manager's scope. */
export function canManageUser(actor: Actor, userGrantPaths: string[]): boolean {
  const roots = scopeRoots(actor, MANAGERS);
  if (roots.length === 0) return false;
  if (userGrantPaths.length === 0) return roots.some((r) => r.split('/').filter(Boolean).length === 1);
  return userGrantPaths.every((p) => roots.some((r) => p.startsWith(r)));
}

export function managerRoots(actor: Actor): string[] {
  return scopeRoots(actor, MANAGERS);
}
