/** All SQL of the archives module (dialect-neutral Kysely). */
import './archives.tables.ts';
import { sql } from 'kysely';
import { likeText, type Executor } from '../../platform/db/database.ts';
import { evidenceRows } from '../publishing/index.ts';
import type {
  ArchiveClassTable,
  ArchiveCustodyMoveTable,
  ArchiveDestructionTable,
  ArchiveItemFileTable,
  ArchiveItemTable,
  ArchiveReadingVisitTable,
  ArchiveRoomEntryTable,
  ArchiveRoomLoanTable,
  BoardInspectionPhotoTable,
  BoardInspectionTable,
  NoticeBoardTable,
} from './archives.tables.ts';

export type ItemRow = ArchiveItemTable & { unit_name: string; unit_path: string; custody_unit_name: string; class_name: string };

// ----- settings -----------------------------------------------------------------------------------------------------
export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('app_settings').select('value_json').where('key', '=', key).executeTakeFirst())?.value_json;
}
export async function writeSetting(db: Executor, key: string, valueJson: string, at: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}

// ----- classes (the county's table) ---------------------------------------------------------------------------------
export async function listClasses(db: Executor): Promise<ArchiveClassTable[]> {
  return db.selectFrom('archive_classes').selectAll().orderBy('sort_order').orderBy('code').execute();
}
export async function findClass(db: Executor, code: string): Promise<ArchiveClassTable | undefined> {
  return db.selectFrom('archive_classes').selectAll().where('code', '=', code).executeTakeFirst();
}
export async function insertClassIfMissing(db: Executor, row: ArchiveClassTable): Promise<void> {
  await db
    .insertInto('archive_classes')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
export async function upsertClass(db: Executor, row: ArchiveClassTable): Promise<void> {
  const { code, ...rest } = row;
  await db
    .insertInto('archive_classes')
    .values(row)
    .onConflict((oc) => oc.column('code').doUpdateSet(rest))
    .execute();
  void code;
}
export async function countItemsOfClass(db: Executor, code: string): Promise<number> {
  const r = await db
    .selectFrom('archive_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('class_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ----- items ----------------------------------------------------------------------------------------------------------
function itemQuery(db: Executor) {
  return db
    .selectFrom('archive_items as i')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .innerJoin('org_units as c', 'c.code', 'i.custody_unit_code')
    .innerJoin('archive_classes as k', 'k.code', 'i.class_code')
    .selectAll('i')
    .select(['u.name as unit_name', 'u.path as unit_path', 'c.name as custody_unit_name', 'k.name as class_name']);
}
export async function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  return itemQuery(db).where('i.id', '=', id).executeTakeFirst();
}
export async function findItems(db: Executor, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return itemQuery(db)
    .where('i.id', 'in', [...ids])
    .orderBy('i.archival_code')
    .execute();
}
/** The items of several lists of ids (销毁清单, 移交, 查阅登记), read in one query for all of them; each list by 档号. */
export async function findItemLists(db: Executor, lists: readonly (readonly string[])[]): Promise<ItemRow[][]> {
  const byId = new Map((await findItems(db, [...new Set(lists.flat())])).map((i) => [i.id, i]));
  return lists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []).sort((a, b) => a.archival_code.localeCompare(b.archival_code)));
}
export async function findItemByDisclosure(db: Executor, disclosureId: string): Promise<ArchiveItemTable | undefined> {
  return db.selectFrom('archive_items').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}
/** The records already filed, as a sub-query: the filing queue leaves them out in its own statement (no list of ids). */
export function filedDisclosuresQuery(db: Executor) {
  return db.selectFrom('archive_items').select('disclosure_id as id').where('disclosure_id', 'is not', null);
}
export async function nextItemNo(db: Executor, unitCode: string, year: number, classCode: string): Promise<number> {
  const r = await db
    .selectFrom('archive_items')
    .select((eb) => eb.fn.max<number | null>('item_no').as('n'))
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .where('class_code', '=', classCode)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}
export async function insertItem(db: Executor, row: ArchiveItemTable): Promise<void> {
  await db.insertInto('archive_items').values(row).execute();
}
export async function updateItems(db: Executor, ids: readonly string[], patch: Partial<ArchiveItemTable>): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('archive_items')
    .set(patch)
    .where('id', 'in', [...ids])
    .execute();
}

