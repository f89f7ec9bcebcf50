import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor, requireRole } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, unwrap } from '../../platform/result.ts';
import { addSynonymGroup, cachedSearch, deleteSynonymGroup, listSynonymGroups, suggest, TOTAL_CAP, updateSynonymGroup } from '../../platform/search/index.ts';
import { chinaDate } from '../../platform/context.ts';
import { publicVersion } from '../../platform/views/page-cache.ts';
import { findUnit } from '../org/index.ts';
import { policyValidityOf, ValidityEnum } from '../policies/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import { pinyinKeys } from '../../platform/search/index.ts';
import { loadDirectory, type Directory } from './portal.data.ts';

/** Active units whose name contains the text, or whose pinyin / initials start with it (e.g. buhu, bh). */
export function unitSuggestions(dir: Directory, q: string, limit = 5): { kind: 'unit'; text: string; url: string }[] {
  const needle = q.toLowerCase();
  const latin = /^[a-z]+$/.test(needle);
  return dir.all
    .filter((u) => u.depth > 0 && u.active === 1)
    .filter((u) => {
      if (!latin) return u.name.includes(q);
      const keys = pinyinKeys(u.name);
      return keys.full.startsWith(needle) || keys.initials.startsWith(needle);
    })
    .sort((a, b) => a.depth - b.depth || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map((u) => ({ kind: 'unit' as const, text: u.name, url: `/units/${encodeURIComponent(u.code)}` }));
}

/** The query a search page or API call carries, validated once for both. */
export interface SearchQuery {
  q: string;
  unit?: string;
  domain?: string;
  type?: string;
  from?: string;
  to?: string;
  archived?: boolean;
  sort?: 'relevance' | 'date';
  page?: number;
}

/** Validates filters that the schema cannot (real dates, known unit) and runs the search. */
export async function runSearch(ctx: AppContext, q: SearchQuery) {
  if (q.from && !isRealDate(q.from)) return fail(400, 'INVALID_DATE', `起始日期不存在：${q.from}`);
  if (q.to && !isRealDate(q.to)) return fail(400, 'INVALID_DATE', `截止日期不存在：${q.to}`);
  if (q.from && q.to && q.from > q.to) return fail(400, 'INVALID_RANGE', '起始日期不能晚于截止日期');
  let unitPath: string | undefined;
  if (q.unit) {
    const unit = await findUnit(ctx.db, q.unit);
    if (!unit) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${q.unit}`);
    unitPath = unit.path;
  }
  // Results are cached per public version stamp (bumped by every publish, correction, withdrawal,
  // unit change and synonym edit, and changing when a scheduled publication falls due) and
  // China-local date (往期 is computed from it at query time); a read never writes.
  const version = `${await publicVersion(ctx)}|${chinaDate(ctx.clock.now())}`;
  const found = await cachedSearch(
    ctx,
    {
      q: q.q,
      unitPath,
      domain: q.domain,
      type: q.type,
      from: q.from,
      to: q.to,
      archived: q.archived,
      sort: q.sort ?? 'relevance',
      page: q.page ?? 1,
      pageSize: 10,
    },
    version,
  );
  if (!found.ok) return found;
  // Policy documents carry their validity (有效/已修改/已废止/已失效): read for the page's ten items, never cached with the
  // result (a validity change also bumps the version above).
  const DISCLOSURE = 'disclosure:';
  const validity = await policyValidityOf(
    ctx.db,
    found.value.items.filter((i) => i.docId.startsWith(DISCLOSURE)).map((i) => i.docId.slice(DISCLOSURE.length)),
  );
  return ok({
    ...found.value,
    items: found.value.items.map((i) => ({ ...i, validity: (i.docId.startsWith(DISCLOSURE) && validity.get(i.docId.slice(DISCLOSURE.length))) || null })),
  });
}

const SearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: '关键词：中文、拼音或拼音首字母（如 低保、dibao、dbmd）' }),
  unit: Type.Optional(Type.String({ maxLength: 64, description: '单位编码，含下级单位' })),
  domain: Type.Optional(Type.String({ maxLength: 64, description: '公开领域或村务类别编码' })),
  type: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(DateString('发布日期起')),
  to: Type.Optional(DateString('发布日期止')),
  archived: Type.Optional(Type.Boolean({ description: 'true 仅往期公开；false 仅当前公示；不填则全部' })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('date')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const SynonymBody = Type.Object(
  {
    terms: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 2, maxItems: 20 }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const SynonymSchema = Type.Object({
  id: Type.String(),
  terms: Type.Array(Type.String()),
  note: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/search',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['search'],
        summary: '全文检索公开信息（条例第二十四条：检索、查阅、下载）',
        querystring: SearchQuerySchema,
        response: {
          200: Type.Object({
            total: Type.Integer({ description: `结果条数；超过 ${TOTAL_CAP} 条时为 ${TOTAL_CAP}，并且 totalIsLowerBound 为 true` }),
            totalIsLowerBound: Type.Boolean({ description: `为 true 时表示实际结果多于 total（超过 ${TOTAL_CAP} 条）` }),
            page: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                unit: Type.String(),
                publishedAt: Type.String(),
                snippet: Type.String({ description: 'HTML：命中词以 <mark> 标出，其余均已转义' }),
                url: Type.String(),
                archived: Type.Boolean(),
                validity: Nullable(
                  Type.Object(
                    { code: ValidityEnum, text: Type.String(), on: Nullable(Type.String({ description: '时效变更日期' })) },
                    { description: '政策文件的时效；其他公开信息为 null' },
                  ),
                ),
              }),
            ),
            relaxed: Type.Boolean({ description: '没有同时包含全部关键词的结果，以下结果只包含部分关键词' }),
            suggestions: Type.Array(Type.String()),
          }),
          ...errors(400, 404, 429),
        },
      },
    },
    async (request) => {
      const res = unwrap(await runSearch(ctx, request.query));
      return {
        total: res.total,
        totalIsLowerBound: res.totalIsLowerBound,
        page: res.page,
        items: res.items.map((i) => ({
          id: i.docId,
          title: i.title,
          unit: i.unitName,
          publishedAt: i.publishedAt,
          snippet: i.snippet,
          url: i.url,
          archived: i.archived,
          validity: i.validity,
        })),
        relaxed: res.relaxed,
        suggestions: res.suggestions,
      };
    },
  );

  r.get(
    '/api/v1/search/suggest',
    {
      config: { public: true, rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['search'],
        summary: '输入提示（单位名称和标题，支持拼音）',
        querystring: Type.Object({ q: Type.String({ maxLength: 50 }) }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), text: Type.String(), url: Type.Optional(Type.String()) })) }),
          ...errors(400, 429),
        },
      },
    },
    async (request) => {
      // Units come from the org tree itself (a village is worth suggesting before it has published
      // anything); titles and indexed unit names come from the search index.
      const q = request.query.q.trim();
      const units = q ? unitSuggestions(await loadDirectory(ctx), q) : [];
      const rest = await suggest(ctx, q);
      const seen = new Set(units.map((u) => u.text));
      return { items: [...units, ...rest.filter((r) => !(r.kind === 'unit' && seen.has(r.text)))].slice(0, 8) };
    },
  );

  r.get(
    '/api/v1/search/synonyms',
    {
      schema: {
        tags: ['search'],
        summary: '同义词词典（工作人员可查看）',
        response: { 200: Type.Object({ items: Type.Array(SynonymSchema) }), ...errors(401) },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await listSynonymGroups(ctx.db) };
    },
  );
  r.post(
    '/api/v1/search/synonyms',
    { schema: { tags: ['search'], summary: '新增同义词组（县级管理员）', body: SynonymBody, response: { 201: SynonymSchema, ...errors(400, 401, 403, 409) } } },
    async (request, reply) => {
      const actor = requireRole(request, ['county_admin']);
      return reply.status(201).send(unwrap(await addSynonymGroup(ctx, { actor, requestId: request.id }, request.body)));
    },
  );
  r.patch(
    '/api/v1/search/synonyms/:id',
    {
      schema: {
        tags: ['search'],
        summary: '修改同义词组',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: SynonymBody,
        response: { 200: SynonymSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['county_admin']);
      return unwrap(await updateSynonymGroup(ctx, { actor, requestId: request.id }, request.params.id, request.body));
    },
  );
  r.delete(
    '/api/v1/search/synonyms/:id',
    {
      schema: {
        tags: ['search'],
        summary: '删除同义词组',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ id: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['county_admin']);
      return unwrap(await deleteSynonymGroup(ctx, { actor, requestId: request.id }, request.params.id));
    },
  );
}
