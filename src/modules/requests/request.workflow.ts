/**
 * The 依申请公开 procedure as DATA (条例第29–45条; 第45条 names the minimum stages 登记、审核、办理、答复、归档):
 * one row per transition (action × from-states → to-state), the roles that may take it and the guards
 * that must hold. `resolveRequestTransition` is pure (it reads only its arguments); the public
 * flowchart (request.pages.tsx) is drawn from `TRANSITIONS` and `FLOW_ORDER`, so it cannot drift from
 * what the commands enforce.
 */
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { checkSignoff, type Contribution } from '../../platform/workflow/signoff.ts';
import { HANDLERS, REVIEWERS } from './requests.roles.ts';

export const REQUEST_STATUSES = [
  'awaiting-confirmation',
  'accepted',
  'clarification-requested',
  'in-handling',
  'awaiting-fee',
  'under-review',
  'decided',
  'delivered',
  'archived',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_TEXT: Record<RequestStatus, string> = {
  'awaiting-confirmation': '待确认收到',
  accepted: '已登记受理',
  'clarification-requested': '待申请人补正',
  'in-handling': '办理中',
  'awaiting-fee': '待缴纳信息处理费',
  'under-review': '待审核',
  decided: '已答复',
  delivered: '已送达',
  archived: '已归档',
};

/** What each status means for the applicant (tracking page, flowchart). */
export const REQUEST_STATUS_HELP: Record<RequestStatus, string> = {
  'awaiting-confirmation': '网上或传真提交的申请，待本机关确认收到；确认之日为收到申请之日（条例第三十一条）。',
  accepted: '已登记并出具接收回执，自收到申请之日起20个工作日内答复（条例第三十三条）。',
  'clarification-requested': '申请内容不明确，已一次性告知需要补正的事项和期限；答复期限自收到补正后的申请之日起计算（条例第三十条）。',
  'in-handling': '正在检索、调取信息；征求第三方或其他机关意见的时间不计入答复期限（条例第三十三条第三款）。',
  'awaiting-fee': '已发出信息处理费收费通知，待申请人缴费（《政府信息公开信息处理费管理办法》）。',
  'under-review': '答复意见已拟定，待单位审核人审核（条例第十七条、第四十五条）。',
  decided: '已作出答复，答复书可在查询页面下载。',
  delivered: '答复书已送达申请人。',
  archived: '办理完毕，案卷已归档。',
};

export type RequestAction =
  | 'confirm-receipt'
  | 'assign'
  | 'clarification-request'
  | 'clarification-received'
  | 'close-no-correction'
  | 'consult'
  | 'consultation-reply'
  | 'extend'
  | 'reasons-request'
  | 'delay'
  | 'fee-notice'
  | 'fee-paid'
  | 'close-fee-unpaid'
  | 'propose-decision'
  | 'approve'
  | 'return'
  | 'deliver'
  | 'archive'
  | 'convert-proactive';

export const REQUEST_ACTION_TEXT: Record<RequestAction, string> = {
  'confirm-receipt': '确认收到申请',
  assign: '分配承办人',
  'clarification-request': '发出补正告知',
  'clarification-received': '登记收到补正',
  'close-no-correction': '逾期不补正，终止办理',
  consult: '征求意见或发函协办',
  'consultation-reply': '登记意见回复',
  extend: '延期答复',
  'reasons-request': '要求申请人说明理由（第三十五条）',
  delay: '确定延迟答复期限（第三十五条）',
  'fee-notice': '发出收费通知',
  'fee-paid': '登记缴费',
  'close-fee-unpaid': '逾期未缴费，终止办理',
  'propose-decision': '拟定答复意见，提交审核',
  approve: '审核通过，作出答复',
  return: '审核退回',
  deliver: '登记送达',
  archive: '归档',
  'convert-proactive': '转为主动公开（第四十四条）',
};

export type RequestGuard =
  /** Two-person sign-off: the reviewer neither drafted nor submitted any version of this decision. */
  | 'two_person'
  /** 第30条: the 补正 notice is given once (一次性告知). */
  | 'clarification_once'
  /** 第33条: one extension, approved by the head of the disclosure office. */
  | 'extension_once'
  /** Every consultation has its reply (or its lapse) recorded before a decision. */
  | 'consultations_closed'
  /** The correction deadline given in the 补正 notice has passed (第30条: 逾期不补正). */
  | 'correction_overdue'
  /** The payment deadline in the fee notice has passed (逾期未缴费). */
  | 'fee_overdue';

export interface RequestTransition {
  action: RequestAction;
  from: readonly RequestStatus[];
  /** `null`: the status does not change (a step inside the current stage). */
  to: RequestStatus | null;
  roles: readonly Role[];
  guards: readonly RequestGuard[];
  /** The legal source of the step, shown in the flowchart. */
  basis: string;
}

const OPEN: readonly RequestStatus[] = ['accepted', 'in-handling'];

export const TRANSITIONS: readonly RequestTransition[] = [
  { action: 'confirm-receipt', from: ['awaiting-confirmation'], to: 'accepted', roles: HANDLERS, guards: [], basis: '条例第三十一条' },
  { action: 'assign', from: ['accepted', 'in-handling'], to: 'in-handling', roles: HANDLERS, guards: [], basis: '条例第四十五条' },
  { action: 'clarification-request', from: OPEN, to: 'clarification-requested', roles: HANDLERS, guards: ['clarification_once'], basis: '条例第三十条' },
  { action: 'clarification-received', from: ['clarification-requested'], to: 'in-handling', roles: HANDLERS, guards: [], basis: '条例第三十条' },
  { action: 'close-no-correction', from: ['clarification-requested'], to: 'decided', roles: HANDLERS, guards: ['correction_overdue'], basis: '条例第三十条' },
  { action: 'consult', from: OPEN, to: 'in-handling', roles: HANDLERS, guards: [], basis: '条例第三十二条、第三十四条' },
  { action: 'consultation-reply', from: ['in-handling'], to: null, roles: HANDLERS, guards: [], basis: '条例第三十二条、第三十四条' },
  { action: 'extend', from: OPEN, to: 'in-handling', roles: HANDLERS, guards: ['extension_once'], basis: '条例第三十三条第二款' },
  { action: 'reasons-request', from: OPEN, to: 'in-handling', roles: HANDLERS, guards: [], basis: '条例第三十五条' },
  { action: 'delay', from: OPEN, to: 'in-handling', roles: HANDLERS, guards: [], basis: '条例第三十五条' },
  { action: 'fee-notice', from: OPEN, to: 'awaiting-fee', roles: HANDLERS, guards: [], basis: '条例第四十二条；国办函〔2020〕109号' },
  { action: 'fee-paid', from: ['awaiting-fee'], to: 'in-handling', roles: HANDLERS, guards: [], basis: '国办函〔2020〕109号' },
  { action: 'close-fee-unpaid', from: ['awaiting-fee'], to: 'decided', roles: HANDLERS, guards: ['fee_overdue'], basis: '国办函〔2020〕109号' },
  { action: 'propose-decision', from: OPEN, to: 'under-review', roles: HANDLERS, guards: ['consultations_closed'], basis: '条例第三十六条至第三十九条' },
  { action: 'approve', from: ['under-review'], to: 'decided', roles: REVIEWERS, guards: ['two_person'], basis: '条例第十七条、第四十五条' },
  { action: 'return', from: ['under-review'], to: 'in-handling', roles: REVIEWERS, guards: ['two_person'], basis: '条例第十七条' },
  { action: 'deliver', from: ['decided'], to: 'delivered', roles: HANDLERS, guards: [], basis: '条例第四十条' },
  { action: 'archive', from: ['delivered'], to: 'archived', roles: HANDLERS, guards: [], basis: '条例第四十五条' },
  { action: 'convert-proactive', from: ['decided', 'delivered', 'archived'], to: null, roles: HANDLERS, guards: [], basis: '条例第四十四条' },
];

/** The order the flowchart lists stages in (the main line first). */
export const FLOW_ORDER: readonly RequestStatus[] = [
  'awaiting-confirmation',
  'accepted',
  'clarification-requested',
  'in-handling',
  'awaiting-fee',
  'under-review',
  'decided',
  'delivered',
  'archived',
];

/** Statuses in which the answer clock still runs (the case is open). */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'awaiting-confirmation',
  'accepted',
  'clarification-requested',
  'in-handling',
  'awaiting-fee',
  'under-review',
];

