/**
 * Late 解读 in 公开督查 (provides.compliance of the policies manifest): counted in working days on the statutory
 * calendar across 国庆 2026 (10-01…10-07 off, Saturday 10-10 worked), with a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, DEPT, TOWN, type Fixture } from '../publishing/disclosure.fixture.ts';
import { errorOf, loginAs } from '../../../test/helpers/test-app.ts';
import { interpretationFindings } from './policies.compliance.ts';

let f: Fixture;
let call: ReturnType<typeof api>;
const ids: Record<string, string> = {};

async function publish(id: string) {
  for (const [who, path, body] of [
    [f.s.officer, 'submit', {}],
    [f.s.reviewer, 'review', { decision: 'approve' }],
    [f.s.officer, 'publish', {}],
  ] as const)
    expect((await call(who, 'POST', `/api/v1/disclosures/${id}/${path}`, body)).statusCode).toBe(200);
}
async function policy(n: number, category = '部门文件'): Promise<string> {
  const r = await call(f.s.officer, 'POST', '/api/v1/policies', {
    unitCode: DEPT,
    title: `民政局关于解读测试${n}的通知`,
    formedOn: '2026-09-29',
    body: '<p>正文</p>',
    docNo: `泗民解〔2026〕${n}号`,
    writtenOn: '2026-09-29',
    category,
    topic: '社会救助',
    genre: '通知',
  });
  expect(r.statusCode, r.body).toBe(201);
  await publish(r.json().id);
  return r.json().id as string;
}
async function interpret(policyId: string, title: string) {
  const d = (await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title, formedOn: '2026-09-29', body: '<p>解读</p>' })).json()
    .id as string;
  await publish(d);
  expect((await call(f.s.officer, 'POST', `/api/v1/policies/${policyId}/interpretations`, { disclosureId: d, form: 'text' })).statusCode).toBe(200);
}
/** Moves the fixed clock and signs the users in again (a session does not last days). */
async function dayOf(iso: string) {
  f.clock.set(iso);
  for (const k of ['officer', 'reviewer', 'countyAdmin', 'townReviewer'] as const)
    f.s[k] = await loginAs(f.t.app, k === 'countyAdmin' ? 'countyadmin' : k.toLowerCase());
}
const findings = (asOf: string) => interpretationFindings(f.t.rt.ctx, { rootPath: '/', asOf });

beforeAll(async () => {
  f = await openFixture('2026-09-30T02:00:00.000Z');
  call = api(f);
  expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民解'] })).statusCode).toBe(200);
  const s = (await call(f.s.countyAdmin, 'GET', '/api/v1/policies/settings')).json();
  expect(
    (await call(f.s.countyAdmin, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { categories: ['部门文件'], workingDays: 3 } })).statusCode,
  ).toBe(200);
  // Published Wednesday 09-30: 3 working days after it is Saturday 10-10 (a worked day after 国庆).
  ids.never = await policy(1);
  ids.late = await policy(2);
  ids.onTime = await policy(3);
  ids.unmarked = await policy(4, '政府文件');
  await dayOf('2026-10-10T02:00:00.000Z');
  await interpret(ids.onTime, '解读测试3的解读');
  await dayOf('2026-10-12T02:00:00.000Z');
  await interpret(ids.late, '解读测试2的解读');
  await dayOf('2026-10-14T02:00:00.000Z');
}, 120_000);
afterAll(() => f?.t.close());

