/** API types of this feature: the server's own (org.repository.ts, org.schemas.ts), imported type-only. */
import type { OrgUnitView as OrgUnit } from '../../../../../src/modules/org/org.repository.ts';
import type { RoleListView as RoleList, UnitDetailView as UnitDetail } from '../../../../../src/modules/org/org.schemas.ts';
import { UNIT_KINDS } from '../../../../../src/modules/org/org.kinds.ts';

export type { OrgUnit, RoleList, UnitDetail };
export type Contact = OrgUnit['contact'];

/** Unit kinds with their Chinese labels: the server's own list (org.kinds.ts imports nothing, so the browser runs it). */
export const UNIT_KIND_LABELS: Record<string, string> = Object.fromEntries(Object.entries(UNIT_KINDS).map(([id, k]) => [id, k.label]));

/** Which child kinds may be added under a unit of the given kind. */
export const CHILD_KINDS: Record<string, string[]> = {
  county: ['department', 'street', 'town', 'township', 'farm_park'],
  street: ['community', 'village'],
  town: ['community', 'village'],
  township: ['community', 'village'],
  farm_park: ['community', 'village'],
};
