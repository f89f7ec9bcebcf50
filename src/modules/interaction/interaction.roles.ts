/**
 * Who reads and who handles 政民互动 cases: plain data with only a type import, so the admin SPA's menu takes the same
 * lists by value (a run-time leaf) and interaction.policy.ts checks them.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** Every staff role that reads cases of its subtree (村务监督委员会 included: it supervises). */
export const VIEW_ROLES: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];
/** A village's 两委 acts through its clerk; a government unit through its officers and reviewers. */
export const VILLAGE_HANDLERS: readonly Role[] = ['village_clerk', 'county_admin'];
export const GOVERNMENT_HANDLERS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
/** The county's interaction settings: a county admin over the county root. */
export const SETTINGS_EDITORS: readonly Role[] = ['county_admin'];
