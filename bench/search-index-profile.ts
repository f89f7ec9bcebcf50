/**
 * Where indexing time goes, in process, on the generated county: reads the first N documents of a
 * county database (bench/lib/generate-county.ts), then times, each on a fresh migrated SQLite file
 * or PostgreSQL database under the bench dir:
 *
 * - `analyze`: the analysis alone (validation, jieba + pinyin of the title, body tokens, compressed
 *   excerpt) — the part of indexing that is pure JavaScript;
 * - `upsert`: the publishing path, indexDocuments 1,000 per transaction (what the search bench's
 *   "indexing into a fresh index" measures);
 * - `rebuild`: the reindex path (rebuildSearchIndex in one transaction) over the same documents;
 * - `reindex` (with --reindex): `gongkai reindex` on the county database itself — sources read from
 *   the modules, as the command does. It rewrites that database's index: pass a copy.
 *
 * Prints documents per second with the 1-minute load average (and, for the reindex, its slowest
 * statements); run under `node --cpu-prof` for a profile. Run: node --import tsx bench/search-index-profile.ts --sqlite COUNTY.sqlite [--n 20000]
 *   [--only analyze,upsert,rebuild] [--reindex]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { argValue, openCountyRuntime } from './lib/generate-county.ts';
import { documentsFor } from '../src/modules/publishing/disclosure.search.ts';
import { indexDocuments, rebuildSearchIndex, type SearchDocumentInput } from '../src/platform/search/index.ts';
import { analyzeDocument, packExcerpt } from '../src/platform/search/analyze.ts';
import { reindexAll } from '../src/platform/search/search.cli.ts';
import { modules } from '../src/modules/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';

const county = argValue('sqlite');
if (!county) throw new Error('--sqlite COUNTY.sqlite');
const n = Number(argValue('n') ?? 20_000);
const only = new Set((argValue('only') ?? 'analyze,upsert,rebuild').split(','));
const dir = path.dirname(county);
const loadavg = () => Math.round(os.loadavg()[0] * 100) / 100;
const pad = (k: number) => String(k).padStart(12, '0');

function removeFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

const src = await openCountyRuntime({ sqliteFile: county }, dir);
const docs: SearchDocumentInput[] = [];
for (let b = 0; b < n; b += 1000)
  docs.push(
    ...(await documentsFor(
      src.ctx.db,
      Array.from({ length: Math.min(1000, n - b) }, (_, k) => `00000000-0000-4000-8000-${pad(b + k)}`),
    )),
  );
await src.close();
console.log(`${docs.length} documents read (load average ${loadavg()})`);

async function timed(name: string, fn: () => Promise<number>): Promise<void> {
  const l0 = loadavg();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const count = await fn();
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  console.log(
    `${name.padEnd(8)} ${count} documents in ${s.toFixed(2)} s: ${Math.round(count / s)} documents/s (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s; load average ${l0} → ${loadavg()})`,
  );
}

if (only.has('analyze')) {
  const now = new Date();
  await timed('analyze', async () => {
    for (const d of docs) packExcerpt(analyzeDocument(d, now).excerpt);
    return docs.length;
  });
}

async function onFresh(name: string, fn: (rt: Awaited<ReturnType<typeof openCountyRuntime>>) => Promise<number>): Promise<void> {
  const file = path.join(dir, `index-profile-${name}.sqlite`);
  removeFile(file);
  const rt = await openCountyRuntime({ sqliteFile: file }, dir);
  try {
    await timed(name, () => fn(rt));
  } finally {
    await rt.close();
    removeFile(file);
  }
}

if (only.has('upsert'))
  await onFresh('upsert', async (rt) => {
    for (let i = 0; i < docs.length; i += 1000) await rt.ctx.db.transaction().execute((trx) => indexDocuments(rt.ctx, docs.slice(i, i + 1000), trx));
    return docs.length;
  });

if (only.has('rebuild'))
  await onFresh('rebuild', async (rt) => {
    // Newest first, as the sources yield them.
    const sorted = [...docs].sort((a, b) => (a.publishedAt > b.publishedAt ? -1 : a.publishedAt < b.publishedAt ? 1 : a.docId < b.docId ? -1 : 1));
    return rt.ctx.db.transaction().execute((trx) => rebuildSearchIndex({ ...rt.ctx, db: trx as unknown as typeof rt.ctx.db }, sorted));
  });

if (process.argv.includes('--reindex')) {
  // Every statement with its time: the reindex's slowest statements are printed after it.
  const byStatement = new Map<string, { n: number; ms: number }>();
  const onQuery = (text: string, ms: number) => {
    const k = text.replace(/\s+/g, ' ').slice(0, 100);
    const e = byStatement.get(k) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += ms;
    byStatement.set(k, e);
  };
  const config = loadConfig({}, { databaseUrl: null, logLevel: 'silent', demo: false, dataDir: dir, jobs: false });
  const rt = await openRuntime(config, { logger: { info: () => {}, warn: () => {}, error: () => {} }, sqliteFile: county, prepared: true, onQuery });
  try {
    await timed('reindex', () => reindexAll(rt.ctx, modules));
  } finally {
    await rt.close();
  }
  for (const [k, e] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8))
    console.log(`  ${(e.ms / 1000).toFixed(2).padStart(7)} s ×${String(e.n).padStart(6)}  ${k}`);
}
