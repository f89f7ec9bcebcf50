/**
 * The statutory clock of 依申请公开 (条例第30–35条; domain.md §1.1 and §1.3). PURE: no I/O, no reading of
 * the current time — the events, the working-day calendar, the settings and `asOf` are arguments.
 *
 * How the answer deadline (答复期限) is computed
 * -----------------------------------------------
 * 1. Start. The period starts on the day the application is received (第31条 date for its channel) and
 *    that day is not counted (《民法典》第201条): counting begins the next day. When a corrected
 *    application arrives after a 补正 notice, the period starts again, in full, from the day the corrected
 *    application is received (第30条); pauses and extensions of the earlier period no longer apply.
 * 2. Length. `answerWorkingDays` (20, 第33条第二款) plus approved extensions (at most
 *    `maxExtensionWorkingDays` = 20 in total, 第33条第二款). An extension that would take the total past
 *    the limit is refused (warning `extension-too-long`) and not applied.
 * 3. Working days. Monday–Friday, except the official holiday days; 调休 make-up Saturdays/Sundays count
 *    (domain.md §1.3, §7). Taken from the calendar module's `WorkCalendar`.
 * 4. Pauses (第33条第三款: time spent consulting a third party or another agency is not counted). A pause
 *    opened on day S and closed on day E removes the working days AFTER S UP TO AND INCLUDING E: the day
 *    the letter goes out is a normal working day of the case, the day the reply arrives is the last day
 *    not counted, and counting resumes the day after (the same 第201条 rule as for receipt). Pauses that
 *    overlap remove each working day once: a day is paused when at least one pause covers it. A pause
 *    still open as of `asOf` (or as of the answer) is treated as if it closed that day, so the due date
 *    shown is "the due date if the reply arrived today" and moves on while the pause lasts. A pause only
 *    matters for days after the current period's start, and one that opens after the deadline has
 *    already run out does not revive it.
 *    The wait between a fee notice and payment (信息处理费) is a pause of the same shape only when
 *    `feeWaitPausesClock` is set (not settled in our sources; default false).
 * 5. 第35条. A reasoned delayed deadline replaces the computed due date when it is later; a stated date
 *    that is not later than the statutory deadline changes nothing (and the explanation says so).
 * 6. `answered` stops the clock; events after it, and events dated after `asOf`, are not taken into account.
 *
 * A year the computation passes through without official holiday data makes the result `provisional`,
 * with the calendar's Chinese reason in the explanation. User-level description: docs/statutory-clock.md.
 */
import { WorkCalendar, addCalendarDays, isValidDate, provisionalReason, weekdayName, yearOf } from '../calendar/index.ts';
import type { ClockEvent, ClockResult, ClockSettings, ComputeStatutoryClock } from './statutory-clock.types.ts';

/**
 * Default settings, each with its source. Stored per deployment as data (see `resolveClockSettings`), so a
 * changed rule is a setting, not a code change.
 */
export const DEFAULT_CLOCK_SETTINGS: Readonly<ClockSettings> = Object.freeze({
  // 条例第33条第二款: 不能当场答复的，应当自收到申请之日起20个工作日内予以答复。
  answerWorkingDays: 20,
  // 条例第33条第二款: 需要延长答复期限的，…延长的期限最长不得超过20个工作日。
  maxExtensionWorkingDays: 20,
  // 条例第30条: 行政机关应当…自收到申请之日起7个工作日内一次性告知申请人作出补正。
  clarificationWorkingDays: 7,
  // Not a legal rule: how early the reminder comes (3 working days). A unit setting.
  warnWorkingDays: 3,
  // Not settled in our sources (domain.md §1.3, [U]): the fee wait does not stop the clock unless a unit decides so.
  feeWaitPausesClock: false,
});

/** Labels of the consultation kinds as they appear in the explanation (request.types.ts CONSULTATION_KINDS). */
const CONSULTATION_LABELS: Record<'third-party' | 'co-producer' | 'assisting', { label: string; sent: string; article: string }> = {
  'third-party': { label: '征求第三方意见', sent: '征求第三方意见（第三十二条）', article: '第三十二条' },
  'co-producer': { label: '征求共同制作机关意见', sent: '征求共同制作机关意见（第三十四条）', article: '第三十四条' },
  assisting: { label: '协办', sent: '发函请求协办', article: '第三十三条第三款' },
};

