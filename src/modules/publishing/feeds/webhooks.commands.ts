/**
 * Webhook administration (county_admin, within the subtree of one of their grants): endpoints,
 * the delivery log, manual retry and a signed test ping. Every change is a runCommand with its
 * audit event; endpoints outside the caller's scope answer 404.
 */
import './webhooks.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { actorCoversPath, scopeRoots, type Actor } from '../../../platform/auth/roles.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { findUnit } from '../../org/index.ts';
import { checkWebhookUrl } from './webhooks.address.ts';
import { deliverNow, type DeliveryStatus } from './webhooks.dispatch.ts';
import { WEBHOOK_EVENTS, pendingDelivery, type WebhookEventType, type WebhookPayload } from './webhooks.events.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from './webhooks.tables.ts';
import { PUBLISHING_ADMINS } from '../disclosure.roles.ts';
import {
  deliveryCountsByStatus,
  deliveryPage,
  endpointsUnder,
  findDelivery,
  findEndpointWithUnit,
  insertDeliveryOnce,
  insertEndpoint,
  requeueDelivery,
  updateEndpoint,
} from './webhooks.repository.ts';

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: WebhookEventType[];
  unitScope: { code: string; name: string };
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  /** Counts of the delivery log by status. */
  deliveries: Record<DeliveryStatus, number>;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  disclosureId: string | null;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

const notFound = () => fail(404, 'WEBHOOK_NOT_FOUND', '推送地址不存在');

function requireAdmin(actor: Actor): Result<true> {
  return actor.grants.some((g) => PUBLISHING_ADMINS.includes(g.role)) ? ok(true) : fail(403, 'FORBIDDEN', '推送（Webhook）由县级管理员管理');
}

function cleanName(raw: string): Result<string> {
  const v = raw.trim();
  if (!v) return fail(400, 'INVALID_NAME', '请填写推送名称');
  if (v.length > 100) return fail(400, 'INVALID_NAME', '推送名称不能超过100字');
  return ok(v);
}

function cleanEvents(list: string[]): Result<WebhookEventType[]> {
  const bad = list.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (bad.length) return fail(400, 'INVALID_EVENT', `不支持的事件：${bad.join('、')}（可选：${WEBHOOK_EVENTS.join('、')}）`);
  if (list.length === 0) return fail(400, 'INVALID_EVENT', '请至少选择一个事件');
  return ok(WEBHOOK_EVENTS.filter((e) => list.includes(e)));
}

async function counts(db: Executor, endpointId: string): Promise<Record<DeliveryStatus, number>> {
  const rows = await deliveryCountsByStatus(db, endpointId);
  const out: Record<DeliveryStatus, number> = { pending: 0, delivering: 0, delivered: 0, failed: 0, dead: 0 };
  for (const r of rows) out[r.status as DeliveryStatus] = Number(r.n);
  return out;
}

async function toView(db: Executor, e: WebhookEndpointTable, unitName: string): Promise<WebhookView> {
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    events: JSON.parse(e.events_json),
    unitScope: { code: e.unit_scope, name: unitName },
    active: e.active === 1,
    createdAt: e.created_at,
    createdBy: e.created_by,
    updatedAt: e.updated_at,
    deliveries: await counts(db, e.id),
  };
}

/** The endpoint if a county_admin grant of the actor covers its unit scope; else 404. */
async function loadEndpoint(db: Executor, actor: Actor, id: string): Promise<Result<{ e: WebhookEndpointTable; unitName: string }>> {
  const row = await findEndpointWithUnit(db, id);
  if (!row || !actorCoversPath(actor, row.unit_path, PUBLISHING_ADMINS)) return notFound();
  const { unit_path: _p, unit_name, ...e } = row;
  return ok({ e, unitName: unit_name });
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  events: string[];
  unitScope: string;
}

