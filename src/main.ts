import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type AppConfig } from './platform/config/config.ts';
import { UsageError, parse, opt, need, configFrom, type CliHelpers } from './platform/cli.ts';
import { openRuntime, seedDemo, isDemoSeeded, writeDemoAccounts, sqliteFileOf } from './runtime.ts';
import { buildApp } from './app.ts';
import { verifyAuditChain } from './platform/audit/audit-log.ts';
import { createUser, createUnit, UNIT_KIND_IDS } from './modules/org/index.ts';
import { ROLE_IDS } from './platform/auth/roles.ts';
import { cliCommands } from './modules/cli.ts';
import { isClusterWorker, runClustered } from './platform/cluster.ts';

export const USAGE = `用法 / usage: gongkai <command> [options]

  serve [--port N] [--host H] [--data-dir DIR] [--no-demo] [--workers N]
                                                             启动服务（默认 http://localhost:3000，仅本机可访问；--host 0.0.0.0 对局域网开放；--workers N 用 N 个进程）
  migrate [--data-dir DIR]                                   执行数据库迁移
  seed --demo [--data-dir DIR]                               导入泗阳县演示数据
  user create --username U --password P --role ROLE --unit CODE [--name 姓名]
  unit create --code CODE --name NAME --kind KIND [--parent CODE] [--division-code DIGITS]
${cliCommands.map((c) => `  ${c.usage}`).join('\n')}
  audit verify                                               校验审计日志哈希链

DATABASE_URL=postgres://… selects PostgreSQL; otherwise SQLite in the data dir (./data).
Roles: ${ROLE_IDS.join(', ')}
Unit kinds: ${UNIT_KIND_IDS.join(', ')}`;

async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-demo': { type: 'boolean' },
    workers: { type: 'string' },
  });
  const extra: Partial<AppConfig> = {};
  const port = opt(values, 'port');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${port}"`);
    extra.port = Number(port);
  }
  const host = opt(values, 'host');
  if (host) extra.host = host;
  if (values['no-demo']) extra.demo = false;
  const workersRaw = opt(values, 'workers') ?? process.env.GONGKAI_WORKERS;
  if (workersRaw !== undefined && (!/^\d+$/.test(workersRaw) || Number(workersRaw) < 1 || Number(workersRaw) > 64))
    throw new UsageError(`--workers must be a number from 1 to 64, got "${workersRaw}"`);
  const workers = workersRaw === undefined ? 1 : Number(workersRaw);
  const config = configFrom(values, extra);
  const banner = (listening: number | string) => {
    const accountsFile = path.join(config.dataDir, 'demo-accounts.json');
    const lines = startBanner({
      host: config.host,
      port: Number(listening),
      database: config.databaseUrl ? 'PostgreSQL' : sqliteFileOf(config),
      demoAccountsFile: config.demo && fs.existsSync(accountsFile) ? accountsFile : null,
      workers,
    });
    for (const line of lines) console.log(line);
  };
  /** What must happen once, before any request: migrations, seeds, an index rebuild after a format change. */
  const prepare = async () => {
    const rt = await openRuntime(config);
    try {
      if (config.demo && !(await isDemoSeeded(rt.ctx))) {
        const out = await seedDemo(rt.ctx);
        // Passwords go to the console only when nobody else can reach the server; otherwise only where they are.
        printDemo(config, out.accounts, out.notes, { showPasswords: isLoopbackHost(config.host) });
      }
    } finally {
      if (workers > 1) await rt.close();
    }
    return rt;
  };
  const start = async (rt: Awaited<ReturnType<typeof openRuntime>>) => {
    const app = await buildApp(rt.ctx);
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      port: Number(new URL(address).port),
      close: async () => {
        // Stops accepting, lets requests in flight finish, stops the job runner, then the database.
        await app.close();
        await rt.close();
      },
    };
  };
  if (workers > 1) {
    await runClustered(
      { workers, log: (m) => console.log(m), onListening: banner },
      async () => {
        await prepare();
      },
      async () => start(await openRuntime(config, { prepared: true })),
    );
    return isClusterWorker() ? -1 : Number(process.exitCode ?? 0);
  }
  const served = await start(await prepare());
  const shutdown = async () => {
    await served.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  banner(served.port);
  return -1;
}

/** 127.0.0.0/8, ::1 and localhost: only this computer can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** What `serve` prints once it listens: where, who can reach it, and where the demo passwords are (never the passwords). */
export function startBanner(s: { host: string; port: number; database: string; demoAccountsFile: string | null; workers?: number }): string[] {
  const local = isLoopbackHost(s.host);
  const everywhere = s.host === '0.0.0.0' || s.host === '::';
  const shown = local || everywhere ? 'localhost' : s.host.includes(':') ? `[${s.host}]` : s.host;
  return [
    '',
    `Gongkai 公开 已启动：http://${shown}:${s.port}  （管理后台 http://${shown}:${s.port}/admin/）${(s.workers ?? 1) > 1 ? `，${s.workers} 个服务进程` : ''}`,
    local
      ? `监听 ${s.host}：仅本机可以访问。要让其他电脑访问，请用 --host 0.0.0.0（或环境变量 HOST=0.0.0.0）启动，并在前面配置 HTTPS 反向代理。`
      : `监听 ${s.host}：${everywhere ? '本机所有网络接口，' : ''}网络中的其他电脑可以访问本服务；请在前面配置 HTTPS 反向代理（GONGKAI_SECURE_COOKIES=1、GONGKAI_TRUST_PROXY=1）。`,
    `数据库：${s.database}`,
    ...(s.demoAccountsFile ? [`演示账号及密码：${s.demoAccountsFile}（仅所有者可读）${local ? '' : '；演示账号只用于试用，对外开放前请停用或删除'}`] : []),
  ];
}

