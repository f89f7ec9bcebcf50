/**
 * Letter settings over HTTP on a real database (SQLite, or PostgreSQL with GONGKAI_TEST_PG_URL): scope (404 outside),
 * roles (reviewer/county admin edit; officers read), every bad input a clear 400 with nothing saved, audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, loginAs, makeUser, openTestApp, type Session, type TestApp } from '../../../../test/helpers/test-app.ts';

const URL = (code: string) => `/api/v1/info-requests/letter-settings/${code}`;
const DEPT = 'dept-mzj';
const TOWN = '321323002';

const good = {
  numberPatterns: { reply: '泗民公复〔{year}〕{n}号', clarification: '泗民公补〔{year}〕{n}号' },
  reviewBodies: ['泗阳县人民政府'],
  court: '泗阳县人民法院',
  office: { address: '宿迁市泗阳县众兴街道北京中路20号', postcode: '223700', phone: '0527-85212808', contact: '政务公开办公室', hours: null },
  feePaymentMethod: null,
};

let t: TestApp;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await openTestApp();
  const users: [string, string, string][] = [
    ['county', 'county_admin', '321323'],
    ['deptReviewer', 'unit_reviewer', DEPT],
    ['deptOfficer', 'unit_officer', DEPT],
    ['townReviewer', 'unit_reviewer', TOWN],
    ['clerk', 'village_clerk', TOWN],
  ];
  for (const [key, role, unit] of users) s[key] = await loginAs(t.app, await makeUser(t.rt, role, unit, `letters.${key}`));
}, 60_000);
afterAll(() => t?.close());

describe('letter settings', () => {
  it('starts unconfigured and lists what each kind still needs', async () => {
    const res = await t.app.inject({ url: URL(DEPT), headers: s.deptOfficer.headers() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unitCode: DEPT, editable: false, reviewBodies: [], court: null, updatedAt: null });
    const reply = body.readiness.find((r: { kind: string }) => r.kind === 'reply');
    expect(reply.missing).toEqual(['行政复议机关', '管辖法院']);
    expect(body.readiness.find((r: { kind: string }) => r.kind === 'receipt').missing).toEqual([]);
  });

  it('the unit reviewer saves them; they are audited and read back', async () => {
    const res = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.deptReviewer.headers(), payload: good });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      editable: true,
      numberPatterns: good.numberPatterns,
      reviewBodies: ['泗阳县人民政府'],
      court: '泗阳县人民法院',
      updatedBy: 'letters.deptreviewer',
    });
    const read = (await t.app.inject({ url: URL(DEPT), headers: s.county.headers() })).json();
    expect(read.readiness.find((r: { kind: string }) => r.kind === 'reply').missing).toEqual([]);
    expect(read.office.postcode).toBe('223700');
    const audit = await t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'unit_code'])
      .where('action', '=', 'requests.letter_settings.update')
      .execute();
    expect(audit).toEqual([{ action: 'requests.letter_settings.update', unit_code: DEPT }]);
  });

  it('a county admin over the unit may change them too', async () => {
    const res = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.county.headers(), payload: { ...good, court: '宿迁市宿城区人民法院' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().court).toBe('宿迁市宿城区人民法院');
  });

  it('officers read but may not change (403); other units are invisible (404); villages are not answering units (400)', async () => {
    const put = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.deptOfficer.headers(), payload: good });
    expect(put.statusCode).toBe(403);
    expect(errorOf(put).message).toBe('文书设置由本单位审核人或县级管理员修改');
    for (const [who, url] of [
      ['townReviewer', URL(DEPT)],
      ['deptReviewer', URL(TOWN)],
      ['clerk', URL(DEPT)],
      ['county', URL('no-such-unit')],
    ] as const) {
      const get = await t.app.inject({ url, headers: s[who].headers() });
      expect(get.statusCode, `${who} ${url}`).toBe(404);
      const write = await t.app.inject({ method: 'PUT', url, headers: s[who].headers(), payload: good });
      expect(write.statusCode, `${who} PUT ${url}`).toBe(404);
    }
    const village = await t.app.inject({ url: URL('321323002-buhu'), headers: s.county.headers() });
    expect(village.statusCode).toBe(400);
    expect(errorOf(village).code).toBe('NOT_AN_ANSWERING_UNIT');
    expect((await t.app.inject({ url: URL(DEPT) })).statusCode).toBe(401);
  });

  it.each([
    [{ numberPatterns: { reply: '泗民公复〔2026〕{n}号' } }, '必须包含 {year}'],
    [{ numberPatterns: { extension: 'X{year}-{n}', reply: 'X{year}-{n}' } }, '文号格式相同'],
    [{ reviewBodies: ['泗阳县人民政府', '泗阳县人民政府'] }, '行政复议机关重复填写'],
    [{ court: '泗阳县司法局' }, '管辖法院应填写法院全称'],
    [{ office: { ...good.office, postcode: 'abc' } }, '邮政编码应为6位数字'],
  ])('refuses bad settings with a clear 400 and saves nothing: %j', async (over, message) => {
    const before = (await t.app.inject({ url: URL(DEPT), headers: s.county.headers() })).json();
    const res = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.county.headers(), payload: { ...good, ...over } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_LETTER_SETTINGS');
    expect(errorOf(res).message).toContain(message);
    const after = (await t.app.inject({ url: URL(DEPT), headers: s.county.headers() })).json();
    expect(after).toEqual(before);
  });

  it('refuses a malformed body (schema) with 400', async () => {
    const res = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.county.headers(), payload: { ...good, extra: 1 } });
    expect(res.statusCode).toBe(400);
    const res2 = await t.app.inject({ method: 'PUT', url: URL(DEPT), headers: s.county.headers(), payload: { ...good, reviewBodies: '泗阳县人民政府' } });
    expect(res2.statusCode).toBe(400);
  });
});
