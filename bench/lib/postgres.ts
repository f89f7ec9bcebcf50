/**
 * A throwaway PostgreSQL for benchmarks, started the way scripts/test.mjs does it: initdb + pg_ctl
 * (as the postgres user when we are root), --locale=C.UTF-8, a free loopback port, fsync off.
 * With `keepDir`, the cluster lives in that directory and is reused by the next run (data kept).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const candidates = [
    process.env.GONGKAI_PG_BIN,
    ...(fs.existsSync(root)
      ? fs
          .readdirSync(root)
          .sort()
          .reverse()
          .map((v) => `${root}/${v}/bin`)
      : []),
  ].filter(Boolean) as string[];
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface BenchPostgres {
  url: string;
  /** true when the data directory already held a cluster. */
  existed: boolean;
  stop(): void;
}

export async function startPostgres(dir: string): Promise<BenchPostgres> {
  const pgBin = findPgBin();
  if (!pgBin) throw new Error('PostgreSQL server binaries not found (Debian package postgresql)');
  const isRoot = process.getuid?.() === 0;
  const asPg = (cmd: string, args: string[]) =>
    isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = path.join(dir, 'data');
  const existed = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (isRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  if (!existed) {
    const init = asPg(path.join(pgBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--locale=C.UTF-8', '--encoding=UTF8']);
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB`;
  const start = asPg(path.join(pgBin, 'pg_ctl'), ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr || start.stdout}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    existed,
    stop: () => {
      asPg(path.join(pgBin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']);
    },
  };
}
