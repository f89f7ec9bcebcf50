import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, errorOf, type TestApp, type Session } from '../../../test/helpers/test-app.ts';

type Item = { id: string; key: string; domainCode: string; timeRule: { kind: string } };

describe('county departments answer only for their assigned domains', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await openTestApp();
    admin = await loginAs(t.app, await makeUser(t.rt, 'county_admin', '321323'));
  });
  afterEach(() => t.close());

  const catalogOf = async (code: string) => (await t.app.inject({ url: `/api/v1/units/${code}/catalog` })).json();

  // Statutory items (catalog/statutory-items.ts, e.g. the annual report of 条例第四十九条) apply by unit
  // kind, whatever the domains: a department always owes its annual report.
  const STATUTORY = 'statutory';

  it('a department without assignments owes only its statutory items; the county government owes every county-level item', async () => {
    const dept = await catalogOf('dept-mzj');
    expect(dept.assignedDomains).toEqual([]);
    expect(dept.items.map((i: Item) => i.key)).toEqual(['statutory:annual-report']);
    const county = await catalogOf('321323');
    expect(county.assignedDomains).toBeNull();
    expect(new Set(county.items.map((i: Item) => i.domainCode).filter((d: string) => d !== STATUTORY)).size).toBe(26);
    const page = await t.app.inject({ url: '/units/dept-mzj/catalog' });
    expect(page.body).toContain('尚未为本部门设定负责的公开领域');
  });

  it('after assignment the catalog, the obligations and event recording follow the domains', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/units/dept-mzj/domains',
      headers: admin.headers(),
      payload: { domainCodes: ['shjz', 'ylfw', 'shjz'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().domainCodes).toEqual(['shjz', 'ylfw']);
    const dept = await catalogOf('dept-mzj');
    expect(dept.items.length).toBeGreaterThan(3);
    expect(new Set(dept.items.map((i: Item) => i.domainCode))).toEqual(new Set(['shjz', 'ylfw', STATUTORY]));
    const page = await t.app.inject({ url: '/units/dept-mzj/catalog' });
    expect(page.body).toContain('本部门负责的公开领域：社会救助、养老服务。');
    expect(page.body).toContain('政府信息公开工作年度报告');

    const officer = await loginAs(t.app, await makeUser(t.rt, 'unit_officer', 'dept-mzj'));
    const mine = dept.items.find((i: Item) => i.timeRule.kind === 'triggered') as Item;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units/dept-mzj/events',
      headers: officer.headers(),
      payload: { itemId: mine.id, occurredOn: '2026-03-02', title: '低保政策调整' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const county = await catalogOf('321323');
    const foreign = county.items.find((i: Item) => i.domainCode === 'ywjy' && i.timeRule.kind === 'triggered') as Item;
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units/dept-mzj/events',
      headers: officer.headers(),
      payload: { itemId: foreign.id, occurredOn: '2026-03-02', title: '教师职称评审' },
    });
    expect(refused.statusCode).toBe(400);
    const obligations = (await t.app.inject({ url: '/api/v1/units/dept-mzj/obligations?from=2026-01-01&to=2026-12-31', headers: officer.headers() })).json();
    expect(obligations.length).toBeGreaterThan(0);
    const keys = new Set(dept.items.map((i: Item) => i.key));
    expect(obligations.every((o: { itemKey: string }) => keys.has(o.itemKey))).toBe(true);
    expect(obligations.some((o: { periodLabel: string }) => o.periodLabel === '低保政策调整')).toBe(true);
  });

  it('refuses bad assignments clearly and changes nothing', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/units/dept-mzj/domains', headers: admin.headers(), payload: { domainCodes: ['shjz'] } });
    const count = async () =>
      Number(
        (
          await t.rt.ctx.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const townAdmin = await loginAs(t.app, await makeUser(t.rt, 'county_admin', '321323002'));
    const officer = await loginAs(t.app, await makeUser(t.rt, 'unit_officer', 'dept-mzj'));
    const before = { audit: await count(), domains: (await catalogOf('dept-mzj')).assignedDomains };
    expect(before.domains).toEqual(['shjz']);
    const cases: [Session | null, string, unknown, number, string][] = [
      [admin, '321323002', { domainCodes: ['shjz'] }, 400, 'NOT_A_DEPARTMENT'],
      [admin, 'dept-mzj', { domainCodes: ['nope'] }, 400, 'UNKNOWN_DOMAIN'],
      [admin, 'dept-mzj', { domainCodes: ['cwgk'] }, 400, 'UNKNOWN_DOMAIN'],
      [admin, 'dept-mzj', { domains: ['shjz'] }, 400, 'VALIDATION_FAILED'],
      [admin, 'nowhere', { domainCodes: [] }, 404, 'UNIT_NOT_FOUND'],
      [townAdmin, 'dept-mzj', { domainCodes: [] }, 404, 'UNIT_NOT_FOUND'],
      [officer, 'dept-mzj', { domainCodes: [] }, 403, 'FORBIDDEN'],
      [null, 'dept-mzj', { domainCodes: [] }, 401, 'UNAUTHENTICATED'],
    ];
    for (const [who, code, payload, status, errCode] of cases) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/units/${code}/domains`, headers: who ? who.headers() : {}, payload: payload as object });
      expect([res.statusCode, errorOf(res).code], `${code} ${JSON.stringify(payload)}`).toEqual([status, errCode]);
    }
    expect({ audit: await count(), domains: (await catalogOf('dept-mzj')).assignedDomains }).toEqual(before);
  });
});
