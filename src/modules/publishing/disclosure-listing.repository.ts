/**
 * The public listing of disclosures (table `disclosure_listings`, migration 20261206_0700): one narrow
 * row per record that is public, or will be at its scheduled time. Every public list, count, feed,
 * sitemap and the 公开督查 facts read these rows — never the working or public bodies — with limits in
 * SQL, and display status as an expression over the row and the request's `now`:
 *
 * - visible: `published_at <= now` (a scheduled record carries its future publication time, so it shows
 *   at that instant whether or not the publishing job has run yet);
 * - current (公示中 / 已公开): `status = 'published' and display_until >= today`;
 * - 往期: `status = 'withdrawn' or display_until < today`.
 *
 * The commands keep the rows in step inside their own transactions (`syncListing`).
 */
import './disclosure.tables.ts';
import { sql, type ExpressionBuilder } from 'kysely';
import { chinaDate } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { itemDomains, localItemDomains } from '../catalog/index.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { financeMonthsJson } from './disclosure.finance-months.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { DisclosureListingTable } from './disclosure.tables.ts';

/** display_until of a window without an end. */
export const OPEN_END = '9999-12-31';

/** The two instants every public read filters by: now (visibility) and the China-local day (display windows). */
export interface ReadTime {
  nowIso: string;
  today: string;
}

export function readTime(now: Date): ReadTime {
  return { nowIso: now.toISOString(), today: chinaDate(now) };
}

/** [lo, hi) of a unit subtree on the byte-ordered unit_path (the path ends with '/', '0' follows it). */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

type L = ExpressionBuilder<Database & { l: DisclosureListingTable }, 'l'>;

/** Visible to the public at `now`. */
export const visibleAt = (eb: L, t: ReadTime) => eb('l.published_at', '<=', t.nowIso);
/** 公示中 or 已公开 (no end) on `today`. */
export const currentOn = (eb: L, t: ReadTime) => eb.and([eb('l.status', '=', 'published'), eb('l.display_until', '>=', t.today)]);
/** 往期: withdrawn, or the display window has ended. */
export const archivedOn = (eb: L, t: ReadTime) => eb.or([eb('l.status', '=', 'withdrawn'), eb('l.display_until', '<', t.today)]);

/**
 * Columns a list row needs (no body, no tables): what a list item shows (listItemOf), nothing more —
 * every value is one more string SQLite hands to JavaScript, and a village page reads ≈ 80 rows.
 */
export const LIST_COLUMNS = [
  'l.disclosure_id',
  'l.unit_code',
  'l.item_key',
  'l.period',
  'l.status',
  'l.published_at',
  'l.display_rule_json',
  'l.display_min_end',
  'l.display_planned_end',
  'l.title',
  'l.index_no',
  'l.version',
] as const;

export type ListingRow = Pick<
  DisclosureListingTable,
  | 'disclosure_id'
  | 'unit_code'
  | 'item_key'
  | 'period'
  | 'status'
  | 'published_at'
  | 'display_rule_json'
  | 'display_min_end'
  | 'display_planned_end'
  | 'title'
  | 'index_no'
  | 'version'
> & { unit_name: string };

export interface ListingFilter {
  /** Exactly this unit (its path). */
  unitPath?: string;
  /** Any of these units (paths); an empty list matches nothing. */
  unitPaths?: string[];
  /** The unit at this path and every unit below it. */
  subtreePath?: string;
  /** Domain (government catalog) or village category code. */
  domain?: string;
  itemKey?: string;
  /** Any of these item keys; an empty list matches nothing. */
  itemKeys?: string[];
  status?: 'published' | 'withdrawn';
  /** Publication instants, [fromIso, toIso). */
  fromIso?: string;
  toIso?: string;
  phase?: 'current' | 'archive';
}

/**
 * A filter as the arguments of a prepared query: values only, structure from which keys are present
 * (see platform/db/prepared.ts). The subtree becomes its byte range, the phase a flag.
 */
export type ListingArgs = {
  nowIso: string;
  today?: string;
  unitPath?: string;
  unitPaths?: string[];
  subLo?: string;
  subHi?: string;
  domain?: string;
  itemKey?: string;
  itemKeys?: string[];
  status?: string;
  fromIso?: string;
  toIso?: string;
  current?: boolean;
  archive?: boolean;
};

