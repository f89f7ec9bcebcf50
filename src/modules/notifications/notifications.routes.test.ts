/** HTTP: notifications, the to-do list, preferences, the county office's settings; every bad input a clear 4xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeUser, errorOf, type Session } from '../../../test/helpers/test-app.ts';
import { runDueJobs } from '../../platform/jobs/index.ts';
import { jobs } from './index.ts';
import { openFixture, UNITS, type Fixture } from './notifications.fixture.ts';

describe('notifications API', () => {
  let f: Fixture;
  let clerk: Session;
  let town: Session;
  let county: Session;
  let townAdmin: Session;
  const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    f.t.app.inject({ method, url, headers: s ? s.headers() : {}, payload: payload as never });

  beforeAll(async () => {
    f = await openFixture({ start: '2026-11-30T01:00:00.000Z' });
    clerk = await loginAs(f.t.app, 'clerk1');
    town = await loginAs(f.t.app, 'town.officer');
    county = await loginAs(f.t.app, 'county.admin');
    await makeUser(f.t.rt, 'county_admin', UNITS.town, 'town.admin');
    townAdmin = await loginAs(f.t.app, 'town.admin');
  }, 60_000);
  afterAll(() => f?.close());

  it('lists, counts and marks notifications read, each user seeing only their own', async () => {
    expect((await call(clerk, 'GET', '/api/v1/notifications')).json()).toMatchObject({ total: 0, unread: 0, items: [] });
    await runDueJobs(f.t.rt.ctx, jobs);
    const list = (await call(clerk, 'GET', '/api/v1/notifications?limit=500')).json();
    expect(list.total).toBeGreaterThan(5);
    expect(list.unread).toBe(list.total);
    expect(list.items.every((n: { unitCode: string; unitName: string }) => n.unitCode === UNITS.v1 && n.unitName === '甲村')).toBe(true);
    expect(list.items[0]).toMatchObject({
      state: expect.stringMatching(/due-soon|overdue/),
      stateLabel: expect.any(String),
      link: expect.stringContaining('/admin/disclosures/new?'),
    });
    const first = list.items[0].id;
    const read = await call(clerk, 'POST', `/api/v1/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe('2026-11-30T01:00:00.000Z');
    expect((await call(clerk, 'GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unread: list.total - 1 });
    expect((await call(clerk, 'GET', '/api/v1/notifications?unread=true&limit=500')).json().items.map((n: { id: string }) => n.id)).not.toContain(first);
    // Someone else's notification does not exist for you.
    const townFirst = (await call(town, 'GET', '/api/v1/notifications?limit=1')).json().items[0].id;
    const foreign = await call(clerk, 'POST', `/api/v1/notifications/${townFirst}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).message).toContain('不存在');
    expect((await call(clerk, 'POST', '/api/v1/notifications/no-such-id/read')).statusCode).toBe(404);
    expect((await call(clerk, 'POST', '/api/v1/notifications/read-all')).json()).toEqual({ updated: list.total - 1 });
    expect((await call(clerk, 'GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await call(town, 'GET', '/api/v1/notifications/unread-count')).json().unread).toBeGreaterThan(0);
    expect((await call(clerk, 'GET', '/api/v1/notifications?limit=0')).statusCode).toBe(400);
    expect((await call(clerk, 'GET', '/api/v1/notifications?bogus=1')).statusCode).toBe(400);
    // A cookie session must carry the CSRF token.
    expect((await f.t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/notifications')).statusCode).toBe(401);
  });

  it('the to-do list merges what the user’s units owe; supervisors can see their whole subtree', async () => {
    const mine = (await call(clerk, 'GET', '/api/v1/reminders')).json();
    expect(mine).toMatchObject({ asOf: '2026-11-30', dueSoonWorkingDays: 3, failedModules: [] });
    expect(mine.items.length).toBeGreaterThan(5);
    expect(new Set(mine.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(new Set([UNITS.v1]));
    // Overdue first, oldest due date first.
    const dates = mine.items.filter((i: { status: string }) => i.status === 'overdue').map((i: { dueDate: string }) => i.dueDate);
    expect(dates).toEqual([...dates].sort());
    const townMine = (await call(town, 'GET', '/api/v1/reminders')).json();
    expect(townMine.items.some((i: { state: string; unitCode: string }) => i.state === 'escalated' && i.unitCode === UNITS.v2)).toBe(true);
    expect(
      townMine.items.filter((i: { unitCode: string }) => i.unitCode !== UNITS.town).every((i: { overdueWorkingDays: number }) => i.overdueWorkingDays > 5),
    ).toBe(true);
    const all = (await call(county, 'GET', '/api/v1/reminders?scope=subtree')).json();
    // (The county and the street owe only event-triggered items here, none recorded: the villages' items.)
    expect(new Set(all.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(new Set([UNITS.v1, UNITS.v2]));
    expect(all.items.every((i: { state: string }) => i.state === 'due-soon' || i.state === 'overdue')).toBe(true);
    const clerkAll = (await call(clerk, 'GET', '/api/v1/reminders?scope=subtree')).json();
    expect(new Set(clerkAll.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(new Set([UNITS.v1]));
    expect((await call(clerk, 'GET', '/api/v1/reminders?scope=everything')).statusCode).toBe(400);
  });

  it('preferences: own address and opt-out, with a clear 400 for each bad input, and no address in the audit log', async () => {
    expect((await call(clerk, 'GET', '/api/v1/notifications/preferences')).json()).toEqual({
      email: 'clerk1@example.gov.cn',
      emailDigest: true,
      mailAvailable: true,
      digestHour: 8,
    });
    const bad = await call(clerk, 'PUT', '/api/v1/notifications/preferences', { email: 'not-an-address', emailDigest: true });
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'INVALID_EMAIL']);
    expect(errorOf(bad).message).toContain('电子邮箱地址格式不正确');
    const none = await call(clerk, 'PUT', '/api/v1/notifications/preferences', { email: null, emailDigest: true });
    expect([none.statusCode, errorOf(none).code]).toEqual([400, 'EMAIL_REQUIRED']);
    expect((await call(clerk, 'PUT', '/api/v1/notifications/preferences', { email: 'a@b.cn' })).statusCode).toBe(400);
    expect((await call(clerk, 'PUT', '/api/v1/notifications/preferences', { email: 'a@b.cn', emailDigest: 'yes', x: 1 })).statusCode).toBe(400);
    const ok = await call(clerk, 'PUT', '/api/v1/notifications/preferences', { email: ' new.clerk@example.gov.cn ', emailDigest: false });
    expect(ok.json()).toEqual({ email: 'new.clerk@example.gov.cn', emailDigest: false });
    expect((await call(clerk, 'GET', '/api/v1/notifications/preferences')).json()).toMatchObject({ email: 'new.clerk@example.gov.cn', emailDigest: false });
    const audit = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'notification.preferences.update')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('@');
  });

  it('settings: county office only; every bad value is a 400 naming the problem', async () => {
    for (const s of [clerk, town, townAdmin]) expect((await call(s, 'GET', '/api/v1/notifications/settings')).statusCode).toBe(403);
    const view = await call(county, 'GET', '/api/v1/notifications/settings');
    expect(view.statusCode).toBe(200);
    expect(view.json().settings).toMatchObject({ dueSoonWorkingDays: 3, escalateToParentAfter: 5, escalateToCountyAfter: 20, digestHour: 8 });
    expect(view.json().smtp).toMatchObject({ host: '127.0.0.1', security: 'none', user: 'mailer', passwordSet: true, source: 'settings' });
    expect(view.body).not.toContain('smtp-secret-1');
    expect(view.json().runs[0]).toMatchObject({ name: 'notifications.daily', runKey: '2026-11-30', status: 'done' });

    const base = view.json().settings;
    delete base.updatedAt;
    const cases: [Record<string, unknown>, string][] = [
      [{ dueSoonWorkingDays: 0 }, '即将到期'],
      [{ dueSoonWorkingDays: 21 }, '即将到期'],
      [{ escalateToParentAfter: 0 }, '上级单位'],
      [{ escalateToParentAfter: 10, escalateToCountyAfter: 10 }, '应大于'],
      [{ escalateToParentAfter: null, escalateToCountyAfter: 10 }, '请先设定'],
      [{ digestHour: 24 }, '0 至 23'],
      [{ digestHour: -1 }, '0 至 23'],
      [{ recipientRoles: [] }, '至少选择'],
      [{ recipientRoles: ['village_clerk', 'village_clerk'] }, '重复'],
    ];
    for (const [change, text] of cases) {
      const r = await call(county, 'PUT', '/api/v1/notifications/settings', { ...base, ...change });
      expect(r.statusCode, JSON.stringify(change)).toBe(400);
      expect(errorOf(r).message, JSON.stringify(change)).toContain(text);
    }
    for (const body of [{ ...base, recipientRoles: ['mayor'] }, { ...base, digestHour: 8.5 }, { ...base, extra: 1 }, { dueSoonWorkingDays: 3 }]) {
      expect((await call(county, 'PUT', '/api/v1/notifications/settings', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call(townAdmin, 'PUT', '/api/v1/notifications/settings', base)).statusCode).toBe(403);
    // On 20 December the fourth-quarter items (due in January) are 3 working days away only with a wider window.
    f.clock.set('2026-12-20T01:00:00.000Z');
    [clerk, county] = [await loginAs(f.t.app, 'clerk1'), await loginAs(f.t.app, 'county.admin')];
    const before = (await call(clerk, 'GET', '/api/v1/reminders')).json().items.filter((i: { status: string }) => i.status === 'due-soon').length;
    expect(before).toBe(0);
    const saved = await call(county, 'PUT', '/api/v1/notifications/settings', { ...base, dueSoonWorkingDays: 20, escalateToCountyAfter: null });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings).toMatchObject({ dueSoonWorkingDays: 20, escalateToCountyAfter: null });
    const after = (await call(clerk, 'GET', '/api/v1/reminders')).json();
    expect(after.dueSoonWorkingDays).toBe(20);
    expect(after.items.filter((i: { status: string }) => i.status === 'due-soon').length).toBeGreaterThan(0);
    f.clock.set('2026-11-30T01:00:00.000Z');
    [clerk, county] = [await loginAs(f.t.app, 'clerk1'), await loginAs(f.t.app, 'county.admin')];
  });

  it('SMTP: password write-only, validated, test message through the real server; delivery log masks addresses', async () => {
    const cur = (await call(county, 'GET', '/api/v1/notifications/settings')).json().smtp;
    const body = { host: cur.host, port: cur.port, security: cur.security, user: cur.user, from: cur.from };
    const cases: [Record<string, unknown>, string][] = [
      [{ host: 'bad host!' }, '服务器地址'],
      [{ port: 0 }, '端口'],
      [{ port: 70000 }, '端口'],
      [{ from: 'nobody' }, '发件人地址格式'],
      [{ from: null }, '请填写发件人'],
      [{ password: '' }, '同时设置密码'],
      [{ user: null, password: 'x' }, '同时填写登录用户名'],
    ];
    for (const [change, text] of cases) {
      const r = await call(county, 'PUT', '/api/v1/notifications/smtp', { ...body, ...change });
      expect(r.statusCode, JSON.stringify(change)).toBe(400);
      expect(errorOf(r).message, JSON.stringify(change)).toContain(text);
    }
    expect((await call(county, 'PUT', '/api/v1/notifications/smtp', { ...body, security: 'ssl3' })).statusCode).toBe(400);
    expect((await call(clerk, 'PUT', '/api/v1/notifications/smtp', body)).statusCode).toBe(403);
    // Omitting the password keeps it.
    const kept = await call(county, 'PUT', '/api/v1/notifications/smtp', { ...body, from: 'gongkai@example.gov.cn' });
    expect(kept.json().smtp).toMatchObject({ passwordSet: true, from: 'gongkai@example.gov.cn' });
    const audit = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'notification.smtp.update')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('smtp-secret-1');

    const n = f.smtp.messages.length;
    expect((await call(county, 'POST', '/api/v1/notifications/smtp/test', { to: 'nope' })).statusCode).toBe(400);
    const test = await call(county, 'POST', '/api/v1/notifications/smtp/test', { to: 'office@example.gov.cn' });
    expect(test.json()).toEqual({ sent: true });
    expect(f.smtp.messages.length).toBe(n + 1);
    expect(f.smtp.messages[n].subject).toBe('【公开提醒】测试邮件');
    f.smtp.reject = () => ({ code: 554, message: '554 Rejected for office@example.gov.cn' });
    const refused = await call(county, 'POST', '/api/v1/notifications/smtp/test', { to: 'office@example.gov.cn' });
    f.smtp.reject = null;
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).message).toContain('554');
    expect(errorOf(refused).message).not.toContain('office@');

    const log = await call(county, 'GET', '/api/v1/notifications/emails?limit=50');
    expect(log.statusCode).toBe(200);
    expect(log.json().total).toBe(3);
    expect(
      log
        .json()
        .items.map((e: { to: string }) => e.to)
        .sort(),
    ).toEqual(['c***@example.gov.cn', 'o***@example.gov.cn', 't***@example.gov.cn']);
    expect(log.body).not.toContain('clerk1@');
    expect((await call(clerk, 'GET', '/api/v1/notifications/emails')).statusCode).toBe(403);
    expect((await call(county, 'GET', '/api/v1/notifications/emails?status=lost')).statusCode).toBe(400);
    const sent = log.json().items[0];
    expect(sent.status).toBe('sent');
    const again = await call(county, 'POST', `/api/v1/notifications/emails/${sent.id}/retry`);
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'EMAIL_NOT_RETRYABLE']);
    expect((await call(county, 'POST', '/api/v1/notifications/emails/none/retry')).statusCode).toBe(404);
  });
});
