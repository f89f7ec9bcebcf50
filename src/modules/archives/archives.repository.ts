/** All SQL of the archives module (dialect-neutral Kysely). */
import './archives.tables.ts';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
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
const anyRoot = (roots: readonly string[]) => (roots.length ? roots : ['\u0000']);

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
export async function findItemByDisclosure(db: Executor, disclosureId: string): Promise<ArchiveItemTable | undefined> {
  return db.selectFrom('archive_items').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}
export async function filedDisclosureIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('archive_items')
    .select('disclosure_id')
    .where('disclosure_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.disclosure_id!));
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
  let q = itemQuery(db).where((eb) => eb.or(anyRoot(s.roots).map((r) => eb('u.path', 'like', `${r}%`))));
  if (s.unitPath) q = q.where('u.path', 'like', `${s.unitPath}%`);
  if (s.year !== undefined) q = q.where('i.year', '=', s.year);
  if (s.classCode) q = q.where('i.class_code', '=', s.classCode);
  if (s.status) q = q.where('i.status', '=', s.status);
  if (s.publicOnly) q = q.where('i.was_public', '=', 1);
  if (s.dueBefore) q = q.where('i.keep_until', 'is not', null).where('i.keep_until', '<', s.dueBefore);
  if (s.text) q = q.where((eb) => eb.or([eb('i.title', 'like', `%${s.text}%`), eb('i.archival_code', 'like', `%${s.text}%`)]));
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q.orderBy('i.unit_code').orderBy('i.year', 'desc').orderBy('k.sort_order').orderBy('i.item_no').limit(s.limit).offset(s.offset).execute();
  return { total: Number(total.n), items };
}

/** Volumes (年度 × 类别) of the units under `unitPath`: item counts. */
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

export async function listVolumes(
  db: Executor,
  unitPath: string,
  publicOnly: boolean,
): Promise<
  { unit_code: string; unit_name: string; year: number; class_code: string; class_name: string; retention: string; items: number; destroyed: number }[]
> {
  let q = db
    .selectFrom('archive_items as i')
    .innerJoin('org_units as u', 'u.code', 'i.unit_code')
    .innerJoin('archive_classes as k', 'k.code', 'i.class_code')
    .where('u.path', 'like', `${unitPath}%`);
  if (publicOnly) q = q.where('i.was_public', '=', 1).where('i.status', '=', 'filed');
  const rows = await q
    .select(['i.unit_code', 'u.name as unit_name', 'i.year', 'i.class_code', 'k.name as class_name', 'k.retention', 'k.sort_order'])
    .select(sql<number>`count(*)`.as('items'))
    .select(sql<number>`sum(case when i.status = 'destroyed' then 1 else 0 end)`.as('destroyed'))
    .groupBy(['i.unit_code', 'u.name', 'i.year', 'i.class_code', 'k.name', 'k.retention', 'k.sort_order'])
    .orderBy('i.unit_code')
    .orderBy('i.year', 'desc')
    .orderBy('k.sort_order')
    .execute();
  return rows.map((r) => ({ ...r, items: Number(r.items), destroyed: Number(r.destroyed) }));
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
export async function listMoves(db: Executor, roots: readonly string[]): Promise<(ArchiveCustodyMoveTable & { unit_path: string })[]> {
  return db
    .selectFrom('archive_custody_moves as m')
    .innerJoin('org_units as u', 'u.code', 'm.unit_code')
    .selectAll('m')
    .select('u.path as unit_path')
    .where((eb) => eb.or(anyRoot(roots).map((r) => eb('u.path', 'like', `${r}%`))))
    .orderBy('m.created_at', 'desc')
    .limit(200)
    .execute();
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
export async function listDestructions(db: Executor, roots: readonly string[]): Promise<DestructionRow[]> {
  return db
    .selectFrom('archive_destructions as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .selectAll('d')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where((eb) => eb.or(anyRoot(roots).map((r) => eb('u.path', 'like', `${r}%`))))
    .orderBy('d.proposed_at', 'desc')
    .limit(200)
    .execute();
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
export async function listVisits(db: Executor, q: { unitCode: string; from: string; to: string }): Promise<ArchiveReadingVisitTable[]> {
  return db
    .selectFrom('archive_reading_visits')
    .selectAll()
    .where('unit_code', '=', q.unitCode)
    .where('visited_on', '>=', q.from)
    .where('visited_on', '<=', q.to)
    .orderBy('visited_on')
    .orderBy('created_at')
    .orderBy('serial_no')
    .execute();
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
export async function listEntries(db: Executor, unitCode: string, limit: number): Promise<ArchiveRoomEntryTable[]> {
  return db.selectFrom('archive_room_entries').selectAll().where('unit_code', '=', unitCode).orderBy('entered_at', 'desc').limit(limit).execute();
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
    .where((eb) => eb.or(anyRoot(q.roots).map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.itemIds) qq = qq.where('l.item_id', 'in', q.itemIds.length ? [...q.itemIds] : ['\u0000']);
  return qq.orderBy('l.taken_on').execute();
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
export async function listBoards(db: Executor, q: { roots: readonly string[]; unitPath?: string; activeOnly?: boolean }): Promise<BoardRow[]> {
  let qq = boardQuery(db).where((eb) => eb.or(anyRoot(q.roots).map((r) => eb('u.path', 'like', `${r}%`))));
  if (q.unitPath) qq = qq.where('u.path', 'like', `${q.unitPath}%`);
  if (q.activeOnly) qq = qq.where('b.active', '=', 1);
  return qq.orderBy('u.path').orderBy('b.name').execute();
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
  let qq = inspectionQuery(db).where((eb) => eb.or(anyRoot(q.roots).map((r) => eb('u.path', 'like', `${r}%`))));
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
