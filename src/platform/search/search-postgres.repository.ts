import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { analyzeDocument, facet, packExcerpt, unpackExcerpt, vocabularyOf, type AnalyzedDocument, type IndexFields } from './analyze.ts';
import {
  batches,
  inTransaction,
  safeToken,
  unitOfPath,
  type EngineQuery,
  type MatchAlt,
  type MatchSet,
  type SearchDocumentInput,
  type SearchEngine,
  type SearchRow,
  type TitleHit,
  type WindowRow,
} from './engine.ts';
import { bigrams, normalizeText } from './segment.ts';
import { VocabularyDeltas } from './vocabulary.repository.ts';

// PostgreSQL: the narrow table search_documents (no body) with two tsvectors built in JavaScript
// from the same tokens as SQLite's (no text search parser involved):
//   tsv       title (weight A) · unit name (B) · title pinyin (C) · body (D), with positions
//   tsv_names title · unit name · title pinyin only (what pinyin, initials and single characters match)
// each with a GIN index; search_texts holds the compressed excerpt. Ranking is shared with SQLite
// (search.ts rankWindow, over the narrow rows): no ts_rank, which would read every tsvector.

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

function vectors(f: IndexFields, publishedAt: string): { tsv: string; names: string } {
  const names: [string, 'A' | 'B' | 'C' | 'D'][] = [
    [f.title, 'A'],
    [f.unit, 'B'],
    [f.tpy, 'C'],
  ];
  // Filter keys and the publication month, without positions, in both vectors: a filter or a
  // time bucket is then part of the one GIN search instead of a second index to combine.
  const keys = [...f.facets.split(' '), monthKey(publishedAt)].map((k) => `'${k}'`).join(' ');
  return { tsv: `${tsvectorLiteral([...names, [f.body, 'D']])}${keys}`, names: `${tsvectorLiteral(names)}${keys}` };
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

function altQuery(a: MatchAlt): string {
  if (a.prefix) return `'${safeToken(a.phrases[0][0])}':*`;
  const phrases = a.phrases.map((p) => (p.length === 1 ? `'${safeToken(p[0])}'` : `(${p.map((t) => `'${safeToken(t)}'`).join(' <-> ')})`));
  return phrases.length === 1 ? phrases[0] : `(${phrases.join(' & ')})`;
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

/**
 * The match condition. Terms whose alternatives all match the full text make one tsquery on tsv
 * (one GIN search, filter keys included); a term with name-only alternatives (pinyin, initials,
 * single characters) matches tsv or tsv_names.
 */
function matchSql(q: EngineQuery, months: string[] | null): RawBuilder<unknown> {
  const keys = keysQuery(q, months);
  const withKeys = (expr: string) => (keys ? `(${expr}) & ${keys}` : expr);
  const join = q.mode === 'all' ? ' & ' : ' | ';
  const textOnly = q.terms.every((t) => t.alts.every((a) => a.fields === 'text' && !a.prefix));
  if (textOnly) return sql`d.tsv @@ ${withKeys(q.terms.map((t) => `(${t.alts.map(altQuery).join(' | ')})`).join(join))}::tsquery`;
  const terms = q.terms.map((t) => {
    const text = t.alts.filter((a) => a.fields === 'text' && !a.prefix).map(altQuery);
    const names = t.alts.filter((a) => a.fields === 'names' || a.prefix).map(altQuery);
    const parts: RawBuilder<unknown>[] = [];
    if (text.length) parts.push(sql`d.tsv @@ ${withKeys(text.join(' | '))}::tsquery`);
    if (names.length) parts.push(sql`d.tsv_names @@ ${withKeys(names.join(' | '))}::tsquery`);
    return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
  });
  return sql`(${sql.join(terms, q.mode === 'all' ? sql` and ` : sql` or `)})`;
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

function whereSql(q: EngineQuery, months: string[] | null = null): RawBuilder<unknown> {
  return sql`${matchSql(q, months)} and ${rowSql(q)}`;
}

/**
 * Time buckets for "newest first": the newest months first, widening (2, 6, 18 months, then all),
 * so the newest matches of a common word come from a few thousand documents instead of sorting
 * every match. Exact: a bucket holding `limit` matches holds the newest `limit`.
 */
function buckets(q: EngineQuery): (string[] | null)[] {
  const newest = q.filters.toInstant && q.filters.toInstant <= q.now ? q.filters.toInstant : q.now;
  const oldest = q.filters.fromInstant ?? '2000-01-01T00:00:00.000Z';
  const all = monthsBetween(newest, oldest);
  const out: (string[] | null)[] = [];
  for (const n of [2, 6, 18]) if (n < all.length) out.push(all.slice(0, n));
  out.push(null);
  return out;
}

export class PostgresSearchEngine implements SearchEngine {
  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    const analyzed = new Map<string, AnalyzedDocument>();
    for (const d of docs) analyzed.set(d.docId, analyzeDocument(d, now));
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

  /** Upserts up to a few hundred analyzed documents in two statements. */
  async #write(trx: Executor, list: AnalyzedDocument[]): Promise<void> {
    const rows = list.map((a) => {
      const v = vectors(a.fields, a.row.published_at);
      const r = a.row;
      return sql`(${r.doc_id}, ${r.type}, ${r.unit_code}, ${r.unit_path}, ${r.unit_name}, ${r.domain}, ${r.category}, ${r.title}, ${r.url}, ${r.published_at}, ${r.display_end}, ${r.updated_at}, ${v.tsv}::tsvector, ${v.names}::tsvector)`;
    });
    await sql`insert into search_documents (doc_id, type, unit_code, unit_path, unit_name, domain, category, title, url, published_at, display_end, updated_at, tsv, tsv_names)
      values ${sql.join(rows)}
      on conflict (doc_id) do update set type = excluded.type, unit_code = excluded.unit_code, unit_path = excluded.unit_path, unit_name = excluded.unit_name,
        domain = excluded.domain, category = excluded.category, title = excluded.title, url = excluded.url, published_at = excluded.published_at,
        display_end = excluded.display_end, updated_at = excluded.updated_at, tsv = excluded.tsv, tsv_names = excluded.tsv_names`.execute(trx);
    const texts = list.map((a) => sql`(${a.row.doc_id}, ${packExcerpt(a.excerpt)})`);
    await sql`insert into search_texts (doc_id, text) values ${sql.join(texts)} on conflict (doc_id) do update set text = excluded.text`.execute(trx);
  }

  async remove(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      for (let i = 0; i < docIds.length; i += 500) {
        const ids = docIds.slice(i, i + 500);
        const old = await trx.deleteFrom('search_documents').where('doc_id', 'in', ids).returning(['title', 'unit_name']).execute();
        for (const o of old) vocab.add(vocabularyOf(o), -1);
        await trx.deleteFrom('search_texts').where('doc_id', 'in', ids).execute();
      }
      await vocab.flush(trx);
    });
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`truncate search_documents, search_texts, search_vocabulary`.execute(trx);
      // Bulk load: the GIN indexes are built once at the end (several times faster than per row).
      await sql`drop index if exists search_documents_tsv_idx`.execute(trx);
      await sql`drop index if exists search_documents_tsv_names_idx`.execute(trx);
      const vocab = new VocabularyDeltas();
      for await (const batch of batches(docs, 200)) {
        const analyzed = new Map<string, AnalyzedDocument>();
        for (const d of batch) analyzed.set(d.docId, analyzeDocument(d, now));
        const list = [...analyzed.values()];
        await this.#write(trx, list);
        for (const a of list) vocab.add(a.vocabulary, 1);
        n += batch.length;
        if (n % 10_000 < batch.length) await vocab.flush(trx);
      }
      await vocab.flush(trx);
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(trx);
      await sql`create index search_documents_tsv_names_idx on search_documents using gin (tsv_names)`.execute(trx);
    });
    await sql`analyze search_documents`.execute(this.db);
    return n;
  }

  /**
   * The capped count (unordered, the scan stops at `cap`) and the newest `window` matches (time
   * buckets, see buckets()).
   */
  async matches(q: EngineQuery, cap: number, window: number): Promise<MatchSet> {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from search_documents d where ${whereSql(q)} limit ${cap}) s`.execute(this.db);
    const count = Number(r.rows[0]?.n ?? 0);
    if (!count || !window) return { count, window: [] };
    return { count, window: await this.#newestRows(q, Math.min(window, count), count < cap) };
  }

  async #newestRows(q: EngineQuery, limit: number, allKnown: boolean): Promise<WindowRow[]> {
    // With fewer matches than the cap the whole set is small: one ordered read.
    const list = allKnown ? [null] : buckets(q);
    for (const months of list) {
      const res = await sql<WindowRow>`
        select d.doc_id, d.title, d.unit_name, d.published_at, d.display_end from search_documents d where ${whereSql(q, months)}
        order by d.published_at desc, d.doc_id limit ${limit}`.execute(this.db);
      if (res.rows.length >= limit || months === null) return res.rows;
    }
    return [];
  }

  async titled(q: EngineQuery, window: number): Promise<WindowRow[]> {
    const names = q.terms
      .flatMap((t) => t.alts)
      .map(altQuery)
      .join(' | ');
    for (const months of buckets(q)) {
      const res = await sql<WindowRow>`
        select d.doc_id, d.title, d.unit_name, d.published_at, d.display_end from search_documents d
        where ${whereSql(q, months)} and d.tsv_names @@ ${names}::tsquery
        order by d.published_at desc, d.doc_id limit ${window}`.execute(this.db);
      if (res.rows.length >= window || months === null) return res.rows;
    }
    return [];
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<string[]> {
    const rows = await this.#newestRows(q, offset + limit, false);
    return rows.slice(offset, offset + limit).map((r) => r.doc_id);
  }

  async rows(docIds: string[]): Promise<SearchRow[]> {
    if (!docIds.length) return [];
    const res = await this.db
      .selectFrom('search_documents as d')
      .innerJoin('search_texts as t', 't.doc_id', 'd.doc_id')
      .select(['d.doc_id', 'd.title', 'd.unit_name', 'd.published_at', 'd.url', 'd.display_end', 't.text'])
      .where('d.doc_id', 'in', docIds)
      .execute();
    return res.map(({ text, ...r }) => ({ ...r, excerpt: unpackExcerpt(text as Uint8Array) }));
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
    const r = await sql<{ t: string | null }>`select min(published_at) as t from search_documents where published_at > ${now}`.execute(this.db);
    return r.rows[0]?.t ?? null;
  }
}
