/**
 * Website-inspection checks (domain.md §3.1, 《政府网站与政务新媒体检查指标》国办秘函〔2019〕19号, as quoted by
 * inspection sheets [S]) over the portal's own columns:
 * - 动态、要闻 (news-type) columns not updated in the 2 weeks before the check,
 * - 通知公告、政策文件 (notice/policy) columns not updated in the 6 months before the check,
 *   — together ≥ 5 such columns → 单项否决 (栏目不更新);
 * - 空白栏目 (no content since creation) ≥ 5 → 单项否决.
 * Which portal column is which type is configurable data (app_settings `compliance.websiteColumns`);
 * the thresholds are data too. Also listed: 依申请公开 answered late (requests module) and 互动回应差 — valid
 * messages of the year before the check point unanswered for more than 3 months → 单项否决. The messages come from
 * whichever registered module provides them (ModuleManifest.provides.website, today 政民互动); with none installed
 * the check is listed as not available, never as passed.
 */
import { requestTimeliness } from '../requests/index.ts';
import { findUnitsByCodes, listActiveUnits } from '../org/index.ts';
import { providerOf } from '../../platform/module.ts';
import type { UnansweredMessages } from '../../platform/provided-figures.ts';
import { addCalendarDays } from '../calendar/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import { chinaDate } from '../../platform/context.ts';
import { listDomains, itemDomainIndex } from '../catalog/index.ts';
import { publishedCountsByUnitItem } from '../publishing/index.ts';
import { readSetting } from '../../platform/db/settings.ts';

export type ColumnClass = 'news' | 'notice_policy' | 'other';

export const COLUMN_CLASS_TEXT: Record<ColumnClass, string> = {
  news: '动态、要闻类（2周内应更新）',
  notice_policy: '通知公告、政策文件类（6个月内应更新）',
  other: '其他（只检查是否为空白栏目）',
};

export interface WebsiteThresholds {
  /** 动态、要闻类栏目: updated within 14 calendar days before the check point. */
  newsStaleDays: number;
  /** 通知公告、政策文件类栏目: updated within 6 months before the check point. */
  noticeStaleMonths: number;
  /** 单项否决 when stale news + notice/policy columns total at least this many. */
  vetoStaleColumns: number;
  /** 单项否决 when blank columns are at least this many. */
  vetoEmptyColumns: number;
}

// domain.md §3.1 [S]: 2 weeks / 6 months / ≥ 5 columns in total; 空白栏目 ≥ 5.
export const DEFAULT_THRESHOLDS: WebsiteThresholds = { newsStaleDays: 14, noticeStaleMonths: 6, vetoStaleColumns: 5, vetoEmptyColumns: 5 };

export interface PortalColumn {
  id: string;
  name: string;
  /** Public address of the column on the portal. */
  href: string;
  defaultClass: ColumnClass;
}

export interface ColumnFacts extends PortalColumn {
  cls: ColumnClass;
  lastUpdated: string | null;
  count: number;
}

export interface ColumnCheck extends ColumnFacts {
  clsText: string;
  /** stale: not updated within its window; empty: never any content; ok. */
  result: 'ok' | 'stale' | 'empty';
  resultText: string;
  /** Last day an update had to happen by (null for 'other'). */
  updateDueBy: string | null;
}

export interface WebsiteCheck {
  asOf: string;
  thresholds: WebsiteThresholds;
  columns: ColumnCheck[];
  staleCount: number;
  emptyCount: number;
  veto: { stale: boolean; empty: boolean; unanswered: boolean };
  /** Checks the platform cannot run yet, in plain words. */
  notAvailable: { check: string; reason: string }[];
  /**
   * 依申请公开 answered late (domain.md §3: inspections list late answers) over the year before `asOf`:
   * per unit, answers due and those late (open past the deadline or answered after it).
   */
  lateRequests: { from: string; to: string; due: number; late: number; units: { code: string; name: string; due: number; late: number }[] };
  /** 互动回应差 (domain.md §3.1): messages of the year before `asOf` unanswered for more than 3 months, by case number. */
  unansweredMessages: UnansweredMessages;
}

