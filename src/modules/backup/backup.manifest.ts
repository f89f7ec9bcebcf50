/**
 * The archive's manifest (`manifest.json`, always the first member): what was backed up, from which
 * version and schema level, how many rows each table had in the snapshot, the audit chain's head, and the
 * size and SHA-256 of every other member. `manifestSha256` is the SHA-256 of the manifest without that
 * field (canonical JSON), so an accidental edit or a damaged manifest is caught before anything is trusted.
 * It is a checksum, not a signature: keep off-site copies where only the county's operators can write.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupError } from './backup.errors.ts';

export const FORMAT = 'gongkai-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const SQLITE_MEMBER = 'database/gongkai.sqlite';
export const PG_MEMBER = 'database/postgres.dump';
/** The only member paths an archive may hold (besides the manifest and their directories). */
export const MEMBER_RE = /^(database\/(gongkai\.sqlite|postgres\.dump)|files\/[0-9a-f]{2}\/[0-9a-f]{64})$/;
export const DIRECTORY_RE = /^(database|files|files\/[0-9a-f]{2})\/?$/;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface AuditHead {
  /** The chain verified at backup time. */
  ok: boolean;
  count: number;
  headSeq: number;
  headHash: string | null;
  /** Where the chain was broken at backup time (the backup is still made: it is evidence). */
  firstBroken?: { seq: number; reason: string };
}

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  app: { name: string; version: string };
  database: {
    kind: DatabaseKind;
    /** The member holding the database copy. */
    file: string;
    /** Name of the newest applied migration (the schema level). */
    migration: string | null;
    migrationCount: number;
    /** PostgreSQL server version the dump was taken from; null on SQLite. */
    serverVersion: string | null;
    /** Rows per table in the snapshot. */
    tables: Record<string, number>;
  };
  audit: AuditHead;
  attachments: {
    /** Distinct files the snapshot references. */
    referenced: number;
    included: number;
    /** Referenced but absent from the store when the backup ran (already lost before the backup). */
    missing: string[];
    /** Referenced but their content on disk no longer matched their name (damaged before the backup). */
    corrupt: string[];
  };
  files: ManifestFile[];
  manifestSha256: string;
}

let appVersion: string | null = null;
/** The version in package.json. */
export function currentAppVersion(): string {
  if (!appVersion) {
    // The nearest package.json above this module: three folders up in the sources
    // (src/modules/backup), one in the compiled server (dist/main.mjs).
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    appVersion = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return appVersion;
}

/** JSON with object keys sorted at every level: the bytes that are hashed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function manifestChecksum(m: Omit<BackupManifest, 'manifestSha256'> & { manifestSha256?: string }): string {
  const { manifestSha256: _omit, ...rest } = m;
  return crypto.createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function sealManifest(m: Omit<BackupManifest, 'manifestSha256'>): BackupManifest {
  return { ...m, manifestSha256: manifestChecksum(m) };
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Parses and checks `manifest.json`: shape, format version, checksum, member paths. Throws BackupError naming manifest.json. */
export function parseManifest(text: string): BackupManifest {
  const bad = (why: string) => new BackupError('MANIFEST_INVALID', `备份清单 manifest.json 无效：${why}`, MANIFEST_NAME);
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw bad('不是有效的 JSON');
  }
  if (!isObj(m) || m.format !== FORMAT) throw bad('不是 Gongkai 备份');
  if (typeof m.formatVersion !== 'number' || m.formatVersion > FORMAT_VERSION) {
    throw new BackupError(
      'UNSUPPORTED_FORMAT',
      `备份格式版本 ${String(m.formatVersion)} 比本程序支持的版本 ${FORMAT_VERSION} 新：请先升级 Gongkai`,
      MANIFEST_NAME,
    );
  }
  if (!isSha(m.manifestSha256) || manifestChecksum(m as unknown as BackupManifest) !== m.manifestSha256) {
    throw new BackupError('MANIFEST_CHECKSUM', '备份清单 manifest.json 的校验值不符：清单已被改动或损坏', MANIFEST_NAME);
  }
  const db = m.database;
  if (!isObj(db) || (db.kind !== 'sqlite' && db.kind !== 'postgres')) throw bad('缺少数据库类型');
  if (db.file !== (db.kind === 'sqlite' ? SQLITE_MEMBER : PG_MEMBER)) throw bad('数据库文件名不对');
  if (!isObj(db.tables) || !Object.values(db.tables).every(isCount)) throw bad('缺少各表行数');
  if (!(db.migration === null || typeof db.migration === 'string') || !isCount(db.migrationCount)) throw bad('缺少数据库结构版本');
  if (!isObj(m.audit) || !isCount(m.audit.count) || !isCount(m.audit.headSeq)) throw bad('缺少审计日志信息');
  if (!isObj(m.attachments) || !Array.isArray(m.attachments.missing) || !Array.isArray(m.attachments.corrupt)) throw bad('缺少附件信息');
  if (!Array.isArray(m.files)) throw bad('缺少文件清单');
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    if (!isObj(f) || typeof f.path !== 'string' || !MEMBER_RE.test(f.path) || !isCount(f.size) || !isSha(f.sha256))
      throw bad(`文件清单中有无效条目 ${isObj(f) ? String(f.path) : ''}`);
    if (seen.has(f.path)) throw bad(`文件 ${f.path} 重复列出`);
    seen.add(f.path);
  }
  if (!seen.has(db.file as string)) throw bad('文件清单中没有数据库文件');
  return m as unknown as BackupManifest;
}

/** `files/ab/abcd…` → the sha256 it names (the store is content-addressed). */
export const memberSha = (member: string) => member.slice(member.lastIndexOf('/') + 1);
export const fileMember = (sha: string) => `files/${sha.slice(0, 2)}/${sha}`;
