/**
 * Sign-in throttling instead of lockout (issue 13 §3), over HTTP on a real database with a hand-moved clock:
 * growing delays per account + address, a per-address limit, a per-account alarm (audit + notification to the
 * county office), and the owner always getting in from another address. Only hashes of addresses are stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, errorOf, TEST_PASSWORD, loginAs, type TestApp } from '../../../test/helpers/test-app.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { decideLogin, pairDelaySeconds, waitText } from '../../platform/auth/login-throttle.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';

describe('sign-in throttling rules (pure)', () => {
  it('grows the delay after the free attempts, capped at 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 8, 14, 15, 40].map((n) => pairDelaySeconds(n, 5))).toEqual([0, 0, 1, 2, 4, 8, 512, 900, 900]);
    expect(waitText(1)).toBe('1秒');
    expect(waitText(61)).toBe('2分钟');
  });

  it('refuses an address over its limit until the limit-th newest failure leaves the 15-minute window', () => {
    const now = 1_000_000_000;
    const limits = { freeAttempts: 5, addressLimit: 3, alarmAfter: 10 };
    expect(decideLogin({ now, pairFailures: 0, lastPairFailureAt: null, addressFailuresNewestFirst: [now - 1000, now - 2000] }, limits)).toEqual({ ok: true });
    const r = decideLogin({ now, pairFailures: 0, lastPairFailureAt: null, addressFailuresNewestFirst: [now - 1000, now - 2000, now - 600_000] }, limits);
    expect(r).toMatchObject({ ok: false, code: 'LOGIN_ADDRESS_LIMIT', retryAfterSeconds: 300 });
    expect(decideLogin({ now, pairFailures: 6, lastPairFailureAt: now - 1500, addressFailuresNewestFirst: [] }, limits)).toMatchObject({
      ok: false,
      code: 'LOGIN_DELAYED',
      retryAfterSeconds: 1,
    });
    expect(decideLogin({ now, pairFailures: 6, lastPairFailureAt: now - 2000, addressFailuresNewestFirst: [] }, limits)).toEqual({ ok: true });
  });
});

describe('sign-in throttling over HTTP', () => {
  let t: TestApp;
  let clock: TestClock;
  const A = '203.0.113.7';
  const B = '198.51.100.20';
  beforeEach(async () => {
    clock = new TestClock(new Date('2026-11-30T00:30:00.000Z'));
    t = await openTestApp({ clock, config: { login: { freeAttempts: 5, addressLimit: 15, alarmAfter: 6 } } });
    await makeUser(t.rt, 'county_admin', '321323', 'county.admin');
    await makeUser(t.rt, 'county_admin', '321323', 'county.admin2');
    await makeUser(t.rt, 'county_admin', '321323002', 'town.admin');
  });
  afterEach(() => t.close());

  const attempt = (username: string, password: string, address: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: address });
  const tick = (ms: number) => (clock.current = new Date(clock.current.getTime() + ms));

  it('an attacker from address A hammers county.admin; county.admin from address B logs in at once, and no account is locked', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      seen.push((await attempt('county.admin', `guess-${i}`, A)).statusCode);
      tick(200);
    }
    // Five wrong passwords are answered as such; from then on address A has to wait before each try.
    expect(seen.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(seen.filter((s) => s === 429).length).toBeGreaterThan(20);
    const delayed = await attempt('county.admin', TEST_PASSWORD, A);
    expect(delayed.statusCode).toBe(429);
    expect(errorOf(delayed).code).toBe('LOGIN_DELAYED');
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(errorOf(delayed).message).toMatch(/请\d+(秒|分钟)后再试/);
    // The owner, elsewhere, is not slowed at all.
    const owner = await attempt('county.admin', TEST_PASSWORD, B);
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().user.username).toBe('county.admin');
  });

  it('delays grow 1 s, 2 s, 4 s after five failures from one address; a wait lets one try through; a success clears them', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('county.admin', 'wrong-password', A)).statusCode).toBe(401);
    const waits: number[] = [];
    for (const delay of [1, 2, 4]) {
      const early = await attempt('county.admin', 'wrong-password', A);
      expect(early.statusCode).toBe(429);
      waits.push(Number(early.headers['retry-after']));
      tick(delay * 1000);
      expect((await attempt('county.admin', 'wrong-password', A)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    tick(8000);
    expect((await attempt('county.admin', TEST_PASSWORD, A)).statusCode).toBe(200);
    // Cleared: the next mistake is answered at once again.
    expect((await attempt('county.admin', 'wrong-password', A)).statusCode).toBe(401);
    expect((await attempt('county.admin', 'wrong-password', A)).statusCode).toBe(401);
  });

  it('limits an address that tries many accounts (per-address limit), only that address and only for 15 minutes', async () => {
    for (let i = 0; i < 15; i++) {
      expect((await attempt(`guess${i}`, 'wrong-password', A)).statusCode).toBe(401);
      tick(1000);
    }
    const blocked = await attempt('county.admin', TEST_PASSWORD, A);
    expect(blocked.statusCode).toBe(429);
    expect(errorOf(blocked).code).toBe('LOGIN_ADDRESS_LIMIT');
    expect(errorOf(blocked).message).toContain('网络地址');
    expect((await attempt('county.admin', TEST_PASSWORD, B)).statusCode).toBe(200);
    tick(15 * 60_000);
    expect((await attempt('county.admin', TEST_PASSWORD, A)).statusCode).toBe(200);
    // Only hashes of addresses (and of the account in the pair bucket) are stored.
    const stored = (await t.rt.ctx.db.selectFrom('login_attempts').select('bucket').execute()).map((r) => r.bucket).join(' ');
    expect(stored).not.toContain(A);
    expect(stored).not.toContain(B);
    expect(stored).not.toMatch(/pair:[^ ]*county\.admin/);
  });

  it('raises one alarm per 15 minutes when an account fails from many addresses: audit event + notification to the county office, account not locked', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await attempt('county.admin2', 'wrong-password', `10.1.0.${i + 1}`)).statusCode).toBe(401);
      tick(1000);
    }
    const alarms = await t.rt.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.login.alarm').execute();
    expect(alarms).toHaveLength(1);
    expect(JSON.parse(alarms[0].after_json!)).toEqual({ username: 'county.admin2', failures: 6, addresses: 6, windowMinutes: 15, locked: false });
    expect(alarms[0].actor_user_id).toBeNull();
    // Both county admins of the county root are told; the town's admin is not.
    const told = await t.rt.ctx.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.state', 'n.kind', 'n.title', 'n.link'])
      .execute();
    expect(told.map((n) => n.username).sort()).toEqual(['county.admin', 'county.admin2']);
    expect(told[0]).toMatchObject({ state: 'alert', kind: 'security.login-alarm', link: '/admin/audit?action=auth.login.alarm' });
    expect(told[0].title).toContain('账号 county.admin2 在15分钟内登录失败6次（来自6个网络地址）');
    const admin = await loginAs(t.app, 'county.admin');
    const inbox = (await t.app.inject({ url: '/api/v1/notifications', headers: admin.headers() })).json();
    expect(inbox.items[0]).toMatchObject({ state: 'alert', stateLabel: '安全提醒' });
    // Not locked: the owner signs in from a new address at once.
    expect((await attempt('county.admin2', TEST_PASSWORD, '10.9.0.1')).statusCode).toBe(200);
    // A later burst, after the window, is a new alarm.
    tick(16 * 60_000);
    for (let i = 0; i < 6; i++) await attempt('county.admin2', 'wrong-password', `10.2.0.${i + 1}`);
    expect(await t.rt.ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'auth.login.alarm').execute()).toHaveLength(2);
    // Unknown accounts raise no alarm (there is nobody to protect) but still count for their address.
    for (let i = 0; i < 7; i++) await attempt('nobody', 'wrong-password', `10.3.0.${i + 1}`);
    expect(await t.rt.ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'auth.login.alarm').execute()).toHaveLength(2);
    expect((await verifyAuditChain(t.rt.ctx.db)).ok).toBe(true);
  });

  it('an administrator’s password reset ends the delays of that account everywhere', async () => {
    for (let i = 0; i < 8; i++) {
      await attempt('town.admin', 'wrong-password', A);
      tick(100);
    }
    expect((await attempt('town.admin', TEST_PASSWORD, A)).statusCode).toBe(429);
    const admin = await loginAs(t.app, 'county.admin');
    const user = (await t.app.inject({ url: '/api/v1/users?q=town.admin', headers: admin.headers() }))
      .json()
      .items.find((u: { username: string }) => u.username === 'town.admin');
    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/reset-password`, headers: admin.headers() });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await attempt('town.admin', reset.json().temporaryPassword, A)).statusCode).toBe(200);
  });
});
