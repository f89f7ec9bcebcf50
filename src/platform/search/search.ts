import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Dialect, Executor } from '../db/database.ts';
import { fail, ok, type Result } from '../result.ts';
import { DOMAIN_WORDS } from './dictionary.ts';
import type { EngineFilters, EngineQuery, SearchDocumentInput, SearchEngine, SearchRow } from './engine.ts';
import { editDistance, planQuery, type QueryPlan } from './query.ts';
import { SqliteSearchEngine } from './search-sqlite.ts';
import { PostgresSearchEngine } from './search-postgres.ts';
import { cutWords, normalizeText, pinyinKeys, runsOf } from './segment.ts';
import { snippetFor } from './snippet.ts';
import { loadSynonymTerms } from './synonyms.ts';
import './search.tables.ts';

export const MAX_QUERY_CHARS = 100;
export const MAX_PAGE = 100;
export const MAX_PAGE_SIZE = 50;
export const MAX_SUGGESTIONS = 8;
/**
 * Matches are counted up to this many; beyond it `total` is this number and `totalIsLowerBound`
 * is true (the page says "超过 1000 条"). The portal shows at most 100 pages of 10.
 */
export const TOTAL_CAP = 1000;
/**
 * Relevance ranks the newest RANK_WINDOW matches (all of them when there are fewer); results after
 * the window continue newest first. Keeps a broad word (补贴, 公示) from ranking tens of thousands
 * of documents on every request.
 */
export const RANK_WINDOW = 200;
/** "Did you mean" knows the words of the newest titles (plus domain words and synonyms). */
export const VOCABULARY_TITLES = 3000;

/** The engine for the database in use; `db` may be an open transaction (index on publish). */
export function searchEngine(dialect: Dialect, db: Executor): SearchEngine {
  return dialect === 'sqlite' ? new SqliteSearchEngine(db) : new PostgresSearchEngine(db);
}

type IndexCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/** Publication or correction: (re)index documents, in the caller's transaction when `trx` is given. */
export async function indexDocuments(ctx: IndexCtx, docs: SearchDocumentInput[], trx?: Executor): Promise<void> {
  await searchEngine(ctx.dialect, trx ?? ctx.db).upsert(docs, ctx.clock.now());
}

/** Withdrawal: the documents leave the index at once. */
export async function removeDocuments(ctx: IndexCtx, docIds: string[], trx?: Executor): Promise<void> {
  await searchEngine(ctx.dialect, trx ?? ctx.db).remove(docIds);
}

/** `gongkai reindex`: empties the index and indexes every document the sources yield. */
export async function rebuildSearchIndex(ctx: IndexCtx, docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>): Promise<number> {
  return searchEngine(ctx.dialect, ctx.db).rebuildAll(docs, ctx.clock.now());
}

export interface SearchInput {
  q: string;
  /** Unit subtree, `/321323/321323002/`. */
  unitPath?: string;
  domain?: string;
  category?: string;
  type?: string;
  /** China-local dates, inclusive, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** true: archived only; false: current only; absent: both. */
  archived?: boolean;
  sort?: 'relevance' | 'date';
  page?: number;
  pageSize?: number;
}

export interface SearchItem {
  docId: string;
  title: string;
  unitName: string;
  publishedAt: string;
  url: string;
  /** HTML: matched words in <mark>, everything else escaped. */
  snippet: string;
  archived: boolean;
}

export interface SearchResponse {
  /** Exact up to TOTAL_CAP; TOTAL_CAP with `totalIsLowerBound` when there are more. */
  total: number;
  /** True when more than `total` documents match (the count stopped at TOTAL_CAP). */
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
  items: SearchItem[];
  /** True when no document matched every word and the results match only some of them. */
  relaxed: boolean;
  /** On zero (or only partial) results: corrected spellings, synonyms and nearby unit names, each a query to try. */
  suggestions: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_PATH = /^\/(?:[A-Za-z0-9_-]+\/)+$/;

/** China-local midnight of a (validated) date as a UTC instant: published_at is stored in UTC. */
function chinaMidnight(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 8 * 3600_000).toISOString();
}

interface Validated {
  q: string;
  filters: EngineFilters;
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
}

