/**
 * A hearing after its announcement: registration online (human check) and by staff, selection within the capacity,
 * the published participant list (names masked), attendance, the record with the participants' signed scan (type
 * sniffed from the bytes, size limit), and the published record with the adoption summary. Every state change is
 * one command with its audit event; every refusal leaves nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF, PNG } from '../publishing/data/test-files.ts';
import { idCheckDigit } from '../publishing/index.ts';
import { PARTICIPATION_RULES } from './participation.rules.ts';
import {
  DEPT,
  expectStatus,
  formPost as form,
  openParticipationFixture,
  solvePageCheck as solve,
  solvedCheck,
  type ParticipationFixture,
} from './participation.fixture.ts';

const PHONE = '13912345678';
const ID = `32132319900101123${idCheckDigit('32132319900101123')}`;

describe('hearing lifecycle after the announcement', () => {
  let f: ParticipationFixture;
  let hid = '';
  const ids: Record<string, string> = {};
  const url = (p = '') => `/api/v1/participation/events/${hid}${p}`;
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
  const regRows = () => f.t.rt.ctx.db.selectFrom('participation_registrations').selectAll().where('event_id', '=', hid).execute();
  const eventRow = () => f.t.rt.ctx.db.selectFrom('participation_events').selectAll().where('id', '=', hid).executeTakeFirstOrThrow();

  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-27');
    const h = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', {
      unitCode: DEPT,
      kind: 'hearing',
      title: '城市供水价格调整听证会',
      description: '听证供水价格调整方案',
      place: '县政府三楼会议室',
      heldOn: '2026-04-10',
      heldTime: '09:30',
      capacity: 2,
      selectionMethod: '自愿报名，按区域随机抽取',
      registrationUntil: '2026-04-01',
      materialsSentOn: '2026-04-03',
    });
    expectStatus(h, 201);
    hid = h.json().id;
  }, 60_000);
  afterAll(() => f?.close());

  it('takes no registration before the announcement, then online ones (form and API) and staff ones; refusals keep nothing', async () => {
    const check = await solvedCheck(f.t.app);
    const person = { name: '张三丰', contact: PHONE, affiliation: '居民代表', note: `我的身份证号${ID}` };
    const early = await f.call(null, 'POST', `/api/v1/participation/public/events/${hid}/registrations`, { ...person, humanCheck: check });
    expect(early.statusCode).toBe(404);
    expect((await f.call(null, 'GET', `/participation/events/${hid}`)).statusCode).toBe(404);
    expect(code(await f.call(f.s.officer, 'POST', url('/registrations'), person))).toBe('NOT_ANNOUNCED');
    expectStatus(await f.call(f.s.officer, 'POST', url('/announce')), 200);

    const wrong = await f.call(null, 'POST', `/api/v1/participation/public/events/${hid}/registrations`, {
      ...person,
      humanCheck: { ...(await solvedCheck(f.t.app)), answer: '9999' },
    });
    expect([wrong.statusCode, code(wrong)]).toEqual([400, 'HUMAN_CHECK_FAILED']);
    const incomplete = await f.call(null, 'POST', `/api/v1/participation/public/events/${hid}/registrations`, {
      ...person,
      contact: ' ',
      humanCheck: await solvedCheck(f.t.app),
    });
    expect([incomplete.statusCode, code(incomplete)]).toEqual([400, 'REGISTRATION_INCOMPLETE']);
    expect(await regRows()).toHaveLength(0);

    const a = await f.call(null, 'POST', `/api/v1/participation/public/events/${hid}/registrations`, { ...person, humanCheck: await solvedCheck(f.t.app) });
    expectStatus(a, 201);
    expect(a.json().trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    ids.a = a.json().id;

    // The portal form, without JavaScript.
    const page = await f.t.app.inject({ url: `/participation/events/${hid}` });
    expect(page.body).toContain('报名参加（截止2026-04-01）');
    const viaForm = await f.t.app.inject({
      method: 'POST',
      url: `/participation/events/${hid}/registrations`,
      ...form({ name: '李四', contact: '13800001111', affiliation: `企业代表 ${PHONE}`, ...solve(page.body) }),
    });
    expect(viaForm.statusCode).toBe(201);
    expect(viaForm.body).toContain('报名已提交');
    // The platform has no SMS or phone channel (notifications: in-app and e-mail to staff only): the page promises none.
    expect(viaForm.body).toContain('本平台不发送短信或电话通知');
    expect(viaForm.body).not.toContain('并电话通知您');

    expect((await f.call(f.s.otherOfficer, 'POST', url('/registrations'), { name: '王五', contact: '13800002222' })).statusCode).toBe(404);
    const staff = await f.call(f.s.officer, 'POST', url('/registrations'), { name: '王五', contact: '13800002222', affiliation: '律师' });
    expectStatus(staff, 201);
    ids.c = staff.json().id;
    const rows = await regRows();
    expect(rows.map((r) => r.source).sort()).toEqual(['online', 'online', 'staff']);
    ids.b = rows.find((r) => r.source === 'online' && r.id !== ids.a)!.id;
    // A hearing takes every registration (the organiser selects); personal data stays out of the audit log.
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'participation.event.register').execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(PHONE);
    expect(JSON.stringify(audit)).not.toContain('张三丰');
  });

  it('selects within the capacity, publishes the list in time with masked names, and then refuses changes', async () => {
    const over = await f.call(f.s.officer, 'POST', url('/selection'), { selectedIds: [ids.a, ids.b, ids.c] });
    expect([over.statusCode, code(over)]).toEqual([422, 'OVER_CAPACITY']);
    expect(code(await f.call(f.s.officer, 'POST', url('/selection'), { selectedIds: [ids.a, 'nope'] }))).toBe('REGISTRATION_NOT_FOUND');
    expect((await f.call(f.s.otherOfficer, 'POST', url('/selection'), { selectedIds: [ids.a] })).statusCode).toBe(404);
    expect((await regRows()).every((r) => r.status === 'registered')).toBe(true);
    expect(code(await f.call(f.s.officer, 'POST', url('/participants/publish')))).toBe('NONE_SELECTED');
    expectStatus(await f.call(f.s.officer, 'POST', url('/selection'), { selectedIds: [ids.a, ids.b] }), 200);
    expect((await f.call(null, 'GET', `/api/v1/participation/public/events/${hid}`)).json().participants).toBeNull();

    // 第十六条 says only 「提前」; the county's choice is 3 days before: 04-07 at the latest for a hearing on 04-10.
    expect(PARTICIPATION_RULES.participantListDaysBefore).toBe(3);
    await f.goTo('2026-04-08');
    const late = await f.call(f.s.officer, 'POST', url('/participants/publish'));
    expect([late.statusCode, code(late)]).toEqual([422, 'LIST_TOO_LATE']);
    expect(late.json().error.message).toContain('最迟2026-04-07');
    expect((await eventRow()).participants_published_at).toBeNull();

    await f.goTo('2026-04-02');
    const closed = await f.call(null, 'POST', `/api/v1/participation/public/events/${hid}/registrations`, {
      name: '赵六',
      contact: '13800003333',
      humanCheck: await solvedCheck(f.t.app),
    });
    expect([closed.statusCode, code(closed)]).toEqual([409, 'REGISTRATION_CLOSED']);
    expectStatus(await f.call(f.s.reviewer, 'POST', url('/participants/publish')), 200);
    expect(code(await f.call(f.s.officer, 'POST', url('/participants/publish')))).toBe('LIST_PUBLISHED');
    expect(code(await f.call(f.s.officer, 'POST', url('/selection'), { selectedIds: [ids.c] }))).toBe('LIST_PUBLISHED');
    expect(code(await f.call(f.s.officer, 'POST', url('/registrations'), { name: '赵六', contact: '13800003333' }))).toBe('LIST_PUBLISHED');

    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/events/${hid}`)).json();
    expect(pub.phase).toBe('list_published');
    expect(pub.participants).toEqual([
      { name: '张**', affiliation: '居民代表', attended: null },
      { name: '李*', affiliation: expect.stringMatching(/^企业代表 139\*+5678$/), attended: null },
    ]);
    const body = JSON.stringify(pub) + (await f.t.app.inject({ url: `/participation/events/${hid}` })).body;
    for (const secret of ['张三丰', '李四', '王五', PHONE, '13800001111', ID]) expect(body).not.toContain(secret);
    const staff = (await f.call(f.s.officer, 'GET', url())).json();
    expect(staff.registrations.map((r: { name: string; statusText: string }) => `${r.name}:${r.statusText}`)).toEqual([
      '张三丰:已选定',
      '李四:已选定',
      '王五:未选定',
    ]);
    expect(staff.registrations[0].note).toContain(ID);
    expect((await f.call(f.s.otherOfficer, 'GET', url())).statusCode).toBe(404);
  });

  it('records attendance only from the day on, and only of selected participants', async () => {
    const early = await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [ids.a] });
    expect([early.statusCode, code(early)]).toEqual([409, 'NOT_HELD_YET']);
    await f.goTo('2026-04-10');
    expect(code(await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [ids.c] }))).toBe('NOT_A_PARTICIPANT');
    expect(code(await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [ids.a, ids.b], total: 1 }))).toBe('ATTENDANCE_TOO_LOW');
    expect((await eventRow()).attendance).toBeNull();
    const okRes = await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [ids.a], total: 12 });
    expectStatus(okRes, 200);
    expect(okRes.json().attendance).toBe(12);
    expect((await regRows()).filter((r) => r.attended === 1).map((r) => r.id)).toEqual([ids.a]);
  });

  it('takes the record and a signed scan of a real type and size, and publishes it with the adoption summary once', async () => {
    const send = (fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }, who = f.s.officer) => {
      const mp = multipart(fields, file);
      return f.t.app.inject({ method: 'POST', url: url('/record'), payload: mp.payload, headers: { ...who.headers(), ...mp.headers } });
    };
    const text = `陈述人张三丰：建议分档计价。联系电话${PHONE}。`;
    expect(code(await f.call(f.s.officer, 'POST', url('/record/publish'), { feedback: '采纳' }))).toBe('RECORD_MISSING');
    const fake = await send({ text }, { name: 'scan.pdf', content: Buffer.from('not a pdf at all'), type: 'application/pdf' });
    expect([fake.statusCode, code(fake)]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const big = await send({ text }, { name: 'scan.pdf', content: Buffer.concat([PDF, Buffer.alloc(PARTICIPATION_RULES.recordScanMaxBytes)]) });
    expect([big.statusCode, code(big)]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(code(await send({ text: ' ' }))).toBe('RECORD_EMPTY');
    expect((await send({ text }, { name: 'scan.png', content: PNG }, f.s.otherOfficer)).statusCode).toBe(404);
    const e0 = await eventRow();
    expect([e0.record_text, e0.record_scan_sha256]).toEqual([null, null]);

    expectStatus(await send({ text }), 200);
    const noScan = await f.call(f.s.officer, 'POST', url('/record/publish'), { feedback: '采纳分档计价的意见。' });
    expect([noScan.statusCode, code(noScan)]).toEqual([409, 'SIGNED_SCAN_MISSING']);
    const withScan = await send({ text }, { name: 'whatever.bin', content: PDF });
    expectStatus(withScan, 200);
    expect(withScan.json().scanType).toBe('pdf');
    const dl = await f.call(f.s.reviewer, 'GET', url('/record-scan'));
    expect([dl.statusCode, dl.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await f.call(null, 'GET', url('/record-scan'))).statusCode).toBe(401);
    expect((await f.call(f.s.otherOfficer, 'GET', url('/record-scan'))).statusCode).toBe(404);
    expect((await f.call(null, 'GET', `/api/v1/participation/public/events/${hid}`)).json().recordText).toBeNull();

    expect(code(await f.call(f.s.officer, 'POST', url('/record/publish'), { feedback: ' ' }))).toBe('FEEDBACK_EMPTY');
    expectStatus(await f.call(f.s.officer, 'POST', url('/record/publish'), { feedback: `采纳分档计价的意见。咨询电话${PHONE}` }), 200);
    expect(code(await send({ text: '改写' }))).toBe('RECORD_PUBLISHED');
    expect(code(await f.call(f.s.officer, 'POST', url('/record/publish'), { feedback: '再次' }))).toBe('RECORD_PUBLISHED');
    expect(code(await f.call(f.s.officer, 'POST', url('/attendance'), { attendedIds: [] }))).toBe('RECORD_PUBLISHED');

    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/events/${hid}`)).json();
    expect(pub).toMatchObject({ phase: 'concluded', signedConfirmation: true, attendance: 12, recordPublishedOn: '2026-04-10' });
    expect(pub.participants.map((p: { attended: boolean }) => p.attended)).toEqual([true, false]);
    expect(pub.recordText).toContain('建议分档计价');
    const page = (await f.t.app.inject({ url: `/participation/events/${hid}` })).body;
    expect(page).toContain('听证笔录');
    expect(page).toContain('参加人已审核笔录并签字确认');
    expect(page).toContain('采纳分档计价的意见');
    for (const out of [JSON.stringify(pub), page]) expect(out).not.toContain(PHONE);

    const actions = (await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', hid).execute()).map((a) => a.action);
    expect(actions.sort()).toEqual(
      [
        'participation.event.announce',
        'participation.event.attendance',
        'participation.event.create',
        'participation.event.publish_participants',
        'participation.event.publish_record',
        'participation.event.record',
        'participation.event.record',
        'participation.event.select',
      ].sort(),
    );
  });

  it('a lighter meeting takes registrations up to its capacity and publishes a summary without a signed scan', async () => {
    await f.goTo('2026-04-11');
    const m = await f.call(f.s.officer, 'POST', '/api/v1/participation/events', {
      unitCode: DEPT,
      kind: 'symposium',
      title: '养老服务座谈会',
      description: '听取养老服务意见',
      place: '县民政局',
      heldOn: '2026-04-20',
      heldTime: '14:00',
      capacity: 1,
    });
    const mid = m.json().id as string;
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/events/${mid}/announce`), 200);
    const reg = (name: string) => f.call(f.s.officer, 'POST', `/api/v1/participation/events/${mid}/registrations`, { name, contact: '13800004444' });
    expectStatus(await reg('周七'), 201);
    const full = await reg('吴八');
    expect([full.statusCode, code(full)]).toEqual([409, 'EVENT_FULL']);
    await f.goTo('2026-04-20');
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/events/${mid}/attendance`, { attendedIds: [], total: 9 }), 200);
    const mp = multipart({ text: '与会人员建议增加助餐点。' });
    expectStatus(
      await f.t.app.inject({
        method: 'POST',
        url: `/api/v1/participation/events/${mid}/record`,
        payload: mp.payload,
        headers: { ...f.s.officer.headers(), ...mp.headers },
      }),
      200,
    );
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/events/${mid}/record/publish`, { feedback: '采纳：年内新增两个助餐点。' }), 200);
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/events/${mid}`)).json();
    expect(pub).toMatchObject({ phase: 'concluded', signedConfirmation: false, participants: null, attendance: 9 });
    // The staff list is paged (newest event date first) and stays in scope.
    const page = (await f.call(f.s.officer, 'GET', '/api/v1/participation/events?limit=1&offset=0')).json();
    expect([page.total, page.items.map((e: { id: string }) => e.id)]).toEqual([2, [mid]]);
    expect((await f.call(f.s.officer, 'GET', '/api/v1/participation/events?limit=1&offset=1')).json().items[0].id).toBe(hid);
    expect((await f.call(f.s.otherOfficer, 'GET', '/api/v1/participation/events')).json()).toEqual({ total: 0, items: [] });
  });
});
