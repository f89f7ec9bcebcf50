/**
 * Obligations: which disclosures a unit owes, for which period or event, by when, and how long they
 * must stay up. A pure function of the catalog versions in force, the unit's applicable items,
 * recorded events, the unit's finance flag, a date range and the working-day calendar.
 * Nothing here reads the clock or the database.
 */
import { addCalendarDays, type WorkCalendar } from '../calendar/index.ts';
import type { DisplayRule, Frequency, PeriodDue, RecurringRule, TimeRule } from './time-rule.ts';
import { displayPeriod } from './display-period.ts';

export interface ObligationItem {
  /** Row id in the version (what the API calls itemId). */
  id: string;
  /** Stable key of the item across catalog versions. */
  key: string;
  name: string;
  timeRule: TimeRule;
  displayRule: DisplayRule;
}

export interface CatalogVersionInForce {
  /** First day (YYYY-MM-DD) on which this version governs. */
  effectiveFrom: string;
  items: ObligationItem[];
}

/** A recorded triggering fact (信息形成、批准、事件发生…) for a triggered, immediate or long-term item. */
export interface ObligationEvent {
  id: string;
  itemKey: string;
  occurredOn: string;
  title: string;
}

export interface ComputeObligationsInput {
  /** Versions of the catalog, any order; each period uses the version in force on its start date. */
  versions: CatalogVersionInForce[];
  /** Item keys that apply to this unit (after 公开层级/主体, exclusions; plus its local items). */
  applicableKeys: ReadonlySet<string>;
  events: ObligationEvent[];
  /** 集体财务往来较多: finance items monthly instead of quarterly (村民委员会组织法第30条). */
  busyFinance: boolean;
  /** Inclusive range of due dates to report. */
  from: string;
  to: string;
  calendar: WorkCalendar;
}

export interface Obligation {
  itemId: string;
  itemKey: string;
  itemName: string;
  /** `2026`, `2026-Q1`, `2026-03`, `event:<id>` or `standing` (长期公开). */
  period: string;
  periodLabel: string;
  eventId: string | null;
  dueDate: string;
  /**
   * The earliest day the notice may come down if it is published on the due date: it must stay up
   * through this date (n working days counted from the day after publication, 《民法典》第201条).
   * Null where the catalog sets no minimum or an open end ("until" rules).
   */
  displayUntilAtLeast: string | null;
  displayUntilText: string | null;
  provisional: boolean;
  reasons: string[];
}

/** Memoizes calendar arithmetic: a county shares the same few hundred due dates across all units. */
class CalendarMemo {
  private readonly adds = new Map<string, { date: string; provisional: boolean; reason?: string }>();
  private readonly shifts = new Map<string, { date: string; provisional: boolean; reason?: string }>();
  constructor(private readonly calendar: WorkCalendar) {}

  addWorkingDays(from: string, n: number) {
    const key = `${from}|${n}`;
    let hit = this.adds.get(key);
    if (!hit) {
      const r = this.calendar.addWorkingDays(from, n);
      hit = { date: r.date, provisional: r.provisional, reason: r.reason };
      // Bounded: a long-lived calendar is asked about event dates without end.
      if (this.adds.size > 200_000) this.adds.clear();
      this.adds.set(key, hit);
    }
    return hit;
  }

  /** The date itself if it is a working day, else the next working day (《民法典》第203条). */
  nextWorkdayOnOrAfter(date: string) {
    let hit = this.shifts.get(date);
    if (!hit) {
      const info = this.calendar.dayInfo(date);
      hit = info.workday ? { date, provisional: info.provisional, reason: info.reason } : this.addWorkingDays(date, 1);
      if (this.shifts.size > 200_000) this.shifts.clear();
      this.shifts.set(date, hit);
    }
    return hit;
  }
}

