/**
 * Backup and restore on a real database (SQLite in a file; PostgreSQL in the PostgreSQL pass of
 * `npm test`): a round trip while a writer keeps publishing records with attachments, corrupted archives
 * refused with the member that failed, and targets that are not empty refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { modules } from '../index.ts';
import { storeFile, storedPath } from '../publishing/index.ts';
import { createBackup, type BackupResult } from './backup.create.ts';
import { restoreBackup, verifyBackup } from './backup.restore.ts';
import { fileMember, parseManifest, sealManifest, MANIFEST_NAME, SQLITE_MEMBER, PG_MEMBER, type BackupManifest } from './backup.manifest.ts';
import { referencedFiles } from './backup.repository.ts';
import { openBackupFixture, publishWithAttachment, repack, tableDigests, unpack, type BackupFixture } from './backup.fixture.ts';

const PG = process.env.GONGKAI_TEST_PG_URL;
const DIALECT = PG ? 'PostgreSQL' : 'SQLite';

/** A fresh, empty PostgreSQL database on the test server (null on SQLite). */
async function emptyPgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (!PG) return null;
  const pg = (await import('pg')).default;
  const name = `gk_restore_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8'`);
  await admin.end();
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

describe(`backup and restore (${DIALECT})`, () => {
  let f: BackupFixture;
  let tmp: string;
  let backup: BackupResult;
  let snapshotDigest: Record<string, string>;
  const digests: Record<string, string>[] = [];
  const published: string[] = [];
  let unreferenced: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    f = await openBackupFixture();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-backup-test-'));
  }, 120_000);
  afterAll(async () => {
    for (const c of cleanups) await c();
    await f?.t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ctx = () => f.t.rt.ctx;
  const digest = async () => {
    digests.push(await tableDigests(ctx().db, ctx().dialect));
  };

  it('backs up a consistent snapshot while a writer keeps publishing, and restores it with equal rows and byte-equal files', async () => {
    await publishWithAttachment(f, 0);
    // A file of an upload whose transaction rolled back: in the store, referenced by nobody.
    unreferenced = await storeFile(ctx().config.dataDir, Buffer.from(`orphan ${crypto.randomUUID()}`));
    await digest();
    let stop = false;
    let n = 1;
    let afterSnapshotCommits = 0;
    const writer = (async () => {
      while (!stop) {
        published.push(
          await publishWithAttachment(f, n++, async () => {
            await digest();
            afterSnapshotCommits += 1;
          }),
        );
      }
    })();
    // The snapshot must fall after the writer's first whole publication (its attachment stored and referenced),
    // or it may hold a single attachment (the writer's first create committed, its upload not yet): the file
    // checks below need two.
    while (published.length < 1) await new Promise((r) => setTimeout(r, 5));
    // Hold the backup open after its database copy until the writer has committed (and stored files) past it.
    backup = await createBackup(ctx(), modules, {
      out: path.join(tmp, 'round-trip.tar.gz'),
      afterSnapshot: async () => {
        afterSnapshotCommits = 0;
        while (afterSnapshotCommits < 7) await new Promise((r) => setTimeout(r, 5));
      },
    });
    stop = true;
    await writer;
    const m = backup.manifest;
    expect(m.database.kind).toBe(ctx().dialect);
    expect(m.audit.ok).toBe(true);
    expect(m.attachments.missing).toEqual([]);
    expect(Object.keys(m.database.tables)).toContain('disclosure_attachments');

    const target = await emptyPgDatabase();
    if (target) cleanups.push(target.drop);
    const dataDir = path.join(tmp, 'restored');
    const r = await restoreBackup(backup.file, modules, { dataDir, databaseUrl: target?.url ?? null, clock: f.clock, by: 'test' });
    expect(r.failure).toBeNull();
    const restored: DatabaseHandle = await openDatabase({ databaseUrl: target?.url ?? null, sqliteFile: path.join(dataDir, 'gongkai.sqlite') });
    cleanups.unshift(() => restored.close());

    // Rows: every table equals the live database as it was at one of the writer's commits — neither the
    // first nor the last (the snapshot fell in the middle of the writing) — and so does the manifest's count.
    snapshotDigest = await tableDigests(restored.db, restored.dialect, m.audit.headSeq);
    const at = digests.findIndex((d) => JSON.stringify(d) === JSON.stringify(snapshotDigest));
    expect(at, 'restored rows equal the live rows at one commit').toBeGreaterThan(0);
    expect(at).toBeLessThan(digests.length - 7);
    const { countRows } = await import('./backup.repository.ts');
    const counts = await countRows(restored.db, restored.dialect);
    expect({ ...counts, audit_events: counts.audit_events - 1 }).toEqual(m.database.tables);
    // The restore is itself in the (intact) audit chain.
    expect(await verifyAuditChain(restored.db)).toEqual({ ok: true, count: m.audit.count + 1 });
    const last = await restored.db.selectFrom('audit_events').select(['action', 'actor_username']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'backup.restore', actor_username: 'test' });

    // Files: exactly those the snapshot references, byte-equal; later uploads and the orphan are not there.
    const refs = await referencedFiles(restored.db, modules);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const sha of refs) expect(fs.readFileSync(storedPath(dataDir, sha)).equals(fs.readFileSync(storedPath(ctx().config.dataDir, sha))), sha).toBe(true);
    const liveRefs = await referencedFiles(ctx().db, modules);
    expect(liveRefs.length).toBeGreaterThan(refs.length);
    const restoredFiles = fs
      .readdirSync(path.join(dataDir, 'files'), { recursive: true })
      .map(String)
      .filter((p) => /[0-9a-f]{64}$/.test(p))
      .map((p) => p.slice(-64))
      .sort();
    expect(restoredFiles).toEqual(refs);
    expect(restoredFiles).not.toContain(unreferenced);
    expect(m.files.map((x) => x.path).sort()).toEqual([m.database.file, ...refs.map(fileMember)].sort());
  }, 120_000);

  it('verifies a good archive, and refuses a corrupted one naming the member that failed', async () => {
    const scratch = await emptyPgDatabase();
    if (scratch) cleanups.push(scratch.drop);
    const good = await verifyBackup(backup.file, modules, { pgUrl: scratch?.url });
    expect(good).toMatchObject({ ok: true, failure: null, databaseChecked: true });
    expect((await verifyBackup(path.join(tmp, 'no-such.tar.gz'), modules)).failure).toMatchObject({
      code: 'ARCHIVE_UNREADABLE',
      message: expect.stringContaining('无法打开备份文件'),
    });
    // An existing archive is never overwritten.
    await expect(createBackup(ctx(), modules, { out: backup.file })).rejects.toMatchObject({ message: expect.stringContaining('已存在') });

    const src = path.join(tmp, 'unpacked');
    await unpack(backup.file, src);
    const manifest = JSON.parse(fs.readFileSync(path.join(src, MANIFEST_NAME), 'utf8')) as BackupManifest;
    const attachment = manifest.files.find((x) => x.path.startsWith('files/'))!.path;
    const dbMember = manifest.database.file;
    let k = 0;
    /** A copy of the unpacked archive, changed by `edit`, packed again. */
    const variant = async (edit: (dir: string) => void, members?: string[]) => {
      const dir = path.join(tmp, `variant-${++k}`);
      fs.cpSync(src, dir, { recursive: true });
      edit(dir);
      const file = path.join(tmp, `variant-${k}.tar.gz`);
      await repack(dir, file, members);
      return file;
    };
    const flip = (file: string, at: number) => {
      const b = fs.readFileSync(file);
      b[at] ^= 0x01;
      fs.writeFileSync(file, b);
    };
    const reseal = (dir: string, change: (m: BackupManifest) => void) => {
      const m = parseManifest(fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
      change(m);
      const { manifestSha256: _x, ...rest } = m;
      fs.writeFileSync(path.join(dir, MANIFEST_NAME), JSON.stringify(sealManifest(rest)));
    };
    const cases: [string, string, string, string][] = [
      ['a flipped byte in an attachment', await variant((d) => flip(path.join(d, attachment), 10)), 'CHECKSUM_MISMATCH', attachment],
      ['a flipped byte in the database copy', await variant((d) => flip(path.join(d, dbMember), 5000)), 'CHECKSUM_MISMATCH', dbMember],
      ['a removed attachment', await variant((d) => fs.rmSync(path.join(d, attachment))), 'MISSING_FROM_ARCHIVE', attachment],
      [
        'an altered manifest (row count)',
        await variant((d) =>
          fs.writeFileSync(
            path.join(d, MANIFEST_NAME),
            fs.readFileSync(path.join(d, MANIFEST_NAME), 'utf8').replace(/"org_units": (\d+)/, (_s, n: string) => `"org_units": ${Number(n) + 1}`),
          ),
        ),
        'MANIFEST_CHECKSUM',
        MANIFEST_NAME,
      ],
      [
        'an altered manifest (file checksum)',
        await variant((d) => reseal(d, (m) => (m.files.find((x) => x.path === attachment)!.sha256 = '0'.repeat(64)))),
        'CHECKSUM_MISMATCH',
        attachment,
      ],
      [
        'a file the manifest does not list',
        await variant(
          (d) => (fs.mkdirSync(path.join(d, 'files', 'ab'), { recursive: true }), fs.writeFileSync(path.join(d, fileMember('ab'.repeat(32))), 'extra')),
        ),
        'UNEXPECTED_ENTRY',
        fileMember('ab'.repeat(32)),
      ],
      [
        'no manifest',
        await variant(() => undefined, ['database', 'files']).then(async (file) => {
          const dir = path.join(tmp, 'nomanifest');
          fs.cpSync(src, dir, { recursive: true });
          fs.rmSync(path.join(dir, MANIFEST_NAME));
          const tarMod = await import('tar');
          await tarMod.c({ gzip: true, file, cwd: dir, portable: true }, ['database', 'files']);
          return file;
        }),
        'MANIFEST_MISSING',
        dbMember.split('/')[0],
      ],
    ];
    if (!PG || scratch) {
      // Counts are checked against the database copy itself (SQLite always; PostgreSQL when loaded into a scratch database).
      cases.push([
        'an altered manifest (row count, checksum recomputed)',
        await variant((d) => reseal(d, (m) => (m.database.tables.org_units += 1))),
        'COUNTS_MISMATCH',
        dbMember,
      ]);
    }
    const truncated = path.join(tmp, 'truncated.tar.gz');
    fs.writeFileSync(truncated, fs.readFileSync(backup.file).subarray(0, Math.floor(backup.size * 0.6)));
    cases.push(['a truncated archive', truncated, 'ARCHIVE_UNREADABLE', '*']);

    // One restore target and one scratch database for every case: each refusal must leave them empty.
    const target = await emptyPgDatabase();
    if (target) cleanups.push(target.drop);
    const probe = target ? await openDatabase({ databaseUrl: target.url, poolSize: 1 }) : null;
    const { countUserTables } = await import('./backup.repository.ts');
    for (const [what, file, code, member] of cases) {
      const v = await verifyBackup(file, modules, { pgUrl: scratch?.url });
      expect(v.ok, what).toBe(false);
      expect(v.failure?.code, `${what}: ${v.failure?.message}`).toBe(code);
      if (member !== '*') expect(v.failure?.file, what).toBe(member);
      expect(v.failure?.message, what).toMatch(/[\u4e00-\u9fff]/);
      // Restore refuses the same archive and leaves nothing behind: no target, no staging directory.
      const dataDir = path.join(tmp, `bad-restore-${crypto.randomBytes(3).toString('hex')}`);
      const r = await restoreBackup(file, modules, { dataDir, databaseUrl: target?.url ?? null, clock: f.clock });
      expect(r.failure?.code, what).toBe(code);
      expect(fs.existsSync(dataDir), what).toBe(false);
      expect(
        fs.readdirSync(tmp).filter((x) => x.includes('.restore-')),
        what,
      ).toEqual([]);
      if (probe) expect(await countUserTables(probe.db, 'postgres'), `${what}: target database left empty`).toBe(0);
    }
    await probe?.close();
  }, 240_000);

  it.skipIf(!!PG)(
    'refuses a database copy whose audit chain was tampered with, even with a consistent manifest (SQLite copy edited in place)',
    async () => {
      const dir = path.join(tmp, 'tampered');
      await unpack(backup.file, dir);
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(path.join(dir, SQLITE_MEMBER));
      db.prepare(`update audit_events set actor_username = 'someone.else' where seq = 2`).run();
      db.close();
      const { sha256File } = await import('./backup.create.ts');
      const m = parseManifest(fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
      const { manifestSha256: _x, ...rest } = m;
      const dbFile = rest.files.find((x) => x.path === SQLITE_MEMBER)!;
      Object.assign(dbFile, await sha256File(path.join(dir, SQLITE_MEMBER)));
      fs.writeFileSync(path.join(dir, MANIFEST_NAME), JSON.stringify(sealManifest(rest)));
      const file = path.join(tmp, 'tampered.tar.gz');
      await repack(dir, file);
      const v = await verifyBackup(file, modules);
      expect(v.failure).toMatchObject({ code: 'AUDIT_CHAIN_BROKEN', file: SQLITE_MEMBER });
      expect(v.failure?.message).toContain('第 2 条');
      const r = await restoreBackup(file, modules, { dataDir: path.join(tmp, 'tampered-restore'), databaseUrl: null, clock: f.clock });
      expect(r.failure?.code).toBe('AUDIT_CHAIN_BROKEN');
      expect(fs.existsSync(path.join(tmp, 'tampered-restore'))).toBe(false);
    },
    60_000,
  );

  it('refuses a target that is not empty, and an archive of the other database kind, touching nothing', async () => {
    const dir = path.join(tmp, 'occupied');
    fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'files', 'keep.txt'), '原有数据');
    const target = await emptyPgDatabase();
    if (target) cleanups.push(target.drop);
    const r = await restoreBackup(backup.file, modules, { dataDir: dir, databaseUrl: target?.url ?? null, clock: f.clock });
    expect(r.failure?.code).toBe('TARGET_NOT_EMPTY');
    expect(r.failure?.message).toContain('恢复只写入');
    expect(fs.readFileSync(path.join(dir, 'files', 'keep.txt'), 'utf8')).toBe('原有数据');
    if (target) {
      // A database that already has a table.
      const h = await openDatabase({ databaseUrl: target.url });
      const { sql } = await import('kysely');
      await sql`create table something_else (id integer)`.execute(h.db);
      await h.close();
      const r2 = await restoreBackup(backup.file, modules, { dataDir: path.join(tmp, 'fresh-dir'), databaseUrl: target.url, clock: f.clock });
      expect(r2.failure?.code).toBe('TARGET_NOT_EMPTY');
      expect(r2.failure?.message).toContain('数据库中已有数据表');
      expect(fs.existsSync(path.join(tmp, 'fresh-dir'))).toBe(false);
    }
    const wrongKind = await restoreBackup(backup.file, modules, {
      dataDir: path.join(tmp, 'wrong-kind'),
      databaseUrl: PG ? null : 'postgres://nobody@127.0.0.1:1/none',
      clock: f.clock,
    });
    expect(wrongKind.failure?.code).toBe('WRONG_DATABASE_KIND');
    expect(fs.existsSync(path.join(tmp, 'wrong-kind'))).toBe(false);
  }, 60_000);

  it.skipIf(!PG)(
    'PostgreSQL: the archive holds a pg_dump of the server, taken on the exported snapshot (runs in the PostgreSQL pass of npm test; skipped without GONGKAI_TEST_PG_URL)',
    () => {
      expect(backup.manifest.database).toMatchObject({ kind: 'postgres', file: PG_MEMBER });
      expect(backup.manifest.database.serverVersion).toMatch(/^\d+/);
    },
  );
});
