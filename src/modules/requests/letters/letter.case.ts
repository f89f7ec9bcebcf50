/**
 * From a case's records to a LetterInput: `caseLetters` lists the letters a case has (the requests module's letter
 * register, plus the letters that follow from registered ones), `letterInputFor` fills one from the recorded steps,
 * consultations, fees and decision, the unit's letter settings and the statutory clock.
 *
 * Derived letters (no row of their own in the register; numbered from the letter they follow, in their own series):
 * - 征求意见确认函 and 征求意见告知书（给申请人） follow each 征求意见书 (third party or co-producing agency);
 * - 依申请公开告知书（给第三方） follows a disclosing reply (予以公开/部分公开) when a third party objected (第32条).
 */
import '../request.handling.tables.ts';
import crypto from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/result.ts';
import type { Actor } from '../../../platform/auth/roles.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { findUnit, type OrgUnitRow } from '../../org/index.ts';
import { getCalendar } from '../../calendar/index.ts';
import {
  APPLICANT_KINDS,
  DELIVERY_METHODS,
  INFORMATION_FORMS,
  LETTER_KINDS,
  type ConsultationKind,
  type DecisionType,
  type LetterKind,
  type ReceiptChannel,
} from '../request.types.ts';
import type { InfoRequestTable } from '../request.tables.ts';
import type { InfoRequestLetterTable } from '../request.handling.tables.ts';
import { computeCaseClock, loadCaseRecord, loadClockSettings, type CaseRecord } from '../request.clock.ts';
import { CLARIFICATION_REASONS, LETTER_SERIES, hashSecret, type ApplicantInput, type DecisionDetails } from '../request.commands.ts';
import { APPLICANT_LETTERS } from '../request.queries.ts';
import { LETTER_CONTENT_TYPES, renderLetter } from './letter.render.ts';
import { REPLY_TITLES, documentName } from './letter.templates.ts';
import { canReadLetters } from './letter.policy.ts';
import { letterNumber, letterRemedy, letterUnit, type LetterSettings } from './letter-settings.ts';
import { loadLetterSettings } from './letter-settings.repository.ts';
import { findRequest, findRequestByTrackingCode, lettersInIssueOrder } from '../requests.repository.ts';
import { LetterInputError, type LetterConsultation, type LetterFormat, type LetterInput } from './letter.types.ts';

/** One letter a case has. `id` selects it when a case has several of a kind (e.g. two consultations). */
export interface CaseLetter {
  id: string;
  kind: LetterKind;
  title: string;
  /** The printed 文号 (unit pattern, or the register's number). */
  number: string;
  issuedOn: string;
  /** Consultation / fee id the letter belongs to. */
  refId: string | null;
  /** The register row it is (or follows from). */
  base: InfoRequestLetterTable;
}

export interface CaseLetterContext {
  row: InfoRequestTable;
  unit: OrgUnitRow;
  rec: CaseRecord;
  register: InfoRequestLetterTable[];
  settings: LetterSettings;
}

export async function loadCaseLetterContext(db: Executor, requestId: string): Promise<CaseLetterContext | null> {
  const row = await findRequest(db, requestId);
  if (!row) return null;
  const unit = await findUnit(db, row.unit_code);
  if (!unit) return null;
  const [rec, register, settings] = await Promise.all([loadCaseRecord(db, row), lettersInIssueOrder(db, requestId), loadLetterSettings(db, row.unit_code)]);
  return { row, unit, rec, register, settings };
}

const titleOf = (kind: LetterKind) => LETTER_KINDS.find((k) => k.code === kind)!.title;

/** A derived letter's own number: its series, the year and the serial of the letter it follows. */
function derived(c: CaseLetterContext, kind: LetterKind, base: InfoRequestLetterTable, refId: string | null): CaseLetter {
  const letterNo = `${LETTER_SERIES[kind]}〔${base.year}〕${base.serial}号`;
  return {
    id: `${base.id}:${kind}`,
    kind,
    title: titleOf(kind),
    number: letterNumber(c.settings, kind, { year: base.year, serial: base.serial, letterNo }),
    issuedOn: base.issued_on,
    refId,
    base,
  };
}

