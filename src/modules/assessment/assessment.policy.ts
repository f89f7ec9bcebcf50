/**
 * Who may do what in assessment, rectification and the rollout tracker. Every role covers its unit's
 * subtree; rows outside an actor's scope answer 404 (their existence does not leak).
 */
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { ASSESSORS, CHECKLIST_KEEPERS, UNIT_STAFF } from './assessment.roles.ts';

export const canSeeUnit = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath);
export const canAssess = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, ASSESSORS);
export const isAssessor = (actor: Actor) => actor.grants.some((g) => ASSESSORS.includes(g.role));
export const canRespondFor = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, UNIT_STAFF);
/** The rollout checklist: the unit's own staff (and staff above it, e.g. the 乡镇), or the county office. */
export const canKeepChecklist = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, CHECKLIST_KEEPERS);
/** Evidence files: anybody who may act on the unit's orders, scores or checklist. */
export const canAttachEvidence = (actor: Actor, unitPath: string) => canKeepChecklist(actor, unitPath);
