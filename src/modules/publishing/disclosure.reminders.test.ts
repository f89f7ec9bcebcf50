/** Publishing's reminders(): what a unit still owes, gone once the disclosure is published. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixture, publishVillage, api, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import { publishingReminders } from './disclosure.reminders.ts';
import { getCalendar } from '../calendar/index.ts';

describe('publishing reminders', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture('2026-11-26T01:00:00.000Z');
  }, 60_000);
  afterAll(() => f?.t.close());

  it('lists unpublished obligations with working days late, and drops one once it is published', async () => {
    const key = `obligation:${VILLAGE}:vil:jsgh:2026-Q3`;
    const before = await publishingReminders(f.t.rt.ctx, '2026-11-26', { unitCodes: [VILLAGE] });
    expect(new Set(before.map((i) => i.unitCode))).toEqual(new Set([VILLAGE]));
    const q3 = before.find((i) => i.key === key);
    // Due 10 October 2026; late by the working days after it up to today on the statutory calendar.
    expect(q3).toMatchObject({
      kind: 'obligation',
      status: 'overdue',
      dueDate: '2026-10-10',
      title: expect.stringContaining('2026年第三季度'),
      link: `/admin/disclosures/new?unit=${VILLAGE}&item=vil%3Ajsgh&period=2026-Q3`,
    });
    const calendar = await getCalendar(f.t.rt.ctx);
    expect(q3!.overdueWorkingDays).toBe(calendar.workingDaysBetween('2026-10-10', '2026-11-26').workingDays);
    expect(q3!.overdueWorkingDays).toBeGreaterThan(25);
    await publishVillage(f, '<p>第三季度建设规划实施情况。</p>', {
      itemKey: 'vil:jsgh',
      period: '2026-Q3',
      title: '2026年第三季度建设规划实施情况',
      formedOn: '2026-11-20',
    });
    const after = await publishingReminders(f.t.rt.ctx, '2026-11-26', { unitCodes: [VILLAGE] });
    expect(after.map((i) => i.key)).not.toContain(key);
    expect(after.map((i) => i.key)).toContain(`obligation:${VILLAGE}:vil:jsgh:2026-Q2`);
    expect(after).toHaveLength(before.length - 1);
    // The to-do list shares the query.
    const todo = (await api(f)(f.s.clerk, 'GET', '/api/v1/disclosures/todo')).json();
    expect(todo.owed.some((o: { itemKey: string; period: string }) => o.itemKey === 'vil:jsgh' && o.period === '2026-Q3')).toBe(false);
    expect(todo.owed.some((o: { itemKey: string; period: string }) => o.itemKey === 'vil:jsgh' && o.period === '2026-Q2')).toBe(true);
    expect(await publishingReminders(f.t.rt.ctx, '2026-11-26', { unitCodes: [] })).toEqual([]);
  });

  it('我的待办 names every obligation a reminder names, also when the reminder window reaches past this week', async () => {
    const ctx = f.t.rt.ctx;
    const keys = async () => {
      const todo = (await api(f)(f.s.clerk, 'GET', '/api/v1/disclosures/todo')).json() as { owed: { unitCode: string; itemKey: string; period: string }[] };
      return new Set(todo.owed.map((o) => `obligation:${o.unitCode}:${o.itemKey}:${o.period}`));
    };
    const reminded = async () => (await publishingReminders(ctx, '2026-11-26', { unitCodes: [VILLAGE] })).map((i) => i.key);
    // A 村民代表会议 decision taken today (Thursday 26 November) is due on Tuesday 1 December, after this Sunday.
    const item = await ctx.db.selectFrom('catalog_items').select('id').where('item_key', '=', 'vil:hyjd').executeTakeFirstOrThrow();
    const ev = await api(f)(f.s.clerk, 'POST', `/api/v1/units/${VILLAGE}/events`, {
      itemId: item.id,
      occurredOn: '2026-11-26',
      title: '村民代表会议决定修建文化广场',
    });
    expect(ev.statusCode, ev.body).toBe(201);
    // Thursday 26 November with a 20-working-day window: reminders reach into late December, past this Sunday.
    await ctx.db
      .insertInto('app_settings')
      .values({ key: 'notifications.settings', value_json: JSON.stringify({ dueSoonWorkingDays: 20 }), updated_at: '2026-11-26T01:00:00.000Z' })
      .execute();
    try {
      const wide = await reminded();
      expect(wide.length).toBeGreaterThan(0);
      const todo = await keys();
      expect(wide.filter((k) => !todo.has(k))).toEqual([]);
      const dues = (await publishingReminders(ctx, '2026-11-26', { unitCodes: [VILLAGE] })).map((i) => i.dueDate);
      expect(dues.some((d) => d > '2026-11-29')).toBe(true);
    } finally {
      await ctx.db.deleteFrom('app_settings').where('key', '=', 'notifications.settings').execute();
    }
    // Default window again: still a subset.
    const todo = await keys();
    expect((await reminded()).filter((k) => !todo.has(k))).toEqual([]);
  });
});
