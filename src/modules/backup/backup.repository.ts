/**
 * Every query of the backup module. They run on the live database, on a snapshot (a SQLite copy, or a
 * PostgreSQL transaction on the exported snapshot pg_dump reads) and on a restored database; where the
 * dialects differ (the catalog of tables) the difference is in the two branches below.
 */
import { sql } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { allReferencedShas } from '../../platform/files/file-refs.repository.ts';
import type { AuditHead } from './backup.manifest.ts';

/** Tables of the application's schema (on SQLite the FTS5 table counts, its shadow tables do not). */
export async function listTables(db: Executor, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = await sql<{
      name: string;
    }>`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite\\_%' escape '\\' order by name`.execute(
      db,
    );
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

/** Tables in any non-system schema: a restore target must have none. */
export async function countUserTables(db: Executor, dialect: Dialect): Promise<number> {
  if (dialect === 'sqlite') return (await listTables(db, dialect)).length;
  const r = await sql<{
    n: string;
  }>`select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_toast%' escape '\\'`.execute(
    db,
  );
  return Number(r.rows[0].n);
}

export async function countRows(db: Executor, dialect: Dialect): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db, dialect)) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0].n);
  }
  return out;
}

/** The schema level: the newest applied migration (Kysely's migration table). */
export async function migrationLevel(db: Executor, dialect: Dialect): Promise<{ migration: string | null; migrationCount: number }> {
  if (!(await listTables(db, dialect)).includes('kysely_migration')) return { migration: null, migrationCount: 0 };
  const r = await sql<{ name: string | null; n: number | string }>`select max(name) as name, count(*) as n from kysely_migration`.execute(db);
  return { migration: r.rows[0].name, migrationCount: Number(r.rows[0].n) };
}

/** Verifies the whole audit chain and reads its head. */
export async function auditHead(db: Executor): Promise<AuditHead> {
  const v = await verifyAuditChain(db);
  const head = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return {
    ok: v.ok,
    count: v.count,
    headSeq: Number(head?.seq ?? 0),
    headHash: head?.hash ?? null,
    ...(v.firstBroken ? { firstBroken: { seq: v.firstBroken.seq, reason: v.firstBroken.reason } } : {}),
  };
}

/** The distinct, sorted sha256 of every stored file any module references. */
export async function referencedFiles(db: Executor, modules: readonly ModuleManifest[]): Promise<string[]> {
  return allReferencedShas(
    db,
    modules.flatMap((m) => m.storedFiles ?? []),
  );
}

/**
 * Empties a PostgreSQL restore target again (it was empty before the restore began): its tables, and the functions
 * the dump created (the search index's gongkai_search_body), which a later restore into it would create again.
 * Functions an extension owns are the extension's and stay.
 */
export async function dropAllTables(db: Executor): Promise<void> {
  const tables = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  for (const t of tables.rows) await sql`drop table if exists ${sql.table(t.name)} cascade`.execute(db);
  const functions = await sql<{ signature: string }>`
    select p.oid::regprocedure::text as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.prokind = 'f'
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`.execute(db);
  for (const f of functions.rows) await sql`drop function if exists ${sql.raw(f.signature)} cascade`.execute(db);
}

/** A JSON value in app_settings (null when never saved). */
export async function readSetting<T>(db: Executor, key: string): Promise<{ value: T; updatedAt: string } | null> {
  const row = await db.selectFrom('app_settings').select(['value_json', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return row ? { value: JSON.parse(row.value_json) as T, updatedAt: row.updated_at } : null;
}

export async function writeSetting(db: Executor, key: string, value: unknown, at: string): Promise<void> {
  const value_json = JSON.stringify(value);
  await db
    .insertInto('app_settings')
    .values({ key, value_json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
    .execute();
}

/** The latest runs of the backup job (scheduled and manual), newest first. */
export async function backupRuns(db: Executor, name: string, limit: number) {
  return db
    .selectFrom('jobs')
    .select(['run_key', 'status', 'attempts', 'started_at', 'finished_at', 'result_json', 'last_error'])
    .where('name', '=', name)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