/** Same-day order of events: receipt first, the answer last, closing a pause after opening one. */
const SAME_DAY_ORDER: Record<ClockEvent['type'], number> = {
  received: 0,
  'clarification-requested': 1,
  'clarification-received': 2,
  'consultation-sent': 3,
  'fee-notice': 4,
  extension: 5,
  'delayed-deadline': 6,
  'consultation-closed': 7,
  'fee-paid': 8,
  answered: 9,
};

/** A stretch of time not counted: working days after `from` up to and including `to` (null: still open). */
interface Pause {
  kind: 'consultation' | 'fee';
  label: string;
  article: string;
  from: string;
  to: string | null;
  /** Index of the explanation line announcing it (for ordering the closing line after it). */
  id: string;
}

interface Line {
  key: string;
  seq: number;
  text: string;
}

/** Everything the clock works out; `computeStatutoryClock` and `listStatutoryKeyDates` both read it. */
export interface ClockDetails extends ClockResult {
  receivedOn: string | null;
  /** Start of the current answer period (receipt, or receipt of the corrected application). */
  periodStart: string | null;
  correctedReceivedOn: string | null;
  /** The applicant's correction deadline from the (latest) 补正 notice, while it matters. */
  correctionDueOn: string | null;
  /** 答复期限 without any extension or 第35条 date (pauses included). */
  baseDueDate: string | null;
  /** After extensions (null when none was applied). */
  extendedDueDate: string | null;
  /** The 第35条 date, when it replaced the statutory deadline. */
  delayedDueDate: string | null;
  extensionWorkingDays: number;
  answeredOn: string | null;
  /**
   * Every year the computation went through (sorted). Store it with the case: when the calendar of one of
   * these years changes, the due date must be recomputed (calendar module's registerDeadlineRecomputer).
   */
  years: number[];
}

const MAX_WALK_CALENDAR_DAYS = 366 * 20;

function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Day classification through `WorkCalendar.dayInfo`, memoized per calendar instance. A WorkCalendar is
 * immutable (it copies its data), so the memo can never go stale; it only saves re-parsing dates when
 * many cases are computed against one calendar (a list page, a recomputation after a calendar change).
 */
interface MemoDay {
  workday: boolean;
  kind: string;
  name: string | null;
  next: string;
  prev: string;
  year: number;
}
const dayMemo = new WeakMap<WorkCalendar, Map<string, MemoDay>>();
const MAX_MEMO_DAYS = 40_000;

