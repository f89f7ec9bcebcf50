/**
 * The disclosure workflow as DATA: one row per transition (action × from-states), with the roles
 * that may take it per catalog and the guards that must hold. `resolveTransition` is pure: it
 * reads only its arguments (actor grants, the record's state, the county setting).
 *
 * Village units (村务公开, 村民委员会组织法第三十条 / domain.md §5.2–5.3): 村委会 (village_clerk)
 * drafts → submits → 村务监督委员会 (village_supervisor of the village or above) reviews and signs
 * (approve) or returns with a comment → optionally (county setting `publishing.townReview`) a
 * unit_reviewer of the township above reviews → approved → published.
 * Government units (政务公开): unit_officer drafts → submits → unit_reviewer of the unit (or above)
 * performs the 保密审查 (条例第十七条) → approved → published.
 * Two-person sign-off: nobody approves or returns work they authored, edited or submitted (any revision
 * of the version under review; the rule is `checkSignoff` in platform/workflow, the record of who touched
 * what is `revision_contributions`).
 */
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { checkSignoff, type Contribution } from '../../platform/workflow/signoff.ts';
import { STATUS_TEXT, type DisclosureStatus } from './disclosure.statuses.ts';
import { DRAFTERS, REVIEWERS, SENIOR, staffOf, type CatalogKind } from './disclosure.roles.ts';

export { DRAFTERS, REVIEWERS, SENIOR, type CatalogKind } from './disclosure.roles.ts';

export { STATUSES, STATUS_TEXT, type DisclosureStatus } from './disclosure.statuses.ts';

export type WorkflowAction =
  'edit' | 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw' | 'correct' | 'correct_review' | 'set_display_end' | 'pii_mask' | 'pii_allow';

export const ACTION_TEXT: Record<WorkflowAction, string> = {
  edit: '修改草稿',
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
  withdraw: '撤回',
  correct: '更正',
  correct_review: '审核更正',
  set_display_end: '设定公示截止日期',
  pii_mask: '遮盖个人信息',
  pii_allow: '允许公开个人信息',
};

export type Guard =
  /** Two-person sign-off: the actor neither authored, edited nor submitted the version under review. */
  | 'two_person'
  /** The actor's grant lies strictly above the unit (the township reviewing a village). */
  | 'strictly_above';

export type Target = DisclosureStatus | 'after_committee';

export interface Transition {
  action: WorkflowAction;
  from: readonly DisclosureStatus[];
  to: Target;
  catalogs: readonly CatalogKind[];
  roles: (catalog: CatalogKind) => readonly Role[];
  guards: readonly Guard[];
  /** What the step is called in the record's history. */
  step: (catalog: CatalogKind) => string;
}

const both: readonly CatalogKind[] = ['village', 'government'];
const staff = staffOf;

export const TRANSITIONS: readonly Transition[] = [
  { action: 'edit', from: ['draft', 'returned'], to: 'draft', catalogs: both, roles: (c) => DRAFTERS[c], guards: [], step: () => '修改草稿' },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', catalogs: both, roles: (c) => DRAFTERS[c], guards: [], step: () => '提交审核' },
  {
    action: 'approve',
    from: ['submitted'],
    to: 'after_committee',
    catalogs: both,
    roles: (c) => REVIEWERS[c],
    guards: ['two_person'],
    step: (c) => (c === 'village' ? '村务监督委员会审查签字' : '保密审查通过'),
  },
  {
    action: 'approve',
    from: ['committee_approved'],
    to: 'approved',
    catalogs: ['village'],
    roles: () => ['unit_reviewer'],
    guards: ['two_person', 'strictly_above'],
    step: () => '乡镇（街道）审核通过',
  },
  {
    action: 'reject',
    from: ['submitted'],
    to: 'returned',
    catalogs: both,
    roles: (c) => REVIEWERS[c],
    guards: ['two_person'],
    step: (c) => (c === 'village' ? '村务监督委员会退回' : '保密审查退回'),
  },
  {
    action: 'reject',
    from: ['committee_approved'],
    to: 'returned',
    catalogs: ['village'],
    roles: () => ['unit_reviewer'],
    guards: ['two_person', 'strictly_above'],
    step: () => '乡镇（街道）审核退回',
  },
  { action: 'publish', from: ['approved'], to: 'published', catalogs: both, roles: staff, guards: [], step: () => '发布' },
  { action: 'set_display_end', from: ['published'], to: 'published', catalogs: both, roles: staff, guards: [], step: () => '设定公示截止日期' },
  { action: 'withdraw', from: ['published'], to: 'withdrawn', catalogs: both, roles: (c) => SENIOR[c], guards: [], step: () => '撤回' },
  // 更正 is proposed by the unit's staff and takes effect when a reviewer-level second person approves it.
  { action: 'correct', from: ['published'], to: 'published', catalogs: both, roles: staff, guards: [], step: () => '提出更正' },
  { action: 'correct_review', from: ['published'], to: 'published', catalogs: both, roles: (c) => SENIOR[c], guards: ['two_person'], step: () => '更正审核' },
  {
    action: 'pii_mask',
    from: ['draft', 'returned', 'submitted', 'committee_approved', 'approved', 'published'],
    to: 'draft',
    catalogs: both,
    roles: staff,
    guards: [],
    step: () => '遮盖个人信息',
  },
  {
    action: 'pii_allow',
    from: ['draft', 'returned', 'submitted', 'committee_approved', 'approved', 'published'],
    to: 'draft',
    catalogs: both,
    roles: (c) => SENIOR[c],
    guards: [],
    step: () => '允许公开个人信息',
  },
];

