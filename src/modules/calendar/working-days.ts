import { isRealDate } from '../../platform/http/schemas.ts';
/**
 * Statutory working-day arithmetic. PURE: no I/O and no reading of the current time; the data
 * (holidays and 调休 make-up working days per year) is passed in, loaded elsewhere.
 *
 * Dates are `YYYY-MM-DD` strings interpreted as plain calendar dates (UTC arithmetic, so no
 * time-zone or DST shifts can move a day).
 */

export type CalendarDayKind = 'holiday' | 'adjusted_workday';
export type DayKind = 'workday' | 'weekend' | CalendarDayKind;

export interface CalendarDayEntry {
  kind: CalendarDayKind;
  name: string;
}

/** What the calendar is built from: the years that have official data, and their special days. */
export interface CalendarData {
  years: Set<number>;
  days: Map<string, CalendarDayEntry>;
}

export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  /** Holiday / make-up day name from the notice (e.g. 春节); null for ordinary days. */
  name: string | null;
  /** True when the date's year has no official data and only the weekend rule was applied. */
  provisional: boolean;
  reason?: string;
}

export interface AddWorkingDaysResult {
  date: string;
  provisional: boolean;
  /** Years the computation went through that have no official data (sorted). */
  missingYears: number[];
  /** Every year the computation went through (sorted); stored with deadlines for recomputation. */
  years: number[];
  reason?: string;
}

export interface WorkingDaysBetweenResult {
  workingDays: number;
  provisional: boolean;
  missingYears: number[];
  years: number[];
  reason?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Upper bound of working days one call may count (about 14 years); callers validate input against it. */
export const MAX_WORKING_DAYS = 3650;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
}

/**
 * Day number (days since 1970-01-01) of a proleptic Gregorian date, by arithmetic (H. Hinnant's
 * days_from_civil): the counting loops call this for every period of every unit, and building a Date
 * object for each call was the largest cost of a county-wide obligation run.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil. */
function civilFromDays(n: number): [number, number, number] {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** A real calendar date in YYYY-MM-DD form (the platform's check, shared with every route). */
export const isValidDate = isRealDate;

function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`invalid date: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`invalid date: ${date}`);
  return daysFromCivil(y, mo, d);
}

function fromDayNumber(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The date `delta` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: string, delta: number): string {
  return fromDayNumber(toDayNumber(date) + delta);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  // 1970-01-01 (day 0) was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date)];
}

/** The Chinese explanation shown whenever a result relied on the weekend rule alone. */
export function provisionalReason(missingYears: readonly number[]): string | undefined {
  if (missingYears.length === 0) return undefined;
  return `${missingYears.map((y) => `${y}年`).join('、')}的节假日安排尚未录入，结果按周末规则推算，仅供参考`;
}

export class WorkCalendar {
  readonly years: ReadonlySet<number>;
  private readonly days: ReadonlyMap<string, CalendarDayEntry>;
  /**
   * Day number → [year, workday] for the counting loops. A calendar never changes after it is built
   * (a calendar edit loads a new one), so the memo is always right; it saves the date formatting and
   * classification on every day of every period counted (obligations, statutory clocks).
   */
  private readonly dayMemo = new Map<number, readonly [number, boolean]>();

  constructor(data: CalendarData) {
    this.years = new Set(data.years);
    this.days = new Map(data.days);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /**
   * Classifies one day. Order matters: a listed special day wins over the weekday rule, because
   * 调休 turns a Saturday/Sunday into a working day and a holiday block covers weekdays.
   */
  dayInfo(date: string): DayInfo {
    const n = toDayNumber(date);
    return this.infoAt(n, date);
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  private yearAndWorkday(n: number): readonly [number, boolean] {
    let hit = this.dayMemo.get(n);
    if (!hit) {
      const date = fromDayNumber(n);
      hit = [yearOf(date), this.infoAt(n, date).workday] as const;
      this.dayMemo.set(n, hit);
    }
    return hit;
  }

  private infoAt(n: number, date: string): DayInfo {
    const provisional = !this.years.has(yearOf(date));
    const special = this.days.get(date);
    const base = special
      ? { date, workday: special.kind === 'adjusted_workday', kind: special.kind as DayKind, name: special.name }
      : (() => {
          const wd = (((n + 4) % 7) + 7) % 7;
          const weekend = wd === 0 || wd === 6;
          return { date, workday: !weekend, kind: (weekend ? 'weekend' : 'workday') as DayKind, name: null };
        })();
    const info: DayInfo = { ...base, provisional };
    if (provisional) info.reason = provisionalReason([yearOf(date)]);
    return info;
  }

  /**
   * The n-th working day after `from`. 《民法典》第201条: for periods counted in days the starting
   * day is not counted, so counting begins the next day; 调休 make-up Saturdays/Sundays count as
   * working days, holidays and ordinary weekends do not. n = 0 returns `from` itself (no day was
   * counted, so no year is touched and the result is never provisional).
   */
  addWorkingDays(from: string, n: number): AddWorkingDaysResult {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days out of range: ${n}`);
    let day = toDayNumber(from);
    const touched = new Set<number>();
    let counted = 0;
    while (counted < n) {
      day += 1;
      const [year, workday] = this.yearAndWorkday(day);
      touched.add(year);
      if (workday) counted += 1;
    }
    return this.withYears({ date: n === 0 ? from : fromDayNumber(day) }, touched);
  }

  /**
   * Working days after `from` up to and including `to` — the inverse of addWorkingDays: if
   * addWorkingDays(from, k).date === to then the count is k. When `to` is on or before `from` no
   * day lies in the interval and the count is 0 (the HTTP API rejects `to` before `from`).
   */
  workingDaysBetween(from: string, to: string): WorkingDaysBetweenResult {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    const touched = new Set<number>();
    let count = 0;
    for (let d = start + 1; d <= end; d++) {
      const [year, workday] = this.yearAndWorkday(d);
      touched.add(year);
      if (workday) count += 1;
    }
    return this.withYears({ workingDays: count }, touched);
  }

  private withYears<T extends object>(value: T, touched: Set<number>): T & { provisional: boolean; missingYears: number[]; years: number[]; reason?: string } {
    const years = [...touched].sort((a, b) => a - b);
    const missingYears = years.filter((y) => !this.years.has(y));
    const out = { ...value, provisional: missingYears.length > 0, missingYears, years } as T & {
      provisional: boolean;
      missingYears: number[];
      years: number[];
      reason?: string;
    };
    const reason = provisionalReason(missingYears);
    if (reason) out.reason = reason;
    return out;
  }
}

/** Free-function form, for callers that hold a calendar (see getCalendar in index.ts). */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): AddWorkingDaysResult {
  return calendar.addWorkingDays(from, n);
}

export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): WorkingDaysBetweenResult {
  return calendar.workingDaysBetween(from, to);
}
