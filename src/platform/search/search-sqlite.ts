import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { analyzeDocument, facet, fieldsOf, packExcerpt, unpackExcerpt, vocabularyOf, type AnalyzedDocument, type DocumentRow, type IndexFields } from './analyze.ts';
import {
  batches, inTransaction, safeToken, unitOfPath,
  type EngineQuery, type MatchAlt, type MatchTerm, type SearchDocumentInput, type SearchEngine, type SearchRow, type TitleHit, type WindowRow,
} from './engine.ts';
import { bigrams, normalizeText } from './segment.ts';
import { VocabularyDeltas } from './vocabulary.ts';

// SQLite: a contentless FTS5 table (migration 20261206_0700) over pre-computed tokens,
//   search_fts(title, tpy, unit, body, facets)   content='', contentless_delete=1, detail=full
// whose rowid is the document's newest-first position `pos` (search_documents.pos, the INTEGER
// PRIMARY KEY; search_texts.pos holds the compressed excerpt). Nothing stores the segmented text:
// the tokens exist only inside the index and are recomputed from the stored row + excerpt when a
// document has to move. Ranked by bm25 with column weights title 10 > pinyin 4 = unit 4 > body 1.

const BM25 = sql`bm25(search_fts, 10.0, 4.0, 4.0, 1.0, 0.0)`;

/**
 * Positions: ascending pos = ascending (published_at, doc_id descending), so `order by rowid desc`
 * is newest first (published_at desc, doc_id asc). A document published after every other one
 * goes GAP above the top; one in between takes the middle of the gap between its neighbours;
 * when there is no room the neighbours above are spread out again (see place()). Small gaps keep
 * the doclists small (rowid deltas are varints).
 */
export const GAP = 16;

const COLUMNS = { text: '{title unit body}', names: '{title unit}' } as const;

function phrase(tokens: string[]): string {
  return `"${tokens.map(safeToken).join(' ')}"`;
}

function altExpr(a: MatchAlt): string {
  if (a.prefix) return `({tpy unit} : "${safeToken(a.phrases[0][0])}"*)`;
  return `(${COLUMNS[a.fields]} : (${a.phrases.map(phrase).join(' AND ')}))`;
}

