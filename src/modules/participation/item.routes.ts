/** 公众参与事项目录 API (thin routes: schema → actor → one command → present). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, errors } from '../../platform/http/schemas.ts';
import { unwrap } from '../../platform/result.ts';
import { createItem, publishItemList, updateItem, withdrawItem } from './item.commands.ts';
import { publicItemLists, staffItemList, staffItemVersions } from './item.queries.ts';
import { METHOD_CODES } from './participation.rules.ts';
import { IdParams, Text } from './consultation.routes.ts';
import * as S from './participation.schemas.ts';

const itemFields = {
  name: Text(200, '拟作出的决策事项名称'),
  reason: Text(4000, '听取公众意见的理由（依据）'),
  methods: Type.Array(Type.String({ enum: [...METHOD_CODES] }), { minItems: 1, maxItems: METHOD_CODES.length, description: '公众参与方式' }),
  plannedOn: DateString('计划征求意见的时间'),
};
const UnitParams = Type.Object({ unit: Text(64) });

export function registerItemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];

  r.get(
    '/api/v1/participation/items',
    {
      schema: {
        tags,
        summary: '公众参与事项目录（本单位及下级的工作目录，含各单位已发布的版本号）',
        querystring: Type.Object({ unit: Type.Optional(Text(64)) }),
        response: { 200: S.ItemList, ...errors(401, 404) },
      },
    },
    async (request) => unwrap(await staffItemList(ctx, requireActor(request), request.query.unit)),
  );
  r.post(
    '/api/v1/participation/items',
    {
      schema: {
        tags,
        summary: '在目录中添加公众参与事项',
        body: Type.Object({ unitCode: Text(64), ...itemFields }, { additionalProperties: false }),
        response: { 201: S.Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createItem(ctx, meta(request), request.body))),
  );
  r.put(
    '/api/v1/participation/items/:id',
    {
      schema: {
        tags,
        summary: '修改目录中的事项（重新发布目录后公开）',
        params: IdParams,
        body: Type.Object(itemFields, { additionalProperties: false }),
        response: { 200: S.Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await updateItem(ctx, meta(request), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/participation/items/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回事项（须说明理由；已公布的事项在以后的版本中标注“已撤回”及理由）',
        params: IdParams,
        body: Type.Object({ reason: Text(1000) }, { additionalProperties: false }),
        response: { 200: S.Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await withdrawItem(ctx, meta(request), request.params.id, request.body.reason)),
  );
  r.get(
    '/api/v1/participation/item-lists/:unit',
    {
      schema: { tags, summary: '本单位已发布的目录各版本', params: UnitParams, response: { 200: S.ItemVersions, ...errors(401, 404) } },
    },
    async (request) => unwrap(await staffItemVersions(ctx, requireActor(request), request.params.unit)),
  );
  r.post(
    '/api/v1/participation/item-lists/:unit/publish',
    {
      schema: {
        tags,
        summary: '发布目录的新版本（公开的是发布时的目录）',
        params: UnitParams,
        body: Type.Object({ note: Type.Optional(Nullable(Text(1000, '本版说明'))) }, { additionalProperties: false }),
        response: { 200: S.PublishedVersion, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await publishItemList(ctx, meta(request), request.params.unit, request.body.note ?? null)),
  );
  r.get(
    '/api/v1/participation/public/item-lists',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '各单位最新公布的公众参与事项目录',
        querystring: Type.Object({ unit: Type.Optional(Text(64)) }),
        response: { 200: S.PublicItemLists },
      },
    },
    async (request) => ({ lists: await publicItemLists(ctx, request.query.unit) }),
  );
}
