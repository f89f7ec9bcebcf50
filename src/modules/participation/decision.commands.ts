/**
 * Village decisions (村民会议 / 村民代表会议, 组织法第23–26条; domain.md §5.1): proposal → 两委 discussion → meeting
 * (quorum and majority checked) → resolution → implementation. The resolution and the implementation result each
 * record a triggering fact of the village catalog item 「村(居)民会议或村民代表会议的决定及实施情况」 (catalog
 * recordEvent), so 决议公开 and 实施结果公开 appear as the village's obligations within the catalog's time limit and
 * are fulfilled by disclosures linked to those events (publishing).
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { publicChanged } from './participation.gate.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { loadUnitCatalog, recordEvent } from '../catalog/index.ts';
import { recordsOfEvents } from '../publishing/index.ts';
import * as repo from './participation.repository.ts';
import type { DecisionDetail } from './participation.schemas.ts';
import { isVillageUnit, unitFor } from './participation.policy.ts';
import { DECISION_MATTERS, DECISION_MATTER_CODES, checkMeeting, needsMeeting, type MeetingFigures } from './participation.rules.ts';

const uuid = () => crypto.randomUUID();
/** The village catalog item the two obligations belong to (catalog.seed.ts). */
export const DECISION_ITEM_KEY = 'vil:hyjd';

const clean = (s: string | null | undefined) => (s ?? '').trim();

export interface ProposalInput {
  unitCode: string;
  matter: string;
  title: string;
  proposedBy: string;
  proposedOn: string;
  proposal: string;
}

export async function proposeDecision(ctx: AppContext, meta: CommandMeta, input: ProposalInput): Promise<Result<{ id: string }>> {
  if (!DECISION_MATTER_CODES.includes(input.matter)) return fail(400, 'INVALID_MATTER', '请选择事项类型');
  if (!clean(input.title) || !clean(input.proposal) || !clean(input.proposedBy)) return fail(400, 'PROPOSAL_INCOMPLETE', '请填写事项名称、提议人和提议内容');
  if (!isRealDate(input.proposedOn)) return fail(400, 'INVALID_DATE', `提议日期“${input.proposedOn}”不是有效日期`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.unitCode, 'village');
    if (!unit.ok) return unit;
    if (!isVillageUnit(unit.value)) return fail(400, 'NOT_VILLAGE', '村务决策记录只适用于村（社区）');
    if (input.proposedOn > chinaDate(now)) return fail(400, 'INVALID_DATE', '提议日期不能晚于今天');
    const id = uuid();
    const at = now.toISOString();
    await repo.insertDecision(trx, {
      id,
      unit_code: unit.value.code,
      matter: input.matter,
      title: clean(input.title),
      proposed_by: clean(input.proposedBy),
      proposed_on: input.proposedOn,
      proposal: clean(input.proposal),
      discussed_on: null,
      discussion: null,
      meeting_kind: null,
      meeting_on: null,
      quorum_basis: null,
      entitled: null,
      present: null,
      votes_for: null,
      votes_against: null,
      votes_abstain: null,
      resolution: null,
      resolved_on: null,
      resolution_event_id: null,
      implementation: null,
      implemented_on: null,
      implementation_event_id: null,
      is_demo: unit.value.is_demo,
      created_at: at,
      created_by: meta.actor?.username ?? null,
      updated_at: at,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.decision.propose',
      entityType: 'participation_decision',
      entityId: id,
      after: { matter: input.matter, title: clean(input.title), proposedOn: input.proposedOn },
    });
    return ok({ id });
  });
}

async function own(trx: Parameters<typeof repo.findDecision>[0], meta: CommandMeta, id: string): Promise<Result<repo.WithUnit<repo.DecisionRow>>> {
  const row = await repo.findDecision(trx, id);
  if (!row) return fail(404, 'DECISION_NOT_FOUND', '没有找到这项村务决策');
  const unit = await unitFor(trx, meta.actor!, row.unit_code, 'village');
  if (!unit.ok) return unit.status === 404 ? fail(404, 'DECISION_NOT_FOUND', '没有找到这项村务决策') : unit;
  return ok(row);
}

