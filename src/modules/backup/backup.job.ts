/**
 * The daily backup (platform/jobs, leased like every job: one run per China-local day across processes,
 * retried after a failure) and the same run started by hand (立即备份, `runJobNow`). A run writes
 * `gongkai-backup-<UTC time>.tar.gz` into the configured directory, then keeps the newest N archives of
 * that name pattern (nothing else in the directory is ever touched) and removes leftovers of runs that
 * died more than a day ago. Every run, good or failed, is an audit event (backup.created / backup.failed).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { ok } from '../../platform/result.ts';
import type { JobDefinition } from '../../platform/jobs/index.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { BackupError } from './backup.errors.ts';
import { ARCHIVE_NAME_RE, archiveName, createBackup, type BackupResult } from './backup.create.ts';
import { loadBackupSettings } from './backup.settings.ts';

export const BACKUP_JOB = 'backup.daily';
const STALE_MS = 24 * 3600_000;

export interface ArchiveEntry {
  name: string;
  size: number;
  /** From the name (UTC time the backup began). */
  createdAt: string;
}

const suffixOf = (name: string) => Number(/-(\d+)\.tar\.gz$/.exec(name)?.[1] ?? 1);

/** Archives in a directory (by name pattern), newest first. */
export function listArchives(dir: string): ArchiveEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, m: ARCHIVE_NAME_RE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => !!x.m)
    .map(({ name, m }) => {
      const t = m[1];
      let size = 0;
      try {
        size = fs.statSync(path.join(dir, name)).size;
      } catch {
        size = 0;
      }
      return { name, size, createdAt: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z` };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || suffixOf(b.name) - suffixOf(a.name));
}

/** Deletes all but the newest `keep` archives; returns the names deleted. */
export async function pruneArchives(dir: string, keep: number): Promise<string[]> {
  const old = listArchives(dir).slice(keep);
  for (const a of old) await fsp.rm(path.join(dir, a.name), { force: true });
  return old.map((a) => a.name);
}

/** Staging directories and partial archives of runs that died (older than a day). */
async function removeLeftovers(dir: string, now: Date): Promise<number> {
  let n = 0;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!/^\.gongkai-backup-/.test(name) && !(ARCHIVE_NAME_RE.test(name.replace(/\.[0-9a-f]{8}\.partial$/, '')) && name.endsWith('.partial'))) continue;
    const full = path.join(dir, name);
    try {
      if (now.getTime() - fs.statSync(full).mtimeMs > STALE_MS) {
        await fsp.rm(full, { recursive: true, force: true });
        n += 1;
      }
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

function uniqueOut(dir: string, now: Date): string {
  const base = archiveName(now);
  let out = path.join(dir, base);
  for (let i = 2; fs.existsSync(out); i++) out = path.join(dir, base.replace(/\.tar\.gz$/, `-${i}.tar.gz`));
  return out;
}

/** Audits a finished backup (made by the job, by hand in the admin, or by `gongkai backup`). */
export async function auditBackup(ctx: AppContext, meta: CommandMeta, r: BackupResult | { error: string; directory: string }): Promise<void> {
  await runCommand(ctx, meta, async ({ audit }) => {
    if ('error' in r)
      await audit({
        unitCode: null,
        action: 'backup.failed',
        entityType: 'backup',
        entityId: null,
        after: { directory: r.directory, reason: r.error.slice(0, 300) },
      });
    else {
      const m = r.manifest;
      await audit({
        unitCode: null,
        action: 'backup.created',
        entityType: 'backup',
        entityId: path.basename(r.file),
        after: {
          file: r.file,
          size: r.size,
          sha256: r.sha256,
          database: m.database.kind,
          migration: m.database.migration,
          auditHeadSeq: m.audit.headSeq,
          attachments: m.attachments.included,
          missingAttachments: m.attachments.missing.length + m.attachments.corrupt.length,
          durationMs: r.durationMs,
        },
      });
    }
    return ok(null);
  });
}

/** One backup run into the configured directory, with retention. Throws (after auditing) when it fails. */
export async function runBackup(ctx: AppContext, modules: readonly ModuleManifest[], meta: CommandMeta): Promise<Record<string, number | string | boolean>> {
  const s = await loadBackupSettings(ctx);
  const now = ctx.clock.now();
  let r: BackupResult;
  try {
    r = await createBackup(ctx, modules, { out: uniqueOut(s.directory, now) });
  } catch (e) {
    const error = e instanceof BackupError ? e.message : `备份失败：${e instanceof Error ? e.message : String(e)}`;
    await auditBackup(ctx, meta, { error, directory: s.directory });
    throw new Error(error);
  }
  await auditBackup(ctx, meta, r);
  const pruned = await pruneArchives(s.directory, s.keep);
  const leftovers = await removeLeftovers(s.directory, now);
  const m = r.manifest;
  return {
    file: path.basename(r.file),
    directory: s.directory,
    size: r.size,
    sha256: r.sha256,
    database: m.database.kind,
    auditHeadSeq: m.audit.headSeq,
    auditOk: m.audit.ok,
    attachments: m.attachments.included,
    missingAttachments: m.attachments.missing.length + m.attachments.corrupt.length,
    pruned: pruned.length,
    leftoversRemoved: leftovers,
    durationMs: r.durationMs,
  };
}

export function backupJob(getModules: () => readonly ModuleManifest[]): JobDefinition {
  return {
    name: BACKUP_JOB,
    schedule: {
      kind: 'daily',
      hour: async (ctx) => (await loadBackupSettings(ctx)).hour,
      enabled: async (ctx) => (await loadBackupSettings(ctx)).enabled,
    },
    run: (ctx) => runBackup(ctx, getModules(), { actor: null }),
  };
}
