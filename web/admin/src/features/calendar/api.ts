/** The calendar's messages; its API types are the server's (src/modules/calendar/calendar.schemas.ts), imported type-only. */
import { ApiError, errorText } from '../../lib/http.ts';

export type { AddWorkingDays, CalendarDay, CalendarYear, ReplaceResult, YearDetail, YearList } from '../../../../../src/modules/calendar/calendar.schemas.ts';

/** Calendar endpoints may not exist on an older server: say so plainly. */
export function calendarError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return '工作日历功能尚未启用（服务器没有提供日历接口），请联系系统管理员。';
  return errorText(err);
}
