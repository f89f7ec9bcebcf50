import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import type { SearchDocumentInput } from './engine.ts';
import { indexDocuments, rebuildSearchIndex, removeDocuments, search, type SearchInput, type SearchOptions } from './search.ts';

// The county-scale limits (capped count, relevance over the newest matches, newest-first order),
// with small limits so a dozen documents exercise them; the same expectations on both databases.

let rt: Runtime;

const UNIT = { unitCode: '321323106211', unitPath: '/321323/321323106/321323106211/', unitName: '王三庄村' };

/** Document n (1–12) is published on day n: 12 is the newest. Even ones have the words in the title. */
function doc(n: number): SearchDocumentInput {
  const nn = String(n).padStart(2, '0');
  const inTitle = n % 2 === 0;
  return {
    docId: `disclosure:cap-${nn}`,
    type: 'disclosure',
    ...UNIT,
    title: inTitle ? `第${nn}期道路维修公示` : `第${nn}期村务公示`,
    bodyText: inTitle ? '本期工程已完工，经村务监督委员会验收合格。' : '本期道路维修工程已完工，经村务监督委员会验收。',
    url: `/d/cap-${nn}`,
    publishedAt: `2026-03-${nn}T02:00:00.000Z`,
  };
}

/** Three documents published in the same millisecond, indexed out of doc_id order. */
function tie(id: string): SearchDocumentInput {
  return {
    ...doc(1),
    docId: `disclosure:tie-${id}`,
    title: `同时发布的通知${id}`,
    bodyText: '池塘清淤通知',
    url: `/d/tie-${id}`,
    publishedAt: '2026-04-01T02:00:00.000Z',
  };
}

beforeAll(async () => {
  rt = await openTestRuntime({ clock: { now: () => new Date('2026-11-26T08:00:00.000Z') } });
  await rebuildSearchIndex(rt.ctx, [...Array.from({ length: 12 }, (_, i) => doc(i + 1)), tie('b'), tie('a'), tie('c')]);
});
afterAll(async () => {
  await rt?.close();
});