export interface TransitionInput {
  catalog: CatalogKind;
  status: DisclosureStatus;
  unitPath: string;
  submittedBy: string | null;
  /** Who authored, edited or submitted the version under review (revision_contributions). */
  contributions?: readonly Contribution[];
  /** County setting: villages need a township review after the committee. */
  townReview: boolean;
}

export type TransitionResult = { ok: true; to: DisclosureStatus; role: Role; step: string } | { ok: false; status: 403 | 409; code: string; message: string };

/**
 * Which transition applies, or why not. Order of checks: role (403), state (409), guards (403).
 * `to` of 'pii_*' and 'edit' rows is meaningless (the status does not change): callers keep it.
 */
export function resolveTransition(actor: Actor, action: WorkflowAction, input: TransitionInput): TransitionResult {
  const rows = TRANSITIONS.filter((t) => t.action === action && t.catalogs.includes(input.catalog));
  const grantFor = (t: Transition) =>
    actor.grants.find(
      (g) =>
        t.roles(input.catalog).includes(g.role) &&
        input.unitPath.startsWith(g.unitPath) &&
        (!t.guards.includes('strictly_above') || g.unitPath !== input.unitPath),
    );
  const withRole = rows.filter((t) => grantFor(t));
  if (withRole.length === 0) return { ok: false, status: 403, code: 'FORBIDDEN', message: `您没有“${ACTION_TEXT[action]}”的权限` };
  const row = withRole.find((t) => t.from.includes(input.status));
  if (!row) {
    const other = rows.find((t) => t.from.includes(input.status));
    if (other)
      return { ok: false, status: 403, code: 'FORBIDDEN', message: `当前状态（${STATUS_TEXT[input.status]}）下，您没有“${ACTION_TEXT[action]}”的权限` };
    return { ok: false, status: 409, code: 'INVALID_STATE', message: `当前状态为“${STATUS_TEXT[input.status]}”，不能${ACTION_TEXT[action]}` };
  }
  if (row.guards.includes('two_person')) {
    const people: Contribution[] = [...(input.contributions ?? []), ...(input.submittedBy ? [{ userId: input.submittedBy, kind: 'submitter' as const }] : [])];
    const check = checkSignoff(actor.userId, people, action === 'correct_review' ? '这项更正' : '该公开内容');
    if (!check.ok) return { ok: false, status: check.status, code: check.code, message: check.message };
  }
  const grant = grantFor(row)!;
  const to: DisclosureStatus = row.to === 'after_committee' ? (input.catalog === 'village' && input.townReview ? 'committee_approved' : 'approved') : row.to;
  return { ok: true, to, role: grant.role, step: row.step(input.catalog) };
}

/** Any role covering the unit: the unit's own staff (and those above) see drafts and originals. */
export function isUnitStaff(actor: Actor | null, unitPath: string): boolean {
  return !!actor && actor.grants.some((g) => unitPath.startsWith(g.unitPath));
}
