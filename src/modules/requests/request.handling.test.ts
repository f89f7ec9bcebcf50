/**
 * Every handling endpoint's bad inputs (clear 400/404/409 in Chinese, nothing saved), scope and roles,
 * the ending outcomes that check the clock, fees, 第44条, calendar recomputation and reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { getCalendar, WorkCalendar, type CalendarDayEntry } from '../calendar/index.ts';
import { requestDeadlineRecomputer } from './request.clock.ts';
import { requestReminders } from './request.queries.ts';
import { api, application, DEPT, intake, openRequestFixture, OTHER_DEPT, solvedCheck, TOWN, VILLAGE, type RequestFixture } from './request.fixture.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('依申请公开 handling: bad input, scope, outcomes', () => {
  let f: RequestFixture;
  let call: ReturnType<typeof api>;
  const db = () => f.t.rt.ctx.db;
  const counts = async (id?: string) => ({
    cases: Number(
      (
        await db()
          .selectFrom('info_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    steps: id
      ? Number(
          (
            await db()
              .selectFrom('info_request_steps')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('request_id', '=', id)
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0,
    letters: Number(
      (
        await db()
          .selectFrom('info_request_letters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  beforeAll(async () => {
    f = await openRequestFixture('2026-03-02');
    call = api(f.t.app);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('online application: human check, identity proof type and size, receiving unit — each refused with nothing saved', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ humanCheck: { token: 'x.y.z', answer: '3' } }, 400, 'HUMAN_CHECK_FAILED'],
      [{ humanCheck: { ...(await solvedCheck(f.t.app)), answer: '999' } }, 400, 'HUMAN_CHECK_FAILED'],
      [{ identityProofBase64: Buffer.from('MZ not an image').toString('base64') }, 415, 'PROOF_TYPE'],
      [{ identityProofBase64: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64') }, 413, 'PROOF_TOO_LARGE'],
      [{ unitCode: VILLAGE }, 400, 'UNIT_NOT_AGENCY'],
      [{ unitCode: 'no-such-unit' }, 404, 'UNIT_NOT_FOUND'],
      [{ applicant: { name: '张三', idType: '居民身份证', idNumber: '1', phone: 'x' } }, 400, 'PHONE_INVALID'],
    ];
    for (const [patch, status, code] of cases) {
      const res = await call(null, 'POST', '/api/v1/info-requests', { ...application(), humanCheck: await solvedCheck(f.t.app), ...patch });
      expect(res.statusCode, JSON.stringify(patch).slice(0, 80)).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // An expired question: signed 30 minutes ago.
    const old = await solvedCheck(f.t.app);
    f.clock.current = new Date(f.clock.current.getTime() + 31 * 60_000);
    const expired = await call(null, 'POST', '/api/v1/info-requests', { ...application(), humanCheck: old });
    expect(errorOf(expired).code).toBe('HUMAN_CHECK_EXPIRED');
    expect(await counts()).toEqual(before);
    // A schema violation is a 400 too (unknown applicant kind).
    expect(
      (await call(null, 'POST', '/api/v1/info-requests', { ...application({ applicantKind: 'company' }), humanCheck: await solvedCheck(f.t.app) })).statusCode,
    ).toBe(400);
    // With a real PNG the proof is stored and only staff of the unit can fetch it.
    const ok = await call(null, 'POST', '/api/v1/info-requests', {
      ...application(),
      humanCheck: await solvedCheck(f.t.app),
      identityProofBase64: PNG.toString('base64'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    const proof = await call(f.s.officer, 'GET', `/api/v1/info-requests/${id}/identity-proof`);
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-type']).toBe('image/png');
    expect((await call(f.s.otherOfficer, 'GET', `/api/v1/info-requests/${id}/identity-proof`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/info-requests/${id}`)).statusCode).toBe(401);
    // Confirming receipt: not before submission, not in the future, only by the unit's staff.
    expect(errorOf(await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-01' })).code).toBe('DATE_TOO_EARLY');
    expect(errorOf(await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-03' })).code).toBe('DATE_IN_FUTURE');
    expect(errorOf(await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-02-30' })).code).toBe('INVALID_DATE');
    expect((await call(f.s.otherOfficer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-02' })).statusCode).toBe(404);
    expect((await call(f.s.reviewer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-02' })).statusCode).toBe(403);
    const conf = await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-02' });
    expect(conf.json().status).toBe('accepted');
    expect((await call(f.s.officer, 'POST', `/api/v1/info-requests/${id}/confirm-receipt`, { receivedOn: '2026-03-02' })).statusCode).toBe(409);
  });

  it('staff intake: roles, scope and per-channel receipt rules', async () => {
    await f.goTo('2026-03-04');
    const body = { ...application(), channel: 'in-person', receivedOn: '2026-03-04' };
    expect((await call(f.s.clerk, 'POST', '/api/v1/info-requests/intake', { ...body, unitCode: TOWN })).statusCode).toBe(404);
    expect((await call(f.s.otherOfficer, 'POST', '/api/v1/info-requests/intake', body)).statusCode).toBe(404);
    expect((await call(f.s.reviewer, 'POST', '/api/v1/info-requests/intake', body)).statusCode).toBe(403);
    expect(errorOf(await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', { ...body, channel: 'in-person', submittedOn: '2026-03-03' })).code).toBe(
      'RECEIPT_RULE',
    );
    expect(errorOf(await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', { ...body, channel: 'pigeon' })).code).toBe('VALIDATION_FAILED');
    const mail = await call(f.s.officer, 'POST', '/api/v1/info-requests/intake', {
      ...body,
      channel: 'registered-mail',
      submittedOn: '2026-02-27',
      receivedOn: '2026-03-03',
    });
    expect(mail.statusCode, mail.body).toBe(201);
    expect(mail.json()).toMatchObject({ status: 'accepted', receivedOn: '2026-03-03', dueOn: '2026-03-31' });
    const list = await call(f.s.otherOfficer, 'GET', '/api/v1/info-requests');
    expect(list.json().total).toBe(0);
    const all = await call(f.s.countyAdmin, 'GET', '/api/v1/info-requests');
    expect(all.json().items.every((i: { unitName: string }) => i.unitName)).toBe(true);
    expect(all.json().total).toBeGreaterThanOrEqual(2);
    // The search box takes % and _ literally: no registration number or description holds them.
    for (const q of ['%', '_']) expect((await call(f.s.countyAdmin, 'GET', `/api/v1/info-requests?q=${encodeURIComponent(q)}`)).json().total).toBe(0);
  });

  it('assign: the case offers the unit’s 信息公开 staff; anyone else is refused with nothing saved', async () => {
    await f.goTo('2026-03-05');
    const c = await intake(f, '2026-03-05');
    const detail = async (who = f.s.officer) => (await call(who, 'GET', `/api/v1/info-requests/${c.id}`)).json();
    const d = await detail();
    expect(d.assignee).toBeNull();
    // Officers of the department and the county admin (above it); not the reviewer, the village clerk or another department's officer.
    expect(d.assignees.map((u: { displayName: string }) => u.displayName).sort()).toEqual(['countyadmin姓名', 'officer2姓名', 'officer姓名']);
    // A reviewer cannot assign, so is offered nobody.
    expect((await detail(f.s.reviewer)).assignees).toEqual([]);
    const url = `/api/v1/info-requests/${c.id}/assign`;
    const before = await counts(c.id);
    for (const userId of [f.userIds.otherOfficer, f.userIds.reviewer, f.userIds.clerk, 'no-such-user']) {
      const r = await call(f.s.officer, 'POST', url, { userId, on: '2026-03-05' });
      expect(r.statusCode, userId).toBe(400);
      expect(errorOf(r).code).toBe('ASSIGNEE_INVALID');
      expect(errorOf(r).message).toContain('政府信息公开工作人员');
    }
    expect(await counts(c.id)).toEqual(before);
    const ok = await call(f.s.officer, 'POST', url, { userId: f.userIds.officer2, on: '2026-03-05' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assignee).toEqual({ id: f.userIds.officer2, displayName: 'officer2姓名' });
    expect(ok.json().steps.at(-1)).toMatchObject({ action: 'assign', comment: '承办人：officer2姓名' });
  });

  it('clarification: late notice flagged, only once, bad inputs refused; no correction by the deadline ends the case (逾期不补正)', async () => {
    await f.goTo('2026-03-20');
    const c = await intake(f, '2026-03-02');
    const url = (p: string) => `/api/v1/info-requests/${c.id}/${p}`;
    const before = await counts(c.id);
    const bad: [Record<string, unknown>, string][] = [
      [{ on: '2026-03-10', reasons: [], details: 'x', correctionDueOn: '2026-03-25' }, 'CLARIFICATION_REASON'],
      [{ on: '2026-03-10', reasons: ['description'], details: ' ', correctionDueOn: '2026-03-25' }, 'CLARIFICATION_DETAILS'],
      [{ on: '2026-03-10', reasons: ['description'], details: 'x', correctionDueOn: '2026-03-10' }, 'CORRECTION_DUE_INVALID'],
      [{ on: '2026-03-01', reasons: ['description'], details: 'x', correctionDueOn: '2026-03-25' }, 'DATE_TOO_EARLY'],
      [{ on: '2026-03-21', reasons: ['description'], details: 'x', correctionDueOn: '2026-03-25' }, 'DATE_IN_FUTURE'],
    ];
    for (const [b, code] of bad) expect(errorOf(await call(f.s.officer, 'POST', url('clarification-request'), b)).code).toBe(code);
    expect(await counts(c.id)).toEqual(before);
    // 7 working days after 2026-03-02 is 2026-03-11; a notice on 03-12 is recorded but flagged late.
    const late = await call(f.s.officer, 'POST', url('clarification-request'), {
      on: '2026-03-12',
      reasons: ['description', 'form'],
      details: '请写明年度',
      correctionDueOn: '2026-03-19',
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().steps.at(-1)).toMatchObject({ action: 'clarification-request', late: true });
    expect(late.json().clock.state).toBe('correction-overdue');
    expect(
      errorOf(
        await call(f.s.officer, 'POST', url('clarification-request'), { on: '2026-03-13', reasons: ['form'], details: 'x', correctionDueOn: '2026-03-25' }),
      ).code,
    ).toBe('INVALID_STATE');
    // Ending: not before the correction deadline; after it, decided as other.no-correction.
    expect(errorOf(await call(f.s.officer, 'POST', url('close-no-correction'), { on: '2026-03-19' })).code).toBe('CORRECTION_NOT_OVERDUE');
    const end = await call(f.s.officer, 'POST', url('close-no-correction'), { on: '2026-03-20' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json()).toMatchObject({ status: 'decided', decision: { type: 'other.no-correction', row: 'other.no-correction', decidedOn: '2026-03-20' } });
    expect(end.json().letters.at(-1).kind).toBe('reply');
  });

  it('consultations, extension, 第35条 delay and decisions: every bad input is a clear 4xx with nothing saved', async () => {
    await f.goTo('2026-03-20');
    const c = await intake(f, '2026-03-09');
    const url = (p: string) => `/api/v1/info-requests/${c.id}/${p}`;
    const before = await counts(c.id);
    const bad: [string, Record<string, unknown>, number, string][] = [
      ['consultations', { kind: 'assisting', partyName: '县档案馆', partyContact: '0527', sentOn: '2026-03-10' }, 400, 'REPLY_DUE_REQUIRED'],
      ['consultations', { kind: 'third-party', partyName: ' ', partyContact: '0527', sentOn: '2026-03-10' }, 400, 'PARTY_REQUIRED'],
      ['consultations', { kind: 'third-party', partyName: '某公司', partyContact: ' ', sentOn: '2026-03-10' }, 400, 'CONTACT_REQUIRED'],
      ['consultations', { kind: 'third-party', partyName: '某公司', partyContact: '0527', sentOn: '2026-03-08' }, 400, 'DATE_TOO_EARLY'],
      ['extension', { on: '2026-03-10', workingDays: 21, approvedBy: '王主任', reason: '信息量大' }, 400, 'EXTENSION_TOO_LONG'],
      ['extension', { on: '2026-03-10', workingDays: 0, approvedBy: '王主任', reason: '信息量大' }, 400, 'EXTENSION_TOO_LONG'],
      ['extension', { on: '2026-03-10', workingDays: 10, approvedBy: ' ', reason: '信息量大' }, 400, 'APPROVER_REQUIRED'],
      ['extension', { on: '2026-03-10', workingDays: 10, approvedBy: '王主任', reason: '' }, 400, 'REASON_REQUIRED'],
      ['delay', { on: '2026-03-10', dueOn: '2026-03-20', reason: '数量大' }, 400, 'DELAY_NOT_LATER'],
      ['delay', { on: '2026-03-10', dueOn: '2026-05-20', reason: ' ' }, 400, 'REASON_REQUIRED'],
      [
        'decision',
        { on: '2026-03-10', type: 'unable.not-ours', reasons: '不属于本机关', responsibleAgency: { name: '县自然资源和规划局' } },
        400,
        'DECISION_INCOMPLETE',
      ],
      ['decision', { on: '2026-03-10', type: 'partial', provision: '邮寄', reasons: '涉及个人信息' }, 400, 'DECISION_INCOMPLETE'],
      ['decision', { on: '2026-03-10', type: 'other.no-correction' }, 400, 'USE_CLOSE_COMMAND'],
      ['decision', { on: '2026-03-10', type: 'nonsense' }, 400, 'VALIDATION_FAILED'],
      ['review', { decision: 'approve', on: '2026-03-10' }, 403, 'FORBIDDEN'],
      ['delivery', { method: 'email', on: '2026-03-10', proof: 'x' }, 409, 'INVALID_STATE'],
      ['archive', { on: '2026-03-10' }, 409, 'INVALID_STATE'],
      ['fee-payment', { paidOn: '2026-03-10', receiptNo: '1' }, 409, 'INVALID_STATE'],
      ['clarification-received', { receivedOn: '2026-03-10' }, 409, 'INVALID_STATE'],
    ];
    for (const [path, b, status, code] of bad) {
      const res = await call(f.s.officer, 'POST', url(path), b);
      expect([path, res.statusCode, errorOf(res).code]).toEqual([path, status, code]);
    }
    expect(
      (
        await call(f.s.officer, 'POST', '/api/v1/info-requests/00000000-0000-0000-0000-000000000000/extension', {
          on: '2026-03-10',
          workingDays: 5,
          approvedBy: '王主任',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(f.s.otherOfficer, 'POST', url('extension'), { on: '2026-03-10', workingDays: 5, approvedBy: '王主任', reason: 'x' })).statusCode).toBe(
      404,
    );
    expect(await counts(c.id)).toEqual(before);

    // Extension: recorded with its approver; a second one is refused.
    const ext = await call(f.s.officer, 'POST', url('extension'), { on: '2026-03-10', workingDays: 10, approvedBy: '王主任', reason: '需调取档案' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().dueOn).toBe('2026-04-21'); // 2026-04-06 (清明) is a holiday; 20 + 10 working days after 03-09.
    expect(ext.json().steps.at(-1).comment).toContain('经王主任同意');
    expect(errorOf(await call(f.s.officer, 'POST', url('extension'), { on: '2026-03-11', workingDays: 5, approvedBy: '王主任', reason: 'x' })).code).toBe(
      'EXTENSION_ONCE',
    );
    // Co-producer consultation; a no-reply before its 15 working days is refused, a reply without a reason for objecting too.
    const co = await call(f.s.officer, 'POST', url('consultations'), {
      kind: 'co-producer',
      partyName: '泗阳县财政局',
      partyContact: '0527-1',
      sentOn: '2026-03-11',
    });
    const cid = co.json().consultations[0].id;
    expect(
      errorOf(await call(f.s.officer, 'POST', url('consultations/00000000-0000-0000-0000-000000000000/reply'), { receivedOn: '2026-03-12', stance: 'consent' }))
        .code,
    ).toBe('CONSULTATION_NOT_FOUND');
    expect(errorOf(await call(f.s.officer, 'POST', url(`consultations/${cid}/reply`), { receivedOn: '2026-03-12', stance: 'no-reply' })).code).toBe(
      'REPLY_PERIOD_RUNNING',
    );
    expect(errorOf(await call(f.s.officer, 'POST', url(`consultations/${cid}/reply`), { receivedOn: '2026-03-12', stance: 'object' })).code).toBe(
      'REASON_REQUIRED',
    );
    expect(errorOf(await call(f.s.officer, 'POST', url(`consultations/${cid}/reply`), { receivedOn: '2026-03-10', stance: 'consent' })).code).toBe(
      'DATE_TOO_EARLY',
    );
    expect((await call(f.s.officer, 'POST', url(`consultations/${cid}/reply`), { receivedOn: '2026-03-13', stance: 'consent' })).statusCode).toBe(200);
    expect(errorOf(await call(f.s.officer, 'POST', url(`consultations/${cid}/reply`), { receivedOn: '2026-03-13', stance: 'consent' })).code).toBe(
      'ALREADY_REPLIED',
    );
    // 第35条 delay to a later date replaces the due date.
    const delay = await call(f.s.officer, 'POST', url('delay'), { on: '2026-03-16', dueOn: '2026-05-29', reason: '申请数量明显超过合理范围' });
    expect(delay.statusCode, delay.body).toBe(200);
    expect(delay.json().dueOn).toBe('2026-05-29');
    // Decision, return by the reviewer (a comment is required), propose again, approve; 第44条 conversion.
    const dec = await call(f.s.officer, 'POST', url('decision'), {
      on: '2026-03-17',
      type: 'unable.not-ours',
      reasons: '不属于本机关',
      responsibleAgency: { name: '泗阳县自然资源和规划局', contact: '0527-2' },
    });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(errorOf(await call(f.s.reviewer, 'POST', url('review'), { decision: 'return', on: '2026-03-17' })).code).toBe('COMMENT_REQUIRED');
    expect((await call(f.s.reviewer, 'POST', url('review'), { decision: 'return', on: '2026-03-17', comment: '请补充联系方式' })).json().status).toBe(
      'in-handling',
    );
    await call(f.s.officer, 'POST', url('decision'), { on: '2026-03-18', type: 'disclose.provide', provision: '电子邮件' });
    const appr = await call(f.s.reviewer, 'POST', url('review'), { decision: 'approve', on: '2026-03-18' });
    expect(appr.json()).toMatchObject({ status: 'decided', decision: { type: 'disclose.provide', decidedOn: '2026-03-18' } });
    const conv = await call(f.s.officer, 'POST', url('proactive-disclosure'), { title: '2025年度临时救助资金发放情况', body: '<p>正文</p>' });
    expect(conv.statusCode, conv.body).toBe(200);
    const draftId = conv.json().steps.at(-1).data.disclosureId as string;
    const draft = await db().selectFrom('disclosures').selectAll().where('id', '=', draftId).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ unit_code: DEPT, status: 'draft', title: '2025年度临时救助资金发放情况' });
    expect(errorOf(await call(f.s.officer, 'POST', url('delivery'), { method: 'email', on: '2026-03-17', proof: 'x' })).code).toBe('DATE_TOO_EARLY');
    expect(errorOf(await call(f.s.officer, 'POST', url('delivery'), { method: 'email', on: '2026-03-18', proof: ' ' })).code).toBe('PROOF_REQUIRED');
  });

  it('fees: 按件 free within 10 a month, 按量 bands, unpaid past the deadline ends the case (逾期未缴费)', async () => {
    await f.goTo('2026-03-20');
    const c = await intake(f, '2026-03-16', { infoForm: 'paper', deliveryMethod: 'post' });
    const url = (p: string) => `/api/v1/info-requests/${c.id}/${p}`;
    expect(errorOf(await call(f.s.officer, 'POST', url('fee-notice'), { on: '2026-03-17', mode: 'per-item' })).code).toBe('NO_FEE_DUE');
    expect(errorOf(await call(f.s.officer, 'POST', url('fee-notice'), { on: '2026-03-17', mode: 'per-volume' })).code).toBe('PAGES_REQUIRED');
    expect(errorOf(await call(f.s.officer, 'POST', url('fee-notice'), { on: '2026-03-17', mode: 'per-volume', pages: 30 })).code).toBe('NO_FEE_DUE');
    const fee = await call(f.s.officer, 'POST', url('fee-notice'), { on: '2026-03-17', mode: 'per-volume', pages: 120 });
    expect(fee.statusCode, fee.body).toBe(200);
    expect(fee.json()).toMatchObject({ status: 'awaiting-fee', fees: [{ amountYuan: 1100, payBy: '2026-04-15' }] });
    expect(errorOf(await call(f.s.officer, 'POST', url('close-fee-unpaid'), { on: '2026-03-20' })).code).toBe('FEE_NOT_OVERDUE');
    expect(errorOf(await call(f.s.officer, 'POST', url('fee-payment'), { paidOn: '2026-03-18', receiptNo: ' ' })).code).toBe('RECEIPT_REQUIRED');
    await f.goTo('2026-04-16');
    const end = await call(f.s.officer, 'POST', url('close-fee-unpaid'), { on: '2026-04-16' });
    expect(end.json()).toMatchObject({ status: 'decided', decision: { type: 'other.fee-unpaid', row: 'other.fee-unpaid' } });
    const q = await call(f.s.officer, 'GET', '/api/v1/info-requests/fee-quote?mode=per-item&quantity=31');
    expect(q.json().amountYuan).toBe(200);
  });

  it('a calendar change recomputes open cases; reminders list 补正 and answer dates due soon and overdue', async () => {
    await f.goTo('2026-04-16');
    const open = await intake(f, '2026-04-16');
    const row = await db().selectFrom('info_requests').selectAll().where('id', '=', open.id).executeTakeFirstOrThrow();
    expect(row.due_on).toBe('2026-05-18'); // 劳动节 2026-05-01..05 off, with its make-up working day
    const cal = await getCalendar(f.t.rt.ctx);
    const days = new Map<string, CalendarDayEntry>(['2026-05-06', '2026-05-07'].map((d) => [d, { kind: 'holiday', name: '测试假日' }]));
    for (const y of [2026])
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= 31; d++) {
          const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) continue;
          const info = cal.dayInfo(date);
          if (info.kind === 'holiday' || info.kind === 'adjusted_workday') days.set(date, { kind: info.kind, name: info.name ?? '' });
        }
    const changed = new WorkCalendar({ years: new Set([2024, 2025, 2026, 2027]), days });
    await db()
      .transaction()
      .execute((trx) => requestDeadlineRecomputer.recompute(f.t.rt.ctx, trx, [2026], changed));
    expect((await db().selectFrom('info_requests').select('due_on').where('id', '=', open.id).executeTakeFirstOrThrow()).due_on).toBe('2026-05-20');

    const soon = await requestReminders(f.t.rt.ctx, '2026-04-22');
    expect(soon.find((r) => r.key.includes(open.id))).toMatchObject({
      kind: 'info-request.clarification',
      status: 'due-soon',
      dueDate: '2026-04-27',
      unitCode: DEPT,
      link: `/admin/requests/${open.id}`,
    });
    const late = await requestReminders(f.t.rt.ctx, '2026-05-19');
    const answer = late.find((r) => r.key.includes(open.id) && r.kind === 'info-request.answer');
    expect(answer).toMatchObject({ status: 'overdue', dueDate: '2026-05-18', overdueWorkingDays: 1 });
    expect(late.every((r) => r.unitCode === DEPT || r.unitCode === OTHER_DEPT || r.unitCode === TOWN)).toBe(true);
  });
});
