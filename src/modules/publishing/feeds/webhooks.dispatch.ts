/**
 * Delivery of webhook events. Safe with many processes on one database:
 * - a delivery is CLAIMED with a conditional UPDATE (status → delivering, lease_until = now + 60 s)
 *   that succeeds for exactly one caller (the affected row count is checked);
 * - a claim whose process died is retaken after its lease expires (that attempt counts);
 * - the outcome is written only while the claim is still ours (same lease value), so a late
 *   answer cannot overwrite a newer attempt.
 * Time comes from ctx.clock; the runner (webhooks.runner.ts) and the tests call dispatchDueDeliveries.
 */
import './webhooks.tables.ts';
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AppContext } from '../../../platform/context.ts';
import { runCommand } from '../../../platform/command.ts';
import { ok } from '../../../platform/result.ts';
import { addressAllowed, guardedLookup } from './webhooks.address.ts';
import { claimDelivery, deliveryToSend, dueDeliveryIds, giveBackDelivery, setOwnedDelivery } from './webhooks.repository.ts';

/**
 * Retry schedule: the wait after the 1st, 2nd, … failed attempt. After attempt number
 * RETRY_DELAYS_SECONDS.length + 1 (= 8) fails, the delivery is dead (a county admin may retry it).
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600, 6 * 3600, 6 * 3600, 6 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const LEASE_SECONDS = 60;
export const ATTEMPT_TIMEOUT_MS = 10_000;

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'dead';

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The wait before the next attempt after `attempts` failed attempts, or null when the delivery is dead. */
export function nextDelaySeconds(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return RETRY_DELAYS_SECONDS[Math.max(1, attempts) - 1];
}

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

interface SendInput {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowLoopback: boolean;
  timeoutMs?: number;
}

/** One POST; never throws. No redirects are followed; the response body is read and discarded. */
export function sendWebhook(input: SendInput): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return resolve({ ok: false, statusCode: null, error: '接收地址无效' });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !addressAllowed(host, input.allowLoopback)) return resolve({ ok: false, statusCode: null, error: '接收地址指向不允许的地址' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), input.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
    const done = (o: SendOutcome) => {
      clearTimeout(timer);
      resolve(o);
    };
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      {
        method: 'POST',
        signal: controller.signal,
        lookup: guardedLookup(input.allowLoopback),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(input.body)),
          'user-agent': 'Gongkai-Webhooks/1',
          ...input.headers,
        },
      },
      (res) => {
        res.on('data', () => {});
        res.on('error', () => {});
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          done(code >= 200 && code < 300 ? { ok: true, statusCode: code, error: null } : { ok: false, statusCode: code, error: `HTTP ${code}` });
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      const error = controller.signal.aborted
        ? `超时（${Math.round((input.timeoutMs ?? ATTEMPT_TIMEOUT_MS) / 1000)}秒无响应）`
        : e.code === 'EADDRNOTALLOWED'
          ? '接收地址解析到不允许的地址'
          : `网络错误 ${e.code ?? e.message}`.slice(0, 200);
      done({ ok: false, statusCode: null, error });
    });
    req.end(input.body);
  });
}

export interface DispatchReport {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
}

const iso = (d: Date) => d.toISOString();
const plusSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/**
 * Claims one delivery for this caller. The WHERE clause repeats the "due" condition, so of two
 * processes racing for the same row exactly one sees an affected row.
 */
async function claim(ctx: AppContext, id: string, now: Date, lease: string): Promise<boolean> {
  const nowIso = iso(now);
  return claimDelivery(ctx.db, id, nowIso, lease);
}

/** Sends one claimed delivery and records the outcome (only while the claim is still ours). */
async function attempt(ctx: AppContext, id: string, now: Date, lease: string, opts: { noRetry?: boolean } = {}): Promise<DeliveryStatus | null> {
  const row = await deliveryToSend(ctx.db, id);
  if (!row || row.status !== 'delivering' || row.lease_until !== lease) return null;
  if (row.active !== 1) {
    // Endpoint switched off after the row was selected: give the attempt back, send nothing.
    await giveBackDelivery(ctx.db, id, lease);
    return null;
  }
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const outcome = await sendWebhook({
    url: row.url,
    body: row.payload_json,
    allowLoopback: ctx.config.webhookAllowLoopback,
    headers: {
      'x-gongkai-event': row.event_type,
      'x-gongkai-delivery': row.id,
      'x-gongkai-timestamp': timestamp,
      'x-gongkai-signature': signWebhook(row.secret, timestamp, row.payload_json),
    },
  });
  if (outcome.ok) {
    await setOwnedDelivery(ctx.db, id, lease, {
      status: 'delivered',
      lease_until: null,
      delivered_at: iso(now),
      last_status_code: outcome.statusCode,
      last_error: null,
    });
    return 'delivered';
  }
  const delay = opts.noRetry ? null : nextDelaySeconds(row.attempts);
  if (delay !== null) {
    await setOwnedDelivery(ctx.db, id, lease, {
      status: 'failed',
      lease_until: null,
      next_attempt_at: iso(plusSeconds(now, delay)),
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
    });
    return 'failed';
  }
  // Giving up is a state change an administrator must be able to trace: audited.
  const r = await runCommand(ctx, { actor: null }, async ({ trx, audit }) => {
    const mine = await setOwnedDelivery(trx, id, lease, { status: 'dead', lease_until: null, last_status_code: outcome.statusCode, last_error: outcome.error });
    if (!mine) return ok(false);
    await audit({
      unitCode: row.unit_scope,
      action: 'webhook.delivery.dead',
      entityType: 'webhook_delivery',
      entityId: id,
      after: { attempts: row.attempts, event: row.event_type, lastStatusCode: outcome.statusCode, lastError: outcome.error },
    });
    return ok(true);
  });
  return r.ok && r.value ? 'dead' : null;
}

/**
 * Claims and sends up to `limit` due deliveries (oldest due first), `concurrency` at a time.
 * Idempotent and safe to run in several processes at once.
 */
export async function dispatchDueDeliveries(ctx: AppContext, opts: { limit?: number; concurrency?: number } = {}): Promise<DispatchReport> {
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const lease = iso(plusSeconds(now, LEASE_SECONDS));
  const due = await dueDeliveryIds(ctx.db, nowIso, opts.limit ?? 100);
  const report: DispatchReport = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (!(await claim(ctx, id, now, lease))) continue;
      report.claimed += 1;
      const status = await attempt(ctx, id, now, lease);
      if (status === 'delivered' || status === 'failed' || status === 'dead') report[status] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  return report;
}

/** Sends one delivery now (test ping): one attempt, no retries. */
export async function deliverNow(ctx: AppContext, id: string): Promise<DeliveryStatus | null> {
  const now = ctx.clock.now();
  const lease = iso(plusSeconds(now, LEASE_SECONDS));
  if (!(await claim(ctx, id, now, lease))) return null;
  return attempt(ctx, id, now, lease, { noRetry: true });
}
