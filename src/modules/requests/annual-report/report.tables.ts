/**
 * The three tables of the annual report (《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号)
 * and the checks of its consistency rules, as pure functions. Labels are copied verbatim from
 * ../shared/docs/domain.md §2.1–§2.3; table 三's result rows come from REPORT_ROWS (request.types.ts),
 * the single source for rows, and each case's row from its DECISION_TYPES entry.
 *
 * Nothing here reads the clock or the database: the builders take case and remedy facts and a year.
 */
import { APPLICANT_KINDS, DECISION_TYPES, REMEDY_KINDS, REMEDY_RESULTS, REPORT_ROWS, type ReportRowCode } from '../request.types.ts';

// ---------------------------------------------------------------------------------------------
// Facts the builders count.

/** One application, as the report needs it (info_requests). */
export interface CaseFact {
  id: string;
  /** 收到申请之日; null while an online/fax application awaits confirmation (条例第31条). */
  receivedOn: string | null;
  applicantKind: string;
  decisionType: string | null;
  decidedOn: string | null;
}

/** One 行政复议 / 行政诉讼 record (info_request_remedies). */
export interface RemedyFact {
  id: string;
  kind: string;
  result: string;
  filedOn: string;
  concludedOn: string | null;
}

/** A fact the builders could not count as it stands (shown to staff next to the tables). */
export interface FactAnomaly {
  id: string;
  source: 'case' | 'remedy';
  message: string;
}

/** A table as rows × columns with the format's exact labels. */
export interface ReportTable {
  title: string;
  columns: { code: string; label: string; group: string | null }[];
  rows: { code: string; label: string; group: string | null; values: (number | null)[] }[];
}

/** A broken consistency rule, with the cells involved (row and column labels as printed). */
export interface ReportCheck {
  table: '二' | '三' | '四';
  rule: string;
  message: string;
  cells: { row: string; column: string }[];
}

// ---------------------------------------------------------------------------------------------
// Table 三 「收到和处理政府信息公开申请情况」

export const TABLE3_TITLE = '三、收到和处理政府信息公开申请情况';
/** The top-left header cell, verbatim (domain.md §2.2). */
export const TABLE3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const TABLE3_APPLICANT_HEADER = '申请人情况';
export const TOTAL_LABEL = '总计';

export const TABLE3_COLUMNS: ReportTable['columns'] = [
  ...APPLICANT_KINDS.map((k) => ({ code: k.code, label: k.label, group: k.group as string | null })),
  { code: 'total', label: TOTAL_LABEL, group: null },
];

export const NEW_ROW = { code: 'new', label: '一、本年新收政府信息公开申请数量' } as const;
export const CARRIED_IN_ROW = { code: 'carried-in', label: '二、上年结转政府信息公开申请数量' } as const;
export const RESULTS_HEADER = '三、本年度办理结果';
export const RESULTS_TOTAL_ROW = { code: 'results-total', label: '（七）总计' } as const;
export const CARRIED_OUT_ROW = { code: 'carried-out', label: '四、结转下年度继续办理' } as const;

/** Row codes of table 三 in printed order (the 21 result rows sit between 二 and （七）总计). */
export const TABLE3_ROW_CODES = [NEW_ROW.code, CARRIED_IN_ROW.code, ...REPORT_ROWS.map((r) => r.code), RESULTS_TOTAL_ROW.code, CARRIED_OUT_ROW.code] as const;

const ROW_OF_DECISION = new Map<string, ReportRowCode>(DECISION_TYPES.map((d) => [d.code, d.row]));
const KIND_INDEX = new Map<string, number>(APPLICANT_KINDS.map((k, i) => [k.code, i]));

function table3Labels(): { code: string; label: string; group: string | null }[] {
  return [
    { ...NEW_ROW, group: null },
    { ...CARRIED_IN_ROW, group: null },
    ...REPORT_ROWS.map((r) => ({ code: r.code as string, label: r.label as string, group: RESULTS_HEADER + (r.group === r.label ? '' : `｜${r.group}`) })),
    { ...RESULTS_TOTAL_ROW, group: RESULTS_HEADER },
    { ...CARRIED_OUT_ROW, group: null },
  ];
}

