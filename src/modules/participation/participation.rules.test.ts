import { describe, expect, it } from 'vitest';
import { WorkCalendar, addCalendarDays, type CalendarData } from '../calendar/index.ts';
import { PARTICIPATION_RULES, consultationStatus, feedbackDueOn, minimumEndOn, parseClauses, periodEnd } from './participation.rules.ts';

/** The 2026 official arrangement (State Council notice, as listed in domain.md §7), typed in here independently. */
function calendar2026(): WorkCalendar {
  const data: CalendarData = { years: new Set([2026]), days: new Map() };
  const block = (name: string, from: string, to: string) => {
    for (let d = from; d <= to; d = addCalendarDays(d, 1)) data.days.set(d, { kind: 'holiday', name });
  };
  block('元旦', '2026-01-01', '2026-01-03');
  block('春节', '2026-02-15', '2026-02-23');
  block('清明节', '2026-04-04', '2026-04-06');
  block('劳动节', '2026-05-01', '2026-05-05');
  block('端午节', '2026-06-19', '2026-06-21');
  block('中秋节', '2026-09-25', '2026-09-27');
  block('国庆节', '2026-10-01', '2026-10-07');
  for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    data.days.set(d, { kind: 'adjusted_workday', name: '调休上班' });
  return new WorkCalendar(data);
}
const cal = calendar2026();

describe('consultation periods over holiday blocks', () => {
  it.each([
    // start, earliest end without an urgency reason, why
    ['2026-03-05', '2026-04-07', '30 days land on 清明 (Sat 4/4–Mon 4/6): the period runs to Tuesday'],
    ['2026-09-01', '2026-10-08', '30 days land on 国庆 10/1: the period runs past the whole week-long block'],
    ['2026-08-21', '2026-09-20', '30 days land on Sunday 9/20, a 调休 working day: it stays'],
    ['2026-01-16', '2026-02-24', '30 days land on 2/15, the first day of 春节: the period runs past the nine-day block'],
    ['2026-06-01', '2026-07-01', '30 days land on an ordinary Wednesday'],
    ['2026-04-02', '2026-05-06', '30 days land on Saturday 5/2 inside 劳动节: to the first working day after it'],
  ])('from %s the earliest end is %s (%s)', (start, end) => {
    expect(minimumEndOn(cal, start)).toBe(end);
  });

  it('a period ending on an ordinary weekend moves to Monday', () => {
    expect(periodEnd(cal, '2026-07-01', 3)).toBe('2026-07-06'); // Sat 7/4 → Mon 7/6
  });

  it('the feedback report is due the configured number of working days after the close, skipping 中秋 and 国庆 and counting both 调休 days', () => {
    // 2026-09-18 (Fri) + 20 working days: 9/20 (调休) 9/21–24, 9/28–30, 10/8–9, 10/10 (调休), 10/12–16, 10/19–22.
    expect(feedbackDueOn(cal, '2026-09-18')).toBe('2026-10-22');
    // The number of days is the county's choice (rules as data).
    expect(feedbackDueOn(cal, '2026-04-30', { ...PARTICIPATION_RULES, feedbackDueWorkingDays: 5 })).toBe('2026-05-11');
  });

  it('the status follows the dates', () => {
    const c = { published_at: '2026-03-01T00:00:00Z', start_on: '2026-03-05', end_on: '2026-04-07', feedback_published_at: null };
    expect(consultationStatus({ ...c, published_at: null }, '2026-03-10')).toBe('draft');
    expect(consultationStatus(c, '2026-03-04')).toBe('announced');
    expect(consultationStatus(c, '2026-03-05')).toBe('open');
    expect(consultationStatus(c, '2026-04-07')).toBe('open');
    expect(consultationStatus(c, '2026-04-08')).toBe('closed');
    expect(consultationStatus({ ...c, feedback_published_at: '2026-04-20T00:00:00Z' }, '2026-04-20')).toBe('answered');
  });
});

describe('clause parser', () => {
  it('splits articles with Chinese numerals, chapter and section headings, 款 and a preamble', () => {
    const text = [
      '某某办法（征求意见稿）',
      '第一章　总则',
      '第一条：为了规范管理，制定本办法。',
      '第二节 申请',
      '第十一条 申请人应当提交材料。',
      '材料不全的，一次性告知。',
      '第一百零二条　本办法自公布之日起施行。',
    ].join('\r\n');
    const c = parseClauses(text);
    expect(c.map((x) => [x.seq, x.label, x.heading])).toEqual([
      [0, '序言', null],
      [1, '第一条', '第一章 总则'],
      [2, '第十一条', '第二节 申请'],
      [3, '第一百零二条', '第二节 申请'],
    ]);
    expect(c[1]!.paragraphs).toEqual(['为了规范管理，制定本办法。']);
    expect(c[2]!.paragraphs).toEqual(['申请人应当提交材料。', '材料不全的，一次性告知。']);
    expect(c[0]!.paragraphs).toEqual(['某某办法（征求意见稿）']);
  });

  it('accepts Arabic and full-width numerals, ignores zero-width characters and blank lines, keeps an empty article', () => {
    const c = parseClauses('\u200b第1条 甲。\n\n第２条\n乙。\n第3条');
    expect(c.map((x) => x.label)).toEqual(['第1条', '第２条', '第3条']);
    expect(c[1]!.paragraphs).toEqual(['乙。']);
    expect(c[2]!.paragraphs).toEqual(['']);
  });

  it('a text without articles is split into paragraphs, so comments can still point at a part', () => {
    const c = parseClauses('第一段内容。\n第二段内容。');
    expect(c.map((x) => x.label)).toEqual(['第1段', '第2段']);
    expect(parseClauses('  \n ')).toEqual([]);
  });
});
