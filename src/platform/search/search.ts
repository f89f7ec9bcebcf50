import type { AppContext } from '../context.ts';
import { chinaDate } from '../context.ts';
import type { Dialect, Executor } from '../db/database.ts';
import { fail, ok, type Result } from '../result.ts';
import { DOMAIN_WORDS } from './dictionary.ts';
import {
  newRowCache,
  remember,
  ROW_CACHE_SHOWN_ROWS,
  type EngineFilters,
  type EngineQuery,
  type MatchAlt,
  type RowCache,
  type SearchDocumentInput,
  type SearchEngine,
  type SearchRow,
  type WindowRow,
} from './engine.ts';
import { planQuery, spellingKeys, withinEditDistance, type QueryPlan } from './query.ts';
import { SqliteSearchEngine } from './search-sqlite.repository.ts';
import { PostgresSearchEngine } from './search-postgres.repository.ts';
import { analyzeName, cutWords, normalizeText, pinyinKeys, runsOf } from './segment.ts';
import { snippetFor } from './snippet.ts';
import { loadSynonymTerms } from './synonyms.ts';
import { commonWords, indexedSpellings, indexedUnits, unitsStartingWith, wordsSpelled, type VocabularyWord } from './vocabulary.repository.ts';
import { unitAnalysis } from './analyze.ts';
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
/**
 * Set in app_settings by a migration that changes the index format; the next start rebuilds the
 * index (search.cli.ts reindexIfRequired). The key is repeated in migration 20261206_0700.
 */
export const REINDEX_REQUIRED_KEY = 'search.reindexRequired';
/** "Did you mean" compares near misses (one or two letters off) with this many of the most frequent title words. */
export const NEAR_MISS_WORDS = 5000;

/** The engine for the database in use; `db` may be an open transaction (index on publish). */
export function searchEngine(dialect: Dialect, db: Executor, cache?: RowCache): SearchEngine {
  return dialect === 'sqlite' ? new SqliteSearchEngine(db, cache) : new PostgresSearchEngine(db);
}

type IndexCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;
type SearchCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/**
 * Publication or correction: (re)index documents, in the caller's transaction when `trx` is given.
 * A document whose publishedAt lies ahead (scheduled) is found from that instant on. Callers bump
 * the public version stamp in the same transaction (publishing's announce does), which empties
 * cached results.
 */
export async function indexDocuments(ctx: IndexCtx, docs: SearchDocumentInput[], trx?: Executor): Promise<void> {
  await searchEngine(ctx.dialect, trx ?? ctx.db).upsert(docs, ctx.clock.now());
}

/** Withdrawal: the documents leave the index at once. */
export async function removeDocuments(ctx: IndexCtx, docIds: string[], trx?: Executor): Promise<void> {
  await searchEngine(ctx.dialect, trx ?? ctx.db).remove(docIds);
}

/** `gongkai reindex`: empties the index and indexes every document the sources yield (newest first is fastest). */
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
  /** true: 往期 only (display ended); false: on display only; absent: both. */
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
  /** 往期: the display period ended before today (computed from the stored end and the clock). */
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
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    return fail(400, 'SEARCH_PAGE_SIZE_INVALID', `每页条数应为 1 至 ${MAX_PAGE_SIZE} 之间的整数`);
  const sort = input.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date') return fail(400, 'SEARCH_SORT_INVALID', '排序方式只能是“相关度”或“发布时间”');
  if (input.unitPath !== undefined && !UNIT_PATH.test(input.unitPath)) return fail(400, 'SEARCH_UNIT_INVALID', '所选单位无效');
  const filters: EngineFilters = {
    unitPath: input.unitPath,
    domain: input.domain || undefined,
    category: input.category || undefined,
    type: input.type || undefined,
    archived: input.archived,
  };
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
 * Per-process memo of what a search needs besides the query itself (synonym groups, the
 * did-you-mean candidates, the indexed unit names). Only the cached path (cachedSearch) passes one,
 * and throws it away when the public version changes; plain search() reads them afresh.
 */
