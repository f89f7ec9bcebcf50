/** The per-unit, per-year 索引号 counters (disclosure_index_serials). */
import './disclosure.tables.ts';
import type { Executor } from '../../platform/db/database.ts';

export async function findIndexSerial(db: Executor, unitCode: string, year: number): Promise<number | undefined> {
  const r = await db.selectFrom('disclosure_index_serials').select('last_serial').where('unit_code', '=', unitCode).where('year', '=', year).executeTakeFirst();
  return r?.last_serial;
}

export async function writeIndexSerial(db: Executor, unitCode: string, year: number, lastSerial: number, exists: boolean): Promise<void> {
  if (exists)
    await db.updateTable('disclosure_index_serials').set({ last_serial: lastSerial }).where('unit_code', '=', unitCode).where('year', '=', year).execute();
  else await db.insertInto('disclosure_index_serials').values({ unit_code: unitCode, year, last_serial: lastSerial }).execute();
}
