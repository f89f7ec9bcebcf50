/** Policy documents over HTTP: 文号 rules, validity with history, 解读/回应 links, public page, and every refusal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, DEPT, TOWN, type Fixture } from '../publishing/disclosure.fixture.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';

let f: Fixture;
let call: ReturnType<typeof api>;
const meta = (over: Record<string, unknown> = {}) => ({
  unitCode: DEPT,
  title: '民政局关于测试的通知',
  formedOn: '2026-11-20',
  body: '<p>正文</p>',
  docNo: '泗民测〔2026〕1号',
  writtenOn: '2026-11-20',
  category: '部门文件',
  topic: '社会救助',
  genre: '通知',
  keywords: ['低保'],
  ...over,
});

async function publish(id: string) {
  expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
  expect((await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);
}
async function newPolicy(over: Record<string, unknown> = {}): Promise<string> {
  const r = await call(f.s.officer, 'POST', '/api/v1/policies', meta(over));
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  await publish(id);
  return id;
}

beforeAll(async () => {
  f = await openFixture('2026-11-26T02:00:00.000Z');
  call = api(f);
  expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民测'] })).statusCode).toBe(200);
}, 120_000);
afterAll(() => f?.t.close());

describe('文号 and metadata', () => {
  it('refuses bad numbers with a clear message and saves nothing', async () => {
    const before = await f.t.rt.ctx.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const [docNo, status, code] of [
      ['泗民测2026第1号', 400, 'INVALID_DOC_NO'],
      ['泗政办发〔2026〕1号', 400, 'DOC_NO_PREFIX'],
      ['泗民测〔2027〕1号', 400, 'DOC_NO_YEAR'],
    ] as const) {
      const r = await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo }));
      expect(r.statusCode, docNo).toBe(status);
      expect(errorOf(r).code).toBe(code);
    }
    expect(errorOf(await call(f.s.officer, 'POST', '/api/v1/policies', meta({ category: '不存在' }))).code).toBe('INVALID_CATEGORY');
    const after = await f.t.rt.ctx.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a 文号 is unique per issuer, also when typed with other brackets', async () => {
    await newPolicy({ docNo: '泗民测〔2026〕7号' });
    const dup = await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测[2026]07号' }));
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('DOC_NO_TAKEN');
  });

  it("only the unit's drafter drafts; other units answer 404; villages cannot issue policies", async () => {
    expect((await call(f.s.reviewer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕90号' }))).statusCode).toBe(403);
    expect((await call(f.s.clerk, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕90号' }))).statusCode).toBe(404);
    expect((await call(f.s.clerk, 'POST', '/api/v1/policies', meta({ unitCode: '321323002-buhu', docNo: null }))).statusCode).toBe(400);
    expect((await call(f.s.officer, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民新'] })).statusCode).toBe(404);
    expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民测〔2026〕'] })).statusCode).toBe(400);
    // A 代字 in use cannot be removed.
    expect(errorOf(await call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: [] })).code).toBe('PREFIX_IN_USE');
  });
});

describe('validity, interpretation, response and the public page', () => {
  it('已修改 by a later document shows on the page and in the list, with its history', async () => {
    const old = await newPolicy({ docNo: '泗民测〔2026〕11号', title: '民政局关于老办法的通知' });
    // Not yet linked to anything: amended needs the changing document.
    expect(errorOf(await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'amended', effectiveOn: '2026-11-26' })).code).toBe(
      'CHANGING_DOCUMENT_REQUIRED',
    );
    const draft = await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕12号', title: '民政局关于修改老办法的通知' }));
    const newer = draft.json().id as string;
    expect(
      errorOf(await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'amended', effectiveOn: '2026-11-26', byPolicyId: newer })).code,
    ).toBe('CHANGING_DOCUMENT_UNPUBLISHED');
    await publish(newer);
    // The drafter may not register it, another department's staff cannot see it.
    expect(
      (await call(f.s.officer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'amended', effectiveOn: '2026-11-26', byPolicyId: newer })).statusCode,
    ).toBe(403);
    expect(
      (await call(f.s.townReviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'amended', effectiveOn: '2026-11-26', byPolicyId: newer })).statusCode,
    ).toBe(404);
    expect(
      errorOf(await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'amended', effectiveOn: '2026-12-01', byPolicyId: newer })).code,
    ).toBe('VALIDITY_DATE');
    const ok = await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, {
      to: 'amended',
      effectiveOn: '2026-11-26',
      byPolicyId: newer,
      reason: '第一条修改',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = (await call(null, 'GET', `/api/v1/policies/${old}`)).json();
    expect(view.policy.validity).toBe('amended');
    expect(view.history.map((h: { to: string }) => h.to)).toEqual(['valid', 'amended']);
    expect(view.history[1].by.id).toBe(newer);
    const page = await call(null, 'GET', `/policies/${old}`);
    expect(page.body).toContain('已修改');
    expect(page.body).toContain('泗民测〔2026〕12号');
    expect((await call(null, 'GET', `/policies/${newer}`)).body).toContain('民政局关于老办法的通知');
    // The search returns policies with their validity (API and page); other records carry none.
    const found = (await call(null, 'GET', `/api/v1/search?q=${encodeURIComponent('老办法')}`)).json().items as {
      id: string;
      validity: { code: string; text: string } | null;
    }[];
    expect(found.find((i) => i.id === `disclosure:${old}`)?.validity).toMatchObject({ code: 'amended', text: '已修改' });
    expect(found.find((i) => i.id === `disclosure:${newer}`)?.validity).toMatchObject({ code: 'valid', text: '有效' });
    expect((await call(null, 'GET', `/search?q=${encodeURIComponent('老办法')}`)).body).toContain('时效：已修改');
    // Repealed is final; 现行有效 leaves it out.
    expect(
      (await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'repealed', effectiveOn: '2026-11-26', byPolicyId: newer })).statusCode,
    ).toBe(200);
    expect(errorOf(await call(f.s.reviewer, 'POST', `/api/v1/policies/${old}/validity`, { to: 'expired', effectiveOn: '2026-11-26' })).code).toBe(
      'VALIDITY_TRANSITION',
    );
    const current = (await call(null, 'GET', '/api/v1/policies')).json().items.map((i: { id: string }) => i.id);
    expect(current).toContain(newer);
    expect(current).not.toContain(old);
    expect((await call(null, 'GET', '/api/v1/policies?validity=repealed')).json().items.map((i: { id: string }) => i.id)).toEqual([old]);
  });

  it('links an interpretation and a response; the chain is on the page; refusals for the wrong records', async () => {
    const p = await newPolicy({ docNo: '泗民测〔2026〕21号', title: '民政局关于链条的通知' });
    const d = (
      await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '链条通知解读', formedOn: '2026-11-26', body: '<p>解读</p>' })
    ).json().id as string;
    await publish(d);
    expect((await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: d, form: 'video' })).statusCode).toBe(400);
    expect(
      (await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: d, form: 'text', mediaUrl: 'javascript:alert(1)' })).statusCode,
    ).toBe(400);
    expect((await call(f.s.clerk, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: d, form: 'text' })).statusCode).toBe(404);
    expect((await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: p, form: 'text' })).statusCode).toBe(400);
    expect((await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: d, form: 'text' })).statusCode).toBe(200);
    expect((await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: d, form: 'text' })).statusCode).toBe(409);
    const r = (
      await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '链条通知回应', formedOn: '2026-11-26', body: '<p>回应</p>' })
    ).json().id as string;
    // Only published records are linked: a draft is refused (409), and once withdrawn too.
    for (const res of [
      await call(f.s.officer, 'POST', '/api/v1/policy-responses', { disclosureId: r, form: 'concern', policyId: p }),
      await call(f.s.officer, 'POST', `/api/v1/policies/${p}/interpretations`, { disclosureId: r, form: 'text' }),
    ]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(errorOf(res).code).toBe('DISCLOSURE_NOT_PUBLISHED');
    }
    const gone = (
      await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title: '撤回的回应', formedOn: '2026-11-26', body: '<p>回应</p>' })
    ).json().id as string;
    await publish(gone);
    expect((await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${gone}/withdraw`, { reason: '内容有误，撤回' })).statusCode).toBe(200);
    const withdrawn = await call(f.s.officer, 'POST', '/api/v1/policy-responses', { disclosureId: gone, form: 'concern', policyId: p });
    expect([withdrawn.statusCode, errorOf(withdrawn).code]).toEqual([409, 'DISCLOSURE_NOT_PUBLISHED']);
    expect(errorOf(withdrawn).message).toContain('已撤回');
    await publish(r);
    expect(
      (await call(f.s.officer, 'POST', '/api/v1/policy-responses', { disclosureId: r, form: 'concern', policyId: p, interactionRef: 'bad ref!' })).statusCode,
    ).toBe(400);
    // What it answers: a case of the interaction module and a 公众参与事项, both of the unit (through their index.ts).
    const kase = await call(f.s.officer, 'POST', '/api/v1/interaction/cases/intake', {
      kind: 'complaint',
      unitCode: DEPT,
      content: '反映低保审核时间太长。',
      channel: 'phone',
      receivedOn: '2026-11-25',
    });
    expect(kase.statusCode, kase.body).toBe(201);
    const caseNo = kase.json().caseNo as string;
    const item = await call(f.s.officer, 'POST', '/api/v1/participation/items', {
      unitCode: DEPT,
      name: '低保审核办法修订',
      reason: '涉及群众切身利益',
      methods: ['symposium'],
      plannedOn: '2026-12-10',
    });
    expect(item.statusCode, item.body).toBe(201);
    const itemId = item.json().id as string;
    const link = (over: Record<string, unknown>) =>
      call(f.s.officer, 'POST', '/api/v1/policy-responses', { disclosureId: r, form: 'concern', policyId: p, ...over });
    expect(errorOf(await link({ interactionRef: '互2026-99999' })).code).toBe('INTERACTION_CASE_NOT_FOUND');
    expect(errorOf(await link({ consultationRef: 'no-such-item' })).code).toBe('PARTICIPATION_NOT_FOUND');
    // A case of another unit is not the department's to answer (404 as if it did not exist).
    const townCase = await call(f.s.townAdmin, 'POST', '/api/v1/interaction/cases/intake', {
      kind: 'suggestion',
      unitCode: TOWN,
      content: '建议街道多开放几个办事窗口。',
      channel: 'phone',
      receivedOn: '2026-11-25',
    });
    expect(townCase.statusCode, townCase.body).toBe(201);
    expect((await link({ interactionRef: townCase.json().caseNo })).statusCode).toBe(404);
    expect((await link({ interactionRef: townCase.json().id })).statusCode).toBe(404);
    const linked = await link({ interactionRef: caseNo, consultationRef: itemId });
    expect(linked.statusCode, linked.body).toBe(200);
    const page = (await call(null, 'GET', `/policies/${p}`)).body;
    expect(page).toContain('文字解读');
    expect(page).toContain('链条通知解读');
    expect(page).toContain('回应关切');
    expect(page).toContain('链条通知回应');
    // The case is not 选登: its kind and number only, no link; the 公众参与事项 links to the unit's list.
    expect(page).toContain(`回应的是：<span>投诉 ${caseNo}（未公开）</span>`);
    expect(page).toContain(`<a href="/participation/items?unit=${DEPT}">公众参与事项《低保审核办法修订》</a>`);
    expect(page).not.toContain('反映低保审核时间太长');
    const api = (await call(null, 'GET', `/api/v1/policies/${p}`)).json();
    expect(api.responses[0].answers).toEqual([
      { kind: 'interaction', kindText: '投诉', label: `投诉 ${caseNo}`, href: null },
      { kind: 'item', kindText: '公众参与事项', label: '公众参与事项《低保审核办法修订》', href: `/participation/items?unit=${DEPT}` },
    ]);
    // The staff's list for the linking form: the unit's published records, newest first, paged, each with what it
    // already is (policy / 解读 / 回应); drafts and withdrawn records are not in it.
    const linkable = await call(f.s.officer, 'GET', `/api/v1/policies/linkable?unit=${DEPT}&limit=100`);
    expect(linkable.statusCode, linkable.body).toBe(200);
    const state = new Map((linkable.json().items as { id: string; linkedAs: string | null }[]).map((i) => [i.id, i.linkedAs]));
    expect([state.get(p), state.get(d), state.get(r)]).toEqual(['policy', 'interpretation', 'response']);
    expect(state.has(gone)).toBe(false);
    const firstPage = (await call(f.s.reviewer, 'GET', `/api/v1/policies/linkable?unit=${DEPT}&limit=2`)).json();
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.total).toBe(linkable.json().total);
    const second = (await call(f.s.reviewer, 'GET', `/api/v1/policies/linkable?unit=${DEPT}&limit=2&offset=2`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual((linkable.json().items as { id: string }[]).slice(2, 4).map((i) => i.id));
    // Staff of the unit only: a village clerk or another unit's staff get 404; bad paging 400 in Chinese.
    expect(errorOf(await call(f.s.clerk, 'GET', `/api/v1/policies/linkable?unit=${DEPT}`)).code).toBe('UNIT_NOT_FOUND');
    expect((await call(f.s.townReviewer, 'GET', `/api/v1/policies/linkable?unit=${DEPT}`)).statusCode).toBe(404);
    expect((await call(f.s.officer, 'GET', '/api/v1/policies/linkable?unit=nope')).statusCode).toBe(404);
    const bad = await call(f.s.officer, 'GET', `/api/v1/policies/linkable?unit=${DEPT}&limit=500`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toMatch(/[\u4e00-\u9fff]/);
    expect((await call(null, 'GET', `/api/v1/policies/linkable?unit=${DEPT}`)).statusCode).toBe(401);
    // Unpublished policies are not public.
    const draft = (await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕22号' }))).json().id as string;
    expect((await call(null, 'GET', `/api/v1/policies/${draft}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/policies/${draft}`)).statusCode).toBe(404);
  });

  it("interpretation compliance: the county marks a category; settings are the county office's", async () => {
    const s = (await call(f.s.countyAdmin, 'GET', '/api/v1/policies/settings')).json();
    expect(
      (await call(f.s.reviewer, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { categories: ['部门文件'], workingDays: 3 } })).statusCode,
    ).toBe(403);
    expect(
      (await call(f.s.countyAdmin, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { categories: ['不在列表'], workingDays: 3 } })).statusCode,
    ).toBe(400);
    expect(
      (await call(f.s.countyAdmin, 'PUT', '/api/v1/policies/settings', { ...s, interpretation: { categories: ['部门文件'], workingDays: 3 } })).statusCode,
    ).toBe(200);
    const c = (await call(f.s.reviewer, 'GET', '/api/v1/policies/interpretation-compliance')).json();
    const chain = c.items.find((i: { title: string }) => i.title === '民政局关于链条的通知');
    expect(chain).toMatchObject({ status: 'on_time' });
    expect(c.items.some((i: { status: string }) => i.status === 'pending')).toBe(true);
    // Another town's staff sees none of the department's policies.
    expect((await call(f.s.townReviewer, 'GET', '/api/v1/policies/interpretation-compliance')).json().items).toEqual([]);
  });
});

/** 文号 the policy rules refuse for 泗民测 in 2026: one already taken, another unit's 代字, a later year, a non-normalised spelling. */
const refusedDocNos = (taken: number, serial: number) =>
  [
    [`泗民测〔2026〕${taken}号`, 409, 'DOC_NO_TAKEN'],
    [`泗政办发〔2026〕${serial}号`, 400, 'DOC_NO_PREFIX'],
    [`泗民测〔2027〕${serial}号`, 400, 'DOC_NO_YEAR'],
    [`泗民测[2026]0${serial}号`, 400, 'DOC_NO_FORMAT'],
  ] as const;

