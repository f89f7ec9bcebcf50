/**
 * The county's rules for 政民互动, as data (app_settings `interaction.settings`, edited by the county office).
 * Every default is labelled with where it comes from: the question limit follows the local rules quoted in
 * domain.md §5.2 (村(居)民委员会 answers or republishes within 10 days of a villager's question, a municipal
 * 民政 opinion citing 民基字〔2014〕169号; Shaanxi and other provinces also use 10 days); the other limits are
 * county choices (no source sets them) and say so.
 */
import { fail, ok, type Result } from '../../platform/result.ts';

export const SETTINGS_KEY = 'interaction.settings';

export interface TimeLimit {
  days: number;
  /** working: 工作日 on the statutory calendar (modules/calendar); calendar: 自然日 */
  unit: 'working' | 'calendar';
  source: string;
}

export interface InteractionSettings {
  limits: { question: TimeLimit; consult: TimeLimit; suggestion: TimeLimit; complaint: TimeLimit };
  /** Town 调查核实 after 不满意 / 未答复. */
  investigation: TimeLimit;
  /** Default period the town gives the village to correct (the town may set another per order). */
  orderWorkingDays: number;
  /** An 意见箱 not opened for longer than this shows in compliance. */
  boxOpeningMaxDays: number;
  /** A knowledge entry older than this (days since reviewed) is flagged for review. */
  knowledgeReviewDays: number;
  /** Shown on the suggestion/complaint form: where reports of misconduct go (not handled here). */
  misconductNotice: string;
  /**
   * Routing by the catalog's 公开领域: a 咨询/建议/投诉 naming a domain, sent to no unit or to the county as a whole, goes to
   * the unit responsible for that domain (questions always go to the unit that published). Each row says why.
   */
  domainRoutes: DomainRoute[];
}

export interface DomainRoute {
  domainCode: string;
  unitCode: string;
  source: string;
}

const COUNTY = '县级自定（无上位依据，默认值可在设置中修改）';
/** The default routes follow the departments' names (the same pairs as the catalog's demo domain assignments), not a Siyang document. */
const COUNTY_ROUTE = '县级自定（按部门名称与职责对应，未经县政府文件确认，可在设置中修改）';
const route = (domainCode: string, unitCode: string): DomainRoute => ({ domainCode, unitCode, source: COUNTY_ROUTE });

export const DEFAULT_SETTINGS: InteractionSettings = {
  limits: {
    question: {
      days: 10,
      unit: 'calendar',
      source: '村(居)民委员会对村民询问应在10日内答复或重新公布（民基字〔2014〕169号有关地方意见；陕西等省规定同为10日）',
    },
    consult: { days: 5, unit: 'working', source: COUNTY },
    suggestion: { days: 15, unit: 'working', source: COUNTY },
    complaint: { days: 10, unit: 'working', source: COUNTY },
  },
  investigation: { days: 15, unit: 'working', source: COUNTY },
  orderWorkingDays: 5,
  boxOpeningMaxDays: 30,
  knowledgeReviewDays: 365,
  misconductNotice: '反映公职人员违纪违法问题，请向纪检监察机关举报，本平台不受理此类举报。',
  domainRoutes: [
    route('shjz', 'dept-mzj'),
    route('ylfw', 'dept-mzj'),
    route('cxgh', 'dept-zrzyj'),
    route('ncjttd', 'dept-zrzyj'),
    route('gytdfwzs', 'dept-zrzyj'),
    route('czyjs', 'dept-czj'),
    route('snbt', 'dept-nyncj'),
    route('xczx', 'dept-nyncj'),
    route('ywjy', 'dept-jyj'),
    route('wsjk', 'dept-wjw'),
    route('jiuye', 'dept-rsj'),
    route('shbx', 'dept-rsj'),
  ],
};

function checkLimit(name: string, l: TimeLimit | undefined): string | null {
  if (!l || !Number.isInteger(l.days) || l.days < 1 || l.days > 120) return `${name}的期限应为1至120天`;
  if (l.unit !== 'working' && l.unit !== 'calendar') return `${name}的期限单位应为工作日或自然日`;
  if (typeof l.source !== 'string' || !l.source.trim() || l.source.length > 300) return `请写明${name}期限的依据（不超过300字）`;
  return null;
}

/** Pure validation of a settings document. */
export function validateSettings(s: InteractionSettings): Result<InteractionSettings> {
  const problems = [
    checkLimit('询问', s.limits?.question),
    checkLimit('咨询', s.limits?.consult),
    checkLimit('建议', s.limits?.suggestion),
    checkLimit('投诉', s.limits?.complaint),
    checkLimit('乡镇调查核实', s.investigation),
  ].filter(Boolean);
  if (!Number.isInteger(s.orderWorkingDays) || s.orderWorkingDays < 1 || s.orderWorkingDays > 60) problems.push('责令更正的期限应为1至60个工作日');
  if (!Number.isInteger(s.boxOpeningMaxDays) || s.boxOpeningMaxDays < 1 || s.boxOpeningMaxDays > 366) problems.push('意见箱开箱间隔应为1至366天');
  if (!Number.isInteger(s.knowledgeReviewDays) || s.knowledgeReviewDays < 30 || s.knowledgeReviewDays > 3660) problems.push('知识清单复核周期应为30至3660天');
  if (typeof s.misconductNotice !== 'string' || !s.misconductNotice.trim() || s.misconductNotice.length > 500)
    problems.push('请填写违纪违法举报去向的说明（不超过500字）');
  if (!Array.isArray(s.domainRoutes) || s.domainRoutes.length > 200) problems.push('按领域分派的规则最多200条');
  else {
    const seen = new Set<string>();
    s.domainRoutes.forEach((r, i) => {
      if (!r || typeof r.domainCode !== 'string' || !r.domainCode.trim() || typeof r.unitCode !== 'string' || !r.unitCode.trim())
        problems.push(`第${i + 1}条分派规则须写明领域和单位`);
      else if (seen.has(r.domainCode)) problems.push(`领域 ${r.domainCode} 的分派规则重复`);
      else seen.add(r.domainCode);
      if (r && (typeof r.source !== 'string' || !r.source.trim() || r.source.length > 300)) problems.push(`请写明第${i + 1}条分派规则的依据（不超过300字）`);
    });
  }
  if (problems.length) return fail(400, 'INVALID_SETTINGS', problems.join('；'), { problems });
  return ok(s);
}

/** Stored settings over the defaults (a missing key takes its default). */
export function mergeSettings(stored: Partial<InteractionSettings> | null): InteractionSettings {
  if (!stored) return DEFAULT_SETTINGS;
  return { ...DEFAULT_SETTINGS, ...stored, limits: { ...DEFAULT_SETTINGS.limits, ...(stored.limits ?? {}) } };
}
