import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import type { Failure } from '../result.ts';
import { FIXTURE_DOCS, ID } from './search.fixture.ts';
import { indexDocuments, rebuildSearchIndex, removeDocuments, search, suggest, type SearchInput, type SearchResponse } from './search.ts';
import { addSynonymGroup, deleteSynonymGroup, listSynonymGroups, updateSynonymGroup } from './synonyms.ts';
import { cachedSearch } from './search-cache.ts';

let rt: Runtime;

beforeAll(async () => {
  rt = await openTestRuntime({ clock: { now: () => new Date('2026-11-26T08:00:00.000Z') } });
  await rebuildSearchIndex(rt.ctx, FIXTURE_DOCS);
});
afterAll(async () => {
  await rt?.close();
});

async function find(q: string, extra: Partial<SearchInput> = {}): Promise<SearchResponse> {
  const r = await search(rt.ctx, { q, pageSize: 50, ...extra });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
const ids = (r: SearchResponse) => r.items.map((i) => i.docId);

describe('search: words', () => {
  it('finds two-character words (低保, 补贴, 春节)', async () => {
    const dibao = ids(await find('低保'));
    expect(dibao).toEqual(expect.arrayContaining([ID('cx-dibao-2026-q2'), ID('buhu-dibao-adjust'), ID('mzj-dibao-std-2026')]));
    const butie = ids(await find('补贴'));
    expect(butie).toEqual(expect.arrayContaining([ID('nync-dili-2026'), ID('mzj-canbu-2026'), ID('wsz-huinong-2026')]));
    expect(butie).not.toContain(ID('buhu-fin-2026-10'));
    const chunjie = ids(await find('春节'));
    expect(chunjie.slice(0, 3)).toEqual(expect.arrayContaining([ID('mzj-spring-relief'), ID('tyjr-spring-visit'), ID('lh-spring-safety')]));
    expect(chunjie).not.toContain(ID('buhu-fin-2026-10'));
  });

  it('requires every word, and ranks title hits first', async () => {
    const r = await find('王三庄 宅基地');
    expect(ids(r)[0]).toBe(ID('wsz-zhaijidi-2026'));
    expect(r.relaxed).toBe(false);
    const t = await find('临时救助');
    expect(ids(t).slice(0, 2)).toEqual(expect.arrayContaining([ID('cx-linshi-2026-10'), ID('mzj-spring-relief')]));
  });

  it('strips filler words from villagers’ questions', async () => {
    expect(ids(await find('我想查一下低保名单'))[0]).toMatch(/dibao/);
  });
});

describe('search: synonyms', () => {
  it('最低生活保障 finds 低保 documents and vice versa, exact wording first', async () => {
    const official = await find('最低生活保障');
    expect(ids(official)).toEqual(expect.arrayContaining([ID('buhu-dibao-adjust'), ID('cx-dibao-2026-q2'), ID('cx-dibao-2026-q3')]));
    expect(ids(official)[0]).toBe(ID('cx-dibao-2026-q3'));
    const everyday = await find('低保');
    expect(ids(everyday)).toContain(ID('cx-dibao-2026-q3'));
  });

  it('五保 finds 特困供养', async () => {
    expect(ids(await find('五保'))).toEqual(expect.arrayContaining([ID('lh-tekun-list'), ID('mzj-tekun-std-2026')]));
  });

  it('administrators edit groups; validation answers in Chinese', async () => {
    const before = await listSynonymGroups(rt.ctx.db);
    expect(before.length).toBeGreaterThanOrEqual(20);
    expect(await find('停车位').then(ids)).toEqual([ID('buhu-yishi-minutes')]);
    const none = await find('车位划线难');
    const added = await addSynonymGroup(rt.ctx, { actor: null }, { terms: ['停车难', '停车位'], note: '测试' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(ids(await find('停车难'))).toEqual([ID('buhu-yishi-minutes')]);
    const bad = await addSynonymGroup(rt.ctx, { actor: null }, { terms: ['低保', ' 低保 '] });
    expect(bad.ok).toBe(false);
    expect((bad as Failure).message).toBe('同义词组至少需要两个不同的词');
    const long = await updateSynonymGroup(rt.ctx, { actor: null }, added.value.id, { terms: ['停车难', '一二三四五六七八九十一二三四五六七八九十一'] });
    expect((long as Failure).code).toBe('SYNONYM_TERM_TOO_LONG');
    const tooMany = await updateSynonymGroup(rt.ctx, { actor: null }, added.value.id, { terms: Array.from({ length: 21 }, (_, i) => `词${i}`) });
    expect((tooMany as Failure).code).toBe('SYNONYM_TOO_MANY');
    expect((await updateSynonymGroup(rt.ctx, { actor: null }, 'nope', { terms: ['甲乙', '丙丁'] })) as Failure).toMatchObject({
      status: 404,
      message: '同义词组不存在或已被删除',
    });
    expect((await deleteSynonymGroup(rt.ctx, { actor: null }, added.value.id)).ok).toBe(true);
    expect((await find('停车难')).total).toBe(0);
    expect(none.total).toBeGreaterThanOrEqual(0);
  });
});

describe('search: pinyin', () => {
  it('dibao and dbmd find 低保 titles; cwgk (财务公开) finds financial statements; zwgk finds 政务公开', async () => {
    expect(ids(await find('dibao'))).toEqual(expect.arrayContaining([ID('cx-dibao-2026-q2'), ID('buhu-dibao-adjust')]));
    expect(ids(await find('dbmd'))).toEqual(expect.arrayContaining([ID('cx-dibao-2026-q2')]));
    expect(ids(await find('cwgk'))).toEqual(expect.arrayContaining([ID('buhu-fin-2026-10'), ID('wsz-fin-2026-q3')]));
    expect(ids(await find('zwgk'))).toContain(ID('county-annual-report-2025'));
    expect(ids(await find('buhu')).every((id) => id.includes('buhu'))).toBe(true);
  });
});

describe('search: filters and sorting', () => {
  it('unit filter includes descendants', async () => {
    const r = ids(await find('财务收支', { unitPath: '/321323/321323002/' }));
    expect(r).toEqual(expect.arrayContaining([ID('buhu-fin-2026-10'), ID('buhu-fin-2026-09')]));
    expect(r.some((id) => id.startsWith('disclosure:wsz'))).toBe(false);
    const linhe = ids(await find('财务收支', { unitPath: '/321323/321323106/' }));
    expect(linhe).toContain(ID('wsz-fin-2026-q3'));
    expect(linhe.some((id) => id.includes('buhu'))).toBe(false);
  });

  it('date range (China dates, inclusive), type, domain, category, archived', async () => {
    const oct = ids(await find('财务收支', { from: '2026-10-01', to: '2026-10-31' }));
    expect(oct.sort()).toEqual([ID('buhu-fin-2026-09'), ID('wsz-fin-2026-q3')].sort());
    expect(ids(await find('春节', { type: 'notice' })).sort()).toEqual([ID('lh-spring-safety'), ID('mzj-spring-relief'), ID('tyjr-spring-visit')].sort());
    expect(ids(await find('低保', { domain: 'social_assistance', archived: false }))).not.toContain(ID('cx-dibao-2026-q2'));
    expect(ids(await find('低保', { archived: true }))).toEqual([ID('cx-dibao-2026-q2')]);
    expect(ids(await find('财务收支', { category: 'finance', archived: true })).sort()).toEqual([ID('buhu-fin-2025-q4'), ID('wsz-fin-2025')].sort());
    const archived = (await find('财务收支', { archived: true })).items;
    expect(archived.every((i) => i.archived)).toBe(true);
  });

  it('sorts by date, newest first, and pages', async () => {
    const r = await find('财务收支', { sort: 'date' });
    const dates = r.items.map((i) => i.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const p1 = await find('财务收支', { sort: 'date', pageSize: 2, page: 1 });
    const p2 = await find('财务收支', { sort: 'date', pageSize: 2, page: 2 });
    expect(p1.total).toBe(r.total);
    expect([...ids(p1), ...ids(p2)]).toEqual(ids(r).slice(0, 4));
  });
});

describe('search: snippets', () => {
  it('marks matched words and escapes everything else', async () => {
    const r = await find('临时救助');
    expect(r.items[0].snippet).toContain('<mark>临时救助</mark>');
    const s = await find('居民留言');
    const snip = s.items[0].snippet;
    expect(snip).toContain('<mark>居民留言</mark>');
    expect(snip).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(snip).not.toContain('<script>');
    expect(snip.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('search: index maintenance', () => {
  it('upsert replaces a document; removal (withdrawal) makes it disappear', async () => {
    const doc = { ...FIXTURE_DOCS[0], docId: 'disclosure:tmp-1', title: '卜湖社区临时通知', bodyText: '旧内容：自来水管网检修' };
    await indexDocuments(rt.ctx, [doc]);
    expect(ids(await find('管网检修'))).toEqual(['disclosure:tmp-1']);
    await indexDocuments(rt.ctx, [{ ...doc, bodyText: '更正后内容：燃气管道检修' }]);
    expect((await find('自来水')).total).toBe(0);
    expect(ids(await find('燃气管道'))).toEqual(['disclosure:tmp-1']);
    await removeDocuments(rt.ctx, ['disclosure:tmp-1']);
    expect(ids(await find('燃气管道'))).not.toContain('disclosure:tmp-1');
    expect(ids(await find('卜湖社区'))).not.toContain('disclosure:tmp-1');
    expect(await suggest(rt.ctx, '卜湖社区临时')).toEqual([]);
  });

  it('the cached path keeps rows between queries of one version only: a correction under a new version shows at once', async () => {
    const doc = { ...FIXTURE_DOCS[0], docId: 'disclosure:tmp-2', title: '卜湖社区鱼苗发放通知', bodyText: '鱼苗发放时间：周六上午，地点：村部' };
    await indexDocuments(rt.ctx, [doc]);
    const shown = async (q: string, version: string) => {
      const r = await cachedSearch(rt.ctx, { q, pageSize: 50 }, version);
      if (!r.ok) throw new Error(r.code);
      return r.value.items.filter((i) => i.docId === 'disclosure:tmp-2').map((i) => [i.title, i.snippet.replace(/<\/?mark>/g, '')]);
    };
    expect(await shown('鱼苗发放', 'rows-1')).toEqual([['卜湖社区鱼苗发放通知', expect.stringContaining('周六上午')]]);
    // Another query of the same version reads the same document's rows (kept from the first).
    expect(await shown('鱼苗 村部', 'rows-1')).toEqual([['卜湖社区鱼苗发放通知', expect.stringContaining('周六上午')]]);
    // A correction comes with a new version: a new query must not see the kept rows.
    await indexDocuments(rt.ctx, [{ ...doc, title: '卜湖社区鱼苗发放通知（更正）', bodyText: '鱼苗发放时间：周日下午，地点：村部' }]);
    expect(await shown('鱼苗 村部', 'rows-2')).toEqual([['卜湖社区鱼苗发放通知（更正）', expect.stringContaining('周日下午')]]);
    await removeDocuments(rt.ctx, ['disclosure:tmp-2']);
    expect(await shown('鱼苗发放', 'rows-3')).toEqual([]);
  });
});

describe('search: zero results and type-ahead', () => {
  it('suggests the homophone 低保 for the typo 底保, and nearby units', async () => {
    const r = await find('底保');
    expect(r.total).toBe(0);
    expect(r.suggestions).toContain('低保');
    const u = await find('卜胡');
    expect(u.suggestions).toContain('卜湖社区');
  });

  it('suggest() completes unit names and titles from Chinese, pinyin and initials', async () => {
    expect((await suggest(rt.ctx, 'bu'))[0]).toEqual({ kind: 'unit', text: '卜湖社区' });
    expect((await suggest(rt.ctx, '卜'))[0]).toEqual({ kind: 'unit', text: '卜湖社区' });
    expect((await suggest(rt.ctx, 'bhsq')).map((s) => s.text)).toContain('卜湖社区');
    const titles = await suggest(rt.ctx, '王三庄村');
    expect(titles.length).toBeLessThanOrEqual(8);
    expect(titles.some((s) => s.kind === 'title' && s.text === '王三庄村宅基地审批情况公示')).toBe(true);
    expect((await suggest(rt.ctx, 'dibao')).some((s) => s.text.includes('低保'))).toBe(true);
    expect(await suggest(rt.ctx, '%_')).toEqual([]);
  });

  it('type-ahead and did-you-mean read indexes only: no LIKE, no bodies or excerpts', async () => {
    // Every statement the calls send, as compiled SQL (raw and built queries alike).
    const statements: string[] = [];
    const executor = rt.ctx.db.getExecutor();
    const recorder: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        statements.push(executor.compileQuery(node, queryId).sql);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const ctx = { db: rt.ctx.db.withPlugin(recorder), dialect: rt.ctx.dialect, clock: rt.ctx.clock };
    const seen: string[] = [];
    for (const p of ['bu', '卜', '卜湖', 'bhsq', '王三庄村', '宅基地', 'dibao', 'zjd', '7']) seen.push(...(await suggest(ctx, p)).map((s) => s.text));
    expect(seen).toEqual(expect.arrayContaining(['卜湖社区', '王三庄村宅基地审批情况公示']));
    expect(statements.some((s) => /search_vocabulary/.test(s))).toBe(true);
    // Type-ahead: no pattern scan, and neither excerpts nor documents' texts are read.
    expect(statements.filter((s) => /\b(i?like|glob)\b|search_texts|disclosure/i.test(s))).toEqual([]);
    statements.length = 0;
    // Did you mean (a typo and a misspelt unit name): from the vocabulary's indexes, no pattern scan.
    const typo = await search(ctx, { q: '底保 卜胡', pageSize: 10 });
    expect(typo.ok && typo.value.suggestions).toEqual(expect.arrayContaining(['低保', '卜湖社区']));
    expect(statements.some((s) => /search_vocabulary/.test(s))).toBe(true);
    expect(statements.filter((s) => /\b(i?like|glob)\b/i.test(s))).toEqual([]);
  });

  it('rejects bad input with Chinese messages', async () => {
    const cases: [SearchInput, string][] = [
      [{ q: '   ' }, 'SEARCH_QUERY_EMPTY'],
      [{ q: '低'.repeat(101) }, 'SEARCH_QUERY_TOO_LONG'],
      [{ q: '的了吗' }, 'SEARCH_QUERY_EMPTY'],
      [{ q: '低保', page: 101 }, 'SEARCH_PAGE_INVALID'],
      [{ q: '低保', pageSize: 51 }, 'SEARCH_PAGE_SIZE_INVALID'],
      [{ q: '低保', from: '2026-02-30' }, 'SEARCH_DATE_INVALID'],
      [{ q: '低保', from: '2026-10-02', to: '2026-10-01' }, 'SEARCH_DATE_RANGE_INVALID'],
      [{ q: '低保', unitPath: "x' or 1=1" }, 'SEARCH_UNIT_INVALID'],
    ];
    for (const [input, code] of cases) {
      const r = await search(rt.ctx, input);
      expect(r.ok, code).toBe(false);
      expect((r as Failure).code).toBe(code);
      expect((r as Failure).status).toBe(400);
      expect((r as Failure).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
