/**
 * A living county (issue 19 §3): a realistic year of published 村(居)务公开 records for 卜湖社区, 王三庄村 and
 * 双渡社区, every one through the real publishing commands (draft → upload → 个人信息检查 → submit → 村务监督委员会
 * → publish), each run at its own date in the past so the portal shows a year of history, current 公示 and
 * 往期 records, finance charts and compliance figures that come from these records.
 *
 * Everything is labelled 演示: titles end in （演示）, bodies say the figures are invented, people are placeholders
 * (张某甲…), and the units' demo accounts say 演示. Unit names are the real ones of reference-data.md; no code
 * is invented. Idempotent: nothing is added when the first record exists.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { inBatch } from '../../platform/command.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { setBusyFinance } from '../catalog/index.ts';
import {
  anyRecordTitled,
  FINANCE_COLUMNS,
  syncDisclosureSearchMany,
  createDisclosure,
  decidePii,
  publishDisclosure,
  reviewDisclosure,
  scanDisclosure,
  submitDisclosure,
  uploadFinanceStatement,
  uploadRecipientList,
} from '../publishing/index.ts';
import { addDays, at, chinaTime, demoActor } from './demo-actors.ts';
import { newWorkbook } from '../../platform/lazy-libs.ts';

export const BUHU = '321323002-buhu';
export const WANGSANZHUANG = '321323106211';
export const SHUANGDU = '321323111005';
export const DEMO_SUFFIX = '（演示）';
const NOTE = '<p>（演示数据：本条内容、人员和金额均为编造，仅用于展示系统功能，请勿作为办事依据。）</p>';

interface Village {
  code: string;
  name: string;
  clerk: string;
  supervisor: string;
  monthlyFinance: boolean;
}

const VILLAGES: Village[] = [
  { code: BUHU, name: '卜湖社区', clerk: 'buhu.clerk', supervisor: 'buhu.supervisor', monthlyFinance: true },
  { code: WANGSANZHUANG, name: '王三庄村', clerk: 'wangsanzhuang.clerk', supervisor: 'wangsanzhuang.supervisor', monthlyFinance: false },
  { code: SHUANGDU, name: '双渡社区', clerk: 'shuangdu.clerk', supervisor: 'shuangdu.supervisor', monthlyFinance: false },
];

interface Plan {
  /** China-local date of publication (a working day). */
  on: string;
  village: Village;
  itemKey: string;
  period?: string;
  title: string;
  formedOn: string;
  body: string;
  finance?: { period: string; start: string; end: string; opening: number; lines: Line[] };
  recipients?: { listType: string; rows: (string | number)[][]; headers: string[] };
  /** Mask every personal-data hit the gate finds (the clerk's 个人信息检查). */
  mask?: boolean;
}

type Line = [date: string, voucher: string, summary: string, subject: string, income: number | null, expense: number | null];

/** Deterministic small variations (no Math.random: the demo is the same on every machine). */
function vary(seed: number, base: number, spread: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  const f = x - Math.floor(x);
  return Math.round((base + (f - 0.5) * 2 * spread) * 100) / 100;
}

