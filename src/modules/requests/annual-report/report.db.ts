/** Table types of the annual report (declaration merging on the shared Database interface). */
import type {} from '../request.tables.ts';

declare module '../../../platform/db/schema.ts' {
  interface Database {
    annual_reports: AnnualReportTable;
  }
}

/** One unit's annual report for one year (migration 20261129_0520). */
export interface AnnualReportTable {
  id: string;
  unit_code: string;
  year: number;
  /** 'draft' | 'published' */
  status: string;
  /** ReportSections JSON */
  sections_json: string;
  /** Table2Entries JSON */
  table2_json: string;
  /** 信息处理费 collected, in 分; null = not entered. */
  fees_fen: number | null;
  fees_source: string | null;
  disclosure_id: string | null;
  published_at: string | null;
  published_by: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}
