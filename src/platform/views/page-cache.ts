/**
 * In-process cache of rendered public pages (opt-in per route: `config: { pageCache: true }`).
 *
 * Correct on publish: every entry carries the version it was rendered under, made of a stamp stored
 * in the database (app_settings `portal.cacheVersion`), which every change of what the public sees
 * bumps in its own transaction (publishing's commands, org unit commands), and of the last scheduled
 * publication time this process has seen pass. Each process re-reads the stamp at most once per
 * second, so another process's publish shows within a second, and this process's at once (the
 * command also forces a re-read after commit via `notePublicChange`). It also reads, with the same
 * query round, the next scheduled publication time (one index seek on the listing): when the clock
 * passes it the version changes at once, so no cached page hides a scheduled record that has fallen
 * due (reads show it by time, before the publishing job has run). Display windows end at China-local
 * midnight: the key holds the China-local date. The key also holds the elder-mode cookie;
 * logged-in requests bypass the cache.
 *
 * Misses coalesce: concurrent requests for the same page wait for one render (single flight). While a
 * page is re-rendered after a change, the previous page may be served for at most one second
 * (STALE_MS) after this process noticed the change; later requests wait for the new render.
 * Entries are evicted least recently used beyond a byte budget. Browsers get `cache-control:
 * no-cache` and `Vary: Cookie`, with an ETag so revalidation is a 304.
 *
 * Hits are served twice as cheaply from the HTTP server itself, before Fastify (`pageCacheFastPath`, wired in
 * by app.ts's serverFactory): an anonymous GET whose page is cached for the current version gets the very
 * headers its render got (security headers included) and the stored bytes. Anything else — a session cookie,
 * an Authorization header, a stamp due to be re-read, a page that set a cookie — goes through the app as before.
 * Such a hit says `x-page-cache: fast` (the app's own say hit, stale, coalesced or miss).
 */
import crypto from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { chinaDate } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { fastifyCookie } from '@fastify/cookie';
import { ELDER_COOKIE, isElder } from './elder.ts';
import { readSetting, writeSetting } from '../db/settings.ts';

export const CACHE_VERSION_KEY = 'portal.cacheVersion';
/** Default of how often the stamp is re-read (`config.pageCacheCheckMs`, GONGKAI_PAGE_CACHE_CHECK_MS). */
const CHECK_INTERVAL_MS = 1000;
/** How long after a change the previous page may still be served while the new one renders. */
export const STALE_MS = 1000;
/** Memory budget of the cached HTML (UTF-8 bytes). */
const MAX_BYTES = 64 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public page whose HTML may be served from the in-process page cache. */
    pageCache?: boolean;
  }
}

/** Bumps the stamp inside the caller's transaction: every cached page is stale once it commits. */
export async function bumpPageCacheVersion(trx: Executor, now: Date): Promise<void> {
  const value = JSON.stringify(`${now.getTime().toString(36)}-${crypto.randomBytes(6).toString('hex')}`);
  await writeSetting(trx, CACHE_VERSION_KEY, value, now.toISOString());
}

/**
 * The next instant at which what the public sees changes by time alone (a scheduled publication),
 * or null. Registered by the publishing module (its listing owns the data); none by default.
 */
export type NextChangeSource = (db: Executor, now: Date) => Promise<string | null>;

interface Entry {
  body: Buffer;
  etag: string;
  version: string;
  /** The render's response headers without the per-response ones, for the fast path; null when the page set a cookie. */
  headers: OutgoingHttpHeaders | null;
}

interface Flight {
  version: string;
  done: Promise<Entry | null>;
  resolve: (e: Entry | null) => void;
}

interface State {
  stamp: string | null;
  /** Last scheduled change time this process has seen pass (part of the version). */
  epoch: string;
  /** Next scheduled change (ISO) or null; the version changes when the clock reaches it. */
  nextChange: string | null;
  version: string;
  /** Real time (ms) this process adopted the current version. */
  versionSince: number;
  checkedAt: number;
  pending: Promise<void> | null;
  entries: Map<string, Entry>;
  bytes: number;
  flights: Map<string, Flight>;
  nextChangeSource: NextChangeSource | null;
}

const states = new WeakMap<object, State>();

function stateOf(ctx: AppContext): State {
  let s = states.get(ctx.db);
  if (!s) {
    s = {
      stamp: null,
      epoch: '',
      nextChange: null,
      version: 'initial|',
      versionSince: 0,
      checkedAt: -Infinity,
      pending: null,
      entries: new Map(),
      bytes: 0,
      flights: new Map(),
      nextChangeSource: null,
    };
    states.set(ctx.db, s);
  }
  return s;
}

