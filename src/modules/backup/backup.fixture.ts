/** Shared set-up for the backup tests (test-only): a county with a village that publishes records with attachments. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { Dialect, Executor } from '../../platform/db/database.ts';
import { unwrap } from '../../platform/result.ts';
import { createUser } from '../org/index.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { docx, multipart } from '../publishing/data/test-files.ts';
import { listTables } from './backup.repository.ts';
import { MANIFEST_NAME } from './backup.manifest.ts';

export const VILLAGE = '321323002-buhu';

export interface BackupFixture {
  t: TestApp;
  clock: TestClock;
  clerk: Session;
  supervisor: Session;
  admin: Session;
}

export async function openBackupFixture(start = '2026-11-30T01:00:00.000Z'): Promise<BackupFixture> {
  const clock = new TestClock(new Date(start));
  const t = await openTestApp({ clock, onDisk: true });
  const user = async (username: string, role: string, unitCode: string) => {
    unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles: [{ role, unitCode }] }));
    return loginAs(t.app, username);
  };
  return {
    t,
    clock,
    clerk: await user('bk.clerk', 'village_clerk', VILLAGE),
    supervisor: await user('bk.supervisor', 'village_supervisor', VILLAGE),
    admin: await user('bk.admin', 'county_admin', '321323'),
  };
}

/**
 * The steps of publishing one record with a unique Word attachment, one commit each: create the draft,
 * upload, submit, approve, publish. `after` runs after every step (the tests take a digest there).
 */
export async function publishWithAttachment(f: BackupFixture, n: number, after: () => Promise<void> = async () => undefined): Promise<string> {
  const call = async (who: Session, url: string, payload: unknown, headers: Record<string, string> = {}) => {
    const res = await f.t.app.inject({ method: 'POST', url, headers: who.headers(headers), payload: payload as never });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    await after();
    return res;
  };
  const d = await call(f.clerk, '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: 'vil:hyjd',
    title: `村民代表会议决定公开（第${n}号）`,
    formedOn: '2026-11-27',
    body: `<p>第${n}次村民代表会议决定：修建村内道路。</p>`,
  });
  const id = d.json().id as string;
  const file = await docx([`第${n}号会议纪要 ${crypto.randomUUID()}`]);
  const mp = multipart({}, { name: `会议纪要${n}.docx`, content: file });
  await call(f.clerk, `/api/v1/disclosures/${id}/attachments`, mp.payload, mp.headers);
  await call(f.clerk, `/api/v1/disclosures/${id}/submit`, {});
  await call(f.supervisor, `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意公开' });
  await call(f.clerk, `/api/v1/disclosures/${id}/publish`, {});
  return id;
}

/** Tables whose rows change on every request (session sliding expiry, throttling), not by the commands under test. */
export const VOLATILE_TABLES = new Set(['sessions', 'login_attempts', 'api_tokens']);

/**
 * SHA-256 per table over every row (rows as JSON, sorted), volatile tables left out; audit events after
 * `auditUpTo` are left out (the restore appends its own).
 */
export async function tableDigests(db: Executor, dialect: Dialect, auditUpTo?: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTables(db, dialect)) {
    if (VOLATILE_TABLES.has(t)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows.filter(
      (r) => t !== 'audit_events' || auditUpTo === undefined || Number(r.seq) <= auditUpTo,
    );
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k] === null || typeof r[k] !== 'object' ? r[k] : String(r[k])]),
        ),
      )
      .sort();
    out[t] = crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}

/** Unpacks an archive into `dir` (test manipulation only: the product reads archives with backup.read.ts). */
export async function unpack(file: string, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await tar.x({ file, cwd: dir });
}

/** Packs `dir` into an archive, the manifest first (as the product writes it), then `members` (default: database, files). */
export async function repack(dir: string, file: string, members: string[] = ['database', 'files']): Promise<void> {
  fs.rmSync(file, { force: true });
  await tar.c({ gzip: true, file, cwd: dir, portable: true }, [MANIFEST_NAME, ...members.filter((m) => fs.existsSync(path.join(dir, m)))]);
}
