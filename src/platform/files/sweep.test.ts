/**
 * The daily sweep of the file store on a real database (SQLite here, PostgreSQL in `npm test`): files that rows
 * reference — attachments, 公开栏 photos, identity proofs, assessment evidence, uploaded through the real routes
 * and made old — are never removed; an unreferenced file younger than a day is kept; an unreferenced old one
 * (the bytes of a rolled-back upload) and an old temporary file are removed, audited, by the leased daily job.
 * Every column of the schema that holds a file's sha256 must be declared by its module (`storedFiles`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, publishVillage, VILLAGE, type Fixture } from '../../modules/publishing/disclosure.fixture.ts';
import { multipart, PNG, JPEG, PDF } from '../../modules/publishing/data/test-files.ts';
import { solvedCheck, application } from '../../modules/requests/request.fixture.ts';
import { modules } from '../../modules/index.ts';
import { loginAs } from '../../../test/helpers/test-app.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { storedPath, storeFile } from './store.ts';
import { discardUnreferenced, fileSweepJob, sweepStoredFiles, SWEEP_JOB } from './sweep.ts';

const DAY = 24 * 3600_000;

describe('sweeping unreferenced files from the store', () => {
  let f: Fixture;
  const refs = () => modules.flatMap((m) => m.storedFiles ?? []);
  const referenced: Record<string, string> = {};
  const dataDir = () => f.t.rt.ctx.config.dataDir;
  const age = (sha: string, ms: number) => {
    const at = new Date(f.clock.now().getTime() - ms);
    fs.utimesSync(storedPath(dataDir(), sha), at, at);
  };
  const present = (sha: string) => fs.existsSync(storedPath(dataDir(), sha));

  beforeAll(async () => {
    // Real time: file modification times are real.
    f = await openFixture(new Date().toISOString());
    const call = api(f);
    const ctx = f.t.rt.ctx;
    const draft = (
      await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
        unitCode: VILLAGE,
        title: '附件测试',
        formedOn: new Date().toISOString().slice(0, 10),
        body: '<p>见附件</p>',
      })
    ).json().id as string;
    const attBody = multipart({}, { name: 'a.pdf', content: PDF });
    const att = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/disclosures/${draft}/attachments`,
      payload: attBody.payload,
      headers: { ...f.s.clerk.headers(), ...attBody.headers },
    });
    expect(att.statusCode, att.body).toBe(201);
    referenced.attachment = att.json().sha256;
    const published = await publishVillage(f);
    const evBody = multipart({ takenOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }, { name: 'board.jpg', content: JPEG });
    const ev = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/disclosures/${published}/evidence`,
      payload: evBody.payload,
      headers: { ...f.s.clerk.headers(), ...evBody.headers },
    });
    expect(ev.statusCode, ev.body).toBe(201);
    referenced.evidence = (await ctx.db.selectFrom('disclosure_evidence').select('sha256').executeTakeFirstOrThrow()).sha256;
    const proof = Buffer.concat([PNG, Buffer.from('identity')]);
    const req = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/info-requests',
      payload: { ...application(), humanCheck: await solvedCheck(f.t.app), identityProofBase64: proof.toString('base64') },
    });
    expect(req.statusCode, req.body).toBe(201);
    referenced.identityProof = (await ctx.db.selectFrom('info_requests').select('identity_proof_sha256').executeTakeFirstOrThrow()).identity_proof_sha256!;
    const aBody = multipart({ unitCode: VILLAGE }, { name: 'evidence.png', content: Buffer.concat([PNG, Buffer.from('assessment')]) });
    const af = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments/evidence-files',
      payload: aBody.payload,
      headers: { ...f.s.countyAdmin.headers(), ...aBody.headers },
    });
    expect(af.statusCode, af.body).toBe(201);
    referenced.assessmentFile = (await ctx.db.selectFrom('assessment_files').select('sha256').executeTakeFirstOrThrow()).sha256;
  }, 120_000);
  afterAll(() => f?.t.close());

  it('every column holding a stored file’s sha256 is declared by its module', async () => {
    const db = f.t.rt.ctx.db;
    const columns =
      f.t.rt.ctx.dialect === 'sqlite'
        ? (
            await Promise.all(
              (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map(async (t) =>
                (await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(db)).rows.map((c) => `${t.name}.${c.name}`),
              ),
            )
          ).flat()
        : (
            await sql<{ c: string }>`select table_name || '.' || column_name as c from information_schema.columns where table_schema = 'public'`.execute(db)
          ).rows.map((r) => r.c);
    const shaColumns = columns.filter((c) => /sha256/.test(c)).sort();
    expect(shaColumns).toEqual(
      refs()
        .map((r) => `${r.table}.${r.column}`)
        .sort(),
    );
    // assessment, publishing (attachments, evidence), requests, offline (service-point photos), interaction
    // (town investigations' evidence), participation (signed hearing record scans) and archives (item files,
    // board photos, inspection photos).
    expect(shaColumns).toHaveLength(10);
  });

  it('keeps referenced and young files, removes old unreferenced ones and stale temporary files, audited, through the leased daily job', async () => {
    const ctx = f.t.rt.ctx;
    // The daily job runs at 04:00 China time: the next such moment, within a day of now (ages below are relative to it).
    const next = new Date(Math.ceil((f.clock.now().getTime() + 8 * 3600_000 - 4 * 3600_000) / DAY) * DAY - 8 * 3600_000 + 4 * 3600_000);
    f.clock.current = next;
    for (const sha of Object.values(referenced)) age(sha, 3 * DAY);
    // The bytes of uploads whose rows were rolled back: one old, one from an hour ago.
    const orphanOld = await storeFile(dataDir(), Buffer.from('rolled back two days ago'));
    age(orphanOld, 2 * DAY);
    const orphanYoung = await storeFile(dataDir(), Buffer.from('rolled back an hour ago'));
    age(orphanYoung, 3600_000);
    // Content stored again (another upload of the same bytes) is young again, whatever its first age.
    const reused = await storeFile(dataDir(), Buffer.from('stored long ago, uploaded again today'));
    age(reused, 5 * DAY);
    await storeFile(dataDir(), Buffer.from('stored long ago, uploaded again today'));
    const tmp = `${storedPath(dataDir(), orphanOld)}.00000000-0000-4000-8000-000000000000.tmp`;
    fs.writeFileSync(tmp, 'half a file');
    fs.utimesSync(tmp, new Date(Date.now() - 2 * DAY), new Date(Date.now() - 2 * DAY));
    // A file a dead sweep had set aside comes back under its name.
    const asideOf = referenced.attachment;
    fs.renameSync(storedPath(dataDir(), asideOf), `${storedPath(dataDir(), asideOf)}.sweep-00000000-0000-4000-8000-000000000001`);

    const [run] = await runDueJobs(ctx, [fileSweepJob(refs)]);
    expect(run).toMatchObject({ name: SWEEP_JOB, outcome: 'ran' });
    expect(run.result).toMatchObject({ removed: 1, tmpRemoved: 1, restored: 1 });
    expect(present(orphanOld)).toBe(false);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(present(orphanYoung)).toBe(true);
    expect(present(reused)).toBe(true);
    for (const [what, sha] of Object.entries(referenced)) expect(present(sha), what).toBe(true);
    // Still served: the attachment downloads for its unit's staff.
    const att = await ctx.db.selectFrom('disclosure_attachments').select(['id', 'disclosure_id']).executeTakeFirstOrThrow();
    const clerk = await loginAs(f.t.app, 'clerk');
    expect((await api(f)(clerk, 'GET', `/api/v1/disclosures/${att.disclosure_id}/attachments/${att.id}`)).statusCode).toBe(200);

    const events = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'files.sweep').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after_json!)).toMatchObject({ removed: 1, temporaryFiles: 1, sha256: [orphanOld], minAgeHours: 24 });
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    // Once a day; and a rerun finds nothing more to do (and audits nothing).
    expect((await runDueJobs(ctx, [fileSweepJob(refs)]))[0].outcome).toBe('skipped-done');
    expect(await sweepStoredFiles(ctx, refs())).toMatchObject({ removed: 0, tmpRemoved: 0 });
    expect(await ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'files.sweep').execute()).toHaveLength(1);
    // A day later the young orphan is old and goes too; the referenced files never do.
    f.clock.current = new Date(next.getTime() + DAY);
    expect(await sweepStoredFiles(ctx, refs())).toMatchObject({ removed: 2 });
    expect(present(orphanYoung)).toBe(false);
    for (const [what, sha] of Object.entries(referenced)) expect(present(sha), what).toBe(true);
  });

  it('a file that becomes referenced while it is set aside is put back', async () => {
    const ctx = f.t.rt.ctx;
    const sha = await storeFile(dataDir(), Buffer.from('about to be referenced'));
    age(sha, 3 * DAY);
    // The reference commits between the first look and the second (another process's upload of the same bytes).
    const ref = await ctx.db.selectFrom('disclosure_attachments').selectAll().executeTakeFirstOrThrow();
    let calls = 0;
    const result = await sweepStoredFiles(ctx, refs(), {
      afterSetAside: async () => {
        calls += 1;
        await ctx.db
          .insertInto('disclosure_attachments')
          .values({ ...ref, id: '00000000-0000-4000-8000-00000000aaaa', seq: 99, sha256: sha })
          .execute();
      },
    });
    expect(calls).toBe(1);
    expect(result.removed).toBe(0);
    expect(present(sha)).toBe(true);
    expect(fs.readdirSync(path.dirname(storedPath(dataDir(), sha))).some((n) => n.includes('.sweep-'))).toBe(false);
  });

  it('discards at once what a failed command stored, keeping referenced files and content stored again meanwhile', async () => {
    const ctx = f.t.rt.ctx;
    const orphan = await storeFile(dataDir(), Buffer.from('stored by an import that failed'));
    const again = await storeFile(dataDir(), Buffer.from('stored by the failed import, then by another upload'));
    // The other upload touches the content after the discard began (its mtime is later than the call's start).
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(storedPath(dataDir(), again), later, later);
    const result = await discardUnreferenced(ctx, refs(), [orphan, again, referenced.attachment, orphan, 'not a sha'], 'test.failed');
    expect(result).toEqual({ removed: 1 });
    expect(present(orphan)).toBe(false);
    expect(present(again)).toBe(true);
    expect(present(referenced.attachment)).toBe(true);
    for (const sha of [orphan, again, referenced.attachment])
      expect(fs.readdirSync(path.dirname(storedPath(dataDir(), sha))).some((n) => n.includes('.sweep-'))).toBe(false);
    const events = await ctx.db.selectFrom('audit_events').select('after_json').where('action', '=', 'files.discard').execute();
    expect(events.map((e) => JSON.parse(e.after_json!))).toEqual([expect.objectContaining({ reason: 'test.failed', removed: 1, sha256: [orphan] })]);
    // Nothing left to do: a second call removes nothing and audits nothing.
    expect(await discardUnreferenced(ctx, refs(), [orphan, again], 'test.failed')).toEqual({ removed: 0 });
    expect(await ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'files.discard').execute()).toHaveLength(1);
  });
});
