import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Search at county scale (≈200,000 documents; src/platform/search/README.md, "Speed").
//
// SQLite: the FTS5 rowid becomes the document's position in "newest first" order, so the engine
// can read the newest matches straight off the full-text index (`order by rowid desc limit n`)
// and stop, instead of joining and ranking every match. rowid = publication instant in
// milliseconds × 1024 + (1023 − rank of the doc_id among documents published in the same
// millisecond), i.e. descending rowid = published_at descending, then doc_id ascending — the
// order PostgreSQL uses. `search_fts_keys` replaces `search_fts_rowids` (doc_id ↔ FTS rowid) and
// carries the filter columns, so filtering a match needs one integer-key lookup in a narrow row
// instead of a read of the wide search_documents row (whose body_text precedes published_at and
// archived). Triggers keep the copied columns equal to search_documents when a row is updated in
// place (the 往期公开 flag refresh does that) and remove the full-text row with its document. The FTS table is rebuilt with the new
// rowids and optimized (one segment).
//
// Both: (published_at, doc_id) supports "newest first" with a stable tie-break; (unit_name,
// unit_pinyin, unit_initials) lists the indexed units without reading the table; (archived, doc_id)
// serves the daily 往期 flag refresh (publishing/disclosure.search.ts).
const MS = sql`cast(round((julianday(published_at) - 2440587.5) * 86400000.0) as integer)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await sql`create index search_documents_newest_idx on search_documents (published_at, doc_id)`.execute(db);
  // The distinct indexed unit names ("nearby units" on zero results) from the index, not the table.
  await sql`create index search_documents_unit_names_idx on search_documents (unit_name, unit_pinyin, unit_initials)`.execute(db);
  // The daily 往期 flag refresh walks the current documents only.
  await sql`create index search_documents_archived_idx on search_documents (archived, doc_id)`.execute(db);
  if (!isSqlite) {
    // PostgreSQL: the unit subtree filter as a byte-order range (search-postgres.ts), whatever the
    // database's collation.
    await sql`create index search_documents_unit_path_c_idx on search_documents (unit_path collate "C")`.execute(db);
    return;
  }

  await sql`create table search_fts_keys (
    fts_rowid integer primary key,
    doc_id text not null unique,
    published_at text not null,
    archived integer not null,
    unit_path text not null,
    domain text,
    category text,
    type text not null
  )`.execute(db);
  await sql`insert into search_fts_keys (fts_rowid, doc_id, published_at, archived, unit_path, domain, category, type)
    select d.ms * 1024 + 1024 - row_number() over (partition by d.ms order by d.doc_id), d.doc_id, d.published_at, d.archived, d.unit_path, d.domain, d.category, d.type
    from (select ${MS} as ms, doc_id, published_at, archived, unit_path, domain, category, type from search_documents) d`.execute(db);
  await sql`create virtual table search_fts_new using fts5(title, pinyin, unit, body, doc_id unindexed, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`insert into search_fts_new (rowid, title, pinyin, unit, body, doc_id)
    select k.fts_rowid, f.title, f.pinyin, f.unit, f.body, f.doc_id
    from search_fts_keys k join search_fts_rowids r on r.doc_id = k.doc_id join search_fts f on f.rowid = r.fts_rowid
    order by k.fts_rowid`.execute(db);
  await sql`insert into search_fts_new (search_fts_new) values ('optimize')`.execute(db);
  await sql`drop table search_fts_rowids`.execute(db);
  await sql`drop table search_fts_vocab`.execute(db);
  await sql`drop table search_fts`.execute(db);
  await sql`alter table search_fts_new rename to search_fts`.execute(db);
  await sql`create trigger search_fts_keys_sync after update on search_documents begin
    update search_fts_keys set published_at = new.published_at, archived = new.archived, unit_path = new.unit_path, domain = new.domain, category = new.category, type = new.type
    where doc_id = new.doc_id;
  end`.execute(db);
  // A search document deleted by any statement takes its full-text row with it, so counting off
  // the full-text index alone never counts a document that is gone.
  await sql`create trigger search_fts_keys_delete after delete on search_documents begin
    delete from search_fts where rowid = (select fts_rowid from search_fts_keys where doc_id = old.doc_id);
    delete from search_fts_keys where doc_id = old.doc_id;
  end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
