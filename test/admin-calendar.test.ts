/** The calendar page's list of refused data (web/admin/src/features/calendar/api.ts calendarProblems), from the server's own refusal. */
import { describe, expect, it } from 'vitest';
import { calendarProblems } from '../web/admin/src/features/calendar/api.ts';
import { ApiError } from '../web/admin/src/lib/http.ts';
import { invalidCalendarFailure } from '../src/modules/calendar/calendar.service.ts';
import { validateYears } from '../src/modules/calendar/calendar.validation.ts';
import type { YearInput } from '../src/modules/calendar/calendar.source.ts';

/** What the admin's http client throws for the server's 400 CALENDAR_INVALID on these years. */
function refusal(years: YearInput[]): ApiError {
  const failure = invalidCalendarFailure(validateYears(years));
  return new ApiError(failure.status, failure.code, failure.message, failure.details);
}

describe('calendarProblems', () => {
  it('gives a short summary and one line per problem, not the server sentence that repeats them', () => {
    const err = refusal([
      {
        year: 2027,
        sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知',
        days: [
          { date: '2027-02-30', kind: 'holiday', name: '春节' },
          { date: '2027-10-01', kind: 'holiday', name: '' },
          { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
        ],
      },
      { year: 2027, sourceNotice: '', days: [{ date: '2027-05-01', kind: 'holiday', name: '劳动节' }] },
    ]);
    const problems = calendarProblems(err)!;
    expect(problems.summary).toBe(`日历数据有 ${problems.lines.length} 处问题，没有做任何修改。请按下列各条改正后再试：`);
    expect(problems.summary).not.toContain('春节');
    expect(problems.lines).toEqual([
      '2027年：日期“2027-02-30”不存在或格式不正确（应为 YYYY-MM-DD）',
      '2027年 2027-10-01：请填写节日名称（如“春节”）',
      '2027年：日期 2027-10-01 重复录入',
      '2027年在导入内容中出现了多次',
      '2027年：请填写依据的通知（如“国务院办公厅关于2027年部分节假日安排的通知”及文号）',
    ]);
  });

  it('names no problems for any other error, or a refusal without its list', () => {
    expect(calendarProblems(new ApiError(403, 'FORBIDDEN', '没有权限'))).toBeNull();
    expect(calendarProblems(new ApiError(400, 'CALENDAR_INVALID', '节假日数据有误'))).toBeNull();
    expect(calendarProblems(new Error('网络错误'))).toBeNull();
  });
});
