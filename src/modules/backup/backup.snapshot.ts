/**
 * A consistent copy of the database, and what the copy holds (rows per table, schema level, audit chain
 * head, referenced stored files), read from that same copy so the manifest describes exactly it.
 * - SQLite: the online backup API (sqlite-snapshot.worker.mjs), then the copy is opened read-only.
 * - PostgreSQL: a REPEATABLE READ transaction exports its snapshot; `pg_dump --snapshot` dumps it and the
 *   same transaction reads the counts and references, so both see the database at one instant while
 *   the server keeps writing.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { openDatabase, type Dialect, type Executor } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { BackupError } from './backup.errors.ts';
import { PG_MEMBER, SQLITE_MEMBER, type AuditHead } from './backup.manifest.ts';
import { auditHead, countRows, migrationLevel, referencedFiles } from './backup.repository.ts';
import { libpqConnection, pgToolFor, runPgTool } from './backup.pgtools.ts';

export interface DatabaseFacts {
  tables: Record<string, number>;
  migration: string | null;
  migrationCount: number;
  audit: AuditHead;
  /** Distinct sha256 of stored files the database references. */
  referenced: string[];
}

export interface Snapshot extends DatabaseFacts {
  /** Archive member (relative to the staging directory) holding the copy. */
  member: string;
  serverVersion: string | null;
}

export async function databaseFacts(db: Executor, dialect: Dialect, modules: readonly ModuleManifest[]): Promise<DatabaseFacts> {
  return {
    tables: await countRows(db, dialect),
    ...(await migrationLevel(db, dialect)),
    audit: await auditHead(db),
    referenced: await referencedFiles(db, modules),
  };
}

const WORKER = new URL('./sqlite-snapshot.worker.mjs', import.meta.url);

/** Copies a live SQLite file to `dest` (a consistent snapshot, in a worker thread). */
export function copySqlite(source: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: { source, dest } });
    let settled = false;
    w.once('message', (m: { ok: boolean; error?: string }) => {
      settled = true;
      if (m.ok) resolve();
      else reject(new BackupError('DATABASE_UNREADABLE', `无法复制 SQLite 数据库：${m.error}`));
    });
    w.once('error', (e) => {
      settled = true;
      reject(new BackupError('DATABASE_UNREADABLE', `无法复制 SQLite 数据库：${e.message}`));
    });
    w.once('exit', (code) => {
      if (!settled) reject(new BackupError('DATABASE_UNREADABLE', `SQLite 复制进程意外退出（${code}）`));
    });
  });
}

export async function snapshotDatabase(ctx: AppContext, modules: readonly ModuleManifest[], staging: string): Promise<Snapshot> {
  return ctx.dialect === 'sqlite' ? snapshotSqlite(ctx, modules, staging) : snapshotPostgres(ctx, modules, staging);
}

async function snapshotSqlite(ctx: AppContext, modules: readonly ModuleManifest[], staging: string): Promise<Snapshot> {
  if (!ctx.sqliteFile || ctx.sqliteFile === ':memory:')
    throw new BackupError('SQLITE_IN_MEMORY', '内存中的数据库无法备份（只有数据目录中的 gongkai.sqlite 可以备份）');
  const dest = path.join(staging, SQLITE_MEMBER);
  await copySqlite(ctx.sqliteFile, dest);
  const copy = await openDatabase({ databaseUrl: null, sqliteFile: dest, readonly: true });
  try {
    return { member: SQLITE_MEMBER, serverVersion: null, ...(await databaseFacts(copy.db, 'sqlite', modules)) };
  } finally {
    await copy.close();
  }
}

/** PostgreSQL's major version from `server_version_num` (150018 → 15). */
export const pgMajor = (versionNum: string | number) => Math.floor(Number(versionNum) / 10000);

/** A Kysely handle that runs every query on one client (a transaction that client has open). */
export function kyselyOnClient(client: { query: (...args: never[]) => unknown }): Kysely<Database> {
  const conn = { query: client.query.bind(client), release: () => undefined };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => conn, end: async () => undefined } as never }) });
}

async function snapshotPostgres(ctx: AppContext, modules: readonly ModuleManifest[], staging: string): Promise<Snapshot> {
  const url = ctx.config.databaseUrl!;
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const v = await client.query<{ server_version: string; num: string }>(
      `select current_setting('server_version') as server_version, current_setting('server_version_num') as num`,
    );
    const tool = await pgToolFor('pg_dump', pgMajor(v.rows[0].num));
    await client.query('begin isolation level repeatable read read only');
    const snap = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0].id;
    const conn = libpqConnection(url);
    const dest = path.join(staging, PG_MEMBER);
    const dump = runPgTool(
      tool,
      ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snap}`, `--file=${dest}`, `--dbname=${conn.dbname}`],
      conn.env,
    );
    const db = kyselyOnClient(client as never);
    const [facts] = await Promise.all([databaseFacts(db, 'postgres', modules), dump]);
    await client.query('commit');
    return { member: PG_MEMBER, serverVersion: v.rows[0].server_version, ...facts };
  } finally {
    await client.end().catch(() => undefined);
  }
}
