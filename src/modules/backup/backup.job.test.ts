/**
 * The daily backup job (leased like every job, retention, leftovers, off switch, failures shown with
 * their reason) and 系统设置 → 数据备份 over HTTP (county admin only, validation, audit).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs/index.ts';
import { modules } from '../index.ts';
import { errorOf, loginAs, makeUser } from '../../../test/helpers/test-app.ts';
import { BACKUP_JOB } from './backup.job.ts';
import { openBackupFixture, publishWithAttachment, type BackupFixture } from './backup.fixture.ts';

const jobs = modules.flatMap((m) => m.jobs ?? []).filter((j) => j.name === BACKUP_JOB);

describe('daily backup job', () => {
  let f: BackupFixture;
  let dir: string;
  beforeAll(async () => {
    f = await openBackupFixture('2026-11-30T10:00:00.000Z');
    await publishWithAttachment(f, 1);
    dir = f.t.rt.ctx.config.backup.directory;
  }, 120_000);
  afterAll(() => f?.t.close());

  /** Moves the clock (sessions expire over days: sign in again). */
  const at = async (iso: string) => {
    f.clock.set(iso);
    f.admin = await loginAs(f.t.app, 'bk.admin');
    f.clerk = await loginAs(f.t.app, 'bk.clerk');
  };
  const archives = () =>
    fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.tar.gz'))
      .sort();
  const view = async () => (await f.t.app.inject({ url: '/api/v1/backup', headers: f.admin.headers() })).json();
  const put = (body: unknown) => f.t.app.inject({ method: 'PUT', url: '/api/v1/backup/settings', headers: f.admin.headers(), payload: body as never });

  it('is on by default: <data dir>/backups, keep 7, at 02:00 China time', async () => {
    const v = await view();
    expect(v.settings).toMatchObject({
      enabled: true,
      directory: path.join(f.t.rt.ctx.config.dataDir, 'backups'),
      keep: 7,
      hour: 2,
      source: 'env',
      updatedAt: null,
    });
    expect(v.lastRun).toBeNull();
    expect(v.database).toBe(f.t.rt.ctx.dialect);
  });

  it('runs once a day at its hour, keeps the newest N archives and touches nothing else in the directory', async () => {
    fs.mkdirSync(dir, { recursive: true });
    // Older archives of earlier days, a file of the county's own, and a staging directory a dead run left two days ago.
    for (const d of ['20261120', '20261121', '20261122', '20261123']) fs.writeFileSync(path.join(dir, `gongkai-backup-${d}T180000Z.tar.gz`), 'old');
    fs.writeFileSync(path.join(dir, 'notes.txt'), '县里的说明');
    const stale = path.join(dir, '.gongkai-backup-deadrun');
    fs.mkdirSync(stale);
    const twoDaysAgo = new Date('2026-11-29T00:00:00Z');
    fs.utimesSync(stale, twoDaysAgo, twoDaysAgo);
    const fresh = path.join(dir, '.gongkai-backup-running');
    fs.mkdirSync(fresh);
    expect((await put({ enabled: true, directory: dir, keep: 3, hour: 2 })).statusCode).toBe(200);

    await at('2026-11-30T17:59:00Z'); // 01:59 on 1 Dec in China: not yet
    expect((await runDueJobs(f.t.rt.ctx, jobs))[0].outcome).toBe('skipped-not-due');
    await at('2026-11-30T18:00:00Z'); // 02:00
    const [first] = await runDueJobs(f.t.rt.ctx, jobs);
    expect(first).toMatchObject({
      outcome: 'ran',
      runKey: '2026-12-01',
      result: { file: 'gongkai-backup-20261130T180000Z.tar.gz', pruned: 2, leftoversRemoved: 1 },
    });
    expect(archives()).toEqual(['gongkai-backup-20261122T180000Z.tar.gz', 'gongkai-backup-20261123T180000Z.tar.gz', 'gongkai-backup-20261130T180000Z.tar.gz']);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('县里的说明');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);

    // Again the same day, from two callers at once: nothing more.
    const again = await Promise.all([runDueJobs(f.t.rt.ctx, jobs, { owner: 'a' }), runDueJobs(f.t.rt.ctx, jobs, { owner: 'b' })]);
    expect(again.map((o) => o[0].outcome)).toEqual(['skipped-done', 'skipped-done']);
    await at('2026-12-01T18:30:00Z');
    expect((await runDueJobs(f.t.rt.ctx, jobs))[0].outcome).toBe('ran');
    expect(archives()).toEqual(['gongkai-backup-20261123T180000Z.tar.gz', 'gongkai-backup-20261130T180000Z.tar.gz', 'gongkai-backup-20261201T183000Z.tar.gz']);

    const v = await view();
    expect(v.lastRun).toMatchObject({
      status: 'done',
      manual: false,
      file: 'gongkai-backup-20261201T183000Z.tar.gz',
      error: null,
      finishedAt: '2026-12-01T18:30:00.000Z',
    });
    expect(v.lastRun.size).toBe(fs.statSync(path.join(dir, 'gongkai-backup-20261201T183000Z.tar.gz')).size);
    expect(v.archives.map((a: { name: string }) => a.name)).toEqual(archives().reverse());
    const events = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'actor_username'])
      .where('action', 'like', 'backup.%')
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'backup.settings.update', entity_id: 'backup.settings', actor_username: 'bk.admin' },
      { action: 'backup.created', entity_id: 'gongkai-backup-20261130T180000Z.tar.gz', actor_username: null },
      { action: 'backup.created', entity_id: 'gongkai-backup-20261201T183000Z.tar.gz', actor_username: null },
    ]);
  }, 60_000);

  it('records a failed run with its reason (audited, shown on the settings page) and retries it later', async () => {
    const blocker = path.join(f.t.rt.ctx.config.dataDir, 'not-a-directory');
    fs.writeFileSync(blocker, 'x');
    // A directory that became unusable after it was saved (the API refuses to save one).
    await f.t.rt.ctx.db
      .updateTable('app_settings')
      .set({ value_json: JSON.stringify({ enabled: true, directory: path.join(blocker, 'sub'), keep: 3, hour: 2 }) })
      .where('key', '=', 'backup.settings')
      .execute();
    await at('2026-12-02T18:00:00Z');
    const [o] = await runDueJobs(f.t.rt.ctx, jobs);
    expect(o.outcome).toBe('failed');
    expect(o.error).toContain('无法写入备份目录');
    const v = await view();
    expect(v.lastRun).toMatchObject({ status: 'failed', file: null, error: expect.stringContaining('无法写入备份目录') });
    const ev = await f.t.rt.ctx.db.selectFrom('audit_events').select(['action', 'after_json']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(ev.action).toBe('backup.failed');
    expect(JSON.parse(ev.after_json!).reason).toContain('无法写入备份目录');
    // Fixed within the retry window: the retry succeeds under the same day's run key.
    expect((await put({ enabled: true, directory: dir, keep: 3, hour: 2 })).statusCode).toBe(200);
    await at('2026-12-02T18:11:00Z');
    expect((await runDueJobs(f.t.rt.ctx, jobs))[0]).toMatchObject({ outcome: 'ran', runKey: '2026-12-03' });
  }, 60_000);

  it('switched off, records no runs; 立即备份 still works, audited with the admin', async () => {
    expect((await put({ enabled: false, directory: dir, keep: 3, hour: 2 })).statusCode).toBe(200);
    await at('2026-12-03T18:00:00Z');
    expect((await runDueJobs(f.t.rt.ctx, jobs))[0].outcome).toBe('skipped-not-due');
    expect(
      await f.t.rt.ctx.db.selectFrom('jobs').select('run_key').where('name', '=', BACKUP_JOB).where('run_key', '=', '2026-12-04').executeTakeFirst(),
    ).toBeUndefined();
    await at('2026-12-03T19:00:00Z');
    const res = await f.t.app.inject({ method: 'POST', url: '/api/v1/backup/run', headers: f.admin.headers() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lastRun).toMatchObject({ status: 'done', manual: true, file: 'gongkai-backup-20261203T190000Z.tar.gz' });
    expect(archives()).toHaveLength(3);
    const ev = await f.t.rt.ctx.db.selectFrom('audit_events').select(['action', 'actor_username']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(ev).toEqual({ action: 'backup.created', actor_username: 'bk.admin' });
  }, 60_000);

  it('refuses bad settings with a Chinese message naming the field, and keeps what was saved', async () => {
    const before = (await view()).settings;
    for (const [body, field, text] of [
      [{ enabled: true, directory: 'backups', keep: 3, hour: 2 }, 'directory', '绝对路径'],
      [{ enabled: true, directory: path.join(f.t.rt.ctx.config.dataDir, 'files', 'x'), keep: 3, hour: 2 }, 'directory', '附件库'],
      [{ enabled: true, directory: path.join(f.t.rt.ctx.config.dataDir, 'not-a-directory', 'x'), keep: 3, hour: 2 }, 'directory', '无法写入'],
    ] as const) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).message).toContain(text);
      expect((res.json().error.details as { field: string }[])[0].field).toBe(field);
    }
    for (const body of [
      { enabled: true, directory: dir, keep: 0, hour: 2 },
      { enabled: true, directory: dir, keep: 3, hour: 24 },
      { enabled: true, directory: dir, keep: 3 },
      { enabled: 'yes', directory: dir, keep: 3, hour: 2, extra: 1 },
    ]) {
      expect((await put(body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await view()).settings).toEqual(before);
  });

  it('is the county office’s: other roles and a town’s county admin get 403', async () => {
    const townAdmin = await loginAs(f.t.app, await makeUser(f.t.rt, 'county_admin', '321323002'));
    for (const s of [f.clerk, townAdmin]) {
      for (const [method, url] of [
        ['GET', '/api/v1/backup'],
        ['PUT', '/api/v1/backup/settings'],
        ['POST', '/api/v1/backup/run'],
      ] as const) {
        const res = await f.t.app.inject({
          method,
          url,
          headers: s.headers(),
          payload: method === 'PUT' ? { enabled: true, directory: dir, keep: 3, hour: 2 } : undefined,
        });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
  });
});