/**
 * Builds table 三 for `year` from the cases of one unit (or of several, for an aggregate).
 *
 * Counting rules (the year runs 1 January – 31 December, domain.md §2):
 * - A case without a receipt date (an online or fax application whose receipt both sides have not
 *   yet confirmed, 条例第31条第（三）项) has not been received: it is in no row.
 * - 一、本年新收: received within the year.
 * - 二、上年结转: received before the year and not decided before it (still open on 1 January).
 * - 三、本年度办理结果: decided within the year, in the row of its decision type (DECISION_TYPES → REPORT_ROWS)
 *   and the column of its applicant kind; （七）总计 is the sum of the 21 result rows.
 * - 四、结转下年度继续办理: received by the year's end and not decided by it.
 * - A case counts as decided only with both a decision date and a known decision type; anything else
 *   is listed as an anomaly. The rows are counted independently, so data that breaks the 勾稽关系
 *   (e.g. decided before it was received) shows up in the checks instead of being hidden.
 * - 总计 (column) is the sum of the six applicant columns.
 */
export function buildTable3(cases: readonly CaseFact[], year: number): { table: ReportTable; anomalies: FactAnomaly[] } {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const labels = table3Labels();
  const index = new Map(labels.map((l, i) => [l.code, i]));
  const counts = labels.map(() => APPLICANT_KINDS.map(() => 0));
  const anomalies: FactAnomaly[] = [];
  const add = (row: string, col: number) => counts[index.get(row)!]![col]!++;
  for (const c of cases) {
    if (!c.receivedOn) continue;
    const col = KIND_INDEX.get(c.applicantKind);
    if (col === undefined) {
      anomalies.push({ id: c.id, source: 'case', message: `申请人类型“${c.applicantKind}”无法对应年报的申请人情况栏目，未计入统计` });
      continue;
    }
    const row = c.decisionType ? ROW_OF_DECISION.get(c.decisionType) : undefined;
    if (c.decisionType && !row) anomalies.push({ id: c.id, source: 'case', message: `答复类型“${c.decisionType}”无法对应年报的办理结果行，按未办结统计` });
    if (c.decidedOn && !c.decisionType) anomalies.push({ id: c.id, source: 'case', message: `已记录办结日期 ${c.decidedOn} 但没有答复类型，按未办结统计` });
    const decidedOn = row ? c.decidedOn : null;
    if (decidedOn && decidedOn < c.receivedOn) anomalies.push({ id: c.id, source: 'case', message: `办结日期 ${decidedOn} 早于收到申请日期 ${c.receivedOn}` });
    if (c.receivedOn >= start && c.receivedOn <= end) add(NEW_ROW.code, col);
    if (c.receivedOn < start && (!decidedOn || decidedOn >= start)) add(CARRIED_IN_ROW.code, col);
    if (decidedOn && decidedOn >= start && decidedOn <= end) {
      add(row!, col);
      add(RESULTS_TOTAL_ROW.code, col);
    }
    if (c.receivedOn <= end && (!decidedOn || decidedOn > end)) add(CARRIED_OUT_ROW.code, col);
  }
  return {
    table: {
      title: TABLE3_TITLE,
      columns: TABLE3_COLUMNS,
      rows: labels.map((l, i) => {
        const v = counts[i]!;
        return { ...l, values: [...v, v.reduce((a, b) => a + b, 0)] };
      }),
    },
    anomalies,
  };
}

// ---------------------------------------------------------------------------------------------
// Table 四 「政府信息公开行政复议、行政诉讼情况」

export const TABLE4_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
/** Column groups as printed: 行政复议; 行政诉讼 → 未经复议直接起诉 / 复议后起诉. */
export const TABLE4_GROUPS = [
  { kind: 'review', label: '行政复议', parent: null },
  { kind: 'litigation-direct', label: '未经复议直接起诉', parent: '行政诉讼' },
  { kind: 'litigation-after-review', label: '复议后起诉', parent: '行政诉讼' },
] as const satisfies readonly { kind: (typeof REMEDY_KINDS)[number]['code']; label: string; parent: string | null }[];

export const TABLE4_COLUMNS: ReportTable['columns'] = TABLE4_GROUPS.flatMap((g) => [
  ...REMEDY_RESULTS.map((r) => ({ code: `${g.kind}.${r.code}`, label: r.label, group: g.parent ? `${g.parent}｜${g.label}` : g.label })),
  { code: `${g.kind}.total`, label: TOTAL_LABEL, group: g.parent ? `${g.parent}｜${g.label}` : g.label },
]);