export function validateSearchInput(input: SearchInput): Result<Validated> {
  const q = typeof input.q === 'string' ? input.q.trim() : '';
  if (!q) return fail(400, 'SEARCH_QUERY_EMPTY', '请输入要搜索的内容');
  if (Array.from(q).length > MAX_QUERY_CHARS) return fail(400, 'SEARCH_QUERY_TOO_LONG', `搜索内容不能超过 ${MAX_QUERY_CHARS} 个字，请精简后再试`);
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) return fail(400, 'SEARCH_PAGE_INVALID', `页码应为 1 至 ${MAX_PAGE} 之间的整数`);
  const pageSize = input.pageSize ?? 10;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return fail(400, 'SEARCH_PAGE_SIZE_INVALID', `每页条数应为 1 至 ${MAX_PAGE_SIZE} 之间的整数`);
  const sort = input.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date') return fail(400, 'SEARCH_SORT_INVALID', '排序方式只能是“相关度”或“发布时间”');
  if (input.unitPath !== undefined && !UNIT_PATH.test(input.unitPath)) return fail(400, 'SEARCH_UNIT_INVALID', '所选单位无效');
  const filters: EngineFilters = { unitPath: input.unitPath, domain: input.domain || undefined, category: input.category || undefined, type: input.type || undefined, archived: input.archived };
  if (input.from) {
    if (!validDate(input.from)) return fail(400, 'SEARCH_DATE_INVALID', '开始日期格式应为 YYYY-MM-DD');
    filters.fromInstant = chinaMidnight(input.from);
  }
  if (input.to) {
    if (!validDate(input.to)) return fail(400, 'SEARCH_DATE_INVALID', '结束日期格式应为 YYYY-MM-DD');
    filters.toInstant = chinaMidnight(input.to, 1);
  }
  if (input.from && input.to && input.from > input.to) return fail(400, 'SEARCH_DATE_RANGE_INVALID', '开始日期不能晚于结束日期');
  return ok({ q, filters, sort, page, pageSize });
}

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Per-process memo of what a search needs besides the query itself (the did-you-mean vocabulary,
 * the indexed unit names). Only the cached path (cachedSearch) passes one, and throws it away when
 * the public version changes; plain search() reads both afresh.
 */
export interface SearchMemo {
  candidates?: Promise<Candidate[]>;
  units?: Promise<UnitKey[]>;
}

/** How search() runs; the limits default to TOTAL_CAP and RANK_WINDOW (tests use small ones). */
export interface SearchOptions {
  memo?: SearchMemo;
  totalCap?: number;
  rankWindow?: number;
}

interface Found {
  total: number;
  totalIsLowerBound: boolean;
  rows: SearchRow[];
}

/** Counts (capped), then reads one page: ranked within the window, newest first after it. */
async function runQuery(engine: SearchEngine, query: EngineQuery, sort: 'relevance' | 'date', limit: number, offset: number, opts: SearchOptions): Promise<Found> {
  const cap = opts.totalCap ?? TOTAL_CAP;
  const rankWindow = opts.rankWindow ?? RANK_WINDOW;
  const n = await engine.count(query, cap + 1);
  const found = { total: Math.min(n, cap), totalIsLowerBound: n > cap, rows: [] as SearchRow[] };
  if (n === 0) return found;
  if (sort === 'date') {
    found.rows = await engine.newest(query, limit, offset);
    return found;
  }
  // Positions 0 … window-1 are the window ranked by relevance; position p ≥ window is the p-th
  // match newest first (the window being exactly the newest `window` matches).
  // Beyond the cap the number of matches is unknown (more than `cap`).
  const known = n > cap ? Infinity : n;
  const window = Math.min(known, rankWindow);
  if (offset < window) found.rows.push(...(await engine.ranked(query, rankWindow, Math.min(limit, window - offset), offset)));
  if (known > rankWindow && offset + limit > window) {
    const from = Math.max(offset, window);
    found.rows.push(...(await engine.newest(query, offset + limit - from, from)));
  }
  return found;
}

