/**
 * Lookups of the demo seeding (the showcase writes nothing itself: every record goes through the modules' commands).
 * Reads accounts and units by their natural keys (whether the village year is already there is publishing's
 * `anyRecordTitled`).
 */
import type { Executor } from '../../platform/db/database.ts';

export async function findUserByUsername(db: Executor, username: string): Promise<{ id: string; username: string; display_name: string } | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
}

export async function unitExists(db: Executor, code: string): Promise<boolean> {
  return !!(await db.selectFrom('org_units').select('code').where('code', '=', code).executeTakeFirst());
}
