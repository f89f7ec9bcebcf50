import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import {
  analyzeDocument,
  facet,
  fieldsOf,
  packExcerpt,
  unpackExcerpt,
  vocabularyOf,
  type AnalyzedDocument,
  type DocumentRow,
  type IndexFields,
} from './analyze.ts';
import {
  batches,
  inTransaction,
  remember,
  ROW_CACHE_WINDOW_ROWS,
  safeToken,
  unitOfPath,
  type EngineQuery,
  type MatchAlt,
  type MatchSet,
  type MatchTerm,
  type RowCache,
  type SearchDocumentInput,
  type SearchEngine,
  type SearchRow,
  type TitleHit,
  type WindowRow,
} from './engine.ts';
import { bigrams, normalizeText } from './segment.ts';
import { VocabularyDeltas } from './vocabulary.repository.ts';

// SQLite: two contentless FTS5 tables (migration 20261206_0700) over pre-computed tokens,
//   search_fts(title, tpy, unit, body, facets)   content='', contentless_delete=1, detail=full
//   search_names(title, tpy, unit, facets)       the same without the body: what pinyin, initials
//                                                and single characters match, and title hits
// whose rowid is the document's newest-first position `pos` (search_documents.pos, the INTEGER
// PRIMARY KEY; search_texts.pos holds the compressed excerpt). Nothing stores the segmented text:
// the tokens exist only inside the index and are recomputed from the stored row + excerpt when a
// document has to move. No bm25: its document frequencies cost a full pass over every phrase's
// doclist per query; ranking uses the narrow rows (search.ts rankWindow).

/**
 * Positions: ascending pos = newest first (published_at desc, doc_id asc), so every read is an
 * ascending rowid scan — FTS5 seeks forward to a rowid bound cheaply, while a descending scan
 * bounded by an old date walks back from the end (200 ms instead of 5 at 200,000 documents). A
 * document newer than every other goes GAP below the first, one older than all GAP after the last
 * (rebuilds feed documents newest first, FTS5's fast ascending-rowid insert path); one in between
 * takes the middle of the gap between its neighbours, and when there is no room the newer
 * neighbours are moved (see #spread). Small gaps keep the doclists small (rowid deltas are varints).
 */
export const GAP = 16;
/** Position of the first document of an empty index: newer documents count down from here. */
const FIRST_POS = 2 ** 40;

const COLUMNS = { text: '{title unit body}', names: '{title unit}' } as const;

