/**
 * TypeBox schemas of the outbound-webhooks API (an endpoint, its delivery log, the list and the create answer, the
 * create body), shared by webhooks.routes.ts and (type-only) the admin SPA. They reuse the commands' code lists, so
 * they sit beside them; each answer is held equal to its command view at compile time (`Same`).
 */
import { Type, type Static } from 'typebox';
import { Nullable, type Same } from '../../../platform/http/schemas.ts';
import type { DeliveryView, WebhookView } from './webhooks.commands.ts';
import type { DeliveryStatus } from './webhooks.dispatch.ts';
import { WEBHOOK_EVENTS, type WebhookEventType } from './webhooks.events.ts';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed', 'dead'] as const satisfies readonly DeliveryStatus[];

/** The events an endpoint subscribes to (a body field of create and change). */
export const WebhookEventsSchema = Type.Array(Type.String({ maxLength: 50, description: `事件：${WEBHOOK_EVENTS.join('、')}` }), {
  maxItems: 10,
  description: '订阅的事件',
});

/** One endpoint as every webhook route answers it (never the secret). */
export const WebhookSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.Unsafe<WebhookEventType>(Type.String())),
  unitScope: Type.Object({ code: Type.String(), name: Type.String() }),
  active: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String(),
  deliveries: Type.Object({
    pending: Type.Integer(),
    delivering: Type.Integer(),
    delivered: Type.Integer(),
    failed: Type.Integer(),
    dead: Type.Integer(),
  }),
});

/** One row of an endpoint's delivery log. */
export const DeliverySchema = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  disclosureId: Nullable(Type.String()),
  status: Type.Unsafe<DeliveryStatus>(Type.String({ enum: [...DELIVERY_STATUSES] })),
  attempts: Type.Integer(),
  createdAt: Type.String(),
  lastAttemptAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
});

/** GET /api/v1/webhooks: the endpoints in the caller's scope. */
export const WebhookListSchema = Type.Object({ items: Type.Array(WebhookSchema) });
export type WebhookList = Static<typeof WebhookListSchema>;

/** POST /api/v1/webhooks: the body. */
export const CreateWebhookBodySchema = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    url: Type.String({ maxLength: 2000, description: '接收地址（http/https）' }),
    events: WebhookEventsSchema,
    unitScope: Type.String({ minLength: 1, maxLength: 64, description: '单位代码：只推送该单位及其下级单位的事件' }),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBodySchema>;

/** POST /api/v1/webhooks: the new endpoint and its signing secret (shown this once). */
export const NewWebhookSchema = Type.Object({ webhook: WebhookSchema, secret: Type.String({ description: '签名密钥（仅显示一次，请妥善保存）' }) });
export type NewWebhook = Static<typeof NewWebhookSchema>;

export const viewsMatchSchemas: [Same<Static<typeof WebhookSchema>, WebhookView>, Same<Static<typeof DeliverySchema>, DeliveryView>] = [true, true];