const monthLabel = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;
const quarterLabel = (q: string) => `${q.slice(0, 4)}年第${'一二三四'[Number(q.slice(6)) - 1]}季度`;
const lastDay = (ym: string) => addDays(`${nextMonth(ym)}-01`, -1);
function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function firstWorkdayFrom(cal: WorkCalendar, date: string): string {
  let d = date;
  while (!cal.isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** Ten to fourteen lines of a community's month: transfers, rent, wages, lighting, cleaning, visits. */
function financeLines(ym: string, seed: number, community: boolean): Line[] {
  const d = (day: number) => `${ym}-${String(Math.min(day, Number(lastDay(ym).slice(8)))).padStart(2, '0')}`;
  const v = (n: number) => `记-${String(n).padStart(3, '0')}`;
  const lines: Line[] = [
    [d(3), v(1), community ? '上级拨付社区运转经费' : '上级拨付村级组织运转经费', '补助收入', vary(seed, 18000, 0), null],
    [d(5), v(2), community ? '集体门面房租金收入（6间）' : '集体鱼塘承包费收入', '经营收入', vary(seed + 1, 7200, 600), null],
    [d(8), v(3), community ? '社区工作人员报酬' : '村干部及工作人员报酬', '管理费用', null, vary(seed + 2, 9600, 0)],
    [d(10), v(4), '办公用品及打印复印', '管理费用', null, vary(seed + 3, 420, 180)],
    [d(12), v(5), community ? '小区及主干道路灯电费' : '村内路灯电费', '公益支出', null, vary(seed + 4, 1350, 260)],
    [d(15), v(6), '保洁服务费（环境卫生长效管护）', '公益支出', null, vary(seed + 5, 3200, 0)],
    [d(18), v(7), '党员活动室及议事厅水电费', '管理费用', null, vary(seed + 6, 310, 90)],
    [d(21), v(8), '银行存款利息', '其他收入', vary(seed + 7, 36, 12), null],
    [d(24), v(9), community ? '居民活动中心设施维修' : '村部设施维修', '公益支出', null, vary(seed + 8, 860, 400)],
  ];
  const m = Number(ym.slice(5, 7));
  if (m === 1 || m === 2) lines.push([d(26), v(10), '春节走访慰问困难群众（慰问品）', '其他支出', null, vary(seed + 9, 2400, 300)]);
  if (m >= 6 && m <= 8) lines.push([d(26), v(10), '防汛物资（编织袋、救生衣）采购', '公益支出', null, vary(seed + 9, 1800, 500)]);
  if (m === 10) lines.push([d(26), v(10), '重阳节高龄老人慰问', '其他支出', null, vary(seed + 9, 1500, 200)]);
  if (m % 3 === 0) lines.push([d(27), v(11), '村务公开栏维护及公开材料印制', '管理费用', null, vary(seed + 10, 260, 60)]);
  return lines;
}

/**
 * The county's statement layout (publishing's template: title, 期初余额 / 期末余额 in column B, the header in row 4,
 * lines from row 5), written directly and stored uncompressed: the parser reads it like any filled template.
 */
async function statementXlsx(unitName: string, periodText: string, opening: number, lines: Line[]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('收支明细');
  ws.getCell('A1').value = `${unitName}${periodText}村级财务收支明细`;
  ws.getCell('A2').value = '期初余额';
  ws.getCell('B2').value = opening;
  ws.getCell('A3').value = '期末余额';
  ws.getCell('B3').value = closingOf(opening, lines);
  ws.getRow(4).values = FINANCE_COLUMNS.map((c) => c.header);
  lines.forEach((l, i) => {
    ws.getRow(5 + i).values = l;
  });
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never));
}

function closingOf(opening: number, lines: Line[]): number {
  return (Math.round(opening * 100) + lines.reduce((s, l) => s + Math.round((l[4] ?? 0) * 100) - Math.round((l[5] ?? 0) * 100), 0)) / 100;
}

async function listXlsx(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never));
}

const PLACEHOLDER_PEOPLE = ['张某甲', '李某乙', '王某丙', '刘某丁', '陈某戊', '杨某己', '赵某庚', '孙某辛'];