interface Period {
  id: string;
  label: string;
  start: string;
  /** Last day of the period. */
  end: string;
  /** First day of the next period. */
  next: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day `day` of a month, clamped to the month's length (a "31st" in February is its last day). */
function dayOfMonth(year: number, month: number, day: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${pad(m)}-${pad(Math.min(day, lastDayOfMonth(y, m)))}`;
}

function monthsPerPeriod(f: Exclude<Frequency, 'finance_adaptive'>): number {
  return f === 'yearly' ? 12 : f === 'quarterly' ? 3 : 1;
}

/** Periods are pure functions of (frequency, year, index) and a county asks for the same few dozen of them thousands of times. */
const periodCache = new Map<string, Period>();

function periodAt(f: Exclude<Frequency, 'finance_adaptive'>, year: number, index: number): Period {
  const k = `${f}|${year}|${index}`;
  let hit = periodCache.get(k);
  if (!hit) {
    hit = makePeriod(f, year, index);
    if (periodCache.size < 10_000) periodCache.set(k, hit);
  }
  return hit;
}

function makePeriod(f: Exclude<Frequency, 'finance_adaptive'>, year: number, index: number): Period {
  const len = monthsPerPeriod(f);
  const startMonth = index * len + 1;
  const start = `${year}-${pad(startMonth)}-01`;
  const nextYear = startMonth + len > 12 ? year + 1 : year;
  const nextMonth = ((startMonth + len - 1) % 12) + 1;
  const next = `${nextYear}-${pad(nextMonth)}-01`;
  const end = addCalendarDays(next, -1);
  const id = f === 'yearly' ? `${year}` : f === 'quarterly' ? `${year}-Q${index + 1}` : `${year}-${pad(startMonth)}`;
  const label = f === 'yearly' ? `${year}年` : f === 'quarterly' ? `${year}年第${'一二三四'[index]}季度` : `${year}年${startMonth}月`;
  return { id, label, start, end, next };
}

/** Nominal due date (before shifting off rest days) of a period. */
function nominalDue(due: PeriodDue, p: Period, memo: CalendarMemo): { date: string; shiftable: boolean; provisional: boolean; reason?: string } {
  const [y, m] = [Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7))];
  const [ny, nm] = [Number(p.next.slice(0, 4)), Number(p.next.slice(5, 7))];
  switch (due.type) {
    case 'day_in_period':
      return { date: dayOfMonth(y, m + due.monthOfPeriod - 1, due.day), shiftable: true, provisional: false };
    case 'day_in_next_period':
      return { date: dayOfMonth(ny, nm + due.monthOfPeriod - 1, due.day), shiftable: true, provisional: false };
    case 'working_days_after_start': {
      // Counting starts on the period's first day: "within n working days from the start" is the
      // n-th working day counted from the day before the period (the first day itself counts).
      const r = memo.addWorkingDays(addCalendarDays(p.start, -1), due.n);
      return { date: r.date, shiftable: false, provisional: r.provisional, reason: r.reason };
    }
    case 'working_days_after_end': {
      const r = memo.addWorkingDays(p.end, due.n);
      return { date: r.date, shiftable: false, provisional: r.provisional, reason: r.reason };
    }
  }
}

function resolveFrequency(f: Frequency, busyFinance: boolean): Exclude<Frequency, 'finance_adaptive'> {
  // 村民委员会组织法第30条: 集体财务往来较多的，应当每月公布一次财务收支情况; otherwise at least quarterly.
  if (f === 'finance_adaptive') return busyFinance ? 'monthly' : 'quarterly';
  return f;
}

interface IndexedVersion {
  effectiveFrom: string;
  items: ObligationItem[];
  byKey: Map<string, ObligationItem>;
}

/** Which version governs a given day: the latest whose effectiveFrom is on or before it. */
function versionOn(sorted: IndexedVersion[], date: string): IndexedVersion | undefined {
  let found: IndexedVersion | undefined;
  for (const v of sorted) if (v.effectiveFrom <= date) found = v;
  return found;
}

function displayUntil(
  rule: DisplayRule,
  published: string,
  memo: CalendarMemo,
): { date: string | null; text: string | null; provisional: boolean; reason?: string } {
  const p = displayPeriod(rule, published, memo);
  return { date: p.minEnd, text: p.text, provisional: p.provisional, reason: p.reason };
}

function triggeredDue(rule: TimeRule, occurredOn: string, memo: CalendarMemo): { date: string; provisional: boolean; reason?: string } {
  if (rule.kind === 'immediate') return memo.addWorkingDays(occurredOn, rule.n);
  if (rule.kind === 'long_term') return memo.addWorkingDays(occurredOn, rule.updateWithinWorkingDays);
  if (rule.kind === 'triggered') {
    if (rule.unit === 'working_days') return memo.addWorkingDays(occurredOn, rule.n);
    // Calendar-day limits (e.g. 预算法: 批准后20日内) end on the next working day when the last day
    // is a rest day (《民法典》第203条).
    return memo.nextWorkdayOnOrAfter(addCalendarDays(occurredOn, rule.n));
  }
  throw new Error('recurring rules have no trigger');
}

/** One memo per calendar object: calendars are immutable (an edit loads a new one), so answers stay right across calls. */
const memos = new WeakMap<WorkCalendar, CalendarMemo>();

export function computeObligations(input: ComputeObligationsInput): Obligation[] {
  let memo = memos.get(input.calendar);
  if (!memo) {
    memo = new CalendarMemo(input.calendar);
    memos.set(input.calendar, memo);
  }
  const versions: IndexedVersion[] = [...input.versions]
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map((v) => {
      // The first item with a key wins, as a linear find would.
      const byKey = new Map<string, ObligationItem>();
      for (const i of v.items) if (!byKey.has(i.key)) byKey.set(i.key, i);
      return { effectiveFrom: v.effectiveFrom, items: v.items, byKey };
    });
  const out: Obligation[] = [];
  const push = (
    item: ObligationItem,
    period: string,
    periodLabel: string,
    eventId: string | null,
    due: { date: string; provisional: boolean; reason?: string },
  ) => {
    if (due.date < input.from || due.date > input.to) return;
    const disp = displayUntil(item.displayRule, due.date, memo);
    const reasons = [...new Set([due.reason, disp.reason].filter((r): r is string => !!r))];
    out.push({
      itemId: item.id,
      itemKey: item.key,
      itemName: item.name,
      period,
      periodLabel,
      eventId,
      dueDate: due.date,
      displayUntilAtLeast: disp.date,
      displayUntilText: disp.text,
      provisional: due.provisional || disp.provisional,
      reasons,
    });
  };

  // Recurring items: enumerate periods from a year before `from` (a period's due date can fall in
  // the next period) to the year of `to`.
  const firstYear = Number(input.from.slice(0, 4)) - 1;
  const lastYear = Number(input.to.slice(0, 4));
  const recurringKeys = new Set<string>();
  for (const v of versions) for (const i of v.items) if (i.timeRule.kind === 'recurring' && input.applicableKeys.has(i.key)) recurringKeys.add(i.key);
  for (const key of recurringKeys) {
    for (let year = firstYear; year <= lastYear; year++) {
      // The frequency may differ between versions, so periods are enumerated per governing version.
      const seen = new Set<string>();
      for (const f of ['yearly', 'quarterly', 'monthly'] as const) {
        const count = 12 / monthsPerPeriod(f);
        for (let idx = 0; idx < count; idx++) {
          const p = periodAt(f, year, idx);
          const v = versionOn(versions, p.start);
          const item = v?.byKey.get(key);
          if (!item || item.timeRule.kind !== 'recurring') continue;
          const rule = item.timeRule as RecurringRule;
          if (resolveFrequency(rule.frequency, input.busyFinance) !== f || seen.has(p.id)) continue;
          seen.add(p.id);
          const nominal = nominalDue(rule.due, p, memo);
          const due = nominal.shiftable && rule.shiftToWorkday ? memo.nextWorkdayOnOrAfter(nominal.date) : nominal;
          push(item, p.id, p.label, null, due);
        }
      }
    }
  }

  // Triggered, immediate and long-term items: one obligation per recorded event, under the version
  // in force on the day the fact occurred.
  for (const ev of input.events) {
    if (!input.applicableKeys.has(ev.itemKey)) continue;
    const v = versionOn(versions, ev.occurredOn);
    const item = v?.byKey.get(ev.itemKey);
    if (!item || item.timeRule.kind === 'recurring') continue;
    push(item, `event:${ev.id}`, ev.title, ev.id, triggeredDue(item.timeRule, ev.occurredOn, memo));
  }

  // 长期公开: a standing obligation from the day the governing version took effect.
  for (const v of versions) {
    for (const item of v.items) {
      if (item.timeRule.kind !== 'long_term' || !input.applicableKeys.has(item.key)) continue;
      const first = versions.find((x) => x.byKey.has(item.key));
      if (first !== v) continue;
      push(item, 'standing', '长期公开', null, memo.addWorkingDays(v.effectiveFrom, item.timeRule.updateWithinWorkingDays));
    }
  }

  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.itemKey.localeCompare(b.itemKey) || a.period.localeCompare(b.period));
}
