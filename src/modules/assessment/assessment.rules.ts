/**
 * 考评 scoring rules as data, evaluated by pure functions (no I/O, no clock).
 *
 * An indicator set belongs to one assessment period. Each indicator names how it is computed (its
 * `kind`), its weight in points, which unit groups it applies to, and a threshold rule that turns a
 * measured ratio into points. Veto items (单项否决) carry no points: when triggered the unit is
 * 不合格 whatever its score — the structure of the national website scheme (domain.md §3:
 * 「单项否决指标 … Any veto item → 不合格, no further scoring」), applied here to openness duties.
 * The pass mark is configurable per set; the default 60 follows the same scheme (domain.md §3:
 * 「deduction score < 60 → 不合格」); the county may change it, nothing else is assumed.
 */

/** Which units an indicator applies to: county departments, township-level units (乡镇/街道/场/园区), villages/communities. */
export type UnitGroup = 'department' | 'township' | 'village';
export const UNIT_GROUPS: Record<UnitGroup, string> = { department: '县直部门', township: '乡镇（街道）', village: '村（社区）' };

/** How an indicator is computed. `provider` names the module whose figures it needs. */
export const INDICATOR_KINDS = {
  on_time_rate: { label: '按时公开率', provider: 'compliance', formula: '按时公开数 ÷ 应公开数' },
  coverage: { label: '适用事项覆盖率', provider: 'compliance', formula: '已公开的适用事项数 ÷ 适用事项数' },
  display_compliance: { label: '公示期达标率', provider: 'compliance', formula: '1 − 公示期不足数 ÷ 已公开数' },
  channel_evidence: { label: '公开渠道佐证率', provider: 'compliance', formula: '1 − (缺少渠道佐证数 + 未通过的公开栏巡查数) ÷ (已公开数 + 公开栏巡查数)' },
  /** 依申请公开 (module `requests`, built separately): 暂无数据 until it provides figures. */
  request_timeliness: { label: '依申请公开按期答复率', provider: 'requests', formula: '按期答复数 ÷ 应答复数' },
  /** 政民互动 (module `interaction`): complaints addressed to the unit in the period, and the ratings of its replies. */
  complaint_handling: { label: '投诉处理及时率', provider: 'interaction', formula: '按期答复的投诉数 ÷ 应答复的投诉数' },
  satisfaction: { label: '群众满意度（答复评价）', provider: 'interaction', formula: '评价为满意、基本满意的答复数 ÷ 已评价的答复数' },
  /** 公众参与 (module `participation`): the county's satisfaction surveys that ended in the period. A separate kind: which source(s) count is the county's choice of indicators. */
  survey_satisfaction: { label: '群众满意度（问卷调查）', provider: 'participation', formula: '满意及基本满意问卷数 ÷ 有效问卷数' },
  manual: { label: '人工评分（附佐证）', provider: null, formula: '考评人员录入的得分比例' },
  veto: { label: '单项否决', provider: null, formula: '触发即不合格' },
} as const;
export type IndicatorKind = keyof typeof INDICATOR_KINDS;
export const INDICATOR_KIND_IDS = Object.keys(INDICATOR_KINDS) as IndicatorKind[];

/** What a veto item looks at: a measured count reaching a threshold, or a manual finding with evidence. */
export const VETO_FIGURES = {
  overdue: '逾期未公开事项数',
  displayShort: '公示期不足事项数',
  missingChannel: '缺少渠道佐证事项数',
  manual: '人工认定（附佐证）',
} as const;
export type VetoFigure = keyof typeof VETO_FIGURES;

export interface Indicator {
  /** Stable key inside the set, e.g. `on_time`. */
  key: string;
  name: string;
  kind: IndicatorKind;
  /** Points (0 for veto items). */
  weight: number;
  appliesTo: UnitGroup[];
  /** Ratio thresholds in percent: at or above `full` → full points, at or below `zero` → 0, linear between. */
  full?: number;
  zero?: number;
  /** No figures (nothing due, provider missing): `full` marks, or `exclude` the indicator and rescale to 100. */
  whenNoData?: 'full' | 'exclude';
  /** Veto items only. */
  veto?: { figure: VetoFigure; atLeast: number };
  description?: string;
}

export interface GradeBand {
  min: number;
  label: string;
}

export interface IndicatorSet {
  indicators: Indicator[];
  /** Below this total → 不合格. */
  passMark: number;
  /** Optional bands at or above the pass mark (e.g. 优秀 ≥ 90), highest first after sorting. Default: 合格. */
  grades?: GradeBand[];
}

export const DEFAULT_PASS_MARK = 60;

