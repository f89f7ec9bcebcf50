import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from './roles.ts';
import {
  deleteSessionByHash,
  findApiTokenByHash,
  findSession,
  findUserIdentity,
  insertApiToken,
  insertSession,
  loadGrants,
  markApiTokenUsed,
  touchSession,
} from './auth.repository.ts';
import { randomToken, sha256 } from './passwords.ts';

export const SESSION_COOKIE = 'gk_session';
export const TOKEN_PREFIX = 'gk_';

export { loadGrants, deleteUserSessions } from './auth.repository.ts';

async function actorFor(db: Executor, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await findUserIdentity(db, userId);
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
  await insertSession(db, {
    id_hash: sha256(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
  });
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
  const row = await findSession(ctx.db, idHash);
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.expires_at <= now.toISOString()) {
    await deleteSessionByHash(ctx.db, idHash);
    return null;
  }
  const actor = await actorFor(ctx.db, row.user_id, 'session');
  if (!actor) return null;
  // Slide the expiry at most once a minute to avoid a write per request.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await touchSession(ctx.db, idHash, now.toISOString(), new Date(now.getTime() + ctx.config.sessionHours * 3600_000).toISOString());
  }
  return { actor, csrfToken: row.csrf_token, idHash };
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await deleteSessionByHash(db, sha256(token));
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
  await insertApiToken(db, {
    id,
    user_id: userId,
    name,
    token_hash: sha256(token),
    prefix,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
  });
  return { id, token, prefix };
}

export async function resolveApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await findApiTokenByHash(ctx.db, sha256(token));
  if (!row || row.revoked_at) return null;
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await markApiTokenUsed(ctx.db, row.id, now.toISOString());
  }
  return actorFor(ctx.db, row.user_id, 'token');
}

/** Constant-time comparison for CSRF tokens. */
export function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
