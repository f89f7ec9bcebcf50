/**
 * Authorization of every /api/v1/interaction route (the matrix in test/authorization-matrix.test.ts delegates the
 * prefix here): roles, capacities (the 村务监督委员会 reads but does not answer), subtree scope (rows outside answer
 * 404), the county office's settings; plus staff intake for offline channels and the county app's API token, reply
 * templates, the 知识清单 (published into the portal search, flagged for review) and the 意见箱 with its openings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { interactionCompliance } from './interaction.compliance.ts';
import { DEFAULT_SETTINGS } from './interaction.settings.ts';
import { DEPT, openInteractionFixture, OTHER_VILLAGE, publishStatement, TOWN, VILLAGE, type InteractionFixture } from './interaction.fixture.ts';

/** Every non-public route of the module, each exercised below (a new route fails the completeness check). */
const COVERED = new Set([
  'POST /api/v1/interaction/cases/intake',
  'GET /api/v1/interaction/cases',
  'GET /api/v1/interaction/figures',
  'GET /api/v1/interaction/cases/:id',
  'GET /api/v1/interaction/cases/:id/files/:fid',
  'POST /api/v1/interaction/cases/:id/screen',
  'POST /api/v1/interaction/cases/:id/answer',
  'POST /api/v1/interaction/cases/:id/verify',
  'POST /api/v1/interaction/cases/:id/correct',
  'POST /api/v1/interaction/cases/:id/investigate',
  'POST /api/v1/interaction/cases/:id/merge',
  'POST /api/v1/interaction/cases/:id/publish',
  'POST /api/v1/interaction/cases/:id/correct-publication',
  'POST /api/v1/interaction/cases/:id/withdraw-publication',
  'GET /api/v1/interaction/units/:code/templates',
  'PUT /api/v1/interaction/units/:code/templates',
  'GET /api/v1/interaction/settings',
  'PUT /api/v1/interaction/settings',
  'GET /api/v1/interaction/knowledge',
  'POST /api/v1/interaction/knowledge',
  'POST /api/v1/interaction/knowledge/:id/edit',
  'POST /api/v1/interaction/knowledge/:id/publish',
  'POST /api/v1/interaction/knowledge/:id/confirm',
  'POST /api/v1/interaction/knowledge/:id/withdraw',
  'GET /api/v1/interaction/boxes',
  'POST /api/v1/interaction/boxes',
  'GET /api/v1/interaction/boxes/:id',
  'PUT /api/v1/interaction/boxes/:id',
  'POST /api/v1/interaction/boxes/:id/openings',
]);

