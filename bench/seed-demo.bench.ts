/**
 * First-start demo seeding (issue 19 §3: under 15 s on a fresh start): opens a fresh SQLite data directory the way
 * `npm start` does, then times every module's seedDemo separately (the real commands, nothing faked), 3 runs, each
 * in a fresh process (as a first start is).
 * Writes bench/results/seed-demo.json with the load average of each run; a run on a busy machine says so.
 * Run: npx tsx bench/seed-demo.bench.ts [--runs N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { modules } from '../src/modules/index.ts';
import type { DemoSeedOutput } from '../src/platform/module.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);

type Run = {
  totalMs: number;
  openMs: number;
  modules: Record<string, number>;
  /** CPU time (user + system) of this process per module: less sensitive to a busy machine than wall time. */ cpuMs: Record<string, number>;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
};

/** One first start, in this process (a fresh process per run, as `npm start`: module-level caches start empty). */
async function oneRun(): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-seed-bench-'));
  const loadAverageBefore = load();
  const t0 = performance.now();
  const rt = await openRuntime(loadConfig({ ...process.env, GONGKAI_DATA_DIR: dir }, { dataDir: dir }));
  const openMs = performance.now() - t0;
  const out: DemoSeedOutput = { accounts: [], notes: [] };
  const per: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  for (const m of modules) {
    if (!m.seedDemo) continue;
    const s = performance.now();
    const c = process.cpuUsage();
    await m.seedDemo(rt.ctx, out);
    per[m.name] = Math.round(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu[m.name] = Math.round((used.user + used.system) / 1000);
  }
  const totalMs = Math.round(performance.now() - t0);
  await rt.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { totalMs, openMs: Math.round(openMs), modules: per, cpuMs: cpu, loadAverageBefore, loadAverageAfter: load() };
}

if (process.argv.includes('--child')) {
  const r = await oneRun();
  process.stdout.write(`\nRESULT ${JSON.stringify(r)}\n`);
  process.exit(0);
}

const runs: Run[] = [];
for (let r = 0; r < RUNS; r++) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`run ${r + 1} failed (exit ${child.status}):\n${child.stdout.slice(-2000)}`);
  const run = JSON.parse(line.slice(7)) as Run;
  runs.push(run);
  console.log(
    `run ${r + 1}: ${run.totalMs} ms (open ${run.openMs} ms) ${JSON.stringify(run.modules)} cpu ${JSON.stringify(run.cpuMs)} load ${run.loadAverageBefore.join('/')}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = {
  label: process.argv.includes('--label') ? process.argv[process.argv.indexOf('--label') + 1] : undefined,
  bench: 'seed-demo',
  what: 'fresh SQLite data directory: migrations + baseline + every module seedDemo (real commands)',
  node: process.version,
  cpus: os.cpus().length,
  target: 'total < 15000 ms on a quiet machine',
  profiled: process.execArgv.some((a) => a.startsWith('--cpu-prof')),
  medianTotalMs: median(runs.map((r) => r.totalMs)),
  runs,
};
const outArg = process.argv.indexOf('--out');
const file = outArg > 0 ? path.resolve(process.argv[outArg + 1]!) : path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'seed-demo.json');
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`median ${result.medianTotalMs} ms → ${file}`);
