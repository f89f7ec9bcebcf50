import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import {
  batches, documentRow, filterSql, inTransaction, indexFields, ROW_COLUMNS, safeToken,
  type EngineQuery, type MatchAlt, type MatchTerm, type SearchDocumentInput, type SearchEngine, type SearchRow,
} from './engine.ts';

// PostgreSQL: `search_documents.tsv` = setweight(title, A) || setweight(pinyin + unit, B) ||
// setweight(body, C), each `to_tsvector('simple', <pre-segmented text>)`; GIN index; ts_rank
// with the default weights {D 0.1, C 0.2, B 0.4, A 1.0} mirrors SQLite's bm25 column weights.

function altExpr(a: MatchAlt): string {
  // Pinyin prefixes only match weight B (title pinyin and unit name), like SQLite's {pinyin unit}.
  if (a.prefix) return `'${safeToken(a.tokens[0])}':*B`;
  return `(${a.tokens.map((t) => `'${safeToken(t)}'`).join(' & ')})`;
}

/** tsquery text: terms joined by & (or |), each an OR of its alternatives. */
export function tsqueryText(terms: MatchTerm[], mode: 'all' | 'any'): string {
  return terms.map((t) => `(${t.alts.map(altExpr).join(' | ')})`).join(mode === 'all' ? ' & ' : ' | ');
}

function scoreSql(bonusTerms: string[]): RawBuilder<number> {
  // ts_rank is about 0.1–1 here where bm25 is about 1–20: bonuses and the archive penalty are
  // scaled to match SQLite's 8, 2 and 3.
  const bonus = bonusTerms.map((t) => sql`(case when strpos(d.title, ${t}) > 0 then 0.8 else 0 end) + (case when strpos(d.body_text, ${t}) > 0 then 0.2 else 0 end)`);
  return sql<number>`(ts_rank(d.tsv, q.query)${bonus.length ? sql` + ${sql.join(bonus, sql` + `)}` : sql``} - (case when d.archived = 1 then 0.3 else 0 end))`;
}

const TSV = (f: ReturnType<typeof indexFields>) =>
  sql`setweight(to_tsvector('simple', ${f.title}), 'A') || setweight(to_tsvector('simple', ${`${f.pinyin} ${f.unit}`}), 'B') || setweight(to_tsvector('simple', ${f.body}), 'C')`;

/**
 * Runs a read with sequential scans off. With `limit`, the planner may prefer walking the whole
 * table and testing `tsv @@ query` row by row, expecting to stop early; when the matches sit at
 * the end of the heap (current documents are the newest rows) that read every row and took 8 s at
 * 200,000 documents (村账 + archived=false). Off, it uses the GIN index (and the b-trees), whose
 * cost is bounded by the matches. SET LOCAL lasts until the end of this transaction only.
 */
async function withoutSeqScan<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  const run = async (trx: Executor) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    try {
      return await fn(trx);
    } finally {
      if (db.isTransaction) await sql`set local enable_seqscan = on`.execute(trx);
    }
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export class PostgresSearchEngine implements SearchEngine {
  constructor(private readonly db: Executor) {}

  async upsert(docs: SearchDocumentInput[], now: Date): Promise<void> {
    if (!docs.length) return;
    await inTransaction(this.db, async (trx) => {
      for (const doc of docs) {
        const row = documentRow(doc, now);
        const { doc_id: _id, ...rest } = row;
        await trx.insertInto('search_documents').values(row).onConflict((oc) => oc.column('doc_id').doUpdateSet(rest)).execute();
        await sql`update search_documents set tsv = ${TSV(indexFields(doc))} where doc_id = ${doc.docId}`.execute(trx);
      }
    });
  }

  async remove(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    await this.db.deleteFrom('search_documents').where('doc_id', 'in', docIds).execute();
  }

  private where(q: EngineQuery): RawBuilder<unknown> {
    // The unit subtree is also a byte-order range (the path ends with '/', and '/' + 1 = '0'), which
    // the (unit_path collate "C") index of migration 20261129_0410 serves: the planner can AND it
    // with the GIN matches instead of reading every match to test the shared substr() filter.
    const p = q.filters.unitPath;
    const range = p ? sql` and d.unit_path collate "C" >= ${p} and d.unit_path collate "C" < ${`${p.slice(0, -1)}0`}` : sql``;
    return sql`d.tsv @@ to_tsquery('simple', ${tsqueryText(q.terms, q.mode)})${range} and ${filterSql(q.filters)}`;
  }

  async count(q: EngineQuery, cap: number): Promise<number> {
    const r = await withoutSeqScan(this.db, (trx) => sql<{ n: string }>`select count(*) as n from (select 1 from search_documents d where ${this.where(q)} limit ${cap}) s`.execute(trx));
    return Number(r.rows[0]?.n ?? 0);
  }

  async ranked(q: EngineQuery, window: number, limit: number, offset: number): Promise<SearchRow[]> {
    // The newest `window` matches first (index on published_at, doc_id), then ts_rank on those only.
    const res = await withoutSeqScan(this.db, (trx) => sql<SearchRow & { score: number }>`
      with w as materialized (
        select d.doc_id from search_documents d where ${this.where(q)}
        order by d.published_at desc, d.doc_id limit ${window})
      select ${ROW_COLUMNS}, ${scoreSql(q.bonusTerms)} as score
      from w join search_documents d on d.doc_id = w.doc_id, to_tsquery('simple', ${tsqueryText(q.terms, q.mode)}) as q(query)
      order by score desc, d.published_at desc, d.doc_id
      limit ${limit} offset ${offset}`.execute(trx));
    return res.rows.map((r) => ({ ...r, archived: Number(r.archived) }));
  }

  async newest(q: EngineQuery, limit: number, offset: number): Promise<SearchRow[]> {
    const res = await withoutSeqScan(this.db, (trx) => sql<SearchRow>`
      select ${ROW_COLUMNS} from search_documents d where ${this.where(q)}
      order by d.published_at desc, d.doc_id limit ${limit} offset ${offset}`.execute(trx));
    return res.rows.map((r) => ({ ...r, archived: Number(r.archived) }));
  }

  async titlesByPinyinPrefix(prefix: string, limit: number): Promise<{ title: string; url: string }[]> {
    // Title pinyin alone is not separable from the unit's inside weight B; requiring the prefix to
    // also occur in title_pinyin/title_initials keeps this equal to SQLite's `pinyin :` column filter.
    const res = await sql<{ title: string; url: string }>`
      select d.title, d.url from search_documents d
      where d.tsv @@ to_tsquery('simple', ${`'${safeToken(prefix)}':*B`})
        and (strpos(d.title_pinyin, ${prefix}) > 0 or strpos(d.title_initials, ${prefix}) > 0) and d.archived = 0
      order by d.published_at desc limit ${limit}`.execute(this.db);
    return res.rows;
  }

  async rebuildAll(docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>, now: Date): Promise<number> {
    let n = 0;
    await inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('search_documents').execute();
      const engine = new PostgresSearchEngine(trx);
      for await (const batch of batches(docs, 200)) {
        await engine.upsert(batch, now);
        n += batch.length;
      }
    });
    return n;
  }
}
