/**
 * Reads: the staff list and detail (scoped to the actor's subtree; other cases answer 404), the public
 * tracking view (masked applicant), the deadline with its explanation, and the module's reminders.
 */
import './request.handling.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import type { ReminderItem } from '../../platform/module.ts';
import { checkSignoff, type Contribution } from '../../platform/workflow/signoff.ts';
import { contributionsOf } from '../../platform/workflow/contributions.repository.ts';
import { findUnit } from '../org/index.ts';
import { getCalendar } from '../calendar/index.ts';
import {
  APPLICANT_KINDS,
  CONSULTATION_KINDS,
  DECISION_TYPES,
  DELIVERY_METHODS,
  INFORMATION_FORMS,
  LETTER_KINDS,
  RECEIPT_CHANNELS,
  type LetterKind,
} from './request.types.ts';
import type { InfoRequestTable } from './request.tables.ts';
import type { InfoRequestLetterTable } from './request.handling.tables.ts';
import { letterNumber } from './letters/letter-settings.ts';
import { loadLetterSettings } from './letters/letter-settings.repository.ts';
import { computeCaseClock, loadCaseRecord, loadClockSettings } from './request.clock.ts';
import { eligibleAssignees } from './request.assignees.ts';
import { hashSecret, CONSULTATION_STANCES, type ApplicantInput, type DecisionDetails } from './request.commands.ts';
import {
  OPEN_STATUSES,
  REQUEST_ACTION_TEXT,
  REQUEST_STATUS_TEXT,
  TRANSITIONS,
  isRequestStatus,
  type RequestAction,
  type RequestStatus,
} from './request.workflow.ts';
import type { ClockResult } from './statutory-clock.types.ts';
import type { RequestStep } from './requests.schemas.ts';
import { findUserIdentity } from '../../platform/auth/auth.repository.ts';
import { findRequestByTrackingCode, findRequestWithUnit, lettersOf, listRequestRows, requestsInStatuses } from './requests.repository.ts';

const label = <T extends { code: string }>(list: readonly T[], code: string | null, key: keyof T = 'label' as keyof T): string | null =>
  code ? String(list.find((x) => x.code === code)?.[key] ?? code) : null;

/** Masks a name for public display: 张三 → 张*, 欧阳小明 → 欧***; organisations keep their name. */
export function maskName(name: string, natural: boolean): string {
  if (!natural) return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export interface ListQuery {
  status?: string;
  unit?: string;
  q?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** Letters in the order they were issued; letters issued by one step in the order of the 宿迁 set. */
function sortLetters<T extends { created_at: string; kind: string }>(rows: T[]): T[] {
  const rank = (k: string) => LETTER_KINDS.findIndex((l) => l.code === k);
  return [...rows].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : rank(a.kind) - rank(b.kind)));
}

export async function listRequests(ctx: AppContext, actor: Actor, query: ListQuery) {
  const roots = scopeRoots(actor);
  if (roots.length === 0) return { total: 0, items: [] };
  const today = chinaDate(ctx.clock.now());
  const { total, rows } = await listRequestRows(
    ctx.db,
    {
      roots,
      status: query.status,
      unit: query.unit,
      q: query.q,
      overdue: query.overdue ? { statuses: OPEN_STATUSES, before: today } : undefined,
    },
    { limit: query.limit, offset: query.offset },
  );
  const calendar = await getCalendar(ctx);
  const settings = await loadClockSettings(ctx.db);
  const items = [];
  for (const r of rows) {
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
    const clock = open ? computeCaseClock(await loadCaseRecord(ctx.db, r), calendar, settings, today) : null;
    items.push({
      id: r.id,
      regNo: r.reg_no,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      channel: r.channel,
      channelText: label(RECEIPT_CHANNELS, r.channel)!,
      applicantKindText: label(APPLICANT_KINDS, r.applicant_kind)!,
      applicantName: (JSON.parse(r.applicant_json) as ApplicantInput).name,
      infoDescription: r.info_description.length > 80 ? `${r.info_description.slice(0, 80)}…` : r.info_description,
      status: r.status,
      statusText: REQUEST_STATUS_TEXT[r.status as RequestStatus] ?? r.status,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      decidedOn: r.decided_on,
      decisionType: r.decision_type,
      clockState: clock?.state ?? 'answered',
      warnings: clock?.warnings ?? [],
      isDemo: r.is_demo === 1,
    });
  }
  return { total, items };
}

