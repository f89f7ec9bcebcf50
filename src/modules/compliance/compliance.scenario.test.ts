/**
 * A generated county-year scenario through the real publishing path (HTTP, real database): villages of
 * 城厢街道 publish their 2026 Q1 finance statement (vil:szxq, due 2026-04-10) on time, late, not at
 * all, on time but withdrawn before the 7-working-day 公示期, or without a 公开栏 photo. The evaluation
 * must give exactly the expected statuses, and the stored results must be updated incrementally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSubtree } from '../org/index.ts';
import { replaceYears } from '../calendar/index.ts';
import { ensureFresh } from './compliance.compute.ts';
import { measureUnitFigures } from './index.ts';
import { obligationReminders, unitReport } from './compliance.service.ts';
import { FINANCE_ITEM, TOWN, openComplianceFixture, publishOn, scenarioVillage, seedFinanceScenario, type ComplianceFixture } from './compliance.fixture.ts';

const V = scenarioVillage;
const AS_OF = '2026-05-15';
const W = { rootCode: TOWN, from: '2026-01-01', to: '2026-06-30', asOf: AS_OF };

describe('county-year scenario: expected statuses, incremental updates', () => {
  let f: ComplianceFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    f = await openComplianceFixture('2026-04-01');
    Object.assign(ids, await seedFinanceScenario(f));
    // 建南社区 publishes nothing. A 村民代表会议 decision on 2026-05-13 at 卜湖 is due 3 working days later.
    const item = await f.t.rt.ctx.db.selectFrom('catalog_items').select('id').where('item_key', '=', 'vil:hyjd').executeTakeFirstOrThrow();
    f.clock.day('2026-05-13');
    const ev = await f.t.app.inject({ method: 'POST', url: `/api/v1/units/${V('buhu')}/events`, headers: (await f.as('countyadmin')).headers(), payload: { itemId: item.id, occurredOn: '2026-05-13', title: '村民代表会议决定修建村道' } });
    expect(ev.statusCode, ev.body).toBe(201);
    f.clock.day(AS_OF);
  }, 120_000);
  afterAll(() => f?.t.close());

  it('gives exactly the expected status for each village', async () => {
    const ctx = f.t.rt.ctx;
    const village = await listSubtree(ctx.db, `/321323/${TOWN}/`);
    const status = async (code: string) => {
      const r = await unitReport(ctx, village.find((u) => u.code === code)!, { from: W.from, to: W.to });
      return r.obligations.find((o) => o.itemKey === FINANCE_ITEM && o.period === '2026-Q1')!;
    };
    const expected: Record<string, { status: string; disclosure: boolean; overdueWorkingDays: number }> = {
      buhu: { status: 'on_time', disclosure: true, overdueWorkingDays: 0 },
      nanyuan: { status: 'late', disclosure: true, overdueWorkingDays: 6 },
      jiannan: { status: 'overdue', disclosure: false, overdueWorkingDays: 23 },
      taoxu: { status: 'display_short', disclosure: true, overdueWorkingDays: 0 },
      dongfeng: { status: 'channel_missing', disclosure: true, overdueWorkingDays: 0 },
      longmen: { status: 'channel_missing', disclosure: true, overdueWorkingDays: 22 },
    };
    for (const [v, e] of Object.entries(expected)) {
      const o = await status(V(v));
      expect({ v, status: o.status, disclosure: !!o.disclosureId, overdueWorkingDays: o.overdueWorkingDays }).toEqual({ v, ...e });
      expect(o.dueDate).toBe('2026-04-10');
    }
    const short = await status(V('taoxu'));
    expect(short.evidence.publication).toMatchObject({ disclosureId: ids.taoxu, publishedOn: '2026-04-09', withdrawnOn: '2026-04-13', displayMinEnd: '2026-04-20', photoDates: ['2026-04-09'] });
    expect(short.evidence.timeliness).toBe('on_time');
    const late = await status(V('longmen'));
    expect(late.evidence).toMatchObject({ timeliness: 'late', missingChannels: ['社区/企事业单位/村公示栏（电子屏）'] });
  });

  it('measureUnitFigures: one row per unit of the subtree, figures traceable to obligations', async () => {
    const rows = await measureUnitFigures(f.t.rt.ctx, W);
    const units = await listSubtree(f.t.rt.ctx.db, `/321323/${TOWN}/`);
    expect(rows.map((r) => r.unitCode).sort()).toEqual(units.map((u) => u.code).sort());
    const by = new Map(rows.map((r) => [r.unitCode, r]));
    // Village catalog, non-busy finance, 2026-01-01..06-30: 3 yearly items (due 2026-01-29) and 11 quarterly
    // items for Q4 2025 (due 2026-01-12) and for Q1 2026 (due 2026-04-10) are due by 2026-05-15 (Q2 is due in July).
    const buhu = by.get(V('buhu'))!;
    expect(buhu).toMatchObject({ unitKind: 'community', parentCode: TOWN, due: 25, onTime: 1, late: 0, overdue: 24, dueSoon: 1, displayShort: 0, missingChannel: 0 });
    expect(buhu.onTimeRate).toBeCloseTo(1 / 25, 6);
    expect(buhu.evidence.onTime).toEqual([{ itemKey: FINANCE_ITEM, period: '2026-Q1', dueDate: '2026-04-10', disclosureId: ids.buhu }]);
    expect(buhu.applicable).toBe(22);
    expect(buhu.covered).toBe(1);
    expect(buhu.evidence.uncoveredItems).toHaveLength(21);
    expect(buhu.evidence.url).toBe(`/admin/compliance/units/${V('buhu')}?from=2026-01-01&to=2026-06-30`);
    expect(by.get(V('nanyuan'))).toMatchObject({ due: 25, onTime: 0, late: 1, overdue: 24 });
    expect(by.get(V('jiannan'))).toMatchObject({ due: 25, onTime: 0, late: 0, overdue: 25, covered: 0, onTimeRate: 0 });
    expect(by.get(V('taoxu'))).toMatchObject({ onTime: 1, displayShort: 1, missingChannel: 0 });
    expect(by.get(V('taoxu'))!.evidence.displayShort[0].disclosureId).toBe(ids.taoxu);
    expect(by.get(V('dongfeng'))).toMatchObject({ onTime: 1, missingChannel: 1 });
    expect(by.get(V('longmen'))).toMatchObject({ late: 1, missingChannel: 1 });
    // The 街道 itself follows the government catalog: only event-triggered items, none recorded → nothing due.
    expect(by.get(TOWN)).toMatchObject({ unitKind: 'street', due: 0, onTimeRate: null });
  });

  it('reminders: due-soon and overdue obligations with stable keys and overdue working days', async () => {
    const items = await obligationReminders(f.t.rt.ctx, AS_OF);
    const buhu = items.filter((i) => i.unitCode === V('buhu'));
    expect(buhu.find((i) => i.status === 'due-soon')).toMatchObject({ kind: 'obligation', dueDate: '2026-05-18', overdueWorkingDays: 0, title: expect.stringContaining('村民代表会议决定修建村道') });
    const jiannan = items.find((i) => i.unitCode === V('jiannan') && i.key.includes(`${FINANCE_ITEM}:2026-Q1`))!;
    expect(jiannan).toMatchObject({ key: `obligation:${V('jiannan')}:${FINANCE_ITEM}:2026-Q1:overdue`, status: 'overdue', overdueWorkingDays: 23, dueDate: '2026-04-10', link: `/admin/compliance/units/${V('jiannan')}` });
    expect(items.some((i) => i.unitCode === V('buhu') && i.key.includes(`${FINANCE_ITEM}:2026-Q1`))).toBe(false);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it('incremental: a publication recomputes only its unit; a calendar change only the years it touches', async () => {
    const ctx = f.t.rt.ctx;
    const units = await listSubtree(ctx.db, `/321323/${TOWN}/`);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(0);
    await publishOn(f, V('jiannan'), FINANCE_ITEM, '2026-Q1', AS_OF);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(1);
    const rows = await measureUnitFigures(ctx, W);
    expect(rows.find((r) => r.unitCode === V('jiannan'))).toMatchObject({ late: 1, overdue: 24 });
    // Re-saving the 2026 holidays marks 2025–2027 stale (due dates and display windows depend on them).
    const before = (await ctx.db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', 'like', '2026-%').execute()).map((d) => ({ date: d.date, kind: d.kind as 'holiday' | 'adjusted_workday', name: d.name }));
    // 2025 was stored by the reminders run; the publication made 建南's rows of every year stale.
    expect((await ensureFresh(ctx, units, [2025])).recomputed).toBe(1);
    const r = await replaceYears(ctx, { actor: null }, [{ year: 2026, sourceNotice: '国务院办公厅关于2026年部分节假日安排的通知', days: before }]);
    expect(r.ok).toBe(true);
    const states = await ctx.db.selectFrom('compliance_unit_years').select(['year', 'dirty']).execute();
    expect(states.length).toBeGreaterThan(units.length * 2);
    expect(states.every((s) => s.dirty === 1)).toBe(true);
    await ctx.db.insertInto('compliance_unit_years').values({ unit_code: V('buhu'), year: 2029, audit_seq: 0, dirty: 0, applicable_json: '[]', computed_at: '2026-05-15T00:00:00.000Z' }).execute();
    await replaceYears(ctx, { actor: null }, [{ year: 2026, sourceNotice: '国务院办公厅关于2026年部分节假日安排的通知', days: before }]);
    const far = await ctx.db.selectFrom('compliance_unit_years').select('dirty').where('year', '=', 2029).executeTakeFirstOrThrow();
    expect(far.dirty).toBe(0);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(units.length);
  });
});
