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
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import type { Executor } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { publicChanged } from './participation.gate.ts';
import { isGovernmentUnit, unitFor } from './participation.policy.ts';
import { EVENT_KIND_CODES, PARTICIPATION_RULES, earliestHearingOn, latestMaterialsOn } from './participation.rules.ts';
import * as repo from './participation.repository.ts';

const clean = (s: string | null | undefined) => (s ?? '').trim();
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

function checkInput(input: EventInput): Result<null> {
  if (!EVENT_KIND_CODES.includes(input.kind)) return fail(400, 'INVALID_KIND', '请选择活动类型');
  if (!clean(input.title) || !clean(input.description) || !clean(input.place)) return fail(400, 'EVENT_INCOMPLETE', '请填写活动名称、内容说明和地点');
  for (const [label, d] of [
    ['举行日期', input.heldOn],
    ['报名截止日期', input.registrationUntil],
    ['材料送达日期', input.materialsSentOn],
  ] as const)
    if (d && !isRealDate(d)) return fail(400, 'INVALID_DATE', `${label}“${d}”不是有效日期`);
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
  const missing = fail(404, 'EVENT_NOT_FOUND', '没有找到这项活动');
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