export async function search(ctx: Pick<AppContext, 'db' | 'dialect'>, input: SearchInput, opts: SearchOptions = {}): Promise<Result<SearchResponse>> {
  const v = validateSearchInput(input);
  if (!v.ok) return v;
  const { q, filters, sort, page, pageSize } = v.value;
  const groups = await loadSynonymTerms(ctx.db);
  const plan = planQuery(q, groups);
  if (!plan.terms.length) return fail(400, 'SEARCH_QUERY_EMPTY', '搜索词太笼统，请换个说法，例如“低保名单”“惠农补贴”');
  const engine = searchEngine(ctx.dialect, ctx.db);
  const query: EngineQuery = { terms: plan.terms, mode: 'all', filters, bonusTerms: plan.bonusTerms };
  const offset = (page - 1) * pageSize;
  let found = await runQuery(engine, query, sort, pageSize, offset, opts);
  let relaxed = false;
  if (found.total === 0 && plan.terms.length > 1) {
    // Nothing has every word: show what has some of them, best first, and say so.
    found = await runQuery(engine, { ...query, mode: 'any' }, sort, pageSize, offset, opts);
    relaxed = found.total > 0;
  }
  const needles = [...new Set(plan.terms.flatMap((t) => t.alts.filter((a) => !a.prefix).map((a) => normalizeText(a.text))))].sort((a, b) => b.length - a.length);
  const items = found.rows.map((r) => ({
    docId: r.doc_id,
    title: r.title,
    unitName: r.unit_name,
    publishedAt: r.published_at,
    url: r.url,
    snippet: snippetFor(r, needles, plan.letterChunks),
    archived: Number(r.archived) === 1,
  }));
  // Also when only some words matched: a misspelt word is the likely reason.
  const suggestions = found.total === 0 || relaxed ? await zeroResultSuggestions(ctx.db, groups, plan, opts.memo ?? {}) : [];
  return ok({ total: found.total, totalIsLowerBound: found.totalIsLowerBound, page, pageSize, items, relaxed, suggestions });
}

// ---------------------------------------------------------------------------------------------
// Zero results: did you mean, synonyms, nearby units

interface Candidate {
  word: string;
  full: string;
  initials: string;
  docs: number;
}

/**
 * Known words: the whole jieba words of the newest titles (counted per title), synonyms and domain
 * words. A bounded read (VOCABULARY_TITLES titles by the published_at index) instead of the whole
 * index's vocabulary, which took seconds at county scale.
 */
