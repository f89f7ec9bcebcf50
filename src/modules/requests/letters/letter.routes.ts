/**
 * Letter routes.
 * - Settings: GET/PUT /api/v1/info-requests/letter-settings/:unitCode (staff in scope read; the unit's reviewer or a
 *   county admin over it changes).
 * - Staff: GET /api/v1/info-requests/:id/letters (list) and /api/v1/info-requests/:id/letters/{kind}.docx|.pdf
 *   (scoped: a case outside the actor's subtree is 404; a letter the case does not have yet is 404).
 * - Applicant (tracking page): GET /api/v1/info-requests/track/letters/{kind}.docx|.pdf?code=&secret= — public,
 *   rate-limited, only letters addressed to the applicant.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/auth-hooks.ts';
import { errors } from '../../../platform/http/schemas.ts';
import { unwrap } from '../../../platform/result.ts';
import { CaseLetterList, LetterSettingsBodySchema, LetterSettingsViewSchema } from '../requests.schemas.ts';
import { getLetterSettings, saveLetterSettings } from './letter-settings.commands.ts';
import { applicantLetter, staffLetter, staffLetterList, type RenderedLetter } from './letter.case.ts';
import type { FastifyReply } from 'fastify';

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
        response: { 200: LetterSettingsViewSchema, ...errors(400, 401, 404) },
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
        body: LetterSettingsBodySchema,
        response: { 200: LetterSettingsViewSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await saveLetterSettings(ctx, { actor, requestId: request.id }, request.params.unitCode, request.body));
    },
  );
}

const FileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  file: Type.String({ minLength: 1, maxLength: 64, description: '文书种类.docx 或 文书种类.pdf，例如 reply.pdf' }),
});
const LetterQuery = Type.Object(
  { letter: Type.Optional(Type.String({ maxLength: 200, description: '同一种类有多份时（如多次征求意见），指定其中一份（文书列表中的 id）；默认最近一份' })) },
  { additionalProperties: false },
);
const TrackQuery = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: '查询码' }),
    secret: Type.String({ minLength: 1, maxLength: 80, description: '查询密码' }),
    letter: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

function send(reply: FastifyReply, file: RenderedLetter): FastifyReply {
  // Letters carry personal data: never cached by browsers or proxies.
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="letter.${file.filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function registerCaseLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/info-requests/:id/letters',
    {
      schema: {
        tags: ['requests'],
        summary: '本申请已出具的文书（含文号、日期；下载地址为 letters/{kind}.docx 或 .pdf）',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: CaseLetterList,
          ...errors(401, 404),
        },
      },
    },
    async (request) => unwrap(await staffLetterList(ctx, requireActor(request), request.params.id)),
  );
  r.get(
    '/api/v1/info-requests/:id/letters/:file',
    {
      schema: {
        tags: ['requests'],
        summary: '下载本申请的文书（可编辑的 .docx 或 PDF）',
        params: FileParams,
        querystring: LetterQuery,
        response: { ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => send(reply, unwrap(await staffLetter(ctx, requireActor(request), request.params.id, request.params.file, request.query.letter))),
  );
  r.get(
    '/api/v1/info-requests/track/letters/:file',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['requests'],
        summary: '申请人凭查询码和查询密码下载发给本人的文书（接收回执、补正告知书、延期答复告知书、收费通知书、答复书等）',
        params: Type.Object({ file: FileParams.properties.file }),
        querystring: TrackQuery,
        response: { ...errors(400, 404, 429) },
      },
    },
    async (request, reply) =>
      send(reply, unwrap(await applicantLetter(ctx, request.query.code, request.query.secret, request.params.file, request.query.letter))),
  );
}
