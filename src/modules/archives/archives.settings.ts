/**
 * Rules as data: the county's 《村级文件材料归档范围和档案保管期限表》 (filing classes with their periods and its
 * source) and the archive's other county settings. The seeded classes are the ten 村务档案 of
 * 《村民委员会组织法》第三十四条; their codes, periods and which catalog items they receive are the county's choices,
 * seeded as a starting point to be checked against the county archives bureau's table (《村级档案管理办法》第7条).
 */
import type { Executor } from '../../platform/db/database.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { insertClassIfMissing, readSetting } from './archives.repository.ts';
import type { ArchiveClassTable } from './archives.tables.ts';
import type { Retention } from './archives.rules.ts';

const LAW34 = '《中华人民共和国村民委员会组织法》第三十四条';
const CHOICE = '类别代码、保管期限和对应的公开事项为县级默认选择（待按县档案局《村级文件材料归档范围和档案保管期限表》核对）';

/** [code, name, retention, catalog item keys proposed for it]. Codes follow the order of the article's list. */
const DEFAULT_CLASSES: [string, string, Retention, string[]][] = [
  ['01', '选举文件和选票', 'permanent', []],
  ['02', '会议记录', 'permanent', ['vil:hyjd', 'vil:mzpy']],
  ['03', '土地发包方案和承包合同', 'permanent', ['vil:tdlz']],
  ['04', '经济合同', '30y', ['vil:jyxx']],
  ['05', '集体财务账目', '30y', ['vil:szxq', 'vil:hnbt', 'vil:zxjf', 'vil:jzkw']],
  ['06', '集体资产登记文件', 'permanent', []],
  ['07', '公益设施基本资料', 'permanent', []],
  ['08', '基本建设资料', 'permanent', ['vil:jsgh', 'vil:xmjs']],
  ['09', '宅基地使用方案', 'permanent', ['vil:zjd']],
  ['10', '征地补偿费使用及分配方案', 'permanent', ['vil:tdzs']],
];

export function defaultClassRows(at: string): ArchiveClassTable[] {
  return DEFAULT_CLASSES.map(([code, name, retention, keys], i) => ({
    code,
    name,
    retention,
    basis: LAW34,
    item_keys_json: JSON.stringify(keys),
    sort_order: (i + 1) * 10,
    active: 1,
    note: CHOICE,
    updated_at: at,
    updated_by: null,
  }));
}

export async function seedDefaultClasses(db: Executor, at: string): Promise<void> {
  for (const row of defaultClassRows(at)) await insertClassIfMissing(db, row);
}

export const SETTINGS_KEY = 'archives.settings';

export type ArchiveSettings = {
  /** The county's table this schedule follows (document name, number, date); shown beside every class. */
  scheduleSource: string;
  /** An item taken out of the archive room longer than this many days is flagged (county choice). */
  loanDays: number;
  /** A 公开栏 not inspected for this many days shows in compliance (county choice). */
  inspectionIntervalDays: number;
  /** Working days a village gets to rectify a board finding (county choice). */
  rectifyWorkingDays: number;
  /** Rules posted in the archive storage area and in the reading area (the county sets them; printed on the signs). */
  storageRules: string[];
  readingRules: string[];
};

/** Starting values only; none is a legal rule. The rule texts are placeholders the county replaces with its own. */
export const DEFAULT_SETTINGS: ArchiveSettings = {
  scheduleSource: `${LAW34}（档案类别）；《村级档案管理办法》（国家档案局、民政部、农业部令第12号）（保管期限：永久、30年、10年）。县档案局本地保管期限表尚未录入。`,
  loanDays: 7,
  inspectionIntervalDays: 90,
  rectifyWorkingDays: 10,
  storageRules: ['（县档案局制定的档案库房管理制度，请在“档案设置”中填写）'],
  readingRules: ['（县档案局制定的查阅制度，请在“档案设置”中填写）'],
};

export async function loadSettings(db: Executor): Promise<ArchiveSettings> {
  const raw = await readSetting(db, SETTINGS_KEY);
  if (!raw) return DEFAULT_SETTINGS;
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<ArchiveSettings>) };
}

const intIn = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const lines = (v: unknown) =>
  Array.isArray(v) && v.length >= 1 && v.length <= 20 && v.every((s) => typeof s === 'string' && s.trim().length > 0 && s.length <= 200);

export function validateSettings(s: ArchiveSettings): Result<ArchiveSettings> {
  if (typeof s.scheduleSource !== 'string' || !s.scheduleSource.trim() || s.scheduleSource.length > 500)
    return fail(400, 'INVALID_SETTINGS', '请写明保管期限表的来源（文件名称、文号或日期），最多500字');
  if (!intIn(s.loanDays, 1, 365)) return fail(400, 'INVALID_SETTINGS', '档案借出提醒天数应为1至365天');
  if (!intIn(s.inspectionIntervalDays, 7, 730)) return fail(400, 'INVALID_SETTINGS', '公开栏巡查周期应为7至730天');
  if (!intIn(s.rectifyWorkingDays, 1, 120)) return fail(400, 'INVALID_SETTINGS', '整改期限应为1至120个工作日');
  if (!lines(s.storageRules) || !lines(s.readingRules)) return fail(400, 'INVALID_SETTINGS', '库房和查阅区制度各写1至20条，每条不超过200字');
  return ok({
    ...s,
    scheduleSource: s.scheduleSource.trim(),
    storageRules: s.storageRules.map((x) => x.trim()),
    readingRules: s.readingRules.map((x) => x.trim()),
  });
}
