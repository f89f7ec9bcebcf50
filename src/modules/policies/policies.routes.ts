/** HTTP API of policy documents, interpretations and responses (thin: validate → authorize in the command → present). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, Nullable } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { authorizeImport, importPolicies, importTemplate, IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './policies.import.ts';
import { MAX_PACKAGE_BYTES } from './policies.package.ts';
import {
  addInterpretation,
  addResponse,
  changeValidity,
  createPolicy,
  editPolicyMetadata,
  loadPolicySettings,
  registerPolicy,
  savePolicySettings,
  setNumberPrefixes,
  type PolicySettingsInput,
} from './policies.commands.ts';
import { getPublicPolicy, interpretationCompliance, linkableDisclosures, listPolicies } from './policies.queries.ts';
import { VALIDITIES } from './policies.rules.ts';
import {
  InterpretationCompliance,
  InterpretationForm,
  InterpretationLinked,
  LinkableList,
  MetadataEdited,
  NumberPrefixes,
  PolicyCreated,
  PolicyImported,
  PolicyList,
  PolicyMeta as Meta,
  PolicyRegistered,
  PolicySettingsSchema as SettingsSchema,
  PolicyView,
  ResponseForm,
  ResponseLinked,
  ValidityChanged,
  ValidityEnum,
} from './policies.schemas.ts';

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
        querystring: Type.Object(
          {
            issuer: Type.Optional(Type.String({ maxLength: 64 })),
            year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })),
            topic: Type.Optional(Type.String({ maxLength: 40 })),
            validity: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('all'), ValidityEnum])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PolicyList, ...errors(400) },
      },
    },
    async (request) => listPolicies(ctx, request.query),
  );
  r.get(
    '/api/v1/policies/settings',
    {
      schema: {
        tags: ['policies'],
        summary: '政策文件的分类、主题、体裁和须解读的分类及期限（工作人员查看）',
        response: { 200: SettingsSchema, ...errors(401) },
      },
    },
    async (request) => {
      requireActor(request);
      return loadPolicySettings(ctx.db);
    },
  );
  r.put(
    '/api/v1/policies/settings',
    {
      schema: {
        tags: ['policies'],
        summary: '修改政策文件分类和解读规则（县级管理员，县本级）',
        body: SettingsSchema,
        response: { 200: SettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => unwrap(await savePolicySettings(ctx, { actor: requireActor(request), requestId: request.id }, request.body as PolicySettingsInput)),
  );
  r.get(
    '/api/v1/policies/interpretation-compliance',
    {
      schema: {
        tags: ['policies'],
        summary: '政策解读情况：须解读分类的已公开文件，按工作日计算的解读期限和是否按时解读（本人管辖范围）',
        response: {
          200: InterpretationCompliance,
          ...errors(401),
        },
      },
    },
    async (request) => interpretationCompliance(ctx, requireActor(request)),
  );
  r.get(
    '/api/v1/policies/:id',
    {
      config: { public: true },
      schema: {
        tags: ['policies'],
        summary: '一份已公开的政策文件：元数据、时效及其历史、解读、回应和后续修改',
        params: Id,
        response: { 200: PolicyView, ...errors(404) },
      },
    },
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
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 64 }),
            itemKey: Type.Optional(Type.String({ maxLength: 80 })),
            title: Type.String({ maxLength: 200 }),
            formedOn: DateString('生成日期'),
            body: Type.String({ maxLength: 500_000 }),
            ...Meta,
          },
          { additionalProperties: false },
        ),
        response: { 201: PolicyCreated, ...errors(400, 401, 403, 404, 409) },
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
        response: { 200: PolicyRegistered, ...errors(400, 401, 404, 409) },
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
        body: Type.Object(
          {
            to: ValidityEnum,
            effectiveOn: DateString('变更生效日期'),
            byPolicyId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ValidityChanged, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = unwrap(await changeValidity(ctx, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));
      return { id: p.disclosure_id, validity: p.validity as (typeof VALIDITIES)[number], validityOn: p.validity_on };
    },
  );
  r.patch(
    '/api/v1/policies/:id/metadata',
    {
      schema: {
        tags: ['policies'],
        summary:
          '修改文件信息（文号、发文机关、成文日期、分类、主题、体裁、关键词、来源征集）：草稿由经办人修改；审核通过或公开后由审核人或县级管理员更正，须写明原因，更正记录公开',
        params: Id,
        body: Type.Object(
          {
            docNo: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            issuerName: Type.Optional(Type.String({ maxLength: 100 })),
            writtenOn: Type.Optional(DateString('成文日期')),
            category: Type.Optional(Type.String({ maxLength: 40 })),
            topic: Type.Optional(Type.String({ maxLength: 40 })),
            genre: Type.Optional(Type.String({ maxLength: 20 })),
            keywords: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
            consultationRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: MetadataEdited, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const r = unwrap(await editPolicyMetadata(ctx, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));
      return { id: r.policy.disclosure_id, changed: r.changed, correction: r.correction };
    },
  );
  r.get(
    '/api/v1/policies/linkable',
    {
      schema: {
        tags: ['policies'],
        summary: '本单位已发布的公开内容（新的在前，分页），供关联为解读或登记为回应；注明已是政策文件、解读或回应的',
        querystring: Type.Object({
          unit: Type.String({ minLength: 1, maxLength: 64, description: '单位编码' }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
        }),
        response: { 200: LinkableList, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      unwrap(
        await linkableDisclosures(ctx, requireActor(request), {
          unit: request.query.unit,
          limit: request.query.limit ?? 20,
          offset: request.query.offset ?? 0,
        }),
      ),
  );
  r.post(
    '/api/v1/policies/:id/interpretations',
    {
      schema: {
        tags: ['policies'],
        summary: '把本单位的一条公开内容关联为这份政策文件的解读（文字解读、图解、问答、音频或视频）',
        params: Id,
        body: Type.Object(
          { disclosureId: Type.String({ maxLength: 64 }), form: InterpretationForm, mediaUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
          { additionalProperties: false },
        ),
        response: { 200: InterpretationLinked, ...errors(400, 401, 404, 409) },
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
          {
            disclosureId: Type.String({ maxLength: 64 }),
            form: ResponseForm,
            policyId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
            interactionRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            consultationRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ResponseLinked, ...errors(400, 401, 404, 409) },
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
        response: { 200: NumberPrefixes, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) =>
      unwrap(await setNumberPrefixes(ctx, { actor: requireActor(request), requestId: request.id }, request.params.code, request.body.prefixes)),
  );
  r.get(
    '/api/v1/policies/import-template.xlsx',
    { schema: { tags: ['policies'], summary: `政策文件导入模板（Excel）：${IMPORT_COLUMNS.map((c) => c.header).join('、')}`, response: { ...errors(401) } } },
    async (request, reply) => {
      requireActor(request);
      return reply
        .headers({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('政策文件导入模板.xlsx')}`,
        })
        .send(await importTemplate());
    },
  );
  r.post(
    '/api/v1/units/:code/policy-import',
    {
      schema: {
        tags: ['policies'],
        summary: `导入本单位已有的政策文件（经办人）：Excel（.xlsx）或 CSV（UTF-8）文件，字段 file，不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB、${MAX_IMPORT_ROWS} 行；带附件时为 .zip 导入包（最外层一个导入表，附件放在文件夹中，由“附件”列按文件名列出；不超过 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB，每个附件按内容判断类型、不超过 20 MB）。先逐行检查，有任何问题则按行列列出、一份也不导入；全部通过才作为草稿导入，之后按公开流程审核、发布`,
        consumes: ['multipart/form-data'],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 201: PolicyImported, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Authorized before the upload is read: outside the caller's scope 404, whatever is sent.
      unwrap(await authorizeImport(ctx, actor, request.params.code));
      const up = unwrap(await readUpload(request, { maxBytes: MAX_PACKAGE_BYTES, what: '政策文件导入表或导入包' }));
      if (!up.file) return unwrap(fail(400, 'FILE_REQUIRED', '请选择要导入的 Excel、CSV 文件或 .zip 导入包（字段 file）'));
      const done = unwrap(await importPolicies(ctx, { actor, requestId: request.id }, request.params.code, up.file.buffer));
      return reply.code(201).send(done);
    },
  );
}
