import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import {
  FLOW_ORDER,
  REQUEST_STATUSES,
  TRANSITIONS,
  flowchart,
  resolveRequestTransition,
  type RequestAction,
  type RequestFacts,
  type RequestStatus,
} from './request.workflow.ts';

const UNIT = '/321323/dept-mzj/';
const actor = (role: Role, path = UNIT, userId = 'u1'): Actor => ({
  userId,
  username: userId,
  displayName: userId,
  via: 'session',
  grants: [{ role, unitCode: 'x', unitPath: path }],
});
const facts = (status: RequestStatus, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  status,
  unitPath: UNIT,
  proposedBy: null,
  clarificationCount: 0,
  extensionCount: 0,
  openConsultations: 0,
  on: '2026-03-10',
  correctionDueOn: null,
  feePayBy: null,
  ...extra,
});

describe('request workflow (transition table)', () => {
  // action, from, role → expected status or error code
  const table: [RequestAction, RequestStatus, Role, RequestStatus | string][] = [
    ['confirm-receipt', 'awaiting-confirmation', 'unit_officer', 'accepted'],
    ['confirm-receipt', 'accepted', 'unit_officer', 'INVALID_STATE'],
    ['confirm-receipt', 'awaiting-confirmation', 'village_clerk', 'FORBIDDEN'],
    ['confirm-receipt', 'awaiting-confirmation', 'county_admin', 'accepted'],
    ['clarification-request', 'accepted', 'unit_officer', 'clarification-requested'],
    ['clarification-request', 'in-handling', 'unit_officer', 'clarification-requested'],
    ['clarification-request', 'awaiting-confirmation', 'unit_officer', 'INVALID_STATE'],
    ['clarification-received', 'clarification-requested', 'unit_officer', 'in-handling'],
    ['clarification-received', 'in-handling', 'unit_officer', 'INVALID_STATE'],
    ['consult', 'accepted', 'unit_officer', 'in-handling'],
    ['consult', 'clarification-requested', 'unit_officer', 'INVALID_STATE'],
    ['consultation-reply', 'in-handling', 'unit_officer', 'in-handling'],
    ['extend', 'in-handling', 'unit_officer', 'in-handling'],
    ['delay', 'accepted', 'unit_officer', 'in-handling'],
    ['fee-notice', 'in-handling', 'unit_officer', 'awaiting-fee'],
    ['fee-paid', 'awaiting-fee', 'unit_officer', 'in-handling'],
    ['propose-decision', 'in-handling', 'unit_officer', 'under-review'],
    ['propose-decision', 'in-handling', 'unit_reviewer', 'FORBIDDEN'],
    ['propose-decision', 'awaiting-fee', 'unit_officer', 'INVALID_STATE'],
    ['approve', 'under-review', 'unit_reviewer', 'decided'],
    ['approve', 'under-review', 'unit_officer', 'FORBIDDEN'],
    ['approve', 'in-handling', 'unit_reviewer', 'INVALID_STATE'],
    ['return', 'under-review', 'unit_reviewer', 'in-handling'],
    ['deliver', 'decided', 'unit_officer', 'delivered'],
    ['deliver', 'under-review', 'unit_officer', 'INVALID_STATE'],
    ['archive', 'delivered', 'unit_officer', 'archived'],
    ['archive', 'decided', 'unit_officer', 'INVALID_STATE'],
    ['convert-proactive', 'archived', 'unit_officer', 'archived'],
    ['convert-proactive', 'in-handling', 'unit_officer', 'INVALID_STATE'],
  ];
  it.each(table)('%s from %s by %s → %s', (action, from, role, expected) => {
    const r = resolveRequestTransition(actor(role), action, facts(from));
    expect(r.ok ? r.to : r.code).toBe(expected);
  });

  it('scope: a grant on another unit or below the unit does not cover it; a grant above does', () => {
    expect(resolveRequestTransition(actor('unit_officer', '/321323/dept-czj/'), 'confirm-receipt', facts('awaiting-confirmation')).ok).toBe(false);
    expect(resolveRequestTransition(actor('county_admin', '/321323/'), 'confirm-receipt', facts('awaiting-confirmation')).ok).toBe(true);
  });

  const guards: [string, RequestAction, RequestStatus, Partial<RequestFacts>, string | null][] = [
    ['补正只告知一次', 'clarification-request', 'in-handling', { clarificationCount: 1 }, 'CLARIFICATION_ONCE'],
    ['延期只一次', 'extend', 'in-handling', { extensionCount: 1 }, 'EXTENSION_ONCE'],
    ['征求意见未回复不能拟答复', 'propose-decision', 'in-handling', { openConsultations: 2 }, 'CONSULTATION_OPEN'],
    ['审核人不能审核自己拟定的', 'approve', 'under-review', { proposedBy: 'u1' }, 'SELF_REVIEW'],
    ['他人拟定的可以审核', 'approve', 'under-review', { proposedBy: 'u2' }, null],
    ['补正期限未满不能终止', 'close-no-correction', 'clarification-requested', { correctionDueOn: '2026-03-10', on: '2026-03-10' }, 'CORRECTION_NOT_OVERDUE'],
    ['补正期限已过可以终止', 'close-no-correction', 'clarification-requested', { correctionDueOn: '2026-03-10', on: '2026-03-11' }, null],
    ['缴费期限未满不能终止', 'close-fee-unpaid', 'awaiting-fee', { feePayBy: '2026-03-20', on: '2026-03-20' }, 'FEE_NOT_OVERDUE'],
    ['缴费期限已过可以终止', 'close-fee-unpaid', 'awaiting-fee', { feePayBy: '2026-03-20', on: '2026-03-23' }, null],
  ];
  it.each(guards)('guard: %s', (_name, action, from, extra, code) => {
    const role: Role = action === 'approve' ? 'unit_reviewer' : 'unit_officer';
    const r = resolveRequestTransition(actor(role), action, facts(from, extra));
    expect(r.ok ? null : r.code).toBe(code);
  });

  it('every status is reachable and the flowchart is drawn from the same table', () => {
    const reached = new Set<RequestStatus>(['awaiting-confirmation', 'accepted']);
    for (const t of TRANSITIONS) if (t.to) reached.add(t.to);
    expect([...reached].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(FLOW_ORDER).toEqual(REQUEST_STATUSES);
    const chart = flowchart();
    const drawn = chart.flatMap((s) => s.steps.map((x) => `${s.status}:${x.action}`)).sort();
    const fromTable = TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}:${t.action}`)).sort();
    expect(drawn).toEqual(fromTable);
    expect(chart.find((s) => s.status === 'archived')!.steps.map((s) => s.action)).toEqual(['convert-proactive']);
  });
});
