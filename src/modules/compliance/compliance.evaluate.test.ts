/** Table tests of the pure evaluation (no database): every status, the boundaries and the precedence. */
import { describe, expect, it } from 'vitest';
import { WorkCalendar, type CalendarDayEntry } from '../calendar/index.ts';
import { evaluateObligation, fulfils, memoCounter, summarize, type ObligationFact, type PublicationFact } from './compliance.evaluate.ts';
import { DEFAULT_RULES, NOTICE_BOARD_CHANNEL, validateRules } from './compliance.rules.ts';

// 2026 with the 劳动节 holiday (5/1–5/5) and its make-up working day (Saturday 5/9).
const cal = new WorkCalendar({
  years: new Set([2026]),
  days: new Map<string, CalendarDayEntry>([
    ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((d): [string, CalendarDayEntry] => [d, { kind: 'holiday', name: '劳动节' }]),
    ['2026-05-09', { kind: 'adjusted_workday', name: '劳动节' }],
  ]),
});

const ob = (over: Partial<ObligationFact> = {}): ObligationFact => ({
  itemId: 'i1',
  itemKey: 'vil:szxq',
  itemName: '财务收支情况',
  period: '2026-Q1',
  periodLabel: '2026年第一季度',
  eventId: null,
  dueDate: '2026-04-10',
  requiredChannels: [NOTICE_BOARD_CHANNEL],
  displayRuleText: '公示不少于7个工作日',
  provisional: false,
  publications: [],
  ...over,
});
const pub = (over: Partial<PublicationFact> = {}): PublicationFact => ({
  disclosureId: 'd1',
  version: 1,
  indexNo: 'X/2026-00001',
  title: '2026年第一季度财务收支',
  publishedOn: '2026-04-08',
  withdrawnOn: null,
  withdrawnReason: null,
  displayMinEnd: '2026-04-17',
  displayPlannedEnd: null,
  photoDates: ['2026-04-08'],
  ...over,
});