export function listingArgs(f: ListingFilter, t: ReadTime): ListingArgs {
  const a: ListingArgs = { nowIso: t.nowIso };
  if (f.unitPath !== undefined) a.unitPath = f.unitPath;
  if (f.unitPaths !== undefined) a.unitPaths = f.unitPaths;
  if (f.subtreePath !== undefined) [a.subLo, a.subHi] = subtreeRange(f.subtreePath);
  if (f.domain !== undefined) a.domain = f.domain;
  if (f.itemKey !== undefined) a.itemKey = f.itemKey;
  if (f.itemKeys !== undefined) a.itemKeys = f.itemKeys;
  if (f.status !== undefined) a.status = f.status;
  if (f.fromIso !== undefined) a.fromIso = f.fromIso;
  if (f.toIso !== undefined) a.toIso = f.toIso;
  if (f.phase) {
    a.today = t.today;
    if (f.phase === 'current') a.current = true;
    else a.archive = true;
  }
  return a;
}

/** The filtered, visible listing rows of prepared-query arguments (no order, no limit). */
function listingWhere(db: Executor, a: ListingArgs) {
  let q = db.selectFrom('disclosure_listings as l').where('l.published_at', '<=', a.nowIso);
  if (a.unitPath !== undefined) q = q.where('l.unit_path', '=', a.unitPath);
  if (a.unitPaths !== undefined) q = a.unitPaths.length ? q.where('l.unit_path', 'in', a.unitPaths) : q.where(sql<boolean>`1 = 0`);
  if (a.subLo !== undefined && a.subHi !== undefined) q = q.where('l.unit_path', '>=', a.subLo).where('l.unit_path', '<', a.subHi);
  if (a.domain !== undefined) q = q.where('l.domain_code', '=', a.domain);
  if (a.itemKey !== undefined) q = q.where('l.item_key', '=', a.itemKey);
  if (a.itemKeys !== undefined) q = a.itemKeys.length ? q.where('l.item_key', 'in', a.itemKeys) : q.where(sql<boolean>`1 = 0`);
  if (a.status !== undefined) q = q.where('l.status', '=', a.status);
  if (a.fromIso !== undefined) q = q.where('l.published_at', '>=', a.fromIso);
  if (a.toIso !== undefined) q = q.where('l.published_at', '<', a.toIso);
  if (a.current) q = q.where('l.status', '=', 'published').where('l.display_until', '>=', a.today!);
  if (a.archive) q = q.where((eb) => eb.or([eb('l.status', '=', 'withdrawn'), eb('l.display_until', '<', a.today!)]));
  return q;
}

/** The filtered, visible listing rows (no order, no limit): callers add those. */
export function listingQuery(db: Executor, f: ListingFilter, t: ReadTime) {
  return listingWhere(db, listingArgs(f, t));
}

const pageQuery = prepared((db, a: ListingArgs & { limit: number; offset: number }) =>
  listingWhere(db, a)
    .innerJoin('org_units as u', 'u.code', 'l.unit_code')
    .select([...LIST_COLUMNS, 'u.name as unit_name'])
    .orderBy('l.published_at', 'desc')
    .orderBy('l.disclosure_id', 'desc')
    .limit(a.limit)
    .offset(a.offset),
);

/** Newest first, `limit` rows from `offset`, with the unit's current name (one prepared statement). */
export async function pageOf(db: Executor, f: ListingFilter, t: ReadTime, limit: number, offset = 0): Promise<ListingRow[]> {
  return (await pageQuery(db, { ...listingArgs(f, t), limit, offset })) as ListingRow[];
}

const countQuery = prepared((db, a: ListingArgs) => listingWhere(db, a).select((eb) => eb.fn.countAll<number>().as('n')));
const cappedCountQuery = prepared((db, a: ListingArgs & { cap: number }) =>
  db.selectFrom(listingWhere(db, a).select('l.disclosure_id').limit(a.cap).as('x')).select((eb) => eb.fn.countAll<number>().as('n')),
);

/** Number of matching rows, counting no further than `cap` when given (reads at most cap + 1 index entries). */
export async function countOf(db: Executor, f: ListingFilter, t: ReadTime, cap?: number): Promise<{ total: number; lowerBound: boolean }> {
  const args = listingArgs(f, t);
  if (cap === undefined) return { total: Number((await countQuery(db, args))[0].n), lowerBound: false };
  const n = Number((await cappedCountQuery(db, { ...args, cap: cap + 1 }))[0].n);
  return n > cap ? { total: cap, lowerBound: true } : { total: n, lowerBound: false };
}

