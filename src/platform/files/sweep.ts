/**
 * The daily sweep of the file store (issue 13 §5): uploads whose database row was rolled back (a refused
 * upload, a crash mid-command) leave their bytes under `files/`. Once a day a leased job (`files.sweep`,
 * platform/jobs) removes every stored file that **no row of any module references** and that is **older than a
 * day**, plus leftover temporary files of interrupted writes, and audits what it removed (`files.sweep`).
 *
 * Which tables hold references is data: each module's manifest lists its `storedFiles` (table + column of a
 * sha256). Safety against a concurrent upload of the same content (another process may be inside a transaction
 * that will reference a file the sweep sees as unreferenced):
 * - storeFile renews the modification time of content it finds already stored, so such a file is young;
 * - a candidate is first renamed aside (atomic), then its age and references are checked again; a file touched
 *   or referenced meanwhile is put back, and a writer that finds it gone simply writes it again;
 * - files set aside by a run that died are put back at the start of the next run and judged again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { runCommand } from '../command.ts';
import { ok } from '../result.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import { SHA256_NAME, STORE_DIR } from './store.ts';
import { referencedShas, type StoredFileRef } from './file-refs.repository.ts';

export const SWEEP_JOB = 'files.sweep';
/** Files younger than this are never removed (an upload may still be committing). */
export const MIN_AGE_MS = 24 * 3600_000;
/** China-local hour of the daily run (a quiet hour; a county choice, not a rule). */
export const SWEEP_HOUR = 3;
const ASIDE = '.sweep-';
const TMP = /\.[0-9a-f-]{36}\.tmp$/;

export interface SweepResult extends Record<string, number> {
  scanned: number;
  referenced: number;
  young: number;
  removed: number;
  removedBytes: number;
  tmpRemoved: number;
  restored: number;
}

