import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireRole } from '../../platform/http/auth-hooks.ts';
import { MANAGERS } from './org.roles.ts';
import { DateString, Paging, errors, isRealDate, type Same } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { UNIT_KIND_IDS, UNIT_KINDS } from './org.kinds.ts';
import { findAncestors, findUnit, listChildren, listUnits, toUnitView, type OrgUnitView } from './org.repository.ts';
import { OrgUnitSchema, UnitDetailSchema } from './org.schemas.ts';
import { abolishUnit, createUnit, updateUnit } from './commands/unit-commands.ts';

/** The repository's view is exactly the response schema (org.schemas.ts, which the admin SPA takes type-only). */
export const unitViewMatchesSchema: Same<Static<typeof OrgUnitSchema>, OrgUnitView> = true;

const Nullable = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const ContactInput = {
  address: Nullable(200),
  postalCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{6}$' }), Type.Null()])),
  phone: Nullable(40),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 120 }), Type.Null()])),
  officeHours: Nullable(200),
};

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/org-units',
    {
      config: { public: true },
      schema: {
        tags: ['org'],
        summary: '查询单位（公开）',
        querystring: Type.Object({
          parent: Type.Optional(Type.String({ maxLength: 64 })),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          kind: Type.Optional(Type.String({ enum: UNIT_KIND_IDS })),
          includeAbolished: Type.Optional(Type.Boolean({ default: false })),
          ...Paging,
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(OrgUnitSchema) }), ...errors(400, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.parent && !(await findUnit(ctx.db, q.parent))) unwrap(fail(404, 'UNIT_NOT_FOUND', `上级单位不存在：${q.parent}`));
      const { total, items } = await listUnits(ctx.db, {
        parent: q.parent,
        q: q.q?.trim() || undefined,
        kind: q.kind,
        includeAbolished: q.includeAbolished,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { total, items: items.map((i) => toUnitView(i, i.child_count)) };
    },
  );

  r.get(
    '/api/v1/org-units/:code',
    {
      config: { public: true },
      schema: {
        tags: ['org'],
        summary: '单位详情，含上级链和下级单位（公开）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: {
          200: UnitDetailSchema,
          ...errors(404),
        },
      },
    },
    async (request) => {
      const unit = await findUnit(ctx.db, request.params.code);
      if (!unit) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位不存在：${request.params.code}`));
      const [ancestors, children] = await Promise.all([findAncestors(ctx.db, unit), listChildren(ctx.db, unit.code, true)]);
      return {
        unit: toUnitView(unit),
        ancestors: ancestors.map((a) => toUnitView(a)),
        children: children.map((c) => toUnitView(c)),
        kindLabel: UNIT_KINDS[unit.kind as keyof typeof UNIT_KINDS]?.label ?? unit.kind,
      };
    },
  );

  r.post(
    '/api/v1/org-units',
    {
      schema: {
        tags: ['org'],
        summary: '新增单位（县级管理员）',
        body: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 64 })),
            divisionCode: Type.Optional(Type.Union([Type.String({ maxLength: 12 }), Type.Null()])),
            name: Type.String({ minLength: 1, maxLength: 80 }),
            kind: Type.String({ enum: UNIT_KIND_IDS }),
            parentCode: Type.String({ maxLength: 64 }),
            establishedOn: Type.Optional(Type.Union([DateString(), Type.Null()])),
            note: Nullable(500),
            ...ContactInput,
          },
          { additionalProperties: false },
        ),
        response: { 201: OrgUnitSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGERS);
      const unit = unwrap(await createUnit(ctx, { actor, requestId: request.id }, request.body));
      return reply.status(201).send(unit);
    },
  );

  r.patch(
    '/api/v1/org-units/:code',
    {
      schema: {
        tags: ['org'],
        summary: '修改单位名称或联系方式（县级管理员）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), note: Nullable(500), ...ContactInput },
          { additionalProperties: false },
        ),
        response: { 200: OrgUnitSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      return unwrap(await updateUnit(ctx, { actor, requestId: request.id }, request.params.code, request.body));
    },
  );

  r.post(
    '/api/v1/org-units/:code/abolish',
    {
      schema: {
        tags: ['org'],
        summary: '撤销单位（保留历史，不能再新增记录）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ abolishedOn: DateString('撤销日期'), reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: OrgUnitSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      if (!isRealDate(request.body.abolishedOn)) unwrap(fail(400, 'INVALID_DATE', `日期不存在：${request.body.abolishedOn}`));
      return unwrap(await abolishUnit(ctx, { actor, requestId: request.id }, request.params.code, request.body.abolishedOn, request.body.reason));
    },
  );
}