/** The demo seeding report: notes, and the generated accounts — with passwords only when `showPasswords`. */
export function demoLines(
  accounts: { username: string; password: string; role: string; unit: string }[],
  notes: string[],
  file: string | null,
  opts: { showPasswords: boolean },
): string[] {
  const lines = [...notes];
  if (accounts.length === 0) return lines;
  if (opts.showPasswords) {
    lines.push('', '演示账号（密码随机生成，仅此处与下列文件中可见）：');
    for (const a of accounts) lines.push(`  ${a.username.padEnd(22)} ${a.password.padEnd(20)} ${a.role} @ ${a.unit}`);
  } else {
    // The server is reachable from the network: the passwords are not printed (console output is often logged or shared).
    lines.push('', `已生成 ${accounts.length} 个演示账号（${accounts.map((a) => a.username).join('、')}）；服务对网络开放，密码不在此显示。`);
  }
  if (file) lines.push(`${opts.showPasswords ? '已写入' : '账号和密码见'} ${file}（仅所有者可读）`);
  return lines;
}

function printDemo(
  config: AppConfig,
  accounts: { username: string; password: string; role: string; unit: string }[],
  notes: string[],
  opts: { showPasswords: boolean } = { showPasswords: true },
) {
  const file = accounts.length ? writeDemoAccounts(config.dataDir, accounts as never) : null;
  for (const line of demoLines(accounts, notes, file, opts)) console.log(line);
}

const withRuntime: CliHelpers['withRuntime'] = async (values, fn, opts = {}) => {
  const rt = await openRuntime(configFrom(values), opts.clock ? { clock: opts.clock } : {});
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
};

export async function runCli(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(argv.slice(1));
      case 'migrate': {
        const { values } = parse(argv.slice(1), { 'data-dir': { type: 'string' } });
        await withRuntime(values, async () => console.log('数据库已迁移到最新版本'));
        return 0;
      }
      case 'seed': {
        const { values } = parse(argv.slice(1), { demo: { type: 'boolean' }, 'data-dir': { type: 'string' } });
        if (!values.demo) throw new UsageError('seed needs --demo (the only data set shipped)');
        await withRuntime(values, async (rt) => {
          const out = await seedDemo(rt.ctx);
          printDemo(rt.ctx.config, out.accounts, out.notes);
          if (out.accounts.length === 0) console.log('演示数据已存在，没有新增账号');
        });
        return 0;
      }
      case 'user': {
        if (sub !== 'create') throw new UsageError(`unknown "user ${sub ?? ''}" (expected: user create)`);
        const { values } = parse(rest, {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string' },
          unit: { type: 'string' },
          name: { type: 'string' },
          'data-dir': { type: 'string' },
        });
        const username = need(values, 'username');
        const password = need(values, 'password');
        const role = need(values, 'role');
        const unit = need(values, 'unit');
        if (!ROLE_IDS.includes(role as never)) throw new UsageError(`unknown role "${role}" (one of: ${ROLE_IDS.join(', ')})`);
        return await withRuntime(values, async (rt) => {
          const r = await createUser(
            rt.ctx,
            { actor: null },
            { username, password, displayName: opt(values, 'name') ?? username, roles: [{ role, unitCode: unit }] },
          );
          if (!r.ok) {
            console.error(`错误：${r.message} (${r.code})`);
            return 1;
          }
          console.log(`已创建用户 ${username}（${role} @ ${unit}）`);
          return 0;
        });
      }
      case 'unit': {
        if (sub !== 'create') throw new UsageError(`unknown "unit ${sub ?? ''}" (expected: unit create)`);
        const { values } = parse(rest, {
          code: { type: 'string' },
          name: { type: 'string' },
          kind: { type: 'string' },
          parent: { type: 'string' },
          'division-code': { type: 'string' },
          'data-dir': { type: 'string' },
        });
        const kind = need(values, 'kind');
        if (!UNIT_KIND_IDS.includes(kind as never)) throw new UsageError(`unknown kind "${kind}" (one of: ${UNIT_KIND_IDS.join(', ')})`);
        return await withRuntime(values, async (rt) => {
          const r = await createUnit(
            rt.ctx,
            { actor: null },
            {
              code: opt(values, 'code'),
              name: need(values, 'name'),
              kind,
              parentCode: opt(values, 'parent') ?? null,
              divisionCode: opt(values, 'division-code') ?? null,
            },
          );
          if (!r.ok) {
            console.error(`错误：${r.message} (${r.code})`);
            return 1;
          }
          console.log(`已创建单位 ${r.value.code} ${r.value.name}`);
          return 0;
        });
      }
      case 'audit': {
        if (sub !== 'verify') throw new UsageError(`unknown "audit ${sub ?? ''}" (expected: audit verify)`);
        const { values } = parse(rest, { 'data-dir': { type: 'string' } });
        return await withRuntime(values, async (rt) => {
          const result = await verifyAuditChain(rt.ctx.db);
          console.log(JSON.stringify(result));
          return result.ok ? 0 : 1;
        });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return command ? 0 : 2;
      default: {
        const extra = cliCommands.find((c) => c.name === command && (!c.sub || c.sub === sub));
        if (extra) {
          return await extra.run(extra.sub ? rest : argv.slice(1), { parse, opt, need, configFrom, withRuntime, UsageError });
        }
        throw new UsageError(`unknown command "${command}${sub ? ` ${sub}` : ''}"`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      console.error(`gongkai: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

/** For harnesses that start the server themselves (bench/lib/serve-child.mjs): the same pieces `serve` uses. */
export { buildApp } from './app.ts';
export { openRuntime } from './runtime.ts';
export { loadConfig } from './platform/config/config.ts';