describe('editing metadata after registration', () => {
  const row = (id: string) => f.t.rt.ctx.db.selectFrom('policy_documents').selectAll().where('disclosure_id', '=', id).executeTakeFirstOrThrow();
  const edit = (who: Parameters<typeof call>[0], id: string, body: Record<string, unknown>) => call(who, 'PATCH', `/api/v1/policies/${id}/metadata`, body);
  const metadataAudits = async (id: string) =>
    (
      await f.t.rt.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', id)
        .where('action', 'like', 'policy.metadata%')
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);

  it('a draft is edited by its drafter without a public record; under review it is locked', async () => {
    const id = (await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕31号' }))).json().id as string;
    const r = await edit(f.s.officer, id, { genre: '意见', keywords: ['低保', '救助'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ changed: ['genre', 'keywords'], correction: false });
    // The 文号 belongs to the reviewed text: it changes in the draft first.
    expect(errorOf(await edit(f.s.officer, id, { docNo: '泗民测〔2026〕32号' })).code).toBe('DOC_NO_MISMATCH');
    expect(errorOf(await edit(f.s.officer, id, { genre: '意见' })).code).toBe('NO_CHANGE');
    expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    const locked = await edit(f.s.officer, id, { genre: '通知' });
    expect(locked.statusCode).toBe(409);
    expect(errorOf(locked).code).toBe('UNDER_REVIEW');
    expect((await row(id)).genre).toBe('意见');
    const history = await f.t.rt.ctx.db.selectFrom('policy_metadata_changes').selectAll().where('policy_id', '=', id).execute();
    expect(history.map((h) => [h.seq, h.is_public, JSON.parse(h.before_json), JSON.parse(h.after_json)])).toEqual([
      [1, 0, { genre: '通知', keywords: ['低保'] }, { genre: '意见', keywords: ['低保', '救助'] }],
    ]);
  });

  it('a 文号 changed in the draft follows into the metadata; one the policy rules refuse leaves the draft as it was', async () => {
    const id = (await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕33号' }))).json().id as string;
    await newPolicy({ docNo: '泗民测〔2026〕35号' });
    const draft = (body: Record<string, unknown>) => call(f.s.officer, 'PATCH', `/api/v1/disclosures/${id}`, body);
    for (const [docNo, status, code] of refusedDocNos(35, 34)) {
      const r = await draft({ docNo, title: '民政局关于测试的通知（改）' });
      expect(r.statusCode, docNo).toBe(status);
      expect(errorOf(r).code, docNo).toBe(code);
      expect(errorOf(r).message, docNo).toMatch(/文号/);
    }
    // Nothing of a refused edit is saved: neither the draft (its title neither) nor the metadata.
    const d0 = await f.t.rt.ctx.db.selectFrom('disclosures').select(['doc_no', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(d0).toEqual({ doc_no: '泗民测〔2026〕33号', title: '民政局关于测试的通知' });
    expect((await row(id)).doc_no).toBe('泗民测〔2026〕33号');

    const ok = await draft({ docNo: '泗民测〔2026〕34号' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await row(id)).toMatchObject({ doc_no: '泗民测〔2026〕34号', doc_year: 2026, doc_serial: 34 });
    // Kept as a draft's change (not public), audited as a metadata edit; the old number is free again.
    const history = await f.t.rt.ctx.db.selectFrom('policy_metadata_changes').selectAll().where('policy_id', '=', id).execute();
    expect(history.map((h) => [h.is_public, JSON.parse(h.before_json), JSON.parse(h.after_json), h.reason])).toEqual([
      [0, { docNo: '泗民测〔2026〕33号' }, { docNo: '泗民测〔2026〕34号' }, null],
    ]);
    expect(await metadataAudits(id)).toEqual(['policy.metadata.edit']);
    expect((await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕33号' }))).statusCode).toBe(201);
    // The metadata edit now agrees with the draft; a title-only edit leaves the metadata alone.
    expect(errorOf(await edit(f.s.officer, id, { docNo: '泗民测〔2026〕34号' })).code).toBe('NO_CHANGE');
    expect((await draft({ title: '民政局关于测试的通知（二）' })).statusCode).toBe(200);
    expect(await f.t.rt.ctx.db.selectFrom('policy_metadata_changes').select('id').where('policy_id', '=', id).execute()).toHaveLength(1);
    // Removing the 文号 in the draft removes it from the metadata too.
    expect((await draft({ docNo: null })).statusCode).toBe(200);
    expect(await row(id)).toMatchObject({ doc_no: null, doc_year: null, doc_serial: null });
  });

  it('a public policy is corrected by the reviewer with a public reason; refusals save nothing', async () => {
    const id = await newPolicy({ docNo: '泗民测〔2026〕41号', title: '民政局关于更正测试的通知' });
    const before = await row(id);
    expect((await edit(f.s.officer, id, { topic: '就业', reason: '主题登记错误' })).statusCode).toBe(403);
    expect((await edit(f.s.townReviewer, id, { topic: '就业', reason: '主题登记错误' })).statusCode).toBe(404);
    expect(errorOf(await edit(f.s.reviewer, id, { topic: '就业' })).code).toBe('REASON_REQUIRED');
    expect(errorOf(await edit(f.s.reviewer, id, { topic: '不存在的主题', reason: '主题登记错误' })).code).toBe('INVALID_TOPIC');
    expect(errorOf(await edit(f.s.reviewer, id, { writtenOn: '2026-12-20', reason: '成文日期登记错误' })).code).toBe('INVALID_DATE');
    expect(errorOf(await edit(f.s.reviewer, id, { writtenOn: '2025-12-20', reason: '成文日期登记错误' })).code).toBe('DOC_NO_YEAR');
    const pii = await edit(f.s.reviewer, id, { topic: '就业', reason: '应申请人13812345678要求更正' });
    expect(pii.statusCode).toBe(400);
    expect(errorOf(pii).code).toBe('PERSONAL_DATA');
    expect(pii.body).not.toContain('13812345678');
    expect(errorOf(await edit(f.s.reviewer, id, { docNo: '泗民测〔2026〕42号', reason: '文号登记错误' })).code).toBe('DOC_NO_MISMATCH');
    expect(await row(id)).toEqual(before);

    const ok = await edit(f.s.reviewer, id, { topic: '就业', writtenOn: '2026-11-19', reason: '主题和成文日期登记错误' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ changed: ['writtenOn', 'topic'], correction: true });
    const view = (await call(null, 'GET', `/api/v1/policies/${id}`)).json();
    expect(view.policy).toMatchObject({ topic: '就业', writtenOn: '2026-11-19' });
    expect(view.corrections).toEqual([
      {
        seq: 1,
        on: '2026-11-26',
        reason: '主题和成文日期登记错误',
        fields: [
          { field: 'writtenOn', label: '成文日期', before: '2026-11-20', after: '2026-11-19' },
          { field: 'topic', label: '主题', before: '社会救助', after: '就业' },
        ],
      },
    ]);
    const page = (await call(null, 'GET', `/policies/${id}`)).body;
    expect(page).toContain('文件信息更正记录');
    expect(page).toContain('主题由“社会救助”改为“就业”');
    expect(page).toContain('原因：主题和成文日期登记错误');
    expect(await metadataAudits(id)).toEqual(['policy.metadata.correct']);

    // The 文号 changes through a correction of the published record; the metadata follows it on approval.
    const propose = (docNo: string) => call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '文号登记错误', docNo });
    const taken = await newPolicy({ docNo: '泗民测〔2026〕44号' });
    // Disclosure → policy: a corrected 文号 that breaks the policy rules is refused when proposed.
    for (const [docNo, status, code] of refusedDocNos(44, 43)) {
      const r = await propose(docNo);
      expect(r.statusCode, docNo).toBe(status);
      expect(errorOf(r).code, docNo).toBe(code);
    }
    const c = await propose('泗民测〔2026〕43号');
    expect(c.statusCode, c.body).toBe(200);
    const cid = (c.json().corrections as { id: string; status: string }[]).at(-1)!.id;
    const rv = await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' });
    expect(rv.statusCode, rv.body).toBe(200);
    expect(taken).toBeTruthy();
    expect((await row(id)).doc_no).toBe('泗民测〔2026〕43号');
    // Policy → disclosure: the metadata edit cannot set a 文号 other than the record's, and has nothing left to record.
    expect(errorOf(await edit(f.s.reviewer, id, { docNo: '泗民测〔2026〕45号', reason: '文号登记错误' })).code).toBe('DOC_NO_MISMATCH');
    expect(errorOf(await edit(f.s.reviewer, id, { docNo: '泗民测〔2026〕43号', reason: '文号登记错误' })).code).toBe('NO_CHANGE');
    // The old number is free again for this issuer; the new one is taken.
    const dupe = await call(f.s.officer, 'POST', '/api/v1/policies', meta({ docNo: '泗民测〔2026〕43号' }));
    expect(errorOf(dupe).code).toBe('DOC_NO_TAKEN');
    const v2 = (await call(null, 'GET', `/api/v1/policies/${id}`)).json();
    expect(v2.policy.docNo).toBe('泗民测〔2026〕43号');
    expect(v2.corrections.at(-1)).toMatchObject({
      reason: '文号登记错误',
      fields: [{ label: '文号', before: '泗民测〔2026〕41号', after: '泗民测〔2026〕43号' }],
    });
    expect((await call(null, 'GET', `/policies/${id}`)).body).toContain('文号由“泗民测〔2026〕41号”改为“泗民测〔2026〕43号”');
    const events = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .where('entity_id', '=', id)
      .where('action', 'in', ['policy.metadata.correct', 'disclosure.correct'])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['policy.metadata.correct', 'disclosure.correct', 'policy.metadata.correct']);
    expect(JSON.parse(events[2]!.after_json!)).toMatchObject({ docNo: '泗民测〔2026〕43号', correctionId: cid });
  });

  it('a 文号 taken between proposal and approval refuses the approval and changes nothing', async () => {
    const id = await newPolicy({ docNo: '泗民测〔2026〕51号' });
    const c = await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: '文号登记错误', docNo: '泗民测〔2026〕52号' });
    expect(c.statusCode, c.body).toBe(200);
    const cid = (c.json().corrections as { id: string }[]).at(-1)!.id;
    await newPolicy({ docNo: '泗民测〔2026〕52号' });
    const rv = await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' });
    expect(rv.statusCode).toBe(409);
    expect(errorOf(rv).code).toBe('DOC_NO_TAKEN');
    expect((await row(id)).doc_no).toBe('泗民测〔2026〕51号');
    const d = await f.t.rt.ctx.db.selectFrom('disclosures').select(['doc_no', 'current_version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(d).toEqual({ doc_no: '泗民测〔2026〕51号', current_version: 1 });
    const pending = await f.t.rt.ctx.db.selectFrom('disclosure_corrections').select('status').where('id', '=', cid).executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
    expect(await f.t.rt.ctx.db.selectFrom('policy_metadata_changes').select('id').where('policy_id', '=', id).execute()).toEqual([]);
  });
});
