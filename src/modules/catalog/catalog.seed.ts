/**
 * Version 1 of both catalogs, as seeded on first start (依据泗政办发〔2023〕72号初始建立).
 * Rows quoted in /work/shared/docs/domain.md §4.3–4.6 are copied with their bases and source
 * addresses; where the research gives no basis, the general basis 《中华人民共和国政府信息公开条例》
 * is used. No document number is used that does not appear in domain.md or the notice itself.
 */
import type { CatalogKind, ChannelUse, Channel, DisclosureLevel } from './catalog.types.ts';
import type { DisplayRule, TimeRule } from './time-rule.ts';

export const SEED_REASON = '依据泗政办发〔2023〕72号初始建立（实施方案第四部分“完善目录标准（2024年1月-2024年3月）”阶段）';
export const SEED_EFFECTIVE_FROM = '2024-01-01';
export const GENERAL_BASIS = '《中华人民共和国政府信息公开条例》';
const NOTICE = '泗政办发〔2023〕72号';
const NOTICE_SOURCE = `${NOTICE}《泗阳县推进基层政务公开与村(居)务公开标准化规范化协同发展实施方案》（http://siyang.gov.cn/siyang/zfbwj/202312/03ebbe03d3484c7097e1d88a3eb28b98.shtml）`;

/**
 * County settings, not law: the plan says only 每年初 and 按季度/按月, so the platform picks a day.
 * Changing them means a new catalog version (the rule lives in each row).
 */
export const VILLAGE_DEFAULTS = {
  /** 定期公开 (月/季): due on this day of the first month after the period (county setting). */
  periodicDueDay: 10,
  /** 固定公开 每年初: within this many working days of 1 January (条例第二十六条's 20 as the default). */
  yearStartWorkingDays: 20,
  /** 定期/即时公开: 每次公开时间不少于7个工作日 (plan 三(三)2(2)(3)). */
  displayWorkingDays: 7,
  /** 即时公开: 公开事项发生之日起3个工作日内 (plan 三(三)2(3)). */
  immediateWorkingDays: 3,
} as const;

export interface SeedDomain {
  code: string;
  catalog: CatalogKind;
  name: string;
  source: string;
}

export interface SeedItem {
  key: string;
  domainCode: string;
  level1: string;
  level2: string;
  elements: string[];
  bases: string[];
  timeRule: TimeRule;
  displayRule: DisplayRule;
  subject: string;
  channels: ChannelUse[];
  audience: 'public' | 'specific';
  mode: 'proactive' | 'on_request';
  levels: DisclosureLevel[];
  source: string;
}

/** The 26 key domains exactly as named (and ordered) in the plan 二(一). */
const GOV_DOMAINS: [string, string][] = [
  ['hjgl', '户籍管理'],
  ['aqsc', '安全生产'],
  ['bzxzf', '保障性住房'],
  ['czyjs', '财政预决算'],
  ['csxzzf', '城市综合执法'],
  ['cxgh', '城乡规划'],
  ['ggflfw', '公共法律服务'],
  ['ggwhfw', '公共文化服务'],
  ['ggzyfw', '公共资源服务'],
  ['gytdfwzs', '国有土地上房屋征收与补偿'],
  ['jzsc', '救灾生产'],
  ['jiuye', '就业'],
  ['ncjttd', '农村集体土地'],
  ['ncwfgz', '农村危房改造'],
  ['shbx', '社会保险'],
  ['shjz', '社会救助'],
  ['snbt', '涉农补贴'],
  ['sthj', '生态环境'],
  ['spyp', '食品药品'],
  ['szfw', '市政服务'],
  ['ssgl', '税收管理'],
  ['wsjk', '卫生健康'],
  ['xczx', '乡村振兴'],
  ['ylfw', '养老服务'],
  ['ywjy', '义务教育'],
  ['zdjsxm', '重大建设项目'],
];

/** The five village categories of plan 三(三)1. */
const VILLAGE_DOMAINS: [string, string][] = [
  ['v-cqgk', '村情概况'],
  ['v-cwgk', '村务公开'],
  ['v-cwu', '财务公开'],
  ['v-fwgk', '服务公开'],
  ['v-qtgk', '其他公开'],
];

