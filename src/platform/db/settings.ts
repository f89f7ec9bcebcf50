/**
 * `app_settings`: small key/value settings (JSON text) that every part of the platform and the modules keep
 * (demo marker, calendar version, the page cache stamp, reminder/SMTP/backup/rule settings). The one place that
 * reads and writes the table; callers own their keys and the shape of their values.
 */
import type { Executor } from './database.ts';

export interface SettingRow {
  value_json: string;
  updated_at: string;
}

export async function readSetting(db: Executor, key: string): Promise<SettingRow | undefined> {
  return db.selectFrom('app_settings').select(['value_json', 'updated_at']).where('key', '=', key).executeTakeFirst();
}

/** Inserts or replaces the value (JSON text) of `key`. */
export async function writeSetting(db: Executor, key: string, valueJson: string, at: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}

/** Stores `valueJson` under `key` unless the key already has a value (two processes starting at once keep the first). */
export async function insertSettingIfAbsent(db: Executor, key: string, valueJson: string, at: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Removes `key`; answers how many rows went (0 or 1), so a caller can claim a one-time marker. */
export async function deleteSetting(db: Executor, key: string): Promise<number> {
  const r = await db.deleteFrom('app_settings').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows);
}