export async function recordDiscussion(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { discussedOn: string; discussion: string },
): Promise<Result<{ id: string }>> {
  if (!isRealDate(input.discussedOn)) return fail(400, 'INVALID_DATE', `讨论日期“${input.discussedOn}”不是有效日期`);
  if (!clean(input.discussion)) return fail(400, 'DISCUSSION_MISSING', '请填写村“两委”讨论的意见');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const d = await own(trx, meta, id);
    if (!d.ok) return d;
    if (d.value.resolved_on) return fail(409, 'ALREADY_RESOLVED', '已形成决议，不能再修改讨论记录');
    if (input.discussedOn < d.value.proposed_on || input.discussedOn > chinaDate(now)) return fail(400, 'INVALID_DATE', '讨论日期须在提议之后、不晚于今天');
    await repo.updateDecision(trx, id, { discussed_on: input.discussedOn, discussion: clean(input.discussion), updated_at: now.toISOString() });
    await audit({
      unitCode: d.value.unit_code,
      action: 'participation.decision.discuss',
      entityType: 'participation_decision',
      entityId: id,
      after: { discussedOn: input.discussedOn },
    });
    return ok({ id });
  });
}

export interface ResolutionInput {
  meeting?: (MeetingFigures & { on: string }) | null;
  resolution: string;
  resolvedOn: string;
}

async function decisionItemId(ctx: AppContext, unit: { code: string }, today: string): Promise<string | null> {
  const row = await repo.unitRow(ctx.db, unit.code);
  if (!row) return null;
  const catalog = await loadUnitCatalog(ctx.db, row, today);
  return catalog.items.find((i) => i.key === DECISION_ITEM_KEY)?.id ?? null;
}

/**
 * Records the resolution. A matter of 组织法第24条 without a meeting record is refused; a meeting short of its
 * quorum, or a vote short of a majority of those present, is refused with the figures.
 */
export async function recordResolution(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: ResolutionInput,
): Promise<Result<{ id: string; eventId: string | null }>> {
  if (!clean(input.resolution)) return fail(400, 'RESOLUTION_MISSING', '请填写决议内容');
  if (!isRealDate(input.resolvedOn)) return fail(400, 'INVALID_DATE', `决议日期“${input.resolvedOn}”不是有效日期`);
  const d0 = await repo.findDecision(ctx.db, id);
  if (d0 && needsMeeting(d0.matter) && !input.meeting) {
    const m = DECISION_MATTERS.find((x) => x.code === d0.matter)!;
    return fail(
      422,
      'MEETING_REQUIRED',
      `“${m.label}”须经村民会议或村民代表会议讨论决定（《村民委员会组织法》第二十四条），请录入会议记录（会议类型、日期、应到和实到人数、表决票数）`,
    );
  }
  if (input.meeting) {
    if (!isRealDate(input.meeting.on)) return fail(400, 'INVALID_DATE', `会议日期“${input.meeting.on}”不是有效日期`);
    const check = checkMeeting(input.meeting);
    if (!check.ok)
      return fail(check.code === 'INVALID_FIGURES' ? 400 : 422, check.code, check.message, {
        quorumNeeded: check.quorumNeeded,
        majorityNeeded: check.majorityNeeded,
      });
  }
  const pre = await own(ctx.db, meta, id);
  if (!pre.ok) return pre;
  const today = chinaDate(ctx.clock.now());
  if (pre.value.resolved_on) return fail(409, 'ALREADY_RESOLVED', '这项决策已经记录了决议');
  if (input.resolvedOn < pre.value.proposed_on || input.resolvedOn > today) return fail(400, 'INVALID_DATE', '决议日期须在提议之后、不晚于今天');
  if (input.meeting && input.meeting.on > input.resolvedOn) return fail(400, 'INVALID_DATE', '会议日期不能晚于决议日期');
  // The 决议公开 obligation: a triggering fact of the village catalog item (its own audited command).
  const itemId = await decisionItemId(ctx, { code: pre.value.unit_code }, today);
  let eventId: string | null = null;
  if (itemId) {
    const ev = await recordEvent(ctx, meta, pre.value.unit_code, { itemId, occurredOn: input.resolvedOn, title: `决议公开：${pre.value.title}` });
    if (!ev.ok) return ev;
    eventId = ev.value.id;
  }
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const d = await own(trx, meta, id);
    if (!d.ok) return d;
    if (d.value.resolved_on) return fail(409, 'ALREADY_RESOLVED', '这项决策已由他人记录了决议');
    const m = input.meeting;
    await repo.updateDecision(trx, id, {
      meeting_kind: m?.kind ?? null,
      meeting_on: m?.on ?? null,
      quorum_basis: m ? 'two_thirds' : null,
      entitled: m?.entitled ?? null,
      present: m?.present ?? null,
      votes_for: m?.votesFor ?? null,
      votes_against: m?.votesAgainst ?? null,
      votes_abstain: m?.votesAbstain ?? null,
      resolution: clean(input.resolution),
      resolved_on: input.resolvedOn,
      resolution_event_id: eventId,
      updated_at: now.toISOString(),
    });
    await audit({
      unitCode: d.value.unit_code,
      action: 'participation.decision.resolve',
      entityType: 'participation_decision',
      entityId: id,
      after: { meeting: m ?? null, resolvedOn: input.resolvedOn, eventId },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id, eventId });
  });
}

