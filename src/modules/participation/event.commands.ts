/**
 * Hearings and meetings (听证会, 座谈会, 实地走访, 政府开放日, 评议政务服务; plan 三(五)1, 三(四)3; domain.md §8): a unit
 * prepares the event (time, place, how participants are chosen, capacity) and announces it. For a hearing the
 * materials must go out at least `hearingMaterialDays` (第十七条: 7) days before the hearing date — the rule is
 * `latestMaterialsOn` of participation.rules (counted with the calendar module's day arithmetic) and is checked
 * when the event is prepared and again when it is announced. One command per use case, audited.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { sniffFileType, storeFile } from '../publishing/index.ts';
import { randomCode, verifyHumanCheck } from '../requests/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { publicChanged } from './participation.gate.ts';
import { isGovernmentUnit, unitFor } from './participation.policy.ts';
import {
  EVENT_KIND_CODES,
  PARTICIPATION_RULES,
  earliestHearingOn,
  eventPhase,
  latestMaterialsOn,
  latestParticipantListOn,
  registrationLastDay,
} from './participation.rules.ts';
import * as repo from './participation.repository.ts';

const clean = (s: string | null | undefined) => (s ?? '').trim();
const notFound = () => fail(404, 'EVENT_NOT_FOUND', '没有找到这项活动');
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface EventInput {
  unitCode: string;
  kind: string;
  consultationId?: string | null;
  title: string;
  description: string;
  place: string;
  heldOn: string;
  heldTime: string;
  capacity?: number | null;
  selectionMethod?: string | null;
  registrationUntil?: string | null;
  materialsSentOn?: string | null;
}

/** The 第十七条 check: a hearing needs its materials sent on or before `latestMaterialsOn(heldOn)`. */
export function checkHearingMaterials(heldOn: string, materialsSentOn: string | null): Result<null> {
  const latest = latestMaterialsOn(heldOn);
  if (!materialsSentOn)
    return fail(422, 'MATERIALS_MISSING', `听证会须先向参加人送达听证材料，送达日期不得晚于${latest}（听证会前${PARTICIPATION_RULES.hearingMaterialDays}日）`);
  if (materialsSentOn > latest)
    return fail(
      422,
      'HEARING_TOO_SOON',
      `听证材料须在听证会${PARTICIPATION_RULES.hearingMaterialDays}日前送达：材料${materialsSentOn}送达，听证会最早可定在${earliestHearingOn(materialsSentOn)}`,
    );
  return ok(null);
}

/** The event's dates that are given are real days (the first that is not named in Chinese). */
function checkDates(heldOnLabel: string, d: { heldOn: string; registrationUntil?: string | null; materialsSentOn?: string | null }): Result<null> {
  for (const [label, v] of [
    [heldOnLabel, d.heldOn],
    ['报名截止日期', d.registrationUntil],
    ['材料送达日期', d.materialsSentOn],
  ] as const)
    if (v && !isRealDate(v)) return fail(400, 'INVALID_DATE', `${label}“${v}”不是有效日期`);
  return ok(null);
}

function checkInput(input: EventInput): Result<null> {
  if (!EVENT_KIND_CODES.includes(input.kind)) return fail(400, 'INVALID_KIND', '请选择活动类型');
  if (!clean(input.title) || !clean(input.description) || !clean(input.place)) return fail(400, 'EVENT_INCOMPLETE', '请填写活动名称、内容说明和地点');
  const dates = checkDates('举行日期', input);
  if (!dates.ok) return dates;
  if (!TIME.test(input.heldTime)) return fail(400, 'INVALID_TIME', '请按“09:30”的格式填写开始时间');
  if (input.registrationUntil && input.registrationUntil > input.heldOn) return fail(400, 'INVALID_DATE', '报名截止日期不能晚于活动日期');
  if (input.kind === 'hearing') {
    if (!clean(input.selectionMethod)) return fail(400, 'SELECTION_MISSING', '听证会须公布听证参加人的遴选方式');
    const m = checkHearingMaterials(input.heldOn, input.materialsSentOn ?? null);
    if (!m.ok) return m;
  }
  return ok(null);
}

