import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { analyzeDocument, facet, vocabularyOf, type AnalyzedDocument, type IndexFields } from './analyze.ts';
import {
  batches,
  inTransaction,
  safeToken,
  unitOfPath,
  type EngineQuery,
  type MatchAlt,
  type MatchSet,
  type MatchTerm,
  type SearchDocumentInput,
  type SearchEngine,
  type SearchRow,
  type TitleHit,
  type WindowRow,
} from './engine.ts';
import { bigrams, normalizeText } from './segment.ts';
import { VocabularyDeltas } from './vocabulary.repository.ts';

// PostgreSQL: the narrow table search_documents (no body tsvector; migration 20261212_0300):
//   tsv_names  title (weight A) · unit name (B) · title pinyin (C), with positions, plus the filter
//              keys and the publication month; built in JavaScript from the same tokens as SQLite's
//   excerpt    the excerpt snippets come from (text, compressed by PostgreSQL)
// The GIN index search_documents_match_idx holds tsv_names || gongkai_search_body(excerpt): the
// body's tokens (bigrams, ASCII runs) computed in SQL, without positions, stored only in the index.
// A query asks it for the documents holding every token of a word (no recheck: the tsquery has no
// positions or weights); where a word is a phrase (three characters or more, or a name-only
// alternative) the rows it keeps are then checked: the phrase in tsv_names or as a substring of the
// excerpt. tsv_names has its own GIN index (pinyin, initials, title hits, type-ahead). Ranking is
// shared with SQLite (search.ts rankWindow, over the narrow rows): no ts_rank.

/** tsvector limits: positions up to 16383, at most 256 positions per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Positions between fields, so that a phrase never runs from one field into the next. */
const FIELD_GAP = 64;

/** tsvector literal of the fields in order, each with its weight; `'tok':1A,7A 'x':2B …`. */
function tsvectorLiteral(fields: [string, 'A' | 'B' | 'C' | 'D'][]): string {
  const lex = new Map<string, string[]>();
  let pos = 1;
  for (const [text, weight] of fields) {
    if (!text) continue;
    for (const tok of text.split(' ')) {
      if (pos > MAX_POSITION) break;
      let list = lex.get(tok);
      if (!list) lex.set(tok, (list = []));
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
      pos += 1;
    }
    pos += FIELD_GAP;
  }
  let out = '';
  for (const [tok, list] of lex) out += `'${tok}':${list.join(',')} `;
  return out;
}

/** tsv_names: title, unit name and title pinyin with positions; the filter keys and the publication month without. */
function namesVector(f: IndexFields, publishedAt: string): string {
  // Filter keys and the month are lexemes of the match index too (tsv_names is part of it): a
  // filter or a time bucket is then part of the one GIN search instead of a second index to combine.
  const keys = [...f.facets.split(' '), monthKey(publishedAt)].map((k) => `'${k}'`).join(' ');
  return `${tsvectorLiteral([
    [f.title, 'A'],
    [f.unit, 'B'],
    [f.tpy, 'C'],
  ])}${keys}`;
}

/** Publication month key: `p202611` (UTC month of the stored instant). */
function monthKey(instant: string): string {
  return `p${instant.slice(0, 4)}${instant.slice(5, 7)}`;
}

