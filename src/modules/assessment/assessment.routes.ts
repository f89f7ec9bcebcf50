/** HTTP for assessment (考评), evidence files, rectification orders (整改) and the rollout tracker. Thin: schema → policy/command → present. */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors, FileAnswer, Paging, Nullable } from '../../platform/http/schemas.ts';
import { fail, ok, unwrap, type Result } from '../../platform/result.ts';
import { runCommand } from '../../platform/command.ts';
import { findUnit } from '../org/index.ts';
import { readStoredFile, storeFile } from '../../platform/files/store.ts';
import { sniffFileType } from '../../platform/files/sniff.ts';
import { readUpload as readMultipart } from '../../platform/http/uploads.ts';
import { INDICATOR_KIND_IDS, INDICATOR_KINDS, UNIT_GROUPS, VETO_FIGURES, templateSet, type IndicatorSet, type UnitGroup } from './assessment.rules.ts';
import {
  assessmentFor,
  closePeriod,
  createPeriod,
  enterManualScore,
  listPeriodsFor,
  reopenPeriod,
  scoreCardFor,
  updatePeriodSet,
} from './assessment.service.ts';
import { assessmentPdf, assessmentXlsx, gradeChartSvg, groupChartSvg } from './assessment.export.ts';
import { canAttachEvidence, canSeeUnit } from './assessment.policy.ts';
import { findFiles, insertFile } from './assessment.repository.ts';
import { EVIDENCE_FILE_TYPES, EVIDENCE_TYPE_NAMES, MAX_EVIDENCE_FILE_BYTES, fileUrl } from './evidence.ts';
import {
  closeOrder,
  getOrder,
  issueOrder,
  listOrdersFor,
  MAX_ORDER_WORKING_DAYS,
  ORDER_STATUSES,
  reopenOrder,
  respondToOrder,
  type OrderStatus,
} from './rectification.ts';
import {
  AssessmentViewSchema,
  AssessmentMetaSchema,
  EvidenceFileSchema,
  IndicatorSetSchema as SetSchema,
  ManualScoreSchema,
  OrderSchema,
  PeriodSchema as PeriodOut,
  RolloutOverviewSchema,
  RolloutUnitDetailSchema,
  ScoreCardSchema,
} from './assessment.responses.ts';
import { assignBatch, BATCH_KEYS, CHECK_KEYS, rolloutOverview, rolloutUnitDetail, updateCheck, type BatchKey } from './rollout.ts';

