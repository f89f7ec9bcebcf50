import { sql, type Kysely } from 'kysely';

// A visit to the reading point (查阅登记) gets its own 查阅登记号: a serial per unit and year of the visit (查阅〔2026〕3号),
// unique per (unit, year). Visits registered before this migration are numbered in the order they were visited
// (then registered), per unit and year.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('archive_reading_visits').addColumn('serial_year', 'integer').execute();
  await db.schema.alterTable('archive_reading_visits').addColumn('serial_no', 'integer').execute();
  const rows = await sql<{ id: string; unit_code: string; visited_on: string }>`
    select id, unit_code, visited_on from archive_reading_visits order by unit_code, visited_on, created_at, id`.execute(db);
  const last = new Map<string, number>();
  for (const r of rows.rows) {
    const year = Number(r.visited_on.slice(0, 4));
    const key = `${r.unit_code}/${year}`;
    const no = (last.get(key) ?? 0) + 1;
    last.set(key, no);
    await sql`update archive_reading_visits set serial_year = ${year}, serial_no = ${no} where id = ${r.id}`.execute(db);
  }
  await db.schema
    .createIndex('archive_reading_visits_serial')
    .on('archive_reading_visits')
    .columns(['unit_code', 'serial_year', 'serial_no'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('archive_reading_visits_serial').execute();
  await db.schema.alterTable('archive_reading_visits').dropColumn('serial_no').execute();
  await db.schema.alterTable('archive_reading_visits').dropColumn('serial_year').execute();
}
