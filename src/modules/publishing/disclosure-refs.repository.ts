/**
 * Small reads of disclosure rows for modules that build on records (policies, offline channels): the working row by
 * id, the public (current-version) heads of published records, a unit's newest published record of an item. SQL
 * against publishing's own tables; other modules reach it through index.ts.
 */
import './disclosure.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { DisclosureTable } from './disclosure.tables.ts';

export async function findDisclosureRow(db: Executor, id: string): Promise<DisclosureTable | undefined> {
  return db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDisclosureRows(db: Executor, ids: readonly string[]): Promise<DisclosureTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('disclosures')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export interface PublishedHead {
  id: string;
  unit_code: string;
  public_title: string;
  doc_no: string | null;
  index_no: string | null;
  published_at: string;
}

/** Public title and numbers (the current published version) of those of `ids` that are published. */
export async function publishedHeads(db: Executor, ids: readonly string[]): Promise<PublishedHead[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('disclosures as d')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .select(['d.id', 'd.unit_code', 'v.public_title', 'v.doc_no', 'd.index_no', 'd.published_at'])
    .where('d.id', 'in', [...ids])
    .where('d.status', '=', 'published')
    .execute();
  return rows.map((r) => ({ ...r, published_at: r.published_at! }));
}

/** The id of a unit's newest published record of one catalogue item (demo seeding of the offline channels). */
export async function newestPublishedOfItem(db: Executor, unitCode: string, itemKey: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('disclosures')
    .select('id')
    .where('unit_code', '=', unitCode)
    .where('status', '=', 'published')
    .where('item_key', '=', itemKey)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  return r?.id;
}