describe('evaluateObligation', () => {
  const rows: {
    name: string;
    o: ObligationFact;
    asOf: string;
    status: string;
    timeliness: string;
    overdue?: number;
    left?: number;
    missing?: number;
    short?: boolean;
  }[] = [
    { name: 'nothing published, far ahead', o: ob(), asOf: '2026-03-20', status: 'upcoming', timeliness: 'pending', left: 15 },
    { name: 'nothing published, 4 working days left', o: ob(), asOf: '2026-04-06', status: 'upcoming', timeliness: 'pending', left: 4 },
    { name: 'nothing published, 3 working days left → due soon', o: ob(), asOf: '2026-04-07', status: 'due_soon', timeliness: 'pending', left: 3 },
    { name: 'nothing published, due today', o: ob(), asOf: '2026-04-10', status: 'due_soon', timeliness: 'pending', left: 0 },
    {
      name: 'nothing published, the day after → overdue by 0 working days (Saturday)',
      o: ob(),
      asOf: '2026-04-11',
      status: 'overdue',
      timeliness: 'overdue',
      overdue: 0,
    },
    {
      name: 'overdue across 劳动节 with the make-up Saturday',
      o: ob({ dueDate: '2026-04-30' }),
      asOf: '2026-05-11',
      status: 'overdue',
      timeliness: 'overdue',
      overdue: 5,
    },
    { name: 'published before the due date', o: ob({ publications: [pub()] }), asOf: '2026-05-01', status: 'on_time', timeliness: 'on_time' },
    {
      name: 'published on the due date',
      o: ob({ publications: [pub({ publishedOn: '2026-04-10', photoDates: ['2026-04-10'] })] }),
      asOf: '2026-05-01',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'published after the due date',
      o: ob({ publications: [pub({ publishedOn: '2026-04-14', photoDates: ['2026-04-14'] })] }),
      asOf: '2026-05-01',
      status: 'late',
      timeliness: 'late',
      overdue: 2,
    },
    {
      name: 'a publication after asOf does not count yet',
      o: ob({ publications: [pub({ publishedOn: '2026-04-14' })] }),
      asOf: '2026-04-13',
      status: 'overdue',
      timeliness: 'overdue',
      overdue: 1,
    },
    {
      name: 'withdrawn before the minimum end',
      o: ob({ publications: [pub({ withdrawnOn: '2026-04-13' })] }),
      asOf: '2026-05-01',
      status: 'display_short',
      timeliness: 'on_time',
      short: true,
    },
    {
      name: 'withdrawn on the minimum end day is not short',
      o: ob({ publications: [pub({ withdrawnOn: '2026-04-17' })] }),
      asOf: '2026-05-01',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'withdrawal after asOf is not known yet',
      o: ob({ publications: [pub({ withdrawnOn: '2026-04-13' })] }),
      asOf: '2026-04-12',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'withdrawn early but republished in full → not short; timeliness from the first publication',
      o: ob({ publications: [pub({ withdrawnOn: '2026-04-13' }), pub({ disclosureId: 'd2', publishedOn: '2026-04-14', photoDates: [] })] }),
      asOf: '2026-05-01',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'no 公开栏 photo once the due date has passed',
      o: ob({ publications: [pub({ photoDates: [] })] }),
      asOf: '2026-04-13',
      status: 'channel_missing',
      timeliness: 'on_time',
      missing: 1,
    },
    {
      name: 'no photo yet, but the due date has not passed',
      o: ob({ publications: [pub({ photoDates: [] })] }),
      asOf: '2026-04-09',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'photo taken after asOf does not count',
      o: ob({ publications: [pub({ photoDates: ['2026-04-20'] })] }),
      asOf: '2026-04-13',
      status: 'channel_missing',
      timeliness: 'on_time',
      missing: 1,
    },
    {
      name: 'channel not required by the catalog → no photo needed',
      o: ob({ requiredChannels: ['政府网站'], publications: [pub({ photoDates: [] })] }),
      asOf: '2026-05-01',
      status: 'on_time',
      timeliness: 'on_time',
    },
    {
      name: 'late and no photo: channel_missing wins, timeliness stays late',
      o: ob({ publications: [pub({ publishedOn: '2026-04-14', photoDates: [] })] }),
      asOf: '2026-05-01',
      status: 'channel_missing',
      timeliness: 'late',
      overdue: 2,
      missing: 1,
    },
    {
      name: 'withdrawn early and no photo: display_short wins',
      o: ob({ publications: [pub({ withdrawnOn: '2026-04-13', photoDates: [] })] }),
      asOf: '2026-05-01',
      status: 'display_short',
      timeliness: 'on_time',
      short: true,
      missing: 1,
    },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const e = evaluateObligation(r.o, r.asOf, DEFAULT_RULES, cal);
      expect(e.status).toBe(r.status);
      expect(e.timeliness).toBe(r.timeliness);
      expect(e.overdueWorkingDays).toBe(r.overdue ?? 0);
      if (r.left !== undefined) expect(e.workingDaysLeft).toBe(r.left);
      expect(e.missingChannels.length).toBe(r.missing ?? 0);
      expect(e.displayShort).toBe(r.short ?? false);
    });
  }

  it('due-soon window and photo grace come from the rules (data)', () => {
    expect(evaluateObligation(ob(), '2026-04-06', { ...DEFAULT_RULES, dueSoonWorkingDays: 5 }, cal).status).toBe('due_soon');
    expect(evaluateObligation(ob(), '2026-04-07', { ...DEFAULT_RULES, dueSoonWorkingDays: 0 }, cal).status).toBe('upcoming');
    const noPhoto = ob({ publications: [pub({ photoDates: [] })] });
    expect(evaluateObligation(noPhoto, '2026-04-13', { ...DEFAULT_RULES, channelEvidenceGraceWorkingDays: 2 }, cal).status).toBe('on_time');
    expect(evaluateObligation(noPhoto, '2026-04-15', { ...DEFAULT_RULES, channelEvidenceGraceWorkingDays: 2 }, cal).status).toBe('channel_missing');
  });

  it('the evidence is the first publication, with the others counted', () => {
    const e = evaluateObligation(
      ob({ publications: [pub({ disclosureId: 'd2', publishedOn: '2026-04-20' }), pub()] }),
      '2026-05-01',
      DEFAULT_RULES,
      memoCounter(cal),
    );
    expect(e.publication?.disclosureId).toBe('d1');
    expect(e.otherPublications).toBe(1);
  });
});

