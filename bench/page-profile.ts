/**
 * Where a public page's time goes, statement by statement (issue 14): opens the generated county
 * (bench/lib/generate-county.ts) in process, renders every town or village page once to warm up, then renders
 * N more with the page cache bypassed and prints the time per page, the SQL time per page and each
 * statement's share (the runtime's onQuery reports every statement with its time), the process's CPU time
 * per page (user + system, process.cpuUsage) and its memory: RSS and heap after start (nothing rendered
 * yet), after the warm-up, and the peak RSS while measuring (sampled every 10 pages). Run with
 * NODE_ENV=production, as the server runs (React's development build is several times slower); add
 * `node --cpu-prof` for a CPU profile.
 * C > 1 keeps C renders in flight at once (as C concurrent clients would; memory then grows as under load).
 * Run: NODE_ENV=production npm run bench:page-profile -- [FILE] [village|town] [N] [C]
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { openRuntime } from '../src/runtime.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { buildApp } from '../src/app.ts';
const file = process.argv[2] ?? '/tmp/gongkai-bench/county-sqlite-1.sqlite';
const kind = process.argv[3] ?? 'village';
const n = Number(process.argv[4] ?? 300);
const concurrency = Math.max(1, Number(process.argv[5] ?? 1));
const db = new Database(file, { readonly: true });
const kinds = kind === 'town' ? ['town', 'township', 'street'] : ['village', 'community'];
const codes = db.prepare(`select code from org_units where active = 1 and kind in (${kinds.map(() => '?').join(',')}) order by code`).all(...kinds) as {
  code: string;
}[];
db.close();
const stats = new Map<string, { n: number; ms: number }>();
let on = false;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const config = loadConfig({}, { databaseUrl: null, logLevel: 'silent', demo: false, dataDir: path.dirname(file), jobs: false } as never);
const rt = await openRuntime(config, {
  logger: silent as never,
  sqliteFile: file,
  onQuery: (sql, ms) => {
    if (!on) return;
    const s = stats.get(sql) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    stats.set(sql, s);
  },
});
const app = await buildApp(rt.ctx, { logger: false });
await app.ready();
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const memory = (label: string) => {
  const m = process.memoryUsage();
  console.log(`${label}: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}`);
};
memory('after start');
// Every page once first, as the page bench warms every URL before it measures (charts are memoised by their numbers).
for (const c of codes) await app.inject({ url: `/units/${c.code}`, headers: { cookie: 'gk_session=x' } });
memory('after warm-up');
on = true;
let peakRss = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < n; i = next++) {
      const r = await app.inject({ url: `/units/${codes[i % codes.length].code}`, headers: { cookie: 'gk_session=x' } });
      if (r.statusCode !== 200) throw new Error(String(r.statusCode));
      if (i % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  }),
);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
memory('after measuring');
console.log(
  `peak RSS while measuring ${mb(peakRss)}; CPU per page ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms (user ${(cpu.user / 1000 / n).toFixed(2)})`,
);
const total = [...stats.values()].reduce((a, b) => a + b.ms, 0);
console.log(
  `per page: wall ${(wall / n).toFixed(2)} ms, sql ${(total / n).toFixed(2)} ms, statements ${([...stats.values()].reduce((a, b) => a + b.n, 0) / n).toFixed(1)}`,
);
for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
  console.log(`${(s.ms / n).toFixed(3)} ms/page  ×${(s.n / n).toFixed(1)}  ${process.env.GONGKAI_PROFILE_FULL_SQL ? sql : sql.slice(0, 300)}`);
await app.close();