/** Figures measured for one unit and period (compliance module's UnitFigures, narrowed to what scoring reads). */
export interface MeasuredFigures {
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  displayShort: number;
  missingChannel: number;
  applicable: number;
  covered: number;
  /** 公开栏 inspections (and re-checks) of the unit's boards in the period, from the archives module; absent in older snapshots. */
  boardInspections?: number;
  boardInspectionsFailed?: number;
}

/** Figures from other providers (依申请公开 etc.): absent until that module exists. */
export interface ProviderFigures {
  request_timeliness?: { onTime: number; due: number };
  complaint_handling?: { onTime: number; due: number };
  satisfaction?: { satisfied: number; valid: number };
  survey_satisfaction?: { satisfied: number; valid: number };
}

export interface ManualEntry {
  indicatorKey: string;
  /** Percent 0–100 (for veto items: 100 = triggered, 0 = not triggered). */
  value: number;
}

export interface UnitInput {
  group: UnitGroup;
  measured: MeasuredFigures | null;
  providers: ProviderFigures;
  manual: ManualEntry[];
}

export type ResultStatus = 'scored' | 'no_data' | 'excluded' | 'pending' | 'veto_clear' | 'veto_triggered';

export interface IndicatorResult {
  key: string;
  name: string;
  kind: IndicatorKind;
  weight: number;
  status: ResultStatus;
  /** Ratio in percent (2 decimals), or null. */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Points earned (2 decimals), or null when not scored. */
  points: number | null;
  /** One plain sentence: how the figure was obtained. */
  explanation: string;
}

