/** HTTP for the reading point, the archive room's ledger and destruction. Thin: schema → command → present. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, FileAnswer, Nullable, Paging } from '../../platform/http/schemas.ts';
import { unwrap } from '../../platform/result.ts';
import {
  closeEntry,
  recordEntry,
  registerVisit,
  returnLoan,
  roomLedger,
  VISIT_COPIES,
  visitFiguresFor,
  visitPrintout,
  visitRegister,
  visitRegisterPdf,
  type VisitCopy,
} from './archives.reading.ts';
import { decideDestruction, DESTRUCTION_STATUSES, destructionsFor, getDestruction, proposeDestruction } from './archives.retention.ts';
import { Id, meta, pageOf, sendFile, tags } from './archives.http.ts';
import { Destructions, DestructionView, IdOnly, Moves, MoveView, PDF, RoomLedger, VisitFigures, VisitRegister, VisitView, XLSX } from './archives.schemas.ts';
import { getMove, moveCustody, movePdf, movesFor, moveXlsx } from './archives.custody.ts';
import { SIGN_KINDS, unitSign } from './archives.signs.ts';

const Code = Type.Object({ code: Type.String({ maxLength: 64 }) });
const ItemIds = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 });

export function registerReadingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/archives/units/:code/visits',
    {
      schema: {
        tags,
        summary: '查阅点登记一次查阅（姓名、电话只在本记录中完整保存，其他地方一律隐藏）',
        params: Code,
        body: Type.Object(
          {
            visitedOn: DateString('查阅日期'),
            visitorName: Type.String({ maxLength: 40 }),
            visitorPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            purpose: Type.String({ maxLength: 300 }),
            itemIds: ItemIds,
            otherMaterial: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            staffOnDuty: Type.String({ maxLength: 40 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: VisitView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await registerVisit(ctx, meta(request), request.params.code, request.body)),
  );
  const Month = Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' }) });
  r.get(
    '/api/v1/archives/units/:code/visits',
    {
      schema: {
        tags,
        summary: '一个月的查阅登记（姓名、电话已隐藏；按查阅先后分页）',
        params: Code,
        querystring: Type.Object({ ...Month.properties, ...Paging }),
        response: { 200: VisitRegister, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await visitRegister(ctx, requireActor(request), request.params.code, { month: request.query.month, ...pageOf(request.query) })),
  );
  r.get(
    '/api/v1/archives/units/:code/visits.pdf',
    {
      schema: {
        tags,
        summary: '打印：月度查阅登记簿（PDF）',
        params: Code,
        querystring: Month,
        response: { 200: FileAnswer([PDF], '月度查阅登记簿'), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => sendFile(reply, unwrap(await visitRegisterPdf(ctx, requireActor(request), request.params.code, request.query.month)), 'inline'),
  );
  r.get(
    '/api/v1/archives/visits/:id/print.pdf',
    {
      schema: {
        tags,
        summary: '打印一次查阅登记（PDF）：回执 receipt（姓名、电话等已隐去，可交给查阅人）或留存联 record（完整信息，仅值班人员）',
        params: Id,
        querystring: Type.Object({ copy: Type.Optional(Type.String({ enum: [...VISIT_COPIES], default: 'receipt' })) }),
        response: { 200: FileAnswer([PDF], '查阅回执或留存联'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(reply, unwrap(await visitPrintout(ctx, requireActor(request), request.params.id, (request.query.copy ?? 'receipt') as VisitCopy)), 'inline'),
  );
  r.get(
    '/api/v1/archives/units/:code/signs/:kind',
    {
      schema: {
        tags,
        summary: '打印：档案库房（storage）或集中查阅点（reading）A4 标识牌，含县级制度和本村（社区）网上公开页二维码（PDF）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }), kind: Type.String({ enum: [...SIGN_KINDS] }) }),
        response: { 200: FileAnswer([PDF], 'A4 标识牌'), ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) =>
      sendFile(reply, unwrap(await unitSign(ctx, requireActor(request), request.params.code, request.params.kind as (typeof SIGN_KINDS)[number])), 'inline'),
  );
  r.get(
    '/api/v1/archives/units/:code/visit-figures',
    {
      schema: {
        tags,
        summary: '各村（社区）查阅人次',
        params: Code,
        querystring: Type.Object({ from: DateString(), to: DateString() }),
        response: { 200: VisitFigures, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await visitFiguresFor(ctx, requireActor(request), request.params.code, request.query)),
  );

  r.post(
    '/api/v1/archives/units/:code/room-entries',
    {
      schema: {
        tags,
        summary: '档案库房人员出入登记（含取出的档案）',
        params: Code,
        body: Type.Object(
          {
            enteredAt: Type.String({ maxLength: 40, description: 'ISO-8601 时刻' }),
            leftAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            person: Type.String({ maxLength: 40 }),
            reason: Type.String({ maxLength: 300 }),
            accompaniedBy: Type.String({ maxLength: 40 }),
            takenItemIds: Type.Optional(ItemIds),
          },
          { additionalProperties: false },
        ),
        response: { 200: IdOnly, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await recordEntry(ctx, meta(request), request.params.code, request.body)),
  );
  r.post(
    '/api/v1/archives/room-entries/:id/leave',
    {
      schema: {
        tags,
        summary: '登记离开库房的时间',
        params: Id,
        body: Type.Object({ leftAt: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: IdOnly, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await closeEntry(ctx, meta(request), request.params.id, request.body.leftAt)),
  );
  r.post(
    '/api/v1/archives/room-loans/:id/return',
    {
      schema: {
        tags,
        summary: '登记取出档案的归还',
        params: Id,
        body: Type.Object({ returnedOn: DateString('归还日期'), returnedTo: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: IdOnly, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await returnLoan(ctx, meta(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/archives/units/:code/room-ledger',
    {
      schema: {
        tags,
        summary: '库房出入台账（分页，新的在前）；借出超过县级设置天数的档案标为逾期',
        params: Code,
        querystring: Type.Object(Paging),
        response: { 200: RoomLedger, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await roomLedger(ctx, requireActor(request), request.params.code, pageOf(request.query))),
  );

  r.get(
    '/api/v1/archives/destructions',
    {
      schema: {
        tags,
        summary: '销毁清单（提出、审批；分页，新的在前）',
        querystring: Type.Object({
          unitCode: Type.Optional(Type.String({ maxLength: 64 })),
          status: Type.Optional(Type.String({ enum: [...DESTRUCTION_STATUSES], description: 'proposed 待审批、approved 已批准、rejected 未批准' })),
          ...Paging,
        }),
        response: { 200: Destructions, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      unwrap(await destructionsFor(ctx, requireActor(request), { unitCode: request.query.unitCode, status: request.query.status, ...pageOf(request.query) })),
  );
  r.post(
    '/api/v1/archives/destructions',
    {
      schema: {
        tags,
        summary: '提出销毁清单（档案管理员；只限保管期满、未保全、未借出的档案）',
        body: Type.Object(
          { unitCode: Type.String({ maxLength: 64 }), itemIds: ItemIds, reason: Type.String({ maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: DestructionView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await proposeDestruction(ctx, meta(request), request.body)),
  );
  r.get(
    '/api/v1/archives/destructions/:id',
    { schema: { tags, summary: '一份销毁清单', params: Id, response: { 200: DestructionView, ...errors(401, 404) } } },
    async (request) => unwrap(await getDestruction(ctx, requireActor(request), request.params.id)),
  );
  r.post(
    '/api/v1/archives/destructions/:id/decide',
    {
      schema: {
        tags,
        summary: '审批销毁清单（第二人；提出人不能审批）',
        params: Id,
        body: Type.Object(
          { decision: Type.String({ enum: ['approve', 'reject'] }), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: DestructionView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      unwrap(await decideDestruction(ctx, meta(request), request.params.id, request.body as { decision: 'approve' | 'reject'; comment?: string })),
  );

  // ----- 提级管理 custody moves ---------------------------------------------------------------------------------------
  r.get(
    '/api/v1/archives/custody-moves',
    {
      schema: {
        tags,
        summary: '档案移交记录（提级管理、交回；分页，新的在前）',
        querystring: Type.Object({ unitCode: Type.Optional(Type.String({ maxLength: 64 })), ...Paging }),
        response: { 200: Moves, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await movesFor(ctx, requireActor(request), { unitCode: request.query.unitCode, ...pageOf(request.query) })),
  );
  r.post(
    '/api/v1/archives/custody-moves',
    {
      schema: {
        tags,
        summary: '登记档案移交：村（社区）档案由所属乡镇（街道）代管，或交回本村（社区）（档案管理员）',
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 64 }),
            toUnitCode: Type.String({ maxLength: 64 }),
            itemIds: Type.Optional(ItemIds),
            movedOn: DateString('移交日期'),
            handedBy: Type.String({ maxLength: 40 }),
            receivedBy: Type.String({ maxLength: 40 }),
            reason: Type.String({ maxLength: 300 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: MoveView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await moveCustody(ctx, meta(request), request.body)),
  );
  r.get(
    '/api/v1/archives/custody-moves/:id',
    { schema: { tags, summary: '一次移交及其清单', params: Id, response: { 200: MoveView, ...errors(401, 404) } } },
    async (request) => unwrap(await getMove(ctx, requireActor(request), request.params.id)),
  );
  r.get(
    '/api/v1/archives/custody-moves/:id/list.xlsx',
    { schema: { tags, summary: '移交清单（.xlsx）', params: Id, response: { 200: FileAnswer([XLSX], '移交清单'), ...errors(401, 404) } } },
    async (request, reply) => sendFile(reply, unwrap(await moveXlsx(ctx, requireActor(request), request.params.id))),
  );
  r.get(
    '/api/v1/archives/custody-moves/:id/list.pdf',
    {
      schema: { tags, summary: '移交清单（PDF，供双方签字）', params: Id, response: { 200: FileAnswer([PDF], '移交清单，供双方签字'), ...errors(401, 404) } },
    },
    async (request, reply) => sendFile(reply, unwrap(await movePdf(ctx, requireActor(request), request.params.id)), 'inline'),
  );
}
