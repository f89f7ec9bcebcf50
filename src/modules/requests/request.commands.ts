/**
 * 依申请公开 use cases. Every write goes through runCommand (one transaction + its audit event);
 * expected failures are fail(status, code, 中文) values, so a 4xx leaves nothing written. Every
 * handling step carries the date it happened (paper cases are entered as they happened): a date
 * before receipt or in the future is refused. After each step the statutory clock recomputes `due_on`
 * (request.clock.ts is the one place the clock is called).
 */
import './request.handling.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import { lockForUpdate, type Trx } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { findUnit, type OrgUnitRow } from '../org/index.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import {
  APPLICANT_KINDS,
  CONSULTATION_KINDS,
  DECISION_TYPES,
  DELIVERY_METHODS,
  INFORMATION_FORMS,
  RECEIPT_CHANNELS,
  type DecisionType,
  type LetterKind,
} from './request.types.ts';
import type { InfoRequestTable } from './request.tables.ts';
import { loadCaseRecord, loadClockSettings, refreshDueOn, computeCaseClock } from './request.clock.ts';
import { quoteFee, type FeeMode } from './request.fees.ts';
import { REQUEST_ACTION_TEXT, resolveRequestTransition, type RequestAction, type RequestStatus } from './request.workflow.ts';
import { eligibleAssignees } from './request.assignees.ts';
import { contributionsOf, recordContribution } from '../../platform/workflow/contributions.repository.ts';
import {
  findConsultation,
  findRequest,
  insertConsultation,
  insertFee,
  insertLetter,
  insertRequest,
  insertStep,
  lastSerial,
  lastStepSeq,
  latestStepData,
  latestUnpaidFee,
  requestsReceivedBetween,
  storeSerial,
  updateConsultation,
  updateFee,
  updateRequest,
} from './requests.repository.ts';

const uuid = () => crypto.randomUUID();
/** A case has one decision: every round of drafting it (propose → return → propose) is a revision of revision 1. */
const DECISION_REVISION = 1;
const SERIAL_LOCK_BASE = 76_620_000;

/** Who may receive applications: 行政机关 (条例第27条) — not 村（居）委会. */
const RECEIVING_KINDS = ['county', 'department', 'street', 'town', 'township', 'farm_park'];

export interface ApplicantInput {
  name: string;
  /** 身份证明: document kind and number (自然人: 居民身份证等; 组织: 统一社会信用代码). */
  idType: string;
  idNumber: string;
  /** For organisations: 法定代表人或负责人. */
  legalRepresentative?: string | null;
  /** For organisations: the person handling the application. */
  contactPerson?: string | null;
  phone: string;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
}

export interface ApplicationInput {
  unitCode: string;
  applicantKind: string;
  applicant: ApplicantInput;
  infoDescription: string;
  infoDocNumber?: string | null;
  infoForm: string;
  deliveryMethod: string;
  needsAssistance?: boolean;
  identityProof?: { sha256: string; type: string } | null;
}

export interface StaffIntakeInput extends ApplicationInput {
  channel: string;
  /** 收到申请之日 per 第31条 for the channel. */
  receivedOn: string;
  /** The day the applicant sent or handed it in (mail: the postmark; defaults to receivedOn). */
  submittedOn?: string | null;
  /** Staff filled the form for the applicant (第29条); always true for oral applications. */
  filledByStaff?: boolean;
}

