/**
 * The search benchmark's requests: an endless stream in which no request repeats, so with
 * `--uncached` every request is a result-cache miss for as long as the run lasts (and for a cached
 * run, a fixed set of them replayed).
 *
 * A request is a query — a labelled query of test/search-relevance.json (villagers' words, pinyin,
 * initials, typos, synonyms, broad words) or a composed one (a unit's name + a topic word, two topic
 * words) — with filters drawn the way the portal is used: mostly none, sometimes a town or village,
 * a year or a month, current only, newest first, a later page. Every combination is real work (no
 * inert parameter makes a request "new"): a drawn request already seen is drawn again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../src/platform/seeded-random.ts';
import type { SearchInput } from '../../src/platform/search/search.ts';

export const BENCH_TOWNS = ['321323101', '321323102', '321323103', '321323002'];

/** Topic words of the generated county's titles and bodies (bench/lib/generate-county.ts). */
const TOPIC_WORDS = [
  '低保',
  '补贴',
  '宅基地',
  '财务',
  '道路',
  '春节慰问',
  '土地流转',
  '人居环境',
  '危房改造',
  '医疗救助',
  '农田水利',
  '集体资产',
  '财务收支',
  '惠农补贴',
  '尊老金',
  '临时救助',
  '一事一议',
  '三资',
  '公示',
  '名单',
  '干部',
  '工作计划',
  '征收',
  '厂房出租',
  '特困',
  '养老',
  '残疾人',
  '耕地地力',
  '稻谷',
  '农机购置',
  '桥梁',
  '资金使用',
  '村务监督',
  '四议两公开',
  '困难群众',
  '慰问金',
  '土地承包',
  '项目',
  '审核结果',
  '发放情况',
];

export interface BenchUnit {
  code: string;
  name: string;
  kind: string;
}

export interface QueryStream {
  /** The next request path (never one returned before). */
  next(): string;
  /** Requests returned so far (all distinct). */
  count(): number;
}

function labelledQueries(root: string): string[] {
  const set = JSON.parse(fs.readFileSync(path.join(root, 'test/search-relevance.json'), 'utf8')) as { queries: { q: string }[] };
  return [...new Set(set.queries.map((x) => x.q))];
}

export function queryStream(root: string, units: BenchUnit[], seed = 20261206): QueryStream {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const labelled = labelledQueries(root);
  const towns = units.filter((u) => ['town', 'township', 'street'].includes(u.kind));
  const villages = units.filter((u) => u.kind === 'village' || u.kind === 'community');
  const seen = new Set<string>();
  const draw = (): string => {
    const p = new URLSearchParams();
    const r = rnd();
    if (r < 0.7) p.set('q', pick(labelled));
    else if (r < 0.85) p.set('q', `${pick(villages.length ? villages : units).name} ${pick(TOPIC_WORDS)}`);
    else p.set('q', `${pick(TOPIC_WORDS)} ${pick(TOPIC_WORDS)}`);
    const u = rnd();
    if (u < 0.1 && towns.length) p.set('unit', pick(towns).code);
    else if (u < 0.25 && villages.length) p.set('unit', pick(villages).code);
    const d = rnd();
    if (d < 0.1) {
      const y = 2022 + Math.floor(rnd() * 5);
      p.set('from', `${y}-01-01`);
      p.set('to', `${y}-12-31`);
    } else if (d < 0.2) {
      const y = 2022 + Math.floor(rnd() * 5);
      const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      p.set('from', `${y}-${m}-01`);
      p.set('to', `${y}-${m}-28`);
    }
    const a = rnd();
    if (a < 0.07) p.set('archived', 'false');
    else if (a < 0.1) p.set('archived', 'true');
    if (rnd() < 0.15) p.set('sort', 'date');
    const pg = rnd();
    if (pg < 0.1) p.set('page', '2');
    else if (pg < 0.15) p.set('page', String(3 + Math.floor(rnd() * 3)));
    return `/api/v1/search?${p}`;
  };
  return {
    next() {
      for (;;) {
        const path = draw();
        if (!seen.has(path)) {
          seen.add(path);
          return path;
        }
      }
    },
    count: () => seen.size,
  };
}

/** The first `n` requests of the stream (a cached run replays them; the profile runs them once). */
export function benchQueryPaths(root: string, units: BenchUnit[], n = 300): string[] {
  const s = queryStream(root, units);
  return Array.from({ length: n }, () => s.next());
}

/** The search input of a bench request path (`/api/v1/search?q=…`), as the search route reads it; units by code → path. */
export function searchInputOf(p: string, unitPaths: ReadonlyMap<string, string>): SearchInput {
  const u = new URLSearchParams(p.split('?')[1]);
  return {
    q: u.get('q')!,
    unitPath: u.get('unit') ? unitPaths.get(u.get('unit')!) : undefined,
    from: u.get('from') ?? undefined,
    to: u.get('to') ?? undefined,
    archived: u.has('archived') ? u.get('archived') === 'true' : undefined,
    sort: (u.get('sort') as 'date' | null) ?? 'relevance',
    page: Number(u.get('page') ?? 1),
    pageSize: 10,
  };
}