export const SEED_DOMAINS: SeedDomain[] = [
  ...GOV_DOMAINS.map(([code, name]) => ({ code, catalog: 'government' as const, name, source: `${NOTICE} 二(一) 重点公开领域` })),
  ...VILLAGE_DOMAINS.map(([code, name]) => ({ code, catalog: 'village' as const, name, source: `${NOTICE} 三(三)1 制定公开目录` })),
];

const req = (...c: Channel[]): ChannelUse[] => c.map((channel) => ({ channel, required: true }));
const opt = (...c: Channel[]): ChannelUse[] => c.map((channel) => ({ channel, required: false }));
const wd = (trigger: 'formed_or_changed' | 'made_or_obtained', n: number): TimeRule => ({ kind: 'triggered', trigger, n, unit: 'working_days' });
const NONE: DisplayRule = { kind: 'none' };
const BOARD: Channel = '社区/企事业单位/村公示栏（电子屏）';

/** The 政策文件 row every domain carries (条例第二十条、第二十六条). */
function policyRow(code: string, name: string): SeedItem {
  return {
    key: `gov:${code}:policy`,
    domainCode: code,
    level1: '政策文件',
    level2: '政策文件',
    elements: [`与${name}相关的法律、法规、规章`, '本级制定的规范性文件和其他政策文件'],
    bases: [GENERAL_BASIS],
    timeRule: wd('formed_or_changed', 20),
    displayRule: NONE,
    subject: '县级相关部门、乡镇人民政府（街道办事处）',
    channels: [...req('政府网站'), ...opt('公开查阅点', '政务服务中心')],
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: `${NOTICE} 二(一) 领域清单；时限依《中华人民共和国政府信息公开条例》第二十条、第二十六条（信息形成或者变更之日起20个工作日内，domain.md §1.1）`,
  };
}

const SHJZ_SOURCE =
  '民政部社会救助领域基层政务公开标准指引（地方细化版），domain.md §4.3：https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html ；https://tengchong.gov.cn/zwgk1/zwgkbzh/shjzlyjczwgksxbzml.htm ；http://mdx.gov.cn/info/1473/43897.htm ；http://www.dazhu.gov.cn/xxgk-show-199777.html';
const SHJZ_BASIS = '《政府信息公开条例》及相关规定';
const SHJZ_SUBJECT = '县级政府民政部门、乡镇政府(街道办事处)';
const SNBT_SOURCE =
  '财政部、农业农村部涉农补贴领域基层政务公开标准指引（地方细化版），domain.md §4.4：https://www.tls.gov.cn/newtlsrmzf/c103254/202101/261324.shtml ；http://fangshan.gov.cn/xxgk/jcgk/202012/t20201212_1457111.html';
const SNBT_ELEMENTS = [
  '政策依据',
  '申请指南（补贴对象、补贴范围、补贴标准、申请程序、申请材料、咨询电话、受理单位、办理时限、联系方式等）',
  '补贴结果',
  '监督渠道（举报电话、地址等）',
];
const CZ_SOURCE =
  '财办发〔2019〕77号 财政预决算领域基层政务公开标准指引（地方细化版），domain.md §4.5：http://www.zs.gov.cn/sjz/sjml/content/post_1875410.html ；https://www.yongxiu.gov.cn/jsx/02/glyjczwgkml/202403/t20240301_6423112.html ；http://www.rushan.gov.cn/xzjdsdlygk/8/files/basic-html/page7.html ；http://www.tianmen.gov.cn/zwgk/bmhxzxxgkml/bm/scsglzfj/zfxxgk/xxgkzn/t_5857233.shtml';
const CZ_BASES = [
  '《预算法》',
  '《政府信息公开条例》',
  '《地方预决算公开操作规程》(财预〔2016〕143号)',
  '《地方政府债务信息公开办法(试行)》(财预〔2018〕209号)',
];
const BUDGET_ELEMENTS = [
  '一般公共预算收支表、支出明细表（按经济分类和功能分类）',
  '政府性基金预算收支表',
  '本级支出公开到功能分类项级、基本支出公开到经济分类款级',
  '专项转移支付分地区、分项目情况',
  '转移支付、政府债务情况说明',
  '“三公”经费总额及因公出国(境)费、公务用车购置及运行费、公务接待费，并说明增减变化原因',
  '空表也须公开并作出说明',
];

