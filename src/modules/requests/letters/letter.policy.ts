/**
 * Who may read and change a unit's letter settings, and who may download a case's letters.
 * Scope as everywhere: a grant covers its unit and the units below it; outside scope answers 404.
 */
import { actorCoversPath, type Actor, type Role } from '../../../platform/auth/roles.ts';

/** Staff who handle or oversee 依申请公开 cases: they read settings and download letters. */
export const LETTER_READERS: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'archivist'];

/**
 * Settings change what every letter says (文号, remedy clause): the county admin over the unit, or the unit's own
 * reviewer (the disclosure office's head-of-checks; there is no separate "unit admin" role).
 */
export const LETTER_SETTINGS_EDITORS: readonly Role[] = ['county_admin', 'unit_reviewer'];

export function canReadLetters(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath, LETTER_READERS);
}

export function canEditLetterSettings(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath, LETTER_SETTINGS_EDITORS);
}

/** Unit kinds that answer applications (条例第27条: governments and their departments; 村/居 are not 行政机关). */
export const ANSWERING_UNIT_KINDS: readonly string[] = ['county', 'department', 'street', 'town', 'township', 'farm_park'];
