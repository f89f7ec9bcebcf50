/**
 * The statutory clock's contract (条例第30–35条; domain.md §1.3). The pure implementation is
 * `computeStatutoryClock` in statutory-clock.ts; handling commands turn a case's recorded steps into
 * `ClockEvent`s (dates as entered, so paper cases can be entered as they happened) and store
 * `dueDate` in info_requests.due_on; a calendar change recomputes every open case.
 */
import type { WorkCalendar } from '../calendar/index.ts';

/** A fact that moves the clock. Dates are China-local YYYY-MM-DD; the day of an event is not counted (《民法典》第201条). */
export type ClockEvent =
  /** 收到申请 (第31条 date for the channel). Starts the 20-working-day answer period (第33条) and the 7-day 补正 limit (第30条). */
  | { type: 'received'; on: string }
  /** 补正告知 sent (must be within 7 working days of receipt, 第30条); `correctionDueOn` is the reasonable correction deadline given to the applicant. */
  | { type: 'clarification-requested'; on: string; correctionDueOn: string }
  /** 收到补正后的申请: the answer period runs again, in full, from this date (第30条). */
  | { type: 'clarification-received'; on: string }
  /** Consultation sent (第32条 third party / 第34条 other agency / 协办): time until its reply is not counted (第33条第三款). */
  | { type: 'consultation-sent'; id: string; kind: 'third-party' | 'co-producer' | 'assisting'; on: string }
  /** Its reply received (or its own period lapsed: `on` is then the day the period ended). */
  | { type: 'consultation-closed'; id: string; on: string }
  /** Extension approved by the head of the disclosure office and notified to the applicant (第33条): at most 20 working days. */
  | { type: 'extension'; on: string; workingDays: number; approvedBy: string }
  /** 第35条: a reasoned, later answer date set and notified to the applicant. */
  | { type: 'delayed-deadline'; on: string; dueOn: string; reason: string }
  /** 收费通知 sent / fee paid (信息处理费). Whether the wait pauses the clock is a setting (default: no). */
  | { type: 'fee-notice'; on: string; payBy: string }
  | { type: 'fee-paid'; on: string }
  /** The decision was made (答复): the clock stops. */
  | { type: 'answered'; on: string };

export interface ClockSettings {
  /** 第33条: 20 working days. Stored as data so a changed rule is a setting, not a code change. */
  answerWorkingDays: number;
  /** 第33条: an extension may add at most 20 working days. */
  maxExtensionWorkingDays: number;
  /** 第30条: the 补正 notice must go out within 7 working days of receipt. */
  clarificationWorkingDays: number;
  /** Warn this many working days before a limit (补正 limit and answer date). */
  warnWorkingDays: number;
  /** Whether time between a fee notice and payment is excluded from the answer period (not settled in our sources; default false). */
  feeWaitPausesClock: boolean;
}

export interface ClockResult {
  /** The answer deadline (答复期限) as things stand. Null before receipt is confirmed. */
  dueDate: string | null;
  /** True when any year the computation passed through has no official holiday data (weekend rule only). */
  provisional: boolean;
  /** Working days not counted (consultations; fee wait when the setting says so). */
  pausedWorkingDays: number;
  /** Last day a 补正 notice may be sent (收到申请 + 7 working days); null once sent or after a decision. */
  clarificationDueBy: string | null;
  /** Every step in plain Chinese, in order, e.g. 「2026-02-10 收到申请；自次日起计20个工作日；春节假期（2026-02-15至2026-02-23）不计；…」. */
  explanation: string[];
  /** Where the case stands against its limits as of `asOf`. */
  state: 'awaiting-receipt' | 'running' | 'paused' | 'awaiting-correction' | 'correction-overdue' | 'fee-overdue' | 'answered';
  /** Warnings as of `asOf` (Chinese), e.g. 补正告知期限将届满, 答复期限已过. */
  warnings: {
    code:
      'clarification-due-soon' | 'clarification-overdue' | 'answer-due-soon' | 'answer-overdue' | 'correction-overdue' | 'fee-overdue' | 'extension-too-long';
    message: string;
  }[];
}

/** Signature of the pure clock: same events, calendar, settings and asOf ⇒ same result. */
export type ComputeStatutoryClock = (events: readonly ClockEvent[], calendar: WorkCalendar, settings: ClockSettings, asOf: string) => ClockResult;
