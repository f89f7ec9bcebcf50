/**
 * Page throughput against nginx, same run, same machine: a village page (卜湖社区,
 * /units/321323002-buhu) and the county home page of the generated county (bench/lib/generate-county.ts),
 * with autocannon at concurrency 16 for 15 s each. The HTML of each page is saved and served by
 * Debian's nginx (nginx-light) from a generated nginx.conf on 127.0.0.1 (daemon off, access_log
 * off, paths in a temp dir; child process, always stopped). Reports ours/nginx (target ≥ 0.5) and the
 * server's peak RSS. Writes bench/results/pages-{sqlite,postgres}.json.
 * Run: npm run bench:pages -- --db sqlite [--scale 1] [--duration 15]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, generateCounty } from './lib/generate-county.ts';
import { freePort, startPostgres, type BenchPostgres } from './lib/postgres.ts';
import { startServer } from './lib/server.ts';
import { load, type LoadResult } from './lib/load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NGINX = process.env.GONGKAI_NGINX ?? '/usr/sbin/nginx';
const dbKind = argValue('db') ?? 'sqlite';
if (dbKind !== 'sqlite' && dbKind !== 'postgres') throw new Error('--db sqlite|postgres');
const scale = Number(argValue('scale') ?? 1);
const duration = Number(argValue('duration') ?? 15);
const dir = process.env.GONGKAI_BENCH_DIR ?? '/tmp/gongkai-bench';
const VILLAGE_URL = '/units/321323002-buhu';
// --uncached: every request carries a (meaningless) session cookie, which bypasses the page cache,
// to show what rendering costs without it. Results go to pages-{db}-uncached.json.
const uncached = process.argv.includes('--uncached');
const ourHeaders: Record<string, string> = uncached ? { cookie: 'gk_session=bench-no-such-session' } : {};
const suffix = uncached ? '-uncached' : '';

// nginx may be being installed by someone else: wait for the binary (up to 5 minutes).
for (let i = 0; !fs.existsSync(NGINX); i++) {
  if (i >= 60) throw new Error(`${NGINX} missing: apt-get install -y nginx-light`);
  if (i === 0) console.log(`waiting for ${NGINX} …`);
  await new Promise((r) => setTimeout(r, 5000));
}

async function startNginx(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
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
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { add_header Cache-Control no-cache; add_header Vary Cookie; }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  // An interrupted run must not leave nginx behind.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/home.html`)).ok) break;
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

let pg: BenchPostgres | null = null;
const db: { sqliteFile?: string; databaseUrl?: string } = {};
fs.mkdirSync(dir, { recursive: true });
if (dbKind === 'sqlite') db.sqliteFile = path.join(dir, `county-sqlite-${scale}.sqlite`);
else {
  pg = await startPostgres(path.join(dir, `county-pg-${scale}`));
  db.databaseUrl = pg.url;
}
const html = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pages-'));
fs.chmodSync(html, 0o755); // nginx workers run as nobody
try {
  const gen = await generateCounty({ ...db, scale });
  const server = await startServer(db);
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  try {
    const pages = { village: VILLAGE_URL, home: '/' };
    for (const [name, url] of Object.entries(pages)) {
      const res = await fetch(server.url + url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      fs.writeFileSync(path.join(html, `${name}.html`), await res.text());
    }
    nginx = await startNginx(html);
    const out: Record<string, { url: string; bytes: number; ours: LoadResult; nginx: LoadResult; ratio: number }> = {};
    for (const [name, url] of Object.entries(pages)) {
      const ours = await load(server.url, [url], 16, duration, ourHeaders);
      const theirs = await load(nginx.url, [`/${name}.html`], 16, duration);
      const ratio = Math.round((ours.rps / theirs.rps) * 1000) / 1000;
      out[name] = { url, bytes: fs.statSync(path.join(html, `${name}.html`)).size, ours, nginx: theirs, ratio };
      console.log(`${name} ${url}: ours ${ours.rps} req/s (p95 ${ours.latencyMs.p95} ms, non-2xx ${ours.non2xx}), nginx ${theirs.rps} req/s → ratio ${ratio}`);
    }
    const mem = server.memory();
    console.log(`server peak RSS ${mem.peakRssMb} MB (VmHWM ${mem.vmHwmMb} MB)`);
    const result = {
      benchmark: 'page throughput, ours vs nginx serving a saved copy of the same HTML (autocannon, 16 connections)',
      database: dbKind,
      scale,
      pageCache: uncached ? 'bypassed (session cookie on every request)' : 'on',
      dataset: { units: gen.units, disclosures: gen.disclosures },
      durationS: duration,
      target: 'ours/nginx ≥ 0.5 with caching that is correct on publish (page cache: src/platform/views/page-cache.ts)',
      village: { ours: out.village.ours.rps, nginx: out.village.nginx.rps, ratio: out.village.ratio, detail: out.village },
      home: { ours: out.home.ours.rps, nginx: out.home.nginx.rps, ratio: out.home.ratio, detail: out.home },
      peakRssMb: mem.peakRssMb,
      server: mem,
      machine: { cpus: os.cpus().length, node: process.version, note: '2 cores shared with other work; autocannon, the server and nginx (1 worker) on the same machine' },
      at: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `bench/results/pages-${dbKind}${suffix}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote bench/results/pages-${dbKind}${suffix}.json`);
  } finally {
    await nginx?.stop();
    await server.stop();
  }
} finally {
  fs.rmSync(html, { recursive: true, force: true });
  pg?.stop();
}
