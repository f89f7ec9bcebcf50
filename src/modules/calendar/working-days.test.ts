import { describe, expect, it } from 'vitest';
import { WorkCalendar, addCalendarDays, isValidDate, provisionalReason, weekdayOf, type CalendarData } from './working-days.ts';
import { loadChineseDaysBaseline } from './calendar.source.ts';

// The calendar under test is built from the shipped baseline (chinese-days); the expectations
// below are typed in independently from /work/shared/docs/domain.md §7 (the State Council notices).
function baselineCalendar(): WorkCalendar {
  const data: CalendarData = { years: new Set(), days: new Map() };
  for (const y of loadChineseDaysBaseline()) {
    data.years.add(y.year);
    for (const d of y.days) data.days.set(d.date, { kind: d.kind, name: d.name });
  }
  return new WorkCalendar(data);
}
const cal = baselineCalendar();

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

// domain.md §7: holiday blocks (days off) and make-up working days, per year.
const HOLIDAY_BLOCKS: [string, string, string][] = [
  // 2024
  ['2024 元旦', '2024-01-01', '2024-01-01'],
  ['2024 春节', '2024-02-10', '2024-02-17'],
  ['2024 清明', '2024-04-04', '2024-04-06'],
  ['2024 劳动节', '2024-05-01', '2024-05-05'],
  ['2024 端午', '2024-06-10', '2024-06-10'],
  ['2024 中秋', '2024-09-15', '2024-09-17'],
  ['2024 国庆', '2024-10-01', '2024-10-07'],
  // 2025
  ['2025 元旦', '2025-01-01', '2025-01-01'],
  ['2025 春节', '2025-01-28', '2025-02-04'],
  ['2025 清明', '2025-04-04', '2025-04-06'],
  ['2025 劳动节', '2025-05-01', '2025-05-05'],
  ['2025 端午', '2025-05-31', '2025-06-02'],
  ['2025 国庆+中秋', '2025-10-01', '2025-10-08'],
  // 2026
  ['2026 元旦', '2026-01-01', '2026-01-03'],
  ['2026 春节', '2026-02-15', '2026-02-23'],
  ['2026 清明', '2026-04-04', '2026-04-06'],
  ['2026 劳动节', '2026-05-01', '2026-05-05'],
  ['2026 端午', '2026-06-19', '2026-06-21'],
  ['2026 中秋', '2026-09-25', '2026-09-27'],
  ['2026 国庆', '2026-10-01', '2026-10-07'],
];

const MAKE_UP_DAYS: [string, number][] = [
  // [date, expected weekday 0=Sun/6=Sat]
  ['2024-02-04', 0],
  ['2024-02-18', 0],
  ['2024-04-07', 0],
  ['2024-04-28', 0],
  ['2024-05-11', 6],
  ['2024-09-14', 6],
  ['2024-09-29', 0],
  ['2024-10-12', 6],
  ['2025-01-26', 0],
  ['2025-02-08', 6],
  ['2025-04-27', 0],
  ['2025-09-28', 0],
  ['2025-10-11', 6],
  ['2026-01-04', 0],
  ['2026-02-14', 6],
  ['2026-02-28', 6],
  ['2026-05-09', 6],
  ['2026-09-20', 0],
  ['2026-10-10', 6],
];

describe('date helpers', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-1', false],
    ['0001-01-01', true],
    ['0099-02-29', false],
    ['20260101', false],
    ['', false],
  ])('isValidDate(%s) = %s', (s, expected) => {
    expect(isValidDate(s)).toBe(expected);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('agrees with the JavaScript Date (proleptic Gregorian) on every day of 1899–2101 and on early years', () => {
    const viaDate = (date: string, delta: number) => {
      const t = new Date(0);
      t.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + delta);
      return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
    };
    let d = '1899-01-01';
    let steps = 0;
    const mismatches: string[] = [];
    while (d < '2101-12-31') {
      const next = addCalendarDays(d, 1);
      if (next !== viaDate(d, 1)) mismatches.push(`${d} + 1 = ${next}`);
      d = next;
      steps += 1;
    }
    expect(mismatches).toEqual([]);
    expect(steps).toBe(74_143);
    for (const [from, delta] of [
      ['0001-03-01', -1],
      ['0004-02-28', 1],
      ['0099-12-31', 1],
      ['1900-02-28', 1],
      ['2000-02-28', 1],
      ['2100-02-28', 1],
      ['2026-06-15', 36_500],
      ['2026-06-15', -36_500],
    ] as const) {
      expect(addCalendarDays(from, delta)).toBe(viaDate(from, delta));
    }
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(() => addCalendarDays('2100-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-04-31', 1)).toThrow(RangeError);
  });

  it('knows weekdays', () => {
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-01-04')).toBe(0);
    expect(weekdayOf('2025-01-01')).toBe(3);
  });
});

