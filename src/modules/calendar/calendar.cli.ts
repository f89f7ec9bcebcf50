import fs from 'node:fs';
import type { CliHelpers } from '../../platform/cli.ts';
import { replaceYears } from './calendar.service.ts';
import { describeIssue, parseImportDocument, validateYears, type CalendarIssue } from './calendar.validation.ts';

function printIssues(issues: CalendarIssue[]): void {
  console.error(`节假日数据有误，未做任何修改（共${issues.length}处）：`);
  for (const i of issues) console.error(`  - ${describeIssue(i)}`);
}

/**
 * `gongkai calendar import FILE [--data-dir DIR]`: the same JSON format as
 * POST /api/v1/calendar/import (docs/calendar-import.md). Everything is validated before the
 * database is opened; any problem → non-zero exit and nothing written.
 */
export async function runCalendarImport(argv: string[], helpers: CliHelpers): Promise<number> {
  const { values, positionals } = helpers.parse(argv, { 'data-dir': { type: 'string' } });
  if (positionals.length !== 1) throw new helpers.UsageError('calendar import needs exactly one FILE (JSON, see docs/calendar-import.md)');
  const file = positionals[0];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`错误：无法读取文件 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    console.error(`错误：文件 ${file} 不是有效的 JSON（${(e as Error).message}）`);
    return 1;
  }
  const parsed = parseImportDocument(raw);
  if (!parsed.ok) {
    printIssues(parsed.issues);
    return 1;
  }
  const issues = validateYears(parsed.years);
  if (issues.length) {
    printIssues(issues);
    return 1;
  }
  return helpers.withRuntime(values, async (rt) => {
    const r = await replaceYears(rt.ctx, { actor: null }, parsed.years);
    if (!r.ok) {
      const details = (r.details as { issues?: CalendarIssue[] } | undefined)?.issues;
      if (details) printIssues(details);
      else console.error(`错误：${r.message} (${r.code})`);
      return 1;
    }
    for (const y of r.value.years) console.log(`已导入 ${y.year}年：放假 ${y.holidayCount} 天，调休上班 ${y.adjustedWorkdayCount} 天`);
    console.log(`重新计算期限 ${r.value.recomputedDeadlines} 个（到期日变化 ${r.value.changedDeadlines} 个）`);
    return 0;
  });
}
