/**
 * Starts bench/lib/serve-child.ts (with `workers` > 1: a primary and that many worker processes)
 * and samples the RSS of the server's processes (/proc/PID/status, every 200 ms): the peak of the
 * sum, and the peak of the largest single process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  url: string;
  pid: number;
  /**
   * Peak RSS seen by the 200 ms sampler (all server processes together; and the largest one), and
   * the kernel's high-water mark (VmHWM) of the first process, in MB.
   */
  memory(): { peakRssMb: number; peakProcessRssMb: number; processes: number; vmHwmMb: number; samples: number };
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

/** The process and its descendants (the cluster's workers). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i += 1) {
    try {
      for (const task of fs.readdirSync(`/proc/${out[i]}/task`)) {
        const kids = fs.readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // gone
    }
  }
  return out;
}

export async function startServer(db: { sqliteFile?: string; databaseUrl?: string }, opts: { workers?: number } = {}): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_JOBS: '0', LOG_LEVEL: 'silent', GONGKAI_DEMO: '0', NODE_ENV: 'production', GONGKAI_TRUST_PROXY: '1', BENCH_WORKERS: String(opts.workers ?? 1) };
  if (db.sqliteFile) env.BENCH_SQLITE = db.sqliteFile;
  if (db.databaseUrl) env.BENCH_PG = db.databaseUrl;
  const child: ChildProcess = fork(path.join(HERE, 'serve-child.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  process.once('exit', () => child.kill('SIGKILL'));
  let peak = 0;
  let peakOne = 0;
  let processes = 1;
  let samples = 0;
  const timer = setInterval(() => {
    const each = processTree(child.pid!).map((p) => statusKb(p, 'VmRSS'));
    const kb = each.reduce((a, b) => a + b, 0);
    samples++;
    processes = Math.max(processes, each.length);
    if (kb > peak) peak = kb;
    peakOne = Math.max(peakOne, ...each);
  }, 200);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    memory: () => ({ peakRssMb: Math.round(peak / 102.4) / 10, peakProcessRssMb: Math.round(peakOne / 102.4) / 10, processes, vmHwmMb: Math.round(statusKb(child.pid!, 'VmHWM') / 102.4) / 10, samples }),
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
