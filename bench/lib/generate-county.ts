/**
 * County-scale dataset for the benchmarks: the Siyang org tree plus generated villages up to ≈300
 * units, and ≈200,000 PUBLISHED disclosures over 2022–2026 with Chinese titles, bodies (200–1,500
 * characters, some with tables) and finance statements, then the search index built with the real
 * indexing code (publishing's search-document builder → platform/search indexDocuments, batches of 1,000).
 *
 * Rows are written directly with batched inserts, shaped as finalizePublication writes them:
 * disclosures (status published, 索引号, display window from the catalog rule, current_version 1),
 * disclosure_versions (version 1, public copy = original since the generated text has no personal
 * data, content hash as contentHash computes it), the public listing row (disclosure_listings, as
 * syncListing writes it), disclosure_index_serials, a create + publish workflow step, and a catalog
 * event for event-triggered items. Not written: audit events, webhook events (no subscribers),
 * submit/review steps. Deterministic (seeded PRNG, fixed ids).
 *
 * Streaming, bounded memory at any scale: rows are written and indexed 1,000 at a time; the only
 * per-record state is the sorted publication times (a Float64Array, 16 MB at 2,000,000 records).
 *
 * CLI: node --import tsx bench/lib/generate-county.ts --sqlite /tmp/x.sqlite [--scale 0.05] [--units 300]
 *      node --import tsx bench/lib/generate-county.ts --pg postgres://… [--scale 10] [--units 20000]
 */
import { sql } from 'kysely';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/platform/config/config.ts';
import { seededRandom } from '../../src/platform/seeded-random.ts';
import { chinaDate } from '../../src/platform/context.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { levelOf, seedSiyangOrg } from '../../src/modules/org/index.ts';
import { getCalendar } from '../../src/modules/calendar/index.ts';
import { displayMinimum } from '../../src/modules/publishing/disclosure.commands.ts';
import { contentHash } from '../../src/modules/publishing/disclosure.content.ts';
import { documentsFor } from '../../src/modules/publishing/disclosure.search.ts';
import { rebuildListingCounts } from '../../src/modules/publishing/disclosure-listing.repository.ts';
import { financeMonthsJson } from '../../src/modules/publishing/disclosure.finance-months.ts';
import { indexDocuments } from '../../src/platform/search/index.ts';
import type { DisplayRule } from '../../src/modules/catalog/index.ts';

export const FULL_DISCLOSURES = 200_000;
export const TARGET_UNITS = 300;
const GENERATOR_VERSION = 1;
/** Marker row in app_settings: a database with the same marker is reused as it is. */
export const MARKER_KEY = 'bench.county';

export interface GenerateOptions {
  sqliteFile?: string;
  databaseUrl?: string;
  scale?: number;
  seed?: number;
  /** Active units to reach with generated 示范村 (default TARGET_UNITS, a county; a province ≈ 20,000). */
  units?: number;
  log?: (msg: string) => void;
  /** false: write the records but leave the search index empty (to time `gongkai reindex` alone). */
  index?: boolean;
}

export interface GenerateResult {
  scale: number;
  units: number;
  disclosures: number;
  financeStatements: number;
  reused: boolean;
  seconds: { insert: number; index: number; total: number };
}

function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof prng>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const cn = (n: number) => n.toLocaleString('zh-CN');

// ---- phrase bank --------------------------------------------------------------------------------

