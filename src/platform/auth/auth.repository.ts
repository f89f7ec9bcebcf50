/**
 * The statements on the platform's account tables (`users`, `role_assignments`, `sessions`, `api_tokens`,
 * `login_attempts`): sessions.ts resolves cookies and tokens with them, and the org module's account commands
 * manage accounts, grants, tokens and the login throttle through them. Every function takes the executor first.
 */
import { isRole, type RoleGrant } from './roles.ts';
import { likeText, type Executor } from '../db/database.ts';
import type { ApiTokenTable, LoginAttemptTable, RoleAssignmentTable, SessionTable, UserTable } from '../db/schema.ts';

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
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled']).where('id', '=', userId).executeTakeFirst();
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
  return db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at', 'last_used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markApiTokenUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

// --- Accounts (the org module's account commands) ---

export async function findUser(db: Executor, userId: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function findUserByName(db: Executor, username: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserIdByName(db: Executor, username: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export async function findPasswordHashOrThrow(db: Executor, userId: string): Promise<{ password_hash: string }> {
  return db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
}

export async function insertUser(db: Executor, row: UserTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, userId: string, set: Partial<UserTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
}

export async function insertRoleAssignment(db: Executor, row: RoleAssignmentTable): Promise<void> {
  await db.insertInto('role_assignments').values(row).execute();
}

export async function findRoleAssignmentId(db: Executor, userId: string, role: string, unitCode: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('unit_code', '=', unitCode)
    .executeTakeFirst();
}

export async function findRoleAssignment(db: Executor, id: string, userId: string): Promise<RoleAssignmentTable | undefined> {
  return db.selectFrom('role_assignments').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function deleteRoleAssignment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_assignments').where('id', '=', id).execute();
}

export async function countActiveApiTokens(db: Executor, userId: string): Promise<number> {
  const count = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function findUserApiToken(db: Executor, id: string, userId: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function revokeApiTokenRow(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** Revokes every token of a user not revoked yet. */
export async function revokeUserApiTokens(db: Executor, userId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

// --- The login throttle (login_attempts: hashed buckets only) ---

/** Times of failed attempts of a bucket since `sinceIso`, newest first (at most `limit`). */
export async function failedAttemptTimes(db: Executor, bucket: string, sinceIso: string, limit?: number): Promise<string[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select('attempted_at')
    .where('bucket', '=', bucket)
    .where('succeeded', '=', 0)
    .where('attempted_at', '>=', sinceIso)
    .orderBy('attempted_at', 'desc')
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
  return rows.map((r) => r.attempted_at);
}

export async function insertLoginAttempt(db: Executor, row: LoginAttemptTable): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

export async function deleteLoginAttemptsBefore(db: Executor, beforeIso: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('attempted_at', '<', beforeIso).execute();
}

export async function deleteLoginAttemptsOf(db: Executor, bucket: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('bucket', '=', bucket).execute();
}

/** Deletes the attempts of every bucket matching a LIKE pattern (e.g. every address of one account). */
export async function deleteLoginAttemptsLike(db: Executor, pattern: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('bucket', 'like', pattern).execute();
}

export async function countFailedAttempts(db: Executor, bucket: string, sinceIso: string): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('succeeded', '=', 0)
    .where('attempted_at', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many distinct buckets matching a LIKE pattern failed since `sinceIso`. */
export async function countFailedBucketsLike(db: Executor, pattern: string, sinceIso: string): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.count<number>('bucket').distinct().as('n'))
    .where('bucket', 'like', pattern)
    .where('succeeded', '=', 0)
    .where('attempted_at', '>=', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// --- Account reads of the account routes ---

export async function findUserOrThrow(db: Executor, userId: string): Promise<UserTable> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
}

/** A user's role assignments with each unit's name, in unit-path order. */
export async function listUserRoles(db: Executor, userId: string): Promise<{ id: string; role: string; unit_code: string; name: string }[]> {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .select(['r.id', 'r.role', 'r.unit_code', 'u.name'])
    .where('r.user_id', '=', userId)
    .orderBy('u.path')
    .execute();
}

/** A user's API tokens, newest first. */
export async function listUserApiTokens(db: Executor, userId: string): Promise<ApiTokenTable[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/**
 * Users having at least one role inside the subtrees `roots` (optionally at `unit`), optionally matching `q` in
 * username or display name: the count and one page of ids by username.
 */
export async function searchUsersInScope(
  db: Executor,
  f: { roots: string[]; unit?: string; q?: string; limit: number; offset: number },
): Promise<{ total: number; ids: string[] }> {
  const { roots, unit, q } = f;
  let query = db.selectFrom('users as u').where((eb) =>
    eb.exists(
      eb
        .selectFrom('role_assignments as r')
        .innerJoin('org_units as o', 'o.code', 'r.unit_code')
        .whereRef('r.user_id', '=', 'u.id')
        .where((e2) => e2.or(roots.map((p) => e2('o.path', 'like', `${p}%`))))
        .$if(!!unit, (qb) => qb.where('r.unit_code', '=', unit as string))
        .select('r.id'),
    ),
  );
  if (q?.trim()) {
    const text = q.trim();
    query = query.where((eb) => eb.or([likeText('u.username', text), likeText('u.display_name', text)]));
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await query.select('u.id').orderBy('u.username').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total.n), ids: ids.map((i) => i.id) };
}

export async function findUserId(db: Executor, userId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
}

/** Enabled users holding one of `roles`, with the path of the unit each role is held on (one row per assignment). */
export async function roleHoldersOf(db: Executor, roles: string[]): Promise<{ id: string; display_name: string; path: string }[]> {
  return db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .innerJoin('org_units', 'org_units.code', 'role_assignments.unit_code')
    .select(['users.id', 'users.display_name', 'org_units.path'])
    .where('role_assignments.role', 'in', roles)
    .where('users.disabled', '=', 0)
    .execute();
}

/** Ids of the enabled users who hold `role` on exactly `unitCode` (each once). */
export async function enabledHoldersOfRoleAt(db: Executor, role: string, unitCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .distinct()
    .where('r.role', '=', role)
    .where('r.unit_code', '=', unitCode)
    .where('u.disabled', '=', 0)
    .execute();
  return rows.map((r) => r.user_id);
}