const rowsByIdQuery = prepared((db, a: { ids: string[] }) =>
  db
    .selectFrom('disclosure_listings as l')
    .innerJoin('org_units as u', 'u.code', 'l.unit_code')
    .select([...LIST_COLUMNS, 'u.name as unit_name'])
    .where('l.disclosure_id', 'in', a.ids)
    .orderBy('l.published_at', 'desc')
    .orderBy('l.disclosure_id', 'desc'),
);

/** The listing rows with unit names for the given ids, newest first. */
async function rowsById(db: Executor, ids: string[]): Promise<ListingRow[]> {
  if (ids.length === 0) return [];
  return (await rowsByIdQuery(db, { ids })) as ListingRow[];
}

type Ranked = { disclosure_id: string; published_at: string };
const newerFirst = (a: Ranked, b: Ranked) => b.published_at.localeCompare(a.published_at) || b.disclosure_id.localeCompare(a.disclosure_id);

/** A domain filter: undefined = every category, null = records without one. */
type DomainArg = string | null | undefined;

/** One list of current records to read: a unit, optionally one category of it. */
export interface CurrentGroup {
  unitPath: string;
  /** undefined = every category, null = records without one. */
  domain?: string | null;
}

/** SQLite allows 500 terms in a compound select; stay below. */
const UNION_CHUNK = 400;

/** Records within a display window (display_until from today to before the open end) of these units: recent ones only. */
const windowedQuery = prepared((db, a: { paths: string[]; today: string; open: string; nowIso: string }) =>
  db
    .selectFrom('disclosure_listings as l')
    .select(['l.disclosure_id', 'l.published_at', 'l.unit_path', 'l.domain_code'])
    .where('l.unit_path', 'in', a.paths)
    .where('l.display_until', '>=', a.today)
    .where('l.display_until', '<', a.open)
    .where('l.status', '=', 'published')
    .where('l.published_at', '<=', a.nowIso),
);

/**
 * Per group, the newest `limit` records displayed without an end, in index order: one subquery with
 * its own LIMIT per group, joined with UNION ALL, as whole list rows (the unit's name joined once
 * outside), so the rows are not read a second time by id. `$kinds` says per group: a = every category,
 * n = no category, s = the next of `domains`.
 */
const openNewestQuery = prepared((db, a: { $kinds: string; paths: string[]; domains: string[]; open: string; nowIso: string; limit: number }) => {
  let d = 0;
  const members = [...a.$kinds].map((kind, i) => {
    let q = db
      .selectFrom('disclosure_listings as l')
      .select([...LIST_COLUMNS, sql<number>`${sql.lit(i)}`.as('grp')])
      .where('l.unit_path', '=', a.paths[i])
      .where('l.display_until', '=', a.open)
      .where('l.status', '=', 'published')
      .where('l.published_at', '<=', a.nowIso);
    if (kind === 'n') q = q.where('l.domain_code', 'is', null);
    if (kind === 's') q = q.where('l.domain_code', '=', a.domains[d++]);
    return db.selectFrom(q.orderBy('l.published_at', 'desc').orderBy('l.disclosure_id', 'desc').limit(a.limit).as(`g${i}`)).selectAll();
  });
  const [first, ...rest] = members;
  return db
    .selectFrom(rest.reduce((acc, x) => acc.unionAll(x), first).as('x'))
    .innerJoin('org_units as u', 'u.code', 'x.unit_code')
    .selectAll('x')
    .select('u.name as unit_name');
});

type Windowed = { disclosure_id: string; published_at: string; unit_path: string; domain_code: string | null };

/**
 * The newest `limit` records each group (a unit, or a category of a unit) currently displays, in
 * two or three statements whatever the number of groups, each reading index ranges that do not grow
 * with the units' history: the records within a display window of all the groups' units; the newest
 * `limit` rows of each group's records displayed without an end; by id, the windowed records among
 * the newest (none when nothing in a window is newer).
 */
export async function currentNewestMany(db: Executor, groups: CurrentGroup[], limit: number, t: ReadTime): Promise<ListingRow[][]> {
  if (groups.length === 0) return [];
  const paths = [...new Set(groups.map((g) => g.unitPath))];
  return newestWith(db, groups, limit, t, await windowedQuery(db, { paths, today: t.today, open: OPEN_END, nowIso: t.nowIso }));
}

/**
 * currentNewestMany, given the records within a display window of the groups' units: the open-ended
 * ones come as whole rows; only windowed records that make a group's top `limit` are read by id.
 */
