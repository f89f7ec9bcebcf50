import { isValidDate, weekdayName, weekdayOf, yearOf } from './working-days.ts';
import type { YearInput } from './calendar.source.ts';
import type { CalendarIssue } from './calendar.schemas.ts';

/** Years an administrator may enter (the State Council publishes one notice per year). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_DAYS_PER_YEAR = 366;

/** One problem of the data (its schema is calendar.schemas.ts's, which the admin SPA reads too). */
export type { CalendarIssue };

/**
 * Checks one year's data; returns every problem (not only the first) so an administrator can fix
 * a whole file in one go. Pure.
 */
export function validateYear(input: YearInput): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const year = input.year;
  const push = (date: string | null, message: string) => issues.push({ year, date, message });
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) push(null, `年份应为${MIN_YEAR}–${MAX_YEAR}之间的整数`);
  if (typeof input.sourceNotice !== 'string' || !input.sourceNotice.trim()) {
    push(null, '请填写依据的通知（如“国务院办公厅关于2027年部分节假日安排的通知”及文号）');
  } else if (input.sourceNotice.trim().length > 200) {
    push(null, '依据的通知名称过长（最多200字）');
  }
  if (!Array.isArray(input.days) || input.days.length === 0) {
    push(null, '请至少录入一天（放假日或调休上班日）');
    return issues;
  }
  if (input.days.length > MAX_DAYS_PER_YEAR) push(null, `一年最多录入${MAX_DAYS_PER_YEAR}天`);
  const seen = new Map<string, string>();
  for (const day of input.days) {
    const date = typeof day?.date === 'string' ? day.date : String(day?.date ?? '');
    if (!isValidDate(date)) {
      push(date || null, `日期“${date}”不存在或格式不正确（应为 YYYY-MM-DD）`);
      continue;
    }
    if (yearOf(date) !== year) push(date, `日期 ${date} 不属于${year}年`);
    if (day.kind !== 'holiday' && day.kind !== 'adjusted_workday') {
      push(date, `类型“${String(day.kind)}”无效，应为 holiday（放假）或 adjusted_workday（调休上班）`);
      continue;
    }
    if (typeof day.name !== 'string' || !day.name.trim()) push(date, '请填写节日名称（如“春节”）');
    else if (day.name.trim().length > 50) push(date, '节日名称过长（最多50字）');
    const previous = seen.get(date);
    if (previous !== undefined) {
      if (previous !== day.kind) push(date, `${date} 不能既是放假日又是调休上班日`);
      else push(date, `日期 ${date} 重复录入`);
      continue;
    }
    seen.set(date, day.kind);
    if (day.kind === 'adjusted_workday') {
      const wd = weekdayOf(date);
      if (wd !== 0 && wd !== 6) push(date, `调休上班日应为周六或周日，${date} 是${weekdayName(date)}`);
    }
  }
  return issues;
}

/** Validates several years at once, plus duplicates between them. */
export function validateYears(inputs: YearInput[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (inputs.length === 0) issues.push({ year: null, date: null, message: '导入内容中没有任何年份' });
  const seen = new Set<number>();
  for (const y of inputs) {
    if (seen.has(y.year)) issues.push({ year: y.year, date: null, message: `${y.year}年在导入内容中出现了多次` });
    seen.add(y.year);
    issues.push(...validateYear(y));
  }
  return issues;
}

/** One line per issue, for CLI output and the error message. */
export function describeIssue(i: CalendarIssue): string {
  const where = [i.year !== null && Number.isFinite(i.year) ? `${i.year}年` : null, i.date].filter(Boolean).join(' ');
  return where ? `${where}：${i.message}` : i.message;
}

/**
 * Turns a parsed JSON document (file import) into YearInputs, reporting structural problems in
 * Chinese. The HTTP API gets the same checks from its schema; this is for the CLI.
 */
export function parseImportDocument(raw: unknown): { ok: true; years: YearInput[] } | { ok: false; issues: CalendarIssue[] } {
  const bad = (message: string) => ({ ok: false as const, issues: [{ year: null, date: null, message }] });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('文件内容应为一个 JSON 对象：{"years": [...]}');
  const years = (raw as { years?: unknown }).years;
  if (!Array.isArray(years)) return bad('缺少 "years" 数组');
  const issues: CalendarIssue[] = [];
  const out: YearInput[] = [];
  years.forEach((y, i) => {
    if (!y || typeof y !== 'object') {
      issues.push({ year: null, date: null, message: `years 第${i + 1}项应为对象` });
      return;
    }
    const o = y as Record<string, unknown>;
    const year = typeof o.year === 'number' ? o.year : Number.NaN;
    if (!Number.isInteger(year)) issues.push({ year: null, date: null, message: `years 第${i + 1}项缺少整数 "year"` });
    if (!Array.isArray(o.days)) issues.push({ year: Number.isInteger(year) ? year : null, date: null, message: `years 第${i + 1}项缺少 "days" 数组` });
    if (!Number.isInteger(year) || !Array.isArray(o.days)) return;
    const days = (o.days as unknown[]).map((d) => {
      const r = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
      return {
        date: typeof r.date === 'string' ? r.date : '',
        kind: r.kind as YearInput['days'][number]['kind'],
        name: typeof r.name === 'string' ? r.name : '',
      };
    });
    out.push({ year, sourceNotice: typeof o.sourceNotice === 'string' ? o.sourceNotice : '', days });
  });
  return issues.length ? { ok: false, issues } : { ok: true, years: out };
}
