/**
 * Statuses of a case and the transition table (data). `resolveTransition` is pure: the action must be
 * allowed from the status (else 409) and for the case's kind (else 400). Who may act is the policy's
 * (interaction.policy.ts); where an action leads when it depends on the case (不满意: reopen, escalate or
 * close) the command decides with `afterUnsatisfied` (pure, below).
 */
import { fail, ok, type Result } from '../../platform/result.ts';
import type { CaseKind } from './interaction.types.ts';

export const STATUSES = ['screening', 'handling', 'answered', 'correcting', 'escalated', 'ordered', 'closed', 'returned', 'merged'] as const;
export type CaseStatus = (typeof STATUSES)[number];

export const STATUS_TEXT: Record<CaseStatus, string> = {
  screening: '待审看',
  handling: '办理中',
  answered: '已答复',
  correcting: '已提出更正，待审核后重新公布',
  escalated: '已转乡镇（街道）调查核实',
  ordered: '乡镇（街道）已责令限期更正',
  closed: '已办结',
  returned: '已退回',
  merged: '已合并办理',
};

/** Statuses in which the unit still owes something (reminders, overdue figures). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['screening', 'handling', 'escalated', 'ordered'];

/** Who acts: the unit handling the case now, the unit it was first addressed to (ordered to correct), or the person who asked. */
export type Actor = 'handler' | 'origin' | 'asker';

export interface Transition {
  action: string;
  label: string;
  from: readonly CaseStatus[];
  /** null: decided by the command (the rating's consequences). */
  to: CaseStatus | null;
  by: Actor;
  kinds?: readonly CaseKind[];
}

const OTHERS: readonly CaseKind[] = ['consult', 'suggestion', 'complaint'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', label: '审看：受理', from: ['screening'], to: 'handling', by: 'handler', kinds: OTHERS },
  { action: 'return', label: '审看：退回（写明理由）', from: ['screening'], to: 'returned', by: 'handler', kinds: OTHERS },
  { action: 'transfer', label: '转交其他单位（写明理由）', from: ['screening', 'handling'], to: 'screening', by: 'handler', kinds: OTHERS },
  { action: 'answer', label: '答复', from: ['handling'], to: 'answered', by: 'handler' },
  { action: 'verify', label: '经核实无误（写明核实情况）', from: ['handling'], to: 'answered', by: 'handler', kinds: ['question'] },
  {
    action: 'correct',
    label: '更正或重新公布（以询问为更正理由）',
    from: ['handling', 'ordered', 'correcting'],
    to: 'correcting',
    by: 'handler',
    kinds: ['question'],
  },
  { action: 'merge', label: '合并到相同事项一并答复', from: ['screening', 'handling'], to: 'merged', by: 'handler' },
  { action: 'investigate', label: '调查核实（可责令限期更正）', from: ['escalated'], to: null, by: 'handler', kinds: ['question'] },
  { action: 'rate', label: '评价答复', from: ['answered', 'correcting'], to: null, by: 'asker' },
  { action: 'unanswered', label: '反映逾期未答复', from: ['handling'], to: 'escalated', by: 'asker', kinds: ['question'] },
];

export function resolveTransition(kind: CaseKind, status: string, action: string): Result<Transition> {
  const t = TRANSITIONS.find((x) => x.action === action);
  if (!t) return fail(400, 'UNKNOWN_ACTION', `未知的办理操作：${action}`);
  if (t.kinds && !t.kinds.includes(kind)) return fail(400, 'NOT_FOR_KIND', `“${t.label}”不适用于这类事项`);
  if (!t.from.includes(status as CaseStatus)) {
    const now = STATUS_TEXT[status as CaseStatus] ?? status;
    if (status === 'closed' || status === 'returned' || status === 'merged')
      return fail(409, 'CASE_CLOSED', `该事项${now}，不能再${t.label.replace(/（.*$/, '')}`);
    return fail(409, 'INVALID_STATE', `该事项目前${now}，不能${t.label.replace(/（.*$/, '')}`);
  }
  return ok(t);
}

/** Next actions a staff member of the given capacity may take (for the staff view). */
export function nextActions(kind: CaseKind, status: string, by: Actor): string[] {
  return TRANSITIONS.filter((t) => t.by === by && (!t.kinds || t.kinds.includes(kind)) && t.from.includes(status as CaseStatus)).map((t) => t.action);
}

export interface AfterUnsatisfied {
  status: CaseStatus;
  /** reopen: the same unit again (once); escalate: the parent unit (town for a village's question); final: closed. */
  effect: 'reopen' | 'escalate' | 'final';
}

/**
 * 不满意: a question goes up to the town (乡镇/街道) the first time and is final after the town's answer; a
 * 咨询/建议/投诉 reopens once at the same unit, then goes to the parent unit, then is final.
 */
export function afterUnsatisfied(kind: CaseKind, reopenCount: number, escalationLevel: number): AfterUnsatisfied {
  if (kind === 'question') return escalationLevel === 0 ? { status: 'escalated', effect: 'escalate' } : { status: 'closed', effect: 'final' };
  if (reopenCount === 0 && escalationLevel === 0) return { status: 'handling', effect: 'reopen' };
  if (escalationLevel === 0) return { status: 'handling', effect: 'escalate' };
  return { status: 'closed', effect: 'final' };
}
