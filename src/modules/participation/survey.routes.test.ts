import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { templateSet } from '../assessment/assessment.rules.ts';
import { TOWN, VILLAGE, expectStatus, openParticipationFixture, solvedCheck, type ParticipationFixture } from './participation.fixture.ts';
import { runSatisfactionSchedules } from './survey.commands.ts';

describe('surveys', () => {
  let f: ParticipationFixture;
  let sid = '';
  let codes: string[] = [];

  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-30');
  }, 60_000);
  afterAll(() => f?.close());

  it('a village starts the county satisfaction survey with printed one-time codes (QR slips PDF)', async () => {
    const made = await f.call(f.s.clerk, 'POST', '/api/v1/participation/satisfaction/surveys', {
      unitCode: VILLAGE,
      startOn: '2026-04-01',
      endOn: '2026-04-10',
      method: 'codes',
    });
    expectStatus(made, 201);
    sid = made.json().id;
    expect(made.json().questions).toHaveLength(5);
    expectStatus(await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/publish`), 200);
    const pdf = await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/code-batches`, { count: 12 });
    expectStatus(pdf, 201);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const json = await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/code-batches`, { count: 4, format: 'json' });
    codes = json.json().codes;
    expect(codes).toHaveLength(4);
    const d = (await f.call(f.s.clerk, 'GET', `/api/v1/participation/surveys/${sid}`)).json();
    expect(d.codeBatches.map((b: { total: number; used: number }) => [b.total, b.used])).toEqual([
      [12, 0],
      [4, 0],
    ]);
    // Codes are never stored in clear.
    const stored = await f.t.rt.ctx.db.selectFrom('participation_survey_codes').select('code_hash').execute();
    expect(stored.some((r) => codes.includes(r.code_hash))).toBe(false);
    // Another village's clerk does not see the survey.
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/participation/surveys/${sid}`)).statusCode).toBe(404);
  });

  it('a code works once; a second use and an unknown code are refused; answers are validated with the skip rule', async () => {
    await f.goTo('2026-04-02');
    const answer = (code: string, answers: Record<string, unknown>) =>
      f.call(null, 'POST', `/api/v1/participation/public/surveys/${sid}/answers`, { code, answers });
    const missing = await answer(codes[0], { q1: 'a' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'INVALID_ANSWERS']);
    expect(missing.json().error.message).toContain('第2题');
    expectStatus(await answer(codes[0].toLowerCase(), { q1: 'a', q2: 5, q3: ['a', 'b'], q5: '希望多在微信群公开' }), 201);
    const reused = await answer(codes[0], { q1: 'a', q2: 5 });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, 'CODE_USED']);
    const unknown = await answer('ZZZZZZZZ', { q1: 'a', q2: 5 });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CODE_UNKNOWN']);
    // 不了解 skips to the last question: the required rating is not asked.
    expectStatus(await answer(codes[1], { q1: 'd' }), 201);
    expectStatus(await answer(codes[2], { q1: 'c', q2: 2, q4: 'c', q5: `电话13912345678` }), 201);
    expect(await f.t.rt.ctx.db.selectFrom('participation_survey_responses').select('id').execute()).toHaveLength(3);
    // Results are not public before they are published.
    expect((await f.call(null, 'GET', `/api/v1/participation/public/surveys/${sid}/results`)).statusCode).toBe(404);
  });

  it('after the end: results published with counts, anonymous, as .xlsx too', async () => {
    const early = await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/results/publish`);
    expect(early.json().error.code).toBe('SURVEY_NOT_CLOSED');
    await f.goTo('2026-04-11');
    const late = await f.call(null, 'POST', `/api/v1/participation/public/surveys/${sid}/answers`, { code: codes[3], answers: { q1: 'a', q2: 4 } });
    expect(late.json().error.code).toBe('SURVEY_CLOSED');
    expectStatus(await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/results/publish`), 200);
    const pub = await f.call(null, 'GET', `/api/v1/participation/public/surveys/${sid}/results`);
    expectStatus(pub, 200);
    const r = pub.json().results;
    expect(r.responses).toBe(3);
    expect(r.satisfaction).toEqual({ satisfied: 1, valid: 3 });
    expect(r.questions[0].options.map((o: { count: number }) => o.count)).toEqual([1, 0, 1, 1]);
    expect(pub.body).not.toContain('微信群公开');
    expect(pub.json().survey.methodText).toContain('一次性答题码');
    const x = await f.call(f.s.clerk, 'GET', `/api/v1/participation/surveys/${sid}/results.xlsx`);
    expectStatus(x, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const texts = wb.getWorksheet('简答题回答')!.getColumn(2).values.map(String).join('|');
    expect(texts).toContain('希望多在微信群公开');
    expect(texts).not.toContain('13912345678');
  });

  it('the satisfaction results reach the assessment score card of the village', async () => {
    const set = templateSet();
    set.indicators = set.indicators.map((i) =>
      i.key === 'work' ? { ...i, key: 'sat', name: '群众满意度（问卷调查）', kind: 'survey_satisfaction' as const, whenNoData: 'exclude' as const } : i,
    );
    const p = await f.call(f.s.countyAdmin, 'POST', '/api/v1/assessments', { kind: 'quarter', year: 2026, quarter: 2, set });
    expectStatus(p, 201);
    const card = await f.call(f.s.countyAdmin, 'GET', `/api/v1/assessments/${p.json().id}/units/${VILLAGE}`);
    expectStatus(card, 200);
    const sat = card.json().results.find((x: { key: string }) => x.key === 'sat');
    expect(JSON.stringify(sat)).toContain('满意及基本满意1份 ÷ 有效问卷3份');
    expect(sat.points).toBeGreaterThanOrEqual(0);
  });

  it('open answering: one answer per device (cookie), with the human check', async () => {
    const q = [
      {
        id: 'q1',
        type: 'single',
        title: '是否赞成设立便民服务点？',
        required: true,
        options: [
          { id: 'y', label: '赞成' },
          { id: 'n', label: '不赞成' },
        ],
      },
    ];
    const made = await f.call(f.s.clerk, 'POST', '/api/v1/participation/surveys', {
      unitCode: VILLAGE,
      kind: 'poll',
      title: '便民服务点民意调查',
      intro: '请选择',
      questions: q,
      method: 'open',
      perDevice: 1,
      startOn: '2026-04-11',
      endOn: '2026-04-30',
    });
    expectStatus(made, 201);
    const id = made.json().id;
    expectStatus(await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${id}/publish`), 200);
    const noCheck = await f.call(null, 'POST', `/api/v1/participation/public/surveys/${id}/answers`, { answers: { q1: 'y' } });
    expect(noCheck.json().error.code).toBe('HUMAN_CHECK_FAILED');
    const first = await f.call(null, 'POST', `/api/v1/participation/public/surveys/${id}/answers`, {
      answers: { q1: 'y' },
      humanCheck: await solvedCheck(f.t.app),
    });
    expectStatus(first, 201);
    const cookie = first.cookies.find((c) => c.name === 'gk_survey_device')!;
    const second = await f.call(
      null,
      'POST',
      `/api/v1/participation/public/surveys/${id}/answers`,
      { answers: { q1: 'n' }, humanCheck: await solvedCheck(f.t.app) },
      { cookie: `gk_survey_device=${cookie.value}` },
    );
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'DEVICE_LIMIT']);
  });

  it('refuses a bad questionnaire and the SMS method without a gateway', async () => {
    const bad = [
      {
        id: 'q1',
        type: 'single',
        title: '甲',
        required: true,
        options: [
          { id: 'a', label: '是' },
          { id: 'b', label: '否' },
        ],
        skip: [{ option: 'a', goTo: 'q1' }],
      },
      { id: 'q2', type: 'multiple', title: '乙', required: false, options: [{ id: 'a', label: '只有一个' }] },
    ];
    const res = await f.call(f.s.clerk, 'POST', '/api/v1/participation/surveys', {
      unitCode: VILLAGE,
      kind: 'survey',
      title: '问卷',
      intro: '',
      questions: bad,
      method: 'codes',
      startOn: '2026-04-11',
      endOn: '2026-04-30',
    });
    expect(res.json().error.code).toBe('INVALID_QUESTIONS');
    expect(res.json().error.message).toContain('第1题的跳题规则只能跳到后面的题目');
    expect(res.json().error.message).toContain('第2题是选择题，至少需要两个选项');
    const sms = await f.call(f.s.clerk, 'POST', '/api/v1/participation/surveys', {
      unitCode: VILLAGE,
      kind: 'survey',
      title: '问卷',
      intro: '',
      questions: [{ id: 'q1', type: 'rating', title: '打分', required: true }],
      method: 'sms',
      startOn: '2026-04-11',
      endOn: '2026-04-30',
    });
    expect([sms.statusCode, sms.json().error.code]).toEqual([409, 'SMS_NOT_CONFIGURED']);
  });

  it('the county schedules the yearly satisfaction survey; the job opens one per village once', async () => {
    const forbidden = await f.call(f.s.clerk, 'POST', '/api/v1/participation/satisfaction/schedules', {
      rootUnitCode: VILLAGE,
      every: 'yearly',
      opensMonthDay: '04-01',
      openDays: 30,
      method: 'codes',
    });
    expect(forbidden.statusCode).toBe(403);
    const schedule = { rootUnitCode: '321323002', every: 'yearly', opensMonthDay: '04-01', openDays: 30, method: 'codes' };
    const badDay = await f.call(f.s.countyAdmin, 'POST', '/api/v1/participation/satisfaction/schedules', { ...schedule, opensMonthDay: '02-30' });
    expect([badDay.statusCode, badDay.json().error.code]).toEqual([400, 'INVALID_DATE']);
    expect(badDay.json().error.message).toBe('开始日期请写成“月-日”，日在1到29之间，例如 11-01');
    const shortPeriod = await f.call(f.s.countyAdmin, 'POST', '/api/v1/participation/satisfaction/schedules', { ...schedule, openDays: 3 });
    expect(shortPeriod.statusCode).toBe(400);
    expect(await f.t.rt.ctx.db.selectFrom('participation_survey_schedules').select('id').execute()).toHaveLength(0);
    expectStatus(
      await f.call(f.s.countyAdmin, 'POST', '/api/v1/participation/satisfaction/schedules', {
        rootUnitCode: '321323002',
        every: 'yearly',
        opensMonthDay: '04-01',
        openDays: 30,
        method: 'codes',
      }),
      201,
    );
    const first = await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now());
    expect(first.created).toBeGreaterThan(0);
    expect((await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now())).created).toBe(0);
    const mine = (await f.call(f.s.clerk, 'GET', '/api/v1/participation/surveys?kind=satisfaction')).json().items;
    expect(mine.some((s: { period: string; title: string }) => s.period === '2026' && s.title.includes('2026年度'))).toBe(true);
  });
  it('the county admin pauses, resumes and edits a schedule: paused starts no round, resuming makes up none, edits apply from the next round', async () => {
    const base = '/api/v1/participation/satisfaction/schedules';
    await f.goTo('2026-07-01');
    const made = await f.call(f.s.countyAdmin, 'POST', base, { rootUnitCode: TOWN, every: 'quarterly', opensMonthDay: '01-05', openDays: 10, method: 'codes' });
    expectStatus(made, 201);
    const id: string = made.json().id;
    const url = `${base}/${id}`;
    const rounds = async () =>
      (
        await f.t.rt.ctx.db
          .selectFrom('participation_surveys')
          .select(['period', 'start_on', 'end_on'])
          .where('schedule_id', '=', id)
          .orderBy('period')
          .execute()
      ).map((r) => `${r.period} ${r.start_on}–${r.end_on}`);
    const row = () => f.t.rt.ctx.db.selectFrom('participation_survey_schedules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const refused = async (res: Awaited<ReturnType<typeof f.call>>) => [res.statusCode, res.json().error.code, res.json().error.message];

    // Who may: the county admin only; outside one's subtree the schedule does not exist.
    expect(await refused(await f.call(f.s.townOfficer, 'POST', `${url}/pause`))).toEqual([403, 'FORBIDDEN', '满意度调查的安排由县级管理员设定']);
    expect(await refused(await f.call(f.s.clerk, 'POST', `${url}/pause`))).toEqual([404, 'SCHEDULE_NOT_FOUND', '没有这项满意度调查安排']);
    expect((await f.call(f.s.countyAdmin, 'POST', `${base}/no-such-schedule/pause`)).statusCode).toBe(404);
    expect((await row()).active).toBe(1);

    const paused = await f.call(f.s.countyAdmin, 'POST', `${url}/pause`);
    expectStatus(paused, 200);
    expect(paused.json().active).toBe(false);
    expect(await refused(await f.call(f.s.countyAdmin, 'POST', `${url}/pause`))).toEqual([409, 'ALREADY_PAUSED', '这项安排已经暂停']);
    const audit = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['participation.schedule.create', 'participation.schedule.pause']);
    expect([JSON.parse(audit[1]!.before_json!).active, JSON.parse(audit[1]!.after_json!).active]).toEqual([true, false]);

    // Q3 opens on 07-05 while paused: the job starts nothing.
    await f.goTo('2026-07-06');
    await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now());
    expect(await rounds()).toEqual([]);
    const resumed = await f.call(f.s.countyAdmin, 'POST', `${url}/resume`);
    expectStatus(resumed, 200);
    expect([resumed.json().active, resumed.json().roundsFrom]).toEqual([true, '2026-07-06']);
    expect(await refused(await f.call(f.s.countyAdmin, 'POST', `${url}/resume`))).toEqual([409, 'NOT_PAUSED', '这项安排正在执行，不需要恢复']);
    // Resumed within Q3's answering days: the missed round is not made up, late or otherwise.
    await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now());
    expect(await rounds()).toEqual([]);
    // The next round opens on its day, once (the job is idempotent).
    await f.goTo('2026-10-05');
    expect((await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now())).created).toBeGreaterThan(0);
    expect((await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now())).created).toBe(0);
    const villages = new Set(
      (await f.t.rt.ctx.db.selectFrom('participation_surveys').select('unit_code').where('schedule_id', '=', id).execute()).map((r) => r.unit_code),
    );
    expect(villages.has(VILLAGE)).toBe(true);
    expect(new Set(await rounds())).toEqual(new Set(['2026-Q4 2026-10-05–2026-10-14']));

    // Editing: bad input and no change are refused with nothing saved; the new settings start with the next round.
    const settings = { every: 'half_yearly', opensMonthDay: '04-01', openDays: 20, method: 'codes' };
    const before = await row();
    expect(await refused(await f.call(f.s.countyAdmin, 'PUT', url, { ...settings, opensMonthDay: '13-01' }))).toEqual([
      400,
      'INVALID_DATE',
      '开始日期请写成“月-日”，日在1到29之间，例如 11-01',
    ]);
    expect(await refused(await f.call(f.s.countyAdmin, 'PUT', url, { every: 'quarterly', opensMonthDay: '01-05', openDays: 10, method: 'codes' }))).toEqual([
      400,
      'NOTHING_CHANGED',
      '安排没有改动',
    ]);
    expect((await f.call(f.s.countyAdmin, 'PUT', url, { ...settings, openDays: 3 })).statusCode).toBe(400);
    expect(await refused(await f.call(f.s.townOfficer, 'PUT', url, settings))).toEqual([403, 'FORBIDDEN', '满意度调查的安排由县级管理员设定']);
    expect(await row()).toEqual(before);
    const edited = await f.call(f.s.countyAdmin, 'PUT', url, settings);
    expectStatus(edited, 200);
    expect(edited.json()).toMatchObject({ every: 'half_yearly', opensMonthDay: '04-01', openDays: 20, active: true, roundsFrom: '2026-10-05' });
    const change = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('entity_id', '=', id)
      .where('action', '=', 'participation.schedule.update')
      .executeTakeFirstOrThrow();
    expect([JSON.parse(change.before_json!).every, JSON.parse(change.after_json!).every]).toEqual(['quarterly', 'half_yearly']);
    // 2026-H2 would have opened on 10-01, before the edit: not started. 2027-H1 opens on 04-01 with the new 20 days.
    await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now());
    await f.goTo('2027-04-02');
    await runSatisfactionSchedules(f.t.rt.ctx, f.clock.now());
    expect(new Set(await rounds())).toEqual(new Set(['2026-Q4 2026-10-05–2026-10-14', '2027-H1 2027-04-01–2027-04-20']));
    const listed = (await f.call(f.s.countyAdmin, 'GET', base)).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ every: 'half_yearly', active: true, roundsFrom: '2026-10-05', isDemo: false });
  });
});
