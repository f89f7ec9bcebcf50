/** HTTP for notice boards (公开栏) and their inspections. Thin: schema → command → present. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors, FileAnswer, Nullable, Paging } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import {
  addInspectionPhoto,
  attachPosting,
  boardDetail,
  boardPhoto,
  changeBoard,
  getInspection,
  inspectBoard,
  inspectionPhoto,
  listBoardsFor,
  MAX_PHOTO_BYTES,
  recheckBoard,
  registerBoard,
  setBoardPhoto,
  uninspectedBoardsFor,
} from './archives.boards.ts';
import { BOARD_CHECK_KEYS } from './archives.rules.ts';
import { boardSign } from './archives.signs.ts';
import { Id, meta, pageOf, sendFile, tags } from './archives.http.ts';
import { BoardDetail, Boards, BoardView, IMAGE, InspectionDetail, InspectionView, PDF, Posting, Recheck, UninspectedBoards } from './archives.schemas.ts';

const BoardOut = BoardView;
const InspectionOut = InspectionView;
const BoardBody = Type.Object(
  {
    name: Type.String({ maxLength: 60 }),
    place: Type.String({ maxLength: 200 }),
    personInCharge: Type.String({ maxLength: 40 }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Answers = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 40 }), Type.Boolean(), {
      description: `检查清单，每项 true（合格）或 false：${BOARD_CHECK_KEYS.join('、')}`,
    }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

async function photoUpload(request: Parameters<typeof readUpload>[0]): Promise<Buffer> {
  const up = unwrap(await readUpload(request, { maxBytes: MAX_PHOTO_BYTES, what: '照片' }));
  if (!up.file || up.file.buffer.length === 0) return unwrap(fail(400, 'FILE_REQUIRED', '请选择要上传的照片（字段 file）'));
  return up.file.buffer;
}

export function registerBoardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // A compliance finding served by the module that owns boards and inspections (the compliance module imports nothing of archives).
  r.get(
    '/api/v1/compliance/board-inspections',
    {
      schema: {
        tags: ['compliance'],
        summary: '超过巡查周期未巡查的公开栏（周期为县级设置）',
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 64 })), ...Paging }),
        response: { 200: UninspectedBoards, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await uninspectedBoardsFor(ctx, requireActor(request), { unitCode: request.query.unit, ...pageOf(request.query) })),
  );
  r.get(
    '/api/v1/archives/boards',
    {
      schema: {
        tags,
        summary: '公开栏登记（管理范围内；标出超过巡查周期未巡查的）',
        querystring: Type.Object({
          unitCode: Type.Optional(Type.String({ maxLength: 64 })),
          ownOnly: Type.Optional(Type.Boolean({ description: 'true：只列 unitCode 这个单位自己的公开栏，不含下级单位的（须同时给 unitCode）' })),
          ...Paging,
        }),
        response: { 200: Boards, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      unwrap(await listBoardsFor(ctx, requireActor(request), { unitCode: request.query.unitCode, ownOnly: request.query.ownOnly, ...pageOf(request.query) })),
  );
  r.post(
    '/api/v1/archives/units/:code/boards',
    {
      schema: {
        tags,
        summary: '登记一个公开栏（位置、负责人）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: BoardBody,
        response: { 200: BoardOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await registerBoard(ctx, meta(request), request.params.code, request.body)),
  );
  r.get(
    '/api/v1/archives/boards/:id',
    {
      schema: {
        tags,
        summary: '一个公开栏：应张贴的当前公开内容、张贴照片、巡查记录和检查清单',
        params: Id,
        response: { 200: BoardDetail, ...errors(401, 404) },
      },
    },
    async (request) => unwrap(await boardDetail(ctx, requireActor(request), request.params.id)),
  );
  r.put(
    '/api/v1/archives/boards/:id',
    {
      schema: {
        tags,
        summary: '修改公开栏登记（名称、位置、负责人、停用）',
        params: Id,
        body: BoardBody,
        response: { 200: BoardOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await changeBoard(ctx, meta(request), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/archives/boards/:id/photo',
    {
      schema: {
        tags,
        summary: '上传公开栏照片（PNG/JPEG，multipart 字段 file）',
        params: Id,
        response: { 200: BoardOut, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const m = meta(request);
      return unwrap(await setBoardPhoto(ctx, m, request.params.id, await photoUpload(request)));
    },
  );
  r.get(
    '/api/v1/archives/boards/:id/photo',
    { schema: { tags, summary: '公开栏照片', params: Id, response: { 200: FileAnswer(IMAGE, '照片'), ...errors(401, 404) } } },
    async (request, reply) => sendFile(reply, unwrap(await boardPhoto(ctx, requireActor(request), request.params.id)), 'inline'),
  );
  r.get(
    '/api/v1/archives/boards/:id/sign.pdf',
    {
      schema: {
        tags,
        summary: '打印：公开栏 A4 标识牌（名称、位置、负责人、意见箱，含本村（社区）网上公开页二维码）',
        params: Id,
        response: { 200: FileAnswer([PDF], 'A4 标识牌'), ...errors(401, 404) },
      },
    },
    async (request, reply) => sendFile(reply, unwrap(await boardSign(ctx, requireActor(request), request.params.id)), 'inline'),
  );
  r.post(
    '/api/v1/archives/boards/:id/postings',
    {
      schema: {
        tags,
        summary: '把公开记录的张贴照片关联到这个公开栏',
        params: Id,
        body: Type.Object({ evidenceId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Posting, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await attachPosting(ctx, meta(request), request.params.id, request.body.evidenceId)),
  );
  r.post(
    '/api/v1/archives/boards/:id/inspections',
    {
      schema: {
        tags,
        summary: '乡镇巡查公开栏：逐项回答检查清单；有不合格项时经考评模块向村（社区）下发整改通知',
        params: Id,
        body: Answers,
        response: { 200: InspectionOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await inspectBoard(ctx, meta(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/archives/inspections/:id',
    { schema: { tags, summary: '一次巡查（检查清单、照片、整改通知状态）', params: Id, response: { 200: InspectionDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await getInspection(ctx, requireActor(request), request.params.id)),
  );
  r.post(
    '/api/v1/archives/inspections/:id/photos',
    {
      schema: {
        tags,
        summary: '为巡查添加照片（PNG/JPEG，multipart 字段 file）',
        params: Id,
        response: { 200: InspectionOut, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const m = meta(request);
      return unwrap(await addInspectionPhoto(ctx, m, request.params.id, await photoUpload(request)));
    },
  );
  r.post(
    '/api/v1/archives/inspections/:id/recheck',
    {
      schema: {
        tags,
        summary: '复查：全部合格则整改通知销号，否则退回重新整改',
        params: Id,
        body: Answers,
        response: { 200: Recheck, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await recheckBoard(ctx, meta(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/archives/inspection-photos/:id',
    { schema: { tags, summary: '巡查照片', params: Id, response: { 200: FileAnswer(IMAGE, '照片'), ...errors(401, 404) } } },
    async (request, reply) => sendFile(reply, unwrap(await inspectionPhoto(ctx, requireActor(request), request.params.id)), 'inline'),
  );
}