export interface IntakeResult {
  row: InfoRequestTable;
  trackingCode: string;
  /** Shown once; only its hash is stored. */
  trackingSecret: string;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A random code of `n` characters without look-alike letters (查询码); shared with the participation module. */
export function randomCode(n: number): string {
  const bytes = crypto.randomBytes(n);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(`gongkai-request:${secret}`).digest('hex');
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates the applicant and the request text (pure). */
export function validateApplication(input: ApplicationInput): Result<ApplicationInput> {
  const kind = APPLICANT_KINDS.find((k) => k.code === input.applicantKind);
  if (!kind) return fail(400, 'INVALID_APPLICANT_KIND', '请选择申请人类型（自然人，或法人或其他组织中的一类）');
  const a = input.applicant;
  const name = a.name?.trim() ?? '';
  if (!name) return fail(400, 'NAME_REQUIRED', kind.code === 'natural' ? '请填写申请人姓名' : '请填写单位名称');
  if (name.length > 100) return fail(400, 'NAME_TOO_LONG', '姓名或名称不能超过100字');
  if (!a.idType?.trim() || !a.idNumber?.trim())
    return fail(
      400,
      'ID_REQUIRED',
      kind.code === 'natural' ? '请填写身份证件类型和号码（条例第二十九条）' : '请填写统一社会信用代码或其他证照号码（条例第二十九条）',
    );
  if (a.idNumber.trim().length > 40) return fail(400, 'ID_INVALID', '证件号码不能超过40个字符');
  if (!a.phone?.trim() || !PHONE.test(a.phone.trim())) return fail(400, 'PHONE_INVALID', '请填写正确的联系电话');
  if (a.email && a.email.trim() && !EMAIL.test(a.email.trim())) return fail(400, 'EMAIL_INVALID', '电子邮箱格式不正确');
  if (a.postcode && a.postcode.trim() && !/^\d{6}$/.test(a.postcode.trim())) return fail(400, 'POSTCODE_INVALID', '邮政编码应为6位数字');
  const desc = input.infoDescription?.trim() ?? '';
  if (!desc) return fail(400, 'DESCRIPTION_REQUIRED', '请填写所需政府信息的名称、文号或便于查询的其他特征性描述');
  if (desc.length > 4000) return fail(400, 'DESCRIPTION_TOO_LONG', '所需信息描述不能超过4000字');
  if (!INFORMATION_FORMS.some((f) => f.code === input.infoForm)) return fail(400, 'INVALID_FORM', '请选择所需信息的载体形式');
  if (!DELIVERY_METHODS.some((m) => m.code === input.deliveryMethod)) return fail(400, 'INVALID_DELIVERY', '请选择获取信息的方式');
  if (input.deliveryMethod === 'email' && !a.email?.trim()) return fail(400, 'EMAIL_REQUIRED', '选择电子邮件获取信息时，请填写电子邮箱');
  if (input.deliveryMethod === 'post' && !a.address?.trim()) return fail(400, 'ADDRESS_REQUIRED', '选择邮寄获取信息时，请填写通信地址');
  return ok({
    ...input,
    applicant: {
      name,
      idType: a.idType.trim(),
      idNumber: a.idNumber.trim(),
      legalRepresentative: a.legalRepresentative?.trim() || null,
      contactPerson: a.contactPerson?.trim() || null,
      phone: a.phone.trim(),
      email: a.email?.trim() || null,
      address: a.address?.trim() || null,
      postcode: a.postcode?.trim() || null,
    },
    infoDescription: desc,
    infoDocNumber: input.infoDocNumber?.trim() || null,
  });
}

async function nextSerial(trx: Trx, ctx: AppContext, unitCode: string, year: number, series: string): Promise<number> {
  await lockForUpdate(trx, ctx.dialect, SERIAL_LOCK_BASE + year);
  const key = { unitCode, year, series };
  const last = await lastSerial(trx, key);
  const next = (last ?? 0) + 1;
  await storeSerial(trx, key, next, last !== undefined);
  return next;
}

/** Registration number (登记编号) per unit and year: 2026-0001. */
export function formatRegNo(year: number, serial: number): string {
  return `${year}-${String(serial).padStart(4, '0')}`;
}

/** Letter numbers: a short series name per kind, the year and a per-unit serial, e.g. 补正告知〔2026〕3号. */
export const LETTER_SERIES: Record<LetterKind, string> = {
  registration: '登记',
  receipt: '接收回执',
  clarification: '补正告知',
  'reasons-request': '说明理由告知',
  extension: '延期答复告知',
  'consult-third-party': '征求意见',
  'consult-confirmation': '征求意见确认',
  'consult-notice-applicant': '征求意见告知',
  'third-party-disclosure-notice': '依申请公开告知',
  'consult-co-producer': '征求意见',
  assist: '协办',
  'fee-notice': '收费通知',
  reply: '答复',
};

async function issueLetter(
  trx: Trx,
  ctx: AppContext,
  row: Pick<InfoRequestTable, 'id' | 'unit_code'>,
  kind: LetterKind,
  issuedOn: string,
  now: Date,
  refId: string | null = null,
): Promise<string> {
  const year = Number(issuedOn.slice(0, 4));
  const series = LETTER_SERIES[kind];
  const serial = await nextSerial(trx, ctx, row.unit_code, year, `letter:${series}`);
  const letterNo = `${series}〔${year}〕${serial}号`;
  await insertLetter(trx, {
    id: uuid(),
    request_id: row.id,
    kind,
    letter_no: letterNo,
    year,
    serial,
    ref_id: refId,
    issued_on: issuedOn,
    created_at: now.toISOString(),
  });
  return letterNo;
}

async function receivingUnit(trx: Trx, code: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(trx, code);
  if (!unit || unit.active !== 1) return fail(404, 'UNIT_NOT_FOUND', `没有找到受理申请的机关：${code}`);
  if (!RECEIVING_KINDS.includes(unit.kind))
    return fail(400, 'UNIT_NOT_AGENCY', `${unit.name}不是行政机关，不受理政府信息公开申请；请向所在乡镇（街道）或县政府部门申请`);
  return ok(unit);
}

async function insertCase(
  trx: Trx,
  ctx: AppContext,
  now: Date,
  unit: OrgUnitRow,
  input: ApplicationInput,
  extra: {
    channel: string;
    submittedAt: string;
    receivedOn: string | null;
    filledByStaff: boolean;
    status: RequestStatus;
    createdBy: string | null;
    isDemo?: boolean;
  },
): Promise<IntakeResult> {
  const regYear = Number((extra.receivedOn ?? chinaDate(new Date(extra.submittedAt))).slice(0, 4));
  const serial = await nextSerial(trx, ctx, unit.code, regYear, 'registration');
  const trackingCode = randomCode(10);
  const trackingSecret = randomCode(12);
  const row: InfoRequestTable = {
    id: uuid(),
    unit_code: unit.code,
    reg_year: regYear,
    reg_serial: serial,
    reg_no: formatRegNo(regYear, serial),
    tracking_code: trackingCode,
    tracking_secret_hash: hashSecret(trackingSecret),
    channel: extra.channel,
    submitted_at: extra.submittedAt,
    received_on: extra.receivedOn,
    filled_by_staff: extra.filledByStaff ? 1 : 0,
    needs_assistance: input.needsAssistance ? 1 : 0,
    applicant_kind: input.applicantKind,
    applicant_json: JSON.stringify(input.applicant),
    identity_proof_sha256: input.identityProof?.sha256 ?? null,
    identity_proof_type: input.identityProof?.type ?? null,
    info_description: input.infoDescription,
    info_doc_number: input.infoDocNumber ?? null,
    info_form: input.infoForm,
    delivery_method: input.deliveryMethod,
    status: extra.status,
    assigned_to: null,
    decision_type: null,
    decision_json: null,
    decided_on: null,
    due_on: null,
    closed_on: null,
    is_demo: extra.isDemo ? 1 : 0,
    created_at: now.toISOString(),
    created_by: extra.createdBy,
    updated_at: now.toISOString(),
  };
  await insertRequest(trx, row);
  return { row, trackingCode, trackingSecret };
}

async function addStep(
  trx: Trx,
  row: InfoRequestTable,
  s: {
    action: string;
    from: string;
    to: string;
    on: string;
    actor: Actor | null;
    role: string | null;
    comment?: string | null;
    data?: object;
    late?: boolean;
    at: Date;
  },
): Promise<void> {
  const last = await lastStepSeq(trx, row.id);
  await insertStep(trx, {
    id: uuid(),
    request_id: row.id,
    seq: last + 1,
    action: s.action,
    from_status: s.from,
    to_status: s.to,
    on_date: s.on,
    actor_user_id: s.actor?.userId ?? null,
    actor_name: s.actor?.displayName ?? null,
    role: s.role,
    comment: s.comment ?? null,
    data_json: JSON.stringify(s.data ?? {}),
    late: s.late ? 1 : 0,
    at: s.at.toISOString(),
  });
}

/** The public online application (条例第29条; 第31条: received when both sides confirm). */
export async function submitOnlineApplication(ctx: AppContext, meta: CommandMeta, input: ApplicationInput): Promise<Result<IntakeResult>> {
  const v = validateApplication(input);
  if (!v.ok) return v;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await receivingUnit(trx, v.value.unitCode);
    if (!unit.ok) return unit;
    const r = await insertCase(trx, ctx, now, unit.value, v.value, {
      channel: 'online',
      submittedAt: now.toISOString(),
      receivedOn: null,
      filledByStaff: false,
      status: 'awaiting-confirmation',
      createdBy: null,
    });
    await addStep(trx, r.row, {
      action: 'submit',
      from: 'awaiting-confirmation',
      to: 'awaiting-confirmation',
      on: chinaDate(now),
      actor: null,
      role: null,
      comment: '网上提交申请',
      at: now,
    });
    await issueLetter(trx, ctx, r.row, 'registration', chinaDate(now), now);
    // No personal data in the audit trail beyond what identifies the case.
    await audit({
      unitCode: unit.value.code,
      action: 'info-request.submit',
      entityType: 'info_request',
      entityId: r.row.id,
      after: { regNo: r.row.reg_no, channel: 'online', applicantKind: r.row.applicant_kind },
    });
    return ok(r);
  });
}

