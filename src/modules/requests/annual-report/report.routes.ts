/**
 * Annual report and 复议/诉讼 record routes (thin: schema → policy → one command → present).
 * Registered by the requests manifest through registerAnnualReportRoutes(app, ctx).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chinaDate, type AppContext } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/auth-hooks.ts';
import { errors } from '../../../platform/http/schemas.ts';
import { fail, unwrap } from '../../../platform/result.ts';
import { scopeRoots } from '../../../platform/auth/roles.ts';
import { REMEDY_KINDS, REMEDY_RESULTS } from '../request.types.ts';
import {
  checkYear,
  createRemedy,
  deleteRemedyRecord,
  publishReport,
  reopenReport,
  remedyFor,
  saveReport,
  saveSettings,
  unitFor,
  updateRemedyRecord,
  EDITORS,
  PUBLISHERS,
  TEXT_MAX,
} from './report.commands.ts';
import { listRemedies, unitKindIsGovernment, type RemedyRow } from './report.repository.ts';
import { assembleReport, type AnnualReportView } from './report.service.ts';
import { reportPageHtml, reportXlsx } from './report.render.ts';
import { loadSettings } from './report.settings.ts';
import { REMEDY_COUNTING, TABLE2_CELLS } from './report.tables.ts';
import { AnnualReportSchema, RemedyPageSchema, RemedySchema, ReportSettingsSchema } from '../requests.schemas.ts';
import { actorCoversPath } from '../../../platform/auth/roles.ts';
import { findUnit } from '../../org/index.ts';

const tags = ['annual-reports'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Params = Type.Object({
  unitCode: Type.String({ minLength: 1, maxLength: 64 }),
  year: Type.String({ minLength: 1, maxLength: 12, description: '年度，如 2025；加 .xlsx 下载表格，加 .html 打开可打印的预览' }),
});
const Entry = Type.Object({ value: Type.Number(), source: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
const RemedyFields = {
  requestId: Type.Optional(Nullable(Type.String({ maxLength: 64, description: '关联的申请（可不填）' }))),
  kind: Type.String({ enum: REMEDY_KINDS.map((k) => k.code), description: REMEDY_KINDS.map((k) => `${k.code} ${k.label}`).join('；') }),
  caseRef: Type.String({ maxLength: 200, description: '复议或诉讼案号' }),
  body: Type.String({ maxLength: 200, description: '复议机关或审理法院' }),
  filedOn: Type.String({ maxLength: 20, description: '申请复议或起诉日期 YYYY-MM-DD' }),
  result: Type.String({ enum: REMEDY_RESULTS.map((k) => k.code), description: REMEDY_RESULTS.map((k) => `${k.code} ${k.label}`).join('；') }),
  concludedOn: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '审结日期（尚未审结的不填）' }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};

/** `2025`, `2025.json`, `2025.xlsx`, `2025.html` → year and format (a clear 400 otherwise). */
function parseYearParam(raw: string): { year: number; format: 'json' | 'xlsx' | 'html' } {
  const m = /^(\d{4})(?:\.(json|xlsx|html))?$/.exec(raw);
  if (!m) return unwrap(fail(400, 'INVALID_YEAR', `年度“${raw}”无效：应为四位年份，如 2025；下载表格用 2025.xlsx，打印预览用 2025.html`));
  return { year: Number(m[1]), format: (m[2] ?? 'json') as 'json' | 'xlsx' | 'html' };
}