describe('every 2024–2026 holiday block is a run of non-working days (domain.md §7)', () => {
  it.each(HOLIDAY_BLOCKS)('%s: %s..%s off, day before and after the block handled', (_label, first, last) => {
    for (const d of range(first, last)) {
      const info = cal.dayInfo(d);
      expect(info.workday, d).toBe(false);
      expect(info.kind, d).toBe('holiday');
      expect(info.provisional, d).toBe(false);
      expect(info.name, d).toBeTruthy();
    }
  });
});

describe('every 2024–2026 调休 make-up day is a working weekend day (domain.md §7)', () => {
  it.each(MAKE_UP_DAYS)('%s is a working day', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
    const info = cal.dayInfo(date);
    expect(info).toMatchObject({ date, workday: true, kind: 'adjusted_workday', provisional: false });
  });

  it('no other weekend day of 2024–2026 is a working day', () => {
    const makeUps = new Set(MAKE_UP_DAYS.map(([d]) => d));
    for (const d of range('2024-01-01', '2026-12-31')) {
      const wd = weekdayOf(d);
      if (wd !== 0 && wd !== 6) continue;
      expect(cal.dayInfo(d).workday, d).toBe(makeUps.has(d));
    }
  });

  it('no weekday of 2024–2026 outside the holiday blocks is a day off', () => {
    const off = new Set(HOLIDAY_BLOCKS.flatMap(([, a, b]) => range(a, b)));
    for (const d of range('2024-01-01', '2026-12-31')) {
      const wd = weekdayOf(d);
      if (wd === 0 || wd === 6) continue;
      expect(cal.dayInfo(d).workday, d).toBe(!off.has(d));
    }
  });
});

