import { describe, expect, it } from 'vitest';
import { WorkCalendar, addCalendarDays, type CalendarData } from '../calendar/working-days.ts';
import { loadChineseDaysBaseline } from '../calendar/calendar.source.ts';
import {
  DEFAULT_CLOCK_SETTINGS,
  computeStatutoryClock,
  computeStatutoryClockDetails,
  countWorkingDays,
  listStatutoryKeyDates,
  nthWorkingDayAfter,
  resolveClockSettings,
} from './statutory-clock.ts';
import type { ClockEvent, ClockResult, ClockSettings } from './statutory-clock.types.ts';

// The calendar is built from the shipped baseline (chinese-days 2004–2026), as in
// calendar/working-days.test.ts. Every expected date below was counted by hand from the official
// arrangements in /work/shared/docs/domain.md §7 (the reasoning is in each row's comment); none was
// produced by the function under test. Notation: "3/3(1)" = 3 March is the 1st counted working day;
// "off" = holiday or ordinary weekend; "补" = 调休 make-up working day (counts).
function baselineCalendar(): WorkCalendar {
  const data: CalendarData = { years: new Set(), days: new Map() };
  for (const y of loadChineseDaysBaseline()) {
    data.years.add(y.year);
    for (const d of y.days) data.days.set(d.date, { kind: d.kind, name: d.name });
  }
  return new WorkCalendar(data);
}
const cal = baselineCalendar();
const S = DEFAULT_CLOCK_SETTINGS;

const received = (on: string): ClockEvent => ({ type: 'received', on });

interface Row {
  name: string;
  events: ClockEvent[];
  asOf: string;
  settings?: Partial<ClockSettings>;
  dueDate: string | null;
  state: ClockResult['state'];
  pausedWorkingDays?: number;
  provisional?: boolean;
  clarificationDueBy?: string | null;
  /** Warning codes, sorted; checked exactly. */
  warnings?: string[];
  /** Lines the explanation must contain verbatim. */
  lines?: string[];
}

function check(row: Row) {
  const r = computeStatutoryClock(row.events, cal, { ...S, ...row.settings }, row.asOf);
  expect(r.dueDate).toBe(row.dueDate);
  expect(r.state).toBe(row.state);
  expect(r.provisional).toBe(row.provisional ?? false);
  if (row.pausedWorkingDays !== undefined) expect(r.pausedWorkingDays).toBe(row.pausedWorkingDays);
  if (row.clarificationDueBy !== undefined) expect(r.clarificationDueBy).toBe(row.clarificationDueBy);
  if (row.warnings) expect(r.warnings.map((w) => w.code).sort()).toEqual(row.warnings);
  for (const line of row.lines ?? []) expect(r.explanation).toContain(line);
  for (const w of r.warnings) expect(w.message).toMatch(/[\u4e00-\u9fff]/);
  return r;
}

