import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { requireActor, requireRole } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { MAX_WORKING_DAYS, isValidDate } from './working-days.ts';
import { getCalendar, replaceYears } from './calendar.service.ts';
import { findYear, listYearDays, listYearSummaries } from './calendar.repository.ts';
import { BASELINE_FIRST_YEAR } from './calendar.source.ts';
import { MAX_DAYS_PER_YEAR } from './calendar.validation.ts';
import { CALENDAR_EDITORS } from './calendar.roles.ts';
import {
  AddWorkingDaysSchema,
  DayKindSchema,
  ReasonSchema,
  ReplaceResultSchema,
  WorkingDaysBetweenSchema,
  YearDetailSchema,
  YearListSchema,
} from './calendar.schemas.ts';

const KINDS = ['workday', 'weekend', 'holiday', 'adjusted_workday'];
/** Supported range for the public arithmetic (keeps results 4-digit years even with n = 3650). */
const MIN_DATE = '1900-01-01';
const MAX_DATE = '2199-12-31';

const DayInput = Type.Object(
  {
    date: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    kind: DayKindSchema,
    name: Type.String({ maxLength: 50, description: '节日名称，如 春节' }),
  },
  { additionalProperties: false },
);
const YearBody = {
  sourceNotice: Type.String({ maxLength: 200, description: '依据的国务院办公厅通知名称及文号' }),
  days: Type.Array(DayInput, { maxItems: MAX_DAYS_PER_YEAR }),
};

/** One clear message for every date parameter: shape and existence (2026-02-30 does not exist). */
function checkDate(value: string, label: string): void {
  if (!isValidDate(value)) unwrap(fail(400, 'INVALID_DATE', `${label}“${value}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`));
  if (value < MIN_DATE || value > MAX_DATE) unwrap(fail(400, 'DATE_OUT_OF_RANGE', `${label}超出支持范围（${MIN_DATE} 至 ${MAX_DATE}）`));
}

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/calendar/days/:date',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: '查询某日是否为工作日（公开）',
        params: Type.Object({ date: Type.String({ maxLength: 20 }) }),
        response: {
          200: Type.Object({
            date: Type.String(),
            workday: Type.Boolean(),
            kind: Type.String({ enum: KINDS }),
            name: Type.Union([Type.String(), Type.Null()]),
            provisional: Type.Boolean(),
            reason: ReasonSchema,
          }),
          ...errors(400),
        },
      },
    },
    async (request) => {
      checkDate(request.params.date, '日期');
      return (await getCalendar(ctx)).dayInfo(request.params.date);
    },
  );

  r.get(
    '/api/v1/calendar/add-working-days',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: '计算某日之后第 N 个工作日（起算日不计入，《民法典》第201条；公开）',
        querystring: Type.Object({ from: Type.String({ maxLength: 20 }), days: Type.Integer() }),
        response: {
          200: AddWorkingDaysSchema,
          ...errors(400),
        },
      },
    },
    async (request) => {
      const { from, days } = request.query;
      checkDate(from, '起算日期');
      if (days < 0 || days > MAX_WORKING_DAYS) unwrap(fail(400, 'INVALID_DAYS', `工作日天数应为0至${MAX_WORKING_DAYS}之间的整数`));
      const res = (await getCalendar(ctx)).addWorkingDays(from, days);
      return { from, days, date: res.date, provisional: res.provisional, ...(res.reason ? { reason: res.reason } : {}) };
    },
  );

  r.get(
    '/api/v1/calendar/working-days-between',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: '统计 from 之后至 to（含）的工作日数（公开）',
        querystring: Type.Object({ from: Type.String({ maxLength: 20 }), to: Type.String({ maxLength: 20 }) }),
        response: {
          200: WorkingDaysBetweenSchema,
          ...errors(400),
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      checkDate(from, '开始日期');
      checkDate(to, '结束日期');
      if (to < from) unwrap(fail(400, 'INVALID_RANGE', `结束日期 ${to} 早于开始日期 ${from}`));
      // About 14 years at most: the same bound as add-working-days.
      if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 15) unwrap(fail(400, 'RANGE_TOO_LONG', '日期跨度过大（最多15年）'));
      const res = (await getCalendar(ctx)).workingDaysBetween(from, to);
      return { from, to, workingDays: res.workingDays, provisional: res.provisional, ...(res.reason ? { reason: res.reason } : {}) };
    },
  );

  r.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '各年份节假日数据录入情况（需登录）',
        response: {
          200: YearListSchema,
          ...errors(401),
        },
      },
    },
    async (request) => {
      requireActor(request);
      const lastYear = Number(chinaDate(ctx.clock.now()).slice(0, 4)) + 1;
      const stored = new Map((await listYearSummaries(ctx.db)).map((s) => [s.year, s]));
      const years = new Set<number>(stored.keys());
      for (let y = BASELINE_FIRST_YEAR; y <= lastYear; y++) years.add(y);
      const items = [...years]
        .sort((a, b) => a - b)
        .map((year) => {
          const s = stored.get(year);
          return s
            ? { ...s, status: 'official' }
            : { year, status: 'missing', sourceNotice: null, updatedAt: null, updatedBy: null, holidayCount: 0, adjustedWorkdayCount: 0 };
        });
      return { items, missingYears: items.filter((i) => i.status === 'missing').map((i) => i.year) };
    },
  );

  r.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年的放假日和调休上班日（需登录）',
        params: Type.Object({ year: Type.Integer() }),
        response: {
          200: YearDetailSchema,
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      requireActor(request);
      const { year } = request.params;
      const header = await findYear(ctx.db, year);
      const days = header ? await listYearDays(ctx.db, year) : [];
      return { year, status: header ? 'official' : 'missing', sourceNotice: header?.source_notice ?? null, days };
    },
  );

  r.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '录入或替换某年的节假日安排（县级管理员）',
        params: Type.Object({ year: Type.Integer() }),
        body: Type.Object(YearBody, { additionalProperties: false }),
        response: { 200: ReplaceResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, CALENDAR_EDITORS);
      const input = { year: request.params.year, sourceNotice: request.body.sourceNotice, days: request.body.days as never };
      return unwrap(await replaceYears(ctx, { actor, requestId: request.id }, [input]));
    },
  );

  r.post(
    '/api/v1/calendar/import',
    {
      schema: {
        tags: ['calendar'],
        summary: '批量导入多年节假日安排（县级管理员；全部校验通过才写入）',
        body: Type.Object(
          { years: Type.Array(Type.Object({ year: Type.Integer(), ...YearBody }, { additionalProperties: false }), { maxItems: 120 }) },
          { additionalProperties: false },
        ),
        response: { 200: ReplaceResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, CALENDAR_EDITORS);
      return unwrap(await replaceYears(ctx, { actor, requestId: request.id }, request.body.years as never));
    },
  );
}
