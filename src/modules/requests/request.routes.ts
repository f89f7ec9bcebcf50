/**
 * 依申请公开 API. Thin routes: TypeBox schema → (auth hook / policy in the command) → one command → present.
 * Public: the online application, its human check, tracking, the vocabulary and the flowchart data.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Paging, errors, Nullable } from '../../platform/http/schemas.ts';
import { FailureError, fail, unwrap, type Result } from '../../platform/result.ts';
import { createDisclosure, readStoredFile } from '../publishing/index.ts';
import {
  APPLICANT_KINDS,
  CONSULTATION_KINDS,
  DECISION_TYPES,
  DELIVERY_METHODS,
  INFORMATION_FORMS,
  LETTER_KINDS,
  RECEIPT_CHANNELS,
  REPORT_ROWS,
} from './request.types.ts';
import { FeeQuote, Flowchart, IntakeResponse, RequestDetail, RequestList, TrackView, Vocabulary, Deadline, applicationFields } from './requests.schemas.ts';
import {
  CLARIFICATION_REASONS,
  CONSULTATION_STANCES,
  archiveRequest,
  assignRequest,
  requestReasons,
  closeFeeUnpaid,
  closeNoCorrection,
  confirmReceipt,
  delayDeadline,
  extendDeadline,
  intakeApplication,
  proposeDecision,
  recordClarification,
  recordConsultationReply,
  recordDelivery,
  recordFeePaid,
  recordProactiveConversion,
  requestClarification,
  reviewDecision,
  sendFeeNotice,
  startConsultation,
  type IntakeResult,
} from './request.commands.ts';
import { getDeadline, getRequestDetail, listRequests, trackRequest } from './request.queries.ts';
import { fileOnlineApplication } from './request.public.ts';
import { issueHumanCheck } from './request.human-check.ts';
import { quoteFee } from './request.fees.ts';
import { REQUEST_STATUSES, REQUEST_STATUS_TEXT, flowchart } from './request.workflow.ts';
import { findRequest } from './requests.repository.ts';

const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const On = (d: string) => DateString(d);

export function registerRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['requests'];
  const present = async (request: FastifyRequest, result: Result<{ id: string }>) =>
    unwrap(await getRequestDetail(ctx, requireActor(request), unwrap(result).id));
  const intakeView = async (res: Result<IntakeResult>) => {
    const v = unwrap(res);
    const row = (await findRequest(ctx.db, v.row.id))!;
    return {
      id: v.row.id,
      regNo: v.row.reg_no,
      trackingCode: v.trackingCode,
      trackingSecret: v.trackingSecret,
      status: row.status,
      receivedOn: row.received_on,
      dueOn: row.due_on,
    };
  };

  r.get(
    '/api/v1/info-requests/vocabulary',
    { config: { public: true }, schema: { tags, summary: '依申请公开的代码表（申请人类型、申请方式、答复类型等）', response: { 200: Vocabulary } } },
    async () => ({
      applicantKinds: [...APPLICANT_KINDS],
      channels: [...RECEIPT_CHANNELS],
      deliveryMethods: [...DELIVERY_METHODS],
      informationForms: [...INFORMATION_FORMS],
      decisionTypes: DECISION_TYPES.map((d) => ({ ...d, requires: [...d.requires] })),
      reportRows: [...REPORT_ROWS],
      consultationKinds: [...CONSULTATION_KINDS],
      consultationStances: [...CONSULTATION_STANCES],
      clarificationReasons: [...CLARIFICATION_REASONS],
      letterKinds: [...LETTER_KINDS],
      statuses: REQUEST_STATUSES.map((s) => ({ code: s, label: REQUEST_STATUS_TEXT[s] })),
    }),
  );

  r.get(
    '/api/v1/info-requests/flowchart',
    { config: { public: true }, schema: { tags, summary: '办理流程（由程序的状态转换表生成）', response: { 200: Flowchart } } },
    async () => flowchart(),
  );

  r.get(
    '/api/v1/info-requests/human-check',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '网上申请的验证题（加法题，签名防篡改）', response: { 200: Type.Object({ token: Type.String(), question: Type.String() }) } },
    },
    async () => issueHumanCheck(ctx.db, ctx.clock.now()),
  );

  r.post(
    '/api/v1/info-requests',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '网上提交政府信息公开申请（公开接口，限流；须作答验证题）',
        body: Type.Object(
          {
            ...applicationFields,
            humanCheck: Type.Object({ token: Text(300), answer: Text(10) }, { additionalProperties: false }),
            identityProofBase64: Type.Optional(Type.String({ maxLength: 7_000_000, description: '身份证明（JPG/PNG/PDF，不超过5MB），Base64' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: IntakeResponse, ...errors(400, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { humanCheck, identityProofBase64, ...input } = request.body;
      const proof = identityProofBase64 ? Buffer.from(identityProofBase64, 'base64') : null;
      return reply.status(201).send(await intakeView(await fileOnlineApplication(ctx, input, humanCheck, proof, request.id)));
    },
  );

  r.get(
    '/api/v1/info-requests/track',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '申请人凭查询码和查询密码查询办理进度（个人信息已遮盖）',
        querystring: Type.Object({ code: Text(20), secret: Text(40) }),
        response: { 200: TrackView, ...errors(400, 404, 429) },
      },
    },
    async (request) => unwrap(await trackRequest(ctx, request.query.code, request.query.secret)),
  );

  r.post(
    '/api/v1/info-requests/intake',
    {
      schema: {
        tags,
        summary: '登记当面、邮寄、传真或口头提出的申请（收到日期按条例第三十一条录入）',
        body: Type.Object(
          {
            ...applicationFields,
            channel: Type.String({ enum: RECEIPT_CHANNELS.map((c) => c.code) }),
            receivedOn: On('收到申请之日'),
            submittedOn: Type.Optional(Nullable(On('申请人提交（寄出）之日'))),
            filledByStaff: Type.Optional(Type.Boolean({ description: '工作人员代为填写（条例第二十九条）' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: IntakeResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await intakeView(await intakeApplication(ctx, meta(request), request.body))),
  );

  r.get(
    '/api/v1/info-requests',
    {
      schema: {
        tags,
        summary: '申请列表（本单位及下级）',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...REQUEST_STATUSES] })),
          unit: Type.Optional(Text(64)),
          q: Type.Optional(Text(100)),
          overdue: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: { 200: RequestList, ...errors(400, 401) },
      },
    },
    async (request) => listRequests(ctx, requireActor(request), { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  r.get(
    '/api/v1/info-requests/fee-quote',
    {
      schema: {
        tags,
        summary: '信息处理费试算（按件：本月第几件；按量：页数）',
        querystring: Type.Object({ mode: Type.String({ enum: ['per-item', 'per-volume'] }), quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
        response: { 200: FeeQuote, ...errors(400, 401) },
      },
    },
    async (request) => quoteFee(request.query.mode as 'per-item', request.query.quantity),
  );

  r.get(
    '/api/v1/info-requests/:id',
    { schema: { tags, summary: '申请详情（含办理记录、期限说明、文书）', params: Id, response: { 200: RequestDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await getRequestDetail(ctx, requireActor(request), request.params.id)),
  );

  r.get(
    '/api/v1/info-requests/:id/deadline',
    {
      schema: {
        tags,
        summary: '答复期限及逐步说明',
        params: Id,
        response: {
          200: Deadline,
          ...errors(401, 404),
        },
      },
    },
    async (request) => unwrap(await getDeadline(ctx, requireActor(request), request.params.id)),
  );

  r.get(
    '/api/v1/info-requests/:id/identity-proof',
    { schema: { tags, summary: '申请人身份证明文件（仅本机关工作人员）', params: Id, response: { ...errors(401, 404) } } },
    async (request, reply) => {
      const d = unwrap(await getRequestDetail(ctx, requireActor(request), request.params.id));
      const row = (await findRequest(ctx.db, d.id))!;
      if (!row.identity_proof_sha256) throw new FailureError(fail(404, 'NO_PROOF', '该申请没有上传身份证明文件'));
      return reply
        .header('content-type', row.identity_proof_type ?? 'application/octet-stream')
        .header('content-disposition', 'attachment; filename="identity-proof"')
        .send(await readStoredFile(ctx.config.dataDir, row.identity_proof_sha256));
    },
  );

  const step = <S extends TSchema>(
    path: string,
    summary: string,
    body: S,
    run: (request: FastifyRequest<{ Params: { id: string; cid?: string }; Body: never }>, b: import('typebox').Static<S>) => Promise<Result<{ id: string }>>,
  ) => {
    r.post(
      `/api/v1/info-requests/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: path.includes(':cid') ? Type.Object({ id: Type.String({ maxLength: 64 }), cid: Type.String({ maxLength: 64 }) }) : Id,
          body,
          response: { 200: RequestDetail, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => present(request, await run(request as never, request.body as import('typebox').Static<S>)),
    );
  };
  const obj = <P extends Record<string, TSchema>>(p: P) => Type.Object(p, { additionalProperties: false });

  step('confirm-receipt', '确认收到网上或传真申请（双方确认之日为收到申请之日）', obj({ receivedOn: On('双方确认之日') }), (q, b) =>
    confirmReceipt(ctx, meta(q), q.params.id, b),
  );
  step('assign', '分配承办人', obj({ userId: Text(64), on: On('分配日期') }), (q, b) => assignRequest(ctx, meta(q), q.params.id, b));
  step(
    'clarification-request',
    '发出补正告知（收到申请之日起7个工作日内，一次性告知）',
    obj({
      on: On('告知日期'),
      reasons: Type.Array(Type.String({ enum: CLARIFICATION_REASONS.map((c) => c.code) }), { maxItems: 3 }),
      details: Text(2000, '需要补正的具体内容'),
      correctionDueOn: On('补正期限'),
    }),
    (q, b) => requestClarification(ctx, meta(q), q.params.id, b),
  );
  step(
    'clarification-received',
    '登记收到补正后的申请（答复期限重新计算）',
    obj({ receivedOn: On('收到补正之日'), note: Type.Optional(Nullable(Text(1000))) }),
    (q, b) => recordClarification(ctx, meta(q), q.params.id, b),
  );
  step('close-no-correction', '逾期不补正，终止办理', obj({ on: On('终止日期') }), (q, b) => closeNoCorrection(ctx, meta(q), q.params.id, b));
  step(
    'consultations',
    '征求第三方或共同制作机关意见，或发函协办',
    obj({
      kind: Type.String({ enum: CONSULTATION_KINDS.map((k) => k.code) }),
      partyName: Text(200),
      partyContact: Text(300),
      subject: Type.Optional(Nullable(Text(2000))),
      sentOn: On('发函日期'),
      replyDueOn: Type.Optional(Nullable(On('协办回复期限'))),
    }),
    (q, b) => startConsultation(ctx, meta(q), q.params.id, b),
  );
  step(
    'consultations/:cid/reply',
    '登记意见回复（逾期未回复的登记为“逾期未回复”）',
    obj({ receivedOn: On('收到回复之日'), stance: Type.String({ enum: CONSULTATION_STANCES.map((s) => s.code) }), note: Type.Optional(Nullable(Text(2000))) }),
    (q, b) => recordConsultationReply(ctx, meta(q), q.params.id, q.params.cid!, b),
  );
  step(
    'extension',
    '延期答复（经政府信息公开工作机构负责人同意，最长20个工作日）',
    obj({ on: On('告知日期'), workingDays: Type.Integer({ minimum: -1000, maximum: 1000 }), approvedBy: Text(100, '同意延期的负责人'), reason: Text(1000) }),
    (q, b) => extendDeadline(ctx, meta(q), q.params.id, b),
  );
  step(
    'reasons-request',
    '要求申请人说明理由（条例第三十五条：申请数量、频次明显超过合理范围）',
    obj({ on: On('告知日期'), reasonsDeadline: On('说明理由的期限'), details: Text(2000, '明显超过合理范围的具体情况') }),
    (q, b) => requestReasons(ctx, meta(q), q.params.id, b),
  );
  step('delay', '确定延迟答复期限（条例第三十五条）', obj({ on: On('告知日期'), dueOn: On('延迟后的答复期限'), reason: Text(2000) }), (q, b) =>
    delayDeadline(ctx, meta(q), q.params.id, b),
  );
  step(
    'fee-notice',
    '发出信息处理费收费通知',
    obj({
      on: On('通知日期'),
      mode: Type.String({ enum: ['per-item', 'per-volume'] }),
      pages: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
    }),
    (q, b) => sendFeeNotice(ctx, meta(q), q.params.id, b),
  );
  step('fee-payment', '登记缴费', obj({ paidOn: On('缴费日期'), receiptNo: Text(100, '财政票据号码') }), (q, b) => recordFeePaid(ctx, meta(q), q.params.id, b));
  step('close-fee-unpaid', '逾期未缴费，终止办理', obj({ on: On('终止日期') }), (q, b) => closeFeeUnpaid(ctx, meta(q), q.params.id, b));
  step(
    'decision',
    '拟定答复意见并提交审核（答复类型对应年报表三的行）',
    obj({
      on: On('拟定日期'),
      type: Type.String({ enum: DECISION_TYPES.map((d) => d.code) }),
      legalBasis: Type.Optional(Nullable(Text(1000))),
      reasons: Type.Optional(Nullable(Text(4000))),
      provision: Type.Optional(Nullable(Text(2000))),
      withheld: Type.Optional(Nullable(Text(4000))),
      responsibleAgency: Type.Optional(
        Nullable(Type.Object({ name: Type.Optional(Nullable(Text(200))), contact: Type.Optional(Nullable(Text(300))) }, { additionalProperties: false })),
      ),
      summary: Type.Optional(Nullable(Text(4000))),
    }),
    (q, b) => proposeDecision(ctx, meta(q), q.params.id, b),
  );
  step(
    'review',
    '审核答复意见（单位审核人；通过即作出答复）',
    obj({ decision: Type.String({ enum: ['approve', 'return'] }), on: On('审核日期'), comment: Type.Optional(Nullable(Text(2000))) }),
    (q, b) => reviewDecision(ctx, meta(q), q.params.id, b as { decision: 'approve' | 'return'; on: string; comment?: string | null }),
  );
  step(
    'delivery',
    '登记送达',
    obj({ method: Type.String({ enum: DELIVERY_METHODS.map((m) => m.code) }), on: On('送达日期'), proof: Text(500, '送达凭证') }),
    (q, b) => recordDelivery(ctx, meta(q), q.params.id, b),
  );
  step('archive', '归档', obj({ on: On('归档日期'), note: Type.Optional(Nullable(Text(1000))) }), (q, b) => archiveRequest(ctx, meta(q), q.params.id, b));
  step('proactive-disclosure', '转为主动公开（条例第四十四条）：生成公开草稿', obj({ title: Text(200), body: Text(200_000, '正文（HTML）') }), async (q, b) => {
    const m = meta(q);
    const detail = unwrap(await getRequestDetail(ctx, m.actor, q.params.id));
    if (!detail.nextActions.includes('convert-proactive')) return fail(409, 'INVALID_STATE', '作出答复后，才能将申请公开的信息转为主动公开');
    const draft = await createDisclosure(ctx, m, { unitCode: detail.unit.code, title: b.title, formedOn: chinaDate(ctx.clock.now()), body: b.body });
    if (!draft.ok) return draft;
    return recordProactiveConversion(ctx, m, q.params.id, { on: chinaDate(ctx.clock.now()), disclosureId: draft.value.id });
  });
}
