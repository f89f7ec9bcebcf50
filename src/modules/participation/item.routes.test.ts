import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPT, FIVE_CLAUSES, OTHER_DEPT, VILLAGE, expectStatus, openParticipationFixture, type ParticipationFixture } from './participation.fixture.ts';

const PHONE = '13912345678';

describe('公众参与事项目录', () => {
  let f: ParticipationFixture;
  let first = '';
  let second = '';
  const item = {
    unitCode: DEPT,
    name: '泗阳县城乡居民临时救助办法（修订）',
    reason: '涉及困难群众切身利益，属于重大行政决策事项',
    methods: ['public_consultation', 'symposium'],
    plannedOn: '2026-03-20',
  };
  const { unitCode: _unit, ...fields } = item;

  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-02');
  }, 60_000);
  afterAll(() => f?.close());

  it('refuses incomplete items with a Chinese reason, and keeps other units and villages out', async () => {
    const noName = await f.call(f.s.officer, 'POST', '/api/v1/participation/items', { ...item, name: '  ' });
    expect([noName.statusCode, noName.json().error.code]).toEqual([400, 'ITEM_NAME_MISSING']);
    expect(noName.json().error.message).toBe('请填写事项名称');
    const noMethod = await f.call(f.s.officer, 'POST', '/api/v1/participation/items', { ...item, methods: [] });
    expect(noMethod.statusCode).toBe(400);
    const badDate = await f.call(f.s.officer, 'POST', '/api/v1/participation/items', { ...item, plannedOn: '2026-02-30' });
    expect([badDate.statusCode, badDate.json().error.code]).toEqual([400, 'INVALID_DATE']);
    expect((await f.call(f.s.otherOfficer, 'POST', '/api/v1/participation/items', item)).statusCode).toBe(404);
    expect((await f.call(f.s.supervisor, 'POST', '/api/v1/participation/items', { ...item, unitCode: VILLAGE })).statusCode).toBe(403);
    const village = await f.call(f.s.clerk, 'POST', '/api/v1/participation/items', { ...item, unitCode: VILLAGE });
    expect([village.statusCode, village.json().error.code]).toEqual([400, 'NOT_GOVERNMENT']);
    expect(await f.t.rt.ctx.db.selectFrom('participation_items').select('id').execute()).toHaveLength(0);
  });

  it('keeps a working list, publishes it as numbered versions, and shows the public only what was published', async () => {
    const a = await f.call(f.s.officer, 'POST', '/api/v1/participation/items', item);
    expectStatus(a, 201);
    first = a.json().id;
    const b = await f.call(f.s.officer, 'POST', '/api/v1/participation/items', {
      ...item,
      name: '城区农贸市场布局规划',
      reason: `涉及摊户经营，咨询电话${PHONE}`,
      methods: ['hearing'],
      plannedOn: '2026-06-01',
    });
    expectStatus(b, 201);
    second = b.json().id;
    expect((await f.call(null, 'GET', `/api/v1/participation/public/item-lists?unit=${DEPT}`)).json().lists).toEqual([]);
    const v1 = await f.call(f.s.officer, 'POST', `/api/v1/participation/item-lists/${DEPT}/publish`, { note: '2026年度目录' });
    expect(v1.json()).toEqual({ version: 1 });
    const again = await f.call(f.s.officer, 'POST', `/api/v1/participation/item-lists/${DEPT}/publish`, {});
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'NOTHING_CHANGED']);

    // A change is public only once the list is published again.
    expectStatus(
      await f.call(f.s.officer, 'PUT', `/api/v1/participation/items/${first}`, { ...fields, name: '泗阳县城乡居民临时救助办法（2026年修订）' }),
      200,
    );
    let pub = (await f.call(null, 'GET', `/api/v1/participation/public/item-lists?unit=${DEPT}`)).json().lists[0];
    expect(pub.version).toBe(1);
    expect(pub.items.map((i: { name: string }) => i.name)).toEqual(['泗阳县城乡居民临时救助办法（修订）', '城区农贸市场布局规划']);
    expect(pub.items[0].methodsText).toBe('向社会公开征求意见、座谈会');
    // Through the personal-data gate.
    expect(pub.items[1].reason).not.toContain(PHONE);
    expect(pub.items[1].reason).toContain('139');
    const staff = (await f.call(f.s.officer, 'GET', `/api/v1/participation/items?unit=${DEPT}`)).json();
    expect(staff.lists).toEqual([expect.objectContaining({ unitCode: DEPT, version: 1, unpublishedChanges: true })]);

    // Withdrawal needs a reason, and the withdrawn item stays in later versions with it.
    const noReason = await f.call(f.s.officer, 'POST', `/api/v1/participation/items/${second}/withdraw`, { reason: ' ' });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'REASON_MISSING']);
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/items/${second}/withdraw`, { reason: '上级已统一规划，本单位不再决策' }), 200);
    const twice = await f.call(f.s.officer, 'POST', `/api/v1/participation/items/${second}/withdraw`, { reason: '再次' });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ITEM_WITHDRAWN']);
    const edit = await f.call(f.s.officer, 'PUT', `/api/v1/participation/items/${second}`, fields);
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'ITEM_WITHDRAWN']);
    expect((await f.call(f.s.officer, 'POST', `/api/v1/participation/item-lists/${DEPT}/publish`, {})).json()).toEqual({ version: 2 });
    pub = (await f.call(null, 'GET', `/api/v1/participation/public/item-lists?unit=${DEPT}`)).json().lists[0];
    expect(pub.items.map((i: { name: string; withdrawnReason: string | null }) => [i.name, i.withdrawnReason])).toEqual([
      ['泗阳县城乡居民临时救助办法（2026年修订）', null],
      ['城区农贸市场布局规划', '上级已统一规划，本单位不再决策'],
    ]);
    const versions = (await f.call(f.s.reviewer, 'GET', `/api/v1/participation/item-lists/${DEPT}`)).json().versions;
    expect(versions.map((v: { version: number; items: unknown[] }) => [v.version, v.items.length])).toEqual([
      [2, 2],
      [1, 2],
    ]);
    expect(versions[1].items[0].name).toBe('泗阳县城乡居民临时救助办法（修订）');
    expect((await f.call(f.s.otherOfficer, 'GET', `/api/v1/participation/item-lists/${DEPT}`)).statusCode).toBe(404);
    expect((await f.call(f.s.otherOfficer, 'GET', '/api/v1/participation/items')).json().items).toEqual([]);
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'participation.item%').execute();
    expect(audit.map((e) => e.action).sort()).toEqual(
      ['create', 'create', 'update', 'withdraw']
        .map((a) => `participation.item.${a}`)
        .concat(['participation.item_list.publish', 'participation.item_list.publish'])
        .sort(),
    );
  });

  it('flags an item whose planned time passed without a consultation, and links the consultation that took it up', async () => {
    await f.goTo('2026-03-23');
    let staff = (await f.call(f.s.officer, 'GET', `/api/v1/participation/items?unit=${DEPT}`)).json();
    const row = (id: string) => staff.items.find((i: { id: string }) => i.id === id);
    expect(row(first)).toMatchObject({ overdue: true, consultedOn: null });
    expect(row(second)).toMatchObject({ overdue: false, withdrawnReason: '上级已统一规划，本单位不再决策' });
    // 公开督查 reads the same fact through this module's provides.compliance (compliance never imports participation).
    const findings = async () =>
      (
        (await f.call(f.s.countyAdmin, 'GET', `/api/v1/compliance/units/${DEPT}`)).json() as {
          findings: { source: string; kind: string; ref: string; since: string }[];
          findingSources: string[];
        }
      ).findings.filter((x) => x.source === '公众参与');
    expect(await findings()).toEqual([expect.objectContaining({ kind: 'item-not-consulted', ref: '泗阳县城乡居民临时救助办法（2026年修订）' })]);
    const c = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', {
      unitCode: DEPT,
      itemId: first,
      title: '临时救助办法征求意见',
      draftText: FIVE_CLAUSES,
      explanation: '起草说明',
      howToComment: '网上留言',
      startOn: '2026-03-24',
      endOn: '2026-04-27',
    });
    expectStatus(c, 201);
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${c.json().id}/publish`), 200);
    staff = (await f.call(f.s.officer, 'GET', `/api/v1/participation/items?unit=${DEPT}`)).json();
    expect(row(first)).toMatchObject({ overdue: false, consultedOn: '2026-03-24' });
    expect(await findings()).toEqual([]);
    const page = await f.call(null, 'GET', `/participation/items?unit=${DEPT}`);
    expectStatus(page, 200);
    expect(page.body).toContain('泗阳县城乡居民临时救助办法（2026年修订）');
    expect(page.body).toContain('已撤回：上级已统一规划，本单位不再决策');
    expect(page.body).toContain(`/participation/consultations/${c.json().id}`);
    expect(page.body).not.toContain(PHONE);
    expect((await f.call(null, 'GET', '/participation/items?unit=nope')).statusCode).toBe(404);
  });

  it("lists the published catalogue in the unit's 公开指南, through the personal-data gate", async () => {
    const guide = await f.call(null, 'GET', `/units/${DEPT}/guide`);
    expectStatus(guide, 200);
    // React's text separators out of the way.
    const body = guide.body.replaceAll('<!-- -->', '');
    expect(body).toContain('四、公众参与事项目录');
    expect(body).toContain('第2版');
    expect(body).toContain('泗阳县城乡居民临时救助办法（2026年修订）');
    expect(body).toContain('已撤回：上级已统一规划，本单位不再决策');
    expect(body).toContain(`href="/participation/items?unit=${DEPT}"`);
    expect(body).not.toContain(PHONE);
    // The published version, not the working list: an unpublished edit stays out until the next version.
    expectStatus(await f.call(f.s.officer, 'PUT', `/api/v1/participation/items/${first}`, { ...fields, name: `未公布的改名 ${PHONE}` }), 200);
    const after = (await f.call(null, 'GET', `/units/${DEPT}/guide`)).body;
    expect(after).not.toContain('未公布的改名');
    expect(after).not.toContain(PHONE);
    expect((await f.call(null, 'GET', `/units/${OTHER_DEPT}/guide`)).body).toContain('本单位尚未公布公众参与事项目录');
    // A village's guide has no such catalogue (village decisions go through 村民会议 instead).
    expect((await f.call(null, 'GET', `/units/${VILLAGE}/guide`)).body).not.toContain('公众参与事项目录');
  });
});