function checkPastDate(label: string, on: string, today: string, notBefore: string | null, notBeforeLabel = '收到申请之日'): Result<string> {
  if (!isRealDate(on)) return fail(400, 'INVALID_DATE', `${label}“${on}”不是有效日期`);
  if (on > today) return fail(400, 'DATE_IN_FUTURE', `${label}不能晚于今天（${today}）`);
  if (notBefore && on < notBefore) return fail(400, 'DATE_TOO_EARLY', `${label}不能早于${notBeforeLabel}（${notBefore}）`);
  return ok(on);
}

/** Staff intake for in-person, mail, fax and oral applications, with the 第31条 receipt date entered. */
export async function intakeApplication(ctx: AppContext, meta: CommandMeta, input: StaffIntakeInput): Promise<Result<IntakeResult>> {
  const actor = meta.actor!;
  const channel = RECEIPT_CHANNELS.find((c) => c.code === input.channel);
  if (!channel) return fail(400, 'INVALID_CHANNEL', '请选择申请方式（当面、邮寄、传真或口头）');
  if (channel.code === 'online') return fail(400, 'ONLINE_NOT_INTAKE', '网上申请由申请人在门户网站提交，请在待确认列表中确认收到');
  const v = validateApplication(input);
  if (!v.ok) return v;
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const today = chinaDate(now);
    const received = checkPastDate('收到申请日期', input.receivedOn, today, null);
    if (!received.ok) return received;
    const submittedOn = input.submittedOn || input.receivedOn;
    if (!isRealDate(submittedOn)) return fail(400, 'INVALID_DATE', `提交日期“${submittedOn}”不是有效日期`);
    if (submittedOn > input.receivedOn) return fail(400, 'SUBMITTED_AFTER_RECEIPT', '申请人提交（寄出）日期不能晚于收到申请日期');
    if ((channel.code === 'in-person' || channel.code === 'oral') && submittedOn !== input.receivedOn) {
      return fail(400, 'RECEIPT_RULE', `${channel.label}的，收到申请之日即${channel.receiptRule}（条例${channel.article}），两个日期应相同`);
    }
    const unit = await receivingUnit(trx, v.value.unitCode);
    if (!unit.ok) return unit;
    const t = resolveRequestTransition(actor, 'confirm-receipt', {
      ...noFacts,
      status: 'awaiting-confirmation',
      unitPath: unit.value.path,
      on: input.receivedOn,
    });
    if (!actorSees(actor, unit.value.path)) return fail(404, 'UNIT_NOT_FOUND', `没有找到受理申请的机关：${input.unitCode}`);
    if (!t.ok) return fail(403, 'FORBIDDEN', '登记申请须由本机关政府信息公开工作人员办理');
    const filledByStaff = channel.code === 'oral' || input.filledByStaff === true;
    const r = await insertCase(trx, ctx, now, unit.value, v.value, {
      channel: channel.code,
      submittedAt: `${submittedOn}T00:00:00.000Z`,
      receivedOn: input.receivedOn,
      filledByStaff,
      status: 'accepted',
      createdBy: actor.userId,
    });
    await addStep(trx, r.row, {
      action: 'intake',
      from: 'accepted',
      to: 'accepted',
      on: input.receivedOn,
      actor,
      role: t.role,
      comment: `${channel.label}；收到申请之日为${channel.receiptRule}（条例${channel.article}）${filledByStaff ? '；工作人员代为填写' : ''}`,
      at: now,
    });
    await issueLetter(trx, ctx, r.row, 'registration', input.receivedOn, now);
    await issueLetter(trx, ctx, r.row, 'receipt', input.receivedOn, now);
    await refreshDueOn(trx, r.row, calendar, await loadClockSettings(trx), today);
    await audit({
      unitCode: unit.value.code,
      action: 'info-request.intake',
      entityType: 'info_request',
      entityId: r.row.id,
      after: { regNo: r.row.reg_no, channel: channel.code, receivedOn: input.receivedOn, filledByStaff },
    });
    return ok(r);
  });
}

