/**
 * Section 六's 信息处理费: counted from the requests module's fee records (paid in the year) unless staff
 * entered a figure, which then wins; the records' sum is always shown beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { assembleReport } from './report.service.ts';

describe('annual report fees from fee records', () => {
  let t: TestApp;
  const now = '2026-11-29T02:00:00.000Z';
  const unit = async (code: string) => t.rt.ctx.db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await openTestApp({ clock: { now: () => new Date(now) } });
    const db = t.rt.ctx.db;
    for (const [i, paidOn, amount] of [
      [1, '2025-03-02', 100],
      [2, '2025-12-31', 250],
      [3, '2026-01-01', 40],
      [4, null, 70],
    ] as const) {
      await db
        .insertInto('info_requests')
        .values({
          id: `fee-case-${i}`,
          unit_code: 'dept-mzj',
          reg_year: 2025,
          reg_serial: 800 + i,
          reg_no: `2025-08${i}`,
          tracking_code: `FEE${i}`,
          tracking_secret_hash: 'x',
          channel: 'in-person',
          submitted_at: now,
          received_on: '2025-02-03',
          filled_by_staff: 0,
          needs_assistance: 0,
          applicant_kind: 'business',
          applicant_json: '{}',
          identity_proof_sha256: null,
          identity_proof_type: null,
          info_description: '测试',
          info_doc_number: null,
          info_form: 'paper',
          delivery_method: 'post',
          status: 'in-handling',
          assigned_to: null,
          decision_type: null,
          decision_json: null,
          decided_on: null,
          due_on: '2025-03-03',
          closed_on: null,
          is_demo: 0,
          created_at: now,
          created_by: null,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('info_request_fees')
        .values({
          id: `fee-${i}`,
          request_id: `fee-case-${i}`,
          mode: 'per-item',
          quantity: 1,
          amount_yuan: amount,
          calculation: '测试',
          notice_on: '2025-02-10',
          pay_by: '2025-03-10',
          paid_on: paidOn,
          receipt_no: paidOn ? `R${i}` : null,
          letter_no: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
  afterAll(async () => t?.close());

  it('sums the fees paid in the year (unpaid notices and other years left out)', async () => {
    const r = await assembleReport(t.rt.ctx.db, await unit('dept-mzj'), 2025, 'unit');
    expect(r.fees).toMatchObject({ yuan: '350.00', origin: 'records', recorded: { yuan: '350.00', count: 2 } });
    expect(r.fees.source).toContain('2笔');
  });

  it('a figure entered by staff wins, and the records are still shown', async () => {
    const id = 'ar-fee-entered';
    await t.rt.ctx.db
      .insertInto('annual_reports')
      .values({
        id,
        unit_code: 'dept-mzj',
        year: 2025,
        status: 'draft',
        sections_json: '{}',
        table2_json: '{}',
        fees_fen: 50000,
        fees_source: '非税收入缴款记录',
        disclosure_id: null,
        published_at: null,
        published_by: null,
        created_at: now,
        created_by: 'test',
        updated_at: now,
        updated_by: 'test',
      })
      .execute();
    const r = await assembleReport(t.rt.ctx.db, await unit('dept-mzj'), 2025, 'unit');
    expect(r.fees).toMatchObject({ yuan: '500.00', origin: 'entered', source: '非税收入缴款记录', recorded: { yuan: '350.00', count: 2 } });
    await t.rt.ctx.db.deleteFrom('annual_reports').where('id', '=', id).execute();
  });

  it('the county aggregate shows the records of every unit below', async () => {
    const r = await assembleReport(t.rt.ctx.db, await unit('321323'), 2025, 'subtree');
    expect(r.fees.recorded).toEqual({ yuan: '350.00', count: 2 });
  });
});
