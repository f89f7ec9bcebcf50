/**
 * Requests (依申请公开, 条例第29–45条): intake (online and staff), registration numbers, the handling
 * workflow (request.workflow.ts), the statutory clock adapter (request.clock.ts), fees, the public
 * application / tracking / flowchart pages, and reminders. Shared vocabulary: request.types.ts.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { registerDeadlineRecomputer } from '../calendar/index.ts';
import { registerRequestRoutes } from './request.routes.ts';
import { registerRequestPages } from './request.pages.tsx';
import { requestDeadlineRecomputer } from './request.clock.ts';
import { requestReminders } from './request.queries.ts';
import { seedRequestDemo } from './request.demo.ts';
import { ensureHumanCheckKey } from './request.human-check.ts';
import { registerAnnualReportRoutes } from './annual-report/index.ts';

/** 依申请公开文书 (letters/): registered as a manifest of its own beside this one. */
export { manifest as lettersManifest } from './letters/index.ts';
/** The letters' renderer for documents other modules compose (one 公文 layout for every printed record). */
export { renderDocument, letterDate, LETTER_CONTENT_TYPES, type PrintedDocument } from './letters/index.ts';

export const manifest: ModuleManifest = {
  name: 'requests',
  // Files in the store (platform/files) that rows of this module reference: the daily sweep keeps them.
  storedFiles: [{ table: 'info_requests', column: 'identity_proof_sha256' }],
  register(app, ctx) {
    registerDeadlineRecomputer(requestDeadlineRecomputer);
    registerRequestRoutes(app, ctx);
    registerRequestPages(app, ctx);
    registerAnnualReportRoutes(app, ctx);
  },
  reminders: requestReminders,
  seedDemo: seedRequestDemo,
  // The human check's signing key exists before the first application form is served.
  seedBaseline: (ctx) => ensureHumanCheckKey(ctx.db, ctx.clock.now()),
};

export * from './request.types.ts';
export type { InfoRequestTable, InfoRequestRemedyTable } from './request.tables.ts';
export type { InfoRequestStepTable, InfoRequestConsultationTable, InfoRequestFeeTable, InfoRequestLetterTable } from './request.handling.tables.ts';
export { REQUEST_STATUSES, REQUEST_STATUS_TEXT, TRANSITIONS, OPEN_STATUSES, flowchart, type RequestStatus } from './request.workflow.ts';
export { LETTER_SERIES, validateDecisionInput, type ApplicantInput, type DecisionDetails } from './request.commands.ts';
export { getRequestDetail, trackRequest, requestClock, APPLICANT_LETTERS, maskName } from './request.queries.ts';
export { loadCaseRecord, clockEventsOf, computeCaseClock, loadClockSettings, DEFAULT_CLOCK_SETTINGS } from './request.clock.ts';
export { quoteFee, perItemYuan, perVolumeYuan } from './request.fees.ts';
export { requestTimeliness, classifyAnswer, type RequestTimeliness } from './request.timeliness.ts';
// The anonymous-form machinery other public forms reuse (interaction: questions, suggestions, complaints; participation: comments, surveys).
export { issueHumanCheck, verifyHumanCheck, type HumanCheck } from './request.human-check.ts';
export { randomCode, hashSecret } from './request.commands.ts';
