import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { isRole, type Actor, type RoleGrant } from './roles.ts';
import { randomToken, sha256 } from './passwords.ts';

export const SESSION_COOKIE = 'gk_session';
export const TOKEN_PREFIX = 'gk_';

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

async function actorFor(db: Executor, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  return { userId: user.id, username: user.username, displayName: user.display_name, grants: await loadGrants(db, user.id), via };
}

export interface CreatedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(ctx: AppContext, db: Executor, userId: string): Promise<CreatedSession> {
  const now = ctx.clock.now();
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionLookup {
  actor: Actor;
  csrfToken: string;
  idHash: string;
}

/** Resolves a session cookie; expired sessions are removed; activity slides the expiry. */
export async function resolveSession(ctx: AppContext, token: string): Promise<SessionLookup | null> {
  const idHash = sha256(token);
  const row = await ctx.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.expires_at <= now.toISOString()) {
    await ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  const actor = await actorFor(ctx.db, row.user_id, 'session');
  if (!actor) return null;
  // Slide the expiry at most once a minute to avoid a write per request.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await ctx.db
      .updateTable('sessions')
      .set({
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ctx.config.sessionHours * 3600_000).toISOString(),
      })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { actor, csrfToken: row.csrf_token, idHash };
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
}

export async function issueApiToken(db: Executor, userId: string, name: string, now: Date): Promise<IssuedToken> {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const id = crypto.randomUUID();
  const prefix = token.slice(0, 10);
  await db
    .insertInto('api_tokens')
    .values({ id, user_id: userId, name, token_hash: sha256(token), prefix, created_at: now.toISOString(), last_used_at: null, revoked_at: null })
    .execute();
  return { id, token, prefix };
}

export async function resolveApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return actorFor(ctx.db, row.user_id, 'token');
}

/** Constant-time comparison for CSRF tokens. */
export function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