/**
 * How table 四 counts a remedy: a county setting, because our sources do not settle how a case filed
 * in one year and concluded in the next is reported.
 * - `filed-in-year` (default): the cases filed within the year, each with its result as at 31
 *   December (not concluded by then → 尚未审结). A case filed last year and concluded this year was
 *   counted last year (as 尚未审结) and is not counted again, so no case is counted twice.
 * - `filed-or-concluded-in-year`: as above, plus the cases filed in an earlier year that were still
 *   pending at the start of this year and concluded within it, with their result.
 */
export const REMEDY_COUNTING = [
  { code: 'filed-in-year', label: '只统计本年新发生的案件（结果以12月31日的状态为准，上年未审结、本年审结的案件不再重复统计）' },
  { code: 'filed-or-concluded-in-year', label: '统计本年新发生的案件，并计入上年未审结、本年审结的案件（按审结结果）' },
] as const;
export type RemedyCounting = (typeof REMEDY_COUNTING)[number]['code'];

export function buildTable4(
  remedies: readonly RemedyFact[],
  year: number,
  counting: RemedyCounting = 'filed-in-year',
): { table: ReportTable; anomalies: FactAnomaly[] } {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const values = TABLE4_COLUMNS.map(() => 0);
  const anomalies: FactAnomaly[] = [];
  const colOf = new Map(TABLE4_COLUMNS.map((c, i) => [c.code, i]));
  for (const r of remedies) {
    if (!TABLE4_GROUPS.some((g) => g.kind === r.kind)) {
      anomalies.push({ id: r.id, source: 'remedy', message: `案件类型“${r.kind}”无法对应年报表四的栏目，未计入统计` });
      continue;
    }
    if (!REMEDY_RESULTS.some((x) => x.code === r.result)) {
      anomalies.push({ id: r.id, source: 'remedy', message: `审理结果“${r.result}”无法对应年报表四的栏目，未计入统计` });
      continue;
    }
    if (r.result !== 'pending' && !r.concludedOn) anomalies.push({ id: r.id, source: 'remedy', message: '已填写审理结果但没有审结日期，按尚未审结统计' });
    if (r.result === 'pending' && r.concludedOn)
      anomalies.push({ id: r.id, source: 'remedy', message: `填写了审结日期 ${r.concludedOn} 但结果为“尚未审结”，按尚未审结统计` });
    const concluded = r.result !== 'pending' && r.concludedOn ? r.concludedOn : null;
    const filedInYear = r.filedOn >= start && r.filedOn <= end;
    const carriedAndConcluded = counting === 'filed-or-concluded-in-year' && r.filedOn < start && concluded !== null && concluded >= start && concluded <= end;
    if (!filedInYear && !carriedAndConcluded) continue;
    const result = concluded && concluded <= end ? r.result : 'pending';
    values[colOf.get(`${r.kind}.${result}`)!]!++;
    values[colOf.get(`${r.kind}.total`)!]!++;
  }
  return { table: { title: TABLE4_TITLE, columns: TABLE4_COLUMNS, rows: [{ code: 'counts', label: '', group: null, values }] }, anomalies };
}

// ---------------------------------------------------------------------------------------------
// Table 二 「主动公开政府信息情况」: entered values, each with its source.

export const TABLE2_TITLE = '二、主动公开政府信息情况';
export const TABLE2_CONTENT_LABEL = '信息内容';

/**
 * The four blocks of table 二 (domain.md §2.1) and their cells. Publishing records carry no type such
 * as 规章 / 行政规范性文件 / 行政许可 / 行政处罚 (a disclosure has a catalog item and a period only), so none
 * of these can be counted from publishing: every cell is entered, with a note of where it came from.
 */
export const TABLE2_BLOCKS = [
  {
    code: 'art20-1',
    header: '第二十条第（一）项',
    columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
    rows: [
      { code: 'rules', label: '规章' },
      { code: 'normative', label: '行政规范性文件' },
    ],
    unit: 'count',
  },
  { code: 'art20-5', header: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: [{ code: 'licensing', label: '行政许可' }], unit: 'count' },
  {
    code: 'art20-6',
    header: '第二十条第（六）项',
    columns: ['本年处理决定数量'],
    rows: [
      { code: 'penalty', label: '行政处罚' },
      { code: 'enforcement', label: '行政强制' },
    ],
    unit: 'count',
  },
  {
    code: 'art20-8',
    header: '第二十条第（八）项',
    columns: ['本年收费金额（单位：万元）'],
    rows: [{ code: 'fees', label: '行政事业性收费' }],
    unit: 'wan-yuan',
  },
] as const;

