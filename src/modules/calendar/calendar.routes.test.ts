import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { errorOf, loginAs, makeUser, openTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.ts';
import { getCalendar, getDeadline, registerDeadlineRecomputer, upsertDeadline } from './index.ts';
import { seedCalendarBaseline } from './calendar.service.ts';

const COUNTY = '321323';
const VILLAGE = '321323106211';
// A fixed clock: "now" is 2026-11-26 (China time), so /years must cover 2004–2027.
const clock = { now: () => new Date('2026-11-26T02:00:00.000Z') };

const HAN = /[\u4e00-\u9fa5]/;

function expect400(res: LightMyRequestResponse, contains?: string | RegExp) {
  expect(res.statusCode, res.body).toBe(400);
  const e = errorOf(res);
  expect(e.message).toMatch(HAN);
  if (contains) expect(e.message).toMatch(contains);
}

/** 2027 as the notice might publish it (illustrative data for tests). */
const YEAR_2027 = {
  sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-07', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'holiday', name: '春节' },
    { date: '2027-02-13', kind: 'holiday', name: '春节' },
    { date: '2027-02-14', kind: 'adjusted_workday', name: '春节' },
  ],
};

let t: TestApp;
let admin: Session;
let clerk: Session;

async function auditCount(): Promise<number> {
  const res = await t.app.inject({ url: '/api/v1/audit/verify', headers: admin.headers() });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { ok: boolean; count: number };
  expect(body.ok).toBe(true);
  return body.count;
}

async function yearStatus(year: number): Promise<{ status: string; days: unknown[]; sourceNotice: string | null }> {
  const res = await t.app.inject({ url: `/api/v1/calendar/years/${year}`, headers: clerk.headers() });
  expect(res.statusCode).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await openTestApp({ clock });
  admin = await loginAs(t.app, await makeUser(t.rt, 'county_admin', COUNTY));
  clerk = await loginAs(t.app, await makeUser(t.rt, 'village_clerk', VILLAGE));
});
afterAll(async () => {
  await t.close();
});

