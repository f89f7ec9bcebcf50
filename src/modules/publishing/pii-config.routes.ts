import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { actorCoversPath } from '../../platform/auth/roles.ts';
import { loadPiiRulesView, savePiiRules, type PiiRulesConfig } from './pii-config.ts';

const Mask = Type.Object(
  { keepFirst: Type.Integer({ minimum: 0, maximum: 20 }), keepLast: Type.Integer({ minimum: 0, maximum: 20 }), maskChar: Type.String({ minLength: 1, maxLength: 1 }) },
  { additionalProperties: false },
);
const BuiltinChange = Type.Object({ enabled: Type.Optional(Type.Boolean()), mask: Type.Optional(Mask) }, { additionalProperties: false });
const Custom = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    kind: Type.Literal('custom'),
    label: Type.String({ minLength: 1, maxLength: 40 }),
    regex: Type.String({ minLength: 1, maxLength: 300 }),
    flags: Type.Optional(Type.String({ maxLength: 2 })),
    enabled: Type.Boolean(),
    mask: Mask,
  },
  { additionalProperties: false },
);
const Config = Type.Object(
  {
    builtin: Type.Object(
      { resident_id: Type.Optional(BuiltinChange), possible_id: Type.Optional(BuiltinChange), mobile: Type.Optional(BuiltinChange), bank_card: Type.Optional(BuiltinChange), landline: Type.Optional(BuiltinChange) },
      { additionalProperties: false },
    ),
    custom: Type.Array(Custom, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

/** The county's personal-data rules: staff read them; a county admin at the county root changes them. */
export function registerPiiRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/publishing/pii-rules',
    { schema: { tags: ['publishing'], summary: '个人信息识别与遮盖规则（本县现行）', response: { 200: Type.Object({ rules: Type.Array(Type.Unknown()), config: Config, updatedAt: Type.Union([Type.String(), Type.Null()]) }), ...errors(401) } } },
    async (request) => {
      requireActor(request);
      return loadPiiRulesView(ctx.db);
    },
  );
  r.put(
    '/api/v1/publishing/pii-rules',
    {
      schema: {
        tags: ['publishing'],
        summary: '修改个人信息识别与遮盖规则（县级管理员）：启停内置规则、调整遮盖位数、增加本县自定义规则（如社保卡号）',
        body: Config,
        response: { 200: Type.Object({ rules: Type.Array(Type.Unknown()), config: Config, updatedAt: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const root = await ctx.db.selectFrom('org_units').select('path').where('parent_code', 'is', null).where('kind', '=', 'county').executeTakeFirst();
      if (!root || !actorCoversPath(actor, root.path, ['county_admin'])) unwrap(fail(403, 'FORBIDDEN', '个人信息识别规则由县政府办（县级管理员）统一设定'));
      return unwrap(await savePiiRules(ctx, { actor, requestId: request.id }, request.body as PiiRulesConfig));
    },
  );
}
