import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

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
  /** Called with the SQL of every statement executed (tests: e.g. that a GET writes nothing). */
  onQuery?: (sql: string) => void;
}

type BetterSqlite = import('better-sqlite3').Database;

/**
 * The SQLite connection as Kysely's driver sees it, with prepared statements kept and reused by their
 * SQL (least recently used beyond STATEMENT_CACHE): compiling a statement costs more than running
 * most of the page reads. Safe because the driver runs one statement at a time on its connection
 * (a stream holds the connection until it ends); SQLite re-prepares a statement after a schema change.
 */
const STATEMENT_CACHE = 1000;
function reusingStatements(sqlite: BetterSqlite) {
  const cache = new Map<string, ReturnType<BetterSqlite['prepare']>>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

function logger(opts: OpenDatabaseOptions) {
  const onQuery = opts.onQuery;
  return onQuery ? (event: LogEvent) => onQuery(event.query.sql) : undefined;
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }), log: logger(opts) });
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

/** Case-insensitive substring match that behaves the same on both databases. */
export function likeEscape(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
