import { afterEach, expect, it } from 'vitest';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { migrateToLatest } from './migrator.ts';

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

/** A migration that creates one table, so the test can see which ran. */
const creates = (table: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await sql`create table ${sql.table(table)} (id integer)`.execute(db);
  },
});
const provider = (migrations: Record<string, Migration>): MigrationProvider => ({ getMigrations: async () => migrations });

it('runs a migration merged after a newer one had already run (it sorts before it), instead of refusing to start', async () => {
  const h = await openDatabase({ databaseUrl: null });
  handles.push(h);
  const first = await migrateToLatest(h.db, provider({ '20260101_0000_a': creates('t_a'), '20260103_0000_c': creates('t_c') }));
  expect(first.applied).toEqual(['20260101_0000_a', '20260103_0000_c']);
  // A branch's migration with an older prefix arrives after 20260103_0000_c ran.
  const later = await migrateToLatest(
    h.db,
    provider({ '20260101_0000_a': creates('t_a'), '20260102_0000_b': creates('t_b'), '20260103_0000_c': creates('t_c') }),
  );
  expect(later.applied).toEqual(['20260102_0000_b']);
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name like 't_%' order by name`.execute(h.db);
  expect(tables.rows.map((r) => r.name)).toEqual(['t_a', 't_b', 't_c']);
  // Nothing left to run: a second start applies nothing.
  expect(
    (await migrateToLatest(h.db, provider({ '20260101_0000_a': creates('t_a'), '20260102_0000_b': creates('t_b'), '20260103_0000_c': creates('t_c') })))
      .applied,
  ).toEqual([]);
});
