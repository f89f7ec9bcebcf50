/** The admin SPA's "today" is China-local whatever the browser's time zone (web/admin/src/lib/china-day.ts). */
import { describe, expect, it } from 'vitest';
import { chinaTodayString } from '../web/admin/src/lib/china-day.ts';
import { chinaDate } from '../src/platform/context.ts';

describe('chinaTodayString', () => {
  it.each([
    ['2026-11-29T15:59:59.999Z', '2026-11-29'],
    ['2026-11-29T16:00:00.000Z', '2026-11-30'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2024-02-28T16:30:00.000Z', '2024-02-29'],
  ])('%s → %s (the server agrees)', (iso, day) => {
    const t = Date.parse(iso);
    expect(chinaTodayString(t)).toBe(day);
    expect(chinaDate(new Date(t))).toBe(day);
  });
});