function remedyView(r: RemedyRow & { unit_name?: string }, unitName?: string) {
  return {
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name ?? unitName ?? r.unit_code,
    requestId: r.request_id,
    kind: r.kind,
    kindLabel: REMEDY_KINDS.find((k) => k.code === r.kind)?.label ?? r.kind,
    caseRef: r.case_ref,
    body: r.body,
    filedOn: r.filed_on,
    result: r.result,
    resultLabel: REMEDY_RESULTS.find((k) => k.code === r.result)?.label ?? r.result,
    concludedOn: r.concluded_on,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

export function registerAnnualReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  /** What the caller may do with this report (the admin page shows or hides its buttons by it). */
  const withPermissions = async (request: FastifyRequest, view: AnnualReportView) => {
    const actor = requireActor(request);
    const unit = await findUnit(ctx.db, view.unit.code);
    const editor = !!unit && view.scope === 'unit' && actorCoversPath(actor, unit.path, EDITORS);
    const edit = editor && view.status === 'draft';
    return { ...view, permissions: { edit, publish: edit && actorCoversPath(actor, unit!.path, PUBLISHERS), reopen: editor && view.status === 'published' } };
  };

  r.get(
    '/api/v1/annual-reports/settings',
    { schema: { tags, summary: '年度报告的全县设置（表四统计口径；乡镇年报期限）', response: { 200: ReportSettingsSchema, ...errors(401) } } },
    async (request) => {
      requireActor(request);
      return { ...(await loadSettings(ctx.db)), remedyCountingOptions: REMEDY_COUNTING.map((c) => ({ ...c })) };
    },
  );

  r.put(
    '/api/v1/annual-reports/settings',
    {
      schema: {
        tags,
        summary: '修改年度报告的全县设置（县级管理员）',
        body: Type.Object(
          {
            remedyCounting: Type.Optional(Type.String({ maxLength: 64 })),
            townshipDue: Type.Optional(
              Type.Union([Type.Object({ month: Type.Integer(), day: Type.Integer() }, { additionalProperties: false }), Type.Null()], {
                description: '乡镇（街道）年报期限：次年几月几日前；null 表示不设',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReportSettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const saved = unwrap(await saveSettings(ctx, meta(request), request.body as Parameters<typeof saveSettings>[2]));
      return { ...saved, remedyCountingOptions: REMEDY_COUNTING.map((c) => ({ ...c })) };
    },
  );

  r.get(
    '/api/v1/annual-reports/:unitCode/:year',
    {
      schema: {
        tags,
        summary:
          '单位某年度的政府信息公开工作年度报告：JSON（默认）、.xlsx 表格或 .html 打印预览；scope=subtree 为本单位及所属单位汇总（县级单位即“全县汇总”）',
        params: Params,
        querystring: Type.Object(
          { scope: Type.Optional(Type.String({ enum: ['unit', 'subtree'], description: 'unit 本级（默认）；subtree 汇总' })) },
          { additionalProperties: false },
        ),
        response: { 200: AnnualReportSchema, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { year, format } = parseYearParam(request.params.year);
      const bad = checkYear(year, chinaDate(ctx.clock.now()));
      if (bad) return unwrap(bad);
      const unit = unwrap(await unitFor(ctx.db, actor, request.params.unitCode));
      const scope = (request.query.scope ?? 'unit') as 'unit' | 'subtree';
      if (!unitKindIsGovernment(unit))
        return unwrap(fail(400, 'NOT_A_GOVERNMENT_UNIT', `${unit.name}是村（居）民委员会，不是行政机关，不编制政府信息公开工作年度报告`));
      const view = await assembleReport(ctx.db, unit, year, scope);
      // Files and the preview page are sent raw (the JSON schema above documents the default format).
      const raw = reply as FastifyReply;
      if (format === 'xlsx') {
        const buffer = await reportXlsx(view);
        return raw
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="annual-report-${unit.code}-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${view.title}.xlsx`)}`,
          )
          .send(buffer);
      }
      if (format === 'html') return raw.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(reportPageHtml(view));
      return withPermissions(request, view);
    },
  );

  r.put(
    '/api/v1/annual-reports/:unitCode/:year',
    {
      schema: {
        tags,
        summary: '填写或修改年度报告的文字部分（一、五、六）、表二数据（含来源）和信息处理费金额；已提交发布的报告不能修改',
        params: Params,
        body: Type.Object(
          {
            sections: Type.Optional(
              Type.Object(
                {
                  overview: Type.Optional(Type.String({ maxLength: TEXT_MAX * 2, description: '一、总体情况' })),
                  problems: Type.Optional(Type.String({ maxLength: TEXT_MAX * 2, description: '五、存在的主要问题及改进情况' })),
                  other: Type.Optional(Type.String({ maxLength: TEXT_MAX * 2, description: '六、其他需要报告的事项' })),
                },
                { additionalProperties: false },
              ),
            ),
            table2: Type.Optional(
              Type.Record(Type.String({ maxLength: 32 }), Type.Union([Entry, Type.Null()]), {
                description: `表二各格：${TABLE2_CELLS.map((c) => `${c.key}=${c.row}·${c.column}`).join('；')}`,
              }),
            ),
            fees: Type.Optional(
              Type.Union([Type.Object({ yuan: Type.Number(), source: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }), Type.Null()], {
                description: '本年度收取的信息处理费（元）及来源',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: AnnualReportSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { year, format } = parseYearParam(request.params.year);
      if (format !== 'json') return unwrap(fail(400, 'INVALID_YEAR', '修改年度报告时年度只写四位年份，如 2025'));
      return withPermissions(request, unwrap(await saveReport(ctx, meta(request), request.params.unitCode, year, request.body)));
    },
  );

  r.post(
    '/api/v1/annual-reports/:unitCode/:year/publish',
    {
      schema: {
        tags,
        summary: '提交发布：生成“政府信息公开工作年度报告”公开内容草稿（正文为报告全文），报告随即锁定；草稿按公开流程审核发布',
        params: Params,
        response: { 200: AnnualReportSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { year, format } = parseYearParam(request.params.year);
      if (format !== 'json') return unwrap(fail(400, 'INVALID_YEAR', '年度只写四位年份，如 2025'));
      return withPermissions(request, unwrap(await publishReport(ctx, meta(request), request.params.unitCode, year)));
    },
  );

  r.post(
    '/api/v1/annual-reports/:unitCode/:year/reopen',
    {
      schema: {
        tags,
        summary: '撤回修改：公开内容草稿尚未送审时，解除年度报告的锁定以便修改；再次提交发布时更新同一草稿',
        params: Params,
        response: { 200: AnnualReportSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { year, format } = parseYearParam(request.params.year);
      if (format !== 'json') return unwrap(fail(400, 'INVALID_YEAR', '年度只写四位年份，如 2025'));
      return withPermissions(request, unwrap(await reopenReport(ctx, meta(request), request.params.unitCode, year)));
    },
  );

  // -------------------------------------------------------------------------------------------
  // 复议/诉讼 records.

  r.get(
    '/api/v1/info-request-remedies',
    {
      schema: {
        tags,
        summary: '行政复议、行政诉讼记录（本人权限范围内的单位）',
        querystring: Type.Object(
          {
            unitCode: Type.Optional(Type.String({ maxLength: 64 })),
            year: Type.Optional(Type.Integer({ description: '申请复议或起诉的年度' })),
            kind: Type.Optional(Type.String({ enum: REMEDY_KINDS.map((k) => k.code) })),
            result: Type.Optional(Type.String({ enum: REMEDY_RESULTS.map((k) => k.code) })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RemedyPageSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      if (q.year !== undefined) {
        const bad = checkYear(q.year, chinaDate(ctx.clock.now()));
        if (bad) return unwrap(bad);
      }
      if (q.unitCode) unwrap(await unitFor(ctx.db, actor, q.unitCode));
      const res = await listRemedies(ctx.db, {
        roots: scopeRoots(actor),
        unitCode: q.unitCode,
        year: q.year,
        kind: q.kind,
        result: q.result,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { total: res.total, items: res.items.map((i) => remedyView(i)) };
    },
  );

  r.post(
    '/api/v1/info-request-remedies',
    {
      schema: {
        tags,
        summary: '登记行政复议或行政诉讼案件（年报表四）',
        body: Type.Object(
          { unitCode: Type.String({ minLength: 1, maxLength: 64, description: '被申请（被告）单位' }), ...RemedyFields },
          { additionalProperties: false },
        ),
        response: { 201: RemedySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(remedyView(unwrap(await createRemedy(ctx, meta(request), request.body)))),
  );

  r.get(
    '/api/v1/info-request-remedies/:id',
    {
      schema: {
        tags,
        summary: '一条复议诉讼记录',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: RemedySchema, ...errors(401, 404) },
      },
    },
    async (request) => {
      const found = unwrap(await remedyFor(ctx.db, requireActor(request), request.params.id));
      return remedyView(found.row, found.unit.name);
    },
  );

  r.patch(
    '/api/v1/info-request-remedies/:id',
    {
      schema: {
        tags,
        summary: '修改复议诉讼记录（如登记审结结果）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Partial(Type.Object(RemedyFields), { additionalProperties: false }),
        response: { 200: RemedySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = unwrap(await updateRemedyRecord(ctx, meta(request), request.params.id, request.body as Parameters<typeof updateRemedyRecord>[3]));
      return remedyView(row);
    },
  );

  r.delete(
    '/api/v1/info-request-remedies/:id',
    {
      schema: {
        tags,
        summary: '删除误登记的复议诉讼记录',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ id: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request) => unwrap(await deleteRemedyRecord(ctx, meta(request), request.params.id)),
  );
}
