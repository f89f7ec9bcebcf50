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

describe('hits answered by the HTTP server before the app (pageCacheFastPath)', () => {
  let base = '';
  beforeAll(async () => {
    await f.t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = f.t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${base}${url}`, { headers });
  /** The headers a response shares with every other response of the same page. */
  const lasting = (h: Headers) =>
    Object.fromEntries([...h].filter(([name]) => !['date', 'x-request-id', 'x-page-cache', 'connection', 'keep-alive'].includes(name)));

  it('a cached page comes with the headers of its render, security headers included, and a request id of its own', async () => {
    const url = `/units/${VILLAGE}?fast=1`;
    const miss = await get(url);
    expect(miss.headers.get('x-page-cache')).toBe('miss');
    const body = await miss.text();
    const hit = await get(url);
    expect(hit.headers.get('x-page-cache')).toBe('fast');
    expect(await hit.text()).toBe(body);
    expect(lasting(hit.headers)).toEqual(lasting(miss.headers));
    expect(hit.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(hit.headers.get('vary')).toBe('Cookie');
    expect(hit.headers.get('keep-alive')).toMatch(/timeout=72/);
    const ids = new Set([miss, hit, await get(url)].map((r) => r.headers.get('x-request-id')));
    expect(ids.size).toBe(3);
    const revalidated = await get(url, { 'if-none-match': String(hit.headers.get('etag')) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-page-cache')).toBe('fast');
    expect(await revalidated.text()).toBe('');
  });

  it('a session cookie, an Authorization header or an unusual display-mode cookie goes through the app', async () => {
    const url = `/units/${VILLAGE}?fast=2`;
    await get(url);
    expect((await get(url)).headers.get('x-page-cache')).toBe('fast');
    // Logged in (even with a session the server does not know): never from the cache.
    expect((await get(url, { cookie: 'gk_session=whatever' })).headers.get('x-page-cache')).toBeNull();
    // A bad API token is refused on every route, as before.
    const bearer = await get(url, { authorization: 'Bearer not-a-token' });
    expect(bearer.status).toBe(401);
    // Elder mode is its own cached page; a display-mode cookie in another form is left to the app to read.
    const elder = await get(url, { cookie: 'a=b; gk_elder=1' });
    expect(await elder.text()).toContain('class="elder"');
    const elderAgain = await get(url, { cookie: 'a=b; gk_elder=1' });
    expect(elderAgain.headers.get('x-page-cache')).toBe('fast');
    expect(await elderAgain.text()).toContain('class="elder"');
    const odd = await get(url, { cookie: 'gk_elder=2' });
    expect(odd.headers.get('x-page-cache')).toBe('hit');
    expect(await odd.text()).not.toContain('class="elder"');
  });

  it('a publish shows at once: the next request is rendered again, then answered fast', async () => {
    const url = `/units/${VILLAGE}?fast=3`;
    await get(url);
    expect((await get(url)).headers.get('x-page-cache')).toBe('fast');
    const title = '快速通道测试：村民代表会议关于修缮村部的决定';
    await publishVillage(f, '<p>修缮村部。</p>', { title });
    const after = await get(url);
    expect(after.headers.get('x-page-cache')).toBe('miss');
    expect(await after.text()).toContain(title);
    const again = await get(url);
    expect(again.headers.get('x-page-cache')).toBe('fast');
    expect(await again.text()).toContain(title);
  });

  it('when the stamp is due to be re-read (another process may have published), the app answers', async () => {
    const url = `/units/${VILLAGE}?fast=4`;
    await get(url);
    expect((await get(url)).headers.get('x-page-cache')).toBe('fast');
    const real = Date.now;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => real() + 1500);
    try {
      expect((await get(url)).headers.get('x-page-cache')).toBe('hit');
    } finally {
      spy.mockRestore();
    }
  });
});
