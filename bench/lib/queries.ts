/** The benchmark's query mix: 60 labelled queries with unit, date, sort, page and archived filters mixed in. */
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_TOWNS = ['321323101', '321323102', '321323103', '321323002'];

export function benchQueryPaths(root: string, count = 60): string[] {
  const labelled = (JSON.parse(fs.readFileSync(path.join(root, 'test/search-relevance.json'), 'utf8')) as { queries: { q: string }[] }).queries.slice(0, count).map((x) => x.q);
  return labelled.map((q, i) => {
    const p = new URLSearchParams({ q });
    if (i % 3 === 1) p.set('unit', BENCH_TOWNS[i % BENCH_TOWNS.length]);
    if (i % 5 === 2) {
      p.set('from', '2025-01-01');
      p.set('to', '2025-12-31');
    }
    if (i % 7 === 3) p.set('sort', 'date');
    if (i % 11 === 4) p.set('page', '2');
    if (i % 13 === 5) p.set('archived', 'false');
    return `/api/v1/search?${p}`;
  });
}