describe('dayInfo on ordinary days and missing years', () => {
  it('an ordinary weekday and weekend', () => {
    expect(cal.dayInfo('2026-03-04')).toEqual({ date: '2026-03-04', workday: true, kind: 'workday', name: null, provisional: false });
    expect(cal.dayInfo('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, kind: 'weekend', name: null, provisional: false });
  });

  it('a day in a year without data is provisional, weekend rule only', () => {
    const info = cal.dayInfo('2027-01-01'); // a Friday; surely a holiday, but no data yet
    expect(info).toMatchObject({ workday: true, kind: 'workday', provisional: true });
    expect(info.reason).toBe('2027年的节假日安排尚未录入，结果按周末规则推算，仅供参考');
  });

  it('rejects invalid dates', () => {
    expect(() => cal.dayInfo('2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays (《民法典》第201条: the start day is not counted)', () => {
  it.each([
    // [from, n, expected, why]
    ['2026-03-02', 0, '2026-03-02', 'n = 0 returns the start date'],
    ['2026-03-02', 1, '2026-03-03', 'next day'],
    ['2026-03-06', 1, '2026-03-09', 'Friday + 1 skips the weekend'],
    ['2026-03-07', 1, '2026-03-09', 'from a Saturday'],
    // 2026-02-10 (Tue): 11,12,13 (3), 14 Sat make-up (4), 15–23 off, 24,25,26,27 (8), 28 Sat make-up (9),
    // Mar 2–6 (14), Mar 9–13 (19), Mar 16 (20).
    ['2026-02-10', 20, '2026-03-16', 'across the 2026 Spring Festival with two make-up Saturdays'],
    ['2026-02-13', 1, '2026-02-14', 'the make-up Saturday counts'],
    ['2026-02-14', 1, '2026-02-24', 'the nine-day block is skipped'],
    ['2025-12-31', 1, '2026-01-04', '元旦 2026-01-01..03 off, then the Sunday make-up day 01-04'],
    // 2025-12-20 (Sat): Dec 22–26 (5), Dec 29,30,31 (8), Jan 1–3 off, Jan 4 Sun make-up (9), Jan 5 (10).
    ['2025-12-20', 10, '2026-01-05', 'across the year boundary'],
    ['2024-09-13', 1, '2024-09-14', '2024 中秋 make-up Saturday'],
    ['2024-09-27', 3, '2024-10-08', '2024-09-29 Sun make-up (1), 09-30 (2), then 国庆 off'],
    ['2025-09-26', 4, '2025-10-09', '2025-09-28 Sun make-up (1), 09-29, 09-30, then 国庆+中秋 8 days off'],
  ])('%s + %i → %s (%s)', (from, n, expected) => {
    const r = cal.addWorkingDays(from, n);
    expect(r.date).toBe(expected);
    expect(r.provisional).toBe(false);
    expect(r.missingYears).toEqual([]);
    expect(r.reason).toBeUndefined();
  });

  it('records the years it went through', () => {
    expect(cal.addWorkingDays('2025-12-20', 10).years).toEqual([2025, 2026]);
    expect(cal.addWorkingDays('2026-03-02', 0).years).toEqual([]);
  });

  it('into a missing year: provisional with a Chinese reason', () => {
    // 2026-12-20 (Sun): Dec 21–25 (5), 28–31 (9), then 2027 by weekend rule: Jan 1 (10), 4–8 (15), 11–15 (20).
    const r = cal.addWorkingDays('2026-12-20', 20);
    expect(r.date).toBe('2027-01-15');
    expect(r.provisional).toBe(true);
    expect(r.missingYears).toEqual([2027]);
    expect(r.years).toEqual([2026, 2027]);
    expect(r.reason).toBe('2027年的节假日安排尚未录入，结果按周末规则推算，仅供参考');
  });

  it('names every missing year', () => {
    expect(provisionalReason([2027, 2028])).toBe('2027年、2028年的节假日安排尚未录入，结果按周末规则推算，仅供参考');
    expect(cal.addWorkingDays('2026-12-30', 300).missingYears).toEqual([2027, 2028]);
  });

  it('rejects bad n and bad dates', () => {
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 3651)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(cal.addWorkingDays('2026-03-02', 3650).provisional).toBe(true);
  });

  it('an admin override changes the result (data drives the rules)', () => {
    const custom = new WorkCalendar({
      years: new Set([2030]),
      days: new Map([
        ['2030-03-05', { kind: 'holiday', name: '测试' }],
        ['2030-03-09', { kind: 'adjusted_workday', name: '测试' }],
      ]),
    });
    // 2030-03-04 is a Monday: 05 off, 06 (1), 07 (2), 08 (3), 09 Sat make-up (4).
    expect(custom.addWorkingDays('2030-03-04', 4).date).toBe('2030-03-09');
    expect(custom.dayInfo('2030-03-05')).toMatchObject({ kind: 'holiday', workday: false, name: '测试' });
  });
});

describe('workingDaysBetween (days after from, up to and including to)', () => {
  it.each([
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-02', '2026-03-01', 0],
    ['2026-03-02', '2026-03-03', 1],
    ['2026-03-06', '2026-03-09', 1],
    ['2026-02-10', '2026-03-16', 20],
    ['2026-02-14', '2026-02-23', 0],
    ['2025-12-20', '2026-01-05', 10],
    ['2024-01-01', '2024-12-31', 251],
  ])('%s → %s = %i', (from, to, expected) => {
    expect(cal.workingDaysBetween(from, to).workingDays).toBe(expected);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const [from, n] of [
      ['2024-02-01', 30],
      ['2025-09-20', 15],
      ['2026-04-30', 7],
      ['2026-12-25', 12],
    ] as const) {
      const r = cal.addWorkingDays(from, n);
      expect(cal.workingDaysBetween(from, r.date).workingDays).toBe(n);
    }
  });

  it('is provisional when the range reaches a missing year', () => {
    const r = cal.workingDaysBetween('2026-12-30', '2027-01-05');
    expect(r).toMatchObject({ workingDays: 4, provisional: true, missingYears: [2027] });
    expect(r.reason).toContain('2027年');
  });
});