describe('public endpoints', () => {
  it.each([
    ['2026-02-14', true, 'adjusted_workday', '春节'],
    ['2026-02-16', false, 'holiday', '春节'],
    ['2026-03-04', true, 'workday', null],
    ['2026-03-07', false, 'weekend', null],
    ['2025-01-26', true, 'adjusted_workday', '春节'],
  ])('GET /days/%s', async (date, workday, kind, name) => {
    const res = await t.app.inject({ url: `/api/v1/calendar/days/${date}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date, workday, kind, name, provisional: false });
  });

  it('a day in a year without data is provisional with a reason', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/days/2027-03-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ workday: true, kind: 'workday', provisional: true, reason: '2027年的节假日安排尚未录入，结果按周末规则推算，仅供参考' });
  });

  it('add-working-days across the 2026 Spring Festival', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/add-working-days?from=2026-02-10&days=20' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: '2026-02-10', days: 20, date: '2026-03-16', provisional: false });
  });

  it('add-working-days with days=0 returns the start date', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/add-working-days?from=2026-02-15&days=0' });
    expect(res.json()).toMatchObject({ date: '2026-02-15', provisional: false });
  });

  it('add-working-days into a missing year is provisional', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/add-working-days?from=2026-12-20&days=20' });
    expect(res.json()).toMatchObject({ date: '2027-01-15', provisional: true, reason: expect.stringContaining('2027年') });
  });

  it('working-days-between', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/working-days-between?from=2026-02-10&to=2026-03-16' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: '2026-02-10', to: '2026-03-16', workingDays: 20, provisional: false });
    const same = await t.app.inject({ url: '/api/v1/calendar/working-days-between?from=2026-03-16&to=2026-03-16' });
    expect(same.json()).toMatchObject({ workingDays: 0 });
  });

  it.each([
    ['/api/v1/calendar/days/2026-02-30', '不是有效日期'],
    ['/api/v1/calendar/days/2026-2-1', '不是有效日期'],
    ['/api/v1/calendar/days/abc', '不是有效日期'],
    ['/api/v1/calendar/days/2026-13-01', '不是有效日期'],
    ['/api/v1/calendar/days/0001-01-01', '超出支持范围'],
    ['/api/v1/calendar/add-working-days?days=5', '缺少必填项 from'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02', '缺少必填项 days'],
    ['/api/v1/calendar/add-working-days?from=2026-02-30&days=5', '不是有效日期'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02&days=-1', '0至3650'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02&days=3651', '0至3650'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02&days=99999999', '0至3650'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02&days=abc', 'days'],
    ['/api/v1/calendar/add-working-days?from=2026-03-02&days=1.5', 'days'],
    ['/api/v1/calendar/working-days-between?from=2026-03-10&to=2026-03-02', '早于'],
    ['/api/v1/calendar/working-days-between?from=2026-03-10', '缺少必填项 to'],
    ['/api/v1/calendar/working-days-between?from=2026-03-10&to=2026-04-31', '不是有效日期'],
    ['/api/v1/calendar/working-days-between?from=1900-01-01&to=2100-01-01', '跨度过大'],
  ])('400 for %s', async (url, contains) => {
    expect400(await t.app.inject({ url }), contains);
  });
});

describe('year listing (logged-in users)', () => {
  it('anonymous → 401', async () => {
    expect((await t.app.inject({ url: '/api/v1/calendar/years' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/calendar/years/2026' })).statusCode).toBe(401);
  });

  it('covers 2004 through next year, baseline years official', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/years', headers: clerk.headers() });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: { year: number; status: string; sourceNotice: string; holidayCount: number; adjustedWorkdayCount: number; updatedBy: string | null }[];
      missingYears: number[];
    };
    expect(body.items.map((i) => i.year)).toEqual(Array.from({ length: 24 }, (_, i) => 2004 + i));
    expect(body.missingYears).toEqual([2027]);
    const y2026 = body.items.find((i) => i.year === 2026)!;
    expect(y2026).toMatchObject({ status: 'official', holidayCount: 33, adjustedWorkdayCount: 6, updatedBy: null });
    expect(y2026.sourceNotice).toContain('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('one year in detail', async () => {
    const y = await yearStatus(2024);
    expect(y.status).toBe('official');
    expect(y.days).toContainEqual({ date: '2024-02-04', kind: 'adjusted_workday', name: '春节' });
    expect(y.days).toContainEqual({ date: '2024-10-01', kind: 'holiday', name: '国庆节' });
    expect(await yearStatus(2030)).toMatchObject({ status: 'missing', sourceNotice: null, days: [] });
  });
});

describe('PUT /years/:year', () => {
  it('village clerk → 403, anonymous → 401, missing CSRF → 403; nothing written', async () => {
    const before = await auditCount();
    const clerkRes = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', headers: clerk.headers(), payload: YEAR_2027 });
    expect(clerkRes.statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', payload: YEAR_2027 });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', headers: { cookie: admin.cookie }, payload: YEAR_2027 });
    expect(noCsrf.statusCode).toBe(403);
    expect(errorOf(noCsrf).code).toBe('CSRF_FAILED');
    expect((await yearStatus(2027)).status).toBe('missing');
    expect(await auditCount()).toBe(before);
  });

  const bad: [string, number, object, string | RegExp][] = [
    ['date outside the year', 2027, { ...YEAR_2027, days: [...YEAR_2027.days, { date: '2028-01-01', kind: 'holiday', name: '元旦' }] }, '不属于2027年'],
    ['non-existent date', 2027, { ...YEAR_2027, days: [...YEAR_2027.days, { date: '2027-02-30', kind: 'holiday', name: '春节' }] }, '不存在或格式不正确'],
    ['badly shaped date', 2027, { ...YEAR_2027, days: [{ date: '2027/01/01', kind: 'holiday', name: '元旦' }] }, '不存在或格式不正确'],
    ['duplicate date', 2027, { ...YEAR_2027, days: [...YEAR_2027.days, { date: '2027-01-01', kind: 'holiday', name: '元旦' }] }, '重复录入'],
    [
      'holiday and make-up day at once',
      2027,
      { ...YEAR_2027, days: [...YEAR_2027.days, { date: '2027-01-02', kind: 'adjusted_workday', name: '元旦' }] },
      '既是放假日又是调休上班日',
    ],
    [
      'make-up day on a weekday',
      2027,
      { ...YEAR_2027, days: [...YEAR_2027.days, { date: '2027-01-06', kind: 'adjusted_workday', name: '元旦' }] },
      '调休上班日应为周六或周日，2027-01-06 是星期三',
    ],
    ['empty source notice', 2027, { ...YEAR_2027, sourceNotice: '  ' }, '请填写依据的通知'],
    ['year too early', 1999, { ...YEAR_2027, days: [{ date: '1999-01-01', kind: 'holiday', name: '元旦' }] }, '2000–2100'],
    ['year too late', 2101, { ...YEAR_2027, days: [{ date: '2101-01-01', kind: 'holiday', name: '元旦' }] }, '2000–2100'],
    ['no days', 2027, { ...YEAR_2027, days: [] }, '至少录入一天'],
    ['empty name', 2027, { ...YEAR_2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '' }] }, '节日名称'],
    ['unknown kind (schema)', 2027, { ...YEAR_2027, days: [{ date: '2027-01-01', kind: 'vacation', name: '元旦' }] }, '不是允许的取值'],
    ['unknown field (schema)', 2027, { ...YEAR_2027, extra: 1 }, '不支持的字段'],
  ];
  it.each(bad)('400: %s, nothing changes', async (_label, year, payload, contains) => {
    const before = await auditCount();
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/calendar/years/${year}`, headers: admin.headers(), payload });
    expect400(res, contains);
    expect((await yearStatus(year)).status).toBe('missing');
    expect(await auditCount()).toBe(before);
  });

  it('county admin enters 2027: 200, days take effect, audit event written, stored deadline recomputed', async () => {
    const calls: number[][] = [];
    registerDeadlineRecomputer({
      name: 'test.recorder',
      async recompute(_ctx, _trx, years) {
        calls.push(years);
        return 0;
      },
    });
    // Two stored deadlines: one runs into 2027 (provisional), one stays inside 2026.
    const calendar = await getCalendar(t.rt.ctx);
    const [into2027, in2026] = await t.rt.ctx.db
      .transaction()
      .execute(async (trx) => [
        await upsertDeadline(trx, calendar, { ownerType: 'test.answer', ownerId: 'a1', fromDate: '2026-12-20', workingDays: 20, now: clock.now() }),
        await upsertDeadline(trx, calendar, { ownerType: 'test.answer', ownerId: 'a2', fromDate: '2026-03-02', workingDays: 5, now: clock.now() }),
      ]);
    expect(into2027).toMatchObject({ dueDate: '2027-01-15', provisional: true, years: [2026, 2027] });
    expect(into2027.reason).toContain('2027年');
    expect(in2026).toMatchObject({ dueDate: '2026-03-09', provisional: false, years: [2026] });

    const before = await auditCount();
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', headers: admin.headers(), payload: YEAR_2027 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      years: [{ year: 2027, holidayCount: 11, adjustedWorkdayCount: 1 }],
      recomputedDeadlines: 1,
      changedDeadlines: 1,
    });
    expect(calls).toEqual([[2027]]);

    // 2026-12-20 + 20 with 元旦 2027-01-01..03 off: Dec 21–25 (5), 28–31 (9), Jan 4–8 (14), 11–15 (19), 18 (20).
    expect(await getDeadline(t.rt.ctx.db, 'test.answer', 'a1')).toMatchObject({ dueDate: '2027-01-18', provisional: false, years: [2026, 2027] });
    expect(await getDeadline(t.rt.ctx.db, 'test.answer', 'a2')).toMatchObject({ dueDate: '2026-03-09', updatedAt: in2026.updatedAt });

    const day = await t.app.inject({ url: '/api/v1/calendar/days/2027-01-01' });
    expect(day.json()).toEqual({ date: '2027-01-01', workday: false, kind: 'holiday', name: '元旦', provisional: false });
    const y = await yearStatus(2027);
    expect(y).toMatchObject({ status: 'official', sourceNotice: YEAR_2027.sourceNotice });
    expect(y.days).toHaveLength(12);

    expect(await auditCount()).toBe(before + 1);
    const events = await t.app.inject({ url: '/api/v1/audit/events?action=calendar.year.replace&entityId=2027', headers: admin.headers() });
    const items = (events.json() as { items: { action: string; entityId: string; actorUsername: string }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'calendar.year.replace', entityId: '2027' });

    const list = await t.app.inject({ url: '/api/v1/calendar/years', headers: clerk.headers() });
    expect((list.json() as { missingYears: number[] }).missingYears).toEqual([]);
  });

  it('replacing a year again replaces (not merges) its days', async () => {
    const payload = { ...YEAR_2027, days: YEAR_2027.days.filter((d) => d.name === '元旦') };
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', headers: admin.headers(), payload });
    expect(res.statusCode).toBe(200);
    expect((await yearStatus(2027)).days).toHaveLength(3);
    expect((await t.app.inject({ url: '/api/v1/calendar/days/2027-02-08' })).json()).toMatchObject({ workday: true, kind: 'workday' });
  });

  it('start-up seeding never overwrites an admin-edited year', async () => {
    const edited = { sourceNotice: '管理员更正（测试）', days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2026', headers: admin.headers(), payload: edited })).statusCode).toBe(200);
    expect(await seedCalendarBaseline(t.rt.ctx)).toBe(0);
    const y = await yearStatus(2026);
    expect(y).toMatchObject({ sourceNotice: '管理员更正（测试）' });
    expect(y.days).toHaveLength(1);
    // The deadline inside 2026 was recomputed with the edited data (2026-03-02 + 5 unchanged: no holiday there).
    expect(await getDeadline(t.rt.ctx.db, 'test.answer', 'a2')).toMatchObject({ dueDate: '2026-03-09' });
  });
});

