/**
 * 询问 on a disclosure, the whole flow of issue 16 §1 through HTTP: a villager asks about a line of 卜湖社区's
 * finance statement without an account → the clerk answers → 不满意 → 城厢街道 investigates and orders a
 * correction → the clerk corrects with the question as the public reason (publishing's two-person workflow) →
 * the tracking page shows the answer and the corrected record; and the refusals on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { interactionReminders } from './interaction.reminders.ts';
import { interactionCompliance } from './interaction.compliance.ts';
import { openInteractionFixture, publishStatement, solvedCheck, TOWN, VILLAGE, type InteractionFixture } from './interaction.fixture.ts';

describe('questions on a disclosure (询问 → 解答 / 调查核实 → 重新公布)', () => {
  let f: InteractionFixture;
  let statement: string;
  beforeAll(async () => {
    f = await openInteractionFixture('2026-09-28');
    statement = await publishStatement(f);
  }, 120_000);
  afterAll(() => f?.t.close());

  const track = (code: string, secret: string) => f.call(null, 'GET', `/api/v1/interaction/track?code=${code}&secret=${secret}`);
  const respond = (code: string, secret: string, response: string, reason?: string) =>
    f.call(null, 'POST', '/api/v1/interaction/track/respond', { code, secret, response, reason });

  it('the disclosure page offers 对此有疑问 on the record and on every line', async () => {
    const page = await f.call(null, 'GET', `/disclosures/${statement}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/interaction/ask?disclosure=${statement}`);
    expect(page.body).toContain(`line=finance-2`);
    expect(page.body).toContain('这条信息还没有收到询问');
    const form = await f.call(null, 'GET', `/interaction/ask?disclosure=${statement}&line=finance-2`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('第3行：2026-08-09 办公用品');
  });

  it('ask → answer → 不满意 → town investigates and orders → village corrects with the question as reason → tracking shows the corrected record', async () => {
    // The monthly figures and the disclosure page are served from the page cache; every step below makes them stale.
    const figures = () => f.call(null, 'GET', '/interaction/figures?month=2026-09');
    expect((await figures()).body).toContain('共收到0件');
    expect((await figures()).headers['x-page-cache']).toBe('hit');
    const sub = await f.call(null, 'POST', '/api/v1/interaction/cases', {
      kind: 'question',
      disclosureId: statement,
      lineKind: 'finance',
      lineNo: 2,
      content: '8月9日办公用品1350.5元买了什么？我的身份证号321323199001011236',
      name: '张三',
      phone: '13800001111',
      publishConsent: true,
      humanCheck: await solvedCheck(f),
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const { id, trackingCode, trackingSecret, dueOn } = sub.json();
    // 10 days (calendar days: the local rules' 10日) from 2026-09-28.
    expect(dueOn).toBe('2026-10-08');
    expect(sub.json().status).toBe('handling');
    expect((await figures()).body).toContain('共收到1件');
    expect((await f.call(null, 'GET', `/disclosures/${statement}`)).body).toContain('这条信息共收到1件询问，已答复0件');

    // The clerk sees it with the line asked about; the village's supervision committee sees it too.
    const d = await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${id}`);
    expect(d.json()).toMatchObject({
      kind: 'question',
      unit: { code: VILLAGE },
      channel: 'online',
      disclosure: { id: statement, line: { kind: 'finance', no: 2 } },
      asker: { name: '张三', phone: '13800001111' },
      nextActions: expect.arrayContaining(['answer', 'verify', 'correct']),
    });
    expect(d.json().disclosure.line.text).toContain('办公用品 支出1,350.50元');
    const sup = await f.call(f.s.supervisor, 'GET', `/api/v1/interaction/cases/${id}`);
    expect(sup.statusCode).toBe(200);
    expect(sup.json().nextActions).toEqual([]);
    expect((await f.call(f.s.supervisor, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '监督委员会不能代为答复' })).statusCode).toBe(403);
    // Wrong unit: another village's clerk does not even learn it exists.
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/interaction/cases/${id}`)).statusCode).toBe(404);
    expect((await f.call(f.s.otherClerk, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '不是我们村的事情' })).statusCode).toBe(404);

    // An answer holding an unmasked ID number is stopped by the personal-data gate, and nothing changes.
    const pii = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '已转交，联系人身份证号321323199001011236' });
    expect(pii.statusCode).toBe(400);
    expect(errorOf(pii)).toMatchObject({ code: 'REASON_HAS_PII' });
    expect(errorOf(pii).message).toContain('答复');
    const tooLong = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '长'.repeat(4001) });
    expect(errorOf(tooLong)).toMatchObject({ code: 'TEXT_TOO_LONG' });
    expect((await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${id}`)).json().status).toBe('handling');

    await f.goTo('2026-09-29');
    const ans = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '买了打印纸和墨盒，发票可到社区查阅。' });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ status: 'answered', outcome: 'answered', answeredOn: '2026-09-29' });
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/answer`, { answer: '再答复一次可以吗' })).statusCode).toBe(409);

    // Bad tracking secret: the same 404 as an unknown code.
    expect((await track(trackingCode, 'AAAAAAAAAAAA')).statusCode).toBe(404);
    expect(errorOf(await track('ZZZZZZZZZZ', trackingSecret)).code).toBe('TRACKING_NOT_FOUND');
    const tr = await track(trackingCode, trackingSecret);
    expect(tr.statusCode).toBe(200);
    expect(tr.json()).toMatchObject({ statusText: '已答复', answer: '买了打印纸和墨盒，发票可到社区查阅。', canRate: true });
    // The tracking view shows the person's text through the gate: the ID number they typed is masked.
    expect(tr.body).not.toContain('321323199001011236');
    expect(tr.body).not.toContain('13800001111');

    // 不满意 needs a reason; then it goes up to 城厢街道; rating twice is refused (no duplicate escalation).
    expect(errorOf(await respond(trackingCode, trackingSecret, 'unsatisfied')).code).toBe('TEXT_REQUIRED');
    const un = await respond(trackingCode, trackingSecret, 'unsatisfied', '没有说买了多少');
    expect(un.statusCode, un.body).toBe(200);
    expect(un.json()).toMatchObject({ status: 'escalated', unitName: '城厢街道' });
    const twice = await respond(trackingCode, trackingSecret, 'unsatisfied', '再说一次');
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('ALREADY_RATED');
    const esc = (await f.call(f.s.townOfficer, 'GET', `/api/v1/interaction/cases/${id}`)).json();
    expect(esc).toMatchObject({ status: 'escalated', unit: { code: TOWN }, originUnit: { code: VILLAGE }, escalationLevel: 1, nextActions: ['investigate'] });
    // 15 working days from 09-29 across the 国庆 holiday (10-01..07 off; 10-10 is a working Saturday).
    expect(esc.dueOn).toBe('2026-10-26');
    // The village still sees it (the supervision committee sees every question on its village), but cannot investigate.
    expect((await f.call(f.s.supervisor, 'GET', `/api/v1/interaction/cases/${id}`)).statusCode).toBe(200);
    expect(
      (
        await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/investigate`, {
          investigators: '社区自己',
          investigatedOn: '2026-09-29',
          findings: '自查没问题的',
          conclusion: '没有问题的',
          order: 'none',
        })
      ).statusCode,
    ).toBe(403);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
    const badFile = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${id}/investigate`, {
      investigators: '街道经办人、财政所会计',
      investigatedOn: '2026-09-29',
      findings: '核对凭证记-003',
      conclusion: '内容有误，责令更正',
      order: 'correct',
      evidence: [{ name: 'a.txt', contentBase64: Buffer.from('plain text').toString('base64') }],
    });
    expect(badFile.statusCode).toBe(415);
    // Each file may be 10 MB, but together at most 20 MB (one JSON request): refused in Chinese, nothing saved.
    const big = (n: number) => Buffer.concat([png, Buffer.alloc(n - png.length)]).toString('base64');
    const tooMuch = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${id}/investigate`, {
      investigators: '街道经办人、财政所会计',
      investigatedOn: '2026-09-29',
      findings: '核对凭证记-003',
      conclusion: '内容有误，责令更正',
      order: 'correct',
      evidence: [
        { name: '1.png', contentBase64: big(10 * 1024 * 1024) },
        { name: '2.png', contentBase64: big(10 * 1024 * 1024) },
        { name: '3.png', contentBase64: big(512 * 1024) },
      ],
    });
    expect(tooMuch.statusCode, tooMuch.body).toBe(413);
    expect(errorOf(tooMuch)).toMatchObject({ code: 'FILES_TOO_LARGE', message: expect.stringContaining('合计不能超过20MB') });
    const inv = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${id}/investigate`, {
      investigators: '街道经办人、财政所会计',
      investigatedOn: '2026-09-29',
      findings: '核对凭证记-003：实为打印纸和墨盒，摘要写得不清楚',
      conclusion: '经调查核实，摘要不清楚，已责令社区更正并重新公布。',
      order: 'correct',
      evidence: [{ name: '凭证照片.png', contentBase64: png.toString('base64') }],
    });
    expect(inv.statusCode, inv.body).toBe(200);
    // Ordered on 2026-09-29 with the default 5 working days: 09-30, 10-08, 09, 10 (working Saturday), 12.
    expect(inv.json()).toMatchObject({
      status: 'ordered',
      outcome: 'town-ordered',
      dueOn: '2026-10-12',
      investigations: [{ order: 'correct', orderDueOn: '2026-10-12', orderDoneOn: null }],
      files: [{ name: '凭证照片.png', type: 'image/png' }],
    });
    const file = await f.call(f.s.townOfficer, 'GET', `/api/v1/interaction/cases/${id}/files/${inv.json().files[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);

    // The order is in the village's to-do (reminders) and, once late, in compliance.
    await f.goTo('2026-10-13');
    const rem = await interactionReminders(f.t.rt.ctx, '2026-10-13');
    expect(rem.filter((r) => r.key.startsWith(`interaction:${id}:`))).toEqual([
      expect.objectContaining({ unitCode: VILLAGE, kind: 'interaction.order', status: 'overdue', overdueWorkingDays: 1, dueDate: '2026-10-12' }),
    ]);
    const comp = await interactionCompliance(f.t.rt.ctx, { unitPath: '/321323/', asOf: '2026-10-13' });
    expect(comp.filter((c) => c.kind === 'order-overdue')).toEqual([expect.objectContaining({ unitCode: VILLAGE, since: '2026-10-12' })]);

    // The clerk corrects the record: the question (masked) is the public reason, with the case number.
    const cor = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/correct`, {
      body: '<p>现将本社区财务收支情况公布如下。8月9日办公用品为打印纸10包、墨盒4个。</p>',
    });
    expect(cor.statusCode, cor.body).toBe(200);
    expect(cor.json()).toMatchObject({ status: 'correcting', correction: { status: 'pending' } });
    const staff = (await f.call(f.s.clerk, 'GET', `/api/v1/disclosures/${statement}`)).json();
    const proposal = staff.staff.corrections[0];
    expect(proposal.reason).toContain(`根据群众询问（${esc.caseNo}）更正`);
    expect(proposal.reason).toContain('8月9日办公用品');
    expect(proposal.reason).not.toContain('321323199001011236');
    expect(await interactionCompliance(f.t.rt.ctx, { unitPath: '/321323/', asOf: '2026-10-13' })).toEqual([]);
    // Rating before the correction is approved is refused; the tracking page says it is pending.
    expect(errorOf(await respond(trackingCode, trackingSecret, 'satisfied')).code).toBe('CORRECTION_PENDING');

    // A second committee member approves the correction in publishing.
    const rev = await f.call(f.s.supervisor2, 'POST', `/api/v1/disclosures/${statement}/corrections/${proposal.id}/review`, {
      decision: 'approve',
      comment: '同意',
    });
    expect(rev.statusCode, rev.body).toBe(200);
    const done = await track(trackingCode, trackingSecret);
    expect(done.json()).toMatchObject({
      statusText: '已更正并重新公布',
      answer: '经调查核实，摘要不清楚，已责令社区更正并重新公布。',
      correction: { status: 'approved', version: 2, disclosureUrl: `/disclosures/${statement}` },
      canRate: true,
    });
    const page = await f.call(null, 'GET', `/disclosures/${statement}`);
    expect(page.body).toContain('已更正');
    expect(page.body).toContain(`根据群众询问（${esc.caseNo}）更正`);
    expect(page.body).toContain('这条信息共收到1件询问，已答复1件');
    // The town's answer is final: 满意 closes it.
    const sat = await respond(trackingCode, trackingSecret, 'satisfied');
    expect(sat.json()).toMatchObject({ status: 'closed', rating: '满意' });
    expect(errorOf(await respond(trackingCode, trackingSecret, 'basic')).code).toBe('ALREADY_RATED');
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/correct`, { body: '<p>x</p>' })).statusCode).toBe(409);

    // Published with consent: the public sees the question through the gate, never the name or phone.
    const pub = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${id}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const list = await f.call(null, 'GET', '/api/v1/interaction/public/cases');
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain('321323199001011236');
    expect(list.body).not.toContain('张三');
    expect(list.json().items[0].question).toContain('身份证号32*************236');
    const page2 = await f.call(null, 'GET', `/disclosures/${statement}`);
    expect(page2.body).toContain('经调查核实，摘要不清楚');
    expect((await verifyAuditChain(f.t.rt.ctx.db)).ok).toBe(true);
  }, 60_000);

  it('经核实无误, 未答复 after the limit, refusals of the public form', async () => {
    await f.goTo('2026-10-14');
    const check = await solvedCheck(f);
    const wrongCheck = await f.call(null, 'POST', '/api/v1/interaction/cases', {
      kind: 'question',
      disclosureId: statement,
      content: '期初余额是多少？',
      humanCheck: { token: check.token, answer: '9999' },
    });
    expect(errorOf(wrongCheck).code).toBe('HUMAN_CHECK_FAILED');
    const noDisclosure = await f.call(null, 'POST', '/api/v1/interaction/cases', {
      kind: 'question',
      disclosureId: '00000000-0000-0000-0000-000000000000',
      content: '期初余额是多少？',
      humanCheck: await solvedCheck(f),
    });
    expect(noDisclosure.statusCode).toBe(404);
    const badLine = await f.call(null, 'POST', '/api/v1/interaction/cases', {
      kind: 'question',
      disclosureId: statement,
      lineKind: 'finance',
      lineNo: 99,
      content: '第一百行是什么？',
      humanCheck: await solvedCheck(f),
    });
    expect(errorOf(badLine).code).toBe('LINE_NOT_FOUND');
    const long = await f.call(null, 'POST', '/api/v1/interaction/cases', {
      kind: 'question',
      disclosureId: statement,
      content: '问'.repeat(2001),
      humanCheck: await solvedCheck(f),
    });
    expect(errorOf(long)).toMatchObject({ code: 'TEXT_TOO_LONG' });
    expect(errorOf(long).message).toContain('2000');

    const a = (
      await f.call(null, 'POST', '/api/v1/interaction/cases', {
        kind: 'question',
        disclosureId: statement,
        content: '上级转移支付5万元是否全部入账？',
        humanCheck: await solvedCheck(f),
      })
    ).json();
    const v = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${a.id}/verify`, { answer: '经核实，已全额入账。' });
    expect(errorOf(v).code).toBe('TEXT_REQUIRED');
    const v2 = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${a.id}/verify`, {
      answer: '经核实，已全额入账。',
      facts: '核对银行进账单和记-001凭证。',
    });
    expect(v2.json()).toMatchObject({ status: 'answered', outcome: 'verified', outcomeText: '经核实无误' });
    expect((await track(a.trackingCode, a.trackingSecret)).json().facts).toBe('核对银行进账单和记-001凭证。');

    const b = (
      await f.call(null, 'POST', '/api/v1/interaction/cases', {
        kind: 'question',
        disclosureId: statement,
        content: '道路修缮材料费是哪条路？',
        humanCheck: await solvedCheck(f),
      })
    ).json();
    expect(b.dueOn).toBe('2026-10-24');
    expect(errorOf(await respond(b.trackingCode, b.trackingSecret, 'unanswered')).code).toBe('NOT_OVERDUE');
    expect(errorOf(await respond(b.trackingCode, b.trackingSecret, 'satisfied')).code).toBe('INVALID_STATE');
    await f.goTo('2026-10-26');
    const late = await respond(b.trackingCode, b.trackingSecret, 'unanswered');
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'escalated', unitName: '城厢街道' });
    // The town concludes there is nothing wrong; the asker's second 不满意 is final (no third level).
    const inv = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${b.id}/investigate`, {
      investigators: '街道经办人',
      investigatedOn: '2026-10-26',
      findings: '核对了施工合同和验收单',
      conclusion: '是社区南侧道路，公布内容无误。',
      order: 'none',
    });
    expect(inv.json()).toMatchObject({ status: 'answered', outcome: 'town-no-issue' });
    const fin = await respond(b.trackingCode, b.trackingSecret, 'unsatisfied', '还是不清楚');
    expect(fin.json()).toMatchObject({ status: 'closed' });
    expect(
      (
        await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${b.id}/investigate`, {
          investigators: '街道经办人',
          investigatedOn: '2026-10-26',
          findings: '再查一次的情况',
          conclusion: '再答复一次',
          order: 'none',
        })
      ).statusCode,
    ).toBe(409);
  }, 60_000);
});
