/**
 * A generated county-year scenario through the real publishing path (HTTP, real database): villages of
 * 城厢街道 publish their 2026 Q1 finance statement (vil:szxq, due 2026-04-10) on time, late, not at
 * all, on time but withdrawn before the 7-working-day 公示期, or without a 公开栏 photo. The evaluation
 * must give exactly the expected statuses, and the stored results must be updated incrementally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSubtree } from '../org/index.ts';
import { replaceYears } from '../calendar/index.ts';
import { ensureFresh, loadFacts } from './compliance.compute.ts';
import { measureUnitFigures } from './index.ts';
import { unitReport } from './compliance.service.ts';
import { collectReminders } from '../notifications/index.ts';
import { addCalendarDays } from '../calendar/index.ts';
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
    const ev = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/units/${V('buhu')}/events`,
      headers: (await f.as('countyadmin')).headers(),
      payload: { itemId: item.id, occurredOn: '2026-05-13', title: '村民代表会议决定修建村道' },
    });
    expect(ev.statusCode, ev.body).toBe(201);
    f.clock.day(AS_OF);
  }, 120_000);
  afterAll(() => f?.t.close());

  it('gives exactly the expected status for each village', async () => {
    const ctx = f.t.rt.ctx;
    const village = await listSubtree(ctx.db, `/321323/${TOWN}/`);
    const status = async (code: string) => {
      const r = await unitReport(
        ctx,
        village.find((u) => u.code === code)!,
        { from: W.from, to: W.to },
      );
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
    expect(short.evidence.publication).toMatchObject({
      disclosureId: ids.taoxu,
      publishedOn: '2026-04-09',
      withdrawnOn: '2026-04-13',
      displayMinEnd: '2026-04-20',
      photoDates: ['2026-04-09'],
    });
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
    expect(buhu).toMatchObject({
      unitKind: 'community',
      parentCode: TOWN,
      due: 25,
      onTime: 1,
      late: 0,
      overdue: 24,
      dueSoon: 1,
      displayShort: 0,
      missingChannel: 0,
    });
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

  it('reminders: the one obligation provider says due soon / overdue exactly where the evaluation does', async () => {
    const ctx = f.t.rt.ctx;
    const village = await listSubtree(ctx.db, `/321323/${TOWN}/`);
    const { items: all, failedModules } = await collectReminders(
      ctx,
      AS_OF,
      village.map((u) => u.code),
    );
    expect(failedModules).toEqual([]);
    const items = all.filter((i) => i.kind === 'obligation');
    const buhu = items.filter((i) => i.unitCode === V('buhu'));
    // 2026-05-18 (Mon) is 1 working day after 2026-05-15 (Fri): due soon under the default 3-day window.
    expect(buhu.find((i) => i.status === 'due-soon')).toMatchObject({
      kind: 'obligation',
      dueDate: '2026-05-18',
      overdueWorkingDays: 0,
      title: expect.stringContaining('村民代表会议决定修建村道'),
    });
    const jiannan = items.find((i) => i.unitCode === V('jiannan') && i.key.includes(`${FINANCE_ITEM}:2026-Q1`))!;
    expect(jiannan).toMatchObject({
      key: `obligation:${V('jiannan')}:${FINANCE_ITEM}:2026-Q1`,
      status: 'overdue',
      overdueWorkingDays: 23,
      dueDate: '2026-04-10',
    });
    expect(items.some((i) => i.unitCode === V('buhu') && i.key.includes(`${FINANCE_ITEM}:2026-Q1`))).toBe(false);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    // The same set, item for item, as the evaluation's 即将到期 / 逾期未公开 over the reminders' look-back.
    const expected: string[] = [];
    for (const u of village) {
      const r = await unitReport(ctx, u, { from: addCalendarDays(AS_OF, -180), to: '2026-12-31' });
      for (const o of r.obligations)
        if (o.status === 'due_soon' || o.status === 'overdue')
          expected.push(`obligation:${u.code}:${o.itemKey}:${o.period}|${o.status === 'due_soon' ? 'due-soon' : 'overdue'}`);
    }
    const got = items.map((i) => `${i.key}|${i.status}`);
    expect(expected.length).toBeGreaterThan(10);
    expect(got.sort()).toEqual(expected.sort());
  });

  it('one due-soon window: the reminder setting changes both the evaluation and the reminders', async () => {
    const ctx = f.t.rt.ctx;
    const county = (await f.as('countyadmin')).headers();
    const buhu = (await listSubtree(ctx.db, `/321323/${TOWN}/`)).find((u) => u.code === V('buhu'))!;
    // 卜湖's 村民代表会议 decision is due 2026-05-18 (Mon). On 2026-05-14 (Thu) 2 working days are left (15th, 18th).
    const hyjd = async () =>
      (await unitReport(ctx, buhu, { from: '2026-05-01', to: '2026-05-31' })).obligations.find((o) => o.dueDate === '2026-05-18')!.status;
    const reminded = async (asOf: string) =>
      (await collectReminders(ctx, asOf, [buhu.code])).items.some((i) => i.dueDate === '2026-05-18' && i.status === 'due-soon');
    f.clock.day('2026-05-14');
    expect(await hyjd()).toBe('due_soon');
    expect(await reminded('2026-05-14')).toBe(true);
    const settings = (await f.t.app.inject({ method: 'GET', url: '/api/v1/notifications/settings', headers: county })).json().settings;
    delete settings.updatedAt;
    const put = await f.t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: county,
      payload: { ...settings, dueSoonWorkingDays: 1 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await hyjd()).toBe('upcoming');
    expect(await reminded('2026-05-14')).toBe(false);
    f.clock.day(AS_OF);
    // On the 15th one working day is left: due soon in both again.
    expect(await hyjd()).toBe('due_soon');
    expect(await reminded(AS_OF)).toBe(true);
    const rules = await f.t.app.inject({ method: 'GET', url: '/api/v1/compliance/settings', headers: county });
    expect(rules.json().rules.dueSoonWorkingDays).toBe(1);
    const refused = await f.t.app.inject({ method: 'PUT', url: '/api/v1/compliance/settings/rules', headers: county, payload: { dueSoonWorkingDays: 5 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('提醒设置');
    const restore = await f.t.app.inject({ method: 'PUT', url: '/api/v1/notifications/settings', headers: county, payload: settings });
    expect(restore.statusCode, restore.body).toBe(200);
  });

  it('incremental: a publication recomputes only its unit; a calendar change only the years it touches', async () => {
    const ctx = f.t.rt.ctx;
    const units = await listSubtree(ctx.db, `/321323/${TOWN}/`);
    // Reads compute stale unit × years in memory without storing them; the refresh job stores them.
    await ensureFresh(ctx, units, [2025, 2026]);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(0);
    await publishOn(f, V('jiannan'), FINANCE_ITEM, '2026-Q1', AS_OF);
    expect((await loadFacts(ctx, units, '2026-01-01', '2026-12-31')).computed).toBe(1);
    expect((await loadFacts(ctx, units, '2026-01-01', '2026-12-31')).computed).toBe(1);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(1);
    expect((await loadFacts(ctx, units, '2026-01-01', '2026-12-31')).computed).toBe(0);
    const rows = await measureUnitFigures(ctx, W);
    expect(rows.find((r) => r.unitCode === V('jiannan'))).toMatchObject({ late: 1, overdue: 24 });
    // Re-saving the 2026 holidays marks 2025–2027 stale (due dates and display windows depend on them).
    const before = (await ctx.db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', 'like', '2026-%').execute()).map((d) => ({
      date: d.date,
      kind: d.kind as 'holiday' | 'adjusted_workday',
      name: d.name,
    }));
    // 2025 was stored above; the publication made 建南's rows of every year stale.
    expect((await ensureFresh(ctx, units, [2025])).recomputed).toBe(1);
    const r = await replaceYears(ctx, { actor: null }, [{ year: 2026, sourceNotice: '国务院办公厅关于2026年部分节假日安排的通知', days: before }]);
    expect(r.ok).toBe(true);
    const states = await ctx.db.selectFrom('compliance_unit_years').select(['year', 'dirty']).execute();
    expect(states.length).toBeGreaterThanOrEqual(units.length * 2);
    expect(states.every((s) => s.dirty === 1)).toBe(true);
    await ctx.db
      .insertInto('compliance_unit_years')
      .values({ unit_code: V('buhu'), year: 2029, audit_seq: 0, dirty: 0, applicable_json: '[]', computed_at: '2026-05-15T00:00:00.000Z' })
      .execute();
    await replaceYears(ctx, { actor: null }, [{ year: 2026, sourceNotice: '国务院办公厅关于2026年部分节假日安排的通知', days: before }]);
    const far = await ctx.db.selectFrom('compliance_unit_years').select('dirty').where('year', '=', 2029).executeTakeFirstOrThrow();
    expect(far.dirty).toBe(0);
    expect((await ensureFresh(ctx, units, [2026])).recomputed).toBe(units.length);
  });
});
