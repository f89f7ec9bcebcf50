/** autocannon runs against the bench server, with rotating paths and client addresses. */
import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  non2xx: number;
  errors: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
}

/**
 * Fires GETs at `base + paths[i % n]`, or, given a function, at `base + paths()` (a new path per
 * request: bench/lib/queries.ts never repeats one). Each request carries a different X-Forwarded-For (the bench
 * server trusts the proxy header) so the per-client rate limits of public routes stay out of the
 * measurement, as they would with many real visitors.
 */
export async function load(
  base: string,
  paths: string[] | (() => string),
  connections: number,
  durationS: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const pathAt = typeof paths === 'function' ? paths : (n: number) => paths[n % paths.length];
  let i = 0;
  // autocannon's histogram has no p95: keep every response time and compute the percentiles here.
  const times: number[] = [];
  const inst = autocannon({
    url: base,
    connections,
    duration: durationS,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const n = i++;
          return { ...req, method: 'GET', path: pathAt(n), headers: { ...headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
        },
      },
    ],
  });
  inst.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await inst;
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0) * 100) / 100;
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return {
    connections,
    durationS,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    rps: Math.round(r.requests.average * 10) / 10,
    latencyMs: { p50: q(50), p95: q(95), p99: q(99), mean: Math.round(mean * 100) / 100, max: q(100) },
  };
}