export interface UnitScore {
  group: UnitGroup;
  /** Total on a 100-point scale (2 decimals); rescaled when indicators are excluded. */
  total: number;
  /** Sum of the weights that were scored. */
  countedWeight: number;
  vetoed: boolean;
  vetoReasons: string[];
  grade: string;
  passed: boolean;
  /** True when a manual indicator has no entry yet (the score is provisional). */
  incomplete: boolean;
  results: IndicatorResult[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points for a ratio (0–1) under the indicator's thresholds; exact to 1/100 of a point. */
export function pointsFor(ind: Pick<Indicator, 'weight' | 'full' | 'zero'>, ratio: number): number {
  const full = (ind.full ?? 100) / 100;
  const zero = (ind.zero ?? 0) / 100;
  const f = ratio >= full ? 1 : ratio <= zero ? 0 : (ratio - zero) / (full - zero);
  return Math.round(ind.weight * 100 * f) / 100;
}

function measuredRatio(kind: IndicatorKind, m: MeasuredFigures): { num: number; den: number } | null {
  const published = m.onTime + m.late;
  switch (kind) {
    case 'on_time_rate':
      return { num: m.onTime, den: m.due };
    case 'coverage':
      return { num: m.covered, den: m.applicable };
    case 'display_compliance':
      return { num: published - m.displayShort, den: published };
    case 'channel_evidence': {
      // Every town inspection of a board is one more check of the board channel; a failed one counts like a missing photo.
      const inspections = m.boardInspections ?? 0;
      return { num: published - m.missingChannel + inspections - (m.boardInspectionsFailed ?? 0), den: published + inspections };
    }
    default:
      return null;
  }
}

function providerRatio(kind: IndicatorKind, p: ProviderFigures): { num: number; den: number } | null {
  if (kind === 'request_timeliness' && p.request_timeliness) return { num: p.request_timeliness.onTime, den: p.request_timeliness.due };
  if (kind === 'complaint_handling' && p.complaint_handling) return { num: p.complaint_handling.onTime, den: p.complaint_handling.due };
  if (kind === 'satisfaction' && p.satisfaction) return { num: p.satisfaction.satisfied, den: p.satisfaction.valid };
  if (kind === 'survey_satisfaction' && p.survey_satisfaction) return { num: p.survey_satisfaction.satisfied, den: p.survey_satisfaction.valid };
  return null;
}

/** Scores one unit against a set. Pure: the same inputs always give the same card. */
export function scoreUnit(set: IndicatorSet, input: UnitInput): UnitScore {
  const results: IndicatorResult[] = [];
  const vetoReasons: string[] = [];
  let incomplete = false;
  for (const ind of set.indicators.filter((i) => i.appliesTo.includes(input.group))) {
    const base = { key: ind.key, name: ind.name, kind: ind.kind, weight: ind.weight };
    if (ind.kind === 'veto') {
      const figure = ind.veto?.figure ?? 'manual';
      if (figure === 'manual') {
        const entry = input.manual.find((e) => e.indicatorKey === ind.key);
        const hit = !!entry && entry.value > 0;
        if (hit) vetoReasons.push(ind.name);
        results.push({
          ...base,
          status: hit ? 'veto_triggered' : 'veto_clear',
          ratio: null,
          numerator: null,
          denominator: null,
          points: null,
          explanation: hit ? '考评人员认定触发（见佐证）' : entry ? '考评人员认定未触发' : '未认定触发',
        });
        continue;
      }
      if (!input.measured) {
        results.push({ ...base, status: 'no_data', ratio: null, numerator: null, denominator: null, points: null, explanation: '暂无监测数据，未判定' });
        continue;
      }
      const count = input.measured[figure];
      const atLeast = ind.veto?.atLeast ?? 1;
      const hit = count >= atLeast;
      if (hit) vetoReasons.push(`${ind.name}（${VETO_FIGURES[figure]} ${count}，达到 ${atLeast}）`);
      results.push({
        ...base,
        status: hit ? 'veto_triggered' : 'veto_clear',
        ratio: null,
        numerator: count,
        denominator: null,
        points: null,
        explanation: `${VETO_FIGURES[figure]} ${count}，否决线 ${atLeast}`,
      });
      continue;
    }
    let fraction: { num: number; den: number } | null = null;
    let explanation: string;
    if (ind.kind === 'manual') {
      const entry = input.manual.find((e) => e.indicatorKey === ind.key);
      if (!entry) {
        incomplete = true;
        results.push({ ...base, status: 'pending', ratio: null, numerator: null, denominator: null, points: 0, explanation: '尚未录入，暂按0分计' });
        continue;
      }
      const points = pointsFor(ind, entry.value / 100);
      results.push({
        ...base,
        status: 'scored',
        ratio: round2(entry.value),
        numerator: null,
        denominator: null,
        points,
        explanation: `录入得分比例 ${round2(entry.value)}%`,
      });
      continue;
    }
    const provider = INDICATOR_KINDS[ind.kind].provider;
    if (provider === 'compliance') {
      fraction = input.measured ? measuredRatio(ind.kind, input.measured) : null;
      explanation = input.measured ? '' : '暂无监测数据';
    } else {
      fraction = providerRatio(ind.kind, input.providers);
      explanation = fraction ? '' : '暂无数据（相关功能尚未提供统计）';
    }
    if (!fraction || fraction.den === 0) {
      const why = fraction ? '本期无应计事项' : explanation;
      if ((ind.whenNoData ?? 'full') === 'full' && fraction) {
        results.push({ ...base, status: 'scored', ratio: null, numerator: 0, denominator: 0, points: ind.weight, explanation: `${why}，按满分计` });
      } else {
        results.push({
          ...base,
          status: fraction ? 'excluded' : 'no_data',
          ratio: null,
          numerator: fraction?.num ?? null,
          denominator: fraction?.den ?? null,
          points: null,
          explanation: `${why}，不计入总分（总分按其余指标折算为百分制）`,
        });
      }
      continue;
    }
    const ratio = fraction.num / fraction.den;
    results.push({
      ...base,
      status: 'scored',
      ratio: round2(ratio * 100),
      numerator: fraction.num,
      denominator: fraction.den,
      points: pointsFor(ind, ratio),
      explanation: `${INDICATOR_KINDS[ind.kind].formula} = ${fraction.num} ÷ ${fraction.den}`,
    });
  }
  const scored = results.filter((r) => r.kind !== 'veto' && (r.status === 'scored' || r.status === 'pending'));
  const countedWeight = scored.reduce((s, r) => s + r.weight, 0);
  const raw = scored.reduce((s, r) => s + (r.points ?? 0), 0);
  const total = countedWeight > 0 ? round2((raw * 100) / countedWeight) : 0;
  const vetoed = vetoReasons.length > 0;
  const passed = !vetoed && countedWeight > 0 && total >= set.passMark;
  return {
    group: input.group,
    total,
    countedWeight: round2(countedWeight),
    vetoed,
    vetoReasons,
    grade: gradeOf(set, total, vetoed, countedWeight > 0),
    passed,
    incomplete,
    results,
  };
}

export function gradeOf(set: IndicatorSet, total: number, vetoed: boolean, hasScore = true): string {
  if (vetoed) return '不合格（单项否决）';
  if (!hasScore) return '无法评定（暂无数据）';
  if (total < set.passMark) return '不合格';
  const bands = [...(set.grades ?? [])].sort((a, b) => b.min - a.min);
  return bands.find((b) => total >= b.min)?.label ?? '合格';
}

/** Competition ranking (1, 1, 3): vetoed and unscored units after all others, then by total descending. */
export function rankUnits<T extends { code: string; score: Pick<UnitScore, 'total' | 'vetoed' | 'countedWeight'> }>(rows: T[]): (T & { rank: number })[] {
  const key = (r: T) => (r.score.vetoed || r.score.countedWeight === 0 ? -1 : r.score.total);
  const sorted = [...rows].sort((a, b) => key(b) - key(a) || a.code.localeCompare(b.code));
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || key(r) !== key(sorted[i - 1])) rank = i + 1;
    return { ...r, rank };
  });
}

export interface SetProblem {
  path: string;
  message: string;
}