function shjz(key: string, level1: string, level2: string, elements: string[], extra: Partial<SeedItem> = {}): SeedItem {
  return {
    key: `gov:shjz:${key}`,
    domainCode: 'shjz',
    level1,
    level2,
    elements,
    bases: [SHJZ_BASIS],
    // 社会救助 uses 10 working days, shorter than the 条例's 20 (domain.md §4.3).
    timeRule: wd('made_or_obtained', 10),
    displayRule: NONE,
    subject: SHJZ_SUBJECT,
    channels: req('政府网站', '公开查阅点', '政务服务中心'),
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: SHJZ_SOURCE,
    ...extra,
  };
}

function snbt(key: string, level2: string, bases: string[], extra: Partial<SeedItem> = {}): SeedItem {
  return {
    key: `gov:snbt:${key}`,
    domainCode: 'snbt',
    level1: '农业生产发展资金',
    level2,
    elements: SNBT_ELEMENTS,
    bases,
    timeRule: wd('formed_or_changed', 20),
    displayRule: NONE,
    subject: '县级农业农村部门',
    channels: req('政府网站'),
    audience: 'public',
    mode: 'proactive',
    levels: ['county'],
    source: `${SNBT_SOURCE}；时限原文“信息形成或者变更之日起20个工作日内。法律、法规另有规定的，从其规定”`,
    ...extra,
  };
}