function actorSees(actor: Actor, unitPath: string): boolean {
  return actor.grants.some((g) => unitPath.startsWith(g.unitPath));
}

const noFacts = { proposedBy: null, clarificationCount: 0, extensionCount: 0, openConsultations: 0, correctionDueOn: null, feePayBy: null };

interface Loaded {
  row: InfoRequestTable;
  unit: OrgUnitRow;
  today: string;
  calendar: WorkCalendar;
}

/**
 * Loads a case the actor may see (404 otherwise), resolves the transition (403/409) and validates the
 * step's date (400), then runs `body`, records the step, recomputes the clock and audits.
 */
async function handle<T>(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  action: RequestAction,
  on: string,
  body: (
    l: Loaded,
    scope: CommandScope,
  ) => Promise<Result<{ value: T; patch?: Partial<InfoRequestTable>; comment?: string | null; data?: object; late?: boolean }>>,
  opts: { notBefore?: (l: Loaded, rec: Awaited<ReturnType<typeof loadCaseRecord>>) => { date: string | null; label: string } } = {},
): Promise<Result<T>> {
  const actor = meta.actor!;
  // Loaded before the transaction: on SQLite the transaction holds the only connection.
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now, audit } = scope;
    const row = await findRequest(trx, id);
    const unit = row ? await findUnit(trx, row.unit_code) : undefined;
    if (!row || !unit || !actorSees(actor, unit.path)) return fail(404, 'REQUEST_NOT_FOUND', '没有找到该政府信息公开申请');
    const today = chinaDate(now);
    const rec = await loadCaseRecord(trx, row);
    const lastClar = rec.steps.filter((s) => s.action === 'clarification-request').at(-1);
    const openFee = rec.fees.filter((f) => !f.paid_on).at(-1);
    const proposal = rec.steps.filter((s) => s.action === 'propose-decision').at(-1);
    const t = resolveRequestTransition(actor, action, {
      status: row.status as RequestStatus,
      unitPath: unit.path,
      proposedBy: proposal?.actor_user_id ?? null,
      contributions: await contributionsOf(trx, 'info_request', row.id, DECISION_REVISION),
      clarificationCount: rec.steps.filter((s) => s.action === 'clarification-request').length,
      extensionCount: rec.steps.filter((s) => s.action === 'extend').length,
      openConsultations: rec.consultations.filter((c) => !c.replied_on).length,
      on: isRealDate(on) ? on : today,
      correctionDueOn: lastClar ? String((JSON.parse(lastClar.data_json) as { correctionDueOn?: string }).correctionDueOn ?? '') || null : null,
      feePayBy: openFee?.pay_by ?? null,
    });
    if (!t.ok) return fail(t.status, t.code, t.message);
    const floor = opts.notBefore ? opts.notBefore({ row, unit, today, calendar }, rec) : { date: lastStepDate(row, rec.steps), label: '上一办理步骤的日期' };
    const date = checkPastDate(`${REQUEST_ACTION_TEXT[action]}日期`, on, today, row.received_on ? (floor.date ?? row.received_on) : floor.date, floor.label);
    if (!date.ok) return date;
    const res = await body({ row, unit, today, calendar }, scope);
    if (!res.ok) return res;
    const patch = { ...(res.value.patch ?? {}), status: t.to, updated_at: now.toISOString() };
    await updateRequest(trx, row.id, patch);
    const updated = { ...row, ...patch } as InfoRequestTable;
    await addStep(trx, updated, {
      action,
      from: row.status,
      to: t.to,
      on,
      actor,
      role: t.role,
      comment: res.value.comment ?? null,
      data: res.value.data,
      late: res.value.late,
      at: now,
    });
    if (action === 'propose-decision') {
      // The proposer drafts and submits the decision: neither they nor any earlier proposer may approve it.
      for (const kind of ['author', 'submitter'] as const)
        await recordContribution(trx, {
          entityType: 'info_request',
          entityId: row.id,
          revision: DECISION_REVISION,
          userId: actor.userId,
          kind,
          action: 'info-request.propose-decision',
          at: now.toISOString(),
        });
    }
    await refreshDueOn(trx, updated, calendar, await loadClockSettings(trx), today);
    await audit({
      unitCode: row.unit_code,
      action: `info-request.${action}`,
      entityType: 'info_request',
      entityId: row.id,
      before: { status: row.status },
      after: { status: t.to, on, ...(res.value.data ?? {}) },
    });
    return ok(res.value.value);
  });
}

/** Steps are entered in order: none may be dated before the case's latest dated step. */
function lastStepDate(row: InfoRequestTable, steps: { on_date: string; action: string }[]): string | null {
  // The online submission and a 第44条 conversion (recorded on the day it is done) do not order the procedure's steps.
  const dates = steps.filter((s) => s.action !== 'submit' && s.action !== 'convert-proactive').map((s) => s.on_date);
  if (row.received_on) dates.push(row.received_on);
  return dates.length ? dates.sort().at(-1)! : null;
}

/** 第31条 for online/fax: staff confirm receipt with the applicant; that date is the receipt date. */
export async function confirmReceipt(ctx: AppContext, meta: CommandMeta, id: string, input: { receivedOn: string }): Promise<Result<{ id: string }>> {
  return handle(
    ctx,
    meta,
    id,
    'confirm-receipt',
    input.receivedOn,
    async ({ row }, { trx, now }) => {
      await issueLetter(trx, ctx, row, 'receipt', input.receivedOn, now);
      return ok({
        value: { id: row.id },
        patch: { received_on: input.receivedOn, reg_year: row.reg_year },
        comment: '与申请人确认收到申请（条例第三十一条第（三）项）',
        data: { receivedOn: input.receivedOn },
      });
    },
    { notBefore: ({ row }) => ({ date: chinaDate(new Date(row.submitted_at)), label: '申请提交之日' }) },
  );
}