const DISCLOSING: readonly string[] = ['disclose.already-public', 'disclose.provide', 'partial'];

/** Every letter the case has so far, in the order issued. */
export function caseLetters(c: CaseLetterContext): CaseLetter[] {
  const out: CaseLetter[] = [];
  for (const l of c.register) {
    const kind = l.kind as LetterKind;
    if (!LETTER_KINDS.some((k) => k.code === kind)) continue;
    // The reply's own title depends on the decision type (REPLY_TITLES: 答复书, 不予公开告知书, …).
    const title = kind === 'reply' && c.row.decision_type ? (REPLY_TITLES[c.row.decision_type as DecisionType] ?? titleOf(kind)) : titleOf(kind);
    out.push({
      id: l.id,
      kind,
      title,
      number: letterNumber(c.settings, kind, { year: l.year, serial: l.serial, letterNo: l.letter_no }),
      issuedOn: l.issued_on,
      refId: l.ref_id,
      base: l,
    });
    if (kind === 'consult-third-party' || kind === 'consult-co-producer') {
      out.push(derived(c, 'consult-confirmation', l, l.ref_id));
      out.push(derived(c, 'consult-notice-applicant', l, l.ref_id));
    }
    if (kind === 'reply' && c.row.decision_type && DISCLOSING.includes(c.row.decision_type)) {
      // 第32条: disclosed although the third party objected → tell the third party in writing (one notice per objection).
      for (const cons of c.rec.consultations.filter((x) => x.kind === 'third-party' && x.stance === 'object'))
        out.push(derived(c, 'third-party-disclosure-notice', l, cons.id));
    }
  }
  return out;
}

function label<T extends { code: string; label: string }>(list: readonly T[], code: string | null): string | null {
  return code ? (list.find((x) => x.code === code)?.label ?? code) : null;
}

/** The clock as it stood on `asOf`, counting only what had happened by then (letters state the dates of their day). */
function dueAsOf(
  c: CaseLetterContext,
  calendar: Awaited<ReturnType<typeof getCalendar>>,
  clockSettings: Awaited<ReturnType<typeof loadClockSettings>>,
  asOf: string,
  upToSeq = Number.MAX_SAFE_INTEGER,
): string | null {
  const rec: CaseRecord = {
    row: { ...c.row, decided_on: null },
    steps: c.rec.steps.filter((s) => s.on_date <= asOf && s.seq <= upToSeq),
    consultations: c.rec.consultations.filter((x) => x.sent_on <= asOf).map((x) => (x.replied_on && x.replied_on > asOf ? { ...x, replied_on: null } : x)),
    fees: c.rec.fees.filter((f) => f.notice_on <= asOf).map((f) => (f.paid_on && f.paid_on > asOf ? { ...f, paid_on: null } : f)),
  };
  return computeCaseClock(rec, calendar, clockSettings, asOf).dueDate;
}

/** The n-th step of `actions` matching the n-th register row of `kind` (both in order). */
function stepFor(c: CaseLetterContext, letter: CaseLetter, actions: string[]) {
  const rows = c.register.filter((l) => l.kind === letter.kind);
  const i = rows.findIndex((l) => l.id === letter.base.id);
  return c.rec.steps.filter((s) => actions.includes(s.action))[i] ?? null;
}

