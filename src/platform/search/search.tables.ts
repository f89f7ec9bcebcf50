/** Table types of the search index (declaration merging on the shared Database interface). */
declare module '../db/schema.ts' {
  interface Database {
    search_documents: SearchDocumentTable;
    search_synonyms: SearchSynonymTable;
  }
}

/**
 * One public document. On PostgreSQL the table also has `tsv tsvector` (not declared here: only
 * search-postgres.ts touches it, through raw SQL); on SQLite the full text lives in `search_fts`.
 */
export interface SearchDocumentTable {
  doc_id: string;
  type: string;
  unit_code: string;
  unit_path: string;
  unit_name: string;
  unit_pinyin: string;
  unit_initials: string;
  domain: string | null;
  category: string | null;
  title: string;
  title_pinyin: string;
  title_initials: string;
  summary: string | null;
  body_text: string;
  url: string;
  published_at: string;
  archived: number;
  updated_at: string;
}

export interface SearchSynonymTable {
  id: string;
  /** JSON array of equivalent terms, e.g. `["低保","最低生活保障","低保户"]`. */
  terms_json: string;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}
