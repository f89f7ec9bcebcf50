import { describe, expect, it } from 'vitest';
import { APPLICANT_KINDS, DECISION_TYPES, REPORT_ROWS } from '../request.types.ts';
import {
  CARRIED_IN_ROW,
  CARRIED_OUT_ROW,
  NEW_ROW,
  RESULTS_TOTAL_ROW,
  TABLE2_CELLS,
  TABLE3_COLUMNS,
  TABLE4_COLUMNS,
  buildTable2,
  buildTable3,
  buildTable4,
  checkTable2,
  checkTable3,
  checkTable4,
  validateTable2Entries,
  type CaseFact,
  type RemedyFact,
  type ReportTable,
} from './report.tables.ts';
import { generateYearOfCases } from './report.generator.ts';

const Y = 2025;
const cell = (t: ReportTable, row: string, col: string) => t.rows.find((r) => r.code === row)!.values[t.columns.findIndex((c) => c.code === col)];
const c = (id: string, receivedOn: string | null, decisionType: string | null, decidedOn: string | null, applicantKind = 'natural'): CaseFact => ({
  id,
  receivedOn,
  applicantKind,
  decisionType,
  decidedOn,
});

describe('table 三: the exact format', () => {
  it('has the 2021 format labels in order, with the 21 result rows from REPORT_ROWS', () => {
    const t = buildTable3([], Y).table;
    expect(t.columns.map((x) => x.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(t.columns.filter((x) => x.group === '法人或其他组织')).toHaveLength(5);
    const labels = t.rows.map((r) => r.label);
    expect(labels[0]).toBe('一、本年新收政府信息公开申请数量');
    expect(labels[1]).toBe('二、上年结转政府信息公开申请数量');
    expect(labels.slice(2, 23)).toEqual(REPORT_ROWS.map((r) => r.label));
    expect(labels[23]).toBe('（七）总计');
    expect(labels[24]).toBe('四、结转下年度继续办理');
    expect(t.rows.filter((r) => r.group?.startsWith('三、本年度办理结果'))).toHaveLength(22);
  });

  it('maps every decision type to its report row', () => {
    for (const d of DECISION_TYPES) {
      const t = buildTable3([c('x', '2025-03-02', d.code, '2025-03-20')], Y).table;
      expect(cell(t, d.row, 'natural'), d.code).toBe(1);
      expect(t.rows.filter((r) => REPORT_ROWS.some((x) => x.code === r.code)).reduce((a, r) => a + r.values[0]!, 0)).toBe(1);
    }
  });
});

describe('table 三: counting rules', () => {
  const cases: [string, CaseFact, Partial<Record<'new' | 'carried-in' | 'results-total' | 'carried-out', number>>][] = [
    ['received and decided in the year', c('a', '2025-02-10', 'disclose.provide', '2025-03-01'), { new: 1, 'results-total': 1 }],
    ['received on 1 January', c('a', '2025-01-01', 'disclose.provide', '2025-01-20'), { new: 1, 'results-total': 1 }],
    ['received on 31 December, open', c('a', '2025-12-31', null, null), { new: 1, 'carried-out': 1 }],
    ['received last year, decided this year', c('a', '2024-12-20', 'partial', '2025-01-10'), { 'carried-in': 1, 'results-total': 1 }],
    ['received last year, decided on 1 January', c('a', '2024-12-20', 'partial', '2025-01-01'), { 'carried-in': 1, 'results-total': 1 }],
    ['received last year, decided on 31 December last year', c('a', '2024-12-01', 'partial', '2024-12-31'), {}],
    ['received last year, still open', c('a', '2024-11-01', null, null), { 'carried-in': 1, 'carried-out': 1 }],
    ['received this year, decided on 31 December', c('a', '2025-12-01', 'partial', '2025-12-31'), { new: 1, 'results-total': 1 }],
    ['received this year, decided next year', c('a', '2025-12-20', 'partial', '2026-01-05'), { new: 1, 'carried-out': 1 }],
    ['received two years ago, decided next year', c('a', '2023-06-01', 'partial', '2026-01-05'), { 'carried-in': 1, 'carried-out': 1 }],
    ['awaiting receipt confirmation', c('a', null, null, null), {}],
    ['received next year', c('a', '2026-01-02', null, null), {}],
    ['decided without a decision type (anomaly): open', c('a', '2025-05-01', null, '2025-05-02'), { new: 1, 'carried-out': 1 }],
  ];
  it.each(cases)('%s', (_name, fact, expected) => {
    const { table } = buildTable3([fact], Y);
    for (const row of [NEW_ROW.code, CARRIED_IN_ROW.code, RESULTS_TOTAL_ROW.code, CARRIED_OUT_ROW.code] as const) {
      expect(cell(table, row, 'natural'), row).toBe(expected[row] ?? 0);
      expect(cell(table, row, 'total'), row).toBe(expected[row] ?? 0);
    }
    expect(checkTable3(table)).toEqual([]);
  });

  it('counts each applicant kind in its own column, and 总计 across them', () => {
    const facts = APPLICANT_KINDS.map((k, i) => c(`k${i}`, '2025-04-01', 'refuse.third-party', '2025-04-20', k.code));
    const { table } = buildTable3(facts, Y);
    for (const k of APPLICANT_KINDS) expect(cell(table, 'refuse.third-party', k.code)).toBe(1);
    expect(cell(table, 'refuse.third-party', 'total')).toBe(6);
    expect(cell(table, NEW_ROW.code, 'total')).toBe(6);
  });

  it('lists facts it cannot count as anomalies', () => {
    const { anomalies } = buildTable3(
      [c('u', '2025-01-05', null, null, 'alien'), c('v', '2025-01-05', 'no-such-type', '2025-01-09'), c('w', '2025-01-05', null, '2025-01-09')],
      Y,
    );
    expect(anomalies.map((a) => a.id)).toEqual(['u', 'v', 'w']);
  });
});

describe('table 三: consistency checks report the cells involved', () => {
  it('finds a case decided before it was received (breaks 一+二 = 三+四)', () => {
    const { table, anomalies } = buildTable3([c('z', '2026-02-01', 'disclose.provide', '2025-12-30')], Y);
    expect(anomalies[0]!.message).toContain('早于收到申请日期');
    const checks = checkTable3(table);
    const balance = checks.filter((x) => x.rule === 'balance');
    expect(balance.map((x) => x.cells[0]!.column)).toEqual(['自然人', '总计']);
    expect(balance[0]!.cells.map((x) => x.row)).toEqual([NEW_ROW.label, CARRIED_IN_ROW.label, RESULTS_TOTAL_ROW.label, CARRIED_OUT_ROW.label]);
  });

  it('finds a wrong （七）总计, a wrong row 总计 and a negative figure in an edited table', () => {
    const { table } = buildTable3([c('a', '2025-02-10', 'disclose.provide', '2025-03-01')], Y);
    const edited: ReportTable = structuredClone(table);
    edited.rows.find((r) => r.code === 'partial')!.values[1] = 2; // 商业企业 partial = 2, its 总计 column left at 0
    edited.rows.find((r) => r.code === 'unable.not-held')!.values[0] = -1;
    const checks = checkTable3(edited);
    expect(checks.find((x) => x.rule === 'non-negative-integer')!.cells).toEqual([{ row: '1.本机关不掌握相关政府信息', column: '自然人' }]);
    const resultsTotal = checks.filter((x) => x.rule === 'results-total').map((x) => x.cells[0]!.column);
    expect(resultsTotal).toEqual(['自然人', '商业企业']);
    const rowTotals = checks.filter((x) => x.rule === 'row-total').map((x) => x.cells[0]!.row);
    expect(rowTotals).toEqual(['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1.本机关不掌握相关政府信息']);
    expect(checks.find((x) => x.rule === 'row-total')!.cells).toHaveLength(TABLE3_COLUMNS.length);
  });
});

describe('a generated year of cases', () => {
  it.each([1, 3])('balances and matches an independent tally (%i per type and kind)', (per) => {
    const gen = generateYearOfCases(Y, { perTypeAndKind: per, seed: per * 7 });
    const { table, anomalies } = buildTable3(gen.cases, Y);
    expect(anomalies).toEqual([]);
    expect(checkTable3(table)).toEqual([]);
    for (const k of APPLICANT_KINDS) {
      const t = gen.tally[k.code];
      expect(cell(table, NEW_ROW.code, k.code)).toBe(t.new);
      expect(cell(table, CARRIED_IN_ROW.code, k.code)).toBe(t.carriedIn);
      expect(cell(table, CARRIED_OUT_ROW.code, k.code)).toBe(t.carriedOut);
      for (const r of REPORT_ROWS) {
        const expected = DECISION_TYPES.filter((d) => d.row === r.code).reduce((a, d) => a + (t.decided[d.code] ?? 0), 0);
        expect(cell(table, r.code, k.code), `${k.code} ${r.code}`).toBe(expected);
        expect(expected).toBeGreaterThan(0);
      }
    }
    // Carry-over chains: this year's 四 is next year's 二 for the same cases.
    const next = buildTable3(gen.cases, Y + 1).table;
    expect(cell(next, CARRIED_IN_ROW.code, 'total')).toBe(cell(table, CARRIED_OUT_ROW.code, 'total'));
  });
});

describe('table 四', () => {
  const r = (id: string, kind: string, result: string, filedOn: string, concludedOn: string | null): RemedyFact => ({ id, kind, result, filedOn, concludedOn });
  const at = (t: ReportTable, code: string) => t.rows[0]!.values[TABLE4_COLUMNS.findIndex((x) => x.code === code)];

  it('has the three groups of five columns with the exact labels', () => {
    const t = buildTable4([], Y).table;
    expect(t.columns.map((x) => x.label)).toEqual(Array(3).fill(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat());
    expect([...new Set(t.columns.map((x) => x.group))]).toEqual(['行政复议', '行政诉讼｜未经复议直接起诉', '行政诉讼｜复议后起诉']);
  });

  const rows: [string, RemedyFact, string | null, string | null][] = [
    ['filed and concluded in the year (upheld)', r('a', 'review', 'upheld', '2025-03-01', '2025-05-01'), 'review.upheld', 'review.upheld'],
    [
      'filed in the year, concluded next year → 尚未审结 at year end',
      r('a', 'litigation-direct', 'corrected', '2025-11-01', '2026-02-01'),
      'litigation-direct.pending',
      'litigation-direct.pending',
    ],
    [
      'filed in the year, pending',
      r('a', 'litigation-after-review', 'pending', '2025-11-01', null),
      'litigation-after-review.pending',
      'litigation-after-review.pending',
    ],
    ['filed last year, concluded this year', r('a', 'review', 'corrected', '2024-11-01', '2025-02-01'), null, 'review.corrected'],
    ['filed last year, concluded last year', r('a', 'review', 'other', '2024-03-01', '2024-06-01'), null, null],
    ['filed last year, still pending', r('a', 'review', 'pending', '2024-03-01', null), null, null],
    ['filed next year', r('a', 'review', 'pending', '2026-01-03', null), null, null],
  ];
  it.each(rows)('%s', (_name, fact, filedOnly, withConcluded) => {
    for (const [counting, expected] of [
      ['filed-in-year', filedOnly],
      ['filed-or-concluded-in-year', withConcluded],
    ] as const) {
      const { table } = buildTable4([fact], Y, counting);
      const nonZero = table.columns.filter((_, i) => table.rows[0]!.values[i]).map((x) => x.code);
      expect(nonZero, counting).toEqual(expected ? [expected, `${fact.kind}.total`] : []);
      expect(checkTable4(table)).toEqual([]);
    }
  });

  it('finds a wrong 总计 with its cells', () => {
    const { table } = buildTable4([r('a', 'review', 'upheld', '2025-03-01', '2025-05-01')], Y);
    table.rows[0]!.values[4] = 3;
    const checks = checkTable4(table);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.cells.map((x) => x.column)).toEqual([
      '行政复议｜结果维持',
      '行政复议｜结果纠正',
      '行政复议｜其他结果',
      '行政复议｜尚未审结',
      '行政复议｜总计',
    ]);
    expect(at(table, 'review.total')).toBe(3);
  });

  it('lists unknown kinds and inconsistent results as anomalies', () => {
    const { anomalies } = buildTable4(
      [r('a', 'appeal', 'upheld', '2025-03-01', null), r('b', 'review', 'won', '2025-03-01', null), r('c', 'review', 'upheld', '2025-03-01', null)],
      Y,
    );
    expect(anomalies.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('table 二', () => {
  it('has the four blocks with exact labels and 10 cells', () => {
    const t = buildTable2({});
    expect(t.rows.map((r) => r.label)).toEqual(['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费']);
    expect(t.rows[0]!.group).toBe('第二十条第（一）项｜本年制发件数｜本年废止件数｜现行有效件数');
    expect(t.rows[5]!.group).toBe('第二十条第（八）项｜本年收费金额（单位：万元）');
    expect(TABLE2_CELLS).toHaveLength(10);
  });

  it('asks for every cell and names the missing ones', () => {
    const checks = checkTable2({ 'rules.0': { value: 0, source: '本年无' } });
    expect(checks[0]!.cells).toHaveLength(9);
    expect(checks[0]!.cells[0]).toEqual({ row: '规章', column: '本年废止件数' });
    const all = Object.fromEntries(TABLE2_CELLS.map((c) => [c.key, { value: 1, source: '台账' }]));
    expect(checkTable2(all)).toEqual([]);
  });

  it.each([
    [{ 'rules.0': { value: -1, source: 'x' } }, '应为不小于0的数'],
    [{ 'rules.0': { value: 1.5, source: 'x' } }, '应为整数'],
    [{ 'fees.0': { value: 1.23456, source: 'x' } }, '最多保留4位小数'],
    [{ 'rules.0': { value: 1, source: '  ' } }, '数据来源'],
    [{ 'rules.9': { value: 1, source: 'x' } }, '没有“rules.9”'],
    [{ 'rules.0': { value: 1, source: 'x'.repeat(201) } }, '不能超过200字'],
  ])('refuses %j', (entries, message) => {
    expect(validateTable2Entries(entries).join()).toContain(message);
  });

  it('accepts 万元 with four decimals', () => {
    expect(validateTable2Entries({ 'fees.0': { value: 12.3456, source: '财政非税收入系统' } })).toEqual([]);
  });
});