function memoDay(calendar: WorkCalendar, date: string): MemoDay {
  let memo = dayMemo.get(calendar);
  if (!memo) {
    memo = new Map();
    dayMemo.set(calendar, memo);
  }
  let d = memo.get(date);
  if (!d) {
    const info = calendar.dayInfo(date);
    d = { workday: info.workday, kind: info.kind, name: info.name, next: addCalendarDays(date, 1), prev: addCalendarDays(date, -1), year: yearOf(date) };
    if (memo.size >= MAX_MEMO_DAYS) memo.clear();
    memo.set(date, d);
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`): calendar.workingDaysBetween's rule. */
export function countWorkingDays(calendar: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = memoDay(calendar, from).next; d <= to; d = memoDay(calendar, d).next) if (memoDay(calendar, d).workday) n += 1;
  return n;
}

/**
 * The n-th working day after `from` (calendar.addWorkingDays's rule, memoized), with every year passed
 * through. Exported for the cross-check test against the calendar module.
 */
export function nthWorkingDayAfter(calendar: WorkCalendar, from: string, n: number): { date: string; years: number[] } {
  const years = new Set<number>();
  let date = from;
  let counted = 0;
  let steps = 0;
  while (counted < n) {
    if (++steps > MAX_WALK_CALENDAR_DAYS) throw new RangeError('statutory clock: period too long');
    date = memoDay(calendar, date).next;
    const d = memoDay(calendar, date);
    years.add(d.year);
    if (d.workday) counted += 1;
  }
  return { date, years: [...years].sort((a, b) => a - b) };
}

/** 「2026-02-14（星期六）」 */
function dayLabel(date: string): string {
  return `${date}（${weekdayName(date)}）`;
}

interface WalkResult {
  due: string;
  /** Working days skipped because a pause covered them. */
  pausedWorkingDays: number;
  years: Set<number>;
  /** Working days counted towards the period (for the paused-state message). */
  countedByDate: (date: string) => number;
  countedDates: string[];
}

/**
 * The n-th counted working day after `start`, skipping working days covered by a pause (open pauses are
 * closed at `openUntil`). Pauses are (from, to] ranges; a day is paused when any range covers it.
 */
function walkPeriod(calendar: WorkCalendar, start: string, n: number, pauses: readonly Pause[], openUntil: string): WalkResult {
  const ranges = pauses.map((p) => ({ from: maxDate(p.from, start), to: p.to ?? maxDate(openUntil, p.from) })).filter((r) => r.to > r.from);
  const years = new Set<number>();
  const countedDates: string[] = [];
  let paused = 0;
  let date = start;
  let steps = 0;
  while (countedDates.length < n) {
    date = memoDay(calendar, date).next;
    if (++steps > MAX_WALK_CALENDAR_DAYS) throw new RangeError('statutory clock: period too long');
    const day = memoDay(calendar, date);
    years.add(day.year);
    if (!day.workday) continue;
    if (ranges.some((r) => date > r.from && date <= r.to)) {
      paused += 1;
      continue;
    }
    countedDates.push(date);
  }
  return {
    due: date,
    pausedWorkingDays: paused,
    years,
    countedDates,
    countedByDate: (d) => countedDates.filter((c) => c <= d).length,
  };
}

/** Contiguous holiday blocks with at least one day in (from, to], with their names, as explanation lines. */
function holidayLines(calendar: WorkCalendar, from: string, to: string): Line[] {
  const lines: Line[] = [];
  let date = memoDay(calendar, from).next;
  while (date <= to) {
    const info = memoDay(calendar, date);
    if (info.kind !== 'holiday') {
      date = info.next;
      continue;
    }
    // Widen to the whole block, so the line names the official arrangement, not just the part crossed.
    let first = date;
    for (let i = 0; i < 15 && memoDay(calendar, memoDay(calendar, first).prev).kind === 'holiday'; i++) first = memoDay(calendar, first).prev;
    let last = date;
    for (let i = 0; i < 15 && memoDay(calendar, memoDay(calendar, last).next).kind === 'holiday'; i++) last = memoDay(calendar, last).next;
    const names: string[] = [];
    for (let d = first; d <= last; d = memoDay(calendar, d).next) {
      const name = memoDay(calendar, d).name;
      if (name && !names.includes(name)) names.push(name);
    }
    const range = first === last ? first : `${first}至${last}`;
    lines.push({ key: date, seq: 50, text: `${names.join('、') || '法定节假日'}假期（${range}）不计` });
    date = memoDay(calendar, last).next;
  }
  return lines;
}

function compareEvents(a: { e: ClockEvent; i: number }, b: { e: ClockEvent; i: number }): number {
  if (a.e.on !== b.e.on) return a.e.on < b.e.on ? -1 : 1;
  const o = SAME_DAY_ORDER[a.e.type] - SAME_DAY_ORDER[b.e.type];
  return o !== 0 ? o : a.i - b.i;
}

/**
 * The clock with every intermediate date; `computeStatutoryClock` returns its `ClockResult` part.
 * Throws RangeError only for malformed input (an event date that is not a real YYYY-MM-DD date), which
 * the handling commands validate before calling.
 */
export function computeStatutoryClockDetails(events: readonly ClockEvent[], calendar: WorkCalendar, settings: ClockSettings, asOf: string): ClockDetails {
  if (!isValidDate(asOf)) throw new RangeError(`invalid asOf: ${asOf}`);
  for (const e of events) {
    if (!isValidDate(e.on)) throw new RangeError(`invalid event date: ${e.on}`);
    if (e.type === 'clarification-requested' && !isValidDate(e.correctionDueOn)) throw new RangeError(`invalid correctionDueOn: ${e.correctionDueOn}`);
    if (e.type === 'delayed-deadline' && !isValidDate(e.dueOn)) throw new RangeError(`invalid dueOn: ${e.dueOn}`);
    if (e.type === 'fee-notice' && !isValidDate(e.payBy)) throw new RangeError(`invalid payBy: ${e.payBy}`);
  }
  const N = settings.answerWorkingDays;
  const lines: Line[] = [];
  const warnings: ClockResult['warnings'] = [];
  const say = (key: string, seq: number, text: string) => lines.push({ key, seq, text });

  const ordered = events.map((e, i) => ({ e, i })).sort(compareEvents);
  const later = ordered.filter((x) => x.e.on > asOf).length;
  const known = ordered.filter((x) => x.e.on <= asOf).map((x) => x.e);

  const result: ClockDetails = {
    dueDate: null,
    provisional: false,
    pausedWorkingDays: 0,
    clarificationDueBy: null,
    explanation: [],
    state: 'awaiting-receipt',
    warnings,
    receivedOn: null,
    periodStart: null,
    correctedReceivedOn: null,
    correctionDueOn: null,
    baseDueDate: null,
    extendedDueDate: null,
    delayedDueDate: null,
    extensionWorkingDays: 0,
    answeredOn: null,
    years: [],
  };
  const provisionalYears = new Set<number>();
  const touchedYears = new Set<number>();
  const addYears = (years: Iterable<number>) => {
    for (const y of years) {
      touchedYears.add(y);
      if (!calendar.hasYear(y)) provisionalYears.add(y);
    }
  };
  const finish = (): ClockDetails => {
    result.provisional = provisionalYears.size > 0;
    if (result.provisional) say('9999-99-99', 1, provisionalReason([...provisionalYears].sort((a, b) => a - b))!);
    if (later > 0) say('9999-99-99', 99, `另有${later}项记录的日期晚于${asOf}，未计入`);
    result.years = [...touchedYears].sort((a, b) => a - b);
    result.explanation = lines.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.seq - b.seq)).map((l) => l.text);
    return result;
  };

  // ---- Pass 1: replay the events into the case's facts. ----
  let receivedOn: string | null = null;
  let periodStart: string | null = null;
  let clarificationSentOn: string | null = null;
  let awaitingCorrection: { on: string; dueOn: string } | null = null;
  let pauses: Pause[] = [];
  const openConsultations = new Map<string, Pause>();
  let openFee: { on: string; payBy: string; pause: Pause | null } | null = null;
  let extensions: { on: string; workingDays: number; approvedBy: string }[] = [];
  let delayed: { on: string; dueOn: string; reason: string; seq: number } | null = null;
  let answeredOn: string | null = null;
  let seq = 100;
  let receivedSeq = 0;

  for (const e of known) {
    seq += 1;
    if (answeredOn) break;
    if (e.type === 'received') {
      if (receivedOn) {
        say(e.on, seq, `${e.on} 的收到申请记录与已确认的收到日期（${receivedOn}）重复，以${receivedOn}为准`);
        continue;
      }
      receivedOn = e.on;
      periodStart = e.on;
      receivedSeq = seq;
      say(e.on, seq, `${e.on} 收到申请；自次日起计${N}个工作日（第三十三条）`);
      continue;
    }
    if (!receivedOn || !periodStart) {
      say(e.on, seq, `${e.on} 的记录早于收到申请，不影响期限`);
      continue;
    }
    switch (e.type) {
      case 'clarification-requested': {
        clarificationSentOn ??= e.on;
        awaitingCorrection = { on: e.on, dueOn: e.correctionDueOn };
        say(e.on, seq, `${e.on} 发出补正告知，补正期限至${e.correctionDueOn}；等待补正期间不计算答复期限，自收到补正后的申请之日起重新计算（第三十条）`);
        break;
      }
      case 'clarification-received': {
        const late = awaitingCorrection && e.on > awaitingCorrection.dueOn ? `（晚于补正期限${awaitingCorrection.dueOn}）` : '';
        awaitingCorrection = null;
        periodStart = e.on;
        result.correctedReceivedOn = e.on;
        // 第30条: the period runs again in full from the corrected application's receipt.
        pauses = pauses.filter((p) => p.to === null);
        for (const p of pauses) p.from = maxDate(p.from, e.on);
        if (extensions.length > 0) say(e.on, seq + 0.5, '此前的延期不再适用');
        extensions = [];
        delayed = null;
        say(e.on, seq, `${e.on} 收到补正后的申请${late}；答复期限自次日起重新计算${N}个工作日（第三十条）`);
        break;
      }
      case 'consultation-sent': {
        const c = CONSULTATION_LABELS[e.kind];
        const pause: Pause = { kind: 'consultation', label: c.label, article: c.article, from: e.on, to: null, id: e.id };
        if (openConsultations.has(e.id)) {
          say(e.on, seq, `${e.on} 的${c.label}记录编号重复，已忽略`);
          break;
        }
        openConsultations.set(e.id, pause);
        pauses.push(pause);
        say(e.on, seq, `${e.on} ${c.sent}，自次日起至收到答复之日不计入答复期限（第三十三条第三款）`);
        break;
      }
      case 'consultation-closed': {
        const pause = openConsultations.get(e.id);
        if (!pause) {
          say(e.on, seq, `${e.on} 收到的意见没有对应的征求意见记录，不影响期限`);
          break;
        }
        openConsultations.delete(e.id);
        pause.to = maxDate(e.on, pause.from);
        break;
      }
      case 'extension': {
        const total = extensions.reduce((s, x) => s + x.workingDays, 0);
        if (!Number.isInteger(e.workingDays) || e.workingDays <= 0) {
          say(e.on, seq, `${e.on} 的延期天数（${e.workingDays}）无效，未计入`);
          break;
        }
        if (total + e.workingDays > settings.maxExtensionWorkingDays) {
          const msg =
            total > 0
              ? `延期${e.workingDays}个工作日将使累计延期达到${total + e.workingDays}个工作日，超过第三十三条规定的最长${settings.maxExtensionWorkingDays}个工作日，本次延期未计入`
              : `延期${e.workingDays}个工作日超过第三十三条规定的最长${settings.maxExtensionWorkingDays}个工作日，本次延期未计入`;
          warnings.push({ code: 'extension-too-long', message: msg });
          say(e.on, seq, `${e.on} ${msg}`);
          break;
        }
        // Whether the extension came in time is judged against the deadline as it stood that day.
        const before = walkPeriod(calendar, periodStart, N + total, pauses, e.on).due;
        extensions.push({ on: e.on, workingDays: e.workingDays, approvedBy: e.approvedBy });
        const who = e.approvedBy.trim() ? `经${e.approvedBy.trim()}批准` : '经批准';
        say(e.on, seq, `${e.on} ${who}延长答复期限${e.workingDays}个工作日（第三十三条第二款）`);
        if (e.on > before) say(e.on, seq + 0.5, `注意：延期决定晚于当时的答复期限（${before}）`);
        break;
      }
      case 'delayed-deadline': {
        delayed = { on: e.on, dueOn: e.dueOn, reason: e.reason, seq };
        break;
      }
      case 'fee-notice': {
        const pause: Pause | null = settings.feeWaitPausesClock
          ? { kind: 'fee', label: '等待缴纳信息处理费', article: '', from: e.on, to: null, id: `fee-${seq}` }
          : null;
        if (openFee?.pause && openFee.pause.to === null) openFee.pause.to = e.on;
        openFee = { on: e.on, payBy: e.payBy, pause };
        if (pause) pauses.push(pause);
        say(
          e.on,
          seq,
          `${e.on} 发出收费通知，缴费期限至${e.payBy}；` + (pause ? '按本单位设置，等待缴费期间不计入答复期限' : '按本单位设置，等待缴费期间照常计入答复期限'),
        );
        break;
      }
      case 'fee-paid': {
        if (!openFee) {
          say(e.on, seq, `${e.on} 缴费记录没有对应的收费通知，不影响期限`);
          break;
        }
        const late = e.on > openFee.payBy ? `（晚于缴费期限${openFee.payBy}）` : '';
        say(e.on, seq, `${e.on} 申请人缴纳信息处理费${late}`);
        if (openFee.pause) openFee.pause.to = maxDate(e.on, openFee.pause.from);
        openFee = null;
        break;
      }
      case 'answered': {
        answeredOn = e.on;
        break;
      }
    }
  }

  if (!receivedOn || !periodStart) {
    say('0000-00-00', 0, '尚未确认收到申请，答复期限尚未起算（第三十一条）');
    return finish();
  }
  result.receivedOn = receivedOn;
  result.periodStart = periodStart;
  result.answeredOn = answeredOn;

  // ---- 补正 limit (第30条): 7 working days after the original receipt. ----
  const clarification = nthWorkingDayAfter(calendar, receivedOn, settings.clarificationWorkingDays);
  addYears(clarification.years);
  say(receivedOn, receivedSeq + 0.5, `补正告知最迟应于${clarification.date}发出（收到申请后${settings.clarificationWorkingDays}个工作日内，第三十条）`);
  if (clarificationSentOn && clarificationSentOn > clarification.date) {
    warnings.push({ code: 'clarification-overdue', message: `补正告知于${clarificationSentOn}发出，晚于第三十条规定的期限（${clarification.date}）` });
  }
  if (!clarificationSentOn && !answeredOn && !result.correctedReceivedOn) {
    result.clarificationDueBy = clarification.date;
    if (asOf > clarification.date) {
      warnings.push({ code: 'clarification-overdue', message: `补正告知期限（${clarification.date}）已过，不能再要求申请人补正` });
    } else {
      const left = countWorkingDays(calendar, asOf, clarification.date);
      if (left <= settings.warnWorkingDays) {
        warnings.push({
          code: 'clarification-due-soon',
          message:
            left === 0
              ? `补正告知期限今日（${clarification.date}）届满，如需申请人补正，请今日发出补正告知`
              : `补正告知期限将于${clarification.date}届满（还剩${left}个工作日），如需申请人补正，请尽快发出补正告知`,
        });
      }
    }
  }

  // ---- Waiting for a correction: no answer period is running (第30条). ----
  if (awaitingCorrection && answeredOn) {
    result.state = 'answered';
    say('9999-99-98', 2, `${answeredOn} 在等待补正期间作出处理，期限停止计算`);
    return finish();
  }
  if (awaitingCorrection) {
    result.correctionDueOn = awaitingCorrection.dueOn;
    if (asOf > awaitingCorrection.dueOn) {
      result.state = 'correction-overdue';
      const msg = `申请人未在补正期限（${awaitingCorrection.dueOn}）内补正，可按“逾期不补正”终止办理（第三十条）`;
      warnings.push({ code: 'correction-overdue', message: msg });
      say('9999-99-98', 1, msg);
    } else {
      result.state = 'awaiting-correction';
      say('9999-99-98', 1, `等待申请人补正（补正期限${awaitingCorrection.dueOn}），答复期限自收到补正后的申请之日起计算`);
    }
    return finish();
  }

  // ---- The answer period. ----
  const stopOn = answeredOn ?? asOf;
  const extensionDays = extensions.reduce((s, x) => s + x.workingDays, 0);
  const base = walkPeriod(calendar, periodStart, N, pauses, stopOn);
  const full = extensionDays > 0 ? walkPeriod(calendar, periodStart, N + extensionDays, pauses, stopOn) : base;
  addYears(full.years);
  result.baseDueDate = base.due;
  result.extensionWorkingDays = extensionDays;
  if (extensionDays > 0) {
    result.extendedDueDate = full.due;
    say('9999-99-97', 1, `延期后共计${N + extensionDays}个工作日`);
  }
  result.pausedWorkingDays = full.pausedWorkingDays;
  for (const l of holidayLines(calendar, periodStart, full.due)) lines.push(l);
  for (const d of full.countedDates) {
    const info = memoDay(calendar, d);
    if (info.kind === 'adjusted_workday') say(d, 51, `${dayLabel(d)}为${info.name ? `${info.name}` : ''}调休上班日，计入`);
  }

  // Each pause's own count, then overlaps once. Only days after the period start and up to the due date matter.
  const counted: { label: string; from: string; to: string; days: number }[] = [];
  for (const p of pauses) {
    const from = maxDate(p.from, periodStart);
    const to = p.to ?? maxDate(stopOn, p.from);
    if (from >= full.due) {
      say(p.from, 1000, `${p.from}开始${p.label}，此时答复期限（${full.due}）已经届满或当日届满，不影响答复期限`);
      continue;
    }
    if (to <= from) continue;
    const days = countWorkingDays(calendar, from, to);
    counted.push({ label: p.label, from: addCalendarDays(from, 1), to, days });
    const open = p.to === null;
    const range = `${addCalendarDays(from, 1)}至${to}`;
    say(to, 1000, open ? `${p.label}尚未结束（${range}已${days}个工作日），期间不计入答复期限` : `${p.label}（${range}）共${days}个工作日不计入`);
  }
  const sum = counted.reduce((s, c) => s + c.days, 0);
  if (counted.length > 1 && sum !== full.pausedWorkingDays) {
    say('9999-99-97', 0, `以上不计入的期间有重叠，重叠的${sum - full.pausedWorkingDays}个工作日只扣除一次，合计${full.pausedWorkingDays}个工作日不计入`);
  } else if (counted.length > 1) {
    say('9999-99-97', 0, `合计${full.pausedWorkingDays}个工作日不计入`);
  }

  // 第35条: a later date replaces the statutory deadline.
  let due = full.due;
  if (delayed) {
    const reason = delayed.reason.trim() ? `，理由：${delayed.reason.trim()}` : '';
    if (delayed.dueOn > full.due) {
      due = delayed.dueOn;
      result.delayedDueDate = delayed.dueOn;
      say(delayed.on, delayed.seq, `${delayed.on} 依第三十五条确定延迟答复期限为${delayed.dueOn}${reason}`);
    } else {
      say(delayed.on, delayed.seq, `${delayed.on} 依第三十五条确定的答复日期${delayed.dueOn}不晚于法定答复期限（${full.due}），仍按法定期限${reason}`);
    }
  }
  result.dueDate = due;

  // ---- Where the case stands as of asOf. ----
  const openPauses = pauses.filter((p) => p.to === null && p.from < full.due);
  if (answeredOn) {
    result.state = 'answered';
    say('9999-99-98', 0, `答复期限：${due}`);
    if (answeredOn <= due) say('9999-99-98', 2, `${answeredOn} 作出答复，期限停止计算（在答复期限内）`);
    else {
      const lateBy = countWorkingDays(calendar, due, answeredOn);
      say('9999-99-98', 2, `${answeredOn} 作出答复，期限停止计算（超过答复期限${lateBy}个工作日）`);
    }
  } else {
    if (openFee && asOf > openFee.payBy) {
      result.state = 'fee-overdue';
      const msg = `申请人未在缴费期限（${openFee.payBy}）内缴纳信息处理费，可按“逾期未缴费”终止办理`;
      warnings.push({ code: 'fee-overdue', message: msg });
    } else if (openPauses.length > 0 && !result.delayedDueDate) {
      result.state = 'paused';
    } else {
      result.state = 'running';
    }
    if (result.state === 'paused') {
      const used = full.countedByDate(asOf);
      const total = N + extensionDays;
      say('9999-99-98', 0, `期限暂停计算中：已计${used}个工作日，尚余${total - used}个工作日；如今日恢复计算，答复期限为${due}`);
    } else {
      say('9999-99-98', 0, `答复期限：${due}`);
      if (asOf > due) {
        const lateBy = countWorkingDays(calendar, due, asOf);
        warnings.push({ code: 'answer-overdue', message: `已超过答复期限（${due}）${lateBy}个工作日，尚未答复` });
      } else {
        const left = countWorkingDays(calendar, asOf, due);
        if (left <= settings.warnWorkingDays) {
          warnings.push({
            code: 'answer-due-soon',
            message: left === 0 ? `答复期限今日（${due}）届满，请今日作出答复` : `答复期限将于${due}届满（还剩${left}个工作日）`,
          });
        }
      }
    }
  }
  return finish();
}

/** The statutory clock (contract in statutory-clock.types.ts). */
export const computeStatutoryClock: ComputeStatutoryClock = (events, calendar, settings, asOf) => {
  const d = computeStatutoryClockDetails(events, calendar, settings, asOf);
  return {
    dueDate: d.dueDate,
    provisional: d.provisional,
    pausedWorkingDays: d.pausedWorkingDays,
    clarificationDueBy: d.clarificationDueBy,
    explanation: d.explanation,
    state: d.state,
    warnings: d.warnings,
  };
};

export interface KeyDate {
  code: 'received' | 'correction-due' | 'corrected-received' | 'answer-due' | 'extended-due' | 'delayed-due' | 'answered';
  /** Chinese label for the tracking page. */
  label: string;
  date: string;
  /** True when the date was computed through a year without official holiday data. */
  provisional: boolean;
}

/**
 * The dates an applicant sees on the tracking page, in order: 收到申请, 补正期限 (while a correction is
 * awaited), 收到补正后的申请, 答复期限 (the statutory 20 working days), 延期后答复期限 (after an approved
 * extension), 延迟答复期限 (第35条) and 答复日期.
 */
export function listStatutoryKeyDates(events: readonly ClockEvent[], calendar: WorkCalendar, settings: ClockSettings, asOf: string): KeyDate[] {
  const d = computeStatutoryClockDetails(events, calendar, settings, asOf);
  const out: KeyDate[] = [];
  const add = (code: KeyDate['code'], label: string, date: string | null, provisional = false) => {
    if (date) out.push({ code, label, date, provisional });
  };
  add('received', '收到申请', d.receivedOn);
  add('correction-due', '补正期限', d.correctionDueOn);
  add('corrected-received', '收到补正后的申请', d.correctedReceivedOn);
  add('answer-due', '答复期限', d.baseDueDate, d.provisional);
  add('extended-due', '延期后答复期限', d.extendedDueDate, d.provisional);
  add('delayed-due', '延迟答复期限（第三十五条）', d.delayedDueDate);
  add('answered', '答复日期', d.answeredOn);
  return out;
}

/**
 * Reads stored clock settings (e.g. a JSON value in app_settings): missing keys take the defaults,
 * unknown keys and bad values are refused with every problem listed in Chinese. The ranges are sanity
 * bounds for an administrator's input, not legal rules (the legal values are the defaults above).
 */
export function resolveClockSettings(stored: unknown): { ok: true; settings: ClockSettings } | { ok: false; issues: string[] } {
  if (stored === null || stored === undefined) return { ok: true, settings: { ...DEFAULT_CLOCK_SETTINGS } };
  if (typeof stored !== 'object' || Array.isArray(stored)) return { ok: false, issues: ['时限设置格式不正确，应为对象'] };
  const input = stored as Record<string, unknown>;
  const issues: string[] = [];
  const settings: ClockSettings = { ...DEFAULT_CLOCK_SETTINGS };
  const ints: {
    key: 'answerWorkingDays' | 'maxExtensionWorkingDays' | 'clarificationWorkingDays' | 'warnWorkingDays';
    label: string;
    min: number;
    max: number;
  }[] = [
    { key: 'answerWorkingDays', label: '答复期限（工作日）', min: 1, max: 60 },
    { key: 'maxExtensionWorkingDays', label: '最长延期（工作日）', min: 0, max: 60 },
    { key: 'clarificationWorkingDays', label: '补正告知期限（工作日）', min: 1, max: 60 },
    { key: 'warnWorkingDays', label: '提前提醒（工作日）', min: 0, max: 20 },
  ];
  const known = new Set<string>([...ints.map((i) => i.key), 'feeWaitPausesClock']);
  for (const key of Object.keys(input)) if (!known.has(key)) issues.push(`未知的设置项：${key}`);
  for (const { key, label, min, max } of ints) {
    if (!(key in input)) continue;
    const v = input[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) issues.push(`${label}应为${min}至${max}之间的整数`);
    else settings[key] = v;
  }
  if ('feeWaitPausesClock' in input) {
    const v = input.feeWaitPausesClock;
    if (typeof v !== 'boolean') issues.push('等待缴费是否停止计时应为是或否');
    else settings.feeWaitPausesClock = v;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}
