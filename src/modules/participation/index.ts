/**
 * Participation (公众参与, plan 三(五)1, 三(三)5, 三(四)3): the 公众参与事项目录, consultations on drafts with comments
 * anchored to clauses and the feedback report, hearings and meetings, surveys (one-time codes, open answering with a
 * per-device limit, anonymous results) with the county's satisfaction template feeding the assessment, and village
 * decisions (村民会议/村民代表会议) with their two linked disclosures. See README.md.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { registerConsultationRoutes } from './consultation.routes.ts';
import { registerSurveyRoutes } from './survey.routes.ts';
import { registerDecisionRoutes } from './decision.routes.ts';
import { registerItemRoutes } from './item.routes.ts';
import { registerEventRoutes } from './event.routes.ts';
import { registerParticipationPages } from './participation.pages.tsx';
import { satisfactionJob } from './survey.commands.ts';
import { seedParticipationDemo } from './participation.demo.ts';
import { satisfactionProvider } from './participation.provided.ts';
import { participationComplianceProvider } from './participation.compliance.ts';
import { participationReminders } from './participation.reminders.ts';

export const manifest: ModuleManifest = {
  name: 'participation',
  // Files in the store (platform/files) that rows of this module reference: the signed hearing record scans.
  storedFiles: [{ table: 'participation_events', column: 'record_scan_sha256' }],
  register(app, ctx) {
    registerConsultationRoutes(app, ctx);
    registerSurveyRoutes(app, ctx);
    registerDecisionRoutes(app, ctx);
    registerItemRoutes(app, ctx);
    registerEventRoutes(app, ctx);
    registerParticipationPages(app, ctx);
  },
  seedDemo: seedParticipationDemo,
  jobs: [satisfactionJob],
  // Feedback reports (采纳情况) coming due, for the notifications module's to-do list, notifications and digests.
  reminders: participationReminders,
  // 群众满意度 for the assessment; overdue catalogue items and feedback reports for 公开督查 — read through
  // registeredModules() (platform/provided-figures.ts).
  provides: { assessment: satisfactionProvider, compliance: participationComplianceProvider },
};

export { PARTICIPATION_RULES, consultationStatus, parseClauses, checkMeeting, periodEnd, minimumEndOn, feedbackDueOn } from './participation.rules.ts';
export { satisfactionByUnit, type SatisfactionFigure } from './survey.queries.ts';
export { participationRef, publishedConsultationRefs, type ParticipationRef } from './participation.refs.ts';
// The published 公众参与事项目录 (through the personal-data gate) and its table, for the units' 公开指南 (portal).
export { publicItemLists, type PublicItemList } from './item.queries.ts';
export { ItemListTable } from './participation.pages.tsx';