/** The year: the twelve full months before the current one. */
function planYear(cal: WorkCalendar, today: string): Plan[] {
  const plans: Plan[] = [];
  const thisMonth = today.slice(0, 7);
  const months: string[] = [];
  let ym = thisMonth;
  for (let i = 0; i < 12; i++) {
    const y = Number(ym.slice(0, 4));
    const m = Number(ym.slice(5, 7));
    ym = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    months.unshift(ym);
  }
  const [buhu, wsz, sd] = VILLAGES as [Village, Village, Village];

  // 1. 财务收支明细: 卜湖社区 monthly (集体财务往来较多), the two others quarterly; published early the next month.
  for (const v of VILLAGES) {
    let opening = v === buhu ? 186520.35 : v === wsz ? 73418.6 : 95233.1;
    if (v.monthlyFinance) {
      months.forEach((mo, i) => {
        const lines = financeLines(mo, i + 1, true);
        plans.push({
          on: firstWorkdayFrom(cal, `${nextMonth(mo)}-06`),
          village: v,
          itemKey: 'vil:szxq',
          period: mo,
          title: `${v.name}${monthLabel(mo)}财务收支明细公开${DEMO_SUFFIX}`,
          formedOn: firstWorkdayFrom(cal, `${nextMonth(mo)}-02`),
          body: `<p>现将${v.name}${monthLabel(mo)}财务收支情况公布如下，欢迎居民监督。对公布内容有疑问的，可在公示期内向社区居务监督委员会反映。</p>${NOTE}`,
          finance: { period: mo, start: `${mo}-01`, end: lastDay(mo), opening, lines },
        });
        opening = closingOf(opening, lines);
      });
    } else {
      // Only whole quarters, and only the last two (the two smaller villages show the quarterly rhythm; 卜湖社区
      // carries the full monthly year): each statement is an uploaded workbook, the dearest step of the seed.
      const quarterOf = (mo: string) => `${mo.slice(0, 4)}-Q${Math.ceil(Number(mo.slice(5, 7)) / 3)}`;
      const whole = [...new Set(months.map(quarterOf))].filter((q) => months.filter((mo) => quarterOf(mo) === q).length === 3);
      for (const q of whole.slice(-2)) {
        const qMonths = months.filter((mo) => quarterOf(mo) === q);
        const lines = qMonths
          .flatMap((mo, i) => financeLines(mo, 40 + i + (v === wsz ? 0 : 20), v === sd).slice(0, 7))
          .map((l, i) => [l[0], `记-${String(i + 1).padStart(3, '0')}`, l[2], l[3], l[4], l[5]] as Line);
        const end = lastDay(qMonths[2]!);
        plans.push({
          on: firstWorkdayFrom(cal, addDays(end, 7)),
          village: v,
          itemKey: 'vil:szxq',
          period: q,
          title: `${v.name}${quarterLabel(q)}财务收支明细公开${DEMO_SUFFIX}`,
          formedOn: firstWorkdayFrom(cal, addDays(end, 2)),
          body: `<p>现将${v.name}${quarterLabel(q)}财务收支情况公布如下。对公布内容有疑问的，可在公示期内向村（居）务监督委员会反映。</p>${NOTE}`,
          finance: { period: q, start: `${qMonths[0]}-01`, end, opening, lines },
        });
        opening = closingOf(opening, lines);
      }
    }
  }

  // 2. 城乡低保专项经费 each quarter for 卜湖社区: the allow-list keeps 户主姓名/保障人数/月保障金额/所在社区 only.
  const quarters = [...new Set(months.map((mo) => `${mo.slice(0, 4)}-Q${Math.ceil(Number(mo.slice(5, 7)) / 3)}`))].filter(
    (q) => months.filter((mo) => mo.startsWith(q.slice(0, 4)) && Math.ceil(Number(mo.slice(5, 7)) / 3) === Number(q.slice(6))).length === 3,
  );
  quarters.forEach((q, qi) => {
    const endMonth = months.filter((mo) => mo.startsWith(q.slice(0, 4)) && Math.ceil(Number(mo.slice(5, 7)) / 3) === Number(q.slice(6)))[2]!;
    const people = PLACEHOLDER_PEOPLE.slice(0, 5 + (qi % 3));
    const rows = people.map((p, i) => [
      p,
      1 + ((i + qi) % 3),
      String(vary(i + qi * 10, 760, 0) * (1 + ((i + qi) % 3))),
      '卜湖社区',
      `演示-${i + 1}`,
      '（演示，不公开）',
    ]);
    plans.push({
      on: firstWorkdayFrom(cal, addDays(lastDay(endMonth), 12)),
      village: buhu,
      itemKey: 'vil:zxjf',
      period: q,
      title: `卜湖社区${quarterLabel(q)}城乡最低生活保障金发放情况公示${DEMO_SUFFIX}`,
      formedOn: firstWorkdayFrom(cal, addDays(lastDay(endMonth), 5)),
      body:
        `<p>${quarterLabel(q)}，本社区共有最低生活保障对象 ${people.length} 户，保障金按月通过惠民惠农财政补贴资金“一卡通”发放。名单只公开户主姓名、保障人数、月保障金额和所在社区，身份证号码、联系电话等其他信息不公开。</p>` +
        (qi === 0 ? '<p>本季度新增对象 1 户（户主张某甲，身份证号 321323197505053219），经街道审核确认后纳入保障。</p>' : '') +
        `<p>公示期内如有异议，请向社区居务监督委员会或城厢街道民政办反映。</p>${NOTE}`,
      recipients: { listType: 'dibao', headers: ['户主姓名', '保障人数', '月保障金额（元）', '所在社区', '身份证号码', '联系电话'], rows },
      mask: qi === 0,
    });
  });

  // 3. 村民（居民）代表会议的决定: four meetings at 卜湖社区, one each at the others.
  const meetings: { v: Village; month: number; title: string; decision: string; votes: [number, number] }[] = [
    {
      v: buhu,
      month: 1,
      title: '居民代表会议关于实施社区主干道路灯改造的决定',
      decision: '对社区主干道及两处老旧小区的 46 盏路灯进行节能改造，所需资金从社区公益事业经费中列支，预算不超过 6.8 万元，按规定比选施工单位。',
      votes: [31, 29],
    },
    {
      v: buhu,
      month: 4,
      title: '居民代表会议关于集体门面房续租方案的决定',
      decision: '社区集体门面房 6 间到期后继续公开招租，租期三年，起租价不低于原租金，招租结果另行公示。',
      votes: [31, 30],
    },
    {
      v: buhu,
      month: 7,
      title: '居民代表会议关于2026年度“一事一议”公益项目的决定',
      decision: '本年度“一事一议”项目为居民活动中心适老化改造（加装扶手、防滑地面、无障碍坡道），由居务监督委员会全程监督。',
      votes: [31, 28],
    },
    {
      v: buhu,
      month: 10,
      title: '居民代表会议关于修订《卜湖社区居民公约》的决定',
      decision: '通过修订后的《卜湖社区居民公约》，新增文明养犬、垃圾分类和移风易俗条款，修订稿在社区公开栏同步张贴。',
      votes: [31, 31],
    },
    {
      v: wsz,
      month: 3,
      title: '村民代表会议关于村内道路硬化项目的决定',
      decision: '对村内 1.2 公里田间道路进行硬化，资金使用情况纳入季度财务公开。',
      votes: [27, 25],
    },
    {
      v: sd,
      month: 9,
      title: '居民代表会议关于增设社区便民服务点的决定',
      decision: '在社区活动中心一楼增设便民服务点，工作日代办社保、医保和民政业务。',
      votes: [25, 24],
    },
  ];
  for (const mt of meetings) {
    const mo = months.find((x) => Number(x.slice(5, 7)) === mt.month)!;
    const meetingOn = firstWorkdayFrom(cal, `${mo}-16`);
    plans.push({
      on: firstWorkdayFrom(cal, addDays(meetingOn, 1)),
      village: mt.v,
      itemKey: 'vil:hyjd',
      title: `${mt.v.name}${mt.title}${DEMO_SUFFIX}`,
      formedOn: meetingOn,
      body:
        `<p>${mt.v.name}于${Number(meetingOn.slice(5, 7))}月${Number(meetingOn.slice(8, 10))}日召开${mt.v.code === WANGSANZHUANG ? '村民' : '居民'}代表会议，应到代表 ${mt.votes[0]} 人，实到 ${mt.votes[1]} 人，符合法定人数。</p>` +
        `<p>会议经讨论表决，形成如下决定：${mt.decision}</p><p>表决结果：同意 ${mt.votes[1]} 票，不同意 0 票，弃权 0 票。决定的实施情况将按规定另行公开。</p>${NOTE}`,
    });
  }

  // 4. 服务公开 (long-term) and 村情概况 (each year).
  plans.push({
    on: firstWorkdayFrom(cal, `${months[1]}-10`),
    village: buhu,
    itemKey: 'vil:fwqd',
    title: `卜湖社区便民服务事项清单${DEMO_SUFFIX}`,
    formedOn: firstWorkdayFrom(cal, `${months[1]}-08`),
    body:
      '<p>社区便民服务点为居民代办、受理以下事项。所需材料以窗口一次性告知为准，行动不便的老人可预约上门服务。</p>' +
      '<table><tr><th>事项</th><th>办理地点</th><th>办理方式</th></tr>' +
      '<tr><td>城乡居民基本养老保险参保登记（代办）</td><td>社区便民服务点</td><td>窗口受理，报街道办理</td></tr>' +
      '<tr><td>城乡居民基本医疗保险参保缴费（代办）</td><td>社区便民服务点</td><td>窗口或手机办理指导</td></tr>' +
      '<tr><td>最低生活保障申请（受理、入户调查）</td><td>社区便民服务点</td><td>窗口受理，街道审核确认</td></tr>' +
      '<tr><td>残疾人两项补贴申请（受理）</td><td>社区便民服务点</td><td>窗口受理，报县民政局</td></tr>' +
      '<tr><td>高龄老人尊老金申请（受理）</td><td>社区便民服务点</td><td>窗口受理</td></tr>' +
      '<tr><td>居民议事、矛盾纠纷调解</td><td>居民议事厅</td><td>预约或现场</td></tr></table>' +
      `<p>服务时间：工作日 上午 8:30—12:00，下午 14:00—17:30（演示）。</p>${NOTE}`,
  });
  const year = today.slice(0, 4);
  const jan = firstWorkdayFrom(cal, `${year}-01-12`);
  if (jan < today) {
    plans.push({
      on: jan,
      village: buhu,
      itemKey: 'vil:jbqk',
      period: year,
      title: `卜湖社区${year}年基本情况${DEMO_SUFFIX}`,
      formedOn: firstWorkdayFrom(cal, `${year}-01-05`),
      body:
        '<p>卜湖社区隶属泗阳县城厢街道，是全县基层政务公开与村(居)务公开标准化规范化协同发展的市级试点社区（泗政办发〔2023〕72号）。</p><p>社区下设居民小组、居务监督委员会和便民服务点；户数、人口等数字为演示数据，以社区公开栏为准。</p>' +
        NOTE,
    });
  }
  return plans.filter((p) => p.on < today).sort((a, b) => a.on.localeCompare(b.on));
}

