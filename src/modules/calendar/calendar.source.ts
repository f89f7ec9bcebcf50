import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { CalendarDayKind } from './working-days.ts';

/** One year's data as entered by an administrator, imported from a file or seeded. */
export interface YearInput {
  year: number;
  sourceNotice: string;
  days: { date: string; kind: CalendarDayKind; name: string }[];
}

/** The package version the baseline comes from (pinned in package.json; its data covers 2004–2026). */
export const CHINESE_DAYS_VERSION = '1.5.7';
export const BASELINE_FIRST_YEAR = 2004;
export const BASELINE_LAST_YEAR = 2026;

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * Reads `chinese-days/dist/chinese-days.json` (values look like `Spring Festival,春节,4`: English
 * name, Chinese name, length of the block). `workdays` there are the 调休 make-up working days.
 * Returns one YearInput per year the package covers, sorted by year.
 */
export function loadChineseDaysBaseline(): YearInput[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('chinese-days/dist/chinese-days.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ChineseDaysJson;
  const byYear = new Map<number, YearInput>();
  const add = (date: string, value: string, kind: CalendarDayKind) => {
    const year = Number(date.slice(0, 4));
    if (year < BASELINE_FIRST_YEAR || year > BASELINE_LAST_YEAR) return;
    let y = byYear.get(year);
    if (!y) {
      y = { year, sourceNotice: `国务院办公厅关于${year}年部分节假日安排的通知（chinese-days ${CHINESE_DAYS_VERSION} 数据）`, days: [] };
      byYear.set(year, y);
    }
    const name = value.split(',')[1]?.trim() || value;
    y.days.push({ date, kind, name });
  };
  for (const [date, value] of Object.entries(data.holidays)) add(date, value, 'holiday');
  for (const [date, value] of Object.entries(data.workdays)) add(date, value, 'adjusted_workday');
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  for (const y of years) y.days.sort((a, b) => a.date.localeCompare(b.date));
  return years;
}