async function loadInScope(ctx: AppContext, actor: Actor, id: string): Promise<Result<InfoRequestTable & { unit_name: string; unit_path: string }>> {
  const row = await findRequestWithUnit(ctx.db, id);
  if (!row || !actor.grants.some((g) => row.unit_path.startsWith(g.unitPath))) return fail(404, 'REQUEST_NOT_FOUND', '没有找到该政府信息公开申请');
  return ok(row);
}

function clockView(c: ClockResult) {
  return {
    dueDate: c.dueDate,
    provisional: c.provisional,
    pausedWorkingDays: c.pausedWorkingDays,
    clarificationDueBy: c.clarificationDueBy,
    explanation: c.explanation,
    state: c.state,
    warnings: c.warnings,
  };
}

export async function requestClock(ctx: AppContext, db: Executor, row: InfoRequestTable): Promise<ClockResult> {
  return computeCaseClock(await loadCaseRecord(db, row), await getCalendar(ctx), await loadClockSettings(db), chinaDate(ctx.clock.now()));
}

/**
 * What the actor may do next (for the admin UI's buttons): transitions from the current status whose role the actor
 * holds, without the review steps when the actor drafted or submitted the decision (two-person sign-off).
 */
function nextActions(actor: Actor, status: string, unitPath: string, contributions: readonly Contribution[]): RequestAction[] {
  const mayReview = checkSignoff(actor.userId, contributions, '该答复意见').ok;
  return TRANSITIONS.filter(
    (t) =>
      t.from.includes(status as RequestStatus) &&
      actor.grants.some((g) => t.roles.includes(g.role) && unitPath.startsWith(g.unitPath)) &&
      (mayReview || !t.guards.includes('two_person')),
  ).map((t) => t.action);
}

/**
 * The 文号 as printed on each letter: the unit's pattern for the kind (letter settings) with the register's
 * year and serial, or the register's own number while no pattern is set — the same number the .docx/PDF
 * carries. Keyed by the register number, so consultation and fee rows that quote it show the same.
 */
async function printedLetterNumbers(db: Executor, unitCode: string, letters: InfoRequestLetterTable[]): Promise<Map<string, string>> {
  const settings = await loadLetterSettings(db, unitCode);
  return new Map(letters.map((l) => [l.letter_no, letterNumber(settings, l.kind as LetterKind, { year: l.year, serial: l.serial, letterNo: l.letter_no })]));
}

