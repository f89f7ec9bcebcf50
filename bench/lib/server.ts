/**
 * Starts bench/lib/serve-child.mjs (one app process, or `workers` behind one port) and samples the
 * server's RSS (/proc/PID/status of every app process, every 200 ms): the peak of the sum, and the
 * peak of the largest single process.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  url: string;
  pid: number;
  /** The app processes (one, or the cluster's workers). */
  pids: number[];
  /** true: the compiled server (dist/main.mjs); false: the sources through tsx. */
  compiled: boolean;
  /**
   * Peak RSS seen by the 200 ms sampler (all app processes together; and the largest one), the
   * kernel's high-water mark (VmHWM) per process and summed, in MB; `resetPeak` starts a new peak
   * (per benchmark level).
   */
  memory(): { peakRssMb: number; peakProcessRssMb: number; processes: number; vmHwmMb: number; perProcessHwmMb: number[]; samples: number };
  resetPeak(): void;
  stop(): Promise<void>;
}

function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function startServer(
  db: { sqliteFile?: string; databaseUrl?: string },
  opts: { workers?: number; nodeOptions?: string[] } = {},
): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_JOBS: '0',
    LOG_LEVEL: 'silent',
    GONGKAI_DEMO: '0',
    NODE_ENV: 'production',
    GONGKAI_TRUST_PROXY: '1',
    BENCH_WORKERS: String(opts.workers ?? 1),
  };
  if (db.sqliteFile) env.BENCH_SQLITE = db.sqliteFile;
  if (db.databaseUrl) env.BENCH_PG = db.databaseUrl;
  // Compile the server first (skipped when up to date): the child runs dist/main.mjs, as `gongkai serve` does.
  const built = spawnSync(process.execPath, [path.join(HERE, '../../scripts/build-server.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('scripts/build-server.mjs failed');
  const child: ChildProcess = fork(path.join(HERE, 'serve-child.mjs'), [], {
    env,
    execArgv: opts.nodeOptions ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, pids, compiled } = await new Promise<{ port: number; pids: number[]; compiled: boolean }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; pids: number[]; compiled: boolean }));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  let peak = 0;
  let peakOne = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const each = pids.map((p) => statusKb(p, 'VmRSS'));
    const kb = each.reduce((a, b) => a + b, 0);
    samples++;
    if (kb > peak) peak = kb;
    peakOne = Math.max(peakOne, ...each);
  }, 200);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    pids,
    compiled,
    memory: () => {
      const hwm = pids.map((p) => statusKb(p, 'VmHWM'));
      return {
        peakRssMb: mb(peak),
        peakProcessRssMb: mb(peakOne),
        processes: pids.length,
        vmHwmMb: mb(hwm.reduce((a, b) => a + b, 0)),
        perProcessHwmMb: hwm.map(mb),
        samples,
      };
    },
    resetPeak: () => {
      peak = 0;
      peakOne = 0;
    },
    stop: async () => {
      clearInterval(timer);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