async function ownEvent(trx: Executor, meta: CommandMeta, id: string): Promise<Result<repo.WithUnit<repo.EventRow>>> {
  const row = await repo.findEvent(trx, id);
  const missing = notFound();
  if (!row) return missing;
  const unit = await unitFor(trx, meta.actor!, row.unit_code, 'edit');
  if (!unit.ok) return unit.status === 404 ? missing : unit;
  return ok(row);
}

export async function createEvent(ctx: AppContext, meta: CommandMeta, input: EventInput): Promise<Result<{ id: string }>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.unitCode, 'edit');
    if (!unit.ok) return unit;
    if (!isGovernmentUnit(unit.value)) return fail(400, 'NOT_GOVERNMENT', '听证会、座谈会等活动由县政府、县政府部门和乡镇（街道）举办');
    if (input.heldOn < chinaDate(now)) return fail(400, 'INVALID_DATE', '活动日期不能早于今天');
    if (input.consultationId) {
      const c = await repo.findConsultation(trx, input.consultationId);
      if (!c || c.unit_code !== unit.value.code) return fail(400, 'CONSULTATION_NOT_FOUND', '所选的征求意见不属于本单位');
    }
    const id = crypto.randomUUID();
    const at = now.toISOString();
    await repo.insertEvent(trx, {
      id,
      unit_code: unit.value.code,
      kind: input.kind,
      consultation_id: input.consultationId ?? null,
      title: clean(input.title),
      description: clean(input.description),
      place: clean(input.place),
      held_on: input.heldOn,
      held_time: input.heldTime,
      capacity: input.capacity ?? null,
      selection_method: clean(input.selectionMethod) || null,
      registration_until: input.registrationUntil ?? null,
      materials_sent_on: input.materialsSentOn ?? null,
      announced_at: null,
      participants_published_at: null,
      attendance: null,
      record_text: null,
      record_scan_sha256: null,
      record_published_at: null,
      feedback: null,
      rescheduled_from: null,
      reschedule_reason: null,
      is_demo: unit.value.is_demo,
      created_at: at,
      created_by: meta.actor?.username ?? null,
      updated_at: at,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.event.create',
      entityType: 'participation_event',
      entityId: id,
      after: { kind: input.kind, title: clean(input.title), heldOn: input.heldOn, materialsSentOn: input.materialsSentOn ?? null },
    });
    return ok({ id });
  });
}

/** Publishes the announcement (公告); a hearing's 第十七条 check is made again against today. */
export async function announceEvent(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, id);
    if (!e.ok) return e;
    if (e.value.announced_at) return fail(409, 'ALREADY_ANNOUNCED', '活动公告已发布');
    if (e.value.held_on < chinaDate(now)) return fail(409, 'EVENT_PAST', '活动日期已过，不能再发布公告');
    if (e.value.kind === 'hearing') {
      const m = checkHearingMaterials(e.value.held_on, e.value.materials_sent_on);
      if (!m.ok) return m;
    }
    await repo.updateEvent(trx, id, { announced_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.announce',
      entityType: 'participation_event',
      entityId: id,
      after: { heldOn: e.value.held_on },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id });
  });
}

export const MAX_RESCHEDULE_REASON_CHARS = 500;

export interface RescheduleInput {
  heldOn: string;
  /** Unchanged when not given. */
  heldTime?: string | null;
  /** Unchanged when not given; must not fall after the new date. */
  registrationUntil?: string | null;
  /** A hearing whose materials go out again (e.g. revised): the new day they are sent; unchanged when not given. */
  materialsSentOn?: string | null;
  reason: string;
}

/**
 * Moves an event to another day (改期), with a stated reason, audited; the public page says it was moved and why. Until
 * attendance is recorded. The date rules are checked again for the new day: a hearing's materials at least
 * `hearingMaterialDays` before it (第十七条), and, while its participant list is not yet published, a day late enough
 * that the list can still be published `participantListDaysBefore` (county choice) days before it — so a list refused
 * as late (`LIST_TOO_LATE`) means moving the hearing, not preparing it again. Registrations and the selection stay.
 */