export interface SearchMemo {
  synonyms?: Promise<string[][]>;
  candidates?: Promise<Candidate[]>;
  units?: Promise<VocabularyWord[]>;
  /** Ranking and display rows already read under this version (engine.ts RowCache). */
  rows?: RowCache;
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
  ids: string[];
}

/** Points of the shared ranking: where a term matched (title 10, unit name 4, elsewhere 1, as the column weights were), literal title hits, 往期. */
const FIELD_TITLE = 10;
const FIELD_UNIT = 4;
const FIELD_OTHER = 1;
const TITLE_HIT = 8;
const ARCHIVED = 3;

/** The strings an alternative stands for: each phrase's characters (bigrams joined back), or its token. */
function altStrings(a: MatchAlt): string[] {
  return a.phrases.map((p) =>
    p.length === 1
      ? p[0]
      : p[0] +
        p
          .slice(1)
          .map((t) => Array.from(t).slice(1).join(''))
          .join(''),
  );
}

function pinyinStarts(keys: string, prefix: string): boolean {
  return keys.split(' ').some((k) => k.startsWith(prefix));
}

/** Part of a title hit for an alternative whose words are in the title but not side by side (残疾人两项补贴 ~ 残疾人补贴申请). */
const PARTIAL_TITLE = 0.6;

/**
 * Ranks the window from the narrow rows alone (no body, no index statistics): per term, the best
 * field one of its alternatives occurs in — title, unit name, else the body it matched in; part of
 * a title hit when the title holds most of an alternative's words — each term weighted by how rare
 * its title hits are among the rows (名单 is in many titles, 五保 in few); plus points when the
 * title contains the user's own words (an exact match above a synonym-only one), minus points for
 * 往期 documents (the current version of a recurring notice first); ties newest first (the order
 * of `rows`). Identical on both databases.
 */
