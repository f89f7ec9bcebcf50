import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLines, isLoopbackHost, startBanner } from '../src/main.ts';
import { loadConfig } from '../src/platform/config/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const onPg = !!process.env.GONGKAI_TEST_PG_URL;

/**
 * Runs the CLI as a user would (bin/gongkai.mjs). That runs the compiled server, which test/global-setup.ts
 * builds when stale (one build, and ≈0.3 s per command instead of ≈6 s through tsx); `extraEnv`
 * GONGKAI_TSX=1 runs the TypeScript sources instead.
 */
function cli(args: string[], dataDir: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extraEnv };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The CLI opens its own SQLite database in a data dir; on the PostgreSQL run the same code is
// covered by the HTTP tests, so this file runs once (on SQLite).
describe.skipIf(onPg)('gongkai CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints usage and exits 2 on unknown commands and bad options', () => {
    const unknown = cli(['frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect(unknown.err).toContain('用法 / usage');
    // The same from the TypeScript sources (a clone without a build runs those).
    const fromSources = cli(['frobnicate'], dir, { GONGKAI_TSX: '1' });
    expect(fromSources.code).toBe(2);
    expect(fromSources.err).toContain('unknown command "frobnicate"');
    const badOpt = cli(['serve', '--port', 'abc'], dir);
    expect(badOpt.code).toBe(2);
    expect(badOpt.err).toContain('--port must be a number');
    const missing = cli(['user', 'create', '--username', 'x'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing required option --password');
    const badRole = cli(['user', 'create', '--username', 'x1', '--password', 'Abcdefgh12345', '--role', 'mayor', '--unit', '321323'], dir);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('unknown role "mayor"');
    const seedNoFlag = cli(['seed'], dir);
    expect(seedNoFlag.code).toBe(2);
  }, 120_000);

  it('seeds the demo once, with owner-only credentials, then creates users and units', () => {
    const seeded = cli(['seed', '--demo'], dir);
    expect(seeded.code, seeded.err).toBe(0);
    const file = path.join(dir, 'demo-accounts.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const accounts = JSON.parse(fs.readFileSync(file, 'utf8')) as { username: string; password: string }[];
    expect(accounts.map((a) => a.username)).toContain('buhu.clerk');
    expect(seeded.out).toContain(accounts[0].password);
    const again = cli(['seed', '--demo'], dir);
    expect(again.out).toContain('演示数据已存在');

    const created = cli(
      ['user', 'create', '--username', 'zhang.san', '--password', 'Abcdefgh12345', '--role', 'village_clerk', '--unit', '321323106211', '--name', '张三'],
      dir,
    );
    expect(created.code, created.err).toBe(0);
    const dup = cli(['user', 'create', '--username', 'zhang.san', '--password', 'Abcdefgh12345', '--role', 'village_clerk', '--unit', '321323106211'], dir);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('已被使用');
    const badUnit = cli(['user', 'create', '--username', 'li.si', '--password', 'Abcdefgh12345', '--role', 'village_clerk', '--unit', 'nowhere'], dir);
    expect(badUnit.code).toBe(1);
    expect(badUnit.err).toContain('单位不存在');

    const unit = cli(['unit', 'create', '--code', '321323102-xincun', '--name', '新村', '--kind', 'village', '--parent', '321323102'], dir);
    expect(unit.code, unit.err).toBe(0);
    const badKind = cli(['unit', 'create', '--code', 'y', '--name', 'y', '--kind', 'castle'], dir);
    expect(badKind.code).toBe(2);
  }, 240_000); // seven CLI processes, one of them the whole demo seed: slow on a busy 2-core host

  it('runs due jobs for cron users, once per day (jobs run-due --now)', () => {
    for (const now of ['2026-11-31T09:00:00+08:00']) {
      const bad = cli(['jobs', 'run-due', `--now=${now}`], dir);
      expect(bad.code, now).toBe(2);
      expect(bad.err).toContain('--now must be an ISO-8601 time');
    }
    const ran = cli(['jobs', 'run-due', '--now=2026-11-30T09:00:00+08:00'], dir);
    expect(ran.code, ran.err).toBe(0);
    const daily = JSON.parse(ran.out).jobs.find((j: { name: string }) => j.name === 'notifications.daily');
    expect(daily).toMatchObject({ outcome: 'ran', runKey: '2026-11-30' });
    expect(daily.result.notificationsCreated).toBeGreaterThan(0);
    const again = cli(['jobs', 'run-due', '--now=2026-11-30T10:00:00+08:00'], dir);
    expect(JSON.parse(again.out).jobs.find((j: { name: string }) => j.name === 'notifications.daily')).toMatchObject({ outcome: 'skipped-done' });
  }, 120_000);

  it('backs up, verifies and restores (backup [--out], backup verify, restore --data-dir)', () => {
    // The daily backup is on by default: the run-due above made one in <data dir>/backups.
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^gongkai-backup-\d{8}T\d{6}Z\.tar\.gz$/.test(n))).toHaveLength(1);
    const out = path.join(os.tmpdir(), `gongkai-cli-backup-${process.pid}`);
    fs.rmSync(out, { recursive: true, force: true });
    const file = path.join(out, 'county.tar.gz');
    const made = cli(['backup', '--out', file], dir);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('备份完成');
    const verified = cli(['backup', 'verify', file], dir);
    expect(verified.code, verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, databaseChecked: true, failure: null });
    const refused = cli(['restore', file, '--data-dir', dir], dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('不是空的');
    const target = path.join(out, 'restored');
    const restored = cli(['restore', file, '--data-dir', target], dir);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('恢复完成');
    const audit = cli(['audit', 'verify', '--data-dir', target], dir);
    expect(JSON.parse(audit.out.trim().split('\n').pop() as string)).toMatchObject({ ok: true });
    fs.rmSync(out, { recursive: true, force: true });
  }, 240_000);

  /** Starts `serve` on a free port in the seeded data dir; resolves with its banner once it listens. */
  async function serve(args: string[]): Promise<{ out: string; port: number; stop: () => void }> {
    const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent', GONGKAI_JOBS: '0' };
    delete env.DATABASE_URL;
    delete env.HOST;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'serve', '--port', '0', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /已启动：http:\/\/[^:]+:(\d+)/.exec(out);
        if (m && /数据库：/.test(out)) {
          clearInterval(timer);
          resolve(Number(m[1]));
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`serve exited with ${code}: ${out}`));
      });
    });
    return { out, port, stop: () => child.kill('SIGTERM') };
  }
  const canConnect = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const lanAddress = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it('serve listens on 127.0.0.1 unless --host says otherwise, and says so', async () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const local = await serve([]);
    try {
      expect(local.out).toContain('监听 127.0.0.1：仅本机可以访问');
      expect(local.out).toContain('--host 0.0.0.0');
      expect(local.out).toContain(`演示账号及密码：${path.join(dir, 'demo-accounts.json')}`);
      expect(await canConnect('127.0.0.1', local.port)).toBe(true);
      // Not reachable over the network (skipped when the machine has no non-loopback IPv4 address).
      if (lanAddress) expect(await canConnect(lanAddress, local.port)).toBe(false);
    } finally {
      local.stop();
    }
    const open = await serve(['--host', '0.0.0.0']);
    try {
      expect(open.out).toContain('监听 0.0.0.0：本机所有网络接口，网络中的其他电脑可以访问本服务');
      if (lanAddress) expect(await canConnect(lanAddress, open.port)).toBe(true);
    } finally {
      open.stop();
    }
  }, 120_000);

  it('pii rescan lists the demo record to correct, as text or JSON, never the values; --fail-on-findings exits 3', () => {
    const text = cli(['pii', 'rescan'], dir);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('1 条内容共有 2 处未遮盖的个人信息');
    expect(text.out).toContain('社保卡号（演示规则）2处');
    // JSON, with the exit code for scripts (0 without --fail-on-findings, as the text run above).
    const json = cli(['pii', 'rescan', '--json', '--fail-on-findings'], dir);
    expect(json.code, json.err).toBe(3);
    const r = JSON.parse(json.out);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ unitCode: '321323002-buhu', title: '社区居民社会保障卡发放名单（演示：已发布内容复查）', count: 2 });
    expect(json.out).not.toMatch(/M1234 ?5678|M8765 ?4321/);
  }, 120_000);

  it('verifies the audit chain and reports tampering with a non-zero exit', async () => {
    const ok = cli(['audit', 'verify'], dir);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out.trim().split('\n').pop() as string);
    expect(report.ok).toBe(true);
    expect(report.count).toBeGreaterThan(5);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'gongkai.sqlite'));
    db.prepare("update audit_events set actor_username = 'intruder' where seq = 2").run();
    db.close();
    const broken = cli(['audit', 'verify'], dir);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out.trim().split('\n').pop() as string)).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
  }, 120_000);
});

describe('start banner and demo credentials (pure)', () => {
  const accounts = [{ username: 'county.admin', password: 'Secret-Pw-123456', role: 'county_admin', unit: '321323' }];
  it('prints demo passwords only for a local listener; otherwise says where they are', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.0.1.1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.10'].some(isLoopbackHost)).toBe(false);
    const local = demoLines(accounts, [], '/srv/data/demo-accounts.json', { showPasswords: true }).join('\n');
    expect(local).toContain('Secret-Pw-123456');
    const open = demoLines(accounts, [], '/srv/data/demo-accounts.json', { showPasswords: false }).join('\n');
    expect(open).not.toContain('Secret-Pw-123456');
    expect(open).toContain('county.admin');
    expect(open).toContain('账号和密码见 /srv/data/demo-accounts.json');
    const banner = startBanner({ host: '192.168.1.10', port: 3000, database: 'PostgreSQL', demoAccountsFile: '/srv/data/demo-accounts.json' }).join('\n');
    expect(banner).toContain('http://192.168.1.10:3000');
    expect(banner).toContain('网络中的其他电脑可以访问本服务');
    expect(banner).toContain('对外开放前请停用或删除');
  });
});
