import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { hanBracket } from '../src/platform/search/search-postgres.repository.ts';

// PostgreSQL only (SQLite: nothing changes). The search table no longer stores the body's tsvector:
// at 200,000 documents it was 70% of the index (≈ 6.3 KB of a 10.9 KB document, TOASTed), and
// reading it back to check a phrase was most of a query's time. Instead:
//
// - search_documents.excerpt (text, compressed by PostgreSQL) holds the excerpt the snippets come
//   from — the table search_texts (a zlib copy keyed by doc_id, and its primary key) is dropped;
// - gongkai_search_body(excerpt) computes the body's tokens in SQL — the same tokens as the
//   JavaScript segmenter's textTokens (every adjacent pair of Han characters of a run, a run of one
//   Han character as itself, every ASCII letter/digit run lower-cased, at most 64 long), without
//   positions — and only the GIN index stores them: search_documents_match_idx on
//   (tsv_names || gongkai_search_body(excerpt)). A query asks that index for documents holding all
//   tokens of a word (no recheck: no positions or weights in the tsquery), then checks adjacency
//   on the few rows it keeps: in tsv_names (title, unit name, title pinyin, with positions) or as a
//   substring of the excerpt (search-postgres.repository.ts);
// - tsv_names keeps its own GIN index (pinyin, initials, title hits, type-ahead);
// - search_documents_newest_idx (published_at desc, doc_id) is replaced by an index on the
//   expression (published_at || ''), used only by the next-scheduled-publication read: an ordered
//   btree on published_at would let the planner walk it and compute the body tokens of every row
//   it passes.
//
// The excerpts cannot be inflated in SQL, so existing documents are dropped and
// `search.reindexRequired` is recorded: the next start rebuilds the index before it serves
// (search.cli.ts reindexIfRequired), as migration 20261206_0700 did.

const REINDEX_REQUIRED_KEY = 'search.reindexRequired';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  const old = await sql<{ n: number | string }>`select count(*) as n from search_documents`.execute(db);
  const hadDocuments = Number(old.rows[0]?.n ?? 0) > 0;

  const runs = `([${hanBracket()}]+)|([a-z0-9]+)`;
  // One regexp pass over the lower-cased excerpt: r[1] a Han run, r[2] an ASCII run.
  await sql
    .raw(
      `create function gongkai_search_body(t text) returns tsvector
      language sql immutable strict parallel safe cost 500 as $fn$
        select array_to_tsvector(coalesce(array_agg(s.tok), '{}'::text[]))
        from regexp_matches(lower(t), '${runs}', 'g') r
        cross join lateral (
          select case when r[2] is not null then left(r[2], 64)
                      when char_length(r[1]) = 1 then r[1]
                      else substr(r[1], i, 2) end as tok
          from generate_series(1, greatest(coalesce(char_length(r[1]), 0) - 1, 1)) i
        ) s
      $fn$`,
    )
    .execute(db);

  await sql`truncate search_documents, search_vocabulary`.execute(db);
  await sql`drop table search_texts`.execute(db);
  await sql`drop index if exists search_documents_tsv_idx`.execute(db);
  await sql`drop index if exists search_documents_newest_idx`.execute(db);
  await sql`alter table search_documents drop column tsv`.execute(db);
  await sql`alter table search_documents add column excerpt text not null`.execute(db);
  await sql`create index search_documents_match_idx on search_documents using gin ((tsv_names || gongkai_search_body(excerpt)))`.execute(db);
  await sql`create index search_documents_published_idx on search_documents ((published_at || ''))`.execute(db);

  if (hadDocuments) {
    const now = new Date().toISOString();
    await sql`insert into app_settings (key, value_json, updated_at) values (${REINDEX_REQUIRED_KEY}, ${JSON.stringify({ reason: 'search index format 20261212_0300', at: now })}, ${now})
      on conflict (key) do update set value_json = excluded.value_json, updated_at = excluded.updated_at`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
