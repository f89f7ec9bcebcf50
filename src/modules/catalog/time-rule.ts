/**
 * 公开时限 and 公示期 as structured rules (data), evaluated by pure functions elsewhere.
 * Every pattern of domain.md §4.3–4.6 and the plan 三(三)2 is one of these shapes:
 *
 * - triggered: within N working (or calendar) days of a fact — 信息形成或变更 (条例第26条: 20 wd),
 *   批准 (预算法: 20 calendar days), 批复, 事件发生, 获取.
 * - immediate (即时公开): within N working days of the event (plan 三(三)2(3): 3 wd).
 * - recurring: yearly (固定公开), quarterly or monthly (定期公开), or "finance_adaptive"
 *   (村民委员会组织法第30条: monthly where collective finances are busy, else at least quarterly),
 *   due on a day inside the period or the next one, or N working days after the period starts/ends.
 * - long_term (长期公开): kept up while valid; changes published as they happen.
 */

/** What starts a triggered time limit. */
export type TriggerKind =
  /** 信息形成或者变更之日 */
  | 'formed_or_changed'
  /** 制定或获取信息之日 */
  | 'made_or_obtained'
  /** 本级人大或其常委会批准后 (预算/决算) */
  | 'approved'
  /** 财政部门批复后 (部门预决算) */
  | 'replied'
  /** 事项发生之日 */
  | 'event_occurred';

export type DayUnit = 'working_days' | 'calendar_days';

export interface TriggeredRule {
  kind: 'triggered';
  trigger: TriggerKind;
  n: number;
  unit: DayUnit;
}

/** 即时公开: within n working days of the event (plan 三(三)2(3)). */
export interface ImmediateRule {
  kind: 'immediate';
  n: number;
}

export type Frequency = 'yearly' | 'quarterly' | 'monthly' | 'finance_adaptive';

/** When, relative to the period, the disclosure is due. */
export type PeriodDue =
  /** On `day` of the `monthOfPeriod`-th month of the period itself (e.g. 每季度首月20日: {1, 20}). */
  | { type: 'day_in_period'; monthOfPeriod: number; day: number }
  /** On `day` of the `monthOfPeriod`-th month of the NEXT period, about this period (每月10日前公开上月收支). */
  | { type: 'day_in_next_period'; monthOfPeriod: number; day: number }
  /** Within n working days after the period starts (每年初公开一次). */
  | { type: 'working_days_after_start'; n: number }
  /** Within n working days after the period ends. */
  | { type: 'working_days_after_end'; n: number };

export interface RecurringRule {
  kind: 'recurring';
  frequency: Frequency;
  due: PeriodDue;
  /**
   * A fixed due day falling on a rest day moves to the next working day
   * (《民法典》第203条: a period whose last day is a holiday ends on the first day after it).
   */
  shiftToWorkday: boolean;
}

/** 长期公开: published once, kept current; an update is due within n working days of a change. */
export interface LongTermRule {
  kind: 'long_term';
  updateWithinWorkingDays: number;
}

export type TimeRule = TriggeredRule | ImmediateRule | RecurringRule | LongTermRule;

/** 公示期: how long a disclosure must stay on display. */
export type DisplayRule =
  /** No minimum (ordinary proactive disclosure stays public in the archive). */
  | { kind: 'none' }
  /** At least n working days (e.g. 不少于7个工作日). */
  | { kind: 'min_working_days'; n: number }
  /** Until a stated end, e.g. a 低保 list stays up until benefits end. */
  | { kind: 'until'; until: string };
