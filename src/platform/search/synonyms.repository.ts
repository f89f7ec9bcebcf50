/** The statements on `search_synonyms` (admin-edited synonym groups); synonyms.ts validates, audits and presents. */
import './search.tables.ts';
import type { Executor } from '../db/database.ts';
import type { SearchSynonymTable } from './search.tables.ts';

export async function allSynonymRows(db: Executor): Promise<SearchSynonymTable[]> {
  return db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
}

export async function findSynonymRow(db: Executor, id: string): Promise<SearchSynonymTable | undefined> {
  return db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSynonymRow(db: Executor, row: SearchSynonymTable): Promise<void> {
  await db.insertInto('search_synonyms').values(row).execute();
}

export async function updateSynonymRow(db: Executor, id: string, row: SearchSynonymTable): Promise<void> {
  await db.updateTable('search_synonyms').set(row).where('id', '=', id).execute();
}

export async function deleteSynonymRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('search_synonyms').where('id', '=', id).execute();
}
