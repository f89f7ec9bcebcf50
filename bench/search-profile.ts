/**
 * Where search time goes, in process (no HTTP): runs the benchmark's query mix (bench/search.bench.ts)
 * once against a generated county database and prints, per query, the wall time of search(), the
 * number of matches, and every SQL statement it ran with its duration. Ends with the slowest
 * statements by total time.
 * Run: node --import tsx bench/search-profile.ts --sqlite FILE | --pg URL [--explain]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';
import { search } from '../src/platform/search/index.ts';
import { argValue } from './lib/generate-county.ts';
import { benchQueryPaths } from './lib/queries.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqliteFile = argValue('sqlite');
const pgUrl = argValue('pg');
if (!sqliteFile && !pgUrl) throw new Error('--sqlite FILE | --pg URL');

const events: { sql: string; ms: number }[] = [];
const log = (e: LogEvent) => {
  events.push({ sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 220), ms: e.queryDurationMillis });
};
let db: Kysely<Database>;
if (sqliteFile) {
  const BetterSqlite = (await import('better-sqlite3')).default;
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite(sqliteFile, { readonly: true }) }), log });
} else {
  const pg = (await import('pg')).default;
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl, max: 2 }) }), log });
}
const ctx = { db, dialect: sqliteFile ? ('sqlite' as const) : ('postgres' as const) };
const units = new Map((await db.selectFrom('org_units').select(['code', 'path']).execute()).map((u) => [u.code, u.path]));

const byStatement = new Map<string, { n: number; ms: number }>();
const walls: number[] = [];
for (const p of benchQueryPaths(ROOT)) {
  const u = new URLSearchParams(p.split('?')[1]);
  events.length = 0;
  const t0 = performance.now();
  const r = await search(ctx, {
    q: u.get('q')!,
    unitPath: u.get('unit') ? units.get(u.get('unit')!) : undefined,
    from: u.get('from') ?? undefined,
    to: u.get('to') ?? undefined,
    archived: u.has('archived') ? u.get('archived') === 'true' : undefined,
    sort: (u.get('sort') as 'date' | null) ?? 'relevance',
    page: Number(u.get('page') ?? 1),
    pageSize: 10,
  });
  const wall = performance.now() - t0;
  walls.push(wall);
  const total = r.ok ? `${r.value.total}${r.value.totalIsLowerBound ? '+' : ''}${r.value.relaxed ? ' relaxed' : ''}` : r.code;
  console.log(`${wall.toFixed(0).padStart(6)} ms  total ${String(total).padEnd(14)} ${decodeURIComponent(p.replace('/api/v1/search?', ''))}`);
  for (const e of events) {
    console.log(`         ${e.ms.toFixed(1).padStart(7)} ms  ${e.sql}`);
    const k = e.sql.slice(0, 120);
    const s = byStatement.get(k) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += e.ms;
    byStatement.set(k, s);
  }
}
walls.sort((a, b) => a - b);
const q = (x: number) => walls[Math.min(walls.length - 1, Math.floor(x * walls.length))].toFixed(1);
console.log(`\nsearch() wall, ${walls.length} queries: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms, sum ${walls.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
console.log('slowest statements (total ms, count):');
for (const [k, s] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`  ${s.ms.toFixed(0).padStart(7)} ms ×${String(s.n).padStart(3)}  ${k}`);
if (process.argv.includes('--explain') && ctx.dialect === 'postgres') {
  const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) select count(*) from search_documents d where d.tsv @@ to_tsquery('simple', '(''补贴'')')`.execute(db);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
await db.destroy();
