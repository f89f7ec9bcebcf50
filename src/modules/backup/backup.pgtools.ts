/**
 * The PostgreSQL client programs the backup needs (`pg_dump`, `pg_restore`): found in GONGKAI_PG_BIN,
 * then on PATH, then in Debian's /usr/lib/postgresql/<major>/bin (newest first), and chosen so that the
 * program is at least as new as the server (pg_dump refuses to dump a newer server). The password never
 * appears on a command line: it goes to the child in PGPASSWORD.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackupError } from './backup.errors.ts';

const run = promisify(execFile);

export type PgToolName = 'pg_dump' | 'pg_restore';

export interface PgTool {
  path: string;
  /** e.g. `15.18`. */
  version: string;
  major: number;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';

function candidates(name: PgToolName, env: NodeJS.ProcessEnv, debian: string): string[] {
  const out: string[] = [];
  if (env.GONGKAI_PG_BIN) out.push(path.join(env.GONGKAI_PG_BIN, name));
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) out.push(path.join(dir, name));
  if (fs.existsSync(debian)) {
    for (const v of fs
      .readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      out.push(path.join(debian, v, 'bin', name));
  }
  return [...new Set(out)].filter((p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

async function versionOf(file: string): Promise<PgTool | null> {
  try {
    const { stdout } = await run(file, ['--version'], { timeout: 10_000 });
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
    return m ? { path: file, version: m[2] ? `${m[1]}.${m[2]}` : m[1], major: Number(m[1]) } : null;
  } catch {
    return null;
  }
}

/** Every usable copy of the program, in search order. */
export async function findPgTools(name: PgToolName, env: NodeJS.ProcessEnv = process.env, debianRoot = DEBIAN_ROOT): Promise<PgTool[]> {
  const found: PgTool[] = [];
  for (const file of candidates(name, env, debianRoot)) {
    const v = await versionOf(file);
    if (v) found.push(v);
  }
  return found;
}

/** The first copy at least as new as the server (major version), or a BackupError that says what to install. */
export async function pgToolFor(name: PgToolName, serverMajor: number, env: NodeJS.ProcessEnv = process.env, debianRoot = DEBIAN_ROOT): Promise<PgTool> {
  const tools = await findPgTools(name, env, debianRoot);
  const fit = tools.find((t) => t.major >= serverMajor);
  if (fit) return fit;
  if (tools.length === 0) {
    throw new BackupError(
      'PG_TOOL_MISSING',
      `找不到 ${name}（PostgreSQL 客户端程序）：请安装 PostgreSQL ${serverMajor} 或更新版本的客户端（Debian：apt install postgresql-client-${serverMajor}），或用 GONGKAI_PG_BIN 指明其所在目录`,
    );
  }
  throw new BackupError(
    'PG_TOOL_MISSING',
    `找到的 ${name} 版本过旧（${tools.map((t) => `${t.version}：${t.path}`).join('，')}），数据库服务器是 PostgreSQL ${serverMajor}：请安装 ${serverMajor} 或更新版本的客户端，或用 GONGKAI_PG_BIN 指明其所在目录`,
  );
}

/** The connection for libpq programs: the URL without its password (as --dbname) and the password in PGPASSWORD. */
export function libpqConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PGPASSWORD;
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

/** Runs a client program to completion; a non-zero exit becomes PG_TOOL_FAILED with the end of its error output. */
export function runPgTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (e) => reject(new BackupError('PG_TOOL_FAILED', `无法运行 ${path.basename(tool.path)}：${e.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else {
        const detail = stderr
          .trim()
          .split('\n')
          .slice(-3)
          .join(' ')
          .replace(/password=\S+/g, 'password=***');
        reject(new BackupError('PG_TOOL_FAILED', `${path.basename(tool.path)} 执行失败（${signal ?? `退出码 ${code}`}）：${detail || '没有错误输出'}`));
      }
    });
  });
}