/** The publishing module tells the cache where the next scheduled change comes from. */
export function setNextChangeSource(ctx: AppContext, source: NextChangeSource): void {
  const s = stateOf(ctx);
  s.nextChangeSource = source;
  s.checkedAt = -Infinity;
}

/** Forces the next request to re-read the stamp (tests, and the process that just published). */
export function notePublicChange(ctx: AppContext): void {
  stateOf(ctx).checkedAt = -Infinity;
}

const passed = (s: State, now: Date) => s.nextChange !== null && now.toISOString() >= s.nextChange;

/** Whether the stamp read last is still current: read less than the check interval ago, no scheduled change passed since. */
function fresh(ctx: AppContext, s: State): boolean {
  const real = Date.now();
  return real - s.checkedAt < (ctx.config.pageCacheCheckMs ?? CHECK_INTERVAL_MS) && real >= s.checkedAt && !passed(s, ctx.clock.now());
}

async function refresh(ctx: AppContext, s: State): Promise<void> {
  const now = ctx.clock.now();
  if (fresh(ctx, s)) return;
  if (s.pending) return s.pending;
  s.pending = (async () => {
    const [row, next] = await Promise.all([
      readSetting(ctx.db, CACHE_VERSION_KEY),
      s.nextChangeSource ? s.nextChangeSource(ctx.db, now) : Promise.resolve(null),
    ]);
    // A scheduled change that has come (the clock passed the time we knew of) starts a new epoch.
    if (passed(s, now)) s.epoch = s.nextChange!;
    s.stamp = row?.value_json ?? 'initial';
    s.nextChange = next;
    const version = `${s.stamp}|${s.epoch}`;
    if (version !== s.version) {
      s.version = version;
      s.versionSince = Date.now();
    }
    s.checkedAt = Date.now();
  })().finally(() => {
    s.pending = null;
  });
  return s.pending;
}

/**
 * The current version of what the public sees (re-read at most once a second, and at once when a
 * scheduled publication falls due): other in-process caches of public data (search results, the unit
 * directory) key on it.
 */
export async function publicVersion(ctx: AppContext): Promise<string> {
  const s = stateOf(ctx);
  await refresh(ctx, s);
  return s.version;
}

function keyOf(ctx: AppContext, request: FastifyRequest): string {
  return keyFor(ctx, isElder(request), request.url);
}

function keyFor(ctx: AppContext, elder: boolean, url: string): string {
  return `${chinaDate(ctx.clock.now())}|${elder ? 'elder' : 'std'}|${url}`;
}

function cacheable(request: FastifyRequest): boolean {
  return request.method === 'GET' && request.routeOptions.config?.pageCache === true && !request.cookies?.[SESSION_COOKIE];
}

type CachedRequest = FastifyRequest & { pageCache?: { key: string; version: string; flight: Flight } };

function sendEntry(request: FastifyRequest, reply: FastifyReply, e: Entry, how: 'hit' | 'stale' | 'coalesced'): FastifyReply {
  reply.header('vary', 'Cookie').header('cache-control', 'no-cache').header('etag', e.etag).header('x-page-cache', how);
  if (request.headers['if-none-match'] === e.etag) return reply.status(304).send();
  return reply.status(200).type('text/html; charset=utf-8').send(e.body);
}

function store(s: State, key: string, e: Entry): void {
  const old = s.entries.get(key);
  if (old) {
    s.bytes -= old.body.length;
    s.entries.delete(key);
  }
  s.entries.set(key, e);
  s.bytes += e.body.length;
  // Least recently used first (Map order; hits move an entry to the end).
  for (const [k, v] of s.entries) {
    if (s.bytes <= MAX_BYTES) break;
    s.entries.delete(k);
    s.bytes -= v.body.length;
  }
}

function touch(s: State, key: string, e: Entry): void {
  s.entries.delete(key);
  s.entries.set(key, e);
}

function settle(s: State, req: CachedRequest, e: Entry | null): void {
  const pc = req.pageCache;
  if (!pc) return;
  req.pageCache = undefined;
  if (s.flights.get(pc.key) === pc.flight) s.flights.delete(pc.key);
  pc.flight.resolve(e);
}

