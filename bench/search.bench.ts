/**
 * Search latency at county scale: the generated dataset (bench/lib/generate-county.ts, ≈200,000
 * disclosures at --scale 1), the real server in a child process (SQLite file or throwaway
 * PostgreSQL), HTTP GET /api/v1/search with autocannon at concurrency 1 and 16 (20 s each) over 60
 * queries of test/search-relevance.json with unit, date, sort and page filters mixed in. Samples
 * the server's RSS every 200 ms. Writes bench/results/search-{sqlite,postgres}.json. Target p95 < 100 ms.
 * The dataset is generated once under $GONGKAI_BENCH_DIR (default /tmp/gongkai-bench) and reused.
 * Run: npm run bench:search -- --db sqlite|postgres [--scale 1] [--duration 20]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, generateCounty } from './lib/generate-county.ts';
import { startPostgres, type BenchPostgres } from './lib/postgres.ts';
import { startServer } from './lib/server.ts';
import { load } from './lib/load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbKind = argValue('db') ?? 'sqlite';
if (dbKind !== 'sqlite' && dbKind !== 'postgres') throw new Error('--db sqlite|postgres');
const scale = Number(argValue('scale') ?? 1);
const duration = Number(argValue('duration') ?? 20);
const dir = process.env.GONGKAI_BENCH_DIR ?? '/tmp/gongkai-bench';
fs.mkdirSync(dir, { recursive: true });

let pg: BenchPostgres | null = null;
const db: { sqliteFile?: string; databaseUrl?: string } = {};
if (dbKind === 'sqlite') db.sqliteFile = path.join(dir, `county-sqlite-${scale}.sqlite`);
else {
  pg = await startPostgres(path.join(dir, `county-pg-${scale}`));
  db.databaseUrl = pg.url;
}
try {
  const gen = await generateCounty({ ...db, scale });
  const labelled = (JSON.parse(fs.readFileSync(path.join(ROOT, 'test/search-relevance.json'), 'utf8')) as { queries: { q: string }[] }).queries.slice(0, 60).map((x) => x.q);
  const towns = ['321323101', '321323102', '321323103', '321323002'];
  const paths = labelled.map((q, i) => {
    const p = new URLSearchParams({ q });
    if (i % 3 === 1) p.set('unit', towns[i % towns.length]);
    if (i % 5 === 2) {
      p.set('from', '2025-01-01');
      p.set('to', '2025-12-31');
    }
    if (i % 7 === 3) p.set('sort', 'date');
    if (i % 11 === 4) p.set('page', '2');
    if (i % 13 === 5) p.set('archived', 'false');
    return `/api/v1/search?${p}`;
  });
  const server = await startServer(db);
  try {
    // Warm-up: every query once (first-use costs: jieba dictionary, prepared statements, page cache).
    for (const p of paths) await fetch(server.url + p, { headers: { 'x-forwarded-for': '10.255.0.1' } });
    const c1 = await load(server.url, paths, 1, duration);
    console.log(`c=1:  p50 ${c1.latencyMs.p50} ms, p95 ${c1.latencyMs.p95} ms, p99 ${c1.latencyMs.p99} ms, ${c1.rps} req/s, non-2xx ${c1.non2xx}`);
    const c16 = await load(server.url, paths, 16, duration);
    console.log(`c=16: p50 ${c16.latencyMs.p50} ms, p95 ${c16.latencyMs.p95} ms, p99 ${c16.latencyMs.p99} ms, ${c16.rps} req/s, non-2xx ${c16.non2xx}`);
    const mem = server.memory();
    console.log(`server peak RSS ${mem.peakRssMb} MB (VmHWM ${mem.vmHwmMb} MB)`);
    const result = {
      benchmark: 'search latency over HTTP (GET /api/v1/search), county-scale dataset',
      database: dbKind,
      scale,
      dataset: { units: gen.units, disclosures: gen.disclosures, financeStatements: gen.financeStatements, generatedSeconds: gen.reused ? null : gen.seconds },
      queries: paths.length,
      target: 'p95 < 100 ms at concurrency 1 and 16',
      concurrency1: c1,
      concurrency16: c16,
      meetsTarget: c1.latencyMs.p95 < 100 && c16.latencyMs.p95 < 100,
      server: mem,
      machine: { cpus: os.cpus().length, node: process.version, note: '2 cores shared with other work; the load generator runs on the same machine' },
      at: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `bench/results/search-${dbKind}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote bench/results/search-${dbKind}.json`);
  } finally {
    await server.stop();
  }
} finally {
  pg?.stop();
}
