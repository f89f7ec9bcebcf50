import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGE, expectStatus, openParticipationFixture, type ParticipationFixture } from './participation.fixture.ts';
import { checkMeeting } from './participation.rules.ts';

describe('village decisions', () => {
  let f: ParticipationFixture;
  beforeAll(async () => {
    f = await openParticipationFixture('2026-05-11');
  }, 60_000);
  afterAll(() => f?.close());

  it('checks the two-thirds quorum and the majority of those present exactly', () => {
    const m = { kind: 'representatives', entitled: 30, votesAgainst: 0, votesAbstain: 0 };
    expect(checkMeeting({ ...m, present: 19, votesFor: 19 })).toMatchObject({ ok: false, code: 'QUORUM_NOT_MET', quorumNeeded: 20 });
    expect(checkMeeting({ ...m, present: 20, votesFor: 10 })).toMatchObject({ ok: false, code: 'MAJORITY_NOT_REACHED', majorityNeeded: 11 });
    expect(checkMeeting({ ...m, present: 20, votesFor: 11 })).toMatchObject({ ok: true });
    expect(checkMeeting({ ...m, present: 31, votesFor: 11 })).toMatchObject({ ok: false, code: 'INVALID_FIGURES' });
    expect(checkMeeting({ ...m, present: 20, votesFor: 15, votesAgainst: 6 })).toMatchObject({ ok: false, code: 'INVALID_FIGURES' });
  });

  it('from proposal to result: refuses a 第24条 matter without a meeting and a meeting without quorum; records both obligations', async () => {
    const made = await f.call(f.s.clerk, 'POST', '/api/v1/participation/decisions', {
      unitCode: VILLAGE,
      matter: 'public_welfare',
      title: '村内道路硬化筹资筹劳方案',
      proposedBy: '村民委员会',
      proposedOn: '2026-05-06',
      proposal: '硬化三组道路1.2公里',
    });
    expectStatus(made, 201);
    const id = made.json().id;
    expectStatus(
      await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/discussion`, {
        discussedOn: '2026-05-07',
        discussion: '两委联席会议同意提交村民代表会议',
      }),
      200,
    );
    const noMeeting = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/resolution`, { resolution: '同意', resolvedOn: '2026-05-08' });
    expect([noMeeting.statusCode, noMeeting.json().error.code]).toEqual([422, 'MEETING_REQUIRED']);
    const meeting = { kind: 'representatives', on: '2026-05-08', entitled: 30, present: 19, votesFor: 19, votesAgainst: 0, votesAbstain: 0 };
    const noQuorum = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/resolution`, {
      meeting,
      resolution: '同意',
      resolvedOn: '2026-05-08',
    });
    expect([noQuorum.statusCode, noQuorum.json().error.code]).toEqual([422, 'QUORUM_NOT_MET']);
    const noMajority = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/resolution`, {
      meeting: { ...meeting, present: 24, votesFor: 12, votesAgainst: 10 },
      resolution: '同意',
      resolvedOn: '2026-05-08',
    });
    expect(noMajority.json().error.code).toBe('MAJORITY_NOT_REACHED');
    expect(await f.t.rt.ctx.db.selectFrom('catalog_events').select('id').execute()).toHaveLength(0);
    const ok = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/resolution`, {
      meeting: { ...meeting, present: 24, votesFor: 20, votesAgainst: 3, votesAbstain: 1 },
      resolution: '通过道路硬化方案',
      resolvedOn: '2026-05-08',
    });
    expectStatus(ok, 200);
    expect(ok.json().obligations.resolution.eventId).toBeTruthy();
    const early = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/implementation`, {
      implementedOn: '2026-05-07',
      implementation: '完工',
    });
    expect(early.json().error.code).toBe('INVALID_DATE');
    const done = await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${id}/implementation`, {
      implementedOn: '2026-05-11',
      implementation: '道路硬化完工并验收',
    });
    expectStatus(done, 200);
    const events = await f.t.rt.ctx.db.selectFrom('catalog_events').select(['unit_code', 'item_key', 'title']).execute();
    expect(events.map((e) => [e.unit_code, e.item_key, e.title.slice(0, 4)])).toEqual([
      [VILLAGE, 'vil:hyjd', '决议公开'],
      [VILLAGE, 'vil:hyjd', '实施结果'],
    ]);
    // The village owes both disclosures now (catalog obligations).
    const ob = await f.call(f.s.clerk, 'GET', `/api/v1/units/${VILLAGE}/obligations?from=2026-05-01&to=2026-06-30`);
    if (ob.statusCode === 200) expect(ob.body).toContain('决议公开：村内道路硬化筹资筹劳方案');
    // Another village's clerk cannot see it; a supervisor reads but cannot record.
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/participation/decisions/${id}`)).statusCode).toBe(404);
    expect((await f.call(f.s.supervisor, 'GET', `/api/v1/participation/decisions/${id}`)).statusCode).toBe(200);
    expect(
      (
        await f.call(f.s.supervisor, 'POST', '/api/v1/participation/decisions', {
          unitCode: VILLAGE,
          matter: 'other',
          title: 'x',
          proposedBy: 'y',
          proposedOn: '2026-05-06',
          proposal: 'z',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a matter outside 第24条 may be resolved without a meeting; a government unit cannot record one', async () => {
    const made = await f.call(f.s.clerk, 'POST', '/api/v1/participation/decisions', {
      unitCode: VILLAGE,
      matter: 'other',
      title: '调整村务公开栏位置',
      proposedBy: '村民委员会',
      proposedOn: '2026-05-06',
      proposal: '移至村部门口',
    });
    expectStatus(
      await f.call(f.s.clerk, 'POST', `/api/v1/participation/decisions/${made.json().id}/resolution`, { resolution: '同意', resolvedOn: '2026-05-09' }),
      200,
    );
    const gov = await f.call(f.s.officer, 'POST', '/api/v1/participation/decisions', {
      unitCode: 'dept-mzj',
      matter: 'other',
      title: 'x',
      proposedBy: 'y',
      proposedOn: '2026-05-06',
      proposal: 'z',
    });
    expect([gov.statusCode, gov.json().error.code]).toEqual([400, 'NOT_VILLAGE']);
  });
});
