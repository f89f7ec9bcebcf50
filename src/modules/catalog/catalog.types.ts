import type { DisplayRule, TimeRule } from './time-rule.ts';

/** The two catalogs: 基层政务公开标准目录 and 村(居)务公开目录. */
export type CatalogKind = 'government' | 'village';

/** 公开渠道和载体: the standard option set (domain.md §4.2), printed ■ required / □ optional. */
export const CHANNELS = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ChannelUse {
  channel: Channel;
  /** ■ 必选 (true) or □ 可选 (false). */
  required: boolean;
}

/** 公开层级. */
export type DisclosureLevel = 'county' | 'township' | 'village';
export const LEVEL_TEXT: Record<DisclosureLevel, string> = { county: '县级', township: '乡级', village: '村级' };

/** 公开对象. */
export type Audience = 'public' | 'specific';
export const AUDIENCE_TEXT: Record<Audience, string> = { public: '全社会', specific: '特定群体' };

/** 公开方式. */
export type DisclosureMode = 'proactive' | 'on_request';
export const MODE_TEXT: Record<DisclosureMode, string> = { proactive: '主动', on_request: '依申请公开' };

/** One row of a catalog version (the standard 10-column layout plus structure). */
export interface CatalogItem {
  /** Row id within its version. */
  id: string;
  /** Stable across versions: the same 事项 keeps its key when edited in a new version. */
  key: string;
  catalog: CatalogKind;
  /** 领域 (government: one of the 26 domains) or 类别 (village: 村情概况, 村务公开, 财务公开, 服务公开, 其他公开). */
  domainCode: string;
  domainName: string;
  /** 一级事项 */
  level1: string;
  /** 二级事项 */
  level2: string;
  /** 公开内容（要素） */
  elements: string[];
  /** 公开依据 */
  bases: string[];
  /** 公开时限 (structured) */
  timeRule: TimeRule;
  /** 公示期 (structured) */
  displayRule: DisplayRule;
  /** 公开主体 as printed (e.g. "县级民政部门、乡镇人民政府（街道办事处）"). */
  subject: string;
  channels: ChannelUse[];
  audience: Audience;
  mode: DisclosureMode;
  levels: DisclosureLevel[];
  /** Where the row came from (document, page), shown to the county admin. */
  source: string;
  sort: number;
}
