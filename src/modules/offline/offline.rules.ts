/**
 * Pure rules of the offline channels (issue 19 §2): the wording of a 广播稿 generated from a notice, the salutation
 * of a 致村(居)民一封信, which catalog domains make up a unit's 办事一本通, and the limits of what authors type.
 * No clock and no database: dates and texts come in as arguments. Its one import is type-only, so the admin SPA takes
 * its lists by value (a run-time leaf).
 */
import type { Role } from '../../platform/auth/roles.ts';

/** Who prepares printed matter and registers places of a unit: its drafters, reviewers and the county office. */
export const WRITERS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];

/** Kinds of registered places (seed notice 三(三)3). */
export const SERVICE_POINT_KINDS = { zone: '政务公开专区', service_point: '便民服务点' } as const;
export type ServicePointKind = keyof typeof SERVICE_POINT_KINDS;

/**
 * The catalog domains whose current records make up a unit's 办事一本通: the village catalog's 服务公开 and the
 * government catalog's service domains. A county choice (the seed notice names the booklet, not its contents).
 */
export const BOOKLET_DOMAINS: readonly string[] = ['v-fwgk', 'ggflfw', 'ggwhfw', 'ggzyfw', 'szfw', 'ylfw'];

export const LIMITS = {
  leafletTitle: 60,
  /** 明白纸 is one printed page in large type. */
  leafletBody: 900,
  broadcast: 600,
  name: 60,
  place: 120,
  hours: 120,
  service: 40,
  services: 30,
  letterSources: 5,
  letterVillages: 60,
  /** Why a registered place closed (kept with its record). */
  retireReason: 200,
} as const;

/** Photo of a registered place: PNG or JPEG (by content), at most this many bytes. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** "2026-11-26" → "11月26日" (spoken dates in a broadcast need no year when it is this year). */
function spokenDate(iso: string, thisYear: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return y === thisYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** Cuts a text to about `max` characters at a sentence end (。；！？), else at `max` with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('！'), cut.lastIndexOf('？'));
  return end >= max / 3 ? cut.slice(0, end + 1) : `${cut.slice(0, max - 1)}……`;
}

export interface BroadcastSource {
  unitName: string;
  title: string;
  /** Plain paragraphs of the public (masked) body. */
  paragraphs: string[];
  displayFrom: string | null;
  displayTo: string | null;
  /** Where to see it: 村务公开栏 and registered places. */
  places: string[];
  office: string;
  phone: string | null;
  today: string;
}

/** The loudspeaker text: who, what (title and the gist), when, where to see it, whom to ask — read twice. */
export function broadcastText(s: BroadcastSource): string {
  const year = Number(s.today.slice(0, 4));
  const gist = shorten(s.paragraphs.join(''), 160);
  const when = s.displayFrom
    ? s.displayTo
      ? `公示时间从${spokenDate(s.displayFrom, year)}到${spokenDate(s.displayTo, year)}。`
      : `从${spokenDate(s.displayFrom, year)}起公示。`
    : '';
  const where = `请到${[...new Set(s.places)].join('、')}查看，也可以用手机扫公开栏上的二维码查看。`;
  const ask = `有疑问的，请向${s.office}反映${s.phone ? `，电话${s.phone.split('').join(' ')}` : ''}。`;
  const once = `${s.unitName}发布了《${s.title}》。${gist ? `主要内容是：${gist}` : ''}${when}${where}${ask}`;
  return `各位村民、居民朋友们，现在播送一则通知。${once}\n\n再播送一遍。${once}`;
}

/** 致卜湖社区居民的一封信 / 致王三庄村村民的一封信. */
export function letterSalutation(unitName: string, kind: string): { title: string; greeting: string } {
  const residents = kind === 'community' ? '居民' : '村民';
  return { title: `致${unitName}${residents}的一封信`, greeting: `${unitName}的${residents}朋友们：` };
}

/** Trimmed, non-empty lines of a list (services of a place), without duplicates. */
export function cleanList(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
