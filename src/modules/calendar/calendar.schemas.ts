/**
 * TypeBox schemas of the calendar API's answers, shared by the routes (serialization, the OpenAPI document) and the
 * admin SPA (type-only). Pure: imports nothing but TypeBox.
 */
import { Type, type Static } from 'typebox';

export const ReasonSchema = Type.Optional(Type.String({ description: '结果为推算值（该年份节假日安排尚未录入）时的中文说明' }));
export const DayKindSchema = Type.String({ enum: ['holiday', 'adjusted_workday'], description: 'holiday 放假；adjusted_workday 调休上班' });
const YearStatus = Type.String({ enum: ['official', 'missing'] });

/** GET /api/v1/calendar/add-working-days */
export const AddWorkingDaysSchema = Type.Object({
  from: Type.String(),
  days: Type.Integer(),
  date: Type.String(),
  provisional: Type.Boolean(),
  reason: ReasonSchema,
});

/** GET /api/v1/calendar/working-days-between */
export const WorkingDaysBetweenSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  workingDays: Type.Integer(),
  provisional: Type.Boolean(),
  reason: ReasonSchema,
});

/** GET /api/v1/calendar/years: every year from the baseline to next year, entered or not. */
export const YearListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      status: YearStatus,
      sourceNotice: Type.Union([Type.String(), Type.Null()]),
      updatedAt: Type.Union([Type.String(), Type.Null()]),
      updatedBy: Type.Union([Type.String(), Type.Null()]),
      holidayCount: Type.Integer(),
      adjustedWorkdayCount: Type.Integer(),
    }),
  ),
  missingYears: Type.Array(Type.Integer()),
});

/** GET /api/v1/calendar/years/{year} */
export const YearDetailSchema = Type.Object({
  year: Type.Integer(),
  status: YearStatus,
  sourceNotice: Type.Union([Type.String(), Type.Null()]),
  days: Type.Array(Type.Object({ date: Type.String(), kind: DayKindSchema, name: Type.String() })),
});

/** PUT /api/v1/calendar/years/{year} and POST /api/v1/calendar/import */
export const ReplaceResultSchema = Type.Object({
  years: Type.Array(Type.Object({ year: Type.Integer(), holidayCount: Type.Integer(), adjustedWorkdayCount: Type.Integer() })),
  recomputedDeadlines: Type.Integer({ description: '因本次修改重新计算的期限数' }),
  changedDeadlines: Type.Integer({ description: '其中到期日或推算状态发生变化的已存期限数' }),
});

export type AddWorkingDays = Static<typeof AddWorkingDaysSchema>;
export type YearList = Static<typeof YearListSchema>;
export type CalendarYear = YearList['items'][number];
export type YearDetail = Static<typeof YearDetailSchema>;
export type CalendarDay = YearDetail['days'][number];
export type ReplaceResult = Static<typeof ReplaceResultSchema>;

/** One problem of refused calendar data (400 CALENDAR_INVALID answers `error.details.issues`, a list of them). */
export const CalendarIssueSchema = Type.Object({
  year: Type.Union([Type.Null(), Type.Integer()]),
  date: Type.Union([Type.Null(), Type.String()]),
  message: Type.String(),
});
export const CalendarInvalidDetailsSchema = Type.Object({ issues: Type.Array(CalendarIssueSchema) });
export type CalendarIssue = Static<typeof CalendarIssueSchema>;
export type CalendarInvalidDetails = Static<typeof CalendarInvalidDetailsSchema>;
