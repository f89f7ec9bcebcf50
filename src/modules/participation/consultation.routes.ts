/**
 * Consultation API. Thin routes: TypeBox schema → actor → one command → present. Public: the vocabulary, the
 * published consultations, comments online (sessionless, rate-limited, human check) and the comment tracking.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, errors } from '../../platform/http/schemas.ts';
import { unwrap } from '../../platform/result.ts';
import { issueHumanCheck } from '../requests/index.ts';
import {
  createConsultation,
  enterStaffComment,
  moderateComment,
  previewClauses,
  publishConsultation,
  publishFeedback,
  saveFeedback,
  submitOnlineComment,
  updateConsultation,
} from './consultation.commands.ts';
import { consultationDetail, listConsultationsFor, publicConsultation, publicConsultationList, trackComment } from './consultation.queries.ts';
import {
  ADOPTIONS,
  COMMENT_CHANNELS,
  CONSULTATION_STATUS_TEXT,
  EVENT_KINDS,
  PARTICIPATION_METHODS,
  PARTICIPATION_RULES,
  DECISION_MATTERS,
  MEETING_KINDS,
} from './participation.rules.ts';
import { ANSWER_METHODS, QUESTION_TYPES, SURVEY_KINDS, SURVEY_TEMPLATES } from './survey.rules.ts';
import * as S from './participation.schemas.ts';

export const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const DOCX_BASE64_MAX = 14_000_000;

const consultationFields = {
  itemId: Type.Optional(Nullable(Text(64, '公众参与事项目录中的事项'))),
  title: Text(200, '标题，如“关于《××办法（征求意见稿）》公开征求意见的公告”'),
  draftText: Type.Optional(Nullable(Text(200_000, '草案全文（按“第×条”分条）'))),
  draftDocxBase64: Type.Optional(Type.String({ maxLength: DOCX_BASE64_MAX, description: '草案 .docx 文件（Base64，不超过10MB），与 draftText 二选一' })),
  explanation: Text(20_000, '起草说明'),
  howToComment: Text(2000, '提出意见的方式'),
  startOn: DateString('开始日期'),
  endOn: DateString('截止日期'),
  urgencyReason: Type.Optional(Nullable(Text(1000, '期限少于30日的理由（紧急情况；随草案公布）'))),
};

const docx = (b64: string | undefined) => (b64 ? Buffer.from(b64, 'base64') : null);

export function registerConsultationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];
  const detail = async (request: FastifyRequest, id: string) => unwrap(await consultationDetail(ctx, requireActor(request), id));

  r.get(
    '/api/v1/participation/vocabulary',
    {
      config: { public: true },
      schema: { tags, summary: '公众参与的代码表（参与方式、意见来源、采纳情况、题型、作答方式、第二十四条事项等）', response: { 200: S.Vocabulary } },
    },
    async () =>
      ({
        methods: [...PARTICIPATION_METHODS],
        commentChannels: COMMENT_CHANNELS,
        adoptions: ADOPTIONS,
        consultationStatuses: Object.entries(CONSULTATION_STATUS_TEXT).map(([code, label]) => ({ code, label })),
        eventKinds: EVENT_KINDS,
        questionTypes: QUESTION_TYPES,
        surveyKinds: SURVEY_KINDS,
        answerMethods: ANSWER_METHODS,
        surveyTemplates: SURVEY_TEMPLATES,
        decisionMatters: DECISION_MATTERS,
        meetingKinds: MEETING_KINDS,
        rules: PARTICIPATION_RULES,
      }) as unknown as S.Vocabulary,
  );

  r.get(
    '/api/v1/participation/human-check',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网上提意见、报名、作答的验证题（与依申请公开共用）',
        response: { 200: Type.Object({ token: Type.String(), question: Type.String() }) },
      },
    },
    async () => issueHumanCheck(ctx.db, ctx.clock.now()),
  );

  r.post(
    '/api/v1/participation/clauses/preview',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: '预览草案分条结果（文本或 .docx），不保存',
        body: Type.Object(
          { draftText: Type.Optional(Nullable(Text(200_000))), draftDocxBase64: Type.Optional(Type.String({ maxLength: DOCX_BASE64_MAX })) },
          { additionalProperties: false },
        ),
        response: { 200: S.ClausePreview, ...errors(400, 401, 413, 415) },
      },
    },
    async (request) => {
      requireActor(request);
      return unwrap(await previewClauses({ draftText: request.body.draftText, draftDocx: docx(request.body.draftDocxBase64) }));
    },
  );

  r.get(
    '/api/v1/participation/consultations',
    {
      schema: {
        tags,
        summary: '征求意见列表（本单位及下级）',
        querystring: Type.Object({ unit: Type.Optional(Text(64)), status: Type.Optional(Type.String({ enum: Object.keys(CONSULTATION_STATUS_TEXT) })) }),
        response: { 200: S.ConsultationList, ...errors(400, 401) },
      },
    },
    async (request) => listConsultationsFor(ctx, requireActor(request), request.query),
  );

  r.post(
    '/api/v1/participation/consultations',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: '新建征求意见（草稿；草案按条拆分）',
        body: Type.Object({ unitCode: Text(64), ...consultationFields }, { additionalProperties: false }),
        response: { 201: S.ConsultationDetail, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { draftDocxBase64, ...input } = request.body;
      const id = unwrap(await createConsultation(ctx, meta(request), { ...input, draftDocx: docx(draftDocxBase64) })).id;
      return reply.status(201).send(await detail(request, id));
    },
  );

  r.get(
    '/api/v1/participation/consultations/:id',
    { schema: { tags, summary: '征求意见详情（含待审核意见）', params: IdParams, response: { 200: S.ConsultationDetail, ...errors(401, 404) } } },
    async (request) => detail(request, request.params.id),
  );

  r.patch(
    '/api/v1/participation/consultations/:id',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: '修改尚未发布的征求意见',
        params: IdParams,
        body: Type.Partial(Type.Object(consultationFields), { additionalProperties: false }),
        response: { 200: S.ConsultationDetail, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { draftDocxBase64, ...patch } = request.body;
      unwrap(await updateConsultation(ctx, meta(request), request.params.id, { ...patch, draftDocx: docx(draftDocxBase64) }));
      return detail(request, request.params.id);
    },
  );

  r.post(
    '/api/v1/participation/consultations/:id/publish',
    {
      schema: {
        tags,
        summary: '发布征求意见（草案、起草说明、意见提交方式和期限）',
        params: IdParams,
        response: { 200: S.ConsultationDetail, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      unwrap(await publishConsultation(ctx, meta(request), request.params.id));
      return detail(request, request.params.id);
    },
  );

  r.post(
    '/api/v1/participation/consultations/:id/comments',
    {
      schema: {
        tags,
        summary: '录入座谈会、实地走访、信函、会议等收到的意见',
        params: IdParams,
        body: Type.Object(
          {
            clauseSeq: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000, description: '条款序号；不填为对草案整体的意见' }))),
            channel: Type.String({ enum: COMMENT_CHANNELS.filter((c) => c.staff).map((c) => c.code) }),
            receivedOn: DateString('收到日期'),
            peopleCount: Type.Integer({ minimum: 1, maximum: 100_000, description: '提出意见的人数' }),
            body: Text(2000, '意见内容'),
            source: Type.Optional(Nullable(Text(200, '意见来源说明（不公开）'))),
          },
          { additionalProperties: false },
        ),
        response: { 201: S.Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await enterStaffComment(ctx, meta(request), request.params.id, request.body))),
  );

  r.post(
    '/api/v1/participation/comments/:id/moderate',
    {
      schema: {
        tags,
        summary: '审核意见：发布（经个人信息检查遮盖）或不予发布（须写明理由）',
        params: IdParams,
        body: Type.Object(
          { action: Type.String({ enum: ['publish', 'reject'] }), reason: Type.Optional(Nullable(Text(500))) },
          { additionalProperties: false },
        ),
        response: { 200: S.ModerationResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      unwrap(
        await moderateComment(ctx, meta(request), request.params.id, { action: request.body.action as 'publish' | 'reject', reason: request.body.reason }),
      ),
  );

  r.put(
    '/api/v1/participation/consultations/:id/feedback',
    {
      schema: {
        tags,
        summary: '填写采纳情况（按条款：采纳、部分采纳、未采纳及理由）',
        params: IdParams,
        body: Type.Object(
          {
            summary: Text(5000, '总体说明'),
            groups: Type.Array(
              Type.Object(
                { clauseKey: Text(20, '条款序号或 whole'), adoption: Type.String({ enum: ADOPTIONS.map((a) => a.code) }), reason: Text(2000) },
                { additionalProperties: false },
              ),
              { maxItems: 2000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: S.ConsultationDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await saveFeedback(ctx, meta(request), request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );

  r.post(
    '/api/v1/participation/consultations/:id/feedback/publish',
    {
      schema: {
        tags,
        summary: '公布采纳情况和最终决定',
        params: IdParams,
        body: Type.Object(
          {
            decisionTitle: Text(200),
            decisionText: Text(20_000),
            decisionOn: DateString('决定日期'),
            policyDisclosureId: Type.Optional(Nullable(Text(64, '已公开的政策文件（公开内容编号）'))),
          },
          { additionalProperties: false },
        ),
        response: { 200: S.ConsultationDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await publishFeedback(ctx, meta(request), request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );

  // Public.
  r.get(
    '/api/v1/participation/public/consultations',
    {
      config: { public: true },
      schema: { tags, summary: '已发布的征求意见（公开）', querystring: Type.Object({ unit: Type.Optional(Text(64)) }), response: { 200: S.ConsultationList } },
    },
    async (request) => ({
      items: await publicConsultationList(ctx, request.query),
    }),
  );
  r.get(
    '/api/v1/participation/public/consultations/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '征求意见公开页的数据：草案、已发布的意见、采纳情况、最终决定',
        params: IdParams,
        response: { 200: S.PublicConsultation, ...errors(404) },
      },
    },
    async (request) => unwrap(await publicConsultation(ctx, request.params.id)),
  );
  r.post(
    '/api/v1/participation/public/consultations/:id/comments',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网上提出意见（无需登录；限流；须作答验证题；审核后发布）',
        params: IdParams,
        body: Type.Object(
          {
            clauseSeq: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000 }))),
            body: Text(2000),
            name: Type.Optional(Nullable(Text(50, '姓名（选填，不公开）'))),
            contact: Type.Optional(Nullable(Text(100, '联系方式（选填，不公开）'))),
            humanCheck: Type.Object({ token: Text(300), answer: Text(10) }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ trackingCode: Type.String(), status: Type.String() }), ...errors(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { humanCheck, ...input } = request.body;
      return reply.status(201).send(unwrap(await submitOnlineComment(ctx, { actor: null, requestId: request.id }, request.params.id, input, humanCheck)));
    },
  );
  r.get(
    '/api/v1/participation/public/comments/track',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '凭查询码查看意见的审核结果',
        querystring: Type.Object({ code: Text(20) }),
        response: { 200: S.CommentTrack, ...errors(400, 404, 429) },
      },
    },
    async (request) => unwrap(await trackComment(ctx, request.query.code)),
  );
}