/** Cell keys of table 二: `rules.0` (规章 · 本年制发件数) … `fees.0`. */
export const TABLE2_CELLS: { key: string; block: (typeof TABLE2_BLOCKS)[number]; row: string; column: string; unit: 'count' | 'wan-yuan' }[] =
  TABLE2_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c, i) => ({ key: `${r.code}.${i}`, block: b, row: r.label, column: c, unit: b.unit }))));

export interface Table2Entry {
  /** Counts are whole numbers; 本年收费金额 is in 万元 with at most 4 decimals (1 元 = 0.0001 万元). */
  value: number;
  /** Where the figure came from (e.g. 「县司法局规范性文件备案台账」). */
  source: string;
}
export type Table2Entries = Record<string, Table2Entry>;

export const SOURCE_MAX = 200;

/** Validates entered table 二 cells; answers the problems in plain Chinese (empty = fine). */
export function validateTable2Entries(entries: Record<string, { value: number; source: string }>): string[] {
  const problems: string[] = [];
  const known = new Map(TABLE2_CELLS.map((c) => [c.key, c]));
  for (const [key, e] of Object.entries(entries)) {
    const cell = known.get(key);
    if (!cell) {
      problems.push(`表二没有“${key}”这一格`);
      continue;
    }
    const name = `表二“${cell.row}·${cell.column}”`;
    if (!Number.isFinite(e.value) || e.value < 0) problems.push(`${name}应为不小于0的数`);
    else if (cell.unit === 'count' && !Number.isInteger(e.value)) problems.push(`${name}应为整数（件数）`);
    else if (cell.unit === 'wan-yuan' && Math.abs(e.value * 10000 - Math.round(e.value * 10000)) > 1e-6) problems.push(`${name}以万元为单位，最多保留4位小数`);
    else if (e.value > 1e9) problems.push(`${name}数值过大`);
    const source = e.source.trim();
    if (!source) problems.push(`请注明${name}的数据来源`);
    else if (source.length > SOURCE_MAX) problems.push(`${name}的数据来源不能超过${SOURCE_MAX}字`);
  }
  return problems;
}

