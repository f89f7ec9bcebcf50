/**
 * 政民互动 API. Thin routes: TypeBox schema → (auth hook; policy inside the command) → one command → present.
 * Public (no account; rate-limited): the vocabulary, the human check, submitting a question or a 咨询/建议/投诉,
 * tracking and responding with code + secret, published cases, monthly figures, the knowledge list. The county
 * app (`我的泗阳APP`) calls POST /api/v1/interaction/cases/intake with its API token and channel `app`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, Paging, errors } from '../../platform/http/schemas.ts';
import { FailureError, fail, unwrap, type Result } from '../../platform/result.ts';
import { readStoredFile } from '../publishing/index.ts';
import { issueHumanCheck } from '../requests/index.ts';
import { CASE_KINDS, CHANNELS, RATINGS, STAFF_CHANNELS } from './interaction.types.ts';
import { STATUSES, STATUS_TEXT, TRANSITIONS } from './interaction.workflow.ts';
import { DEFAULT_SETTINGS } from './interaction.settings.ts';
import { findFile, loadSettings, templatesOf } from './interaction.repository.ts';
import { canHandle, canView } from './interaction.policy.ts';
import { withdrawPublication } from './commands/withdraw-publication.ts';
import { correctPublication } from './commands/correct-publication.ts';
import { caseFigures, getCaseDetail, getPublishedCase, listCasesFor, listPublishedCases, monthlyFigures, trackCase } from './interaction.queries.ts';
import { knowledgeEntry, listKnowledgeFor, publicKnowledge } from './interaction.knowledge.ts';
import { boxesFor, boxDetail } from './interaction.boxes.ts';
import { intakeCase, submitPublicCase, type IntakeResult } from './commands/intake-case.ts';
import { screenCase } from './commands/screen-case.ts';
import { answerCase } from './commands/answer-case.ts';
import { correctDisclosure } from './commands/correct-disclosure.ts';
import { INVESTIGATION_BODY_LIMIT, investigateCase } from './commands/investigate-case.ts';
import { mergeCase } from './commands/merge-case.ts';
import { publishCase } from './commands/publish-case.ts';
import { respondToCase } from './commands/respond-case.ts';
import { updateSettings } from './commands/settings.ts';
import { saveTemplates } from './commands/templates.ts';
import { confirmKnowledge, createKnowledge, editKnowledge, publishKnowledge, withdrawKnowledge } from './commands/knowledge.ts';
import { changeBox, recordOpening, registerBox } from './commands/boxes.ts';
import { unitOrFail } from './commands/shared.ts';
import {
  BoxDetail,
  Box,
  CaseDetail,
  CaseFigures,
  CaseList,
  KnowledgeEntry,
  KnowledgeList,
  MonthlyFigures,
  PublicCase,
  PublicCaseList,
  SettingsView,
  Settings,
  Template,
  TemplatesSaved,
  TrackView,
  Vocabulary,
} from './interaction.schemas.ts';

const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const obj = <P extends Record<string, TSchema>>(p: P) => Type.Object(p, { additionalProperties: false });
// Text fields accept more than the rule allows so the command can answer with a precise Chinese message (字数).
const LONG = 20_000;

const caseFields = {
  kind: Type.String({ enum: CASE_KINDS.map((k) => k.code), description: '询问 question（针对公开信息）、咨询 consult、建议 suggestion、投诉 complaint' }),
  unitCode: Type.Optional(Nullable(Text(64, '咨询、建议、投诉：向哪个单位反映'))),
  disclosureId: Type.Optional(Nullable(Text(64, '询问：针对哪条公开信息'))),
  lineKind: Type.Optional(Nullable(Type.String({ enum: ['finance', 'recipients'], description: '询问财务收支明细或名单的某一行' }))),
  lineNo: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000, description: '第几行（从0起）' }))),
  domainCode: Type.Optional(Nullable(Text(64, '公开领域（目录）'))),
  subject: Type.Optional(Nullable(Text(LONG, '标题（不超过100字）'))),
  content: Text(LONG, '内容（5至2000字）'),
  name: Type.Optional(Nullable(Text(LONG, '姓名（可不填）'))),
  phone: Type.Optional(Nullable(Text(60, '联系电话（可不填）'))),
  publishConsent: Type.Optional(Type.Boolean({ description: '同意公开询问及答复（个人信息会被遮盖）' })),
};

const IntakeResponse = Type.Object({
  id: Type.String(),
  caseNo: Type.String({ description: '编号' }),
  trackingCode: Type.String({ description: '查询码' }),
  trackingSecret: Type.String({ description: '查询密码（只显示这一次）' }),
  status: Type.String(),
  dueOn: Nullable(Type.String()),
});

const intakeView = (r: Result<IntakeResult>) => {
  const v = unwrap(r);
  return { id: v.row.id, caseNo: v.row.case_no, trackingCode: v.trackingCode, trackingSecret: v.trackingSecret, status: v.row.status, dueOn: v.row.due_on };
};

const SettingsBody = Type.Object(
  {
    limits: obj(
      Object.fromEntries(
        ['question', 'consult', 'suggestion', 'complaint'].map((k) => [
          k,
          obj({ days: Type.Integer(), unit: Type.String({ enum: ['working', 'calendar'] }), source: Text(300) }),
        ]),
      ),
    ),
    investigation: obj({ days: Type.Integer(), unit: Type.String({ enum: ['working', 'calendar'] }), source: Text(300) }),
    orderWorkingDays: Type.Integer(),
    boxOpeningMaxDays: Type.Integer(),
    knowledgeReviewDays: Type.Integer(),
    misconductNotice: Text(500),
    domainRoutes: Type.Optional(Type.Array(obj({ domainCode: Text(64), unitCode: Text(64), source: Text(300) }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);

export function registerInteractionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['interaction'];
  const present = async (request: FastifyRequest, result: Result<{ id: string }>) => unwrap(await getCaseDetail(ctx, requireActor(request), unwrap(result).id));

  // ── public ──
  r.get(
    '/api/v1/interaction/vocabulary',
    { config: { public: true }, schema: { tags, summary: '政民互动的代码表（类型、渠道、状态、评价）和县里的期限设置', response: { 200: Vocabulary } } },
    async () => ({
      kinds: [...CASE_KINDS],
      channels: [...CHANNELS],
      staffChannels: [...STAFF_CHANNELS],
      ratings: [...RATINGS],
      statuses: STATUSES.map((s) => ({ code: s, label: STATUS_TEXT[s] })),
      transitions: TRANSITIONS.map(({ kinds, from, ...t }) => ({ ...t, from: [...from], ...(kinds ? { kinds: [...kinds] } : {}) })),
      settings: await loadSettings(ctx.db),
    }),
  );

  r.get(
    '/api/v1/interaction/human-check',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网上提交的验证题（与依申请公开相同：加法题，签名防篡改）',
        response: { 200: Type.Object({ token: Type.String(), question: Type.String() }) },
      },
    },
    async () => issueHumanCheck(ctx.db, ctx.clock.now()),
  );

  r.post(
    '/api/v1/interaction/cases',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网上提交询问、咨询、建议或投诉（公开接口，限流；须作答验证题）。反映公职人员违纪违法问题不在此受理',
        body: obj({ ...caseFields, humanCheck: obj({ token: Text(300), answer: Text(10) }) }),
        response: { 201: IntakeResponse, ...errors(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { humanCheck, ...input } = request.body;
      return reply.status(201).send(intakeView(await submitPublicCase(ctx, input as never, humanCheck, request.id)));
    },
  );

  r.get(
    '/api/v1/interaction/track',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '凭查询码和查询密码查看办理情况和答复（个人信息已遮盖）',
        querystring: obj({ code: Text(20), secret: Text(40) }),
        response: { 200: TrackView, ...errors(400, 404, 429) },
      },
    },
    async (request) => unwrap(await trackCase(ctx, request.query.code, request.query.secret)),
  );

  r.post(
    '/api/v1/interaction/track/respond',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '本人评价答复（满意、基本满意、不满意须写理由；每次答复评价一次），或反映逾期未答复',
        body: obj({
          code: Text(20),
          secret: Text(40),
          response: Type.String({ enum: ['satisfied', 'basic', 'unsatisfied', 'unanswered'] }),
          reason: Type.Optional(Nullable(Text(LONG))),
        }),
        response: { 200: TrackView, ...errors(400, 404, 409, 429) },
      },
    },
    async (request) => {
      const b = request.body;
      unwrap(await respondToCase(ctx, request.id, { ...b, response: b.response as 'satisfied' }));
      return unwrap(await trackCase(ctx, b.code, b.secret));
    },
  );

  r.get(
    '/api/v1/interaction/public/cases',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '选登：本人同意公开的已办结事项（个人信息已遮盖）',
        querystring: obj({ unit: Type.Optional(Text(64)), ...Paging }),
        response: { 200: PublicCaseList, ...errors(400) },
      },
    },
    async (request) => listPublishedCases(ctx, { unit: request.query.unit, limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 }),
  );
  r.get(
    '/api/v1/interaction/public/cases/:id',
    { config: { public: true }, schema: { tags, summary: '一件选登事项', params: Id, response: { 200: PublicCase, ...errors(404) } } },
    async (request) => unwrap(await getPublishedCase(ctx, request.params.id)),
  );

  r.get(
    '/api/v1/interaction/public/figures',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '留言受理反馈情况：某月各单位收到、按期答复、逾期、满意度',
        querystring: obj({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }), unit: Type.Optional(Text(64)) }),
        response: { 200: MonthlyFigures, ...errors(400) },
      },
    },
    async (request) => monthlyFigures(ctx, request.query.month, request.query.unit),
  );

  r.get(
    '/api/v1/interaction/public/knowledge',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '知识清单（已公布的条目，按单位）',
        querystring: obj({ unit: Type.Optional(Text(64)), ...Paging }),
        response: { 200: KnowledgeList, ...errors(400) },
      },
    },
    async (request) => publicKnowledge(ctx, { unit: request.query.unit, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  // ── staff ──
  r.post(
    '/api/v1/interaction/cases/intake',
    {
      schema: {
        tags,
        summary: '登记当面、电话、会议上提出、信件或意见箱收到的事项；县APP（我的泗阳APP）用访问令牌以渠道 app 提交',
        body: obj({
          ...caseFields,
          channel: Type.String({ enum: [...STAFF_CHANNELS, 'box', 'online'] }),
          receivedOn: DateString('收到日期'),
          boxOpeningId: Type.Optional(Nullable(Text(64, '意见箱开箱记录'))),
        }),
        response: { 201: IntakeResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(intakeView(await intakeCase(ctx, meta(request), request.body as never))),
  );

  r.get(
    '/api/v1/interaction/cases',
    {
      schema: {
        tags,
        summary: '事项列表（本单位及下级；村务监督委员会可查看本村全部询问）',
        querystring: obj({
          status: Type.Optional(Type.String({ enum: [...STATUSES] })),
          kind: Type.Optional(Type.String({ enum: CASE_KINDS.map((k) => k.code) })),
          unit: Type.Optional(Text(64)),
          q: Type.Optional(Text(100)),
          overdue: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: CaseList, ...errors(400, 401) },
      },
    },
    async (request) => listCasesFor(ctx, requireActor(request), { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  r.get(
    '/api/v1/interaction/figures',
    {
      schema: {
        tags,
        summary: '统计（考评、督查用）：某时段收到、按期答复、逾期、满意度及对应事项编号',
        querystring: obj({ unit: Text(64), from: DateString(), to: DateString() }),
        response: { 200: CaseFigures, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const unit = unwrap(await unitOrFail(ctx.db, request.query.unit));
      if (!canView(requireActor(request), [unit.path])) throw new FailureError(fail(404, 'UNIT_NOT_FOUND', `没有找到单位：${request.query.unit}`));
      return caseFigures(ctx, { unitCode: unit.code, from: request.query.from, to: request.query.to });
    },
  );

  r.get(
    '/api/v1/interaction/cases/:id',
    { schema: { tags, summary: '事项详情（办理记录、调查核实、相似事项、可办理的操作）', params: Id, response: { 200: CaseDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await getCaseDetail(ctx, requireActor(request), request.params.id)),
  );

  r.get(
    '/api/v1/interaction/cases/:id/files/:fid',
    { schema: { tags, summary: '调查核实的证据材料（工作人员）', params: obj({ id: Text(64), fid: Text(64) }), response: { ...errors(401, 404) } } },
    async (request, reply) => {
      const d = unwrap(await getCaseDetail(ctx, requireActor(request), request.params.id));
      const f = await findFile(ctx.db, d.id, request.params.fid);
      if (!f) throw new FailureError(fail(404, 'FILE_NOT_FOUND', '没有找到这个文件'));
      return reply
        .header('content-type', f.type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(await readStoredFile(ctx.config.dataDir, f.sha256));
    },
  );

  const step = <S extends TSchema>(
    path: string,
    summary: string,
    body: S,
    run: (request: FastifyRequest<{ Params: { id: string } }>, b: Static<S>) => Promise<Result<{ id: string }>>,
    opts: { bodyLimit?: number } = {},
  ) => {
    r.post(
      `/api/v1/interaction/cases/:id/${path}`,
      { ...opts, schema: { tags, summary, params: Id, body, response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409, 413, 415) } } },
      async (request) => present(request, await run(request as never, request.body as Static<S>)),
    );
  };
  step(
    'screen',
    '审看：受理、退回（写明理由）或转交其他单位（写明理由）',
    obj({
      decision: Type.String({ enum: ['accept', 'return', 'transfer'] }),
      reason: Type.Optional(Nullable(Text(LONG))),
      toUnitCode: Type.Optional(Nullable(Text(64))),
    }),
    (q, b) => screenCase(ctx, meta(q), q.params.id, b as never),
  );
  step('answer', '答复（答复中不能有个人信息）', obj({ answer: Text(LONG) }), (q, b) => answerCase(ctx, meta(q), q.params.id, 'answer', b));
  step('verify', '询问：经核实无误（写明核实情况）', obj({ answer: Text(LONG), facts: Type.Optional(Nullable(Text(LONG))) }), (q, b) =>
    answerCase(ctx, meta(q), q.params.id, 'verify', b),
  );
  step(
    'correct',
    '询问：内容确有遗漏或不真实，提出更正（以询问为公开的更正理由，经审核后重新公布）',
    obj({
      title: Type.Optional(Text(LONG)),
      docNo: Type.Optional(Nullable(Text(100))),
      body: Type.Optional(Text(200_000)),
      note: Type.Optional(Nullable(Text(LONG))),
    }),
    (q, b) => correctDisclosure(ctx, meta(q), q.params.id, b),
  );
  step(
    'investigate',
    '乡镇（街道）调查核实：人员、日期、情况、证据材料、结论；可责令村（居）限期更正',
    obj({
      investigators: Text(LONG),
      investigatedOn: DateString('调查核实日期'),
      findings: Text(LONG),
      conclusion: Text(LONG),
      order: Type.String({ enum: ['none', 'correct'] }),
      orderWorkingDays: Type.Optional(Nullable(Type.Integer())),
      evidence: Type.Optional(
        Type.Array(obj({ name: Text(300), contentBase64: Type.String({ maxLength: 14_000_000, description: '文件内容（base64），每个不超过10MB' }) }), {
          maxItems: 20,
          description: '证据材料：PDF、JPG、PNG、Word（docx）、Excel（xlsx），最多10个，合计不超过20MB',
        }),
      ),
    }),
    (q, b) => investigateCase(ctx, meta(q), q.params.id, b as never),
    // Evidence files come as base64 in the JSON body: up to 20 MB of files together (the command checks each and the sum).
    { bodyLimit: INVESTIGATION_BODY_LIMIT },
  );
  step('merge', '合并到本单位的相同事项，一并答复', obj({ intoId: Text(64) }), (q, b) => mergeCase(ctx, meta(q), q.params.id, b.intoId));
  step('publish', '选登：本人同意公开的已答复事项（个人信息遮盖后公开）', obj({}), (q) => publishCase(ctx, meta(q), q.params.id));
  step(
    'correct-publication',
    '更正选登的答复（写明理由；公开页面显示“已更正”、理由和更正前的答复，办理记录保留每一版）',
    obj({ answer: Text(8000), reason: Text(1000) }),
    (q, b) => correctPublication(ctx, meta(q), q.params.id, b),
  );
  step('withdraw-publication', '撤回选登（写明理由，公开页面显示撤回日期和理由，办理记录保留）', obj({ reason: Text(1000) }), (q, b) =>
    withdrawPublication(ctx, meta(q), q.params.id, b),
  );

  // ── reply templates ──
  r.get(
    '/api/v1/interaction/units/:code/templates',
    { schema: { tags, summary: '本单位的答复模板', params: obj({ code: Text(64) }), response: { 200: Type.Array(Template), ...errors(401, 404) } } },
    async (request) => {
      const unit = await unitOrFail(ctx.db, request.params.code);
      if (!unit.ok || !canHandle(requireActor(request), unit.value))
        throw new FailureError(fail(404, 'UNIT_NOT_FOUND', `没有找到单位：${request.params.code}`));
      return (await templatesOf(ctx.db, unit.value.code)).map((t) => ({ id: t.id, kind: t.kind, title: t.title, body: t.body }));
    },
  );
  r.put(
    '/api/v1/interaction/units/:code/templates',
    {
      schema: {
        tags,
        summary: '保存本单位的答复模板（整体替换）',
        params: obj({ code: Text(64) }),
        body: obj({ templates: Type.Array(obj({ kind: Text(20), title: Text(LONG), body: Text(LONG) }), { maxItems: 100 }) }),
        response: { 200: TemplatesSaved, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await saveTemplates(ctx, meta(request), request.params.code, request.body.templates)),
  );

  // ── settings ──
  r.get(
    '/api/v1/interaction/settings',
    { schema: { tags, summary: '政民互动设置（期限及其依据）', response: { 200: SettingsView, ...errors(401) } } },
    async () => ({ settings: await loadSettings(ctx.db), defaults: DEFAULT_SETTINGS }),
  );
  r.put(
    '/api/v1/interaction/settings',
    { schema: { tags, summary: '修改政民互动设置（县级管理员）', body: SettingsBody, response: { 200: Settings, ...errors(400, 401, 403) } } },
    async (request) => unwrap(await updateSettings(ctx, meta(request), request.body as never)),
  );

  // ── knowledge list ──
  const KnowledgeBody = {
    question: Text(LONG),
    answer: Text(LONG),
    legalBasis: Type.Optional(Nullable(Text(LONG))),
    itemKey: Type.Optional(Nullable(Text(100))),
    policyId: Type.Optional(Nullable(Text(64, '所引用的政策文件（政策文件库中已公开的文件）'))),
  };
  r.get(
    '/api/v1/interaction/knowledge',
    {
      schema: {
        tags,
        summary: '知识清单（本单位及下级，含待复核标记）',
        querystring: obj({ status: Type.Optional(Type.String({ enum: ['draft', 'published', 'withdrawn'] })), ...Paging }),
        response: { 200: KnowledgeList, ...errors(400, 401) },
      },
    },
    async (request) =>
      listKnowledgeFor(ctx, requireActor(request), { status: request.query.status, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );
  r.post(
    '/api/v1/interaction/knowledge',
    {
      schema: {
        tags,
        summary: '新建知识清单条目（可由已答复事项整理）',
        body: obj({ unitCode: Text(64), sourceCaseId: Type.Optional(Nullable(Text(64))), ...KnowledgeBody }),
        response: { 201: KnowledgeEntry, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = unwrap(await createKnowledge(ctx, meta(request), request.body));
      return reply.status(201).send(unwrap(await knowledgeEntry(ctx, requireActor(request), id)));
    },
  );
  const kstep = <S extends TSchema>(
    path: string,
    summary: string,
    body: S,
    run: (request: FastifyRequest<{ Params: { id: string } }>, b: Static<S>) => Promise<Result<{ id: string }>>,
  ) => {
    r.post(
      `/api/v1/interaction/knowledge/:id/${path}`,
      { schema: { tags, summary, params: Id, body, response: { 200: KnowledgeEntry, ...errors(400, 401, 404, 409) } } },
      async (request) => {
        unwrap(await run(request as never, request.body as Static<S>));
        return unwrap(await knowledgeEntry(ctx, requireActor(request), request.params.id));
      },
    );
  };
  kstep('edit', '修改（即复核，复核日期更新）', obj(KnowledgeBody), (q, b) => editKnowledge(ctx, meta(q), q.params.id, b));
  kstep('publish', '公布（进入门户搜索，结果类型“知识清单”）', obj({}), (q) => publishKnowledge(ctx, meta(q), q.params.id));
  kstep('confirm', '复核无误（复核日期更新）', obj({}), (q) => confirmKnowledge(ctx, meta(q), q.params.id));
  kstep('withdraw', '撤下（写明理由）', obj({ reason: Text(LONG) }), (q, b) => withdrawKnowledge(ctx, meta(q), q.params.id, b.reason));

  // ── 意见箱 ──
  r.get(
    '/api/v1/interaction/boxes',
    { schema: { tags, summary: '意见箱及开箱情况（超过规定天数未开箱的标出）', response: { 200: Type.Array(Box), ...errors(401) } } },
    async (request) => boxesFor(ctx, requireActor(request)),
  );
  r.post(
    '/api/v1/interaction/boxes',
    {
      schema: {
        tags,
        summary: '登记意见箱（所在公开栏：档案模块登记的本单位在用公开栏）',
        body: obj({ unitCode: Text(64), location: Text(LONG), boardId: Type.Optional(Nullable(Text(64))), installedOn: DateString('设置日期') }),
        response: { 201: BoxDetail, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = unwrap(await registerBox(ctx, meta(request), request.body));
      return reply.status(201).send(unwrap(await boxDetail(ctx, requireActor(request), id)));
    },
  );
  r.get(
    '/api/v1/interaction/boxes/:id',
    { schema: { tags, summary: '意见箱详情和开箱记录', params: Id, response: { 200: BoxDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await boxDetail(ctx, requireActor(request), request.params.id)),
  );
  r.put(
    '/api/v1/interaction/boxes/:id',
    {
      schema: {
        tags,
        summary: '修改意见箱：位置、所在公开栏、停用',
        params: Id,
        body: obj({ location: Text(LONG), boardId: Type.Optional(Nullable(Text(64))), active: Type.Boolean() }),
        response: { 200: BoxDetail, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await changeBox(ctx, meta(request), request.params.id, request.body));
      return unwrap(await boxDetail(ctx, requireActor(request), request.params.id));
    },
  );
  r.post(
    '/api/v1/interaction/boxes/:id/openings',
    {
      schema: {
        tags,
        summary: '记录开箱（日期、两名在场人员、意见条数量）',
        params: Id,
        body: obj({
          openedOn: DateString('开箱日期'),
          witness1: Text(LONG),
          witness2: Text(LONG),
          slipCount: Type.Integer(),
          note: Type.Optional(Nullable(Text(LONG))),
        }),
        response: { 201: BoxDetail, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      unwrap(await recordOpening(ctx, meta(request), request.params.id, request.body));
      return reply.status(201).send(unwrap(await boxDetail(ctx, requireActor(request), request.params.id)));
    },
  );
}