/** Runs one record's whole path at its own date: 09:00 draft, 10:30 submit, 14:00 committee, 15:00 publish. */
async function publishPlanned(ctx: AppContext, p: Plan, clerk: Actor, supervisor: Actor): Promise<string> {
  const c = (hhmm: string) => at(ctx, chinaTime(p.on, hhmm));
  const m = (a: Actor) => ({ actor: a, requestId: null });
  const d = unwrap(
    await createDisclosure(c('09:00'), m(clerk), {
      unitCode: p.village.code,
      itemKey: p.itemKey,
      period: p.period,
      title: p.title,
      formedOn: p.formedOn,
      body: p.body,
    }),
  );
  if (p.finance) {
    const label = p.finance.period.includes('Q') ? quarterLabel(p.finance.period) : monthLabel(p.finance.period);
    unwrap(await uploadFinanceStatement(c('09:20'), m(clerk), d.id, await statementXlsx(p.village.name, label, p.finance.opening, p.finance.lines)));
  }
  if (p.recipients)
    unwrap(await uploadRecipientList(c('09:20'), m(clerk), d.id, p.recipients.listType, await listXlsx(p.recipients.headers, p.recipients.rows)));
  if (p.mask) {
    const scan = unwrap(await scanDisclosure(c('10:00'), m(clerk), d.id));
    for (const h of scan.hits) if (!h.decision) unwrap(await decidePii(c('10:05'), m(clerk), d.id, { fingerprint: h.fingerprint, action: 'mask' }));
  }
  unwrap(await submitDisclosure(c('10:30'), m(clerk), d.id));
  unwrap(await reviewDisclosure(c('14:00'), m(supervisor), d.id, { decision: 'approve', comment: '经村务监督委员会审查，同意公开（演示）' }));
  unwrap(await publishDisclosure(c('15:00'), m(clerk), d.id, {}));
  return d.id;
}

