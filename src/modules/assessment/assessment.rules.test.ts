import { describe, expect, it } from 'vitest';
import {
  gradeOf,
  pointsFor,
  rankUnits,
  scoreUnit,
  templateSet,
  validateSet,
  type IndicatorSet,
  type MeasuredFigures,
  type UnitInput,
} from './assessment.rules.ts';
import { demoSet } from './assessment.demo.ts';

const m = (over: Partial<MeasuredFigures> = {}): MeasuredFigures => ({
  due: 10,
  onTime: 8,
  late: 1,
  overdue: 1,
  displayShort: 0,
  missingChannel: 0,
  applicable: 10,
  covered: 9,
  ...over,
});

const SET: IndicatorSet = {
  passMark: 60,
  grades: [{ min: 90, label: '优秀' }],
  indicators: [
    { key: 'on_time', name: '按时公开', kind: 'on_time_rate', weight: 50, appliesTo: ['village', 'township'] },
    { key: 'coverage', name: '覆盖', kind: 'coverage', weight: 20, appliesTo: ['village', 'township'] },
    { key: 'display', name: '公示期', kind: 'display_compliance', weight: 10, appliesTo: ['village', 'township'], full: 90, zero: 50 },
    { key: 'requests', name: '依申请', kind: 'request_timeliness', weight: 10, appliesTo: ['township'], whenNoData: 'exclude' },
    { key: 'channel', name: '渠道', kind: 'channel_evidence', weight: 10, appliesTo: ['village'] },
    { key: 'manual', name: '台账', kind: 'manual', weight: 10, appliesTo: ['village', 'township'] },
    { key: 'veto_overdue', name: '逾期过多', kind: 'veto', weight: 0, appliesTo: ['village'], veto: { figure: 'overdue', atLeast: 3 } },
    { key: 'veto_manual', name: '泄密', kind: 'veto', weight: 0, appliesTo: ['village', 'township'], veto: { figure: 'manual', atLeast: 1 } },
  ],
};

const village = (over: Partial<UnitInput> = {}): UnitInput => ({
  group: 'village',
  measured: m(),
  providers: {},
  manual: [{ indicatorKey: 'manual', value: 80 }],
  ...over,
});

describe('pointsFor: thresholds as data', () => {
  it.each([
    [{ weight: 40 }, 1, 40],
    [{ weight: 40 }, 0.8, 32],
    [{ weight: 40 }, 0, 0],
    [{ weight: 10, full: 90, zero: 50 }, 0.95, 10],
    [{ weight: 10, full: 90, zero: 50 }, 0.9, 10],
    [{ weight: 10, full: 90, zero: 50 }, 0.7, 5],
    [{ weight: 10, full: 90, zero: 50 }, 0.5, 0],
    [{ weight: 10, full: 90, zero: 50 }, 0.3, 0],
    [{ weight: 30 }, 2 / 3, 20],
    [{ weight: 7.5 }, 1 / 3, 2.5],
  ])('%o at %s → %s points', (ind, ratio, points) => {
    expect(pointsFor(ind, ratio)).toBe(points);
  });
});