export async function getRequestDetail(ctx: AppContext, actor: Actor, id: string) {
  const found = await loadInScope(ctx, actor, id);
  if (!found.ok) return found;
  const row = found.value;
  const rec = await loadCaseRecord(ctx.db, row);
  const clock = computeCaseClock(rec, await getCalendar(ctx), await loadClockSettings(ctx.db), chinaDate(ctx.clock.now()));
  const letters = sortLetters(await lettersOf(ctx.db, id));
  const printed = await printedLetterNumbers(ctx.db, row.unit_code, letters);
  const no = (n: string | null) => (n ? (printed.get(n) ?? n) : n);
  const decision = row.decision_json ? (JSON.parse(row.decision_json) as DecisionDetails) : null;
  const dtype = DECISION_TYPES.find((d) => d.code === row.decision_type);
  const actions = nextActions(actor, row.status, row.unit_path, await contributionsOf(ctx.db, 'info_request', id, 1));
  return ok({
    id: row.id,
    regNo: row.reg_no,
    unit: { code: row.unit_code, name: row.unit_name },
    trackingCode: row.tracking_code,
    channel: row.channel,
    channelText: label(RECEIPT_CHANNELS, row.channel)!,
    submittedAt: row.submitted_at,
    receivedOn: row.received_on,
    filledByStaff: row.filled_by_staff === 1,
    needsAssistance: row.needs_assistance === 1,
    applicantKind: row.applicant_kind,
    applicantKindText: label(APPLICANT_KINDS, row.applicant_kind)!,
    applicant: JSON.parse(row.applicant_json) as ApplicantInput,
    identityProof: row.identity_proof_sha256 ? { type: row.identity_proof_type ?? '', url: `/api/v1/info-requests/${row.id}/identity-proof` } : null,
    infoDescription: row.info_description,
    infoDocNumber: row.info_doc_number,
    infoForm: row.info_form,
    infoFormText: label(INFORMATION_FORMS, row.info_form)!,
    deliveryMethod: row.delivery_method,
    deliveryMethodText: label(DELIVERY_METHODS, row.delivery_method)!,
    status: row.status,
    statusText: REQUEST_STATUS_TEXT[row.status as RequestStatus] ?? row.status,
    assignedTo: row.assigned_to,
    assignee: row.assigned_to
      ? {
          id: row.assigned_to,
          displayName: (await findUserIdentity(ctx.db, row.assigned_to))?.display_name ?? '',
        }
      : null,
    // Offered only to someone who may assign now (the assign action is open to them).
    assignees: actions.includes('assign') ? await eligibleAssignees(ctx.db, row.unit_path) : [],
    decision: dtype ? { type: dtype.code, label: dtype.label, row: dtype.row, decidedOn: row.decided_on, ...(decision ?? {}) } : null,
    dueOn: row.due_on,
    closedOn: row.closed_on,
    isDemo: row.is_demo === 1,
    clock: clockView(clock),
    steps: rec.steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      actionText: REQUEST_ACTION_TEXT[s.action as RequestAction] ?? (s.action === 'submit' ? '网上提交申请' : s.action === 'intake' ? '登记申请' : s.action),
      fromStatus: s.from_status,
      toStatus: s.to_status,
      on: s.on_date,
      actorName: s.actor_name,
      role: s.role,
      comment: s.comment,
      late: s.late === 1,
      at: s.at,
      data: JSON.parse(s.data_json) as RequestStep['data'],
    })),
    consultations: rec.consultations.map((c) => ({
      id: c.id,
      kind: c.kind,
      kindText: label(CONSULTATION_KINDS, c.kind)!,
      partyName: c.party_name,
      partyContact: c.party_contact,
      subject: c.subject,
      sentOn: c.sent_on,
      replyDueOn: c.reply_due_on,
      repliedOn: c.replied_on,
      stance: c.stance,
      stanceText: label(CONSULTATION_STANCES, c.stance),
      note: c.reply_note,
      letterNo: no(c.letter_no),
    })),
    fees: rec.fees.map((f) => ({
      id: f.id,
      mode: f.mode,
      quantity: f.quantity,
      amountYuan: f.amount_yuan,
      calculation: f.calculation,
      noticeOn: f.notice_on,
      payBy: f.pay_by,
      paidOn: f.paid_on,
      receiptNo: f.receipt_no,
      letterNo: no(f.letter_no),
    })),
    letters: letters.map((l) => ({
      id: l.id,
      kind: l.kind,
      title: label(LETTER_KINDS, l.kind, 'title')!,
      letterNo: printed.get(l.letter_no) ?? l.letter_no,
      issuedOn: l.issued_on,
      refId: l.ref_id,
    })),
    nextActions: actions,
  });
}

export async function getDeadline(ctx: AppContext, actor: Actor, id: string) {
  const found = await loadInScope(ctx, actor, id);
  if (!found.ok) return found;
  const c = await requestClock(ctx, ctx.db, found.value);
  return ok({
    dueDate: c.dueDate,
    provisional: c.provisional,
    pausedWorkingDays: c.pausedWorkingDays,
    explanation: c.explanation,
    clarificationDueBy: c.clarificationDueBy,
    state: c.state,
    warnings: c.warnings,
  });
}

