/** Shared set-up for the interaction tests (test-only; not imported by production code). */
import type { LightMyRequestResponse } from 'fastify';
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';
import { demoStatementXlsx } from './interaction.demo.ts';

export const VILLAGE = '321323002-buhu';
export const TOWN = '321323002';
export const OTHER_VILLAGE = '321323106211';
export const DEPT = 'dept-mzj';

export type Who =
  'clerk' | 'supervisor' | 'supervisor2' | 'townOfficer' | 'otherClerk' | 'countyAdmin' | 'deptOfficer' | 'deptReviewer' | 'archivist' | 'townAdmin';

export interface InteractionFixture {
  t: TestApp;
  clock: TestClock;
  s: Record<Who, Session>;
  call: (who: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  /** Moves the clock to 10:00 China time on a day, keeping the sessions alive. */
  goTo(day: string): Promise<void>;
}

async function user(t: TestApp, username: string, role: string, unitCode: string): Promise<Session> {
  unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles: [{ role, unitCode }] }));
  return loginAs(t.app, username);
}

export async function openInteractionFixture(day: string): Promise<InteractionFixture> {
  const clock = new TestClock(new Date(`${day}T02:00:00.000Z`));
  const t = await openTestApp({ clock });
  const s = {
    clerk: await user(t, 'clerk', 'village_clerk', VILLAGE),
    supervisor: await user(t, 'supervisor', 'village_supervisor', VILLAGE),
    supervisor2: await user(t, 'supervisor2', 'village_supervisor', VILLAGE),
    townOfficer: await user(t, 'townofficer', 'unit_officer', TOWN),
    otherClerk: await user(t, 'otherclerk', 'village_clerk', OTHER_VILLAGE),
    countyAdmin: await user(t, 'countyadmin', 'county_admin', '321323'),
    townAdmin: await user(t, 'townadmin', 'county_admin', TOWN),
    deptOfficer: await user(t, 'deptofficer', 'unit_officer', DEPT),
    deptReviewer: await user(t, 'deptreviewer', 'unit_reviewer', DEPT),
    archivist: await user(t, 'archivist', 'archivist', '321323'),
  };
  const call: InteractionFixture['call'] = async (who, method, url, payload) =>
    t.app.inject({ method, url, headers: who ? who.headers() : {}, payload: payload as never });
  const goTo = async (date: string) => {
    clock.day(date);
    await t.rt.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(clock.now().getTime() + 24 * 3600_000).toISOString() })
      .execute();
  };
  return { t, clock, s, call, goTo };
}

/** Solves the signed addition question the public forms use (requests' human check). */
export async function solvedCheck(f: InteractionFixture): Promise<{ token: string; answer: string }> {
  const c = (await f.call(null, 'GET', '/api/v1/interaction/human-check')).json() as { token: string; question: string };
  const [a, b] = c.question.match(/\d+/g)!.map(Number);
  return { token: c.token, answer: String(a + b) };
}

/** 卜湖社区 publishes a finance statement with four lines (draft → 村务监督委员会 → publish); returns its id. */
export async function publishStatement(f: InteractionFixture, title = '卜湖社区2026年第三季度财务收支明细'): Promise<string> {
  const d = await f.call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: 'vil:szxq',
    period: '2026-Q3',
    title,
    formedOn: '2026-09-28',
    body: '<p>现将本社区财务收支情况公布如下。</p>',
  });
  if (d.statusCode !== 201) throw new Error(`create: ${d.body}`);
  const id = d.json().id as string;
  const xlsx = await demoStatementXlsx(
    [
      ['2026-07-05', '记-001', '上级转移支付', '补助收入', 50000, null],
      ['2026-07-18', '记-002', '道路修缮材料费', '公益事业支出', null, 12800],
      ['2026-08-09', '记-003', '办公用品', '管理费用', null, 1350.5],
    ],
    20000,
    55849.5,
  );
  const boundary = '----gk';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    xlsx,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/disclosures/${id}/finance-statement`,
    headers: { ...f.s.clerk.headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  if (up.statusCode !== 200) throw new Error(`statement: ${up.statusCode} ${up.body}`);
  for (const [who, step, payload] of [
    [f.s.clerk, 'submit', {}],
    [f.s.supervisor, 'review', { decision: 'approve', comment: '同意' }],
    [f.s.clerk, 'publish', {}],
  ] as const) {
    const r = await f.call(who, 'POST', `/api/v1/disclosures/${id}/${step}`, payload);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.body}`);
  }
  return id;
}
