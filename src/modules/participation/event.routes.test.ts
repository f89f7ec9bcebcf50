import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPT, VILLAGE, expectStatus, openParticipationFixture, type ParticipationFixture } from './participation.fixture.ts';
import { checkHearingMaterials } from './event.commands.ts';

const PHONE = '13912345678';

describe('hearings and meetings', () => {
  let f: ParticipationFixture;
  let hid = '';
  const hearing = {
    unitCode: DEPT,
    kind: 'hearing',
    title: '城市供水价格调整听证会',
    description: `听证供水价格调整方案，联系人电话${PHONE}`,
    place: '县政府三楼会议室',
    heldOn: '2026-04-10',
    heldTime: '09:30',
    capacity: 25,
    selectionMethod: '自愿报名，按行业和区域分类随机抽取',
    registrationUntil: '2026-04-01',
    materialsSentOn: '2026-04-03',
  };

  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-27');
  }, 60_000);
  afterAll(() => f?.close());

  it('counts the seven days of 第十七条 across the 清明 holiday in calendar days and names the earliest date', () => {
    // 4/4–4/6 are holidays; the rule counts calendar days, so materials sent 4/3 allow a hearing on 4/10, not 4/9.
    expect(checkHearingMaterials('2026-04-10', '2026-04-03').ok).toBe(true);
    const soon = checkHearingMaterials('2026-04-09', '2026-04-03');
    expect(soon).toMatchObject({ ok: false, status: 422, code: 'HEARING_TOO_SOON' });
    expect(!soon.ok && soon.message).toContain('最早可定在2026-04-10');
    expect(checkHearingMaterials('2026-04-09', null)).toMatchObject({ ok: false, code: 'MATERIALS_MISSING' });
  });

  it('refuses a hearing too soon after its materials, and a hearing without a selection method, in Chinese', async () => {
    const soon = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', { ...hearing, heldOn: '2026-04-09' });
    expect([soon.statusCode, soon.json().error.code]).toEqual([422, 'HEARING_TOO_SOON']);
    expect(soon.json().error.message).toBe('听证材料须在听证会7日前送达：材料2026-04-03送达，听证会最早可定在2026-04-10');
    const noSel = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', { ...hearing, selectionMethod: null });
    expect([noSel.statusCode, noSel.json().error.code]).toEqual([400, 'SELECTION_MISSING']);
    const badTime = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', { ...hearing, heldTime: '25:00' });
    expect([badTime.statusCode, badTime.json().error.code]).toEqual([400, 'INVALID_TIME']);
    expect((await f.call(f.s.otherOfficer, 'POST', '/api/v1/participation/events', hearing)).statusCode).toBe(404);
    expect((await f.call(f.s.clerk, 'POST', '/api/v1/participation/events', { ...hearing, unitCode: VILLAGE })).json().error.code).toBe('NOT_GOVERNMENT');
    expect(await f.t.rt.ctx.db.selectFrom('participation_events').select('id').execute()).toHaveLength(0);
  });

  it('announces a hearing and a lighter meeting; the public sees them through the personal-data gate', async () => {
    const h = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', hearing);
    expectStatus(h, 201);
    hid = h.json().id;
    const m = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', {
      unitCode: DEPT,
      kind: 'open_day',
      title: '民政服务大厅开放日',
      description: '欢迎群众参观民政服务大厅',
      place: '县民政局',
      heldOn: '2026-04-15',
      heldTime: '14:00',
      capacity: 40,
    });
    expectStatus(m, 201);
    expect((await f.call(null, 'GET', '/api/v1/participation/public/events')).json().items).toEqual([]);
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/events/${h.json().id}/announce`), 200);
    expectStatus(await f.call(f.s.reviewer, 'POST', `/api/v1/participation/events/${m.json().id}/announce`), 200);
    const again = await f.call(f.s.officer, 'POST', `/api/v1/participation/events/${h.json().id}/announce`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_ANNOUNCED']);
    expect((await f.call(f.s.otherOfficer, 'POST', `/api/v1/participation/events/${h.json().id}/announce`)).statusCode).toBe(404);
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/events?unit=${DEPT}`)).json().items;
    expect(pub.map((e: { kindText: string }) => e.kindText).sort()).toEqual(['听证会', '政府开放日'].sort());
    const ph = pub.find((e: { kind: string }) => e.kind === 'hearing');
    expect(ph).toMatchObject({ latestMaterialsOn: '2026-04-03', selectionMethod: hearing.selectionMethod });
    expect(ph.description).not.toContain(PHONE);
    const staff = (await f.call(f.s.officer, 'GET', '/api/v1/participation/events')).json().items;
    expect(staff.find((e: { kind: string }) => e.kind === 'hearing').description).toContain(PHONE);
    expect((await f.call(f.s.otherOfficer, 'GET', '/api/v1/participation/events')).json().items).toEqual([]);
    const page = await f.call(null, 'GET', `/participation?unit=${DEPT}`);
    expect(page.body).toContain('听证会、座谈会等活动公告');
    expect(page.body).toContain('城市供水价格调整听证会');
    expect(page.body).toContain('自愿报名，按行业和区域分类随机抽取');
    expect(page.body).not.toContain(PHONE);
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'participation.event%').execute();
    expect(audit).toHaveLength(4);
  });

  it('moves a hearing whose list came too late to a later day (audited, reason published), re-checking both deadlines', async () => {
    const url = (p = '') => `/api/v1/participation/events/${hid}${p}`;
    const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
    const move = (body: Record<string, unknown>, who = f.s.officer) => f.call(who, 'POST', url('/reschedule'), body);
    // 04-08: the list for the hearing on 04-10 was due by 04-07 (county choice: 3 days before).
    await f.goTo('2026-04-08');
    const late = await f.call(f.s.officer, 'POST', url('/participants/publish'));
    expect([late.statusCode, code(late)]).toEqual([422, 'LIST_TOO_LATE']);
    const reason = `场地调整，咨询电话${PHONE}`;
    const noReason = await move({ heldOn: '2026-04-12', reason: ' ' });
    expect([noReason.statusCode, code(noReason)]).toEqual([400, 'REASON_REQUIRED']);
    expect(code(await move({ heldOn: '2026-04-10', reason }))).toBe('NOTHING_CHANGED');
    expect(code(await move({ heldOn: '2026-04-07', reason }))).toBe('INVALID_DATE');
    expect(code(await move({ heldOn: '2026-02-30', reason }))).toBe('INVALID_DATE');
    expect(code(await move({ heldOn: '2026-04-12', heldTime: '9点', reason }))).toBe('INVALID_TIME');
    // Materials sent 04-03: 第十七条's seven days still hold for the new day.
    const tooSoon = await move({ heldOn: '2026-04-09', reason });
    expect([tooSoon.statusCode, code(tooSoon)]).toEqual([422, 'HEARING_TOO_SOON']);
    // Same day, later hour: the list would still be late; the message names the earliest day that leaves time for it.
    const stillLate = await move({ heldOn: '2026-04-10', heldTime: '14:30', reason });
    expect([stillLate.statusCode, code(stillLate)]).toEqual([422, 'LIST_TOO_LATE']);
    expect(stillLate.json().error.message).toContain('最早可改到2026-04-11');
    expect((await move({ heldOn: '2026-04-12', reason }, f.s.otherOfficer)).statusCode).toBe(404);
    const row = () => f.t.rt.ctx.db.selectFrom('participation_events').selectAll().where('id', '=', hid).executeTakeFirstOrThrow();
    expect([(await row()).held_on, (await row()).rescheduled_from]).toEqual(['2026-04-10', null]);

    const moved = await move({ heldOn: '2026-04-12', heldTime: '14:30', reason });
    expectStatus(moved, 200);
    expect(moved.json().heldOn).toBe('2026-04-12');
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'participation.event.reschedule').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ heldOn: '2026-04-10', heldTime: '09:30' });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ heldOn: '2026-04-12', heldTime: '14:30', reason });
    // The public sees the move and the reason through the personal-data gate.
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/events/${hid}`)).json();
    expect(pub).toMatchObject({ heldOn: '2026-04-12', rescheduledFrom: '2026-04-10 09:30', latestParticipantListOn: '2026-04-09' });
    expect(pub.rescheduleReason).toContain('场地调整');
    const page = (await f.t.app.inject({ url: `/participation/events/${hid}` })).body;
    expect(page).toContain('已改期：原定2026-04-10 09:30举行，现改为2026-04-12 14:30');
    for (const out of [JSON.stringify(pub), page]) expect(out).not.toContain(PHONE);
    // Now the list can go out: registration by staff, selection, publication on 04-08.
    const reg = await f.call(f.s.officer, 'POST', url('/registrations'), { name: '张三', contact: '13800001111' });
    expectStatus(reg, 201);
    expectStatus(await f.call(f.s.officer, 'POST', url('/selection'), { selectedIds: [reg.json().id] }), 200);
    expectStatus(await f.call(f.s.officer, 'POST', url('/participants/publish')), 200);
    // Once held (attendance recorded), the date is history.
    await f.goTo('2026-04-12');
    expectStatus(await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [reg.json().id] }), 200);
    const after = await move({ heldOn: '2026-04-20', reason });
    expect([after.statusCode, code(after)]).toEqual([409, 'ALREADY_HELD']);
  });
});