/** Letters the applicant receives (not internal ones like the registration form or third-party letters). */
export const APPLICANT_LETTERS = new Set(['receipt', 'clarification', 'reasons-request', 'extension', 'fee-notice', 'reply', 'consult-notice-applicant']);

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The applicant's view: code + secret (constant-time compare); applicant data masked. Any mismatch is the same 404. */
export async function trackRequest(ctx: AppContext, code: string, secret: string) {
  const notFound = fail(404, 'TRACKING_NOT_FOUND', '查询码或查询密码不正确，请核对后重试');
  const row = await findRequestByTrackingCode(ctx.db, code.trim().toUpperCase());
  const expected = row?.tracking_secret_hash ?? hashSecret('no-such-case-0000');
  const matches = constantTimeEqual(hashSecret(secret.trim().toUpperCase()), expected);
  if (!row || !matches) return notFound;
  const rec = await loadCaseRecord(ctx.db, row);
  const clock = computeCaseClock(rec, await getCalendar(ctx), await loadClockSettings(ctx.db), chinaDate(ctx.clock.now()));
  const letters = sortLetters(await lettersOf(ctx.db, row.id));
  const printed = await printedLetterNumbers(ctx.db, row.unit_code, letters);
  const applicant = JSON.parse(row.applicant_json) as ApplicantInput;
  const status = isRequestStatus(row.status) ? row.status : 'accepted';
  const dtype = DECISION_TYPES.find((d) => d.code === row.decision_type);
  const decided = ['decided', 'delivered', 'archived'].includes(status);
  const publicSteps = rec.steps.filter((s) => !['assign', 'return', 'propose-decision', 'consultation-reply'].includes(s.action));
  return ok({
    regNo: row.reg_no,
    trackingCode: row.tracking_code,
    unitName: row.unit_name,
    applicantName: maskName(applicant.name, row.applicant_kind === 'natural'),
    applicantKindText: label(APPLICANT_KINDS, row.applicant_kind)!,
    channelText: label(RECEIPT_CHANNELS, row.channel)!,
    infoDescription: row.info_description,
    status,
    statusText: REQUEST_STATUS_TEXT[status],
    submittedOn: chinaDate(new Date(row.submitted_at)),
    receivedOn: row.received_on,
    dueDate: decided ? null : clock.dueDate,
    provisional: clock.provisional,
    explanation: clock.explanation,
    decision: decided && dtype ? { label: dtype.label, decidedOn: row.decided_on } : null,
    timeline: publicSteps.map((s) => ({
      on: s.on_date,
      text: REQUEST_ACTION_TEXT[s.action as RequestAction] ?? (s.action === 'submit' ? '网上提交申请' : '登记申请'),
    })),
    letters: letters
      .filter((l) => APPLICANT_LETTERS.has(l.kind) && (l.kind !== 'reply' || decided))
      .map((l) => ({ kind: l.kind, title: label(LETTER_KINDS, l.kind, 'title')!, letterNo: printed.get(l.letter_no) ?? l.letter_no, issuedOn: l.issued_on })),
  });
}

/** Reminders: 补正 limit and answer date due soon / overdue, for every open case (manifest.reminders). */
export async function requestReminders(ctx: AppContext, asOf: string): Promise<ReminderItem[]> {
  const rows = await requestsInStatuses(ctx.db, OPEN_STATUSES, { receivedOnly: true });
  if (!rows.length) return [];
  const calendar = await getCalendar(ctx);
  const settings = await loadClockSettings(ctx.db);
  const out: ReminderItem[] = [];
  for (const row of rows) {
    const c = computeCaseClock(await loadCaseRecord(ctx.db, row), calendar, settings, asOf);
    const link = `/admin/requests/${row.id}`;
    for (const w of c.warnings) {
      const isClar = w.code.startsWith('clarification');
      const isAnswer = w.code.startsWith('answer');
      if (!isClar && !isAnswer) continue;
      const dueDate = isClar ? c.clarificationDueBy : c.dueDate;
      if (!dueDate) continue;
      const overdue = w.code.endsWith('overdue');
      out.push({
        key: `info-request.${isClar ? 'clarification' : 'answer'}:${row.id}:${dueDate}:${overdue ? 'overdue' : 'due-soon'}`,
        unitCode: row.unit_code,
        kind: isClar ? 'info-request.clarification' : 'info-request.answer',
        title: `依申请公开 ${row.reg_no}：${isClar ? '补正告知期限' : '答复期限'}${overdue ? '已过' : '将届满'}（${dueDate}）`,
        dueDate,
        status: overdue ? 'overdue' : 'due-soon',
        overdueWorkingDays: overdue ? calendar.workingDaysBetween(dueDate, asOf).workingDays : 0,
        link,
      });
    }
  }
  return out;
}

export async function unitName(ctx: AppContext, code: string): Promise<string | null> {
  return (await findUnit(ctx.db, code))?.name ?? null;
}