describe('late interpretations in 公开督查', () => {
  it('nothing is late on the deadline day itself', async () => {
    expect(await findings('2026-10-10')).toEqual([]);
  });

  it('counts working days, not calendar days, and a late interpretation keeps the lateness it had', async () => {
    const list = await findings('2026-10-14');
    expect(list.map((x) => [x.kind, x.ref, x.since, x.workingDaysLate])).toEqual([
      // Due 10-10; 10-11 is a Sunday: 10-12, 10-13, 10-14 are three working days (four calendar days).
      ['interpretation-missing', '泗民解〔2026〕1号', '2026-10-10', 3],
      // Its interpretation came Monday 10-12: one working day late, and that stays.
      ['interpretation-late', '泗民解〔2026〕2号', '2026-10-10', 1],
    ]);
    expect(list[0]!.title).toContain('已逾期3个工作日');
    expect(list[1]!.title).toContain('2026-10-12才公开');
    // A check of an earlier day sees what was public then: on Sunday 10-11 neither had an interpretation.
    expect((await findings('2026-10-11')).map((x) => [x.kind, x.workingDaysLate])).toEqual([
      ['interpretation-missing', 0],
      ['interpretation-missing', 0],
    ]);
    // A late one is listed for a year after its interpretation (the county's look-back), then no more.
    expect((await findings('2027-10-12')).map((x) => x.kind)).toEqual(['interpretation-missing', 'interpretation-late']);
    expect((await findings('2027-10-13')).map((x) => x.kind)).toEqual(['interpretation-missing']);
  });

  it("公开督查 lists them on the issuer's page, in working days, and not in another unit's scope", async () => {
    const page = await call(f.s.reviewer, 'GET', `/api/v1/compliance/units/${DEPT}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().findingSources).toContain('政策文件');
    const mine = page.json().findings.filter((x: { source: string }) => x.source === '政策文件');
    expect(mine).toEqual([
      expect.objectContaining({ kindText: '政策文件逾期未解读', unitCode: DEPT, since: '2026-10-10', daysLate: 4, workingDaysLate: 3 }),
      expect.objectContaining({ kindText: '政策解读晚于期限', unitCode: DEPT, workingDaysLate: 1 }),
    ]);
    const other = await call(f.s.townReviewer, 'GET', `/api/v1/compliance/units/${TOWN}`);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().findings.filter((x: { source: string }) => x.source === '政策文件')).toEqual([]);
  });

  it("how long a late one is listed is the county's setting (县级自定, 12 months unless it says otherwise)", async () => {
    const s = (await call(f.s.countyAdmin, 'GET', '/api/v1/policies/settings')).json();
    expect(s.interpretation.lateListedMonths).toBe(12);
    const put = (interpretation: Record<string, unknown>) => call(f.s.countyAdmin, 'PUT', '/api/v1/policies/settings', { ...s, interpretation });
    for (const bad of [0, 61, 2.5]) {
      const r = await put({ ...s.interpretation, lateListedMonths: bad });
      expect(r.statusCode, r.body).toBe(400);
      expect(errorOf(r).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (await call(f.s.reviewer, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { ...s.interpretation, lateListedMonths: 3 } })).statusCode,
    ).toBe(403);
    const saved = await put({ ...s.interpretation, lateListedMonths: 3 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().interpretation.lateListedMonths).toBe(3);
    // Three months after its interpretation (2026-10-12) the late one is still listed on 2027-01-12, not the day after.
    expect((await findings('2027-01-12')).map((x) => x.kind)).toEqual(['interpretation-missing', 'interpretation-late']);
    expect((await findings('2027-01-13')).map((x) => x.kind)).toEqual(['interpretation-missing']);
    // A client that leaves the field out keeps the county's value.
    const kept = await put({ categories: s.interpretation.categories, workingDays: 3 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().interpretation.lateListedMonths).toBe(3);
    expect((await put({ ...s.interpretation, lateListedMonths: 12 })).statusCode).toBe(200);
  });

  it('with no category marked nothing is reported', async () => {
    const s = (await call(f.s.countyAdmin, 'GET', '/api/v1/policies/settings')).json();
    expect((await call(f.s.countyAdmin, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { categories: [], workingDays: 3 } })).statusCode).toBe(
      200,
    );
    expect(await findings('2026-10-14')).toEqual([]);
  });
});
