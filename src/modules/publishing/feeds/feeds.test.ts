import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { api, DEPT, IMMEDIATE_ITEM, TOWN, VILLAGE, openFixture, publishGov, publishVillage, type Fixture, correctVillage } from '../disclosure.fixture.ts';
import { FEED_LIMIT } from './feeds.service.ts';

const MOBILE = '13912345678';

type AtomEntry = {
  id: string;
  title: { '#text': string; '@_type': string } | string;
  link: { '@_href': string };
  published: string;
  updated: string;
  author: { name: string };
  category: { '@_term': string; '@_label': string }[] | { '@_term': string; '@_label': string };
  summary: { '#text': string };
  content: { '#text': string; '@_type': string };
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => name === 'entry',
});
const titleOf = (e: AtomEntry) => (typeof e.title === 'string' ? e.title : e.title['#text']);

describe('feeds', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  let villageId: string;
  let govId: string;
  let withdrawnId: string;
  let maskedId: string;
  let domainCode: string;
  const get = (url: string, headers: Record<string, string> = {}) => f.t.app.inject({ method: 'GET', url, headers });
  const atom = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(XMLValidator.validate(res.body)).toBe(true);
    return {
      res,
      feed: parser.parse(res.body).feed as { id: string; title: string; updated: string; link: { '@_rel': string; '@_href': string }[]; entry?: AtomEntry[] },
    };
  };
  const advance = (s: number) => f.clock.set(new Date(f.clock.now().getTime() + s * 1000).toISOString());

  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
    const item = await f.t.rt.ctx.db.selectFrom('catalog_items').select('domain_code').where('item_key', '=', IMMEDIATE_ITEM).executeTakeFirstOrThrow();
    domainCode = item.domain_code;
    villageId = await publishVillage(f, '<p>修建村内道路，预算 5 &amp; 6 万元；<strong>“A&lt;B”</strong>。</p>', { title: '关于“道路&桥梁”<修建>的决定' });
    advance(60);
    govId = (await publishGov(f, '民政局2026年工作要点')).id;
    advance(60);
    withdrawnId = await publishVillage(f, '<p>将被撤回的内容正文XYZ。</p>', { title: '将被撤回的公告' });
    advance(60);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${withdrawnId}/withdraw`, { reason: '项目暂缓实施' })).statusCode).toBe(200);
    advance(60);
    // A record with a masked phone number in title and body.
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      title: `联系电话${MOBILE}`,
      formedOn: '2026-11-25',
      body: `<p>咨询电话：${MOBILE}。</p>`,
    });
    maskedId = d.json().id;
    for (const h of (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${maskedId}/pii-scan`, {})).json().hits as { fingerprint: string }[]) {
      await call(f.s.clerk, 'POST', `/api/v1/disclosures/${maskedId}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' });
    }
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${maskedId}/submit`, {});
    await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${maskedId}/review`, { decision: 'approve' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${maskedId}/publish`, {})).statusCode).toBe(200);
    advance(60);
    // A draft never appears.
    await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: '草稿不应出现', formedOn: '2026-11-25', body: '<p>草稿</p>' });
  }, 60_000);
  afterAll(() => f?.t.close());

  it('Atom 1.0: valid XML, escaped text and HTML content, stable ids, links, authors and categories', async () => {
    const { res, feed } = await atom('/feeds/all.atom');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const base = f.t.rt.ctx.config.baseUrl;
    expect(feed.id).toBe(`${base}/feeds/all`);
    expect(feed.link.find((l) => l['@_rel'] === 'self')!['@_href']).toBe(`${base}/feeds/all.atom`);
    const entries = feed.entry!;
    expect(entries.map(titleOf)).not.toContain('草稿不应出现');
    expect(entries).toHaveLength(4);
    // Newest change first: the masked record, then the withdrawal, then the others.
    expect(entries[0].id).toBe(`urn:uuid:${maskedId}`);
    expect(entries[1].id).toBe(`urn:uuid:${withdrawnId}`);
    const v = entries.find((e) => e.id === `urn:uuid:${villageId}`)!;
    expect(titleOf(v)).toBe('关于“道路&桥梁”<修建>的决定');
    expect(v.link['@_href']).toBe(`${base}/disclosures/${villageId}`);
    expect(v.content['@_type']).toBe('html');
    expect(v.content['#text']).toBe('<p>修建村内道路，预算 5 &amp; 6 万元；<strong>“A&lt;B”</strong>。</p>');
    expect(v.summary['#text']).toBe('修建村内道路，预算 5 & 6 万元；“A<B”。');
    expect(v.author.name).toBe('卜湖社区');
    expect(v.published).toBe(v.updated);
    const cats = [v.category].flat();
    expect(cats.map((c) => c['@_term'])).toEqual([domainCode, VILLAGE]);
    expect(cats[1]['@_label']).toBe('卜湖社区');
    expect(feed.updated).toBe(entries[0].updated);
    // The same record keeps its id in JSON Feed as well.
    const json = (await get('/feeds/all.json')).json();
    expect(json.items.map((i: { id: string }) => i.id)).toEqual(entries.map((e) => e.id));
  });

  it('JSON Feed 1.1 fields', async () => {
    const res = await get('/feeds/all.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = res.json();
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', feed_url: `${f.t.rt.ctx.config.baseUrl}/feeds/all.json`, language: 'zh-CN' });
    expect(feed.title).toContain('泗阳县');
    const gov = feed.items.find((i: { id: string }) => i.id === `urn:uuid:${govId}`);
    expect(gov).toMatchObject({
      url: `${f.t.rt.ctx.config.baseUrl}/disclosures/${govId}`,
      title: '民政局2026年工作要点',
      content_html: '<p>正文</p>',
      summary: '正文',
      authors: [{ name: '泗阳县民政局' }],
      tags: ['泗阳县民政局'],
    });
    expect(gov.date_published).toBe(gov.date_modified);
  });

  it('scopes: a unit with its subtree, the unit only, a catalog domain; unknown ones answer 404 in the feed format', async () => {
    const ids = async (url: string) => ((await get(url)).json().items as { id: string }[]).map((i) => i.id.replace('urn:uuid:', ''));
    expect((await ids(`/feeds/units/${TOWN}.json`)).sort()).toEqual([villageId, withdrawnId, maskedId].sort());
    expect(await ids(`/feeds/units/${TOWN}.json?children=0`)).toEqual([]);
    expect((await ids(`/feeds/units/${VILLAGE}.json?children=0`)).sort()).toEqual([villageId, withdrawnId, maskedId].sort());
    expect(await ids(`/feeds/units/${DEPT}.json`)).toEqual([govId]);
    expect((await ids('/feeds/units/321323.json')).length).toBe(4);
    expect(await ids(`/feeds/domains/${domainCode}.json`)).toContain(villageId);
    expect(await ids(`/feeds/domains/${domainCode}.json`)).not.toContain(govId);
    const { feed } = await atom(`/feeds/domains/${domainCode}.atom`);
    expect(feed.entry!.length).toBeGreaterThan(0);
    const town = await atom(`/feeds/units/${TOWN}.atom?children=0`);
    expect(town.feed.entry).toBeUndefined();
    expect(town.feed.link.find((l) => l['@_rel'] === 'self')!['@_href']).toBe(`${f.t.rt.ctx.config.baseUrl}/feeds/units/${TOWN}.atom?children=0`);

    const missingXml = await get('/feeds/units/nope.atom');
    expect(missingXml.statusCode).toBe(404);
    expect(missingXml.headers['content-type']).toContain('application/xml');
    expect(parser.parse(missingXml.body).error.message).toBe('单位不存在：nope');
    const missingJson = await get('/feeds/domains/nope.json');
    expect(missingJson.statusCode).toBe(404);
    expect(missingJson.json().error.message).toBe('公开领域不存在：nope');
    expect((await get('/feeds/units/321323.rss')).statusCode).toBe(404);
  });

  it('withdrawn records are marked with the public reason; their body is not syndicated', async () => {
    const { feed } = await atom('/feeds/all.atom');
    const w = feed.entry!.find((e) => e.id === `urn:uuid:${withdrawnId}`)!;
    expect(titleOf(w)).toBe('【已撤回】将被撤回的公告');
    expect(w.summary['#text']).toContain('撤回理由：项目暂缓实施');
    expect(w.content['#text']).toContain('撤回理由：项目暂缓实施');
    expect(w.content['#text']).not.toContain('XYZ');
    expect(w.updated > w.published).toBe(true);
  });

  it('masked content only', async () => {
    for (const url of ['/feeds/all.atom', '/feeds/all.json', `/feeds/units/${VILLAGE}.atom`]) {
      const res = await get(url);
      expect(res.body).not.toContain(MOBILE);
      expect(res.body).toContain('139****5678');
    }
  });

  it('conditional GET: ETag/Last-Modified → 304; a correction bumps updated, says 已更正 and changes the ETag', async () => {
    const first = await get(`/feeds/units/${VILLAGE}.atom`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const lm = first.headers['last-modified'] as string;
    expect(new Date(lm).toISOString()).toBe(new Date(Math.floor(new Date(parser.parse(first.body).feed.updated).getTime() / 1000) * 1000).toISOString());
    const cached = await get(`/feeds/units/${VILLAGE}.atom`, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect((await get(`/feeds/units/${VILLAGE}.atom`, { 'if-modified-since': lm })).statusCode).toBe(304);
    expect((await get(`/feeds/units/${VILLAGE}.atom`, { 'if-none-match': '"other"' })).statusCode).toBe(200);

    advance(3600);
    const corr = await correctVillage(f, villageId, { reason: '预算金额有误', body: '<p>修建村内道路，预算 8 万元。</p>' });
    expect(corr.statusCode, corr.body).toBe(200);
    const after = await get(`/feeds/units/${VILLAGE}.atom`, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const entries = parser.parse(after.body).feed.entry as AtomEntry[];
    expect(entries[0].id).toBe(`urn:uuid:${villageId}`);
    expect(entries[0].updated).toBe(f.clock.now().toISOString());
    expect(entries[0].updated > entries[0].published).toBe(true);
    expect(entries[0].content['#text']).toContain('<strong>已更正</strong>');
    expect(entries[0].content['#text']).toContain('预算金额有误');
    expect(entries[0].summary['#text']).toMatch(/^已更正（\d{4}年\d+月\d+日）：预算金额有误/);
  });

  it(`keeps the latest ${FEED_LIMIT} entries`, async () => {
    for (let i = 0; i < FEED_LIMIT; i++) {
      advance(10);
      await publishGov(f, `批量信息${i}`);
    }
    const { feed } = await atom(`/feeds/units/${DEPT}.atom`);
    expect(feed.entry).toHaveLength(FEED_LIMIT);
    expect(titleOf(feed.entry![0])).toBe(`批量信息${FEED_LIMIT - 1}`);
    expect(feed.entry!.map((e) => e.id)).not.toContain(`urn:uuid:${govId}`);
  }, 60_000);
});
