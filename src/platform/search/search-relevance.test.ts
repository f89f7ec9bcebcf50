import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { FIXTURE_DOCS, GENERATED_STYLE_DOCS } from './search.fixture.ts';
import { rebuildSearchIndex, search } from './search.ts';

// Recall@10 and MRR over the labelled set in test/search-relevance.json. Set
// GONGKAI_RECORD_RELEVANCE=1 to write the figures to bench/results/search-relevance.json.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SET = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/search-relevance.json'), 'utf8')) as { queries: { q: string; expected: string[]; kind: string }[] };

let rt: Runtime;
beforeAll(async () => {
  rt = await openTestRuntime({ clock: { now: () => new Date('2026-11-26T08:00:00.000Z') } });
  await rebuildSearchIndex(rt.ctx, [...FIXTURE_DOCS, ...GENERATED_STYLE_DOCS]);
});
afterAll(async () => {
  await rt?.close();
});

async function top10(q: string): Promise<{ ids: string[]; via: string }> {
  const r = await search(rt.ctx, { q, pageSize: 10 });
  if (!r.ok) throw new Error(`${q}: ${r.message}`);
  if (r.value.total > 0 || !r.value.suggestions.length) return { ids: r.value.items.map((i) => i.docId.replace(/^disclosure:/, '')), via: q };
  // Zero results: the page offers "您是不是要找 …"; score what the first suggestion finds.
  const next = await search(rt.ctx, { q: r.value.suggestions[0], pageSize: 10 });
  return { ids: next.ok ? next.value.items.map((i) => i.docId.replace(/^disclosure:/, '')) : [], via: r.value.suggestions[0] };
}

it('meets recall@10 ≥ 0.85 and MRR ≥ 0.7 on the labelled query set', async () => {
  expect(SET.queries.length).toBeGreaterThanOrEqual(60);
  let recall = 0;
  let rr = 0;
  const misses: string[] = [];
  const byKind: Record<string, { n: number; recall: number; rr: number }> = {};
  for (const { q, expected, kind } of SET.queries) {
    const { ids, via } = await top10(q);
    const found = expected.filter((e) => ids.includes(e)).length / expected.length;
    const first = ids.findIndex((id) => expected.includes(id));
    const rank = first >= 0 ? 1 / (first + 1) : 0;
    recall += found;
    rr += rank;
    const k = (byKind[kind] ??= { n: 0, recall: 0, rr: 0 });
    k.n += 1;
    k.recall += found;
    k.rr += rank;
    if (found < 1 || rank < 1) misses.push(`${q}${via !== q ? ` (→ ${via})` : ''}: recall ${found.toFixed(2)}, rr ${rank.toFixed(2)}, got ${ids.slice(0, 5).join(',')}`);
  }
  const n = SET.queries.length;
  const recallAt10 = recall / n;
  const mrr = rr / n;
  const dialect = rt.ctx.dialect;
  console.log(`search relevance (${dialect}): recall@10=${recallAt10.toFixed(3)} MRR=${mrr.toFixed(3)} (${n} queries)`);
  if (misses.length) console.log(`imperfect queries:\n  ${misses.join('\n  ')}`);
  if (process.env.GONGKAI_RECORD_RELEVANCE === '1') {
    const file = path.join(ROOT, 'bench/results/search-relevance.json');
    const prev = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    const kinds = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { queries: v.n, recallAt10: +(v.recall / v.n).toFixed(3), mrr: +(v.rr / v.n).toFixed(3) }]));
    prev[dialect] = { queries: n, documents: FIXTURE_DOCS.length + GENERATED_STYLE_DOCS.length, recallAt10: +recallAt10.toFixed(3), mrr: +mrr.toFixed(3), byKind: kinds, imperfect: misses, node: process.version, date: new Date().toISOString() };
    fs.writeFileSync(file, `${JSON.stringify(prev, null, 2)}\n`);
  }
  expect(recallAt10).toBeGreaterThanOrEqual(0.85);
  expect(mrr).toBeGreaterThanOrEqual(0.7);
});
