/**
 * `verifyBackup` and `restoreBackup`.
 *
 * Restore never leaves a half-restored target: the target must be empty (a SQLite data directory that
 * does not exist or is empty; on PostgreSQL a database without tables and a data directory without
 * stored files); the archive is extracted into a staging directory beside the target while every
 * member is checked; the database copy is checked (rows per table, schema level, the whole audit chain
 * and its head, referenced files) and only then moved into place — the SQLite directory by one rename;
 * on PostgreSQL `pg_restore --single-transaction` loads the dump (all or nothing), the loaded database
 * is checked and emptied again if the check fails, and the files are moved in last. The restore itself
 * is then recorded in the restored audit log (`backup.restore`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../platform/db/database.ts';
import { knownMigrations } from '../../platform/db/migrator.ts';
import { appendAuditEvent } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/context.ts';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { BackupError, type BackupFailure } from './backup.errors.ts';
import { PG_MEMBER, SQLITE_MEMBER, type BackupManifest } from './backup.manifest.ts';
import { checkDatabase, readArchive } from './backup.read.ts';
import { countUserTables, dropAllTables } from './backup.repository.ts';
import { libpqConnection, pgToolFor, runPgTool } from './backup.pgtools.ts';
import { pgMajor } from './backup.snapshot.ts';

export interface VerifyReport {
  ok: boolean;
  file: string;
  failure: BackupFailure | null;
  manifest: Pick<BackupManifest, 'createdAt' | 'app' | 'database' | 'audit' | 'attachments'> | null;
  archiveSha256: string;
  /** Whether the database copy was opened and checked (a PostgreSQL dump needs an empty scratch database for that). */
  databaseChecked: boolean;
  /** Things that are not failures of the archive but the operator should know. */
  warnings: string[];
}

const summary = (m: BackupManifest | null) =>
  m ? { createdAt: m.createdAt, app: m.app, database: m.database, audit: m.audit, attachments: m.attachments } : null;

function warningsOf(m: BackupManifest | null): string[] {
  if (!m) return [];
  const w: string[] = [];
  if (m.attachments.missing.length) w.push(`备份时已有 ${m.attachments.missing.length} 个被引用的附件在附件库中缺失（未包含在备份中）`);
  if (m.attachments.corrupt.length) w.push(`备份时已有 ${m.attachments.corrupt.length} 个被引用的附件内容已损坏（未包含在备份中）`);
  return w;
}

/** Refuses archives from a newer schema than this code knows. */
function checkMigrationKnown(m: BackupManifest): void {
  if (m.database.migration && !knownMigrations().includes(m.database.migration)) {
    throw new BackupError(
      'NEWER_VERSION',
      `此备份来自更新的 Gongkai 版本（${m.app.version}，数据库结构 ${m.database.migration}）：请先升级本程序再恢复`,
      'manifest.json',
    );
  }
}

async function pgServerMajor(db: Db): Promise<number> {
  const { sql } = await import('kysely');
  const r = await sql<{ n: string }>`select current_setting('server_version_num') as n`.execute(db);
  return pgMajor(r.rows[0].n);
}

