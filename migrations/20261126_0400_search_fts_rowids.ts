import { SqliteAdapter, sql, type Kysely } from 'kysely';

// SQLite only: which FTS5 row holds each search document. `search_fts.doc_id` is an UNINDEXED
// column, so `delete from search_fts where doc_id = ?` read the whole FTS table on every publish,
// correction or withdrawal (seconds per publish at county scale, ≈200,000 documents; found by
// bench/search.bench.ts). The engine now looks the rowid up here and deletes by rowid.
// PostgreSQL keeps its tsvector in the search_documents row and needs nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`create table search_fts_rowids (doc_id text primary key, fts_rowid integer not null unique)`.execute(db);
  await sql`insert into search_fts_rowids (doc_id, fts_rowid) select doc_id, rowid from search_fts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
