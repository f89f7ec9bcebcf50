import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, openFixture, publishVillage, VILLAGE, type Fixture } from '../../modules/publishing/disclosure.fixture.ts';
import { publicVersion } from './page-cache.ts';

let f: Fixture;
const statements: string[] = [];
beforeAll(async () => {
  f = await openFixture(undefined, { onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await f.t.close();
});

const page = (url: string, cookie?: string) => f.t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

it('serves public pages from the cache until a publish, which shows at once', async () => {
  const url = `/units/${VILLAGE}`;
  const first = await page(url);
  expect(first.statusCode).toBe(200);
  const again = await page(url);
  expect(again.headers['x-page-cache']).toBe('hit');
  expect(again.body).toBe(first.body);
  expect(again.headers['cache-control']).toBe('no-cache');
  expect(again.headers.vary).toMatch(/Cookie/);
  expect(again.headers.etag).toBeTruthy();
  expect((await f.t.app.inject({ method: 'GET', url, headers: { 'if-none-match': String(again.headers.etag) } })).statusCode).toBe(304);
  // Elder mode is a different page, cached separately.
  const elder = await page(url, 'gk_elder=1');
  expect(elder.body).not.toBe(first.body);
  expect(elder.body).toContain('class="elder"');

  const title = '缓存测试：村民代表会议关于修建环村路的决定';
  expect(first.body).not.toContain(title);
  const id = await publishVillage(f, '<p>修建环村路。</p>', { title });
  const after = await page(url);
  expect(after.headers['x-page-cache']).toBe('miss');
  expect(after.body).toContain(title);
  expect((await page(url, 'gk_elder=1')).body).toContain(title);

  // Withdrawal is a public change too.
  const w = await api(f)(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '内容有误，撤回后重新公开' });
  expect(w.statusCode).toBe(200);
  const gone = await page(url);
  expect(gone.headers['x-page-cache']).toBe('miss');
  expect(gone.body).not.toBe(after.body);
});

it('renaming a unit refreshes the cached pages', async () => {
  const before = await page('/');
  expect((await page('/')).headers['x-page-cache']).toBe('hit');
  const r = await api(f)(f.s.countyAdmin, 'PATCH', `/api/v1/org-units/${VILLAGE}`, { name: '卜湖新社区' });
  expect(r.statusCode, r.body).toBe(200);
  const after = await page(`/units/${VILLAGE}`);
  expect(after.body).toContain('卜湖新社区');
  expect((await page('/')).headers['x-page-cache']).toBe('miss');
  expect(before.statusCode).toBe(200);
});

describe('misses coalesce', () => {
  const burst = (url: string, n: number) => Promise.all(Array.from({ length: n }, () => page(url)));

  it('concurrent misses for one page render it once; the others get that render', async () => {
    const url = `/units/${VILLAGE}/disclosures?year=2026`;
    const renders = () => statements.filter((s) => s.includes('"disclosure_listings"')).length;
    statements.length = 0;
    const res = await burst(url, 8);
    const kinds = res.map((r) => r.headers['x-page-cache']).sort();
    expect(kinds.filter((k) => k === 'miss')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'coalesced')).toHaveLength(7);
    expect(new Set(res.map((r) => r.body)).size).toBe(1);
    const once = renders();
    statements.length = 0;
    await burst(url, 8);
    expect(renders()).toBe(0);
    expect(once).toBeGreaterThan(0);
  });

  it('after a change the previous page is served for at most a second while the new one renders, then requests wait', async () => {
    const url = `/units/${VILLAGE}`;
    const old = (await page(url)).body;
    expect((await page(url)).headers['x-page-cache']).toBe('hit');
    await publishVillage(f, '<p>过期页面测试。</p>', { title: '过期页面测试：新公开的信息' });
    // Within the second: one request renders, the others get the previous page.
    const now = await burst(url, 6);
    expect(now.filter((r) => r.headers['x-page-cache'] === 'miss')).toHaveLength(1);
    const stale = now.filter((r) => r.headers['x-page-cache'] === 'stale');
    expect(stale.length).toBe(5);
    expect(stale.every((r) => r.body === old)).toBe(true);
    expect(now.find((r) => r.headers['x-page-cache'] === 'miss')!.body).toContain('过期页面测试：新公开的信息');
    // More than a second after the change was noticed: nobody gets the previous page any more.
    await publishVillage(f, '<p>过期页面测试二。</p>', { title: '过期页面测试：第二条' });
    await publicVersion(f.t.rt.ctx); // this process notices the change now …
    const real = Date.now;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => real() + 1500); // … and 1.5 s pass
    try {
      const later = await burst(url, 6);
      expect(later.filter((r) => r.headers['x-page-cache'] === 'stale')).toHaveLength(0);
      expect(later.filter((r) => r.headers['x-page-cache'] === 'miss')).toHaveLength(1);
      expect(later.every((r) => r.body.includes('过期页面测试：第二条'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
