/**
 * Reading an archive: one streaming pass that checks the manifest (first member, checksum) and then
 * every member against it (listed, size, SHA-256), refusing anything else (links, unlisted or unsafe
 * paths, duplicates); optionally extracting members into a staging directory. Only paths the manifest
 * format allows are ever written (no `..`, no absolute paths, no links), so a hostile archive cannot
 * write outside the staging directory. The first failure is reported with the member it concerns.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import type { Dialect, Executor } from '../../platform/db/database.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { BackupError, type BackupFailure } from './backup.errors.ts';
import { DIRECTORY_RE, MANIFEST_NAME, MEMBER_RE, fileMember, parseManifest, type BackupManifest, type ManifestFile } from './backup.manifest.ts';
import { databaseFacts } from './backup.snapshot.ts';

const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  /** Write members for which `extract(member)` is true under this directory. */
  extractTo?: string;
  extract?(member: string): boolean;
  /** Called once the manifest is read, before any other member: throw a BackupError to refuse the archive. */
  check?(manifest: BackupManifest): void;
  /** Stop after the manifest (reads only the first member). */
  manifestOnly?: boolean;
}

export interface ReadResult {
  manifest: BackupManifest | null;
  failure: BackupFailure | null;
  /** SHA-256 and size of the archive file as read. */
  archiveSha256: string;
  archiveSize: number;
}

const asFailure = (e: unknown, file: string | null): BackupFailure =>
  e instanceof BackupError
    ? e.toFailure()
    : { code: 'ARCHIVE_UNREADABLE', file, message: `备份文件无法读取${file ? `（读到 ${file} 时）` : ''}：${e instanceof Error ? e.message : String(e)}` };

export async function readArchive(file: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const whole = crypto.createHash('sha256');
  let archiveSize = 0;
  let manifest: BackupManifest | null = null;
  let listed = new Map<string, ManifestFile>();
  let failure: BackupFailure | null = null;
  let current: string | null = null;
  let index = 0;
  const seen = new Set<string>();
  const pending: Promise<void>[] = [];
  /** Extraction streams whose entry has not ended yet (closed when the archive ends early). */
  const open = new Map<fs.WriteStream, string>();
  const fail = (f: BackupFailure) => {
    if (!failure) failure = f;
  };
  let input: fs.ReadStream;
  try {
    input = fs.createReadStream(file);
    await new Promise<void>((res, rej) => {
      input.once('open', () => res());
      input.once('error', rej);
    });
  } catch (e) {
    return {
      manifest: null,
      failure: { code: 'ARCHIVE_UNREADABLE', file: null, message: `无法打开备份文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` },
      archiveSha256: '',
      archiveSize: 0,
    };
  }

  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      for (const [ws, member] of open) {
        fail({ code: 'ARCHIVE_UNREADABLE', file: member, message: `备份文件在 ${member} 处中断：文件不完整或已损坏` });
        ws.destroy();
      }
      resolve();
    };
    const parser = new tar.Parser({
      strict: true,
      onReadEntry: (entry) => {
        const p = entry.path.replace(/^\.\//, '').replace(/\/+$/, '');
        current = p;
        const i = index++;
        if (failure || (opts.manifestOnly && i > 0)) {
          entry.resume();
          if (opts.manifestOnly && i > 0) {
            input.destroy();
            finish();
          }
          return;
        }
        if (i === 0) {
          if (p !== MANIFEST_NAME || entry.type !== 'File') {
            fail({ code: 'MANIFEST_MISSING', file: p, message: `备份文件的第一项应是清单 manifest.json，实际是 ${p}：这不是完整的 Gongkai 备份` });
            entry.resume();
            return;
          }
          if ((entry.size ?? 0) > MANIFEST_MAX_BYTES) {
            fail({ code: 'MANIFEST_INVALID', file: p, message: '备份清单 manifest.json 过大' });
            entry.resume();
            return;
          }
          const chunks: Buffer[] = [];
          entry.on('data', (c: Buffer) => chunks.push(c));
          entry.on('end', () => {
            try {
              manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
              listed = new Map(manifest.files.map((f) => [f.path, f]));
              opts.check?.(manifest);
            } catch (e) {
              fail(asFailure(e, MANIFEST_NAME));
            }
          });
          return;
        }
        if (!manifest) {
          fail({ code: 'MANIFEST_INVALID', file: MANIFEST_NAME, message: '备份清单 manifest.json 无法读取' });
          entry.resume();
          return;
        }
        if (entry.type === 'Directory') {
          if (!DIRECTORY_RE.test(p)) fail({ code: 'UNEXPECTED_ENTRY', file: p, message: `备份中有不应出现的目录 ${p}` });
          entry.resume();
          return;
        }
        const meta = listed.get(p);
        if (entry.type !== 'File' || !MEMBER_RE.test(p) || !meta || seen.has(p)) {
          const why = entry.type !== 'File' ? `类型为 ${entry.type} 的项` : seen.has(p) ? '重复的文件' : '清单中没有列出的文件';
          fail({ code: 'UNEXPECTED_ENTRY', file: p, message: `备份中有${why} ${p}，已拒绝` });
          entry.resume();
          return;
        }
        seen.add(p);
        const h = crypto.createHash('sha256');
        let size = 0;
        const check = () => {
          if (size !== meta.size)
            fail({ code: 'SIZE_MISMATCH', file: p, message: `${p} 的大小（${size} 字节）与清单记载（${meta.size} 字节）不符：备份已损坏` });
          else if (h.digest('hex') !== meta.sha256)
            fail({ code: 'CHECKSUM_MISMATCH', file: p, message: `${p} 的 SHA-256 校验值与清单不符：备份已损坏或被改动` });
        };
        // One consumer per entry (hash, and the file when extracting), with back-pressure from the file.
        if (opts.extractTo && (opts.extract?.(p) ?? true)) {
          const dst = path.join(opts.extractTo, p);
          fs.mkdirSync(path.dirname(dst), { recursive: true });
          const ws = fs.createWriteStream(dst, { flags: 'wx' });
          open.set(ws, p);
          pending.push(
            new Promise<void>((res) => {
              ws.on('close', () => {
                check();
                res();
              });
              ws.on('error', (e) => {
                fail(asFailure(e, p));
                entry.resume();
                res();
              });
            }),
          );
          ws.on('drain', () => entry.resume());
          entry.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
            if (!ws.write(c)) entry.pause();
          });
          entry.on('end', () => {
            open.delete(ws);
            ws.end();
          });
        } else {
          pending.push(new Promise<void>((res) => entry.on('end', () => (check(), res()))));
          entry.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
          });
        }
      },
    });
    parser.on('error', (e: Error) => {
      fail(asFailure(e, current));
      input.destroy();
      finish();
    });
    parser.on('end', finish);
    parser.on('close', finish);
    input.on('data', (c: Buffer | string) => {
      whole.update(c);
      archiveSize += c.length;
    });
    input.on('error', (e) => {
      fail(asFailure(e, current));
      finish();
    });
    input.pipe(parser);
  });
  await Promise.all(pending);
  if (!failure && !manifest) fail({ code: 'MANIFEST_MISSING', file: null, message: '备份文件中没有清单 manifest.json：这不是 Gongkai 备份，或文件不完整' });
  if (!failure && manifest && !opts.manifestOnly) {
    const absent = (manifest as BackupManifest).files.find((f) => !seen.has(f.path));
    if (absent) fail({ code: 'MISSING_FROM_ARCHIVE', file: absent.path, message: `清单列出的 ${absent.path} 不在备份文件中：备份不完整` });
  }
  return { manifest, failure, archiveSha256: whole.digest('hex'), archiveSize };
}

