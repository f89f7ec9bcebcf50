/**
 * Every catalog endpoint, every bad input, and role/scope behaviour (this file is the catalog's
 * part of the authorization matrix). Each rejected write asserts that nothing changed: the
 * catalog tables and the audit log have the same row counts as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, loginAs, makeUser, openTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Clock } from '../../platform/context.ts';

const TOWN = '321323002';
const VILLAGE = '321323002-buhu';
const OTHER_VILLAGE = '321323106211';
const DEPT = 'dept-mzj';

const clock: Clock = { now: () => new Date('2026-03-02T02:00:00Z') };

const TABLES = [
  'catalog_domains',
  'catalog_versions',
  'catalog_items',
  'unit_local_items',
  'unit_item_exclusions',
  'unit_catalog_settings',
  'catalog_events',
  'audit_events',
] as const;

describe('catalog API', () => {
  let t: TestApp;
  let admin: Session;
  let townAdmin: Session;
  let townOfficer: Session;
  let clerk: Session;
  let otherClerk: Session;
  let supervisor: Session;
  let govV1: string;

  async function snapshot() {
    const out: Record<string, number> = {};
    for (const tb of TABLES)
      out[tb] = Number(
        (
          await t.rt.ctx.db
            .selectFrom(tb)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const versions = await t.rt.ctx.db.selectFrom('catalog_versions').select(['id', 'status', 'reason']).orderBy('id').execute();
    return { ...out, versions: JSON.stringify(versions) };
  }
  async function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>) {
    expect(await snapshot()).toEqual(before);
  }

  const item = (over: Record<string, unknown> = {}) => ({
    domainCode: 'shjz',
    level1: '临时救助',
    level2: '办事指南',
    elements: ['办理条件', '申请材料'],
    bases: ['《政府信息公开条例》及相关规定'],
    timeRule: '制定或获取信息之日起10个工作日内',
    displayRule: '',
    subject: '县级政府民政部门',
    channels: '■政府网站 □公开查阅点',
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    ...over,
  });

  beforeAll(async () => {
    t = await openTestApp({ clock });
    const mk = async (role: string, unit: string) => loginAs(t.app, await makeUser(t.rt, role, unit));
    admin = await mk('county_admin', '321323');
    townAdmin = await mk('county_admin', TOWN);
    townOfficer = await mk('unit_officer', TOWN);
    clerk = await mk('village_clerk', VILLAGE);
    otherClerk = await mk('village_clerk', OTHER_VILLAGE);
    supervisor = await mk('village_supervisor', VILLAGE);
    const versions = (await t.app.inject({ url: '/api/v1/catalog/versions?catalog=government' })).json().items;
    govV1 = versions[0].id;
  }, 60_000);
  afterAll(() => t?.close());

  it('public reads: domains, items with plain words, versions, one version', async () => {
    const d = await t.app.inject({ url: '/api/v1/catalog/domains?catalog=government' });
    expect(d.statusCode).toBe(200);
    expect(d.json().items).toHaveLength(26);
    const items = await t.app.inject({ url: '/api/v1/catalog/items?catalog=government&domain=czyjs' });
    expect(items.statusCode).toBe(200);
    const budget = items.json().items.find((i: { level2: string }) => i.level2 === '政府预算');
    expect(budget.timeRuleText).toBe('批准后20日内');
    expect(budget.channelsText).toBe('■政府网站');
    const village = await t.app.inject({ url: '/api/v1/catalog/items?catalog=village&level=village' });
    const finance = village.json().items.find((i: { key: string }) => i.key === 'vil:szxq');
    expect(finance.timeRuleText).toBe('集体财务往来较多的每月、其他每季度公开：每期首月10日前公开上期情况');
    expect(finance.displayRuleText).toBe('公示不少于7个工作日');
    expect((await t.app.inject({ url: '/api/v1/catalog/items?domain=nope' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/catalog/items?catalog=other' })).statusCode).toBe(400);
    const v = await t.app.inject({ url: `/api/v1/catalog/versions/${govV1}` });
    expect(v.statusCode).toBe(200);
    expect(v.json().version).toMatchObject({ number: 1, status: 'published', effectiveFrom: '2024-01-01' });
    expect((await t.app.inject({ url: '/api/v1/catalog/versions/nope' })).statusCode).toBe(404);
  });

  it('writes need a login (401) and the CSRF token (403), and change nothing', async () => {
    const before = await snapshot();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', payload: { catalog: 'government' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/units/${VILLAGE}/events`, payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/v1/units/${VILLAGE}/obligations?from=2026-01-01&to=2026-12-31` })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/versions',
      headers: { cookie: admin.cookie },
      payload: { catalog: 'government' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(errorOf(noCsrf).code).toBe('CSRF_FAILED');
    // Only the county office edits the standard; a county_admin of a town cannot.
    for (const s of [townAdmin, townOfficer, clerk]) {
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', headers: s.headers(), payload: { catalog: 'government' } })).statusCode,
      ).toBe(403);
    }
    await expectUnchanged(before);
  });

  it('draft → edit → publish; published versions are immutable; diff shows the changes', async () => {
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/catalog/versions/${govV1}/items`, headers: admin.headers(), payload: item() });
    expect(published.statusCode).toBe(409);
    expect(errorOf(published).message).toBe('已发布的版本不能修改，请新建草稿');

    const draft = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', headers: admin.headers(), payload: { catalog: 'government' } });
    expect(draft.statusCode).toBe(201);
    const draftId = draft.json().id;
    expect(draft.json()).toMatchObject({ number: 2, status: 'draft' });
    const before = await snapshot();
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', headers: admin.headers(), payload: { catalog: 'government' } });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('DRAFT_EXISTS');

    // Bad item input: each a precise 400/409 and nothing written.
    const bad: [Record<string, unknown>, number, string][] = [
      [{ domainCode: 'nope' }, 400, '未知的领域'],
      [{ level1: '  ' }, 400, '请填写一级事项'],
      [{ bases: [] }, 400, '公开依据'],
      [{ timeRule: '尽快' }, 400, '无法识别的公开时限“尽快”'],
      [{ timeRule: { kind: 'triggered', trigger: 'formed_or_changed', n: 0, unit: 'working_days' } }, 400, '1至365'],
      [
        { timeRule: { kind: 'recurring', frequency: 'monthly', due: { type: 'day_in_period', monthOfPeriod: 2, day: 10 }, shiftToWorkday: true } },
        400,
        '期内第1至1个月',
      ],
      [{ displayRule: { kind: 'min_working_days', n: 400 } }, 400, '公示期'],
      [{ channels: '■政府网站 ■部门网站' }, 400, '未知的公开渠道“部门网站”'],
      [{ levels: [] }, 400, '公开层级'],
      [{ level1: '最低生活保障', level2: '办事指南' }, 409, '请勿重复添加'],
    ];
    for (const [over, status, msg] of bad) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/catalog/versions/${draftId}/items`, headers: admin.headers(), payload: item(over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      if (res.statusCode !== 400 || errorOf(res).code !== 'FST_ERR_VALIDATION') expect(errorOf(res).message, JSON.stringify(over)).toContain(msg);
    }
    await expectUnchanged(before);

    const added = await t.app.inject({ method: 'POST', url: `/api/v1/catalog/versions/${draftId}/items`, headers: admin.headers(), payload: item() });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ timeRuleText: '制定或获取信息之日起10个工作日内', channelsText: '■政府网站 □公开查阅点' });
    const items = (await t.app.inject({ url: `/api/v1/catalog/versions/${draftId}` })).json().items;
    const dibao = items.find((i: { key: string }) => i.key === 'gov:shjz:dibao-guide');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/catalog/versions/${draftId}/items/${dibao.id}`,
      headers: admin.headers(),
      payload: { timeRule: '制定或获取信息之日起5个工作日内' },
    });
    expect(patched.statusCode).toBe(200);
    const policy = items.find((i: { key: string }) => i.key === 'gov:hjgl:policy');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/catalog/versions/${draftId}/items/${policy.id}`, headers: admin.headers() })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/catalog/versions/${draftId}/items/${policy.id}`, headers: admin.headers() })).statusCode).toBe(
      404,
    );

    const b2 = await snapshot();
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/versions/${draftId}/publish`,
      headers: admin.headers(),
      payload: { reason: '  ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).code).toBe('REASON_REQUIRED');
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/versions/${draftId}/publish`,
      headers: admin.headers(),
      payload: { reason: '测试', effectiveFrom: '2023-12-31' },
    });
    expect(early.statusCode).toBe(400);
    const badDate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/versions/${draftId}/publish`,
      headers: admin.headers(),
      payload: { reason: '测试', effectiveFrom: '2026-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    await expectUnchanged(b2);

    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/versions/${draftId}/publish`,
      headers: admin.headers(),
      payload: { reason: '增加临时救助办事指南，低保办事指南时限缩短' },
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', effectiveFrom: '2026-03-02' });
    const history = (await t.app.inject({ url: '/api/v1/catalog/versions?catalog=government' })).json().items;
    expect(history.map((v: { status: string }) => v.status)).toEqual(['superseded', 'published']);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/catalog/versions/${draftId}/items/${dibao.id}`,
          headers: admin.headers(),
          payload: { level2: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/catalog/versions/${draftId}/publish`, headers: admin.headers(), payload: { reason: '再次' } }))
        .statusCode,
    ).toBe(409);

    const diff = await t.app.inject({ url: `/api/v1/catalog/versions/${govV1}/diff/${draftId}` });
    expect(diff.statusCode).toBe(200);
    const dj = diff.json();
    expect(dj.added.map((i: { level1: string; level2: string }) => `${i.level1}/${i.level2}`)).toEqual(['临时救助/办事指南']);
    expect(dj.removed.map((i: { key: string }) => i.key)).toEqual(['gov:hjgl:policy']);
    expect(dj.changed).toEqual([expect.objectContaining({ key: 'gov:shjz:dibao-guide', fields: ['timeRule'] })]);
    const villageV1 = (await t.app.inject({ url: '/api/v1/catalog/versions?catalog=village' })).json().items[0].id;
    expect((await t.app.inject({ url: `/api/v1/catalog/versions/${govV1}/diff/${villageV1}` })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/catalog/versions/${govV1}/diff/nope` })).statusCode).toBe(404);
  });

  it('unit catalog: local items, exclusions (inside scope only), busy-finance flag', async () => {
    const before = await snapshot();
    const local = { ...item({ domainCode: 'v-cwgk', level1: '村务公开', level2: '红白理事会章程', bases: [] }), levels: undefined };
    const noBasis = await t.app.inject({ method: 'POST', url: `/api/v1/units/${VILLAGE}/local-items`, headers: clerk.headers(), payload: local });
    expect(noBasis.statusCode).toBe(400);
    expect(errorOf(noBasis).code).toBe('BASIS_REQUIRED');
    const wrongCatalog = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/local-items`,
      headers: clerk.headers(),
      payload: { ...local, domainCode: 'shjz', bases: ['x'] },
    });
    expect(wrongCatalog.statusCode).toBe(400);
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/local-items`,
      headers: otherClerk.headers(),
      payload: { ...local, bases: ['《村规民约》'] },
    });
    expect(outside.statusCode).toBe(404);
    const wrongRole = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/local-items`,
      headers: supervisor.headers(),
      payload: { ...local, bases: ['《村规民约》'] },
    });
    expect(wrongRole.statusCode).toBe(404);
    const exclOutside = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/exclusions`,
      headers: otherClerk.headers(),
      payload: { itemKey: 'vil:tdzs', reason: '无' },
    });
    expect(exclOutside.statusCode).toBe(404);
    const exclNoReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/exclusions`,
      headers: clerk.headers(),
      payload: { itemKey: 'vil:tdzs', reason: ' ' },
    });
    expect(exclNoReason.statusCode).toBe(400);
    const exclUnknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/exclusions`,
      headers: clerk.headers(),
      payload: { itemKey: 'gov:shjz:dibao-guide', reason: '不适用' },
    });
    expect(exclUnknown.statusCode).toBe(400);
    const busyByClerk = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${VILLAGE}/catalog-settings`,
      headers: clerk.headers(),
      payload: { busyFinance: true },
    });
    expect(busyByClerk.statusCode).toBe(403);
    const busyOutside = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${OTHER_VILLAGE}/catalog-settings`,
      headers: townOfficer.headers(),
      payload: { busyFinance: true },
    });
    expect(busyOutside.statusCode).toBe(404);
    const busyOnTown = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${TOWN}/catalog-settings`,
      headers: admin.headers(),
      payload: { busyFinance: true },
    });
    expect(busyOnTown.statusCode).toBe(400);
    await expectUnchanged(before);

    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/local-items`,
      headers: clerk.headers(),
      payload: { ...local, bases: ['《村规民约》'] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().key).toMatch(/^local:321323002-buhu:/);
    expect(ok.json().levels).toEqual(['village']);
    const excl = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${VILLAGE}/exclusions`,
      headers: clerk.headers(),
      payload: { itemKey: 'vil:tdzs', reason: '本社区无集体土地，不涉及征收' },
    });
    expect(excl.statusCode).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/units/${VILLAGE}/exclusions`,
          headers: clerk.headers(),
          payload: { itemKey: 'vil:tdzs', reason: '重复' },
        })
      ).statusCode,
    ).toBe(409);
    const busy = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${VILLAGE}/catalog-settings`,
      headers: townOfficer.headers(),
      payload: { busyFinance: true },
    });
    expect(busy.statusCode).toBe(200);

    const view = (await t.app.inject({ url: `/api/v1/units/${VILLAGE}/catalog` })).json();
    expect(view).toMatchObject({ catalog: 'village', level: 'village', busyFinance: true });
    expect(view.items.some((i: { key: string }) => i.key === 'vil:tdzs')).toBe(false);
    expect(view.excluded).toEqual([expect.objectContaining({ reason: '本社区无集体土地，不涉及征收' })]);
    expect(view.localItems).toHaveLength(1);
    const dept = (await t.app.inject({ url: `/api/v1/units/${DEPT}/catalog` })).json();
    expect(dept).toMatchObject({ catalog: 'government', level: 'county' });
    expect(dept.items.some((i: { key: string }) => i.key === 'gov:shjz:dibao-review')).toBe(false); // 乡/村 only
    expect((await t.app.inject({ url: '/api/v1/units/nope/catalog' })).statusCode).toBe(404);

    // The portal page (条例第十二条) shows it all without JavaScript.
    const page = await t.app.inject({ url: `/units/${VILLAGE}/catalog` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('公开目录');
    expect(page.body).toContain('财务公开');
    expect(page.body).toContain('集体财务往来较多的每月、其他每季度公开：每期首月10日前公开上期情况，公示不少于7个工作日');
    expect(page.body).toContain('红白理事会章程');
    expect(page.body).toContain('本社区无集体土地，不涉及征收');
    // Works without JavaScript: the only script is the site-wide optional type-ahead file, nothing inline.
    expect(page.body.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/portal.js" defer="">']);
    expect((await t.app.inject({ url: '/units/nope/catalog' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/units/${VILLAGE}` })).body).toContain(`/units/${VILLAGE}/catalog`);

    // Retire and un-exclude; retired items stay in the table (history).
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${VILLAGE}/local-items/${encodeURIComponent(ok.json().key)}`, headers: clerk.headers() }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${VILLAGE}/local-items/${encodeURIComponent(ok.json().key)}`, headers: clerk.headers() }))
        .statusCode,
    ).toBe(404);
    expect(await t.rt.ctx.db.selectFrom('unit_local_items').select('retired_at').where('item_key', '=', ok.json().key).executeTakeFirst()).toMatchObject({
      retired_at: expect.any(String),
    });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${VILLAGE}/exclusions/vil:tdzs`, headers: otherClerk.headers() })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/units/${VILLAGE}/exclusions/vil:tdzs`, headers: clerk.headers() })).statusCode).toBe(200);
  });

  it('events and obligations: validation, scope, and recompute on a new catalog version', async () => {
    const vItems = (await t.app.inject({ url: '/api/v1/catalog/items?catalog=village' })).json().items;
    const immediate = vItems.find((i: { key: string }) => i.key === 'vil:hyjd');
    const recurring = vItems.find((i: { key: string }) => i.key === 'vil:szxq');
    const govItem = (await t.app.inject({ url: '/api/v1/catalog/items?catalog=government&domain=czyjs' }))
      .json()
      .items.find((i: { level2: string }) => i.level2 === '政府预算');
    const before = await snapshot();
    const post = (s: Session, code: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/units/${code}/events`, headers: s.headers(), payload });
    expect((await post(clerk, VILLAGE, { itemId: recurring.id, occurredOn: '2026-04-30', title: '财务' })).statusCode).toBe(400);
    expect((await post(clerk, VILLAGE, { itemId: govItem.id, occurredOn: '2026-04-30', title: '预算' })).statusCode).toBe(400);
    expect((await post(clerk, VILLAGE, { itemId: 'nope', occurredOn: '2026-04-30', title: 'x' })).statusCode).toBe(400);
    expect((await post(clerk, VILLAGE, { itemId: immediate.id, occurredOn: '2026-02-30', title: 'x' })).statusCode).toBe(400);
    expect((await post(clerk, VILLAGE, { itemId: immediate.id, occurredOn: '2026-04-30', title: '  ' })).statusCode).toBe(400);
    expect((await post(otherClerk, VILLAGE, { itemId: immediate.id, occurredOn: '2026-04-30', title: 'x' })).statusCode).toBe(404);
    await expectUnchanged(before);

    const created = await post(clerk, VILLAGE, { itemId: immediate.id, occurredOn: '2026-04-30', title: '村民代表会议决定修建村道' });
    expect(created.statusCode).toBe(201);
    const budget = await post(admin, TOWN, { itemId: govItem.id, occurredOn: '2025-09-11', title: '2025年预算调整方案批准' });
    expect(budget.statusCode).toBe(201);

    const get = (s: Session, code: string, q: string) => t.app.inject({ url: `/api/v1/units/${code}/obligations?${q}`, headers: s.headers() });
    for (const q of ['from=2026-01-01', 'from=2026-13-01&to=2026-12-31', 'from=2026-12-31&to=2026-01-01', 'from=2024-01-01&to=2027-12-31', 'from=x&to=y']) {
      expect((await get(clerk, VILLAGE, q)).statusCode, q).toBe(400);
    }
    expect((await get(otherClerk, VILLAGE, 'from=2026-01-01&to=2026-12-31')).statusCode).toBe(404);
    expect((await get(clerk, TOWN, 'from=2026-01-01&to=2026-12-31')).statusCode).toBe(404);

    const obl = await get(supervisor, VILLAGE, 'from=2026-01-01&to=2026-12-31');
    expect(obl.statusCode).toBe(200);
    const list = obl.json() as { itemId: string; itemKey: string; period: string; dueDate: string; displayUntilAtLeast: string | null; provisional: boolean }[];
    const ev = list.find((o) => o.period === `event:${created.json().id}`)!;
    expect(ev).toMatchObject({ dueDate: '2026-05-08', displayUntilAtLeast: '2026-05-18', provisional: false });
    // busyFinance was set by the town officer above: finance is monthly (2026-04 → 5/10 Sunday → 5/11).
    expect(list.find((o) => o.itemKey === 'vil:szxq' && o.period === '2026-04')).toMatchObject({ dueDate: '2026-05-11' });
    const townObl = (await get(townOfficer, TOWN, 'from=2025-01-01&to=2025-12-31')).json() as { period: string; dueDate: string }[];
    expect(townObl.find((o) => o.period === `event:${budget.json().id}`)).toMatchObject({ dueDate: '2025-10-09' });

    // A new village version (effective 2026-07-01) turns 村(居)基本情况 from yearly into quarterly.
    const draft = (await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', headers: admin.headers(), payload: { catalog: 'village' } })).json();
    const dItems = (await t.app.inject({ url: `/api/v1/catalog/versions/${draft.id}` })).json().items;
    const jbqk = dItems.find((i: { key: string }) => i.key === 'vil:jbqk');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/catalog/versions/${draft.id}/items/${jbqk.id}`,
          headers: admin.headers(),
          payload: { timeRule: '每季度首月20日前' },
        })
      ).statusCode,
    ).toBe(200);
    const before2 = (await get(clerk, VILLAGE, 'from=2026-01-01&to=2026-12-31')).json() as { itemKey: string; period: string }[];
    expect(before2.filter((o) => o.itemKey === 'vil:jbqk').map((o) => o.period)).toEqual(['2026']);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/catalog/versions/${draft.id}/publish`,
          headers: admin.headers(),
          payload: { reason: '村情按季度更新', effectiveFrom: '2026-07-01' },
        })
      ).statusCode,
    ).toBe(200);
    const after = (await get(clerk, VILLAGE, 'from=2026-01-01&to=2026-12-31')).json() as { itemKey: string; period: string; dueDate: string }[];
    expect(after.filter((o) => o.itemKey === 'vil:jbqk').map((o) => `${o.period}:${o.dueDate}`)).toEqual([
      '2026:2026-01-29',
      '2026-Q3:2026-07-20',
      '2026-Q4:2026-10-20',
    ]);
  });

  it('abolished units accept no events', async () => {
    const abolish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/org-units/${OTHER_VILLAGE}/abolish`,
      headers: admin.headers(),
      payload: { abolishedOn: '2026-03-01', reason: '测试撤销' },
    });
    expect(abolish.statusCode).toBe(200);
    const it0 = (await t.app.inject({ url: '/api/v1/catalog/items?catalog=village' })).json().items.find((i: { key: string }) => i.key === 'vil:hyjd');
    const before = await snapshot();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${OTHER_VILLAGE}/events`,
      headers: admin.headers(),
      payload: { itemId: it0.id, occurredOn: '2026-03-01', title: '会议' },
    });
    expect(res.statusCode).toBe(409);
    await expectUnchanged(before);
  });
});
