/** The search benchmark's query mix: 60 labelled queries with unit, date, sort, page and archived filters mixed in. */
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_TOWNS = ['321323101', '321323102', '321323103', '321323002'];

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The 60 query paths. With `variants` > 1 each is repeated that many times with a different `to`
 * date so that no two requests are alike (every request misses the result cache): queries without
 * a date range get a `to` after all the data (2027-01-01 + k days: same results, but the filter
 * path); the 2025 range queries end k days after 2025-12-31 (a slightly wider range).
 */
export function benchQueryPaths(root: string, variants = 1): string[] {
  const labelled = (JSON.parse(fs.readFileSync(path.join(root, 'test/search-relevance.json'), 'utf8')) as { queries: { q: string }[] }).queries.slice(0, 60).map((x) => x.q);
  const out: string[] = [];
  for (let k = 0; k < variants; k++) {
    labelled.forEach((q, i) => {
      const p = new URLSearchParams({ q });
      if (i % 3 === 1) p.set('unit', BENCH_TOWNS[i % BENCH_TOWNS.length]);
      if (i % 5 === 2) {
        p.set('from', '2025-01-01');
        p.set('to', variants > 1 ? addDays('2025-12-31', k) : '2025-12-31');
      } else if (variants > 1) p.set('to', addDays('2027-01-01', k));
      if (i % 7 === 3) p.set('sort', 'date');
      if (i % 11 === 4) p.set('page', '2');
      if (i % 13 === 5) p.set('archived', 'false');
      out.push(`/api/v1/search?${p}`);
    });
  }
  return out;
}