const PHRASES: Record<string, string[]> = {
  dibao: [
    '根据《江苏省最低生活保障办法》和县民政局有关规定，经村民小组评议、村（居）委会入户调查，现将城乡最低生活保障对象审核情况予以公示。',
    '本次新增低保对象均已完成家庭经济状况核对，收入和财产状况符合城乡低保条件。',
    '对因病致贫、因残致贫的困难家庭，按照“应保尽保、应退尽退”的原则实行动态管理。',
    '低保金按月通过“一卡通”直接发放到户，任何单位和个人不得截留、挪用。',
    '特困供养人员的基本生活标准按照不低于当地低保标准的1.3倍确定，照料护理费按失能等级分档发放。',
    '临时救助对象因突发事件、意外伤害导致基本生活暂时出现严重困难的，经审核后给予一次性救助。',
  ],
  butie: [
    '耕地地力保护补贴按照第二轮土地承包面积核定，补贴资金通过“一卡通”发放到农户账户。',
    '农机购置补贴实行自主购机、定额补贴、先购后补、县级结算、直补到卡的方式。',
    '惠农补贴发放情况已经村务监督委员会审核，补贴对象、面积、标准和金额一并公开。',
    '高龄老人尊老金按月发放，80周岁以上老人均可申领，由村（居）委会协助办理。',
    '残疾人两项补贴包括困难残疾人生活补贴和重度残疾人护理补贴，按季度发放。',
    '稻谷目标价格补贴按实际种植面积核定，种植面积由村民小组逐户丈量并签字确认。',
  ],
  zjd: [
    '宅基地申请须符合国土空间规划和村庄规划，坚持“一户一宅”，面积不得超过规定标准。',
    '经村民小组会议讨论通过后，将申请人、拟用地位置、面积、四至等信息在本村公示不少于五个工作日。',
    '农房建设实行“规划许可、放线到场、竣工验收”全过程管理，严禁未批先建、少批多占。',
    '保障性住房审批对象须符合住房困难和收入条件，审批结果按程序公示接受群众监督。',
  ],
  caiwu: [
    '现将本村（社区）本期财务收支情况公开如下，接受全体村（居）民监督。',
    '本期收入主要为集体资产发包租赁收入、上级补助收入和经营收入，支出主要为公益事业支出、管理费用和干部报酬。',
    '所有支出均履行了“四议两公开”程序，大额支出经村民代表会议讨论通过。',
    '“三资”管理实行村账镇代管，资金收付一律通过银行结算，杜绝坐支现金。',
    '如对公开内容有异议，请在公示期内向村务监督委员会或镇（街道）农经中心反映。',
    '本期村集体经营性收入较上年同期有所增长，主要来源于厂房出租和土地流转服务费。',
  ],
  daolu: [
    '村内道路硬化工程全长约两公里，路面宽度四点五米，采用C30水泥混凝土浇筑。',
    '项目资金来源为上级“一事一议”财政奖补资金和村集体自筹资金，工程已通过镇级验收。',
    '桥梁维修加固工程由具备资质的施工单位实施，监理单位全程旁站监督。',
    '农村公路养护实行“路长制”，对坑槽、裂缝等病害及时修补，确保群众出行安全。',
    '本项目通过公开招标确定施工单位，中标价格、工期和质量要求均已公示。',
  ],
  chunjie: [
    '春节前夕，村（居）两委组织开展走访慰问活动，为困难群众、老党员和退役军人送去慰问金和米面油。',
    '本次慰问共走访困难家庭若干户，发放慰问金和慰问物资，所需资金由上级拨付和村集体列支。',
    '慰问对象经村民小组推荐、两委会研究确定，名单在村务公开栏公示。',
    '中秋、重阳期间，为高龄老人和留守儿童开展关爱活动，传递党和政府的温暖。',
  ],
  tudi: [
    '土地承包经营权流转遵循依法、自愿、有偿的原则，流转合同统一使用省级示范文本。',
    '本期土地流转面积、流转价格、受让方及流转期限详见下表，流转费用按年度支付到户。',
    '土地征收补偿标准按照省政府公布的区片综合地价执行，青苗和地上附着物补偿另行计算。',
    '征地补偿款已全部足额发放到被征地农户，村集体留存部分纳入集体资产统一管理。',
  ],
  zhengce: [
    '为进一步规范政务公开工作，根据《中华人民共和国政府信息公开条例》，结合我县实际，制定本办法。',
    '各乡镇（街道）、县各有关部门要高度重视，明确责任分工，确保各项工作落到实处。',
    '本文件自印发之日起施行，由县有关部门负责解释。',
    '各单位要加强政策解读，通过政府网站、政务新媒体和公开栏等渠道及时发布信息。',
    '对不按规定公开、公开内容不真实的，依法依规追究有关单位和人员的责任。',
    '坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。',
  ],
  cunwu: [
    '经村民代表会议讨论通过，现将有关事项公布如下，公示期内如有异议请向村务监督委员会反映。',
    '本村严格落实“四议两公开”工作法，重大事项由村党组织提议、两委会商议、党员大会审议、村民代表会议决议。',
    '村务监督委员会对本次公开内容进行了审核，确认内容真实、完整。',
    '公开方式为村务公开栏、“泗阳村务”微信群和县政务公开平台同步发布。',
    '人居环境整治方面，本村开展了河塘清淤、垃圾分类和厕所改造，群众满意度明显提升。',
    '民主评议村干部活动由村民代表和党员代表参加，评议结果作为年度考核的重要依据。',
  ],
};
const TOPIC_WORDS = ['低保', '补贴', '宅基地', '财务', '道路', '春节慰问', '土地流转', '人居环境', '危房改造', '医疗救助', '农田水利', '集体资产'];

