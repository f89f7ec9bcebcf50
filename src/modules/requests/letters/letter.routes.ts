/**
 * Letter routes. Settings: GET/PUT /api/v1/info-requests/letter-settings/:unitCode (staff in scope read; the
 * unit's reviewer or a county admin over it changes). Case letters are added in letter.case-routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/auth-hooks.ts';
import { errors } from '../../../platform/http/schemas.ts';
import { unwrap } from '../../../platform/result.ts';
import { LETTER_KINDS } from '../request.types.ts';
import { getLetterSettings, saveLetterSettings } from './letter-settings.commands.ts';

const Nullable = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const KindCode = Type.String({ enum: LETTER_KINDS.map((k) => k.code), description: '文书种类（LETTER_KINDS）' });

const Patterns = Type.Record(Type.String(), Type.String({ maxLength: 60 }), { description: '文书种类 → 文号格式，用 {year} 表示年份、{n} 表示序号，例如「泗民公复〔{year}〕{n}号」' });

const SettingsBody = Type.Object(
  {
    numberPatterns: Patterns,
    reviewBodies: Type.Array(Type.String({ maxLength: 80 }), { maxItems: 5, description: '行政复议机关（1至3个）' }),
    court: Nullable(80),
    office: Type.Object(
      { address: Nullable(200), postcode: Nullable(20), phone: Nullable(60), contact: Nullable(80), hours: Nullable(200) },
      { additionalProperties: false },
    ),
    feePaymentMethod: Nullable(400),
  },
  { additionalProperties: false },
);

const SettingsView = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  editable: Type.Boolean(),
  numberPatterns: Type.Record(Type.String(), Type.String()),
  reviewBodies: Type.Array(Type.String()),
  court: Type.Union([Type.String(), Type.Null()]),
  office: Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    postcode: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    contact: Type.Union([Type.String(), Type.Null()]),
    hours: Type.Union([Type.String(), Type.Null()]),
  }),
  feePaymentMethod: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  readiness: Type.Array(Type.Object({ kind: KindCode, title: Type.String(), missing: Type.Array(Type.String()) })),
});

const UnitParams = Type.Object({ unitCode: Type.String({ minLength: 1, maxLength: 64 }) });

export function registerLetterSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/info-requests/letter-settings/:unitCode',
    {
      schema: {
        tags: ['requests'],
        summary: '依申请公开文书设置（文号格式、行政复议机关、管辖法院、联系方式）及各类文书尚缺的设置',
        params: UnitParams,
        response: { 200: SettingsView, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await getLetterSettings(ctx, requireActor(request), request.params.unitCode)),
  );
  r.put(
    '/api/v1/info-requests/letter-settings/:unitCode',
    {
      schema: {
        tags: ['requests'],
        summary: '修改依申请公开文书设置（本单位审核人或县级管理员）',
        params: UnitParams,
        body: SettingsBody,
        response: { 200: SettingsView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await saveLetterSettings(ctx, { actor, requestId: request.id }, request.params.unitCode, request.body));
    },
  );
}
