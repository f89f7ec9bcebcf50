/** Table types of the search index (declaration merging on the shared Database interface). */
declare module '../db/schema.ts' {
  interface Database {
    search_documents: SearchDocumentTable;
    search_texts: SearchTextTable;
    search_vocabulary: SearchVocabularyTable;
    search_synonyms: SearchSynonymTable;
  }
}

/**
 * One public document: the narrow row that filters, ranking and result lists read (no body).
 * On SQLite `pos` (INTEGER PRIMARY KEY) is the document's newest-first position and the rowid of
 * its row in the contentless FTS5 table `search_fts`; on PostgreSQL the row also has `tsv_names`
 * (tsvector) and `excerpt` (text; the table search_texts does not exist there) — only
 * search-postgres.repository.ts touches them, through raw SQL — and no `pos`.
 */
export interface SearchDocumentTable {
  pos: number;
  doc_id: string;
  type: string;
  unit_code: string;
  unit_path: string;
  unit_name: string;
  domain: string | null;
  category: string | null;
  title: string;
  url: string;
  published_at: string;
  /** Last China-local day on display (YYYY-MM-DD); null = no end. 往期 is `display_end < today`. */
  display_end: string | null;
  updated_at: string;
}

/** SQLite: the compressed excerpt (normalized summary + body) snippets are cut from, keyed by pos (PostgreSQL: search_documents.excerpt). */
export interface SearchTextTable {
  pos: number;
  doc_id: string;
  text: Uint8Array;
}

/** Words of indexed titles and indexed unit names, with the number of documents (kept at index time). */
export interface SearchVocabularyTable {
  kind: 'word' | 'unit';
  word: string;
  pinyin: string;
  initials: string;
  docs: number;
}

export interface SearchSynonymTable {
  id: string;
  /** JSON array of equivalent terms, e.g. `["低保","最低生活保障","低保户"]`. */
  terms_json: string;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}