const GOV_EXTRA: SeedItem[] = [
  shjz('zhyw-policy', '综合业务', '政策法规文件', ['《社会救助暂行办法》', '各地配套政策法规文件']),
  shjz('zhyw-jdjc', '综合业务', '监督检查', ['社会救助信访通讯地址', '社会救助投诉举报电话'], {
    channels: req('政府网站', '公开查阅点', '政务服务中心', BOARD),
  }),
  shjz('dibao-policy', '最低生活保障', '政策法规文件', [
    '国发〔2012〕45号',
    '《最低生活保障审核审批办法(试行)》(民发〔2012〕220号)',
    '《最低生活保障审核确认办法》(民发〔2021〕57号)',
  ]),
  shjz('dibao-guide', '最低生活保障', '办事指南', ['办理事项', '办理条件', '最低生活保障标准', '申请材料', '办理流程', '办理时间', '地点', '联系方式']),
  shjz('dibao-review', '最低生活保障', '审核信息', ['初审对象名单及相关信息'], {
    displayRule: { kind: 'min_working_days', n: 7 },
    subject: '乡镇人民政府（街道办事处）',
    channels: req(BOARD),
    levels: ['township', 'village'],
    source: `${SHJZ_SOURCE}；时限原文“制定或获取信息之日起10个工作日内，公示7个工作日”(mdx)`,
  }),
  shjz('dibao-approval', '最低生活保障', '审批信息', ['低保对象名单及相关信息'], {
    // The issue (#3) gives this list as its example of an open-ended display period.
    displayRule: { kind: 'until', until: '享受待遇终止' },
    channels: req('政府网站', BOARD),
    source: `${SHJZ_SOURCE}；公示期“公示至享受待遇终止”按需求 issue #3 的示例设置（低保名单在享受待遇期间持续公开）`,
  }),
  shjz('tekun-review', '特困人员救助供养', '审核信息', ['初审对象名单及相关信息', '终止供养名单'], { bases: ['国发〔2016〕14号', '民发〔2016〕178号'] }),
  shjz('linshi-review', '临时救助', '审核审批信息', ['支出型临时救助对象名单', '救助金额', '救助事由'], {
    subject: '县级人民政府民政部门、乡镇人民政府(街道办事处)',
    source: '临时救助 审核审批信息，reference-data.md §2.2：http://www.daocheng.gov.cn/jczwgkx(s)j/article/509332 ；时限原文“制定或获取信息之日起10个工作日内”',
  }),
  snbt('njgz', '农机购置补贴', ['《农业机械化促进法》', '《农业生产发展资金管理办法》', '《2018-2020年农机购置补贴实施指导意见》']),
  snbt('gdlb', '耕地地力保护', ['《农业生产发展资金管理办法》', '《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》'], {
    subject: '乡镇人民政府、行政村村民委员会',
    channels: req(BOARD),
    levels: ['county', 'township'],
  }),
  snbt('gsznm', '新型职业农民培育（高素质农民培育）', ['中办国办关于土地经营权流转的意见', '《农业生产发展资金管理办法》', '十三五新型职业农民培育规划']),
  snbt('xxjyzt', '支持新型农业经营主体', [GENERAL_BASIS], { source: `${SNBT_SOURCE}；原表此行依据未列明，按通用依据填写` }),
  {
    key: 'gov:czyjs:gov-budget',
    domainCode: 'czyjs',
    level1: '财政预决算',
    level2: '政府预算',
    elements: BUDGET_ELEMENTS,
    bases: CZ_BASES,
    // 预算法: 本级人大或其常委会批准后20日内 — calendar days, not working days (domain.md §4.5).
    timeRule: { kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' },
    displayRule: NONE,
    subject: '地方各级财政部门（乡级：乡镇人民政府）',
    channels: req('政府网站'),
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: CZ_SOURCE,
  },
  {
    key: 'gov:czyjs:gov-final',
    domainCode: 'czyjs',
    level1: '财政预决算',
    level2: '政府决算',
    elements: BUDGET_ELEMENTS.map((e) => e.replace('预算', '决算')),
    bases: CZ_BASES,
    timeRule: { kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' },
    displayRule: NONE,
    subject: '地方各级财政部门（乡级：乡镇人民政府）',
    channels: req('政府网站'),
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: CZ_SOURCE,
  },
  {
    key: 'gov:czyjs:dept',
    domainCode: 'czyjs',
    level1: '财政预决算',
    level2: '部门预决算',
    elements: [
      '部门收支总体情况表、收入总体表、支出总体表、财政拨款收支表',
      '一般公共预算支出表（项级）、基本支出表（款级）、“三公”经费表、政府性基金支出表',
      '说明：职责、机构设置、收支增减、机关运行经费、政府采购（含授予中小企业合同金额及占比）',
      '逐步公开国有资产占用、绩效评价结果',
    ],
    bases: CZ_BASES,
    timeRule: { kind: 'triggered', trigger: 'replied', n: 20, unit: 'calendar_days' },
    displayRule: NONE,
    subject: '各部门、乡镇人民政府',
    channels: req('政府网站', '政府公报', '其他'),
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: `${CZ_SOURCE}；原表渠道“■部门网站”记为“其他”`,
  },
  {
    key: 'gov:ywjy:zcps',
    domainCode: 'ywjy',
    level1: '教师管理',
    level2: '教师职称评审',
    elements: ['教师职称评审相关信息'],
    bases: [GENERAL_BASIS],
    timeRule: wd('formed_or_changed', 3),
    displayRule: { kind: 'min_working_days', n: 7 },
    subject: '县级教育部门、乡镇人民政府',
    channels: [...req('政府网站'), ...opt('公开查阅点')],
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source:
      '洛江区虹山乡基层政务公开标准目录（义务教育），domain.md §4.6：http://qzlj.gov.cn/zwgk/ztzl/rdzt/lhzt/jzzwgkbzml/hsx_50823/202011/t20201114_2455665.htm ；时限原文“信息形成(变更)3个工作日内，公示时间不少于7个工作日”；一级事项名称为归类所加',
  },
  {
    key: 'gov:zdjsxm:zstd',
    domainCode: 'zdjsxm',
    level1: '征收土地信息',
    level2: '征收土地信息',
    elements: ['征地告知书', '征收土地方案', '征地公告', '征地补偿安置方案公告'],
    bases: [GENERAL_BASIS],
    timeRule: wd('formed_or_changed', 20),
    displayRule: NONE,
    subject: '县级人民政府及其自然资源部门、乡镇人民政府',
    channels: [...req('政府网站'), ...opt(BOARD)],
    audience: 'public',
    mode: 'proactive',
    levels: ['county', 'township'],
    source: '通海县重大建设项目领域公开目录，domain.md §4.6：https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html ；时限原文“信息形成20个工作日内”',
  },
];

/** 社会救助 already carries its own 政策法规文件 row (10 working days), so it gets no generic one. */
export const GOVERNMENT_SEED: SeedItem[] = [...GOV_DOMAINS.filter(([c]) => c !== 'shjz').map(([c, n]) => policyRow(c, n)), ...GOV_EXTRA];

// ---------------------------------------------------------------------------------------------
// Village (residents) affairs catalog: plan 三(三)1 items with the time rules of 三(三)2.

const LAW30 = '《中华人民共和国村民委员会组织法》第三十条';
const LAW24 = '《中华人民共和国村民委员会组织法》第二十四条';
const PLAN33 = `${NOTICE} 三(三)`;
const VILLAGE_CHANNELS = [...req(BOARD), ...opt('两微一端', '广播电视', '便民服务站', '入户/现场')];

type VillageRule = 'fixed' | 'quarterly' | 'monthly' | 'finance' | 'immediate' | 'long_term';

function villageRule(r: VillageRule): { timeRule: TimeRule; displayRule: DisplayRule; note: string } {
  const d = VILLAGE_DEFAULTS;
  const display: DisplayRule = { kind: 'min_working_days', n: d.displayWorkingDays };
  switch (r) {
    case 'fixed':
      return {
        timeRule: { kind: 'recurring', frequency: 'yearly', due: { type: 'working_days_after_start', n: d.yearStartWorkingDays }, shiftToWorkday: true },
        displayRule: NONE,
        note: `固定公开：三(三)2(1)“按年度进行公开，每年初公开一次，期间有调整的及时更新”；“年初”取年度开始后${d.yearStartWorkingDays}个工作日内（县级设置，默认值参照《中华人民共和国政府信息公开条例》第二十六条，方案未规定具体天数）`,
      };
    case 'quarterly':
    case 'monthly':
      return {
        timeRule: { kind: 'recurring', frequency: r, due: { type: 'day_in_next_period', monthOfPeriod: 1, day: d.periodicDueDay }, shiftToWorkday: true },
        displayRule: display,
        note: `定期公开：三(三)2(2)“按${r === 'quarterly' ? '季度' : '月'}进行公开……每次公开时间不少于7个工作日”；次期首月${d.periodicDueDay}日为县级设置（方案和法律均未规定具体日期），遇节假日顺延`,
      };
    case 'finance':
      return {
        timeRule: {
          kind: 'recurring',
          frequency: 'finance_adaptive',
          due: { type: 'day_in_next_period', monthOfPeriod: 1, day: d.periodicDueDay },
          shiftToWorkday: true,
        },
        displayRule: display,
        note: `《村民委员会组织法》第三十条“集体财务往来较多的，应当每月公布一次财务收支情况”，其他至少每季度一次；三(三)2“集体财务往来较多的村居，财务收支情况按月逐项公布”；次期首月${d.periodicDueDay}日为县级设置（不是法律规定），遇节假日顺延`,
      };
    case 'immediate':
      return {
        timeRule: { kind: 'immediate', n: d.immediateWorkingDays },
        displayRule: display,
        note: '即时公开：三(三)2(3)“应在公开事项发生之日起3个工作日内公开，公开时间不少于7个工作日”',
      };
    case 'long_term':
      return {
        timeRule: { kind: 'long_term', updateWithinWorkingDays: d.yearStartWorkingDays },
        displayRule: NONE,
        note: `长期公开：三(三)2“固定性工作长期公开”；变更后${d.yearStartWorkingDays}个工作日内更新为县级设置（默认值参照《中华人民共和国政府信息公开条例》第二十六条）`,
      };
  }
}

function v(
  domainCode: string,
  key: string,
  level1: string,
  level2: string,
  elements: string[],
  rule: VillageRule,
  bases: string[] = [LAW30, PLAN33],
): SeedItem {
  const r = villageRule(rule);
  return {
    key: `vil:${key}`,
    domainCode,
    level1,
    level2,
    elements,
    bases,
    timeRule: r.timeRule,
    displayRule: r.displayRule,
    subject: '村(居)民委员会',
    channels: VILLAGE_CHANNELS,
    audience: 'public',
    mode: 'proactive',
    levels: ['village'],
    source: `${NOTICE_SOURCE} 三(三)1；${r.note}`,
  };
}

export const VILLAGE_SEED: SeedItem[] = [
  v('v-cqgk', 'jbqk', '村情概况', '村(居)基本情况', ['村(居)基本情况'], 'fixed'),
  v('v-cqgk', 'gbxx', '村情概况', '干部基本信息', ['干部基本信息'], 'fixed'),
  v('v-cwgk', 'rqgh', '村务公开', '任期规划、任期目标和年度工作计划', ['村(居)委会任期规划', '任期目标', '年度工作计划'], 'fixed'),
  v('v-cwgk', 'hyjd', '村务公开', '村(居)民会议或村民代表会议的决定及实施情况', ['村(居)民会议或村民代表会议的决定', '决定的实施情况'], 'immediate', [
    LAW30,
    LAW24,
    PLAN33,
  ]),
  v('v-cwgk', 'mzpy', '村务公开', '民主评议村干部情况', ['民主评议村干部情况'], 'immediate'),
  v('v-cwgk', 'jsgh', '村务公开', '建设规划方案及其实施情况', ['建设规划方案', '实施情况'], 'quarterly'),
  v(
    'v-cwgk',
    'sbgs',
    '村务公开',
    '卫生健康、社会救助、义务教育等申办及结果公示情况',
    ['卫生健康、社会救助、义务教育等事项的申办情况', '办理结果公示'],
    'immediate',
  ),
  v('v-cwgk', 'tdzs', '村务公开', '土地征用征收及补偿情况', ['土地征用征收情况', '补偿情况'], 'immediate', [LAW30, LAW24, PLAN33]),
  v('v-cwgk', 'tdlz', '村务公开', '土地承包经营权流转情况', ['土地承包经营权流转情况'], 'quarterly'),
  v('v-cwgk', 'zjd', '村务公开', '宅基地批建、保障房审批情况', ['宅基地批建情况', '保障房审批情况'], 'quarterly'),
  v('v-cwgk', 'qtcw', '村务公开', '其他村(居)务信息', ['其他村(居)务信息'], 'quarterly'),
  v('v-cwu', 'szxq', '财务公开', '财务收支详情和“三资”管理情况', ['财务收支详情', '“三资”（资金、资产、资源）管理情况'], 'finance'),
  v(
    'v-cwu',
    'hnbt',
    '财务公开',
    '国家惠农补贴、扶持农业开发和资助村集体等资金的发放情况',
    ['国家惠农补贴发放情况', '扶持农业开发资金发放情况', '资助村集体资金发放情况'],
    'quarterly',
  ),
  v('v-cwu', 'zxjf', '财务公开', '救灾救济、城乡低保、五保供养、优待抚恤、城乡医疗救助等专项经费情况', ['专项经费的数量', '分配情况', '使用情况'], 'quarterly'),
  v('v-cwu', 'xmjs', '财务公开', '项目建设及资金使用情况', ['项目建设情况', '资金使用情况'], 'quarterly'),
  v('v-cwu', 'jyxx', '财务公开', '林权交易、集体资产出租、股权转让等交易信息', ['林权交易信息', '集体资产出租信息', '股权转让信息'], 'immediate', [
    LAW30,
    LAW24,
    PLAN33,
  ]),
  v('v-cwu', 'jzkw', '财务公开', '社会团体、民间组织、社会个人捐赠款物使用情况', ['捐赠款物接收情况', '捐赠款物使用情况'], 'quarterly'),
  v('v-fwgk', 'fwqd', '服务公开', '面向村(居)民的审批、公共服务事项清单、办事流程', ['审批事项清单', '公共服务事项清单', '办事流程'], 'long_term'),
  v('v-qtgk', 'hnzc', '其他公开', '各级党委、政府制定的惠农政策', ['各级党委、政府制定的惠农政策'], 'quarterly'),
  v('v-qtgk', 'fzxc', '其他公开', '法律知识普及服务，推广法治文化服务等信息', ['法律知识普及服务信息', '推广法治文化服务信息'], 'quarterly'),
  v('v-qtgk', 'cmyq', '其他公开', '村(居)民要求公开的其他内容', ['村(居)民要求公开的其他内容'], 'immediate'),
  v('v-qtgk', 'sjyq', '其他公开', '上级要求公开的其他内容', ['上级要求公开的其他内容'], 'immediate'),
];

/** Document numbers (〔year〕N号) used in seeded bases, elements and sources; the seed test checks each appears in the shared docs. */
export const DOCUMENT_NUMBERS_USED = [
  '泗政办发〔2023〕72号',
  '财办发〔2019〕77号',
  '财预〔2016〕143号',
  '财预〔2018〕209号',
  '国发〔2012〕45号',
  '民发〔2012〕220号',
  '民发〔2021〕57号',
  '国发〔2016〕14号',
  '民发〔2016〕178号',
];
