/** Shared set-up for the participation tests (test-only; not imported by production code). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';

export const COUNTY = '321323';
export const DEPT = 'dept-mzj';
export const OTHER_DEPT = 'dept-czj';
export const TOWN = '321323002';
export const VILLAGE = '321323002-buhu';
export const OTHER_TOWN_VILLAGE = '321323106211';

export { TestClock };

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

export type Who = 'officer' | 'reviewer' | 'otherOfficer' | 'countyAdmin' | 'clerk' | 'supervisor' | 'otherClerk' | 'townOfficer';

export interface ParticipationFixture {
  t: TestApp;
  clock: TestClock;
  s: Record<Who, Session>;
  /** Moves the clock to 10:00 China time on `date`, keeping the sessions alive. */
  goTo(date: string): Promise<void>;
  call(
    who: Session | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openParticipationFixture(startDay = '2026-03-02'): Promise<ParticipationFixture> {
  const clock = new TestClock(new Date(`${startDay}T02:00:00.000Z`));
  const t = await openTestApp({ clock });
  const user = async (username: string, role: string, unitCode: string) => {
    unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles: [{ role, unitCode }] }));
    return new LiveSession(t.app, username).login();
  };
  const s: Record<Who, Session> = {
    officer: await user('officer', 'unit_officer', DEPT),
    reviewer: await user('reviewer', 'unit_reviewer', DEPT),
    otherOfficer: await user('otherofficer', 'unit_officer', OTHER_DEPT),
    countyAdmin: await user('countyadmin', 'county_admin', COUNTY),
    clerk: await user('clerk', 'village_clerk', VILLAGE),
    supervisor: await user('supervisor', 'village_supervisor', VILLAGE),
    otherClerk: await user('otherclerk', 'village_clerk', OTHER_TOWN_VILLAGE),
    townOfficer: await user('townofficer', 'unit_officer', TOWN),
  };
  const goTo = async (date: string) => {
    clock.day(date);
    await t.rt.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(clock.now().getTime() + 24 * 3600_000).toISOString() })
      .execute();
  };
  const call: ParticipationFixture['call'] = (who, method, url, payload, headers = {}) =>
    t.app.inject({ method, url, headers: { ...(who ? who.headers() : {}), ...headers }, payload: payload as never });
  return { t, clock, s, goTo, call, close: () => t.close() };
}

/** Answers the signed arithmetic question the way a person would. */
export async function solvedCheck(app: FastifyInstance): Promise<{ token: string; answer: string }> {
  const q = (await app.inject({ url: '/api/v1/participation/human-check' })).json() as { token: string; question: string };
  const m = /^(\d+) 加 (\d+)/.exec(q.question)!;
  return { token: q.token, answer: String(Number(m[1]) + Number(m[2])) };
}

/** A no-JavaScript form post (application/x-www-form-urlencoded) for `app.inject`. */
export const formPost = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

/** Reads the human check off a portal page and answers it the way a person would. */
export function solvePageCheck(html: string): { checkToken: string; checkAnswer: string } {
  const token = /name="checkToken" value="([^"]+)"/.exec(html)![1]!;
  const [, a, b] = /验证题：(?:<!-- -->)?(\d+) 加 (\d+)/.exec(html)!;
  return { checkToken: token, checkAnswer: String(Number(a) + Number(b)) };
}

/** A draft with five articles under two chapters. */
export const FIVE_CLAUSES = [
  '泗阳县城乡居民临时救助办法（征求意见稿）',
  '第一章 总则',
  '第一条 为规范临时救助工作，根据有关规定，制定本办法。',
  '第二条 本办法适用于本县行政区域内的临时救助工作。',
  '县民政局负责全县临时救助的管理工作。',
  '第二章 救助程序',
  '第三条 申请临时救助，应当向户籍所在地乡镇人民政府（街道办事处）提出。',
  '第四条 乡镇人民政府（街道办事处）应当在受理后10个工作日内提出审核意见。',
  '第五条 本办法自公布之日起施行。',
].join('\n');

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}
