import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, errorOf, type TestApp, type Session } from '../../../test/helpers/test-app.ts';
import { flattenSeed } from './org.seed.ts';
import { SIYANG } from './seed/siyang.ts';

describe('org tree API', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await openTestApp();
    admin = await loginAs(t.app, await makeUser(t.rt, 'county_admin', '321323'));
  });
  afterEach(() => t.close());

  it('seeds Siyang with official codes where they exist and never invents 12-digit codes', () => {
    const rows = flattenSeed(SIYANG, '2026-01-01T00:00:00.000Z');
    const townships = rows.filter((r) => r.depth === 1 && r.kind !== 'department' && r.active === 1);
    expect(townships.map((r) => r.division_code).sort()).toEqual(
      ['001', '002', '003', '101', '102', '103', '104', '105', '106', '107', '110', '111', '200', '400', '401', '402'].map((s) => `321323${s}`),
    );
    const villageCodes = rows.filter((r) => r.depth === 2 && r.division_code).map((r) => r.division_code);
    expect(villageCodes.sort()).toEqual(['321323106211', '321323111005']);
    const chengxiang = rows.filter((r) => r.parent_code === '321323002').map((r) => r.name);
    expect(chengxiang).toHaveLength(14);
    expect(chengxiang).toContain('卜湖社区');
    expect(
      rows
        .filter((r) => r.active === 0)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['三庄乡', '八集乡', '南刘集乡', '众兴镇', '张家圩镇', '里仁乡', '高渡镇'].sort());
    expect(rows.filter((r) => r.kind === 'department' && r.is_demo === 0).map((r) => r.name)).toEqual([
      '泗阳县人民政府办公室',
      '泗阳县民政局',
      '泗阳县自然资源和规划局',
      '泗阳县水利局',
    ]);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('lists children of a unit, filters by kind and searches by name', async () => {
    const kids = (await t.app.inject({ url: '/api/v1/org-units?parent=321323002&limit=100' })).json();
    expect(kids.total).toBe(14);
    expect(kids.items.every((u: { kind: string }) => u.kind === 'community')).toBe(true);
    const towns = (await t.app.inject({ url: '/api/v1/org-units?kind=town&limit=100' })).json();
    expect(towns.items.map((u: { name: string }) => u.name)).not.toContain('众兴镇');
    const withOld = (await t.app.inject({ url: '/api/v1/org-units?kind=town&includeAbolished=true&limit=100' })).json();
    expect(withOld.items.find((u: { name: string }) => u.name === '众兴镇')).toMatchObject({ active: false, abolishedOn: '2020-08-07' });
    const found = (await t.app.inject({ url: `/api/v1/org-units?q=${encodeURIComponent('卜湖')}` })).json();
    expect(found.items.map((u: { code: string }) => u.code)).toEqual(['321323002-buhu']);
    const wildcard = (await t.app.inject({ url: `/api/v1/org-units?q=${encodeURIComponent('%')}` })).json();
    expect(wildcard.total).toBe(0);
  });

  it('returns a unit with its ancestors and children', async () => {
    const res = (await t.app.inject({ url: '/api/v1/org-units/321323002-buhu' })).json();
    expect(res.unit).toMatchObject({ name: '卜湖社区', divisionCode: null, parentCode: '321323002' });
    expect(res.ancestors.map((a: { name: string }) => a.name)).toEqual(['泗阳县', '城厢街道']);
    expect(res.kindLabel).toBe('社区');
    const town = (await t.app.inject({ url: '/api/v1/org-units/321323111' })).json();
    expect(town.children.find((c: { name: string }) => c.name === '双渡社区').divisionCode).toBe('321323111005');
  });

  it('answers unknown units and bad filters with clear errors', async () => {
    const missing = await t.app.inject({ url: '/api/v1/org-units/nope' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).message).toContain('单位不存在');
    const badKind = await t.app.inject({ url: '/api/v1/org-units?kind=planet' });
    expect(badKind.statusCode).toBe(400);
    expect(errorOf(badKind).message).toContain('kind');
    const badParent = await t.app.inject({ url: '/api/v1/org-units?parent=nope' });
    expect(badParent.statusCode).toBe(404);
    const badLimit = await t.app.inject({ url: '/api/v1/org-units?limit=100000' });
    expect(badLimit.statusCode).toBe(400);
  });

  it('creates a village under a town and audits it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units',
      headers: admin.headers(),
      payload: { code: '321323102-demo', name: '演示村', kind: 'village', parentCode: '321323102', phone: '0527-12345678' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '321323102-demo', depth: 2, active: true, divisionCode: null });
    const audit = await t.rt.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'org.unit.create').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses bad units and leaves nothing behind', async () => {
    const before = (
      await t.rt.ctx.db
        .selectFrom('org_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: 'x-1', name: '村', kind: 'village', parentCode: '321323' }, 400, 'INVALID_PARENT_KIND'],
      [{ code: 'x-2', name: '村', kind: 'village', parentCode: '321323100' }, 409, 'PARENT_ABOLISHED'],
      [{ code: '321323002-buhu', name: '村', kind: 'village', parentCode: '321323002' }, 409, 'CODE_TAKEN'],
      [{ code: 'x-3', divisionCode: '321323106211', name: '村', kind: 'village', parentCode: '321323106' }, 409, 'DIVISION_CODE_TAKEN'],
      [{ code: 'x-4', divisionCode: '3213', name: '村', kind: 'village', parentCode: '321323106' }, 400, 'INVALID_DIVISION_CODE'],
      [{ code: 'bad code!', name: '村', kind: 'village', parentCode: '321323106' }, 400, 'INVALID_CODE'],
      [{ code: 'x-5', name: '村', kind: 'village', parentCode: 'nope' }, 404, 'PARENT_NOT_FOUND'],
      [{ code: 'x-6', name: '  ', kind: 'village', parentCode: '321323106' }, 400, 'INVALID_NAME'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/org-units', headers: admin.headers(), payload });
      expect([res.statusCode, errorOf(res).code], JSON.stringify(payload)).toEqual([status, code]);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const after = (
      await t.rt.ctx.db
        .selectFrom('org_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('abolishes a unit only when it has no active children, keeping it for history', async () => {
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units/321323002/abolish',
      headers: admin.headers(),
      payload: { abolishedOn: '2026-11-01', reason: '区划调整' },
    });
    expect(errorOf(blocked).code).toBe('HAS_ACTIVE_CHILDREN');
    const badDate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units/321323002-buhu/abolish',
      headers: admin.headers(),
      payload: { abolishedOn: '2026-02-30', reason: '合并' },
    });
    expect(badDate.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units/321323002-buhu/abolish',
      headers: admin.headers(),
      payload: { abolishedOn: '2026-11-01', reason: '与南园社区合并' },
    });
    expect(ok.json()).toMatchObject({ active: false, abolishedOn: '2026-11-01' });
    expect(ok.json().note).toContain('与南园社区合并');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units/321323002-buhu/abolish',
      headers: admin.headers(),
      payload: { abolishedOn: '2026-11-02', reason: 'x' },
    });
    expect(errorOf(again).code).toBe('ALREADY_ABOLISHED');
    const clerk = await makeUser(t.rt, 'county_admin', '321323');
    const s = await loginAs(t.app, clerk);
    const assign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: s.headers(),
      payload: { username: 'late.clerk', displayName: '晚来的经办人', roles: [{ role: 'village_clerk', unitCode: '321323002-buhu' }] },
    });
    expect(errorOf(assign).code).toBe('UNIT_ABOLISHED');
  });
});