export function isRequestStatus(s: string): s is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(s);
}

/** Facts the guards read (all supplied by the caller; nothing is looked up here). */
export interface RequestFacts {
  status: RequestStatus;
  unitPath: string;
  proposedBy: string | null;
  /** Who drafted or submitted the decision under review, in any round (revision_contributions). */
  contributions?: readonly Contribution[];
  clarificationCount: number;
  extensionCount: number;
  openConsultations: number;
  /** The date the step is recorded for (YYYY-MM-DD). */
  on: string;
  correctionDueOn: string | null;
  feePayBy: string | null;
}

export type RequestTransitionResult =
  { ok: true; to: RequestStatus; role: Role; transition: RequestTransition } | { ok: false; status: 403 | 409; code: string; message: string };

/** Which transition applies, or why not. Order of checks: role (403), state (409), guards (403 for self-review, else 409). */
export function resolveRequestTransition(actor: Actor, action: RequestAction, f: RequestFacts): RequestTransitionResult {
  const rows = TRANSITIONS.filter((t) => t.action === action);
  const grantFor = (t: RequestTransition) => actor.grants.find((g) => t.roles.includes(g.role) && f.unitPath.startsWith(g.unitPath));
  const withRole = rows.filter((t) => grantFor(t));
  if (withRole.length === 0) return { ok: false, status: 403, code: 'FORBIDDEN', message: `您没有“${REQUEST_ACTION_TEXT[action]}”的权限` };
  const row = withRole.find((t) => t.from.includes(f.status));
  if (!row)
    return { ok: false, status: 409, code: 'INVALID_STATE', message: `申请当前状态为“${REQUEST_STATUS_TEXT[f.status]}”，不能${REQUEST_ACTION_TEXT[action]}` };
  for (const g of row.guards) {
    const broken = guardMessage(g, f, actor);
    if (broken) return { ok: false, status: g === 'two_person' ? 403 : 409, code: GUARD_CODES[g], message: broken };
  }
  return { ok: true, to: row.to ?? f.status, role: grantFor(row)!.role, transition: row };
}