export async function rescheduleEvent(ctx: AppContext, meta: CommandMeta, id: string, input: RescheduleInput): Promise<Result<{ id: string; heldOn: string }>> {
  const reason = clean(input.reason);
  if (!reason) return fail(400, 'REASON_REQUIRED', '请说明改期的理由（随公告公布）');
  if (reason.length > MAX_RESCHEDULE_REASON_CHARS) return fail(400, 'REASON_TOO_LONG', `改期理由不超过${MAX_RESCHEDULE_REASON_CHARS}字`);
  const dates = checkDates('新的举行日期', input);
  if (!dates.ok) return dates;
  if (!input.heldOn) return fail(400, 'INVALID_DATE', '请填写新的举行日期');
  if (input.heldTime && !TIME.test(input.heldTime)) return fail(400, 'INVALID_TIME', '请按“09:30”的格式填写开始时间');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, id);
    if (!e.ok) return e;
    const ev = e.value;
    if (ev.attendance !== null || ev.record_published_at) return fail(409, 'ALREADY_HELD', '活动已登记出席情况，不能再改期');
    const today = chinaDate(now);
    const heldTime = input.heldTime || ev.held_time;
    const registrationUntil = input.registrationUntil === undefined ? ev.registration_until : input.registrationUntil;
    const materialsSentOn = input.materialsSentOn || ev.materials_sent_on;
    if (input.heldOn === ev.held_on && heldTime === ev.held_time)
      return fail(400, 'NOTHING_CHANGED', `活动本来就定在${ev.held_on} ${ev.held_time}，请填写新的日期或时间`);
    if (input.heldOn < today) return fail(400, 'INVALID_DATE', '新的举行日期不能早于今天');
    if (registrationUntil && registrationUntil > input.heldOn)
      return fail(400, 'INVALID_DATE', `报名截止日期${registrationUntil}晚于新的举行日期，请一并调整报名截止日期`);
    if (ev.kind === 'hearing') {
      const m = checkHearingMaterials(input.heldOn, materialsSentOn);
      if (!m.ok) return m;
      if (!ev.participants_published_at) {
        const latest = latestParticipantListOn(input.heldOn);
        if (latest < today)
          return fail(
            422,
            'LIST_TOO_LATE',
            `听证参加人名单须在听证会${PARTICIPATION_RULES.participantListDaysBefore}日前公布，改到${input.heldOn}则名单最迟${latest}公布，已过；听证会最早可改到${addCalendarDays(today, PARTICIPATION_RULES.participantListDaysBefore)}`,
          );
      }
    }
    const at = now.toISOString();
    await repo.updateEvent(trx, id, {
      held_on: input.heldOn,
      held_time: heldTime,
      registration_until: registrationUntil,
      materials_sent_on: materialsSentOn,
      rescheduled_from: `${ev.held_on} ${ev.held_time}`,
      reschedule_reason: reason,
      updated_at: at,
    });
    await audit({
      unitCode: ev.unit_code,
      action: 'participation.event.reschedule',
      entityType: 'participation_event',
      entityId: id,
      before: { heldOn: ev.held_on, heldTime: ev.held_time, registrationUntil: ev.registration_until, materialsSentOn: ev.materials_sent_on },
      after: { heldOn: input.heldOn, heldTime, registrationUntil, materialsSentOn, reason },
    });
    if (ev.announced_at) await publicChanged(ctx, trx, now);
    return ok({ id, heldOn: input.heldOn });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// After the announcement: registration, selection and the published participant list, attendance, the record
// (笔录 with the participants' signed confirmation, 第十七条) and the summary of how opinions were adopted (第十八条).

export const MAX_NAME_CHARS = 50;
export const MAX_CONTACT_CHARS = 100;
export const MAX_AFFILIATION_CHARS = 100;
export const MAX_NOTE_CHARS = 1000;
export const MAX_RECORD_CHARS = 100_000;
export const MAX_FEEDBACK_CHARS = 20_000;
/** The signed scan of a record: what its first bytes may be (never the name or the browser's type). */
export const RECORD_SCAN_TYPES = ['pdf', 'png', 'jpeg'] as const;
export type RecordScanType = (typeof RECORD_SCAN_TYPES)[number];

export interface RegistrationInput {
  name: string;
  contact: string;
  /** 单位或身份, e.g. 居民代表、企业代表 (shown on the participant list through the gate). */
  affiliation?: string | null;
  /** 拟发表的主要意见 (kept for the organiser, never published). */
  note?: string | null;
}

/** The personal data of a registration as stored (name, contact and note stay in `person_json`). */
export interface RegistrationPerson {
  name: string;
  contact: string;
  note: string | null;
}

