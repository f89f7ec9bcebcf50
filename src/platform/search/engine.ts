import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { MAX_INDEXED_BODY_CHARS, pinyinKeys, pinyinTokens, segmentForIndex } from './segment.ts';
import type { SearchDocumentTable } from './search.tables.ts';

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
  summary?: string | null;
  /** The public, masked body as plain text. */
  bodyText: string;
  /** Public portal path of the document, e.g. `/d/…`. */
  url: string;
  /**
   * ISO-8601 UTC instant. May lie in the future: a scheduled publication is indexed when it is
   * scheduled and must not be found before this instant (the engine compares it with `now`).
   */
  publishedAt: string;
  /** 往期 as of the day the document was indexed (see displayUntil for later days). */
  archived: boolean;
  /**
   * Last China-local day (YYYY-MM-DD) of the document's display window; null or absent when it has
   * none. From the next day on the document is 往期 without being re-indexed.
   */
  displayUntil?: string | null;
}

/** One alternative way a query term can match: all of `tokens` (or, with `prefix`, a pinyin prefix). */
export interface MatchAlt {
  /** The literal string the alternative stands for (a word, a synonym, a pinyin string). */
  text: string;
  tokens: string[];
  /** A pinyin/initials prefix, matched only against title pinyin and unit name fields. */
  prefix?: boolean;
}

/** A query term matches when any of its alternatives matches. */
export interface MatchTerm {
  text: string;
  alts: MatchAlt[];
}

export interface EngineFilters {
  unitPath?: string;
  domain?: string;
  category?: string;
  type?: string;
  /** Inclusive lower bound, ISO instant. */
  fromInstant?: string;
  /** Exclusive upper bound, ISO instant. */
  toInstant?: string;
  archived?: boolean;
}

export interface EngineQuery {
  terms: MatchTerm[];
  /** `all`: every term must match; `any`: the relaxed fallback when nothing matches all terms. */
  mode: 'all' | 'any';
  filters: EngineFilters;
  /** The user's own words: a document containing them literally ranks above a synonym-only match. */
  bonusTerms: string[];
}

export type SearchRow = Pick<SearchDocumentTable, 'doc_id' | 'title' | 'unit_name' | 'published_at' | 'url' | 'archived' | 'summary' | 'body_text'>;

/**
 * "Newest first" everywhere means published_at descending, then doc_id ascending: the order of
 * `sort: 'date'`, of the relevance window and of the results after it, identical on both databases.
 */
export interface SearchEngine {
  /** Inserts or replaces documents (publication, correction). Use the caller's transaction when given one. */
  upsert(docs: SearchDocumentInput[], now: Date): Promise<void>;
  /** Removes documents (withdrawal, unpublication). Unknown ids are ignored. */
  remove(docIds: string[]): Promise<void>;
  /** The number of matches, counting no further than `cap` (reads at most `cap` matches). */
  count(query: EngineQuery, cap: number): Promise<number>;
  /**
   * The newest `window` matches ranked by relevance (score desc, then newest first); returns
   * `limit` rows from `offset` within that ranking. Reads at most `window` matches.
   */
  ranked(query: EngineQuery, window: number, limit: number, offset: number): Promise<SearchRow[]>;
  /** Matches newest first, `limit` rows from `offset` (reads at most offset + limit matches). */
  newest(query: EngineQuery, limit: number, offset: number): Promise<SearchRow[]>;
  /** Titles whose pinyin or initials contain a word starting with `prefix` (type-ahead). */
  titlesByPinyinPrefix(prefix: string, limit: number): Promise<{ title: string; url: string }[]>;
  /** Empties the index and indexes `docs` (the `reindex` command). Returns the number indexed. */
  rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number>;
}