const GUARD_CODES: Record<RequestGuard, string> = {
  two_person: 'SELF_REVIEW',
  clarification_once: 'CLARIFICATION_ONCE',
  extension_once: 'EXTENSION_ONCE',
  consultations_closed: 'CONSULTATION_OPEN',
  correction_overdue: 'CORRECTION_NOT_OVERDUE',
  fee_overdue: 'FEE_NOT_OVERDUE',
};

function guardMessage(g: RequestGuard, f: RequestFacts, actor: Actor): string | null {
  switch (g) {
    case 'two_person': {
      const people: Contribution[] = [...(f.contributions ?? []), ...(f.proposedBy ? [{ userId: f.proposedBy, kind: 'author' as const }] : [])];
      const check = checkSignoff(actor.userId, people, '该答复意见');
      return check.ok ? null : check.message;
    }
    case 'clarification_once':
      return f.clarificationCount > 0 ? '补正告知应一次性发出（条例第三十条），本申请已告知过补正' : null;
    case 'extension_once':
      return f.extensionCount > 0 ? '本申请已延期答复过一次；延长的期限最长不得超过20个工作日（条例第三十三条）' : null;
    case 'consultations_closed':
      return f.openConsultations > 0 ? `还有${f.openConsultations}项征求意见或协办未登记回复；请先登记回复（对方逾期未回复的，登记为“逾期未回复”）` : null;
    case 'correction_overdue':
      if (!f.correctionDueOn) return '没有补正期限记录';
      return f.on <= f.correctionDueOn ? `补正期限（${f.correctionDueOn}）尚未届满，不能按逾期不补正处理` : null;
    case 'fee_overdue':
      if (!f.feePayBy) return '没有收费通知记录';
      return f.on <= f.feePayBy ? `缴费期限（${f.feePayBy}）尚未届满，不能按逾期未缴费处理` : null;
  }
}

/** The flowchart's data: every stage with its outgoing steps, from the same table the commands use. */
export function flowchart(): {
  status: RequestStatus;
  label: string;
  help: string;
  steps: { action: RequestAction; label: string; to: RequestStatus | null; toLabel: string | null; basis: string; who: string }[];
}[] {
  return FLOW_ORDER.map((status) => ({
    status,
    label: REQUEST_STATUS_TEXT[status],
    help: REQUEST_STATUS_HELP[status],
    steps: TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => ({
      action: t.action,
      label: REQUEST_ACTION_TEXT[t.action],
      to: t.to === status ? null : t.to,
      toLabel: t.to && t.to !== status ? REQUEST_STATUS_TEXT[t.to] : null,
      basis: t.basis,
      who: t.roles === REVIEWERS ? '单位审核人' : '承办人员',
    })),
  }));
}