/** FTS5 MATCH expression of the terms: joined by AND (or OR), each an OR of its alternatives. */
export function ftsExpression(terms: MatchTerm[], mode: 'all' | 'any'): string {
  return terms.map((t) => `(${t.alts.map(altExpr).join(' OR ')})`).join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * The display-end keys (facets) of documents still on display on `today`: no end, or ending this
 * month or later. The exact day is checked on the row; the keys let FTS5 skip the rest.
 */
function onDisplayKeys(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out = [facet.endNone];
  for (let mm = m; mm <= 12; mm += 1) out.push(facet.endMonth(`${y}${String(mm).padStart(2, '0')}`));
  for (let yy = y + 1; yy <= y + 30; yy += 1) out.push(facet.endYear(String(yy)));
  return out;
}

/** The whole MATCH expression: terms, then the filter keys (unit subtree, type, domain, category, display). */
function matchExpression(q: EngineQuery): string {
  const keys: string[] = [];
  const f = q.filters;
  if (f.unitPath) keys.push(facet.unit(unitOfPath(f.unitPath)));
  if (f.type) keys.push(facet.type(f.type));
  if (f.domain) keys.push(facet.domain(f.domain));
  if (f.category) keys.push(facet.category(f.category));
  let expr = `(${ftsExpression(q.terms, q.mode)})`;
  if (keys.length) expr += ` AND {facets} : (${keys.map((k) => `"${k}"`).join(' AND ')})`;
  if (f.archived !== undefined) {
    const current = `{facets} : (${onDisplayKeys(q.today).map((k) => `"${k}"`).join(' OR ')})`;
    expr = f.archived ? `${expr} NOT (${current})` : `${expr} AND (${current})`;
  }
  return expr;
}

/** The exact display test on the row (the facet keys only narrow to the month). */
function displaySql(q: EngineQuery): RawBuilder<unknown> {
  if (q.filters.archived === undefined) return sql`1 = 1`;
  return q.filters.archived ? sql`d.display_end < ${q.today}` : sql`(d.display_end is null or d.display_end >= ${q.today})`;
}

interface Bounds {
  lo: number;
  hi: number;
}

interface StoredDoc {
  pos: number;
  row: DocumentRow;
  text: Uint8Array;
}

const DOC_COLUMNS = sql`d.doc_id, d.type, d.unit_code, d.unit_path, d.unit_name, d.domain, d.category, d.title, d.url, d.published_at, d.display_end, d.updated_at`;

export class SqliteSearchEngine implements SearchEngine {
  readonly rankPoint = 1;
  readonly #bounds = new WeakMap<EngineQuery, Promise<Bounds | null>>();

  constructor(private readonly db: Executor) {}

  // ---- writing ---------------------------------------------------------------------------------

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    const analyzed = new Map<string, AnalyzedDocument>();
    for (const d of docs) analyzed.set(d.docId, analyzeDocument(d, now));
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      await this.#delete(trx, [...analyzed.keys()], vocab);
      for (const a of analyzed.values()) await this.#insert(trx, a.row, packExcerpt(a.excerpt), a.fields, await this.#place(trx, a.row));
      for (const a of analyzed.values()) vocab.add(a.vocabulary, 1);
      await vocab.flush(trx);
    });
  }

  async remove(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      await this.#delete(trx, docIds, vocab);
      await vocab.flush(trx);
    });
  }

  async #delete(trx: Executor, docIds: string[], vocab: VocabularyDeltas): Promise<void> {
    for (let i = 0; i < docIds.length; i += 500) {
      const old = await trx.selectFrom('search_documents').select(['pos', 'title', 'unit_name']).where('doc_id', 'in', docIds.slice(i, i + 500)).execute();
      for (const o of old) {
        vocab.add(vocabularyOf(o), -1);
        await this.#deleteAt(trx, o.pos);
      }
    }
  }

  async #deleteAt(trx: Executor, pos: number): Promise<void> {
    await sql`delete from search_fts where rowid = ${pos}`.execute(trx);
    await sql`delete from search_texts where pos = ${pos}`.execute(trx);
    await sql`delete from search_documents where pos = ${pos}`.execute(trx);
  }

  async #insert(trx: Executor, row: DocumentRow, text: Uint8Array, f: IndexFields, pos: number): Promise<void> {
    await sql`insert into search_documents (pos, doc_id, type, unit_code, unit_path, unit_name, domain, category, title, url, published_at, display_end, updated_at)
      values (${pos}, ${row.doc_id}, ${row.type}, ${row.unit_code}, ${row.unit_path}, ${row.unit_name}, ${row.domain}, ${row.category}, ${row.title}, ${row.url}, ${row.published_at}, ${row.display_end}, ${row.updated_at})`.execute(trx);
    await sql`insert into search_texts (pos, text) values (${pos}, ${text})`.execute(trx);
    await sql`insert into search_fts (rowid, title, tpy, unit, body, facets) values (${pos}, ${f.title}, ${f.tpy}, ${f.unit}, ${f.body}, ${f.facets})`.execute(trx);
  }

  /** The position of a new document between its neighbours in newest-first order (see GAP). */
  async #place(trx: Executor, row: DocumentRow): Promise<number> {
    const t = row.published_at;
    const same = (await sql<{ pos: number; doc_id: string }>`select pos, doc_id from search_documents where published_at = ${t}`.execute(trx)).rows;
    // Same instant: a larger doc_id comes later in newest-first order, i.e. lower.
    let prev: number | null = null;
    let next: number | null = null;
    for (const s of same) {
      if (s.doc_id > row.doc_id) prev = prev === null ? s.pos : Math.max(prev, s.pos);
      else next = next === null ? s.pos : Math.min(next, s.pos);
    }
    prev ??= (await sql<{ pos: number }>`select pos from search_documents where published_at < ${t} order by published_at desc, doc_id asc limit 1`.execute(trx)).rows[0]?.pos ?? null;
    next ??= (await sql<{ pos: number }>`select pos from search_documents where published_at > ${t} order by published_at asc, doc_id desc limit 1`.execute(trx)).rows[0]?.pos ?? null;
    if (next === null) return (prev ?? 0) + GAP;
    if (prev === null) return next - GAP;
    if (next - prev >= 2) return prev + Math.floor((next - prev) / 2);
    return this.#spread(trx, prev);
  }

  /**
   * No room above `prev`: moves the documents above it up until the gaps are wide enough again,
   * and returns the freed position right above `prev`. Usually few documents move (those
   * scheduled for later, or published in the same second); each is re-indexed from its stored row
   * and excerpt.
   */
  async #spread(trx: Executor, prev: number): Promise<number> {
    for (let k = 8; ; k *= 4) {
      const above = (await sql<{ pos: number }>`select pos from search_documents where pos > ${prev} order by pos limit ${k + 1}`.execute(trx)).rows.map((r) => r.pos);
      const moving = above.slice(0, k);
      const limit = above.length > k ? above[k] : null;
      const step = limit === null ? GAP : Math.floor((limit - prev) / (moving.length + 2));
      if (step < 2) continue;
      const docs: StoredDoc[] = [];
      for (const pos of moving) {
        const r = (await sql<DocumentRow & { text: Uint8Array }>`select ${DOC_COLUMNS}, t.text from search_documents d join search_texts t on t.pos = d.pos where d.pos = ${pos}`.execute(trx)).rows[0];
        const { text, ...row } = r;
        docs.push({ pos, row, text });
      }
      for (const d of docs) await this.#deleteAt(trx, d.pos);
      for (let i = 0; i < docs.length; i += 1) await this.#insert(trx, docs[i].row, docs[i].text, fieldsOf(docs[i].row, unpackExcerpt(docs[i].text)), prev + step * (i + 2));
      return prev + step;
    }
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(trx);
      await sql`delete from search_texts`.execute(trx);
      await sql`delete from search_documents`.execute(trx);
      await sql`delete from search_vocabulary`.execute(trx);
      // Bulk load: a larger in-memory buffer, fewer and bigger segments; merged once at the end.
      // FTS5 takes configuration values as integer literals only.
      await sql`insert into search_fts (search_fts, rank) values ('hashsize', ${sql.lit(64 * 1024 * 1024)})`.execute(trx);
      if (process.env.FTSMODE !== 'A') await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(trx);
      const engine = new SqliteSearchEngine(trx);
      // Sources yield oldest first (publishing does): each document then goes straight to the top.
      let top: { key: [string, string]; pos: number } | null = null;
      // The vocabulary of the whole index fits in memory (tens of thousands of words): written once.
      const vocab = new VocabularyDeltas();
      for await (const batch of batches(docs, 500)) {
        for (const d of batch) {
          const a = analyzeDocument(d, now);
          const key: [string, string] = [a.row.published_at, a.row.doc_id];
          if (top && (key[0] > top.key[0] || (key[0] === top.key[0] && key[1] < top.key[1]))) {
            await engine.#insert(trx, a.row, packExcerpt(a.excerpt), a.fields, top.pos + GAP);
            top = { key, pos: top.pos + GAP };
          } else {
            // Out of order (or a repeated id): the general path, which may move the documents above.
            await engine.#delete(trx, [a.row.doc_id], vocab);
            await engine.#insert(trx, a.row, packExcerpt(a.excerpt), a.fields, await engine.#place(trx, a.row));
            const t = (await sql<{ pos: number; published_at: string; doc_id: string }>`select pos, published_at, doc_id from search_documents order by pos desc limit 1`.execute(trx)).rows[0];
            top = { key: [t.published_at, t.doc_id], pos: t.pos };
          }
          vocab.add(a.vocabulary, 1);
          n += 1;
        }
      }
      await vocab.flush(trx);
      if (process.env.FTSMODE !== 'A') await sql`insert into search_fts (search_fts) values ('optimize')`.execute(trx);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 4)`.execute(trx);
      await sql`insert into search_fts (search_fts, rank) values ('hashsize', ${sql.lit(1024 * 1024)})`.execute(trx);
    });
    return n;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** The position range of documents published by `now` (and inside the date filter). */
  #range(q: EngineQuery): Promise<Bounds | null> {
    let b = this.#bounds.get(q);
    if (!b) {
      b = (async () => {
        const upper = q.filters.toInstant && q.filters.toInstant <= q.now ? sql`published_at < ${q.filters.toInstant}` : sql`published_at <= ${q.now}`;
        const hiRow = (await sql<{ hi: number | null }>`select max(pos) as hi from search_documents where published_at = (select max(published_at) from search_documents where ${upper})`.execute(this.db)).rows[0];
        if (hiRow?.hi == null) return null;
        let lo = Number.MIN_SAFE_INTEGER;
        if (q.filters.fromInstant) {
          const loRow = (await sql<{ lo: number | null }>`select min(pos) as lo from search_documents where published_at = (select min(published_at) from search_documents where published_at >= ${q.filters.fromInstant})`.execute(this.db)).rows[0];
          if (loRow?.lo == null) return null;
          lo = loRow.lo;
        }
        return lo <= hiRow.hi ? { lo, hi: hiRow.hi } : null;
      })();
      this.#bounds.set(q, b);
    }
    return b;
  }

  async count(q: EngineQuery, cap: number): Promise<number> {
    const b = await this.#range(q);
    if (!b) return 0;
    const inner = q.filters.archived !== undefined
      ? sql`select 1 from search_fts f join search_documents d on d.pos = f.rowid where search_fts match ${matchExpression(q)} and f.rowid between ${b.lo} and ${b.hi} and ${displaySql(q)} limit ${cap}`
      : sql`select 1 from search_fts f where search_fts match ${matchExpression(q)} and f.rowid between ${b.lo} and ${b.hi} limit ${cap}`;
    const r = await sql<{ n: number }>`select count(*) as n from (${inner})`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async window(q: EngineQuery, window: number): Promise<WindowRow[]> {
    const b = await this.#range(q);
    if (!b) return [];
    // The window is read newest first off the index (descending rowid) and stops after `window`
    // matches; bm25 is computed for those rows only.
    const join = q.filters.archived !== undefined ? sql`join search_documents d on d.pos = f.rowid` : sql``;
    const res = await sql<WindowRow>`
      with w as materialized (
        select f.rowid as pos, -${BM25} as rank from search_fts f ${join}
        where search_fts match ${matchExpression(q)} and f.rowid between ${b.lo} and ${b.hi} and ${displaySql(q)}
        order by f.rowid desc limit ${window})
      select d.doc_id, d.title, d.published_at, d.display_end, w.rank from w join search_documents d on d.pos = w.pos`.execute(this.db);
    return res.rows;
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<string[]> {
    const b = await this.#range(q);
    if (!b) return [];
    const res = await sql<{ doc_id: string }>`
      select d.doc_id from search_fts f join search_documents d on d.pos = f.rowid
      where search_fts match ${matchExpression(q)} and f.rowid between ${b.lo} and ${b.hi} and ${displaySql(q)}
      order by f.rowid desc limit ${limit} offset ${offset}`.execute(this.db);
    return res.rows.map((r) => r.doc_id);
  }

  async rows(docIds: string[]): Promise<SearchRow[]> {
    if (!docIds.length) return [];
    const res = await this.db
      .selectFrom('search_documents as d')
      .innerJoin('search_texts as t', 't.pos', 'd.pos')
      .select(['d.doc_id', 'd.title', 'd.unit_name', 'd.published_at', 'd.url', 'd.display_end', 't.text'])
      .where('d.doc_id', 'in', docIds)
      .execute();
    return res.map(({ text, ...r }) => ({ ...r, excerpt: unpackExcerpt(text as Uint8Array) }));
  }

  async suggestTitles(text: string, how: 'start' | 'contains' | 'pinyin', now: string, today: string, limit: number): Promise<TitleHit[]> {
    const q: EngineQuery = { terms: [], mode: 'all', filters: {}, now, today };
    const b = await this.#range(q);
    if (!b) return [];
    let expr: string;
    if (how === 'pinyin') expr = `{tpy} : "${safeToken(text)}"*`;
    else {
      const chars = Array.from(normalizeText(text));
      const p = chars.length === 1 ? `"${safeToken(chars[0])}"${how === 'start' ? '*' : ''}` : phrase(bigrams(chars.join('')));
      expr = `{title} : ${how === 'start' ? '^' : ''}${p}`;
    }
    const res = await sql<TitleHit>`
      select d.title, d.url from search_fts f join search_documents d on d.pos = f.rowid
      where search_fts match ${expr} and f.rowid between ${b.lo} and ${b.hi} and (d.display_end is null or d.display_end >= ${today})
      order by f.rowid desc limit ${limit}`.execute(this.db);
    return res.rows;
  }

  async nextPublication(now: string): Promise<string | null> {
    const r = await sql<{ t: string | null }>`select min(published_at) as t from search_documents where published_at > ${now}`.execute(this.db);
    return r.rows[0]?.t ?? null;
  }
}
