/**
 * 依申请公开按期答复 (the assessment's request_timeliness figure): the pure rule per case, and the
 * per-unit counts over a real database, scoped to a subtree and feeding the assessment's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { classifyAnswer, requestTimeliness } from './request.timeliness.ts';
import { measurePeriod } from '../assessment/assessment.figures.ts';
import { websiteCheck } from '../compliance/compliance.website.ts';

const FROM = '2026-01-01';
const TO = '2026-12-31';

describe('classifyAnswer', () => {
  // [why, due_on, decided_on, decision_type, asOf, expected]
  const cases: [string, string | null, string | null, string | null, string, ReturnType<typeof classifyAnswer>][] = [
    ['answered on the last permitted day', '2026-03-20', '2026-03-20', 'disclose.provide', '2026-11-29', 'on-time'],
    ['answered a day late', '2026-03-20', '2026-03-23', 'disclose.provide', '2026-11-29', 'late'],
    ['still open, deadline passed', '2026-03-20', null, null, '2026-11-29', 'late'],
    ['still open, deadline is today: not late yet', '2026-11-29', null, null, '2026-11-29', null],
    ['still open, deadline ahead', '2026-12-10', null, null, '2026-11-29', null],
    ['no deadline (awaiting receipt or correction)', null, null, null, '2026-11-29', null],
    ['applicant did not correct (第30条): not the agency’s answer', '2026-03-20', '2026-04-01', 'other.no-correction', '2026-11-29', null],
    ['applicant did not pay the fee: not counted', '2026-03-20', '2026-04-01', 'other.fee-unpaid', '2026-11-29', null],
    ['due and answered last year: outside the window', '2025-12-20', '2025-12-19', 'partial', '2026-11-29', null],
    ['due last year, answered late this year: counted this year, late', '2025-12-20', '2026-01-05', 'partial', '2026-11-29', 'late'],
    ['due in the window, answered after the window: late as at its end', '2026-12-20', '2027-01-04', 'partial', '2027-02-01', 'late'],
  ];
  it.each(cases)('%s', (_why, due_on, decided_on, decision_type, asOf, expected) => {
    expect(classifyAnswer({ due_on, decided_on, decision_type }, FROM, TO, asOf)).toBe(expected);
  });
});

describe('requestTimeliness over the database', () => {
  let t: TestApp;
  let serial = 0;
  const insert = async (unit: string, due: string | null, decided: string | null, type: string | null) => {
    serial++;
    const now = '2026-11-29T02:00:00.000Z';
    await t.rt.ctx.db
      .insertInto('info_requests')
      .values({
        id: `rt-${serial}`,
        unit_code: unit,
        reg_year: 2026,
        reg_serial: 9000 + serial,
        reg_no: `2026-9${String(serial).padStart(3, '0')}`,
        tracking_code: `RT${serial}`,
        tracking_secret_hash: 'x',
        channel: 'in-person',
        submitted_at: now,
        received_on: '2026-02-02',
        filled_by_staff: 0,
        needs_assistance: 0,
        applicant_kind: 'natural',
        applicant_json: '{}',
        identity_proof_sha256: null,
        identity_proof_type: null,
        info_description: '测试',
        info_doc_number: null,
        info_form: 'paper',
        delivery_method: 'post',
        status: decided ? 'closed' : 'in-handling',
        assigned_to: null,
        decision_type: type,
        decision_json: null,
        decided_on: decided,
        due_on: due,
        closed_on: decided,
        is_demo: 0,
        created_at: now,
        created_by: null,
        updated_at: now,
      })
      .execute();
  };

  beforeAll(async () => {
    t = await openTestApp({ clock: { now: () => new Date('2026-11-29T02:00:00Z') } });
    await insert('dept-mzj', '2026-03-20', '2026-03-18', 'disclose.provide');
    await insert('dept-mzj', '2026-04-20', '2026-04-24', 'partial');
    await insert('dept-mzj', '2026-05-20', null, null);
    await insert('dept-mzj', '2026-06-20', '2026-06-01', 'other.no-correction');
    await insert('321323002', '2026-03-20', '2026-03-02', 'unable.not-exist');
  });
  afterAll(async () => t?.close());

  it('counts each unit’s answers due in the window, on time and late, with the late cases as evidence', async () => {
    const all = await requestTimeliness(t.rt.ctx, { rootPath: '/321323/', from: FROM, to: TO, asOf: '2026-11-29' });
    expect(all.get('dept-mzj')).toMatchObject({ due: 3, onTime: 1, late: 2 });
    expect(
      all
        .get('dept-mzj')!
        .lateCases.map((c) => c.dueOn)
        .sort(),
    ).toEqual(['2026-04-20', '2026-05-20']);
    expect(all.get('321323002')).toMatchObject({ due: 1, onTime: 1, late: 0 });
  });

  it('stays inside the subtree asked for', async () => {
    const town = await ctxPath('321323002');
    const only = await requestTimeliness(t.rt.ctx, { rootPath: town, from: FROM, to: TO, asOf: '2026-11-29' });
    expect([...only.keys()]).toEqual(['321323002']);
  });

  it('feeds the assessment: every unit gets a figure, 0 of 0 where nothing fell due', async () => {
    const m = await measurePeriod(t.rt.ctx, { rootCode: '321323', from: FROM, to: TO, asOf: '2026-11-29' });
    expect(m.get('dept-mzj')!.providers.request_timeliness).toEqual({ onTime: 1, due: 3 });
    expect(m.get('dept-mzj')!.links.requests!.lateCases).toHaveLength(2);
    expect(m.get('321323106')!.providers.request_timeliness).toEqual({ onTime: 0, due: 0 });
  });

  it('the website check lists units with late answers over the past year', async () => {
    const w = await websiteCheck(t.rt.ctx.db, '2026-11-29');
    expect(w.lateRequests).toMatchObject({ from: '2025-11-29', to: '2026-11-29', due: 4, late: 2 });
    expect(w.lateRequests.units).toEqual([{ code: 'dept-mzj', name: '泗阳县民政局', due: 3, late: 2 }]);
    expect(w.notAvailable.map((n) => n.check)).not.toContain('依申请公开：逾期答复');
  });

  async function ctxPath(code: string): Promise<string> {
    return (await t.rt.ctx.db.selectFrom('org_units').select('path').where('code', '=', code).executeTakeFirstOrThrow()).path;
  }
});
