import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import { generateInto } from '../../../bench/lib/generate-county.ts';
import { documentsFor } from '../../modules/publishing/disclosure.search.ts';
import type { Runtime } from '../../runtime.ts';
import { excerptOf, unitAnalysis } from './analyze.ts';
import type { SearchDocumentInput } from './engine.ts';
import { FIXTURE_DOCS, GENERATED_STYLE_DOCS } from './search.fixture.ts';
import { indexDocuments, search, type SearchInput } from './search.ts';
import { planQuery, spellingKeys } from './query.ts';
import { indexedSpellings } from './vocabulary.repository.ts';
import { analyzeName, normalizeText } from './segment.ts';
import { loadSynonymTerms } from './synonyms.ts';

// Relevance over test/search-relevance.json (see its `about`): the hand-written fixture and the
// generated county (1,000 records) indexed together; recall@10 and MRR over every query,
// precision@10 over the broad one-word queries, and the precision of matching itself: every
// result of every query contains each query word (or a synonym) with its characters adjacent, in
// a field the word may match. Prints the figures; GONGKAI_RECORD_RELEVANCE=1 writes them to
// bench/results/search-relevance.json.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
interface Rule {
  title?: string[];
  body?: string[];
  unit?: string;
  current?: boolean;
  year?: string;
}
interface Labelled {
  q: string;
  kind: string;
  fixture: string[];
  generated?: Rule;
  filters?: { unit?: string; from?: string; to?: string; archived?: boolean };
}
const SET = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/search-relevance.json'), 'utf8')) as {
  corpus: { generated: { scale: number; seed: number; clock: string } };
  queries: Labelled[];
};
const NOW = new Date(SET.corpus.generated.clock);
const TODAY = new Date(NOW.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

let rt: Runtime;
const docs = new Map<string, SearchDocumentInput>();
const generated: SearchDocumentInput[] = [];
const unitPaths = new Map<string, string>();
const unitPathByCode = new Map<string, string>();

beforeAll(async () => {
  rt = await openTestRuntime({ clock: { now: () => NOW } });
  const gen = await generateInto(rt.ctx, { scale: SET.corpus.generated.scale, seed: SET.corpus.generated.seed, log: () => {} });
  const ids = (await rt.ctx.db.selectFrom('disclosures').select('id').where('status', '=', 'published').execute()).map((r) => r.id);
  expect(ids.length).toBe(gen.disclosures);
  for (let i = 0; i < ids.length; i += 500) generated.push(...(await documentsFor(rt.ctx.db, ids.slice(i, i + 500))));
  await indexDocuments(rt.ctx, [...FIXTURE_DOCS, ...GENERATED_STYLE_DOCS]);
  for (const d of [...generated, ...FIXTURE_DOCS, ...GENERATED_STYLE_DOCS]) docs.set(d.docId.replace(/^disclosure:/, ''), d);
  for (const u of await rt.ctx.db.selectFrom('org_units').select(['code', 'name', 'path']).execute()) {
    unitPaths.set(u.name, u.path);
    unitPathByCode.set(u.code, u.path);
  }
}, 120_000);
afterAll(async () => {
  await rt?.close();
});

/** The records (of both corpora) the rule judges relevant. */
function judged(rule: Rule | undefined): string[] {
  if (!rule) return [];
  if (rule.unit && !unitPaths.has(rule.unit)) throw new Error(`unknown unit in a rule: ${rule.unit}`);
  return [...docs.values()]
    .filter((d) => {
      const title = normalizeText(d.title);
      if (rule.title && !rule.title.some((w) => title.includes(w))) return false;
      if (rule.body && !rule.body.some((w) => normalizeText(d.bodyText).includes(w))) return false;
      if (rule.unit && d.unitName !== rule.unit) return false;
      if (rule.current && d.displayEnd && d.displayEnd < TODAY) return false;
      if (rule.year && new Date(Date.parse(d.publishedAt) + 8 * 3600_000).toISOString().slice(0, 4) !== rule.year) return false;
      return true;
    })
    .map((d) => d.docId.replace(/^disclosure:/, ''));
}

function inputOf(l: Labelled, q = l.q, pageSize = 10): SearchInput {
  const f = l.filters ?? {};
  return { q, pageSize, unitPath: f.unit ? unitPathByCode.get(f.unit) : undefined, from: f.from, to: f.to, archived: f.archived };
}

async function top(l: Labelled): Promise<{ ids: string[]; via: string }> {
  const r = await search(rt.ctx, inputOf(l));
  if (!r.ok) throw new Error(`${l.q}: ${r.message}`);
  if (r.value.total > 0 || !r.value.suggestions.length) return { ids: r.value.items.map((i) => i.docId.replace(/^disclosure:/, '')), via: l.q };
  // Zero results: the page offers "您是不是要找 …"; score what the first suggestion finds.
  const next = await search(rt.ctx, inputOf(l, r.value.suggestions[0]));
  return { ids: next.ok ? next.value.items.map((i) => i.docId.replace(/^disclosure:/, '')) : [], via: r.value.suggestions[0] };
}

it('meets recall@10 ≥ 0.95 and MRR ≥ 0.85, and precision@10 on broad words, on the labelled set', async () => {
  expect(SET.queries.length).toBeGreaterThanOrEqual(150);
  let recall = 0;
  let rr = 0;
  const broad: number[] = [];
  const misses: string[] = [];
  const byKind: Record<string, { n: number; recall: number; rr: number }> = {};
  for (const l of SET.queries) {
    const expected = new Set([...l.fixture, ...judged(l.generated)]);
    expect(expected.size, `${l.q}: nothing relevant in the corpus (a labelling mistake)`).toBeGreaterThan(0);
    const { ids, via } = await top(l);
    const hits = ids.filter((id) => expected.has(id)).length;
    const found = hits / Math.min(10, expected.size);
    const first = ids.findIndex((id) => expected.has(id));
    const rank = first >= 0 ? 1 / (first + 1) : 0;
    recall += found;
    rr += rank;
    if (l.kind === 'broad') broad.push(ids.length ? hits / ids.length : 0);
    const k = (byKind[l.kind] ??= { n: 0, recall: 0, rr: 0 });
    k.n += 1;
    k.recall += found;
    k.rr += rank;
    if (found < 1 || rank < 1)
      misses.push(`${l.q}${via !== l.q ? ` (→ ${via})` : ''}: recall ${found.toFixed(2)}, rr ${rank.toFixed(2)} (${expected.size} relevant)`);
  }
  const n = SET.queries.length;
  const recallAt10 = recall / n;
  const mrr = rr / n;
  const precisionAt10 = broad.reduce((a, b) => a + b, 0) / broad.length;
  const dialect = rt.ctx.dialect;
  console.log(
    `search relevance (${dialect}): recall@10=${recallAt10.toFixed(3)} MRR=${mrr.toFixed(3)} (${n} queries); broad words (${broad.length}): precision@10=${precisionAt10.toFixed(3)}; corpus ${docs.size} documents`,
  );
  if (misses.length) console.log(`imperfect queries:\n  ${misses.join('\n  ')}`);
  if (process.env.GONGKAI_RECORD_RELEVANCE === '1') {
    const file = path.join(ROOT, 'bench/results/search-relevance.json');
    const prev = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    const kinds = Object.fromEntries(
      Object.entries(byKind).map(([k, v]) => [k, { queries: v.n, recallAt10: +(v.recall / v.n).toFixed(3), mrr: +(v.rr / v.n).toFixed(3) }]),
    );
    prev[dialect] = {
      queries: n,
      documents: docs.size,
      recallAt10: +recallAt10.toFixed(3),
      mrr: +mrr.toFixed(3),
      broadWords: { queries: broad.length, precisionAt10: +precisionAt10.toFixed(3) },
      byKind: kinds,
      imperfect: misses,
      node: process.version,
      date: new Date().toISOString(),
    };
    fs.writeFileSync(file, `${JSON.stringify(prev, null, 2)}\n`);
  }
  expect(recallAt10).toBeGreaterThanOrEqual(0.95);
  expect(mrr).toBeGreaterThanOrEqual(0.85);
  expect(precisionAt10).toBeGreaterThanOrEqual(0.9);
}, 60_000);

it('matches words only where their characters are adjacent, pinyin and initials only in titles and unit names', async () => {
  const groups = await loadSynonymTerms(rt.ctx.db);
  let checked = 0;
  const wrong: string[] = [];
  for (const l of SET.queries) {
    const r = await search(rt.ctx, inputOf(l, l.q, 50));
    if (!r.ok || r.value.relaxed) continue;
    const plan = planQuery(l.q, groups, await indexedSpellings(rt.ctx.db, spellingKeys(l.q)));
    for (const item of r.value.items) {
      const d = docs.get(item.docId.replace(/^disclosure:/, ''))!;
      const names = `${normalizeText(d.title)} ${normalizeText(d.unitName)}`;
      const text = `${names} ${normalizeText(excerptOf(d))}`;
      const keys = `${analyzeName(d.title).pinyin} ${unitAnalysis(d.unitName).pinyin}`.split(' ');
      const ok = plan.terms.every((t) =>
        t.alts.some((a) => {
          if (a.prefix) return keys.some((k) => k.startsWith(a.phrases[0][0]));
          const strings = a.phrases.map((p) =>
            p.length === 1
              ? p[0]
              : p[0] +
                p
                  .slice(1)
                  .map((x) => Array.from(x).slice(1).join(''))
                  .join(''),
          );
          return strings.every((s) => (a.fields === 'names' ? names : text).includes(s));
        }),
      );
      checked += 1;
      if (!ok) wrong.push(`${l.q} → ${d.title}`);
    }
  }
  // The issue's cases: initials once matched 89% of the corpus, 财务公开 in one unit 236 records without the phrase.
  const cwgk = await search(rt.ctx, { q: 'cwgk' });
  const share = cwgk.ok ? cwgk.value.total / docs.size : 1;
  console.log(
    `matching precision: ${checked - wrong.length}/${checked} results contain every query word (adjacent characters) in an allowed field; cwgk matches ${(share * 100).toFixed(1)}% of the corpus`,
  );
  expect(wrong.slice(0, 10)).toEqual([]);
  expect(share).toBeLessThan(0.1);
}, 60_000);
