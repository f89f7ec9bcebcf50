/**
 * The annual report (政府信息公开工作年度报告) and the 复议/诉讼 records: the part of the requests module
 * that the requests manifest registers (registerAnnualReportRoutes). Importing this file also
 * registers the report's deadlines as statutory catalog items (report.settings.ts).
 */
export { registerAnnualReportRoutes } from './report.routes.ts';
export { ANNUAL_REPORT_ITEM_KEY, annualReportItems, loadSettings as loadAnnualReportSettings, type AnnualReportSettings } from './report.settings.ts';
export { assembleReport, type AnnualReportView } from './report.service.ts';
export {
  buildTable2,
  buildTable3,
  buildTable4,
  checkTable2,
  checkTable3,
  checkTable4,
  type CaseFact,
  type RemedyFact,
  type ReportTable,
  type ReportCheck,
} from './report.tables.ts';