export async function assignRequest(ctx: AppContext, meta: CommandMeta, id: string, input: { userId: string; on: string }): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'assign', input.on, async ({ row, unit }, { trx }) => {
    const fit = (await eligibleAssignees(trx, unit.path)).find((u) => u.id === input.userId);
    if (!fit) return fail(400, 'ASSIGNEE_INVALID', '承办人须为本机关的政府信息公开工作人员');
    return ok({ value: { id: row.id }, patch: { assigned_to: input.userId }, comment: `承办人：${fit.displayName}`, data: { assignee: fit.displayName } });
  });
}

export const CLARIFICATION_REASONS = [
  { code: 'identity', label: '未能提供申请人的姓名或者名称、身份证明、联系方式' },
  { code: 'description', label: '申请公开的政府信息的名称、文号或者其他特征性描述不明确或有歧义' },
  { code: 'form', label: '申请公开的政府信息的形式要求不明确，包括未明确获取信息的方式、途径等' },
] as const; // 苏政办函〔2019〕98号 一、申请审查明确“补不补” (reference-data.md §4.2)

export async function requestClarification(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; reasons: string[]; details: string; correctionDueOn: string },
): Promise<Result<{ id: string; late: boolean }>> {
  return handle(ctx, meta, id, 'clarification-request', input.on, async ({ row, calendar, today }, { trx, now }) => {
    if (!input.reasons.length || input.reasons.some((r) => !CLARIFICATION_REASONS.some((c) => c.code === r)))
      return fail(400, 'CLARIFICATION_REASON', '请选择需要补正的事项（可多选）');
    if (!input.details.trim()) return fail(400, 'CLARIFICATION_DETAILS', '请写明需要补正的具体内容，一次性告知申请人（条例第三十条）');
    if (!isRealDate(input.correctionDueOn) || input.correctionDueOn <= input.on) return fail(400, 'CORRECTION_DUE_INVALID', '补正期限应晚于补正告知日期');
    // 第30条: within 7 working days of receipt. A late notice is still recorded (the applicant must be told) but flagged.
    const limit = calendar.addWorkingDays(row.received_on!, (await loadClockSettings(trx)).clarificationWorkingDays).date;
    const late = input.on > limit;
    void today;
    await issueLetter(trx, ctx, row, 'clarification', input.on, now);
    return ok({
      value: { id: row.id, late },
      comment: late ? `补正告知晚于法定期限（${limit}）发出` : null,
      data: { reasons: input.reasons, details: input.details.trim(), correctionDueOn: input.correctionDueOn, limit },
      late,
    });
  });
}

export async function recordClarification(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { receivedOn: string; note?: string | null },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'clarification-received', input.receivedOn, async ({ row }, { trx }) => {
    const req = await latestStepData(trx, row.id, 'clarification-request');
    if (!req) throw new Error(`request ${row.id}: clarification-received without a clarification-request step`);
    const due = (JSON.parse(req) as { correctionDueOn: string }).correctionDueOn;
    const late = input.receivedOn > due;
    return ok({
      value: { id: row.id },
      comment: input.note?.trim() || (late ? `补正晚于补正期限（${due}）收到，经本机关接受` : null),
      data: { receivedOn: input.receivedOn },
      late,
    });
  });
}

export async function closeNoCorrection(ctx: AppContext, meta: CommandMeta, id: string, input: { on: string }): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'close-no-correction', input.on, async ({ row }, { trx, now }) => {
    const type = DECISION_TYPES.find((d) => d.code === 'other.no-correction')!;
    await issueLetter(trx, ctx, row, 'reply', input.on, now);
    return ok({
      value: { id: row.id },
      patch: {
        decision_type: type.code,
        decision_json: JSON.stringify({ legalBasis: type.legalBasis, reasons: '申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该申请' }),
        decided_on: input.on,
      },
      comment: '申请人逾期不补正，视为放弃申请（条例第三十条）',
    });
  });
}

export const CONSULTATION_STANCES = [
  { code: 'consent', label: '同意公开' },
  { code: 'object', label: '不同意公开' },
  { code: 'no-reply', label: '逾期未回复' },
  { code: 'provided', label: '已提供信息（协办）' },
  { code: 'other', label: '其他意见' },
] as const;

