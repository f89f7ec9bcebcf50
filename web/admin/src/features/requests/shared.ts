/** Types and vocabulary for the 依申请公开 pages (loaded once from /api/v1/info-requests/vocabulary). */
import { get } from '../../lib/http.ts';

export interface CodeLabel {
  code: string;
  label: string;
}
export interface Vocabulary {
  applicantKinds: (CodeLabel & { group: string | null })[];
  channels: (CodeLabel & { receiptRule: string; article: string })[];
  deliveryMethods: CodeLabel[];
  informationForms: CodeLabel[];
  decisionTypes: (CodeLabel & { row: string; legalBasis: string | null; requires: string[] })[];
  consultationKinds: (CodeLabel & { article: string; answerWorkingDays: number | null })[];
  consultationStances: CodeLabel[];
  clarificationReasons: CodeLabel[];
  statuses: CodeLabel[];
}

let cached: Promise<Vocabulary> | null = null;
export function loadVocabulary(): Promise<Vocabulary> {
  cached ??= get<Vocabulary>('/api/v1/info-requests/vocabulary').catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

export interface ClockWarning {
  code: string;
  message: string;
}

export interface RequestListItem {
  id: string;
  regNo: string;
  unitName: string;
  channelText: string;
  applicantKindText: string;
  applicantName: string;
  infoDescription: string;
  status: string;
  statusText: string;
  receivedOn: string | null;
  dueOn: string | null;
  decidedOn: string | null;
  clockState: string;
  warnings: ClockWarning[];
  isDemo: boolean;
}

export interface RequestDetail {
  id: string;
  regNo: string;
  unit: { code: string; name: string };
  trackingCode: string;
  channel: string;
  channelText: string;
  submittedAt: string;
  receivedOn: string | null;
  filledByStaff: boolean;
  needsAssistance: boolean;
  applicantKindText: string;
  applicant: {
    name: string;
    idType: string;
    idNumber: string;
    phone: string;
    email: string | null;
    address: string | null;
    postcode: string | null;
    legalRepresentative: string | null;
  };
  identityProof: { type: string; url: string } | null;
  infoDescription: string;
  infoDocNumber: string | null;
  infoFormText: string;
  deliveryMethod: string;
  deliveryMethodText: string;
  status: string;
  statusText: string;
  assignee: { id: string; displayName: string } | null;
  /** Staff who may be named 承办人 (only when the caller may assign now). */
  assignees: { id: string; displayName: string }[];
  decision: {
    type: string;
    label: string;
    decidedOn: string | null;
    legalBasis?: string;
    reasons?: string | null;
    provision?: string | null;
    withheld?: string | null;
    responsibleAgency?: { name: string; contact: string } | null;
  } | null;
  dueOn: string | null;
  clock: {
    dueDate: string | null;
    provisional: boolean;
    pausedWorkingDays: number;
    clarificationDueBy: string | null;
    explanation: string[];
    state: string;
    warnings: ClockWarning[];
  };
  steps: { seq: number; action: string; actionText: string; on: string; actorName: string | null; comment: string | null; late: boolean; at: string }[];
  consultations: {
    id: string;
    kindText: string;
    partyName: string;
    partyContact: string;
    sentOn: string;
    replyDueOn: string | null;
    repliedOn: string | null;
    stanceText: string | null;
    note: string | null;
    letterNo: string | null;
  }[];
  fees: { id: string; amountYuan: number; calculation: string; noticeOn: string; payBy: string; paidOn: string | null; receiptNo: string | null }[];
  letters: { id: string; kind: string; title: string; letterNo: string; issuedOn: string }[];
  nextActions: string[];
}

export const CLOCK_STATE_TEXT: Record<string, string> = {
  'awaiting-receipt': '待确认收到',
  running: '计时中',
  paused: '暂停计时（征求意见）',
  'awaiting-correction': '等待补正',
  'correction-overdue': '补正已逾期',
  'fee-overdue': '缴费已逾期',
  answered: '已答复',
};
