/** Survey API (thin routes). Public: published questionnaires, answering (sessionless, rate-limited), published results. */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, errors } from '../../platform/http/schemas.ts';
import { fail, unwrap, FailureError } from '../../platform/result.ts';
import { verifyHumanCheck } from '../requests/index.ts';
import {
  createSchedule,
  createSurvey,
  generateCodes,
  pauseSchedule,
  publishResults,
  publishSurvey,
  resumeSchedule,
  submitAnswers,
  updateSchedule,
  updateSurvey,
  SCHEDULE_EVERY,
} from './survey.commands.ts';
import { listSurveysFor, publicResults, publicSurvey, publicSurveyList, resultsWorkbook, slipsPdf, surveyDetail } from './survey.queries.ts';
import { ANSWER_METHODS, QUESTION_TYPES, SATISFACTION_TEMPLATE, SURVEY_KINDS } from './survey.rules.ts';
import { IdParams, Text } from './consultation.routes.ts';
import * as S from './participation.schemas.ts';
import * as repo from './participation.repository.ts';

export const DEVICE_COOKIE = 'gk_survey_device';

const Option = Type.Object({ id: Text(20), label: Text(100) }, { additionalProperties: false });
const QuestionSchema = Type.Object(
  {
    id: Text(20),
    type: Type.String({ enum: QUESTION_TYPES.map((q) => q.code) }),
    title: Text(300),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Option, { maxItems: 20 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    skip: Type.Optional(Type.Array(Type.Object({ option: Text(20), goTo: Text(20) }, { additionalProperties: false }), { maxItems: 20 })),
    satisfiedOptions: Type.Optional(Type.Array(Text(20), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const surveyFields = {
  kind: Type.String({ enum: SURVEY_KINDS.map((k) => k.code) }),
  title: Text(200),
  intro: Text(2000),
  questions: Type.Array(QuestionSchema, { maxItems: 60 }),
  method: Type.String({ enum: ANSWER_METHODS.map((m) => m.code) }),
  perDevice: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10 }))),
  startOn: DateString('开始作答日期'),
  endOn: DateString('结束作答日期'),
};

/** The device cookie of open answering: random, httpOnly, a year long; its hash counts answers per survey. */
export function deviceIdOf(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies?.[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const fresh = crypto.randomBytes(18).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, fresh, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 366 * 24 * 3600 });
  return fresh;
}