// ---------------------------------------------------------------------------------------------
// 1. The plain 20-working-day period (条例第33条) across every holiday block of 2024–2026.
//    asOf = the day after receipt, so no warning is due yet.
// ---------------------------------------------------------------------------------------------
const PERIODS: Row[] = [
  {
    // 2024 元旦: received ON the holiday 2024-01-01 (Mon). 1/2(1) 3 4 5 | 8–12(5–9) | 15–19(10–14) | 22–26(15–19) | 1/29(20).
    // 补正 limit: 1/2(1) 3 4 5 8 9 1/10(7).
    name: '2024 元旦: received on the holiday itself',
    events: [received('2024-01-01')],
    asOf: '2024-01-02',
    dueDate: '2024-01-29',
    state: 'running',
    pausedWorkingDays: 0,
    clarificationDueBy: '2024-01-10',
    warnings: [],
  },
  {
    // 2024 春节 2/10–2/17 off, 补 2/4 (Sun) and 2/18 (Sun); 2/9 除夕 is a working day (not official).
    // Received 1/31 (Wed): 2/1(1) 2/2(2) 2/4补(3) 2/5–2/9(4–8) | off | 2/18补(9) 2/19–23(10–14) | 2/26–3/1(15–19) | 3/4 Mon(20).
    name: '2024 春节 with both make-up Sundays',
    events: [received('2024-01-31')],
    asOf: '2024-02-01',
    dueDate: '2024-03-04',
    state: 'running',
    warnings: [],
    lines: [
      '春节假期（2024-02-10至2024-02-17）不计',
      '2024-02-04（星期日）为春节调休上班日，计入',
      '2024-02-18（星期日）为春节调休上班日，计入',
      '答复期限：2024-03-04',
    ],
  },
  {
    // 2024 清明 4/4–4/6 off, 补 4/7 (Sun). Received 3/25 (Mon): 3/26–3/29(1–4) 4/1–4/3(5–7) | off | 4/7补(8)
    // 4/8–12(9–13) 4/15–19(14–18) 4/22(19) 4/23(20).
    name: '2024 清明 with the make-up Sunday',
    events: [received('2024-03-25')],
    asOf: '2024-03-26',
    dueDate: '2024-04-23',
    state: 'running',
    warnings: [],
    lines: ['清明假期（2024-04-04至2024-04-06）不计', '2024-04-07（星期日）为清明调休上班日，计入'],
  },
  {
    // 2024 劳动节 5/1–5/5 off, 补 4/28 (Sun) and 5/11 (Sat). Received 4/22 (Mon): 4/23–26(1–4) 4/28补(5) 4/29(6) 4/30(7) | off |
    // 5/6–10(8–12) 5/11补(13) 5/13–17(14–18) 5/20(19) 5/21(20). 补正 limit: 4/23 24 25 26 4/28补 29 4/30(7).
    name: '2024 劳动节 with a make-up Sunday before and a Saturday after',
    events: [received('2024-04-22')],
    asOf: '2024-04-23',
    dueDate: '2024-05-21',
    state: 'running',
    clarificationDueBy: '2024-04-30',
    warnings: [],
  },
  {
    // 2024 端午 6/10 (Mon) off. Received 6/3 (Mon): 6/4–7(1–4) | 6/10 off | 6/11–14(5–8) 6/17–21(9–13) 6/24–28(14–18) 7/1(19) 7/2(20).
    name: '2024 端午 (one weekday off)',
    events: [received('2024-06-03')],
    asOf: '2024-06-04',
    dueDate: '2024-07-02',
    state: 'running',
    warnings: [],
    lines: ['端午假期（2024-06-10）不计'],
  },
  {
    // 2024 中秋 9/15–17 off, 补 9/14 (Sat); 国庆 10/1–7 off, 补 9/29 (Sun), 10/12 (Sat). Received 9/12 (Thu):
    // 9/13(1) 9/14补(2) | off | 9/18–20(3–5) 9/23–27(6–10) 9/29补(11) 9/30(12) | off | 10/8–11(13–16) 10/12补(17) 10/14–16(18–20).
    name: '2024 中秋 then 国庆, three make-up days',
    events: [received('2024-09-12')],
    asOf: '2024-09-13',
    dueDate: '2024-10-16',
    state: 'running',
    warnings: [],
    lines: ['中秋假期（2024-09-15至2024-09-17）不计', '国庆节假期（2024-10-01至2024-10-07）不计', '2024-10-12（星期六）为国庆节调休上班日，计入'],
  },
  {
    // 2025 元旦 1/1 (Wed) only, no swap. Received 2024-12-25 (Wed): 12/26(1) 12/27(2) 12/30(3) 12/31(4) | 1/1 off |
    // 1/2(5) 1/3(6) 1/6–10(7–11) 1/13–17(12–16) 1/20–23(17–20). Crosses a year boundary with both years known.
    name: '2025 元旦 across the year boundary',
    events: [received('2024-12-25')],
    asOf: '2024-12-26',
    dueDate: '2025-01-23',
    state: 'running',
    warnings: [],
    lines: ['元旦假期（2025-01-01）不计'],
  },
  {
    // 2025 春节 1/28–2/4 off, 补 1/26 (Sun), 2/8 (Sat). Received 1/20 (Mon): 1/21–24(1–4) 1/26补(5) 1/27(6) | off |
    // 2/5–7(7–9) 2/8补(10) 2/10–14(11–15) 2/17–21(16–20).
    name: '2025 春节 (first year with 除夕 as a holiday)',
    events: [received('2025-01-20')],
    asOf: '2025-01-21',
    dueDate: '2025-02-21',
    state: 'running',
    warnings: [],
    lines: ['春节假期（2025-01-28至2025-02-04）不计', '2025-01-26（星期日）为春节调休上班日，计入', '2025-02-08（星期六）为春节调休上班日，计入'],
  },
  {
    // 2025 清明 4/4 (Fri)–4/6 off, no swap; 劳动节's 补 4/27 (Sun) falls inside. Received 4/1 (Tue): 4/2(1) 4/3(2) | off |
    // 4/7–11(3–7) 4/14–18(8–12) 4/21–25(13–17) 4/27补(18) 4/28(19) 4/29(20).
    name: '2025 清明, ending on the eve of 劳动节 thanks to its make-up Sunday',
    events: [received('2025-04-01')],
    asOf: '2025-04-02',
    dueDate: '2025-04-29',
    state: 'running',
    warnings: [],
    lines: ['清明假期（2025-04-04至2025-04-06）不计', '2025-04-27（星期日）为劳动节调休上班日，计入'],
  },
  {
    // 2025 劳动节 5/1–5/5 off and 端午 5/31 (Sat)–6/2 (Mon) off. Received 4/30 (Wed), the eve of the holiday:
    // off | 5/6–9(1–4) 5/12–16(5–9) 5/19–23(10–14) 5/26–30(15–19) | off | 6/3 (Tue)(20).
    name: '2025 劳动节 and 端午, received on the eve of a holiday',
    events: [received('2025-04-30')],
    asOf: '2025-05-06',
    dueDate: '2025-06-03',
    state: 'running',
    warnings: [],
    lines: ['劳动节假期（2025-05-01至2025-05-05）不计', '端午假期（2025-05-31至2025-06-02）不计'],
  },
  {
    // 2025 国庆+中秋 10/1–10/8 off (8 days), 补 9/28 (Sun), 10/11 (Sat). Received 9/26 (Fri): 9/28补(1) 9/29(2) 9/30(3) | off |
    // 10/9(4) 10/10(5) 10/11补(6) 10/13–17(7–11) 10/20–24(12–16) 10/27–30(17–20). 补正: 9/28 29 30 10/9 10 10/11 10/13(7).
    name: '2025 国庆 merged with 中秋 (8 days)',
    events: [received('2025-09-26')],
    asOf: '2025-09-28',
    dueDate: '2025-10-30',
    state: 'running',
    clarificationDueBy: '2025-10-13',
    warnings: [],
    lines: ['国庆节、中秋假期（2025-10-01至2025-10-08）不计', '2025-09-28（星期日）为国庆节调休上班日，计入'],
  },
  {
    // 2026 元旦 1/1 (Thu)–1/3 off, 补 1/4 (Sun). Received 2025-12-31 (Wed): off | 1/4补(1) 1/5–9(2–6) 1/12–16(7–11)
    // 1/19–23(12–16) 1/26–29(17–20). 补正: 1/4 5 6 7 8 9 1/12(7).
    name: '2026 元旦, the first counted day is a make-up Sunday',
    events: [received('2025-12-31')],
    asOf: '2026-01-04',
    dueDate: '2026-01-29',
    state: 'running',
    clarificationDueBy: '2026-01-12',
    warnings: [],
    lines: ['元旦假期（2026-01-01至2026-01-03）不计', '2026-01-04（星期日）为元旦调休上班日，计入'],
  },
  {
    // 2026 春节 2/15–2/23 off (9 days), 补 2/14 (Sat), 2/28 (Sat). Received 2/10 (Tue): 2/11–13(1–3) 2/14补(4) | off |
    // 2/24–27(5–8) 2/28补(9) 3/2–6(10–14) 3/9–13(15–19) 3/16(20). 补正: 2/11 12 13 2/14补 2/24 25 2/26(7).
    name: "2026 春节 (9 days) — the issue's own example",
    events: [received('2026-02-10')],
    asOf: '2026-02-11',
    dueDate: '2026-03-16',
    state: 'running',
    clarificationDueBy: '2026-02-26',
    warnings: [],
    lines: [
      '2026-02-10 收到申请；自次日起计20个工作日（第三十三条）',
      '补正告知最迟应于2026-02-26发出（收到申请后7个工作日内，第三十条）',
      '2026-02-14（星期六）为春节调休上班日，计入',
      '春节假期（2026-02-15至2026-02-23）不计',
      '2026-02-28（星期六）为春节调休上班日，计入',
      '答复期限：2026-03-16',
    ],
  },
  {
    // Received ON a make-up day, 2026-02-14 (Sat): the day of receipt is never counted, even when it is a working day.
    // off 2/15–23 | 2/24–27(1–4) 2/28补(5) 3/2–6(6–10) 3/9–13(11–15) 3/16–20(16–20).
    name: '2026: received on a make-up Saturday',
    events: [received('2026-02-14')],
    asOf: '2026-02-24',
    dueDate: '2026-03-20',
    state: 'running',
    warnings: [],
  },
  {
    // 2026 清明 4/4 (Sat)–4/6 (Mon) off; then 劳动节 5/1–5/5 off. Received 4/3 (Fri): off | 4/7–10(1–4) 4/13–17(5–9)
    // 4/20–24(10–14) 4/27–30(15–18) | off | 5/6(19) 5/7(20).
    name: '2026 清明 and 劳动节 in one period',
    events: [received('2026-04-03')],
    asOf: '2026-04-07',
    dueDate: '2026-05-07',
    state: 'running',
    warnings: [],
    lines: ['清明假期（2026-04-04至2026-04-06）不计', '劳动节假期（2026-05-01至2026-05-05）不计'],
  },
  {
    // 2026 劳动节 5/1–5/5 off, 补 5/9 (Sat). Received 4/30 (Thu): off | 5/6–8(1–3) 5/9补(4) 5/11–15(5–9) 5/18–22(10–14)
    // 5/25–29(15–19) 6/1(20).
    name: '2026 劳动节 with the make-up Saturday after',
    events: [received('2026-04-30')],
    asOf: '2026-05-06',
    dueDate: '2026-06-01',
    state: 'running',
    warnings: [],
    lines: ['2026-05-09（星期六）为劳动节调休上班日，计入'],
  },
  {
    // 2026 端午 6/19 (Fri)–6/21 off. Received 5/21 (Thu): 5/22(1) 5/25–29(2–6) 6/1–5(7–11) 6/8–12(12–16) 6/15–18(17–20):
    // the period ends the day before the holiday, which therefore is not named.
    name: '2026 端午: period ends just before the holiday',
    events: [received('2026-05-21')],
    asOf: '2026-05-22',
    dueDate: '2026-06-18',
    state: 'running',
    warnings: [],
  },
  {
    // One day later: received 5/22 (Fri): 5/25–29(1–5) 6/1–5(6–10) 6/8–12(11–15) 6/15–18(16–19) | 6/19–21 off | 6/22 (Mon)(20).
    name: '2026 端午: period ends just after the holiday',
    events: [received('2026-05-22')],
    asOf: '2026-05-25',
    dueDate: '2026-06-22',
    state: 'running',
    warnings: [],
    lines: ['端午假期（2026-06-19至2026-06-21）不计'],
  },
  {
    // 2026 中秋 9/25 (Fri)–9/27 off; 国庆 10/1–10/7 off, 补 9/20 (Sun), 10/10 (Sat). Received 9/18 (Fri): 9/20补(1) 9/21–24(2–5) |
    // off | 9/28–30(6–8) | off | 10/8(9) 10/9(10) 10/10补(11) 10/12–16(12–16) 10/19–22(17–20). 补正: 9/20 21 22 23 24 28 9/29(7).
    name: '2026 中秋 and 国庆 (separate blocks)',
    events: [received('2026-09-18')],
    asOf: '2026-09-21',
    dueDate: '2026-10-22',
    state: 'running',
    clarificationDueBy: '2026-09-29',
    warnings: [],
    lines: ['中秋假期（2026-09-25至2026-09-27）不计', '国庆节假期（2026-10-01至2026-10-07）不计', '2026-09-20（星期日）为国庆节调休上班日，计入'],
  },
  {
    // Received during 国庆, 2026-10-03 (Sat, a holiday): off to 10/7 | 10/8(1) 10/9(2) 10/10补(3) 10/12–16(4–8) 10/19–23(9–13)
    // 10/26–30(14–18) 11/2(19) 11/3(20).
    name: '2026: received during the 国庆 holiday',
    events: [received('2026-10-03')],
    asOf: '2026-10-08',
    dueDate: '2026-11-03',
    state: 'running',
    warnings: [],
  },
  {
    // 2027 has no official data (baseline ends 2026): weekend rule only, so 2027-01-01 (Fri) counts. Received 2026-12-20 (Sun):
    // 12/21–25(1–5) 12/28–31(6–9) 1/1(10) 1/4–8(11–15) 1/11–14(16–19) 1/15(20).
    name: 'into 2027 (no official data): provisional',
    events: [received('2026-12-20')],
    asOf: '2026-12-21',
    dueDate: '2027-01-15',
    state: 'running',
    provisional: true,
    warnings: [],
    lines: ['2027年的节假日安排尚未录入，结果按周末规则推算，仅供参考'],
  },
  {
    // Wholly in 2027: received 2027-03-01 (Mon): 3/2–5(1–4) 3/8–12(5–9) 3/15–19(10–14) 3/22–26(15–19) 3/29(20).
    name: 'wholly in 2027: provisional',
    events: [received('2027-03-01')],
    asOf: '2027-03-02',
    dueDate: '2027-03-29',
    state: 'running',
    provisional: true,
  },
  {
    name: 'nothing received yet',
    events: [],
    asOf: '2026-03-02',
    dueDate: null,
    state: 'awaiting-receipt',
    clarificationDueBy: null,
    warnings: [],
    lines: ['尚未确认收到申请，答复期限尚未起算（第三十一条）'],
  },
];

