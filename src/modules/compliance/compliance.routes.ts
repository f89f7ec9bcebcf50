/**
 * Compliance API. Reads are open to every logged-in actor within its scope (units outside answer 404);
 * recomputation and settings are for the county-level admin. Thin: validate → authorize → one call → present.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { checkWindow, defaultRoot, defaultWindow, overview, unitInScope, unitReport } from './compliance.service.ts';
import { overviewCharts } from './compliance.charts.ts';
import { isCountyLevelAdmin, recomputeCounty, setRules, setWebsiteColumns } from './compliance.commands.ts';
import { loadRules } from './compliance.rules.ts';
import { loadWebsiteSettings, websiteCheck } from './compliance.website.ts';
import {
  OverviewQuery,
  OverviewSchema,
  RecomputeBody,
  RecomputeSchema,
  RulesBody,
  RulesSchema,
  UnitParams,
  UnitReportSchema,
  WebsiteColumnsBody,
  WebsiteSchema,
  WebsiteSettingsSchema,
  WindowQuery,
} from './compliance.schemas.ts';
import { Type } from 'typebox';

const CODE_RE = /^[0-9A-Za-z_-]{1,64}$/;

function windowOf(ctx: AppContext, q: { from?: string; to?: string }) {
  const d = defaultWindow(chinaDate(ctx.clock.now()));
  return unwrap(checkWindow(q.from ?? d.from, q.to ?? d.to));
}

function checkCode(code: string): void {
  if (!CODE_RE.test(code)) unwrap(fail(400, 'INVALID_UNIT_CODE', `单位代码“${code.slice(0, 64)}”格式不正确（只能包含字母、数字、“-”和“_”）`));
}

export function registerComplianceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/compliance/units/:code',
    {
      schema: {
        tags: ['compliance'],
        summary: '单位公开义务督查：每项义务的状态与佐证',
        params: UnitParams,
        querystring: WindowQuery,
        response: { 200: UnitReportSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      checkCode(request.params.code);
      const w = windowOf(ctx, request.query);
      const unit = unwrap(await unitInScope(ctx, actor, request.params.code));
      return unitReport(ctx, unit, w);
    },
  );

  r.get(
    '/api/v1/compliance/overview',
    {
      schema: {
        tags: ['compliance'],
        summary: '督查总览：按下属单位汇总、按月趋势、最常逾期事项、逾期清单',
        querystring: OverviewQuery,
        response: { 200: OverviewSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const w = windowOf(ctx, request.query);
      let root;
      if (request.query.unit) {
        checkCode(request.query.unit);
        root = unwrap(await unitInScope(ctx, actor, request.query.unit));
      } else {
        root = await defaultRoot(ctx, actor);
        if (!root) unwrap(fail(404, 'UNIT_NOT_FOUND', '您的账号没有管辖单位'));
      }
      const o = await overview(ctx, actor, root!, w);
      return { ...o, charts: overviewCharts(o) };
    },
  );

  r.get(
    '/api/v1/compliance/website',
    {
      schema: {
        tags: ['compliance'],
        summary: '网站栏目检查（栏目不更新、空白栏目、依申请公开逾期答复、留言超过3个月未答复）',
        response: { 200: WebsiteSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.grants.some((g) => g.unitPath.split('/').filter(Boolean).length === 1))
        unwrap(fail(403, 'FORBIDDEN', '网站栏目检查面向县级（门户网站的主办单位），请联系县政府办'));
      return websiteCheck(ctx.db, chinaDate(ctx.clock.now()), ctx.clock.now());
    },
  );

  r.get(
    '/api/v1/compliance/settings',
    {
      schema: {
        tags: ['compliance'],
        summary: '督查规则与网站栏目分类',
        response: { 200: Type.Object({ rules: RulesSchema, website: WebsiteSettingsSchema, editable: Type.Boolean() }), ...errors(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { rules: await loadRules(ctx.db), website: await loadWebsiteSettings(ctx.db), editable: isCountyLevelAdmin(actor) };
    },
  );

  r.put(
    '/api/v1/compliance/settings/rules',
    { schema: { tags: ['compliance'], summary: '修改督查规则（县级管理员）', body: RulesBody, response: { 200: RulesSchema, ...errors(400, 401, 403) } } },
    async (request) => unwrap(await setRules(ctx, { actor: requireActor(request), requestId: request.id }, request.body)),
  );

  r.put(
    '/api/v1/compliance/settings/website-columns',
    {
      schema: {
        tags: ['compliance'],
        summary: '修改网站栏目分类和检查阈值（县级管理员）',
        body: WebsiteColumnsBody,
        response: { 200: WebsiteSettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => unwrap(await setWebsiteColumns(ctx, { actor: requireActor(request), requestId: request.id }, request.body)),
  );

  r.post(
    '/api/v1/compliance/recompute',
    {
      schema: {
        tags: ['compliance'],
        summary: '全县重新计算某一年的督查结果（县级管理员）',
        body: RecomputeBody,
        response: { 200: RecomputeSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const year = request.body.year ?? Number(chinaDate(ctx.clock.now()).slice(0, 4));
      return unwrap(await recomputeCounty(ctx, { actor, requestId: request.id }, [year]));
    },
  );
}