function body(rng: Rng, topics: string[], target: number, table?: string): string {
  const paras: string[] = [];
  let len = 0;
  const pool = topics.flatMap((t) => PHRASES[t]).concat(PHRASES.cunwu);
  while (len < target) {
    const n = rng.int(2, 4);
    let p = '';
    for (let i = 0; i < n; i++) p += rng.pick(pool);
    paras.push(`<p>${p}</p>`);
    len += p.length;
  }
  if (table) paras.splice(1, 0, table);
  return paras.join('');
}

function htmlTable(rng: Rng, head: string[], rows: number, row: (i: number) => string[]): string {
  const tr = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  const bodyRows = Array.from({ length: rows }, (_, i) => tr(row(i), 'td')).join('');
  void rng;
  return `<table><thead>${tr(head, 'th')}</thead><tbody>${bodyRows}</tbody></table>`;
}

// ---- items → titles -----------------------------------------------------------------------------

interface ItemRow {
  id: string;
  item_key: string;
  domain_code: string;
  level1: string;
  level2: string;
  levels_json: string;
  time_rule_json: string;
  display_rule_json: string;
  channels_json: string;
}

interface Draft {
  title: string;
  bodyHtml: string;
  period: string | null;
  tables: unknown[] | null;
  topics: string[];
}

const SUBJECTS_IN = ['经营收入', '发包及上交收入', '补助收入', '投资收益', '其他收入'];
const SUBJECTS_OUT = ['管理费用', '公益支出', '干部报酬', '经营支出', '其他支出'];
const SUMMARY_IN = ['收厂房租金', '收鱼塘承包费', '收上级转移支付', '收土地流转服务费', '收一事一议奖补资金'];
const SUMMARY_OUT = ['支付道路养护费', '支付保洁员工资', '购买办公用品', '支付水电费', '支付春节慰问物资款', '支付沟渠清淤费'];

function financeStatement(rng: Rng, year: number, month: number) {
  const n = rng.int(15, 60);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lines = [];
  let income = 0;
  let expense = 0;
  for (let i = 0; i < n; i++) {
    const isIn = rng.next() < 0.3;
    const fen = rng.int(50, 5000) * 100 + rng.int(0, 99);
    if (isIn) income += fen;
    else expense += fen;
    lines.push({
      row: i + 2,
      date: `${year}-${pad(month)}-${pad(rng.int(1, last))}`,
      voucherNo: `记-${i + 1}`,
      summary: rng.pick(isIn ? SUMMARY_IN : SUMMARY_OUT),
      subject: rng.pick(isIn ? SUBJECTS_IN : SUBJECTS_OUT),
      income: isIn ? fen : 0,
      expense: isIn ? 0 : fen,
    });
  }
  lines.sort((a, b) => a.date.localeCompare(b.date));
  const opening = rng.int(100_000, 3_000_000) * 100;
  return {
    periodStart: `${year}-${pad(month)}-01`,
    periodEnd: `${year}-${pad(month)}-${pad(last)}`,
    openingBalance: opening,
    closingBalance: opening + income - expense,
    lines,
    totals: { income, expense },
  };
}