describe('POST /import', () => {
  const good = {
    years: [
      { year: 2028, sourceNotice: '国务院办公厅关于2028年部分节假日安排的通知（测试数据）', days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] },
      { year: 2029, sourceNotice: '国务院办公厅关于2029年部分节假日安排的通知（测试数据）', days: [{ date: '2029-01-01', kind: 'holiday', name: '元旦' }] },
    ],
  };

  it('village clerk → 403, anonymous → 401', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/calendar/import', headers: clerk.headers(), payload: good })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/calendar/import', payload: good })).statusCode).toBe(401);
  });

  it('a bad import lists every problem and changes nothing', async () => {
    const before = await auditCount();
    const payload = {
      years: [
        good.years[0],
        {
          year: 2029,
          sourceNotice: '',
          days: [
            { date: '2029-02-30', kind: 'holiday', name: '春节' },
            { date: '2029-01-03', kind: 'adjusted_workday', name: '元旦' },
          ],
        },
        { ...good.years[0] },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/calendar/import', headers: admin.headers(), payload });
    expect400(res, '未做任何修改');
    const issues = (res.json() as { error: { details: { issues: { year: number; date: string | null; message: string }[] } } }).error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ year: 2029, date: null, message: expect.stringContaining('请填写依据的通知') }),
        expect.objectContaining({ year: 2029, date: '2029-02-30', message: expect.stringContaining('不存在') }),
        expect.objectContaining({ year: 2029, date: '2029-01-03', message: expect.stringContaining('周六或周日') }),
        expect.objectContaining({ year: 2028, message: expect.stringContaining('出现了多次') }),
      ]),
    );
    expect(issues).toHaveLength(4);
    expect((await yearStatus(2028)).status).toBe('missing');
    expect((await yearStatus(2029)).status).toBe('missing');
    expect(await auditCount()).toBe(before);
  });

  it('a good import writes every year, one audit event each', async () => {
    const before = await auditCount();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/calendar/import', headers: admin.headers(), payload: good });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { years: { year: number }[] }).years.map((y) => y.year)).toEqual([2028, 2029]);
    expect((await yearStatus(2028)).status).toBe('official');
    expect((await yearStatus(2029)).status).toBe('official');
    expect(await auditCount()).toBe(before + 2);
  });
});

describe('cache follows the version counter (changes by another process)', () => {
  it('re-reads within about a second after calendar.version changes', async () => {
    const ctx = t.rt.ctx;
    expect((await getCalendar(ctx)).dayInfo('2026-05-06').workday).toBe(true);
    // Another process writes directly and bumps the version (simulated with raw SQL here).
    await ctx.db.insertInto('calendar_days').values({ date: '2026-05-06', year: 2026, kind: 'holiday', name: '测试' }).execute();
    const v = await ctx.db.selectFrom('app_settings').select('value_json').where('key', '=', 'calendar.version').executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('app_settings')
      .set({ value_json: JSON.stringify(Number(JSON.parse(v.value_json)) + 1) })
      .where('key', '=', 'calendar.version')
      .execute();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await getCalendar(ctx)).dayInfo('2026-05-06')).toMatchObject({ workday: false, kind: 'holiday' });
  });
});
