/**
 * The real server in a child process (so the load generator's memory is not counted): opens the
 * given database (SQLite file or PostgreSQL URL), buildApp with logging off and jobs off, listens
 * on 127.0.0.1 and reports the port to the parent over IPC. Runs the compiled server (dist/main.mjs,
 * as `gongkai serve` does when it is up to date; the bench builds it first) or, when it is stale or
 * GONGKAI_TSX=1, the TypeScript sources through tsx.
 * Env: BENCH_SQLITE=file | BENCH_PG=url; BENCH_WORKERS=N (default 1): N app processes behind one
 * port (node:cluster, connections handed out round-robin), each with its own database connection(s),
 * as several app processes would run behind a load balancer on one database. The primary then
 * reports the workers' pids, so the parent can add up their memory.
 */
import cluster from 'node:cluster';
import path from 'node:path';
import { BUNDLE, bundleIsFresh } from '../../bin/bundle.mjs';

const sqliteFile = process.env.BENCH_SQLITE;
const databaseUrl = process.env.BENCH_PG;
const workers = Math.max(1, Number(process.env.BENCH_WORKERS ?? 1));
const compiled = process.env.GONGKAI_TSX !== '1' && bundleIsFresh();

async function server() {
  if (compiled) return import(BUNDLE);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../../src/main.ts');
}

/** `prepared`: the primary's first worker already migrated (as `serve --workers N` opens its workers). */
async function serve(port, prepared = false) {
  const { buildApp, openRuntime, loadConfig } = await server();
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const config = loadConfig(
    {},
    { databaseUrl: databaseUrl ?? null, logLevel: 'silent', demo: false, dataDir: path.dirname(sqliteFile ?? '/tmp/gongkai-bench/x'), jobs: false },
  );
  const rt = await openRuntime(config, { logger: silent, sqliteFile, prepared });
  const app = await buildApp(rt.ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port });
  const stop = async () => {
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  return app.server.address().port;
}

if (workers === 1) {
  const port = await serve(0);
  process.send?.({ port, pids: [process.pid], compiled });
} else if (cluster.isPrimary) {
  // The first worker migrates (if needed); the others start after it, already prepared. All of them
  // listen on port 0: the cluster primary holds one handle per (address, port) key, so they share the
  // random port it picked (listening on that port by number would make the primary bind it again).
  const first = cluster.fork({ BENCH_PREPARED: '0' });
  const port = await new Promise((resolve) => first.once('message', (m) => resolve(m.port)));
  const rest = Array.from({ length: workers - 1 }, () => cluster.fork({ BENCH_PREPARED: '1' }));
  await Promise.all(rest.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const all = [first, ...rest];
  process.send?.({ port, pids: all.map((w) => w.process.pid), compiled });
  const stop = () => {
    for (const w of all) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
} else {
  const port = await serve(0, process.env.BENCH_PREPARED === '1');
  process.send?.({ port });
}
