/**
 * The monthly income and expense of a version's finance statements, as stored on its listing row
 * (`finance_months_json`): the village finance overview sums these instead of reading statements.
 * Pure; shared by syncListing, migration 20261206_0700 (backfill) and the bench generator.
 */
import { summarizeByMonth, type MonthSummary } from './finance/finance-statement.ts';
import type { DisclosureData } from './data/structured.ts';

export function financeMonths(tables: readonly DisclosureData[]): MonthSummary[] {
  return tables.flatMap((t) => (t.kind === 'finance' ? summarizeByMonth(t.statement) : []));
}

/** From the public tables JSON of a version; null when it has no finance statement. */
export function financeMonthsJson(publicTablesJson: string | null | undefined): string | null {
  if (!publicTablesJson) return null;
  const months = financeMonths(JSON.parse(publicTablesJson) as DisclosureData[]);
  return months.length ? JSON.stringify(months) : null;
}