function checkRegistration(input: RegistrationInput): Result<{ person: RegistrationPerson; affiliation: string | null }> {
  const name = clean(input.name);
  const contact = clean(input.contact);
  if (!name || !contact) return fail(400, 'REGISTRATION_INCOMPLETE', '请填写姓名和联系电话');
  if (name.length > MAX_NAME_CHARS || contact.length > MAX_CONTACT_CHARS || clean(input.affiliation).length > MAX_AFFILIATION_CHARS)
    return fail(
      400,
      'REGISTRATION_TOO_LONG',
      `姓名不超过${MAX_NAME_CHARS}字，联系方式不超过${MAX_CONTACT_CHARS}字，单位或身份不超过${MAX_AFFILIATION_CHARS}字`,
    );
  if (clean(input.note).length > MAX_NOTE_CHARS) return fail(400, 'NOTE_TOO_LONG', `拟发表的意见不超过${MAX_NOTE_CHARS}字`);
  return ok({ person: { name, contact, note: clean(input.note) || null }, affiliation: clean(input.affiliation) || null });
}

async function addRegistration(
  { trx, now, audit }: CommandScope,
  e: repo.EventRow,
  source: 'online' | 'staff',
  checked: { person: RegistrationPerson; affiliation: string | null },
): Promise<Result<{ id: string; trackingCode: string }>> {
  // Meetings take registrations up to their capacity; a hearing takes every one and the organiser selects (第十六条).
  if (e.kind !== 'hearing' && e.capacity !== null && (await repo.countRegistrations(trx, e.id)) >= e.capacity)
    return fail(409, 'EVENT_FULL', `本次活动名额${e.capacity}人已满，感谢您的关注`);
  const id = crypto.randomUUID();
  const trackingCode = randomCode(10);
  await repo.insertRegistration(trx, {
    id,
    event_id: e.id,
    person_json: JSON.stringify(checked.person),
    affiliation: checked.affiliation,
    source,
    status: 'registered',
    attended: 0,
    tracking_code: trackingCode,
    created_at: now.toISOString(),
  });
  // No name or contact in the audit log: the registration row holds them.
  await audit({
    unitCode: e.unit_code,
    action: 'participation.event.register',
    entityType: 'participation_registration',
    entityId: id,
    after: { eventId: e.id, source },
  });
  return ok({ id, trackingCode });
}

/** Online registration without an account (human check; rate-limited by the route): while registration is open. */
export async function registerOnline(
  ctx: AppContext,
  meta: CommandMeta,
  eventId: string,
  input: RegistrationInput,
  check: { token: string; answer: string },
): Promise<Result<{ id: string; trackingCode: string }>> {
  const human = await verifyHumanCheck(ctx.db, ctx.clock.now(), check.token, check.answer);
  if (human === 'expired') return fail(400, 'HUMAN_CHECK_EXPIRED', '验证题已过期，请刷新页面后重新作答');
  if (human !== 'ok') return fail(400, 'HUMAN_CHECK_FAILED', '验证题答案不正确，请重新计算后填写');
  const checked = checkRegistration(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now } = scope;
    const e = await repo.findEvent(trx, eventId);
    if (!e || !e.announced_at) return notFound();
    if (eventPhase(e, chinaDate(now)) !== 'registration') return fail(409, 'REGISTRATION_CLOSED', `报名已于${registrationLastDay(e)}截止，感谢您的关注`);
    return addRegistration(scope, e, 'online', checked.value);
  });
}

/** A registration entered by staff (by phone, letter or invitation): until the participant list is published. */
export async function registerByStaff(
  ctx: AppContext,
  meta: CommandMeta,
  eventId: string,
  input: RegistrationInput,
): Promise<Result<{ id: string; trackingCode: string }>> {
  const checked = checkRegistration(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now } = scope;
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (!e.value.announced_at) return fail(409, 'NOT_ANNOUNCED', '请先发布活动公告，再登记报名');
    if (e.value.participants_published_at) return fail(409, 'LIST_PUBLISHED', '参加人名单已公布，不能再登记报名');
    if (e.value.held_on <= chinaDate(now)) return fail(409, 'EVENT_PAST', '活动已经举行，不能再登记报名');
    return addRegistration(scope, e.value, 'staff', checked.value);
  });
}

