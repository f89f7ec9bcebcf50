import type { Executor } from '../db/database.ts';

/** What a feeding module hands the index: public text only, personal data already masked. */
export interface SearchDocumentInput {
  /** `<source>:<id>`, e.g. `disclosure:7f3c…`. */
  docId: string;
  type: string;
  unitCode: string;
  /** Materialized path of the unit, `/321323/321323002/321323002-buhu/`: the unit filter covers its subtree. */
  unitPath: string;
  unitName: string;
  /** 公开领域 (government catalog) or village-affairs category; either may be null. */
  domain?: string | null;
  category?: string | null;
  title: string;
  /** Shown when the body does not match; when it is the opening of the body (publishing), it is stored once. */
  summary?: string | null;
  /** The public, masked body as plain text. */
  bodyText: string;
  /** Public portal path of the document, e.g. `/d/…`. */
  url: string;
  /**
   * ISO-8601 UTC instant. May lie in the future (a scheduled publication indexed when approved):
   * the document is found from that instant on, without any write.
   */
  publishedAt: string;
  /**
   * 公示期: the last China-local day (YYYY-MM-DD) the document is on display; from the next day it
   * is 往期 (computed at query time from this date and the clock). null or absent: no end.
   */
  displayEnd?: string | null;
}

/** One alternative way a query term can match: all of its phrases, or a pinyin prefix. */
export interface MatchAlt {
  /** The literal string the alternative stands for (a word, a synonym, a pinyin string). */
  text: string;
  /**
   * Phrases of consecutive index tokens (bigrams), all required: each matches where its tokens are
   * adjacent, in order (a word's characters side by side). Usually one; several for words typed
   * together as one chunk of initials (`dbmd` → 低保 and 名单). A prefix alternative: one token.
   */
  phrases: string[][];
  /** A pinyin/initials prefix, matched only against title pinyin and unit names. */
  prefix?: boolean;
  /**
   * Where the alternative may match. `text`: title, unit name and body (the user's own words and
   * synonyms); `names`: title and unit name only (Chinese words that typed pinyin or initials spell,
   * and single characters).
   */
  fields: 'text' | 'names';
}

/** A query term matches when any of its alternatives matches. */
export interface MatchTerm {
  text: string;
  alts: MatchAlt[];
}

export interface EngineFilters {
  /** A unit and its subtree: the unit's path (its last code is the unit). */
  unitPath?: string;
  domain?: string;
  category?: string;
  type?: string;
  /** Inclusive lower bound, ISO instant. */
  fromInstant?: string;
  /** Exclusive upper bound, ISO instant. */
  toInstant?: string;
  /** true: 往期 only (display ended before today); false: on display (no end, or ending today or later). */
  archived?: boolean;
}

export interface EngineQuery {
  terms: MatchTerm[];
  /** `all`: every term must match; `any`: the relaxed fallback when nothing matches all terms. */
  mode: 'all' | 'any';
  filters: EngineFilters;
  /** ISO instant of the request: documents published later are not public yet. */
  now: string;
  /** China-local date of `now` (YYYY-MM-DD): display status compares display_end with it. */
  today: string;
}

/** A match in the relevance window: what ranking needs, from the narrow index row (no body). */
export interface WindowRow {
  doc_id: string;
  title: string;
  unit_name: string;
  published_at: string;
  display_end: string | null;
}

/** The newest matches of a query, read once: their (capped) number and the ranking rows of the first ones. */
export interface MatchSet {
  /** Matches counted, at most the cap asked for. */
  count: number;
  /** The newest `window` matches, newest first. */
  window: WindowRow[];
}

/** A result as shown: the narrow row plus the stored excerpt (the snippet's source). */
export interface SearchRow {
  doc_id: string;
  title: string;
  unit_name: string;
  published_at: string;
  url: string;
  display_end: string | null;
  excerpt: string;
}

/**
 * Rows a searching process keeps between queries of one public version (search.ts SearchMemo, which
 * cachedSearch replaces when the version changes): every index write comes with a new version, so
 * nothing in them changes while they are kept. Bounded: the oldest entries go first.
 */
export interface RowCache {
  /** Ranking rows by the engine's row key (SQLite: the position). */
  window: Map<number | string, WindowRow>;
  /** Display rows with their inflated excerpts, by doc id. */
  shown: Map<string, SearchRow>;
}

/** Ranking rows and display rows kept per process and version (about 300 bytes and 3 KB each). */
export const ROW_CACHE_WINDOW_ROWS = 20_000;
export const ROW_CACHE_SHOWN_ROWS = 2_000;

export function newRowCache(): RowCache {
  return { window: new Map(), shown: new Map() };
}

/** Adds an entry, dropping the oldest beyond `cap` (Map keeps insertion order). */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
  map.set(key, value);
  if (map.size > cap) map.delete(map.keys().next().value as K);
}

export interface TitleHit {
  title: string;
  url: string;
}

/**
 * "Newest first" everywhere means published_at descending, then doc_id ascending: the order of
 * `sort: 'date'`, of the relevance window and of the results after it, identical on both databases.
 * Every read takes the query's `now` (nothing published later is visible) and never writes.
 */
export interface SearchEngine {
  /** Inserts or replaces documents (publication, correction). Use the caller's transaction when given one. */
  upsert(docs: SearchDocumentInput[], now: Date): Promise<void>;
  /** Removes documents (withdrawal, unpublication). Unknown ids are ignored. */
  remove(docIds: string[]): Promise<void>;
  /**
   * Reads the matches newest first, no further than `cap` of them (their number is the capped
   * count), and returns the ranking rows of the first `window` (0: none).
   */
  matches(query: EngineQuery, cap: number, window: number): Promise<MatchSet>;
  /**
   * The newest `window` matches in which some query word occurs in the title or unit name: ranked
   * with the window, so a record about the words is not lost behind newer ones that only mention
   * them in the body.
   */
  titled(query: EngineQuery, window: number): Promise<WindowRow[]>;
  /** Doc ids of the matches newest first, `limit` from `offset` (reads at most offset + limit matches). */
  newest(query: EngineQuery, limit: number, offset: number): Promise<string[]>;
  /** The display rows (with excerpts) of these documents, in no particular order. */
  rows(docIds: string[]): Promise<SearchRow[]>;
  /**
   * Type-ahead titles on display, newest first: `start` titles beginning with the Chinese text,
   * `contains` titles containing it, `pinyin` titles with a word whose pinyin or initials start with it.
   */
  suggestTitles(text: string, how: 'start' | 'contains' | 'pinyin', now: string, today: string, limit: number): Promise<TitleHit[]>;
  /** The earliest publication instant after `now` among indexed documents, or null (cache validity). */
  nextPublication(now: string): Promise<string | null>;
  /** Empties the index and indexes `docs` (the `reindex` command). Returns the number indexed. */
  rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number>;
}

const SAFE_TOKEN = /^[\p{Script=Han}a-z0-9]+$/u;

/** Tokens come from our segmenter; refuse anything that could break out of a query string. */
export function safeToken(t: string): string {
  if (!SAFE_TOKEN.test(t)) throw new Error(`search: unsafe token ${JSON.stringify(t)}`);
  return t;
}

export async function inTransaction(db: Executor, fn: (trx: Executor) => Promise<void>): Promise<void> {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

export async function* batches<T>(items: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Last code of a unit path: the unit itself. */
export function unitOfPath(unitPath: string): string {
  const parts = unitPath.split('/').filter(Boolean);
  return parts[parts.length - 1];
}
