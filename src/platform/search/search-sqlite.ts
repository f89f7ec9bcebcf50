import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import {
  batches, documentRow, filterSql, hasFilters, inTransaction, indexFields, ROW_COLUMNS, safeToken,
  type EngineQuery, type MatchAlt, type MatchTerm, type SearchDocumentInput, type SearchEngine, type SearchRow,
} from './engine.ts';

// SQLite: an FTS5 table `search_fts(title, pinyin, unit, body, doc_id unindexed)` over
// pre-segmented text, ranked by bm25 with column weights title 10 > pinyin 4 = unit 4 > body 1.

const BM25 = sql`bm25(search_fts, 10.0, 4.0, 4.0, 1.0)`;

function altExpr(a: MatchAlt): string {
  if (a.prefix) return `({pinyin unit} : "${safeToken(a.tokens[0])}"*)`;
  return `(${a.tokens.map((t) => `"${safeToken(t)}"`).join(' AND ')})`;
}

/** FTS5 MATCH expression: terms joined by AND (or OR), each an OR of its alternatives. */
export function ftsExpression(terms: MatchTerm[], mode: 'all' | 'any'): string {
  return terms.map((t) => `(${t.alts.map(altExpr).join(' OR ')})`).join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * bm25 is negative (smaller is better): flip it, add points for the user's literal words, and
 * take some off archived documents so the current version of a recurring notice comes first.
 */
function scoreSql(bonusTerms: string[]): RawBuilder<number> {
  const bonus = bonusTerms.map((t) => sql`(case when instr(d.title, ${t}) > 0 then 8 else 0 end) + (case when instr(d.body_text, ${t}) > 0 then 2 else 0 end)`);
  return sql<number>`(-w.b${bonus.length ? sql` + ${sql.join(bonus, sql` + `)}` : sql``} - (case when d.archived = 1 then 3 else 0 end))`;
}

/** Newest first = descending rowid: the rowid is the publication instant (ms) × 1024 + a slot (see below). */
const SLOTS = 1024;

interface KeyRow {
  fts_rowid: number;
  doc_id: string;
  published_at: string;
  archived: number;
  unit_path: string;
  domain: string | null;
  category: string | null;
  type: string;
}

/** Removes a document's FTS row and key row (the key table maps doc_id → FTS rowid). */
async function deleteFtsRow(trx: Executor, docId: string): Promise<void> {
  const r = await sql<{ fts_rowid: number }>`delete from search_fts_keys where doc_id = ${docId} returning fts_rowid`.execute(trx);
  for (const row of r.rows) await sql`delete from search_fts where rowid = ${row.fts_rowid}`.execute(trx);
}

interface FtsRow {
  title: string;
  pinyin: string;
  unit: string;
  body: string;
}

async function insertFtsRow(trx: Executor, key: KeyRow, f: FtsRow): Promise<void> {
  await sql`insert into search_fts (rowid, title, pinyin, unit, body, doc_id) values (${key.fts_rowid}, ${f.title}, ${f.pinyin}, ${f.unit}, ${f.body}, ${key.doc_id})`.execute(trx);
  await sql`insert into search_fts_keys (fts_rowid, doc_id, published_at, archived, unit_path, domain, category, type)
    values (${key.fts_rowid}, ${key.doc_id}, ${key.published_at}, ${key.archived}, ${key.unit_path}, ${key.domain}, ${key.category}, ${key.type})`.execute(trx);
}

/**
 * Indexes one document at rowid ms × 1024 + (1023 − its rank by doc_id among the documents of the
 * same millisecond), re-slotting those few neighbours so that descending rowid stays
 * "published_at desc, doc_id asc" (migration 20261129_0410).
 */
async function placeFtsRow(trx: Executor, key: Omit<KeyRow, 'fts_rowid'>, f: FtsRow): Promise<void> {
  const base = Date.parse(key.published_at) * SLOTS;
  const group = (await sql<KeyRow & FtsRow>`
    select k.*, f.title, f.pinyin, f.unit, f.body from search_fts_keys k join search_fts f on f.rowid = k.fts_rowid
    where k.fts_rowid between ${base} and ${base + SLOTS - 1}`.execute(trx)).rows;
  if (group.length >= SLOTS) throw new Error(`search: more than ${SLOTS} documents published in the same millisecond (${key.published_at})`);
  for (const g of group) await sql`delete from search_fts where rowid = ${g.fts_rowid}`.execute(trx);
  if (group.length) await sql`delete from search_fts_keys where fts_rowid between ${base} and ${base + SLOTS - 1}`.execute(trx);
  const all = [...group.map((g) => ({ key: g as Omit<KeyRow, 'fts_rowid'>, f: g as FtsRow })), { key, f }].sort((a, b) => (a.key.doc_id < b.key.doc_id ? -1 : 1));
  for (let i = 0; i < all.length; i++) await insertFtsRow(trx, { ...all[i].key, fts_rowid: base + SLOTS - 1 - i }, all[i].f);
}

const KEYS = sql`search_fts f join search_fts_keys k on k.fts_rowid = f.rowid`;

export class SqliteSearchEngine implements SearchEngine {
  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    await inTransaction(this.db, async (trx) => {
      for (const doc of docs) {
        const row = documentRow(doc, now);
        const { doc_id: _id, ...rest } = row;
        await trx.insertInto('search_documents').values(row).onConflict((oc) => oc.column('doc_id').doUpdateSet(rest)).execute();
        await deleteFtsRow(trx, doc.docId);
        const key = { doc_id: row.doc_id, published_at: row.published_at, archived: row.archived, unit_path: row.unit_path, domain: row.domain, category: row.category, type: row.type };
        await placeFtsRow(trx, key, indexFields(doc));
      }
    });
  }

  async remove(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await inTransaction(this.db, async (trx) => {
      for (const id of docIds) {
        await deleteFtsRow(trx, id);
        await trx.deleteFrom('search_documents').where('doc_id', '=', id).execute();
      }
    });
  }

  private where(q: EngineQuery): RawBuilder<unknown> {
    // A date range is also a rowid range (rowid = instant × 1024 + slot): FTS5 then skips the
    // matches outside it instead of joining and rejecting them one by one.
    const range: RawBuilder<unknown>[] = [];
    if (q.filters.fromInstant) range.push(sql` and f.rowid >= ${Date.parse(q.filters.fromInstant) * SLOTS}`);
    if (q.filters.toInstant) range.push(sql` and f.rowid < ${Date.parse(q.filters.toInstant) * SLOTS}`);
    return sql`search_fts match ${ftsExpression(q.terms, q.mode)}${sql.join(range, sql``)} and ${filterSql(q.filters, 'k')}`;
  }

  async count(q: EngineQuery, cap: number): Promise<number> {
    // Without filters the key table is not needed: count straight off the full-text index.
    const inner = hasFilters(q.filters)
      ? sql`select 1 from ${KEYS} where ${this.where(q)} limit ${cap}`
      : sql`select 1 from search_fts where search_fts match ${ftsExpression(q.terms, q.mode)} limit ${cap}`;
    const r = await sql<{ n: number }>`select count(*) as n from (${inner})`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async ranked(q: EngineQuery, window: number, limit: number, offset: number): Promise<SearchRow[]> {
    // The window is read newest first off the index (descending rowid) and stops after `window`
    // matches; bm25 is computed for those rows only, the literal-word bonus after the join.
    const res = await sql<SearchRow & { score: number }>`
      with w as materialized (
        select k.doc_id as doc_id, ${BM25} as b from ${KEYS}
        where ${this.where(q)} order by f.rowid desc limit ${window})
      select ${ROW_COLUMNS}, ${scoreSql(q.bonusTerms)} as score
      from w join search_documents d on d.doc_id = w.doc_id
      order by score desc, d.published_at desc, d.doc_id
      limit ${limit} offset ${offset}`.execute(this.db);
    return res.rows;
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<SearchRow[]> {
    const res = await sql<SearchRow>`
      with w as materialized (
        select k.doc_id as doc_id from ${KEYS}
        where ${this.where(q)} order by f.rowid desc limit ${limit} offset ${offset})
      select ${ROW_COLUMNS} from w join search_documents d on d.doc_id = w.doc_id
      order by d.published_at desc, d.doc_id`.execute(this.db);
    return res.rows;
  }

  async titlesByPinyinPrefix(prefix: string, limit: number): Promise<{ title: string; url: string }[]> {
    const res = await sql<{ title: string; url: string }>`
      with w as materialized (
        select k.doc_id as doc_id from ${KEYS}
        where search_fts match ${`pinyin : "${safeToken(prefix)}"*`} and k.archived = 0
        order by f.rowid desc limit ${limit})
      select d.title, d.url from w join search_documents d on d.doc_id = w.doc_id
      order by d.published_at desc, d.doc_id`.execute(this.db);
    return res.rows;
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`delete from search_fts`.execute(trx);
      await sql`delete from search_fts_keys`.execute(trx);
      await trx.deleteFrom('search_documents').execute();
      const engine = new SqliteSearchEngine(trx);
      for await (const batch of batches(docs, 200)) {
        await engine.upsert(batch, now);
        n += batch.length;
      }
    });
    return n;
  }
}