async function candidates(db: Executor, groups: string[][]): Promise<Candidate[]> {
  const out = new Map<string, Candidate>();
  const add = (word: string, docs: number) => {
    const prev = out.get(word);
    if (prev) {
      prev.docs = Math.max(prev.docs, docs);
      return;
    }
    const k = pinyinKeys(word);
    if (k.full) out.set(word, { word, full: k.full, initials: k.initials, docs });
  };
  const titles = await db.selectFrom('search_documents').select('title').orderBy('published_at', 'desc').orderBy('doc_id').limit(VOCABULARY_TITLES).execute();
  const counts = new Map<string, number>();
  for (const { title } of titles) {
    const words = new Set<string>();
    for (const run of runsOf(normalizeText(title))) {
      if (!run.han) continue;
      for (const w of cutWords(run.text)) {
        const n = Array.from(w).length;
        if (n >= 2 && n <= 8) words.add(w);
      }
    }
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  for (const [w, docs] of counts) add(w, docs);
  for (const w of [...DOMAIN_WORDS, ...groups.flat()]) if (/^\p{Script=Han}+$/u.test(w)) add(w, 0);
  return [...out.values()];
}

function bestCorrections(key: string, typed: string, cands: Candidate[], letters: boolean): string[] {
  const scored: { word: string; score: number; docs: number }[] = [];
  for (const c of cands) {
    if (c.word === typed) continue;
    let score = 0;
    if (c.full === key) score = 3;
    else if (letters && key.length >= 2 && c.initials === key) score = 2;
    else if (key.length >= 4 && editDistance(c.full, key) <= (key.length >= 9 ? 2 : 1)) score = 1;
    if (score) scored.push({ word: c.word, score, docs: c.docs });
  }
  scored.sort((a, b) => b.score - a.score || b.docs - a.docs || a.word.localeCompare(b.word));
  return scored.slice(0, 3).map((s) => s.word);
}

async function zeroResultSuggestions(db: Executor, groups: string[][], plan: QueryPlan, memo: SearchMemo): Promise<string[]> {
  const cands = await (memo.candidates ??= candidates(db, groups));
  const out: string[] = [];
  // Did you mean: per typed word, the known words that sound the same (底保 → 低保) or whose
  // pinyin the letters spell; the whole query with each word replaced by its best correction first.
  const replacements = new Map<string, string[]>();
  for (const t of plan.hanTerms) {
    const fixes = bestCorrections(pinyinKeys(t).full, t, cands, false);
    if (fixes.length) replacements.set(t, fixes);
  }
  for (const c of plan.letterChunks) {
    const fixes = bestCorrections(c, c, cands, true);
    if (fixes.length) replacements.set(c, fixes);
  }
  if (replacements.size) {
    const corrected = plan.terms.map((t) => replacements.get(t.text)?.[0] ?? t.text).join(' ');
    out.push(corrected);
    for (const fixes of replacements.values()) out.push(...fixes);
  }
  out.push(...plan.synonymAlternatives);
  out.push(...(await nearbyUnits(db, plan, memo)));
  return [...new Set(out)].slice(0, MAX_SUGGESTIONS);
}

interface UnitKey {
  unit_name: string;
  unit_pinyin: string;
  unit_initials: string;
}

/** Unit names whose pinyin or initials match what was typed (卜胡 / buhu / bhsq → 卜湖社区). */
async function nearbyUnits(db: Executor, plan: QueryPlan, memo: SearchMemo): Promise<string[]> {
  const keys = [...plan.letterChunks.filter((c) => c.length >= 2), ...plan.hanTerms.map((t) => pinyinKeys(t).full).filter((k) => k.length >= 4)];
  if (!keys.length) return [];
  const units = await (memo.units ??= db.selectFrom('search_documents').select(['unit_name', 'unit_pinyin', 'unit_initials']).distinct().execute());
  return units
    .filter((u) => keys.some((k) => u.unit_pinyin.includes(k) || u.unit_initials.startsWith(k)))
    .map((u) => u.unit_name)
    .sort()
    .slice(0, 3);
}

// ---------------------------------------------------------------------------------------------
// Type-ahead

export interface SuggestItem {
  kind: 'unit' | 'title';
  text: string;
  /** Portal path of a title suggestion. */
  url?: string;
}

/** Up to 8 unit names and titles starting with `prefix`, typed in Chinese, pinyin or initials. */
export async function suggest(ctx: Pick<AppContext, 'db' | 'dialect'>, prefix: string): Promise<SuggestItem[]> {
  // Keep only what can match (Chinese, letters, digits): no LIKE wildcard can get through.
  const p = runsOf(String(prefix ?? '').slice(0, 50)).map((r) => r.text).join('');
  if (!p) return [];
  const han = /\p{Script=Han}/u.test(p);
  const like = `${p}%`;
  const db = ctx.db;
  const out: SuggestItem[] = [];
  const seen = new Set<string>();
  const add = (item: SuggestItem) => {
    if (out.length < MAX_SUGGESTIONS && !seen.has(`${item.kind}:${item.text}`)) {
      seen.add(`${item.kind}:${item.text}`);
      out.push(item);
    }
  };
  const units = await db
    .selectFrom('search_documents as d')
    .select('d.unit_name')
    .where((eb) => (han ? eb('d.unit_name', 'like', like) : eb.or([eb('d.unit_pinyin', 'like', like), eb('d.unit_initials', 'like', like)])))
    .groupBy('d.unit_name')
    .orderBy('d.unit_name')
    .limit(MAX_SUGGESTIONS)
    .execute();
  for (const u of units) add({ kind: 'unit', text: u.unit_name });
  const titles = await db
    .selectFrom('search_documents as d')
    .select(['d.title', 'd.url'])
    .where('d.archived', '=', 0)
    .where((eb) => (han ? eb('d.title', 'like', like) : eb.or([eb('d.title_pinyin', 'like', like), eb('d.title_initials', 'like', like)])))
    .orderBy('d.published_at', 'desc')
    .orderBy('d.doc_id')
    .limit(MAX_SUGGESTIONS)
    .execute();
  for (const t of titles) add({ kind: 'title', text: t.title, url: t.url });
  if (out.length < MAX_SUGGESTIONS) {
    // Then titles with the prefix anywhere: a word inside the title, or pinyin starting at a word.
    const more = han
      ? (
          await db
            .selectFrom('search_documents as d')
            .select(['d.title', 'd.url'])
            .where('d.archived', '=', 0)
            .where(sql<boolean>`${sql.ref('d.title')} like ${`%${p}%`}`)
            .orderBy('d.published_at', 'desc')
            .orderBy('d.doc_id')
            .limit(MAX_SUGGESTIONS)
            .execute()
        )
      : p.length >= 2 && /^[a-z]+$/.test(p)
        ? await searchEngine(ctx.dialect, db).titlesByPinyinPrefix(p, MAX_SUGGESTIONS)
        : [];
    for (const t of more) add({ kind: 'title', text: t.title, url: t.url });
  }
  return out;
}
