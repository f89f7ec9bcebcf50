/**
 * The participation (公众参与) API as the admin uses it: the shapes of the server's answers
 * (src/modules/participation/participation.schemas.ts; only the fields these screens read) and the role lists of
 * the server policy (participation.policy.ts).
 */
import type { Role } from '../../app/menu.ts';

/** Create consultations and surveys (government work: not a village clerk's). */
export const MODERATORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
/** Surveys and village decisions can also be kept by a village clerk. */
export const EDITORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];

export interface ConsultationSummary {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  startOn: string;
  endOn: string;
  status: string;
  statusText: string;
  published: boolean;
  isDemo: boolean;
  comments: { pending: number; published: number; rejected: number };
  feedbackDueOn: string | null;
  feedbackOverdue: boolean;
}

export interface StaffComment {
  id: string;
  clauseSeq: number | null;
  channel: string;
  channelText: string | null;
  receivedOn: string;
  peopleCount: number;
  body: string;
  author: { name?: string | null; contact?: string | null; source?: string } | null;
  status: string;
  moderationReason: string | null;
  publicBody: string | null;
  personalData: { kind: string; label: string; masked: string }[];
}

export interface ConsultationDetail extends ConsultationSummary {
  draftText: string;
  explanation: string;
  howToComment: string;
  urgencyReason: string | null;
  minimumEndOn: string;
  publishedAt: string | null;
  clauses: { seq: number; label: string; heading: string | null; paragraphs: string[] }[];
  commentList: StaffComment[];
  feedback: { clauseKey: string; adoption: string; adoptionText: string | null; reason: string }[];
  feedbackSummary: string | null;
  feedbackPublishedAt: string | null;
  decision: { title: string; text: string | null; on: string | null; policyDisclosureId: string | null } | null;
}

export interface SurveySummary {
  id: string;
  unitCode: string;
  unitName: string;
  kind: string;
  kindText: string;
  title: string;
  method: string;
  methodText: string;
  startOn: string;
  endOn: string;
  status: string;
  statusText: string;
  resultsPublished: boolean;
  isDemo: boolean;
  responses: number;
}

export interface DecisionSummary {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  matter: string;
  proposedOn: string;
  resolvedOn: string | null;
  implementedOn: string | null;
  isDemo: boolean;
}

export const STAFF_CHANNELS = [
  { value: 'symposium', label: '座谈会' },
  { value: 'field_visit', label: '实地走访' },
  { value: 'letter', label: '信函' },
  { value: 'meeting', label: '会议' },
  { value: 'phone', label: '电话' },
  { value: 'email', label: '电子邮件' },
];

export const ADOPTIONS = [
  { value: 'adopted', label: '采纳' },
  { value: 'partly', label: '部分采纳' },
  { value: 'not_adopted', label: '未采纳' },
];

export const STATUS_COLOR: Record<string, string> = { draft: 'default', announced: 'blue', open: 'green', closed: 'orange', answered: 'purple' };

export interface ItemRow {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  reason: string;
  methods: string[];
  methodsText: string;
  plannedOn: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  consultedOn: string | null;
  overdue: boolean;
  isDemo: boolean;
}

export interface ItemList {
  items: ItemRow[];
  lists: { unitCode: string; unitName: string; version: number | null; publishedAt: string | null; unpublishedChanges: boolean }[];
}

/** 第十四条 methods, as the server's vocabulary lists them (participation.rules.ts PARTICIPATION_METHODS). */
export const PARTICIPATION_METHODS = [
  { code: 'public_consultation', label: '向社会公开征求意见' },
  { code: 'symposium', label: '座谈会' },
  { code: 'hearing', label: '听证会' },
  { code: 'field_visit', label: '实地走访' },
  { code: 'written', label: '书面征求意见' },
  { code: 'questionnaire', label: '问卷调查' },
  { code: 'opinion_poll', label: '民意调查' },
];

/** 听证会、座谈会等活动 (participation.schemas.ts EventView / StaffEventDetail). */
export const EVENT_KINDS = [
  { value: 'hearing', label: '听证会' },
  { value: 'symposium', label: '座谈会' },
  { value: 'field_visit', label: '实地走访' },
  { value: 'open_day', label: '政府开放日' },
  { value: 'service_review', label: '评议政务服务' },
];

export interface EventRow {
  id: string;
  unitCode: string;
  unitName: string;
  kind: string;
  kindText: string;
  title: string;
  description: string;
  place: string;
  heldOn: string;
  heldTime: string;
  capacity: number | null;
  selectionMethod: string | null;
  registrationUntil: string | null;
  materialsSentOn: string | null;
  latestMaterialsOn: string | null;
  announced: boolean;
  phase: string;
  phaseText: string;
  registrationLastDay: string;
  participantsPublished: boolean;
  latestParticipantListOn: string | null;
  attendance: number | null;
  recordPublished: boolean;
  rescheduledFrom: string | null;
  rescheduleReason: string | null;
  isDemo: boolean;
}

export interface EventRegistration {
  id: string;
  name: string;
  contact: string;
  affiliation: string | null;
  note: string | null;
  sourceText: string;
  status: string;
  statusText: string;
  attended: boolean;
  trackingCode: string;
}

export interface EventDetail extends EventRow {
  registrations: EventRegistration[];
  recordText: string | null;
  hasSignedScan: boolean;
  feedback: string | null;
  recordPublishedAt: string | null;
}

export const PHASE_COLOR: Record<string, string> = {
  draft: 'default',
  registration: 'green',
  announced: 'blue',
  list_published: 'cyan',
  held: 'orange',
  recorded: 'gold',
  concluded: 'purple',
};