export interface ItemSearch {
  roots: readonly string[];
  unitPath?: string;
  year?: number;
  classCode?: string;
  status?: 'filed' | 'destroyed';
  publicOnly?: boolean;
  text?: string;
  dueBefore?: string;
  limit: number;
  offset: number;
}
export async function searchItems(db: Executor, s: ItemSearch): Promise<{ total: number; items: ItemRow[] }> {
  let q = itemQuery(db).where((eb) => eb.or(s.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (s.unitPath) q = q.where('u.path', 'like', `${s.unitPath}%`);
  if (s.year !== undefined) q = q.where('i.year', '=', s.year);
  if (s.classCode) q = q.where('i.class_code', '=', s.classCode);
  if (s.status) q = q.where('i.status', '=', s.status);
  if (s.publicOnly) q = q.where('i.was_public', '=', 1);
  if (s.dueBefore) q = q.where('i.keep_until', 'is not', null).where('i.keep_until', '<', s.dueBefore);
  if (s.text) {
    const text = s.text;
    q = q.where((eb) => eb.or([likeText('i.title', text), likeText('i.archival_code', text)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q.orderBy('i.unit_code').orderBy('i.year', 'desc').orderBy('k.sort_order').orderBy('i.item_no').limit(s.limit).offset(s.offset).execute();
  return { total: Number(total.n), items };
}

/** Items that were public and were destroyed under an approved 销毁清单, for the public archive page (newest first). */
export async function listPublicDestroyed(
  db: Executor,
  unitPath: string,
  q: { year?: number; classCode?: string; limit: number },
): Promise<{ archival_code: string; year: number; class_name: string; title: string; formed_on: string; serial: string; decided_at: string }[]> {
  let query = db
    .selectFrom('archive_items as i')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .innerJoin('archive_classes as k', 'k.code', 'i.class_code')
    .innerJoin('archive_destructions as d', 'd.id', 'i.destruction_id')
    .where('u.path', 'like', `${unitPath}%`)
    .where('i.was_public', '=', 1)
    .where('i.status', '=', 'destroyed')
    .where('d.status', '=', 'approved');
  if (q.year !== undefined) query = query.where('i.year', '=', q.year);
  if (q.classCode) query = query.where('i.class_code', '=', q.classCode);
  const rows = await query
    .select(['i.archival_code', 'i.year', 'k.name as class_name', 'i.title', 'i.formed_on', 'd.serial', 'd.decided_at'])
    .orderBy('d.decided_at', 'desc')
    .orderBy('i.archival_code')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, decided_at: r.decided_at ?? '' }));
}

export type VolumeRow = {
  unit_code: string;
  unit_name: string;
  year: number;
  class_code: string;
  class_name: string;
  retention: string;
  items: number;
  destroyed: number;
};
function volumesUnder(db: Executor, unitPath: string, publicOnly: boolean) {
  let q = db
    .selectFrom('archive_items as i')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .innerJoin('archive_classes as k', 'k.code', 'i.class_code')
    .where('u.path', 'like', `${unitPath}%`);
  if (publicOnly) q = q.where('i.was_public', '=', 1).where('i.status', '=', 'filed');
  return q
    .select(['i.unit_code', 'u.name as unit_name', 'i.year', 'i.class_code', 'k.name as class_name', 'k.retention', 'k.sort_order'])
    .select(sql<number>`count(*)`.as('items'))
    .select(sql<number>`sum(case when i.status = 'destroyed' then 1 else 0 end)`.as('destroyed'))
    .groupBy(['i.unit_code', 'u.name', 'i.year', 'i.class_code', 'k.name', 'k.retention', 'k.sort_order']);
}
const volumeRow = (r: VolumeRow): VolumeRow => ({ ...r, items: Number(r.items), destroyed: Number(r.destroyed) });

/** Volumes (年度 × 类别) of the units under `unitPath`: item counts (the public archive page's year and class choices of one unit). */
export async function listVolumes(db: Executor, unitPath: string, publicOnly: boolean): Promise<VolumeRow[]> {
  const rows = await volumesUnder(db, unitPath, publicOnly).orderBy('i.unit_code').orderBy('i.year', 'desc').orderBy('k.sort_order').execute();
  return rows.map(volumeRow);
}
/** One page of the volumes under `unitPath` (by unit, newest year, class), and how many volumes there are. */
export async function pageVolumes(db: Executor, unitPath: string, q: { limit: number; offset: number }): Promise<{ total: number; items: VolumeRow[] }> {
  const total = await db
    .selectFrom(volumesUnder(db, unitPath, false).as('v'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await volumesUnder(db, unitPath, false)
    .orderBy('i.unit_code')
    .orderBy('i.year', 'desc')
    .orderBy('k.sort_order')
    .orderBy('i.class_code')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.n), items: rows.map(volumeRow) };
}

// ----- item files -----------------------------------------------------------------------------------------------------
export async function insertItemFiles(db: Executor, rows: ArchiveItemFileTable[]): Promise<void> {
  if (rows.length) await db.insertInto('archive_item_files').values(rows).execute();
}
export async function listItemFiles(db: Executor, itemId: string): Promise<ArchiveItemFileTable[]> {
  return db.selectFrom('archive_item_files').selectAll().where('item_id', '=', itemId).orderBy('seq').execute();
}
export async function countItemFiles(db: Executor, itemId: string): Promise<number> {
  const r = await db
    .selectFrom('archive_item_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function deleteItemFiles(db: Executor, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length)
    await db
      .deleteFrom('archive_item_files')
      .where('item_id', 'in', [...itemIds])
      .execute();
}

// ----- custody ---------------------------------------------------------------------------------------------------------
export async function insertMove(db: Executor, row: ArchiveCustodyMoveTable): Promise<void> {
  await db.insertInto('archive_custody_moves').values(row).execute();
}
export async function findMove(db: Executor, id: string): Promise<(ArchiveCustodyMoveTable & { unit_path: string }) | undefined> {
  return db
    .selectFrom('archive_custody_moves as m')
    .innerJoin('org_units as u', 'u.code', 'm.unit_code')
    .selectAll('m')
    .select('u.path as unit_path')
    .where('m.id', '=', id)
    .executeTakeFirst();
}
/** One page of the moves of units under `roots` (or of one unit), newest first, and how many there are. */
export async function pageMoves(
  db: Executor,
  q: { roots: readonly string[]; unitCode?: string; limit: number; offset: number },
): Promise<{ total: number; items: (ArchiveCustodyMoveTable & { unit_path: string })[] }> {
  let base = db
    .selectFrom('archive_custody_moves as m')
    .innerJoin('org_units as u', 'u.code', 'm.unit_code')
    .where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.unitCode) base = base.where('m.unit_code', '=', q.unitCode);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('m')
    .select('u.path as unit_path')
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.n), items };
}
export async function countSerials(db: Executor, table: 'archive_custody_moves' | 'archive_destructions', prefix: string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('serial', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ----- destruction ----------------------------------------------------------------------------------------------------
export type DestructionRow = ArchiveDestructionTable & { unit_path: string; unit_name: string };
export async function insertDestruction(db: Executor, row: ArchiveDestructionTable): Promise<void> {
  await db.insertInto('archive_destructions').values(row).execute();
}
export async function findDestruction(db: Executor, id: string): Promise<DestructionRow | undefined> {
  return db
    .selectFrom('archive_destructions as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .selectAll('d')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}
/** One page of the 销毁清单 of units under `roots` (or of one unit; of one status), newest first, and how many there are. */
export async function pageDestructions(
  db: Executor,
  q: { roots: readonly string[]; unitCode?: string; status?: string; limit: number; offset: number },
): Promise<{ total: number; items: DestructionRow[] }> {
  let base = db
    .selectFrom('archive_destructions as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.unitCode) base = base.where('d.unit_code', '=', q.unitCode);
  if (q.status) base = base.where('d.status', '=', q.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('d')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .orderBy('d.proposed_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.n), items };
}
export async function updateDestruction(db: Executor, id: string, patch: Partial<ArchiveDestructionTable>): Promise<void> {
  await db.updateTable('archive_destructions').set(patch).where('id', '=', id).execute();
}
/** Items already in a pending destruction proposal. */
export async function pendingDestructionItemIds(db: Executor, unitCode: string): Promise<Set<string>> {
  const rows = await db.selectFrom('archive_destructions').select('item_ids_json').where('unit_code', '=', unitCode).where('status', '=', 'proposed').execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.item_ids_json) as string[]));
}

// ----- reading point -------------------------------------------------------------------------------------------------
export type VisitRow = ArchiveReadingVisitTable & { unit_path: string; unit_name: string };
export async function insertVisit(db: Executor, row: ArchiveReadingVisitTable): Promise<void> {
  await db.insertInto('archive_reading_visits').values(row).execute();
}
/** The last 查阅登记号 serial of a unit's year (0 when none); the caller holds the serial lock. */
export async function lastVisitSerial(db: Executor, unitCode: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('archive_reading_visits')
    .select((eb) => eb.fn.max('serial_no').as('last'))
    .where('unit_code', '=', unitCode)
    .where('serial_year', '=', year)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
export async function findVisit(db: Executor, id: string): Promise<VisitRow | undefined> {
  return db
    .selectFrom('archive_reading_visits as v')
    .innerJoin('org_units as u', 'u.code', 'v.unit_code')
    .selectAll('v')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}
function visitsOf(db: Executor, q: { unitCode: string; from: string; to: string }) {
  return db.selectFrom('archive_reading_visits').where('unit_code', '=', q.unitCode).where('visited_on', '>=', q.from).where('visited_on', '<=', q.to);
}
/** Every visit of a unit in [from, to] (the printed monthly 登记簿), in the order they were visited. */
export async function listVisits(db: Executor, q: { unitCode: string; from: string; to: string }): Promise<ArchiveReadingVisitTable[]> {
  return visitsOf(db, q).selectAll().orderBy('visited_on').orderBy('created_at').orderBy('serial_no').execute();
}
/** One page of a unit's visits in [from, to], in the order they were visited, and how many there are. */
export async function pageVisits(
  db: Executor,
  q: { unitCode: string; from: string; to: string; limit: number; offset: number },
): Promise<{ total: number; items: ArchiveReadingVisitTable[] }> {
  const total = await visitsOf(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await visitsOf(db, q).selectAll().orderBy('visited_on').orderBy('created_at').orderBy('serial_no').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), items };
}
/** Visits per unit under `unitPath` in [from, to]. */
export async function visitFigures(
  db: Executor,
  q: { unitPath: string; from: string; to: string },
): Promise<{ unit_code: string; unit_name: string; visits: number }[]> {
  const rows = await db
    .selectFrom('archive_reading_visits as v')
    .innerJoin('org_units as u', 'u.code', 'v.unit_code')
    .select(['v.unit_code', 'u.name as unit_name'])
    .select(sql<number>`count(*)`.as('visits'))
    .where('u.path', 'like', `${q.unitPath}%`)
    .where('v.visited_on', '>=', q.from)
    .where('v.visited_on', '<=', q.to)
    .groupBy(['v.unit_code', 'u.name'])
    .orderBy('v.unit_code')
    .execute();
  return rows.map((r) => ({ ...r, visits: Number(r.visits) }));
}

// ----- archive room ledger ------------------------------------------------------------------------------------------
export type EntryRow = ArchiveRoomEntryTable & { unit_path: string };
export async function insertEntry(db: Executor, row: ArchiveRoomEntryTable): Promise<void> {
  await db.insertInto('archive_room_entries').values(row).execute();
}
export async function findEntry(db: Executor, id: string): Promise<EntryRow | undefined> {
  return db
    .selectFrom('archive_room_entries as e')
    .innerJoin('org_units as u', 'u.code', 'e.unit_code')
    .selectAll('e')
    .select('u.path as unit_path')
    .where('e.id', '=', id)
    .executeTakeFirst();
}
export async function updateEntry(db: Executor, id: string, patch: Partial<ArchiveRoomEntryTable>): Promise<void> {
  await db.updateTable('archive_room_entries').set(patch).where('id', '=', id).execute();
}
/** One page of a unit's room entries, newest first, and how many there are. */
export async function pageEntries(
  db: Executor,
  q: { unitCode: string; limit: number; offset: number },
): Promise<{ total: number; items: ArchiveRoomEntryTable[] }> {
  const base = db.selectFrom('archive_room_entries').where('unit_code', '=', q.unitCode);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base.selectAll().orderBy('entered_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), items };
}
export async function insertLoans(db: Executor, rows: ArchiveRoomLoanTable[]): Promise<void> {
  if (rows.length) await db.insertInto('archive_room_loans').values(rows).execute();
}
export type LoanRow = ArchiveRoomLoanTable & { archival_code: string; title: string; unit_code: string; unit_path: string };
function loanQuery(db: Executor) {
  return db
    .selectFrom('archive_room_loans as l')
    .innerJoin('archive_items as i', 'i.id', 'l.item_id')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .selectAll('l')
    .select(['i.archival_code', 'i.title', 'i.unit_code', 'u.path as unit_path']);
}
export async function findLoan(db: Executor, id: string): Promise<LoanRow | undefined> {
  return loanQuery(db).where('l.id', '=', id).executeTakeFirst();
}
export async function loansOfEntries(db: Executor, entryIds: readonly string[]): Promise<LoanRow[]> {
  if (entryIds.length === 0) return [];
  return loanQuery(db)
    .where('l.entry_id', 'in', [...entryIds])
    .orderBy('i.archival_code')
    .execute();
}
export async function openLoans(db: Executor, q: { roots: readonly string[]; itemIds?: readonly string[] }): Promise<LoanRow[]> {
  let qq = loanQuery(db)
    .where('l.returned_on', 'is', null)
    .where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  // No ids: nothing is out (an empty list, not a sentinel id: PostgreSQL refuses a NUL byte in text).
  if (q.itemIds && q.itemIds.length === 0) return [];
  if (q.itemIds) qq = qq.where('l.item_id', 'in', [...q.itemIds]);
  return qq.orderBy('l.taken_on').execute();
}
/** Items of units under `unitPath` out of the room since before `takenBefore` (longest out first, at most `limit`), and how many. */
export async function overdueLoans(db: Executor, q: { unitPath: string; takenBefore: string; limit: number }): Promise<{ total: number; items: LoanRow[] }> {
  const base = loanQuery(db).where('l.returned_on', 'is', null).where('u.path', 'like', `${q.unitPath}%`).where('l.taken_on', '<', q.takenBefore);
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await base.orderBy('l.taken_on').orderBy('l.id').limit(q.limit).execute();
  return { total: Number(total.n), items };
}
export async function updateLoan(db: Executor, id: string, patch: Partial<ArchiveRoomLoanTable>): Promise<void> {
  await db.updateTable('archive_room_loans').set(patch).where('id', '=', id).execute();
}

// ----- notice boards ---------------------------------------------------------------------------------------------------
export type BoardRow = NoticeBoardTable & { unit_path: string; unit_name: string; last_inspected_on: string | null };
function boardQuery(db: Executor) {
  return db
    .selectFrom('notice_boards as b')
    .innerJoin('org_units as u', 'u.code', 'b.unit_code')
    .selectAll('b')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .select(sql<string | null>`(select max(i.inspected_on) from board_inspections i where i.board_id = b.id)`.as('last_inspected_on'));
}
export async function insertBoard(db: Executor, row: NoticeBoardTable): Promise<void> {
  await db.insertInto('notice_boards').values(row).execute();
}
export async function updateBoard(db: Executor, id: string, patch: Partial<NoticeBoardTable>): Promise<void> {
  await db.updateTable('notice_boards').set(patch).where('id', '=', id).execute();
}
export async function findBoard(db: Executor, id: string): Promise<BoardRow | undefined> {
  return boardQuery(db).where('b.id', '=', id).executeTakeFirst();
}
export interface BoardSearch {
  roots: readonly string[];
  unitPath?: string;
  /** Only this unit's own boards (not its sub-units'). */
  unitCode?: string;
  activeOnly?: boolean;
}
function boardsUnder(db: Executor, q: BoardSearch) {
  let qq = boardQuery(db).where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.unitPath) qq = qq.where('u.path', 'like', `${q.unitPath}%`);
  if (q.unitCode) qq = qq.where('b.unit_code', '=', q.unitCode);
  if (q.activeOnly) qq = qq.where('b.active', '=', 1);
  return qq;
}
/** Every board under the roots (the reminders, the compliance finding, one unit's boards), by unit and name. */
export async function listBoards(db: Executor, q: BoardSearch): Promise<BoardRow[]> {
  return boardsUnder(db, q).orderBy('b.unit_code').orderBy('b.name').orderBy('b.id').execute();
}
/** One page of the boards under the roots, by unit and name, and how many there are. */
export async function pageBoards(db: Executor, q: BoardSearch & { limit: number; offset: number }): Promise<{ total: number; items: BoardRow[] }> {
  const total = await boardsUnder(db, q)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await boardsUnder(db, q).orderBy('b.unit_code').orderBy('b.name').orderBy('b.id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), items };
}
/**
 * One page of the active boards under the roots not inspected since `cutoff` (never inspected: registered before it),
 * by unit and name, and how many there are: the compliance finding, filtered in the query.
 */
export async function pageUninspectedBoards(
  db: Executor,
  q: { roots: readonly string[]; cutoff: string; limit: number; offset: number },
): Promise<{ total: number; items: BoardRow[] }> {
  const since = sql<string>`coalesce((select max(x.inspected_on) from board_inspections x where x.board_id = b.id), substr(b.created_at, 1, 10))`;
  const under = () => boardsUnder(db, { roots: q.roots, activeOnly: true }).where(since, '<', q.cutoff);
  const total = await under()
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await under().orderBy('b.unit_code').orderBy('b.name').orderBy('b.id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), items };
}
export async function insertPosting(
  db: Executor,
  row: { evidence_id: string; board_id: string; attached_at: string; attached_by: string | null },
): Promise<void> {
  await db
    .insertInto('notice_board_postings')
    .values(row)
    .onConflict((oc) => oc.column('evidence_id').doUpdateSet({ board_id: row.board_id, attached_at: row.attached_at, attached_by: row.attached_by }))
    .execute();
}
export async function listPostings(
  db: Executor,
  boardId: string,
): Promise<{ evidence_id: string; disclosure_id: string; taken_on: string; type: string; attached_at: string }[]> {
  return db
    .selectFrom('notice_board_postings as p')
    .innerJoin(evidenceRows(db).as('e'), 'e.id', 'p.evidence_id')
    .select(['p.evidence_id', 'e.disclosure_id', 'e.taken_on', 'e.type', 'p.attached_at'])
    .where('p.board_id', '=', boardId)
    .orderBy('e.taken_on', 'desc')
    .execute();
}
/** Board photos (postings) of one disclosure: filed with it. */
export async function boardPhotosOfDisclosure(db: Executor, disclosureId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notice_board_postings as p')
    .innerJoin(evidenceRows(db).as('e'), 'e.id', 'p.evidence_id')
    .select('p.evidence_id')
    .where('e.disclosure_id', '=', disclosureId)
    .execute();
  return new Set(rows.map((r) => r.evidence_id));
}

// ----- inspections -----------------------------------------------------------------------------------------------------
export type InspectionRow = BoardInspectionTable & { unit_path: string; board_name: string };
function inspectionQuery(db: Executor) {
  return db
    .selectFrom('board_inspections as i')
    .innerJoin('notice_boards as b', 'b.id', 'i.board_id')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .selectAll('i')
    .select(['u.path as unit_path', 'b.name as board_name']);
}
export async function insertInspection(db: Executor, row: BoardInspectionTable): Promise<void> {
  await db.insertInto('board_inspections').values(row).execute();
}
export async function findInspection(db: Executor, id: string): Promise<InspectionRow | undefined> {
  return inspectionQuery(db).where('i.id', '=', id).executeTakeFirst();
}
export async function listInspections(
  db: Executor,
  q: { roots: readonly string[]; boardId?: string; from?: string; to?: string; limit: number },
): Promise<InspectionRow[]> {
  let qq = inspectionQuery(db).where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.boardId) qq = qq.where('i.board_id', '=', q.boardId);
  if (q.from) qq = qq.where('i.inspected_on', '>=', q.from);
  if (q.to) qq = qq.where('i.inspected_on', '<=', q.to);
  return qq.orderBy('i.inspected_on', 'desc').orderBy('i.created_at', 'desc').limit(q.limit).execute();
}
/** The newest failed inspection of a board whose work order has not been settled by a later re-check. */
export async function openFindings(db: Executor, boardId: string): Promise<BoardInspectionTable[]> {
  return db
    .selectFrom('board_inspections as i')
    .selectAll('i')
    .where('i.board_id', '=', boardId)
    .where('i.kind', '=', 'inspection')
    .where('i.result', '=', 'fail')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('board_inspections as r').select('r.id').whereRef('r.recheck_of', '=', 'i.id').where('r.result', '=', 'pass'))),
    )
    .orderBy('i.inspected_on', 'desc')
    .execute();
}
export async function insertInspectionPhotos(db: Executor, rows: BoardInspectionPhotoTable[]): Promise<void> {
  if (rows.length) await db.insertInto('board_inspection_photos').values(rows).execute();
}
export async function listInspectionPhotos(db: Executor, inspectionIds: readonly string[]): Promise<BoardInspectionPhotoTable[]> {
  if (inspectionIds.length === 0) return [];
  return db
    .selectFrom('board_inspection_photos')
    .selectAll()
    .where('inspection_id', 'in', [...inspectionIds])
    .orderBy('created_at')
    .execute();
}
export async function findInspectionPhoto(db: Executor, id: string): Promise<(BoardInspectionPhotoTable & { unit_path: string }) | undefined> {
  return db
    .selectFrom('board_inspection_photos as p')
    .innerJoin('board_inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .selectAll('p')
    .select('u.path as unit_path')
    .where('p.id', '=', id)
    .executeTakeFirst();
}
/** Inspections per unit under `unitPath` in [from, to]: count and passed. */
export async function inspectionFigures(
  db: Executor,
  q: { unitPath: string; from: string; to: string },
): Promise<{ unit_code: string; inspections: number; passed: number }[]> {
  const rows = await db
    .selectFrom('board_inspections as i')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .select('i.unit_code')
    .select(sql<number>`count(*)`.as('inspections'))
    .select(sql<number>`sum(case when i.result = 'pass' then 1 else 0 end)`.as('passed'))
    .where('u.path', 'like', `${q.unitPath}%`)
    .where('i.inspected_on', '>=', q.from)
    .where('i.inspected_on', '<=', q.to)
    .groupBy('i.unit_code')
    .execute();
  return rows.map((r) => ({ unit_code: r.unit_code, inspections: Number(r.inspections), passed: Number(r.passed) }));
}