export function buildTable2(entries: Table2Entries): ReportTable {
  return {
    title: TABLE2_TITLE,
    columns: [{ code: 'content', label: TABLE2_CONTENT_LABEL, group: null }],
    rows: TABLE2_BLOCKS.flatMap((b) =>
      b.rows.map((r) => ({
        code: r.code,
        label: r.label,
        group: `${b.header}｜${b.columns.join('｜')}`,
        values: b.columns.map((_, i) => entries[`${r.code}.${i}`]?.value ?? null),
      })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks (domain.md §2.2 and §2.3).

function valueAt(t: ReportTable, row: string, col: number): number {
  return t.rows.find((r) => r.code === row)?.values[col] ?? 0;
}

/**
 * Every consistency rule of the 2021 format, on any table 三 / 四 (built or edited):
 * - table 三, per column: 一 + 二 = 三（七）总计 + 四 (the 勾稽关系 printed in the corner cell);
 * - table 三, per column: （七）总计 = the sum of （一）（二）, the 8 （三）, 3 （四）, 5 （五）and 3 （六）rows;
 * - table 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns;
 * - table 四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结;
 * - every figure is a whole number, not negative.
 */
export function checkTable3(t: ReportTable): ReportCheck[] {
  const out: ReportCheck[] = [];
  const nCols = TABLE3_COLUMNS.length;
  for (const r of t.rows) {
    r.values.forEach((v, i) => {
      if (v !== null && (!Number.isInteger(v) || v < 0))
        out.push({
          table: '三',
          rule: 'non-negative-integer',
          message: `“${r.label}”的“${TABLE3_COLUMNS[i]!.label}”应为不小于0的整数`,
          cells: [{ row: r.label, column: TABLE3_COLUMNS[i]!.label }],
        });
    });
  }
  for (let col = 0; col < nCols; col++) {
    const colLabel = TABLE3_COLUMNS[col]!.label;
    const left = valueAt(t, NEW_ROW.code, col) + valueAt(t, CARRIED_IN_ROW.code, col);
    const right = valueAt(t, RESULTS_TOTAL_ROW.code, col) + valueAt(t, CARRIED_OUT_ROW.code, col);
    if (left !== right) {
      out.push({
        table: '三',
        rule: 'balance',
        message: `“${colLabel}”列：第一项加第二项之和（${left}）不等于第三项加第四项之和（${right}）`,
        cells: [NEW_ROW.label, CARRIED_IN_ROW.label, RESULTS_TOTAL_ROW.label, CARRIED_OUT_ROW.label].map((row) => ({ row, column: colLabel })),
      });
    }
    const sum = REPORT_ROWS.reduce((a, r) => a + valueAt(t, r.code, col), 0);
    const total = valueAt(t, RESULTS_TOTAL_ROW.code, col);
    if (sum !== total) {
      out.push({
        table: '三',
        rule: 'results-total',
        message: `“${colLabel}”列：“（七）总计”（${total}）不等于各项办理结果之和（${sum}）`,
        cells: [RESULTS_TOTAL_ROW.label, ...REPORT_ROWS.map((r) => r.label)].map((row) => ({ row, column: colLabel })),
      });
    }
  }
  for (const r of t.rows) {
    const parts = r.values.slice(0, nCols - 1).reduce<number>((a, b) => a + (b ?? 0), 0);
    const total = r.values[nCols - 1] ?? 0;
    if (parts !== total) {
      out.push({
        table: '三',
        rule: 'row-total',
        message: `“${r.label}”行：“总计”（${total}）不等于自然人与法人或其他组织各栏之和（${parts}）`,
        cells: TABLE3_COLUMNS.map((c) => ({ row: r.label, column: c.label })),
      });
    }
  }
  return out;
}

export function checkTable4(t: ReportTable): ReportCheck[] {
  const out: ReportCheck[] = [];
  const values = t.rows[0]?.values ?? [];
  values.forEach((v, i) => {
    if (v !== null && (!Number.isInteger(v) || v < 0))
      out.push({
        table: '四',
        rule: 'non-negative-integer',
        message: `“${TABLE4_COLUMNS[i]!.group}·${TABLE4_COLUMNS[i]!.label}”应为不小于0的整数`,
        cells: [{ row: '', column: `${TABLE4_COLUMNS[i]!.group}｜${TABLE4_COLUMNS[i]!.label}` }],
      });
  });
  const width = REMEDY_RESULTS.length + 1;
  TABLE4_GROUPS.forEach((g, gi) => {
    const base = gi * width;
    const parts = REMEDY_RESULTS.reduce((a, _, i) => a + (values[base + i] ?? 0), 0);
    const total = values[base + REMEDY_RESULTS.length] ?? 0;
    const group = g.parent ? `${g.parent}｜${g.label}` : g.label;
    if (parts !== total) {
      out.push({
        table: '四',
        rule: 'group-total',
        message: `“${g.parent ? `${g.parent}·` : ''}${g.label}”：总计（${total}）不等于结果维持、结果纠正、其他结果、尚未审结之和（${parts}）`,
        cells: [...REMEDY_RESULTS.map((r) => r.label), TOTAL_LABEL].map((column) => ({ row: '', column: `${group}｜${column}` })),
      });
    }
  });
  return out;
}

/** Table 二 has no arithmetic rule in the format; what it needs is every cell filled (0 where nothing happened). */
export function checkTable2(entries: Table2Entries): ReportCheck[] {
  const missing = TABLE2_CELLS.filter((c) => !entries[c.key]);
  if (!missing.length) return [];
  return [
    {
      table: '二',
      rule: 'complete',
      message: `表二还有 ${missing.length} 格未填写（没有发生的填0，并注明数据来源）`,
      cells: missing.map((c) => ({ row: c.row, column: c.column })),
    },
  ];
}

/** Adds two tables of the same shape cell by cell (the 全县汇总 aggregate). */
export function sumTables(a: ReportTable, b: ReportTable): ReportTable {
  return {
    ...a,
    rows: a.rows.map((r, i) => ({
      ...r,
      values: r.values.map((v, j) => (v === null && b.rows[i]!.values[j] === null ? null : (v ?? 0) + (b.rows[i]!.values[j] ?? 0))),
    })),
  };
}
