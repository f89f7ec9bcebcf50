/**
 * Reads never write (docs/ARCHITECTURE.md): every GET route of the app — public pages, feeds, the
 * public API and the admin API — is called anonymously and as staff of the county and of a village,
 * with every statement the database executes recorded, and none may change a row. The data set is
 * the whole demo (every module's 演示 rows) plus a scheduled publication whose time has passed but
 * which the publishing job has not recorded yet, on a day after display windows ended: the cases in
 * which reads used to write (finalizing scheduled records, refreshing 往期 flags, recomputing
 * stored 公开督查 facts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, DEPT, openFixture, publishVillage, TOWN, VILLAGE, type Fixture } from '../src/modules/publishing/disclosure.fixture.ts';
import { loginAs, seedDemo } from './helpers/test-app.ts';

const WRITE = /^\s*(insert|update|delete|replace|upsert|create|drop|alter|truncate|merge)\b/i;

let f: Fixture;
let recording: string[] | null = null;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  f = await openFixture('2026-11-26T01:00:00.000Z', { onQuery: (sql) => recording?.push(sql) });
  await seedDemo(f.t.rt.ctx);
  const call = api(f);
  const published = await publishVillage(f, '<p>村民代表会议决定：修建村道。</p>', { title: '读取不写入测试：已发布' });
  const withdrawn = await publishVillage(f, '<p>撤回测试。</p>', { title: '读取不写入测试：已撤回' });
  expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${withdrawn}/withdraw`, { reason: '内容有误，撤回' })).statusCode).toBe(200);
  // A scheduled publication one hour ahead …
  const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', {
    unitCode: DEPT,
    title: '读取不写入测试：定时发布',
    formedOn: '2026-11-25',
    body: '<p>定时发布的正文。</p>',
  });
  const scheduled = d.json().id as string;
  await call(f.s.officer, 'POST', `/api/v1/disclosures/${scheduled}/submit`, {});
  await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${scheduled}/review`, { decision: 'approve' });
  expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${scheduled}/publish`, { at: '2026-11-26T02:00:00.000Z' })).statusCode).toBe(200);
  // … and the clock a day later: the record is due (not recorded by any job), windows of the demo have moved on.
  f.clock.set('2026-11-27T03:00:00.000Z');
  // Fresh sessions at the new time (sign-in is a POST; a session's sliding expiry is authentication bookkeeping, not covered here).
  f.s.countyAdmin = await loginAs(f.t.app, 'countyadmin');
  f.s.clerk = await loginAs(f.t.app, 'clerk');
  const db = f.t.rt.ctx.db;
  const first = async (table: string, column = 'id') =>
    (
      (await db
        .selectFrom(table as never)
        .select(column as never)
        .limit(1)
        .executeTakeFirst()) as Record<string, string> | undefined
    )?.[column];
  ids.disclosure = [published, withdrawn, scheduled];
  ids.version = [(await first('catalog_versions')) ?? 'none'];
  ids.request = [(await first('info_requests')) ?? 'none'];
  ids.period = [(await first('assessment_periods')) ?? 'none'];
  ids.order = [(await first('rectification_orders')) ?? 'none'];
  ids.remedy = [(await first('info_request_remedies')) ?? 'none'];
  ids.user = [(await first('users')) ?? 'none'];
  ids.attachment = [(await first('disclosure_attachments')) ?? 'none'];
  ids.policy = [(await first('policy_documents', 'disclosure_id')) ?? 'none'];
}, 180_000);
afterAll(() => f?.t.close());

const CODES = [VILLAGE, TOWN, '321323', DEPT];
const QUERY: Record<string, string> = {
  '/search': 'q=低保',
  '/api/v1/search': 'q=低保',
  '/api/v1/search/suggest': 'q=di',
  '/api/v1/calendar/add-working-days': 'from=2026-11-26&days=3',
  '/api/v1/calendar/working-days-between': 'from=2026-11-01&to=2026-11-26',
  '/api/v1/info-requests/track': 'code=NOPE&secret=nope',
  '/api/v1/publishing/templates/finance.xlsx': `unit=${VILLAGE}&period=2026-10`,
  '/units': 'q=卜湖',
  '/api/v1/offline/letters.pdf': `unit=${VILLAGE}&sources=`,
  '/api/v1/policies/linkable': `unit=${DEPT}`,
};

/** Concrete URLs for a registered GET route (its parameters filled with rows of the data set). */
function urlsFor(route: string): string[] {
  if (route.includes('*')) return route.startsWith('/assets/') ? ['/assets/portal.css'] : [];
  let urls = [route];
  const fill = (param: string, values: string[]) => {
    if (!urls.some((u) => u.includes(param))) return;
    urls = urls.flatMap((u) => values.map((v) => u.replace(param, encodeURIComponent(v))));
  };
  const byPrefix: [RegExp, string, string[]][] = [
    [/\/disclosures\/:id/, ':id', ids.disclosure],
    [/\/catalog\/versions\/:id/, ':id', ids.version],
    [/\/info-requests\/:id/, ':id', ids.request],
    [/\/info-request-remedies\/:id/, ':id', ids.remedy],
    [/\/rectifications\/:id/, ':id', ids.order],
    [/\/users\/:id/, ':id', ids.user],
    [/\/policies\/:id/, ':id', ids.policy],
    [/\/offline\/(broadcasts|leaflets)\/:id/, ':id', ids.disclosure],
  ];
  for (const [re, param, values] of byPrefix) if (re.test(route)) fill(param, values);
  fill(':otherId', ids.version);
  fill(':aid', ids.attachment);
  fill(':periodId', ids.period);
  fill(':unitCode', ['321323']);
  fill(':code', CODES);
  fill(':date', ['2026-11-26']);
  fill(':year', ['2025']);
  fill(':chart', ['ranking']);
  if (route === '/feeds/units/:file') urls = [`/feeds/units/${VILLAGE}.atom`, `/feeds/units/${TOWN}.json`];
  else if (route === '/feeds/domains/:file') urls = ['/feeds/domains/v-cwgk.atom', '/feeds/domains/shjz.json'];
  else if (route === '/sitemaps/:file') urls = ['/sitemaps/disclosures-2026-11.xml'];
  else fill(':file', ['letter.pdf']);
  urls = urls.map((u) => u.replace(/:[a-zA-Z]+/g, '00000000-0000-0000-0000-000000000000'));
  const q = QUERY[route];
  return q ? urls.map((u) => `${u}?${q}`) : urls;
}

