/**
 * "Done when": a generated county-year scenario, through the real publishing path and the compliance
 * module's measured figures, yields exactly the expected scores, grades, veto and ranks; closing freezes them
 * (a later publication does not change the published ranking) and re-opening brings the live figures back.
 *
 * Scenario (城厢街道's 14 communities, 2026 Q1 finance statement vil:szxq due 2026-04-10; as of 2026-05-15 each
 * community owes 25 obligations over 22 applicable catalog items — figures asserted by the compliance tests):
 * 卜湖 on time with a 公开栏 photo; 南园 late with a photo; 陶圩 on time with a photo but withdrawn before its
 * 公示期 ended; 东风 on time without a photo; 龙门 late without a photo; 建南 and the other 8 publish nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FINANCE_ITEM,
  TOWN,
  openComplianceFixture,
  publishOn,
  scenarioVillage,
  seedFinanceScenario,
  type ComplianceFixture,
} from '../compliance/compliance.fixture.ts';
import type { IndicatorSet } from './assessment.rules.ts';

const V = scenarioVillage;
const villages = ['village'] as const;

/** Village indicators (100 points) and a veto at 25 overdue items; the 街道 itself only on time (100). */
const SET: IndicatorSet = {
  passMark: 60,
  indicators: [
    { key: 'on_time', name: '按时公开', kind: 'on_time_rate', weight: 50, appliesTo: [...villages] },
    { key: 'coverage', name: '目录覆盖', kind: 'coverage', weight: 20, appliesTo: [...villages] },
    { key: 'display', name: '公示期达标', kind: 'display_compliance', weight: 10, appliesTo: [...villages] },
    { key: 'channel', name: '公开栏佐证', kind: 'channel_evidence', weight: 10, appliesTo: [...villages] },
    { key: 'work', name: '台账（人工）', kind: 'manual', weight: 10, appliesTo: [...villages] },
    { key: 'gov_on_time', name: '按时公开', kind: 'on_time_rate', weight: 100, appliesTo: ['township'] },
    { key: 'veto_overdue', name: '逾期未公开过多', kind: 'veto', weight: 0, appliesTo: [...villages], veto: { figure: 'overdue', atLeast: 25 } },
  ],
};

