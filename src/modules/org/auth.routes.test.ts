import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, errorOf, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { passwordProblem } from '../../platform/auth/passwords.ts';
import { runCommand } from '../../platform/command.ts';
import { ok } from '../../platform/result.ts';

describe('login, sessions, CSRF and API tokens', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await openTestApp();
    admin = await makeUser(t.rt, 'county_admin', '321323', 'admin1');
  });
  afterEach(() => t.close());

  it('logs in with an httpOnly SameSite session cookie and returns a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user.roles[0]).toMatchObject({ role: 'county_admin', unitCode: '321323', unitName: '泗阳县' });
    // The raw session token is never stored.
    const stored = await t.rt.ctx.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie?.value);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin, password: 'wrong-password-1' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'wrong-password-1' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(errorOf(a)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码不正确' });
    expect(errorOf(b).code).toBe(errorOf(a).code);
  });

  // Sign-in throttling (delays, address limit, alarm; no lockout): login-throttle.test.ts.

  it('rejects bad login input with a 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin } });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('password');
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(errorOf(notJson).code).toBe('INVALID_JSON');
  });

  it('requires the CSRF token on unsafe requests made with the session cookie', async () => {
    const s = await loginAs(t.app, admin);
    const payload = { name: '测试令牌' };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(errorOf(without).code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) }, payload });
    expect(wrong.statusCode).toBe(403);
    expect(await t.rt.ctx.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(0);
    const good = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers(), payload });
    expect(good.statusCode).toBe(201);
  });

  it('authenticates integrations with a personal token (no CSRF) until it is revoked', async () => {
    const s = await loginAs(t.app, admin);
    const created = (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers(), payload: { name: '我的泗阳APP同步' } })).json();
    expect(created.token).toMatch(/^gk_/);
    const bearer = { authorization: `Bearer ${created.token}` };
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(admin);
    const write = await t.app.inject({ method: 'PATCH', url: '/api/v1/org-units/321323002', headers: bearer, payload: { phone: '0527-00000000' } });
    expect(write.statusCode).toBe(200);
    const listed = (await t.app.inject({ url: '/api/v1/tokens', headers: bearer })).json();
    expect(listed.items[0]).toMatchObject({ name: '我的泗阳APP同步', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: s.headers() })).statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('INVALID_TOKEN');
  });

  it('logs out: the session cookie stops working', async () => {
    const s = await loginAs(t.app, admin);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers() })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('changes the own password with checks, and the old one stops working', async () => {
    const s = await loginAs(t.app, admin);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: s.headers(),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).message).toContain('10');
    const wrongOld = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: s.headers(),
      payload: { currentPassword: 'not-it-123456', newPassword: 'Another-pass-2027' },
    });
    expect(errorOf(wrongOld).code).toBe('WRONG_PASSWORD');
    const okRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: s.headers(),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass-2027' },
    });
    expect(okRes.statusCode).toBe(200);
    await expect(loginAs(t.app, admin)).rejects.toThrow(/401/);
    await loginAs(t.app, admin, 'Another-pass-2027');
  });

  it('disabling an account ends its sessions and tokens; a reset forces a new password', async () => {
    const clerk = await makeUser(t.rt, 'village_clerk', '321323002-buhu');
    const cs = await loginAs(t.app, clerk);
    const as = await loginAs(t.app, admin);
    const clerkId = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: cs.cookie } })).json().user.id;
    const dis = await t.app.inject({ method: 'POST', url: `/api/v1/users/${clerkId}/disable`, headers: as.headers() });
    expect(dis.json().disabled).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cs.cookie } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: clerk, password: TEST_PASSWORD } });
    expect(errorOf(login).code).toBe('ACCOUNT_DISABLED');
    await t.app.inject({ method: 'POST', url: `/api/v1/users/${clerkId}/enable`, headers: as.headers() });
    const reset = (await t.app.inject({ method: 'POST', url: `/api/v1/users/${clerkId}/reset-password`, headers: as.headers() })).json();
    expect(passwordProblem(reset.temporaryPassword)).toBeNull();
    await expect(loginAs(t.app, clerk)).rejects.toThrow(/401/);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: clerk, password: reset.temporaryPassword } });
    expect(again.json().user.mustChangePassword).toBe(true);
  });

  it('audits state changes and keeps the chain valid', async () => {
    const s = await loginAs(t.app, admin);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/org-units/321323002',
      headers: s.headers(),
      payload: { officeHours: '工作日 8:30-12:00 14:00-17:30' },
    });
    const events = (await t.app.inject({ url: '/api/v1/audit/events?action=org.unit', headers: s.headers() })).json();
    expect(events.items[0]).toMatchObject({
      action: 'org.unit.update',
      entityId: '321323002',
      actorUsername: admin,
      after: { office_hours: '工作日 8:30-12:00 14:00-17:30' },
    });
    // The search box takes % and _ literally (no event names one) and ignores the case of Latin letters.
    const search = async (q: string) =>
      (await t.app.inject({ url: `/api/v1/audit/events?q=${encodeURIComponent(q)}`, headers: s.headers() })).json() as {
        total: number;
        items: { action: string }[];
      };
    expect((await search('%')).total).toBe(0);
    expect((await search('org_unit')).total).toBe(0);
    expect((await search('ORG.UNIT.UPDATE')).items.map((e) => e.action)).toContain('org.unit.update');
    const verify = (await t.app.inject({ url: '/api/v1/audit/verify', headers: s.headers() })).json();
    expect(verify.ok).toBe(true);
    expect(verify.count).toBeGreaterThanOrEqual(3);
  });

  it("answers an event's free-shaped snapshots whole: nested objects, arrays, numbers, booleans and nulls (typed as JSON objects)", async () => {
    const before = { roles: [{ role: 'village_clerk', unitCode: '321323002' }], count: 2, ratio: 0.5, active: true, note: null, tags: [] };
    const after = { deep: { level: { list: [1, 'two', false, null, { three: [3] }] } }, empty: {} };
    const done = await runCommand(t.rt.ctx, { actor: null }, async ({ audit }) => {
      await audit({ unitCode: '321323', action: 'test.snapshot', entityType: 'test', entityId: 'x1', before, after });
      return ok(null);
    });
    expect(done.ok).toBe(true);
    const s = await loginAs(t.app, admin);
    const res = await t.app.inject({ url: '/api/v1/audit/events?action=test.snapshot', headers: s.headers() });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ action: 'test.snapshot', before, after })]);
  });
});