it('no GET route changes a row, for anonymous visitors and for staff', async () => {
  const routes = f.t.app.registeredRoutes.filter((r) => r.method === 'GET').map((r) => r.url);
  expect(routes.length).toBeGreaterThan(80);
  const callers = [
    { name: 'anonymous', headers: {} as Record<string, string> },
    { name: 'county admin', headers: f.s.countyAdmin.headers() },
    { name: 'village clerk', headers: f.s.clerk.headers() },
  ];
  const writes: string[] = [];
  let calls = 0;
  const statuses = new Map<number, number>();
  for (const route of routes) {
    for (const url of urlsFor(route)) {
      for (const c of callers) {
        recording = [];
        const res = await f.t.app.inject({ method: 'GET', url, headers: c.headers });
        const seen = recording;
        recording = null;
        calls += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        for (const sql of seen) if (WRITE.test(sql)) writes.push(`${c.name} GET ${url} (${res.statusCode}): ${sql.slice(0, 160)}`);
      }
    }
  }
  expect(writes).toEqual([]);
  // The sweep reached real pages and data, not only 404s.
  expect(calls).toBeGreaterThan(300);
  expect(statuses.get(200) ?? 0).toBeGreaterThan(calls / 2);
}, 300_000);

it('the due scheduled record is public in that state (reads show it by time) and still unrecorded', async () => {
  const scheduled = ids.disclosure[2];
  const row = await f.t.rt.ctx.db.selectFrom('disclosures').select(['status']).where('id', '=', scheduled).executeTakeFirstOrThrow();
  expect(row.status).toBe('scheduled');
  const page = await f.t.app.inject({ url: `/disclosures/${scheduled}` });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('读取不写入测试：定时发布');
});