describe('county-year scenario: expected scores on this database', () => {
  let f: ComplianceFixture;
  let pid = '';
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    f = await openComplianceFixture('2026-04-01');
    Object.assign(ids, await seedFinanceScenario(f));
    f.clock.day('2026-05-15');
    const admin = await f.as('countyadmin');
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: admin.headers(),
      payload: { kind: 'year', year: 2026, rootCode: TOWN, set: SET },
    });
    expect(res.statusCode, res.body).toBe(201);
    pid = res.json().id;
    for (const [unit, value] of [
      ['buhu', 90],
      ['jiannan', 80],
    ] as const) {
      const m = await f.t.app.inject({
        method: 'PUT',
        url: `/api/v1/assessments/${pid}/manual-scores`,
        headers: admin.headers(),
        payload: { indicatorKey: 'work', unitCode: V(unit), value, evidence: [{ url: `/units/${V(unit)}`, label: '台账检查记录' }] },
      });
      expect(m.statusCode, m.body).toBe(200);
    }
  }, 180_000);
  afterAll(() => f?.t.close());

  const get = async (url: string) => {
    const res = await f.t.app.inject({ url, headers: (await f.as('countyadmin')).headers() });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const villageTable = async () => {
    const v = await get(`/api/v1/assessments/${pid}`);
    return Object.fromEntries(
      v.villagesByTown[0].items.map((i: { code: string; rank: number; total: number; grade: string; vetoed: boolean }) => [
        i.code.replace(`${TOWN}-`, ''),
        [i.rank, i.total, i.grade],
      ]),
    );
  };

  // Points by hand (weight × ratio, to 1/100 point; coverage 1/22 × 20 = 0.91):
  //   卜湖 on time 1/25 × 50 = 2, coverage 0.91, display 1/1 → 10, channel 1/1 → 10, manual 90% → 9   = 31.91
  //   南园 0, 0.91, 10, 10, manual not entered 0                                                    = 20.91
  //   陶圩 2, 0.91, display 0/1 → 0 (withdrawn early), 10, 0                                         = 12.91
  //   东风 2, 0.91, 10, channel 0/1 → 0, 0                                                          = 12.91
  //   龙门 0, 0.91, 10, 0, 0                                                                        = 10.91
  //   建南 0, 0, nothing published → display/channel full 10 + 10, manual 8 = 28, but 25 overdue ≥ 25 → 单项否决
  //   8 others: 0, 0, 10, 10, 0 = 20, 25 overdue → 单项否决
  const EXPECTED_OPEN = {
    buhu: [1, 31.91, '不合格'],
    nanyuan: [2, 20.91, '不合格'],
    dongfeng: [3, 12.91, '不合格'],
    taoxu: [3, 12.91, '不合格'],
    longmen: [5, 10.91, '不合格'],
    jiannan: [6, 28, '不合格（单项否决）'],
  };

  it('scores, grades, veto and ranks within the town are exactly as computed by hand', async () => {
    const t = await villageTable();
    expect(Object.keys(t)).toHaveLength(14);
    for (const [v, e] of Object.entries(EXPECTED_OPEN)) expect([v, ...t[v]]).toEqual([v, ...e]);
    const others = Object.entries(t).filter(([v]) => !(v in EXPECTED_OPEN));
    expect(others).toHaveLength(8);
    for (const [v, row] of others) expect([v, ...(row as unknown[])]).toEqual([v, 6, 20, '不合格（单项否决）']);
    const view = await get(`/api/v1/assessments/${pid}`);
    expect(view.rankings.find((r: { group: string }) => r.group === 'township').items).toEqual([
      { rank: 1, code: TOWN, name: '城厢街道', parentName: null, total: 100, grade: '合格', passed: true, vetoed: false, incomplete: false },
    ]);
    expect(view.summary.find((s: { group: string }) => s.group === 'village')).toMatchObject({ units: 14, passed: 0, failed: 14, vetoed: 9, incomplete: 12 });
  });

  it("卜湖's score card traces every figure to its evidence", async () => {
    const card = await get(`/api/v1/assessments/${pid}/units/${V('buhu')}`);
    expect(card).toMatchObject({
      total: 31.91,
      rank: 1,
      rankOf: 14,
      townRank: 1,
      townRankOf: 14,
      vetoed: false,
      figures: { due: 25, onTime: 1, late: 0, overdue: 24, applicable: 22, covered: 1 },
    });
    const onTime = card.results.find((r: { key: string }) => r.key === 'on_time');
    expect(onTime).toMatchObject({ numerator: 1, denominator: 25, ratio: 4, points: 2, explanation: '按时公开数 ÷ 应公开数 = 1 ÷ 25' });
    expect(onTime.evidence).toContainEqual({ label: `按时公开：${FINANCE_ITEM} 2026-Q1（应于2026-04-10前公开）`, url: `/admin/disclosures/${ids.buhu}` });
    const veto = card.results.find((r: { key: string }) => r.key === 'veto_overdue');
    expect(veto).toMatchObject({ status: 'veto_clear', numerator: 24 });
    const taoxu = await get(`/api/v1/assessments/${pid}/units/${V('taoxu')}`);
    expect(taoxu.results.find((r: { key: string }) => r.key === 'display').evidence).toContainEqual({
      label: `公示期不足：${FINANCE_ITEM} 2026-Q1（应于2026-04-10前公开）`,
      url: `/admin/disclosures/${ids.taoxu}`,
    });
  });

  it('an open period is computed once and recomputed after any audited change (here a manual score)', async () => {
    // Sign-ins are audited too, but do not count as changes. Sessions end while the test clock jumps: sign in again then.
    let admin = await f.as('countyadmin');
    const view = async () => {
      const res = await f.t.app.inject({ url: `/api/v1/assessments/${pid}`, headers: admin.headers() });
      expect(res.statusCode, res.body).toBe(200);
      const v = res.json();
      const buhu = v.villagesByTown[0].items.find((i: { code: string }) => i.code === V('buhu'));
      return { computedAt: v.computedAt as string, asOf: v.asOf as string, buhu: [buhu.rank, buhu.total, buhu.grade] };
    };
    const first = await view();
    expect(first.buhu).toEqual(EXPECTED_OPEN.buhu);
    // Later the same day, nothing changed: the same computation is served.
    f.clock.set('2026-05-15T07:30:00.000Z');
    admin = await f.as('countyadmin');
    expect((await view()).computedAt).toBe(first.computedAt);
    const put = (value: number) =>
      f.t.app.inject({
        method: 'PUT',
        url: `/api/v1/assessments/${pid}/manual-scores`,
        headers: admin.headers(),
        payload: { indicatorKey: 'work', unitCode: V('buhu'), value, evidence: [{ url: `/units/${V('buhu')}`, label: '台账检查记录' }] },
      });
    expect((await put(50)).statusCode).toBe(200);
    // 卜湖 with 50% instead of 90% on the manual indicator: 31.91 − 4 = 27.91.
    const changed = await view();
    expect(changed.computedAt).not.toBe(first.computedAt);
    expect(changed.buhu).toEqual([1, 27.91, '不合格']);
    expect((await put(90)).statusCode).toBe(200);
    expect((await view()).buhu).toEqual(EXPECTED_OPEN.buhu);
    // A new day is a new 截至 date: recomputed.
    f.clock.day('2026-05-16');
    admin = await f.as('countyadmin');
    expect((await view()).asOf).toBe('2026-05-16');
    f.clock.day('2026-05-15');
  });

  it('closing freezes the ranking; a later publication changes it only after an audited re-open', async () => {
    const admin = await f.as('countyadmin');
    const close = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${pid}/close`,
      headers: admin.headers(),
      payload: { allowIncomplete: true },
    });
    expect(close.statusCode, close.body).toBe(200);
    // 建南 publishes its Q1 statement late, without a photo: 1 late, 24 overdue → below the veto line.
    await publishOn(f, V('jiannan'), FINANCE_ITEM, '2026-Q1', '2026-05-15');
    const frozen = await get(`/api/v1/assessments/${pid}`);
    expect(frozen.frozen).toBe(true);
    expect((await villageTable()).jiannan).toEqual([6, 28, '不合格（单项否决）']);
    const reopen = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${pid}/reopen`,
      headers: (await f.as('countyadmin')).headers(),
      payload: { reason: '建南社区已补发，重新计分' },
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    // 建南 now: on time 0, coverage 1/22 → 0.91, display 10, channel 10 (published today: the 公开栏 photo is not
    // missing yet on the day of publication), manual 8 = 28.91, no veto → 2nd after 卜湖.
    const card = await get(`/api/v1/assessments/${pid}/units/${V('jiannan')}`);
    expect(card.figures).toMatchObject({ due: 25, onTime: 0, late: 1, overdue: 24, missingChannel: 0, covered: 1 });
    const live = await villageTable();
    expect(live.jiannan).toEqual([2, 28.91, '不合格']);
    expect(live.nanyuan).toEqual([3, 20.91, '不合格']);
    expect(live.taoxu).toEqual([4, 12.91, '不合格']);
    expect(live.jianhua).toEqual([7, 20, '不合格（单项否决）']);
    const snaps = await f.t.rt.ctx.db.selectFrom('assessment_snapshots').select(['seq', 'superseded_at']).where('period_id', '=', pid).execute();
    expect(snaps.map((s) => [s.seq, s.superseded_at !== null])).toEqual([[1, true]]);
  });
});