export function rankWindow(rows: WindowRow[], plan: Pick<QueryPlan, 'terms' | 'bonusTerms'>, today: string): WindowRow[] {
  const alts = plan.terms.map((t) =>
    t.alts.map((a) => {
      const strings = a.prefix ? [] : altStrings(a);
      const words = strings.length === 1 && Array.from(strings[0]).length >= 3 ? cutWords(strings[0]).filter((w) => Array.from(w).length >= 2) : [];
      return { a, strings, words: words.length >= 2 ? words : [] };
    }),
  );
  // Titles and unit names as queries compare them, normalized once per row.
  const norm = rows.map((r) => ({ title: normalizeText(r.title), unit: normalizeText(r.unit_name) }));
  const fields = rows.map((r, i) => {
    const { title, unit } = norm[i];
    let titleKeys: string | null = null;
    return alts.map((term) => {
      let best = 0;
      for (const { a, strings, words } of term) {
        if (a.prefix) {
          titleKeys ??= analyzeName(r.title).pinyin;
          if (pinyinStarts(titleKeys, a.phrases[0][0]) || pinyinStarts(unitAnalysis(r.unit_name).pinyin, a.phrases[0][0])) best = Math.max(best, FIELD_UNIT);
          continue;
        }
        if (strings.every((w) => title.includes(w))) return FIELD_TITLE;
        if (strings.every((w) => unit.includes(w))) best = Math.max(best, FIELD_UNIT);
        else if (words.length) {
          const share = words.filter((w) => title.includes(w)).length / words.length;
          if (share >= 0.5) best = Math.max(best, FIELD_TITLE * PARTIAL_TITLE * share);
        }
      }
      return best || FIELD_OTHER;
    });
  });
  // A term in every title tells the rows apart less than one in a few.
  const weights = alts.map((_, t) => Math.log(1 + rows.length / (1 + fields.filter((f) => f[t] === FIELD_TITLE).length)));
  const top = Math.max(...weights, 1e-9);
  const scored = rows.map((r, i) => {
    const { title } = norm[i];
    let score = 0;
    fields[i].forEach((f, t) => (score += f * (0.5 + (0.5 * weights[t]) / top)));
    for (const t of plan.bonusTerms) if (title.includes(t)) score += TITLE_HIT;
    if (r.display_end !== null && r.display_end < today) score -= ARCHIVED;
    return { r, score, i };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map((s) => s.r);
}

/** Rows of the highest possible score: every term and every one of the user's words in the title, not 往期. */
function topScoreRows(rows: WindowRow[], plan: Pick<QueryPlan, 'terms' | 'bonusTerms'>, today: string): number {
  const alts = plan.terms.map((t) => t.alts.filter((a) => !a.prefix).map(altStrings));
  let n = 0;
  for (const r of rows) {
    if (r.display_end !== null && r.display_end < today) continue;
    const title = normalizeText(r.title);
    if (plan.bonusTerms.every((b) => title.includes(b)) && alts.every((term) => term.some((strings) => strings.every((w) => title.includes(w))))) n += 1;
  }
  return n;
}

/** Counts (capped) and finds one page: ranked within the window, newest first after it. */
async function runQuery(
  engine: SearchEngine,
  query: EngineQuery,
  plan: QueryPlan,
  sort: 'relevance' | 'date',
  limit: number,
  offset: number,
  opts: SearchOptions,
): Promise<Found> {
  const cap = opts.totalCap ?? TOTAL_CAP;
  const rankWindowSize = opts.rankWindow ?? RANK_WINDOW;
  // Read enough for both the count (cap + 1: more than the cap) and the window.
  const read = Math.max(cap + 1, sort === 'relevance' ? rankWindowSize : 0);
  const m = await engine.matches(query, read, sort === 'relevance' ? rankWindowSize : 0);
  const n = Math.min(m.count, cap + 1);
  const found: Found = { total: Math.min(n, cap), totalIsLowerBound: n > cap, ids: [] };
  if (n === 0) return found;
  if (sort === 'date') {
    found.ids = await engine.newest(query, limit, offset);
    return found;
  }
  // Positions 0 … window-1: the window ranked by relevance — the newest `window` matches plus the
  // newest ones with a query word in the title, the best `window` of them. Position p ≥ window:
  // the other matches, newest first.
  const window = m.window.length;
  if (!window) return found;
  let pool = m.window;
  // Older records with every word in the title are ranked too — unless the window already holds
  // enough records of the highest score for this page (an older one would only follow them).
  if (m.count > window && topScoreRows(m.window, plan, query.today) < offset + limit) {
    const ids = new Set(pool.map((r) => r.doc_id));
    pool = [...pool, ...(await engine.titled(query, rankWindowSize)).filter((r) => !ids.has(r.doc_id))];
    pool.sort((a, b) => (a.published_at !== b.published_at ? (a.published_at > b.published_at ? -1 : 1) : a.doc_id < b.doc_id ? -1 : 1));
  }
  const ranked = rankWindow(pool, plan, query.today)
    .slice(0, window)
    .map((r) => r.doc_id);
  if (offset < window) found.ids.push(...ranked.slice(offset, Math.min(offset + limit, window)));
  if (m.count > window && offset + limit > window) {
    const shown = new Set(ranked);
    const rest = (await engine.newest(query, offset + limit, 0)).filter((id) => !shown.has(id));
    const from = Math.max(offset, window) - window;
    found.ids.push(...rest.slice(from, offset + limit - window));
  }
  return found;
}

export async function search(ctx: SearchCtx, input: SearchInput, opts: SearchOptions = {}): Promise<Result<SearchResponse>> {
  const v = validateSearchInput(input);
  if (!v.ok) return v;
  const { q, filters, sort, page, pageSize } = v.value;
  const memo = opts.memo ?? {};
  const groups = await (memo.synonyms ??= loadSynonymTerms(ctx.db));
  const plan = planQuery(q, groups, await indexedSpellings(ctx.db, spellingKeys(q)));
  if (!plan.terms.length) return fail(400, 'SEARCH_QUERY_EMPTY', '搜索词太笼统，请换个说法，例如“低保名单”“惠农补贴”');
  // Rows are kept between queries only under a version (a memo passed by the caller: cachedSearch).
  const cache = opts.memo ? (memo.rows ??= newRowCache()) : undefined;
  const engine = searchEngine(ctx.dialect, ctx.db, cache);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const query: EngineQuery = { terms: plan.terms, mode: 'all', filters, now: now.toISOString(), today };
  const offset = (page - 1) * pageSize;
  let found = await runQuery(engine, query, plan, sort, pageSize, offset, opts);
  let relaxed = false;
  if (found.total === 0 && plan.terms.length > 1) {
    // Nothing has every word: show what has some of them, best first, and say so.
    found = await runQuery(engine, { ...query, mode: 'any' }, plan, sort, pageSize, offset, opts);
    relaxed = found.total > 0;
  }
  const byId = await displayRows(engine, found.ids, cache);
  const needles = [...new Set(plan.terms.flatMap((t) => t.alts.filter((a) => !a.prefix).map((a) => normalizeText(a.text))))].sort(
    (a, b) => b.length - a.length,
  );
  const items = found.ids
    .map((id) => byId.get(id))
    .filter((r): r is SearchRow => !!r)
    .map((r) => ({
      docId: r.doc_id,
      title: r.title,
      unitName: r.unit_name,
      publishedAt: r.published_at,
      url: r.url,
      snippet: snippetFor(r, needles, plan.letterChunks),
      archived: r.display_end !== null && r.display_end < today,
    }));
  // Also when only some words matched: a misspelt word is the likely reason.
  const suggestions = found.total === 0 || relaxed ? await zeroResultSuggestions(ctx.db, groups, plan, memo) : [];
  return ok({ total: found.total, totalIsLowerBound: found.totalIsLowerBound, page, pageSize, items, relaxed, suggestions });
}

/** The display rows (with excerpts) of the page, by doc id: from the row cache where it has them. */
async function displayRows(engine: SearchEngine, ids: string[], cache?: RowCache): Promise<Map<string, SearchRow>> {
  const out = new Map<string, SearchRow>();
  const missing: string[] = [];
  for (const id of ids) {
    const r = cache?.shown.get(id);
    if (r) out.set(id, r);
    else missing.push(id);
  }
  for (const r of await engine.rows(missing)) {
    out.set(r.doc_id, r);
    if (cache) remember(cache.shown, r.doc_id, r, ROW_CACHE_SHOWN_ROWS);
  }
  return out;
}

/** The earliest publication instant after `now` among indexed documents (a scheduled record): cached results expire then. */
export async function nextScheduledPublication(ctx: Pick<AppContext, 'db' | 'dialect'>, now: Date): Promise<string | null> {
  return searchEngine(ctx.dialect, ctx.db).nextPublication(now.toISOString());
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
 * Near-miss candidates: the most frequent title words of the vocabulary kept at index time, plus
 * synonyms and domain words (docs 0 unless indexed). Read once per public version (memo).
 */
async function loadCandidates(db: Executor, groups: string[][]): Promise<Candidate[]> {
  const out = new Map<string, Candidate>();
  for (const w of await commonWords(db, NEAR_MISS_WORDS)) out.set(w.word, { word: w.word, full: w.pinyin, initials: w.initials, docs: w.docs });
  for (const w of [...DOMAIN_WORDS, ...groups.flat()]) {
    if (out.has(w) || !/^\p{Script=Han}+$/u.test(w)) continue;
    const k = pinyinKeys(w);
    if (k.full) out.set(w, { word: w, full: k.full, initials: k.initials, docs: 0 });
  }
  return [...out.values()];
}

function bestCorrections(key: string, typed: string, cands: Candidate[], letters: boolean): string[] {
  const scored: { word: string; score: number; docs: number }[] = [];
  for (const c of cands) {
    if (c.word === typed) continue;
    let score = 0;
    if (c.full === key) score = 3;
    else if (letters && key.length >= 2 && c.initials === key) score = 2;
    else if (key.length >= 4 && Math.abs(c.full.length - key.length) <= 2 && withinEditDistance(c.full, key, key.length >= 9 ? 2 : 1)) score = 1;
    if (score) scored.push({ word: c.word, score, docs: c.docs });
  }
  scored.sort((a, b) => b.score - a.score || b.docs - a.docs || a.word.localeCompare(b.word));
  return [...new Set(scored.map((s) => s.word))].slice(0, 3);
}

async function zeroResultSuggestions(db: Executor, groups: string[][], plan: QueryPlan, memo: SearchMemo): Promise<string[]> {
  const common = await (memo.candidates ??= loadCandidates(db, groups));
  const out: string[] = [];
  // Did you mean: per typed word, the known words that sound the same (底保 → 低保) or whose
  // pinyin the letters spell; the whole query with each word replaced by its best correction first.
  // Exact spellings come from the vocabulary's pinyin/initials indexes, near misses from the memo.
  const withExact = async (key: string): Promise<Candidate[]> => {
    const exact = (await wordsSpelled(db, key)).map((w) => ({ word: w.word, full: w.pinyin, initials: w.initials, docs: w.docs }));
    return exact.length ? [...exact, ...common] : common;
  };
  const replacements = new Map<string, string[]>();
  for (const t of plan.hanTerms) {
    const key = pinyinKeys(t).full;
    const fixes = bestCorrections(key, t, await withExact(key), false);
    if (fixes.length) replacements.set(t, fixes);
  }
  for (const c of plan.letterChunks) {
    const fixes = bestCorrections(c, c, await withExact(c), true);
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

/** Unit names whose pinyin or initials match what was typed (卜胡 / buhu / bhsq → 卜湖社区). */
async function nearbyUnits(db: Executor, plan: QueryPlan, memo: SearchMemo): Promise<string[]> {
  const keys = [...plan.letterChunks.filter((c) => c.length >= 2), ...plan.hanTerms.map((t) => pinyinKeys(t).full).filter((k) => k.length >= 4)];
  if (!keys.length) return [];
  const units = await (memo.units ??= indexedUnits(db));
  return units
    .filter((u) => keys.some((k) => u.pinyin.includes(k) || u.initials.startsWith(k)))
    .map((u) => u.word)
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

/**
 * Up to 8 unit names and titles on display for what was typed (Chinese, pinyin or initials): unit
 * names from the vocabulary's indexes, then titles starting with the text, then titles containing
 * it (or with a word whose pinyin starts with the letters), newest first, from the full-text index.
 */
export async function suggest(ctx: SearchCtx, prefix: string): Promise<SuggestItem[]> {
  // Keep only what can match (Chinese, letters, digits).
  const runs = runsOf(String(prefix ?? '').slice(0, 50));
  const p = runs.map((r) => r.text).join('');
  if (!p) return [];
  const han = runs.some((r) => r.han);
  const pureHan = runs.length === 1 && runs[0].han;
  const letters = /^[a-z]+$/.test(p);
  const engine = searchEngine(ctx.dialect, ctx.db);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const today = chinaDate(now);
  const out: SuggestItem[] = [];
  const seen = new Set<string>();
  const add = (item: SuggestItem) => {
    if (out.length < MAX_SUGGESTIONS && !seen.has(`${item.kind}:${item.text}`)) {
      seen.add(`${item.kind}:${item.text}`);
      out.push(item);
    }
  };
  if (han || letters) for (const u of await unitsStartingWith(ctx.db, p, han, MAX_SUGGESTIONS)) add({ kind: 'unit', text: u });
  if (pureHan) {
    for (const t of await engine.suggestTitles(p, 'start', nowIso, today, MAX_SUGGESTIONS)) add({ kind: 'title', text: t.title, url: t.url });
    if (out.length < MAX_SUGGESTIONS)
      for (const t of await engine.suggestTitles(p, 'contains', nowIso, today, MAX_SUGGESTIONS)) add({ kind: 'title', text: t.title, url: t.url });
  } else if (letters && p.length >= 2) {
    for (const t of await engine.suggestTitles(p, 'pinyin', nowIso, today, MAX_SUGGESTIONS)) add({ kind: 'title', text: t.title, url: t.url });
  }
  return out;
}
