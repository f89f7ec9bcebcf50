import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/auth-hooks.ts';
import { Paging, errors } from '../../../platform/http/schemas.ts';
import { unwrap } from '../../../platform/result.ts';
import { createWebhook, deactivateWebhook, getWebhook, listDeliveries, listWebhooks, pingWebhook, retryDelivery, updateWebhook } from './webhooks.commands.ts';
import {
  CreateWebhookBodySchema,
  DELIVERY_STATUSES,
  DeliverySchema,
  NewWebhookSchema,
  WebhookEventsSchema,
  WebhookListSchema,
  WebhookSchema,
} from './webhooks.responses.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Outbound webhooks API: county_admin within scope (outside → 404). See docs/webhooks.md. */
export function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['webhooks'];

  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: '新建推送地址（县级管理员）；签名密钥只在此返回一次',
        body: CreateWebhookBodySchema,
        response: { 201: NewWebhookSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createWebhook(ctx, meta(request), request.body))),
  );

  r.get(
    '/api/v1/webhooks',
    { schema: { tags, summary: '推送地址列表（本人管理范围内）', response: { 200: WebhookListSchema, ...errors(401, 403) } } },
    async (request) => ({ items: unwrap(await listWebhooks(ctx, requireActor(request))) }),
  );

  r.get(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: '查看推送地址', params: Id, response: { 200: WebhookSchema, ...errors(401, 403, 404) } } },
    async (request) => unwrap(await getWebhook(ctx, requireActor(request), request.params.id)),
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: '修改推送地址（名称、启用、事件）',
        params: Id,
        body: Type.Object(
          { name: Type.Optional(Type.String({ maxLength: 200 })), active: Type.Optional(Type.Boolean()), events: Type.Optional(WebhookEventsSchema) },
          { additionalProperties: false },
        ),
        response: { 200: WebhookSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => unwrap(await updateWebhook(ctx, meta(request), request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: '停用推送地址（保留推送记录）', params: Id, response: { 200: WebhookSchema, ...errors(401, 403, 404) } } },
    async (request) => unwrap(await deactivateWebhook(ctx, meta(request), request.params.id)),
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: '推送记录（时间、次数、状态码、错误）',
        params: Id,
        querystring: Type.Object({ status: Type.Optional(Type.String({ enum: [...DELIVERY_STATUSES] })), ...Paging }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(DeliverySchema) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      unwrap(
        await listDeliveries(ctx, requireActor(request), request.params.id, {
          status: request.query.status,
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        }),
      ),
  );

  r.post(
    '/api/v1/webhooks/:id/deliveries/:did/retry',
    {
      schema: {
        tags,
        summary: '重新推送（已放弃或等待重试的记录立即重新排队）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), did: Type.String({ maxLength: 64 }) }),
        response: { 200: DeliverySchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await retryDelivery(ctx, meta(request), request.params.id, request.params.did)),
  );

  r.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: { tags, summary: '发送一条已签名的测试推送（ping），立即返回结果', params: Id, response: { 200: DeliverySchema, ...errors(401, 403, 404, 409) } },
    },
    async (request) => unwrap(await pingWebhook(ctx, meta(request), request.params.id)),
  );
}
