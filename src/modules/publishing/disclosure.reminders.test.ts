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
    expect(q3).toMatchObject({ kind: 'obligation', status: 'overdue', dueDate: '2026-10-10', title: expect.stringContaining('2026年第三季度'), link: `/admin/disclosures/new?unit=${VILLAGE}&item=vil%3Ajsgh&period=2026-Q3` });
    const calendar = await getCalendar(f.t.rt.ctx);
    expect(q3!.overdueWorkingDays).toBe(calendar.workingDaysBetween('2026-10-10', '2026-11-26').workingDays);
    expect(q3!.overdueWorkingDays).toBeGreaterThan(25);
    await publishVillage(f, '<p>第三季度建设规划实施情况。</p>', { itemKey: 'vil:jsgh', period: '2026-Q3', title: '2026年第三季度建设规划实施情况', formedOn: '2026-11-20' });
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
});
