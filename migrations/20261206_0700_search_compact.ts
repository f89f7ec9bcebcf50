import { SqliteAdapter, sql, type Kysely } from 'kysely';

// The compact search index (src/platform/search/README.md, "How text is indexed"): character
// bigrams with positions instead of jieba words + bigrams without adjacency, no stored copy of the
// segmented text, the body stored once as a compressed excerpt, display status computed from a
// stored end-of-display date (no 往期 flag to update), and a vocabulary table kept at index time.
//
// The old structures cannot be converted in SQL (the new tokens are computed in JavaScript), so
// they are dropped and, when they held documents, `search.reindexRequired` is recorded in
// app_settings: the next start (`serve`, `migrate`, any CLI command) rebuilds the index from the
// published records before it serves, in one transaction (about a minute per 100,000 records on
// SQLite), and prints that it does. Until then searches find nothing.
//
// SQLite: search_documents(pos INTEGER PRIMARY KEY = the FTS rowid and newest-first position, …),
// search_texts(pos, compressed excerpt), the contentless FTS5 tables search_fts(title, tpy, unit,
// body, facets) and search_names (the same without the body), with contentless_delete (rows
// deleted by rowid; detail=full: phrases need positions), search_vocabulary.
// PostgreSQL: search_documents(doc_id, …, tsv, tsv_names) with GIN indexes (the filter keys and the
// publication month are lexemes in them), search_texts(doc_id, compressed excerpt),
// search_vocabulary. Text columns compared as ranges use the C collation.

export const REINDEX_REQUIRED_KEY = 'search.reindexRequired';

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const old = await sql<{ n: number | string }>`select count(*) as n from search_documents`.execute(db);
  const hadDocuments = Number(old.rows[0]?.n ?? 0) > 0;

  if (isSqlite) {
    await sql`drop trigger if exists search_fts_keys_sync`.execute(db);
    await sql`drop trigger if exists search_fts_keys_delete`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
    await sql`drop table if exists search_fts_keys`.execute(db);
    await sql`drop table search_documents`.execute(db);
    await sql`create table search_documents (
      pos integer primary key,
      doc_id text not null unique,
      type text not null,
      unit_code text not null,
      unit_path text not null,
      unit_name text not null,
      domain text,
      category text,
      title text not null,
      url text not null,
      published_at text not null,
      display_end text,
      updated_at text not null
    )`.execute(db);
    // Time → position (now, from, to bounds) and the neighbours of a new document: ascending
    // (published_at, doc_id desc) is ascending pos.
    await sql`create index search_documents_time_idx on search_documents (published_at, doc_id desc)`.execute(db);
    await sql`create table search_texts (pos integer primary key, text blob not null)`.execute(db);
    await sql`create virtual table search_fts using fts5(title, tpy, unit, body, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
    // The same without the body: pinyin, initials, single characters and title hits read small doclists.
    await sql`create virtual table search_names using fts5(title, tpy, unit, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  } else {
    await sql`drop table search_documents`.execute(db);
    await sql`create table search_documents (
      doc_id text primary key,
      type text not null,
      unit_code text not null,
      unit_path text collate "C" not null,
      unit_name text not null,
      domain text,
      category text,
      title text not null,
      url text not null,
      published_at text collate "C" not null,
      display_end text collate "C",
      updated_at text not null,
      tsv tsvector not null,
      tsv_names tsvector not null
    )`.execute(db);
    await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
    await sql`create index search_documents_tsv_names_idx on search_documents using gin (tsv_names)`.execute(db);
    // Newest first (ordered reads of small match sets, the next scheduled publication); unit, type,
    // domain, category, display end and publication month are keys inside the tsvectors.
    await sql`create index search_documents_newest_idx on search_documents (published_at desc, doc_id)`.execute(db);
    await sql`create table search_texts (doc_id text primary key, text bytea not null)`.execute(db);
  }

  const c = isSqlite ? sql`` : sql` collate "C"`;
  await sql`create table search_vocabulary (
    kind text not null,
    word text${c} not null,
    pinyin text${c} not null,
    initials text${c} not null,
    docs integer not null,
    primary key (kind, word)
  )`.execute(db);
  await sql`create index search_vocabulary_pinyin_idx on search_vocabulary (kind, pinyin)`.execute(db);
  await sql`create index search_vocabulary_initials_idx on search_vocabulary (kind, initials)`.execute(db);
  await sql`create index search_vocabulary_docs_idx on search_vocabulary (kind, docs)`.execute(db);

  if (hadDocuments) {
    const now = new Date().toISOString();
    await sql`insert into app_settings (key, value_json, updated_at) values (${REINDEX_REQUIRED_KEY}, ${JSON.stringify({ reason: 'search index format 20261206_0700', at: now })}, ${now})`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
