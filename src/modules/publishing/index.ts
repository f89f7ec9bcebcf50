/**
 * Publishing: disclosure records, their workflow (disclosure.workflow.ts), the personal-data gate,
 * display windows, corrections, withdrawals and content-hash verification; plus the pure building
 * blocks (PII scanner, finance statements, file sniffing) other parts import from here.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import type { JobDefinition } from '../../platform/jobs/index.ts';
import { publishDueScheduled } from './disclosure.commands.ts';
import { nextScheduledChange } from './disclosure-listing.repository.ts';
import { setNextChangeSource } from '../../platform/views/page-cache.ts';
import { registerDisclosureRoutes } from './disclosure.routes.ts';
import { registerDisclosurePages } from './disclosure.pages.tsx';

import { registerNoticeRoutes } from './notice/notice.routes.ts';
import { refreshPiiRules } from './pii-config.ts';
import { registerPiiRuleRoutes } from './pii-config.routes.ts';
import { seedPiiDemo } from './pii-demo.ts';
import { registerDataRoutes } from './data/data.routes.ts';
import { disclosureSearchDocuments } from './disclosure.search.ts';
import { publishingReminders } from './disclosure.reminders.ts';

export { syncDisclosureSearch, syncDisclosureSearchMany } from './disclosure.search.ts';
import { registerSyndication } from './feeds/index.ts';
import { runPiiRescanCli } from './pii-rescan.cli.ts';

/** URLs whose handlers scan for personal data or mask it. */
const PII_PATHS = /^\/(api\/v1\/disclosures|api\/v1\/publishing|disclosures)(\/|\?|$)/;

export const SCHEDULED_JOB = 'publishing.scheduled';

/**
 * Time-driven changes (reads never write): scheduled publications are recorded on every runner tick
 * (they are already visible by time; claimed per record under its lock). The end of a display window
 * needs no job: listings and search compute 往期 from the dates at read time.
 */
export const jobs: JobDefinition[] = [
  {
    name: SCHEDULED_JOB,
    schedule: { kind: 'interval', seconds: 30 },
    run: async (ctx) => publishDueScheduled(ctx),
  },
];

export const manifest: ModuleManifest = {
  name: 'publishing',
  // Files in the store (platform/files) that rows of this module reference: the daily sweep keeps them.
  storedFiles: [
    { table: 'disclosure_attachments', column: 'sha256' },
    { table: 'disclosure_evidence', column: 'sha256' },
  ],
  register(app, ctx) {
    // Requests that scan or mask see the county's current personal-data rules; other pages (portal,
    // static files) never use them, and the publishing job refreshes them itself (publishDueScheduled).
    app.addHook('onRequest', async (request) => {
      if (PII_PATHS.test(request.url)) await refreshPiiRules(ctx.db);
    });
    // Cached public pages must not outlive the next scheduled publication (the listing knows it).
    setNextChangeSource(ctx, nextScheduledChange);
    registerPiiRuleRoutes(app, ctx);
    registerDisclosureRoutes(app, ctx);
    registerDisclosurePages(app, ctx);
    registerNoticeRoutes(app, ctx);
    registerDataRoutes(app, ctx);
    registerSyndication(app, ctx);
  },
  searchDocuments: disclosureSearchDocuments,
  reminders: publishingReminders,
  seedDemo: seedPiiDemo,
  jobs,
  cli: [
    {
      name: 'pii',
      sub: 'rescan',
      usage: 'pii rescan [--json] [--fail-on-findings]  按现行规则复查已发布内容中未遮盖的个人信息（只列记录和数量）',
      run: runPiiRescanCli,
    },
  ],
};

