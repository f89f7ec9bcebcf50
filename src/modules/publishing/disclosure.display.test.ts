import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, loginAs } from '../../../test/helpers/test-app.ts';
import { getCalendar } from '../calendar/index.ts';
import { api, IMMEDIATE_ITEM, openFixture, publishGov, publishVillage, VILLAGE, type Fixture } from './disclosure.fixture.ts';

describe('display window, withdrawal, corrections, archive, content hash', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    // 2026-02-12 (Thursday) 10:00 China time, just before 春节 2026.
    f = await openFixture('2026-02-12T02:00:00.000Z');
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('minimum display end across 春节 2026: 7 working days from 2026-02-12 end on 2026-02-28 (调休上班)', async () => {
    const cal = await getCalendar(f.t.rt.ctx);
    expect(cal.addWorkingDays('2026-02-12', 7).date).toBe('2026-02-28');
    const id = await publishVillage(f, '<p>村民代表会议决定。</p>', { formedOn: '2026-02-11' });
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(pub.display).toMatchObject({ start: '2026-02-12', minEnd: '2026-02-28', end: '2026-02-28', phase: 'current', label: '公示中', provisional: null });
    expect(pub.display.periodText).toBe('2026年2月12日至2026年2月28日');
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    expect(page).toContain('2026年2月12日至2026年2月28日');

    // A planned end before the minimum is refused with the computed date; a later one is accepted.
    const early = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/display-end`, { until: '2026-02-27' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).message).toContain('2026年2月28日');
    const later = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/display-end`, { until: '2026-03-06' });
    expect(later.json().public.display.periodText).toBe('2026年2月12日至2026年3月6日');
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/disclosures/${id}/display-end`, { until: '2026-03-06' })).statusCode).toBe(404);
  });

  it('ending before the minimum needs a withdrawal with a public reason, shown on the page', async () => {
    const id = await publishVillage(f, '<p>待撤回。</p>', { formedOn: '2026-02-11' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '内容有误' })).statusCode).toBe(403);
    const empty = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toContain('撤回理由');
    const w = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '会议决定已被村民会议撤销' });
    expect(w.json().status).toBe('withdrawn');
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(pub.withdrawal.reason).toBe('会议决定已被村民会议撤销');
    expect(pub.display.label).toBe('已撤回');
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    expect(page).toContain('已撤回');
    expect(page).toContain('会议决定已被村民会议撤销');
    const audit = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('entity_id', '=', id)
      .where('action', '=', 'disclosure.withdraw')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ beforeMinimum: true, reason: '会议决定已被村民会议撤销' });
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '再次撤回' })).statusCode).toBe(409);
  });

  it('corrections: proposed by staff, effective when a second reviewer-level person approves; a new version with a public reason; history and diff are public', async () => {
    const id = await publishVillage(f, '<p>修建村道500米。</p><p>资金由村集体承担。</p>', { formedOn: '2026-02-11' });
    const v1 = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '长度有误', body: '<p>x</p>' })).statusCode).toBe(404);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '', body: '<p>x</p>' })).statusCode).toBe(400);
    expect(
      (
        await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, {
          reason: '无变化',
          body: '<p>修建村道500米。</p><p>资金由村集体承担。</p>',
        })
      ).statusCode,
    ).toBe(400);
    const blocked = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '补充联系人', body: '<p>联系人电话13812345678</p>' });
    expect(blocked.statusCode).toBe(409);
    // A proposal the clerk makes and the committee returns: nothing public changes.
    const byClerk = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '长度有误', body: '<p>修建村道600米。</p>' });
    expect(byClerk.statusCode).toBe(200);
    const first = byClerk.json().corrections[0];
    expect(first).toMatchObject({ status: 'pending', version: 2, reason: '长度有误', proposedByName: 'clerk姓名' });
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections/${first.id}/review`, { decision: 'reject' })).statusCode).toBe(400);
    const rejected = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections/${first.id}/review`, {
      decision: 'reject',
      comment: '长度应为800米',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().corrections[0]).toMatchObject({ status: 'rejected', comment: '长度应为800米', decidedByName: 'supervisor姓名' });
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections/${first.id}/review`, { decision: 'approve' })).statusCode).toBe(409);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public).toMatchObject({ version: 1, corrected: false });

    const proposed = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, {
      reason: '道路长度应为800米',
      title: '关于修建村道的决定（更正）',
      body: '<p>修建村道800米。</p><p>资金由村集体承担。</p>',
    });
    expect(proposed.statusCode).toBe(200);
    const cid = proposed.json().corrections[0].id as string;
    expect(errorOf(await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '再改一次', body: '<p>y</p>' })).code).toBe(
      'CORRECTION_PENDING',
    );
    // Not yet public; the proposer cannot approve it, nor can the clerk (not reviewer-level).
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public.version).toBe(1);
    const self = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(errorOf(self)).toMatchObject({ code: 'SELF_REVIEW' });
    expect(errorOf(self).message).toContain('起草过这项更正');
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await call(f.s.supervisor2, 'POST', `/api/v1/disclosures/${id}/corrections/nope/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' })).statusCode).toBe(404);
    // The clerk proposed a rejected revision of version 2 too: they are a contributor of it as well.
    expect(
      (await call(f.s.supervisor, 'GET', `/api/v1/disclosures/${id}`))
        .json()
        .staff.contributors.map((c: { displayName: string; kind: string }) => `${c.displayName}:${c.kind}`)
        .sort(),
    ).toEqual(['clerk姓名:author', 'supervisor姓名:author']);
    const c = await call(f.s.supervisor2, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve', comment: '核实无误' });
    expect(c.statusCode).toBe(200);
    expect(c.json().corrections[0]).toMatchObject({ status: 'approved', decidedByName: 'supervisor2姓名' });
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(pub).toMatchObject({
      version: 2,
      corrected: true,
      indexNo: v1.indexNo,
      title: '关于修建村道的决定（更正）',
      bodyHtml: '<p>修建村道800米。</p><p>资金由村集体承担。</p>',
    });
    expect(pub.contentHash).not.toBe(v1.contentHash);
    expect(pub.versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '道路长度应为800米'],
    ]);
    const changes = pub.versions[1].changes;
    expect(changes.map((x: { field: string }) => x.field)).toEqual(['title', 'body']);
    expect(changes[1].lines).toEqual([
      { op: 'removed', text: '修建村道500米。' },
      { op: 'added', text: '修建村道800米。' },
      { op: 'same', text: '资金由村集体承担。' },
    ]);
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    for (const s of ['已更正', '道路长度应为800米', '删除：修建村道500米。', '新增：修建村道800米。', '更正记录']) expect(page).toContain(s);
    const ev = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('entity_id', '=', id)
      .where('action', '=', 'disclosure.correct')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.after_json!).contentHash).toBe(pub.contentHash);
  });

  it('content hash: the verify page says 一致, and 不一致 after the stored public body is tampered with', async () => {
    const { id } = await publishGov(f, '财政资金安排');
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    const ev = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('entity_id', '=', id)
      .where('action', '=', 'disclosure.publish')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.after_json!).contentHash).toBe(pub.contentHash);
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    expect(page).toContain(pub.contentHash);
    expect(page).toContain(`/disclosures/${id}/verify`);
    const ok = (await call(null, 'GET', `/disclosures/${id}/verify`)).body;
    expect(ok).toContain('一致：');
    expect(ok).not.toContain('不一致');
    expect(ok).toContain('审计日志完整性校验通过');
    await f.t.rt.ctx.db.updateTable('disclosure_versions').set({ public_body_html: '<p>被篡改的正文</p>' }).where('disclosure_id', '=', id).execute();
    const bad = (await call(null, 'GET', `/disclosures/${id}/verify`)).body;
    expect(bad).toContain('不一致');
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/verify`)).json()).toMatchObject({ matches: false, chainOk: true });
    expect((await call(null, 'GET', `/disclosures/00000000-0000-0000-0000-000000000000/verify`)).statusCode).toBe(404);
  });

  it('after the window the record is 往期公开 (computed from dates); the unit page lists it under 往期公开', async () => {
    const id = await publishVillage(f, '<p>已过公示期的内容。</p>', { formedOn: '2026-02-11', title: '往期测试公示' });
    f.clock.set('2026-03-02T02:00:00.000Z');
    const s = await loginAs(f.t.app, 'clerk');
    expect(s.csrf).toBeTruthy();
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(pub.display).toMatchObject({ phase: 'archive', label: '往期公开（已过公示期）' });
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    expect(page).toContain('本信息已过公示期');
    const unitPage = (await call(null, 'GET', `/units/${VILLAGE}`)).body;
    const past = unitPage.slice(unitPage.indexOf('往期公开</h2>'));
    expect(past).toContain('往期测试公示');
    expect(past).toContain('2026年2月');
    expect(unitPage).toContain(`/units/${VILLAGE}/disclosures?year=2026`);
    // The 3月6日 planned end keeps the first record current.
    const current = unitPage.slice(unitPage.indexOf('当前公示</h2>'), unitPage.indexOf('往期公开</h2>'));
    expect(current).toContain('2026年2月12日至2026年3月6日');
    const yearPage = (await call(null, 'GET', `/units/${VILLAGE}/disclosures?year=2026`)).body;
    expect(yearPage).toContain('往期测试公示');
    expect(IMMEDIATE_ITEM).toBe('vil:hyjd');

    // The village extends the window after it ended: the record is current again on the (cached) unit
    // page and in search, at once.
    const found = async () =>
      (await call(null, 'GET', `/api/v1/search?q=${encodeURIComponent('往期测试公示')}`))
        .json()
        .items.find((i: { url: string }) => i.url === `/disclosures/${id}`);
    // Reads never write and no job runs: search computes 往期 from the display end and today.
    expect(await found()).toMatchObject({ archived: true });
    const ext = await call(s, 'POST', `/api/v1/disclosures/${id}/display-end`, { until: '2026-03-13' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().public.display).toMatchObject({ phase: 'current', end: '2026-03-13' });
    expect(await found()).toMatchObject({ archived: false });
    const again = (await call(null, 'GET', `/units/${VILLAGE}`)).body;
    expect(again.slice(again.indexOf('当前公示</h2>'), again.indexOf('往期公开</h2>'))).toContain('往期测试公示');
  });

  it('索引号 serials restart at 00001 in a new year (per unit and year)', async () => {
    f.clock.set('2027-01-05T02:00:00.000Z');
    f.s.officer = await loginAs(f.t.app, 'officer');
    f.s.reviewer = await loginAs(f.t.app, 'reviewer');
    expect((await publishGov(f, '新年度第一条')).indexNo).toBe('dept-mzj/2027-00001');
    expect((await publishGov(f, '新年度第二条')).indexNo).toBe('dept-mzj/2027-00002');
  });
});