function phrase(tokens: string[]): string {
  return `"${tokens.map(safeToken).join(' ')}"`;
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** An alternative on search_names (no body there: no column filter needed but for pinyin prefixes). */
function namesAltExpr(a: MatchAlt): string {
  if (a.prefix) return `({tpy unit} : "${safeToken(a.phrases[0][0])}"*)`;
  return a.phrases.length === 1 ? phrase(a.phrases[0]) : `(${a.phrases.map(phrase).join(' AND ')})`;
}

function altExpr(a: MatchAlt): string {
  if (a.prefix) return `({tpy unit} : "${safeToken(a.phrases[0][0])}"*)`;
  const phrases = a.phrases.map(phrase).join(' AND ');
  // Chinese tokens occur only in title, unit and body (pinyin and filter keys are ASCII): for the
  // text fields no column filter is needed, and FTS5 then skips decoding the position lists of
  // non-matching rows (a third of the cost of a common word).
  if (a.fields === 'text' && a.phrases.every((p) => p.every((t) => HAN_ONLY.test(t)))) return a.phrases.length === 1 ? phrase(a.phrases[0]) : `(${phrases})`;
  return `(${COLUMNS[a.fields]} : (${phrases}))`;
}

/** FTS5 MATCH expression of the terms: joined by AND (or OR), each an OR of its alternatives. */
export function ftsExpression(terms: MatchTerm[], mode: 'all' | 'any', table: Table = 'search_fts'): string {
  const alt = table === 'search_names' ? namesAltExpr : altExpr;
  return terms.map((t) => `(${t.alts.map(alt).join(' OR ')})`).join(mode === 'all' ? ' AND ' : ' OR ');
}

type Table = 'search_fts' | 'search_names';

/** Queries whose every alternative matches names only (pinyin, initials, single characters) read the small table. */
function tableFor(terms: MatchTerm[]): Table {
  return terms.every((t) => t.alts.every((a) => a.fields === 'names' || a.prefix)) ? 'search_names' : 'search_fts';
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
function matchExpression(q: EngineQuery, table: Table = 'search_fts', terms: string = ftsExpression(q.terms, q.mode, table)): string {
  const keys: string[] = [];
  const f = q.filters;
  if (f.unitPath) keys.push(facet.unit(unitOfPath(f.unitPath)));
  if (f.type) keys.push(facet.type(f.type));
  if (f.domain) keys.push(facet.domain(f.domain));
  if (f.category) keys.push(facet.category(f.category));
  let expr = `(${terms})`;
  if (keys.length) expr += ` AND {facets} : (${keys.map((k) => `"${k}"`).join(' AND ')})`;
  if (f.archived !== undefined) {
    const current = `{facets} : (${onDisplayKeys(q.today)
      .map((k) => `"${k}"`)
      .join(' OR ')})`;
    expr = f.archived ? `${expr} NOT (${current})` : `${expr} AND (${current})`;
  }
  return expr;
}

/** The exact display test on the row (the facet keys only narrow to the month). */
function displaySql(q: EngineQuery): RawBuilder<unknown> {
  if (q.filters.archived === undefined) return sql`1 = 1`;
  return q.filters.archived ? sql`d.display_end < ${q.today}` : sql`(d.display_end is null or d.display_end >= ${q.today})`;
}

/**
 * A list as one JSON parameter: one statement (prepared once) whatever the list's length, and one
 * value to bind instead of hundreds.
 */
function jsonList<T extends number | string>(values: T[]): RawBuilder<T> {
  return sql<T>`(select value from json_each(${JSON.stringify(values)}))`;
}

/** Newest first: published_at descending, then doc_id ascending. */
function newestFirst(x: DocumentRow, y: DocumentRow): number {
  if (x.published_at !== y.published_at) return x.published_at > y.published_at ? -1 : 1;
  return x.doc_id < y.doc_id ? -1 : x.doc_id > y.doc_id ? 1 : 0;
}

interface Bounds {
  lo: number;
  hi: number;
}

/** A document ready to insert at its position. */
interface Placed {
  row: DocumentRow;
  text: Uint8Array;
  fields: IndexFields;
  pos: number;
}

interface Neighbours {
  prev: number | null;
  next: number | null;
}

/** Documents a reindex analyzes before writing them. */
const INSERT_CHUNK = 500;
/** From this many documents in one write, FTS5's in-memory term buffer is raised to BULK_HASHSIZE bytes. */
const BULK_DOCUMENTS = 64;
const BULK_HASHSIZE = 64 * 1024 * 1024;
/** FTS5's default. */
const HASHSIZE = 1024 * 1024;

/** The in-memory term buffer of both FTS5 tables (FTS5 takes configuration values as integer literals only). */
async function setHashSize(trx: Executor, bytes: number): Promise<void> {
  await sql`insert into search_fts (search_fts, rank) values ('hashsize', ${sql.lit(bytes)})`.execute(trx);
  await sql`insert into search_names (search_names, rank) values ('hashsize', ${sql.lit(bytes)})`.execute(trx);
}

const INSERT = {
  documents: `insert into search_documents (pos, doc_id, type, unit_code, unit_path, unit_name, domain, category, title, url, published_at, display_end, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  texts: 'insert into search_texts (pos, text) values (?, ?)',
  fts: 'insert into search_fts (rowid, title, tpy, unit, body, facets) values (?, ?, ?, ?, ?, ?)',
  names: 'insert into search_names (rowid, title, tpy, unit, facets) values (?, ?, ?, ?, ?)',
};

interface StoredDoc {
  pos: number;
  row: DocumentRow;
  text: Uint8Array;
}

const DOC_COLUMNS = sql`d.doc_id, d.type, d.unit_code, d.unit_path, d.unit_name, d.domain, d.category, d.title, d.url, d.published_at, d.display_end, d.updated_at`;

export class SqliteSearchEngine implements SearchEngine {
  readonly #bounds = new WeakMap<EngineQuery, Promise<Bounds | null>>();
  readonly #positions = new WeakMap<EngineQuery, { positions: number[]; complete: boolean }>();

  /** `cache`: ranking rows kept between queries of one public version (engine.ts RowCache). */
  constructor(
    private readonly db: Executor,
    private readonly cache?: RowCache,
  ) {}

  // ---- writing ---------------------------------------------------------------------------------

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    const analyzed = new Map<string, AnalyzedDocument>();
    for (const d of docs) analyzed.set(d.docId, analyzeDocument(d, now));
    await inTransaction(this.db, async (trx) => {
      const vocab = new VocabularyDeltas();
      await this.#delete(trx, [...analyzed.keys()], vocab);
      // Newest first; documents falling into the same gap between indexed ones (a batch newer
      // than everything, a bulk load) are spaced out together and inserted in ascending rowid
      // order, FTS5's fast path, instead of halving the gap one by one.
      const list = [...analyzed.values()].sort((x, y) => newestFirst(x.row, y.row));
      const gaps = await this.#neighboursOf(
        trx,
        list.map((a) => a.row),
      );
      const ready: Placed[] = [];
      const crowded: AnalyzedDocument[] = [];
      for (let i = 0; i < list.length;) {
        let j = i + 1;
        while (j < list.length && gaps[j].prev === gaps[i].prev && gaps[j].next === gaps[i].next) j += 1;
        const run = list.slice(i, j);
        const { prev, next } = gaps[i];
        const m = run.length;
        const step = prev === null || next === null ? GAP : Math.floor((next - prev) / (m + 1));
        if (step >= 1) {
          run.forEach((a, k) => {
            const pos = prev === null ? (next === null ? FIRST_POS + GAP * k : next - GAP * (m - k)) : prev + step * (k + 1);
            ready.push({ row: a.row, text: packExcerpt(a.excerpt), fields: a.fields, pos });
          });
        } else crowded.push(...run);
        i = j;
      }
      ready.sort((x, y) => x.pos - y.pos);
      // A bulk write (generator, batch publication): FTS5 keeps the new terms in memory for the
      // whole write instead of writing (and later merging) a small segment every megabyte; they are
      // written at commit. The usual 1 MB again afterwards.
      const bulk = ready.length >= BULK_DOCUMENTS;
      if (bulk) await setHashSize(trx, BULK_HASHSIZE);
      await this.#insertMany(trx, ready);
      if (bulk) await setHashSize(trx, HASHSIZE);
      // No room for a run: one by one, after the others, moving neighbours as needed.
      for (const a of crowded)
        await this.#insertMany(trx, [{ row: a.row, text: packExcerpt(a.excerpt), fields: a.fields, pos: await this.#place(trx, a.row) }]);
      for (const a of list) vocab.add(a.vocabulary, 1);
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
      const old = await trx
        .selectFrom('search_documents')
        .select(['pos', 'title', 'unit_name'])
        .where('doc_id', 'in', docIds.slice(i, i + 500))
        .execute();
      for (const o of old) {
        vocab.add(vocabularyOf(o), -1);
        await this.#deleteAt(trx, o.pos);
      }
    }
  }

  async #deleteAt(trx: Executor, pos: number): Promise<void> {
    await sql`delete from search_fts where rowid = ${pos}`.execute(trx);
    await sql`delete from search_names where rowid = ${pos}`.execute(trx);
    await sql`delete from search_texts where pos = ${pos}`.execute(trx);
    await sql`delete from search_documents where pos = ${pos}`.execute(trx);
  }

  /**
   * Inserts documents at their positions (ascending: FTS5's fast path when they follow the indexed
   * ones). One row per statement: a statement that writes several rows opens a statement journal,
   * and FTS5 flushes its in-memory terms into a new segment at every such savepoint (many small
   * segments to merge later). The statement texts are constant, executed with their parameters
   * directly: no query building per document.
   */
  async #insertMany(trx: Executor, docs: Placed[]): Promise<void> {
    for (const { row: r, pos, text, fields: f } of docs) {
      await trx.executeQuery(
        CompiledQuery.raw(INSERT.documents, [
          pos,
          r.doc_id,
          r.type,
          r.unit_code,
          r.unit_path,
          r.unit_name,
          r.domain,
          r.category,
          r.title,
          r.url,
          r.published_at,
          r.display_end,
          r.updated_at,
        ]),
      );
      await trx.executeQuery(CompiledQuery.raw(INSERT.texts, [pos, text]));
      await trx.executeQuery(CompiledQuery.raw(INSERT.fts, [pos, f.title, f.tpy, f.unit, f.body, f.facets]));
      await trx.executeQuery(CompiledQuery.raw(INSERT.names, [pos, f.title, f.tpy, f.unit, f.facets]));
    }
  }

  /**
   * For each row, the positions of the indexed documents just before and just after it in
   * newest-first order: two statements for the whole list (per distinct instant, two seeks on
   * `(published_at, doc_id desc)` and the documents at that instant), whatever its length.
   */
  async #neighboursOf(trx: Executor, rows: DocumentRow[]): Promise<Neighbours[]> {
    if (!rows.length) return [];
    const times = JSON.stringify([...new Set(rows.map((r) => r.published_at))]);
    const around = new Map(
      (
        await sql<{ t: string; newer: number | null; older: number | null }>`select j.value as t,
          (select pos from search_documents where published_at > j.value order by published_at asc, doc_id desc limit 1) as newer,
          (select pos from search_documents where published_at < j.value order by published_at desc, doc_id asc limit 1) as older
          from json_each(${times}) j`.execute(trx)
      ).rows.map((r) => [r.t, r]),
    );
    const same = new Map<string, { pos: number; doc_id: string }[]>();
    const sameRows = await sql<{ pos: number; doc_id: string; published_at: string }>`select pos, doc_id, published_at from search_documents
      where published_at in (select value from json_each(${times}))`.execute(trx);
    for (const s of sameRows.rows) {
      const list = same.get(s.published_at) ?? [];
      list.push(s);
      same.set(s.published_at, list);
    }
    return rows.map((row) => {
      // prev: newer, or the same instant and a smaller doc_id; next: older, or a larger doc_id.
      let prev: number | null = null;
      let next: number | null = null;
      for (const s of same.get(row.published_at) ?? []) {
        if (s.doc_id < row.doc_id) prev = prev === null ? s.pos : Math.max(prev, s.pos);
        else next = next === null ? s.pos : Math.min(next, s.pos);
      }
      const a = around.get(row.published_at);
      return { prev: prev ?? a?.newer ?? null, next: next ?? a?.older ?? null };
    });
  }

  /** The position of one new document between its neighbours in newest-first order (see GAP). */
  async #place(trx: Executor, row: DocumentRow): Promise<number> {
    const [{ prev, next }] = await this.#neighboursOf(trx, [row]);
    if (prev === null) return next === null ? FIRST_POS : next - GAP;
    if (next === null) return prev + GAP;
    if (next - prev >= 2) return prev + Math.floor((next - prev) / 2);
    return this.#spread(trx, next);
  }

  /**
   * No room before `next`: moves the newer documents (those before it) towards the newer end until
   * the gaps are wide enough again, and returns the freed position right before `next`. Usually few
   * documents move: the newer side of a crowded gap is the handful scheduled for later (every
   * publication of today goes between them and the rest). Each moved document is re-indexed from
   * its stored row and excerpt.
   */
  async #spread(trx: Executor, next: number): Promise<number> {
    for (let k = 8; ; k *= 4) {
      const before = (await sql<{ pos: number }>`select pos from search_documents where pos < ${next} order by pos desc limit ${k + 1}`.execute(trx)).rows.map(
        (r) => r.pos,
      );
      const moving = before.slice(0, k);
      const limit = before.length > k ? before[k] : null;
      const step = limit === null ? GAP : Math.floor((next - limit) / (moving.length + 2));
      if (step < 2) continue;
      const docs: StoredDoc[] = [];
      for (const pos of moving) {
        const r = (
          await sql<
            DocumentRow & { text: Uint8Array }
          >`select ${DOC_COLUMNS}, t.text from search_documents d join search_texts t on t.pos = d.pos where d.pos = ${pos}`.execute(trx)
        ).rows[0];
        const { text, ...row } = r;
        docs.push({ pos, row, text });
      }
      for (const d of docs) await this.#deleteAt(trx, d.pos);
      // Moved towards the newer end; ascending positions are the reverse of `docs` (nearest first).
      await this.#insertMany(
        trx,
        docs.map((d, i) => ({ row: d.row, text: d.text, fields: fieldsOf(d.row, unpackExcerpt(d.text)), pos: next - step * (i + 2) })).reverse(),
      );
      return next - step;
    }
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(trx);
      await sql`insert into search_names (search_names) values ('delete-all')`.execute(trx);
      await sql`delete from search_texts`.execute(trx);
      await sql`delete from search_documents`.execute(trx);
      await sql`delete from search_vocabulary`.execute(trx);
      // Bulk load: a larger in-memory buffer, fewer and bigger segments; merged once at the end.
      await setHashSize(trx, BULK_HASHSIZE);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(trx);
      const engine = new SqliteSearchEngine(trx);
      // Sources yield newest first (publishing does): each document then goes right after the last.
      let last: { key: [string, string]; pos: number } | null = null;
      // The vocabulary of the whole index fits in memory (tens of thousands of words): written once.
      const vocab = new VocabularyDeltas();
      // In-order documents wait here and go in together (see #insertMany).
      let pending: Placed[] = [];
      for await (const batch of batches(docs, INSERT_CHUNK)) {
        for (const d of batch) {
          const a = analyzeDocument(d, now);
          const key: [string, string] = [a.row.published_at, a.row.doc_id];
          if (last && (key[0] < last.key[0] || (key[0] === last.key[0] && key[1] > last.key[1]))) {
            pending.push({ row: a.row, text: packExcerpt(a.excerpt), fields: a.fields, pos: last.pos + GAP });
            last = { key, pos: last.pos + GAP };
          } else {
            // Out of order (or a repeated id): the general path, which may move other documents.
            await engine.#insertMany(trx, pending);
            pending = [];
            await engine.#delete(trx, [a.row.doc_id], vocab);
            await engine.#insertMany(trx, [{ row: a.row, text: packExcerpt(a.excerpt), fields: a.fields, pos: await engine.#place(trx, a.row) }]);
            const t = (
              await sql<{
                pos: number;
                published_at: string;
                doc_id: string;
              }>`select pos, published_at, doc_id from search_documents order by pos desc limit 1`.execute(trx)
            ).rows[0];
            last = { key: [t.published_at, t.doc_id], pos: t.pos };
          }
          vocab.add(a.vocabulary, 1);
          n += 1;
        }
        if (pending.length >= INSERT_CHUNK) {
          await engine.#insertMany(trx, pending);
          pending = [];
        }
      }
      await engine.#insertMany(trx, pending);
      await vocab.flush(trx);
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(trx);
      await sql`insert into search_names (search_names) values ('optimize')`.execute(trx);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 4)`.execute(trx);
      await setHashSize(trx, HASHSIZE);
    });
    return n;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** The position range of documents published by `now` (and inside the date filter). */
  #range(q: EngineQuery): Promise<Bounds | null> {
    let b = this.#bounds.get(q);
    if (!b) {
      b = (async () => {
        // lo: the newest document published by now (and before `to`); hi: the oldest from `from` on.
        const upper = q.filters.toInstant && q.filters.toInstant <= q.now ? sql`published_at < ${q.filters.toInstant}` : sql`published_at <= ${q.now}`;
        const loRow = (
          await sql<{
            lo: number | null;
          }>`select min(pos) as lo from search_documents where published_at = (select max(published_at) from search_documents where ${upper})`.execute(this.db)
        ).rows[0];
        if (loRow?.lo == null) return null;
        let hi = Number.MAX_SAFE_INTEGER;
        if (q.filters.fromInstant) {
          const hiRow = (
            await sql<{
              hi: number | null;
            }>`select max(pos) as hi from search_documents where published_at = (select min(published_at) from search_documents where published_at >= ${q.filters.fromInstant})`.execute(
              this.db,
            )
          ).rows[0];
          if (hiRow?.hi == null) return null;
          hi = hiRow.hi;
        }
        return loRow.lo <= hi ? { lo: loRow.lo, hi } : null;
      })();
      this.#bounds.set(q, b);
    }
    return b;
  }

  /**
   * One pass over the full-text index, newest first (ascending rowid), stopping after `cap`
   * matches: the positions give the capped count, the first `window` of them the ranking rows, and
   * a date-sorted page inside them needs no second pass (kept per query for newest()).
   */
  async matches(q: EngineQuery, cap: number, window: number): Promise<MatchSet> {
    const table = tableFor(q.terms);
    const positions = await this.#scan(q, table, matchExpression(q, table), cap, 0);
    this.#positions.set(q, { positions, complete: positions.length < cap });
    return { count: positions.length, window: await this.#windowRows(positions.slice(0, window)) };
  }

  /** Positions of the matches newest first (ascending rowid), from `offset`, at most `limit`. */
  async #scan(q: EngineQuery, table: Table, expr: string, limit: number, offset: number): Promise<number[]> {
    const b = await this.#range(q);
    if (!b) return [];
    const t = sql.table(table);
    const res =
      q.filters.archived !== undefined
        ? await sql<{ pos: number }>`select f.rowid as pos from ${t} f join search_documents d on d.pos = f.rowid
          where f.${sql.ref(table)} match ${expr} and f.rowid between ${b.lo} and ${b.hi} and ${displaySql(q)} order by f.rowid limit ${limit} offset ${offset}`.execute(
            this.db,
          )
        : await sql<{ pos: number }>`select f.rowid as pos from ${t} f
          where f.${sql.ref(table)} match ${expr} and f.rowid between ${b.lo} and ${b.hi} order by f.rowid limit ${limit} offset ${offset}`.execute(this.db);
    return res.rows.map((r) => r.pos);
  }

  /** The ranking rows at these positions, in their order (from the row cache where it has them). */
  async #windowRows(positions: number[]): Promise<WindowRow[]> {
    if (!positions.length) return [];
    const kept = this.cache?.window;
    const missing = kept ? positions.filter((p) => !kept.has(p)) : positions;
    const found = new Map<number, WindowRow>();
    if (missing.length) {
      const rows = await this.db
        .selectFrom('search_documents')
        .select(['pos', 'doc_id', 'title', 'unit_name', 'published_at', 'display_end'])
        .where('pos', 'in', jsonList(missing))
        .execute();
      for (const { pos, ...r } of rows) {
        found.set(pos, r);
        if (kept) remember(kept, pos, r, ROW_CACHE_WINDOW_ROWS);
      }
    }
    const out: WindowRow[] = [];
    for (const p of positions) {
      const r = found.get(p) ?? kept?.get(p);
      if (r) out.push(r);
    }
    return out;
  }

  /** Every term in the title or unit name: the small table. */
  async titled(q: EngineQuery, window: number): Promise<WindowRow[]> {
    return this.#windowRows(await this.#scan(q, 'search_names', matchExpression(q, 'search_names'), window, 0));
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<string[]> {
    const seen = this.#positions.get(q);
    const positions =
      seen && (seen.complete || offset + limit <= seen.positions.length)
        ? seen.positions.slice(offset, offset + limit)
        : await this.#scan(q, tableFor(q.terms), matchExpression(q, tableFor(q.terms)), limit, offset);
    if (!positions.length) return [];
    const rows = await this.db.selectFrom('search_documents').select(['pos', 'doc_id']).where('pos', 'in', jsonList(positions)).execute();
    return rows.sort((x, y) => x.pos - y.pos).map((r) => r.doc_id);
  }

  async rows(docIds: string[]): Promise<SearchRow[]> {
    if (!docIds.length) return [];
    const res = await this.db
      .selectFrom('search_documents as d')
      .innerJoin('search_texts as t', 't.pos', 'd.pos')
      .select(['d.doc_id', 'd.title', 'd.unit_name', 'd.published_at', 'd.url', 'd.display_end', 't.text'])
      .where('d.doc_id', 'in', jsonList(docIds))
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
      select d.title, d.url from search_names f join search_documents d on d.pos = f.rowid
      where search_names match ${expr} and f.rowid between ${b.lo} and ${b.hi} and (d.display_end is null or d.display_end >= ${today})
      order by f.rowid limit ${limit}`.execute(this.db);
    return res.rows;
  }

  async nextPublication(now: string): Promise<string | null> {
    const r = await sql<{ t: string | null }>`select min(published_at) as t from search_documents where published_at > ${now}`.execute(this.db);
    return r.rows[0]?.t ?? null;
  }
}
