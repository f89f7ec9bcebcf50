/**
 * The reference for the search benchmark: a plain FTS5 bigram table — the simplest index that
 * finds Chinese text with adjacent characters — built from the same documents, queried with the
 * same queries, in the same run. Columns (title, body), content stored (FTS5's default), every
 * Han run of the query as the phrase of its bigrams, all phrases required, bm25 order. No
 * synonyms, pinyin, filters, display status, snippets or did-you-mean: what ours does on top of
 * this is what its extra cost buys.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import BetterSqlite from 'better-sqlite3';
import type { SearchDocumentInput } from '../../src/platform/search/index.ts';
import { excerptOf } from '../../src/platform/search/analyze.ts';
import { bigrams, normalizeText, runsOf, textTokens } from '../../src/platform/search/segment.ts';

export interface BaselineIndex {
  db: BetterSqlite.Database;
  documents: number;
}

/** Opens (or creates) the baseline table in `file`; `fill` is called when it is new. */
export function openBaseline(file: string): { db: BetterSqlite.Database; documents: number } {
  const db = new BetterSqlite(file);
  db.pragma('journal_mode = WAL');
  db.exec(`create virtual table if not exists b using fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`);
  const documents = (db.prepare('select count(*) as n from b').get() as { n: number }).n;
  return { db, documents };
}

/** Indexes documents (tokens computed here, as ours computes its own); returns documents per second. */
export function fillBaseline(db: BetterSqlite.Database, docs: SearchDocumentInput[]): number {
  const ins = db.prepare('insert into b (title, body) values (?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const d of docs) ins.run(textTokens(normalizeText(d.title)), textTokens(normalizeText(excerptOf(d))));
  })();
  return docs.length / ((performance.now() - t0) / 1000);
}

/** Index bytes per document (dbstat): the FTS5 structures alone, and with the stored content. */
export function baselineBytes(db: BetterSqlite.Database, documents: number): { indexBytesPerDoc: number; withContentBytesPerDoc: number } {
  const rows = db.prepare(`select name, sum(pgsize) as n from dbstat where name like 'b\\_%' escape '\\' group by name`).all() as { name: string; n: number }[];
  const all = rows.reduce((a, r) => a + r.n, 0);
  const content = rows.find((r) => r.name === 'b_content')?.n ?? 0;
  return { indexBytesPerDoc: Math.round((all - content) / documents), withContentBytesPerDoc: Math.round(all / documents) };
}

/** The FTS5 expression for a query, or null when it has nothing to match. */
export function baselineExpression(q: string): string | null {
  const phrases = runsOf(q).map((r) => `"${(r.han ? bigrams(r.text) : [r.text]).join(' ')}"`);
  return phrases.length ? phrases.join(' AND ') : null;
}

/** One query: the count (capped like ours) and the ten best by bm25. */
export function baselineSearch(db: BetterSqlite.Database, q: string, cap = 1001): { total: number; top: number[] } {
  const expr = baselineExpression(q);
  if (!expr) return { total: 0, top: [] };
  const count = (db.prepare('select count(*) as n from (select 1 from b where b match ? limit ?)').get(expr, cap) as { n: number }).n;
  const top = (db.prepare('select rowid from b where b match ? order by rank limit 10').all(expr) as { rowid: number }[]).map((r) => r.rowid);
  return { total: count, top };
}

export function removeBaseline(file: string): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
}