describe('the 20-working-day answer period (第33条) across the 2024–2026 holiday blocks', () => {
  it.each(PERIODS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    check(row);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. 补正 (第30条): the 7-working-day notice limit, warnings, restart in full, correction overdue.
// ---------------------------------------------------------------------------------------------
const CLARIFICATION: Row[] = [
  {
    // Received 2026-02-10; 补正 limit 2/26 (see the 春节 row). As of 2/13: working days after 2/13 through 2/26 are
    // 2/14补 2/24 2/25 2/26 = 4 > 3 → no warning yet.
    name: '补正 limit across 春节: 4 working days left, no warning',
    events: [received('2026-02-10')],
    asOf: '2026-02-13',
    dueDate: '2026-03-16',
    state: 'running',
    clarificationDueBy: '2026-02-26',
    warnings: [],
  },
  {
    // As of 2/20 (a holiday): 2/24 2/25 2/26 = 3 left ≤ warnWorkingDays 3 → warn, although it is 6 calendar days away.
    name: '补正 limit across 春节: warned during the holiday (3 working days left)',
    events: [received('2026-02-10')],
    asOf: '2026-02-20',
    dueDate: '2026-03-16',
    state: 'running',
    clarificationDueBy: '2026-02-26',
    warnings: ['clarification-due-soon'],
  },
  {
    // On the last day itself: 0 working days left, still a warning (today is the last day).
    name: '补正 limit: last day',
    events: [received('2026-02-10')],
    asOf: '2026-02-26',
    dueDate: '2026-03-16',
    state: 'running',
    warnings: ['clarification-due-soon'],
  },
  {
    // The day after, with no notice sent: flagged.
    name: '补正 limit passed without a notice',
    events: [received('2026-02-10')],
    asOf: '2026-02-27',
    dueDate: '2026-03-16',
    state: 'running',
    clarificationDueBy: '2026-02-26',
    warnings: ['clarification-overdue'],
  },
  {
    // 2024 春节: received 2/6 (Tue). 补正 limit: 2/7(1) 2/8(2) 2/9(3) | off 2/10–17 | 2/18补(4) 2/19(5) 2/20(6) 2/21(7).
    // As of 2/8: working days after 2/8 through 2/21 = 2/9 2/18 2/19 2/20 2/21 = 5 > 3 → no warning.
    // Answer period: 2/7–9(1–3) 2/18补(4) 2/19–23(5–9) 2/26–3/1(10–14) 3/4–8(15–19) 3/11 (Mon)(20).
    name: '2024 春节: 补正 limit lands after the holiday',
    events: [received('2024-02-06')],
    asOf: '2024-02-08',
    dueDate: '2024-03-11',
    state: 'running',
    clarificationDueBy: '2024-02-21',
    warnings: [],
  },
  {
    // Notice sent 2/12 with correction deadline 3/2; no correction yet as of 2/20: no answer period runs (第30条).
    name: 'awaiting the correction',
    events: [received('2026-02-10'), { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' }],
    asOf: '2026-02-20',
    dueDate: null,
    state: 'awaiting-correction',
    clarificationDueBy: null,
    warnings: [],
    lines: ['2026-02-12 发出补正告知，补正期限至2026-03-02；等待补正期间不计算答复期限，自收到补正后的申请之日起重新计算（第三十条）'],
  },
  {
    // Correction deadline 3/2 passed with no correction as of 3/3 → correction-overdue (the case may end as 逾期不补正).
    name: 'correction not received by the deadline',
    events: [received('2026-02-10'), { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' }],
    asOf: '2026-03-03',
    dueDate: null,
    state: 'correction-overdue',
    warnings: ['correction-overdue'],
  },
  {
    // Corrected application received 2/27 (Fri): the 20 days run again in full from it: 2/28补(1) 3/2–6(2–6) 3/9–13(7–11)
    // 3/16–20(12–16) 3/23–26(17–20).
    name: 'corrected application restarts the period in full',
    events: [
      received('2026-02-10'),
      { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' },
      { type: 'clarification-received', on: '2026-02-27' },
    ],
    asOf: '2026-03-02',
    dueDate: '2026-03-26',
    state: 'running',
    clarificationDueBy: null,
    warnings: [],
    lines: [
      '2026-02-27 收到补正后的申请；答复期限自次日起重新计算20个工作日（第三十条）',
      '2026-02-28（星期六）为春节调休上班日，计入',
      '答复期限：2026-03-26',
    ],
  },
  {
    // Corrected application received during the 2026 春节 holiday (2/20): off to 2/23 | 2/24–27(1–4) 2/28补(5) 3/2–6(6–10)
    // 3/9–13(11–15) 3/16–20(16–20). The notice itself went out 2/11, within the limit.
    name: 'correction received during 春节',
    events: [
      received('2026-02-09'),
      { type: 'clarification-requested', on: '2026-02-11', correctionDueOn: '2026-02-25' },
      { type: 'clarification-received', on: '2026-02-20' },
    ],
    asOf: '2026-02-24',
    dueDate: '2026-03-20',
    state: 'running',
    warnings: [],
  },
  {
    // The case was closed (e.g. as 逾期不补正) while the correction was awaited: the clock stops, no answer date.
    name: 'answered while a correction was awaited',
    events: [
      received('2026-02-10'),
      { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' },
      { type: 'answered', on: '2026-03-04' },
    ],
    asOf: '2026-03-10',
    dueDate: null,
    state: 'answered',
    clarificationDueBy: null,
    warnings: [],
    lines: ['2026-03-04 在等待补正期间作出处理，期限停止计算'],
  },
  {
    // A corrected application recorded without a notice still restarts the period (3/4 → 3/5–6(1–2) 3/9–13(3–7)
    // 3/16–20(8–12) 3/23–27(13–17) 3/30 3/31 4/1 (18–20)); no further 补正 may be asked for, so no 补正 limit is shown.
    name: 'corrected application without a recorded notice',
    events: [received('2026-03-02'), { type: 'clarification-received', on: '2026-03-04' }],
    asOf: '2026-03-20',
    dueDate: '2026-04-01',
    state: 'running',
    clarificationDueBy: null,
    warnings: [],
  },
  {
    // Notice sent 2/27, after the 2/26 limit: computed as entered (the restart still applies once corrected), but flagged.
    name: '补正 notice sent too late',
    events: [received('2026-02-10'), { type: 'clarification-requested', on: '2026-02-27', correctionDueOn: '2026-03-10' }],
    asOf: '2026-03-02',
    dueDate: null,
    state: 'awaiting-correction',
    warnings: ['clarification-overdue'],
  },
];

describe('补正 (第30条)', () => {
  it.each(CLARIFICATION.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    check(row);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Consultations (第32条 third party, 第34条 co-producer, 协办) are not counted (第33条第三款).
//    A pause sent on S and closed on E removes the working days after S up to and including E.
//    Reference case (2026): received 3/2 (Mon) → plain due 3/3–6(1–4) 3/9–13(5–9) 3/16–20(10–14) 3/23–27(15–19) 3/30(20).
//    Its 补正 limit is 3/11, so every row below dated after 3/11 also carries `clarification-overdue`.
// ---------------------------------------------------------------------------------------------
const sent = (id: string, kind: 'third-party' | 'co-producer' | 'assisting', on: string): ClockEvent => ({ type: 'consultation-sent', id, kind, on });
const closed = (id: string, on: string): ClockEvent => ({ type: 'consultation-closed', id, on });
const NESTED: ClockEvent[] = [
  received('2026-03-02'),
  sent('a', 'third-party', '2026-03-04'),
  sent('b', 'assisting', '2026-03-09'),
  closed('b', '2026-03-11'),
  sent('c', 'co-producer', '2026-03-19'),
  closed('a', '2026-03-20'),
  closed('c', '2026-03-25'),
];

const CONSULTATIONS: Row[] = [
  {
    // Sent 3/9, reply 3/13: paused 3/10–3/13 = 4 working days. Counted 3/3–6(1–4) 3/9(5) | paused | 3/16–20(6–10)
    // 3/23–27(11–15) 3/30 3/31 4/1 4/2 4/3 (16–20); 4/4–6 is 清明.
    name: 'one third-party consultation, closed',
    events: [received('2026-03-02'), sent('a', 'third-party', '2026-03-09'), closed('a', '2026-03-13')],
    asOf: '2026-03-16',
    dueDate: '2026-04-03',
    state: 'running',
    pausedWorkingDays: 4,
    warnings: ['clarification-overdue'],
    lines: [
      '2026-03-09 征求第三方意见（第三十二条），自次日起至收到答复之日不计入答复期限（第三十三条第三款）',
      '征求第三方意见（2026-03-10至2026-03-13）共4个工作日不计入',
      '答复期限：2026-04-03',
    ],
  },
  {
    // Same, still open as of 3/13: the clock is paused; 5 days counted (3/3–3/9), 15 left; if the reply came today the due
    // date would be the same 4/3.
    name: 'open consultation: paused, due date as if the reply came today',
    events: [received('2026-03-02'), sent('a', 'third-party', '2026-03-09')],
    asOf: '2026-03-13',
    dueDate: '2026-04-03',
    state: 'paused',
    pausedWorkingDays: 4,
    warnings: ['clarification-overdue'],
    lines: [
      '期限暂停计算中：已计5个工作日，尚余15个工作日；如今日恢复计算，答复期限为2026-04-03',
      '征求第三方意见尚未结束（2026-03-10至2026-03-13已4个工作日），期间不计入答复期限',
    ],
  },
  {
    // Sent today (3/9): the sending day itself still counts, nothing is paused yet, but the case is on hold.
    name: 'consultation sent today: on hold, no day paused yet',
    events: [received('2026-03-02'), sent('a', 'co-producer', '2026-03-09')],
    asOf: '2026-03-09',
    dueDate: '2026-03-30',
    state: 'paused',
    pausedWorkingDays: 0,
    warnings: ['clarification-due-soon'],
    lines: ['期限暂停计算中：已计5个工作日，尚余15个工作日；如今日恢复计算，答复期限为2026-03-30'],
  },
  {
    // 2025, two overlapping consultations. Received 3/3 (Mon). A: sent 3/10, reply 3/21 → 3/11–14, 3/17–21 = 9.
    // B: sent 3/17, reply 3/28 → 3/18–21, 3/24–28 = 9. Union 3/11–3/28 = 4 + 5 + 5 = 14 (3/18–21 counted once).
    // Counted 3/4–7(1–4) 3/10(5) | paused | 3/31(6) 4/1–3(7–9) | 4/4 清明 | 4/7–11(10–14) 4/14–18(15–19) 4/21(20).
    name: '2025: overlapping consultations count once, across 清明',
    events: [
      received('2025-03-03'),
      sent('a', 'third-party', '2025-03-10'),
      sent('b', 'co-producer', '2025-03-17'),
      closed('a', '2025-03-21'),
      closed('b', '2025-03-28'),
    ],
    asOf: '2025-04-01',
    dueDate: '2025-04-21',
    state: 'running',
    pausedWorkingDays: 14,
    warnings: ['clarification-overdue'],
    lines: [
      '征求第三方意见（2025-03-11至2025-03-21）共9个工作日不计入',
      '征求共同制作机关意见（2025-03-18至2025-03-28）共9个工作日不计入',
      '以上不计入的期间有重叠，重叠的4个工作日只扣除一次，合计14个工作日不计入',
      '清明假期（2025-04-04至2025-04-06）不计',
    ],
  },
  {
    // 2026, three consultations: A third party 3/4→3/20 (3/5 3/6 3/9–13 3/16–20 = 12), B 协办 3/9→3/11 inside A (3/10 3/11 = 2),
    // C co-producer 3/19→3/25 overlapping A's end (3/20 3/23 3/24 3/25 = 4). Union (3/4, 3/25] = 2 + 5 + 5 + 3 = 15; overlap 18 − 15 = 3.
    // Counted 3/3(1) 3/4(2) | paused | 3/26(3) 3/27(4) 3/30–4/3(5–9) | 清明 | 4/7–10(10–13) 4/13–17(14–18) 4/20(19) 4/21(20).
    name: 'three consultations, nested and overlapping',
    events: NESTED,
    asOf: '2026-03-26',
    dueDate: '2026-04-21',
    state: 'running',
    pausedWorkingDays: 15,
    warnings: ['clarification-overdue'],
    lines: ['协办（2026-03-10至2026-03-11）共2个工作日不计入', '以上不计入的期间有重叠，重叠的3个工作日只扣除一次，合计15个工作日不计入'],
  },
  {
    // 2025 春节 inside a consultation. Received 1/20 (Mon); sent 1/24 (Fri), reply 2/10 (Mon): paused working days are
    // 1/26补 1/27 | 1/28–2/4 off | 2/5 2/6 2/7 2/8补 2/10 = 7. Counted 1/21–24(1–4) | paused | 2/11–14(5–8) 2/17–21(9–13)
    // 2/24–28(14–18) 3/3(19) 3/4(20).
    name: '2025 春节 inside a consultation: make-up days are paused, holidays are not double-counted',
    events: [received('2025-01-20'), sent('a', 'third-party', '2025-01-24'), closed('a', '2025-02-10')],
    asOf: '2025-02-11',
    dueDate: '2025-03-04',
    state: 'running',
    pausedWorkingDays: 7,
    warnings: ['clarification-overdue'],
  },
  {
    // Sent 3/31, after the plain deadline 3/30 had passed: it cannot extend the deadline; as of 4/2 the case is
    // 3/31 4/1 4/2 = 3 working days overdue, and not "paused".
    name: 'consultation sent after the deadline does not revive it',
    events: [received('2026-03-02'), sent('a', 'third-party', '2026-03-31')],
    asOf: '2026-04-02',
    dueDate: '2026-03-30',
    state: 'running',
    pausedWorkingDays: 0,
    warnings: ['answer-overdue', 'clarification-overdue'],
    lines: ['2026-03-31开始征求第三方意见，此时答复期限（2026-03-30）已经届满或当日届满，不影响答复期限'],
  },
  {
    // 补正 with a consultation running across the restart. Received 2/10, 补正 notice 2/12, consultation sent 2/13, corrected
    // application 2/27 (new start), reply 3/4. Only days after the new start are paused: 2/28补 3/2 3/3 3/4 = 4.
    // Counted 3/5(1) 3/6(2) 3/9–13(3–7) 3/16–20(8–12) 3/23–27(13–17) 3/30(18) 3/31(19) 4/1(20).
    name: 'consultation across a 补正 restart: only days after the new start are paused',
    events: [
      received('2026-02-10'),
      { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' },
      sent('a', 'third-party', '2026-02-13'),
      { type: 'clarification-received', on: '2026-02-27' },
      closed('a', '2026-03-04'),
    ],
    asOf: '2026-03-05',
    dueDate: '2026-04-01',
    state: 'running',
    pausedWorkingDays: 4,
    warnings: [],
  },
];

describe('consultations are not counted (第33条第三款)', () => {
  it.each(CONSULTATIONS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    check(row);
  });

  it('gives the same result whatever order the events are passed in', () => {
    const a = computeStatutoryClock(NESTED, cal, S, '2026-03-26');
    const b = computeStatutoryClock([...NESTED].reverse(), cal, S, '2026-03-26');
    const c = computeStatutoryClock([NESTED[3], NESTED[6], NESTED[0], NESTED[5], NESTED[1], NESTED[4], NESTED[2]], cal, S, '2026-03-26');
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Extensions (≤ 20 working days in total, 第33条第二款), the 第35条 date, fees, the answer, warnings.
//    Reference case: received 2026-03-02 (Mon), plain due 3/30 (Mon), 补正 limit 3/11.
//    Past 3/30: 3/31(21) 4/1(22) 4/2(23) 4/3(24) | 4/4–6 清明 | 4/7–10(25–28) 4/13(29) 4/14(30) 4/15–17(31–33) 4/20–24(34–38)
//    4/27(39) 4/28(40).
// ---------------------------------------------------------------------------------------------
const ext = (on: string, workingDays: number): ClockEvent => ({ type: 'extension', on, workingDays, approvedBy: '县政府办公室负责人' });
const R = received('2026-03-02');
const HANDLING: Row[] = [
  {
    name: 'extension of exactly 20 working days (the limit)',
    events: [R, ext('2026-03-25', 20)],
    asOf: '2026-03-26',
    dueDate: '2026-04-28',
    state: 'running',
    warnings: ['clarification-overdue'],
    lines: ['2026-03-25 经县政府办公室负责人批准延长答复期限20个工作日（第三十三条第二款）', '延期后共计40个工作日', '答复期限：2026-04-28'],
  },
  {
    name: 'two extensions adding up to the limit (10 + 10)',
    events: [R, ext('2026-03-20', 10), ext('2026-03-25', 10)],
    asOf: '2026-03-26',
    dueDate: '2026-04-28',
    state: 'running',
    warnings: ['clarification-overdue'],
  },
  {
    // 10 applied (→ 30th working day 4/14); the second (11) would make 21: refused and not applied.
    name: 'second extension past the limit is refused (10 + 11)',
    events: [R, ext('2026-03-20', 10), ext('2026-03-25', 11)],
    asOf: '2026-03-26',
    dueDate: '2026-04-14',
    state: 'running',
    warnings: ['clarification-overdue', 'extension-too-long'],
    lines: ['2026-03-25 延期11个工作日将使累计延期达到21个工作日，超过第三十三条规定的最长20个工作日，本次延期未计入'],
  },
  {
    // 21 at once: refused; the due date stays 3/30, which is now 3/27 3/30 = 2 working days away → answer-due-soon.
    name: 'single extension of 21 working days is refused',
    events: [R, ext('2026-03-25', 21)],
    asOf: '2026-03-26',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['answer-due-soon', 'clarification-overdue', 'extension-too-long'],
  },
  {
    // 2024 劳动节: received 4/22, plain due 5/21 (see the period table). +10: 5/22–24(21–23) 5/27–31(24–28) 6/3(29) 6/4(30).
    name: '2024: extension after 劳动节',
    events: [received('2024-04-22'), ext('2024-05-15', 10)],
    asOf: '2024-05-16',
    dueDate: '2024-06-04',
    state: 'running',
    warnings: ['clarification-overdue'],
  },
  {
    // Extension decided 3/31, after the deadline 3/30 had passed: applied as recorded (→ 30th working day 4/14), but noted.
    name: 'extension decided after the deadline is noted',
    events: [R, ext('2026-03-31', 10)],
    asOf: '2026-04-01',
    dueDate: '2026-04-14',
    state: 'running',
    lines: ['注意：延期决定晚于当时的答复期限（2026-03-30）'],
  },
  {
    // Extensions recorded before a 补正 restart do not carry over: received 2/10, extension 2/20 (10), corrected 2/27 →
    // plain 20 days from 2/27 = 3/26 (see the 补正 table).
    name: 'extension before a 补正 restart does not carry over',
    events: [
      received('2026-02-10'),
      ext('2026-02-11', 10),
      { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' },
      { type: 'clarification-received', on: '2026-02-27' },
    ],
    asOf: '2026-03-02',
    dueDate: '2026-03-26',
    state: 'running',
    lines: ['此前的延期不再适用'],
  },
  {
    // A second consultation-sent with an id still open is ignored (a double entry), so only 3/10–3/13 is paused → 4/3.
    name: 'duplicate consultation record is ignored',
    events: [R, sent('a', 'third-party', '2026-03-09'), sent('a', 'third-party', '2026-03-11'), closed('a', '2026-03-13')],
    asOf: '2026-03-16',
    dueDate: '2026-04-03',
    state: 'running',
    pausedWorkingDays: 4,
    lines: ['2026-03-11 的征求第三方意见记录编号重复，已忽略'],
  },
  {
    name: 'fee paid late is noted, the case runs on',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-03-13' }, { type: 'fee-paid', on: '2026-03-16' }],
    asOf: '2026-03-17',
    dueDate: '2026-03-30',
    state: 'running',
    lines: ['2026-03-16 申请人缴纳信息处理费（晚于缴费期限2026-03-13）'],
  },
  {
    name: '第35条 delayed deadline replaces the due date',
    events: [R, { type: 'delayed-deadline', on: '2026-03-20', dueOn: '2026-05-15', reason: '申请数量明显超过合理范围' }],
    asOf: '2026-03-31',
    dueDate: '2026-05-15',
    state: 'running',
    warnings: ['clarification-overdue'],
    lines: ['2026-03-20 依第三十五条确定延迟答复期限为2026-05-15，理由：申请数量明显超过合理范围'],
  },
  {
    name: '第35条 date earlier than the statutory deadline changes nothing',
    events: [R, { type: 'delayed-deadline', on: '2026-03-20', dueOn: '2026-03-27', reason: '需要整理材料' }],
    asOf: '2026-03-23',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['clarification-overdue'],
    lines: ['2026-03-20 依第三十五条确定的答复日期2026-03-27不晚于法定答复期限（2026-03-30），仍按法定期限，理由：需要整理材料'],
  },
  {
    name: '第35条 date after an extension, with a consultation open: the stated date stands',
    events: [
      R,
      ext('2026-03-20', 20),
      sent('a', 'third-party', '2026-03-23'),
      { type: 'delayed-deadline', on: '2026-03-25', dueOn: '2026-06-30', reason: '申请数量大' },
    ],
    asOf: '2026-03-26',
    dueDate: '2026-06-30',
    state: 'running',
  },
  {
    // Fee wait NOT excluded (default): notice 3/9, paid 3/16 → the plain due 3/30.
    name: 'fee wait counted (default setting)',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-04-07' }, { type: 'fee-paid', on: '2026-03-16' }],
    asOf: '2026-03-17',
    dueDate: '2026-03-30',
    state: 'running',
    pausedWorkingDays: 0,
    lines: ['2026-03-09 发出收费通知，缴费期限至2026-04-07；按本单位设置，等待缴费期间照常计入答复期限'],
  },
  {
    // Fee wait excluded: paused 3/10–3/13, 3/16 = 5. Counted 3/3–6(1–4) 3/9(5) | paused | 3/17–20(6–9) 3/23–27(10–14)
    // 3/30–4/3(15–19) | 清明 | 4/7(20).
    name: 'fee wait excluded (feeWaitPausesClock)',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-04-07' }, { type: 'fee-paid', on: '2026-03-16' }],
    settings: { feeWaitPausesClock: true },
    asOf: '2026-03-17',
    dueDate: '2026-04-07',
    state: 'running',
    pausedWorkingDays: 5,
    lines: ['等待缴纳信息处理费（2026-03-10至2026-03-16）共5个工作日不计入'],
  },
  {
    // Fee wait excluded, still unpaid, payBy not reached: paused 3/10–3/12 = 3. Counted 5 by 3/9, then 3/13(6) 3/16–20(7–11)
    // 3/23–27(12–16) 3/30(17) 3/31(18) 4/1(19) 4/2(20).
    name: 'fee wait excluded, unpaid: paused',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-04-07' }],
    settings: { feeWaitPausesClock: true },
    asOf: '2026-03-12',
    dueDate: '2026-04-02',
    state: 'paused',
    pausedWorkingDays: 3,
  },
  {
    // Unpaid by payBy 3/20, default setting: fee-overdue; the answer period ran on (3/30 is 5 working days after 3/23).
    name: 'fee unpaid by the deadline (default setting)',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-03-20' }],
    asOf: '2026-03-23',
    dueDate: '2026-03-30',
    state: 'fee-overdue',
    warnings: ['clarification-overdue', 'fee-overdue'],
  },
  {
    // Unpaid by 3/20 with the wait excluded: paused 3/10–13, 3/16–20, 3/23 = 10 as of 3/23. Counted 5, then 3/24–27(6–9)
    // 3/30–4/3(10–14) | 清明 | 4/7–10(15–18) 4/13(19) 4/14(20).
    name: 'fee unpaid by the deadline (wait excluded)',
    events: [R, { type: 'fee-notice', on: '2026-03-09', payBy: '2026-03-20' }],
    settings: { feeWaitPausesClock: true },
    asOf: '2026-03-23',
    dueDate: '2026-04-14',
    state: 'fee-overdue',
    pausedWorkingDays: 10,
    warnings: ['clarification-overdue', 'fee-overdue'],
  },
  {
    name: 'answered in time: the clock stops, no warnings',
    events: [R, { type: 'answered', on: '2026-03-20' }, sent('late', 'third-party', '2026-03-25')],
    asOf: '2026-04-10',
    dueDate: '2026-03-30',
    state: 'answered',
    clarificationDueBy: null,
    warnings: [],
    lines: ['2026-03-20 作出答复，期限停止计算（在答复期限内）'],
  },
  {
    // Answered 4/1: 3/31 and 4/1 are past the deadline.
    name: 'answered late',
    events: [R, { type: 'answered', on: '2026-04-01' }],
    asOf: '2026-04-10',
    dueDate: '2026-03-30',
    state: 'answered',
    warnings: [],
    lines: ['2026-04-01 作出答复，期限停止计算（超过答复期限2个工作日）'],
  },
  {
    // Answered while the consultation was still open: the open pause ends with the answer (3/10–3/13 = 4 paused).
    name: 'answered while a consultation was open',
    events: [R, sent('a', 'third-party', '2026-03-09'), { type: 'answered', on: '2026-03-13' }],
    asOf: '2026-04-20',
    dueDate: '2026-04-03',
    state: 'answered',
    pausedWorkingDays: 4,
    warnings: [],
  },
  {
    // As of 3/24: 3/25 3/26 3/27 3/30 = 4 left → no answer warning.
    name: 'answer period: 4 working days left',
    events: [R],
    asOf: '2026-03-24',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['clarification-overdue'],
  },
  {
    // As of 3/25: 3/26 3/27 3/30 = 3 left → answer-due-soon.
    name: 'answer period: 3 working days left',
    events: [R],
    asOf: '2026-03-25',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['answer-due-soon', 'clarification-overdue'],
  },
  {
    name: 'answer period: last day',
    events: [R],
    asOf: '2026-03-30',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['answer-due-soon', 'clarification-overdue'],
  },
  {
    name: 'answer period: one day overdue',
    events: [R],
    asOf: '2026-03-31',
    dueDate: '2026-03-30',
    state: 'running',
    warnings: ['answer-overdue', 'clarification-overdue'],
  },
  {
    // Events dated after asOf (here the answer) are not taken into account, and the explanation says so.
    name: 'events after asOf are left out',
    events: [R, { type: 'answered', on: '2026-03-20' }],
    asOf: '2026-03-10',
    dueDate: '2026-03-30',
    state: 'running',
    lines: ['另有1项记录的日期晚于2026-03-10，未计入'],
  },
  {
    // Settings are data: 15 working days → 3/3–6(1–4) 3/9–13(5–9) 3/16–20(10–14) 3/23(15); 补正 10 → 3/16.
    name: 'settings are data: other lengths',
    events: [R, ext('2026-03-20', 15)],
    // The extension of 15 exceeds the configured maximum of 10 and is refused; as of 3/20 the due date 3/23 is 1 day away.
    settings: { answerWorkingDays: 15, clarificationWorkingDays: 10, maxExtensionWorkingDays: 10 },
    asOf: '2026-03-20',
    dueDate: '2026-03-23',
    state: 'running',
    clarificationDueBy: '2026-03-16',
    warnings: ['answer-due-soon', 'clarification-overdue', 'extension-too-long'],
  },
];

describe('extensions, 第35条, fees, the answer and warnings', () => {
  it.each(HANDLING.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    check(row);
  });

  it('every warning message is plain Chinese and names the date', () => {
    const r = computeStatutoryClock([R, ext('2026-03-25', 21)], cal, S, '2026-03-26');
    expect(r.warnings.find((w) => w.code === 'answer-due-soon')?.message).toBe('答复期限将于2026-03-30届满（还剩2个工作日）');
    expect(r.warnings.find((w) => w.code === 'clarification-overdue')?.message).toBe('补正告知期限（2026-03-11）已过，不能再要求申请人补正');
  });

  it('is pure: the same input gives the same result', () => {
    const events = [R, sent('a', 'third-party', '2026-03-09'), ext('2026-03-20', 5)];
    expect(computeStatutoryClock(events, cal, S, '2026-03-23')).toEqual(computeStatutoryClock(events, cal, S, '2026-03-23'));
  });

  it('rejects malformed dates as a programming error', () => {
    expect(() => computeStatutoryClock([received('2026-02-30')], cal, S, '2026-03-01')).toThrow(RangeError);
    expect(() => computeStatutoryClock([R], cal, S, '2026/03/01')).toThrow(RangeError);
  });
});

describe('the explanation', () => {
  it("reads as the steps in order (the issue's example, with a consultation)", () => {
    // Received 2/10 → 2/11–13(1–3) 2/14补(4) | 春节 | 2/24–27(5–8) 2/28补(9) 3/2(10) | paused 3/3–3/12 (8) | 3/13(11) 3/16–20(12–16)
    // 3/23–26(17–20).
    const r = computeStatutoryClock([received('2026-02-10'), sent('a', 'third-party', '2026-03-02'), closed('a', '2026-03-12')], cal, S, '2026-03-13');
    expect(r.explanation).toEqual([
      '2026-02-10 收到申请；自次日起计20个工作日（第三十三条）',
      '补正告知最迟应于2026-02-26发出（收到申请后7个工作日内，第三十条）',
      '2026-02-14（星期六）为春节调休上班日，计入',
      '春节假期（2026-02-15至2026-02-23）不计',
      '2026-02-28（星期六）为春节调休上班日，计入',
      '2026-03-02 征求第三方意见（第三十二条），自次日起至收到答复之日不计入答复期限（第三十三条第三款）',
      '征求第三方意见（2026-03-03至2026-03-12）共8个工作日不计入',
      '答复期限：2026-03-26',
    ]);
    expect(r.dueDate).toBe('2026-03-26');
    expect(r.pausedWorkingDays).toBe(8);
  });

  it('says what it ignored', () => {
    const r = computeStatutoryClock(
      [closed('z', '2026-03-01'), received('2026-03-02'), received('2026-03-03'), ext('2026-03-05', 0), { type: 'fee-paid', on: '2026-03-05' }],
      cal,
      S,
      '2026-03-06',
    );
    expect(r.dueDate).toBe('2026-03-30');
    expect(r.explanation).toEqual(
      expect.arrayContaining([
        '2026-03-01 的记录早于收到申请，不影响期限',
        '2026-03-03 的收到申请记录与已确认的收到日期（2026-03-02）重复，以2026-03-02为准',
        '2026-03-05 的延期天数（0）无效，未计入',
        '2026-03-05 缴费记录没有对应的收费通知，不影响期限',
      ]),
    );
  });

  it('reports the years a due date depends on, for recomputation when the calendar changes', () => {
    expect(computeStatutoryClockDetails([received('2026-12-20')], cal, S, '2026-12-21').years).toEqual([2026, 2027]);
    expect(computeStatutoryClockDetails([R], cal, S, '2026-03-03').years).toEqual([2026]);
    expect(computeStatutoryClockDetails([], cal, S, '2026-03-03').years).toEqual([]);
  });
});

describe('DEFAULT_CLOCK_SETTINGS', () => {
  it('are the statutory values', () => {
    expect(DEFAULT_CLOCK_SETTINGS).toEqual({
      answerWorkingDays: 20,
      maxExtensionWorkingDays: 20,
      clarificationWorkingDays: 7,
      warnWorkingDays: 3,
      feeWaitPausesClock: false,
    });
  });
});

describe('listStatutoryKeyDates (tracking page)', () => {
  it('lists receipt, the corrected receipt, the answer date and the extended date', () => {
    // Received 2/10, corrected 2/27 → due 3/26 (see the 补正 table); +10: 3/27(21) 3/30–4/3(22–26) | 清明 | 4/7–10(27–30).
    const events: ClockEvent[] = [
      received('2026-02-10'),
      { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' },
      { type: 'clarification-received', on: '2026-02-27' },
      ext('2026-03-20', 10),
    ];
    expect(listStatutoryKeyDates(events, cal, S, '2026-03-23')).toEqual([
      { code: 'received', label: '收到申请', date: '2026-02-10', provisional: false },
      { code: 'corrected-received', label: '收到补正后的申请', date: '2026-02-27', provisional: false },
      { code: 'answer-due', label: '答复期限', date: '2026-03-26', provisional: false },
      { code: 'extended-due', label: '延期后答复期限', date: '2026-04-10', provisional: false },
    ]);
  });

  it('shows the correction deadline while a correction is awaited', () => {
    const events: ClockEvent[] = [received('2026-02-10'), { type: 'clarification-requested', on: '2026-02-12', correctionDueOn: '2026-03-02' }];
    expect(listStatutoryKeyDates(events, cal, S, '2026-02-20')).toEqual([
      { code: 'received', label: '收到申请', date: '2026-02-10', provisional: false },
      { code: 'correction-due', label: '补正期限', date: '2026-03-02', provisional: false },
    ]);
  });

  it('shows the 第35条 date and the answer date, and marks provisional dates', () => {
    const events: ClockEvent[] = [
      received('2026-12-20'),
      { type: 'delayed-deadline', on: '2027-01-05', dueOn: '2027-02-26', reason: '申请数量大' },
      { type: 'answered', on: '2027-02-20' },
    ];
    expect(listStatutoryKeyDates(events, cal, S, '2027-03-01')).toEqual([
      { code: 'received', label: '收到申请', date: '2026-12-20', provisional: false },
      { code: 'answer-due', label: '答复期限', date: '2027-01-15', provisional: true },
      { code: 'delayed-due', label: '延迟答复期限（第三十五条）', date: '2027-02-26', provisional: false },
      { code: 'answered', label: '答复日期', date: '2027-02-20', provisional: false },
    ]);
  });
});

describe('resolveClockSettings', () => {
  it('fills missing keys from the defaults', () => {
    expect(resolveClockSettings({ feeWaitPausesClock: true })).toEqual({ ok: true, settings: { ...S, feeWaitPausesClock: true } });
    expect(resolveClockSettings(null)).toEqual({ ok: true, settings: S });
  });

  it.each([
    ['not an object', 'x', '时限设置格式不正确，应为对象'],
    ['unknown key', { answerDays: 20 }, '未知的设置项：answerDays'],
    ['not an integer', { answerWorkingDays: 20.5 }, '答复期限（工作日）应为1至60之间的整数'],
    ['out of range', { maxExtensionWorkingDays: 61 }, '最长延期（工作日）应为0至60之间的整数'],
    ['zero clarification days', { clarificationWorkingDays: 0 }, '补正告知期限（工作日）应为1至60之间的整数'],
    ['negative warning', { warnWorkingDays: -1 }, '提前提醒（工作日）应为0至20之间的整数'],
    ['not a boolean', { feeWaitPausesClock: 'yes' }, '等待缴费是否停止计时应为是或否'],
  ])('refuses %s with a Chinese message', (_name, input, message) => {
    expect(resolveClockSettings(input)).toEqual({ ok: false, issues: [message] });
  });

  it('lists every problem at once', () => {
    const r = resolveClockSettings({ answerWorkingDays: 0, warnWorkingDays: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toHaveLength(2);
  });
});

describe('agrees with the calendar module', () => {
  it('nthWorkingDayAfter = WorkCalendar.addWorkingDays for every start day of 2024–2026 and a stretch of 2027', () => {
    for (let d = '2023-12-20'; d <= '2027-02-01'; d = addCalendarDays(d, 1)) {
      for (const n of [0, 7, 20]) {
        const mine = nthWorkingDayAfter(cal, d, n);
        const theirs = cal.addWorkingDays(d, n);
        expect(mine.date, `${d} + ${n}`).toBe(theirs.date);
        expect(mine.years, `${d} + ${n}`).toEqual(theirs.years);
      }
    }
  });

  it('countWorkingDays = WorkCalendar.workingDaysBetween, including empty and reversed ranges', () => {
    for (let d = '2023-12-20'; d <= '2027-02-01'; d = addCalendarDays(d, 5)) {
      for (const span of [-3, 0, 1, 9, 30]) {
        const to = addCalendarDays(d, span);
        expect(countWorkingDays(cal, d, to), `${d}..${to}`).toBe(cal.workingDaysBetween(d, to).workingDays);
      }
    }
  });
});
