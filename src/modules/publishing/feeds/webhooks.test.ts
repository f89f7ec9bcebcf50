import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config/config.ts';
import { verifyAuditChain } from '../../../platform/audit/audit-log.ts';
import { errorOf, loginAs, type Session } from '../../../../test/helpers/test-app.ts';
import { DEPT, OTHER_VILLAGE, VILLAGE, openFixture, publishGov, publishVillage, type Fixture, correctVillage } from '../disclosure.fixture.ts';
import { checkWebhookUrl, classifyAddress } from './webhooks.address.ts';
import { LEASE_SECONDS, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, dispatchDueDeliveries } from './webhooks.dispatch.ts';
import { enqueueWebhookEvents, webhookDisclosureView } from './webhooks.events.ts';
import { startReceiver, type Receiver } from './test-receiver.ts';

const MOBILE = '13812345678';

describe('outbound webhooks', () => {
  let f: Fixture;
  let rx: Receiver;
  let hookId: string;
  let secret: string;
  const db = () => f.t.rt.ctx.db;
  const call = async (who: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    f.t.app.inject({ method, url, headers: who ? who.headers() : {}, payload: payload as never });
  const advance = (seconds: number) => f.clock.set(new Date(f.clock.now().getTime() + seconds * 1000).toISOString());
  const dispatch = () => dispatchDueDeliveries(f.t.rt.ctx);
  /** After the simulated clock has jumped past the session lifetime. */
  const relogin = async () => {
    for (const k of Object.keys(f.s) as (keyof Fixture['s'])[]) f.s[k] = await loginAs(f.t.app, k.toLowerCase());
  };
  const deliveriesOf = (endpointId: string) =>
    db().selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('created_at').execute();
  const forDisclosure = async (endpointId: string, disclosureId: string) =>
    (await deliveriesOf(endpointId)).filter((d) => JSON.parse(d.payload_json).disclosure?.id === disclosureId);

  beforeAll(async () => {
    f = await openFixture();
    rx = await startReceiver();
    const res = await call(f.s.countyAdmin, 'POST', '/api/v1/webhooks', {
      name: '县数字乡村平台',
      url: rx.url,
      events: ['disclosure.published', 'disclosure.corrected', 'disclosure.withdrawn'],
      unitScope: '321323',
    });
    expect(res.statusCode, res.body).toBe(201);
    hookId = res.json().webhook.id;
    secret = res.json().secret;
  }, 60_000);
  afterAll(async () => {
    await rx?.close();
    await f?.t.close();
  });

  it('delivers a publication signed with the endpoint secret; the secret is shown once only', async () => {
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const id = await publishVillage(f);
    const [d] = await forDisclosure(hookId, id);
    expect(d).toMatchObject({ status: 'pending', attempts: 0, event_type: 'disclosure.published' });
    const report = await dispatch();
    expect(report).toMatchObject({ claimed: 1, delivered: 1 });
    expect(rx.requests).toHaveLength(1);
    const req = rx.requests[0];
    expect(req.headers['x-gongkai-event']).toBe('disclosure.published');
    expect(req.headers['x-gongkai-delivery']).toBe(d.id);
    expect(req.headers['content-type']).toContain('application/json');
    const ts = req.headers['x-gongkai-timestamp'] as string;
    expect(Number(ts)).toBe(Math.floor(f.clock.now().getTime() / 1000));
    const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`;
    expect(req.headers['x-gongkai-signature']).toBe(expected);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      type: 'disclosure.published',
      id: d.event_id,
      disclosure: { id, status: 'published', version: 1, unit: { code: VILLAGE }, url: `${f.t.rt.ctx.config.baseUrl}/disclosures/${id}` },
    });
    expect(body.disclosure.indexNo).toMatch(/\/2026-\d{5}$/);
    expect(body.disclosure.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await forDisclosure(hookId, id))[0]).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });

    // Never again: not in the list, the detail, the log or the audit trail.
    for (const url of ['/api/v1/webhooks', `/api/v1/webhooks/${hookId}`, `/api/v1/webhooks/${hookId}/deliveries`]) {
      const res = await call(f.s.countyAdmin, 'GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secret);
    }
    const audit = await db().selectFrom('audit_events').select(['after_json', 'before_json']).execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
    // Nothing is sent twice.
    expect((await dispatch()).claimed).toBe(0);
    expect(rx.requests).toHaveLength(1);
  });

  it('retries after a 500 with backoff, then succeeds with the same delivery id', async () => {
    rx.requests.length = 0;
    let n = 0;
    rx.respond = () => (++n === 1 ? 500 : 200);
    const { id } = await publishGov(f, '政府信息公开年度报告');
    const t0 = f.clock.now();
    expect(await dispatch()).toMatchObject({ claimed: 1, failed: 1 });
    let [d] = await forDisclosure(hookId, id);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 500, last_error: 'HTTP 500' });
    expect(d.next_attempt_at).toBe(new Date(t0.getTime() + RETRY_DELAYS_SECONDS[0] * 1000).toISOString());
    // Not due yet.
    advance(RETRY_DELAYS_SECONDS[0] - 1);
    expect((await dispatch()).claimed).toBe(0);
    advance(1);
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    [d] = await forDisclosure(hookId, id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, last_error: null });
    expect(rx.requests.map((r) => r.headers['x-gongkai-delivery'])).toEqual([d.id, d.id]);
    const log = (await call(f.s.countyAdmin, 'GET', `/api/v1/webhooks/${hookId}/deliveries?status=delivered`)).json();
    expect(log.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({
      attempts: 2,
      lastStatusCode: 200,
      disclosureId: id,
      deliveredAt: f.clock.now().toISOString(),
    });
    rx.respond = () => 200;
  });

  it('follows the backoff schedule, gives up after the last attempt (audited) and can be retried by hand', async () => {
    rx.requests.length = 0;
    rx.respond = () => 503;
    const { id } = await publishGov(f, '将被放弃的推送');
    const waits: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const before = f.clock.now().getTime();
      expect((await dispatch()).claimed).toBe(1);
      const [d] = await forDisclosure(hookId, id);
      if (d.status === 'dead') break;
      const wait = (new Date(d.next_attempt_at).getTime() - before) / 1000;
      waits.push(wait);
      advance(wait);
    }
    expect(waits).toEqual([...RETRY_DELAYS_SECONDS]);
    const [dead] = await forDisclosure(hookId, id);
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, last_status_code: 503 });
    expect(rx.requests).toHaveLength(MAX_ATTEMPTS);
    advance(24 * 3600);
    expect((await dispatch()).claimed).toBe(0);
    const ev = await db().selectFrom('audit_events').select('action').where('entity_id', '=', dead.id).execute();
    expect(ev.map((e) => e.action)).toEqual(['webhook.delivery.dead']);
    await relogin();

    // Manual retry: only for the endpoint's admin; a delivered one cannot be retried.
    expect((await call(f.s.clerk, 'POST', `/api/v1/webhooks/${hookId}/deliveries/${dead.id}/retry`, {})).statusCode).toBe(403);
    expect((await call(f.s.townAdmin, 'POST', `/api/v1/webhooks/${hookId}/deliveries/${dead.id}/retry`, {})).statusCode).toBe(404);
    const retried = await call(f.s.countyAdmin, 'POST', `/api/v1/webhooks/${hookId}/deliveries/${dead.id}/retry`, {});
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    rx.respond = () => 204;
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    const again = await call(f.s.countyAdmin, 'POST', `/api/v1/webhooks/${hookId}/deliveries/${dead.id}/retry`, {});
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('已成功送达');
    rx.respond = () => 200;
  });

  it('two dispatchers running at once never send the same delivery twice', async () => {
    rx.requests.length = 0;
    rx.respond = () => new Promise((resolve) => setTimeout(() => resolve(200), 15));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await publishGov(f, `并发推送${i}`)).id);
    const [a, b] = await Promise.all([dispatchDueDeliveries(f.t.rt.ctx, { concurrency: 3 }), dispatchDueDeliveries(f.t.rt.ctx, { concurrency: 3 })]);
    expect(a.claimed + b.claimed).toBe(6);
    expect(a.delivered + b.delivered).toBe(6);
    const hits = rx.requests.map((r) => r.headers['x-gongkai-delivery']);
    expect(hits).toHaveLength(6);
    expect(new Set(hits).size).toBe(6);
    rx.respond = () => 200;
  });

  it('a claim abandoned by a crashed process is taken over after its lease, not before', async () => {
    rx.requests.length = 0;
    const { id } = await publishGov(f, '租约测试');
    const [d] = await forDisclosure(hookId, id);
    const now = f.clock.now();
    // Another process claimed it and died before recording the outcome.
    await db()
      .updateTable('webhook_deliveries')
      .set({ status: 'delivering', attempts: 1, lease_until: new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString() })
      .where('id', '=', d.id)
      .execute();
    expect((await dispatch()).claimed).toBe(0);
    advance(LEASE_SECONDS + 1);
    expect(await dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect((await forDisclosure(hookId, id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(rx.requests).toHaveLength(1);
  });

  it('enqueues an event exactly once, even when the command or the enqueue is repeated', async () => {
    const { id } = await publishGov(f, '重复发布');
    const repeat = await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect(repeat.statusCode).toBe(409);
    expect(await forDisclosure(hookId, id)).toHaveLength(1);
    const ctx = f.t.rt.ctx;
    const unit = await db().selectFrom('org_units').select('path').where('code', '=', DEPT).executeTakeFirstOrThrow();
    const added = await db()
      .transaction()
      .execute(async (trx) => {
        const payload = await webhookDisclosureView(trx, ctx, id);
        const scope = { trx, now: ctx.clock.now() };
        return [
          await enqueueWebhookEvents(scope, ctx, { type: 'disclosure.published', disclosureId: id, unitPath: unit.path, payload }),
          await enqueueWebhookEvents(scope, ctx, { type: 'disclosure.published', disclosureId: id, unitPath: unit.path, payload }),
        ];
      });
    expect(added).toEqual([0, 0]);
    expect(await forDisclosure(hookId, id)).toHaveLength(1);
    await dispatch();
  });

  it('delivers corrections and withdrawals as their own events, filtered by unit scope and event type', async () => {
    const mk = async (name: string, unitScope: string, events: string[]) => {
      const res = await call(f.s.countyAdmin, 'POST', '/api/v1/webhooks', { name, url: rx.url, events, unitScope });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().webhook.id as string;
    };
    const otherTown = await mk('王集镇', '321323106', ['disclosure.published', 'disclosure.corrected', 'disclosure.withdrawn']);
    const village = await mk('卜湖社区', VILLAGE, ['disclosure.published', 'disclosure.corrected', 'disclosure.withdrawn']);
    const withdrawOnly = await mk('仅撤回', '321323', ['disclosure.withdrawn']);
    const id = await publishVillage(f);
    const corr = await correctVillage(f, id, { reason: '会议日期有误', body: '<p>村民代表会议决定：修建村内道路（更正）。</p>' });
    expect(corr.statusCode, corr.body).toBe(200);
    const wd = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '项目暂缓实施' });
    expect(wd.statusCode, wd.body).toBe(200);
    expect(await forDisclosure(otherTown, id)).toHaveLength(0);
    expect((await forDisclosure(village, id)).map((d) => d.event_type)).toEqual(['disclosure.published', 'disclosure.corrected', 'disclosure.withdrawn']);
    expect((await forDisclosure(withdrawOnly, id)).map((d) => d.event_type)).toEqual(['disclosure.withdrawn']);
    const [, corrected, withdrawn] = await forDisclosure(hookId, id);
    expect(JSON.parse(corrected.payload_json).disclosure).toMatchObject({ version: 2, correctionReason: '会议日期有误', status: 'published' });
    expect(JSON.parse(withdrawn.payload_json).disclosure).toMatchObject({ status: 'withdrawn', withdrawal: { reason: '项目暂缓实施' } });
    // A dept record is outside the village scope.
    const gov = await publishGov(f, '民政局信息');
    expect(await forDisclosure(village, gov.id)).toHaveLength(0);
    rx.requests.length = 0;
    await dispatch();
    expect(rx.requests.length).toBeGreaterThanOrEqual(6);
  });

  it('payloads carry the public, masked view only', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      title: `联系人电话${MOBILE}的公告`,
      formedOn: '2026-11-25',
      body: `<p>联系电话：${MOBILE}，请村民知悉。</p>`,
    });
    expect(d.statusCode, d.body).toBe(201);
    const id = d.json().id;
    const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
    for (const h of scan.json().hits as { fingerprint: string }[])
      expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);
    const [row] = await forDisclosure(hookId, id);
    expect(row.payload_json).not.toContain(MOBILE);
    expect(JSON.parse(row.payload_json).disclosure.title).toBe('联系人电话138****5678的公告');
    rx.requests.length = 0;
    await dispatch();
    const sent = rx.requests.find((r) => JSON.parse(r.body).disclosure?.id === id)!;
    expect(sent.body).not.toContain(MOBILE);
    expect(sent.body).not.toContain('bodyHtml');
  });

  it('sends a signed ping on request and logs it', async () => {
    rx.requests.length = 0;
    const res = await call(f.s.countyAdmin, 'POST', `/api/v1/webhooks/${hookId}/test`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ eventType: 'ping', status: 'delivered', attempts: 1, lastStatusCode: 200 });
    const req = rx.requests[0];
    const ts = req.headers['x-gongkai-timestamp'] as string;
    expect(req.headers['x-gongkai-signature']).toBe(`sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`);
    expect(JSON.parse(req.body)).toMatchObject({ type: 'ping', disclosure: null });
  });

  it('admin API: county admin within scope; others 403; anonymous 401; outside scope 404; Chinese 400s', async () => {
    expect((await call(null, 'GET', '/api/v1/webhooks')).statusCode).toBe(401);
    expect((await call(f.s.clerk, 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect(
      (await call(f.s.reviewer, 'POST', '/api/v1/webhooks', { name: 'x', url: 'https://example.org/h', events: ['disclosure.published'], unitScope: DEPT }))
        .statusCode,
    ).toBe(403);
    // The town admin sees only endpoints of its town; the county one is invisible (404).
    const town = await call(f.s.townAdmin, 'GET', '/api/v1/webhooks');
    expect(town.json().items.map((w: { unitScope: { code: string } }) => w.unitScope.code)).toEqual([VILLAGE]);
    for (const [method, url] of [
      ['GET', `/api/v1/webhooks/${hookId}`],
      ['PATCH', `/api/v1/webhooks/${hookId}`],
      ['DELETE', `/api/v1/webhooks/${hookId}`],
      ['GET', `/api/v1/webhooks/${hookId}/deliveries`],
      ['POST', `/api/v1/webhooks/${hookId}/test`],
    ] as const) {
      expect(
        (await call(f.s.townAdmin, method, url, method === 'PATCH' ? { active: false } : method === 'POST' ? {} : undefined)).statusCode,
        `${method} ${url}`,
      ).toBe(404);
    }
    const outside = await call(f.s.townAdmin, 'POST', '/api/v1/webhooks', {
      name: '越权',
      url: 'https://example.org/h',
      events: ['disclosure.published'],
      unitScope: OTHER_VILLAGE,
    });
    expect(outside.statusCode).toBe(404);

    const bad = async (payload: Record<string, unknown>, text: string) => {
      const res = await call(f.s.countyAdmin, 'POST', '/api/v1/webhooks', {
        name: '测试',
        url: 'https://example.org/h',
        events: ['disclosure.published'],
        unitScope: '321323',
        ...payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res).message).toContain(text);
    };
    await bad({ url: 'ftp://example.org/h' }, 'http');
    await bad({ url: 'not a url' }, '不是有效的网址');
    await bad({ url: 'http://10.1.2.3/h' }, '内网');
    await bad({ url: 'http://169.254.169.254/latest' }, '内网');
    await bad({ url: 'https://user:pw@example.org/h' }, '用户名或密码');
    await bad({ events: ['disclosure.deleted'] }, '不支持的事件');
    await bad({ events: [] }, '至少选择一个事件');
    await bad({ name: '  ' }, '推送名称');
    await bad({ extra: 1 }, '不支持的字段');

    // PATCH and DELETE (deactivate, history kept), audited.
    const patched = await call(f.s.countyAdmin, 'PATCH', `/api/v1/webhooks/${hookId}`, { name: '县数字乡村平台（正式）', events: ['disclosure.published'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '县数字乡村平台（正式）', events: ['disclosure.published'], active: true });
    const del = await call(f.s.countyAdmin, 'DELETE', `/api/v1/webhooks/${hookId}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().active).toBe(false);
    expect(del.json().deliveries.delivered).toBeGreaterThan(5);
    const { id } = await publishGov(f, '停用后发布');
    expect(await forDisclosure(hookId, id)).toHaveLength(0);
    const actions = (await db().selectFrom('audit_events').select('action').where('entity_id', '=', hookId).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['webhook.create', 'webhook.ping', 'webhook.update', 'webhook.deactivate']);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('refuses loopback receivers unless the configuration allows them', () => {
    expect(loadConfig({}).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ GONGKAI_WEBHOOK_ALLOW_LOOPBACK: '1' }).webhookAllowLoopback).toBe(true);
    expect(loadConfig({ GONGKAI_JOBS: '0' }).jobs).toBe(false);
    const r = checkWebhookUrl('http://127.0.0.1:8080/hook', false);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('本机');
    expect(checkWebhookUrl('http://localhost/hook', false).ok).toBe(false);
    expect(checkWebhookUrl('http://[::1]/hook', false).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://192.168.1.5/hook', true).ok).toBe(false);
    expect(checkWebhookUrl('https://app.siyang.gov.cn/hooks/gongkai', false).ok).toBe(true);
    expect(
      ['10.0.0.1', '172.20.1.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1'].map(classifyAddress),
    ).toEqual(Array(9).fill('private'));
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('58.213.1.1')).toBe('public');
  });
});
