import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { resolveTransition, TRANSITIONS, type TransitionInput } from './disclosure.workflow.ts';

const VILLAGE_PATH = '/321323/321323002/321323002-buhu/';
const TOWN_PATH = '/321323/321323002/';
const actor = (id: string, ...grants: [Role, string][]): Actor => ({
  userId: id,
  username: id,
  displayName: id,
  via: 'session',
  grants: grants.map(([role, unitPath]) => ({ role, unitCode: unitPath, unitPath })),
});
const village = (over: Partial<TransitionInput> = {}): TransitionInput => ({
  catalog: 'village',
  status: 'submitted',
  unitPath: VILLAGE_PATH,
  submittedBy: 'clerk',
  townReview: false,
  ...over,
});

describe('workflow transition table', () => {
  it('committee sign-off leads to approved, or to the township review when the county turns it on', () => {
    const sup = actor('sup', ['village_supervisor', VILLAGE_PATH]);
    expect(resolveTransition(sup, 'approve', village())).toMatchObject({
      ok: true,
      to: 'approved',
      role: 'village_supervisor',
      step: '村务监督委员会审查签字',
    });
    expect(resolveTransition(sup, 'approve', village({ townReview: true }))).toMatchObject({ ok: true, to: 'committee_approved' });
    // Township review needs a unit_reviewer strictly above the village.
    expect(resolveTransition(sup, 'approve', village({ status: 'committee_approved' }))).toMatchObject({ ok: false, status: 403 });
    expect(resolveTransition(actor('r', ['unit_reviewer', VILLAGE_PATH]), 'approve', village({ status: 'committee_approved' }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(resolveTransition(actor('t', ['unit_reviewer', TOWN_PATH]), 'approve', village({ status: 'committee_approved' }))).toMatchObject({
      ok: true,
      to: 'approved',
    });
  });

  it('refuses self-review, wrong roles (403) and wrong states (409)', () => {
    const dual = actor('clerk', ['village_clerk', VILLAGE_PATH], ['village_supervisor', VILLAGE_PATH]);
    expect(resolveTransition(dual, 'approve', village())).toMatchObject({ ok: false, status: 403, code: 'SELF_REVIEW' });
    expect(resolveTransition(actor('c', ['village_clerk', VILLAGE_PATH]), 'approve', village())).toMatchObject({ ok: false, status: 403 });
    expect(resolveTransition(actor('c', ['village_clerk', VILLAGE_PATH]), 'publish', village())).toMatchObject({ ok: false, status: 409 });
    expect(resolveTransition(actor('c', ['village_clerk', VILLAGE_PATH]), 'publish', village({ status: 'approved' }))).toMatchObject({
      ok: true,
      to: 'published',
    });
    // Government units: the unit_reviewer does the 保密审查; a village supervisor has no say.
    const gov: TransitionInput = { catalog: 'government', status: 'submitted', unitPath: '/321323/dept-mzj/', submittedBy: 'o', townReview: true };
    expect(resolveTransition(actor('r', ['unit_reviewer', '/321323/dept-mzj/']), 'approve', gov)).toMatchObject({
      ok: true,
      to: 'approved',
      step: '保密审查通过',
    });
    expect(resolveTransition(actor('s', ['village_supervisor', '/321323/']), 'approve', gov)).toMatchObject({ ok: false, status: 403 });
  });

  it('every transition row names roles for each catalog it applies to', () => {
    for (const t of TRANSITIONS) for (const c of t.catalogs) expect(t.roles(c).length, `${t.action} ${c}`).toBeGreaterThan(0);
  });
});