/** Fills the LetterInput of one of the case's letters. Throws LetterInputError when a recorded fact is missing. */
export async function letterInputFor(ctx: AppContext, c: CaseLetterContext, letter: CaseLetter): Promise<LetterInput> {
  const { row, settings } = c;
  const applicant = JSON.parse(row.applicant_json) as ApplicantInput;
  const natural = row.applicant_kind === 'natural';
  const calendar = await getCalendar(ctx);
  const clockSettings = await loadClockSettings(ctx.db);
  const handler = c.rec.steps.find((s) => s.action === 'intake' || s.action === 'confirm-receipt');
  const unit = letterUnit(c.unit.name, settings);
  // Office details not set for letters fall back to the unit's public contact (org tree).
  unit.address ??= c.unit.address;
  unit.postcode ??= c.unit.postal_code;
  unit.phone ??= c.unit.phone;
  unit.officeHours ??= c.unit.office_hours;
  const input: LetterInput = {
    kind: letter.kind,
    number: letter.number,
    issuedOn: letter.issuedOn,
    unit,
    recipient: { role: 'applicant', name: applicant.name, natural },
    applicant: {
      name: applicant.name,
      kindLabel: label(APPLICANT_KINDS, row.applicant_kind) ?? row.applicant_kind,
      natural,
      idDocument: `${applicant.idType} ${applicant.idNumber}`.trim(),
      representative: [applicant.legalRepresentative, applicant.contactPerson].filter(Boolean).join('；') || null,
      phone: applicant.phone,
      address: applicant.address ?? null,
      postcode: applicant.postcode ?? null,
      email: applicant.email ?? null,
    },
    registrationNo: row.reg_no,
    receivedOn: row.received_on,
    channel: row.channel as ReceiptChannel,
    request: {
      description: row.info_description,
      docNumber: row.info_doc_number,
      formLabel: label(INFORMATION_FORMS, row.info_form),
      deliveryLabel: label(DELIVERY_METHODS, row.delivery_method),
      filledByStaff: row.filled_by_staff === 1,
    },
    handledBy: handler?.actor_name ?? null,
    remedy: letterRemedy(settings),
  };
  // 第33条: 20 working days from receipt — as it stood when the receipt (or registration form) was issued.
  if (row.received_on && (letter.kind === 'receipt' || letter.kind === 'registration')) input.dueOn = dueAsOf(c, calendar, clockSettings, row.received_on, 0);

  const consultation = (id: string | null): LetterConsultation => {
    const cons = c.rec.consultations.find((x) => x.id === id);
    if (!cons) throw new LetterInputError('没有找到该文书对应的征求意见记录');
    const consultLetter = c.register.find(
      (l) => l.ref_id === cons.id && (l.kind === 'consult-third-party' || l.kind === 'consult-co-producer' || l.kind === 'assist'),
    );
    return {
      kind: cons.kind as ConsultationKind,
      partyName: cons.party_name,
      letterNumber: consultLetter
        ? letterNumber(settings, consultLetter.kind as LetterKind, {
            year: consultLetter.year,
            serial: consultLetter.serial,
            letterNo: consultLetter.letter_no,
          })
        : cons.letter_no,
      sentOn: cons.sent_on,
      deadline: cons.reply_due_on,
      // 第15条 names 商业秘密、个人隐私 as the third-party interests; the handler's own note is used when recorded.
      concern: cons.subject ?? '商业秘密、个人隐私等合法权益',
      request: cons.subject ?? '协助查找、提供申请人所需的政府信息',
    };
  };

  switch (letter.kind) {
    case 'clarification': {
      const step = stepFor(c, letter, ['clarification-request']);
      const d = step ? (JSON.parse(step.data_json) as { reasons?: string[]; details?: string; correctionDueOn?: string }) : {};
      input.clarification = {
        items: (d.reasons ?? []).map((r) => CLARIFICATION_REASONS.find((x) => x.code === r)?.label ?? r),
        guidance: d.details ?? null,
        deadline: d.correctionDueOn ?? '',
      };
      break;
    }
    case 'reasons-request': {
      const step = stepFor(c, letter, ['reasons-request']);
      if (!step) throw new LetterInputError('没有找到要求说明理由的办理记录');
      input.reasonsDeadline = (JSON.parse(step.data_json) as { reasonsDeadline?: string }).reasonsDeadline ?? null;
      break;
    }
    case 'extension': {
      const step = stepFor(c, letter, ['extend', 'delay']);
      if (!step) throw new LetterInputError('没有找到延期答复的办理记录');
      const d = JSON.parse(step.data_json) as { workingDays?: number; approvedBy?: string; reason?: string; dueOn?: string };
      input.extension =
        step.action === 'delay'
          ? { article: 'art35', reason: d.reason ?? '', newDueOn: d.dueOn ?? '' }
          : {
              article: 'art33',
              reason: d.reason ?? '',
              workingDays: d.workingDays ?? null,
              approvedBy: d.approvedBy ?? null,
              newDueOn: dueAsOf(c, calendar, clockSettings, step.on_date, step.seq) ?? '',
            };
      break;
    }
    case 'consult-third-party':
    case 'consult-co-producer':
    case 'assist':
    case 'consult-confirmation': {
      input.consultation = consultation(letter.refId);
      const party = input.consultation.kind === 'third-party' ? 'third-party' : 'agency';
      input.recipient = { role: party, name: input.consultation.partyName, natural: party === 'agency' ? false : undefined };
      break;
    }
    case 'consult-notice-applicant':
      input.consultation = consultation(letter.refId);
      break;
    case 'third-party-disclosure-notice': {
      const cons = c.rec.consultations.find((x) => x.id === letter.refId);
      const decision = row.decision_json ? (JSON.parse(row.decision_json) as DecisionDetails) : null;
      input.consultation = consultation(letter.refId);
      input.recipient = { role: 'third-party', name: input.consultation.partyName };
      input.thirdPartyDisclosure = {
        stance: 'objected',
        answeredOn: cons?.replied_on ?? null,
        content: decision?.summary ?? decision?.provision ?? row.info_description,
        reasons: decision?.reasons ?? '',
        discloseOn: null,
      };
      break;
    }
    case 'fee-notice': {
      const fee = c.rec.fees.find((f) => f.id === letter.refId);
      if (!fee) throw new LetterInputError('没有找到该收费通知对应的收费记录');
      input.fee = {
        mode: fee.mode === 'per-volume' ? 'per-volume' : 'per-application',
        calculation: fee.calculation,
        amountYuan: fee.amount_yuan.toFixed(2),
        payBy: fee.pay_by,
        paymentMethod: settings.feePaymentMethod ?? '',
      };
      break;
    }
    case 'reply': {
      if (!row.decision_type || !row.decision_json) throw new LetterInputError('本申请尚未作出答复决定');
      const d = JSON.parse(row.decision_json) as DecisionDetails;
      input.decision = {
        type: row.decision_type as DecisionType,
        legalBasis: d.legalBasis,
        reasons: d.reasons,
        provision: d.provision,
        withheldItems: d.withheld,
        responsibleAgency: d.responsibleAgency,
      };
      break;
    }
    default:
      break;
  }
  return input;
}

