/** The jobs runner on a real database: schedules, run keys, leases, retries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { chinaHour, dailyRunKey, runDueJobs, runJobNow, LEASE_MINUTES, MAX_ATTEMPTS, RETRY_MINUTES, type JobDefinition } from './jobs.ts';

describe('daily schedule in China time', () => {
  it.each([
    ['2026-11-29T23:59:00Z', 8, null], // 07:59 on 30 Nov in China
    ['2026-11-30T00:00:00Z', 8, '2026-11-30'],
    ['2026-11-30T15:59:00Z', 8, '2026-11-30'], // 23:59 China
    ['2026-11-30T16:00:00Z', 8, null], // 00:00 on 1 Dec in China
    ['2026-11-30T16:00:00Z', 0, '2026-12-01'],
  ])('%s at hour %i → %s', (iso, hour, key) => {
    expect(dailyRunKey(new Date(iso), hour)).toBe(key);
  });
  it('has no daylight saving', () => {
    expect(chinaHour(new Date('2026-07-01T00:30:00Z'))).toBe(8);
    expect(chinaHour(new Date('2026-01-01T00:30:00Z'))).toBe(8);
  });
});

describe('runDueJobs', () => {
  let rt: Runtime;
  let now = new Date('2026-11-30T02:00:00Z').getTime();
  const advance = (minutes: number) => (now += minutes * 60_000);
  beforeAll(async () => {
    rt = await openTestRuntime({ clock: { now: () => new Date(now) } });
  });
  afterAll(() => rt?.close());

  it('runs a daily job once per day, however often and from however many callers', async () => {
    let runs = 0;
    const job: JobDefinition = { name: 'test.daily', schedule: { kind: 'daily', hour: async () => 9 }, run: async () => ({ n: ++runs }) };
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('ran');
    const again = await Promise.all([runDueJobs(rt.ctx, [job], { owner: 'a' }), runDueJobs(rt.ctx, [job], { owner: 'b' })]);
    expect(again.map((r) => r[0].outcome)).toEqual(['skipped-done', 'skipped-done']);
    advance(24 * 60);
    const race = await Promise.all([runDueJobs(rt.ctx, [job], { owner: 'a' }), runDueJobs(rt.ctx, [job], { owner: 'b' })]);
    expect(race.map((r) => r[0].outcome).sort()[0]).toBe('ran');
    expect(race.filter((r) => r[0].outcome === 'ran')).toHaveLength(1);
    expect(runs).toBe(2);
    const row = await rt.ctx.db.selectFrom('jobs').selectAll().where('run_key', '=', '2026-12-01').executeTakeFirstOrThrow();
    expect([row.status, row.attempts, JSON.parse(row.result_json!)]).toEqual(['done', 1, { n: 2 }]);
  });

  it('retries a failed run later and gives up after the last attempt', async () => {
    let calls = 0;
    const job: JobDefinition = {
      name: 'test.flaky',
      schedule: { kind: 'daily', hour: async () => 0 },
      run: async () => {
        calls += 1;
        throw new Error('boom');
      },
    };
    expect((await runDueJobs(rt.ctx, [job]))[0]).toMatchObject({ outcome: 'failed', error: 'boom' });
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('skipped-claimed');
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      advance(RETRY_MINUTES);
      expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('failed');
    }
    advance(RETRY_MINUTES);
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('skipped-done');
    expect(calls).toBe(MAX_ATTEMPTS);
    const row = await rt.ctx.db.selectFrom('jobs').selectAll().where('name', '=', 'test.flaky').executeTakeFirstOrThrow();
    expect([row.status, row.attempts, row.last_error]).toEqual(['dead', MAX_ATTEMPTS, 'boom']);
  });

  it('takes over a run whose process died once its lease has expired', async () => {
    let runs = 0;
    const job: JobDefinition = { name: 'test.orphan', schedule: { kind: 'daily', hour: async () => 0 }, run: async () => ({ n: ++runs }) };
    const today = dailyRunKey(new Date(now), 0)!;
    await rt.ctx.db
      .insertInto('jobs')
      .values({
        id: 'dead-process',
        name: job.name,
        run_key: today,
        status: 'running',
        attempts: 1,
        lease_until: new Date(now + LEASE_MINUTES * 60_000).toISOString(),
        next_attempt_at: null,
        owner: 'gone',
        started_at: new Date(now).toISOString(),
        finished_at: null,
        result_json: null,
        last_error: null,
      })
      .execute();
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('skipped-claimed');
    advance(LEASE_MINUTES + 1);
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('ran');
    expect(runs).toBe(1);
  });

  it('runs interval jobs every time without state, at most every N seconds with it', async () => {
    let n = 0;
    const job: JobDefinition = { name: 'test.every', schedule: { kind: 'interval', seconds: 60 }, run: async () => ({ n: ++n }) };
    await runDueJobs(rt.ctx, [job]);
    await runDueJobs(rt.ctx, [job]);
    expect(n).toBe(2);
    const state = new Map<string, number>();
    await runDueJobs(rt.ctx, [job], { intervalState: state });
    expect((await runDueJobs(rt.ctx, [job], { intervalState: state }))[0].outcome).toBe('skipped-not-due');
    advance(1);
    expect((await runDueJobs(rt.ctx, [job], { intervalState: state }))[0].outcome).toBe('ran');
    expect(n).toBe(4);
  });

  it('skips a daily job its settings switch off, without recording a run', async () => {
    let on = false;
    let runs = 0;
    const job: JobDefinition = {
      name: 'test.switchable',
      schedule: { kind: 'daily', hour: async () => 0, enabled: async () => on },
      run: async () => ({ n: ++runs }),
    };
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('skipped-not-due');
    expect(await rt.ctx.db.selectFrom('jobs').select('id').where('name', '=', job.name).execute()).toEqual([]);
    on = true;
    expect((await runDueJobs(rt.ctx, [job]))[0].outcome).toBe('ran');
    expect(runs).toBe(1);
  });

  it('runs a job by hand once, recorded under a manual key, one at a time, a failure final', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: JobDefinition = { name: 'test.manual', schedule: { kind: 'interval', seconds: 0 }, run: async () => (await gate, { ok: true }) };
    const first = runJobNow(rt.ctx, slow);
    await new Promise((r) => setTimeout(r, 20));
    expect((await runJobNow(rt.ctx, slow)).outcome).toBe('skipped-claimed');
    release();
    expect(await first).toMatchObject({ outcome: 'ran', runKey: expect.stringMatching(/^manual:/) });
    advance(1);
    const failing: JobDefinition = {
      ...slow,
      run: async () => {
        throw new Error('disk full');
      },
    };
    expect(await runJobNow(rt.ctx, failing)).toMatchObject({ outcome: 'failed', error: 'disk full' });
    const rows = await rt.ctx.db.selectFrom('jobs').select(['status', 'last_error']).where('name', '=', 'test.manual').orderBy('started_at').execute();
    expect(rows).toEqual([
      { status: 'done', last_error: null },
      { status: 'dead', last_error: 'disk full' },
    ]);
  });
});
