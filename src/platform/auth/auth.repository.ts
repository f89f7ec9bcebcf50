/**
 * The statements on the platform's account tables (`users`, `role_assignments`, `sessions`, `api_tokens`,
 * `login_attempts`): sessions.ts resolves cookies and tokens with them, and the org module's account commands
 * manage accounts, grants, tokens and the login throttle through them. Every function takes the executor first.
 */
import { isRole, type RoleGrant } from './roles.ts';
import type { Executor } from '../db/database.ts';
import type { ApiTokenTable, SessionTable, UserTable } from '../db/schema.ts';

/** Loads a user's role grants with each unit's path, for scope checks without further queries. */
export async function loadGrants(db: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .select(['r.role', 'r.unit_code', 'u.path'])
    .where('r.user_id', '=', userId)
    .orderBy('u.path')
    .execute();
  return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role as RoleGrant['role'], unitCode: r.unit_code, unitPath: r.path }));
}

/** Id, name, display name and the disabled flag of a user. */
export async function findUserIdentity(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function insertSession(db: Executor, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Executor, idHash: string): Promise<SessionTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function deleteSessionByHash(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Slides a session's expiry. */
export async function touchSession(db: Executor, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: lastSeenAt,
      expires_at: expiresAt,
    })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertApiToken(db: Executor, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findApiTokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markApiTokenUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
