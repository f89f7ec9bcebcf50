import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { levelOf } from '../org/index.ts';
import { CATALOG_ADMINS, UNIT_EDITORS } from './catalog.roles.ts';
import type { CatalogKind } from './catalog.types.ts';

/**
 * Who may do what with the catalog:
 * - reading either catalog, its versions and diffs is public (条例第十二条: 目录 must be public);
 * - editing and publishing versions is the county office's job: a county_admin holding the role
 *   over the county root (a county_admin of a town cannot change the county-wide standard);
 * - unit-specific changes (local items, exclusions, events) belong to the unit's staff or anyone
 *   above it; outside the actor's subtree a unit answers 404 so its existence does not leak.
 * The role lists are in catalog.roles.ts (the admin menu reads them too).
 */
export function isCatalogAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => CATALOG_ADMINS.includes(g.role) && g.unitPath.split('/').filter(Boolean).length === 1);
}

export function canEditUnitCatalog(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath, UNIT_EDITORS);
}

/** Any role covering the unit (its staff, a town above it, the county) may read its obligations. */
export function canReadUnitObligations(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath);
}

/**
 * 集体财务往来较多 is decided above the village (it changes the village's legal frequency): a
 * county_admin covering it, or a unit_officer of the town (a grant strictly above the village).
 */
export function canSetBusyFinance(actor: Actor, unitPath: string): boolean {
  return actor.grants.some((g) => unitPath.startsWith(g.unitPath) && (g.role === 'county_admin' || (g.role === 'unit_officer' && g.unitPath !== unitPath)));
}

/** Government catalog for county, department and township-level units; village catalog for 村/社区. */
export function catalogOfUnit(kind: string): CatalogKind {
  return levelOf(kind) === 'village' ? 'village' : 'government';
}
