/**
 * The compliance API over HTTP: scope (404 outside the actor's subtree), validation (400 with Chinese
 * messages), roles for recomputation and settings, the overview drill-down and the website checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Session } from '../../../test/helpers/test-app.ts';
import { FINANCE_ITEM, OTHER_TOWN, TOWN, openComplianceFixture, photoOn, publishOn, type ComplianceFixture } from './compliance.fixture.ts';

const BUHU = `${TOWN}-buhu`;

describe('compliance API', () => {
  let f: ComplianceFixture;
  let county: Session;
  let town: Session;
  let village: Session;
  let other: Session;
  const get = (who: Session | null, url: string) => f.t.app.inject({ method: 'GET', url, headers: who ? who.headers() : {} });
  const send = (who: Session | null, method: 'PUT' | 'POST', url: string, payload: unknown) =>
    f.t.app.inject({ method, url, headers: who ? who.headers() : {}, payload: payload as never });

  beforeAll(async () => {
    f = await openComplianceFixture('2026-04-01');
    const id = await publishOn(f, BUHU, FINANCE_ITEM, '2026-Q1', '2026-04-08');
    await photoOn(f, id, '2026-04-08');
    f.clock.day('2026-05-15');
    [county, town, village, other] = await Promise.all([f.as('countyadmin'), f.as('townadmin'), f.as('buhuclerk'), f.as('othertown')]);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('unit report: summary and obligations with evidence, as the issue specifies', async () => {
    const res = await get(village, `/api/v1/compliance/units/${BUHU}?from=2026-01-01&to=2026-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.summary).toMatchObject({ due: 25, onTime: 1, late: 0, overdue: 24, displayShort: 0, missingChannel: 0 });
    const q1 = body.obligations.find((o: { itemKey: string; period: string }) => o.itemKey === FINANCE_ITEM && o.period === '2026-Q1');
    expect(q1).toMatchObject({ status: 'on_time', dueDate: '2026-04-10', itemId: expect.any(String), disclosureId: expect.any(String) });
    expect(q1.evidence.publication).toMatchObject({ publishedOn: '2026-04-08', photoDates: ['2026-04-08'], displayMinEnd: '2026-04-17' });
    expect(body.unit).toMatchObject({ code: BUHU, name: '卜湖社区', staff: ['卜湖经办人'] });
  });

  it('validation: clear 400s for bad dates, from after to, too long a window, malformed codes', async () => {
    const cases: [string, string, string][] = [
      [`/api/v1/compliance/units/${BUHU}?from=2026-02-30&to=2026-06-30`, 'INVALID_DATE', '不是有效日期'],
      [`/api/v1/compliance/units/${BUHU}?from=2026-01-01&to=20260630`, 'INVALID_DATE', '结束日期'],
      [`/api/v1/compliance/units/${BUHU}?from=2026-07-01&to=2026-06-30`, 'INVALID_RANGE', '不能晚于'],
      [`/api/v1/compliance/units/${BUHU}?from=2020-01-01&to=2026-06-30`, 'RANGE_TOO_LONG', '三年'],
      ['/api/v1/compliance/units/%3Cscript%3E', 'INVALID_UNIT_CODE', '格式不正确'],
      ['/api/v1/compliance/overview?unit=a%20b', 'INVALID_UNIT_CODE', '格式不正确'],
      ['/api/v1/compliance/overview?from=yesterday', 'INVALID_DATE', '开始日期'],
    ];
    for (const [url, code, msg] of cases) {
      const res = await get(county, url);
      expect(res.statusCode, url).toBe(400);
      expect(errorOf(res).code, url).toBe(code);
      expect(errorOf(res).message, url).toContain(msg);
    }
    const extra = await get(county, '/api/v1/compliance/overview?foo=1');
    expect(extra.statusCode).toBe(400);
  });

  it('scope: units outside the subtree and unknown units answer 404 alike; anonymous 401', async () => {
    expect((await get(null, `/api/v1/compliance/units/${BUHU}`)).statusCode).toBe(401);
    expect((await get(null, '/api/v1/compliance/overview')).statusCode).toBe(401);
    const outside = await get(other, `/api/v1/compliance/units/${BUHU}`);
    expect(outside.statusCode).toBe(404);
    const unknown = await get(other, '/api/v1/compliance/units/no-such-unit');
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).message).toBe(errorOf(outside).message.replace(BUHU, 'no-such-unit'));
    expect((await get(village, `/api/v1/compliance/units/${TOWN}`)).statusCode).toBe(404);
    expect((await get(village, `/api/v1/compliance/overview?unit=${TOWN}`)).statusCode).toBe(404);
    expect((await get(town, `/api/v1/compliance/units/${BUHU}`)).statusCode).toBe(200);
  });

  it('overview: default root is the top of the scope; drill-down county → town → village; charts as SVG', async () => {
    const c = (await get(county, '/api/v1/compliance/overview?from=2026-01-01&to=2026-06-30')).json();
    expect(c.root).toMatchObject({ code: '321323', canGoUp: false });
    const row = c.rows.find((r: { unitCode: string }) => r.unitCode === TOWN);
    expect(row).toMatchObject({ hasChildren: true, units: 15 });
    expect(row.summary).toMatchObject({ onTime: 1, due: 14 * 25 });
    expect(c.overdueTotal).toBeGreaterThan(100);
    expect(c.overdue[0]).toMatchObject({ unitName: expect.any(String), parentName: expect.any(String), overdueWorkingDays: expect.any(Number) });
    expect(c.charts.byTown).toMatch(/^<svg[^>]*role="img"/);
    expect(c.charts.trend).toContain('按到期月份的公开情况');
    expect(c.mostMissed[0]).toMatchObject({ itemName: expect.any(String), units: expect.any(Number) });
    const t = (await get(county, `/api/v1/compliance/overview?unit=${TOWN}&from=2026-01-01&to=2026-06-30`)).json();
    expect(t.root).toMatchObject({ code: TOWN, canGoUp: true });
    expect(t.rows.map((r: { unitCode: string }) => r.unitCode)).toContain(BUHU);
    expect(t.rows.find((r: { unitCode: string }) => r.unitCode === BUHU)).toMatchObject({ hasChildren: false, summary: { onTime: 1, due: 25 } });
    const own = (await get(town, '/api/v1/compliance/overview')).json();
    expect(own.root).toMatchObject({ code: TOWN, canGoUp: false });
  });

  it('website checks: county level only; columns with their class, stale and empty results; missing checks said plainly', async () => {
    expect((await get(town, '/api/v1/compliance/website')).statusCode).toBe(403);
    const w = (await get(county, '/api/v1/compliance/website')).json();
    const home = w.columns.find((c: { id: string }) => c.id === 'home:latest');
    expect(home).toMatchObject({ cls: 'news', lastUpdated: '2026-04-08', result: 'stale', updateDueBy: '2026-05-01' });
    expect(w.columns.find((c: { id: string }) => c.id === 'domain:v-cwu')).toMatchObject({ cls: 'notice_policy', result: 'ok', count: 1 });
    expect(w.columns.find((c: { id: string }) => c.id === 'domain:shjz')).toMatchObject({ result: 'empty', count: 0 });
    expect(w.emptyCount).toBeGreaterThanOrEqual(5);
    expect(w.veto.empty).toBe(true);
    // 互动回应差 is checked now (政民互动 provides the messages): nothing unanswered in this database.
    expect(w.notAvailable).toEqual([]);
    expect(w.unansweredMessages).toMatchObject({ cases: [] });
    expect(w.veto.unanswered).toBe(false);
    // Reclassify the home column as "other": it is no longer stale.
    expect((await send(town, 'PUT', '/api/v1/compliance/settings/website-columns', { classes: { 'home:latest': 'other' } })).statusCode).toBe(403);
    const bad = await send(county, 'PUT', '/api/v1/compliance/settings/website-columns', { classes: { 'no:such': 'news' } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('no:such');
    expect((await send(county, 'PUT', '/api/v1/compliance/settings/website-columns', { classes: { 'home:latest': 'fancy' } })).statusCode).toBe(400);
    expect((await send(county, 'PUT', '/api/v1/compliance/settings/website-columns', { thresholds: { newsStaleDays: 0 } })).statusCode).toBe(400);
    const ok = await send(county, 'PUT', '/api/v1/compliance/settings/website-columns', { classes: { 'home:latest': 'other' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = (await get(county, '/api/v1/compliance/website')).json();
    expect(again.columns.find((c: { id: string }) => c.id === 'home:latest')).toMatchObject({ cls: 'other', result: 'ok' });
  });

  it('rules: only the county admin changes them; bad values 400; the due-soon window is the reminder setting', async () => {
    expect((await send(town, 'PUT', '/api/v1/compliance/settings/rules', { channelEvidenceGraceWorkingDays: 2 })).statusCode).toBe(403);
    const bad = await send(county, 'PUT', '/api/v1/compliance/settings/rules', { channelEvidenceGraceWorkingDays: 99 });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('宽限');
    // The window is one setting shared with the reminders: sending it here is refused, naming where to set it.
    const moved = await send(county, 'PUT', '/api/v1/compliance/settings/rules', { dueSoonWorkingDays: 5 });
    expect(moved.statusCode).toBe(400);
    expect(errorOf(moved).message).toContain('提醒设置');
    const ok = await send(county, 'PUT', '/api/v1/compliance/settings/rules', { channelEvidenceGraceWorkingDays: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ dueSoonWorkingDays: 3, channelEvidenceGraceWorkingDays: 2 });
    const s = (await get(village, '/api/v1/compliance/settings')).json();
    expect(s).toMatchObject({ rules: { dueSoonWorkingDays: 3, channelEvidenceGraceWorkingDays: 2 }, editable: false });
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'compliance.rules.update').execute();
    expect(audit).toHaveLength(1);
    const back = await send(county, 'PUT', '/api/v1/compliance/settings/rules', { channelEvidenceGraceWorkingDays: 0 });
    expect(back.statusCode).toBe(200);
  });

  it('recompute: county admin only, audited, answers the figures', async () => {
    expect((await send(town, 'POST', '/api/v1/compliance/recompute', { year: 2026 })).statusCode).toBe(403);
    expect((await send(county, 'POST', '/api/v1/compliance/recompute', { year: 1900 })).statusCode).toBe(400);
    const res = await send(county, 'POST', '/api/v1/compliance/recompute', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ years: [2026], units: 120, obligations: expect.any(Number) });
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', '=', 'compliance.recompute').execute();
    expect(audit).toHaveLength(1);
    expect(OTHER_TOWN).toBeTruthy();
  });
});