interface Entry {
  file: string;
  sha: string;
  mtimeMs: number;
  size: number;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** One sweep of `${dataDir}/files`; `now` from ctx.clock. Idempotent: a second run finds nothing to do. */
export async function sweepStoredFiles(
  ctx: AppContext,
  refs: readonly StoredFileRef[],
  opts: {
    minAgeMs?: number;
    /** Runs after candidates are set aside, before the second look (a seam for race tests). */ afterSetAside?: () => Promise<void>;
  } = {},
): Promise<SweepResult> {
  const minAge = opts.minAgeMs ?? MIN_AGE_MS;
  const now = ctx.clock.now().getTime();
  const root = path.join(ctx.config.dataDir, STORE_DIR);
  const result: SweepResult = { scanned: 0, referenced: 0, young: 0, removed: 0, removedBytes: 0, tmpRemoved: 0, restored: 0 };
  const entries: Entry[] = [];
  const tmpOld: string[] = [];
  for (const sub of await listDir(root)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    const dir = path.join(root, sub);
    for (const name of await listDir(dir)) {
      const file = path.join(dir, name);
      // A previous run died after setting this aside: put it back and judge it again.
      if (name.includes(ASIDE)) {
        const original = path.join(dir, name.slice(0, name.indexOf(ASIDE)));
        if (await exists(original)) await fs.rm(file, { force: true });
        else await fs.rename(file, original);
        result.restored += 1;
        continue;
      }
      const st = await fs.stat(file).catch(() => null);
      if (!st?.isFile()) continue;
      if (TMP.test(name)) {
        if (now - st.mtimeMs > minAge) tmpOld.push(file);
        continue;
      }
      if (SHA256_NAME.test(name) && name.startsWith(sub)) entries.push({ file, sha: name, mtimeMs: st.mtimeMs, size: st.size });
    }
  }
  // Restored files are listed on the next run (their names were not read above).
  result.scanned = entries.length;
  const old = entries.filter((e) => now - e.mtimeMs > minAge);
  result.young = entries.length - old.length;
  const refd = await referencedShas(
    ctx.db,
    refs,
    old.map((e) => e.sha),
  );
  result.referenced = [...refd].length;
  const candidates = old.filter((e) => !refd.has(e.sha));

  // Set aside, then look again: touched (stored again) or referenced meanwhile → put back.
  const aside = await setAside(candidates, (mtimeMs) => now - mtimeMs > minAge);
  await opts.afterSetAside?.();
  const doomed = await removeSetAside(ctx, refs, aside, tmpOld.length > 0, (gone) => ({
    action: 'files.sweep',
    after: {
      removed: gone.length,
      bytes: gone.reduce((n, e) => n + e.size, 0),
      temporaryFiles: tmpOld.length,
      minAgeHours: minAge / 3600_000,
      sha256: gone.slice(0, 100).map((e) => e.sha),
    },
  }));
  if (!doomed) return result;
  for (const f of tmpOld) await fs.rm(f, { force: true });
  result.removed = doomed.length;
  result.removedBytes = doomed.reduce((n, e) => n + e.size, 0);
  result.tmpRemoved = tmpOld.length;
  return result;
}

/**
 * Removes at once what a failed command stored and left unreferenced (e.g. the attachments of a policy import whose
 * batch was undone), instead of leaving the bytes to the daily sweep, which stays the safety net. The caller passes only
 * content that was **not in the store before it began** (`isStored`), so nothing another upload had stored is judged.
 * Each file is set aside (atomic rename; a writer that then finds it gone writes it again), then looked at again: a
 * file some declared column references, or stored again (touched) since this call began, is put back. Removals are
 * audited (`files.discard`) before the bytes go; if the audit cannot be written, everything is put back.
 * What it cannot see: another transaction still open that stored the very same new bytes before this call began —
 * the daily sweep has the same limit only after a day, so a caller discards right after its own failure.
 */
export async function discardUnreferenced(
  ctx: AppContext,
  refs: readonly StoredFileRef[],
  shas: readonly string[],
  reason: string,
): Promise<{ removed: number }> {
  const since = Date.now();
  const entries = [...new Set(shas)]
    .filter((sha) => SHA256_NAME.test(sha))
    .map((sha) => ({ sha, file: path.join(ctx.config.dataDir, STORE_DIR, sha.slice(0, 2), sha) }));
  // `since` is whole milliseconds and a file's time has a fraction of one: content this caller stored in the very
  // millisecond the call began was stored before it, not touched since (kept by mistake, it waited for the daily sweep).
  const aside = await setAside(entries, (mtimeMs) => Math.floor(mtimeMs) <= since);
  const doomed = await removeSetAside(ctx, refs, aside, false, (gone) => ({
    action: 'files.discard',
    after: { reason, removed: gone.length, bytes: gone.reduce((n, e) => n + e.size, 0), sha256: gone.slice(0, 100).map((e) => e.sha) },
  }));
  return { removed: doomed?.length ?? 0 };
}

type Aside = { file: string; to: string; sha: string; size: number };

/** Renames each file aside (atomic); keeps those whose modification time `stays` accepts, puts the others back. */
async function setAside(entries: readonly { file: string; sha: string }[], stays: (mtimeMs: number) => boolean): Promise<Aside[]> {
  const aside: Aside[] = [];
  for (const e of entries) {
    const to = `${e.file}${ASIDE}${crypto.randomUUID()}`;
    try {
      await fs.rename(e.file, to);
    } catch {
      continue;
    }
    const st = await fs.stat(to);
    if (stays(st.mtimeMs)) aside.push({ file: e.file, to, sha: e.sha, size: st.size });
    else await putBack(to, e.file);
  }
  return aside;
}

/**
 * The second look and the removal: what some declared column references now is put back; the rest is audited (the
 * event commits before the bytes go; if it cannot be written, everything is put back) and removed. Null when nothing
 * was audited (nothing to remove and not `always`, or the audit refused).
 */
async function removeSetAside(
  ctx: AppContext,
  refs: readonly StoredFileRef[],
  aside: readonly Aside[],
  always: boolean,
  event: (doomed: readonly Aside[]) => { action: string; after: Record<string, unknown> },
): Promise<Aside[] | null> {
  const late = await referencedShas(
    ctx.db,
    refs,
    aside.map((e) => e.sha),
  );
  const doomed: Aside[] = [];
  for (const e of aside) {
    if (late.has(e.sha)) await putBack(e.to, e.file);
    else doomed.push(e);
  }
  if (doomed.length === 0 && !always) return null;
  const { action, after } = event(doomed);
  const audited = await runCommand(ctx, { actor: null }, async ({ audit }) => {
    await audit({ unitCode: null, action, entityType: 'file_store', entityId: null, after });
    return ok(true);
  }).catch((e: unknown) => {
    return Promise.all(doomed.map((d) => putBack(d.to, d.file))).then(() => {
      throw e;
    });
  });
  if (!audited.ok) return null;
  for (const e of doomed) await fs.rm(e.to, { force: true });
  return doomed;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Back under its name, unless a writer has stored the same content there again meanwhile. */
async function putBack(from: string, to: string): Promise<void> {
  if (await exists(to)) await fs.rm(from, { force: true });
  else await fs.rename(from, to);
}

/** The daily job; `refs` is read at run time (every module's manifest `storedFiles`). */
export function fileSweepJob(refs: () => readonly StoredFileRef[]): JobDefinition {
  return { name: SWEEP_JOB, schedule: { kind: 'daily', hour: async () => SWEEP_HOUR }, run: (ctx) => sweepStoredFiles(ctx, refs()) };
}
