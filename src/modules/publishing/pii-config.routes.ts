import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { actorCoversPath } from '../../platform/auth/roles.ts';
import { loadPiiRulesView, savePiiRules, type PiiRulesConfig } from './pii-config.ts';
import { lastPiiRescan, runPiiRescan } from './pii-rescan.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { findRootUnit } from '../org/index.ts';
import { PUBLISHING_ADMINS } from './disclosure.roles.ts';

const Mask = Type.Object(
  {
    keepFirst: Type.Integer({ minimum: 0, maximum: 20 }),
    keepLast: Type.Integer({ minimum: 0, maximum: 20 }),
    maskChar: Type.String({ minLength: 1, maxLength: 1 }),
  },
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
/** One rule in force, as the scanner uses it: a built-in pattern or one of the county's own. */
const RuleInForce = Type.Union([
  Type.Object({
    id: Type.String({ enum: ['resident_id', 'possible_id', 'mobile', 'bank_card', 'landline'] }),
    kind: Type.String({ enum: ['id', 'possible_id', 'mobile', 'bank_card', 'landline'] }),
    label: Type.String(),
    enabled: Type.Boolean(),
    mask: Mask,
  }),
  Custom,
]);
const Config = Type.Object(
  {
    builtin: Type.Object(
      {
        resident_id: Type.Optional(BuiltinChange),
        possible_id: Type.Optional(BuiltinChange),
        mobile: Type.Optional(BuiltinChange),
        bank_card: Type.Optional(BuiltinChange),
        landline: Type.Optional(BuiltinChange),
      },
      { additionalProperties: false },
    ),
    custom: Type.Array(Custom, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

const Count = Type.Object({ kind: Type.String(), text: Type.String(), count: Type.Integer() });
const Finding = Type.Object({
  disclosureId: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  title: Type.String({ description: '公开标题（已按现行规则遮盖）' }),
  indexNo: Type.String(),
  status: Type.Union([Type.Literal('published'), Type.Literal('withdrawn')]),
  version: Type.Integer(),
  kinds: Type.Array(Count),
  places: Type.Array(Type.Object({ place: Type.String(), text: Type.String(), count: Type.Integer() })),
  attachments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
  count: Type.Integer(),
});
const RescanResultSchema = Type.Object({
  runAt: Type.String(),
  rulesVersion: Type.Union([Type.String(), Type.Null()]),
  scanned: Type.Integer(),
  findings: Type.Array(Finding),
  durationMs: Type.Integer(),
});
const RescanView = Type.Object({
  last: Type.Union([RescanResultSchema, Type.Null()]),
  rulesChanged: Type.Boolean(),
  rulesUpdatedAt: Type.Union([Type.String(), Type.Null()]),
});

/** The county admin at the county root (the rules and the re-scan are the county office's). */
async function requireCountyRootAdmin(ctx: AppContext, actor: Actor, message: string): Promise<void> {
  const root = await findRootUnit(ctx.db);
  if (!root || root.kind !== 'county' || !actorCoversPath(actor, root.path, PUBLISHING_ADMINS)) unwrap(fail(403, 'FORBIDDEN', message));
}

/** The county's personal-data rules: staff read them; a county admin at the county root changes them. */
export function registerPiiRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/publishing/pii-rescan',
    {
      schema: {
        tags: ['publishing'],
        summary: '已发布内容个人信息复查：最近一次结果（县级管理员；只读，不重新检查）',
        response: { 200: RescanView, ...errors(401, 403) },
      },
    },
    async (request) => {
      await requireCountyRootAdmin(ctx, requireActor(request), '已发布内容的个人信息复查由县政府办（县级管理员）查看');
      return lastPiiRescan(ctx.db);
    },
  );
  r.post(
    '/api/v1/publishing/pii-rescan',
    {
      schema: {
        tags: ['publishing'],
        summary: '按现行规则复查全县已发布内容中未遮盖的个人信息，保存并返回结果（县级管理员）；结果只列记录和数量，不含号码本身',
        response: { 200: RescanResultSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await requireCountyRootAdmin(ctx, actor, '已发布内容的个人信息复查由县政府办（县级管理员）发起');
      return unwrap(await runPiiRescan(ctx, { actor, requestId: request.id }));
    },
  );
  r.get(
    '/api/v1/publishing/pii-rules',
    {
      schema: {
        tags: ['publishing'],
        summary: '个人信息识别与遮盖规则（本县现行）',
        response: {
          200: Type.Object({
            rules: Type.Array(RuleInForce, { description: '现行规则：内置规则与本县自定义规则（含遮盖方式）' }),
            config: Config,
            updatedAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors(401),
        },
      },
    },
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
        response: {
          200: Type.Object({
            rules: Type.Array(RuleInForce, { description: '现行规则：内置规则与本县自定义规则（含遮盖方式）' }),
            config: Config,
            updatedAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await requireCountyRootAdmin(ctx, actor, '个人信息识别规则由县政府办（县级管理员）统一设定');
      return unwrap(await savePiiRules(ctx, { actor, requestId: request.id }, request.body as PiiRulesConfig));
    },
  );
}
