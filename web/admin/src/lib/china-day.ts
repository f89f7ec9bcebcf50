import dayjs, { type Dayjs } from 'dayjs';
import { chinaDate } from '../../../../src/platform/context.ts';

/**
 * Today's date in China (UTC+8, no daylight saving), whatever the browser's time zone. The server counts
 * every date China-local (receipt dates, 形成日期, photo dates, deadlines), so a form that offered the
 * browser's date would, between 00:00 and 08:00 China time in a UTC browser, default to yesterday — or
 * refuse today as "in the future". It is the server's own chinaDate.
 */
export function chinaTodayString(now: number = Date.now()): string {
  return chinaDate(new Date(now));
}

/** chinaTodayString as a Dayjs at local midnight of that date (what the date pickers hold). */
export function chinaToday(): Dayjs {
  return dayjs(chinaTodayString());
}
