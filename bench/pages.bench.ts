/**
 * Page throughput and latency on the generated county (bench/lib/generate-county.ts), for the six
 * kinds of public page — county home, town, village, domain, disclosure and 往期 (archive) pages —
 * each measured three ways in the same run, on the same machine:
 *
 * - **cached**: ours with the page cache (every URL requested once before the measurement);
 * - **uncached**: ours with every request carrying a (meaningless) session cookie, which bypasses
 *   the page cache, so every request renders (database reads + React SSR);
 * - **nginx**: Debian's nginx (nginx-light, 1 worker) serving saved copies of the same bytes.
 *
 * Every kind rotates over many URLs (all towns, all villages, all domains, 2,000 disclosures,
 * 600 village × year archive pages), so the database reads real, different rows. autocannon at
 * `--connections` (default 16) for `--duration` seconds (default 10) per level. Records the 1-minute
 * load average before and after each level and the server's peak RSS (all app processes) per level
 * and overall.
 *
 * Run:  npm run bench:pages -- --db sqlite --scale 0.1|1 [--duration 10] [--connections 16]
 *       npm run bench:pages -- --db postgres [--scale 1]              (throwaway cluster under $GONGKAI_BENCH_DIR)
 *       npm run bench:pages -- --db postgres --pg-url URL [--processes 2]  (an existing database, e.g. the
 *                                       province-scale one: generated there first if empty; 2 app processes behind one port)
 *       [--pages home,village] [--units N (generator)] [--heap-mb N (server's --max-old-space-size)]
 * Writes bench/results/pages-{db}-scale{scale}[-p{N}].json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, generateCounty, openCountyRuntime } from './lib/generate-county.ts';
import { freePort, startPostgres, type BenchPostgres } from './lib/postgres.ts';
import { startServer } from './lib/server.ts';
import { load, type LoadResult } from './lib/load.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NGINX = process.env.GONGKAI_NGINX ?? '/usr/sbin/nginx';
const dbKind = argValue('db') ?? 'sqlite';
if (dbKind !== 'sqlite' && dbKind !== 'postgres') throw new Error('--db sqlite|postgres');
const scale = Number(argValue('scale') ?? 1);
const duration = Number(argValue('duration') ?? 10);
const connections = Number(argValue('connections') ?? 16);
const processes = Number(argValue('processes') ?? 1);
const units = argValue('units') ? Number(argValue('units')) : undefined;
const pgUrl = argValue('pg-url');
const only = argValue('pages')?.split(',');
// --heap-mb N: run the server with --max-old-space-size=N (V8 otherwise lets the heap grow lazily; see README).
const heapMb = argValue('heap-mb') ? Number(argValue('heap-mb')) : undefined;
const dir = process.env.GONGKAI_BENCH_DIR ?? '/tmp/gongkai-bench';
// A session cookie that matches no session: the request is anonymous, but the page cache is bypassed.
const UNCACHED: Record<string, string> = { cookie: 'gk_session=bench-no-such-session' };

for (let i = 0; !fs.existsSync(NGINX); i++) {
  if (i >= 60) throw new Error(`${NGINX} missing: apt-get install -y nginx-light`);
  if (i === 0) console.log(`waiting for ${NGINX} …`);
  await new Promise((r) => setTimeout(r, 5000));
}

async function startNginx(root: string, probe: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-nginx-'));
  const port = await freePort();
  const conf = path.join(tmp, 'nginx.conf');
  for (const d of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(tmp, d));
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${tmp}/client;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  default_type text/html;
  charset utf-8;
  sendfile on;
  keepalive_requests 100000;
  open_file_cache max=10000;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { add_header Cache-Control no-cache; add_header Vary Cookie; }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}${probe}`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || i > 100) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start or cannot read ${root} (see ${tmp}/error.log)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The URLs of each kind of page, from the generated county itself (deterministic sample). */
async function pageUrls(db: { sqliteFile?: string; databaseUrl?: string }): Promise<Record<string, string[]>> {
  const rt = await openCountyRuntime(db, path.dirname(db.sqliteFile ?? '/tmp/x'));
  try {
    const q = rt.ctx.db;
    const rand = seededRandom(20261206);
    const sample = <T>(xs: T[], n: number): T[] => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, n);
    };
    const towns = await q
      .selectFrom('org_units')
      .select('code')
      .where('active', '=', 1)
      .where('kind', 'in', ['town', 'township', 'street'])
      .orderBy('code')
      .execute();
    const villages = await q
      .selectFrom('org_units')
      .select('code')
      .where('active', '=', 1)
      .where('kind', 'in', ['village', 'community'])
      .orderBy('code')
      .execute();
    const domains = await q.selectFrom('catalog_domains').select('code').orderBy('code').execute();
    // 2,000 disclosures spread over the whole archive: the first published at or after each 1/2000th of the time span (index seeks).
    const span = await q
      .selectFrom('disclosure_listings')
      .select((eb) => [eb.fn.min('published_at').as('lo'), eb.fn.max('published_at').as('hi')])
      .executeTakeFirstOrThrow();
    const lo = Date.parse(String(span.lo));
    const hi = Date.parse(String(span.hi));
    const ids = new Set<string>();
    for (let k = 0; k < 2000; k++) {
      const at = new Date(lo + ((hi - lo) * k) / 2000).toISOString();
      const r = await q
        .selectFrom('disclosure_listings')
        .select('disclosure_id')
        .where('status', '=', 'published')
        .where('published_at', '>=', at)
        .orderBy('published_at')
        .limit(1)
        .executeTakeFirst();
      if (r) ids.add(r.disclosure_id);
    }
    const years = [2022, 2023, 2024, 2025, 2026];
    const archive = sample(
      villages.flatMap((v) => years.map((y) => `/units/${encodeURIComponent(v.code)}/disclosures?year=${y}`)),
      600,
    );
    return {
      home: ['/'],
      town: towns.map((t) => `/units/${encodeURIComponent(t.code)}`),
      village: villages.map((v) => `/units/${encodeURIComponent(v.code)}`),
      domain: domains.map((d) => `/domains/${encodeURIComponent(d.code)}`),
      disclosure: sample([...ids], ids.size).map((id) => `/disclosures/${id}`),
      archive,
    };
  } finally {
    await rt.close();
  }
}