// ---------------------------------------------------------------------------------------------------------------
// Downloads (staff and applicant)

export interface RenderedLetter {
  body: Buffer;
  contentType: string;
  /** Download name, e.g. 政府信息公开申请答复书-答复〔2026〕3号.pdf */
  filename: string;
}

const FILE_RE = /^([a-z-]+)\.(docx|pdf)$/;

function parseFile(file: string): Result<{ kind: LetterKind; format: LetterFormat }> {
  const m = FILE_RE.exec(file);
  const kind = m?.[1] as LetterKind | undefined;
  if (!m || !kind || !LETTER_KINDS.some((k) => k.code === kind))
    return fail(
      400,
      'INVALID_LETTER_FILE',
      `文书地址不正确：应为“文书种类.docx”或“文书种类.pdf”，文书种类为 ${LETTER_KINDS.map((k) => k.code).join('、')} 之一`,
    );
  return ok({ kind, format: m[2] as LetterFormat });
}

async function render(
  ctx: AppContext,
  c: CaseLetterContext,
  kind: LetterKind,
  format: LetterFormat,
  letterId: string | undefined,
  allowed: (l: CaseLetter) => boolean,
): Promise<Result<RenderedLetter>> {
  const all = caseLetters(c).filter((l) => l.kind === kind && allowed(l));
  const letter = letterId ? all.find((l) => l.id === letterId) : all.at(-1);
  if (!letter) return fail(404, 'LETTER_NOT_FOUND', `本申请尚未出具“${titleOf(kind)}”`);
  try {
    const input = await letterInputFor(ctx, c, letter);
    const body = await renderLetter(input, format);
    const name = `${documentName(input)}-${letter.number}.${format}`.replace(/[\\/:*?"<>|\s]/g, '');
    return ok({ body, contentType: LETTER_CONTENT_TYPES[format], filename: name });
  } catch (e) {
    if (e instanceof LetterInputError) {
      const hint = e.code === 'LETTER_REMEDY_NOT_SET' ? '' : '请补充办理记录或在“依申请公开文书设置”中补充后再出具。';
      return fail(400, e.code, `${e.message}${hint && !e.message.includes('文书设置') ? hint : ''}`);
    }
    throw e;
  }
}

/** Staff download: the case must be in the actor's scope (404 otherwise, as if it did not exist). */
export async function staffLetter(ctx: AppContext, actor: Actor, requestId: string, file: string, letterId?: string): Promise<Result<RenderedLetter>> {
  const f = parseFile(file);
  if (!f.ok) return f;
  const c = await loadCaseLetterContext(ctx.db, requestId);
  if (!c || !canReadLetters(actor, c.unit.path)) return fail(404, 'REQUEST_NOT_FOUND', '没有找到该政府信息公开申请');
  return render(ctx, c, f.value.kind, f.value.format, letterId, () => true);
}

/** The letters of a case, for lists (staff). */
export async function staffLetterList(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
): Promise<Result<{ id: string; kind: LetterKind; title: string; number: string; issuedOn: string }[]>> {
  const c = await loadCaseLetterContext(ctx.db, requestId);
  if (!c || !canReadLetters(actor, c.unit.path)) return fail(404, 'REQUEST_NOT_FOUND', '没有找到该政府信息公开申请');
  return ok(caseLetters(c).map((l) => ({ id: l.id, kind: l.kind, title: l.title, number: l.number, issuedOn: l.issuedOn })));
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Applicant download from the tracking page: tracking code + secret (constant-time compare, same 404 for any
 * mismatch); only letters addressed to the applicant (APPLICANT_LETTERS), and the reply only once decided.
 */
export async function applicantLetter(ctx: AppContext, code: string, secret: string, file: string, letterId?: string): Promise<Result<RenderedLetter>> {
  const notFound = fail(404, 'TRACKING_NOT_FOUND', '查询码或查询密码不正确，请核对后重试');
  const f = parseFile(file);
  if (!f.ok) return f;
  const row = await findRequestByTrackingCode(ctx.db, code.trim().toUpperCase());
  const matches = constantTimeEqual(hashSecret(secret.trim().toUpperCase()), row?.tracking_secret_hash ?? hashSecret('no-such-case-0000'));
  if (!row || !matches) return notFound;
  if (!APPLICANT_LETTERS.has(f.value.kind)) return fail(404, 'LETTER_NOT_FOUND', `“${titleOf(f.value.kind)}”不是发给申请人的文书，不能在此下载`);
  const c = await loadCaseLetterContext(ctx.db, row.id);
  if (!c) return notFound;
  const decided = ['decided', 'delivered', 'archived'].includes(c.row.status);
  return render(ctx, c, f.value.kind, f.value.format, letterId, (l) => l.kind !== 'reply' || decided);
}
