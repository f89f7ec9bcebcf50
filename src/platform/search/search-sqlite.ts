import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import {
  batches, documentRow, filterSql, inTransaction, indexFields, ROW_COLUMNS, safeToken,
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
  return sql<number>`(-${BM25}${bonus.length ? sql` + ${sql.join(bonus, sql` + `)}` : sql``} - (case when d.archived = 1 then 3 else 0 end))`;
}

/**
 * Removes a document's FTS row by rowid (search_fts_rowids maps doc_id → rowid): `doc_id` is an
 * unindexed FTS column, so deleting by it would read the whole index.
 */
async function deleteFtsRow(trx: Executor, docId: string): Promise<void> {
  const r = await sql<{ fts_rowid: number }>`delete from search_fts_rowids where doc_id = ${docId} returning fts_rowid`.execute(trx);
  for (const row of r.rows) await sql`delete from search_fts where rowid = ${row.fts_rowid}`.execute(trx);
}

export class SqliteSearchEngine implements SearchEngine {
  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    await inTransaction(this.db, async (trx) => {
      for (const doc of docs) {
        const row = documentRow(doc, now);
        const { doc_id: _id, ...rest } = row;
        await trx.insertInto('search_documents').values(row).onConflict((oc) => oc.column('doc_id').doUpdateSet(rest)).execute();
        const f = indexFields(doc);
        await deleteFtsRow(trx, doc.docId);
        const ins = await sql`insert into search_fts (title, pinyin, unit, body, doc_id) values (${f.title}, ${f.pinyin}, ${f.unit}, ${f.body}, ${doc.docId})`.execute(trx);
        await sql`insert into search_fts_rowids (doc_id, fts_rowid) values (${doc.docId}, ${Number(ins.insertId)})`.execute(trx);
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

  async search(q: EngineQuery): Promise<{ total: number; rows: SearchRow[] }> {
    const match = ftsExpression(q.terms, q.mode);
    const where = sql`search_fts match ${match} and ${filterSql(q.filters)}`;
    const count = await sql<{ n: number }>`select count(*) as n from search_fts f join search_documents d on d.doc_id = f.doc_id where ${where}`.execute(this.db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (total === 0) return { total, rows: [] };
    const order = q.sort === 'date' ? sql`d.published_at desc, d.doc_id` : sql`score desc, d.published_at desc, d.doc_id`;
    const res = await sql<SearchRow & { score: number }>`
      select ${ROW_COLUMNS}, ${scoreSql(q.bonusTerms)} as score
      from search_fts f join search_documents d on d.doc_id = f.doc_id
      where ${where}
      order by ${order}
      limit ${q.limit} offset ${q.offset}`.execute(this.db);
    return { total, rows: res.rows };
  }

  async titlesByPinyinPrefix(prefix: string, limit: number): Promise<{ title: string; url: string }[]> {
    const res = await sql<{ title: string; url: string }>`
      select d.title, d.url from search_fts f join search_documents d on d.doc_id = f.doc_id
      where search_fts match ${`pinyin : "${safeToken(prefix)}"*`} and d.archived = 0
      order by d.published_at desc limit ${limit}`.execute(this.db);
    return res.rows;
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await sql`delete from search_fts`.execute(trx);
      await sql`delete from search_fts_rowids`.execute(trx);
      await trx.deleteFrom('search_documents').execute();
      const engine = new SqliteSearchEngine(trx);
      for await (const batch of batches(docs, 200)) {
        await engine.upsert(batch, now);
        n += batch.length;
      }
    });
    return n;
  }

  async vocabulary(limit: number): Promise<{ term: string; docs: number }[]> {
    const res = await sql<{ term: string; docs: number }>`select term, doc as docs from search_fts_vocab order by doc desc limit ${limit}`.execute(this.db);
    return res.rows.map((r) => ({ term: r.term, docs: Number(r.docs) }));
  }
}
