/**
 * County settings of the annual report and its deadlines as statutory obligations.
 *
 * 条例第四十九条: county-level (and higher) government departments submit and publish last year's
 * report by 31 January; the county's 政府信息公开工作主管部门 publishes the county government's own report
 * by 31 March. Township governments (乡镇、街道) are not named in 第四十九条: whether they owe a report
 * and by which date is a county setting (`townshipDue`, default: none — no date is invented).
 * The dates are fixed calendar dates set by the regulation, not periods counted in days, so they do
 * not move off weekends or holidays (shiftToWorkday: false; the catalog prints 「遇节假日不顺延」).
 */
import type { Executor } from '../../../platform/db/database.ts';
import { readSetting } from '../../../platform/db/settings.ts';
import { registerStatutoryItems, STATUTORY_DOMAIN, type StatutoryItem, type TimeRule } from '../../catalog/index.ts';
import { REMEDY_COUNTING, type RemedyCounting } from './report.tables.ts';

export const SETTINGS_KEY = 'requests.annualReport';
export const ANNUAL_REPORT_ITEM_KEY = 'statutory:annual-report';

export interface AnnualReportSettings {
  /** Table 四 counting (report.tables.ts REMEDY_COUNTING). */
  remedyCounting: RemedyCounting;
  /** Township-level governments' report date in the following year; null = the county sets none. */
  townshipDue: { month: number; day: number } | null;
}

export const DEFAULT_SETTINGS: AnnualReportSettings = { remedyCounting: 'filed-in-year', townshipDue: null };

export async function loadSettings(db: Executor): Promise<AnnualReportSettings> {
  const row = await readSetting(db, SETTINGS_KEY);
  if (!row) return DEFAULT_SETTINGS;
  const v = JSON.parse(row.value_json) as Partial<AnnualReportSettings>;
  return {
    remedyCounting: REMEDY_COUNTING.some((c) => c.code === v.remedyCounting) ? v.remedyCounting! : DEFAULT_SETTINGS.remedyCounting,
    townshipDue: v.townshipDue ?? null,
  };
}

/** Checks a township due date (month 1–12, a day that exists in every year: 29 February is refused). */
export function checkTownshipDue(d: { month: number; day: number }): string | null {
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return '乡镇（街道）年报期限的月份应为1至12';
  if (!Number.isInteger(d.day) || d.day < 1 || d.day > days[d.month - 1]!) return `乡镇（街道）年报期限的日期应为1至${days[d.month - 1]}日`;
  return null;
}

const fixedDate = (month: number, day: number): TimeRule => ({
  kind: 'recurring',
  frequency: 'yearly',
  due: { type: 'day_in_next_period', monthOfPeriod: month, day },
  shiftToWorkday: false,
});

const TOWNSHIP_KINDS = ['street', 'town', 'township', 'farm_park'];
const BASES = ['《中华人民共和国政府信息公开条例》第四十九条、第五十条', '《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）'];
const ELEMENTS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

function item(unitKinds: string[], timeRule: TimeRule, subject: string, levels: StatutoryItem['levels'], source: string): StatutoryItem {
  return {
    key: ANNUAL_REPORT_ITEM_KEY,
    unitKinds,
    domainCode: STATUTORY_DOMAIN,
    domainName: '政府信息公开工作（法定事项）',
    level1: '政府信息公开工作年度报告',
    level2: '政府信息公开工作年度报告',
    elements: ELEMENTS,
    bases: BASES,
    timeRule,
    displayRule: { kind: 'none' },
    subject,
    channels: [{ channel: '政府网站', required: true }],
    audience: 'public',
    mode: 'proactive',
    levels,
    source,
  };
}

/** The annual report as a statutory item per unit kind (what the catalog and the compliance view see). */
export function annualReportItems(settings: AnnualReportSettings): StatutoryItem[] {
  const out = [
    item(
      ['department'],
      fixedDate(1, 31),
      '县政府各部门',
      ['county'],
      '《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本部门上一年度政府信息公开工作年度报告并向社会公布',
    ),
    item(
      ['county'],
      fixedDate(3, 31),
      '县人民政府（由县政府信息公开工作主管部门公布）',
      ['county'],
      '《中华人民共和国政府信息公开条例》第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告',
    ),
  ];
  if (settings.townshipDue) {
    const { month, day } = settings.townshipDue;
    out.push(
      item(
        TOWNSHIP_KINDS,
        fixedDate(month, day),
        '乡镇人民政府（街道办事处）',
        ['township'],
        `县级设置：条例第四十九条未规定乡镇（街道）年报的期限，县里设定为每年${month}月${day}日前`,
      ),
    );
  }
  return out;
}

/** The report date of `year`'s report for a unit of this kind, or null when none applies. */
export function reportDueDate(kind: string, year: number, settings: AnnualReportSettings): { date: string; basis: string } | null {
  const it = annualReportItems(settings).find((i) => i.unitKinds.includes(kind));
  if (!it || it.timeRule.kind !== 'recurring' || it.timeRule.due.type !== 'day_in_next_period') return null;
  const { monthOfPeriod, day } = it.timeRule.due;
  return { date: `${year + 1}-${String(monthOfPeriod).padStart(2, '0')}-${String(day).padStart(2, '0')}`, basis: it.source };
}

registerStatutoryItems('requests.annual-report', async (db) => annualReportItems(await loadSettings(db)));
