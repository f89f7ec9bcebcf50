/**
 * The figures 政民互动 provides to other modules through its manifest (platform/provided-figures.ts): the
 * assessment's 投诉处理及时率 and 群众满意度 per unit, and the website inspection's 互动回应差 (valid messages of the
 * year before the check point unanswered for more than 3 months → 单项否决). Read over a real database through the
 * readers (assessment's measurePeriod, compliance's websiteCheck), which never import this module; and what the
 * readers say when no installed module provides the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { modules } from '../index.ts';
import { registerModuleList } from '../../platform/module.ts';
import { measurePeriod, providerNotes } from '../assessment/assessment.figures.ts';
import { websiteCheck } from '../compliance/compliance.website.ts';
import { insertCase, type CaseRow } from './interaction.repository.ts';

const NOW = '2026-11-29T02:00:00.000Z';
const AS_OF = '2026-11-29';

describe('interaction figures for the assessment and the website inspection', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let serial = 0;
  const add = async (
    name: string,
    c: {
      unit?: string;
      kind: string;
      status: string;
      received: string;
      due?: string | null;
      answered?: string | null;
      outcome?: string | null;
      rating?: string | null;
      ratedAt?: string | null;
    },
  ) => {
    serial++;
    const unit = c.unit ?? 'dept-mzj';
    const row: CaseRow = {
      id: `fig-${serial}`,
      kind: c.kind,
      case_no: `互2026-9${String(serial).padStart(4, '0')}`,
      tracking_code: `FIG${serial}`,
      tracking_secret_hash: 'x',
      unit_code: unit,
      origin_unit_code: unit,
      domain_code: null,
      disclosure_id: null,
      disclosure_version: null,
      line_kind: null,
      line_no: null,
      line_text: null,
      channel: 'online',
      box_opening_id: null,
      subject: null,
      content: '测试留言',
      asker_name: null,
      asker_phone: null,
      publish_consent: 0,
      status: c.status,
      received_on: c.received,
      due_on: c.due ?? null,
      due_provisional: 0,
      answer: c.answered ? '答复' : null,
      outcome: c.outcome ?? (c.answered ? 'answered' : null),
      facts: null,
      answered_on: c.answered ?? null,
      answered_by: null,
      answered_unit_code: c.answered ? unit : null,
      correction_id: null,
      rating: c.rating ?? null,
      rating_reason: null,
      rated_at: c.ratedAt ?? null,
      reopen_count: 0,
      escalation_level: 0,
      published: 0,
      publication_withdrawn_on: null,
      publication_withdrawn_reason: null,
      merged_into: null,
      closed_on: null,
      is_demo: 0,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await insertCase(t.rt.ctx.db, row);
    ids[name] = row.id;
    return row;
  };

  beforeAll(async () => {
    t = await openTestApp({ clock: { now: () => new Date(NOW) } });
    await add('onTime', { kind: 'complaint', status: 'closed', received: '2026-03-02', due: '2026-03-20', answered: '2026-03-18' });
    await add('lateAnswer', { kind: 'complaint', status: 'closed', received: '2026-04-01', due: '2026-04-20', answered: '2026-04-24' });
    await add('neverAnswered', { kind: 'complaint', status: 'handling', received: '2026-05-01', due: '2026-05-20' });
    await add('notDueYet', { kind: 'complaint', status: 'handling', received: '2026-11-20', due: '2026-12-10' });
    await add('dueToday', { kind: 'complaint', status: 'handling', received: '2026-11-10', due: AS_OF });
    await add('slowConsult', {
      kind: 'consult',
      status: 'closed',
      received: '2026-02-01',
      due: '2026-02-20',
      answered: '2026-06-15',
      rating: 'satisfied',
      ratedAt: '2026-06-16T02:00:00.000Z',
    });
    await add('threeMonthsExactly', {
      kind: 'suggestion',
      status: 'closed',
      received: '2026-02-01',
      due: '2026-02-20',
      answered: '2026-05-01',
      rating: 'unsatisfied',
      ratedAt: '2026-05-02T02:00:00.000Z',
    });
    await add('returned', { kind: 'complaint', status: 'returned', received: '2026-03-01', outcome: 'returned' });
    await add('merged', { kind: 'complaint', status: 'merged', received: '2026-03-05', due: '2026-03-20' });
    await add('lastYear', { kind: 'complaint', status: 'handling', received: '2025-06-01', due: '2025-06-20' });
    await add('town', {
      unit: '321323002',
      kind: 'question',
      status: 'closed',
      received: '2026-06-01',
      due: '2026-06-20',
      answered: '2026-06-10',
      rating: 'basic',
      ratedAt: '2026-06-11T02:00:00.000Z',
    });
  });
  afterAll(async () => t?.close());

  it('投诉处理及时率 and 群众满意度 per unit, with the cases behind them', async () => {
    const m = await measurePeriod(t.rt.ctx, { rootCode: '321323', from: '2026-01-01', to: '2026-12-31', asOf: AS_OF });
    const mzj = m.get('dept-mzj')!;
    // Due by the check point or answered: on time, answered late, never answered (returned, merged, not yet due and due today are not counted).
    expect(mzj.providers.complaint_handling).toEqual({ onTime: 1, due: 3 });
    expect(mzj.providers.satisfaction).toEqual({ satisfied: 1, valid: 2 });
    const late = mzj.links.provided!.complaint_handling!.filter((l) => l.url.startsWith('/admin/interaction/'));
    expect(late.map((l) => l.url).sort()).toEqual([`/admin/interaction/${ids.lateAnswer}`, `/admin/interaction/${ids.neverAnswered}`].sort());
    expect(late.find((l) => l.url.endsWith(ids.neverAnswered!))!.label).toContain('尚未答复');
    expect(mzj.links.provided!.complaint_handling![0]!.url).toBe('/admin/interaction?unit=dept-mzj');
    expect(m.get('321323002')!.providers.satisfaction).toEqual({ satisfied: 1, valid: 1 });
    // A unit with nothing to count has the empty figure (0 of 0), not 暂无数据.
    const [, other] = [...m.entries()].find(([code]) => !['dept-mzj', '321323002'].includes(code))!;
    expect(other.providers.complaint_handling).toEqual({ onTime: 0, due: 0 });
    expect(other.providers.satisfaction).toEqual({ satisfied: 0, valid: 0 });
  });

  it('a rating given after the check point does not count yet', async () => {
    const m = await measurePeriod(t.rt.ctx, { rootCode: '321323', from: '2026-01-01', to: '2026-12-31', asOf: '2026-06-01' });
    // As of 1 June: only the rating of 2 May exists; the complaints due by then: on time (March), late (April).
    expect(m.get('dept-mzj')!.providers.satisfaction).toEqual({ satisfied: 0, valid: 1 });
    expect(m.get('dept-mzj')!.providers.complaint_handling).toEqual({ onTime: 1, due: 3 });
  });

  it('互动回应差: messages of the last year unanswered for more than 3 months → 单项否决', async () => {
    const w = await websiteCheck(t.rt.ctx.db, AS_OF);
    expect(w.notAvailable).toEqual([]);
    expect(w.unansweredMessages.from).toBe('2025-11-29');
    // Answered 4½ months after receipt, and never answered after 7 months; answered exactly 3 months after is not late.
    expect(w.unansweredMessages.cases.map((c) => [c.caseNo.slice(-4), c.receivedOn, c.answeredOn])).toEqual([
      ['0006', '2026-02-01', '2026-06-15'],
      ['0003', '2026-05-01', null],
    ]);
    expect(w.unansweredMessages.cases[0]!.unitName).toContain('民政');
    // Valid messages of the year: all but the returned, the merged and last year's one.
    expect(w.unansweredMessages.received).toBe(8);
    expect(w.veto.unanswered).toBe(true);
    // As of 31 July the never-answered complaint of 1 May is not yet 3 months old; the slow consultation was already late.
    const july = await websiteCheck(t.rt.ctx.db, '2026-07-31');
    expect(july.unansweredMessages.cases.map((c) => c.receivedOn)).toEqual(['2026-02-01']);
  });

  it('with no module providing the figures the readers say 暂无数据 / 暂不可检查, never zero', async () => {
    registerModuleList(() => modules.filter((m) => m.name !== 'interaction'));
    try {
      const w = await websiteCheck(t.rt.ctx.db, AS_OF);
      expect(w.notAvailable.map((n) => n.check)).toEqual(['互动交流：留言超过3个月未回应']);
      expect(w.veto.unanswered).toBe(false);
      const m = await measurePeriod(t.rt.ctx, { rootCode: '321323', from: '2026-01-01', to: '2026-12-31', asOf: AS_OF });
      expect(m.get('dept-mzj')!.providers.complaint_handling).toBeUndefined();
      expect(providerNotes(['complaint_handling'])[0]).toContain('暂无数据');
    } finally {
      registerModuleList(() => modules);
    }
    expect(providerNotes(['complaint_handling', 'satisfaction']).join()).toContain('政民互动');
  });
});