/** Validates an indicator set; every problem is listed in plain Chinese. */
export function validateSet(set: IndicatorSet): SetProblem[] {
  const problems: SetProblem[] = [];
  const keys = new Set<string>();
  if (set.indicators.length === 0) problems.push({ path: 'indicators', message: '指标体系至少要有一项指标' });
  set.indicators.forEach((ind, i) => {
    const at = `indicators[${i}]`;
    const label = `第${i + 1}项指标“${ind.name || ind.key}”`;
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(ind.key))
      problems.push({ path: `${at}.key`, message: `${label}的标识只能由小写字母、数字和下划线组成，以字母开头，不超过40个字符` });
    if (keys.has(ind.key)) problems.push({ path: `${at}.key`, message: `${label}的标识“${ind.key}”与其他指标重复` });
    keys.add(ind.key);
    if (!ind.name.trim()) problems.push({ path: `${at}.name`, message: `第${i + 1}项指标缺少名称` });
    if (ind.appliesTo.length === 0) problems.push({ path: `${at}.appliesTo`, message: `${label}没有选择适用对象` });
    if (ind.kind === 'veto') {
      if (ind.weight !== 0) problems.push({ path: `${at}.weight`, message: `${label}是单项否决指标，分值应为0` });
      if (!ind.veto) problems.push({ path: `${at}.veto`, message: `${label}缺少否决条件` });
      else if (ind.veto.figure !== 'manual' && !(Number.isInteger(ind.veto.atLeast) && ind.veto.atLeast >= 1))
        problems.push({ path: `${at}.veto.atLeast`, message: `${label}的否决线应为不小于1的整数` });
    } else {
      if (!(ind.weight > 0 && ind.weight <= 100) || Math.round(ind.weight * 100) !== ind.weight * 100)
        problems.push({ path: `${at}.weight`, message: `${label}的分值应大于0、不超过100，最多两位小数` });
      if (ind.veto) problems.push({ path: `${at}.veto`, message: `${label}不是单项否决指标，不能设置否决条件` });
      const full = ind.full ?? 100;
      const zero = ind.zero ?? 0;
      if (!(full > zero && zero >= 0 && full <= 100)) problems.push({ path: `${at}.full`, message: `${label}的得分线应满足 0 ≤ 零分线 < 满分线 ≤ 100` });
    }
  });
  for (const group of Object.keys(UNIT_GROUPS) as UnitGroup[]) {
    const inds = set.indicators.filter((i) => i.appliesTo.includes(group) && i.kind !== 'veto');
    if (inds.length === 0) continue;
    const sum = Math.round(inds.reduce((s, i) => s + i.weight, 0) * 100) / 100;
    if (sum !== 100) problems.push({ path: 'indicators', message: `适用于${UNIT_GROUPS[group]}的计分指标分值合计为${sum}分，应为100分` });
  }
  if (!(set.passMark > 0 && set.passMark <= 100)) problems.push({ path: 'passMark', message: '合格线应大于0、不超过100' });
  for (const [i, b] of (set.grades ?? []).entries()) {
    if (!b.label.trim() || !(b.min >= set.passMark && b.min <= 100))
      problems.push({ path: `grades[${i}]`, message: `第${i + 1}个等次应有名称，分数线不低于合格线、不超过100` });
  }
  return problems;
}

/** A starting set the county can edit (weights are the county's choice; this is only a template). */
export function templateSet(): IndicatorSet {
  const all: UnitGroup[] = ['department', 'township', 'village'];
  return {
    passMark: DEFAULT_PASS_MARK,
    grades: [],
    indicators: [
      { key: 'on_time', name: '按时公开', kind: 'on_time_rate', weight: 40, appliesTo: all, whenNoData: 'full' },
      { key: 'coverage', name: '目录事项覆盖', kind: 'coverage', weight: 20, appliesTo: all, whenNoData: 'full' },
      { key: 'display', name: '公示期达标', kind: 'display_compliance', weight: 10, appliesTo: all, whenNoData: 'full' },
      { key: 'channel', name: '公开栏等渠道佐证', kind: 'channel_evidence', weight: 10, appliesTo: all, whenNoData: 'full' },
      { key: 'requests', name: '依申请公开按期答复', kind: 'request_timeliness', weight: 10, appliesTo: ['department', 'township'], whenNoData: 'exclude' },
      { key: 'work', name: '工作机制与台账（人工评分）', kind: 'manual', weight: 20, appliesTo: ['village'] },
      { key: 'work_gov', name: '工作机制与台账（人工评分）', kind: 'manual', weight: 10, appliesTo: ['department', 'township'] },
      { key: 'veto_security', name: '发生泄密或严重错误', kind: 'veto', weight: 0, appliesTo: all, veto: { figure: 'manual', atLeast: 1 } },
    ],
  };
}