describe('interaction routes: authorization, intake, templates, knowledge list, 意见箱', () => {
  let f: InteractionFixture;
  let caseId: string;
  beforeAll(async () => {
    f = await openInteractionFixture('2026-11-02');
  }, 120_000);
  afterAll(() => f?.t.close());

  it('every non-public interaction route is covered here and refuses anonymous callers', async () => {
    const routes = f.t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/interaction/') && !r.public).map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !COVERED.has(r))).toEqual([]);
    expect([...COVERED].filter((r) => !routes.includes(r))).toEqual([]);
    for (const r of routes) {
      const [method, url] = r.split(' ');
      const res = await f.call(null, method as 'GET', url.replace(/:[a-z]+/g, 'x'), method === 'GET' ? undefined : {});
      expect(res.statusCode, r).toBe(401);
    }
  });

  it('staff intake: offline channels, the county app through an API token; refusals', async () => {
    const intake = (who: (typeof f.s)[keyof typeof f.s], body: Record<string, unknown>) =>
      f.call(who, 'POST', '/api/v1/interaction/cases/intake', {
        kind: 'suggestion',
        unitCode: VILLAGE,
        content: '建议社区增设老年活动室。',
        channel: 'meeting',
        receivedOn: '2026-11-02',
        ...body,
      });
    const ok = await intake(f.s.clerk, {});
    expect(ok.statusCode, ok.body).toBe(201);
    caseId = ok.json().id;
    expect((await intake(f.s.otherClerk, {})).statusCode).toBe(404);
    expect((await intake(f.s.supervisor, {})).statusCode).toBe(404);
    expect((await intake(f.s.archivist, {})).statusCode).toBe(404);
    expect(errorOf(await intake(f.s.clerk, { channel: 'online' })).code).toBe('ONLINE_NOT_INTAKE');
    expect(errorOf(await intake(f.s.clerk, { channel: 'box' })).code).toBe('OPENING_REQUIRED');
    expect(errorOf(await intake(f.s.clerk, { receivedOn: '2026-11-03' })).code).toBe('DATE_IN_FUTURE');
    expect(errorOf(await intake(f.s.clerk, { phone: 'abc' })).code).toBe('PHONE_INVALID');
    expect(errorOf(await intake(f.s.clerk, { content: '短' })).code).toBe('TEXT_TOO_SHORT');
    expect(errorOf(await intake(f.s.clerk, { kind: 'question' })).code).toBe('DISCLOSURE_REQUIRED');
    // The county app: an API token of a county account, channel `app`, no CSRF (bearer).
    const tok = await f.call(f.s.countyAdmin, 'POST', '/api/v1/tokens', { name: '我的泗阳APP' });
    expect(tok.statusCode, tok.body).toBe(201);
    const app = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/interaction/cases/intake',
      headers: { authorization: `Bearer ${tok.json().token}` },
      payload: { kind: 'consult', unitCode: DEPT, content: '低保申请在哪里办？', channel: 'app', receivedOn: '2026-11-02', name: '李四', phone: '13900002222' },
    });
    expect(app.statusCode, app.body).toBe(201);
    expect(app.json()).toMatchObject({ status: 'screening', trackingCode: expect.stringMatching(/^[A-Z2-9]{10}$/) });
    const openapi = (await f.call(f.s.countyAdmin, 'GET', '/api/docs/json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/interaction/cases/intake', '/api/v1/interaction/cases', '/api/v1/interaction/track']),
    );
  });

  it('who may read and act: scope (404), capacity (403); lists never leak other units', async () => {
    const list = async (who: (typeof f.s)[keyof typeof f.s]) =>
      (await f.call(who, 'GET', '/api/v1/interaction/cases')).json().items.map((i: { id: string }) => i.id);
    expect(await list(f.s.clerk)).toContain(caseId);
    expect(await list(f.s.supervisor)).toContain(caseId);
    expect(await list(f.s.townOfficer)).toContain(caseId);
    expect(await list(f.s.countyAdmin)).toContain(caseId);
    expect(await list(f.s.otherClerk)).toEqual([]);
    expect(await list(f.s.archivist)).toEqual([]);
    expect(await list(f.s.deptOfficer)).not.toContain(caseId);
    for (const who of [f.s.otherClerk, f.s.archivist, f.s.deptOfficer]) {
      expect((await f.call(who, 'GET', `/api/v1/interaction/cases/${caseId}`)).statusCode).toBe(404);
      expect((await f.call(who, 'POST', `/api/v1/interaction/cases/${caseId}/screen`, { decision: 'accept' })).statusCode).toBe(404);
      expect((await f.call(who, 'GET', `/api/v1/interaction/cases/${caseId}/files/x`)).statusCode).toBe(404);
    }
    expect((await f.call(f.s.supervisor, 'POST', `/api/v1/interaction/cases/${caseId}/screen`, { decision: 'accept' })).statusCode).toBe(403);
    expect((await f.call(f.s.supervisor, 'POST', `/api/v1/interaction/cases/${caseId}/merge`, { intoId: caseId })).statusCode).toBe(400);
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${caseId}/verify`, { answer: '经核实无误。', facts: '核对了账目。' })).statusCode).toBe(
      400,
    );
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${caseId}/correct`, {})).statusCode).toBe(400);
    expect(
      (
        await f.call(f.s.townOfficer, 'POST', `/api/v1/interaction/cases/${caseId}/investigate`, {
          investigators: '街道',
          investigatedOn: '2026-11-02',
          findings: '情况如下',
          conclusion: '结论如下',
          order: 'none',
        })
      ).statusCode,
    ).toBe(400);
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${caseId}/publish`, {})).code).toBe('NO_CONSENT');
    // The town covers the village: it may screen it too (the parent unit acts for its villages).
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${caseId}/screen`, { decision: 'accept' })).json().status).toBe('handling');
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/cases/${caseId}/answer`, { answer: '明年安排老年活动室。' })).json().status).toBe('answered');
  });

  it('settings: the county office only, validated; templates per unit through the gate', async () => {
    expect((await f.call(f.s.clerk, 'GET', '/api/v1/interaction/settings')).json().settings).toEqual(DEFAULT_SETTINGS);
    const next = { ...DEFAULT_SETTINGS, boxOpeningMaxDays: 20, knowledgeReviewDays: 30 };
    expect((await f.call(f.s.townAdmin, 'PUT', '/api/v1/interaction/settings', next)).statusCode).toBe(403);
    expect((await f.call(f.s.clerk, 'PUT', '/api/v1/interaction/settings', next)).statusCode).toBe(403);
    const bad = await f.call(f.s.countyAdmin, 'PUT', '/api/v1/interaction/settings', {
      ...next,
      limits: { ...next.limits, complaint: { days: 0, unit: 'working', source: '' } },
    });
    expect(errorOf(bad).code).toBe('INVALID_SETTINGS');
    expect(errorOf(bad).message).toContain('投诉的期限应为1至120天');
    expect((await f.call(f.s.countyAdmin, 'PUT', '/api/v1/interaction/settings', next)).statusCode).toBe(200);
    expect((await f.call(null, 'GET', '/api/v1/interaction/vocabulary')).json().settings.boxOpeningMaxDays).toBe(20);

    const tpl = [{ kind: 'question', title: '经核实无误', body: '经核实，公布内容与账目一致。' }];
    expect((await f.call(f.s.otherClerk, 'PUT', `/api/v1/interaction/units/${VILLAGE}/templates`, { templates: tpl })).statusCode).toBe(404);
    expect((await f.call(f.s.supervisor, 'GET', `/api/v1/interaction/units/${VILLAGE}/templates`)).statusCode).toBe(404);
    expect(
      errorOf(
        await f.call(f.s.clerk, 'PUT', `/api/v1/interaction/units/${VILLAGE}/templates`, {
          templates: [{ kind: 'question', title: '电话', body: '请拨打13812345678联系我' }],
        }),
      ).code,
    ).toBe('REASON_HAS_PII');
    expect((await f.call(f.s.clerk, 'PUT', `/api/v1/interaction/units/${VILLAGE}/templates`, { templates: tpl })).json()).toEqual({ count: 1 });
    expect((await f.call(f.s.clerk, 'GET', `/api/v1/interaction/units/${VILLAGE}/templates`)).json()).toEqual([expect.objectContaining(tpl[0])]);
  });

  it('knowledge list: from a handled case, published into the portal search, flagged for review, withdrawn', async () => {
    const body = {
      unitCode: VILLAGE,
      sourceCaseId: caseId,
      question: '社区什么时候建老年活动室？',
      answer: '社区计划明年建设老年活动室，建成后公告。',
      legalBasis: '居民代表会议决定',
    };
    expect((await f.call(f.s.supervisor, 'POST', '/api/v1/interaction/knowledge', body)).statusCode).toBe(404);
    expect((await f.call(f.s.otherClerk, 'POST', '/api/v1/interaction/knowledge', body)).statusCode).toBe(404);
    expect(errorOf(await f.call(f.s.clerk, 'POST', '/api/v1/interaction/knowledge', { ...body, answer: '联系人身份证号321323199001011236' })).code).toBe(
      'REASON_HAS_PII',
    );
    expect(errorOf(await f.call(f.s.clerk, 'POST', '/api/v1/interaction/knowledge', { ...body, itemKey: 'vil:none' })).code).toBe('ITEM_NOT_FOUND');
    const k = await f.call(f.s.clerk, 'POST', '/api/v1/interaction/knowledge', { ...body, itemKey: 'vil:szxq' });
    expect(k.statusCode, k.body).toBe(201);
    const id = k.json().id;
    expect(k.json()).toMatchObject({ status: 'draft', needsReview: [], canEdit: true });
    expect((await f.call(null, 'GET', '/api/v1/interaction/public/knowledge')).json().total).toBe(0);
    // The public list is served from the page cache: each change below must make it stale in its own transaction.
    const listPage = () => f.call(null, 'GET', '/interaction/knowledge');
    expect((await listPage()).body).not.toContain('老年活动室');
    expect((await listPage()).headers['x-page-cache']).toBe('hit');
    expect((await f.call(f.s.otherClerk, 'POST', `/api/v1/interaction/knowledge/${id}/publish`, {})).statusCode).toBe(404);
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/publish`, {})).json().status).toBe('published');
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/publish`, {})).code).toBe('NOT_DRAFT');
    expect((await f.call(null, 'GET', `/api/v1/interaction/public/knowledge?unit=${TOWN}`)).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const search = await f.call(null, 'GET', `/api/v1/search?q=${encodeURIComponent('老年活动室')}`);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items.map((i: { url: string }) => i.url)).toContain(`/interaction/knowledge/${id}`);
    expect((await f.call(null, 'GET', `/interaction/knowledge/${id}`)).body).toContain('社区什么时候建老年活动室');
    expect((await listPage()).body).toContain('社区什么时候建老年活动室');
    // 30 days later (the county's period set above) it is flagged for review; confirming clears it.
    await f.goTo('2026-12-03');
    const flagged = (await f.call(f.s.clerk, 'GET', '/api/v1/interaction/knowledge')).json().items.find((x: { id: string }) => x.id === id);
    expect(flagged.needsReview).toEqual([expect.stringContaining('已超过30天')]);
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/confirm`, {})).json()).toMatchObject({
      reviewedOn: '2026-12-03',
      needsReview: [],
    });
    const edited = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/edit`, {
      question: '社区老年活动室什么时候建？',
      answer: '计划2027年上半年建成。',
      legalBasis: null,
      itemKey: null,
    });
    expect(edited.json()).toMatchObject({ question: '社区老年活动室什么时候建？', reviewedOn: '2026-12-03' });
    expect((await listPage()).body).toContain('社区老年活动室什么时候建？');
    expect(errorOf(await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/withdraw`, { reason: '' })).code).toBe('TEXT_REQUIRED');
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/interaction/knowledge/${id}/withdraw`, { reason: '已建成，内容过时' })).json().status).toBe('withdrawn');
    const after = await f.call(null, 'GET', `/api/v1/search?q=${encodeURIComponent('老年活动室')}`);
    expect(after.json().items.map((i: { url: string }) => i.url)).not.toContain(`/interaction/knowledge/${id}`);
    expect((await f.call(null, 'GET', `/interaction/knowledge/${id}`)).statusCode).toBe(404);
    expect((await listPage()).body).not.toContain('老年活动室');
  });

  it('knowledge citing a policy: flagged for review when the policy is corrected, changes validity or is withdrawn; reads never write', async () => {
    const ok = (r: { statusCode: number; body: string }, status = 200) => expect(r.statusCode, r.body).toBe(status);
    ok(await f.call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民知'] }));
    const created = await f.call(f.s.deptOfficer, 'POST', '/api/v1/policies', {
      unitCode: DEPT,
      title: '民政局关于低保申请材料的通知',
      formedOn: '2026-11-01',
      body: '<p>申请低保须提交户口簿和收入说明。</p>',
      docNo: '泗民知〔2026〕1号',
      writtenOn: '2026-11-01',
      category: '部门文件',
      topic: '社会救助',
      genre: '通知',
      keywords: ['低保'],
    });
    ok(created, 201);
    const policyId = created.json().id as string;
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/disclosures/${policyId}/submit`, {}));
    ok(await f.call(f.s.deptReviewer, 'POST', `/api/v1/disclosures/${policyId}/review`, { decision: 'approve' }));
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/disclosures/${policyId}/publish`, {}));
    const body = { unitCode: DEPT, question: '申请低保要带什么？', answer: '带户口簿和家庭收入说明。', policyId };
    // Refused: a policy that does not exist, or a disclosure that is not a policy document.
    expect(errorOf(await f.call(f.s.deptOfficer, 'POST', '/api/v1/interaction/knowledge', { ...body, policyId: 'no-such-policy' })).code).toBe(
      'POLICY_NOT_FOUND',
    );
    const entry = await f.call(f.s.deptOfficer, 'POST', '/api/v1/interaction/knowledge', body);
    ok(entry, 201);
    const id = entry.json().id as string;
    expect(entry.json()).toMatchObject({ policy: { id: policyId, title: '民政局关于低保申请材料的通知', validityText: '有效' }, needsReview: [] });
    const view = async () =>
      (await f.call(f.s.deptOfficer, 'GET', `/api/v1/interaction/knowledge?limit=200`)).json().items.find((k: { id: string }) => k.id === id);
    const stored = async () =>
      await f.t.rt.ctx.db.selectFrom('interaction_knowledge').select(['policy_state', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
    // The policy is corrected (two people: proposed by the officer, approved by its reviewer): the entry is flagged.
    const proposed = await f.call(f.s.deptOfficer, 'POST', `/api/v1/disclosures/${policyId}/corrections`, {
      reason: '补充申请材料',
      body: '<p>申请低保须提交户口簿、身份证和收入说明。</p>',
    });
    ok(proposed);
    ok(
      await f.call(f.s.countyAdmin, 'POST', `/api/v1/disclosures/${policyId}/corrections/${proposed.json().corrections[0].id}/review`, { decision: 'approve' }),
    );
    const before = await stored();
    expect((await view()).needsReview).toEqual([expect.stringMatching(/民政局关于低保申请材料的通知.*更正（第2版）/)]);
    expect(await stored()).toEqual(before); // the flag is read, not written
    // Reviewed and found right: the corrected policy becomes the reviewed one.
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/knowledge/${id}/confirm`, {}));
    expect((await view()).needsReview).toEqual([]);
    // Only its metadata is corrected (no new version of the text): flagged, naming the fields; confirmed again.
    ok(await f.call(f.s.deptReviewer, 'PATCH', `/api/v1/policies/${policyId}/metadata`, { topic: '养老服务', reason: '主题登记有误' }));
    const metaBefore = await stored();
    expect((await view()).needsReview).toEqual([expect.stringMatching(/民政局关于低保申请材料的通知.*的主题已于\d{4}-\d{2}-\d{2}更正/)]);
    expect(await stored()).toEqual(metaBefore);
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/knowledge/${id}/confirm`, {}));
    expect((await view()).needsReview).toEqual([]);
    // It expires: flagged again, naming the new validity.
    ok(
      await f.call(f.s.countyAdmin, 'POST', `/api/v1/policies/${policyId}/validity`, {
        to: 'expired',
        effectiveOn: f.t.rt.ctx.clock.now().toISOString().slice(0, 10),
      }),
    );
    expect((await view()).needsReview).toEqual([expect.stringContaining('现为“已失效”')]);
    expect(errorOf(await f.call(f.s.deptOfficer, 'POST', '/api/v1/interaction/knowledge', body)).code).toBe('POLICY_NOT_CURRENT');
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/knowledge/${id}/confirm`, {}));
    // It is withdrawn: flagged, and an edit cannot keep citing it.
    ok(await f.call(f.s.deptReviewer, 'POST', `/api/v1/disclosures/${policyId}/withdraw`, { reason: '文件已失效，撤回' }));
    expect((await view()).needsReview).toEqual([expect.stringContaining('撤回')]);
    const { unitCode: _unit, ...edit } = body;
    expect(errorOf(await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/knowledge/${id}/edit`, edit)).code).toBe('POLICY_NOT_CURRENT');
    ok(await f.call(f.s.deptOfficer, 'POST', `/api/v1/interaction/knowledge/${id}/edit`, { ...edit, policyId: null }));
    expect(await view()).toMatchObject({ policy: null, needsReview: [] });
  });

  it('意见箱: register by its board, openings with two people, slips entered as cases; an unopened box shows in compliance', async () => {
    await f.goTo('2026-12-03');
    // The 公开栏 it hangs beside is archives' notice board: it must exist, be the box's own unit's and be in use.
    const newBoard = async (who: typeof f.s.clerk, unit: string, name: string) => {
      const r = await f.call(who, 'POST', `/api/v1/archives/units/${unit}/boards`, { name, place: `${name}所在处`, personInCharge: '王某某' });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().id as string;
    };
    const boardId = await newBoard(f.s.clerk, VILLAGE, '社区服务中心公开栏');
    const otherBoard = await newBoard(f.s.otherClerk, OTHER_VILLAGE, '别村公开栏');
    const boxBody = { unitCode: VILLAGE, location: '社区服务中心门口', installedOn: '2026-11-01' };
    const refused = async (boardId: string) => errorOf(await f.call(f.s.clerk, 'POST', '/api/v1/interaction/boxes', { ...boxBody, boardId }));
    expect(await refused('no-such-board')).toMatchObject({ code: 'BOARD_NOT_FOUND', message: expect.stringContaining('没有找到这个公开栏') });
    expect((await refused(otherBoard)).code).toBe('BOARD_NOT_FOUND'); // another village's board: outside the clerk's scope
    const townBoard = await newBoard(f.s.countyAdmin, TOWN, '街道公开栏');
    expect(
      errorOf(await f.call(f.s.townOfficer, 'POST', '/api/v1/interaction/boxes', { ...boxBody, location: '街道门口', unitCode: TOWN, boardId })).code,
    ).toBe('BOARD_OTHER_UNIT'); // the town sees the village's board, but a box hangs beside its own unit's board
    const box = await f.call(f.s.clerk, 'POST', '/api/v1/interaction/boxes', { ...boxBody, boardId });
    expect(box.statusCode, box.body).toBe(201);
    const id = box.json().id;
    expect(box.json()).toMatchObject({
      boardId,
      board: { id: boardId, name: '社区服务中心公开栏', place: '社区服务中心公开栏所在处', active: true },
      overdue: true,
      overdueSince: '2026-11-21',
      canRecord: true,
    });
    // Edit: move it, name no board, then back; a board taken out of use cannot be chosen; others' edits answer 404.
    const edit = (who: typeof f.s.clerk, body: object) => f.call(who, 'PUT', `/api/v1/interaction/boxes/${id}`, body);
    expect((await edit(f.s.clerk, { location: '社区服务中心门口左侧', boardId: null, active: true })).json()).toMatchObject({
      board: null,
      location: '社区服务中心门口左侧',
    });
    expect(errorOf(await edit(f.s.clerk, { location: '社区服务中心门口', boardId: townBoard, active: true })).code).toBe('BOARD_NOT_FOUND');
    expect((await edit(f.s.otherClerk, { location: '别处', boardId: null, active: true })).statusCode).toBe(404);
    expect((await edit(f.s.supervisor, { location: '别处', boardId: null, active: true })).statusCode).toBe(404);
    expect(errorOf(await edit(f.s.clerk, { location: '门', boardId: null, active: true })).code).toBe('TEXT_TOO_SHORT');
    const spare = await newBoard(f.s.clerk, VILLAGE, '旧公开栏');
    expect(
      (await f.call(f.s.clerk, 'PUT', `/api/v1/archives/boards/${spare}`, { name: '旧公开栏', place: '旧处', personInCharge: '王某某', active: false }))
        .statusCode,
    ).toBe(200);
    expect(errorOf(await edit(f.s.clerk, { location: '社区服务中心门口', boardId: spare, active: true })).code).toBe('BOARD_INACTIVE');
    expect((await edit(f.s.clerk, { location: '社区服务中心门口', boardId, active: true })).json()).toMatchObject({ boardId, location: '社区服务中心门口' });
    expect(
      (await f.call(f.s.otherClerk, 'POST', '/api/v1/interaction/boxes', { unitCode: VILLAGE, location: '别处', installedOn: '2026-11-01' })).statusCode,
    ).toBe(404);
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/interaction/boxes/${id}`)).statusCode).toBe(404);
    expect((await f.call(f.s.supervisor, 'GET', `/api/v1/interaction/boxes/${id}`)).json().canRecord).toBe(false);
    expect(
      (
        await f.call(f.s.supervisor, 'POST', `/api/v1/interaction/boxes/${id}/openings`, {
          openedOn: '2026-12-03',
          witness1: '王某',
          witness2: '李某',
          slipCount: 1,
        })
      ).statusCode,
    ).toBe(404);
    const comp = await interactionCompliance(f.t.rt.ctx, { unitPath: `/321323/${TOWN}/` });
    expect(comp.filter((c) => c.kind === 'box-not-opened')).toEqual([expect.objectContaining({ unitCode: VILLAGE, ref: id, since: '2026-11-21' })]);
    // 公开督查 lists it through this module's manifest (provides.compliance): the village's page and the town's overview.
    const boxFindings = (list: { kind: string }[]) => list.filter((x) => x.kind === 'box-not-opened');
    const unitPage = await f.call(f.s.clerk, 'GET', `/api/v1/compliance/units/${VILLAGE}`);
    expect(unitPage.statusCode, unitPage.body).toBe(200);
    expect(unitPage.json().findingSources).toContain('政民互动');
    expect(boxFindings(unitPage.json().findings)).toEqual([
      expect.objectContaining({ kindText: '意见箱未按期开箱', source: '政民互动', unitCode: VILLAGE, ref: id, since: '2026-11-21', daysLate: 12 }),
    ]);
    const ov = await f.call(f.s.townOfficer, 'GET', `/api/v1/compliance/overview?unit=${TOWN}`);
    expect(ov.statusCode, ov.body).toBe(200);
    expect(boxFindings(ov.json().findings)).toEqual([expect.objectContaining({ unitCode: VILLAGE, ref: id })]);
    expect(ov.json().rows.find((r: { unitCode: string }) => r.unitCode === VILLAGE).findings).toBe(
      ov.json().findings.filter((x: { unitCode: string }) => x.unitCode === VILLAGE).length,
    );
    // Another village's clerk sees none of it (its own page; this village answers 404).
    expect((await f.call(f.s.otherClerk, 'GET', `/api/v1/compliance/units/${VILLAGE}`)).statusCode).toBe(404);
    expect(
      errorOf(
        await f.call(f.s.clerk, 'POST', `/api/v1/interaction/boxes/${id}/openings`, {
          openedOn: '2026-12-03',
          witness1: '王某某',
          witness2: '王某某',
          slipCount: 1,
        }),
      ).code,
    ).toBe('SAME_WITNESS');
    expect(
      errorOf(
        await f.call(f.s.clerk, 'POST', `/api/v1/interaction/boxes/${id}/openings`, {
          openedOn: '2026-10-01',
          witness1: '王某某',
          witness2: '李某某',
          slipCount: 1,
        }),
      ).code,
    ).toBe('DATE_BEFORE_INSTALL');
    const op = await f.call(f.s.clerk, 'POST', `/api/v1/interaction/boxes/${id}/openings`, {
      openedOn: '2026-12-03',
      witness1: '王某某',
      witness2: '李某某',
      slipCount: 1,
    });
    expect(op.statusCode, op.body).toBe(201);
    expect(op.json()).toMatchObject({ overdue: false, lastOpenedOn: '2026-12-03', openings: 1 });
    const openingId = op.json().openingsList[0].id;
    const slip = {
      kind: 'suggestion',
      unitCode: VILLAGE,
      content: '希望公开栏的字大一些。',
      channel: 'box',
      boxOpeningId: openingId,
      receivedOn: '2026-12-03',
    };
    expect((await f.call(f.s.clerk, 'POST', '/api/v1/interaction/cases/intake', slip)).statusCode).toBe(201);
    expect(errorOf(await f.call(f.s.clerk, 'POST', '/api/v1/interaction/cases/intake', slip)).code).toBe('SLIPS_ALL_ENTERED');
    expect((await f.call(f.s.clerk, 'GET', `/api/v1/interaction/boxes/${id}`)).json().openingsList[0]).toMatchObject({
      slipCount: 1,
      entered: 1,
      witnesses: ['王某某', '李某某'],
    });
    expect((await f.call(f.s.townOfficer, 'GET', '/api/v1/interaction/boxes')).json().map((b: { id: string }) => b.id)).toContain(id);
    expect((await f.call(f.s.otherClerk, 'GET', '/api/v1/interaction/boxes')).json()).toEqual([]);
    expect(await interactionCompliance(f.t.rt.ctx, { unitPath: `/321323/${TOWN}/` }).then((c) => c.filter((x) => x.kind === 'box-not-opened'))).toEqual([]);
    expect(boxFindings((await f.call(f.s.clerk, 'GET', `/api/v1/compliance/units/${VILLAGE}`)).json().findings)).toEqual([]);
  });

  it("the village's portal page shows its 意见箱: where it is, the 公开栏 beside it, when it is opened — through the gate", async () => {
    const page = async (unit: string) => {
      const r = await f.call(null, 'GET', `/units/${unit}`);
      expect(r.statusCode).toBe(200);
      return r.body;
    };
    const html = await page(VILLAGE);
    const section = html.slice(html.indexOf('id="opinion-boxes-section"'));
    expect(section).toContain('社区服务中心门口');
    expect(section).toMatch(/所在公开栏<\/dt><dd>社区服务中心公开栏<\/dd>/);
    expect(section).toMatch(/公开栏位置<\/dt><dd>社区服务中心公开栏所在处<\/dd>/);
    expect(section).toContain('上次开箱');
    expect(section).toContain('2026年12月3日');
    expect(section).toMatch(/至少每\d+天开箱一次，下次开箱不晚于2026年/);
    expect(section).toContain(`/interaction/new?unit=${VILLAGE}`);
    // Another village (no box) shows no such section; the town's page does not list its villages' boxes.
    expect(await page(OTHER_VILLAGE)).not.toContain('opinion-boxes-section');
    expect(await page(TOWN)).not.toContain('社区服务中心门口');
    // A location with a phone number: the page shows it masked (the one personal-data gate), and at once (cache bumped).
    const [box] = (await f.call(f.s.clerk, 'GET', '/api/v1/interaction/boxes')).json() as { id: string; boardId: string }[];
    const edit = await f.call(f.s.clerk, 'PUT', `/api/v1/interaction/boxes/${box.id}`, {
      location: '社区服务中心门口，钥匙联系13812345678',
      boardId: box.boardId,
      active: true,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const masked = await page(VILLAGE);
    expect(masked).toContain('社区服务中心门口，钥匙联系');
    expect(masked).not.toContain('13812345678');
    // Renaming the 公开栏 (archives' registry) makes the cached page stale too: the page names the board as it is now.
    expect((await f.call(null, 'GET', `/units/${VILLAGE}`)).headers['x-page-cache']).toBe('hit');
    const renamed = await f.call(f.s.clerk, 'PUT', `/api/v1/archives/boards/${box.boardId}`, {
      name: '社区党群服务中心公开栏',
      place: '社区党群服务中心门前',
      personInCharge: '王某某',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const afterRename = await page(VILLAGE);
    expect(afterRename).toMatch(/所在公开栏<\/dt><dd>社区党群服务中心公开栏<\/dd>/);
    expect(afterRename).toMatch(/公开栏位置<\/dt><dd>社区党群服务中心门前<\/dd>/);
    // A box out of use leaves the page.
    expect(
      (await f.call(f.s.clerk, 'PUT', `/api/v1/interaction/boxes/${box.id}`, { location: '社区服务中心门口', boardId: box.boardId, active: false })).statusCode,
    ).toBe(200);
    expect(await page(VILLAGE)).not.toContain('opinion-boxes-section');
    expect(
      (await f.call(f.s.clerk, 'PUT', `/api/v1/interaction/boxes/${box.id}`, { location: '社区服务中心门口', boardId: box.boardId, active: true })).statusCode,
    ).toBe(200);
  });

  it('a withdrawn or unknown disclosure cannot be asked about; the public pages render on a phone-sized form', async () => {
    const statement = await publishStatement(f, '测试财务收支明细');
    const page = await f.call(null, 'GET', `/interaction/ask?disclosure=${statement}&line=finance-0`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="checkAnswer"');
    expect((await f.call(null, 'GET', '/interaction/ask?disclosure=nope')).statusCode).toBe(404);
    const newForm = await f.call(null, 'GET', '/interaction/new');
    expect(newForm.body).toContain(DEFAULT_SETTINGS.misconductNotice);
    // The no-JavaScript form offers the catalog's 公开领域: a bad one answers the form again with what was typed and a
    // fresh check; one sent to the county goes to the department the county's rules name for it.
    expect(newForm.body).toMatch(/<select id="domainCode" name="domainCode"/);
    expect(newForm.body).toMatch(/<option value="shjz">[^<]+<\/option>/);
    const formPost = (html: string, fields: Record<string, string>) => {
      const token = /name="checkToken" value="([^"]+)"/.exec(html)![1]!;
      const [, a, b] = /请算一算：(?:<!-- -->)?(\d+) 加 (\d+)/.exec(html)!;
      return f.t.app.inject({
        method: 'POST',
        url: '/interaction/new',
        payload: new URLSearchParams({ ...fields, checkToken: token, checkAnswer: String(Number(a) + Number(b)) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    const fields = { kind: 'complaint', unitCode: '321323', content: '低保审核结果一直没有张榜公示，请核查。' };
    const unknown = await formPost(newForm.body, { ...fields, domainCode: 'no-such-domain' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('目录中没有公开领域');
    expect(unknown.body).toContain('低保审核结果一直没有张榜公示');
    const routed = await formPost(unknown.body, { ...fields, domainCode: 'shjz' });
    expect(routed.statusCode, routed.body).toBe(201);
    const [sent] = (await f.call(f.s.countyAdmin, 'GET', `/api/v1/interaction/cases?q=${encodeURIComponent('没有张榜公示')}`)).json().items;
    expect(sent).toMatchObject({ unit: { code: DEPT }, channelText: expect.any(String) });
    // The search box takes % and _ literally: no case holds them.
    for (const q of ['%', '_'])
      expect((await f.call(f.s.countyAdmin, 'GET', `/api/v1/interaction/cases?q=${encodeURIComponent(q)}`)).json()).toMatchObject({ total: 0, items: [] });
    const bad = await f.t.app.inject({
      method: 'POST',
      url: '/interaction/new',
      payload: 'kind=complaint&unitCode=321323002-buhu&content=abc&checkToken=x&checkAnswer=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('验证题答案不正确');
    expect(bad.body).toContain('abc');
    const tr = await f.t.app.inject({
      method: 'POST',
      url: '/interaction/track',
      payload: 'code=AAAA&secret=BBBB',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(tr.statusCode).toBe(404);
    expect(tr.body).toContain('查询码或查询密码不正确');
  });

  it('refusals by code (re-audit): bad dates and counts, unknown records (404), wrong unit, slips, templates, settings', async () => {
    const code = async (p: Promise<{ statusCode: number; body: string }>, status: number) => {
      const r = await p;
      expect(r.statusCode, r.body).toBe(status);
      return errorOf(r as never).code;
    };
    const intake = (body: Record<string, unknown>) =>
      f.call(f.s.clerk, 'POST', '/api/v1/interaction/cases/intake', {
        kind: 'consult',
        unitCode: VILLAGE,
        content: '社区几点开门？',
        channel: 'phone',
        receivedOn: '2026-12-01',
        ...body,
      });
    expect(await code(intake({ receivedOn: '2026-02-30' }), 400)).toBe('INVALID_DATE');
    expect(await code(intake({ kind: 'question', unitCode: null, disclosureId: 'nope' }), 404)).toBe('DISCLOSURE_NOT_FOUND');
    const statement = await publishStatement(f, '复核用财务收支明细');
    expect(await code(intake({ kind: 'question', unitCode: TOWN, disclosureId: statement }), 400)).toBe('WRONG_UNIT');
    expect(await code(intake({ kind: 'question', unitCode: null, disclosureId: statement, lineKind: 'finance' }), 400)).toBe('LINE_INVALID');
    expect(await code(intake({ channel: 'box', boxOpeningId: 'no-such-opening' }), 404)).toBe('OPENING_NOT_FOUND');
    expect(await code(f.call(f.s.clerk, 'GET', '/api/v1/interaction/cases/no-such-case'), 404)).toBe('CASE_NOT_FOUND');
    expect(await code(f.call(f.s.clerk, 'GET', '/api/v1/interaction/boxes/no-such-box'), 404)).toBe('BOX_NOT_FOUND');
    expect(await code(f.call(f.s.clerk, 'POST', '/api/v1/interaction/knowledge/no-such-entry/publish', {}), 404)).toBe('KNOWLEDGE_NOT_FOUND');
    expect(await code(f.call(f.s.clerk, 'GET', '/api/v1/interaction/units/no-such-unit/templates'), 404)).toBe('UNIT_NOT_FOUND');
    const [box] = (await f.call(f.s.clerk, 'GET', '/api/v1/interaction/boxes')).json() as { id: string }[];
    expect(
      await code(
        f.call(f.s.clerk, 'POST', `/api/v1/interaction/boxes/${box.id}/openings`, {
          openedOn: '2026-12-03',
          witness1: '王某某',
          witness2: '李某某',
          slipCount: -1,
        }),
        400,
      ),
    ).toBe('INVALID_COUNT');
    const many = Array.from({ length: 51 }, (_, i) => ({ kind: 'consult', title: `模板${i}`, body: '感谢您的咨询，答复如下。' }));
    expect(await code(f.call(f.s.clerk, 'PUT', `/api/v1/interaction/units/${VILLAGE}/templates`, { templates: many }), 400)).toBe('TOO_MANY_TEMPLATES');
    const open = (await intake({})).json().id as string;
    expect(
      await code(
        f.call(f.s.clerk, 'POST', '/api/v1/interaction/knowledge', {
          unitCode: VILLAGE,
          sourceCaseId: open,
          question: '社区几点开门？',
          answer: '早上八点开门。',
        }),
        409,
      ),
    ).toBe('NOT_HANDLED');
    const settings = (await f.call(f.s.countyAdmin, 'GET', '/api/v1/interaction/settings')).json().settings;
    expect(await code(f.call(f.s.clerk, 'PUT', '/api/v1/interaction/settings', settings), 403)).toBe('FORBIDDEN');
  });
});
