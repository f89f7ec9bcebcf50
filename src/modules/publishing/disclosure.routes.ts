import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Paging, errors, Nullable } from '../../platform/http/schemas.ts';
import { unwrap, type Result } from '../../platform/result.ts';
import { CHANNELS } from '../catalog/index.ts';
import {
  createDisclosure,
  decidePii,
  publishDisclosure,
  reviewDisclosure,
  scanDisclosure,
  setDisplayEnd,
  setIndexPrefix,
  setTownReview,
  submitDisclosure,
  townReviewEnabled,
  updateDraft,
  withdrawDisclosure,
} from './disclosure.commands.ts';
import { getDisclosure, listDisclosures, todoFor, verifyDisclosure } from './disclosure.queries.ts';
import { STATUSES } from './disclosure.workflow.ts';
import { proposeCorrection, reviewCorrection } from './disclosure.corrections.ts';
import { Title } from './publishing.schemas.ts';
import { DetailSchema, ListItemSchema, PiiScanSchema, StaffSchema, TodoSchema, VerificationSchema } from './disclosure.responses.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

const Period = Type.String({ pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', description: '公开期间：2026、2026-Q3 或 2026-10' });
const Body = Type.String({ maxLength: 200_000, description: '正文（富文本 HTML，仅保留段落、加粗、列表、表格、小标题和链接）' });

export function registerDisclosureRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Built here, not at module load: catalog and publishing import each other's index.
  const Channels = Type.Array(Type.String({ enum: [...CHANNELS] }), { maxItems: CHANNELS.length, uniqueItems: true });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  /** After a command: the staff view of the record. */
  const staffView = async (request: FastifyRequest, result: Result<{ id: string }>) => {
    const row = unwrap(result);
    return unwrap(await getDisclosure(ctx, request.actor, row.id)).staff!;
  };
  const tags = ['publishing'];

  r.post(
    '/api/v1/disclosures',
    {
      schema: {
        tags,
        summary: '起草公开内容（村务：村（居）经办人；政务：单位经办人）',
        body: Type.Object(
          {
            unitCode: Type.String({ minLength: 1, maxLength: 64 }),
            itemKey: Type.Optional(Type.String({ maxLength: 200, description: '目录事项编号（item key）' })),
            period: Type.Optional(Period),
            eventId: Type.Optional(Type.String({ maxLength: 64 })),
            title: Title,
            docNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            formedOn: DateString('生成日期'),
            body: Body,
            channels: Type.Optional(Channels),
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await staffView(request, await createDisclosure(ctx, meta(request), request.body))),
  );

  r.get(
    '/api/v1/disclosures',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '查询公开内容（匿名：仅已发布，个人信息已遮盖；工作人员：另含本单位范围内的草稿等）',
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 64 })),
          item: Type.Optional(Type.String({ maxLength: 200 })),
          status: Type.Optional(Type.String({ enum: [...STATUSES] })),
          from: Type.Optional(DateString('发布日期起')),
          to: Type.Optional(DateString('发布日期止')),
          ...Paging,
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ListItemSchema) }), ...errors(400) },
      },
    },
    async (request) => listDisclosures(ctx, request.actor, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  r.get(
    '/api/v1/disclosures/todo',
    {
      schema: {
        tags,
        summary: '我的待办：本周内及提醒期内应公开和已逾期事项、被退回的草稿、待我审核的内容',
        response: {
          200: TodoSchema,
          ...errors(401),
        },
      },
    },
    async (request) => todoFor(ctx, requireActor(request)),
  );

  r.get(
    '/api/v1/disclosures/:id',
    {
      config: { public: true },
      schema: { tags, summary: '查看公开内容（匿名为公开视图；本单位工作人员另有工作视图）', params: Id, response: { 200: DetailSchema, ...errors(404) } },
    },
    async (request) => unwrap(await getDisclosure(ctx, request.actor, request.params.id)),
  );

  r.get(
    '/api/v1/disclosures/:id/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '核验公开内容：重新计算内容摘要并与审计日志中的记录比对',
        params: Id,
        response: {
          200: VerificationSchema,
          ...errors(404),
        },
      },
    },
    async (request) => unwrap(await verifyDisclosure(ctx, request.params.id)),
  );

  r.patch(
    '/api/v1/disclosures/:id',
    {
      schema: {
        tags,
        summary: '修改草稿（仅草稿或被退回的）',
        params: Id,
        body: Type.Object(
          {
            itemKey: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            period: Type.Optional(Nullable(Period)),
            eventId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
            title: Type.Optional(Title),
            docNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            formedOn: Type.Optional(DateString('生成日期')),
            body: Type.Optional(Body),
            channels: Type.Optional(Channels),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffView(request, await updateDraft(ctx, meta(request), request.params.id, request.body)),
  );

  const simple = (path: string, summary: string, run: (request: FastifyRequest & { params: { id: string } }) => Promise<Result<{ id: string }>>) =>
    r.post(
      `/api/v1/disclosures/:id/${path}`,
      { schema: { tags, summary, params: Id, response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) } } },
      async (request) => staffView(request, await run(request as FastifyRequest & { params: { id: string } })),
    );
  simple('submit', '提交审核（先通过个人信息检查）', (req) => submitDisclosure(ctx, meta(req), req.params.id));

  r.post(
    '/api/v1/disclosures/:id/review',
    {
      schema: {
        tags,
        summary: '审核：村务监督委员会审查签字 / 单位保密审查 / 乡镇（街道）审核；通过或退回（退回须填写意见）',
        params: Id,
        body: Type.Object(
          { decision: Type.String({ enum: ['approve', 'reject'] }), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      staffView(request, await reviewDisclosure(ctx, meta(request), request.params.id, request.body as { decision: 'approve' | 'reject'; comment?: string })),
  );

  r.post(
    '/api/v1/disclosures/:id/publish',
    {
      schema: {
        tags,
        summary: '发布（立即或定时；可设定不早于最短公示期的公示截止日期）',
        params: Id,
        body: Type.Optional(
          Type.Object(
            {
              at: Type.Optional(Type.String({ maxLength: 40, description: '定时发布时间（ISO 8601，须晚于当前时间）' })),
              displayEnd: Type.Optional(DateString('计划公示截止日期')),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffView(request, await publishDisclosure(ctx, meta(request), request.params.id, request.body ?? {})),
  );

  r.post(
    '/api/v1/disclosures/:id/display-end',
    {
      schema: {
        tags,
        summary: '设定计划公示截止日期（不得早于最短公示期）',
        params: Id,
        body: Type.Object({ until: DateString('公示截止日期') }, { additionalProperties: false }),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffView(request, await setDisplayEnd(ctx, meta(request), request.params.id, request.body.until)),
  );

  r.post(
    '/api/v1/disclosures/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回（须填写公开的撤回理由；记录保留并显示“已撤回”）',
        params: Id,
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffView(request, await withdrawDisclosure(ctx, meta(request), request.params.id, request.body.reason)),
  );

  r.post(
    '/api/v1/disclosures/:id/corrections',
    {
      schema: {
        tags,
        summary: '提出更正（本单位工作人员；须由另一名审核人员审核同意后生效，生成新版本并公开更正理由）',
        params: Id,
        body: Type.Object(
          {
            reason: Type.String({ maxLength: 500 }),
            title: Type.Optional(Title),
            docNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            body: Type.Optional(Body),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffView(request, await proposeCorrection(ctx, meta(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/disclosures/:id/corrections/:cid/review',
    {
      schema: {
        tags,
        summary: '审核更正（审核人员；提出或修改过该更正的人不能审核）：同意则生成新版本并公开，退回须写明理由',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), cid: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { decision: Type.String({ enum: ['approve', 'reject'] }), comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
          { additionalProperties: false },
        ),
        response: { 200: StaffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      staffView(
        request,
        await reviewCorrection(
          ctx,
          meta(request),
          request.params.id,
          request.params.cid,
          request.body as { decision: 'approve' | 'reject'; comment?: string | null },
        ),
      ),
  );

  r.post(
    '/api/v1/disclosures/:id/pii-scan',
    {
      schema: {
        tags,
        summary: '个人信息检查（仅本单位工作人员；结果含原文）',
        params: Id,
        response: {
          200: PiiScanSchema,
          ...errors(401, 404),
        },
      },
    },
    async (request) => unwrap(await scanDisclosure(ctx, meta(request), request.params.id)),
  );

  r.post(
    '/api/v1/disclosures/:id/pii-decisions',
    {
      schema: {
        tags,
        summary: '处理一处个人信息：遮盖，或（审核人员说明理由后）允许公开',
        params: Id,
        body: Type.Object(
          {
            fingerprint: Type.String({ pattern: '^[0-9a-f]{64}$' }),
            action: Type.String({ enum: ['mask', 'allow'] }),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ decisions: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      unwrap(await decidePii(ctx, meta(request), request.params.id, request.body as { fingerprint: string; action: 'mask' | 'allow'; reason?: string })),
  );

  r.get(
    '/api/v1/publishing/settings',
    {
      schema: {
        tags,
        summary: '发布流程设置',
        response: { 200: Type.Object({ townReview: Type.Boolean({ description: '村务公开在村务监督委员会审查后是否还需乡镇（街道）审核' }) }), ...errors(401) },
      },
    },
    async (request) => {
      requireActor(request);
      return { townReview: await townReviewEnabled(ctx.db) };
    },
  );

  r.put(
    '/api/v1/publishing/settings',
    {
      schema: {
        tags,
        summary: '修改发布流程设置（县级管理员）',
        body: Type.Object({ townReview: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ townReview: Type.Boolean() }), ...errors(400, 401, 403) },
      },
    },
    async (request) => unwrap(await setTownReview(ctx, meta(request), request.body.townReview)),
  );

  r.put(
    '/api/v1/publishing/units/:code/index-prefix',
    {
      schema: {
        tags,
        summary: '设置单位的索引号前缀（县级管理员；留空则使用单位编码）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ prefix: Nullable(Type.String({ maxLength: 30 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ unitCode: Type.String(), indexPrefix: Nullable(Type.String()) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await setIndexPrefix(ctx, meta(request), request.params.code, request.body.prefix)),
  );
}