const load1 = () => Math.round(os.loadavg()[0] * 100) / 100;

let pg: BenchPostgres | null = null;
const db: { sqliteFile?: string; databaseUrl?: string } = {};
fs.mkdirSync(dir, { recursive: true });
if (dbKind === 'sqlite') db.sqliteFile = path.join(dir, `county-sqlite-${scale}.sqlite`);
else if (pgUrl) db.databaseUrl = pgUrl;
else {
  pg = await startPostgres(path.join(dir, `county-pg-${scale}`));
  db.databaseUrl = pg.url;
}
const html = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pages-'));
fs.chmodSync(html, 0o755); // nginx workers run as nobody
try {
  const gen = await generateCounty({ ...db, scale, units });
  const all = await pageUrls(db);
  const kinds = Object.keys(all).filter((k) => !only || only.includes(k));
  const server = await startServer(db, { workers: processes, nodeOptions: heapMb ? [`--max-old-space-size=${heapMb}`] : [] });
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  try {
    // Save every URL's HTML for nginx (same bytes) and warm our cache with it.
    const files: Record<string, string[]> = {};
    const bytes: Record<string, number> = {};
    for (const kind of kinds) {
      fs.mkdirSync(path.join(html, kind), { recursive: true });
      files[kind] = [];
      let total = 0;
      for (const [i, url] of all[kind].entries()) {
        const res = await fetch(server.url + url);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        const body = await res.text();
        total += Buffer.byteLength(body);
        fs.writeFileSync(path.join(html, kind, `${i}.html`), body);
        files[kind].push(`/${kind}/${i}.html`);
      }
      bytes[kind] = Math.round(total / all[kind].length);
    }
    nginx = await startNginx(html, files[kinds[0]][0]);
    const out: Record<string, unknown> = {};
    const levelMemory: number[] = [];
    const run = async (fn: () => Promise<LoadResult>) => {
      const before = load1();
      server.resetPeak();
      const r = await fn();
      const rss = server.memory().peakRssMb;
      levelMemory.push(rss);
      return { ...r, loadAverage1m: { before, after: load1() }, serverPeakRssMb: rss };
    };
    for (const kind of kinds) {
      const urls = all[kind];
      // Warm-up (JIT, file cache), not measured.
      await load(server.url, urls, connections, 2, UNCACHED);
      await load(server.url, urls, connections, 1);
      const cached = await run(() => load(server.url, urls, connections, duration));
      const uncached = await run(() => load(server.url, urls, connections, duration, UNCACHED));
      const theirs = await run(() => load(nginx!.url, files[kind], connections, duration));
      const ratio = Math.round((cached.rps / theirs.rps) * 1000) / 1000;
      out[kind] = { urls: urls.length, example: urls[0], avgBytes: bytes[kind], cached, uncached, nginx: theirs, cachedOverNginx: ratio };
      console.log(
        `${kind.padEnd(10)} ${String(urls.length).padStart(5)} urls ${String(bytes[kind]).padStart(7)} B | cached ${cached.rps} req/s p95 ${cached.latencyMs.p95} ms | uncached ${uncached.rps} req/s p95 ${uncached.latencyMs.p95} ms (non-2xx ${uncached.non2xx}) | nginx ${theirs.rps} req/s → cached/nginx ${ratio} | load ${cached.loadAverage1m.before}→${theirs.loadAverage1m.after} | RSS ${Math.max(cached.serverPeakRssMb, uncached.serverPeakRssMb)} MB`,
      );
    }
    const mem = server.memory();
    console.log(`server peak RSS ${Math.max(...levelMemory)} MB over ${processes} process(es) (VmHWM ${mem.vmHwmMb} MB)`);
    const result = {
      benchmark:
        'public pages: ours with the page cache, ours without it (every request renders), nginx serving the same bytes; autocannon, same run, same machine',
      database: dbKind,
      scale,
      processes,
      serverRuntime: server.compiled ? 'compiled (dist/main.mjs)' : 'TypeScript sources through tsx',
      nodeOptions: heapMb ? `--max-old-space-size=${heapMb}` : null,
      dataset: { units: gen.units, disclosures: gen.disclosures },
      connections,
      durationS: duration,
      targets:
        'scale 1: cached ≥ 0.9× nginx; uncached village ≥ 500 req/s and p95 < 30 ms; uncached home ≥ 300 req/s; server RSS < 350 MB; uncached p95 at scale 1 within 1.5× of scale 0.1 per page',
      pages: out,
      peakRssMb: Math.max(...levelMemory),
      server: mem,
      loadAverage: { atStart: loadAtStart.map((x) => Math.round(x * 100) / 100), atEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        note: 'autocannon, the server(s) and nginx (1 worker) share the machine with other work (load averages per level)',
      },
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    const file = `bench/results/pages-${dbKind}-scale${scale}${processes > 1 ? `-p${processes}` : ''}.json`;
    fs.writeFileSync(path.join(ROOT, file), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${file}`);
  } finally {
    await nginx?.stop();
    await server.stop();
  }
} finally {
  fs.rmSync(html, { recursive: true, force: true });
  pg?.stop();
}