/** Loads a pg_dump archive into the (empty) database at `url` in one transaction. */
async function pgRestore(url: string, dump: string, serverMajor: number): Promise<void> {
  const tool = await pgToolFor('pg_restore', serverMajor);
  const conn = libpqConnection(url);
  await runPgTool(tool, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${conn.dbname}`, dump], conn.env);
}

/** `backup verify FILE`: every checksum, then the database copy (SQLite directly; PostgreSQL when `pgUrl` names an empty scratch database). */
export async function verifyBackup(file: string, modules: readonly ModuleManifest[], opts: { pgUrl?: string | null } = {}): Promise<VerifyReport> {
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'gongkai-verify-'));
  const report = (r: Awaited<ReturnType<typeof readArchive>>, failure: BackupFailure | null, databaseChecked: boolean, extra: string[] = []): VerifyReport => ({
    ok: !failure,
    file: path.resolve(file),
    failure,
    manifest: summary(r.manifest),
    archiveSha256: r.archiveSha256,
    databaseChecked,
    warnings: [...warningsOf(r.manifest), ...extra],
  });
  try {
    const r = await readArchive(file, { extractTo: scratch, extract: (m) => m === SQLITE_MEMBER || m === PG_MEMBER });
    if (r.failure || !r.manifest) return report(r, r.failure, false);
    const m = r.manifest;
    if (m.database.kind === 'sqlite') {
      let copy;
      try {
        copy = await openDatabase({ databaseUrl: null, sqliteFile: path.join(scratch, SQLITE_MEMBER), readonly: true });
      } catch (e) {
        return report(r, { code: 'DATABASE_UNREADABLE', file: SQLITE_MEMBER, message: `数据库副本无法打开：${(e as Error).message}` }, false);
      }
      try {
        return report(r, await checkDatabase(copy.db, 'sqlite', m, modules), true);
      } finally {
        await copy.close();
      }
    }
    if (!opts.pgUrl) return report(r, null, false, ['PostgreSQL 备份的数据库内容未载入校验：用 --pg-url 指定一个空的临时数据库即可完整校验（含审计日志）']);
    const target = await openDatabase({ databaseUrl: opts.pgUrl, poolSize: 2 });
    try {
      if ((await countUserTables(target.db, 'postgres')) > 0)
        return report(r, { code: 'TARGET_NOT_EMPTY', file: null, message: '--pg-url 指定的数据库不是空的：校验只会载入空数据库' }, false);
      try {
        await pgRestore(opts.pgUrl, path.join(scratch, PG_MEMBER), await pgServerMajor(target.db));
      } catch (e) {
        return report(
          r,
          e instanceof BackupError ? { ...e.toFailure(), file: PG_MEMBER } : { code: 'DATABASE_UNREADABLE', file: PG_MEMBER, message: (e as Error).message },
          false,
        );
      }
      try {
        return report(r, await checkDatabase(target.db, 'postgres', m, modules), true);
      } finally {
        await dropAllTables(target.db);
      }
    } finally {
      await target.close();
    }
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

export interface RestoreOptions {
  /** The data directory to restore into (database file for SQLite, stored files for both). */
  dataDir: string;
  /** PostgreSQL target (an empty database); null = SQLite in dataDir. */
  databaseUrl: string | null;
  clock: Clock;
  /** Who restored (for the audit event), e.g. the OS user. */
  by?: string | null;
}

export interface RestoreReport {
  ok: boolean;
  failure: BackupFailure | null;
  dataDir: string;
  database: Dialect;
  manifest: VerifyReport['manifest'];
  warnings: string[];
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function recordRestore(
  db: Db,
  dialect: Dialect,
  clock: Clock,
  manifest: BackupManifest,
  archive: { file: string; sha256: string },
  by: string | null,
): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAuditEvent(trx, dialect, {
      actor: by ? { userId: null, username: by } : null,
      unitCode: null,
      action: 'backup.restore',
      entityType: 'backup',
      entityId: path.basename(archive.file),
      after: {
        archiveSha256: archive.sha256,
        createdAt: manifest.createdAt,
        appVersion: manifest.app.version,
        migration: manifest.database.migration,
        auditHeadSeq: manifest.audit.headSeq,
      },
      occurredAt: clock.now(),
    }),
  );
}

export async function restoreBackup(file: string, modules: readonly ModuleManifest[], opts: RestoreOptions): Promise<RestoreReport> {
  const dataDir = path.resolve(opts.dataDir);
  const kind: Dialect = opts.databaseUrl ? 'postgres' : 'sqlite';
  let manifest: BackupManifest | null = null;
  const result = (failure: BackupFailure | null): RestoreReport => ({
    ok: !failure,
    failure,
    dataDir,
    database: kind,
    manifest: summary(manifest),
    warnings: warningsOf(manifest),
  });

  // 1. The manifest alone: right kind, known schema level; and the target is empty.
  const head = await readArchive(file, { manifestOnly: true });
  if (head.failure || !head.manifest) return result(head.failure);
  manifest = head.manifest;
  const m = manifest;
  try {
    if (m.database.kind !== kind) {
      throw new BackupError(
        'WRONG_DATABASE_KIND',
        m.database.kind === 'sqlite'
          ? '这是 SQLite 数据库的备份，但设置了 DATABASE_URL（PostgreSQL）：恢复 SQLite 备份时请不要设置 DATABASE_URL'
          : '这是 PostgreSQL 数据库的备份：请用 DATABASE_URL 指定一个空的 PostgreSQL 数据库再恢复',
        'manifest.json',
      );
    }
    checkMigrationKnown(m);
  } catch (e) {
    return result((e as BackupError).toFailure());
  }
  if (kind === 'sqlite') {
    const existing = listDir(dataDir);
    if (existing.length)
      return result({
        code: 'TARGET_NOT_EMPTY',
        file: null,
        message: `目标目录 ${dataDir} 不是空的（有 ${existing.slice(0, 3).join('、')}${existing.length > 3 ? ' 等' : ''} ${existing.length} 项）：恢复只写入空目录或新目录，以免覆盖现有数据`,
      });
  } else {
    const files = listDir(path.join(dataDir, 'files'));
    if (files.length)
      return result({ code: 'TARGET_NOT_EMPTY', file: null, message: `目标目录 ${path.join(dataDir, 'files')} 中已有附件：恢复只写入没有附件的数据目录` });
  }
  const target = kind === 'postgres' ? await openDatabase({ databaseUrl: opts.databaseUrl, poolSize: 2 }) : null;
  const parent = path.dirname(dataDir);
  await fsp.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dataDir)}.restore-${crypto.randomBytes(4).toString('hex')}`);
  let loaded = false;
  try {
    if (target && (await countUserTables(target.db, 'postgres')) > 0) {
      return result({
        code: 'TARGET_NOT_EMPTY',
        file: null,
        message: 'DATABASE_URL 指定的数据库中已有数据表：恢复只写入空数据库（请新建一个数据库，或确认无用后清空）',
      });
    }
    // 2. Extract and check every member.
    await fsp.mkdir(path.join(staging, 'files'), { recursive: true });
    const r = await readArchive(file, { extractTo: staging });
    if (r.failure) return result(r.failure);
    // 3. Load / open the database copy and check it against the manifest.
    if (kind === 'sqlite') {
      await fsp.rename(path.join(staging, SQLITE_MEMBER), path.join(staging, 'gongkai.sqlite'));
      await fsp.rm(path.join(staging, 'database'), { recursive: true, force: true });
      const ro = await openDatabase({ databaseUrl: null, sqliteFile: path.join(staging, 'gongkai.sqlite'), readonly: true }).catch((e: Error) => {
        throw new BackupError('DATABASE_UNREADABLE', `数据库副本无法打开：${e.message}`, SQLITE_MEMBER);
      });
      try {
        const bad = await checkDatabase(ro.db, 'sqlite', m, modules);
        if (bad) return result(bad);
      } finally {
        await ro.close();
      }
      const rw = await openDatabase({ databaseUrl: null, sqliteFile: path.join(staging, 'gongkai.sqlite') });
      try {
        await recordRestore(rw.db, 'sqlite', opts.clock, m, { file, sha256: r.archiveSha256 }, opts.by ?? null);
      } finally {
        await rw.close();
      }
      // 4. Into place in one rename (an empty existing directory is replaced).
      if (fs.existsSync(dataDir)) await fsp.rmdir(dataDir);
      await fsp.rename(staging, dataDir);
    } else {
      const db = target!.db;
      await pgRestore(opts.databaseUrl!, path.join(staging, PG_MEMBER), await pgServerMajor(db)).catch((e: unknown) => {
        throw e instanceof BackupError ? new BackupError(e.code, e.message, PG_MEMBER) : e;
      });
      loaded = true;
      const bad = await checkDatabase(db, 'postgres', m, modules);
      if (bad) return result(bad);
      await recordRestore(db, 'postgres', opts.clock, m, { file, sha256: r.archiveSha256 }, opts.by ?? null);
      await fsp.mkdir(dataDir, { recursive: true });
      const filesDir = path.join(dataDir, 'files');
      if (fs.existsSync(filesDir)) await fsp.rmdir(filesDir);
      await fsp.rename(path.join(staging, 'files'), filesDir);
      loaded = false;
    }
    return result(null);
  } catch (e) {
    if (e instanceof BackupError) return result(e.toFailure());
    throw e;
  } finally {
    if (loaded && target) await dropAllTables(target.db).catch(() => undefined);
    await target?.close();
    await fsp.rm(staging, { recursive: true, force: true });
  }
}
