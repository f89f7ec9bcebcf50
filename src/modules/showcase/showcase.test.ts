/**
 * The living demo county (issue 19 §3): one full demo seed at a fixed date, then what a newcomer sees.
 * Shared by every case below (the seed is the expensive part).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, seedDemo, type TestApp } from '../../../test/helpers/test-app.ts';
import { TestClock } from '../../../test/helpers/test-clock.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { BUHU, SHUANGDU, WANGSANZHUANG } from './village-year.ts';

// An ID number standing on its own: not 18 digits inside a longer hex string. Every record page prints its content's
// SHA-256 (内容校验), and a random digest holds 18 decimal digits in a row about once in a hundred pages — that made
// this test fail now and then with no ID number on the page.
const RESIDENT_ID = /(?<![0-9A-Fa-f])\d{17}[\dXx](?![0-9A-Fa-f])/;
let t: TestApp;

beforeAll(async () => {
  // 2026-12-07 09:00 in China: the twelve months before are Dec 2025 … Nov 2026.
  t = await openTestApp({ clock: new TestClock(new Date('2026-12-07T01:00:00.000Z')), demo: false });
  await seedDemo(t.rt.ctx);
}, 240_000);
afterAll(async () => t?.close());

async function published(unit: string) {
  return t.rt.ctx.db
    .selectFrom('disclosures')
    .select(['id', 'title', 'period', 'item_key', 'published_at', 'status'])
    .where('unit_code', '=', unit)
    .where('status', '=', 'published')
    .orderBy('published_at')
    .execute();
}

describe('a year of village records, published through the commands', () => {
  it('卜湖社区 has twelve monthly finance statements, quarterly 低保 lists, decisions and a service list, all labelled 演示', async () => {
    // 政民互动's demo publishes two 卜湖 records of its own today, to ask its questions on (interaction.demo.ts): not the showcase's year.
    const askedOn = new Set(
      (await t.rt.ctx.db.selectFrom('interaction_cases').select('disclosure_id').where('disclosure_id', 'is not', null).execute()).map((r) => r.disclosure_id),
    );
    const rows = (await published(BUHU)).filter((r) => r.title.endsWith('（演示）') && !askedOn.has(r.id));
    const finance = rows.filter((r) => r.item_key === 'vil:szxq').map((r) => r.period);
    expect(finance).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(rows.filter((r) => r.item_key === 'vil:zxjf').map((r) => r.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(rows.filter((r) => r.item_key === 'vil:hyjd')).toHaveLength(4);
    expect(rows.some((r) => r.item_key === 'vil:fwqd')).toBe(true);
    // Publication dates spread over the year (each command ran at its own date), none in the future.
    const first = rows[0]!.published_at!;
    const last = rows.at(-1)!.published_at!;
    expect(first < '2026-01-31').toBe(true);
    expect(last < '2026-12-07T01:00:00.000Z').toBe(true);
  });

  it('王三庄村 and 双渡社区 have their last two quarterly statements and a decision each', async () => {
    for (const unit of [WANGSANZHUANG, SHUANGDU]) {
      const rows = await published(unit);
      expect(rows.filter((r) => r.item_key === 'vil:szxq').map((r) => r.period)).toEqual(['2026-Q2', '2026-Q3']);
      expect(rows.filter((r) => r.item_key === 'vil:hyjd')).toHaveLength(1);
    }
  });

  it('every step went through the workflow and the audit chain is intact', async () => {
    const ids = (await published(BUHU)).map((r) => r.id);
    const steps = await t.rt.ctx.db.selectFrom('disclosure_steps').select(['disclosure_id', 'action']).where('disclosure_id', 'in', ids).execute();
    for (const id of ids)
      expect(steps.filter((s) => s.disclosure_id === id).map((s) => s.action)).toEqual(expect.arrayContaining(['create', 'submit', 'approve', 'publish']));
    expect((await verifyAuditChain(t.rt.ctx.db)).ok).toBe(true);
  });

  it('a newcomer sees current disclosures on / and on 卜湖社区, with the finance chart, and no readable ID number', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('卜湖社区2026年10月财务收支明细公开（演示）');
    expect(home.body).not.toContain('暂无已发布的公开信息');
    const unit = await t.app.inject({ url: `/units/${BUHU}` });
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain('财务收支明细公开（演示）');
    expect(unit.body).toContain('<svg');
    const list = (await published(BUHU)).find((r) => r.item_key === 'vil:zxjf' && r.period === '2026-Q1')!;
    const page = await t.app.inject({ url: `/disclosures/${list.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('张某甲');
    // The ID number in the body was masked by the gate (the clerk's decision); the list's 身份证号码 column was dropped.
    expect(page.body).not.toMatch(RESIDENT_ID);
    expect(page.body).not.toContain('身份证号码</th>');
    for (const r of (await published(BUHU)).filter((x) => x.item_key === 'vil:zxjf')) {
      const html = (await t.app.inject({ url: `/disclosures/${r.id}` })).body;
      expect(html, r.title).not.toMatch(RESIDENT_ID);
    }
  });

  it('a demo policy shows its metadata correction with the public reason', async () => {
    const p = await t.rt.ctx.db.selectFrom('policy_documents').select('disclosure_id').where('doc_no', '=', '演示民发〔2026〕3号').executeTakeFirstOrThrow();
    const page = await t.app.inject({ url: `/policies/${p.disclosure_id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('文件信息更正记录');
    expect(page.body).toContain('关键词由“最低生活保障”改为“最低生活保障、初审公示”');
  });

  it('the year is in the search index (indexed once, at the end of the seed)', async () => {
    for (const unit of [BUHU, WANGSANZHUANG, SHUANGDU]) {
      const finance = (await published(unit)).filter((r) => r.item_key === 'vil:szxq');
      const res = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('财务收支明细')}&unit=${encodeURIComponent(unit)}` });
      expect(res.statusCode).toBe(200);
      expect(finance.length).toBeGreaterThan(0);
      expect(res.json<{ total: number }>().total, unit).toBeGreaterThanOrEqual(finance.length);
    }
  });

  it('seeding again adds nothing', async () => {
    const before = (await published(BUHU)).length;
    await seedDemo(t.rt.ctx);
    expect((await published(BUHU)).length).toBe(before);
  });
});