async function newestWith(db: Executor, groups: CurrentGroup[], limit: number, t: ReadTime, windowed: Windowed[]): Promise<ListingRow[][]> {
  const open: { row: ListingRow; grp: number }[] = [];
  for (let c = 0; c < groups.length; c += UNION_CHUNK) {
    const part = groups.slice(c, c + UNION_CHUNK);
    const rows = await openNewestQuery(db, {
      $kinds: part.map((g) => (g.domain === undefined ? 'a' : g.domain === null ? 'n' : 's')).join(''),
      paths: part.map((g) => g.unitPath),
      domains: part.filter((g) => typeof g.domain === 'string').map((g) => g.domain as string),
      open: OPEN_END,
      nowIso: t.nowIso,
      limit,
    });
    for (const { grp, ...row } of rows) open.push({ row: row as ListingRow, grp: c + Number(grp) });
  }
  const tops = groups.map((g, i) => {
    const mine: Ranked[] = windowed.filter((w) => w.unit_path === g.unitPath && (g.domain === undefined || w.domain_code === g.domain));
    return [...mine, ...open.filter((o) => o.grp === i).map((o) => o.row)].sort(newerFirst).slice(0, limit);
  });
  const byId = new Map<string, ListingRow>();
  for (const { row } of open) byId.set(row.disclosure_id, row);
  const missing = [...new Set(tops.flat().map((r) => r.disclosure_id))].filter((id) => !byId.has(id));
  for (const r of await rowsById(db, missing)) byId.set(r.disclosure_id, r);
  return tops.map((top) => top.map((r) => byId.get(r.disclosure_id)!).filter(Boolean));
}

/** The newest `limit` records a unit (and category) currently displays (see currentNewestMany). */
export async function currentNewest(db: Executor, unitPath: string, limit: number, t: ReadTime, domain?: DomainArg): Promise<ListingRow[]> {
  return (await currentNewestMany(db, [{ unitPath, domain }], limit, t))[0];
}

const withdrawnNewestQuery = prepared((db, a: { unitPath: string; nowIso: string; limit: number }) =>
  db
    .selectFrom('disclosure_listings as l')
    .select(['l.disclosure_id', 'l.published_at'])
    .where('l.unit_path', '=', a.unitPath)
    .where('l.status', '=', 'withdrawn')
    .where('l.published_at', '<=', a.nowIso)
    .orderBy('l.published_at', 'desc')
    .orderBy('l.disclosure_id', 'desc')
    .limit(a.limit),
);

// In the order of the index (unit, display_until, status, published_at, id): no sort, the limit reads `limit` rows.
const endedQuery = prepared((db, a: { unitPath: string; today: string; limit: number; until?: string; at?: string; id?: string }) => {
  let q = db
    .selectFrom('disclosure_listings as l')
    .select(['l.disclosure_id', 'l.published_at', 'l.display_until'])
    .where('l.unit_path', '=', a.unitPath)
    .where('l.display_until', '<', a.today)
    .where('l.status', '=', 'published');
  if (a.until !== undefined) {
    const k = { until: a.until, at: a.at!, id: a.id! };
    q = q.where((eb) =>
      eb.or([
        eb('l.display_until', '<', k.until),
        eb.and([
          eb('l.display_until', '=', k.until),
          eb.or([eb('l.published_at', '<', k.at), eb.and([eb('l.published_at', '=', k.at), eb('l.disclosure_id', '<', k.id)])]),
        ]),
      ]),
    );
  }
  return q.orderBy('l.display_until', 'desc').orderBy('l.published_at', 'desc').orderBy('l.disclosure_id', 'desc').limit(a.limit);
});

/**
 * The newest `limit` 往期 records of a unit: withdrawn ones (newest first, index on unit × status)
 * and those whose window has ended, read by display_until descending a batch at a time until no
 * older window can hold a newer publication (a window ends on or after its publication date).
 */
export async function archivedNewest(db: Executor, unitPath: string, limit: number, t: ReadTime): Promise<ListingRow[]> {
  const found: Ranked[] = [...(await withdrawnNewestQuery(db, { unitPath, nowIso: t.nowIso, limit }))];
  const batch = limit * 2;
  let after: { until: string; at: string; id: string } | null = null;
  for (;;) {
    const rows = await endedQuery(db, { unitPath, today: t.today, limit: batch, ...(after ?? {}) });
    found.push(...rows);
    found.sort(newerFirst);
    if (rows.length < batch) break;
    const last = rows[rows.length - 1];
    after = { until: last.display_until, at: last.published_at, id: last.disclosure_id };
    // Unread rows end on or before `last.display_until`, so they were published on or before that day.
    const kth = found[limit - 1];
    if (kth && chinaDate(new Date(kth.published_at)) > last.display_until) break;
  }
  return rowsById(
    db,
    found.slice(0, limit).map((r) => r.disclosure_id),
  );
}