export function registerSurveyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];
  const detail = async (request: FastifyRequest, id: string) => unwrap(await surveyDetail(ctx, requireActor(request), id));

  r.get(
    '/api/v1/participation/surveys',
    {
      schema: {
        tags,
        summary: '问卷列表（本单位及下级）',
        querystring: Type.Object({ unit: Type.Optional(Text(64)), kind: Type.Optional(Type.String({ enum: SURVEY_KINDS.map((k) => k.code) })) }),
        response: { 200: S.SurveyList, ...errors(400, 401) },
      },
    },
    async (request) => listSurveysFor(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/v1/participation/surveys',
    {
      schema: {
        tags,
        summary: '新建问卷（草稿）',
        body: Type.Object({ unitCode: Text(64), ...surveyFields }, { additionalProperties: false }),
        response: { 201: S.SurveyDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const id = unwrap(await createSurvey(ctx, meta(request), request.body as never)).id;
      return reply.status(201).send(await detail(request, id));
    },
  );
  r.post(
    '/api/v1/participation/satisfaction/surveys',
    {
      schema: {
        tags,
        summary: '按县里的模板发起本村（社区）群众满意度调查',
        body: Type.Object(
          { unitCode: Text(64), startOn: DateString(), endOn: DateString(), method: Type.String({ enum: ['codes', 'open'] }) },
          { additionalProperties: false },
        ),
        response: { 201: S.SurveyDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const id = unwrap(
        await createSurvey(ctx, meta(request), {
          unitCode: b.unitCode,
          kind: 'satisfaction',
          title: SATISFACTION_TEMPLATE.title,
          intro: SATISFACTION_TEMPLATE.intro,
          questions: structuredClone(SATISFACTION_TEMPLATE.questions) as never,
          method: b.method,
          perDevice: b.method === 'open' ? 1 : null,
          startOn: b.startOn,
          endOn: b.endOn,
        }),
      ).id;
      return reply.status(201).send(await detail(request, id));
    },
  );
  r.get(
    '/api/v1/participation/surveys/:id',
    { schema: { tags, summary: '问卷详情和统计结果', params: IdParams, response: { 200: S.SurveyDetail, ...errors(401, 404) } } },
    async (request) => detail(request, request.params.id),
  );
  r.put(
    '/api/v1/participation/surveys/:id',
    {
      schema: {
        tags,
        summary: '修改尚未发布的问卷',
        params: IdParams,
        body: Type.Object(surveyFields, { additionalProperties: false }),
        response: { 200: S.SurveyDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await updateSurvey(ctx, meta(request), request.params.id, request.body as never));
      return detail(request, request.params.id);
    },
  );
  r.post(
    '/api/v1/participation/surveys/:id/publish',
    { schema: { tags, summary: '发布问卷', params: IdParams, response: { 200: S.SurveyDetail, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      unwrap(await publishSurvey(ctx, meta(request), request.params.id));
      return detail(request, request.params.id);
    },
  );
  r.post(
    '/api/v1/participation/surveys/:id/code-batches',
    {
      schema: {
        tags,
        summary: '生成一批一次性答题码：PDF 二维码纸条（每户一张）或 JSON；答题码只在此时出现一次',
        params: IdParams,
        body: Type.Object(
          { count: Type.Integer({ minimum: 1, maximum: 2000 }), format: Type.Optional(Type.String({ enum: ['pdf', 'json'] })) },
          { additionalProperties: false },
        ),
        response: { 201: S.CodeBatch, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const res = unwrap(await generateCodes(ctx, meta(request), request.params.id, request.body.count));
      if (request.body.format === 'json') return reply.status(201).send({ batchNo: res.batchNo, codes: res.codes });
      const pdf = await slipsPdf(res.survey, res.batchNo, res.codes, ctx.config.baseUrl);
      return reply
        .status(201)
        .header('content-type', 'application/pdf')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="survey-codes-${res.batchNo}.pdf"; filename*=UTF-8''${encodeURIComponent(`${res.survey.title}-答题码第${res.batchNo}批.pdf`)}`,
        )
        .send(pdf as never); // a PDF: the JSON schema above describes the format: 'json' answer only
    },
  );
  r.post(
    '/api/v1/participation/surveys/:id/results/publish',
    { schema: { tags, summary: '公布问卷结果（问卷结束后）', params: IdParams, response: { 200: S.SurveyDetail, ...errors(401, 403, 404, 409) } } },
    async (request) => {
      unwrap(await publishResults(ctx, meta(request), request.params.id));
      return detail(request, request.params.id);
    },
  );
  r.get(
    '/api/v1/participation/surveys/:id/results.xlsx',
    { schema: { tags, summary: '导出统计结果（.xlsx，不含作答人）', params: IdParams } },
    async (request, reply) => {
      const x = unwrap(await resultsWorkbook(ctx, requireActor(request), request.params.id));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="survey-results.xlsx"; filename*=UTF-8''${encodeURIComponent(x.filename)}`)
        .send(x.buffer);
    },
  );
  const scheduleView = (s: repo.ScheduleRow & { root_name: string }): S.ScheduleView => ({
    id: s.id,
    rootUnitCode: s.root_unit_code,
    rootName: s.root_name,
    every: s.every,
    opensMonthDay: s.opens_month_day,
    openDays: s.open_days,
    method: s.method,
    active: s.active === 1,
    roundsFrom: s.rounds_from,
    updatedAt: s.updated_at,
    isDemo: s.is_demo === 1,
  });
  r.get(
    '/api/v1/participation/satisfaction/schedules',
    { schema: { tags, summary: '群众满意度调查的安排', response: { 200: S.ScheduleList, ...errors(401) } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await repo.listSchedules(ctx.db);
      return {
        items: rows.filter((s) => actor.grants.some((g) => s.root_path.startsWith(g.unitPath) || g.unitPath.startsWith(s.root_path))).map(scheduleView),
      };
    },
  );
  const scheduleSettings = {
    every: Type.String({ enum: SCHEDULE_EVERY.map((e) => e.code) }),
    opensMonthDay: Text(5, '每期开始的月-日，如 11-01'),
    openDays: Type.Integer({ minimum: 7, maximum: 90 }),
    method: Type.String({ enum: ['codes', 'open'] }),
  };
  r.post(
    '/api/v1/participation/satisfaction/schedules',
    {
      schema: {
        tags,
        summary: '安排各村（社区）定期开展群众满意度调查（县级管理员）',
        body: Type.Object({ rootUnitCode: Text(64), ...scheduleSettings }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createSchedule(ctx, meta(request), request.body as never))),
  );
  /** The schedule as it now stands (after a change by this actor, who covers it). */
  const scheduleAfter = async (id: string) => scheduleView((await repo.findSchedule(ctx.db, id))!);
  r.put(
    '/api/v1/participation/satisfaction/schedules/:id',
    {
      schema: {
        tags,
        summary: '修改满意度调查安排（县级管理员；从下一期起生效，已开始的一期不变）',
        params: IdParams,
        body: Type.Object(scheduleSettings, { additionalProperties: false }),
        response: { 200: S.ScheduleView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      unwrap(await updateSchedule(ctx, meta(request), request.params.id, request.body as never));
      return scheduleAfter(request.params.id);
    },
  );
  for (const [step, command, summary] of [
    ['pause', pauseSchedule, '暂停满意度调查安排（不再开始新的一期；已开始的一期照常作答）'],
    ['resume', resumeSchedule, '恢复满意度调查安排（从下一期开始；暂停期间错过的各期不补做）'],
  ] as const)
    r.post(
      `/api/v1/participation/satisfaction/schedules/:id/${step}`,
      { schema: { tags, summary, params: IdParams, response: { 200: S.ScheduleView, ...errors(401, 403, 404, 409) } } },
      async (request) => {
        unwrap(await command(ctx, meta(request), request.params.id));
        return scheduleAfter(request.params.id);
      },
    );

  // Public.
  r.get(
    '/api/v1/participation/public/surveys',
    { config: { public: true }, schema: { tags, summary: '已发布的问卷（公开）', response: { 200: S.SurveyList } } },
    async () => ({ items: await publicSurveyList(ctx) }),
  );
  r.get(
    '/api/v1/participation/public/surveys/:id',
    { config: { public: true }, schema: { tags, summary: '问卷题目（公开）', params: IdParams, response: { 200: S.PublicSurvey, ...errors(404) } } },
    async (request) => unwrap(await publicSurvey(ctx, request.params.id)),
  );
  r.get(
    '/api/v1/participation/public/surveys/:id/results',
    {
      config: { public: true },
      schema: { tags, summary: '已公布的统计结果（匿名）', params: IdParams, response: { 200: S.PublicSurveyResults, ...errors(404) } },
    },
    async (request) => unwrap(await publicResults(ctx, request.params.id)),
  );
  r.post(
    '/api/v1/participation/public/surveys/:id/answers',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '提交问卷（凭一次性答题码，或公开作答按设备限次并作答验证题）',
        params: IdParams,
        body: Type.Object(
          {
            answers: Type.Record(
              Type.String({ maxLength: 20 }),
              Type.Union([Type.String({ maxLength: 500 }), Type.Integer(), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })]),
            ),
            code: Type.Optional(Nullable(Text(20))),
            humanCheck: Type.Optional(Type.Object({ token: Text(300), answer: Text(10) }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ accepted: Type.Boolean() }), ...errors(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const s = await repo.findSurvey(ctx.db, request.params.id);
      let deviceId: string | null = null;
      if (s?.method === 'open') {
        const hc = request.body.humanCheck;
        const human = hc ? await verifyHumanCheck(ctx.db, ctx.clock.now(), hc.token, hc.answer) : 'wrong';
        if (human !== 'ok')
          throw new FailureError(
            fail(
              400,
              human === 'expired' ? 'HUMAN_CHECK_EXPIRED' : 'HUMAN_CHECK_FAILED',
              human === 'expired' ? '验证题已过期，请刷新页面后重新作答' : '验证题答案不正确，请重新计算后填写',
            ),
          );
        deviceId = deviceIdOf(request, reply);
      }
      return reply.status(201).send(
        unwrap(
          await submitAnswers(ctx, { actor: null, requestId: request.id }, request.params.id, {
            answers: request.body.answers,
            code: request.body.code,
            deviceId,
          }),
        ),
      );
    },
  );
}