/** The month keys from the month of `newest` back to the month of `oldest` (both ISO instants), newest first. */
function monthsBetween(newest: string, oldest: string): string[] {
  const out: string[] = [];
  let y = Number(newest.slice(0, 4));
  let m = Number(newest.slice(5, 7));
  const oy = Number(oldest.slice(0, 4));
  const om = Number(oldest.slice(5, 7));
  while (y > oy || (y === oy && m >= om)) {
    out.push(`p${y}${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** The display-end keys of documents on display on `today` (see the SQLite engine). */
function onDisplayKeys(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out = [facet.endNone];
  for (let mm = m; mm <= 12; mm += 1) out.push(facet.endMonth(`${y}${String(mm).padStart(2, '0')}`));
  for (let yy = y + 1; yy <= y + 30; yy += 1) out.push(facet.endYear(String(yy)));
  return out;
}

/** The filter keys of a query as a tsquery conjunction, or '' (months: a time bucket, newest months). */
function keysQuery(q: EngineQuery, months: string[] | null): string {
  const f = q.filters;
  const keys: string[] = [];
  if (f.unitPath) keys.push(`'${facet.unit(unitOfPath(f.unitPath))}'`);
  if (f.type) keys.push(`'${facet.type(f.type)}'`);
  if (f.domain) keys.push(`'${facet.domain(f.domain)}'`);
  if (f.category) keys.push(`'${facet.category(f.category)}'`);
  if (f.archived !== undefined) {
    const current = `(${onDisplayKeys(q.today)
      .map((k) => `'${k}'`)
      .join(' | ')})`;
    keys.push(f.archived ? `!${current}` : current);
  }
  if (months) keys.push(`(${months.map((m) => `'${m}'`).join(' | ')})`);
  return keys.join(' & ');
}

/** The indexed expression of search_documents_match_idx (the planner matches it as written). */
const MATCH = sql.raw(`(d.tsv_names || gongkai_search_body(d.excerpt))`);

/** `\p{Script=Han}` as the ranges of a regular-expression bracket, as migration 20261212_0300 wrote them into gongkai_search_body. */
export function hanBracket(): string {
  const han = /^\p{Script=Han}$/u;
  let out = '';
  let start = -1;
  for (let c = 0; c <= 0x110000; c += 1) {
    const is = c < 0x110000 && (c < 0xd800 || c > 0xdfff) && han.test(String.fromCodePoint(c));
    if (is && start < 0) start = c;
    if (!is && start >= 0) {
      out += c - 1 === start ? String.fromCodePoint(start) : `${String.fromCodePoint(start)}-${String.fromCodePoint(c - 1)}`;
      start = -1;
    }
  }
  return out;
}

let hanClass: string | null = null;
const HAN_CHAR = /^\p{Script=Han}/u;
const lexeme = (t: string) => `'${safeToken(t)}'`;

/** A phrase as a tsquery with positions (checked against tsv_names). */
function phraseQuery(p: string[]): string {
  return p.length === 1 ? lexeme(p[0]) : `(${p.map(lexeme).join(' <-> ')})`;
}

/** What the match index answers for an alternative: all of its tokens (the index has no positions), or the prefix. */
function altTokens(a: MatchAlt): string {
  if (a.prefix) return `${lexeme(a.phrases[0][0])}:*`;
  const tokens = [...new Set(a.phrases.flat())].map(lexeme);
  return tokens.length === 1 ? tokens[0] : `(${tokens.join(' & ')})`;
}

function termTokens(t: MatchTerm): string {
  const alts = [...new Set(t.alts.map(altTokens))];
  return alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`;
}

/** A term the match index answers exactly: every alternative one token, allowed anywhere. */
function answeredByIndex(t: MatchTerm): boolean {
  return t.alts.every((a) => !a.prefix && a.fields === 'text' && a.phrases.length === 1 && a.phrases[0].length === 1);
}

/**
 * The Han characters of a phrase of bigrams that overlap (务公 公开 → 务公开): the phrase matches the
 * body exactly where this string occurs. null for any other phrase.
 */
function bigramChain(p: string[]): string | null {
  let out = '';
  for (const t of p) {
    const chars = Array.from(t);
    if (chars.length !== 2 || !HAN_CHAR.test(chars[0]) || !HAN_CHAR.test(chars[1])) return null;
    if (!out) out = t;
    else if (Array.from(out).pop() === chars[0]) out += chars[1];
    else return null;
  }
  return out || null;
}

/**
 * A phrase of the segmenter's tokens as a case-insensitive regular expression over the excerpt:
 * the tokens where the segmenter would produce them one after the other — an ASCII token a whole
 * letter/digit run, a single Han character a run of one, overlapping bigrams one Han run, and
 * between two tokens of different runs only characters that make no token.
 */
function phraseRegex(p: string[]): string {
  hanClass ??= hanBracket();
  const H = hanClass;
  type Seg = { kind: 'han' | 'single' | 'ascii'; text: string };
  const segs: Seg[] = [];
  for (const t of p) {
    const chars = Array.from(t);
    const last = segs[segs.length - 1];
    if (!HAN_CHAR.test(t)) segs.push({ kind: 'ascii', text: t });
    else if (chars.length === 1) segs.push({ kind: 'single', text: t });
    else if (last?.kind === 'han' && Array.from(last.text).pop() === chars[0]) last.text += chars.slice(1).join('');
    else segs.push({ kind: 'han', text: t });
  }
  const sep = (a: Seg, b: Seg) => ((a.kind === 'ascii') !== (b.kind === 'ascii') ? `[^${H}a-z0-9]*` : `[^${H}a-z0-9]+`);
  let re = '';
  segs.forEach((s, i) => {
    if (i > 0) re += sep(segs[i - 1], s);
    else if (s.kind === 'ascii') re += '(^|[^a-z0-9])';
    else if (s.kind === 'single') re += `(^|[^${H}])`;
    re += s.text;
  });
  const end = segs[segs.length - 1];
  if (end.kind === 'ascii') re += '([^a-z0-9]|$)';
  else if (end.kind === 'single') re += `([^${H}]|$)`;
  return re;
}

/** The phrase in the body: a substring of the excerpt (the body's tokens are its text's). */
function bodyHas(p: string[]): RawBuilder<unknown> {
  const chain = bigramChain(p);
  return chain ? sql`strpos(d.excerpt, ${chain}) > 0` : sql`d.excerpt ~* ${phraseRegex(p)}`;
}

/** Exactly where the alternative may match: names and prefixes in tsv_names; text in tsv_names or the body, each phrase within one field. */
function altExact(a: MatchAlt): RawBuilder<unknown> {
  if (a.prefix) return sql`d.tsv_names @@ ${altTokens(a)}::tsquery`;
  if (a.fields === 'names') return sql`d.tsv_names @@ ${a.phrases.map(phraseQuery).join(' & ')}::tsquery`;
  return sql.join(
    a.phrases.map((p) => sql`(d.tsv_names @@ ${phraseQuery(p)}::tsquery or ${bodyHas(p)})`),
    sql` and `,
  );
}

function termExact(t: MatchTerm): RawBuilder<unknown> {
  return t.alts.length === 1 ? altExact(t.alts[0]) : sql`(${sql.join(t.alts.map(altExact), sql` or `)})`;
}

/**
 * A query as the match index's tsquery (every term's tokens, the filter keys, a bucket's months)
 * and the check of the rows it returns (null: the index answers exactly).
 */
interface MatchParts {
  index: (months: string[] | null) => string;
  exact: RawBuilder<unknown> | null;
  /**
   * Tokens tsv_names must hold as well (titled: some word of the query): read from its own GIN index
   * together with the match index (a BitmapAnd; neither needs a recheck). A lateral value, like the
   * bucket's tsquery, so the planner estimates both alike and never filters rows by computing the
   * match expression. With the bucket's filter keys and months added, as the match index's query.
   */
  names?: string;
  /**
   * A query whose matches are some of the query's, answered by the index alone (every term's
   * one-token alternatives): when it already reaches the cap, the count needs no check.
   */
  subset?: (months: string[] | null) => string;
}

function matchParts(q: EngineQuery): MatchParts {
  const terms = q.terms.map(termTokens);
  const text = q.mode === 'all' ? terms.join(' & ') : terms.length === 1 ? terms[0] : `(${terms.join(' | ')})`;
  const index = (months: string[] | null) => {
    const keys = keysQuery(q, months);
    return keys ? `${text} & ${keys}` : text;
  };
  let exact: RawBuilder<unknown> | null = null;
  // Terms that match only titles and unit names (pinyin, initials): their tokens from the small
  // tsv_names index too, instead of every document whose body holds the words they spell.
  const namesOnly = q.mode === 'all' ? q.terms.filter((t) => t.alts.every((a) => a.prefix || a.fields === 'names')).map(termTokens) : [];
  const names = namesOnly.length ? namesOnly.join(' & ') : undefined;
  if (q.mode === 'all') {
    const checked = q.terms.filter((t) => !answeredByIndex(t)).map(termExact);
    if (checked.length) exact = sql.join(checked, sql` and `);
  } else if (!q.terms.every(answeredByIndex)) exact = sql`(${sql.join(q.terms.map(termExact), sql` or `)})`;
  let subset: MatchParts['subset'];
  if (exact && q.mode === 'all') {
    const plain = q.terms.map((t) => t.alts.filter((a) => answeredByIndex({ text: t.text, alts: [a] })).map(altTokens));
    if (plain.every((alts) => alts.length)) {
      const text = plain.map((alts) => (alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`)).join(' & ');
      subset = (months) => {
        const keys = keysQuery(q, months);
        return keys ? `${text} & ${keys}` : text;
      };
    }
  }
  return { index, exact, names, subset };
}

/** The exact conditions on the narrow row (the keys only narrow to the month). */
function rowSql(q: EngineQuery): RawBuilder<unknown> {
  const f = q.filters;
  const c: RawBuilder<unknown>[] = [f.toInstant && f.toInstant <= q.now ? sql`d.published_at < ${f.toInstant}` : sql`d.published_at <= ${q.now}`];
  if (f.fromInstant) c.push(sql`d.published_at >= ${f.fromInstant}`);
  if (f.archived === true) c.push(sql`d.display_end < ${q.today}`);
  if (f.archived === false) c.push(sql`(d.display_end is null or d.display_end >= ${q.today})`);
  return sql.join(c, sql` and `);
}

/** A time bucket: publication months (keys of the match index), or everything published before `before`. */
interface Bucket {
  months: string[] | null;
  before: string | null;
}

/**
 * Disjoint time buckets, newest first: the newest month, the two before it, then 6 and 18 months,
 * then everything older. Read in this order, the newest matches of a common word come from the
 * first bucket (a few thousand documents) instead of all of its matches; read to the end, they are
 * every match once.
 */
function bucketsOf(q: EngineQuery): Bucket[] {
  const newest = q.filters.toInstant && q.filters.toInstant <= q.now ? q.filters.toInstant : q.now;
  const oldest = q.filters.fromInstant ?? '2000-01-01T00:00:00.000Z';
  const all = monthsBetween(newest, oldest);
  const out: Bucket[] = [];
  let i = 0;
  for (const n of [1, 2, 6, 18]) {
    if (i + n >= all.length) break;
    out.push({ months: all.slice(i, i + n), before: null });
    i += n;
  }
  // The rest: its months' keys when a start date bounds them (the index then reads only those
  // months), else everything published before the oldest month read so far.
  const rest = all.slice(i);
  if (q.filters.fromInstant && rest.length <= 120) out.push({ months: rest, before: null });
  else {
    const m = i ? all[i - 1] : null;
    out.push({ months: null, before: m ? `${m.slice(1, 5)}-${m.slice(5, 7)}-01T00:00:00.000Z` : null });
  }
  return out;
}

/** The buckets as a VALUES list (tsquery, before[, tsv_names tokens]): read in order by a lateral join. */
function bucketValues(q: EngineQuery, parts: MatchParts): RawBuilder<unknown> {
  const buckets = bucketsOf(q);
  const n = parts.names;
  const rows = buckets.map((b) => {
    const keys = keysQuery(q, b.months);
    return n
      ? sql`(${parts.index(b.months)}::tsquery, ${b.before}::text, ${keys ? `${n} & ${keys}` : n}::tsquery)`
      : sql`(${parts.index(b.months)}::tsquery, ${b.before}::text)`;
  });
  return n ? sql`(values ${sql.join(rows)}) b(q, before, n)` : sql`(values ${sql.join(rows)}) b(q, before)`;
}

const WINDOW_COLUMNS = sql.raw('d.doc_id, d.title, d.unit_name, d.published_at, d.display_end');

export class PostgresSearchEngine implements SearchEngine {
  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    const analyzed = new Map<string, AnalyzedDocument>();
    for (const d of docs) analyzed.set(d.docId, analyzeDocument(d, now, false));
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      const ids = [...analyzed.keys()];
      for (let i = 0; i < ids.length; i += 500) {
        const old = await trx
          .selectFrom('search_documents')
          .select(['title', 'unit_name'])
          .where('doc_id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const o of old) vocab.add(vocabularyOf(o), -1);
      }
      const list = [...analyzed.values()];
      for (let i = 0; i < list.length; i += 100) await this.#write(trx, list.slice(i, i + 100));
      for (const a of list) vocab.add(a.vocabulary, 1);
      await vocab.flush(trx);
    });
  }

  /** Upserts up to a few hundred analyzed documents in one statement. */
  async #write(trx: Executor, list: AnalyzedDocument[]): Promise<void> {
    const rows = list.map((a) => {
      const r = a.row;
      return sql`(${r.doc_id}, ${r.type}, ${r.unit_code}, ${r.unit_path}, ${r.unit_name}, ${r.domain}, ${r.category}, ${r.title}, ${r.url}, ${r.published_at}, ${r.display_end}, ${r.updated_at}, ${namesVector(a.fields, r.published_at)}::tsvector, ${a.excerpt})`;
    });
    await sql`insert into search_documents (doc_id, type, unit_code, unit_path, unit_name, domain, category, title, url, published_at, display_end, updated_at, tsv_names, excerpt)
      values ${sql.join(rows)}
      on conflict (doc_id) do update set type = excluded.type, unit_code = excluded.unit_code, unit_path = excluded.unit_path, unit_name = excluded.unit_name,
        domain = excluded.domain, category = excluded.category, title = excluded.title, url = excluded.url, published_at = excluded.published_at,
        display_end = excluded.display_end, updated_at = excluded.updated_at, tsv_names = excluded.tsv_names, excerpt = excluded.excerpt`.execute(trx);
  }

  async remove(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      for (let i = 0; i < docIds.length; i += 500) {
        const old = await trx
          .deleteFrom('search_documents')
          .where('doc_id', 'in', docIds.slice(i, i + 500))
          .returning(['title', 'unit_name'])
          .execute();
        for (const o of old) vocab.add(vocabularyOf(o), -1);
      }
      await vocab.flush(trx);
    });
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`truncate search_documents, search_vocabulary`.execute(trx);
      // Bulk load: the GIN indexes are built once at the end (several times faster than per row).
      await sql`drop index if exists search_documents_match_idx`.execute(trx);
      await sql`drop index if exists search_documents_tsv_names_idx`.execute(trx);
      const vocab = new VocabularyDeltas();
      for await (const batch of batches(docs, 200)) {
        const analyzed = new Map<string, AnalyzedDocument>();
        for (const d of batch) analyzed.set(d.docId, analyzeDocument(d, now, false));
        const list = [...analyzed.values()];
        await this.#write(trx, list);
        for (const a of list) vocab.add(a.vocabulary, 1);
        n += batch.length;
        if (n % 10_000 < batch.length) await vocab.flush(trx);
      }
      await vocab.flush(trx);
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      await sql`create index search_documents_match_idx on search_documents using gin ((tsv_names || gongkai_search_body(excerpt)))`.execute(trx);
      await sql`create index search_documents_tsv_names_idx on search_documents using gin (tsv_names)`.execute(trx);
    });
    await sql`analyze search_documents`.execute(this.db);
    return n;
  }

  /**
   * The capped count and the newest `window` matches, in one statement: both read the buckets in
   * order (a lateral join over them) and stop as soon as they have enough.
   */
  async matches(q: EngineQuery, cap: number, window: number): Promise<MatchSet> {
    const parts = matchParts(q);
    const countOf = (p: MatchParts) =>
      sql`(select count(*) from (select 1 from ${bucketValues(q, p)} cross join lateral (${this.#checked(q, p, sql`1`, null, cap)}) m limit ${cap}) c)`;
    // A common word with synonyms: its one-token alternatives alone often reach the cap, unchecked
    // (CASE evaluates the checked count only when they do not).
    const count = parts.subset
      ? sql`(select case when ${countOf({ index: parts.subset, exact: null, names: parts.names })} >= ${cap} then ${cap}::bigint else ${countOf(parts)} end)`
      : countOf(parts);
    if (!window) {
      const r = await sql<{ n: string }>`select ${count} as n`.execute(this.db);
      return { count: Number(r.rows[0]?.n ?? 0), window: [] };
    }
    const res = await sql<WindowRow & { n: string }>`
      select c.n, w.* from (select ${count} as n) c left join lateral (${this.#windowSql(q, parts, window)}) w on true`.execute(this.db);
    const n = Number(res.rows[0]?.n ?? 0);
    return { count: n, window: res.rows.filter((r) => r.doc_id !== null).map(({ n: _n, ...r }) => r) };
  }

  /**
   * One bucket's matches (inside the lateral join over the buckets, alias b): the rows the match
   * index returns for the bucket, then — outside an optimization fence (offset 0), so that no
   * condition of the check is ever combined with the index scan (a BitmapAnd with the tsv_names
   * index would make PostgreSQL recheck the expression, i.e. compute the body's tokens, on every
   * row) — the phrase check; `order`: sorted newest first before the check, which then runs only
   * until `limit` rows pass.
   */
  #checked(q: EngineQuery, parts: MatchParts, columns: RawBuilder<unknown>, order: RawBuilder<unknown> | null, limit: number): RawBuilder<unknown> {
    const names = parts.names ? sql` and d.tsv_names @@ b.n` : sql``;
    const where = sql`${MATCH} @@ b.q${names} and ${rowSql(q)} and (b.before is null or d.published_at < b.before)`;
    if (!parts.exact) return sql`select ${columns} from search_documents d where ${where} ${order ?? sql``} limit ${limit}`;
    return sql`select ${columns} from (select ${WINDOW_COLUMNS}, d.tsv_names, d.excerpt from search_documents d where ${where} ${order ?? sql``} offset 0) d
      where ${parts.exact} limit ${limit}`;
  }

  /** The newest `limit` matches, newest first (buckets in order, each sorted before it is checked). */
  #windowSql(q: EngineQuery, parts: MatchParts, limit: number): RawBuilder<unknown> {
    const perBucket = this.#checked(q, parts, WINDOW_COLUMNS, sql`order by d.published_at desc, d.doc_id`, limit);
    return sql`select w.* from ${bucketValues(q, parts)} cross join lateral (${perBucket}) w limit ${limit}`;
  }

  async titled(q: EngineQuery, window: number): Promise<WindowRow[]> {
    const alts = q.terms.flatMap((t) => t.alts);
    const names = alts.map((a) => (a.prefix ? altTokens(a) : a.phrases.map(phraseQuery).join(' & '))).join(' | ');
    // Some word in tsv_names: its tokens from the tsv_names index, the phrases checked after it.
    const parts = matchParts(q);
    const inNames = sql`d.tsv_names @@ ${names}::tsquery`;
    const titledParts: MatchParts = {
      index: parts.index,
      names: [parts.names, `(${[...new Set(alts.map(altTokens))].join(' | ')})`].filter(Boolean).join(' & '),
      exact: parts.exact ? sql`${parts.exact} and ${inNames}` : inNames,
    };
    const res = await sql<WindowRow>`${this.#windowSql(q, titledParts, window)}`.execute(this.db);
    return res.rows;
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<string[]> {
    const res = await sql<WindowRow>`${this.#windowSql(q, matchParts(q), offset + limit)}`.execute(this.db);
    return res.rows.slice(offset, offset + limit).map((r) => r.doc_id);
  }

  async rows(docIds: string[]): Promise<SearchRow[]> {
    if (!docIds.length) return [];
    const res = await sql<SearchRow>`
      select d.doc_id, d.title, d.unit_name, d.published_at, d.url, d.display_end, d.excerpt from search_documents d where d.doc_id = any(${docIds}::text[])`.execute(
      this.db,
    );
    return res.rows;
  }

  async suggestTitles(text: string, how: 'start' | 'contains' | 'pinyin', now: string, today: string, limit: number): Promise<TitleHit[]> {
    let cond: RawBuilder<unknown>;
    if (how === 'pinyin') cond = sql`d.tsv_names @@ ${`'${safeToken(text)}':*C`}::tsquery`;
    else {
      const chars = Array.from(normalizeText(text));
      const tokens = chars.length === 1 ? [chars[0]] : bigrams(chars.join(''));
      const query = tokens.length === 1 ? `'${safeToken(tokens[0])}':A` : tokens.map((t) => `'${safeToken(t)}':A`).join(' <-> ');
      cond = sql`d.tsv_names @@ ${query}::tsquery`;
      // Starting with the text: the title's first characters (the title is short).
      if (how === 'start') cond = sql`${cond} and starts_with(lower(d.title), ${chars.join('')})`;
    }
    const res = await sql<TitleHit>`
      select d.title, d.url from search_documents d
      where ${cond} and d.published_at <= ${now} and (d.display_end is null or d.display_end >= ${today})
      order by d.published_at desc, d.doc_id limit ${limit}`.execute(this.db);
    return res.rows;
  }

  async nextPublication(now: string): Promise<string | null> {
    // search_documents_published_idx is on this expression (see migration 20261212_0300).
    const r = await sql<{ t: string | null }>`select min(published_at || '') as t from search_documents where published_at || '' > ${now}`.execute(this.db);
    return r.rows[0]?.t ?? null;
  }
}
