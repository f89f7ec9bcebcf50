/**
 * Webhook delivery under a receiver that fails half the time: 500 publications (real workflow
 * through the HTTP API) → 500 events for one endpoint; a local receiver (node:http on 127.0.0.1)
 * answers 500 to ~50% of requests at random (seeded PRNG). Two dispatchers run concurrently each
 * round while a simulated clock jumps to the next due attempt, through the whole backoff schedule,
 * until every delivery is delivered. Deliveries that exhaust all 8 attempts (p = 1/256 each) go
 * dead, as designed; the benchmark then does what a county admin would do (manual retry through
 * the API) and counts them. The receiver dedupes by X-Gongkai-Delivery and counts.
 * Asserts nothing lost, no duplicate successful delivery, and valid signatures on every request.
 * Writes bench/results/webhooks.json.  Run: npm run bench:webhooks
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openFixture, publishGov } from '../src/modules/publishing/disclosure.fixture.ts';
import { dispatchDueDeliveries } from '../src/modules/publishing/feeds/webhooks.dispatch.ts';
import { startReceiver } from '../src/modules/publishing/feeds/test-receiver.ts';
import { loginAs } from '../test/helpers/test-app.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const SEED = 20261126;

function check(cond: boolean, what: string): void {
  if (!cond) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
}

const f = await openFixture('2026-11-26T01:00:00.000Z');
const ctx = f.t.rt.ctx;
const rx = await startReceiver({ record: false });
const random = seededRandom(SEED);
const successes = new Map<string, number>();
let requests = 0;
let badSignatures = 0;
let secret = '';
rx.respond = (req) => {
  requests += 1;
  const ts = req.headers['x-gongkai-timestamp'] as string;
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`;
  if (req.headers['x-gongkai-signature'] !== expected) badSignatures += 1;
  if (random() < 0.5) return 500;
  const id = req.headers['x-gongkai-delivery'] as string;
  successes.set(id, (successes.get(id) ?? 0) + 1);
  return 200;
};

const created = await f.t.app.inject({
  method: 'POST',
  url: '/api/v1/webhooks',
  headers: f.s.countyAdmin.headers(),
  payload: { name: '基准测试接收端', url: rx.url, events: ['disclosure.published'], unitScope: '321323' },
});
check(created.statusCode === 201, `create webhook: ${created.statusCode} ${created.body}`);
const hookId = created.json().webhook.id as string;
secret = created.json().secret as string;

const t0 = performance.now();
for (let i = 0; i < EVENTS; i++) await publishGov(f, `基准测试公开信息${i}`);
const publishMs = performance.now() - t0;
const enqueued = await ctx.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', hookId).execute();
check(enqueued.length === EVENTS, `enqueued ${enqueued.length} of ${EVENTS}`);

const start = f.clock.now().getTime();
let rounds = 0;
let manualRetries = 0;
let sessionAt = start;
const t1 = performance.now();
for (;;) {
  rounds += 1;
  await Promise.all([dispatchDueDeliveries(ctx, { limit: 1000, concurrency: 16 }), dispatchDueDeliveries(ctx, { limit: 1000, concurrency: 16 })]);
  const next = await ctx.db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  if (next?.at) {
    f.clock.set(next.at as string);
    continue;
  }
  const dead = await ctx.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'dead').execute();
  if (dead.length === 0) break;
  // What the county admin does with the delivery log: retry the dead ones (sessions last 12 h).
  if (f.clock.now().getTime() - sessionAt > 6 * 3600_000) {
    f.s.countyAdmin = await loginAs(f.t.app, 'countyadmin');
    sessionAt = f.clock.now().getTime();
  }
  for (const d of dead) {
    const r = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${hookId}/deliveries/${d.id}/retry`,
      headers: f.s.countyAdmin.headers(),
      payload: {},
    });
    check(r.statusCode === 200, `manual retry: ${r.statusCode} ${r.body}`);
    manualRetries += 1;
  }
}
const wallMs = performance.now() - t1;

const rows = await ctx.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', hookId).execute();
const delivered = rows.filter((r) => r.status === 'delivered').length;
const lost = rows.filter((r) => !successes.has(r.id)).length;
const duplicatesDelivered = [...successes.values()].filter((n) => n > 1).length;
const dbAttempts = rows.reduce((s, r) => s + r.attempts, 0);
check(delivered === EVENTS, `delivered ${delivered} of ${EVENTS}`);
check(lost === 0, `${lost} deliveries never reached the receiver`);
check(duplicatesDelivered === 0, `${duplicatesDelivered} deliveries were delivered twice`);
check(badSignatures === 0, `${badSignatures} bad signatures`);

const result = {
  events: EVENTS,
  attempts: requests,
  delivered,
  lost,
  duplicatesDelivered,
  wallMs: Math.round(wallMs),
  failureRate: 0.5,
  seed: SEED,
  deadThenManuallyRetried: manualRetries,
  attemptsRecordedSinceLastRetry: dbAttempts,
  dispatchRounds: rounds,
  simulatedHours: Math.round(((f.clock.now().getTime() - start) / 3600_000) * 10) / 10,
  concurrentDispatchers: 2,
  publishMs: Math.round(publishMs),
  database: ctx.dialect,
  node: process.version,
  date: new Date().toISOString(),
};
fs.mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
fs.writeFileSync(new URL('./results/webhooks.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
await rx.close();
await f.t.close();
