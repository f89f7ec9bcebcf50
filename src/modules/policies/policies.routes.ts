/** HTTP API of policy documents, interpretations and responses (thin: validate → authorize in the command → present). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, Nullable } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { addInterpretation, addResponse, changeValidity, createPolicy, loadPolicySettings, registerPolicy, savePolicySettings, setNumberPrefixes, type PolicySettings } from './policies.commands.ts';
import { getPublicPolicy, interpretationCompliance, listPolicies } from './policies.queries.ts';
import { INTERPRETATION_FORMS, RESPONSE_FORMS, VALIDITIES } from './policies.rules.ts';

const ValidityEnum = Type.Union([Type.Literal('valid'), Type.Literal('amended'), Type.Literal('repealed'), Type.Literal('expired')]);
const InterpretationForm = Type.Union([Type.Literal('text'), Type.Literal('graphic'), Type.Literal('qa'), Type.Literal('audio'), Type.Literal('video')], { description: Object.entries(INTERPRETATION_FORMS).map(([k, v]) => `${k} ${v}`).join('、') });
const ResponseForm = Type.Union([Type.Literal('concern'), Type.Literal('rumour')], { description: Object.entries(RESPONSE_FORMS).map(([k, v]) => `${k} ${v}`).join('、') });
const Meta = {
  docNo: Type.Optional(Nullable(Type.String({ maxLength: 60, description: '文号，如 泗政办发〔2023〕72号（机关代字须已登记）' }))),
  issuerName: Type.Optional(Type.String({ maxLength: 100, description: '发文机关（默认为发布单位名称）' })),
  writtenOn: DateString('成文日期'),
  category: Type.String({ maxLength: 40, description: '分类（本县设定，如 政府办文件）' }),
  topic: Type.String({ maxLength: 40, description: '主题分类' }),
  genre: Type.String({ maxLength: 20, description: '体裁（如 通知、意见）' }),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  consultationRef: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '来源的意见征集编号（可空）' }))),
};
const ListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  indexNo: Type.String(),
  docNo: Nullable(Type.String()),
  issuer: Type.Object({ code: Type.String(), name: Type.String() }),
  writtenOn: Type.String(),
  publishedOn: Type.String(),
  category: Type.String(),
  topic: Type.String(),
  genre: Type.String(),
  keywords: Type.Array(Type.String()),
  validity: ValidityEnum,
  validityText: Type.String(),
  validityOn: Nullable(Type.String()),
  isDemo: Type.Boolean(),
});
const Linked = Type.Object({ id: Type.String(), title: Type.String(), unit: Type.Object({ code: Type.String(), name: Type.String() }), publishedOn: Type.String(), form: Type.String(), formText: Type.String(), mediaUrl: Type.Optional(Nullable(Type.String())), interactionRef: Type.Optional(Nullable(Type.String())), consultationRef: Type.Optional(Nullable(Type.String())) });
const PolicyView = Type.Object({
  policy: ListItem,
  consultationRef: Nullable(Type.String()),
  history: Type.Array(Type.Object({ seq: Type.Integer(), from: Nullable(ValidityEnum), to: ValidityEnum, toText: Type.String(), effectiveOn: Type.String(), by: Nullable(Type.Object({ id: Type.String(), title: Type.String(), docNo: Nullable(Type.String()) })), reason: Nullable(Type.String()) })),
  changed: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), docNo: Nullable(Type.String()), to: ValidityEnum, toText: Type.String(), effectiveOn: Type.String() })),
  interpretations: Type.Array(Linked),
  responses: Type.Array(Linked),
  pageUrl: Type.String(),
});
const SettingsSchema = Type.Object(
  {
    categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
    topics: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 }),
    genres: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 }),
    interpretation: Type.Object({ categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }), workingDays: Type.Integer({ minimum: 0, maximum: 60 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerPolicyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/policies',
    {
      config: { public: true },
      schema: {
        tags: ['policies'],
        summary: '政策文件（公开）：默认为现行有效（有效和已修改），可按发文机关、年份、主题、时效筛选',
        querystring: Type.Object({ issuer: Type.Optional(Type.String({ maxLength: 64 })), year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })), topic: Type.Optional(Type.String({ maxLength: 40 })), validity: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('all'), ValidityEnum])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ListItem) }), ...errors(400) },
      },
    },
    async (request) => listPolicies(ctx, request.query),
  );
  r.get(
    '/api/v1/policies/settings',
    { schema: { tags: ['policies'], summary: '政策文件的分类、主题、体裁和须解读的分类及期限（工作人员查看）', response: { 200: SettingsSchema, ...errors(401) } } },
    async (request) => {
      requireActor(request);
      return loadPolicySettings(ctx.db);
    },
  );
  r.put(
    '/api/v1/policies/settings',
    { schema: { tags: ['policies'], summary: '修改政策文件分类和解读规则（县级管理员，县本级）', body: SettingsSchema, response: { 200: SettingsSchema, ...errors(400, 401, 403) } } },
    async (request) => unwrap(await savePolicySettings(ctx, { actor: requireActor(request), requestId: request.id }, request.body as PolicySettings)),
  );
  r.get(
    '/api/v1/policies/interpretation-compliance',
    {
      schema: {
        tags: ['policies'],
        summary: '政策解读情况：须解读分类的已公开文件，按工作日计算的解读期限和是否按时解读（本人管辖范围）',
        response: {
          200: Type.Object({
            settings: Type.Object({ categories: Type.Array(Type.String()), workingDays: Type.Integer() }),
            items: Type.Array(Type.Object({ policyId: Type.String(), title: Type.String(), docNo: Nullable(Type.String()), issuer: Type.Object({ code: Type.String(), name: Type.String() }), category: Type.String(), publishedOn: Type.String(), dueOn: Type.String(), provisional: Type.Boolean(), interpretedOn: Nullable(Type.String()), status: Type.String(), statusText: Type.String() })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => interpretationCompliance(ctx, requireActor(request)),
  );
  r.get(
    '/api/v1/policies/:id',
    { config: { public: true }, schema: { tags: ['policies'], summary: '一份已公开的政策文件：元数据、时效及其历史、解读、回应和后续修改', params: Id, response: { 200: PolicyView, ...errors(404) } } },
    async (request) => {
      const d = await getPublicPolicy(ctx, request.params.id);
      if (!d) return unwrap(fail(404, 'POLICY_NOT_FOUND', '政策文件不存在或尚未公开'));
      const { disclosure: _d, ...rest } = d;
      return { ...rest, pageUrl: `/policies/${encodeURIComponent(request.params.id)}` };
    },
  );
  r.post(
    '/api/v1/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '起草政策文件（本单位经办人）：公开内容草稿及文号、发文机关、成文日期、分类、关键词；之后按公开流程审核、发布',
        body: Type.Object({ unitCode: Type.String({ maxLength: 64 }), itemKey: Type.Optional(Type.String({ maxLength: 80 })), title: Type.String({ maxLength: 200 }), formedOn: DateString('生成日期'), body: Type.String({ maxLength: 500_000 }), ...Meta }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String(), docNo: Nullable(Type.String()), status: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const r2 = unwrap(await createPolicy(ctx, { actor: requireActor(request), requestId: request.id }, request.body));
      return reply.code(201).send({ id: r2.disclosure.id, docNo: r2.policy.doc_no, status: r2.disclosure.status });
    },
  );
  r.post(
    '/api/v1/policies/:id/register',
    {
      schema: {
        tags: ['policies'],
        summary: '把本单位的公开内容草稿登记为政策文件（经办人）；文号取自草稿，须与登记的一致',
        params: Id,
        body: Type.Object(Meta, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), docNo: Nullable(Type.String()) }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const p = unwrap(await registerPolicy(ctx, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));
      return { id: p.disclosure_id, docNo: p.doc_no };
    },
  );
  r.post(
    '/api/v1/policies/:id/validity',
    {
      schema: {
        tags: ['policies'],
        summary: '登记时效变更（本单位审核人或县级管理员）：已修改、已废止须关联作出变更的已公开文件；已失效不需要',
        params: Id,
        body: Type.Object({ to: ValidityEnum, effectiveOn: DateString('变更生效日期'), byPolicyId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))), reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), validity: ValidityEnum, validityOn: Nullable(Type.String()) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = unwrap(await changeValidity(ctx, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));
      return { id: p.disclosure_id, validity: p.validity as (typeof VALIDITIES)[number], validityOn: p.validity_on };
    },
  );
  r.post(
    '/api/v1/policies/:id/interpretations',
    {
      schema: {
        tags: ['policies'],
        summary: '把本单位的一条公开内容关联为这份政策文件的解读（文字解读、图解、问答、音频或视频）',
        params: Id,
        body: Type.Object({ disclosureId: Type.String({ maxLength: 64 }), form: InterpretationForm, mediaUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }),
        response: { 200: Type.Object({ policyId: Type.String(), disclosureId: Type.String() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => unwrap(await addInterpretation(ctx, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)),
  );
  r.post(
    '/api/v1/policy-responses',
    {
      schema: {
        tags: ['policies'],
        summary: '把本单位的一条公开内容登记为回应（回应关切、辟谣），可关联政策文件、互动事项和意见征集',
        body: Type.Object(
          { disclosureId: Type.String({ maxLength: 64 }), form: ResponseForm, policyId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))), interactionRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))), consultationRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ disclosureId: Type.String() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => unwrap(await addResponse(ctx, { actor: requireActor(request), requestId: request.id }, request.body)),
  );
  r.put(
    '/api/v1/units/:code/policy-prefixes',
    {
      schema: {
        tags: ['policies'],
        summary: '登记单位的机关代字（县级管理员）：文号按“代字〔年份〕序号号”校验',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ prefixes: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ unitCode: Type.String(), prefixes: Type.Array(Type.String()) }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => unwrap(await setNumberPrefixes(ctx, { actor: requireActor(request), requestId: request.id }, request.params.code, request.body.prefixes)),
  );
}