/** Creates an endpoint; the signing secret is in the result once and never returned again. */
export async function createWebhook(ctx: AppContext, meta: CommandMeta, input: CreateWebhookInput): Promise<Result<{ webhook: WebhookView; secret: string }>> {
  const actor = meta.actor!;
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const name = cleanName(input.name);
  if (!name.ok) return name;
  const url = checkWebhookUrl(input.url, ctx.config.webhookAllowLoopback);
  if (!url.ok) return url;
  const events = cleanEvents(input.events);
  if (!events.ok) return events;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, input.unitScope);
    if (!unit || !actorCoversPath(actor, unit.path, PUBLISHING_ADMINS)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${input.unitScope}`);
    const secret = `whsec_${crypto.randomBytes(32).toString('hex')}`;
    const at = now.toISOString();
    const e: WebhookEndpointTable = {
      id: crypto.randomUUID(),
      name: name.value,
      url: url.value,
      secret,
      events_json: JSON.stringify(events.value),
      unit_scope: unit.code,
      active: 1,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
    };
    await insertEndpoint(trx, e);
    await audit({
      unitCode: unit.code,
      action: 'webhook.create',
      entityType: 'webhook_endpoint',
      entityId: e.id,
      after: { name: e.name, url: e.url, events: events.value, unitScope: unit.code },
    });
    return ok({ webhook: await toView(trx, e, unit.name), secret });
  });
}

export async function listWebhooks(ctx: AppContext, actor: Actor): Promise<Result<WebhookView[]>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const roots = scopeRoots(actor, PUBLISHING_ADMINS);
  const rows = await endpointsUnder(ctx.db, roots);
  const out: WebhookView[] = [];
  for (const { unit_name, ...e } of rows) out.push(await toView(ctx.db, e, unit_name));
  return ok(out);
}

export async function getWebhook(ctx: AppContext, actor: Actor, id: string): Promise<Result<WebhookView>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const loaded = await loadEndpoint(ctx.db, actor, id);
  if (!loaded.ok) return loaded;
  return ok(await toView(ctx.db, loaded.value.e, loaded.value.unitName));
}

export async function updateWebhook(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  patch: { name?: string; active?: boolean; events?: string[] },
): Promise<Result<WebhookView>> {
  const actor = meta.actor!;
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const name = patch.name === undefined ? null : cleanName(patch.name);
  if (name && !name.ok) return name;
  const events = patch.events === undefined ? null : cleanEvents(patch.events);
  if (events && !events.ok) return events;
  if (patch.name === undefined && patch.active === undefined && patch.events === undefined)
    return fail(400, 'NO_CHANGE', '请至少修改名称、启用状态或事件中的一项');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadEndpoint(trx, actor, id);
    if (!loaded.ok) return loaded;
    const { e, unitName } = loaded.value;
    const next: WebhookEndpointTable = {
      ...e,
      name: name?.value ?? e.name,
      active: patch.active === undefined ? e.active : patch.active ? 1 : 0,
      events_json: events ? JSON.stringify(events.value) : e.events_json,
      updated_at: now.toISOString(),
    };
    await updateEndpoint(trx, id, { name: next.name, active: next.active, events_json: next.events_json, updated_at: next.updated_at });
    await audit({
      unitCode: e.unit_scope,
      action: 'webhook.update',
      entityType: 'webhook_endpoint',
      entityId: id,
      before: { name: e.name, active: e.active === 1, events: JSON.parse(e.events_json) },
      after: { name: next.name, active: next.active === 1, events: JSON.parse(next.events_json) },
    });
    return ok(await toView(trx, next, unitName));
  });
}

/** DELETE: the endpoint is deactivated, its delivery log kept. */
export async function deactivateWebhook(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<WebhookView>> {
  const actor = meta.actor!;
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadEndpoint(trx, actor, id);
    if (!loaded.ok) return loaded;
    const { e, unitName } = loaded.value;
    const at = now.toISOString();
    await updateEndpoint(trx, id, { active: 0, updated_at: at });
    await audit({
      unitCode: e.unit_scope,
      action: 'webhook.deactivate',
      entityType: 'webhook_endpoint',
      entityId: id,
      before: { active: e.active === 1 },
      after: { active: false },
    });
    return ok(await toView(trx, { ...e, active: 0, updated_at: at }, unitName));
  });
}

function deliveryView(d: WebhookDeliveryTable): DeliveryView {
  const payload = JSON.parse(d.payload_json) as WebhookPayload;
  const waiting = d.status === 'pending' || d.status === 'failed';
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    disclosureId: payload.disclosure?.id ?? null,
    status: d.status as DeliveryStatus,
    attempts: d.attempts,
    createdAt: d.created_at,
    lastAttemptAt: d.last_attempt_at,
    nextAttemptAt: waiting ? d.next_attempt_at : null,
    deliveredAt: d.delivered_at,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
  };
}

export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  id: string,
  q: { status?: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: DeliveryView[] }>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const loaded = await loadEndpoint(ctx.db, actor, id);
  if (!loaded.ok) return loaded;
  const { total, rows } = await deliveryPage(ctx.db, id, q);
  return ok({ total, items: rows.map(deliveryView) });
}

/** A dead (or waiting) delivery is queued again for an immediate attempt with a fresh attempt budget. */
export async function retryDelivery(ctx: AppContext, meta: CommandMeta, id: string, deliveryId: string): Promise<Result<DeliveryView>> {
  const actor = meta.actor!;
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadEndpoint(trx, actor, id);
    if (!loaded.ok) return loaded;
    const d = await findDelivery(trx, deliveryId, id);
    if (!d) return fail(404, 'DELIVERY_NOT_FOUND', '推送记录不存在');
    if (d.status === 'delivered') return fail(409, 'ALREADY_DELIVERED', '该推送已成功送达，无需重试');
    if (d.status === 'delivering') return fail(409, 'DELIVERING', '该推送正在发送中，请稍后查看结果');
    if (d.status === 'pending') return fail(409, 'ALREADY_PENDING', '该推送已在等待发送');
    const at = now.toISOString();
    if (!(await requeueDelivery(trx, deliveryId, d.status, at))) return fail(409, 'CHANGED', '该推送的状态刚刚发生变化，请刷新后重试');
    await audit({
      unitCode: loaded.value.e.unit_scope,
      action: 'webhook.delivery.retry',
      entityType: 'webhook_delivery',
      entityId: deliveryId,
      before: { status: d.status, attempts: d.attempts },
      after: { status: 'pending', attempts: 0 },
    });
    return ok(deliveryView({ ...d, status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null }));
  });
}

/** Sends a signed `ping` now (one attempt, no retries) and reports the outcome; logged like any delivery. */
export async function pingWebhook(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<DeliveryView>> {
  const actor = meta.actor!;
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const created = await runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadEndpoint(trx, actor, id);
    if (!loaded.ok) return loaded;
    if (loaded.value.e.active !== 1) return fail(409, 'WEBHOOK_INACTIVE', '推送地址已停用，请先启用');
    const at = now.toISOString();
    const eventId = crypto.randomUUID();
    const payload: WebhookPayload = { id: eventId, type: 'ping', occurredAt: at, disclosure: null };
    const delivery = pendingDelivery(id, payload);
    const deliveryId = delivery.id;
    await insertDeliveryOnce(trx, delivery);
    await audit({ unitCode: loaded.value.e.unit_scope, action: 'webhook.ping', entityType: 'webhook_endpoint', entityId: id, after: { deliveryId } });
    return ok(deliveryId);
  });
  if (!created.ok) return created;
  await deliverNow(ctx, created.value);
  const d = await findDelivery(ctx.db, created.value);
  if (!d) throw new Error(`webhook delivery ${created.value} vanished after the ping`);
  return ok(deliveryView(d));
}
