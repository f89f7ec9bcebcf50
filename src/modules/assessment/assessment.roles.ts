/**
 * Who assesses and who answers for a unit's openness work: plain data with only a type import, so the admin SPA's
 * menu takes the same lists by value (a run-time leaf) and assessment.policy.ts builds its checks from them.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** The county office (and a county_admin held lower down, within its subtree) assesses and issues orders. */
export const ASSESSORS: readonly Role[] = ['county_admin'];
/** Staff who answer for a unit's openness work: they respond to orders and keep the rollout checklist. */
export const UNIT_STAFF: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];
/** The rollout checklist and evidence: the unit's own staff (and staff above it, e.g. the 乡镇), or the county office. */
export const CHECKLIST_KEEPERS: readonly Role[] = [...UNIT_STAFF, ...ASSESSORS];