const DOC_ID = /^[a-z][a-z0-9_-]*:[A-Za-z0-9._-]+$/;
const UNIT_PATH = /^\/(?:[A-Za-z0-9_-]+\/)+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** Programming errors of a feeding module, not user input: thrown, with an English message. */
export function assertDocument(doc: SearchDocumentInput): void {
  if (!DOC_ID.test(doc.docId)) throw new Error(`search: bad docId ${JSON.stringify(doc.docId)}`);
  if (!UNIT_PATH.test(doc.unitPath)) throw new Error(`search: bad unitPath ${JSON.stringify(doc.unitPath)} for ${doc.docId}`);
  if (!ISO_INSTANT.test(doc.publishedAt)) throw new Error(`search: publishedAt must be an ISO UTC instant for ${doc.docId}`);
  if (!doc.title.trim()) throw new Error(`search: empty title for ${doc.docId}`);
  if (!doc.url.startsWith('/')) throw new Error(`search: url must be a portal path for ${doc.docId}`);
}

/** The plain columns of a document, shared by both engines. */
export function documentRow(doc: SearchDocumentInput, now: Date): SearchDocumentTable {
  assertDocument(doc);
  const t = pinyinKeys(doc.title);
  const u = pinyinKeys(doc.unitName);
  return {
    doc_id: doc.docId,
    type: doc.type,
    unit_code: doc.unitCode,
    unit_path: doc.unitPath,
    unit_name: doc.unitName,
    unit_pinyin: u.full,
    unit_initials: u.initials,
    domain: doc.domain ?? null,
    category: doc.category ?? null,
    title: doc.title,
    title_pinyin: t.full,
    title_initials: t.initials,
    summary: doc.summary ?? null,
    body_text: doc.bodyText,
    url: doc.url,
    published_at: doc.publishedAt,
    archived: doc.archived ? 1 : 0,
    updated_at: now.toISOString(),
  };
}

/** The segmented full-text fields: title (weight A), pinyin and unit (B), body (C). */
export function indexFields(doc: SearchDocumentInput): { title: string; pinyin: string; unit: string; body: string } {
  const body = `${doc.summary ?? ''}\n${doc.bodyText}`.slice(0, MAX_INDEXED_BODY_CHARS);
  return {
    title: segmentForIndex(doc.title),
    pinyin: pinyinTokens(doc.title),
    unit: `${segmentForIndex(doc.unitName)} ${pinyinTokens(doc.unitName)}`.trim(),
    body: segmentForIndex(body),
  };
}

const SAFE_TOKEN = /^[\p{Script=Han}a-z0-9]+$/u;

/** Tokens come from our segmenter; refuse anything that could break out of a query string. */
export function safeToken(t: string): string {
  if (!SAFE_TOKEN.test(t)) throw new Error(`search: unsafe token ${JSON.stringify(t)}`);
  return t;
}

export function hasFilters(f: EngineFilters): boolean {
  return !!(f.unitPath || f.domain || f.category || f.type || f.fromInstant || f.toInstant || f.archived !== undefined);
}

/**
 * Filters, identical SQL on both databases, over a table with the filter columns of
 * search_documents (`d`, or SQLite's narrow `search_fts_keys`).
 */
export function filterSql(f: EngineFilters, alias: 'd' | 'k' = 'd'): RawBuilder<unknown> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const c: RawBuilder<unknown>[] = [sql`1 = 1`];
  // substr rather than LIKE: no wildcard escaping, and codes may contain `_`.
  if (f.unitPath) c.push(sql`substr(${col('unit_path')}, 1, ${f.unitPath.length}) = ${f.unitPath}`);
  if (f.domain) c.push(sql`${col('domain')} = ${f.domain}`);
  if (f.category) c.push(sql`${col('category')} = ${f.category}`);
  if (f.type) c.push(sql`${col('type')} = ${f.type}`);
  if (f.fromInstant) c.push(sql`${col('published_at')} >= ${f.fromInstant}`);
  if (f.toInstant) c.push(sql`${col('published_at')} < ${f.toInstant}`);
  if (f.archived !== undefined) c.push(sql`${col('archived')} = ${f.archived ? 1 : 0}`);
  return sql.join(c, sql` and `);
}

export const ROW_COLUMNS = sql`d.doc_id, d.title, d.unit_name, d.published_at, d.url, d.archived, d.summary, d.body_text`;

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
