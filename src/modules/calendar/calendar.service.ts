import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../platform/context.ts';
import { lockForUpdate, type Db } from '../../platform/db/database.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { WorkCalendar } from './working-days.ts';
import { bumpCalendarVersion, findYear, listYearDays, loadCalendar, readCalendarVersion, storedYears, writeYear } from './calendar.repository.ts';
import { recomputeDeadlines } from './calendar.deadlines.ts';
import { describeIssue, validateYears, type CalendarIssue } from './calendar.validation.ts';
import { loadChineseDaysBaseline, type YearInput } from './calendar.source.ts';

/** Serializes calendar writers on PostgreSQL (two processes seeding at once, two admins saving). */
const CALENDAR_LOCK_KEY = 74_610_101;
/** How often a process asks the database whether another process changed the calendar. */
const VERSION_CHECK_INTERVAL_MS = 1000;

interface CacheEntry {
  version: number;
  calendar: WorkCalendar;
  /** Monotonic time of the last version check (performance.now, not wall-clock time). */
  checkedAt: number;
  pending: Promise<WorkCalendar> | null;
}

// Keyed by database handle: tests and tools may open several databases in one process.
const cache = new WeakMap<Db, CacheEntry>();

async function refresh(db: Db, entry: CacheEntry | undefined): Promise<WorkCalendar> {
  // Read the version before the data: if a change commits in between, the stored version is
  // older than the data, so the next check reloads again (never the reverse, stale data kept).
  const version = await readCalendarVersion(db);
  if (entry && entry.version === version) {
    entry.checkedAt = performance.now();
    return entry.calendar;
  }
  const calendar = await loadCalendar(db);
  cache.set(db, { version, calendar, checkedAt: performance.now(), pending: null });
  return calendar;
}

/**
 * The current working-day calendar, cached in memory. The database is asked for the version
 * counter at most once per second, so a change made by another process is seen within ~1 s;
 * changes made through this process are seen at once (the cache is dropped on commit).
 */
export async function getCalendar(ctx: Pick<AppContext, 'db'>): Promise<WorkCalendar> {
  const entry = cache.get(ctx.db);
  if (entry && performance.now() - entry.checkedAt < VERSION_CHECK_INTERVAL_MS) return entry.calendar;
  if (entry?.pending) return entry.pending;
  const pending = refresh(ctx.db, entry).finally(() => {
    const e = cache.get(ctx.db);
    if (e) e.pending = null;
  });
  if (entry) entry.pending = pending;
  return pending;
}

export function invalidateCalendarCache(db: Db): void {
  cache.delete(db);
}

export interface ReplaceYearsResult {
  years: { year: number; holidayCount: number; adjustedWorkdayCount: number }[];
  recomputedDeadlines: number;
  changedDeadlines: number;
}

function counts(days: { kind: string }[]) {
  return { holidayCount: days.filter((d) => d.kind === 'holiday').length, adjustedWorkdayCount: days.filter((d) => d.kind === 'adjusted_workday').length };
}

export function invalidCalendarFailure(issues: CalendarIssue[]) {
  const shown = issues.slice(0, 30).map(describeIssue);
  const more = issues.length > shown.length ? `；……另有${issues.length - shown.length}处` : '';
  return fail(400, 'CALENDAR_INVALID', `节假日数据有误，未做任何修改（共${issues.length}处）：${shown.join('；')}${more}`, { issues });
}

/**
 * Enters or replaces whole years (PUT one year, or an import file) in one transaction: every
 * year is validated first, and any problem means nothing is written. Then, per year, the day
 * rows are replaced and the header upserted; the version counter is bumped (other processes
 * reload), stored deadlines touching the years and registered modules' deadlines are recomputed
 * with the new data, and one audit event per year records before/after counts.
 */
export async function replaceYears(ctx: AppContext, meta: CommandMeta, inputs: YearInput[]): Promise<Result<ReplaceYearsResult>> {
  const issues = validateYears(inputs);
  if (issues.length) return invalidCalendarFailure(issues);
  const result = await runCommand(ctx, meta, async ({ trx, now, audit }) => {
    await lockForUpdate(trx, ctx.dialect, CALENDAR_LOCK_KEY);
    const updatedBy = meta.actor?.username ?? null;
    const out: ReplaceYearsResult = { years: [], recomputedDeadlines: 0, changedDeadlines: 0 };
    const befores = [];
    for (const input of inputs) {
      const [header, days] = await Promise.all([findYear(trx, input.year), listYearDays(trx, input.year)]);
      befores.push(header ? { sourceNotice: header.source_notice, dayCount: days.length, ...counts(days) } : null);
      await writeYear(trx, input, updatedBy, now);
      out.years.push({ year: input.year, ...counts(input.days) });
    }
    await bumpCalendarVersion(trx, now);
    const calendar = await loadCalendar(trx);
    const summary = await recomputeDeadlines(
      ctx,
      trx,
      calendar,
      inputs.map((i) => i.year),
      now,
    );
    out.recomputedDeadlines = summary.recomputed;
    out.changedDeadlines = summary.changedStored;
    for (const [i, input] of inputs.entries()) {
      await audit({
        unitCode: null,
        action: 'calendar.year.replace',
        entityType: 'calendar_year',
        entityId: String(input.year),
        before: befores[i],
        after: {
          sourceNotice: input.sourceNotice.trim(),
          dayCount: input.days.length,
          ...counts(input.days),
          recomputedDeadlines: out.recomputedDeadlines,
          changedDeadlines: out.changedDeadlines,
        },
      });
    }
    return ok(out);
  });
  // Drop this process's cache after commit (or rollback); other processes follow the version.
  invalidateCalendarCache(ctx.db);
  return result;
}

/**
 * Baseline on every start: inserts each year of the chinese-days data that is not in the table
 * yet. Years already present (seeded earlier or entered by an administrator) are never touched.
 */
export async function seedCalendarBaseline(ctx: AppContext): Promise<number> {
  const baseline = loadChineseDaysBaseline();
  const present = await storedYears(ctx.db);
  if (baseline.every((y) => present.has(y.year))) return 0;
  let added = 0;
  const result = await runCommand(ctx, { actor: null }, async ({ trx, now, audit }) => {
    await lockForUpdate(trx, ctx.dialect, CALENDAR_LOCK_KEY);
    // Re-read under the lock: another process may have seeded meanwhile.
    const stored = await storedYears(trx);
    const missing = baseline.filter((y) => !stored.has(y.year));
    if (missing.length === 0) return ok(0);
    for (const y of missing) await writeYear(trx, y, null, now);
    await bumpCalendarVersion(trx, now);
    const calendar = await loadCalendar(trx);
    const summary = await recomputeDeadlines(
      ctx,
      trx,
      calendar,
      missing.map((y) => y.year),
      now,
    );
    await audit({
      unitCode: null,
      action: 'calendar.year.seed',
      entityType: 'calendar_year',
      entityId: null,
      before: null,
      after: { years: missing.map((y) => y.year), source: 'chinese-days', recomputedDeadlines: summary.recomputed },
    });
    added = missing.length;
    return ok(missing.length);
  });
  invalidateCalendarCache(ctx.db);
  if (!result.ok) throw new Error(`calendar baseline seeding failed: ${result.message}`);
  return added;
}