export async function startConsultation(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { kind: string; partyName: string; partyContact: string; subject?: string | null; sentOn: string; replyDueOn?: string | null },
): Promise<Result<{ id: string; consultationId: string; replyDueOn: string }>> {
  return handle(ctx, meta, id, 'consult', input.sentOn, async ({ row, calendar }, { trx, now }) => {
    const kind = CONSULTATION_KINDS.find((k) => k.code === input.kind);
    if (!kind) return fail(400, 'INVALID_CONSULTATION_KIND', '请选择征求意见的类型：第三方、共同制作机关或协办机关');
    if (!input.partyName.trim()) return fail(400, 'PARTY_REQUIRED', '请填写被征求意见方（或协办机关）的名称');
    if (!input.partyContact.trim()) return fail(400, 'CONTACT_REQUIRED', '请填写被征求意见方的联系方式');
    let due: string;
    if (kind.answerWorkingDays !== null) {
      // 第32条/第34条: 15 working days from receiving the letter; counted here from the day it is sent.
      due = calendar.addWorkingDays(input.sentOn, kind.answerWorkingDays).date;
    } else {
      if (!input.replyDueOn || !isRealDate(input.replyDueOn) || input.replyDueOn <= input.sentOn)
        return fail(400, 'REPLY_DUE_REQUIRED', '协办没有法定回复期限，请填写协办回复期限（晚于发函日期）');
      due = input.replyDueOn;
    }
    const cid = uuid();
    const letterKind: LetterKind = kind.code === 'third-party' ? 'consult-third-party' : kind.code === 'co-producer' ? 'consult-co-producer' : 'assist';
    const letterNo = await issueLetter(trx, ctx, row, letterKind, input.sentOn, now, cid);
    await insertConsultation(trx, {
      id: cid,
      request_id: row.id,
      kind: kind.code,
      party_name: input.partyName.trim(),
      party_contact: input.partyContact.trim(),
      subject: input.subject?.trim() || null,
      sent_on: input.sentOn,
      reply_due_on: due,
      replied_on: null,
      stance: null,
      reply_note: null,
      letter_no: letterNo,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return ok({
      value: { id: row.id, consultationId: cid, replyDueOn: due },
      comment: `${kind.label}：${input.partyName.trim()}，回复期限${due}`,
      data: { consultationId: cid, kind: kind.code, replyDueOn: due },
    });
  });
}

export async function recordConsultationReply(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  cid: string,
  input: { receivedOn: string; stance: string; note?: string | null },
): Promise<Result<{ id: string }>> {
  return handle(
    ctx,
    meta,
    id,
    'consultation-reply',
    input.receivedOn,
    async ({ row, today }, { trx, now }) => {
      const c = await findConsultation(trx, row.id, cid);
      if (!c) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到该征求意见记录');
      if (c.replied_on) return fail(409, 'ALREADY_REPLIED', '该征求意见已登记过回复');
      const stance = CONSULTATION_STANCES.find((s) => s.code === input.stance);
      if (!stance) return fail(400, 'INVALID_STANCE', '请选择对方意见：同意公开、不同意公开、逾期未回复、已提供信息或其他意见');
      let closedOn = input.receivedOn;
      if (stance.code === 'no-reply') {
        if (!c.reply_due_on || today <= c.reply_due_on)
          return fail(409, 'REPLY_PERIOD_RUNNING', `对方回复期限（${c.reply_due_on ?? '未设定'}）尚未届满，不能登记为逾期未回复`);
        // The period lapsed: the paused time ends on the last day of the period (statutory-clock.types.ts).
        closedOn = c.reply_due_on;
      }
      if (stance.code === 'object' && !input.note?.trim())
        return fail(400, 'REASON_REQUIRED', '第三方不同意公开的，请记录其理由（条例第三十二条：有合理理由的不予公开）');
      await updateConsultation(trx, c.id, { replied_on: closedOn, stance: stance.code, reply_note: input.note?.trim() || null, updated_at: now.toISOString() });
      return ok({
        value: { id: row.id },
        comment: `${c.party_name}：${stance.label}${input.note?.trim() ? `（${input.note.trim()}）` : ''}`,
        data: { consultationId: c.id, stance: stance.code, closedOn },
      });
    },
    {
      notBefore: (_l, rec) => ({ date: rec.consultations.find((c) => c.id === cid)?.sent_on ?? null, label: '发出征求意见之日' }),
    },
  );
}

export async function extendDeadline(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; workingDays: number; approvedBy: string; reason: string },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'extend', input.on, async ({ row }, { trx, now }) => {
    const settings = await loadClockSettings(trx);
    if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > settings.maxExtensionWorkingDays)
      return fail(400, 'EXTENSION_TOO_LONG', `延长的期限为1至${settings.maxExtensionWorkingDays}个工作日（条例第三十三条第二款）`);
    if (!input.approvedBy.trim()) return fail(400, 'APPROVER_REQUIRED', '延期答复须经政府信息公开工作机构负责人同意，请填写负责人姓名');
    if (!input.reason.trim()) return fail(400, 'REASON_REQUIRED', '请填写延期答复的理由');
    if (row.due_on && input.on > row.due_on) return fail(409, 'TOO_LATE_TO_EXTEND', `答复期限（${row.due_on}）已过，不能再延期`);
    await issueLetter(trx, ctx, row, 'extension', input.on, now);
    return ok({
      value: { id: row.id },
      comment: `经${input.approvedBy.trim()}同意延期${input.workingDays}个工作日：${input.reason.trim()}`,
      data: { workingDays: input.workingDays, approvedBy: input.approvedBy.trim(), reason: input.reason.trim() },
    });
  });
}

/**
 * 第35条: the quantity or frequency of the applications clearly exceeds a reasonable range, so the applicant is
 * asked to give reasons (说明理由告知书). The answer clock is not paused: the regulation sets no pause for it.
 * Afterwards the case goes on as a 第35条 delay (reasons accepted, more time needed), a 不予处理 answer
 * (not-processed.mass-repeat: reasons not accepted) or an ordinary answer.
 */
export async function requestReasons(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; reasonsDeadline: string; details: string },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'reasons-request', input.on, async ({ row }, { trx, now }) => {
    if (!isRealDate(input.reasonsDeadline) || input.reasonsDeadline <= input.on)
      return fail(400, 'REASONS_DEADLINE_INVALID', '说明理由的期限应为告知日期之后的真实日期');
    if (!input.details.trim()) return fail(400, 'DETAILS_REQUIRED', '请写明申请数量、频次明显超过合理范围的具体情况（条例第三十五条）');
    await issueLetter(trx, ctx, row, 'reasons-request', input.on, now);
    return ok({
      value: { id: row.id },
      comment: `要求于${input.reasonsDeadline}前说明理由：${input.details.trim()}`,
      data: { reasonsDeadline: input.reasonsDeadline, details: input.details.trim() },
    });
  });
}

