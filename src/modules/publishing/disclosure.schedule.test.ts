/**
 * A scheduled publication appears at its time — on its page, in the lists, feeds, sitemap and
 * search — with no job run and nothing written by the reads, also where those pages were cached just
 * before; the publishing job then records it once (audit, workflow step, webhooks).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, IMMEDIATE_ITEM, openFixture, TOWN, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import { publishDueScheduled } from './disclosure.commands.ts';

const TITLE = '定时发布测试：村民代表会议关于道路维修的决定';
const AT = '2026-11-26T06:00:00.000Z';
let f: Fixture;
let id = '';
let recording: string[] | null = null;
const WRITE = /^\s*(insert|update|delete|replace)\b/i;

beforeAll(async () => {
  f = await openFixture('2026-11-26T01:00:00.000Z', { onQuery: (sql) => recording?.push(sql) });
  const call = api(f);
  // A subscriber, so the job's webhook deliveries can be seen.
  expect(
    (
      await call(f.s.countyAdmin, 'POST', '/api/v1/webhooks', {
        name: '县政务新媒体',
        url: 'https://example.gov.cn/hook',
        events: ['disclosure.published'],
        unitScope: '321323',
      })
    ).statusCode,
  ).toBe(201);
  const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: IMMEDIATE_ITEM,
    title: TITLE,
    formedOn: '2026-11-25',
    body: '<p>经村民代表会议决定，维修村内道路。</p>',
  });
  id = d.json().id;
  await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
  await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意' });
  const s = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, { at: AT });
  expect(s.statusCode, s.body).toBe(200);
}, 60_000);
afterAll(() => f?.t.close());

const PAGES = [
  '/',
  `/units/${VILLAGE}`,
  `/units/${TOWN}`,
  '/domains/v-cwgk',
  `/units/${VILLAGE}/disclosures?year=2026&month=11`,
  '/feeds/all.atom',
  `/feeds/units/${VILLAGE}.json`,
  '/sitemaps/disclosures-2026-11.xml',
  `/api/v1/disclosures?unit=${VILLAGE}`,
];

async function get(url: string) {
  return f.t.app.inject({ method: 'GET', url });
}

it('is prepared when scheduled: index number, public version, listing row and search document with the future time', async () => {
  const db = f.t.rt.ctx.db;
  const row = await db
    .selectFrom('disclosures')
    .select(['status', 'index_no', 'current_version', 'published_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'scheduled', index_no: `${VILLAGE}/2026-00001`, current_version: 1, published_at: AT });
  expect(await db.selectFrom('disclosure_listings').select(['published_at', 'title']).where('disclosure_id', '=', id).executeTakeFirst()).toEqual({
    published_at: AT,
    title: TITLE,
  });
  const doc = await db.selectFrom('search_documents').select(['published_at']).where('doc_id', '=', `disclosure:${id}`).executeTakeFirst();
  expect(doc?.published_at).toBe(AT);
});

it('is nowhere before its time, even on pages cached a second before', async () => {
  f.clock.set('2026-11-26T05:59:59.000Z');
  for (const url of PAGES) {
    const first = await get(url);
    expect(first.statusCode, url).toBe(200);
    expect(first.body, url).not.toContain(TITLE);
  }
  // Cached now (the HTML pages).
  expect((await get(`/units/${VILLAGE}`)).headers['x-page-cache']).toBe('hit');
  expect((await get(`/disclosures/${id}`)).statusCode).toBe(404);
  expect((await get(`/api/v1/disclosures/${id}`)).statusCode).toBe(404);
});

it('is everywhere at its time with no job run, and the reads write nothing', async () => {
  f.clock.set(AT);
  recording = [];
  for (const url of PAGES) {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.body, url).toContain(url.startsWith('/sitemaps/') ? `/disclosures/${id}</loc>` : TITLE);
  }
  const page = await get(`/disclosures/${id}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain(`${VILLAGE}/2026-00001`);
  expect(page.body).toContain('公示期');
  const api = (await get(`/api/v1/disclosures/${id}`)).json();
  expect(api.public).toMatchObject({ status: 'published', publishedAt: AT, indexNo: `${VILLAGE}/2026-00001` });
  const verify = (await get(`/api/v1/disclosures/${id}/verify`)).json();
  expect(verify).toMatchObject({ matches: true, chainOk: true });
  const found = (await get(`/api/v1/search?q=${encodeURIComponent('道路维修')}`)).json();
  expect(found.items.map((i: { url: string }) => i.url)).toContain(`/disclosures/${id}`);
  const writes = recording.filter((s) => WRITE.test(s));
  recording = null;
  expect(writes).toEqual([]);
  // Not recorded yet: that is the job's.
  const db = f.t.rt.ctx.db;
  expect((await db.selectFrom('disclosures').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('scheduled');
  expect(await db.selectFrom('audit_events').select('seq').where('entity_id', '=', id).where('action', '=', 'disclosure.publish').execute()).toHaveLength(0);
});

it('the job records it once: status, step, audit, webhooks; the public view does not change', async () => {
  const before = (await get(`/disclosures/${id}`)).body;
  expect(await publishDueScheduled(f.t.rt.ctx)).toEqual({ published: 1, prepared: 0 });
  expect(await publishDueScheduled(f.t.rt.ctx)).toEqual({ published: 0, prepared: 0 });
  const db = f.t.rt.ctx.db;
  expect((await db.selectFrom('disclosures').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
  const events = await db
    .selectFrom('audit_events')
    .select(['action', 'after_json'])
    .where('entity_id', '=', id)
    .where('action', 'in', ['disclosure.schedule', 'disclosure.publish'])
    .orderBy('seq')
    .execute();
  expect(events.map((e) => e.action)).toEqual(['disclosure.schedule', 'disclosure.publish']);
  const hashes = events.map((e) => (JSON.parse(e.after_json ?? '{}') as { contentHash: string }).contentHash);
  expect(hashes[0]).toBe(hashes[1]);
  expect(JSON.parse(events[1].after_json ?? '{}')).toMatchObject({ scheduled: true, publishedAt: AT });
  const steps = await db.selectFrom('disclosure_steps').select(['action', 'comment']).where('disclosure_id', '=', id).where('action', '=', 'publish').execute();
  expect(steps).toEqual([{ action: 'publish', comment: '定时发布' }]);
  const deliveries = await db.selectFrom('webhook_deliveries').select('event_type').where('payload_json', 'like', `%${id}%`).execute();
  expect(deliveries.map((d) => d.event_type)).toEqual(['disclosure.published']);
  const after = (await get(`/disclosures/${id}`)).body;
  expect(after.replace(/<meta name="csrf[^>]*>/, '')).toBe(before.replace(/<meta name="csrf[^>]*>/, ''));
});
