/**
 * Participation rules as data, and the pure functions over them (no I/O, no clock: "today" is an argument).
 *
 * Facts from domain.md §8 (《重大行政决策程序暂行条例》) and §5.1 (《村民委员会组织法》); counting follows §1.3
 * (《民法典》第201条: the starting day is not counted; 第203条: a period whose last day is a statutory rest day ends on
 * the next working day). Numbers the law leaves to the county are in PARTICIPATION_RULES and labelled as county
 * choices.
 */
import type { WorkCalendar } from '../calendar/index.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { ADOPTIONS, COMMENT_CHANNELS, EVENT_KINDS, PARTICIPATION_METHODS } from './participation.vocabulary.ts';

export { ADOPTIONS, COMMENT_CHANNELS, EVENT_KINDS, PARTICIPATION_METHODS };

export const PARTICIPATION_RULES = {
  /** 第15条: 征求意见的期限一般不少于30日 (domain.md §8). */
  minConsultationDays: 30,
  /** 第17条: 听证材料 at least 7 days before the hearing (domain.md §8). */
  hearingMaterialDays: 7,
  /** County choice: working days after the consultation closes by which its feedback report (采纳情况) is due. */
  feedbackDueWorkingDays: 20,
  /** County choice: working days after an item's planned date without a consultation before compliance shows it. */
  itemGraceWorkingDays: 0,
  /**
   * County choice: the participant list of a hearing is published at least this many calendar days before the
   * hearing (第十六条 says only 「提前」, i.e. before the day; no number of days was found).
   */
  participantListDaysBefore: 3,
  /** County choice (upload convention): the largest signed record scan (听证笔录签字页), in bytes. */
  recordScanMaxBytes: 20 * 1024 * 1024,
} as const;

export interface ParticipationRules {
  minConsultationDays: number;
  hearingMaterialDays: number;
  feedbackDueWorkingDays: number;
  itemGraceWorkingDays: number;
  participantListDaysBefore: number;
  recordScanMaxBytes: number;
}

export const METHOD_CODES: readonly string[] = PARTICIPATION_METHODS.map((m) => m.code);

export const STAFF_CHANNELS: readonly string[] = COMMENT_CHANNELS.filter((c) => c.staff).map((c) => c.code);

export type Adoption = (typeof ADOPTIONS)[number]['code'];
export const ADOPTION_CODES: readonly string[] = ADOPTIONS.map((a) => a.code);

export const EVENT_KIND_CODES: readonly string[] = EVENT_KINDS.map((k) => k.code);

/** Registration sources: online without an account, or entered by staff (phone, letter, invitation). */
export const REGISTRATION_SOURCES = [
  { code: 'online', label: '网上报名' },
  { code: 'staff', label: '工作人员登记' },
] as const;
export const REGISTRATION_STATUS_TEXT: Record<string, string> = { registered: '已报名', selected: '已选定', not_selected: '未选定' };

/** Where an event stands (computed on every read from its recorded steps and the date; never stored). */
export type EventPhase = 'draft' | 'registration' | 'announced' | 'list_published' | 'held' | 'recorded' | 'concluded';
export const EVENT_PHASE_TEXT: Record<EventPhase, string> = {
  draft: '筹备中（未发布公告）',
  registration: '报名中',
  announced: '已发布公告',
  list_published: '参加人名单已公布',
  held: '已举行，待录入记录',
  recorded: '记录已录入，待公布',
  concluded: '记录和意见采纳情况已公布',
};

/** The last day of online registration: the registration deadline, else the day before the event. */
export function registrationLastDay(e: { registration_until: string | null; held_on: string }): string {
  return e.registration_until ?? addCalendarDays(e.held_on, -1);
}

export function eventPhase(
  e: {
    announced_at: string | null;
    participants_published_at: string | null;
    registration_until: string | null;
    held_on: string;
    attendance: number | null;
    record_text: string | null;
    record_published_at: string | null;
  },
  today: string,
): EventPhase {
  if (!e.announced_at) return 'draft';
  if (e.record_published_at) return 'concluded';
  if (e.record_text !== null) return 'recorded';
  if (today >= e.held_on) return 'held';
  if (e.participants_published_at) return 'list_published';
  if (today <= registrationLastDay(e)) return 'registration';
  return 'announced';
}

