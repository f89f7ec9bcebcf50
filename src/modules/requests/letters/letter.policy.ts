/**
 * Who may read and change a unit's letter settings, and who may download a case's letters.
 * Scope as everywhere: a grant covers its unit and the units below it; outside scope answers 404.
 */
import { actorCoversPath, type Actor } from '../../../platform/auth/roles.ts';
import { LETTER_READERS, LETTER_SETTINGS_EDITORS } from '../requests.roles.ts';

export function canReadLetters(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath, LETTER_READERS);
}

export function canEditLetterSettings(actor: Actor, unitPath: string): boolean {
  return actorCoversPath(actor, unitPath, LETTER_SETTINGS_EDITORS);
}

/** Unit kinds that answer applications (条例第27条: governments and their departments; 村/居 are not 行政机关). */
export const ANSWERING_UNIT_KINDS: readonly string[] = ['county', 'department', 'street', 'town', 'township', 'farm_park'];