function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(Number(date.slice(8, 10)), last)).padStart(2, '0')}`;
}

/** PURE: judges each column against its class and the thresholds. */
export function checkColumns(
  columns: ColumnFacts[],
  asOf: string,
  t: WebsiteThresholds,
): Omit<WebsiteCheck, 'notAvailable' | 'lateRequests' | 'unansweredMessages' | 'veto'> & { veto: { stale: boolean; empty: boolean } } {
  const newsCut = addCalendarDays(asOf, -t.newsStaleDays);
  const noticeCut = monthsBefore(asOf, t.noticeStaleMonths);
  const checked = columns.map((c): ColumnCheck => {
    const cut = c.cls === 'news' ? newsCut : c.cls === 'notice_policy' ? noticeCut : null;
    let result: ColumnCheck['result'] = 'ok';
    if (!c.lastUpdated) result = 'empty';
    else if (cut && c.lastUpdated < cut) result = 'stale';
    const resultText =
      result === 'empty'
        ? '空白栏目（从未发布内容）'
        : result === 'stale'
          ? `超过${c.cls === 'news' ? `${t.newsStaleDays}天` : `${t.noticeStaleMonths}个月`}未更新`
          : '正常';
    return { ...c, clsText: COLUMN_CLASS_TEXT[c.cls], result, resultText, updateDueBy: cut };
  });
  const staleCount = checked.filter((c) => c.result === 'stale').length;
  const emptyCount = checked.filter((c) => c.result === 'empty').length;
  return {
    asOf,
    thresholds: t,
    columns: checked,
    staleCount,
    emptyCount,
    veto: { stale: staleCount >= t.vetoStaleColumns, empty: emptyCount >= t.vetoEmptyColumns },
  };
}

export const COLUMNS_KEY = 'compliance.websiteColumns';

export interface WebsiteSettings {
  classes: Record<string, ColumnClass>;
  thresholds: WebsiteThresholds;
}

export async function loadWebsiteSettings(db: Executor): Promise<WebsiteSettings> {
  const row = await readSetting(db, COLUMNS_KEY);
  const v = row ? (JSON.parse(row.value_json) as Partial<WebsiteSettings>) : {};
  return { classes: v.classes ?? {}, thresholds: { ...DEFAULT_THRESHOLDS, ...(v.thresholds ?? {}) } };
}

const GOVERNMENT_UNIT_KINDS = ['county', 'department', 'street', 'town', 'township', 'farm_park'];

/**
 * The portal's columns: the county home's 最新公开 (news-type by default), one page per catalog domain
 * (`/domains/{code}`: notice/policy by default) and the page of every government unit (`/units/{code}`:
 * notice/policy by default). Village pages are 村务公开栏 online copies, measured by their obligations.
 */
export async function loadPortalColumns(db: Executor): Promise<PortalColumn[]> {
  const [domains, units] = await Promise.all([listDomains(db), listActiveUnits(db).then((all) => all.filter((u) => GOVERNMENT_UNIT_KINDS.includes(u.kind)))]);
  return [
    { id: 'home:latest', name: '首页·最新公开', href: '/', defaultClass: 'news' },
    ...domains.map((d) => ({
      id: `domain:${d.code}`,
      name: `${d.catalog === 'village' ? '村（居）务' : '政务'}公开·${d.name}`,
      href: `/domains/${d.code}`,
      defaultClass: 'notice_policy' as const,
    })),
    ...units.map((u) => ({ id: `unit:${u.code}`, name: `单位栏目·${u.name}`, href: `/units/${u.code}`, defaultClass: 'notice_policy' as const })),
  ];
}

/** Facts per column: last public update (China date) and number of published records. */
export async function loadColumnFacts(db: Executor, settings: WebsiteSettings, now: Date): Promise<ColumnFacts[]> {
  const [columns, index, rows] = await Promise.all([loadPortalColumns(db), itemDomainIndex(db), publishedCountsByUnitItem(db, now)]);
  const byColumn = new Map<string, { last: string; n: number }>();
  const add = (id: string, last: string, n: number) => {
    const cur = byColumn.get(id);
    byColumn.set(id, { last: !cur || last > cur.last ? last : cur.last, n: (cur?.n ?? 0) + n });
  };
  for (const r of rows) {
    const last = chinaDate(new Date(String(r.last)));
    const n = Number(r.n);
    add('home:latest', last, n);
    add(`unit:${r.unit_code}`, last, n);
    const domain = r.item_key ? index.get(r.item_key) : undefined;
    if (domain) add(`domain:${domain}`, last, n);
  }
  return columns.map((c) => ({
    ...c,
    cls: settings.classes[c.id] ?? c.defaultClass,
    lastUpdated: byColumn.get(c.id)?.last ?? null,
    count: byColumn.get(c.id)?.n ?? 0,
  }));
}

/** Listed when no installed module provides the messages (ModuleManifest.provides.website). */
export const NO_MESSAGES = { check: '互动交流：留言超过3个月未回应', reason: '没有安装提供留言数据的模块（政民互动），暂无留言数据可检查；安装后将自动纳入。' };

/** The checks as of the China-local day `asOf`, over the records visible at `now` (default: the end of that day). */
export async function websiteCheck(db: Executor, asOf: string, now: Date = new Date(`${addCalendarDays(asOf, 1)}T00:00:00+08:00`)): Promise<WebsiteCheck> {
  const settings = await loadWebsiteSettings(db);
  const facts = await loadColumnFacts(db, settings, now);
  const columns = checkColumns(facts, asOf, settings.thresholds);
  const provider = providerOf('website');
  const unanswered = provider ? await provider.unansweredMessages(db, asOf) : { from: monthsBefore(asOf, 12), to: asOf, received: 0, cases: [] };
  return {
    ...columns,
    veto: { ...columns.veto, unanswered: unanswered.cases.length > 0 },
    notAvailable: provider ? [] : [NO_MESSAGES],
    lateRequests: await lateRequestAnswers(db, asOf),
    unansweredMessages: unanswered,
  };
}

async function lateRequestAnswers(db: Executor, asOf: string): Promise<WebsiteCheck['lateRequests']> {
  const from = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`.replace(/-02-29$/, '-02-28');
  const byUnit = await requestTimeliness({ db }, { rootPath: '/', from, to: asOf, asOf });
  const codes = [...byUnit.keys()];
  const names = new Map((await findUnitsByCodes(db, codes)).map((u) => [u.code, u.name]));
  const units = [...byUnit.values()]
    .filter((t) => t.late > 0)
    .map((t) => ({ code: t.unitCode, name: names.get(t.unitCode) ?? t.unitCode, due: t.due, late: t.late }))
    .sort((a, b) => b.late - a.late || a.code.localeCompare(b.code));
  let due = 0;
  let late = 0;
  for (const t of byUnit.values()) {
    due += t.due;
    late += t.late;
  }
  return { from, to: asOf, due, late, units };
}