/** The latest day a hearing's participant list may be published (county choice `participantListDaysBefore`). */
export function latestParticipantListOn(heldOn: string, rules: ParticipationRules = PARTICIPATION_RULES): string {
  return addCalendarDays(heldOn, -rules.participantListDaysBefore);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** 第201/203条: the last day of an `n`-day period starting on `from` (from not counted), moved past rest days. */
export function periodEnd(calendar: WorkCalendar, from: string, n: number): string {
  let day = addCalendarDays(from, n);
  // A statutory rest day (weekend or holiday of the official calendar; 调休 make-up days are working days).
  for (let guard = 0; guard < 60 && !calendar.isWorkday(day); guard++) day = addCalendarDays(day, 1);
  return day;
}

/** The earliest end date a consultation starting on `startOn` may have without an urgency reason. */
export function minimumEndOn(calendar: WorkCalendar, startOn: string, rules: ParticipationRules = PARTICIPATION_RULES): string {
  return periodEnd(calendar, startOn, rules.minConsultationDays);
}

export type ConsultationStatus = 'draft' | 'announced' | 'open' | 'closed' | 'answered';
export const CONSULTATION_STATUS_TEXT: Record<ConsultationStatus, string> = {
  draft: '草稿',
  announced: '预告',
  open: '征求中',
  closed: '已截止',
  answered: '已反馈',
};

/** The status follows the dates (computed on read; never stored). */
export function consultationStatus(
  c: { published_at: string | null; start_on: string; end_on: string; feedback_published_at: string | null },
  today: string,
): ConsultationStatus {
  if (!c.published_at) return 'draft';
  if (c.feedback_published_at) return 'answered';
  if (today < c.start_on) return 'announced';
  if (today <= c.end_on) return 'open';
  return 'closed';
}

/** The day the feedback report is due: N working days after the consultation's last day. */
export function feedbackDueOn(calendar: WorkCalendar, endOn: string, rules: ParticipationRules = PARTICIPATION_RULES): string {
  return calendar.addWorkingDays(endOn, rules.feedbackDueWorkingDays).date;
}

/** The latest day hearing materials may be sent for a hearing on `heldOn` (第17条: ≥ 7 days before). */
export function latestMaterialsOn(heldOn: string, rules: ParticipationRules = PARTICIPATION_RULES): string {
  return addCalendarDays(heldOn, -rules.hearingMaterialDays);
}

/** The earliest hearing date for materials sent on `sentOn` (the inverse of latestMaterialsOn). */
export function earliestHearingOn(sentOn: string, rules: ParticipationRules = PARTICIPATION_RULES): string {
  return addCalendarDays(sentOn, rules.hearingMaterialDays);
}

/** Whole calendar days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Clauses

export interface ParsedClause {
  seq: number;
  /** 第一条, or 第1段 when the draft has no articles. */
  label: string;
  heading: string | null;
  /** The clause's paragraphs (款); the first one starts after the label. */
  paragraphs: string[];
}

const NUM = '[一二三四五六七八九十百千零〇两0-9０-９]+';
const ARTICLE = new RegExp(`^\\s*(第${NUM}条)[\\s\\u3000:：、]*(.*)$`);
const HEADING = new RegExp(`^\\s*(第${NUM}[编章节](?:[\\s\\u3000].*)?)$`);

/**
 * Splits a draft into clauses: a line starting with 第…条 opens an article, later lines are its 款, a line
 * 第…章/节 is the heading of the articles after it. Text before the first article (title, preamble) is
 * kept as clause 0 labelled 序言 when the draft has articles. A draft without any article is split into
 * paragraphs (第1段, 第2段 …), so comments can still point at a part.
 */
export function parseClauses(text: string): ParsedClause[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u200b-\u200d\ufeff]/g, '').trim())
    .filter((l) => l.length > 0);
  const hasArticles = lines.some((l) => ARTICLE.test(l));
  const out: ParsedClause[] = [];
  if (!hasArticles) {
    lines.forEach((l, i) => out.push({ seq: i + 1, label: `第${i + 1}段`, heading: null, paragraphs: [l] }));
    return out;
  }
  let heading: string | null = null;
  const preamble: string[] = [];
  let current: ParsedClause | null = null;
  for (const line of lines) {
    const h = HEADING.exec(line);
    if (h) {
      heading = h[1].replace(/[\s\u3000]+/g, ' ');
      current = null;
      continue;
    }
    const a = ARTICLE.exec(line);
    if (a) {
      current = { seq: out.length + 1, label: a[1], heading, paragraphs: a[2] ? [a[2]] : [] };
      out.push(current);
      continue;
    }
    if (current) current.paragraphs.push(line);
    else preamble.push(line);
  }
  for (const c of out) if (c.paragraphs.length === 0) c.paragraphs.push('');
  return preamble.length ? [{ seq: 0, label: '序言', heading: null, paragraphs: preamble }, ...out] : out;
}

// ---------------------------------------------------------------------------------------------------------------
// Village decisions (组织法第23–26条; domain.md §5.1)

