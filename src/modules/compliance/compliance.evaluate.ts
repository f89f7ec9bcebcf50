/**
 * The evaluation of one obligation (督查): a PURE function of the obligation (from the catalog's
 * computeObligations), the publications that fulfil it (from publishing), the date of evaluation,
 * the rules (data) and the working-day calendar. No clock, no database.
 *
 * Statuses (one primary status, plus the flags behind it):
 * - upcoming 未到期 / due_soon 即将到期 / overdue 已逾期 — nothing published by `asOf`;
 * - on_time 按时公开 / late 逾期公开 — by the first publication's date against the due date;
 * - display_short 公示期不足 — every publication was withdrawn before its minimum 公示期 ended;
 * - channel_missing 公开栏未留痕 — the catalog marks the 公开栏 channel ■ (required) and no posting photo exists.
 * Precedence of the primary status among fulfilled obligations: display_short > channel_missing > late > on_time.
 */
import type { ComplianceRules } from './compliance.rules.ts';

/** Plain code-unit order (dates, keys): localeCompare is far slower over tens of thousands of rows. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type ComplianceStatus = 'upcoming' | 'due_soon' | 'overdue' | 'on_time' | 'late' | 'display_short' | 'channel_missing';

export const STATUS_TEXT: Record<ComplianceStatus, string> = {
  upcoming: '未到期',
  due_soon: '即将到期',
  overdue: '逾期未公开',
  on_time: '按时公开',
  late: '逾期公开',
  display_short: '公示期不足（提前撤回）',
  channel_missing: '公开栏未留痕',
};

export const STATUSES = Object.keys(STATUS_TEXT) as ComplianceStatus[];

/** One public record that fulfils an obligation (publishing's disclosure + evidence), as stored facts. */
export interface PublicationFact {
  disclosureId: string;
  version: number;
  indexNo: string | null;
  title: string;
  /** China-local date of publication. */
  publishedOn: string;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  /** 公示期 minimum end (publishing's display window); null when the item sets none. */
  displayMinEnd: string | null;
  displayPlannedEnd: string | null;
  /** Dates the 公开栏 photos were taken. */
  photoDates: string[];
}

/** An obligation with everything the evaluation needs (what the results table stores). */
export interface ObligationFact {
  itemId: string;
  itemKey: string;
  itemName: string;
  period: string;
  periodLabel: string;
  eventId: string | null;
  dueDate: string;
  /** ■ channels of the catalog item. */
  requiredChannels: string[];
  displayRuleText: string | null;
  provisional: boolean;
  publications: PublicationFact[];
}

export interface WorkdayCounter {
  workingDaysBetween(from: string, to: string): { workingDays: number };
  addWorkingDays(from: string, n: number): { date: string };
}

export interface ObligationEvaluation {
  status: ComplianceStatus;
  statusText: string;
  /** pending = not yet due and not published. */
  timeliness: 'pending' | 'on_time' | 'late' | 'overdue';
  /** Working days past the due date (overdue: until asOf; late: until the publication). */
  overdueWorkingDays: number;
  /** Working days left until the due date (0 when due today or past). */
  workingDaysLeft: number;
  displayShort: boolean;
  /** Required channels without evidence. */
  missingChannels: string[];
  /** The publication the status rests on (the first one), null when nothing is published. */
  publication: PublicationFact | null;
  /** Further publications of the same obligation (e.g. a republication after a withdrawal). */
  otherPublications: number;
}

/** Withdrawn before the minimum 公示期 ended (publishing records the same test as `beforeMinimum`). */
export function withdrawnEarly(p: PublicationFact, asOf: string): boolean {
  return !!p.withdrawnOn && p.withdrawnOn <= asOf && !!p.displayMinEnd && p.withdrawnOn < p.displayMinEnd;
}

