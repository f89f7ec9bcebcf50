// The search index's public face: modules feed it (indexDocuments on publish/correct,
// removeDocuments on withdraw) and routes call search/suggest. See README.md.
export type { SearchDocumentInput, SearchEngine } from './engine.ts';
export {
  indexDocuments,
  removeDocuments,
  rebuildSearchIndex,
  search,
  suggest,
  searchEngine,
  nextScheduledPublication,
  TOTAL_CAP,
  RANK_WINDOW,
  type SearchInput,
  type SearchItem,
  type SearchResponse,
  type SuggestItem,
} from './search.ts';
export { cachedSearch, searchCacheStats } from './search-cache.ts';
export { listSynonymGroups, addSynonymGroup, updateSynonymGroup, deleteSynonymGroup, type SynonymGroup, type SynonymInput } from './synonyms.ts';
export { segmentQuery, pinyinKeys, textTokens, normalizeText } from './segment.ts';
