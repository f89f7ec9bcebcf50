/**
 * In-process LRU of search responses: only a faster copy of what search() would answer now.
 *
 * The caller passes the version of what the public can see (the portal's version stamp, which
 * every publish, scheduled publication, correction, withdrawal, unit change and synonym edit bumps
 * in its own transaction — platform/views/page-cache.ts — plus the China-local date, on which
 * 往期 flags depend). A new version drops every entry, and with them the memoized did-you-mean
 * vocabulary and unit names. A response computed while the version changed is stored under the
 * old version's state, which is never read again. Failures (400) are not cached.
 */
import type { AppContext } from '../context.ts';
import { ok, type Result } from '../result.ts';
import { search, type SearchInput, type SearchMemo, type SearchResponse } from './search.ts';

export const SEARCH_CACHE_ENTRIES = 1000;

interface State {
  version: string;
  entries: Map<string, SearchResponse>;
  memo: SearchMemo;
  hits: number;
  misses: number;
}

const states = new WeakMap<object, State>();

function keyOf(input: SearchInput): string {
  return JSON.stringify([input.q.trim(), input.unitPath ?? '', input.domain ?? '', input.category ?? '', input.type ?? '', input.from ?? '', input.to ?? '', input.archived ?? '', input.sort ?? 'relevance', input.page ?? 1, input.pageSize ?? 10]);
}

function stateFor(ctx: Pick<AppContext, 'db'>, version: string): State {
  let s = states.get(ctx.db);
  if (!s || s.version !== version) {
    s = { version, entries: new Map(), memo: {}, hits: 0, misses: 0 };
    states.set(ctx.db, s);
  }
  return s;
}

/** search() through the cache; `version` must change whenever any search result could. */
export async function cachedSearch(ctx: Pick<AppContext, 'db' | 'dialect'>, input: SearchInput, version: string): Promise<Result<SearchResponse>> {
  const s = stateFor(ctx, version);
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
    s.entries.set(key, structuredClone(r.value));
    if (s.entries.size > SEARCH_CACHE_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
  }
  return r;
}

/** Hits and misses under the current version (tests, diagnostics). */
export function searchCacheStats(ctx: Pick<AppContext, 'db'>): { version: string | null; entries: number; hits: number; misses: number } {
  const s = states.get(ctx.db);
  return { version: s?.version ?? null, entries: s?.entries.size ?? 0, hits: s?.hits ?? 0, misses: s?.misses ?? 0 };
}