const openCountsQuery = prepared((db, a: { paths: string[] }) =>
  db.selectFrom('disclosure_listing_counts').select(['unit_path', 'domain_code', 'open_published']).where('unit_path', 'in', a.paths),
);
const futureOpenQuery = prepared((db, a: { paths: string[]; open: string; nowIso: string }) =>
  db
    .selectFrom('disclosure_listings as l')
    .select(['l.unit_path', 'l.domain_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('l.unit_path', 'in', a.paths)
    .where('l.display_until', '=', a.open)
    .where('l.status', '=', 'published')
    .where('l.published_at', '>', a.nowIso)
    .groupBy(['l.unit_path', 'l.domain_code']),
);

/**
 * How many records each unit currently displays, per category ('' = none): the maintained count of
 * those without an end, minus the scheduled ones among them not yet due, plus those within a window
 * (index ranges of recent records only).
 */
export async function currentCounts(db: Executor, unitPaths: string[], t: ReadTime): Promise<Map<string, Map<string, number>>> {
  if (unitPaths.length === 0) return new Map();
  return countsWith(db, unitPaths, t, await windowedQuery(db, { paths: unitPaths, today: t.today, open: OPEN_END, nowIso: t.nowIso }));
}

/** currentCounts, given the records within a display window of the units. */
async function countsWith(db: Executor, unitPaths: string[], t: ReadTime, windowed: Windowed[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  const add = (unit: string, domain: string | null, n: number) => {
    const m = out.get(unit) ?? new Map<string, number>();
    m.set(domain ?? '', (m.get(domain ?? '') ?? 0) + n);
    out.set(unit, m);
  };
  const [open, future] = await Promise.all([
    openCountsQuery(db, { paths: unitPaths }),
    futureOpenQuery(db, { paths: unitPaths, open: OPEN_END, nowIso: t.nowIso }),
  ]);
  for (const r of open) add(r.unit_path, r.domain_code || null, Number(r.open_published));
  for (const r of future) add(r.unit_path, r.domain_code, -Number(r.n));
  for (const r of windowed) add(r.unit_path, r.domain_code, 1);
  return out;
}

/**
 * currentCounts of the groups' units and currentNewestMany of the groups together (a town's 专栏, a
 * village's 当前公示): the records within a display window are read once for both.
 */
export async function currentCountsAndNewest(
  db: Executor,
  groups: CurrentGroup[],
  limit: number,
  t: ReadTime,
): Promise<{ counts: Map<string, Map<string, number>>; lists: ListingRow[][] }> {
  if (groups.length === 0) return { counts: new Map(), lists: [] };
  const paths = [...new Set(groups.map((g) => g.unitPath))];
  const windowed = await windowedQuery(db, { paths, today: t.today, open: OPEN_END, nowIso: t.nowIso });
  return { counts: await countsWith(db, paths, t, windowed), lists: await newestWith(db, groups, limit, t, windowed) };
}

/** Total of a unit's current counts (all categories). */
export const totalOf = (m: Map<string, number> | undefined) => [...(m?.values() ?? [])].reduce((a, b) => a + b, 0);

/** China-local year of a UTC instant. */
const chinaYear = (iso: string) => Number(chinaDate(new Date(iso)).slice(0, 4));
/** UTC instant of China-local midnight starting the date. */
export const chinaStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * Years (China time) with visible records matching the filter (a unit, a domain), newest first: the
 * oldest and newest publication (two index seeks), then one existence probe per year in between.
 */
const endsQuery = prepared((db, a: ListingArgs) =>
  db
    .selectFrom(listingWhere(db, a).select('l.published_at').orderBy('l.published_at', 'asc').limit(1).as('a'))
    .selectAll()
    .unionAll(db.selectFrom(listingWhere(db, a).select('l.published_at').orderBy('l.published_at', 'desc').limit(1).as('b')).selectAll()),
);
const yearProbeQuery = prepared((db, a: ListingArgs & { years: number[]; froms: string[]; tos: string[] }) => {
  const probes = a.years.map((y, i) =>
    db
      .selectFrom(
        listingWhere(db, { ...a, fromIso: a.froms[i], toIso: a.tos[i] })
          .select(sql<number>`${y}`.as('y'))
          .limit(1)
          .as(`y${i}`),
      )
      .selectAll(),
  );
  const [first, ...rest] = probes;
  return rest.reduce((acc, x) => acc.unionAll(x), first);
});

export async function yearsWithRecords(db: Executor, filter: Pick<ListingFilter, 'unitPath' | 'domain'>, t: ReadTime): Promise<number[]> {
  const args = listingArgs(filter, t);
  const ends = (await endsQuery(db, args)).map((e) => e.published_at).sort();
  if (ends.length === 0) return [];
  const candidates: number[] = [];
  for (let y = chinaYear(ends[ends.length - 1]); y >= chinaYear(ends[0]); y--) candidates.push(y);
  if (candidates.length <= 2) return candidates;
  // One existence probe per year between, in one statement.
  const hits = await yearProbeQuery(db, {
    ...args,
    years: candidates,
    froms: candidates.map((y) => chinaStart(`${y}-01-01`)),
    tos: candidates.map((y) => chinaStart(`${y + 1}-01-01`)),
  });
  const found = new Set(hits.map((r) => Number(r.y)));
  return candidates.filter((y) => found.has(y));
}

const monthQuery = prepared((db, a: ListingArgs) => listingWhere(db, a).select('l.published_at'));

/** Number of visible records per China-local month (1–12) of one year of a unit (index-only range). */
export async function monthCounts(db: Executor, unitPath: string, year: number, t: ReadTime): Promise<Map<number, number>> {
  const rows = await monthQuery(db, listingArgs({ unitPath, fromIso: chinaStart(`${year}-01-01`), toIso: chinaStart(`${year + 1}-01-01`) }, t));
  const counts = new Map<number, number>();
  for (const r of rows) {
    const m = Number(chinaDate(new Date(r.published_at)).slice(5, 7));
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return counts;
}

/**
 * The next instant at which what the public sees changes by the passing of time alone: the earliest
 * scheduled publication after `now` (one index seek). Display windows end at China-local midnight,
 * which page and search caches key on already. Null when nothing is scheduled.
 */
export async function nextScheduledChange(db: Executor, now: Date): Promise<string | null> {
  const r = await db
    .selectFrom('disclosure_listings as l')
    .select('l.published_at')
    .where('l.status', '=', 'published')
    .where('l.published_at', '>', now.toISOString())
    .orderBy('l.published_at', 'asc')
    .limit(1)
    .executeTakeFirst();
  return r?.published_at ?? null;
}

/**
 * Brings the listing row of one record in step with the record (inside the caller's transaction):
 * inserted or replaced while the record is public or prepared for a scheduled publication, removed
 * otherwise. Reads the record's narrow columns and its current version's public title only.
 */
export async function syncListing(trx: Executor, id: string): Promise<void> {
  const r = await trx
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .leftJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .leftJoin(itemDomains(trx).as('ci'), 'ci.id', 'd.item_id')
    .leftJoin(localItemDomains(trx).as('li'), 'li.id', 'd.item_id')
    .select([
      'd.id',
      'd.unit_code',
      'u.path',
      'd.catalog',
      'd.item_key',
      sql<string | null>`coalesce(ci.domain_code, li.domain_code)`.as('domain_code'),
      'd.period',
      'd.event_id',
      'd.status',
      'd.published_at',
      'd.display_rule_json',
      'd.display_min_end',
      'd.display_planned_end',
      'd.index_no',
      'd.current_version',
      'd.withdrawn_at',
      'd.withdrawn_reason',
      'v.public_title',
      'v.created_at as version_at',
      'v.public_tables_json',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  const listed =
    !!r && ['published', 'withdrawn', 'scheduled'].includes(r.status) && r.current_version > 0 && !!r.published_at && !!r.index_no && r.public_title !== null;
  const before = await trx
    .selectFrom('disclosure_listings')
    .select(['unit_path', 'domain_code', 'display_until', 'status'])
    .where('disclosure_id', '=', id)
    .executeTakeFirst();
  if (!r || !listed) {
    await trx.deleteFrom('disclosure_listings').where('disclosure_id', '=', id).execute();
    if (before) await recountOpen(trx, before);
    return;
  }
  const financeMonths = financeMonthsJson(r.public_tables_json);
  const row: DisclosureListingTable = {
    disclosure_id: r.id,
    unit_code: r.unit_code,
    unit_path: r.path,
    catalog: r.catalog,
    item_key: r.item_key,
    domain_code: r.domain_code,
    period: r.period,
    event_id: r.event_id,
    status: r.status === 'withdrawn' ? 'withdrawn' : 'published',
    published_at: r.published_at!,
    display_rule_json: r.display_rule_json,
    display_min_end: r.display_min_end,
    display_planned_end: r.display_planned_end,
    display_until: r.display_planned_end ?? r.display_min_end ?? OPEN_END,
    title: r.public_title!,
    index_no: r.index_no!,
    version: r.current_version,
    has_finance: financeMonths === null ? 0 : 1,
    finance_months_json: financeMonths,
    withdrawn_at: r.withdrawn_at,
    withdrawn_reason: r.withdrawn_reason,
    changed_at: r.withdrawn_at ?? (r.version_at && r.version_at > r.published_at! ? r.version_at : r.published_at!),
  };
  const { disclosure_id: _id, ...rest } = row;
  await trx
    .insertInto('disclosure_listings')
    .values(row)
    .onConflict((oc) => oc.column('disclosure_id').doUpdateSet(rest))
    .execute();
  if (before) await recountOpen(trx, before);
  if (
    !before ||
    before.unit_path !== row.unit_path ||
    before.domain_code !== row.domain_code ||
    before.display_until !== row.display_until ||
    before.status !== row.status
  )
    await recountOpen(trx, row);
}

type CountKey = Pick<DisclosureListingTable, 'unit_path' | 'domain_code' | 'display_until' | 'status'>;

/** Recounts one unit × category's records displayed without an end (a write-time count over that index range). */
async function recountOpen(trx: Executor, k: CountKey): Promise<void> {
  const domain = k.domain_code ?? '';
  let q = trx
    .selectFrom('disclosure_listings as l')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('l.unit_path', '=', k.unit_path)
    .where('l.display_until', '=', OPEN_END)
    .where('l.status', '=', 'published');
  q = domain ? q.where('l.domain_code', '=', domain) : q.where('l.domain_code', 'is', null);
  const n = Number((await q.executeTakeFirstOrThrow()).n);
  await trx
    .insertInto('disclosure_listing_counts')
    .values({ unit_path: k.unit_path, domain_code: domain, open_published: n })
    .onConflict((oc) => oc.columns(['unit_path', 'domain_code']).doUpdateSet({ open_published: n }))
    .execute();
}

/** Rebuilds every count from the listing (bulk loaders: bench/lib/generate-county.ts). */
export async function rebuildListingCounts(db: Executor): Promise<void> {
  await db.deleteFrom('disclosure_listing_counts').execute();
  await sql`
    insert into disclosure_listing_counts (unit_path, domain_code, open_published)
    select unit_path, coalesce(domain_code, ''), count(*) from disclosure_listings
    where display_until = ${OPEN_END} and status = 'published'
    group by unit_path, coalesce(domain_code, '')
  `.execute(db);
}

// ---------------------------------------------------------------- reads for other modules (公开督查)

/** A public record linked to a catalog item, as the 公开督查 evaluation needs it (no body). */
export interface PublicRecordFact {
  id: string;
  unit_code: string;
  item_key: string | null;
  period: string | null;
  event_id: string | null;
  status: string;
  current_version: number;
  index_no: string | null;
  public_title: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  display_min_end: string | null;
  display_planned_end: string | null;
}

const CHUNK = 400;
function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Visible records (published or withdrawn) of the units that are linked to a catalog item (index unit × item). */
export async function publicRecordsOfUnits(db: Executor, unitCodes: string[], now: Date): Promise<PublicRecordFact[]> {
  const nowIso = now.toISOString();
  const out: PublicRecordFact[] = [];
  for (const part of chunks(unitCodes)) {
    const rows = await db
      .selectFrom('disclosure_listings as l')
      .select([
        'l.disclosure_id as id',
        'l.unit_code',
        'l.item_key',
        'l.period',
        'l.event_id',
        'l.status',
        'l.version as current_version',
        'l.index_no',
        'l.title as public_title',
        'l.published_at',
        'l.withdrawn_at',
        'l.withdrawn_reason',
        'l.display_min_end',
        'l.display_planned_end',
      ])
      .where('l.unit_code', 'in', part)
      .where('l.item_key', 'is not', null)
      .where('l.published_at', '<=', nowIso)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** (unit, item key) pairs with at least one visible record published in [fromIso, toIso) (index-only). */
export async function publishedItemKeysOf(db: Executor, unitCodes: string[], fromIso: string, toIso: string, now: Date): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  for (const part of chunks(unitCodes)) {
    const rows = await db
      .selectFrom('disclosure_listings as l')
      .select(['l.unit_code', 'l.item_key'])
      .distinct()
      .where('l.unit_code', 'in', part)
      .where('l.item_key', 'is not', null)
      .where('l.status', 'in', ['published', 'withdrawn'])
      .where('l.published_at', '>=', fromIso)
      .where('l.published_at', '<', toIso)
      .where('l.published_at', '<=', now.toISOString())
      .execute();
    for (const r of rows) {
      const set = map.get(r.unit_code) ?? new Set<string>();
      set.add(r.item_key!);
      map.set(r.unit_code, set);
    }
  }
  return map;
}

/** Per unit × item: the newest publication and the number of published (not withdrawn) visible records (index-only). */
export async function publishedCountsByUnitItem(db: Executor, now: Date): Promise<{ unit_code: string; item_key: string | null; last: string; n: number }[]> {
  const rows = await db
    .selectFrom('disclosure_listings as l')
    .select(['l.unit_code', 'l.item_key', (eb) => eb.fn.max('l.published_at').as('last'), (eb) => eb.fn.countAll().as('n')])
    .where('l.status', '=', 'published')
    .where('l.published_at', '<=', now.toISOString())
    .groupBy(['l.unit_code', 'l.item_key'])
    .execute();
  return rows.map((r) => ({ unit_code: r.unit_code, item_key: r.item_key, last: String(r.last), n: Number(r.n) }));
}

/** Which records a feed (RSS/Atom/JSON) lists: published by `nowIso`, in one unit, a subtree or a domain. */
export interface FeedFilter {
  nowIso: string;
  unitPath?: string;
  /** [lo, hi) of subtreeRange(path): the unit and every unit below it. */
  unitPathRange?: [string, string];
  domainCode?: string;
}

/** The feed's records, most recently changed first (a correction or withdrawal moves a record up). */
export async function feedPicks(db: Executor, f: FeedFilter, limit: number) {
  let q = db.selectFrom('disclosure_listings as l').select(['l.disclosure_id', 'l.domain_code', 'l.changed_at']).where('l.published_at', '<=', f.nowIso);
  if (f.unitPath !== undefined) q = q.where('l.unit_path', '=', f.unitPath);
  if (f.unitPathRange) q = q.where('l.unit_path', '>=', f.unitPathRange[0]).where('l.unit_path', '<', f.unitPathRange[1]);
  if (f.domainCode !== undefined) q = q.where('l.domain_code', '=', f.domainCode);
  return q.orderBy('l.changed_at', 'desc').orderBy('l.disclosure_id', 'desc').limit(limit).execute();
}

/** What a feed entry shows of each record: the listed title and dates, its unit, and the public body of its version. */
export async function feedEntryRows(db: Executor, ids: string[]) {
  return db
    .selectFrom('disclosure_listings as l')
    .innerJoin('org_units as u', 'u.code', 'l.unit_code')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'l.disclosure_id').onRef('v.version_no', '=', 'l.version'))
    .select([
      'l.disclosure_id',
      'l.title',
      'l.published_at',
      'l.version',
      'l.withdrawn_at',
      'l.withdrawn_reason',
      'u.code as unit_code',
      'u.name as unit_name',
      'v.public_body_html',
      'v.created_at as version_at',
      'v.reason',
    ])
    .where('l.disclosure_id', 'in', ids)
    .execute();
}

/** A unit's newest finance statements (listing index unit × has_finance × published_at × id), a batch before a key. */
export const financeStatementsQuery = prepared((db, a: { unitPath: string; nowIso: string; limit: number; beforeAt?: string; beforeId?: string }) => {
  let q = db
    .selectFrom('disclosure_listings as l')
    .select(['l.disclosure_id as id', 'l.published_at', 'l.title as public_title', 'l.finance_months_json'])
    .where('l.unit_path', '=', a.unitPath)
    .where('l.has_finance', '=', 1)
    .where('l.status', '=', 'published')
    .where('l.published_at', '<=', a.nowIso);
  if (a.beforeAt !== undefined) {
    const at = a.beforeAt;
    const id = a.beforeId!;
    q = q.where((eb) => eb.or([eb('l.published_at', '<', at), eb.and([eb('l.published_at', '=', at), eb('l.disclosure_id', '<', id)])]));
  }
  return q.orderBy('l.published_at', 'desc').orderBy('l.disclosure_id', 'desc').limit(a.limit);
});
