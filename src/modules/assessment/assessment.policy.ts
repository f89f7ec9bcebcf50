/**
 * Who may do what in assessment, rectification and the rollout tracker. Every role covers its unit's
 * subtree; rows outside an actor's scope answer 404 (their existence does not leak).
 */
import { actorCoversPath, actorHasRole, type Actor, type Role } from '../../platform/auth/roles.ts';

/** The county office (and a county_admin held lower down, within its subtree) assesses and issues orders. */
const ASSESSORS: readonly Role[] = ['county_admin'];
/** Staff who answer for a unit's openness work: they respond to orders and keep the rollout checklist. */
const UNIT_STAFF: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];

export const canSeeUnit = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath);
export const canAssess = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, ASSESSORS);
export const isAssessor = (actor: Actor) => actorHasRole(actor, 'county_admin');
export const canRespondFor = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, UNIT_STAFF);
/** The rollout checklist: the unit's own staff (and staff above it, e.g. the 乡镇), or the county office. */
export const canKeepChecklist = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, [...UNIT_STAFF, ...ASSESSORS]);
/** Evidence files: anybody who may act on the unit's orders, scores or checklist. */
export const canAttachEvidence = (actor: Actor, unitPath: string) => canKeepChecklist(actor, unitPath);