/** Chooses the participants among the registrations (the announced selection method); the others are not selected. */
export async function selectParticipants(
  ctx: AppContext,
  meta: CommandMeta,
  eventId: string,
  selectedIds: readonly string[],
): Promise<Result<{ selected: number }>> {
  const ids = [...new Set(selectedIds)];
  if (!ids.length) return fail(400, 'NONE_SELECTED', '请至少选定一名参加人');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (!e.value.announced_at) return fail(409, 'NOT_ANNOUNCED', '请先发布活动公告，再选定参加人');
    if (e.value.participants_published_at) return fail(409, 'LIST_PUBLISHED', '参加人名单已公布，不能再更改');
    if (e.value.held_on <= chinaDate(now)) return fail(409, 'EVENT_PAST', '活动已经举行，不能再选定参加人');
    const known = new Set((await repo.listRegistrations(trx, eventId)).map((r) => r.id));
    const stranger = ids.find((id) => !known.has(id));
    if (stranger) return fail(400, 'REGISTRATION_NOT_FOUND', '所选的报名记录不属于这项活动');
    if (e.value.capacity !== null && ids.length > e.value.capacity) return fail(422, 'OVER_CAPACITY', `选定${ids.length}人，超过名额${e.value.capacity}人`);
    await repo.setSelection(trx, eventId, ids);
    await repo.updateEvent(trx, eventId, { updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.select',
      entityType: 'participation_event',
      entityId: eventId,
      after: { selected: ids.length, registrations: known.size },
    });
    return ok({ selected: ids.length });
  });
}

/** Publishes the participant list (names masked) before the hearing (第十六条: 提前公布; the days are a county choice). */
export async function publishParticipants(ctx: AppContext, meta: CommandMeta, eventId: string): Promise<Result<{ id: string; selected: number }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (!e.value.announced_at) return fail(409, 'NOT_ANNOUNCED', '请先发布活动公告');
    if (e.value.participants_published_at) return fail(409, 'LIST_PUBLISHED', '参加人名单已公布');
    const today = chinaDate(now);
    const latest = e.value.kind === 'hearing' ? latestParticipantListOn(e.value.held_on) : addCalendarDays(e.value.held_on, -1);
    if (today > latest)
      return fail(
        422,
        'LIST_TOO_LATE',
        e.value.kind === 'hearing'
          ? `听证参加人名单须在听证会${PARTICIPATION_RULES.participantListDaysBefore}日前（最迟${latest}）公布；已过该日期，请调整听证会日期后重新筹备`
          : `参加人名单须在活动前（最迟${latest}）公布`,
      );
    const selected = (await repo.listRegistrations(trx, eventId)).filter((r) => r.status === 'selected').length;
    if (!selected) return fail(409, 'NONE_SELECTED', '请先从报名人员中选定参加人');
    await repo.updateEvent(trx, eventId, { participants_published_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.publish_participants',
      entityType: 'participation_event',
      entityId: eventId,
      after: { selected },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id: eventId, selected });
  });
}

/** Who attended, on or after the day (a hearing: among the selected participants), and how many people in all. */
export async function recordAttendance(
  ctx: AppContext,
  meta: CommandMeta,
  eventId: string,
  input: { attendedIds: readonly string[]; total?: number | null },
): Promise<Result<{ attendance: number }>> {
  const ids = [...new Set(input.attendedIds)];
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (!e.value.announced_at) return fail(409, 'NOT_ANNOUNCED', '活动公告尚未发布');
    if (e.value.held_on > chinaDate(now)) return fail(409, 'NOT_HELD_YET', `活动于${e.value.held_on}举行，届时再登记出席情况`);
    if (e.value.record_published_at) return fail(409, 'RECORD_PUBLISHED', '活动记录已公布，出席情况不能再更改');
    if (e.value.kind === 'hearing' && !e.value.participants_published_at) return fail(409, 'LIST_NOT_PUBLISHED', '听证参加人名单尚未公布');
    const regs = new Map((await repo.listRegistrations(trx, eventId)).map((r) => [r.id, r]));
    for (const id of ids) {
      const r = regs.get(id);
      if (!r) return fail(400, 'REGISTRATION_NOT_FOUND', '所选的报名记录不属于这项活动');
      if (e.value.kind === 'hearing' && r.status !== 'selected') return fail(400, 'NOT_A_PARTICIPANT', '只有选定的听证参加人可以登记为出席');
    }
    const total = input.total ?? ids.length;
    if (total < ids.length) return fail(400, 'ATTENDANCE_TOO_LOW', `出席总人数不能少于登记出席的${ids.length}人`);
    await repo.setAttended(trx, eventId, ids);
    await repo.updateEvent(trx, eventId, { attendance: total, updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.attendance',
      entityType: 'participation_event',
      entityId: eventId,
      before: { attendance: e.value.attendance },
      after: { attendance: total, registeredAttended: ids.length },
    });
    return ok({ attendance: total });
  });
}