const EvidenceInput = Type.Array(
  Type.Object(
    {
      fileId: Type.Optional(Type.String({ maxLength: 64, description: '上传佐证文件后得到的 id' })),
      url: Type.Optional(Type.String({ maxLength: 600, description: 'http(s) 网址或本系统内以 / 开头的地址' })),
      label: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  { maxItems: 50, description: '佐证材料：文件或链接' },
);

const PeriodId = Type.Object({ periodId: Type.String({ maxLength: 64 }) });
const OrderOut = OrderSchema;
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const disposition = (kind: 'inline' | 'attachment', name: string) => `${kind}; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** One file (field `file`) plus text fields (platform/http/uploads.ts: 415 / 413 / 400 for every bad body). */
async function readUpload(request: FastifyRequest): Promise<Result<{ buffer: Buffer; filename: string | undefined; fields: Record<string, string> }>> {
  const up = await readMultipart(request, { maxBytes: MAX_EVIDENCE_FILE_BYTES, what: '佐证文件' });
  if (!up.ok) return up;
  const { file, fields } = up.value;
  if (!file || file.buffer.length === 0) return fail(400, 'FILE_REQUIRED', '请选择要上传的佐证文件（字段 file）');
  return ok({ buffer: file.buffer, filename: file.filename, fields });
}

/** File names as shown: no path, no control characters, at most 120 characters. */
function cleanName(name: string | undefined, type: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 120);
  return base || `佐证材料.${type === 'jpeg' ? 'jpg' : type}`;
}

export function registerAssessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['assessment'];

  // ----- assessment periods ------------------------------------------------------------------------------------
  r.get(
    '/api/v1/assessments',
    {
      schema: {
        tags,
        summary: '考评期列表，以及新建考评时可用的指标计算方式和模板',
        response: {
          200: AssessmentMetaSchema,
          ...errors(401),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        items: await listPeriodsFor(ctx, actor),
        template: templateSet(),
        kinds: INDICATOR_KIND_IDS.map((k) => ({ kind: k, ...INDICATOR_KINDS[k] })),
        groups: (Object.entries(UNIT_GROUPS) as [UnitGroup, string][]).map(([key, label]) => ({ key, label })),
        vetoFigures: Object.entries(VETO_FIGURES).map(([key, label]) => ({ key, label })),
      };
    },
  );

  r.post(
    '/api/v1/assessments',
    {
      schema: {
        tags,
        summary: '新建考评期（季度或年度）及其指标体系（县级管理员）',
        body: Type.Object(
          {
            kind: Type.String({ enum: ['quarter', 'year'] }),
            year: Type.Integer(),
            quarter: Type.Optional(Type.Integer()),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            rootCode: Type.Optional(Type.String({ maxLength: 64 })),
            set: SetSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: PeriodOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const p = unwrap(await createPeriod(ctx, meta(request), { ...b, kind: b.kind as 'quarter' | 'year', set: b.set as IndicatorSet }));
      return reply.status(201).send(p);
    },
  );

  r.get(
    '/api/v1/assessments/:periodId',
    {
      schema: {
        tags,
        summary: '考评结果：总体情况、各类排名（县直部门、乡镇、村居全县及镇内），仅含本人管理范围内的单位',
        params: PeriodId,
        response: {
          200: AssessmentViewSchema,
          ...errors(401, 404),
        },
      },
    },
    async (request) => unwrap(await assessmentFor(ctx, requireActor(request), request.params.periodId)).view,
  );

  r.put(
    '/api/v1/assessments/:periodId',
    {
      schema: {
        tags,
        summary: '修改考评名称和指标体系（考评进行中，县级管理员）',
        params: PeriodId,
        body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), set: SetSchema }, { additionalProperties: false }),
        response: { 200: PeriodOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      unwrap(await updatePeriodSet(ctx, meta(request), request.params.periodId, { name: request.body.name, set: request.body.set as IndicatorSet })),
  );

  r.post(
    '/api/v1/assessments/:periodId/close',
    {
      schema: {
        tags,
        summary: '结束考评并固定结果（保存全部数据快照，此后的公开、更正不再改变已公布的排名）',
        params: PeriodId,
        body: Type.Object(
          { allowIncomplete: Type.Optional(Type.Boolean({ description: '考评期未满或人工评分未录完时仍要结束（未录入按0分计）' })) },
          { additionalProperties: false },
        ),
        response: { 200: PeriodOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await closePeriod(ctx, meta(request), request.params.periodId, request.body ?? {})),
  );

  r.post(
    '/api/v1/assessments/:periodId/reopen',
    {
      schema: {
        tags,
        summary: '重新开启已结束的考评（须说明原因，记入审计日志；原快照保留为历史）',
        params: PeriodId,
        body: Type.Object({ reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: PeriodOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await reopenPeriod(ctx, meta(request), request.params.periodId, request.body)),
  );

  r.put(
    '/api/v1/assessments/:periodId/manual-scores',
    {
      schema: {
        tags,
        summary: '录入人工评分或单项否决认定（附佐证；县级管理员）',
        params: PeriodId,
        body: Type.Object(
          {
            indicatorKey: Type.String({ maxLength: 40 }),
            unitCode: Type.String({ maxLength: 64 }),
            value: Type.Number({ description: '得分比例 0–100（%）；单项否决：100 触发，0 未触发' }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            evidence: EvidenceInput,
          },
          { additionalProperties: false },
        ),
        response: {
          200: ManualScoreSchema,
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => unwrap(await enterManualScore(ctx, meta(request), request.params.periodId, request.body)),
  );

  r.get(
    '/api/v1/assessments/:periodId/units/:code',
    {
      schema: {
        tags,
        summary: '单位考评得分卡：每项指标的数据、得分和佐证链接',
        params: Type.Object({ periodId: Type.String({ maxLength: 64 }), code: Type.String({ maxLength: 64 }) }),
        response: {
          200: ScoreCardSchema,
          ...errors(401, 404),
        },
      },
    },
    async (request) => unwrap(await scoreCardFor(ctx, requireActor(request), request.params.periodId, request.params.code)),
  );

  r.get(
    '/api/v1/assessments/:periodId/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出考评结果 Excel（得分明细、各类排名、指标体系）',
        params: PeriodId,
        response: { 200: FileAnswer([MIME.xlsx!], '考评结果 Excel'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const res = unwrap(await assessmentFor(ctx, requireActor(request), request.params.periodId));
      const buf = await assessmentXlsx(res.view, res.scored);
      return reply
        .header('content-type', MIME.xlsx)
        .header('content-disposition', disposition('attachment', `${res.view.period.name}.xlsx`))
        .send(buf);
    },
  );

  r.get(
    '/api/v1/assessments/:periodId/report.pdf',
    {
      schema: {
        tags,
        summary: '考评报告 PDF（A4，可打印，含图表）',
        params: PeriodId,
        response: { 200: FileAnswer([MIME.pdf!], '考评报告'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const res = unwrap(await assessmentFor(ctx, requireActor(request), request.params.periodId));
      const buf = await assessmentPdf(res.view, ctx.clock.now());
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', disposition('inline', `${res.view.period.name}.pdf`))
        .send(buf);
    },
  );

  r.get(
    '/api/v1/assessments/:periodId/charts/:chart',
    {
      schema: {
        tags,
        summary: '考评图表（服务器端生成的 SVG）：grades 结果分布；township / department / village 各类得分',
        params: Type.Object({
          periodId: Type.String({ maxLength: 64 }),
          chart: Type.String({ enum: ['grades.svg', 'township.svg', 'department.svg', 'village.svg'] }),
        }),
        response: { 200: FileAnswer(['image/svg+xml'], '图表（SVG）'), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const res = unwrap(await assessmentFor(ctx, requireActor(request), request.params.periodId));
      const name = request.params.chart.replace('.svg', '');
      const svg = name === 'grades' ? gradeChartSvg(res.view).svg : groupChartSvg(res.view, name as 'township').svg;
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(svg);
    },
  );

  // ----- evidence files ------------------------------------------------------------------------------------------
  r.post(
    '/api/v1/assessments/evidence-files',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        summary: `上传佐证文件（字段 unitCode 和 file；按内容判断类型：${EVIDENCE_TYPE_NAMES}；不超过 20 MB）`,
        response: {
          201: EvidenceFileSchema,
          ...errors(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request));
      const unitCode = up.fields.unitCode?.trim();
      if (!unitCode) return unwrap(fail(400, 'UNIT_REQUIRED', '请指明佐证材料所属的单位（字段 unitCode）'));
      const unit = await findUnit(ctx.db, unitCode);
      if (!unit || !canSeeUnit(m.actor, unit.path)) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位“${unitCode}”不存在或不在您的管理范围内`));
      if (!canAttachEvidence(m.actor, unit.path)) return unwrap(fail(403, 'FORBIDDEN', '您没有为该单位上传佐证材料的权限'));
      const type = await sniffFileType(up.buffer);
      if (!(EVIDENCE_FILE_TYPES as readonly string[]).includes(type))
        return unwrap(fail(415, 'UNSUPPORTED_FILE_TYPE', `不支持该文件类型（按文件内容判断，与文件名无关）。只能上传：${EVIDENCE_TYPE_NAMES}`));
      const sha = await storeFile(ctx.config.dataDir, up.buffer);
      const name = cleanName(up.filename, type);
      const id = crypto.randomUUID();
      unwrap(
        await runCommand(ctx, m, async ({ trx, now, audit }) => {
          await insertFile(trx, {
            id,
            unit_code: unit.code,
            sha256: sha,
            name,
            type,
            size: up.buffer.length,
            uploaded_by: m.actor.username,
            uploaded_at: now.toISOString(),
          });
          await audit({
            unitCode: unit.code,
            action: 'assessment.evidence.upload',
            entityType: 'assessment_file',
            entityId: id,
            after: { name, type, size: up.buffer.length, sha256: sha },
          });
          return ok(null);
        }),
      );
      return reply.status(201).send({ id, name, type, size: up.buffer.length, url: fileUrl(id) });
    },
  );

  r.get(
    '/api/v1/assessments/evidence-files/:id',
    {
      schema: {
        tags,
        summary: '下载佐证文件（本单位及上级单位人员）',
        params: Id,
        response: { 200: FileAnswer([...new Set(Object.values(MIME))], '佐证文件（PDF、图片、Word 或 Excel）'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const [f] = await findFiles(ctx.db, [request.params.id]);
      if (!f || !canSeeUnit(actor, f.unit_path)) return unwrap(fail(404, 'FILE_NOT_FOUND', '佐证文件不存在或不在您的管理范围内'));
      const buf = await readStoredFile(ctx.config.dataDir, f.sha256);
      const inline = f.type === 'pdf' || f.type === 'png' || f.type === 'jpeg';
      return reply
        .header('content-type', MIME[f.type] ?? 'application/octet-stream')
        .header('content-disposition', disposition(inline ? 'inline' : 'attachment', f.name))
        .header('x-content-type-options', 'nosniff')
        .send(buf);
    },
  );

  // ----- rectification ----------------------------------------------------------------------------------------------
  const rtags = ['rectification'];
  r.get(
    '/api/v1/rectifications',
    {
      schema: {
        tags: rtags,
        summary: '整改通知列表（本单位及下级单位）',
        querystring: Type.Object(
          { status: Type.Optional(Type.String({ enum: Object.keys(ORDER_STATUSES) })), unitCode: Type.Optional(Type.String({ maxLength: 64 })), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(OrderOut) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      return unwrap(
        await listOrdersFor(ctx, requireActor(request), {
          status: q.status as OrderStatus | undefined,
          unitCode: q.unitCode,
          limit: q.limit ?? 50,
          offset: q.offset ?? 0,
        }),
      );
    },
  );

  r.post(
    '/api/v1/rectifications',
    {
      schema: {
        tags: rtags,
        summary: '下发整改通知（县级管理员）；期限按法定工作日计算',
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 64 }),
            title: Type.String({ maxLength: 100 }),
            problem: Type.String({ maxLength: 4000 }),
            workingDays: Type.Integer({ description: `整改期限（工作日，1–${MAX_ORDER_WORKING_DAYS}）` }),
            obligationRef: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '关联的公开义务，如 vil:szxq 2026-Q1' }))),
            findingRef: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '关联的监测发现（如监测明细页地址）' }))),
            evidence: Type.Optional(EvidenceInput),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrderOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await issueOrder(ctx, meta(request), request.body))),
  );

  r.get(
    '/api/v1/rectifications/:id',
    { schema: { tags: rtags, summary: '整改通知详情及处理经过', params: Id, response: { 200: OrderOut, ...errors(401, 404) } } },
    async (request) => unwrap(await getOrder(ctx, requireActor(request), request.params.id)),
  );

  r.post(
    '/api/v1/rectifications/:id/respond',
    {
      schema: {
        tags: rtags,
        summary: '反馈整改情况（被整改单位；须附佐证）',
        params: Id,
        body: Type.Object({ text: Type.String({ maxLength: 4000 }), evidence: EvidenceInput }, { additionalProperties: false }),
        response: { 200: OrderOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await respondToOrder(ctx, meta(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/rectifications/:id/close',
    {
      schema: {
        tags: rtags,
        summary: '复核通过并销号（县级管理员）',
        params: Id,
        body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 200: OrderOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await closeOrder(ctx, meta(request), request.params.id, request.body ?? {})),
  );

  r.post(
    '/api/v1/rectifications/:id/reopen',
    {
      schema: {
        tags: rtags,
        summary: '复核未通过，退回重新整改（县级管理员；须说明原因并给出新期限）',
        params: Id,
        body: Type.Object({ comment: Type.String({ maxLength: 1000 }), workingDays: Type.Integer() }, { additionalProperties: false }),
        response: { 200: OrderOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await reopenOrder(ctx, meta(request), request.params.id, request.body)),
  );

  // ----- rollout tracker --------------------------------------------------------------------------------------------
  const otags = ['rollout'];
  r.get(
    '/api/v1/rollout',
    {
      schema: {
        tags: otags,
        summary: '村（居）务公开标准化推进情况：三批次进度、检查项完成数、各乡镇情况和村（社区）清单',
        querystring: Type.Object(
          { batch: Type.Optional(Type.String({ enum: BATCH_KEYS })), townCode: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: {
          200: RolloutOverviewSchema,
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) =>
      unwrap(await rolloutOverview(ctx, requireActor(request), { batch: request.query.batch as BatchKey | undefined, townCode: request.query.townCode })),
  );

  r.get(
    '/api/v1/rollout/units/:code',
    {
      schema: {
        tags: otags,
        summary: '某村（社区）的标准化检查清单及佐证',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 200: RolloutUnitDetailSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await rolloutUnitDetail(ctx, requireActor(request), request.params.code)),
  );

  r.put(
    '/api/v1/rollout/units/:code/checks/:key',
    {
      schema: {
        tags: otags,
        summary: `更新检查项（${CHECK_KEYS.join('、')}）：标为完成须填写完成日期并附佐证`,
        params: Type.Object({ code: Type.String({ maxLength: 64 }), key: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            done: Type.Boolean(),
            doneOn: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            evidence: Type.Optional(EvidenceInput),
          },
          { additionalProperties: false },
        ),
        response: { 200: RolloutUnitDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await updateCheck(ctx, meta(request), request.params.code, request.params.key, request.body)),
  );

  r.put(
    '/api/v1/rollout/units/:code/batch',
    {
      schema: {
        tags: otags,
        summary: '调整某村（社区）所属的推进批次（县级管理员）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { batch: Type.String({ maxLength: 20 }), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
          { additionalProperties: false },
        ),
        response: { 200: RolloutUnitDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await assignBatch(ctx, meta(request), request.params.code, request.body)),
  );
}