/** The matters of 组织法第24条 (domain.md §5.1): a decision of these types needs a 村民会议/村民代表会议 record. */
export const ARTICLE_24_MATTERS = [
  { code: 'allowance', label: '享受误工补贴的人员及补贴标准' },
  { code: 'collective_income', label: '从村集体经济所得收益的使用' },
  { code: 'public_welfare', label: '公益事业的兴办和筹资筹劳方案及建设承包方案' },
  { code: 'land_contract', label: '土地承包经营方案' },
  { code: 'collective_project', label: '村集体经济项目的立项、承包方案' },
  { code: 'homestead', label: '宅基地的使用方案' },
  { code: 'land_compensation', label: '征地补偿费的使用、分配方案' },
  { code: 'property_disposal', label: '以借贷、租赁或者其他方式处分村集体财产' },
] as const;
export const DECISION_MATTERS = [
  ...ARTICLE_24_MATTERS.map((m) => ({ ...m, article24: true })),
  { code: 'other', label: '其他涉及村民利益的事项', article24: false },
] as const;
export const DECISION_MATTER_CODES: readonly string[] = DECISION_MATTERS.map((m) => m.code);
export function needsMeeting(matter: string): boolean {
  return ARTICLE_24_MATTERS.some((m) => m.code === matter);
}

/**
 * Quorum rules per meeting as data. 村民代表会议: two thirds of its members (第26条, domain.md §5.1). 村民会议:
 * two thirds as the issue states it (of the household representatives); the county may add another basis here.
 */
export const MEETING_KINDS = [
  { code: 'representatives', label: '村民代表会议', entitledLabel: '村民代表会议组成人员', quorum: { num: 2, den: 3 } },
  { code: 'villagers', label: '村民会议', entitledLabel: '应到的户代表（或村民）', quorum: { num: 2, den: 3 } },
] as const;
export const MEETING_KIND_CODES: readonly string[] = MEETING_KINDS.map((m) => m.code);

export interface MeetingFigures {
  kind: string;
  entitled: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

export type MeetingCheck =
  | { ok: true; quorumNeeded: number; majorityNeeded: number }
  | { ok: false; code: 'INVALID_FIGURES' | 'QUORUM_NOT_MET' | 'MAJORITY_NOT_REACHED'; message: string; quorumNeeded?: number; majorityNeeded?: number };

/** Quorum (present ≥ ⅔ of entitled) and majority (for > half of those present), both checked exactly in integers. */
export function checkMeeting(m: MeetingFigures): MeetingCheck {
  const kind = MEETING_KINDS.find((k) => k.code === m.kind);
  if (!kind) return { ok: false, code: 'INVALID_FIGURES', message: '请选择会议类型（村民会议或村民代表会议）' };
  const ints = [m.entitled, m.present, m.votesFor, m.votesAgainst, m.votesAbstain];
  if (ints.some((n) => !Number.isInteger(n) || n < 0)) return { ok: false, code: 'INVALID_FIGURES', message: '人数和票数须为不小于0的整数' };
  if (m.entitled < 1) return { ok: false, code: 'INVALID_FIGURES', message: `请填写${kind.entitledLabel}人数` };
  if (m.present > m.entitled) return { ok: false, code: 'INVALID_FIGURES', message: `到会人数（${m.present}）不能多于应到人数（${m.entitled}）` };
  if (m.votesFor + m.votesAgainst + m.votesAbstain > m.present)
    return {
      ok: false,
      code: 'INVALID_FIGURES',
      message: `赞成、反对、弃权票合计（${m.votesFor + m.votesAgainst + m.votesAbstain}）不能多于到会人数（${m.present}）`,
    };
  const quorumNeeded = Math.ceil((m.entitled * kind.quorum.num) / kind.quorum.den);
  const majorityNeeded = Math.floor(m.present / 2) + 1;
  if (m.present * kind.quorum.den < m.entitled * kind.quorum.num)
    return {
      ok: false,
      code: 'QUORUM_NOT_MET',
      message: `${kind.label}应有三分之二以上的${kind.entitledLabel}到会：应到${m.entitled}人，至少${quorumNeeded}人到会，实到${m.present}人，会议不能作出决定`,
      quorumNeeded,
      majorityNeeded,
    };
  if (m.votesFor * 2 <= m.present)
    return {
      ok: false,
      code: 'MAJORITY_NOT_REACHED',
      message: `决定须经到会人员过半数通过：到会${m.present}人，至少${majorityNeeded}票赞成，实际赞成${m.votesFor}票，决定未通过`,
      quorumNeeded,
      majorityNeeded,
    };
  return { ok: true, quorumNeeded, majorityNeeded };
}
