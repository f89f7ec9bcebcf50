/**
 * Lookups of the demo seeding (the showcase writes nothing itself: every record goes through the modules' commands).
 * Reads accounts and units by their natural keys and asks whether the village year is already there.
 */
import type { Executor } from '../../platform/db/database.ts';

export async function findUserByUsername(db: Executor, username: string): Promise<{ id: string; username: string; display_name: string } | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
}

export async function unitExists(db: Executor, code: string): Promise<boolean> {
  return !!(await db.selectFrom('org_units').select('code').where('code', '=', code).executeTakeFirst());
}

/** Whether some of these villages already have a demo finance statement (titles end with `suffix`). */
export async function hasVillageYear(db: Executor, unitCodes: readonly string[], suffix: string): Promise<boolean> {
  return !!(await db
    .selectFrom('disclosures')
    .select('id')
    .where('unit_code', 'in', [...unitCodes])
    .where('title', 'like', `%财务收支明细公开${suffix}`)
    .limit(1)
    .executeTakeFirst());
}
