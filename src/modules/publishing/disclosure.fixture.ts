/** Shared set-up for the publishing tests (test-only; not imported by production code). */
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { chinaDate } from '../../platform/context.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';

export const VILLAGE = '321323002-buhu';
export const TOWN = '321323002';
export const DEPT = 'dept-mzj';
export const OTHER_VILLAGE = '321323106211';
/** 村务公开 immediate item: within 3 working days, displayed ≥ 7 working days. */
export const IMMEDIATE_ITEM = 'vil:hyjd';

export { TestClock };

export interface Fixture {
  t: TestApp;
  clock: TestClock;
  s: Record<'clerk' | 'supervisor' | 'supervisor2' | 'officer' | 'reviewer' | 'townReviewer' | 'countyAdmin' | 'townAdmin' | 'otherClerk' | 'dual', Session>;
}

async function user(t: TestApp, username: string, roles: { role: string; unitCode: string }[]): Promise<Session> {
  unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles }));
  return loginAs(t.app, username);
}

export async function openFixture(start = '2026-11-26T01:00:00.000Z', opts: { onQuery?: (sql: string) => void } = {}): Promise<Fixture> {
  const clock = new TestClock(new Date(start));
  const t = await openTestApp({ clock, onQuery: opts.onQuery });
  const s = {
    clerk: await user(t, 'clerk', [{ role: 'village_clerk', unitCode: VILLAGE }]),
    supervisor: await user(t, 'supervisor', [{ role: 'village_supervisor', unitCode: VILLAGE }]),
    supervisor2: await user(t, 'supervisor2', [{ role: 'village_supervisor', unitCode: TOWN }]),
    officer: await user(t, 'officer', [{ role: 'unit_officer', unitCode: DEPT }]),
    reviewer: await user(t, 'reviewer', [{ role: 'unit_reviewer', unitCode: DEPT }]),
    townReviewer: await user(t, 'townreviewer', [{ role: 'unit_reviewer', unitCode: TOWN }]),
    countyAdmin: await user(t, 'countyadmin', [{ role: 'county_admin', unitCode: '321323' }]),
    townAdmin: await user(t, 'townadmin', [{ role: 'county_admin', unitCode: TOWN }]),
    otherClerk: await user(t, 'otherclerk', [{ role: 'village_clerk', unitCode: OTHER_VILLAGE }]),
    dual: await user(t, 'dual', [
      { role: 'unit_officer', unitCode: DEPT },
      { role: 'unit_reviewer', unitCode: DEPT },
    ]),
  };
  return { t, clock, s };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

export function api(f: Fixture) {
  return async (who: Session | null, method: Method, url: string, payload?: unknown) => {
    const res = await f.t.app.inject({ method, url, headers: who ? who.headers() : {}, payload: payload as never });
    return res;
  };
}

/** Draft → submit → approve → publish; returns the published record id. */
export async function publishVillage(f: Fixture, body = '<p>村民代表会议决定：修建村内道路。</p>', extra: Record<string, unknown> = {}): Promise<string> {
  const call = api(f);
  const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: IMMEDIATE_ITEM,
    title: '村民代表会议决定公开',
    formedOn: extra.formedOn ?? '2026-11-25',
    body,
    ...extra,
  });
  if (d.statusCode !== 201) throw new Error(`create: ${d.statusCode} ${d.body}`);
  const id = d.json().id as string;
  for (const [who, url, payload] of [
    [f.s.clerk, 'submit', {}],
    [f.s.supervisor, 'review', { decision: 'approve', comment: '同意公开' }],
    [f.s.clerk, 'publish', {}],
  ] as const) {
    const r = await call(who, 'POST', `/api/v1/disclosures/${id}/${url}`, payload);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  }
  return id;
}

export async function publishGov(f: Fixture, title = '民政局公开信息'): Promise<{ id: string; indexNo: string }> {
  const call = api(f);
  const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', { unitCode: DEPT, title, formedOn: chinaDate(f.clock.now()), body: '<p>正文</p>' });
  if (d.statusCode !== 201) throw new Error(`create: ${d.statusCode} ${d.body}`);
  const id = d.json().id as string;
  await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/submit`, {});
  await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
  const p = await call(f.s.officer, 'POST', `/api/v1/disclosures/${id}/publish`, {});
  if (p.statusCode !== 200) throw new Error(`publish: ${p.statusCode} ${p.body}`);
  return { id, indexNo: p.json().public.indexNo };
}

/**
 * 更正 with two-person sign-off: the village's supervisor proposes, a second 村务监督委员会 member (held at the
 * town, covering the village) approves. Returns the approval's response.
 */
export async function correctVillage(f: Fixture, id: string, payload: { reason: string; title?: string; body?: string }) {
  const call = api(f);
  const p = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, payload);
  if (p.statusCode !== 200) return p;
  const cid = (p.json() as { corrections: { id: string; status: string }[] }).corrections.find((c) => c.status === 'pending')!.id;
  return call(f.s.supervisor2, 'POST', `/api/v1/disclosures/${id}/corrections/${cid}/review`, { decision: 'approve' });
}
