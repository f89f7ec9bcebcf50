/**
 * Who keeps the catalogs: plain data with only a type import, so the admin SPA's menu takes the same lists by value
 * (a run-time leaf) and catalog.policy.ts checks them.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** The county-wide standard catalogs are edited and published by the county office (held over the county root). */
export const CATALOG_ADMINS: readonly Role[] = ['county_admin'];
/** A unit's own catalog (local items, exclusions, events): the unit's staff or anyone above it. */
export const UNIT_EDITORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];
