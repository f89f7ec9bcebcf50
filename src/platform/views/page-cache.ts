/**
 * In-process cache of rendered public pages (opt-in per route: `config: { pageCache: true }`).
 *
 * Correct on publish: the key includes a version stamp stored in the database (app_settings
 * `portal.cacheVersion`), which every change of what the public sees bumps in its own transaction
 * (publishing's `announce`, org unit commands). Each process re-reads the stamp at most once per
 * second, so another process's publish shows within a second, and this process's at once (the
 * command also bumps the local copy after commit via `notePublicChange`). The key also holds the
 * China-local date (display windows end with the passing of time) and the elder-mode cookie, and
 * the cache is bypassed while a scheduled publication is due (the uncached render finalizes it,
 * which bumps the stamp) and for logged-in requests. Browsers still get `cache-control: no-cache`
 * and `Vary: Cookie`, with an ETag so revalidation is a 304.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { chinaDate } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { ELDER_COOKIE } from './site.ts';

export const CACHE_VERSION_KEY = 'portal.cacheVersion';
const CHECK_INTERVAL_MS = 1000;
const MAX_ENTRIES = 2000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public page whose HTML may be served from the in-process page cache. */
    pageCache?: boolean;
  }
}

/** Bumps the stamp inside the caller's transaction: every cached page is stale once it commits. */
export async function bumpPageCacheVersion(trx: Executor, now: Date): Promise<void> {
  const value = JSON.stringify(`${now.getTime().toString(36)}-${crypto.randomBytes(6).toString('hex')}`);
  await trx
    .insertInto('app_settings')
    .values({ key: CACHE_VERSION_KEY, value_json: value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value, updated_at: now.toISOString() }))
    .execute();
}

interface Entry {
  html: string;
  etag: string;
}

interface State {
  version: string | null;
  dueScheduled: boolean;
  checkedAt: number;
  pending: Promise<void> | null;
  entries: Map<string, Entry>;
}

const states = new WeakMap<object, State>();

function stateOf(ctx: AppContext): State {
  let s = states.get(ctx.db);
  if (!s) {
    s = { version: null, dueScheduled: true, checkedAt: -Infinity, pending: null, entries: new Map() };
    states.set(ctx.db, s);
  }
  return s;
}

/** Forces the next request to re-read the stamp (tests, and the process that just published). */
export function notePublicChange(ctx: AppContext): void {
  stateOf(ctx).checkedAt = -Infinity;
}

async function refresh(ctx: AppContext, s: State): Promise<void> {
  const now = Date.now();
  if (now - s.checkedAt < CHECK_INTERVAL_MS && now >= s.checkedAt) return;
  if (s.pending) return s.pending;
  s.pending = (async () => {
    const [row, due] = await Promise.all([
      ctx.db.selectFrom('app_settings').select('value_json').where('key', '=', CACHE_VERSION_KEY).executeTakeFirst(),
      ctx.db.selectFrom('disclosures').select('id').where('status', '=', 'scheduled').where('scheduled_at', '<=', ctx.clock.now().toISOString()).limit(1).executeTakeFirst(),
    ]);
    const version = row?.value_json ?? 'initial';
    if (version !== s.version) s.entries.clear();
    s.version = version;
    s.dueScheduled = !!due;
    s.checkedAt = Date.now();
  })().finally(() => {
    s.pending = null;
  });
  return s.pending;
}

/**
 * The current version stamp of what the public sees (re-read at most once a second, like the page
 * cache): other in-process caches of public data (search results) key on it.
 */
export async function publicVersion(ctx: AppContext): Promise<string> {
  const s = stateOf(ctx);
  await refresh(ctx, s);
  return s.version ?? 'initial';
}

function keyOf(ctx: AppContext, s: State, request: FastifyRequest): string {
  return `${s.version}|${chinaDate(ctx.clock.now())}|${request.cookies?.[ELDER_COOKIE] === '1' ? 'elder' : 'std'}|${request.url}`;
}

function cacheable(request: FastifyRequest): boolean {
  return request.method === 'GET' && request.routeOptions.config?.pageCache === true && !request.cookies?.[SESSION_COOKIE];
}

function sendEntry(request: FastifyRequest, reply: FastifyReply, e: Entry, hit: boolean): FastifyReply {
  reply.header('vary', 'Cookie').header('cache-control', 'no-cache').header('etag', e.etag).header('x-page-cache', hit ? 'hit' : 'miss');
  if (request.headers['if-none-match'] === e.etag) return reply.status(304).send();
  return reply.status(200).type('text/html; charset=utf-8').send(e.html);
}

/** Registers the hooks; routes opt in with `config: { pageCache: true }`. */
export function registerPageCache(app: FastifyInstance, ctx: AppContext): void {
  const s = stateOf(ctx);
  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    await refresh(ctx, s);
    if (s.dueScheduled) return;
    const e = s.entries.get(keyOf(ctx, s, request));
    if (e) return sendEntry(request, reply, e, true);
    (request as FastifyRequest & { pageCacheKey?: string }).pageCacheKey = keyOf(ctx, s, request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = (request as FastifyRequest & { pageCacheKey?: string }).pageCacheKey;
    if (!key || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    // Stored under the stamp read before rendering: a publish during the render leaves a stale
    // entry under an old stamp, which is never looked up again.
    const etag = `"${crypto.createHash('sha1').update(payload).digest('base64url')}"`;
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(key, { html: payload, etag });
    reply.header('etag', etag).header('x-page-cache', 'miss');
    return payload;
  });
}
