/**
 * Small reads of disclosure rows for modules that build on records (policies, offline channels, participation, archives,
 * compliance, the showcase): the working row by id, the public (current-version) heads of published records, a unit's
 * newest published record of an item, and the sub-queries another module's query joins instead of naming publishing's
 * tables. SQL against publishing's own tables; other modules reach it through index.ts.
 */
import './disclosure.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { DisclosureTable } from './disclosure.tables.ts';

/** Unit codes per `in (…)` list: well under either database's parameter limit. */
const UNIT_CHUNK = 400;

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

/**
 * Board photos (公开栏 evidence) as another module's query joins them, e.g. archives' postings:
 * `.innerJoin(evidenceRows(db).as('e'), 'e.id', 'p.evidence_id')` — one statement, the same plan as a join of the table.
 */
export function evidenceRows(db: Executor) {
  return db.selectFrom('disclosure_evidence').select(['id', 'disclosure_id', 'channel', 'taken_on', 'type']);
}

/**
 * The published records as another module's query joins them (policies' 回应, 解读 and public list):
 * `.innerJoin(publishedRecords(db).as('d'), 'd.id', 'x.disclosure_id')`, with the public title and 文号 of the current
 * version. One statement, planned as the join of the two tables it stands for.
 */
export function publishedRecords(db: Executor) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .select(['d.id', 'd.unit_code', 'd.index_no', 'd.published_at', 'v.public_title', 'v.doc_no'])
    .where('d.status', '=', 'published');
}

/** The published records alone (no version), for a join that needs only their unit and publication time. */
export function publishedRecordRows(db: Executor) {
  return db.selectFrom('disclosures').select(['id', 'unit_code', 'published_at']).where('status', '=', 'published');
}

/** Photo dates (sorted) per record of the units on one channel (compliance: the 公开栏 evidence of each record). */
export async function photoDatesOfUnits(db: Executor, unitCodes: readonly string[], channel: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < unitCodes.length; i += UNIT_CHUNK) {
    const rows = await db
      .selectFrom('disclosure_evidence as e')
      .innerJoin('disclosures as d', 'd.id', 'e.disclosure_id')
      .select(['e.disclosure_id', 'e.taken_on'])
      .where('d.unit_code', 'in', unitCodes.slice(i, i + UNIT_CHUNK))
      .where('e.channel', '=', channel)
      .execute();
    for (const r of rows) {
      const list = map.get(r.disclosure_id);
      if (list) list.push(r.taken_on);
      else map.set(r.disclosure_id, [r.taken_on]);
    }
  }
  for (const list of map.values()) list.sort();
  return map;
}

/** Records linked to these catalog events (participation's 决议公开 / 实施结果公开), newest first. */
export async function recordsOfEvents(
  db: Executor,
  eventIds: readonly string[],
): Promise<{ id: string; event_id: string | null; title: string; status: string; published_at: string | null }[]> {
  if (!eventIds.length) return [];
  return db
    .selectFrom('disclosures')
    .select(['id', 'event_id', 'title', 'status', 'published_at'])
    .where('event_id', 'in', [...eventIds])
    .orderBy('created_at', 'desc')
    .execute();
}

/** Whether some record of these units has a working title ending in `titleEnd` (the showcase's demo seeding asks). */
export async function anyRecordTitled(db: Executor, unitCodes: readonly string[], titleEnd: string): Promise<boolean> {
  if (!unitCodes.length) return false;
  return !!(await db
    .selectFrom('disclosures')
    .select('id')
    .where('unit_code', 'in', [...unitCodes])
    .where('title', 'like', `%${titleEnd}`)
    .limit(1)
    .executeTakeFirst());
}
