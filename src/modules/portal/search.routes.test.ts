import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, openFixture, publishVillage, type Fixture, correctVillage } from '../publishing/disclosure.fixture.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { searchCacheStats } from '../../platform/search/index.ts';

type Hit = { id: string; title: string; unit: string; publishedAt: string; snippet: string; url: string; archived: boolean };

describe('search over published disclosures', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture();
  });
  afterEach(() => f.t.close());

  const find = async (query: string) => {
    const res = await f.t.app.inject({ url: `/api/v1/search?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; totalIsLowerBound: boolean; items: Hit[]; suggestions: string[] };
  };

  it('finds what was published, by Chinese words, synonyms and pinyin, with highlighted snippets', async () => {
    const id = await publishVillage(f, '<p>经村民代表会议讨论，确定2026年城乡最低生活保障对象名单如下。</p>', { title: '卜湖社区低保对象名单公示' });
    for (const q of ['低保', '最低生活保障', 'dibao', '卜湖']) {
      const r = await find(`q=${encodeURIComponent(q)}`);
      expect(
        r.items.map((i) => i.id),
        q,
      ).toContain(`disclosure:${id}`);
    }
    const hit = (await find(`q=${encodeURIComponent('低保')}`)).items[0];
    expect(hit).toMatchObject({ title: '卜湖社区低保对象名单公示', unit: '卜湖社区', url: `/disclosures/${id}`, archived: false });
    expect(hit.snippet).toContain('<mark>');
  });

  it('indexes only public, masked content', async () => {
    const call = api(f);
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: '321323002-buhu',
      itemKey: 'vil:hyjd',
      title: '道路修缮公示',
      formedOn: '2026-11-25',
      body: '<p>如有疑问请联系 13812345678。</p>',
    });
    const id = d.json().id as string;
    for (const hit of (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).json().hits as { fingerprint: string }[]) {
      await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: hit.fingerprint, action: 'mask' });
    }
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);
    const raw = await find('q=13812345678');
    expect(raw.total).toBe(0);
    const r = await find(`q=${encodeURIComponent('道路修缮')}`);
    expect(r.items[0].snippet).not.toContain('13812345678');
    const draft = await api(f)(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: '321323002-buhu',
      itemKey: 'vil:hyjd',
      title: '尚未发布的草稿公告',
      formedOn: '2026-11-25',
      body: '<p>草稿</p>',
    });
    expect(draft.statusCode).toBe(201);
    expect((await find(`q=${encodeURIComponent('草稿公告')}`)).total).toBe(0);
  });

  it('follows corrections and withdrawals', async () => {
    const id = await publishVillage(f, '<p>村内道路修缮方案。</p>', { title: '村内道路修缮方案公示' });
    const c = await correctVillage(f, id, { reason: '标题有误', title: '村内桥梁修缮方案公示' });
    expect(c.statusCode, c.body).toBe(200);
    expect((await find(`q=${encodeURIComponent('桥梁')}`)).items.map((i) => i.id)).toContain(`disclosure:${id}`);
    const w = await api(f)(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: '方案调整，另行公开' });
    expect(w.statusCode, w.body).toBe(200);
    expect((await find(`q=${encodeURIComponent('桥梁')}`)).total).toBe(0);
  });

  it('answers repeated searches from the cache, and a publish or withdrawal shows at once', async () => {
    const q = `q=${encodeURIComponent('水渠清淤')}`;
    const first = await publishVillage(f, '<p>三组水渠清淤。</p>', { title: '水渠清淤公示' });
    const before = await find(q);
    expect(before).toMatchObject({ total: 1, totalIsLowerBound: false });
    const stats = searchCacheStats(f.t.rt.ctx);
    expect(await find(q)).toEqual(before);
    expect(searchCacheStats(f.t.rt.ctx)).toMatchObject({ version: stats.version, hits: stats.hits + 1, misses: stats.misses });
    // Another page is another entry, not the first page again.
    expect((await find(`${q}&page=2`)).items).toEqual([]);
    const second = await publishVillage(f, '<p>水渠清淤验收合格。</p>', { title: '水渠清淤验收公示' });
    expect(searchCacheStats(f.t.rt.ctx).version).toBe(stats.version);
    const after = await find(q);
    expect(searchCacheStats(f.t.rt.ctx).version).not.toBe(stats.version);
    expect(after.items.map((i) => i.id).sort()).toEqual([`disclosure:${first}`, `disclosure:${second}`].sort());
    const w = await api(f)(f.s.supervisor, 'POST', `/api/v1/disclosures/${first}/withdraw`, { reason: '内容有误，另行公开' });
    expect(w.statusCode, w.body).toBe(200);
    expect((await find(q)).items.map((i) => i.id)).toEqual([`disclosure:${second}`]);
    // The search page reads through the same cache.
    const page = (await f.t.app.inject({ url: `/search?${q}` })).body;
    expect(page).toContain('找到 1 条结果');
    expect(page).toContain('水渠清淤验收公示');
    expect(page).not.toContain('水渠清淤公示<');
  });

  it('filters by unit subtree and by current vs past display', async () => {
    const id = await publishVillage(f, '<p>公益岗位招聘。</p>', { title: '公益岗位招聘公示' });
    expect((await find(`q=${encodeURIComponent('公益岗位')}&unit=321323002`)).total).toBe(1);
    expect((await find(`q=${encodeURIComponent('公益岗位')}&unit=321323106`)).total).toBe(0);
    expect((await find(`q=${encodeURIComponent('公益岗位')}&archived=true`)).total).toBe(0);
    // The display window passes with time: a month later the record is 往期公开.
    f.clock.set('2027-01-05T01:00:00.000Z');
    const past = await find(`q=${encodeURIComponent('公益岗位')}&archived=true`);
    expect(past.items.map((i) => i.id)).toEqual([`disclosure:${id}`]);
    expect(past.items[0].archived).toBe(true);
  });

  it('answers bad input with clear 400s', async () => {
    const cases: [string, number][] = [
      ['', 400],
      [`q=${'长'.repeat(101)}`, 400],
      [`q=a&from=2026-02-30`, 400],
      [`q=a&from=2026-03-01&to=2026-02-01`, 400],
      [`q=a&page=0`, 400],
      [`q=a&unit=nope`, 404],
    ];
    for (const [query, status] of cases) {
      const res = await f.t.app.inject({ url: `/api/v1/search?${query}` });
      expect(res.statusCode, query).toBe(status);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('renders a search page with results, and a helpful page when nothing matches', async () => {
    await publishVillage(f, '<p>2026年耕地地力保护补贴发放情况。</p>', { title: '耕地地力保护补贴发放公示' });
    const page = await f.t.app.inject({ url: `/search?q=${encodeURIComponent('补贴')}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('耕地地力保护补贴发放公示');
    expect(page.body).toContain('<mark>');
    const none = await f.t.app.inject({ url: `/search?q=${encodeURIComponent('<script>x</script>火星基地')}` });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('没有找到');
    expect(none.body).toContain('按单位浏览');
    expect(none.body).not.toContain('<script>x');
    const empty = await f.t.app.inject({ url: '/search' });
    expect(empty.body).toContain('搜索公开信息');
    const badDate = await f.t.app.inject({ url: `/search?q=${encodeURIComponent('补贴')}&from=tomorrow` });
    expect(badDate.statusCode).toBe(200);
    expect(badDate.body).toContain('格式不正确，已忽略');
  });

  it('suggests units (from the org tree) and titles as you type, in Chinese or pinyin', async () => {
    for (const q of ['卜', 'buhu', 'bh']) {
      const r = await f.t.app.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent(q)}` });
      expect(r.statusCode).toBe(200);
      expect(
        r.json().items.map((i: { text: string }) => i.text),
        q,
      ).toContain('卜湖社区');
    }
    await publishVillage(f, '<p>春节慰问困难群众。</p>', { title: '春节慰问名单公示' });
    const titles = (await f.t.app.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent('春节')}` })).json().items;
    expect(titles).toContainEqual(expect.objectContaining({ kind: 'title', text: '春节慰问名单公示' }));
  });

  it('lets county admins edit the synonym dictionary, and search uses it at once', async () => {
    await publishVillage(f, '<p>本村老年人尊老金发放名单。</p>', { title: '尊老金发放公示' });
    expect((await f.t.app.inject({ url: '/api/v1/search/synonyms' })).statusCode).toBe(401);
    const clerk = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/search/synonyms',
      headers: f.s.clerk.headers(),
      payload: { terms: ['敬老钱', '尊老金'] },
    });
    expect(clerk.statusCode).toBe(403);
    const bad = await f.t.app.inject({ method: 'POST', url: '/api/v1/search/synonyms', headers: f.s.countyAdmin.headers(), payload: { terms: ['只有一个'] } });
    expect(bad.statusCode).toBe(400);
    const before = (await find(`q=${encodeURIComponent('敬老钱')}`)).items.length;
    const ok = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/search/synonyms',
      headers: f.s.countyAdmin.headers(),
      payload: { terms: ['敬老钱', '尊老金'], note: '群众常用说法' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const after = await find(`q=${encodeURIComponent('敬老钱')}`);
    expect(before).toBe(0);
    expect(after.items[0].title).toBe('尊老金发放公示');
    const listed = (await f.t.app.inject({ url: '/api/v1/search/synonyms', headers: f.s.clerk.headers() })).json();
    expect(listed.items.some((g: { terms: string[] }) => g.terms.includes('敬老钱'))).toBe(true);
  });
});

describe('reindex', () => {
  it('rebuilds the index from the published records (same results as incremental indexing)', async () => {
    const { reindexAll } = await import('../../platform/search/search.cli.ts');
    const { modules } = await import('../index.ts');
    const f = await openFixture();
    try {
      await publishVillage(f, '<p>村集体资产出租情况。</p>', { title: '集体资产出租公示' });
      await publishVillage(f, '<p>道路养护。</p>', { title: '道路养护公示' });
      await f.t.rt.ctx.db.deleteFrom('search_documents').execute();
      expect((await f.t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('资产出租')}` })).json().total).toBe(0);
      expect(await reindexAll(f.t.rt.ctx, modules)).toBe(2);
      const after = (await f.t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('资产出租')}` })).json();
      expect(after.items.map((i: { title: string }) => i.title)).toEqual(['集体资产出租公示']);
    } finally {
      await f.t.close();
    }
  });
});