function draftFor(rng: Rng, item: ItemRow, unitName: string, date: string): Draft {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const q = Math.ceil(m / 3);
  const len = rng.int(200, 1500);
  const prevM = m === 1 ? 12 : m - 1;
  const prevY = m === 1 ? y - 1 : y;
  const k = item.item_key;
  const thing = rng.pick([
    '村内道路硬化工程',
    '农村人居环境整治',
    '高标准农田建设项目',
    '村级活动阵地改造',
    '危房改造',
    '小型农田水利设施维修',
    '集体厂房出租',
    '桥梁维修加固工程',
  ]);
  const tq = `${y}年第${'一二三四'[q - 1]}季度`;
  switch (k) {
    case 'vil:szxq': {
      const st = financeStatement(rng, prevY, prevM);
      return {
        title: `${unitName}${prevY}年${prevM}月财务收支公开`,
        period: `${prevY}-${pad(prevM)}`,
        tables: [{ kind: 'finance', statement: st }],
        topics: ['caiwu'],
        bodyHtml: `<p>现将${unitName}${prevY}年${prevM}月财务收支情况公开如下：本月收入${cn(st.totals.income / 100)}元，支出${cn(st.totals.expense / 100)}元，月末余额${cn(st.closingBalance / 100)}元。</p>${body(rng, ['caiwu'], len)}`,
      };
    }
    case 'vil:zxjf':
      return {
        title: rng.next() < 0.5 ? `${unitName}城乡最低生活保障对象名单公示` : `${unitName}${tq}低保、五保供养专项经费发放情况`,
        period: `${y}-Q${q}`,
        tables: null,
        topics: ['dibao'],
        bodyHtml: body(
          rng,
          ['dibao'],
          len,
          htmlTable(rng, ['村民小组', '保障户数', '保障人数', '发放金额（元）'], rng.int(3, 8), (i) => [
            `第${i + 1}组`,
            String(rng.int(2, 15)),
            String(rng.int(3, 30)),
            cn(rng.int(2000, 30000)),
          ]),
        ),
      };
    case 'vil:hnbt':
      return {
        title: `${unitName}${y}年${rng.pick(['耕地地力保护补贴', '惠农补贴', '稻谷目标价格补贴', '高龄老人尊老金'])}发放情况公示`,
        period: `${y}-Q${q}`,
        tables: null,
        topics: ['butie'],
        bodyHtml: body(
          rng,
          ['butie'],
          len,
          htmlTable(rng, ['村民小组', '户数', '面积（亩）', '补贴金额（元）'], rng.int(3, 8), (i) => [
            `第${i + 1}组`,
            String(rng.int(10, 80)),
            String(rng.int(100, 900)),
            cn(rng.int(10000, 90000)),
          ]),
        ),
      };
    case 'vil:zjd':
      return { title: `${unitName}${tq}宅基地批建情况公示`, period: `${y}-Q${q}`, tables: null, topics: ['zjd'], bodyHtml: body(rng, ['zjd'], len) };
    case 'vil:xmjs':
      return {
        title: `关于${unitName}${thing}及资金使用情况的公示`,
        period: `${y}-Q${q}`,
        tables: null,
        topics: ['daolu', 'caiwu'],
        bodyHtml: body(rng, ['daolu', 'caiwu'], len),
      };
    case 'vil:tdlz':
      return { title: `${unitName}${tq}土地承包经营权流转情况`, period: `${y}-Q${q}`, tables: null, topics: ['tudi'], bodyHtml: body(rng, ['tudi'], len) };
    case 'vil:tdzs':
      return { title: `关于${unitName}土地征收补偿情况的公示`, period: null, tables: null, topics: ['tudi'], bodyHtml: body(rng, ['tudi', 'caiwu'], len) };
    case 'vil:jzkw':
      return {
        title: `${unitName}${y}年春节慰问及捐赠款物使用情况`,
        period: `${y}-Q${q}`,
        tables: null,
        topics: ['chunjie'],
        bodyHtml: body(rng, ['chunjie', 'caiwu'], len),
      };
    case 'vil:sbgs':
      return {
        title: `关于${unitName}${rng.pick(['低保申请', '医疗救助', '临时救助', '残疾人补贴申请'])}审核结果的公示`,
        period: null,
        tables: null,
        topics: ['dibao'],
        bodyHtml: body(rng, ['dibao', 'butie'], len),
      };
    case 'vil:jbqk':
      return { title: `${unitName}${y}年村（居）基本情况`, period: `${y}`, tables: null, topics: ['cunwu'], bodyHtml: body(rng, ['cunwu'], len) };
    case 'vil:gbxx':
      return { title: `${unitName}${y}年村（居）干部基本信息`, period: `${y}`, tables: null, topics: ['cunwu'], bodyHtml: body(rng, ['cunwu'], len) };
    case 'vil:rqgh':
      return { title: `${unitName}${y}年度工作计划`, period: `${y}`, tables: null, topics: ['cunwu'], bodyHtml: body(rng, ['cunwu', 'daolu'], len) };
    default:
      break;
  }
  if (k.startsWith('vil:')) {
    const topic = rng.pick(['cunwu', 'daolu', 'chunjie', 'butie']);
    const period = item.time_rule_json.includes('"quarterly"') ? `${y}-Q${q}` : null;
    return {
      title: `关于${unitName}${item.level2.replace(/情况$/, '').slice(0, 16)}${rng.pick(['的公示', '情况公开', '的公告'])}（${y}年${m}月）`,
      period,
      tables: null,
      topics: [topic],
      bodyHtml: body(rng, [topic], len),
    };
  }
  // Government catalog.
  const topicByDomain: Record<string, string> = { shjz: 'dibao', snbt: 'butie', czyjs: 'caiwu', zdjsxm: 'tudi', xczx: 'daolu' };
  const topic = topicByDomain[item.domain_code] ?? 'zhengce';
  const word = rng.pick(TOPIC_WORDS);
  const titles =
    item.level2 === '政策文件'
      ? [`${unitName}关于进一步做好${word}工作的通知`, `${unitName}关于印发《${word}工作实施方案》的通知`, `关于${y}年度${word}工作的实施意见`]
      : [`${unitName}${y}年${item.level2}`, `关于${y}年${item.level1}${item.level2}的公告`, `${unitName}${item.level1}${item.level2}（${y}年第${q}季度）`];
  return { title: rng.pick(titles), period: null, tables: null, topics: [topic], bodyHtml: body(rng, [topic, 'zhengce'], len) };
}

