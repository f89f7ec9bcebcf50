import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import type { CalendarDeadlineTable } from '../../platform/db/schema.ts';
import { WorkCalendar, type CalendarData } from './working-days.ts';
import type { YearInput } from './calendar.source.ts';

/** `app_settings` key whose value increases on every change, so every process notices it. */
export const CALENDAR_VERSION_KEY = 'calendar.version';

export async function readCalendarVersion(db: Executor): Promise<number> {
  const row = await readSetting(db, CALENDAR_VERSION_KEY);
  if (!row) return 0;
  const v = Number(JSON.parse(row.value_json));
  return Number.isFinite(v) ? v : 0;
}

export async function bumpCalendarVersion(trx: Trx, now: Date): Promise<number> {
  const next = (await readCalendarVersion(trx)) + 1;
  await writeSetting(trx, CALENDAR_VERSION_KEY, JSON.stringify(next), now.toISOString());
  return next;
}

/** Builds the in-memory calendar from the tables (≈ 800 rows for 2004–2026). */
export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').select('year').execute(),
    db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute(),
  ]);
  const data: CalendarData = { years: new Set(years.map((y) => Number(y.year))), days: new Map() };
  for (const d of days) data.days.set(d.date, { kind: d.kind, name: d.name });
  return new WorkCalendar(data);
}

export interface YearSummary {
  year: number;
  sourceNotice: string;
  updatedAt: string;
  updatedBy: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
}

export async function listYearSummaries(db: Executor): Promise<YearSummary[]> {
  const [years, counts] = await Promise.all([
    db.selectFrom('calendar_years').selectAll().orderBy('year').execute(),
    db
      .selectFrom('calendar_days')
      .select(['year', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['year', 'kind'])
      .execute(),
  ]);
  const count = (year: number, kind: string) => Number(counts.find((c) => Number(c.year) === year && c.kind === kind)?.n ?? 0);
  return years.map((y) => ({
    year: Number(y.year),
    sourceNotice: y.source_notice,
    updatedAt: y.updated_at,
    updatedBy: y.updated_by,
    holidayCount: count(Number(y.year), 'holiday'),
    adjustedWorkdayCount: count(Number(y.year), 'adjusted_workday'),
  }));
}

export async function findYear(db: Executor, year: number) {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function listYearDays(db: Executor, year: number) {
  return db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();
}

/** Replaces one year's rows (days and header). Validation happened before. */
export async function writeYear(trx: Trx, input: YearInput, updatedBy: string | null, now: Date): Promise<void> {
  const iso = now.toISOString();
  await trx.deleteFrom('calendar_days').where('year', '=', input.year).execute();
  const rows = input.days.map((d) => ({ date: d.date, year: input.year, kind: d.kind, name: d.name.trim() }));
  // Batches keep far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100)
    await trx
      .insertInto('calendar_days')
      .values(rows.slice(i, i + 100))
      .execute();
  const header = { source_notice: input.sourceNotice.trim(), updated_at: iso, updated_by: updatedBy };
  const updated = await trx.updateTable('calendar_years').set(header).where('year', '=', input.year).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await trx
      .insertInto('calendar_years')
      .values({ year: input.year, ...header })
      .execute();
}

/** Stored deadlines whose computation went through any of the given years. */
export async function deadlinesTouchingYears(db: Executor, years: number[]): Promise<CalendarDeadlineTable[]> {
  if (years.length === 0) return [];
  // `years` is stored as `2025,2026`; wrapping both sides in commas makes the match exact.
  // `||` concatenation works the same on SQLite and PostgreSQL.
  return db
    .selectFrom('calendar_deadlines')
    .selectAll()
    .where((eb) => eb.or(years.map((y) => eb(sql<string>`',' || years || ','`, 'like', `%,${y},%`))))
    .orderBy('id')
    .execute();
}

export async function findDeadline(db: Executor, ownerType: string, ownerId: string): Promise<CalendarDeadlineTable | undefined> {
  return db.selectFrom('calendar_deadlines').selectAll().where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).executeTakeFirst();
}

export async function insertDeadlineRow(trx: Trx, row: CalendarDeadlineTable): Promise<void> {
  await trx.insertInto('calendar_deadlines').values(row).execute();
}

export async function updateDeadlineRow(trx: Trx, id: string, values: Partial<Omit<CalendarDeadlineTable, 'id'>>): Promise<void> {
  await trx.updateTable('calendar_deadlines').set(values).where('id', '=', id).execute();
}

export async function deleteDeadlineRow(trx: Trx, ownerType: string, ownerId: string): Promise<void> {
  await trx.deleteFrom('calendar_deadlines').where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).execute();
}

/** The years whose holiday data is stored. */
export async function storedYears(db: Executor): Promise<Set<number>> {
  return new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => Number(r.year)));
}
