import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { analyzeDocument, packExcerpt, unpackExcerpt, vocabularyOf, type AnalyzedDocument, type IndexFields } from './analyze.ts';
import {
  batches, inTransaction, safeToken,
  type EngineQuery, type MatchAlt, type MatchTerm, type SearchDocumentInput, type SearchEngine, type SearchRow, type TitleHit, type WindowRow,
} from './engine.ts';
import { bigrams, normalizeText } from './segment.ts';
import { VocabularyDeltas } from './vocabulary.ts';

// PostgreSQL: the narrow table search_documents (no body) with two tsvectors built in JavaScript
// from the same tokens as SQLite's (no text search parser involved):
//   tsv       title (weight A) · unit name (B) · title pinyin (C) · body (D), with positions
//   tsv_names title · unit name · title pinyin only (what pinyin, initials and single characters match)
// each with a GIN index; search_texts holds the compressed excerpt. ts_rank with the weights
// {D 0.1, C 0.4, B 0.4, A 1.0} mirrors SQLite's bm25 column weights (body 1, pinyin 4, unit 4, title 10).

const RANK_WEIGHTS = '{0.1, 0.4, 0.4, 1.0}';
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

function vectors(f: IndexFields): { tsv: string; names: string } {
  const names: [string, 'A' | 'B' | 'C' | 'D'][] = [[f.title, 'A'], [f.unit, 'B'], [f.tpy, 'C']];
  return { tsv: tsvectorLiteral([...names, [f.body, 'D']]), names: tsvectorLiteral(names) };
}

function altQuery(a: MatchAlt): string {
  if (a.prefix) return `'${safeToken(a.phrases[0][0])}':*`;
  const phrases = a.phrases.map((p) => (p.length === 1 ? `'${safeToken(p[0])}'` : `(${p.map((t) => `'${safeToken(t)}'`).join(' <-> ')})`));
  return phrases.length === 1 ? phrases[0] : `(${phrases.join(' & ')})`;
}

/** One term: its text alternatives against tsv, its name-only ones against tsv_names. */
function termSql(t: MatchTerm): RawBuilder<unknown> {
  const text = t.alts.filter((a) => a.fields === 'text' && !a.prefix).map(altQuery);
  const names = t.alts.filter((a) => a.fields === 'names' || a.prefix).map(altQuery);
  const parts: RawBuilder<unknown>[] = [];
  if (text.length) parts.push(sql`d.tsv @@ ${text.join(' | ')}::tsquery`);
  if (names.length) parts.push(sql`d.tsv_names @@ ${names.join(' | ')}::tsquery`);
  return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
}

/** Every alternative of every term as one tsquery over tsv, for ts_rank. */
export function rankQueryText(terms: MatchTerm[], mode: 'all' | 'any'): string {
  return terms.map((t) => `(${t.alts.map(altQuery).join(' | ')})`).join(mode === 'all' ? ' & ' : ' | ');
}

function whereSql(q: EngineQuery): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [sql`(${sql.join(q.terms.map(termSql), q.mode === 'all' ? sql` and ` : sql` or `)})`];
  const f = q.filters;
  const upper = f.toInstant && f.toInstant <= q.now ? sql`d.published_at < ${f.toInstant}` : sql`d.published_at <= ${q.now}`;
  c.push(upper);
  if (f.fromInstant) c.push(sql`d.published_at >= ${f.fromInstant}`);
  // The subtree as a byte-order range (the path ends with '/', and '/' + 1 = '0'): the C-collated index serves it.
  if (f.unitPath) c.push(sql`d.unit_path >= ${f.unitPath} and d.unit_path < ${`${f.unitPath.slice(0, -1)}0`}`);
  if (f.domain) c.push(sql`d.domain = ${f.domain}`);
  if (f.category) c.push(sql`d.category = ${f.category}`);
  if (f.type) c.push(sql`d.type = ${f.type}`);
  if (f.archived === true) c.push(sql`d.display_end < ${q.today}`);
  if (f.archived === false) c.push(sql`(d.display_end is null or d.display_end >= ${q.today})`);
  return sql.join(c, sql` and `);
}

export class PostgresSearchEngine implements SearchEngine {
  /** ts_rank is about 0.1–1 where bm25 is about 1–20: the shared bonuses are scaled to match. */
  readonly rankPoint = 0.1;

  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    const analyzed = new Map<string, AnalyzedDocument>();
    for (const d of docs) analyzed.set(d.docId, analyzeDocument(d, now));
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      const ids = [...analyzed.keys()];
      for (let i = 0; i < ids.length; i += 500) {
        const old = await trx.selectFrom('search_documents').select(['title', 'unit_name']).where('doc_id', 'in', ids.slice(i, i + 500)).execute();
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
      const v = vectors(a.fields);
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
    });
    await sql`analyze search_documents`.execute(this.db);
    return n;
  }

  async count(q: EngineQuery, cap: number): Promise<number> {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from search_documents d where ${whereSql(q)} limit ${cap}) s`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async window(q: EngineQuery, window: number): Promise<WindowRow[]> {
    const res = await sql<WindowRow>`
      select d.doc_id, d.title, d.published_at, d.display_end, ts_rank(${RANK_WEIGHTS}::float4[], d.tsv, ${rankQueryText(q.terms, q.mode)}::tsquery) as rank
      from search_documents d where ${whereSql(q)}
      order by d.published_at desc, d.doc_id limit ${window}`.execute(this.db);
    return res.rows.map((r) => ({ ...r, rank: Number(r.rank) }));
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<string[]> {
    const res = await sql<{ doc_id: string }>`select d.doc_id from search_documents d where ${whereSql(q)} order by d.published_at desc, d.doc_id limit ${limit} offset ${offset}`.execute(this.db);
    return res.rows.map((r) => r.doc_id);
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
