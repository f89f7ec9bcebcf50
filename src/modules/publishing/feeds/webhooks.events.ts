/**
 * Webhook events of the publishing pipeline, enqueued in the SAME transaction as the command that
 * caused them (publish / correct / withdraw): the delivery rows commit or roll back with the change,
 * so no event is lost and none is announced for a change that did not happen.
 */
import './webhooks.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import type { CommandScope } from '../../../platform/command.ts';
import type { Trx } from '../../../platform/db/database.ts';
import { chinaDate } from '../../../platform/context.ts';
import type { PiiDecision } from '../pii/pii-scan.ts';
import { decisionsAsOf, publicReason } from '../data/data.queries.ts';
import { activeEndpointScopes, insertDeliveryOnce, publicVersionOf } from './webhooks.repository.ts';
import type { WebhookDeliveryTable } from './webhooks.tables.ts';

export const WEBHOOK_EVENTS = ['disclosure.published', 'disclosure.corrected', 'disclosure.withdrawn'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const EVENT_TEXT: Record<WebhookEventType | 'ping', string> = {
  'disclosure.published': '发布',
  'disclosure.corrected': '更正',
  'disclosure.withdrawn': '撤回',
  ping: '测试',
};

/** What subscribers receive about a record: the public (masked) view only. */
export interface WebhookDisclosure {
  id: string;
  title: string;
  unit: { code: string; name: string };
  indexNo: string;
  url: string;
  publishedAt: string;
  version: number;
  status: 'published' | 'withdrawn';
  contentHash: string;
  /** Public reason of the latest correction (version > 1), else null. */
  correctionReason: string | null;
  withdrawal: { at: string; reason: string } | null;
}

export interface WebhookPayload {
  /** Event id: the same change always has the same id (receivers may dedupe on it). */
  id: string;
  type: WebhookEventType | 'ping';
  occurredAt: string;
  disclosure: WebhookDisclosure | null;
}

/**
 * Deterministic event id (UUID-shaped) of one change: a retried or replayed command produces the
 * same id, and the unique (endpoint_id, event_id) key then refuses a second delivery row.
 */
export function webhookEventId(type: WebhookEventType, disclosureId: string, version: number): string {
  const h = crypto.createHash('sha256').update(`gongkai.webhook.v1|${type}|${disclosureId}|${version}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * The public view of a record read inside the command's transaction (the masked public_* columns of
 * its current version; never the working copy or the original columns).
 */
export async function webhookDisclosureView(trx: Trx, ctx: AppContext, disclosureId: string): Promise<WebhookDisclosure> {
  const d = await publicVersionOf(trx, disclosureId);
  const decisions = decisionsAsOf(JSON.parse(d.pii_decisions_json) as PiiDecision[], d.version_at);
  const today = chinaDate(ctx.clock.now());
  return {
    id: d.id,
    title: d.public_title,
    unit: { code: d.unit_code, name: d.unit_name },
    indexNo: d.index_no ?? '',
    url: `${ctx.config.baseUrl}/disclosures/${d.id}`,
    publishedAt: d.published_at ?? '',
    version: d.current_version,
    status: d.status === 'withdrawn' ? 'withdrawn' : 'published',
    contentHash: d.content_hash,
    correctionReason: d.current_version > 1 ? publicReason(d.reason, decisions, today) : null,
    withdrawal: d.withdrawn_at ? { at: d.withdrawn_at, reason: publicReason(d.withdrawn_reason ?? '', decisions, today) } : null,
  };
}

/** A new delivery of `payload` to one endpoint, due at once (its `occurredAt`), with a fresh attempt budget. */
export function pendingDelivery(endpointId: string, payload: WebhookPayload, body: string = JSON.stringify(payload)): WebhookDeliveryTable {
  return {
    id: crypto.randomUUID(),
    endpoint_id: endpointId,
    event_id: payload.id,
    event_type: payload.type,
    payload_json: body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: payload.occurredAt,
    lease_until: null,
    last_attempt_at: null,
    last_status_code: null,
    last_error: null,
    created_at: payload.occurredAt,
    delivered_at: null,
  };
}

export interface WebhookEventInput {
  type: WebhookEventType;
  disclosureId: string;
  /** Materialized path of the record's unit (endpoints receive events of their unit's subtree). */
  unitPath: string;
  payload: WebhookDisclosure;
}

/**
 * Enqueues one delivery per active endpoint subscribed to the event type whose unit scope covers the
 * record's unit. Idempotent: the event id is derived from (type, record, version) and the unique key
 * (endpoint_id, event_id) skips rows that already exist. Returns the number of new deliveries.
 */
export async function enqueueWebhookEvents(scope: Pick<CommandScope, 'trx' | 'now'>, _ctx: AppContext, input: WebhookEventInput): Promise<number> {
  const { trx, now } = scope;
  const endpoints = await activeEndpointScopes(trx);
  const targets = endpoints.filter((e) => input.unitPath.startsWith(e.path) && (JSON.parse(e.events_json) as string[]).includes(input.type));
  if (targets.length === 0) return 0;
  const eventId = webhookEventId(input.type, input.disclosureId, input.payload.version);
  const at = now.toISOString();
  const payload: WebhookPayload = { id: eventId, type: input.type, occurredAt: at, disclosure: input.payload };
  const body = JSON.stringify(payload); // one serialization for every endpoint
  let n = 0;
  for (const e of targets) {
    const inserted = await insertDeliveryOnce(trx, pendingDelivery(e.id, payload, body));
    if (inserted) n += 1;
  }
  return n;
}
