/** SQL of the offline channels: 明白纸, edited 广播稿 and the registry of 政务公开专区 / 便民服务点 (this module's tables). */
import './offline.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { OfflineBroadcastTable, OfflineLeafletTable, OfflineServicePointTable } from './offline.tables.ts';

// ---- 明白纸 ----

export async function findLeaflet(db: Executor, disclosureId: string): Promise<OfflineLeafletTable | undefined> {
  return db.selectFrom('offline_leaflets').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

export async function insertLeaflet(db: Executor, row: OfflineLeafletTable): Promise<void> {
  await db.insertInto('offline_leaflets').values(row).execute();
}

export async function updateLeafletText(
  db: Executor,
  id: string,
  set: Pick<OfflineLeafletTable, 'title' | 'body' | 'updated_at' | 'updated_by'>,
): Promise<void> {
  await db.updateTable('offline_leaflets').set(set).where('id', '=', id).execute();
}

/** The newest 明白纸 (at most `limit`), optionally of one unit. */
export async function listLeaflets(db: Executor, unitCode: string | undefined, limit: number): Promise<OfflineLeafletTable[]> {
  let q = db.selectFrom('offline_leaflets').selectAll();
  if (unitCode) q = q.where('unit_code', '=', unitCode);
  return q.orderBy('updated_at', 'desc').limit(limit).execute();
}

// ---- 广播稿 ----

export async function findBroadcast(db: Executor, disclosureId: string): Promise<OfflineBroadcastTable | undefined> {
  return db.selectFrom('offline_broadcasts').selectAll().where('disclosure_id', '=', disclosureId).executeTakeFirst();
}

export async function insertBroadcast(db: Executor, row: OfflineBroadcastTable): Promise<void> {
  await db.insertInto('offline_broadcasts').values(row).execute();
}

export async function updateBroadcastText(
  db: Executor,
  disclosureId: string,
  set: Pick<OfflineBroadcastTable, 'text' | 'updated_at' | 'updated_by'>,
): Promise<void> {
  await db.updateTable('offline_broadcasts').set(set).where('disclosure_id', '=', disclosureId).execute();
}

// ---- 政务公开专区 / 便民服务点 ----

export async function anyServicePoint(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('offline_service_points').select('id').limit(1).executeTakeFirst());
}

export async function findServicePoint(db: Executor, id: string): Promise<OfflineServicePointTable | undefined> {
  return db.selectFrom('offline_service_points').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertServicePoint(db: Executor, row: OfflineServicePointTable): Promise<void> {
  await db.insertInto('offline_service_points').values(row).execute();
}

export async function updateServicePoint(db: Executor, id: string, set: Partial<Omit<OfflineServicePointTable, 'id' | 'unit_code'>>): Promise<void> {
  await db.updateTable('offline_service_points').set(set).where('id', '=', id).execute();
}

/** Places of the given units (all units when `unitCodes` is undefined), in use only unless `includeRetired`. */
export async function listServicePointRows(db: Executor, opts: { unitCodes?: string[]; includeRetired?: boolean }): Promise<OfflineServicePointTable[]> {
  let q = db.selectFrom('offline_service_points').selectAll();
  if (opts.unitCodes) q = q.where('unit_code', 'in', opts.unitCodes.length ? opts.unitCodes : ['']);
  if (!opts.includeRetired) q = q.where('retired_at', 'is', null);
  return q.orderBy('kind').orderBy('name').execute();
}
