/**
 * Obligations over the real 2024–2026 working-day calendars seeded in the database (getCalendar),
 * one row per time pattern. Expected dates were worked out by hand from the State Council notices
 * (domain.md §7) and are commented where a holiday block or a make-up day decides them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { getCalendar, replaceYears, type WorkCalendar } from '../calendar/index.ts';
import { computeObligations, type CatalogVersionInForce, type ObligationEvent } from './obligations.ts';
import type { DisplayRule, TimeRule } from './time-rule.ts';

const monthly10: TimeRule = { kind: 'recurring', frequency: 'monthly', due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 }, shiftToWorkday: true };
const finance10: TimeRule = {
  kind: 'recurring',
  frequency: 'finance_adaptive',
  due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 },
  shiftToWorkday: true,
};
const quarterly20: TimeRule = { kind: 'recurring', frequency: 'quarterly', due: { type: 'day_in_period', monthOfPeriod: 1, day: 20 }, shiftToWorkday: true };
const quarterly10next: TimeRule = {
  kind: 'recurring',
  frequency: 'quarterly',
  due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 },
  shiftToWorkday: true,
};
const seven: DisplayRule = { kind: 'min_working_days', n: 7 };
const none: DisplayRule = { kind: 'none' };

function one(rule: TimeRule, display: DisplayRule = none, effectiveFrom = '2024-01-01'): CatalogVersionInForce[] {
  return [{ effectiveFrom, items: [{ id: 'i1', key: 'k', name: '事项', timeRule: rule, displayRule: display }] }];
}

interface Case {
  name: string;
  versions: CatalogVersionInForce[];
  busy?: boolean;
  events?: ObligationEvent[];
  from: string;
  to: string;
  expected: { period: string; dueDate: string; displayUntilAtLeast?: string | null; provisional?: boolean }[];
}

const ev = (id: string, occurredOn: string): ObligationEvent => ({ id, itemKey: 'k', occurredOn, title: `事项${id}` });

const CASES: Case[] = [
  {
    name: 'monthly finance 每月10日 (busy village): holidays and make-up days decide the shift',
    versions: one(finance10, seven),
    busy: true,
    from: '2024-02-01',
    to: '2026-12-31',
    expected: [
      // 2024-02-10 is 春节 (2/10–2/17); 2/18 is a Sunday make-up WORKDAY.
      { period: '2024-01', dueDate: '2024-02-18' },
      // 2024-10-10 is a Thursday after 国庆 (10/1–10/7): no shift.
      { period: '2024-09', dueDate: '2024-10-10' },
      // 2025-02-10 is a Monday workday.
      { period: '2025-01', dueDate: '2025-02-10' },
      // 2026-02-10 is a Tuesday workday (春节 2026 starts 2/15).
      { period: '2026-01', dueDate: '2026-02-10' },
      // 2026-05-10 is a Sunday (make-up day is 5/9): next workday Monday 5/11.
      { period: '2026-04', dueDate: '2026-05-11' },
      // 2026-10-10 is a Saturday make-up WORKDAY: no shift.
      { period: '2026-09', dueDate: '2026-10-10' },
    ],
  },
  {
    name: 'finance_adaptive without the busy flag is quarterly (村民委员会组织法第三十条)',
    versions: one(finance10, seven),
    busy: false,
    from: '2026-01-01',
    to: '2026-12-31',
    expected: [
      { period: '2025-Q4', dueDate: '2026-01-12' }, // 1/10 is a Saturday, 1/11 Sunday
      { period: '2026-Q1', dueDate: '2026-04-10' },
      { period: '2026-Q2', dueDate: '2026-07-10' },
      { period: '2026-Q3', dueDate: '2026-10-10' }, // Saturday make-up workday
    ],
  },
  {
    name: 'quarterly 每季度首月20日',
    versions: one(quarterly20),
    from: '2024-07-01',
    to: '2025-01-31',
    expected: [
      { period: '2024-Q3', dueDate: '2024-07-22' }, // 7/20 Saturday → Monday
      { period: '2024-Q4', dueDate: '2024-10-21' }, // 10/20 Sunday → Monday
      { period: '2025-Q1', dueDate: '2025-01-20' },
    ],
  },
  {
    name: 'yearly 每年初 within 20 working days: 元旦 2026 (1/1–1/3 off, 1/4 Sunday make-up)',
    versions: one({ kind: 'recurring', frequency: 'yearly', due: { type: 'working_days_after_start', n: 20 }, shiftToWorkday: true }),
    from: '2024-01-01',
    to: '2026-12-31',
    expected: [
      { period: '2024', dueDate: '2024-01-29' }, // 1/1 off; 1/2 is the first working day
      { period: '2025', dueDate: '2025-02-05' }, // 1/26 Sunday make-up is the 18th; 春节 1/28–2/4 off; 2/5 the 20th
      { period: '2026', dueDate: '2026-01-29' },
    ],
  },
  {
    name: 'quarterly, 10 working days after the period ends (国庆+中秋 2025, make-up 10/11)',
    versions: one({ kind: 'recurring', frequency: 'quarterly', due: { type: 'working_days_after_end', n: 10 }, shiftToWorkday: true }),
    from: '2025-10-01',
    to: '2025-10-31',
    expected: [{ period: '2025-Q3', dueDate: '2025-10-21' }],
  },
  {
    name: 'triggered 20 working days across 春节 2026 (2/15–2/23 off; 2/14 and 2/28 make-up)',
    versions: one({ kind: 'triggered', trigger: 'formed_or_changed', n: 20, unit: 'working_days' }),
    events: [ev('e1', '2026-02-10')],
    from: '2026-01-01',
    to: '2026-12-31',
    expected: [{ period: 'event:e1', dueDate: '2026-03-16' }],
  },
  {
    name: '批准后20日内 (calendar days) ending on a holiday moves to the next workday',
    versions: one({ kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' }),
    events: [ev('e1', '2025-09-11'), ev('e2', '2025-01-10')],
    from: '2025-01-01',
    to: '2025-12-31',
    expected: [
      { period: 'event:e2', dueDate: '2025-02-05' }, // 1/30 is 春节 → first workday 2/5
      { period: 'event:e1', dueDate: '2025-10-09' }, // 10/1 is 国庆 → 10/9
    ],
  },
  {
    name: '即时公开 3 working days + 公示不少于7个工作日 over 劳动节 2026 (5/1–5/5 off, 5/9 make-up)',
    versions: one({ kind: 'immediate', n: 3 }, seven),
    events: [ev('e1', '2026-04-30')],
    from: '2026-01-01',
    to: '2026-12-31',
    expected: [{ period: 'event:e1', dueDate: '2026-05-08', displayUntilAtLeast: '2026-05-18' }],
  },
  {
    name: '长期公开: standing from the version date, updates per recorded change',
    versions: one({ kind: 'long_term', updateWithinWorkingDays: 20 }),
    events: [ev('e1', '2026-09-30')],
    from: '2024-01-01',
    to: '2026-12-31',
    expected: [
      { period: 'standing', dueDate: '2024-01-29' },
      { period: 'event:e1', dueDate: '2026-11-03' }, // 国庆 10/1–10/7 off; 10/10 Saturday make-up counts
    ],
  },
  {
    name: 'version switch mid-year: quarterly until 2026-06-30, monthly from 2026-07-01',
    versions: [
      { effectiveFrom: '2024-01-01', items: [{ id: 'v1', key: 'k', name: '事项', timeRule: quarterly10next, displayRule: seven }] },
      { effectiveFrom: '2026-07-01', items: [{ id: 'v2', key: 'k', name: '事项', timeRule: monthly10, displayRule: seven }] },
    ],
    from: '2026-01-01',
    to: '2026-12-31',
    expected: [
      { period: '2025-Q4', dueDate: '2026-01-12' },
      { period: '2026-Q1', dueDate: '2026-04-10' },
      { period: '2026-Q2', dueDate: '2026-07-10' },
      { period: '2026-07', dueDate: '2026-08-10' },
      { period: '2026-08', dueDate: '2026-09-10' },
      { period: '2026-09', dueDate: '2026-10-10' },
      { period: '2026-10', dueDate: '2026-11-10' },
      { period: '2026-11', dueDate: '2026-12-10' },
    ],
  },
  {
    name: 'dates in 2027 (no official calendar yet) are provisional',
    versions: one(monthly10, seven),
    from: '2026-12-01',
    to: '2027-02-28',
    expected: [
      { period: '2026-11', dueDate: '2026-12-10', provisional: false },
      { period: '2026-12', dueDate: '2027-01-11', provisional: true }, // 1/10/2027 is a Sunday
      { period: '2027-01', dueDate: '2027-02-10', provisional: true },
    ],
  },
];

describe('computeObligations over the seeded calendar', () => {
  let rt: Runtime;
  let calendar: WorkCalendar;
  beforeAll(async () => {
    rt = await openTestRuntime();
    calendar = await getCalendar(rt.ctx);
  });
  afterAll(() => rt?.close());

  it.each(CASES)('$name', (c) => {
    const out = computeObligations({
      versions: c.versions,
      applicableKeys: new Set(['k']),
      events: c.events ?? [],
      busyFinance: c.busy ?? false,
      from: c.from,
      to: c.to,
      calendar,
    });
    for (const e of c.expected) {
      const o = out.find((x) => x.period === e.period);
      expect(o, `${e.period} missing; got ${out.map((x) => `${x.period}:${x.dueDate}`).join(', ')}`).toBeDefined();
      expect(o!.dueDate, e.period).toBe(e.dueDate);
      if (e.displayUntilAtLeast !== undefined) expect(o!.displayUntilAtLeast).toBe(e.displayUntilAtLeast);
      if (e.provisional !== undefined) expect(o!.provisional, e.period).toBe(e.provisional);
    }
    if (c.name.startsWith('monthly finance')) return; // sampled, not exhaustive
    expect(out.map((o) => o.period).sort()).toEqual(c.expected.map((e) => e.period).sort());
  });

  it('the version switch uses the item id of the governing version', () => {
    const out = computeObligations({
      versions: CASES[9].versions,
      applicableKeys: new Set(['k']),
      events: [],
      busyFinance: false,
      from: '2026-01-01',
      to: '2026-12-31',
      calendar,
    });
    expect(out.find((o) => o.period === '2026-Q2')!.itemId).toBe('v1');
    expect(out.find((o) => o.period === '2026-07')!.itemId).toBe('v2');
  });

  it('provisional obligations carry the reason, and entering the 2027 calendar recomputes them', async () => {
    const before = computeObligations({
      versions: one(monthly10, seven),
      applicableKeys: new Set(['k']),
      events: [],
      busyFinance: false,
      from: '2027-01-01',
      to: '2027-01-31',
      calendar: await getCalendar(rt.ctx),
    });
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ dueDate: '2027-01-11', provisional: true });
    expect(before[0].reasons.join('')).toContain('2027');
    const r = await replaceYears(rt.ctx, { actor: null }, [
      { year: 2027, sourceNotice: '测试用：假定的2027年节假日安排', days: [{ date: '2027-01-11', kind: 'holiday', name: '测试假日' }] },
    ]);
    expect(r.ok).toBe(true);
    const after = computeObligations({
      versions: one(monthly10, seven),
      applicableKeys: new Set(['k']),
      events: [],
      busyFinance: false,
      from: '2027-01-01',
      to: '2027-01-31',
      calendar: await getCalendar(rt.ctx),
    });
    expect(after[0]).toMatchObject({ dueDate: '2027-01-12', provisional: false });
    expect(after[0].reasons).toEqual([]);
  });

  it('excluded (non-applicable) keys produce nothing', () => {
    const out = computeObligations({
      versions: one(monthly10),
      applicableKeys: new Set(),
      events: [ev('e', '2026-01-05')],
      busyFinance: false,
      from: '2024-01-01',
      to: '2026-12-31',
      calendar,
    });
    expect(out).toEqual([]);
  });
});
