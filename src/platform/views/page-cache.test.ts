import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, openFixture, publishVillage, VILLAGE, type Fixture } from '../../modules/publishing/disclosure.fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
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