/** Registers the hooks; routes opt in with `config: { pageCache: true }`. */
export function registerPageCache(app: FastifyInstance, ctx: AppContext): void {
  const s = stateOf(ctx);
  app.addHook('preHandler', async (request, reply) => {
    if (!cacheable(request)) return;
    await refresh(ctx, s);
    const key = keyOf(ctx, request);
    for (let attempt = 0; attempt < 2; attempt++) {
      const e = s.entries.get(key);
      if (e && e.version === s.version) {
        touch(s, key, e);
        return sendEntry(request, reply, e, 'hit');
      }
      const flight = s.flights.get(key);
      if (!flight || flight.version !== s.version) break;
      // Someone renders this page for the current version: serve the previous one for at most a second, else wait.
      if (e && Date.now() - s.versionSince <= STALE_MS) return sendEntry(request, reply, e, 'stale');
      const done = await flight.done;
      if (done) return sendEntry(request, reply, done, 'coalesced');
      // That render did not produce a cacheable page (error, redirect): render this one ourselves.
    }
    let resolve!: (e: Entry | null) => void;
    const flight: Flight = { version: s.version, done: new Promise<Entry | null>((r) => (resolve = r)), resolve: (v) => resolve(v) };
    s.flights.set(key, flight);
    (request as CachedRequest).pageCache = { key, version: s.version, flight };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const req = request as CachedRequest;
    const pc = req.pageCache;
    if (!pc) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string') {
      settle(s, req, null);
      return payload;
    }
    // Stored under the version read before rendering: a publish during the render leaves an entry
    // that is already stale, so the next request renders again.
    const body = Buffer.from(payload, 'utf8');
    const etag = `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('vary', 'Cookie').header('cache-control', 'no-cache').header('etag', etag).header('x-page-cache', 'miss');
    const entry: Entry = { body, etag, version: pc.version, headers: replayable(reply.getHeaders()) };
    store(s, pc.key, entry);
    settle(s, req, entry);
    return payload;
  });
  // Whatever happened (an error, a client gone), nobody waits for a render that will not come.
  app.addHook('onResponse', async (request) => settle(s, request as CachedRequest, null));
  app.addHook('onRequestAbort', async (request) => settle(s, request as CachedRequest, null));
}

/** Headers each response sets for itself (length, request id, how the cache answered, connection and date). */
const PER_RESPONSE = new Set(['content-length', 'x-request-id', 'x-page-cache', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** A render's headers as every hit of that page may repeat them, or null if the page set a cookie (never repeated). */
function replayable(headers: Record<string, string | number | string[] | undefined>): OutgoingHttpHeaders | null {
  if (headers['set-cookie'] !== undefined) return null;
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !PER_RESPONSE.has(name.toLowerCase())) out[name] = value;
  return out;
}

/** Logger levels at which Fastify logs each request (`request completed` is an info line). */
const LOGGED = new Set(['trace', 'debug', 'info']);

/**
 * The socket-level fast path (see the top of this file): serves `req` from the cache and returns true, or returns
 * false and leaves `req` untouched for the app. With a logger, each hit is logged as Fastify logs a request.
 */
export function pageCacheFastPath(ctx: AppContext, log: () => FastifyBaseLogger | null): (req: IncomingMessage, res: ServerResponse) => boolean {
  const s = stateOf(ctx);
  return (req, res) => {
    if (req.method !== 'GET' || req.headers.authorization !== undefined || !req.url || !fresh(ctx, s)) return false;
    // The cookies as the app's cookie plugin reads them (the same parser): any session cookie goes to the app, and so
    // does a display-mode cookie other than the one isElder() reads as on.
    const cookies = req.headers.cookie ? fastifyCookie.parse(req.headers.cookie) : {};
    if (cookies[SESSION_COOKIE] !== undefined) return false;
    if (cookies[ELDER_COOKIE] !== undefined && !isElder({ cookies })) return false;
    const key = keyFor(ctx, isElder({ cookies }), req.url);
    const e = s.entries.get(key);
    if (!e || e.version !== s.version || !e.headers) return false;
    const started = performance.now();
    touch(s, key, e);
    const id = crypto.randomUUID();
    const notModified = req.headers['if-none-match'] === e.etag;
    res.writeHead(notModified ? 304 : 200, {
      ...e.headers,
      'x-request-id': id,
      'x-page-cache': 'fast',
      ...(notModified ? {} : { 'content-length': e.body.length }),
    });
    res.end(notModified ? undefined : e.body);
    const logger = log();
    if (logger && LOGGED.has(logger.level))
      logger.info(
        { req: { method: req.method, url: req.url, id }, res: { statusCode: res.statusCode }, responseTime: performance.now() - started },
        'request completed',
      );
    return true;
  };
}

/** For tests and diagnostics: entries and bytes held. */
export function pageCacheStats(ctx: AppContext): { entries: number; bytes: number; version: string } {
  const s = stateOf(ctx);
  return { entries: s.entries.size, bytes: s.bytes, version: s.version };
}