export async function recordImplementation(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { implementedOn: string; implementation: string },
): Promise<Result<{ id: string; eventId: string | null }>> {
  if (!clean(input.implementation)) return fail(400, 'IMPLEMENTATION_MISSING', '请填写实施结果');
  if (!isRealDate(input.implementedOn)) return fail(400, 'INVALID_DATE', `实施日期“${input.implementedOn}”不是有效日期`);
  const pre = await own(ctx.db, meta, id);
  if (!pre.ok) return pre;
  const today = chinaDate(ctx.clock.now());
  if (!pre.value.resolved_on) return fail(409, 'NOT_RESOLVED', '尚未形成决议，不能记录实施结果');
  if (pre.value.implemented_on) return fail(409, 'ALREADY_IMPLEMENTED', '已经记录了实施结果');
  if (input.implementedOn < pre.value.resolved_on || input.implementedOn > today) return fail(400, 'INVALID_DATE', '实施日期须在决议之后、不晚于今天');
  const itemId = await decisionItemId(ctx, { code: pre.value.unit_code }, today);
  let eventId: string | null = null;
  if (itemId) {
    const ev = await recordEvent(ctx, meta, pre.value.unit_code, { itemId, occurredOn: input.implementedOn, title: `实施结果公开：${pre.value.title}` });
    if (!ev.ok) return ev;
    eventId = ev.value.id;
  }
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const d = await own(trx, meta, id);
    if (!d.ok) return d;
    if (d.value.implemented_on) return fail(409, 'ALREADY_IMPLEMENTED', '已经记录了实施结果');
    await repo.updateDecision(trx, id, {
      implementation: clean(input.implementation),
      implemented_on: input.implementedOn,
      implementation_event_id: eventId,
      updated_at: now.toISOString(),
    });
    await audit({
      unitCode: d.value.unit_code,
      action: 'participation.decision.implement',
      entityType: 'participation_decision',
      entityId: id,
      after: { implementedOn: input.implementedOn, eventId },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id, eventId });
  });
}

export async function decisionDetail(ctx: AppContext, actor: NonNullable<CommandMeta['actor']>, id: string): Promise<Result<DecisionDetail>> {
  const d = await repo.findDecision(ctx.db, id);
  if (!d || !(await unitFor(ctx.db, actor, d.unit_code, 'read')).ok) return fail(404, 'DECISION_NOT_FOUND', '没有找到这项村务决策');
  const events = [d.resolution_event_id, d.implementation_event_id].filter((x): x is string => !!x);
  const disclosures = await recordsOfEvents(ctx.db, events);
  const link = (eventId: string | null) =>
    eventId
      ? {
          eventId,
          disclosures: disclosures
            .filter((x) => x.event_id === eventId)
            .map((x) => ({ id: x.id, title: x.title, status: x.status, publishedAt: x.published_at })),
        }
      : null;
  return ok({
    id: d.id,
    unitCode: d.unit_code,
    unitName: d.unit_name,
    matter: d.matter,
    matterText: DECISION_MATTERS.find((m) => m.code === d.matter)?.label ?? d.matter,
    needsMeeting: needsMeeting(d.matter),
    title: d.title,
    proposedBy: d.proposed_by,
    proposedOn: d.proposed_on,
    proposal: d.proposal,
    discussedOn: d.discussed_on,
    discussion: d.discussion,
    meeting: d.meeting_kind
      ? {
          kind: d.meeting_kind,
          on: d.meeting_on,
          entitled: d.entitled,
          present: d.present,
          votesFor: d.votes_for,
          votesAgainst: d.votes_against,
          votesAbstain: d.votes_abstain,
        }
      : null,
    resolution: d.resolution,
    resolvedOn: d.resolved_on,
    implementation: d.implementation,
    implementedOn: d.implemented_on,
    obligations: { resolution: link(d.resolution_event_id), implementation: link(d.implementation_event_id) },
    isDemo: d.is_demo === 1,
  });
}