export async function delayDeadline(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; dueOn: string; reason: string },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'delay', input.on, async ({ row }, { trx, now }) => {
    if (!isRealDate(input.dueOn)) return fail(400, 'INVALID_DATE', `延迟答复期限“${input.dueOn}”不是有效日期`);
    if (row.due_on && input.dueOn <= row.due_on) return fail(400, 'DELAY_NOT_LATER', `延迟答复期限应晚于现行答复期限（${row.due_on}）`);
    if (!input.reason.trim()) return fail(400, 'REASON_REQUIRED', '请写明申请数量、频次明显超过合理范围的情况和延迟答复的理由（条例第三十五条）');
    await issueLetter(trx, ctx, row, 'extension', input.on, now);
    return ok({
      value: { id: row.id },
      comment: `依照条例第三十五条确定延迟答复期限至${input.dueOn}：${input.reason.trim()}`,
      data: { dueOn: input.dueOn, reason: input.reason.trim() },
    });
  });
}

/**
 * Fee payment period: 20 working days from the day after the notice is received (a provincial implementing
 * notice reflecting 国办函〔2020〕109号, domain.md §1.4 [S]); stored as a setting default.
 */
export const FEE_PAY_WORKING_DAYS = 20;

/** The applicant's n-th application in the natural month of `on` (按件: same applicant, cumulative). */
async function applicantOrdinal(trx: Trx, row: InfoRequestTable, on: string): Promise<number> {
  const me = JSON.parse(row.applicant_json) as ApplicantInput;
  const month = on.slice(0, 7);
  const rows = await requestsReceivedBetween(trx, `${month}-01`, `${month}-31`);
  const same = rows.filter((r) => {
    const a = JSON.parse(r.applicant_json) as ApplicantInput;
    return a.idNumber === me.idNumber && a.name === me.name;
  });
  same.sort((a, b) => (a.received_on! + a.created_at < b.received_on! + b.created_at ? -1 : 1));
  const i = same.findIndex((r) => r.id === row.id);
  return i < 0 ? same.length + 1 : i + 1;
}

export async function sendFeeNotice(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; mode: string; pages?: number | null },
): Promise<Result<{ id: string; amountYuan: number; payBy: string }>> {
  return handle(ctx, meta, id, 'fee-notice', input.on, async ({ row, calendar }, { trx, now }) => {
    if (input.mode !== 'per-item' && input.mode !== 'per-volume') return fail(400, 'INVALID_FEE_MODE', '请选择计收方式：按件或按量（二者只能选其一）');
    let quantity: number;
    if (input.mode === 'per-volume') {
      if (!Number.isInteger(input.pages) || (input.pages ?? 0) < 1) return fail(400, 'PAGES_REQUIRED', '按量计收时请填写页数');
      if (row.info_form !== 'paper' && row.delivery_method !== 'email' && row.info_form !== 'disc')
        return fail(400, 'PER_VOLUME_NOT_APPLICABLE', '按量计收仅适用于以纸质、电子邮件或复制电子数据方式提供信息的情形');
      quantity = input.pages!;
    } else {
      if (!row.received_on) return fail(409, 'NOT_RECEIVED', '尚未确认收到申请');
      quantity = await applicantOrdinal(trx, row, row.received_on);
    }
    const quote = quoteFee(input.mode as FeeMode, quantity);
    if (quote.amountYuan === 0) return fail(400, 'NO_FEE_DUE', `${quote.calculation}，无需发出收费通知`);
    const payBy = calendar.addWorkingDays(input.on, FEE_PAY_WORKING_DAYS).date;
    const feeId = uuid();
    const letterNo = await issueLetter(trx, ctx, row, 'fee-notice', input.on, now, feeId);
    await insertFee(trx, {
      id: feeId,
      request_id: row.id,
      mode: quote.mode,
      quantity,
      amount_yuan: quote.amountYuan,
      calculation: quote.calculation,
      notice_on: input.on,
      pay_by: payBy,
      paid_on: null,
      receipt_no: null,
      letter_no: letterNo,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return ok({
      value: { id: row.id, amountYuan: quote.amountYuan, payBy },
      comment: `${quote.calculation}；请于${payBy}前缴纳`,
      data: { feeId, amountYuan: quote.amountYuan, payBy },
    });
  });
}

export async function recordFeePaid(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { paidOn: string; receiptNo: string },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'fee-paid', input.paidOn, async ({ row }, { trx, now }) => {
    if (!input.receiptNo.trim()) return fail(400, 'RECEIPT_REQUIRED', '请填写财政票据号码');
    const fee = await latestUnpaidFee(trx, row.id);
    if (!fee) throw new Error(`request ${row.id}: fee-paid without an unpaid fee notice`);
    await updateFee(trx, fee.id, { paid_on: input.paidOn, receipt_no: input.receiptNo.trim(), updated_at: now.toISOString() });
    return ok({
      value: { id: row.id },
      comment: `已缴纳信息处理费${fee.amount_yuan}元，票据号${input.receiptNo.trim()}`,
      data: { feeId: fee.id, receiptNo: input.receiptNo.trim() },
    });
  });
}

export async function closeFeeUnpaid(ctx: AppContext, meta: CommandMeta, id: string, input: { on: string }): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'close-fee-unpaid', input.on, async ({ row }, { trx, now }) => {
    const type = DECISION_TYPES.find((d) => d.code === 'other.fee-unpaid')!;
    await issueLetter(trx, ctx, row, 'reply', input.on, now);
    return ok({
      value: { id: row.id },
      patch: {
        decision_type: type.code,
        decision_json: JSON.stringify({ legalBasis: type.legalBasis, reasons: '申请人逾期未按收费通知要求缴纳费用，本机关不再处理该申请' }),
        decided_on: input.on,
      },
      comment: '申请人逾期未缴纳信息处理费，不再处理',
    });
  });
}

