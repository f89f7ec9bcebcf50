/**
 * Lists never read bodies: every statement behind the list pages (home, town, village, domain,
 * 往期 by year and month, the unit directory, the public and staff API lists, sitemaps) reads only
 * the narrow listing rows — no working or public body, no tables — with its limit in SQL. The only
 * wide read a list page makes is the village finance overview's, of a bounded number of statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, publishGov, publishVillage, TOWN, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import { LIST_COLUMNS, listingQuery, readTime } from './disclosure.listings.ts';

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
  const pages = ['/', `/units/${TOWN}`, '/domains/v-cwgk', `/units/${VILLAGE}/disclosures?year=2026`, `/units/${VILLAGE}/disclosures?year=2026&month=11`, '/units', '/sitemap.xml', '/sitemaps/disclosures-2026-11.xml', `/api/v1/disclosures?unit=${VILLAGE}`, '/api/v1/disclosures'];
  for (const url of pages) {
    it(url, async () => {
      const r = await statementsOf(url);
      expect(r.status).toBe(200);
      if (!url.startsWith('/sitemap') && url !== '/units') expect(r.body).toContain('列表测试');
      const wide = r.sql.filter((s) => BODY.test(s) || /from "disclosures"|join "disclosures"|"disclosure_versions"/.test(s));
      expect(wide).toEqual([]);
      // Every listing read is bounded (a limit, an aggregate, or a fixed set of ids / one unit-year).
      for (const s of r.sql.filter((x) => x.includes('"disclosure_listings"'))) expect(s, s).toMatch(/ limit |count\(|max\(|row_number\(\)|"published_at" >= \?/);
    });
  }

  it('the staff list reads no body either (drafts from the narrow columns, working titles by id)', async () => {
    const r = await statementsOf(`/api/v1/disclosures?unit=${VILLAGE}`, f.s.clerk.headers());
    expect(r.status).toBe(200);
    expect(r.sql.filter((s) => BODY.test(s))).toEqual([]);
  });

  it('the village page reads bodies only for the finance overview, a bounded batch', async () => {
    const r = await statementsOf(`/units/${VILLAGE}`);
    expect(r.status).toBe(200);
    const wide = r.sql.filter((s) => BODY.test(s));
    expect(wide.every((s) => s.includes('"has_finance"') && / limit /.test(s))).toBe(true);
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
  const selected = q.sql.slice(q.sql.indexOf('select') + 6, q.sql.indexOf(' from ')).split(',').map((c) => c.trim());
  expect(selected).toHaveLength(LIST_COLUMNS.length + 1);
  expect(q.sql).not.toMatch(BODY);
  expect(q.sql).toMatch(/"l"\."published_at" <= \?/);
  expect(q.sql).toMatch(/"l"\."display_until" >= \?/);
  expect(q.sql).toMatch(/ limit \?$/);
});

it('the API list is bounded in SQL whatever the offset', async () => {
  const call = api(f);
  const r = await statementsOf('/api/v1/disclosures?limit=2&offset=1');
  expect(r.status).toBe(200);
  const page = r.sql.find((s) => s.includes('"disclosure_listings"') && / limit /.test(s));
  expect(page).toMatch(/ limit \? offset \?/);
  const items = (await call(null, 'GET', '/api/v1/disclosures?limit=2&offset=1')).json().items;
  expect(items).toHaveLength(2);
});