// ---- generation ---------------------------------------------------------------------------------

export async function openCountyRuntime(
  opts: Pick<GenerateOptions, 'sqliteFile' | 'databaseUrl'>,
  dataDir: string,
  extra: { prepared?: boolean } = {},
): Promise<Runtime> {
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const config = loadConfig({}, { databaseUrl: opts.databaseUrl ?? null, logLevel: 'silent', demo: false, dataDir, jobs: false });
  return openRuntime(config, { logger: silent, sqliteFile: opts.sqliteFile, prepared: extra.prepared });
}

export async function generateCounty(opts: GenerateOptions): Promise<GenerateResult> {
  const rt = await openCountyRuntime(opts, path.dirname(opts.sqliteFile ?? '/tmp/x'));
  try {
    return await generateInto(rt.ctx, opts);
  } finally {
    await rt.close();
  }
}

/**
 * Generates the county into an open runtime (a migrated database; tests pass theirs, with their
 * clock: the records are published up to an hour before its now). Same marker and reuse rules.
 */
export async function generateInto(ctx: Runtime['ctx'], opts: Omit<GenerateOptions, 'sqliteFile' | 'databaseUrl'>): Promise<GenerateResult> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const scale = opts.scale ?? 1;
  const seed = opts.seed ?? 20261126;
  const targetUnits = opts.units ?? TARGET_UNITS;
  const marker = { version: GENERATOR_VERSION, scale, seed };
  const t0 = performance.now();
  const db = ctx.db;
  {
    const existing = await db.selectFrom('app_settings').select('value_json').where('key', '=', MARKER_KEY).executeTakeFirst();
    if (existing) {
      const m = JSON.parse(existing.value_json) as typeof marker & { units: number; disclosures: number; financeStatements: number; targetUnits?: number };
      if (m.version === marker.version && m.scale === scale && m.seed === seed && (m.targetUnits ?? TARGET_UNITS) === targetUnits) {
        log(`dataset already present (scale ${scale}, ${cn(m.disclosures)} disclosures): reused`);
        let indexS = 0;
        if ((m as { indexed?: boolean }).indexed === false && opts.index !== false) {
          // Generated with --no-index: build the index now, as generation would have.
          indexS = await indexAll(ctx, m.disclosures, log);
          await db
            .updateTable('app_settings')
            .set({ value_json: JSON.stringify({ ...m, indexed: true }), updated_at: new Date().toISOString() })
            .where('key', '=', MARKER_KEY)
            .execute();
        }
        return {
          scale,
          units: m.units,
          disclosures: m.disclosures,
          financeStatements: m.financeStatements,
          reused: true,
          seconds: { insert: 0, index: indexS, total: (performance.now() - t0) / 1000 },
        };
      }
      throw new Error(`the database holds a different generated dataset (${existing.value_json}); use a fresh database`);
    }
    const genesis = new Date('2022-01-01T00:00:00Z');
    await seedSiyangOrg(db, genesis);
    const towns = await db
      .selectFrom('org_units')
      .selectAll()
      .where('kind', 'in', ['town', 'township', 'street'])
      .where('active', '=', 1)
      .orderBy('code')
      .execute();
    let units = await db.selectFrom('org_units').selectAll().where('active', '=', 1).execute();
    const extra = [];
    for (let i = 0; units.length + i < targetUnits; i++) {
      const t = towns[i % towns.length];
      const code = `${t.code}-sf${pad(i + 1, 3)}`;
      extra.push({
        code,
        division_code: null,
        name: `示范村${pad(i + 1, targetUnits > 1000 ? 5 : 3)}`,
        kind: 'village',
        parent_code: t.code,
        path: `${t.path}${code}/`,
        depth: t.depth + 1,
        address: null,
        postal_code: null,
        phone: null,
        email: null,
        office_hours: null,
        active: 1,
        established_on: null,
        abolished_on: null,
        is_demo: 1,
        source: 'bench:generate-county',
        note: '基准测试生成的示范单位，非真实村（社区）',
        sort_order: 1000 + i,
        created_at: genesis.toISOString(),
        updated_at: genesis.toISOString(),
      });
    }
    for (let i = 0; i < extra.length; i += 100)
      await db
        .insertInto('org_units')
        .values(extra.slice(i, i + 100))
        .execute();
    units = await db.selectFrom('org_units').selectAll().where('active', '=', 1).orderBy('code').execute();
    log(`units: ${units.length} active (${extra.length} generated 示范村)`);

    const items = (await db
      .selectFrom('catalog_items as i')
      .innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
      .select(['i.id', 'i.item_key', 'i.domain_code', 'i.level1', 'i.level2', 'i.levels_json', 'i.time_rule_json', 'i.display_rule_json', 'i.channels_json'])
      .where('v.status', '=', 'published')
      .orderBy('i.item_key')
      .execute()) as ItemRow[];
    const unitItems = units
      .map((u) => {
        const level = levelOf(u.kind);
        const village = u.kind === 'village' || u.kind === 'community';
        const its = items.filter((i) => i.item_key.startsWith('vil:') === village && (JSON.parse(i.levels_json) as string[]).includes(level));
        return { unit: u, catalog: village ? 'village' : 'government', items: its };
      })
      .filter((x) => x.items.length > 0);
    const calendar = await getCalendar(ctx);
    const total = Math.round(FULL_DISCLOSURES * scale);
    const rng = prng(seed);
    const start = Date.parse('2022-01-04T01:00:00Z');
    const end = Math.min(Date.parse('2026-12-31T09:00:00Z'), ctx.clock.now().getTime() - 3600_000);
    // Villages publish more than offices: weight 3 for villages, 1 otherwise.
    const weighted = unitItems.flatMap((x) => (x.catalog === 'village' ? [x, x, x] : [x]));
    const serials = new Map<string, number>();
    let finance = 0;
    const BATCH = 1000;
    const tIns = performance.now();
    // Publication times in increasing order, so 索引号 serials follow time within a unit and year: 8 bytes a
    // record in a typed array (16 MB at 2,000,000), drawn first so every scale keeps the same texts as before.
    const times = new Float64Array(total);
    for (let i = 0; i < total; i++) times[i] = start + Math.floor(rng.next() * (end - start));
    times.sort();
    const timeOf = (i: number) => times[i];
    const paths = new Map(units.map((u) => [u.code, u.path]));
    for (let b = 0; b < total; b += BATCH) {
      const dRows: Record<string, unknown>[] = [];
      const lRows: Record<string, unknown>[] = [];
      const vRows: Record<string, unknown>[] = [];
      const sRows: Record<string, unknown>[] = [];
      const eRows: Record<string, unknown>[] = [];
      for (let i = b; i < Math.min(total, b + BATCH); i++) {
        const x = rng.pick(weighted);
        const item = rng.pick(x.items);
        const time = timeOf(i);
        const publishedAt = new Date(time);
        const pubDate = chinaDate(publishedAt);
        const year = Number(pubDate.slice(0, 4));
        const id = `00000000-0000-4000-8000-${pad(i, 12)}`;
        const d = draftFor(rng, item, x.unit.name, pubDate);
        const formedOn = chinaDate(new Date(time - rng.int(1, 5) * 86400_000));
        const sk = `${x.unit.code}|${year}`;
        const serial = (serials.get(sk) ?? 0) + 1;
        serials.set(sk, serial);
        const indexNo = `${x.unit.index_prefix?.trim() || x.unit.code}/${year}-${pad(serial, 5)}`;
        const rule = JSON.parse(item.display_rule_json) as DisplayRule;
        const win = displayMinimum(rule, pubDate, calendar);
        const tablesJson = d.tables ? JSON.stringify(d.tables) : null;
        if (d.tables) finance++;
        const docNo = x.catalog === 'government' && item.level2 === '政策文件' ? `泗政发〔${year}〕${serial}号` : null;
        const hash = contentHash({
          disclosureId: id,
          versionNo: 1,
          unitCode: x.unit.code,
          indexNo,
          title: d.title,
          docNo,
          formedOn,
          bodyHtml: d.bodyHtml,
          tables: tablesJson,
        });
        const eventId =
          !item.time_rule_json.includes('"recurring"') && !item.time_rule_json.includes('"long_term"') ? `00000000-0000-4000-9000-${pad(i, 12)}` : null;
        const iso = publishedAt.toISOString();
        const createdAt = new Date(time - 2 * 86400_000).toISOString();
        dRows.push({
          id,
          unit_code: x.unit.code,
          catalog: x.catalog,
          item_key: item.item_key,
          item_id: item.id,
          period: d.period,
          event_id: eventId,
          status: 'published',
          title: d.title,
          doc_no: docNo,
          formed_on: formedOn > pubDate ? pubDate : formedOn,
          body_html: d.bodyHtml,
          channels_json: JSON.stringify((JSON.parse(item.channels_json) as { channel: string }[]).map((c) => c.channel)),
          pii_decisions_json: '[]',
          tables_json: tablesJson,
          submitted_by: 'bench',
          submitted_at: createdAt,
          scheduled_at: null,
          published_at: iso,
          published_by: 'bench',
          index_no: indexNo,
          index_year: year,
          index_serial: serial,
          display_rule_json: item.display_rule_json,
          display_min_end: win.minEnd,
          display_provisional: win.provisional,
          display_planned_end: null,
          withdrawn_at: null,
          withdrawn_by: null,
          withdrawn_reason: null,
          current_version: 1,
          created_at: createdAt,
          created_by: 'bench',
          updated_at: iso,
        });
        lRows.push({
          disclosure_id: id,
          unit_code: x.unit.code,
          unit_path: paths.get(x.unit.code),
          catalog: x.catalog,
          item_key: item.item_key,
          domain_code: item.domain_code,
          period: d.period,
          event_id: eventId,
          status: 'published',
          published_at: iso,
          display_rule_json: item.display_rule_json,
          display_min_end: win.minEnd,
          display_planned_end: null,
          display_until: win.minEnd ?? '9999-12-31',
          title: d.title,
          index_no: indexNo,
          version: 1,
          has_finance: d.tables ? 1 : 0,
          finance_months_json: financeMonthsJson(tablesJson),
          withdrawn_at: null,
          withdrawn_reason: null,
          changed_at: iso,
        });
        vRows.push({
          id: `00000000-0000-4000-a000-${pad(i, 12)}`,
          disclosure_id: id,
          version_no: 1,
          title: d.title,
          doc_no: docNo,
          body_html: d.bodyHtml,
          public_title: d.title,
          public_body_html: d.bodyHtml,
          reason: null,
          content_hash: hash,
          tables_json: tablesJson,
          public_tables_json: tablesJson,
          created_at: iso,
          created_by: 'bench',
        });
        sRows.push({
          id: `00000000-0000-4000-b000-${pad(i, 12)}`,
          disclosure_id: id,
          seq: 1,
          action: 'create',
          from_status: 'draft',
          to_status: 'draft',
          actor_user_id: 'bench',
          actor_name: '基准测试',
          role: null,
          comment: null,
          at: createdAt,
        });
        sRows.push({
          id: `00000000-0000-4000-c000-${pad(i, 12)}`,
          disclosure_id: id,
          seq: 2,
          action: 'publish',
          from_status: 'approved',
          to_status: 'published',
          actor_user_id: 'bench',
          actor_name: '基准测试',
          role: null,
          comment: null,
          at: iso,
        });
        if (eventId)
          eRows.push({
            id: eventId,
            unit_code: x.unit.code,
            item_key: item.item_key,
            item_id: item.id,
            occurred_on: dRows.at(-1)!.formed_on,
            title: d.title,
            created_at: iso,
            created_by: 'bench',
          });
      }
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < dRows.length; i += 250)
          await trx
            .insertInto('disclosures')
            .values(dRows.slice(i, i + 250) as never)
            .execute();
        for (let i = 0; i < vRows.length; i += 500)
          await trx
            .insertInto('disclosure_versions')
            .values(vRows.slice(i, i + 500) as never)
            .execute();
        for (let i = 0; i < lRows.length; i += 500)
          await trx
            .insertInto('disclosure_listings')
            .values(lRows.slice(i, i + 500) as never)
            .execute();
        for (let i = 0; i < sRows.length; i += 1000)
          await trx
            .insertInto('disclosure_steps')
            .values(sRows.slice(i, i + 1000) as never)
            .execute();
        for (let i = 0; i < eRows.length; i += 1000)
          await trx
            .insertInto('catalog_events')
            .values(eRows.slice(i, i + 1000) as never)
            .execute();
      });
      if ((b / BATCH) % 20 === 0 || b + BATCH >= total)
        log(`  inserted ${cn(Math.min(total, b + BATCH))} / ${cn(total)} (${((performance.now() - tIns) / 1000).toFixed(1)} s)`);
    }
    await rebuildListingCounts(db);
    const serialRows = [...serials].map(([k, v]) => ({ unit_code: k.split('|')[0], year: Number(k.split('|')[1]), last_serial: v }));
    for (let i = 0; i < serialRows.length; i += 500)
      await db
        .insertInto('disclosure_index_serials')
        .values(serialRows.slice(i, i + 500))
        .execute();
    const insertS = (performance.now() - tIns) / 1000;

    const indexS = opts.index !== false ? await indexAll(ctx, total, log) : 0;
    if (ctx.dialect === 'postgres') await sql`analyze`.execute(db);
    else await sql`analyze`.execute(db);
    const summary = {
      ...marker,
      targetUnits,
      units: units.length,
      disclosures: total,
      financeStatements: finance,
      indexed: opts.index !== false,
      generatedAt: new Date().toISOString(),
    };
    await db
      .insertInto('app_settings')
      .values({ key: MARKER_KEY, value_json: JSON.stringify(summary), updated_at: new Date().toISOString() })
      .execute();
    const totalS = (performance.now() - t0) / 1000;
    log(
      `generated ${cn(total)} disclosures (${cn(finance)} with finance statements) for ${units.length} units: insert ${insertS.toFixed(1)} s, index ${indexS.toFixed(1)} s, total ${totalS.toFixed(1)} s`,
    );
    return {
      scale,
      units: units.length,
      disclosures: total,
      financeStatements: finance,
      reused: false,
      seconds: { insert: insertS, index: indexS, total: totalS },
    };
  }
}