export async function seedVillageYear(ctx: AppContext, out: DemoSeedOutput): Promise<number> {
  if (
    await anyRecordTitled(
      ctx.db,
      VILLAGES.map((v) => v.code),
      `财务收支明细公开${DEMO_SUFFIX}`,
    )
  )
    return 0;
  const actors = new Map<string, Actor>();
  for (const v of VILLAGES) {
    for (const u of [v.clerk, v.supervisor]) {
      const a = await demoActor(ctx, u);
      if (a) actors.set(u, a);
    }
  }
  const admin = await demoActor(ctx, 'county.admin');
  const calendar = await getCalendar(ctx);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const plans = planYear(calendar, today);
  if (admin && plans[0]) unwrap(await setBusyFinance(at(ctx, chinaTime(addDays(plans[0].on, -1), '09:00')), { actor: admin, requestId: null }, BUHU, true));
  // One transaction for the whole year (each command a savepoint inside it): one commit instead of ~170.
  // Search documents are written once at the end (one index call for the year, not one per record).
  const n = await inBatch(ctx, async (trxCtx) => {
    const batch: AppContext = { ...trxCtx, searchBatch: new Set() };
    let count = 0;
    for (const p of plans) {
      const clerk = actors.get(p.village.clerk);
      const supervisor = actors.get(p.village.supervisor);
      if (!clerk || !supervisor) continue;
      if (Date.parse(chinaTime(p.on, '15:00')) >= now.getTime()) continue;
      await publishPlanned(batch, p, clerk, supervisor);
      count++;
    }
    await syncDisclosureSearchMany(batch, batch.db, [...batch.searchBatch!]);
    return count;
  });
  out.notes.push(`演示：卜湖社区、王三庄村、双渡社区近一年已公开 ${n} 条村(居)务公开记录（财务收支、低保名单、代表会议决定、服务清单）`);
  return n;
}
