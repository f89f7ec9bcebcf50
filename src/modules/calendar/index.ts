import type { ModuleManifest } from '../../platform/module.ts';
import { registerCalendarRoutes } from './calendar.routes.ts';
import { seedCalendarBaseline } from './calendar.service.ts';
import { runCalendarImport } from './calendar.cli.ts';

export {
  WorkCalendar,
  addWorkingDays,
  workingDaysBetween,
  addCalendarDays,
  isValidDate,
  weekdayOf,
  provisionalReason,
  weekdayName,
  yearOf,
  MAX_WORKING_DAYS,
  type CalendarData,
  type CalendarDayEntry,
  type CalendarDayKind,
  type DayKind,
  type DayInfo,
  type AddWorkingDaysResult,
  type WorkingDaysBetweenResult,
} from './working-days.ts';
export { getCalendar, replaceYears, type ReplaceYearsResult } from './calendar.service.ts';
export { loadCalendar } from './calendar.repository.ts';
export {
  registerDeadlineRecomputer,
  upsertDeadline,
  getDeadline,
  deleteDeadline,
  type DeadlineRecomputer,
  type DeadlineInput,
  type StoredDeadline,
} from './calendar.deadlines.ts';
export type { YearInput } from './calendar.source.ts';
export type { CalendarIssue } from './calendar.validation.ts';

export const manifest: ModuleManifest = {
  name: 'calendar',
  register(app, ctx) {
    registerCalendarRoutes(app, ctx);
  },
  async seedBaseline(ctx) {
    const added = await seedCalendarBaseline(ctx);
    if (added > 0) ctx.logger.info(`已从 chinese-days 导入 ${added} 个年份的节假日安排`);
  },
  cli: [{ name: 'calendar', sub: 'import', usage: 'calendar import FILE    导入节假日安排（JSON，格式见 docs/calendar-import.md）', run: runCalendarImport }],
};
