/**
 * In-process LRU of search responses: only a faster copy of what search() would answer now.
 *
 * The caller passes the version of what the public can see (the portal's version stamp, which
 * every publish, scheduled publication, correction, withdrawal, unit change and synonym edit bumps
 * in its own transaction — platform/views/page-cache.ts — plus the China-local date, on which the
 * display status 往期 depends). A new version drops every entry, and with them the memoized
 * synonyms, did-you-mean candidates and unit names. Time alone can also change results: a document
 * indexed with a future publication time (a scheduled record) becomes visible at that instant, so
 * the entries of a version are valid only until the next such instant among indexed documents
 * (one indexed query per version); after it they are dropped as if the version had changed.
 * A response computed while the version changed is stored under the old version's state, which is
 * never read again. Failures (400) are not cached.
 */
import type { AppContext } from '../context.ts';
import { ok, type Result } from '../result.ts';
import { remember } from './engine.ts';
import { nextScheduledPublication, search, type SearchInput, type SearchMemo, type SearchResponse } from './search.ts';

export const SEARCH_CACHE_ENTRIES = 1000;

interface State {
  version: string;
  /** Entries are valid while now < validUntil (ms); Infinity when nothing is scheduled. */
  validUntil: Promise<number>;
  entries: Map<string, SearchResponse>;
  memo: SearchMemo;
  hits: number;
  misses: number;
}

type CacheCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

const states = new WeakMap<object, State>();

function keyOf(input: SearchInput): string {
  return JSON.stringify([
    input.q.trim(),
    input.unitPath ?? '',
    input.domain ?? '',
    input.category ?? '',
    input.type ?? '',
    input.from ?? '',
    input.to ?? '',
    input.archived ?? '',
    input.sort ?? 'relevance',
    input.page ?? 1,
    input.pageSize ?? 10,
  ]);
}

function freshState(ctx: CacheCtx, version: string): State {
  const s: State = { version, validUntil: Promise.resolve(Infinity), entries: new Map(), memo: {}, hits: 0, misses: 0 };
  s.validUntil = nextScheduledPublication(ctx, ctx.clock.now()).then((t) => (t ? Date.parse(t) : Infinity));
  states.set(ctx.db, s);
  return s;
}

async function stateFor(ctx: CacheCtx, version: string): Promise<State> {
  let s = states.get(ctx.db);
  if (!s || s.version !== version) s = freshState(ctx, version);
  if (ctx.clock.now().getTime() >= (await s.validUntil)) {
    // A scheduled document has just become public: what was cached no longer holds.
    const stale = s;
    s = states.get(ctx.db) === stale ? freshState(ctx, version) : states.get(ctx.db)!;
  }
  return s;
}

/** search() through the cache; `version` must change whenever an index write could change results. */
export async function cachedSearch(ctx: CacheCtx, input: SearchInput, version: string): Promise<Result<SearchResponse>> {
  const s = await stateFor(ctx, version);
  const key = keyOf(input);
  const hit = s.entries.get(key);
  if (hit) {
    s.hits++;
    // Most recently used last: Map keeps insertion order.
    s.entries.delete(key);
    s.entries.set(key, hit);
    return ok(structuredClone(hit));
  }
  s.misses++;
  const r = await search(ctx, input, { memo: s.memo });
  if (r.ok) {
    remember(s.entries, key, structuredClone(r.value), SEARCH_CACHE_ENTRIES);
  }
  return r;
}

/** Hits and misses under the current version (tests, diagnostics). */
export function searchCacheStats(ctx: Pick<AppContext, 'db'>): { version: string | null; entries: number; hits: number; misses: number } {
  const s = states.get(ctx.db);
  return { version: s?.version ?? null, entries: s?.entries.size ?? 0, hits: s?.hits ?? 0, misses: s?.misses ?? 0 };
}
