import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { errorOf, loginAs, TEST_PASSWORD } from '../../../test/helpers/test-app.ts';
import { publishDueScheduled } from './disclosure.commands.ts';
import { api, DEPT, IMMEDIATE_ITEM, openFixture, OTHER_VILLAGE, publishGov, publishVillage, VILLAGE, type Fixture } from './disclosure.fixture.ts';

describe('disclosure workflow API', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  const count = async () =>
    Number(
      (
        await f.t.rt.ctx.db
          .selectFrom('disclosures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('village flow: clerk drafts, committee signs, clerk publishes; the public sees the public view only', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      itemKey: IMMEDIATE_ITEM,
      title: '关于修建村道的决定',
      formedOn: '2026-11-25',
      body: '<p>经村民代表会议决定<script>alert(1)</script>修建村道。</p><img src=x onerror=alert(1)>',
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id;
    expect(d.json().status).toBe('draft');
    expect(d.json().bodyHtml).toBe('<p>经村民代表会议决定修建村道。</p>');
    expect(d.json().channels.length).toBeGreaterThan(0);
    // Not public yet: anonymous 404, staff of the village see it.
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).statusCode).toBe(404);
    expect((await call(f.s.supervisor, 'GET', `/api/v1/disclosures/${id}`)).statusCode).toBe(200);

    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).json().status).toBe('submitted');
    const approved = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '经审查，同意公布' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const sign = approved.json().steps.find((s: { action: string }) => s.action === 'approve');
    expect(sign).toMatchObject({ actorName: 'supervisor姓名', role: 'village_supervisor', comment: '经审查，同意公布' });
    expect(sign.at).toBe('2026-11-26T01:00:00.000Z');

    const pub = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
    expect(pub.json().public.indexNo).toBe(`${VILLAGE}/2026-00001`);

    const anon = await call(null, 'GET', `/api/v1/disclosures/${id}`);
    expect(anon.statusCode).toBe(200);
    expect(anon.json().staff).toBeNull();
    expect(anon.json().public).toMatchObject({
      title: '关于修建村道的决定',
      unit: { code: VILLAGE, name: '卜湖社区' },
      formedOn: '2026-11-25',
      status: 'published',
    });
    expect(anon.json().public.display.periodText).toMatch(/^2026年11月26日至2026年12月\d+日$/);

    // The triggering event was recorded so the obligation exists (and this record fulfils it).
    const row = await f.t.rt.ctx.db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ev = await f.t.rt.ctx.db.selectFrom('catalog_events').selectAll().where('id', '=', row.event_id!).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ unit_code: VILLAGE, item_key: IMMEDIATE_ITEM, occurred_on: '2026-11-25' });

    const actions = (await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['disclosure.create', 'disclosure.submit', 'disclosure.approve', 'disclosure.publish']);
    expect((await verifyAuditChain(f.t.rt.ctx.db)).ok).toBe(true);
  });

  it('government flow: officer drafts, reviewer does the 保密审查, county-configured 索引号 prefix', async () => {
    expect((await call(f.s.townAdmin, 'PUT', `/api/v1/publishing/units/${DEPT}/index-prefix`, { prefix: '01432281X' })).statusCode).toBe(404);
    expect((await call(f.s.reviewer, 'PUT', `/api/v1/publishing/units/${DEPT}/index-prefix`, { prefix: '01432281X' })).statusCode).toBe(403);
    expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/publishing/units/${DEPT}/index-prefix`, { prefix: '0143 2281X' })).statusCode).toBe(400);
    expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/publishing/units/${DEPT}/index-prefix`, { prefix: '01432281X' })).statusCode).toBe(200);
    const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', {
      unitCode: DEPT,
      title: '2026年度临时救助资金安排',
      docNo: '泗民发〔2026〕1号',
      formedOn: '2026-11-20',
      body: '<p>正文</p>',
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id;
    await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    const r = await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '不涉及国家秘密' });
    expect(r.json().steps.at(-1)).toMatchObject({ action: 'approve', role: 'unit_reviewer', actorName: 'reviewer姓名', comment: '不涉及国家秘密' });
    const p = await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect(p.json().public.indexNo).toBe('01432281X/2026-00001');
    expect(p.json().public.docNo).toBe('泗民发〔2026〕1号');
  });

  it('index numbers are sequential per unit and year, and unique', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) nos.push((await publishGov(f, `第${i}条`)).indexNo);
    expect(nos).toEqual(['01432281X/2026-00002', '01432281X/2026-00003', '01432281X/2026-00004']);
    const second = await publishVillage(f);
    expect((await call(null, 'GET', `/api/v1/disclosures/${second}`)).json().public.indexNo).toBe(`${VILLAGE}/2026-00002`);
    const all = await f.t.rt.ctx.db.selectFrom('disclosures').select('index_no').where('index_no', 'is not', null).execute();
    expect(new Set(all.map((a) => a.index_no)).size).toBe(all.length);
  });

  it('return with a comment, then edit and resubmit; the return shows in the drafter’s to-do list', async () => {
    const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '待退回', formedOn: '2026-11-20', body: '<p>正文</p>' });
    const id = d.json().id;
    await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect((await call(f.s.officer, 'PATCH', `/api/v1/disclosures/${id}`, { title: '改' })).statusCode).toBe(409);
    const noComment = await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'reject' });
    expect(noComment.statusCode).toBe(400);
    expect(errorOf(noComment).message).toContain('退回意见');
    const todoR = await call(f.s.reviewer, 'GET', '/api/v1/disclosures/todo');
    expect(todoR.json().toReview.map((x: { id: string }) => x.id)).toContain(id);
    const back = await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'reject', comment: '请补充资金来源' });
    expect(back.json().status).toBe('returned');
    const todo = await call(f.s.officer, 'GET', '/api/v1/disclosures/todo');
    expect(todo.json().returned).toEqual([expect.objectContaining({ id, comment: '请补充资金来源' })]);
    const edited = await call(f.s.officer, 'PATCH', `/api/v1/disclosures/${id}`, { body: '<p>资金来源：县级财政。</p>' });
    expect(edited.statusCode).toBe(200);
    expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {})).json().status).toBe('submitted');
    expect((await call(f.s.officer, 'GET', '/api/v1/disclosures/todo')).json().returned).toEqual([]);
  });

  it('nobody reviews their own submission', async () => {
    const d = await call(f.s.dual, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '自审', formedOn: '2026-11-20', body: '<p>正文</p>' });
    const id = d.json().id;
    await call(f.s.dual, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    const self = await call(f.s.dual, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(errorOf(self).code).toBe('SELF_REVIEW');
    expect((await call(f.s.dual, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'reject', comment: 'x' })).statusCode).toBe(403);
    expect((await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  });

  it('wrong role 403, outside scope 404, anonymous 401, missing CSRF 403, publish before approval 409', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: '权限', formedOn: '2026-11-20', body: '<p>正文</p>' });
    const id = d.json().id;
    // Wrong role: a supervisor cannot draft, the clerk cannot approve; the officer of a department has no say over a village.
    expect(
      (await call(f.s.supervisor, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' })).statusCode,
    ).toBe(403);
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    // Publish before approval.
    const early = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toContain('待审核');
    // Outside scope: another village's clerk and a department reviewer do not even see it.
    for (const who of [f.s.otherClerk, f.s.reviewer]) {
      expect((await call(who, 'GET', `/api/v1/disclosures/${id}`)).statusCode).toBe(404);
      expect((await call(who, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(404);
    }
    expect(
      (await call(f.s.otherClerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' })).statusCode,
    ).toBe(404);
    const list = await call(f.s.otherClerk, 'GET', '/api/v1/disclosures?status=submitted');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await call(f.s.clerk, 'GET', '/api/v1/disclosures?status=submitted')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    // A supervisor of the town above may sign for the village ("or above").
    // Anonymous and CSRF.
    expect((await call(null, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(401);
    const noCsrf = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/disclosures/${id}/review`,
      headers: { cookie: f.s.supervisor.cookie },
      payload: { decision: 'approve' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(errorOf(noCsrf).code).toBe('CSRF_FAILED');
    expect((await call(f.s.supervisor2, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  });

  it('optional township review for villages, switched on by the county admin only', async () => {
    expect((await call(f.s.townAdmin, 'PUT', '/api/v1/publishing/settings', { townReview: true })).statusCode).toBe(403);
    expect((await call(f.s.clerk, 'PUT', '/api/v1/publishing/settings', { townReview: true })).statusCode).toBe(403);
    expect((await call(f.s.countyAdmin, 'PUT', '/api/v1/publishing/settings', { townReview: true })).json()).toEqual({ townReview: true });
    try {
      const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: '需乡镇审核', formedOn: '2026-11-20', body: '<p>正文</p>' });
      const id = d.json().id;
      await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
      expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).json().status).toBe('committee_approved');
      expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(409);
      expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(403);
      const town = await call(f.s.townReviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '街道审核同意' });
      expect(town.json().status).toBe('approved');
      expect(town.json().steps.at(-1)).toMatchObject({ role: 'unit_reviewer', comment: '街道审核同意' });
    } finally {
      await call(f.s.countyAdmin, 'PUT', '/api/v1/publishing/settings', { townReview: false });
    }
  });

  it('bad input answers in Chinese and writes nothing', async () => {
    const before = await count();
    const auditBefore = (await f.t.rt.ctx.db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ unitCode: VILLAGE, title: '  ', formedOn: '2026-11-20', body: '<p>x</p>' }, 400, '标题'],
      [{ unitCode: VILLAGE, title: 'x', formedOn: '2026-02-30', body: '<p>x</p>' }, 400, '生成日期'],
      [{ unitCode: VILLAGE, title: 'x', formedOn: '2026-12-20', body: '<p>x</p>' }, 400, '晚于今天'],
      [{ unitCode: VILLAGE, title: 'x', formedOn: '2026-11-20', body: '<script>x</script>' }, 400, '正文不能为空'],
      [{ unitCode: VILLAGE, itemKey: 'vil:nope', title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' }, 400, '不适用'],
      [{ unitCode: VILLAGE, itemKey: 'vil:szxq', title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' }, 400, '公开期间'],
      [{ unitCode: VILLAGE, itemKey: IMMEDIATE_ITEM, period: '2026-Q3', title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' }, 400, '不按期间'],
      [{ unitCode: VILLAGE, title: 'x', formedOn: '2026-11-20', body: '<p>x</p>', channels: ['微博'] }, 400, '请求内容有误'],
      [{ unitCode: 'nope', title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' }, 404, '单位不存在'],
    ];
    for (const [payload, status, text] of cases) {
      const r = await call(f.s.clerk, 'POST', '/api/v1/disclosures', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(errorOf(r).message).toContain(text);
    }
    const ok = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      itemKey: 'vil:szxq',
      period: '2026-Q3',
      title: '2026年第三季度财务收支',
      formedOn: '2026-11-20',
      body: '<p>x</p>',
    });
    expect(ok.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
    const events = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('seq', '>', auditBefore).execute();
    expect(events.map((e) => e.action)).toEqual(['disclosure.create']);
  });

  it('abolished units cannot receive new disclosures', async () => {
    await f.t.rt.ctx.db.updateTable('org_units').set({ active: 0, abolished_on: '2026-01-01' }).where('code', '=', OTHER_VILLAGE).execute();
    const r = await call(f.s.otherClerk, 'POST', '/api/v1/disclosures', { unitCode: OTHER_VILLAGE, title: 'x', formedOn: '2026-11-20', body: '<p>x</p>' });
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).message).toContain('已撤销');
    await f.t.rt.ctx.db.updateTable('org_units').set({ active: 1, abolished_on: null }).where('code', '=', OTHER_VILLAGE).execute();
  });

  it('scheduled publication is invisible before `at`, public from `at` by time alone, recorded once by the job', async () => {
    const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '定时发布', formedOn: '2026-11-20', body: '<p>正文</p>' });
    const id = d.json().id;
    await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, { at: '2026-11-26T00:00:00.000Z' })).statusCode).toBe(400);
    const s = await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, { at: '2026-11-26T02:00:00.000Z' });
    expect(s.json()).toMatchObject({ status: 'scheduled', scheduledAt: '2026-11-26T02:00:00.000Z', public: null });
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/disclosures?unit=${DEPT}`)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    f.clock.set('2026-11-26T02:00:00.000Z');
    const after = await call(null, 'GET', `/api/v1/disclosures/${id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().public.publishedAt).toBe('2026-11-26T02:00:00.000Z');
    expect(after.json().public.indexNo).toMatch(/^01432281X\/2026-\d{5}$/);
    expect((await call(null, 'GET', `/api/v1/disclosures?unit=${DEPT}`)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    // The read wrote nothing: the publication is recorded by the job, once however often it runs.
    const pubs = () =>
      f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).where('action', '=', 'disclosure.publish').execute();
    expect(await pubs()).toHaveLength(0);
    expect(await publishDueScheduled(f.t.rt.ctx)).toMatchObject({ published: 1 });
    expect(await publishDueScheduled(f.t.rt.ctx)).toMatchObject({ published: 0 });
    expect(await pubs()).toHaveLength(1);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public.indexNo).toBe(after.json().public.indexNo);
    f.clock.set('2026-11-26T01:00:00.000Z');
  });

  it('to-do: what the clerk’s village owes this week or is overdue', async () => {
    unwrap(
      await createUser(
        f.t.rt.ctx,
        { actor: null },
        { username: 'clerk2', displayName: '经办人二', password: TEST_PASSWORD, roles: [{ role: 'village_clerk', unitCode: VILLAGE }] },
      ),
    );
    const s = await loginAs(f.t.app, 'clerk2');
    const todo = (await call(s, 'GET', '/api/v1/disclosures/todo')).json();
    expect(todo.owed.length).toBeGreaterThan(0);
    expect(todo.owed.every((o: { dueDate: string; unitCode: string }) => o.dueDate <= '2026-11-29' && o.unitCode === VILLAGE)).toBe(true);
    // The quarterly finance disclosure of 2026-Q3 is overdue (due 2026-10-10) and not yet published.
    expect(todo.owed).toContainEqual(expect.objectContaining({ itemKey: 'vil:szxq', period: '2026-Q3', overdue: true }));
    expect((await call(null, 'GET', '/api/v1/disclosures/todo')).statusCode).toBe(401);
  });
});
