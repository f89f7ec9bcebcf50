/**
 * `createBackup`: one archive (`.tar.gz`) holding the manifest, a consistent copy of the database and
 * every stored file that copy references.
 *
 * Order matters for consistency while the server keeps writing: the database is copied first, then the
 * files *that copy* references are collected. Files are content-addressed and written (atomically) before
 * the row that references them commits, so every file the copy references already exists; files stored
 * after the copy (new uploads) or referenced by nobody (rolled-back uploads, which a sweep may remove)
 * are not part of the backup and cannot make it inconsistent. Each file is hard-linked (or copied, across
 * file systems) into a staging directory next to the archive and hashed there, so a file removed from
 * the store meanwhile cannot break the archive. The archive is written under a temporary name and
 * renamed into place when complete: a half-written backup never looks like a backup.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import type { AppContext } from '../../platform/context.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { storedPath } from '../publishing/index.ts';
import { BackupError } from './backup.errors.ts';
import {
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_NAME,
  currentAppVersion,
  fileMember,
  sealManifest,
  type BackupManifest,
  type ManifestFile,
} from './backup.manifest.ts';
import { snapshotDatabase } from './backup.snapshot.ts';

export interface BackupResult {
  file: string;
  size: number;
  /** SHA-256 of the archive itself (for off-site copies and the audit log). */
  sha256: string;
  manifest: BackupManifest;
  durationMs: number;
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const h = crypto.createHash('sha256');
  let size = 0;
  for await (const c of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    h.update(c);
    size += c.length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Stages one stored file; 'missing' when the store no longer has it, 'corrupt' when its content does not match its name. */
async function stageStoredFile(dataDir: string, sha: string, staging: string): Promise<{ state: 'ok'; file: ManifestFile } | { state: 'missing' | 'corrupt' }> {
  const member = fileMember(sha);
  const dst = path.join(staging, member);
  await fsp.mkdir(path.dirname(dst), { recursive: true });
  const src = storedPath(dataDir, sha);
  try {
    await fsp.link(src, dst);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    try {
      await fsp.copyFile(src, dst);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      throw e2;
    }
  }
  const { sha256, size } = await sha256File(dst);
  if (sha256 !== sha) {
    await fsp.rm(dst, { force: true });
    return { state: 'corrupt' };
  }
  return { state: 'ok', file: { path: member, size, sha256 } };
}

/** The standard archive name for a backup made at `at`: gongkai-backup-20261201T020000Z.tar.gz. */
export function archiveName(at: Date): string {
  return `gongkai-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')}.tar.gz`;
}
export const ARCHIVE_NAME_RE = /^gongkai-backup-(\d{8}T\d{6}Z)(?:-\d+)?\.tar\.gz$/;

export interface CreateOptions {
  out: string;
  /**
   * Awaited after the database copy is taken and before its files are collected: the window in which
   * the server keeps writing (tests hold it open to write into it deterministically).
   */
  afterSnapshot?: () => Promise<void>;
}

export async function createBackup(ctx: AppContext, modules: readonly ModuleManifest[], opts: CreateOptions): Promise<BackupResult> {
  const started = performance.now();
  const out = path.resolve(opts.out);
  const dir = path.dirname(out);
  try {
    await fsp.mkdir(dir, { recursive: true });
    await fsp.access(dir, fs.constants.W_OK);
  } catch (e) {
    throw new BackupError('BACKUP_DIR_UNWRITABLE', `无法写入备份目录 ${dir}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (fs.existsSync(out)) throw new BackupError('BACKUP_DIR_UNWRITABLE', `备份文件 ${out} 已存在，不会覆盖`);
  const staging = await fsp.mkdtemp(path.join(dir, '.gongkai-backup-'));
  const partial = `${out}.${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    await fsp.mkdir(path.join(staging, 'database'));
    await fsp.mkdir(path.join(staging, 'files'));
    const createdAt = ctx.clock.now().toISOString();
    const snap = await snapshotDatabase(ctx, modules, staging);
    await opts.afterSnapshot?.();
    const db = await sha256File(path.join(staging, snap.member));
    const files: ManifestFile[] = [{ path: snap.member, ...db }];
    const missing: string[] = [];
    const corrupt: string[] = [];
    for (const sha of snap.referenced) {
      const r = await stageStoredFile(ctx.config.dataDir, sha, staging);
      if (r.state === 'ok') files.push(r.file);
      else (r.state === 'missing' ? missing : corrupt).push(sha);
    }
    const manifest = sealManifest({
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt,
      app: { name: 'gongkai', version: currentAppVersion() },
      database: {
        kind: ctx.dialect,
        file: snap.member,
        migration: snap.migration,
        migrationCount: snap.migrationCount,
        serverVersion: snap.serverVersion,
        tables: snap.tables,
      },
      audit: snap.audit,
      attachments: { referenced: snap.referenced.length, included: files.length - 1, missing, corrupt },
      files,
    });
    await fsp.writeFile(path.join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    // The manifest first: a reader checks it before it trusts any other member.
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST_NAME, 'database', 'files']);
    const fh = await fsp.open(partial, 'r');
    await fh.sync();
    await fh.close();
    await fsp.rename(partial, out);
    const archive = await sha256File(out);
    if (missing.length || corrupt.length)
      ctx.logger.warn({ missing: missing.length, corrupt: corrupt.length }, 'backup: referenced stored files missing or damaged');
    return { file: out, size: archive.size, sha256: archive.sha256, manifest, durationMs: Math.round(performance.now() - started) };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
    await fsp.rm(partial, { force: true });
  }
}
