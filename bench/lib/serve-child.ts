/**
 * The real server in a child process (so the load generator's memory is not counted): opens the
 * given database (SQLite file or PostgreSQL URL), buildApp with logging off and jobs off, listens
 * on 127.0.0.1:0 and reports the port to the parent over IPC.
 * Env: BENCH_SQLITE=file | BENCH_PG=url.
 */
import path from 'node:path';
import { buildApp } from '../../src/app.ts';
import { openCountyRuntime } from './generate-county.ts';

const sqliteFile = process.env.BENCH_SQLITE;
const databaseUrl = process.env.BENCH_PG;
const rt = await openCountyRuntime({ sqliteFile, databaseUrl }, path.dirname(sqliteFile ?? '/tmp/gongkai-bench/x'));
const app = await buildApp(rt.ctx, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address() as { port: number };
process.send?.({ port: addr.port });
const stop = async () => {
  await app.close();
  await rt.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
