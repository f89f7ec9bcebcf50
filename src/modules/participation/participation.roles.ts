/**
 * Who keeps participation work: plain data with only a type import, so the admin SPA's menu takes the same lists by
 * value (a run-time leaf) and participation.policy.ts checks them. Reading needs no list: any role covering a unit
 * reads its consultations, surveys and decisions.
 */
import type { Role } from '../../platform/auth/roles.ts';

export const EDITORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];
/** Moderation of comments and publication of feedback reports: the unit's officers and reviewers, or the county. */
export const MODERATORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
export const VILLAGE_EDITORS: readonly Role[] = ['village_clerk', 'unit_officer', 'county_admin'];
