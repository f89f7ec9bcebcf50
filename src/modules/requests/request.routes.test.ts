import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { api, application, APPLICANT, DEPT, intake, openRequestFixture, solvedCheck, type RequestFixture } from './request.fixture.ts';

describe('依申请公开 API', () => {
  let f: RequestFixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openRequestFixture('2026-03-02');
    call = api(f.t.app);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('online application → confirm → clarification → corrected → third party → reply → decision → review → delivery → archive', async () => {
    const sub = await call(null, 'POST', '/api/v1/info-requests', { ...application(), humanCheck: await solvedCheck(f.t.app) });
    expect(sub.statusCode, sub.body).toBe(201);
    const { id, trackingCode, trackingSecret, regNo } = sub.json();
    expect(regNo).toBe('2026-0001');
    expect(sub.json().status).toBe('awaiting-confirmation');
    expect(trackingSecret).toMatch(/^[A-Z2-9]{12}$/);

    await f.goTo('2026-03-03');
    const conf = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-03' });
    expect(conf.statusCode, conf.body).toBe(200);
    expect(conf.json()).toMatchObject({ status: 'accepted', receivedOn: '2026-03-03', dueOn: '2026-03-31' });

    await f.goTo('2026-03-06');
    const clar = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/clarification-request`, {
      on: '2026-03-05',
      reasons: ['description'],
      details: '请写明所需信息的年度和文号',
      correctionDueOn: '2026-03-20',
    });
    expect(clar.statusCode, clar.body).toBe(200);
    expect(clar.json().status).toBe('clarification-requested');

    await f.goTo('2026-03-12');
    const corr = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/clarification-received`, { receivedOn: '2026-03-10' });
    expect(corr.statusCode, corr.body).toBe(200);
    expect(corr.json().dueOn).toBe('2026-04-08');

    const cons = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/consultations`, {
      kind: 'third-party',
      partyName: '泗阳县某商贸有限公司',
      partyContact: '0527-85000000',
      sentOn: '2026-03-11',
    });
    expect(cons.statusCode, cons.body).toBe(200);
    const cid = cons.json().consultations[0].id;
    expect(cons.json().consultations[0].replyDueOn).toBe('2026-04-01');

    // Deciding while the third party has not answered is refused.
    const early = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/decision`, {
      on: '2026-03-12',
      type: 'disclose.provide',
      provision: '以电子邮件方式提供',
    });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('CONSULTATION_OPEN');

    await f.goTo('2026-03-20');
    const rep = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/consultations/${cid}/reply`, { receivedOn: '2026-03-18', stance: 'consent' });
    expect(rep.statusCode, rep.body).toBe(200);
    // 2026-03-11 → 03-18: 5 working days not counted.
    expect(rep.json().clock.pausedWorkingDays).toBe(5);
    expect(rep.json().dueOn).toBe('2026-04-15');

    const dl = await call(f.s.officer, 'GET', `/api/v1/info-requests/${id}/deadline`);
    expect(dl.statusCode).toBe(200);
    expect(dl.json()).toMatchObject({ dueDate: '2026-04-15', pausedWorkingDays: 5, provisional: false });
    expect(dl.json().explanation[0]).toContain('2026-03-03 收到申请');

    const dec = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/decision`, {
      on: '2026-03-20',
      type: 'disclose.provide',
      provision: '以电子邮件方式提供',
    });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(dec.json().status).toBe('under-review');
    const self = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/review`, { decision: 'approve', on: '2026-03-20' });
    expect(self.statusCode).toBe(403);
    const ok = await call(f.s.reviewer, 'POST', `/api/v1/info-requests/${id}/review`, { decision: 'approve', on: '2026-03-20' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'decided', decision: { type: 'disclose.provide', row: 'disclose', decidedOn: '2026-03-20' } });

    const del = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/delivery`, { method: 'email', on: '2026-03-20', proof: '电子邮件已发送' });
    expect(del.json().status).toBe('delivered');
    const arc = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/archive`, { on: '2026-03-20' });
    expect(arc.json().status).toBe('archived');
    expect(arc.json().letters.map((l: { kind: string }) => l.kind)).toEqual(['registration', 'receipt', 'clarification', 'consult-third-party', 'reply']);

    const tr = await call(null, 'GET', `/api/v1/info-requests/track?code=${trackingCode}&secret=${trackingSecret}`);
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json()).toMatchObject({ regNo: '2026-0001', applicantName: '张*', status: 'archived' });
    expect(tr.body).not.toContain(APPLICANT.idNumber);
    expect(tr.body).not.toContain(APPLICANT.phone);
    expect(tr.json().letters.map((l: { kind: string }) => l.kind)).toEqual(['receipt', 'clarification', 'reply']);
    const wrong = await call(null, 'GET', `/api/v1/info-requests/track?code=${trackingCode}&secret=AAAAAAAAAAAA`);
    expect(wrong.statusCode).toBe(404);
    expect((await verifyAuditChain(f.t.rt.ctx.db)).ok).toBe(true);
  });

  it('staff intake: paper channels with their receipt dates; registration numbers run per unit and year', async () => {
    await f.goTo('2026-03-23');
    const a = await intake(f, '2026-03-23', { channel: 'oral' });
    expect(a.regNo).toBe('2026-0002');
    const d = (await call(f.s.officer, 'GET', `/api/v1/info-requests/${a.id}`)).json();
    expect(d).toMatchObject({ filledByStaff: true, channel: 'oral', status: 'accepted', receivedOn: '2026-03-23', dueOn: '2026-04-21' });
    // 2026-04-04..06 清明 holiday: the answer date skips it.
    const future = await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', { ...application(), channel: 'in-person', receivedOn: '2026-03-24' });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).code).toBe('DATE_IN_FUTURE');
    const online = await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', { ...application(), channel: 'online', receivedOn: '2026-03-20' });
    expect(errorOf(online).code).toBe('ONLINE_NOT_INTAKE');
    const mail = await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', {
      ...application(),
      channel: 'registered-mail',
      receivedOn: '2026-03-20',
      submittedOn: '2026-03-21',
    });
    expect(errorOf(mail).code).toBe('SUBMITTED_AFTER_RECEIPT');
    const other = await call(f.s.otherOfficer, 'GET', `/api/v1/info-requests/${a.id}`);
    expect(other.statusCode).toBe(404);
    expect(DEPT).toBe('dept-mzj');
  });
});