/**
 * Saves the record (听证笔录 / 座谈会纪要: statements, questions, answers) and, optionally, the scan of the pages the
 * participants signed. The scan's type comes from its bytes (PDF, PNG or JPEG); it is stored in the file store.
 * Replaceable until published.
 */
export async function saveRecord(
  ctx: AppContext,
  meta: CommandMeta,
  eventId: string,
  input: { text: string; scan?: Buffer | null },
): Promise<Result<{ id: string; scanType: RecordScanType | null }>> {
  const text = clean(input.text);
  if (!text) return fail(400, 'RECORD_EMPTY', '请填写活动记录（陈述、询问和回应的主要内容）');
  if (text.length > MAX_RECORD_CHARS) return fail(400, 'RECORD_TOO_LONG', `活动记录不能超过${MAX_RECORD_CHARS}字`);
  let scanType: RecordScanType | null = null;
  if (input.scan) {
    if (input.scan.length > PARTICIPATION_RULES.recordScanMaxBytes)
      return fail(413, 'FILE_TOO_LARGE', `签字页扫描件不能超过${PARTICIPATION_RULES.recordScanMaxBytes / 1024 / 1024} MB`);
    const t = await sniffFileType(input.scan);
    if (!(RECORD_SCAN_TYPES as readonly string[]).includes(t))
      return fail(415, 'UNSUPPORTED_FILE_TYPE', '签字页扫描件只能是 PDF、PNG 或 JPEG 文件（按文件内容判断）');
    scanType = t as RecordScanType;
  }
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (e.value.record_published_at) return fail(409, 'RECORD_PUBLISHED', '活动记录已公布，不能再更改');
    if (e.value.attendance === null) return fail(409, 'ATTENDANCE_MISSING', '请先登记出席情况，再录入活动记录');
    const sha = input.scan ? await storeFile(ctx.config.dataDir, input.scan) : e.value.record_scan_sha256;
    await repo.updateEvent(trx, eventId, { record_text: text, record_scan_sha256: sha, updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.record',
      entityType: 'participation_event',
      entityId: eventId,
      before: { scanSha256: e.value.record_scan_sha256, hadText: e.value.record_text !== null },
      after: { scanSha256: sha, chars: text.length },
    });
    return ok({ id: eventId, scanType });
  });
}

/**
 * Publishes the record together with the summary of the opinions heard and how they were adopted (第十八条). A hearing's
 * record needs the participants' signed confirmation (第十七条) uploaded first. Never changed afterwards.
 */
export async function publishRecord(ctx: AppContext, meta: CommandMeta, eventId: string, feedback: string): Promise<Result<{ id: string }>> {
  const text = clean(feedback);
  if (!text) return fail(400, 'FEEDBACK_EMPTY', '请填写意见汇总和采纳情况');
  if (text.length > MAX_FEEDBACK_CHARS) return fail(400, 'FEEDBACK_TOO_LONG', `意见采纳情况不能超过${MAX_FEEDBACK_CHARS}字`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const e = await ownEvent(trx, meta, eventId);
    if (!e.ok) return e;
    if (e.value.record_published_at) return fail(409, 'RECORD_PUBLISHED', '活动记录已公布');
    if (e.value.record_text === null) return fail(409, 'RECORD_MISSING', '请先录入活动记录');
    if (e.value.kind === 'hearing' && !e.value.record_scan_sha256) return fail(409, 'SIGNED_SCAN_MISSING', '听证笔录须经参加人确认签字：请先上传签字页扫描件');
    await repo.updateEvent(trx, eventId, { feedback: text, record_published_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      unitCode: e.value.unit_code,
      action: 'participation.event.publish_record',
      entityType: 'participation_event',
      entityId: eventId,
      after: { chars: text.length },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id: eventId });
  });
}