describe('memoCounter', () => {
  it('counts exactly like the calendar, across holidays and make-up days, and falls back outside its range', () => {
    const m = memoCounter(cal);
    const dates = ['2026-04-10', '2026-04-30', '2026-05-01', '2026-05-05', '2026-05-09', '2026-05-11', '2026-06-30', '2026-12-31', '2027-02-01'];
    for (const a of dates)
      for (const b of dates) if (a <= b) expect(m.workingDaysBetween(a, b).workingDays, `${a}..${b}`).toBe(cal.workingDaysBetween(a, b).workingDays);
    expect(m.workingDaysBetween('2020-01-01', '2020-01-10').workingDays).toBe(cal.workingDaysBetween('2020-01-01', '2020-01-10').workingDays);
    expect(m.addWorkingDays('2026-04-30', 3).date).toBe('2026-05-08');
  });
});

describe('summarize, fulfils, rules', () => {
  it('counts due = on time + late + overdue and the rate', () => {
    const evals = [
      evaluateObligation(ob({ publications: [pub()] }), '2026-05-01', DEFAULT_RULES, cal),
      evaluateObligation(ob({ publications: [pub({ publishedOn: '2026-04-14', photoDates: [] })] }), '2026-05-01', DEFAULT_RULES, cal),
      evaluateObligation(ob(), '2026-05-01', DEFAULT_RULES, cal),
      evaluateObligation(ob({ dueDate: '2026-05-06' }), '2026-05-01', DEFAULT_RULES, cal),
      evaluateObligation(ob({ dueDate: '2026-06-30' }), '2026-05-01', DEFAULT_RULES, cal),
    ];
    expect(summarize(evals)).toEqual({
      due: 3,
      onTime: 1,
      late: 1,
      overdue: 1,
      dueSoon: 1,
      upcoming: 1,
      displayShort: 0,
      missingChannel: 1,
      onTimeRate: 1 / 3,
    });
    expect(summarize([]).onTimeRate).toBeNull();
  });

  it('a record fulfils an obligation of its item and period, event, or any record for 长期公开', () => {
    const o = { itemKey: 'k', period: '2026-Q1', eventId: null };
    expect(fulfils({ itemKey: 'k', period: '2026-Q1', eventId: null }, o)).toBe(true);
    expect(fulfils({ itemKey: 'k', period: '2026-Q2', eventId: null }, o)).toBe(false);
    expect(fulfils({ itemKey: 'x', period: '2026-Q1', eventId: null }, o)).toBe(false);
    expect(fulfils({ itemKey: 'k', period: null, eventId: 'e1' }, { itemKey: 'k', period: 'event:e1', eventId: 'e1' })).toBe(true);
    expect(fulfils({ itemKey: 'k', period: null, eventId: 'e2' }, { itemKey: 'k', period: 'event:e1', eventId: 'e1' })).toBe(false);
    expect(fulfils({ itemKey: 'k', period: null, eventId: null }, { itemKey: 'k', period: 'standing', eventId: null })).toBe(true);
  });

  it('rejects bad rule values with Chinese messages', () => {
    expect(validateRules({ channelEvidenceGraceWorkingDays: 0 })).toEqual([]);
    // The due-soon window is the reminder settings' (one setting for the status and the reminders).
    expect(validateRules({ dueSoonWorkingDays: 3 })[0]).toContain('提醒设置');
    expect(validateRules({ channelEvidenceGraceWorkingDays: 1.5 })).toHaveLength(1);
    expect(validateRules({ channelEvidenceGraceWorkingDays: 61 })[0]).toContain('宽限');
    expect(validateRules({ evidencedChannels: ['政府网站'] })[0]).toContain('拍照存证');
  });
});
