/** HTTP API of the offline channels (thin: validate → authorize in the command or query → present). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { readStoredFile } from '../../platform/files/store.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { sniffFileType } from '../publishing/index.ts';
import { createServicePoint, retireServicePoint, saveBroadcast, saveLeaflet, setServicePointPhoto, updateServicePoint } from './offline.commands.ts';
import { booklet, broadcastOf, broadcastPdf, leafletPdf, leafletsOf, letterBatch, listServicePoints, servicePointPhoto } from './offline.queries.ts';
import { LIMITS, MAX_PHOTO_BYTES } from './offline.rules.ts';
import { Broadcast, BroadcastInput, Leaflet, LeafletInput, ServicePoint, ServicePointInput } from './offline.schemas.ts';

const tags = ['offline'];
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Code = Type.Object({ code: Type.String({ maxLength: 64 }) });
const pdf = (reply: FastifyReply, name: string, body: Buffer) =>
  reply
    .headers({
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="print.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    })
    .send(body);
const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function registerOfflineRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: { id: string }) => ({ actor: requireActor(request as never), requestId: request.id });

  // ---- 致村(居)民一封信
  r.get(
    '/api/v1/offline/letters.pdf',
    {
      schema: {
        tags,
        summary: '致村（居）民一封信（PDF，大字，A4）：由一条或几条已发布的公开内容或政策文件生成，以单位名义落款，附网上原文二维码；按村（社区）批量打印',
        querystring: Type.Object(
          {
            unit: Type.String({ maxLength: 64, description: '落款单位（本人管辖范围内）' }),
            sources: Type.String({ maxLength: 400, description: '公开内容编号，逗号分隔（最多 5 条）' }),
            villages: Type.Optional(
              Type.String({
                maxLength: 4000,
                description: '村（社区）编码，逗号分隔；不填时：落款单位是村（社区）的印给本村（社区），是乡镇（街道）的印给下属全部村（社区）',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const out = unwrap(
        await letterBatch(ctx, requireActor(request), {
          signerCode: request.query.unit,
          sourceIds: list(request.query.sources),
          villageCodes: list(request.query.villages),
        }),
      );
      return pdf(reply, `${out.signer}-致村（居）民一封信（${out.count}份）.pdf`, out.pdf);
    },
  );

  // ---- 办事一本通 (public: compiled from public records on every request)
  r.get(
    '/api/v1/units/:code/service-booklet.pdf',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '办事一本通（PDF）：本单位当前公开的服务事项和办事指南，含目录、页码、联系方式和更新日期；事项变化后即为最新',
        params: Code,
        response: { ...errors(404) },
      },
    },
    async (request, reply) => {
      const out = unwrap(await booklet(ctx, request.params.code));
      return pdf(reply, `${out.unitName}办事一本通.pdf`, out.pdf);
    },
  );

  // ---- 明白纸
  r.get(
    '/api/v1/offline/leaflets',
    {
      schema: {
        tags,
        summary: '明白纸列表（本人管辖范围）',
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Array(Leaflet), ...errors(401) },
      },
    },
    async (request) => leafletsOf(ctx, requireActor(request), request.query.unit),
  );
  r.put(
    '/api/v1/offline/leaflets/:id',
    {
      schema: {
        tags,
        summary: '编写或修改一条已发布内容（或政策文件）的明白纸（本单位经办人、审核人员）；含个人信息的不予保存',
        params: Id,
        body: LeafletInput,
        response: { 200: Type.Object({ id: Type.String(), disclosureId: Type.String(), updatedAt: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const l = unwrap(await saveLeaflet(ctx, meta(request), request.params.id, request.body));
      return { id: l.id, disclosureId: l.disclosure_id, updatedAt: l.updated_at };
    },
  );
  r.get(
    '/api/v1/offline/leaflets/:id/print.pdf',
    { schema: { tags, summary: '打印明白纸（PDF，一页）；id 为公开内容编号', params: Id, response: { ...errors(401, 404, 409) } } },
    async (request, reply) => {
      const out = unwrap(await leafletPdf(ctx, requireActor(request), request.params.id));
      return pdf(reply, `明白纸-${out.title}.pdf`, out.pdf);
    },
  );

  // ---- 广播稿
  r.get(
    '/api/v1/offline/broadcasts/:id',
    {
      schema: {
        tags,
        summary: '一则公告的广播稿：已编辑的文字，或按公告生成的文字（标题、内容、时间、查看地点）；id 为公开内容编号',
        params: Id,
        response: { 200: Broadcast, ...errors(401, 404, 409) },
      },
    },
    async (request) => {
      const { unit: _u, ...b } = unwrap(await broadcastOf(ctx, requireActor(request), request.params.id));
      return b;
    },
  );
  r.put(
    '/api/v1/offline/broadcasts/:id',
    {
      schema: {
        tags,
        summary: '保存编辑后的广播稿（本单位经办人、审核人员）',
        params: Id,
        body: BroadcastInput,
        response: { 200: Type.Object({ disclosureId: Type.String(), updatedAt: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const b = unwrap(await saveBroadcast(ctx, meta(request), request.params.id, request.body));
      return { disclosureId: b.disclosure_id, updatedAt: b.updated_at };
    },
  );
  r.get(
    '/api/v1/offline/broadcasts/:id/print.pdf',
    { schema: { tags, summary: '打印广播稿（PDF，大字）', params: Id, response: { ...errors(401, 404, 409) } } },
    async (request, reply) => {
      const out = unwrap(await broadcastPdf(ctx, requireActor(request), request.params.id));
      return pdf(reply, `广播稿-${out.title}.pdf`, out.pdf);
    },
  );

  // ---- 政务公开专区 / 便民服务点
  r.get(
    '/api/v1/units/:code/service-points',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '本单位的政务公开专区和便民服务点（公开：地点、开放时间、可办理的服务、办公电话）',
        params: Code,
        response: { 200: Type.Array(ServicePoint), ...errors(404) },
      },
    },
    async (request) => listServicePoints(ctx, { unitCodes: [request.params.code] }),
  );
  r.get(
    '/api/v1/offline/service-points',
    { schema: { tags, summary: '本人管辖范围内的政务公开专区和便民服务点，含已停用的', response: { 200: Type.Array(ServicePoint), ...errors(401) } } },
    async (request) => listServicePoints(ctx, { includeRetired: true, actor: requireActor(request) }),
  );
  r.post(
    '/api/v1/units/:code/service-points',
    {
      schema: {
        tags,
        summary: '登记政务公开专区或便民服务点（本单位经办人、审核人员或县政府办）',
        params: Code,
        body: ServicePointInput,
        response: { 201: Type.Object({ id: Type.String() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = unwrap(await createServicePoint(ctx, meta(request), request.params.code, request.body));
      return reply.code(201).send({ id: p.id });
    },
  );
  r.put(
    '/api/v1/offline/service-points/:id',
    {
      schema: {
        tags,
        summary: '修改服务点的地点、开放时间、服务和电话',
        params: Id,
        body: ServicePointInput,
        response: { 200: Type.Object({ id: Type.String(), updatedAt: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = unwrap(await updateServicePoint(ctx, meta(request), request.params.id, request.body));
      return { id: p.id, updatedAt: p.updated_at };
    },
  );
  r.post(
    '/api/v1/offline/service-points/:id/retire',
    {
      schema: {
        tags,
        summary: '停用服务点（保留记录和停用原因）',
        params: Id,
        body: Type.Object({ reason: Type.String({ maxLength: LIMITS.retireReason }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), retiredAt: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = unwrap(await retireServicePoint(ctx, meta(request), request.params.id, request.body.reason));
      return { id: p.id, retiredAt: p.retired_at! };
    },
  );
  r.post(
    '/api/v1/offline/service-points/:id/photo',
    {
      schema: {
        tags,
        summary: `上传服务点照片（PNG 或 JPEG，按文件内容判断，不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，字段 file；照片公开，请勿拍到群众）`,
        consumes: ['multipart/form-data'],
        params: Id,
        response: { 200: Type.Object({ id: Type.String(), photoUrl: Type.String() }), ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const up = unwrap(await readUpload(request, { maxBytes: MAX_PHOTO_BYTES, what: '服务点照片' }));
      if (!up.file) return unwrap(fail(400, 'FILE_REQUIRED', '请选择要上传的照片（字段 file）'));
      const type = await sniffFileType(up.file.buffer);
      if (type !== 'png' && type !== 'jpeg') return unwrap(fail(415, 'UNSUPPORTED_FILE_TYPE', '服务点照片只能是 PNG 或 JPEG 图片（按文件内容判断）'));
      const p = unwrap(await setServicePointPhoto(ctx, meta(request), request.params.id, { buffer: up.file.buffer, type }));
      return { id: p.id, photoUrl: `/api/v1/offline/service-points/${p.id}/photo` };
    },
  );
  r.get(
    '/api/v1/offline/service-points/:id/photo',
    { config: { public: true }, schema: { tags, summary: '服务点照片（公开）', params: Id, response: { ...errors(404) } } },
    async (request, reply) => {
      const p = await servicePointPhoto(ctx, request.params.id);
      if (!p) return unwrap(fail(404, 'PHOTO_NOT_FOUND', '照片不存在'));
      return reply
        .headers({ 'content-type': p.type === 'png' ? 'image/png' : 'image/jpeg', 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' })
        .send(await readStoredFile(ctx.config.dataDir, p.sha256));
    },
  );
}