describe('scoreUnit', () => {
  it('scores a village from measured figures, manual entry and thresholds', () => {
    const s = scoreUnit(SET, village());
    // on_time 8/10 × 50 = 40; coverage 9/10 × 20 = 18; display 9/9 → 10; channel 9/9 → 10; manual 80% × 10 = 8.
    expect(s.results.map((r) => [r.key, r.points, r.status])).toEqual([
      ['on_time', 40, 'scored'],
      ['coverage', 18, 'scored'],
      ['display', 10, 'scored'],
      ['channel', 10, 'scored'],
      ['manual', 8, 'scored'],
      ['veto_overdue', null, 'veto_clear'],
      ['veto_manual', null, 'veto_clear'],
    ]);
    expect(s).toMatchObject({ total: 86, countedWeight: 100, vetoed: false, grade: '合格', passed: true, incomplete: false });
    expect(s.results[0].explanation).toBe('按时公开数 ÷ 应公开数 = 8 ÷ 10');
  });

  it.each([
    ['veto by a measured count', village({ measured: m({ overdue: 3, onTime: 7, late: 0 }) }), true, ['逾期过多（逾期未公开事项数 3，达到 3）']],
    ['count below the veto line', village({ measured: m({ overdue: 2 }) }), false, []],
    [
      'veto by a manual finding',
      village({
        manual: [
          { indicatorKey: 'manual', value: 100 },
          { indicatorKey: 'veto_manual', value: 100 },
        ],
      }),
      true,
      ['泄密'],
    ],
    [
      'manual veto recorded as not triggered',
      village({
        manual: [
          { indicatorKey: 'manual', value: 100 },
          { indicatorKey: 'veto_manual', value: 0 },
        ],
      }),
      false,
      [],
    ],
  ])('%s', (_name, input, vetoed, reasons) => {
    const s = scoreUnit(SET, input);
    expect(s.vetoed).toBe(vetoed);
    expect(s.vetoReasons).toEqual(reasons);
    if (vetoed) expect([s.grade, s.passed]).toEqual(['不合格（单项否决）', false]);
  });

  it('a vetoed unit is 不合格 even with full marks', () => {
    const s = scoreUnit(
      SET,
      village({
        measured: m({ onTime: 10, late: 0, overdue: 0, covered: 10 }),
        manual: [
          { indicatorKey: 'manual', value: 100 },
          { indicatorKey: 'veto_manual', value: 100 },
        ],
      }),
    );
    expect([s.total, s.grade, s.passed]).toEqual([100, '不合格（单项否决）', false]);
  });

  it('a provider indicator without figures: 暂无数据, excluded, total rescaled to 100', () => {
    const s = scoreUnit(SET, {
      group: 'township',
      measured: m({ onTime: 10, late: 0, overdue: 0, covered: 10 }),
      providers: {},
      manual: [{ indicatorKey: 'manual', value: 50 }],
    });
    const req = s.results.find((r) => r.key === 'requests')!;
    expect(req.status).toBe('no_data');
    expect(req.explanation).toContain('暂无数据');
    // 50 + 20 + 10 + 5 = 85 of 90 counted → 94.44
    expect([s.countedWeight, s.total, s.grade]).toEqual([90, 94.44, '优秀']);
  });

  it('request timeliness is scored once a provider gives figures', () => {
    const s = scoreUnit(SET, {
      group: 'township',
      measured: m({ onTime: 10, late: 0, overdue: 0, covered: 10 }),
      providers: { request_timeliness: { onTime: 3, due: 4 } },
      manual: [{ indicatorKey: 'manual', value: 50 }],
    });
    expect(s.results.find((r) => r.key === 'requests')!.points).toBe(7.5);
    expect(s.total).toBe(92.5);
  });

  it('nothing due → full marks by default; a missing manual entry counts 0 and marks the card incomplete', () => {
    const s = scoreUnit(
      SET,
      village({ measured: { due: 0, onTime: 0, late: 0, overdue: 0, displayShort: 0, missingChannel: 0, applicable: 0, covered: 0 }, manual: [] }),
    );
    expect(s.results.find((r) => r.key === 'on_time')).toMatchObject({ status: 'scored', points: 50, explanation: '本期无应计事项，按满分计' });
    expect(s.results.find((r) => r.key === 'manual')).toMatchObject({ status: 'pending', points: 0 });
    expect([s.total, s.incomplete]).toEqual([90, true]);
  });

  it('no measured figures at all: measured indicators are 暂无数据 and only manual ones count', () => {
    const s = scoreUnit(SET, village({ measured: null }));
    expect(s.results.filter((r) => r.status === 'no_data').map((r) => r.key)).toEqual(['on_time', 'coverage', 'display', 'channel', 'veto_overdue']);
    expect([s.countedWeight, s.total]).toEqual([10, 80]);
  });

  it('below the pass mark → 不合格', () => {
    const s = scoreUnit(SET, village({ measured: m({ onTime: 2, late: 0, overdue: 2, covered: 2 }), manual: [{ indicatorKey: 'manual', value: 0 }] }));
    // 2/10×50 = 10; 2/10×20 = 4; display 2/2 → 10; channel → 10; manual 0 → 34
    expect([s.total, s.grade, s.passed]).toEqual([34, '不合格', false]);
  });
});

