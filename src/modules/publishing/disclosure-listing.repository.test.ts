/**
 * Lists never read bodies: every statement behind the list pages (home, town, village, domain,
 * 往期 by year and month, the unit directory, the public and staff API lists, sitemaps) reads only
 * the narrow listing rows — no working or public body, no tables — with its limit in SQL; the
 * village finance overview sums the monthly totals stored on the listing rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, publishGov, publishVillage, TOWN, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import {
  archivedNewest,
  currentCounts,
  currentCountsAndNewest,
  currentNewest,
  LIST_COLUMNS,
  listingQuery,
  readTime,
  totalOf,
} from './disclosure-listing.repository.ts';

const BODY = /"(body_html|public_body_html|tables_json|public_tables_json|extracted_text|pii_decisions_json)"/;
let f: Fixture;
let recording: string[] | null = null;

beforeAll(async () => {
  f = await openFixture('2026-11-26T01:00:00.000Z', { onQuery: (sql) => recording?.push(sql) });
  for (let i = 0; i < 3; i++) await publishVillage(f, `<p>第${i}条的正文，不应出现在列表查询中。</p>`, { title: `列表测试第${i}条` });
  await publishGov(f, '列表测试：政府信息');
}, 60_000);
afterAll(() => f?.t.close());

async function statementsOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; sql: string[] }> {
  recording = [];
  const res = await f.t.app.inject({ method: 'GET', url, headers });
  const sql = recording;
  recording = null;
  return { status: res.statusCode, body: res.body, sql };
}

describe('list pages read the listing only', () => {
  const pages = [
    '/',
    `/units/${TOWN}`,
    `/units/${VILLAGE}`,
    '/domains/v-cwgk',
    `/units/${VILLAGE}/disclosures?year=2026`,
    `/units/${VILLAGE}/disclosures?year=2026&month=11`,
    '/units',
    '/sitemap.xml',
    '/sitemaps/disclosures-2026-11.xml',
    `/api/v1/disclosures?unit=${VILLAGE}`,
    '/api/v1/disclosures',
  ];
  for (const url of pages) {
    it(url, async () => {
      const r = await statementsOf(url);
      expect(r.status).toBe(200);
      if (!url.startsWith('/sitemap') && url !== '/units') expect(r.body).toContain('列表测试');
      const wide = r.sql.filter((s) => BODY.test(s) || /from "disclosures"|join "disclosures"|"disclosure_versions"/.test(s));
      expect(wide).toEqual([]);
      // Every listing read is bounded: a limit, an aggregate, a set of ids, one unit-year, or the records
      // within a display window (display_until from today to before the open end: recent ones only).
      for (const s of r.sql.filter((x) => x.includes('"disclosure_listings"')))
        expect(s, s).toMatch(
          / limit |count\(|max\(|"published_at" >= (\?|\$\d+)|"display_until" >= (\?|\$\d+) and "l"\."display_until" < (\?|\$\d+)|"disclosure_id" in \(/,
        );
    });
  }

  it('a village or town page reads the records within a display window once per list of units, and its newest current records as whole rows', async () => {
    // The village: 当前公示 by category. The town: its own 当前公示, and its villages' 专栏 (counts and lists from one read).
    for (const [url, reads] of [
      [`/units/${VILLAGE}`, 1],
      [`/units/${TOWN}`, 2],
    ] as const) {
      // A cookie that matches no session: anonymous, but past the page cache (the page renders).
      const r = await statementsOf(url, { cookie: 'gk_session=no-such-session' });
      expect(r.status).toBe(200);
      const windowed = r.sql.filter((s) => /"display_until" >= (\?|\$\d+) and "l"\."display_until" < (\?|\$\d+)/.test(s));
      expect(windowed, url).toHaveLength(reads);
      const openEnded = r.sql.filter((s) => s.includes('"display_until" = ') && s.includes('as "unit_name"'));
      expect(openEnded, url).toHaveLength(reads);
      for (const u of openEnded) expect(u, url).toContain('"l"."title"');
    }
  });

  it('the staff list reads no body either (drafts from the narrow columns, working titles by id)', async () => {
    const r = await statementsOf(`/api/v1/disclosures?unit=${VILLAGE}`, f.s.clerk.headers());
    expect(r.status).toBe(200);
    expect(r.sql.filter((s) => BODY.test(s))).toEqual([]);
  });
});

it('the list query selects exactly the list columns, newest first, limit and offset in SQL', () => {
  const t = readTime(new Date('2026-11-26T01:00:00.000Z'));
  const q = listingQuery(f.t.rt.ctx.db, { unitPath: '/321323/321323002/321323002-buhu/', phase: 'current' }, t)
    .innerJoin('org_units as u', 'u.code', 'l.unit_code')
    .select([...LIST_COLUMNS, 'u.name as unit_name'])
    .orderBy('l.published_at', 'desc')
    .limit(20)
    .compile();
  const selected = q.sql
    .slice(q.sql.indexOf('select') + 6, q.sql.indexOf(' from '))
    .split(',')
    .map((c) => c.trim());
  expect(selected).toHaveLength(LIST_COLUMNS.length + 1);
  expect(q.sql).not.toMatch(BODY);
  expect(q.sql).toMatch(/"l"\."published_at" <= (\?|\$\d+)/);
  expect(q.sql).toMatch(/"l"\."display_until" >= (\?|\$\d+)/);
  expect(q.sql).toMatch(/ limit (\?|\$\d+)$/);
});

it('the API list is bounded in SQL whatever the offset', async () => {
  const call = api(f);
  const r = await statementsOf('/api/v1/disclosures?limit=2&offset=1');
  expect(r.status).toBe(200);
  const page = r.sql.find((s) => s.includes('"disclosure_listings"') && / limit /.test(s));
  expect(page).toMatch(/ limit (\?|\$\d+) offset (\?|\$\d+)/);
  const items = (await call(null, 'GET', '/api/v1/disclosures?limit=2&offset=1')).json().items;
  expect(items).toHaveLength(2);
});

describe('bounded reads give the same answers as reading every row', () => {
  it('current counts, newest current and newest 往期 match a full scan, through withdrawals, schedules and the passing of time', async () => {
    const call = api(f);
    const db = f.t.rt.ctx.db;
    // More records: open-ended government ones, a withdrawal, a scheduled one not yet due.
    for (let i = 0; i < 4; i++) await publishGov(f, `无公示期的政府信息${i}`);
    const w = await publishVillage(f, '<p>撤回。</p>', { title: '列表测试：撤回' });
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${w}/withdraw`, { reason: '内容有误，撤回' })).statusCode).toBe(200);
    const d = await call(f.s.officer, 'POST', '/api/v1/disclosures', {
      unitCode: 'dept-mzj',
      title: '列表测试：定时',
      formedOn: '2026-11-25',
      body: '<p>定时。</p>',
    });
    await call(f.s.officer, 'POST', `/api/v1/disclosures/${d.json().id}/submit`, {});
    await call(f.s.reviewer, 'POST', `/api/v1/disclosures/${d.json().id}/review`, { decision: 'approve' });
    expect((await call(f.s.officer, 'POST', `/api/v1/disclosures/${d.json().id}/publish`, { at: '2026-12-20T00:00:00.000Z' })).statusCode).toBe(200);
    const paths = (await db.selectFrom('org_units').select('path').where('code', 'in', [VILLAGE, 'dept-mzj']).execute()).map((u) => u.path);
    for (const at of ['2026-11-26T05:00:00.000Z', '2026-12-25T05:00:00.000Z', '2027-06-01T00:00:00.000Z']) {
      const t = readTime(new Date(at));
      const counts = await currentCounts(db, paths, t);
      // The pages' combined read (the windowed records read once) gives the same counts and lists.
      const both = await currentCountsAndNewest(
        db,
        paths.map((unitPath) => ({ unitPath })),
        3,
        t,
      );
      expect(both.counts).toEqual(counts);
      for (const [i, p] of paths.entries()) expect(both.lists[i]).toEqual(await currentNewest(db, p, 3, t));
      for (const p of paths) {
        const all = await listingQuery(db, { unitPath: p }, t).selectAll('l').orderBy('l.published_at', 'desc').orderBy('l.disclosure_id', 'desc').execute();
        const current = all.filter((r) => r.status === 'published' && r.display_until >= t.today);
        const archived = all.filter((r) => r.status === 'withdrawn' || r.display_until < t.today);
        expect(totalOf(counts.get(p)), `${p} ${at}`).toBe(current.length);
        expect(
          (await currentNewest(db, p, 3, t)).map((r) => r.disclosure_id),
          `${p} ${at}`,
        ).toEqual(current.slice(0, 3).map((r) => r.disclosure_id));
        expect(
          (await archivedNewest(db, p, 2, t)).map((r) => r.disclosure_id),
          `${p} ${at}`,
        ).toEqual(archived.slice(0, 2).map((r) => r.disclosure_id));
      }
    }
  });
});
