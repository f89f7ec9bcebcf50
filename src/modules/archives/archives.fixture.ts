/** Shared set-up for the archives tests (test-only; not imported by production code). */
import { createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import { api, openFixture, TOWN, VILLAGE, OTHER_VILLAGE, type Fixture } from '../publishing/disclosure.fixture.ts';
import { loginAs, TEST_PASSWORD, type Session } from '../../../test/helpers/test-app.ts';

export { api, TOWN, VILLAGE, OTHER_VILLAGE };
export const FINANCE_ITEM = 'vil:szxq';

export interface ArchiveFixture extends Fixture {
  a: Record<'archivist' | 'archivist2' | 'townArchivist' | 'otherArchivist' | 'townOfficer' | 'otherTownOfficer', Session>;
}

async function user(f: Fixture, username: string, role: string, unitCode: string): Promise<Session> {
  unwrap(await createUser(f.t.rt.ctx, { actor: null }, { username, displayName: `${username}姓名`, password: TEST_PASSWORD, roles: [{ role, unitCode }] }));
  return loginAs(f.t.app, username);
}

export async function openArchiveFixture(start = '2026-01-05T02:00:00.000Z'): Promise<ArchiveFixture> {
  const f = await openFixture(start);
  const a = {
    archivist: await user(f, 'archivist', 'archivist', VILLAGE),
    archivist2: await user(f, 'archivist2', 'archivist', VILLAGE),
    townArchivist: await user(f, 'townarchivist', 'archivist', TOWN),
    otherArchivist: await user(f, 'otherarchivist', 'archivist', OTHER_VILLAGE),
    townOfficer: await user(f, 'townofficer', 'unit_officer', TOWN),
    otherTownOfficer: await user(f, 'othertownofficer', 'unit_officer', '321323106'),
  };
  return { ...f, a };
}

const BASE_USERS: Record<keyof Fixture['s'], string> = {
  clerk: 'clerk',
  supervisor: 'supervisor',
  supervisor2: 'supervisor2',
  officer: 'officer',
  reviewer: 'reviewer',
  townReviewer: 'townreviewer',
  countyAdmin: 'countyadmin',
  townAdmin: 'townadmin',
  otherClerk: 'otherclerk',
  dual: 'dual',
};
const ARCHIVE_USERS: Record<keyof ArchiveFixture['a'], string> = {
  archivist: 'archivist',
  archivist2: 'archivist2',
  townArchivist: 'townarchivist',
  otherArchivist: 'otherarchivist',
  townOfficer: 'townofficer',
  otherTownOfficer: 'othertownofficer',
};

/** Moves the clock to 10:00 China time on `date` and signs everyone in again (sessions expire when idle). */
export async function advanceTo(f: ArchiveFixture, date: string): Promise<void> {
  f.clock.day(date);
  for (const [k, u] of Object.entries(BASE_USERS)) Object.assign(f.s[k as keyof Fixture['s']], await loginAs(f.t.app, u));
  for (const [k, u] of Object.entries(ARCHIVE_USERS)) Object.assign(f.a[k as keyof ArchiveFixture['a']], await loginAs(f.t.app, u));
}

/** Publishes the village's 2025 Q4 财务收支 statement (finance item) on the fixture's current day; returns its id. */
export async function publishFinance(f: Fixture, title = '2025年第四季度财务收支情况'): Promise<string> {
  const call = api(f);
  const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: FINANCE_ITEM,
    period: '2025-Q4',
    title,
    formedOn: '2025-12-31',
    body: '<p>本季度收入12,000元，支出8,500元。</p>',
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

/** The county keeps class 04 (经济合同) 10 years — this test's county choice — so a 2010 contract is due for appraisal in 2026. */
export async function keepContractsTenYears(f: Fixture): Promise<void> {
  const r = await api(f)(f.s.countyAdmin, 'PUT', '/api/v1/archives/schedule/classes/04', {
    name: '经济合同',
    retention: '10y',
    basis: '测试：县档案局保管期限表',
    itemKeys: [],
    sortOrder: 40,
    active: true,
  });
  if (r.statusCode !== 200) throw new Error(`class 04: ${r.statusCode} ${r.body}`);
}