async function run(input: SearchInput, opts: SearchOptions = {}) {
  const r = await search(rt.ctx, { pageSize: 50, ...input }, opts);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
const nums = (items: { docId: string }[]) => items.map((i) => Number(i.docId.slice(-2)));

describe('search: capped totals', () => {
  it('counts exactly up to the cap and reports a lower bound beyond it', async () => {
    const cases: [number | undefined, number, boolean][] = [
      [undefined, 12, false],
      [12, 12, false],
      [11, 11, true],
      [5, 5, true],
    ];
    for (const [totalCap, total, lowerBound] of cases) {
      const r = await run({ q: '道路维修' }, { totalCap });
      expect([r.total, r.totalIsLowerBound], `cap ${totalCap}`).toEqual([total, lowerBound]);
      // The cap limits the count, not the results: every match can still be paged to.
      expect(r.items).toHaveLength(12);
    }
  });

  it('caps the relaxed (any word) search the same way', async () => {
    const r = await run({ q: '道路维修 火星' }, { totalCap: 3 });
    expect(r.relaxed).toBe(true);
    expect([r.total, r.totalIsLowerBound]).toEqual([3, true]);
  });
});

describe('search: relevance window and stable order', () => {
  it('ranks all matches when they fit the window: title hits first, newest first among equals', async () => {
    expect(nums((await run({ q: '道路维修' })).items)).toEqual([12, 10, 8, 6, 4, 2, 11, 9, 7, 5, 3, 1]);
  });

  it('ranks the newest matches and the newest title hits when there are more than the window, then continues newest first', async () => {
    // Window 4: the newest four (12, 11, 10, 9) and the newest four with the words in the title
    // (12, 10, 8, 6) are ranked, the best four shown; the rest follow newest first, none twice.
    const expected = [12, 10, 8, 6, 11, 9, 7, 5, 4, 3, 2, 1];
    expect(nums((await run({ q: '道路维修' }, { rankWindow: 4 })).items)).toEqual(expected);
    // Pages of 5 straddle the window's end (position 4) and still join up into the same list.
    const paged: number[] = [];
    for (const page of [1, 2, 3]) paged.push(...nums((await run({ q: '道路维修', page, pageSize: 5 }, { rankWindow: 4 })).items));
    expect(paged).toEqual(expected);
    // With filters the window is the newest matches that pass them.
    const march = await run({ q: '道路维修', to: '2026-03-08' }, { rankWindow: 4 });
    expect(nums(march.items)).toEqual([8, 6, 4, 2, 7, 5, 3, 1]);
  });

  it('orders by date newest first, ties by document id, through corrections and withdrawals', async () => {
    const ids = async () => (await run({ q: '池塘清淤', sort: 'date' })).items.map((i) => i.docId);
    expect(await ids()).toEqual(['disclosure:tie-a', 'disclosure:tie-b', 'disclosure:tie-c']);
    await indexDocuments(rt.ctx, [{ ...tie('a'), title: '同时发布的通知a（更正）' }]);
    expect(await ids()).toEqual(['disclosure:tie-a', 'disclosure:tie-b', 'disclosure:tie-c']);
    await indexDocuments(rt.ctx, [tie('0')]);
    expect(await ids()).toEqual(['disclosure:tie-0', 'disclosure:tie-a', 'disclosure:tie-b', 'disclosure:tie-c']);
    await removeDocuments(rt.ctx, ['disclosure:tie-b', 'disclosure:tie-0']);
    expect(await ids()).toEqual(['disclosure:tie-a', 'disclosure:tie-c']);
    // Page by page, date order never repeats or skips a document.
    const all = nums((await run({ q: '道路维修', sort: 'date' })).items);
    expect(all).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const paged: number[] = [];
    for (const page of [1, 2, 3]) paged.push(...nums((await run({ q: '道路维修', sort: 'date', page, pageSize: 5 })).items));
    expect(paged).toEqual(all);
  });

  it('keeps newest-first order when documents crowd into one gap (one by one, and in batches between indexed ones)', async () => {
    const pond = (n: number, day: number): SearchDocumentInput => ({
      ...doc(1),
      docId: `disclosure:pond-${String(n).padStart(2, '0')}`,
      title: `鱼塘承包公示第${n}批`,
      bodyText: '鱼塘承包结果公示',
      url: `/d/pond-${n}`,
      publishedAt: `2025-06-${String(day).padStart(2, '0')}T02:00:00.000Z`,
    });
    const ids = async () => (await run({ q: '鱼塘承包', sort: 'date' })).items.map((i) => Number(i.docId.slice(-2)));
    // The oldest and the newest first, then each one newer than the last between them: every
    // insert halves the same gap until there is no room and the newer neighbours move.
    await indexDocuments(rt.ctx, [pond(1, 1), pond(30, 30)]);
    for (let n = 2; n <= 12; n += 1) await indexDocuments(rt.ctx, [pond(n, n)]);
    // A batch falling between indexed documents, and one around them (several gaps at once).
    await indexDocuments(rt.ctx, [pond(20, 20), pond(21, 21), pond(22, 22)]);
    await indexDocuments(rt.ctx, [pond(13, 13), pond(25, 25), pond(29, 29)]);
    const want = [30, 29, 25, 22, 21, 20, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(await ids()).toEqual(want);
    // Moved documents keep their words and filters.
    expect((await run({ q: '第5批' })).items.map((i) => i.docId)).toEqual(['disclosure:pond-05']);
    expect(nums((await run({ q: '鱼塘承包', sort: 'date', from: '2025-06-03', to: '2025-06-06' })).items)).toEqual([6, 5, 4, 3]);
    await removeDocuments(
      rt.ctx,
      want.map((n) => `disclosure:pond-${String(n).padStart(2, '0')}`),
    );
    expect(await ids()).toEqual([]);
  });
});
