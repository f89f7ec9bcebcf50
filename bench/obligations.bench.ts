/**
 * Obligations for a whole county: the Siyang tree plus generated villages up to ≈300 units, busy
 * finance on half of the villages, 2 events per unit per triggered item. Loads everything once and
 * computes every unit's obligations for one year; 5 runs. Writes bench/results/obligations.json.
 * Run: node --import tsx bench/obligations.bench.ts   (or: npm run bench:obligations)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { getCalendar } from '../src/modules/calendar/index.ts';
import { loadObligationData, obligationsFromData } from '../src/modules/catalog/index.ts';
import { seedObligationCounty } from './lib/obligation-county.ts';

const TARGET_UNITS = 300;
const RUNS = 5;
const YEAR = 2026;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const config = loadConfig({}, { databaseUrl: null, logLevel: 'silent', demo: false, dataDir: dir });
const rt = await openRuntime(config, { logger: silent, sqliteFile: path.join(dir, 'bench.sqlite') });
const db = rt.ctx.db;
const now = new Date('2026-01-05T00:00:00Z');
const { units, items } = await seedObligationCounty(db, now, TARGET_UNITS);

const times: number[] = [];
let obligations = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const [data, calendar] = await Promise.all([
    loadObligationData(
      db,
      units.map((u) => u.code),
    ),
    getCalendar(rt.ctx),
  ]);
  let n = 0;
  for (const u of units) n += obligationsFromData(data, u, `${YEAR}-01-01`, `${YEAR}-12-31`, calendar).length;
  times.push(performance.now() - t0);
  obligations = n;
}
times.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 10) / 10;
const result = {
  units: units.length,
  items: items.length,
  obligations,
  msPerRun: { min: round(times[0]), median: round(times[Math.floor(times.length / 2)]), max: round(times[times.length - 1]) },
  node: process.version,
  date: new Date().toISOString(),
  datasetAsOf: now.toISOString().slice(0, 10),
};
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'obligations.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `obligations: ${result.units} units, ${result.items} catalog rows, ${result.obligations} obligations for ${YEAR}; ms per run min ${result.msPerRun.min} / median ${result.msPerRun.median} / max ${result.msPerRun.max} (node ${result.node})`,
);
await rt.close();
fs.rmSync(dir, { recursive: true, force: true });
