/**
 * Pure rules of the archive: retention periods, 档号, the filing-class proposal, destruction eligibility and masking
 * of visitors' data. No I/O, no clock: dates come in as arguments.
 */

/** 《村级档案管理办法》(国家档案局、民政部、农业部令第12号): 永久 / 30年 / 10年. */
export const RETENTIONS = { permanent: '永久', '30y': '30年', '10y': '10年' } as const;
export type Retention = keyof typeof RETENTIONS;
export const RETENTION_IDS = Object.keys(RETENTIONS) as Retention[];
export const isRetention = (v: string): v is Retention => Object.prototype.hasOwnProperty.call(RETENTIONS, v);
const RETENTION_YEARS: Record<Retention, number | null> = { permanent: null, '30y': 30, '10y': 10 };

/**
 * Last day an item of year `year` must be kept: the period counts whole years after the year the file belongs to
 * (a 2025 item kept 10 years is kept to 2035-12-31). Null = permanent. This counting is the platform's reading, set
 * out in the module README; the county's table may say otherwise (then the period of the class is what to edit).
 */
export function keepUntil(year: number, retention: Retention): string | null {
  const n = RETENTION_YEARS[retention];
  return n === null ? null : `${year + n}-12-31`;
}

/** Due for appraisal (鉴定) on `today`: past its last day of keeping, still filed. */
export function dueForAppraisal(item: { status: string; keep_until: string | null }, today: string): boolean {
  return item.status === 'filed' && item.keep_until !== null && today > item.keep_until;
}

/** Item numbers are 4 digits within a volume (年度 × 类别): 0001…9999. */
export const MAX_ITEM_NO = 9999;

/** 档号 = 全宗（单位代码）-年度-类别代码-件号. */
export function archivalCode(unitCode: string, year: number, classCode: string, itemNo: number): string {
  return `${unitCode}-${year}-${classCode}-${String(itemNo).padStart(4, '0')}`;
}

/** 查阅登记号: the visit's serial within its unit and year, in the style of the module's other serials (移交〔2026〕1号). */
export function visitSerialText(year: number, serialNo: number): string {
  return `查阅〔${year}〕${serialNo}号`;
}

export interface ClassRow {
  code: string;
  name: string;
  retention: string;
  item_keys_json: string;
  active: number;
  sort_order: number;
}

/** The county's proposed class for a disclosure of catalog item `itemKey` (first active class listing the key), or null. */
export function proposeClass(classes: readonly ClassRow[], itemKey: string | null): ClassRow | null {
  if (!itemKey) return null;
  const sorted = [...classes].filter((c) => c.active === 1).sort((a, b) => a.sort_order - b.sort_order);
  return sorted.find((c) => (JSON.parse(c.item_keys_json) as string[]).includes(itemKey)) ?? null;
}

/**
 * A visitor's name as shown outside the record itself: the first character (the surname, usually), the rest as ＊.
 * The personal-data gate (publishing/pii) has no detector for names; numbers in free text go through the gate.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '＊';
  return chars[0] + '＊'.repeat(Math.min(chars.length - 1, 3));
}

/** The checklist a town inspector answers at a 公开栏 (issue 18; true = fine). */
export const BOARD_CHECKS = [
  { key: 'contentCurrent', label: '公开内容为当前应公开的内容（已按要求更新）' },
  { key: 'nothingOverdue', label: '没有逾期未公开的事项' },
  { key: 'noStrayAds', label: '没有乱贴的小广告' },
  { key: 'notEmpty', label: '公开栏不是空的（没有长期无内容）' },
  { key: 'suggestionBox', label: '意见箱在位，并已按时开箱' },
] as const;
export type BoardCheckKey = (typeof BOARD_CHECKS)[number]['key'];
export const BOARD_CHECK_KEYS = BOARD_CHECKS.map((c) => c.key) as BoardCheckKey[];

/** Failed checks, in checklist order. */
export function failedChecks(answers: Record<string, boolean>): BoardCheckKey[] {
  return BOARD_CHECK_KEYS.filter((k) => answers[k] !== true);
}

/** Whole days an item has been out (taken_on → today), for the ledger's overdue flag. */
export function daysOut(takenOn: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${takenOn}T00:00:00Z`)) / 86_400_000);
}

/** At most this many overdue loans are listed with the room ledger (its count says how many there are). */
export const OVERDUE_SHOWN = 100;
