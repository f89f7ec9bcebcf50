/** The calendar's messages; its API types are the server's (src/modules/calendar/calendar.schemas.ts), imported type-only. */
import { ApiError, errorText } from '../../lib/http.ts';
import type { CalendarInvalidDetails } from '../../../../../src/modules/calendar/calendar.schemas.ts';

export type { AddWorkingDays, CalendarDay, CalendarYear, ReplaceResult, YearDetail, YearList } from '../../../../../src/modules/calendar/calendar.schemas.ts';

/** Calendar endpoints may not exist on an older server: say so plainly. */
export function calendarError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return '工作日历功能尚未启用（服务器没有提供日历接口），请联系系统管理员。';
  return errorText(err);
}

/**
 * A refused calendar's problems (400 CALENDAR_INVALID, `error.details.issues`) as one list: a short summary and a line per
 * problem, each naming its year and date unless the server's words already do (they start with the year, or name the date). The server's message repeats the first
 * problems in one sentence, so a page shows this instead of it. Null for any other error.
 */
export function calendarProblems(err: unknown): { summary: string; lines: string[] } | null {
  if (!(err instanceof ApiError) || err.code !== 'CALENDAR_INVALID') return null;
  const issues = (err.details as CalendarInvalidDetails | undefined)?.issues ?? [];
  if (issues.length === 0) return null;
  const lines = issues.map((i) => {
    const where = [i.year !== null && !i.message.startsWith(`${i.year}年`) ? `${i.year}年` : null, i.date && !i.message.includes(i.date) ? i.date : null];
    const prefix = where.filter(Boolean).join(' ');
    return prefix ? `${prefix}：${i.message}` : i.message;
  });
  return { summary: `日历数据有 ${issues.length} 处问题，没有做任何修改。请按下列各条改正后再试：`, lines };
}
