/**
 * 咨询 / 建议 / 投诉 (issue 16 §2): screening (accept, return, transfer with history), working-day limits across
 * holiday blocks, reminders and escalation through the notifications module without duplicates, ratings (不满意
 * reopens once, then the parent unit), merging with one reply to all, likely duplicates, 选登 and the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { runDailyReminders } from '../notifications/index.ts';
import { interactionReminders } from './interaction.reminders.ts';
import { figuresOf } from './interaction.queries.ts';
import { afterUnsatisfied, resolveTransition } from './interaction.workflow.ts';
import { DEPT, openInteractionFixture, solvedCheck, TOWN, VILLAGE, type InteractionFixture } from './interaction.fixture.ts';

describe('workflow rules (pure)', () => {
  it('不满意: a question goes to the town once; others reopen once, then go to the parent, then are final', () => {
    expect(afterUnsatisfied('question', 0, 0)).toEqual({ status: 'escalated', effect: 'escalate' });
    expect(afterUnsatisfied('question', 0, 1)).toEqual({ status: 'closed', effect: 'final' });
    expect(afterUnsatisfied('complaint', 0, 0)).toEqual({ status: 'handling', effect: 'reopen' });
    expect(afterUnsatisfied('complaint', 1, 0)).toEqual({ status: 'handling', effect: 'escalate' });
    expect(afterUnsatisfied('suggestion', 1, 1)).toEqual({ status: 'closed', effect: 'final' });
  });
  it('refuses actions from the wrong state (409), on a closed case (409 CASE_CLOSED) and for the wrong kind (400)', () => {
    expect(resolveTransition('complaint', 'screening', 'accept').ok).toBe(true);
    expect(resolveTransition('complaint', 'handling', 'accept')).toMatchObject({ ok: false, status: 409, code: 'INVALID_STATE' });
    expect(resolveTransition('complaint', 'closed', 'answer')).toMatchObject({ ok: false, status: 409, code: 'CASE_CLOSED' });
    expect(resolveTransition('complaint', 'handling', 'correct')).toMatchObject({ ok: false, status: 400, code: 'NOT_FOR_KIND' });
    expect(resolveTransition('question', 'handling', 'accept')).toMatchObject({ ok: false, status: 400 });
  });
  it('figures: on time, overdue (late answers and open past due), satisfaction over rated cases', () => {
    const base = { status: 'closed', outcome: 'answered', rating: null, due_on: '2026-10-10', answered_on: '2026-10-09', case_no: 'a' } as never as Parameters<
      typeof figuresOf
    >[0][number];
    const f = figuresOf(
      [
        { ...base, case_no: '1', rating: 'satisfied' },
        { ...base, case_no: '2', answered_on: '2026-10-12', rating: 'unsatisfied' },
        { ...base, case_no: '3', status: 'handling', outcome: null, answered_on: null },
        { ...base, case_no: '4', status: 'returned', outcome: 'returned' },
      ],
      '2026-10-11',
    );
    expect(f).toMatchObject({
      received: 4,
      answered: 2,
      answeredOnTime: 1,
      overdue: 2,
      open: 1,
      rated: 2,
      satisfied: 1,
      unsatisfied: 1,
      satisfactionRate: 0.5,
      caseNos: ['1', '2', '3', '4'],
    });
  });
});

describe('suggestions and complaints', () => {
  let f: InteractionFixture;
  beforeAll(async () => {
    f = await openInteractionFixture('2026-09-28');
  }, 120_000);
  afterAll(() => f?.t.close());

  const submit = async (body: Record<string, unknown>) => f.call(null, 'POST', '/api/v1/interaction/cases', { humanCheck: await solvedCheck(f), ...body });
  const respond = (c: { trackingCode: string; trackingSecret: string }, response: string, reason?: string) =>
    f.call(null, 'POST', '/api/v1/interaction/track/respond', { code: c.trackingCode, secret: c.trackingSecret, response, reason });

  it('screening: accept, return with reason, transfer with reason (the receiving unit sees the history); limits across 国庆', async () => {
    const c = await submit({ kind: 'complaint', unitCode: VILLAGE, subject: '路灯不亮', content: '社区广场的路灯坏了一个月没人修。' });
    expect(c.statusCode, c.body).toBe(201);
    // 10 working days (county default) from 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (working Saturday), 10-12 … 10-16.
    expect(c.json()).toMatchObject({ status: 'screening', dueOn: '2026-10-16' });
    const id = c.json().id;
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/screen`, { decision: 'transfer' })).code).toBe('TEXT_REQUIRED');
    expect(
      errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/screen`, { decision: 'transfer', reason: '路灯归街道管', toUnitCode: VILLAGE }))
        .code,
    ).toBe('SAME_UNIT');
    expect(
      (await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/screen`, { decision: 'transfer', reason: '路灯归街道管', toUnitCode: 'no-such-unit' }))
        .statusCode,
    ).toBe(404);
    const tr = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/screen`, {
      decision: 'transfer',
      reason: '广场路灯由街道负责维护',
      toUnitCode: TOWN,
    });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json()).toMatchObject({ status: 'screening', unit: { code: TOWN } });
    // The receiving unit sees the history, including the reason.
    const seen = (await f.call(f.s.townOfficer, 'GET', `/api/v1/interaction/cases/${id}`)).json();
    expect(seen.steps.map((s: { action: string }) => s.action)).toEqual(['intake', 'transfer']);
    expect(seen.steps[1]).toMatchObject({ note: '广场路灯由街道负责维护', unit: '卜湖社区' });
    expect(seen.nextActions).toEqual(expect.arrayContaining(['accept', 'return', 'transfer']));
    // The village no longer handles it (it still sees it: it was addressed to it).
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${id}/screen`, { decision: 'accept' })).statusCode).toBe(403);
    expect((await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${id}/screen`, { decision: 'accept' })).json().status).toBe('handling');

    const r = await submit({ kind: 'consult', unitCode: DEPT, content: '邻居装修噪音很大怎么办？' });
    const ret = await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/cases/${r.json().id}/screen`, {
      decision: 'return',
      reason: '不属于民政局职责，请向所在社区或城管部门反映',
    });
    expect(ret.json()).toMatchObject({ status: 'returned', outcome: 'returned' });
    expect((await f.call(null, 'GET', `/api/v1/interaction/track?code=${r.json().trackingCode}&secret=${r.json().trackingSecret}`)).json()).toMatchObject({
      statusText: '已退回',
      answer: '不属于民政局职责，请向所在社区或城管部门反映',
    });
    // A closed case refuses every further step.
    const closed = await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/cases/${r.json().id}/answer`, { answer: '再答复一次试试' });
    expect(closed.statusCode).toBe(409);
    expect(errorOf(closed).code).toBe('CASE_CLOSED');
  });

  it('不满意 reopens once at the same unit, then goes to the parent unit; a rating twice is refused', async () => {
    await f.goTo('2026-10-12');
    const c = (await submit({ kind: 'complaint', unitCode: VILLAGE, content: '社区服务大厅中午没人值班。', publishConsent: true })).json();
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/screen`, { decision: 'accept' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/answer`, { answer: '已提醒工作人员注意。' });
    expect((await respond(c, 'unsatisfied', '没说以后怎么安排')).json()).toMatchObject({ status: 'handling', unitName: '卜湖社区' });
    expect(errorOf(await respond(c, 'unsatisfied', '又不满意')).code).toBe('ALREADY_RATED');
    const d = (await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${c.id}`)).json();
    // Reopened on 10-12: a new limit of 10 working days.
    expect(d).toMatchObject({ status: 'handling', reopenCount: 1, dueOn: '2026-10-26' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/answer`, { answer: '中午安排两人轮流值班。' });
    expect((await respond(c, 'unsatisfied', '还是没人')).json()).toMatchObject({ status: 'handling', unitName: '城厢街道' });
    const up = (await f.call(f.s.townOfficer, 'GET', `/api/v1/interaction/cases/${c.id}`)).json();
    expect(up).toMatchObject({ unit: { code: TOWN }, escalationLevel: 1, nextActions: expect.arrayContaining(['answer']) });
    await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${c.id}/answer`, { answer: '街道已督促社区落实午间值班。' });
    expect((await respond(c, 'basic')).json()).toMatchObject({ status: 'closed', rating: '基本满意' });
    const pub = await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${c.id}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    expect(errorOf(await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${c.id}/publish`, {})).code).toBe('ALREADY_PUBLISHED');
    const noConsent = (await submit({ kind: 'suggestion', unitCode: VILLAGE, content: '建议多种些树。' })).json();
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${noConsent.id}/screen`, { decision: 'accept' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${noConsent.id}/answer`, { answer: '明年春季安排植树。' });
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${noConsent.id}/publish`, {})).code).toBe('NO_CONSENT');
  });

  it('a 选登 withdrawn keeps the case and its history, shows the date and reason publicly, and cannot be published again', async () => {
    const c = (await submit({ kind: 'suggestion', unitCode: VILLAGE, content: '建议在村部门口装一盏路灯。', publishConsent: true })).json();
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/screen`, { decision: 'accept' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/answer`, { answer: '已列入明年的村级公益事业计划。' });
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/publish`, {})).statusCode).toBe(200);
    const publicUrl = `/api/v1/interaction/public/cases/${c.id}`;
    expect((await f.call(null, 'GET', publicUrl)).json()).toMatchObject({ question: '建议在村部门口装一盏路灯。', withdrawn: null });
    const withdraw = (who: typeof f.s.clerk | null, reason: string) =>
      f.call(who, 'POST', `/api/v1/interaction/cases/${c.id}/withdraw-publication`, { reason });
    // Refused, each with a Chinese message, and the publication stays: no reason, a reason with a phone number, someone else.
    const short = await withdraw(f.s.clerk, '撤回');
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).message).toMatch(/撤回理由/);
    expect((await withdraw(f.s.clerk, '提出人13812345678要求撤回')).statusCode).toBe(400);
    expect((await withdraw(null, '提出人要求不再公开')).statusCode).toBe(401);
    const other = await withdraw(f.s.townOfficer, '提出人要求不再公开');
    expect([403, 404]).toContain(other.statusCode);
    expect((await f.call(null, 'GET', publicUrl)).json().withdrawn).toBeNull();
    // Withdrawn: the public address says when and why, without the content; the staff view keeps everything.
    const done = await withdraw(f.s.clerk, '提出人要求不再公开其建议');
    expect(done.statusCode, done.body).toBe(200);
    const pub = (await f.call(null, 'GET', publicUrl)).json();
    expect(pub).toMatchObject({ question: '', answer: '', withdrawn: { reason: '提出人要求不再公开其建议' } });
    expect(pub.withdrawn.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const staff = (await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${c.id}`)).json();
    expect(staff.content).toBe('建议在村部门口装一盏路灯。');
    expect(JSON.stringify(staff)).toContain('撤回选登');
    expect(errorOf(await withdraw(f.s.clerk, '提出人要求不再公开其建议')).code).toBe('ALREADY_WITHDRAWN');
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/publish`, {})).code).toBe('PUBLICATION_WITHDRAWN');
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'interaction.publication.withdraw').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([c.id]);
  });

  it('a published 选登 answer is corrected, never silently changed: history kept, public reason and earlier answer shown, audited; refusals', async () => {
    const c = (await submit({ kind: 'consult', unitCode: VILLAGE, content: '社区卫生室周末开门吗？', publishConsent: true })).json();
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/screen`, { decision: 'accept' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/answer`, { answer: '卫生室周六上午开门。' });
    const correct = (who: typeof f.s.clerk | null, body: object) => f.call(who, 'POST', `/api/v1/interaction/cases/${c.id}/correct-publication`, body);
    const body = { answer: '卫生室周六、周日上午都开门。', reason: '原答复漏了周日上午' };
    // Not yet published: nothing public to correct (the answer is simply the answer).
    expect(errorOf(await correct(f.s.clerk, body))).toMatchObject({ code: 'NOT_PUBLISHED' });
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/publish`, {})).statusCode).toBe(200);
    expect((await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${c.id}`)).json().nextActions).toContain('correct-publication');
    const publicUrl = `/api/v1/interaction/public/cases/${c.id}`;
    const before = (await f.call(null, 'GET', publicUrl)).json();
    expect(before).toMatchObject({ answer: '卫生室周六上午开门。', corrections: [] });
    // Refused, and the published answer stays: no reason, a short reason, a reason with a phone, an unmasked ID number in
    // the answer, the same answer, someone outside the unit (404), the village's supervisor (403), anonymous (401).
    expect(errorOf(await correct(f.s.clerk, { ...body, reason: '' })).code).toBe('TEXT_REQUIRED');
    expect(errorOf(await correct(f.s.clerk, { ...body, reason: '有误' })).code).toBe('TEXT_TOO_SHORT');
    expect((await correct(f.s.clerk, { ...body, reason: '应询问人13812345678要求更正' })).statusCode).toBe(400);
    expect((await correct(f.s.clerk, { ...body, answer: '请携带身份证320123199001011234到卫生室咨询。' })).statusCode).toBe(400);
    expect(errorOf(await correct(f.s.clerk, { ...body, answer: '卫生室周六上午开门。' })).code).toBe('NOTHING_CHANGED');
    expect((await correct(f.s.otherClerk, body)).statusCode).toBe(404);
    expect((await correct(f.s.supervisor, body)).statusCode).toBe(403);
    expect((await correct(null, body)).statusCode).toBe(401);
    expect((await f.call(null, 'GET', publicUrl)).json()).toMatchObject({ answer: '卫生室周六上午开门。', corrections: [] });
    // Corrected: the public reads the new answer, 已更正 with the reason, and the answer it replaced.
    const done = await correct(f.s.clerk, body);
    expect(done.statusCode, done.body).toBe(200);
    const again = await correct(f.s.clerk, { answer: '卫生室周六、周日上午8点至11点开门。', reason: '补充开门的具体时间' });
    expect(again.statusCode, again.body).toBe(200);
    const pub = (await f.call(null, 'GET', publicUrl)).json();
    expect(pub.answer).toBe('卫生室周六、周日上午8点至11点开门。');
    expect(pub.corrections).toEqual([
      { version: 2, on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: '原答复漏了周日上午', earlierAnswer: '卫生室周六上午开门。' },
      { version: 3, on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: '补充开门的具体时间', earlierAnswer: '卫生室周六、周日上午都开门。' },
    ]);
    const page = await f.call(null, 'GET', `/interaction/cases/${c.id}`);
    expect(page.body).toContain('已更正：补充开门的具体时间');
    expect(page.body).toContain('更正前的答复：卫生室周六上午开门。');
    const staff = (await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${c.id}`)).json();
    expect(JSON.stringify(staff)).toContain('更正选登的答复（第3版）');
    const audit = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['entity_id', 'before_json', 'after_json'])
      .where('action', '=', 'interaction.publication.correct')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([c.id, c.id]);
    expect(audit[0].before_json).toContain('卫生室周六上午开门。');
    // Withdrawn: no more corrections, and the public address keeps only the date and reason.
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${c.id}/withdraw-publication`, { reason: '提出人要求不再公开' })).statusCode).toBe(200);
    expect(errorOf(await correct(f.s.clerk, { answer: '另一版答复内容。', reason: '再次更正答复' })).code).toBe('PUBLICATION_WITHDRAWN');
    expect((await f.call(null, 'GET', publicUrl)).json()).toMatchObject({ answer: '', corrections: [] });
  });

  it("routing by domain: a case to no unit or to the county goes to the unit the county's rules name for its domain", async () => {
    const unitOf = async (r: { statusCode: number; body: string; json: () => { id: string } }) => {
      expect(r.statusCode, r.body).toBe(201);
      return (await f.call(f.s.countyAdmin, 'GET', `/api/v1/interaction/cases/${r.json().id}`)).json();
    };
    const content = '低保申请交上去一个月了没有消息。';
    // Entered by the county office from a phone call (the public form is rate-limited; routing is the same for both).
    const submit = (body: Record<string, unknown>) =>
      f.call(f.s.countyAdmin, 'POST', '/api/v1/interaction/cases/intake', { channel: 'phone', receivedOn: f.clock.now().toISOString().slice(0, 10), ...body });
    // The county default (a county choice, labelled so): 社会救助 → 民政局.
    const settings = (await f.call(f.s.countyAdmin, 'GET', '/api/v1/interaction/settings')).json();
    expect(settings.defaults.domainRoutes).toContainEqual({ domainCode: 'shjz', unitCode: DEPT, source: expect.stringContaining('县级自定') });
    const noUnit = await unitOf(await submit({ kind: 'complaint', domainCode: 'shjz', content }));
    expect(noUnit.unit.code).toBe(DEPT);
    expect(JSON.stringify(noUnit.timeline ?? noUnit)).toContain('按公开领域“社会救助”交由');
    expect((await unitOf(await submit({ kind: 'complaint', unitCode: '321323', domainCode: 'shjz', content }))).unit.code).toBe(DEPT);
    // A unit the person chose is kept (it may transfer); a domain with no rule needs a unit; an unknown domain is refused.
    expect((await unitOf(await submit({ kind: 'complaint', unitCode: VILLAGE, domainCode: 'shjz', content }))).unit.code).toBe(VILLAGE);
    expect(errorOf(await submit({ kind: 'complaint', domainCode: 'hjgl', content })).code).toBe('UNIT_REQUIRED');
    expect(errorOf(await submit({ kind: 'complaint', domainCode: 'no-such-domain', content })).code).toBe('DOMAIN_NOT_FOUND');
    // The county changes the rule (data, audited); a rule naming an unknown domain or unit is refused and nothing changes.
    const put = (domainRoutes: unknown) => f.call(f.s.countyAdmin, 'PUT', '/api/v1/interaction/settings', { ...settings.settings, domainRoutes });
    const bad = await put([{ domainCode: 'no-such-domain', unitCode: 'no-such-unit', source: '县级自定' }]);
    expect(errorOf(bad)).toMatchObject({ code: 'INVALID_SETTINGS', message: expect.stringContaining('no-such-domain') });
    expect(errorOf(bad).message).toContain('no-such-unit');
    expect(errorOf(await put([...settings.settings.domainRoutes, settings.settings.domainRoutes[0]])).code).toBe('INVALID_SETTINGS');
    expect((await f.call(f.s.clerk, 'PUT', '/api/v1/interaction/settings', { ...settings.settings, domainRoutes: [] })).statusCode).toBe(403);
    const changed = await put([{ domainCode: 'shjz', unitCode: TOWN, source: '县政府办通知（测试）' }]);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await unitOf(await submit({ kind: 'complaint', domainCode: 'shjz', content }))).unit.code).toBe(TOWN);
    expect(errorOf(await submit({ kind: 'complaint', domainCode: 'ylfw', content })).code).toBe('UNIT_REQUIRED');
    expect((await f.call(f.s.countyAdmin, 'PUT', '/api/v1/interaction/settings', settings.settings)).statusCode).toBe(200);
    const audits = await f.t.rt.ctx.db.selectFrom('audit_events').select('after_json').where('action', '=', 'interaction.intake').execute();
    expect(audits.filter((a) => a.after_json?.includes('"routedByDomain":true')).length).toBe(3);
  });

  it('likely duplicates are shown; merging gives one reply to every merged case', async () => {
    const a = (await submit({ kind: 'complaint', unitCode: VILLAGE, content: '社区南侧道路施工以后路面没有恢复，下雨天积水严重。' })).json();
    const b = (await submit({ kind: 'complaint', unitCode: VILLAGE, content: '社区南侧道路施工以后路面没有恢复，积水严重。' })).json();
    const other = (await submit({ kind: 'complaint', unitCode: VILLAGE, content: '菜市场门口乱停车，出行不便。' })).json();
    const dv = (await f.call(f.s.clerk, 'GET', `/api/v1/interaction/cases/${b.id}`)).json();
    expect(dv.duplicates.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(dv.duplicates.map((x: { id: string }) => x.id)).not.toContain(other.id);
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${b.id}/merge`, { intoId: b.id })).code).toBe('SAME_CASE');
    const m = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${b.id}/merge`, { intoId: a.id });
    expect(m.json()).toMatchObject({ status: 'merged', mergedInto: a.id });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${a.id}/screen`, { decision: 'accept' });
    await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${a.id}/answer`, { answer: '已联系施工方，本周内恢复路面。' });
    const tb = (await f.call(null, 'GET', `/api/v1/interaction/track?code=${b.trackingCode}&secret=${b.trackingSecret}`)).json();
    expect(tb).toMatchObject({ statusText: '已答复', answer: '已联系施工方，本周内恢复路面。', canRate: true });
  });

  it('reminders: due soon and overdue items for the owing unit; the daily run escalates once to the parent', async () => {
    await f.goTo('2026-10-12');
    const c = (await submit({ kind: 'consult', unitCode: VILLAGE, content: '新农合今年交多少钱？' })).json();
    // Consult: 5 working days from 10-12 → 10-19.
    expect(c.dueOn).toBe('2026-10-19');
    const soon = (await interactionReminders(f.t.rt.ctx, '2026-10-16')).filter((r) => r.key.startsWith(`interaction:${c.id}:`));
    expect(soon).toEqual([
      expect.objectContaining({ unitCode: VILLAGE, status: 'due-soon', dueDate: '2026-10-19', overdueWorkingDays: 0, link: `/admin/interaction/${c.id}` }),
    ]);
    const late = (await interactionReminders(f.t.rt.ctx, '2026-10-29')).filter((r) => r.key.startsWith(`interaction:${c.id}:`));
    expect(late).toEqual([expect.objectContaining({ status: 'overdue', overdueWorkingDays: 8 })]);
    await f.goTo('2026-10-29');
    await runDailyReminders(f.t.rt.ctx, '2026-10-29');
    await runDailyReminders(f.t.rt.ctx, '2026-10-29');
    const esc = await f.t.rt.ctx.db.selectFrom('reminder_escalations').selectAll().where('item_key', 'like', `interaction:${c.id}:%`).execute();
    expect(esc).toHaveLength(1);
    const told = await f.t.rt.ctx.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.state', 'n.title'])
      .where('n.item_key', 'like', `interaction:${c.id}:%`)
      .execute();
    expect(told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'townofficer', state: 'escalated' }),
        expect.objectContaining({ username: 'clerk', state: 'overdue' }),
      ]),
    );
    expect(told.find((n) => n.username === 'townofficer')!.title).toContain(c.caseNo);
    // The figures of October for the village: received, on time, overdue, satisfaction.
    const fig = await f.call(f.s.townOfficer, 'GET', `/api/v1/interaction/figures?unit=${VILLAGE}&from=2026-10-01&to=2026-10-31`);
    expect(fig.statusCode, fig.body).toBe(200);
    expect(fig.json().received).toBeGreaterThanOrEqual(6);
    expect(fig.json().overdue).toBeGreaterThanOrEqual(1);
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/interaction/figures?unit=${VILLAGE}&from=2026-10-01&to=2026-10-31`)).statusCode).toBe(404);
    const pubFig = await f.call(null, 'GET', '/api/v1/interaction/public/figures?month=2026-10');
    expect(pubFig.json().units.find((u: { code: string }) => u.code === VILLAGE).figures.received).toBe(fig.json().received);
    const page = await f.call(null, 'GET', '/interaction/figures?month=2026-10');
    expect(page.body).toContain('卜湖社区');
  });
});
