import type BetterSqlite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

type Statement = BetterSqlite.Statement<unknown[], unknown>;

/** Prepared statements kept per connection: enough for every query shape the app runs often. */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite dialect with two changes to its driver:
 *
 * - **Prepared statements are reused.** Kysely's driver prepares every statement on every call
 *   (tens of microseconds for the search queries); this one keeps the most recently used
 *   statements by SQL text (least recently used first out).
 * - **Transactions begin IMMEDIATE**, taking the database's write lock at the start. With one
 *   process nothing changes (the one connection already serializes everything). With several
 *   processes on one WAL file (`serve --workers N`), a deferred transaction that read first and
 *   then writes fails at once with SQLITE_BUSY when another process wrote in between; an immediate
 *   one waits (busy_timeout) for the lock instead, so commands stay one transaction each.
 */
export class GongkaiSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite.Database;

  constructor(database: BetterSqlite.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new CachingSqliteDriver(this.#database);
  }
}

class CachingSqliteDriver implements Driver {
  readonly #db: BetterSqlite.Database;
  readonly #connection: CachingSqliteConnection;
  readonly #mutex = new ConnectionMutex();

  constructor(db: BetterSqlite.Database) {
    this.#db = db;
    this.#connection = new CachingSqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // One connection: wait until the previous user has released it.
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, _compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name.replace(/"/g, '""')}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, _compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name.replace(/"/g, '""')}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, _compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name.replace(/"/g, '""')}"`));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#connection.clear();
    this.#db.close();
  }
}

class CachingSqliteConnection implements DatabaseConnection {
  readonly #db: BetterSqlite.Database;
  readonly #statements = new Map<string, Statement>();

  constructor(db: BetterSqlite.Database) {
    this.#db = db;
  }

  clear(): void {
    this.#statements.clear();
  }

  #prepare(sqlText: string): Statement {
    const hit = this.#statements.get(sqlText);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.#statements.delete(sqlText);
      this.#statements.set(sqlText, hit);
      return hit;
    }
    const stmt = this.#db.prepare(sqlText) as Statement;
    this.#statements.set(sqlText, stmt);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    return stmt;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql: sqlText, parameters } = compiledQuery;
    const stmt = this.#prepare(sqlText);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(...(parameters as unknown[])) as R[] });
    const { changes, lastInsertRowid } = stmt.run(...(parameters as unknown[]));
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql: sqlText, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // A statement being iterated cannot run anything else: not shared with the cache.
    const stmt = this.#db.prepare(sqlText);
    for (const row of stmt.iterate(...(parameters as unknown[]))) yield { rows: [row as R] };
  }
}

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
