/** Shared set-up for the compliance tests (test-only; not imported by production code). */
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { loginAs, openTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/helpers/test-app.ts';
import { multipart, PNG } from '../publishing/data/test-files.ts';

export const TOWN = '321323002';
export const OTHER_TOWN = '321323106';
export const FINANCE_ITEM = 'vil:szxq';

export { TestClock };

export interface ComplianceFixture {
  t: TestApp;
  clock: TestClock;
  /** Logs in (again) on the test clock's current day: sessions expire while the clock jumps ahead. */
  as(username: 'clerk' | 'supervisor' | 'countyadmin' | 'townadmin' | 'buhuclerk' | 'othertown'): Promise<Session>;
}

async function user(t: TestApp, username: string, roles: { role: string; unitCode: string }[], displayName = `${username}姓名`): Promise<void> {
  unwrap(await createUser(t.rt.ctx, { actor: null }, { username, displayName, password: TEST_PASSWORD, roles }));
}

export async function openComplianceFixture(startDate: string): Promise<ComplianceFixture> {
  const clock = new TestClock(new Date(`${startDate}T02:00:00.000Z`));
  const t = await openTestApp({ clock });
  await user(t, 'clerk', [{ role: 'village_clerk', unitCode: TOWN }], '城厢村务经办人');
  await user(t, 'supervisor', [{ role: 'village_supervisor', unitCode: TOWN }]);
  await user(t, 'countyadmin', [{ role: 'county_admin', unitCode: '321323' }]);
  await user(t, 'townadmin', [{ role: 'county_admin', unitCode: TOWN }]);
  await user(t, 'buhuclerk', [{ role: 'village_clerk', unitCode: `${TOWN}-buhu` }], '卜湖经办人');
  await user(t, 'othertown', [{ role: 'county_admin', unitCode: OTHER_TOWN }]);
  return { t, clock, as: (username) => loginAs(t.app, username) };
}

/** Draft → submit → approve → publish on `date` (China time); returns the record id. */
export async function publishOn(f: ComplianceFixture, unitCode: string, itemKey: string, period: string, date: string): Promise<string> {
  f.clock.day(date);
  const call = (who: Session, url: string, payload: unknown) => f.t.app.inject({ method: 'POST', url, headers: who.headers(), payload: payload as never });
  // Sessions expire while the test clock jumps weeks ahead: log in again on the day.
  const clerk = await loginAs(f.t.app, 'clerk');
  const supervisor = await loginAs(f.t.app, 'supervisor');
  const d = await call(clerk, '/api/v1/disclosures', {
    unitCode,
    itemKey,
    period,
    title: `${period} 财务收支情况`,
    formedOn: date,
    body: '<p>本期财务收支情况如下。</p>',
  });
  if (d.statusCode !== 201) throw new Error(`create: ${d.statusCode} ${d.body}`);
  const id = d.json().id as string;
  for (const [who, step, payload] of [
    [clerk, 'submit', {}],
    [supervisor, 'review', { decision: 'approve', comment: '同意公开' }],
    [clerk, 'publish', {}],
  ] as const) {
    const r = await call(who, `/api/v1/disclosures/${id}/${step}`, payload);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  return id;
}

/** A 公开栏 photo taken on `date` (uploaded that day). */
export async function photoOn(f: ComplianceFixture, id: string, date: string): Promise<void> {
  f.clock.day(date);
  const body = multipart({ takenOn: date }, { name: 'board.png', content: PNG, type: 'image/png' });
  const clerk = await loginAs(f.t.app, 'clerk');
  const r = await f.t.app.inject({ method: 'POST', url: `/api/v1/disclosures/${id}/evidence`, headers: clerk.headers(body.headers), payload: body.payload });
  if (r.statusCode !== 201) throw new Error(`evidence: ${r.statusCode} ${r.body}`);
}

export async function withdrawOn(f: ComplianceFixture, id: string, date: string): Promise<void> {
  f.clock.day(date);
  const supervisor = await loginAs(f.t.app, 'supervisor');
  const r = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/disclosures/${id}/withdraw`,
    headers: supervisor.headers(),
    payload: { reason: '公示内容需要重新核对' },
  });
  if (r.statusCode !== 200) throw new Error(`withdraw: ${r.statusCode} ${r.body}`);
}

/** A village of the scenario town (`321323002-buhu` …). */
export const scenarioVillage = (s: string): string => `${TOWN}-${s}`;

/**
 * The 2026-Q1 finance scenario the compliance and assessment tests share: 卜湖 on time with a photo, 桃圩
 * on time with a photo then withdrawn early, 东风 on time without a photo, 南园 late with a photo, 龙门 late
 * without one, 建南 nothing. Leaves the clock on 2026-05-14; returns the disclosure ids by village.
 */
export async function seedFinanceScenario(f: ComplianceFixture): Promise<Record<'buhu' | 'taoxu' | 'dongfeng' | 'nanyuan' | 'longmen', string>> {
  const V = scenarioVillage;
  const buhu = await publishOn(f, V('buhu'), FINANCE_ITEM, '2026-Q1', '2026-04-08');
  await photoOn(f, buhu, '2026-04-08');
  const taoxu = await publishOn(f, V('taoxu'), FINANCE_ITEM, '2026-Q1', '2026-04-09');
  await photoOn(f, taoxu, '2026-04-09');
  const dongfeng = await publishOn(f, V('dongfeng'), FINANCE_ITEM, '2026-Q1', '2026-04-09');
  await withdrawOn(f, taoxu, '2026-04-13');
  const nanyuan = await publishOn(f, V('nanyuan'), FINANCE_ITEM, '2026-Q1', '2026-04-20');
  await photoOn(f, nanyuan, '2026-04-20');
  const longmen = await publishOn(f, V('longmen'), FINANCE_ITEM, '2026-Q1', '2026-05-14');
  return { buhu, taoxu, dongfeng, nanyuan, longmen };
}
