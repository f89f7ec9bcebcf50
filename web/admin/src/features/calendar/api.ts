/** API types of this feature (to be replaced by type-only imports of the server schemas at src/modules/calendar/calendar.schemas.ts). */
import { ApiError, errorText } from '../../lib/http.ts';

export interface CalendarYear {
  year: number;
  status: 'official' | 'missing';
  sourceNotice: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
}

/** Calendar endpoints may not exist on an older server: say so plainly. */
export function calendarError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return '工作日历功能尚未启用（服务器没有提供日历接口），请联系系统管理员。';
  return errorText(err);
}