describe('gradeOf and rankUnits', () => {
  it.each([
    [95, false, '优秀'],
    [90, false, '优秀'],
    [89.99, false, '合格'],
    [60, false, '合格'],
    [59.99, false, '不合格'],
    [99, true, '不合格（单项否决）'],
  ])('%s (veto %s) → %s', (total, vetoed, grade) => {
    expect(gradeOf(SET, total, vetoed)).toBe(grade);
  });

  it('competition ranking, vetoed and unscored units last', () => {
    const row = (code: string, total: number, vetoed = false, countedWeight = 100) => ({ code, score: { total, vetoed, countedWeight } });
    const ranked = rankUnits([row('a', 80), row('b', 95, true), row('c', 90), row('d', 80), row('e', 0, false, 0), row('f', 70)]);
    expect(ranked.map((r) => `${r.code}:${r.rank}`)).toEqual(['c:1', 'a:2', 'd:2', 'f:4', 'b:5', 'e:5']);
  });
});

describe('validateSet', () => {
  it('accepts the template', () => {
    expect(validateSet(templateSet())).toEqual([]);
  });
  it("accepts the demo period's set: villages get 群众满意度（问卷调查） (10 points, county choice) and still total 100", () => {
    const set = demoSet();
    expect(validateSet(set)).toEqual([]);
    const village = set.indicators.filter((i) => i.appliesTo.includes('village') && i.kind !== 'veto');
    expect(village.map((i) => `${i.key}:${i.weight}`)).toContain('survey_satisfaction:10');
    expect(village.find((i) => i.key === 'work')?.weight).toBe(10);
    expect(set.indicators.filter((i) => i.kind === 'survey_satisfaction').flatMap((i) => i.appliesTo)).toEqual(['village']);
    // Departments and townships keep the template's indicators.
    const gov = (s: typeof set) => s.indicators.filter((i) => !i.appliesTo.includes('village') || i.appliesTo.length > 1);
    expect(gov(set)).toEqual(gov(templateSet()));
  });
  it.each([
    [
      'weights not adding to 100',
      (s: IndicatorSet) => {
        s.indicators[0].weight = 30;
      },
      '适用于县直部门的计分指标分值合计为90分，应为100分',
    ],
    [
      'duplicate key',
      (s: IndicatorSet) => {
        s.indicators[1].key = 'on_time';
      },
      '标识“on_time”与其他指标重复',
    ],
    [
      'bad key',
      (s: IndicatorSet) => {
        s.indicators[0].key = 'On Time';
      },
      '的标识只能由小写字母',
    ],
    [
      'veto with points',
      (s: IndicatorSet) => {
        s.indicators[7].weight = 5;
      },
      '是单项否决指标，分值应为0',
    ],
    [
      'veto without condition',
      (s: IndicatorSet) => {
        delete s.indicators[7].veto;
      },
      '缺少否决条件',
    ],
    [
      'thresholds reversed',
      (s: IndicatorSet) => {
        s.indicators[0].full = 40;
        s.indicators[0].zero = 60;
      },
      '0 ≤ 零分线 < 满分线 ≤ 100',
    ],
    [
      'no groups',
      (s: IndicatorSet) => {
        s.indicators[7].appliesTo = [];
      },
      '没有选择适用对象',
    ],
    [
      'pass mark',
      (s: IndicatorSet) => {
        s.passMark = 0;
      },
      '合格线应大于0',
    ],
    [
      'grade below pass mark',
      (s: IndicatorSet) => {
        s.grades = [{ min: 50, label: '良' }];
      },
      '分数线不低于合格线',
    ],
    [
      'empty',
      (s: IndicatorSet) => {
        s.indicators = [];
      },
      '至少要有一项指标',
    ],
  ])('%s', (_n, mutate, message) => {
    const s = templateSet();
    mutate(s);
    expect(
      validateSet(s)
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });

  it('公开栏 inspections feed the channel indicator: a failed inspection counts like a missing photo', () => {
    const set = {
      passMark: 60,
      indicators: [{ key: 'channel', name: '渠道', kind: 'channel_evidence' as const, weight: 10, appliesTo: ['village' as const] }],
    };
    const base = m({ onTime: 8, late: 0, missingChannel: 0 });
    const clean = scoreUnit(set, { group: 'village', measured: base, providers: {}, manual: [] });
    expect(clean.results[0]).toMatchObject({ numerator: 8, denominator: 8 });
    const inspected = scoreUnit(set, { group: 'village', measured: { ...base, boardInspections: 2, boardInspectionsFailed: 2 }, providers: {}, manual: [] });
    expect(inspected.results[0]).toMatchObject({ numerator: 8, denominator: 10, points: 8 });
  });
});
