import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { GongkaiSqliteDialect } from './sqlite-dialect.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the root database handle or an open transaction: repositories accept both. */
export type Executor = Db | Trx;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  /** SQLite file; `:memory:` for tests. Ignored for PostgreSQL. */
  sqliteFile?: string;
  poolSize?: number;
  /** SQLite only: open an existing file read-only, leaving its journal mode alone (backup copies). */
  readonly?: boolean;
  /** Called with the SQL of every statement executed and its time (tests: e.g. that a GET writes nothing; profiling). */
  onQuery?: (sql: string, ms: number) => void;
}

function logger(opts: OpenDatabaseOptions) {
  const onQuery = opts.onQuery;
  return onQuery ? (event: LogEvent) => onQuery(event.query.sql, event.queryDurationMillis) : undefined;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client can be cut off by the server (restart, failover, admin termination); without
    // a listener that error would crash the process. The pool replaces the client on next use.
    pool.on('error', (err) => console.error(`postgres pool: idle client error: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logger(opts) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const BetterSqlite = (await import('better-sqlite3')).default;
  const file = opts.sqliteFile ?? ':memory:';
  if (opts.readonly) {
    const ro = new BetterSqlite(file, { readonly: true, fileMustExist: true });
    const rodb = new Kysely<Database>({ dialect: new SqliteDialect({ database: ro }) });
    return { db: rodb, dialect: 'sqlite', close: () => rodb.destroy() };
  }
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Query plans need table statistics (a listing read with the wrong index costs 100×): the runtime
  // runs optimizeStatistics after the migrations; analysis is row-limited so it is quick on a large file.
  sqlite.pragma('analysis_limit = 1000');
  // One driver for the read path and the workers: prepared statements reused by SQL text and
  // transactions that begin IMMEDIATE (see sqlite-dialect.ts); the logger sees every statement.
  const db = new Kysely<Database>({ dialect: new GongkaiSqliteDialect(sqlite), log: logger(opts) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Keeps the query planner's statistics current (at every start, after the migrations, and the daily db.optimize job): SQLite's `PRAGMA optimize`
 * (analyzes only what needs it, row-limited); PostgreSQL's autovacuum analyzes by itself.
 */
export async function optimizeStatistics(db: Db, dialect: Dialect): Promise<void> {
  // 0x10002: look at every table (not only those this connection queried) and analyze the ones without
  // statistics or grown much since — SQLite's advice for long-lived connections, at open and periodically.
  if (dialect === 'sqlite') await sql`pragma optimize = 0x10002`.execute(db);
}

/**
 * Serializes writers of one logical resource inside a transaction. SQLite already serializes all
 * writers (one connection); PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockForUpdate(trx: Trx, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** The text as a LIKE pattern that matches it literally: its `%`, `_` and backslash escaped with a backslash (likeText's ESCAPE). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A search box's match: `column` contains `text` (or starts with it, `prefix`), the text's `%` and `_` taken literally
 * through an ESCAPE clause, and ignoring the case of Latin letters on both databases (SQLite's LIKE does, PostgreSQL's
 * does not; both sides are lowered by the database itself). `column` is a column name or an SQL expression.
 */
export function likeText(column: string | RawBuilder<unknown>, text: string, how: 'contains' | 'prefix' = 'contains'): RawBuilder<SqlBool> {
  const pattern = `${how === 'contains' ? '%' : ''}${likeEscape(text)}%`;
  const target = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`lower(${target}) like lower(${pattern}) escape '\\'`;
}

/** The health check's round trip: one indexed read that fails when the database cannot answer. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.selectFrom('app_settings').select('key').limit(1).execute();
}
