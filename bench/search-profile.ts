/**
 * Where search time goes, in process (no HTTP, no result cache): runs the benchmark's first N
 * requests (bench/lib/queries.ts) once against a generated county database and prints, per query,
 * the wall time of search(), the number of matches, and every SQL statement it ran with its
 * duration, and the CPU time it took. Ends with percentiles and the slowest statements by total
 * time. Synonyms, did-you-mean words and unit names are read once, as on the server.
 * Run: npm run bench:search-profile -- --sqlite FILE | --pg URL [--n 300] [--quiet] [--only TEXT] [--explain]
 * (--only: the requests containing TEXT; --explain, PostgreSQL: each search_documents statement's
 * EXPLAIN (ANALYZE, BUFFERS) printed under it)
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';
import { GongkaiSqliteDialect } from '../src/platform/db/sqlite-dialect.ts';
import { search } from '../src/platform/search/index.ts';
import type { SearchMemo } from '../src/platform/search/search.ts';
import { argValue } from './lib/generate-county.ts';
import { benchQueryPaths, searchInputOf } from './lib/queries.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqliteFile = argValue('sqlite');
const pgUrl = argValue('pg');
const n = Number(argValue('n') ?? 300);
const quiet = process.argv.includes('--quiet');
const totalCap = argValue('cap') ? Number(argValue('cap')) : undefined;
/** Each query this many times; the figures are the fastest of them (the machine is shared: the minimum is the least disturbed). */
const repeat = Number(argValue('repeat') ?? 1);
if (!sqliteFile && !pgUrl) throw new Error('--sqlite FILE | --pg URL');

/** --explain (PostgreSQL): every search_documents statement of each request again, as EXPLAIN (ANALYZE, BUFFERS) with its parameters. */
const explain = process.argv.includes('--explain');
/** --only TEXT: only the requests whose path contains TEXT (URL-decoded). */
const only = argValue('only');
const events: { sql: string; ms: number; full: string; parameters: readonly unknown[] }[] = [];
const log = (e: LogEvent) => {
  events.push({ sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 220), ms: e.queryDurationMillis, full: e.query.sql, parameters: e.query.parameters });
};
let db: Kysely<Database>;
let pgPool: import('pg').Pool | null = null;
if (sqliteFile) {
  const BetterSqlite = (await import('better-sqlite3')).default;
  db = new Kysely<Database>({ dialect: new GongkaiSqliteDialect(new BetterSqlite(sqliteFile, { readonly: true })), log });
} else {
  const pg = (await import('pg')).default;
  pgPool = new pg.Pool({ connectionString: pgUrl, max: 2 });
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool }), log });
}
const ctx = { db, dialect: sqliteFile ? ('sqlite' as const) : ('postgres' as const), clock: { now: () => new Date() } };
const unitRows = await db.selectFrom('org_units').select(['code', 'path', 'name', 'kind']).where('active', '=', 1).execute();
const units = new Map(unitRows.map((u) => [u.code, u.path]));

// As the server's cached path does on a miss: synonyms, did-you-mean words and units read once.
const memo: SearchMemo = {};
const byStatement = new Map<string, { n: number; ms: number }>();
const walls: number[] = [];
const cpus: number[] = [];
for (const p of benchQueryPaths(ROOT, unitRows, n)) {
  if (only && !decodeURIComponent(p).includes(only)) continue;
  let wall = Infinity;
  let cpu = Infinity;
  let r: Awaited<ReturnType<typeof search>> | null = null;
  for (let k = 0; k < repeat; k++) {
    // Not the rows an earlier run of this query kept (the row cache): a repeat would read none.
    delete memo.rows;
    events.length = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    r = await search(ctx, searchInputOf(p, units), { totalCap, memo });
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  cpus.push(cpu);
  walls.push(wall);
  if (!r) continue;
  const total = r.ok ? `${r.value.total}${r.value.totalIsLowerBound ? '+' : ''}${r.value.relaxed ? ' relaxed' : ''}` : r.code;
  if (!quiet)
    console.log(
      `${wall.toFixed(1).padStart(7)} ms ${cpus[cpus.length - 1].toFixed(1).padStart(6)} cpu  total ${String(total).padEnd(14)} ${decodeURIComponent(p.replace('/api/v1/search?', ''))}`,
    );
  for (const e of events) {
    if (!quiet) console.log(`         ${e.ms.toFixed(2).padStart(7)} ms  ${e.sql}`);
    if (explain && pgUrl && e.full.includes('search_documents')) {
      const plan = await pgPool!.query(`explain (analyze, buffers) ${e.full}`, e.parameters as unknown[]);
      console.log(plan.rows.map((r: Record<string, string>) => `           ${r['QUERY PLAN']}`).join('\n'));
    }
    const k = e.sql.slice(0, 120);
    const s = byStatement.get(k) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += e.ms;
    byStatement.set(k, s);
  }
}
const pct = (xs: number[], x: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(x * xs.length))].toFixed(1);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
console.log(
  `\nsearch() wall, ${walls.length} queries: p50 ${pct(walls, 0.5)} ms, p95 ${pct(walls, 0.95)} ms, p99 ${pct(walls, 0.99)} ms, max ${pct(walls, 1)} ms, mean ${(sum(walls) / walls.length).toFixed(1)} ms`,
);
console.log(
  `search() CPU of this process: p50 ${pct(cpus, 0.5)} ms, p95 ${pct(cpus, 0.95)} ms, mean ${(sum(cpus) / cpus.length).toFixed(1)} ms (load average ${os.loadavg()[0].toFixed(2)})`,
);
console.log('slowest statements (total ms, count):');
for (const [k, s] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
  console.log(`  ${s.ms.toFixed(0).padStart(7)} ms ×${String(s.n).padStart(4)}  ${k}`);
await db.destroy();