/** Search index: the publishing module's document builder, then indexDocuments, 1,000 per transaction (the publishing path). */
async function indexAll(ctx: Runtime['ctx'], total: number, log: (m: string) => void): Promise<number> {
  const tIdx = performance.now();
  for (let b = 0; b < total; b += 1000) {
    const ids = Array.from({ length: Math.min(1000, total - b) }, (_, k) => `00000000-0000-4000-8000-${pad(b + k, 12)}`);
    const docs = await documentsFor(ctx.db, ids);
    await ctx.db.transaction().execute((trx) => indexDocuments(ctx, docs, trx));
    if ((b / 1000) % 20 === 0 || b + 1000 >= total)
      log(`  indexed ${cn(Math.min(total, b + 1000))} / ${cn(total)} (${((performance.now() - tIdx) / 1000).toFixed(1)} s)`);
  }
  return (performance.now() - tIdx) / 1000;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sqliteFile = argValue('sqlite');
  const databaseUrl = argValue('pg');
  if (!sqliteFile && !databaseUrl) {
    console.error('usage: generate-county.ts --sqlite FILE | --pg URL [--scale 1] [--units 300] [--no-index]');
    process.exit(2);
  }
  await generateCounty({
    sqliteFile,
    databaseUrl,
    scale: Number(argValue('scale') ?? 1),
    units: argValue('units') ? Number(argValue('units')) : undefined,
    index: !process.argv.includes('--no-index'),
  });
}
