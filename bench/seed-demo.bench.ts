/**
 * First-start demo seeding (issue 19 §3: under 15 s on a fresh start): opens a fresh SQLite data directory the way
 * `npm start` does, then times every module's seedDemo separately (the real commands, nothing faked), 3 runs.
 * Writes bench/results/seed-demo.json with the load average of each run; a run on a busy machine says so.
 * Run: npx tsx bench/seed-demo.bench.ts [--runs N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { modules } from '../src/modules/index.ts';
import type { DemoSeedOutput } from '../src/platform/module.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);

const runs: { totalMs: number; openMs: number; modules: Record<string, number>; loadAverageBefore: number[]; loadAverageAfter: number[] }[] = [];
for (let r = 0; r < RUNS; r++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-seed-bench-'));
  const loadAverageBefore = load();
  const t0 = performance.now();
  const rt = await openRuntime(loadConfig({ ...process.env, GONGKAI_DATA_DIR: dir }, { dataDir: dir }));
  const openMs = performance.now() - t0;
  const out: DemoSeedOutput = { accounts: [], notes: [] };
  const per: Record<string, number> = {};
  for (const m of modules) {
    if (!m.seedDemo) continue;
    const s = performance.now();
    await m.seedDemo(rt.ctx, out);
    per[m.name] = Math.round(performance.now() - s);
  }
  const totalMs = Math.round(performance.now() - t0);
  await rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
  runs.push({ totalMs, openMs: Math.round(openMs), modules: per, loadAverageBefore, loadAverageAfter: load() });
  console.log(`run ${r + 1}: ${totalMs} ms (open ${Math.round(openMs)} ms) ${JSON.stringify(per)} load ${loadAverageBefore.join('/')}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = {
  bench: 'seed-demo',
  what: 'fresh SQLite data directory: migrations + baseline + every module seedDemo (real commands)',
  node: process.version,
  cpus: os.cpus().length,
  target: 'total < 15000 ms on a quiet machine',
  profiled: process.execArgv.some((a) => a.startsWith('--cpu-prof')),
  medianTotalMs: median(runs.map((r) => r.totalMs)),
  runs,
};
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'seed-demo.json');
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`median ${result.medianTotalMs} ms → ${file}`);