/**
 * Checks a database copy (the SQLite file from the archive, or a restored PostgreSQL database) against
 * the manifest: rows per table, schema level, the whole audit chain and its head, and that every stored
 * file it references is in the archive (or was already missing when the backup ran).
 */
export async function checkDatabase(
  db: Executor,
  dialect: Dialect,
  manifest: BackupManifest,
  modules: readonly ModuleManifest[],
): Promise<BackupFailure | null> {
  const member = manifest.database.file;
  let facts;
  try {
    facts = await databaseFacts(db, dialect, modules);
  } catch (e) {
    return { code: 'DATABASE_UNREADABLE', file: member, message: `数据库副本 ${member} 无法读取：${(e as Error).message}` };
  }
  const names = new Set([...Object.keys(manifest.database.tables), ...Object.keys(facts.tables)]);
  for (const t of [...names].sort()) {
    const want = manifest.database.tables[t];
    const got = facts.tables[t];
    if (want !== got) {
      return {
        code: 'COUNTS_MISMATCH',
        file: member,
        message: `数据库副本中表 ${t} ${got === undefined ? '不存在' : `有 ${got} 行`}，清单记载${want === undefined ? '没有此表' : ` ${want} 行`}`,
      };
    }
  }
  if (facts.migration !== manifest.database.migration || facts.migrationCount !== manifest.database.migrationCount) {
    return {
      code: 'MIGRATION_MISMATCH',
      file: member,
      message: `数据库结构版本（${facts.migration ?? '无'}）与清单记载（${manifest.database.migration ?? '无'}）不符`,
    };
  }
  if (!facts.audit.ok) {
    return {
      code: 'AUDIT_CHAIN_BROKEN',
      file: member,
      message: `审计日志哈希链校验失败：第 ${facts.audit.firstBroken?.seq} 条（${facts.audit.firstBroken?.reason}）`,
    };
  }
  if (facts.audit.headSeq !== manifest.audit.headSeq || facts.audit.headHash !== manifest.audit.headHash) {
    return {
      code: 'AUDIT_HEAD_MISMATCH',
      file: member,
      message: `审计日志的最后一条（第 ${facts.audit.headSeq} 条）与清单记载（第 ${manifest.audit.headSeq} 条）不符：日志被截短或替换`,
    };
  }
  const inArchive = new Set(manifest.files.map((f) => f.path));
  const known = new Set([...manifest.attachments.missing, ...manifest.attachments.corrupt]);
  const lost = facts.referenced.find((sha) => !inArchive.has(fileMember(sha)) && !known.has(sha));
  if (lost) return { code: 'FILE_NOT_IN_ARCHIVE', file: fileMember(lost), message: `数据库引用的附件 ${fileMember(lost)} 不在备份中` };
  return null;
}