export interface DecisionInput {
  on: string;
  type: string;
  legalBasis?: string | null;
  reasons?: string | null;
  provision?: string | null;
  withheld?: string | null;
  responsibleAgency?: { name?: string | null; contact?: string | null } | null;
  summary?: string | null;
}

export interface DecisionDetails {
  legalBasis: string;
  reasons: string | null;
  provision: string | null;
  withheld: string | null;
  responsibleAgency: { name: string; contact: string } | null;
  summary: string | null;
}

/** Enforces what the decision type requires (DECISION_TYPES[].requires). Pure. */
export function validateDecisionInput(input: DecisionInput): Result<{ type: DecisionType; details: DecisionDetails }> {
  const type = DECISION_TYPES.find((d) => d.code === input.type);
  if (!type) return fail(400, 'INVALID_DECISION_TYPE', '请选择一种答复类型');
  if (type.code === 'other.no-correction' || type.code === 'other.fee-unpaid')
    return fail(400, 'USE_CLOSE_COMMAND', '逾期不补正、逾期未缴费的情形请使用相应的终止办理操作，系统会核对期限');
  const req = type.requires as readonly string[];
  const t = (s: string | null | undefined) => s?.trim() || null;
  const legalBasis = t(input.legalBasis) ?? type.legalBasis;
  if (!legalBasis) return fail(400, 'LEGAL_BASIS_REQUIRED', `“${type.label}”须写明法律依据`);
  const missing: string[] = [];
  if (req.includes('reasons') && !t(input.reasons)) missing.push('理由');
  if (req.includes('provision') && !t(input.provision)) missing.push('提供信息的方式、途径和时间');
  if (req.includes('withheld') && !t(input.withheld)) missing.push('不予公开的部分及其理由');
  if (req.includes('responsibleAgency')) {
    if (!t(input.responsibleAgency?.name)) missing.push('负责公开该信息的机关名称');
    if (!t(input.responsibleAgency?.contact)) missing.push('负责公开该信息的机关联系方式');
  }
  if (missing.length)
    return fail(400, 'DECISION_INCOMPLETE', `“${type.label}”须写明：${missing.join('、')}（${type.legalBasis ?? '条例第三十六条'}）`, { missing });
  return ok({
    type: type.code,
    details: {
      legalBasis,
      reasons: t(input.reasons),
      provision: t(input.provision),
      withheld: t(input.withheld),
      responsibleAgency: req.includes('responsibleAgency') ? { name: t(input.responsibleAgency?.name)!, contact: t(input.responsibleAgency?.contact)! } : null,
      summary: t(input.summary),
    },
  });
}

/** The handler drafts the decision (exactly one DECISION_TYPES code) and submits it for review. */
export async function proposeDecision(ctx: AppContext, meta: CommandMeta, id: string, input: DecisionInput): Promise<Result<{ id: string }>> {
  const v = validateDecisionInput(input);
  if (!v.ok) return v;
  return handle(ctx, meta, id, 'propose-decision', input.on, async ({ row }) => {
    return ok({
      value: { id: row.id },
      patch: { decision_type: v.value.type, decision_json: JSON.stringify(v.value.details) },
      comment: `拟答复：${DECISION_TYPES.find((d) => d.code === v.value.type)!.label}`,
      data: { type: v.value.type },
    });
  });
}

/** 审核 by a unit_reviewer (not the proposer): approve → the decision is made on `on`; return → back to handling. */
export async function reviewDecision(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { decision: 'approve' | 'return'; on: string; comment?: string | null },
): Promise<Result<{ id: string }>> {
  if (input.decision === 'return') {
    if (!input.comment?.trim()) return fail(400, 'COMMENT_REQUIRED', '退回时请写明需要修改的意见');
    return handle(ctx, meta, id, 'return', input.on, async ({ row }) =>
      ok({ value: { id: row.id }, patch: { decision_type: null, decision_json: null }, comment: input.comment!.trim() }),
    );
  }
  return handle(ctx, meta, id, 'approve', input.on, async ({ row }, { trx, now }) => {
    const letterNo = await issueLetter(trx, ctx, row, 'reply', input.on, now);
    return ok({
      value: { id: row.id },
      patch: { decided_on: input.on },
      comment: input.comment?.trim() || '审核通过',
      data: { letterNo, type: row.decision_type },
    });
  });
}

export async function recordDelivery(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { method: string; on: string; proof: string },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'deliver', input.on, async ({ row }) => {
    const method = DELIVERY_METHODS.find((m) => m.code === input.method);
    if (!method) return fail(400, 'INVALID_DELIVERY', '请选择送达方式');
    if (!input.proof.trim()) return fail(400, 'PROOF_REQUIRED', '请填写送达凭证（如邮件单号、签收人、电子邮件发送记录）');
    return ok({ value: { id: row.id }, comment: `${method.label}送达；凭证：${input.proof.trim()}`, data: { method: method.code, proof: input.proof.trim() } });
  });
}

export async function archiveRequest(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; note?: string | null },
): Promise<Result<{ id: string }>> {
  return handle(ctx, meta, id, 'archive', input.on, async ({ row }) =>
    ok({ value: { id: row.id }, patch: { closed_on: input.on }, comment: input.note?.trim() || '案卷归档' }),
  );
}

/** 第44条: record the conversion; the publishing draft is created by the caller through publishing's command. */
export async function recordProactiveConversion(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { on: string; disclosureId: string },
): Promise<Result<{ id: string }>> {
  return handle(
    ctx,
    meta,
    id,
    'convert-proactive',
    input.on,
    async ({ row }) => ok({ value: { id: row.id }, comment: '转为主动公开，已生成公开草稿', data: { disclosureId: input.disclosureId } }),
    { notBefore: () => ({ date: null, label: '' }) },
  );
}

export { computeCaseClock };