export function evaluateObligation(ob: ObligationFact, asOf: string, rules: ComplianceRules, cal: WorkdayCounter): ObligationEvaluation {
  const pubs = ob.publications.filter((p) => p.publishedOn <= asOf).sort((a, b) => cmp(a.publishedOn, b.publishedOn) || cmp(a.disclosureId, b.disclosureId));
  const base = { displayShort: false, missingChannels: [] as string[], publication: null, otherPublications: 0 };
  if (pubs.length === 0) {
    if (asOf > ob.dueDate) {
      const days = cal.workingDaysBetween(ob.dueDate, asOf).workingDays;
      return { ...base, status: 'overdue', statusText: STATUS_TEXT.overdue, timeliness: 'overdue', overdueWorkingDays: days, workingDaysLeft: 0 };
    }
    const left = asOf === ob.dueDate ? 0 : cal.workingDaysBetween(asOf, ob.dueDate).workingDays;
    const status: ComplianceStatus = left <= rules.dueSoonWorkingDays ? 'due_soon' : 'upcoming';
    return { ...base, status, statusText: STATUS_TEXT[status], timeliness: 'pending', overdueWorkingDays: 0, workingDaysLeft: left };
  }
  const first = pubs[0];
  const late = first.publishedOn > ob.dueDate;
  const overdueWorkingDays = late ? cal.workingDaysBetween(ob.dueDate, first.publishedOn).workingDays : 0;
  const displayShort = pubs.every((p) => withdrawnEarly(p, asOf));
  const evidenced = ob.requiredChannels.filter((c) => rules.evidencedChannels.includes(c));
  let missingChannels: string[] = [];
  if (evidenced.length) {
    const hasPhoto = pubs.some((p) => p.photoDates.some((d) => d <= asOf));
    const from = first.publishedOn > ob.dueDate ? first.publishedOn : ob.dueDate;
    const deadline = rules.channelEvidenceGraceWorkingDays > 0 ? cal.addWorkingDays(from, rules.channelEvidenceGraceWorkingDays).date : from;
    if (!hasPhoto && asOf > deadline) missingChannels = evidenced;
  }
  const status: ComplianceStatus = displayShort ? 'display_short' : missingChannels.length ? 'channel_missing' : late ? 'late' : 'on_time';
  return {
    status,
    statusText: STATUS_TEXT[status],
    timeliness: late ? 'late' : 'on_time',
    overdueWorkingDays,
    workingDaysLeft: 0,
    displayShort,
    missingChannels,
    publication: first,
    otherPublications: pubs.length - 1,
  };
}

export interface ComplianceSummary {
  /** Obligations that have come due or were fulfilled: onTime + late + overdue. */
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  dueSoon: number;
  upcoming: number;
  displayShort: number;
  missingChannel: number;
  /** onTime / due; null when nothing is due. */
  onTimeRate: number | null;
}

export function summarize(evals: Pick<ObligationEvaluation, 'timeliness' | 'status' | 'displayShort' | 'missingChannels'>[]): ComplianceSummary {
  const s = { due: 0, onTime: 0, late: 0, overdue: 0, dueSoon: 0, upcoming: 0, displayShort: 0, missingChannel: 0 };
  for (const e of evals) {
    if (e.timeliness === 'on_time') s.onTime += 1;
    else if (e.timeliness === 'late') s.late += 1;
    else if (e.timeliness === 'overdue') s.overdue += 1;
    else if (e.status === 'due_soon') s.dueSoon += 1;
    else s.upcoming += 1;
    if (e.displayShort) s.displayShort += 1;
    if (e.missingChannels.length) s.missingChannel += 1;
  }
  s.due = s.onTime + s.late + s.overdue;
  return { ...s, onTimeRate: s.due ? s.onTime / s.due : null };
}

/** Which publications fulfil an obligation: same item; same event, or same period (长期公开: any). */
export function fulfils(
  p: { itemKey: string | null; period: string | null; eventId: string | null },
  ob: { itemKey: string; period: string; eventId: string | null },
): boolean {
  if (p.itemKey !== ob.itemKey) return false;
  if (ob.eventId) return p.eventId === ob.eventId;
  return ob.period === 'standing' || p.period === ob.period;
}

const DAY_MS = 86_400_000;
const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/**
 * A fast counter for evaluating many obligations: working days between two dates from prefix sums over
 * the calendar (built once per day of the range), additions memoized. Same answers as the calendar.
 */
export function memoCounter(cal: WorkdayCounter & { isWorkday(date: string): boolean }): WorkdayCounter {
  let base = -1;
  const prefix: number[] = [];
  const adds = new Map<string, { date: string }>();
  const ensure = (i: number) => {
    while (prefix.length <= i) {
      const k = prefix.length;
      const date = new Date((base + k) * DAY_MS).toISOString().slice(0, 10);
      prefix.push(k === 0 ? 0 : prefix[k - 1] + (cal.isWorkday(date) ? 1 : 0));
    }
  };
  return {
    workingDaysBetween(from, to) {
      const a = dayIndex(from);
      const b = dayIndex(to);
      if (base < 0) base = a - 400;
      if (Number.isNaN(a) || Number.isNaN(b) || a < base || b < a || b - base > 20_000) return { workingDays: cal.workingDaysBetween(from, to).workingDays };
      ensure(b - base);
      return { workingDays: prefix[b - base] - prefix[a - base] };
    },
    addWorkingDays(from, n) {
      const k = `${from}|${n}`;
      let hit = adds.get(k);
      if (!hit) {
        hit = { date: cal.addWorkingDays(from, n).date };
        adds.set(k, hit);
      }
      return hit;
    },
  };
}
