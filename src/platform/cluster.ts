import cluster, { type Worker } from 'node:cluster';

// `serve --workers N`: N server processes sharing one listening socket (node:cluster; the primary
// accepts connections and hands them out in turn), so every core serves requests. Nothing a
// request needs lives only in one process: sessions, login throttling, job leases and the public
// version stamp are in the database (SQLite in WAL mode, one file, or PostgreSQL), and the
// in-process caches (pages, search results) are copies keyed by that stamp, re-read at most once
// a second. The primary does what must happen once (migrations, baseline and demo seeds, a
// search index rebuild after a format change) before it starts the workers, then only watches
// them: a worker that dies is started again; SIGTERM/SIGINT stop every worker gracefully (each
// finishes its requests in flight and closes its database) before the primary exits.

export interface ServedWorker {
  port: number;
  close(): Promise<void>;
}

export interface ClusterOptions {
  workers: number;
  log: (msg: string) => void;
  /** Called in the primary once the first worker listens. */
  onListening?: (port: number) => void;
  /** Grace period for a worker to finish its requests on shutdown before it is killed. */
  shutdownMs?: number;
}

/** Env variable carrying a worker's index (0 … N-1): a replacement keeps the index it replaces. */
export const WORKER_INDEX_ENV = 'GONGKAI_WORKER_INDEX';

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

export function workerIndex(): number {
  return Number(process.env[WORKER_INDEX_ENV] ?? 0);
}

/**
 * In the primary: runs `prepare` once, starts the workers and supervises them; resolves when all
 * have stopped after a shutdown signal. In a worker (the same script, started by the primary):
 * runs `work` and reports its port; SIGTERM closes it gracefully.
 */
export async function runClustered(opts: ClusterOptions, prepare: () => Promise<void>, work: (index: number) => Promise<ServedWorker>): Promise<void> {
  if (cluster.isWorker) {
    const served = await work(workerIndex());
    let closing = false;
    const stop = async (code: number) => {
      if (closing) return;
      closing = true;
      try {
        await served.close();
      } finally {
        process.exit(code);
      }
    };
    process.on('SIGTERM', () => void stop(0));
    // Ctrl-C reaches the whole process group: the primary decides; the worker waits for its SIGTERM.
    process.on('SIGINT', () => {});
    // The primary is gone: nobody hands out connections any more.
    process.on('disconnect', () => void stop(0));
    process.send?.({ type: 'listening', port: served.port });
    return;
  }

  await prepare();
  const shutdownMs = opts.shutdownMs ?? 10_000;
  const byIndex = new Map<number, Worker>();
  const starts: number[] = [];
  let stopping = false;
  let announced = false;
  let resolveDone: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  const fork = (index: number) => {
    const w = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    byIndex.set(index, w);
    w.on('message', (m: { type?: string; port?: number }) => {
      if (m?.type === 'listening' && !announced && typeof m.port === 'number') {
        announced = true;
        opts.onListening?.(m.port);
      }
    });
    w.on('exit', (code, signal) => {
      if (byIndex.get(index) === w) byIndex.delete(index);
      if (stopping) {
        if (byIndex.size === 0) resolveDone();
        return;
      }
      opts.log(`worker ${index} (pid ${w.process.pid}) exited (${signal ?? code}); starting it again`);
      const now = Date.now();
      starts.push(now);
      while (starts.length && now - starts[0] > 60_000) starts.shift();
      if (starts.length > 5 * opts.workers) {
        opts.log('workers keep exiting: stopping');
        void shutdown(1);
        return;
      }
      setTimeout(() => !stopping && fork(index), 1000).unref();
    });
  };

  let exitCode = 0;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (byIndex.size === 0) resolveDone();
    for (const w of byIndex.values()) w.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const w of byIndex.values()) w.process.kill('SIGKILL');
    }, shutdownMs);
    killer.unref();
  };
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
  for (let i = 0; i < opts.workers; i += 1) fork(i);
  await done;
  process.exitCode = exitCode;
}
