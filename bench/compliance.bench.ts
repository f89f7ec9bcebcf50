/**
 * Compliance evaluation for a whole county: the Siyang tree plus generated villages up to ≈300 units,
 * busy finance on half of the villages, 2 events per unit per triggered item, and published records for
 * about 75% of the obligations due by the day of evaluation (some late, a few withdrawn early, most
 * with a 公开栏 photo). Measures:
 * - full: `recomputeCounty` for one year (load, compute obligations, join records, store), 5 runs;
 * - incremental: after one unit's publication (a record + its audit event), the read-side freshness
 *   check that recomputes only that unit, 20 runs;
 * - reads: the county overview (all units evaluated as of the day) and measureUnitFigures, fresh, 5 runs;
 * - the county office's to-do list over the whole county (every module's reminders, live), 5 runs.
 * Writes bench/results/compliance.json (compliance-postgres.json with --pg). Run: npm run bench:compliance
 * [-- --pg URL] (URL of a server where the bench may create and drop its own database).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { appendAuditEvent } from '../src/platform/audit/audit-log.ts';
import { levelOf, listSubtree } from '../src/modules/org/index.ts';
import { seedObligationCounty } from './lib/obligation-county.ts';
import { getCalendar } from '../src/modules/calendar/index.ts';
import { loadObligationData, obligationsFromData } from '../src/modules/catalog/index.ts';
import { recomputeCounty } from '../src/modules/compliance/compliance.commands.ts';
import { ensureFresh } from '../src/modules/compliance/compliance.compute.ts';
import { measureUnitFigures } from '../src/modules/compliance/index.ts';
import { overview } from '../src/modules/compliance/compliance.service.ts';
import type { Actor } from '../src/platform/auth/roles.ts';
import { remindersTodoFor } from '../src/modules/notifications/index.ts';
import type { Clock } from '../src/platform/context.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';

const TARGET_UNITS = 300;
const YEAR = 2026;
const AS_OF = '2026-11-27';
const pgIdx = process.argv.indexOf('--pg');
const pgAdminUrl = pgIdx > 0 ? process.argv[pgIdx + 1] : null;
// On PostgreSQL the bench creates its own database on the given server and drops it afterwards.
let pgUrl: string | null = null;
let dropPg: (() => Promise<void>) | null = null;
if (pgAdminUrl) {
  const pg = (await import('pg')).default;
  const name = `gk_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8'`);
  await admin.end();
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  pgUrl = u.toString();
  dropPg = async () => {
    const c = new pg.Client({ connectionString: pgAdminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const clock: Clock = { now: () => new Date(`${AS_OF}T02:00:00.000Z`) };
const config = loadConfig({}, { databaseUrl: pgUrl, logLevel: 'silent', demo: false, dataDir: dir, jobs: false });
const rt = await openRuntime(config, { logger: silent, clock, ...(pgUrl ? {} : { sqliteFile: path.join(dir, 'bench.sqlite') }) });
const { ctx } = rt;
const db = ctx.db;
const now = clock.now();
// Deterministic pseudo-random numbers so every run has the same data.
const rand = seededRandom(20261129);

const { units } = await seedObligationCounty(db, now, TARGET_UNITS);

// Published records for ≈75% of the obligations due by AS_OF.
const calendar = await getCalendar(ctx);
const data = await loadObligationData(
  db,
  units.map((u) => u.code),
);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let disclosures = 0;
let serial = 0;
const disclosureRow = (
  u: { code: string; kind: string },
  ob: { itemKey: string; itemId: string; period: string; eventId: string | null },
  publishedOn: string,
  withdrawnOn: string | null,
) => ({
  id: crypto.randomUUID(),
  unit_code: u.code,
  catalog: levelOf(u.kind) === 'village' ? 'village' : 'government',
  item_key: ob.itemKey,
  item_id: ob.itemId,
  period: ob.eventId ? null : ob.period,
  event_id: ob.eventId,
  status: withdrawnOn ? 'withdrawn' : 'published',
  title: '基准测试公开内容',
  doc_no: null,
  formed_on: publishedOn,
  body_html: '<p>基准测试</p>',
  channels_json: '[]',
  pii_decisions_json: '[]',
  submitted_by: null,
  submitted_at: null,
  scheduled_at: null,
  published_at: `${publishedOn}T02:00:00.000Z`,
  published_by: null,
  index_no: `BENCH/${++serial}`,
  index_year: YEAR,
  index_serial: serial,
  display_rule_json: null,
  display_min_end: calendar.addWorkingDays(publishedOn, 7).date,
  display_provisional: null,
  display_planned_end: null,
  withdrawn_at: withdrawnOn ? `${withdrawnOn}T02:00:00.000Z` : null,
  withdrawn_by: null,
  withdrawn_reason: withdrawnOn ? '基准测试撤回' : null,
  current_version: 1,
  created_at: now.toISOString(),
  created_by: 'bench',
  updated_at: now.toISOString(),
});
// The public listing row publishing's commands write beside each public record (what 公开督查 reads).
const paths = new Map((await db.selectFrom('org_units').select(['code', 'path']).execute()).map((u) => [u.code, u.path]));
const listingOf = (d: ReturnType<typeof disclosureRow>) => ({
  disclosure_id: d.id,
  unit_code: d.unit_code,
  unit_path: paths.get(d.unit_code)!,
  catalog: d.catalog,
  item_key: d.item_key,
  domain_code: null,
  period: d.period,
  event_id: d.event_id,
  status: d.status,
  published_at: d.published_at,
  display_rule_json: d.display_rule_json,
  display_min_end: d.display_min_end,
  display_planned_end: d.display_planned_end,
  display_until: d.display_planned_end ?? d.display_min_end ?? '9999-12-31',
  title: d.title,
  index_no: d.index_no,
  version: d.current_version,
  has_finance: 0,
  finance_months_json: null,
  withdrawn_at: d.withdrawn_at,
  withdrawn_reason: d.withdrawn_reason,
  changed_at: d.withdrawn_at ?? d.published_at,
});
const batch: ReturnType<typeof disclosureRow>[] = [];
const photos: {
  id: string;
  disclosure_id: string;
  channel: string;
  taken_on: string;
  type: string;
  size: number;
  sha256: string;
  note: null;
  created_at: string;
  created_by: string;
}[] = [];
for (const u of units) {
  for (const ob of obligationsFromData(data, u, `${YEAR}-01-01`, AS_OF, calendar)) {
    if (rand() > 0.75) continue;
    const shift = Math.floor(rand() * 12) - 8;
    const publishedOn = addDays(ob.dueDate, shift) > AS_OF ? AS_OF : addDays(ob.dueDate, shift);
    const withdrawnOn = rand() < 0.02 ? addDays(publishedOn, 2) : null;
    const row = disclosureRow(u, ob, publishedOn, withdrawnOn && withdrawnOn <= AS_OF ? withdrawnOn : null);
    batch.push(row);
    if (rand() < 0.85)
      photos.push({
        id: crypto.randomUUID(),
        disclosure_id: row.id,
        channel: '社区/企事业单位/村公示栏（电子屏）',
        taken_on: publishedOn,
        type: 'jpeg',
        size: 1,
        sha256: 'bench',
        note: null,
        created_at: now.toISOString(),
        created_by: 'bench',
      });
  }
}
for (let i = 0; i < batch.length; i += 200)
  await db
    .insertInto('disclosures')
    .values(batch.slice(i, i + 200))
    .execute();
for (let i = 0; i < batch.length; i += 200)
  await db
    .insertInto('disclosure_listings')
    .values(batch.slice(i, i + 200).map(listingOf))
    .execute();
for (let i = 0; i < photos.length; i += 200)
  await db
    .insertInto('disclosure_evidence')
    .values(photos.slice(i, i + 200))
    .execute();
disclosures = batch.length;

const round = (x: number) => Math.round(x * 10) / 10;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: round(s[0]), median: round(s[Math.floor(s.length / 2)]), max: round(s[s.length - 1]) };
};

// Full county recomputation for one year.
const full: number[] = [];
let obligations = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const res = await recomputeCounty(ctx, { actor: null }, [YEAR]);
  full.push(performance.now() - t0);
  if (!res.ok) throw new Error(res.message);
  obligations = res.value.obligations;
}

// For comparison under the same machine load: the catalog's obligations alone (what bench:obligations measures).
const obligationsOnly: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const d = await loadObligationData(
    db,
    units.map((u) => u.code),
  );
  const cal = await getCalendar(ctx);
  for (const u of units) obligationsFromData(d, u, `${YEAR}-01-01`, `${YEAR}-12-31`, cal);
  obligationsOnly.push(performance.now() - t0);
}

// Incremental: one unit publishes (record + audit event in one transaction); the next read recomputes only it.
const all = await listSubtree(db, '/');
const villages = all.filter((u) => levelOf(u.kind) === 'village');
const incremental: number[] = [];
let recomputedUnits = 0;
for (let r = 0; r < 20; r++) {
  const u = villages[(r * 37) % villages.length];
  const ob = obligationsFromData(data, u, `${YEAR}-10-01`, AS_OF, calendar)[0];
  await db.transaction().execute(async (trx) => {
    const row = disclosureRow(u, ob, AS_OF, null);
    await trx.insertInto('disclosures').values(row).execute();
    await trx.insertInto('disclosure_listings').values(listingOf(row)).execute();
    await appendAuditEvent(trx, ctx.dialect, {
      actor: null,
      unitCode: u.code,
      action: 'disclosure.publish',
      entityType: 'disclosure',
      entityId: row.id,
      after: { bench: true },
      occurredAt: now,
    });
  });
  const t0 = performance.now();
  const res = await ensureFresh(ctx, all, [YEAR]);
  incremental.push(performance.now() - t0);
  recomputedUnits = Math.max(recomputedUnits, res.recomputed);
}

// Reads over fresh stored results.
const county = all.find((u) => u.depth === 0 || !u.parent_code)!;
const actor: Actor = {
  userId: 'bench',
  username: 'bench',
  displayName: 'bench',
  via: 'token',
  grants: [{ role: 'county_admin', unitCode: county.code, unitPath: county.path }],
};
const overviewMs: number[] = [];
const figuresMs: number[] = [];
for (let r = 0; r < 5; r++) {
  let t0 = performance.now();
  await overview(ctx, actor, county, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
  overviewMs.push(performance.now() - t0);
  t0 = performance.now();
  await measureUnitFigures(ctx, { rootCode: county.code, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, asOf: AS_OF });
  figuresMs.push(performance.now() - t0);
}

// The county office's to-do (待办与提醒, scope=subtree): every module's reminders for every unit, computed live.
const todoMs: number[] = [];
let todoItems = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const todo = await remindersTodoFor(ctx, actor, AS_OF, 'subtree');
  todoMs.push(performance.now() - t0);
  todoItems = todo.items.length;
}

const result = {
  database: pgUrl ? 'postgres' : 'sqlite',
  units: all.length,
  obligations,
  disclosures,
  photos: photos.length,
  asOf: AS_OF,
  fullRecomputeYearMs: stats(full),
  obligationsOnlySameLoadMs: stats(obligationsOnly),
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  incrementalAfterPublishMs: { ...stats(incremental), recomputedUnits },
  countyOverviewReadMs: stats(overviewMs),
  measureUnitFiguresMs: stats(figuresMs),
  countyTodoMs: { ...stats(todoMs), items: todoItems },
  target: 'full county year < 1000 ms',
  node: process.version,
  date: new Date().toISOString(),
};
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', `compliance${pgUrl ? '-postgres' : ''}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
await rt.close();
await dropPg?.();
fs.rmSync(dir, { recursive: true, force: true });