export {
  unitDisclosureLists,
  listDisclosures,
  listPublic,
  getDisclosure,
  displayInfo,
  listItemOf,
  publicStatusOf,
  type ListItem,
  type ListQuery,
  type PublicDisclosure,
} from './disclosure.queries.ts';
export {
  publishDueScheduled,
  publishIfDue,
  settleDue,
  createDisclosure,
  updateDraft,
  submitDisclosure,
  reviewDisclosure,
  publishDisclosure,
  scanDisclosure,
  decidePii,
  withdrawDisclosure,
  setIndexPrefix,
  type DraftInput,
  type DisclosureRow,
} from './disclosure.commands.ts';
export {
  uploadFinanceStatement,
  uploadRecipientList,
  addAttachment,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type AttachmentType,
} from './data/data.commands.ts';
export { raiseIndexSerial } from './index-serials.ts';
export {
  findDisclosureRow,
  findDisclosureRows,
  publishedHeads,
  newestPublishedOfItem,
  type PublishedHead,
  evidenceRows,
  publishedRecords,
  publishedRecordRows,
  photoDatesOfUnits,
  recordsOfEvents,
  anyRecordTitled,
} from './disclosure-refs.repository.ts';
export { sanitizeBody } from './disclosure.content.ts';
export {
  archivedNewest,
  currentCounts,
  currentCountsAndNewest,
  currentNewest,
  currentNewestMany,
  type CurrentGroup,
  totalOf,
  rebuildListingCounts,
  listingQuery,
  nextScheduledChange,
  pageOf,
  readTime,
  subtreeRange,
  yearsWithRecords,
  monthCounts,
  chinaStart,
  OPEN_END,
  publicRecordsOfUnits,
  publishedItemKeysOf,
  publishedCountsByUnitItem,
  type PublicRecordFact,
  type ListingFilter,
  type ListingRow,
  type ReadTime,
} from './disclosure-listing.repository.ts';
export {
  dispatchDueDeliveries,
  signWebhook,
  RETRY_DELAYS_SECONDS,
  MAX_ATTEMPTS,
  WEBHOOK_EVENTS,
  type WebhookEventType,
  type WebhookPayload,
} from './feeds/index.ts';
export { UnitDisclosures } from './disclosure.pages.tsx';
export { PRINT_FONTS, openPrintDocument, qrPng, type PrintDocument } from './notice/notice-pdf.ts';
export { bodyToNotice } from './notice/notice.service.ts';
export { piiRules, refreshPiiRules } from './pii-config.ts';
export {
  DEFAULT_MASKS,
  DEFAULT_RULES,
  KIND_PRIORITY,
  PROVINCE_CODES,
  PiiRuleError,
  classifyResidentId,
  idCheckDigit,
  luhnValid,
  normaliseForScan,
  normaliseValue,
  validateRules,
  withRules,
  type BuiltinRule,
  type BuiltinRuleId,
  type CustomRule,
  type IdVerdict,
  type MaskSpec,
  type PiiKind,
  type PiiRule,
  type RuleProblem,
} from './pii/pii-patterns.ts';
export {
  applyMask,
  effectiveDecisions,
  fingerprintOf,
  hitsToMask,
  maskAll,
  maskText,
  scanTable,
  scanText,
  unresolvedHits,
  validateDecision,
  type MaskAllOptions,
  type PiiDecision,
  type PiiHit,
  type PiiTableHit,
  type ScanOptions,
} from './pii/pii-scan.ts';
export { MAX_DOCX_XML_CHARS, extractDocxText, extractPdfText, extractXlsxText, sniffFileType, type SniffedType, type XlsxCellText } from './pii/attachments.ts';
export {
  COLUMNS as FINANCE_COLUMNS,
  MAX_LINES as FINANCE_MAX_LINES,
  NO_SUBJECT,
  buildFinanceTemplate,
  formatYuan,
  parseAmount,
  parseDate,
  parseFinanceStatement,
  summarizeByMonth,
  summarizeBySubject,
  type FinanceLine,
  type FinanceProblem,
  type FinanceStatement,
  type MonthSummary,
  type ParseOptions as FinanceParseOptions,
  type ParseResult as FinanceParseResult,
  type SubjectSummary,
  type TemplateInput as FinanceTemplateInput,
} from './finance/finance-statement.ts';
export {
  DEFAULT_QR_CAPTION,
  NoticeInputError,
  chineseDate,
  displayPeriodText,
  fontDirectory,
  renderNoticeBatch,
  renderNoticePdf,
  statusBannerText,
  supervisionText,
  type NoticeColumn,
  type NoticeInput,
  type NoticeRenderOptions,
  type NoticeSize,
  type NoticeTable,
} from './notice/notice-pdf.ts';
// The county's current personal-data rules (the gate's input) for other modules' public outputs.
export { unitFinanceOverview, type FinanceOverview } from './data/finance-overview.ts';
export { storeFile, readStoredFile, sha256Of, storedPath } from './data/files.ts';
export { pendingCorrection } from './disclosure.repository.ts';
export { proposeCorrectionWithin, correctionViews, CORRECTION_STATUS_TEXT, type CorrectionInput, type CorrectionView } from './disclosure.corrections.ts';
export { reasonProblem } from './disclosure.commands.ts';
export { registerDisclosurePageExtension, type DisclosurePageExtension } from './disclosure.page-extensions.ts';
export { registerCorrectionFollower, type CorrectionFollower, type CorrectedText, type ApprovedCorrection } from './disclosure.correction-followers.ts';
// Reads for the archives module (filing queue, filing material, what a 公开栏 carries).
export {
  BOARD_CHANNEL,
  currentBoardDisclosures,
  filingMaterial,
  findBoardEvidence,
  listEndedDisplays,
  type BoardDisclosure,
  type EndedDisplay,
  type FilingMaterial,
} from './disclosure-filing.repository.ts';
