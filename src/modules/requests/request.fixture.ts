/** Shared set-up for the requests tests (test-only; not imported by production code). */
import type { FastifyInstance } from 'fastify';
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';

export const DEPT = 'dept-mzj';
export const OTHER_DEPT = 'dept-czj';
export const TOWN = '321323002';
export const VILLAGE = '321323002-buhu';

export { TestClock };

export interface RequestFixture {
  t: TestApp;
  clock: TestClock;
  s: Record<'officer' | 'officer2' | 'reviewer' | 'otherOfficer' | 'countyAdmin' | 'clerk', Session>;
  userIds: Record<string, string>;
  /** Moves the clock to 10:00 China time on `date` and logs everyone in again (sessions expire). */
  goTo(date: string): Promise<void>;
}

/** A session whose cookie can be renewed in place after the test clock jumps ahead. */
class LiveSession implements Session {
  cookie = '';
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    private readonly username: string,
  ) {}
  async login(): Promise<this> {
    const s = await loginAs(this.app, this.username);
    this.cookie = s.cookie;
    this.csrf = s.csrf;
    return this;
  }
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf, ...extra };
  }
}

async function user(t: TestApp, username: string, roles: { role: string; unitCode: string }[]): Promise<LiveSession> {
  unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles }));
  return new LiveSession(t.app, username).login();
}

export async function openRequestFixture(startDay = '2026-03-02'): Promise<RequestFixture> {
  const clock = new TestClock(new Date(`${startDay}T02:00:00.000Z`));
  const t = await openTestApp({ clock });
  const s = {
    officer: await user(t, 'officer', [{ role: 'unit_officer', unitCode: DEPT }]),
    officer2: await user(t, 'officer2', [{ role: 'unit_officer', unitCode: DEPT }]),
    reviewer: await user(t, 'reviewer', [{ role: 'unit_reviewer', unitCode: DEPT }]),
    otherOfficer: await user(t, 'otherofficer', [{ role: 'unit_officer', unitCode: OTHER_DEPT }]),
    countyAdmin: await user(t, 'countyadmin', [{ role: 'county_admin', unitCode: '321323' }]),
    clerk: await user(t, 'clerk', [{ role: 'village_clerk', unitCode: VILLAGE }]),
  };
  const userIds: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) userIds[k] = (await t.app.inject({ url: '/api/v1/me', headers: v.headers() })).json().user.id;
  const goTo = async (date: string) => {
    clock.day(date);
    // Sessions slide with activity; a test that jumps days ahead keeps them alive instead of logging in again (login is rate-limited).
    await t.rt.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(clock.now().getTime() + 24 * 3600_000).toISOString() })
      .execute();
  };
  return { t, clock, s, userIds, goTo };
}

type Method = 'GET' | 'POST';
export function api(app: FastifyInstance) {
  return (who: Session | null, method: Method, url: string, payload?: unknown) =>
    app.inject({ method, url, headers: who ? who.headers() : {}, payload: payload as never });
}

export const APPLICANT = {
  name: '张三',
  idType: '居民身份证',
  idNumber: '321323199001011234',
  phone: '13800000000',
  email: 'zhangsan@example.org',
  address: '泗阳县众兴街道人民路1号',
  postcode: '223700',
};

export function application(extra: Record<string, unknown> = {}) {
  return {
    unitCode: DEPT,
    applicantKind: 'natural',
    applicant: APPLICANT,
    infoDescription: '2025年度临时救助资金发放情况',
    infoForm: 'electronic',
    deliveryMethod: 'email',
    ...extra,
  };
}

/** Answers the signed arithmetic question the way a person would. */
export async function solvedCheck(app: FastifyInstance): Promise<{ token: string; answer: string }> {
  const q = (await app.inject({ url: '/api/v1/info-requests/human-check' })).json() as { token: string; question: string };
  const m = /^(\d+) 加 (\d+)/.exec(q.question)!;
  return { token: q.token, answer: String(Number(m[1]) + Number(m[2])) };
}

/** Staff intake (in person) received on `receivedOn`; returns the case id. */
export async function intake(
  f: RequestFixture,
  receivedOn: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; trackingCode: string; trackingSecret: string; regNo: string }> {
  const res = await api(f.t.app)(f.s.officer, 'POST', '/api/v1/info-requests/intake', { ...application(), channel: 'in-person', receivedOn, ...extra });
  if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body}`);
  return res.json();
}
