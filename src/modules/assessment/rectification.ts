/**
 * 整改 work orders: the county office issues an order to a unit with a deadline in working days (statutory
 * calendar), the unit responds with evidence, the county re-checks and closes it or re-opens it with a new
 * deadline. Every step is one command with its audit event; rows outside the caller's scope answer 404.
 *
 *   issued ──respond──▶ responded ──close──▶ closed
 *     ▲                    │                    │
 *     └──────reopen────────┴────────reopen──────┘
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import type { ReminderItem } from '../../platform/module.ts';
import { lockForUpdate, type Executor } from '../../platform/db/database.ts';
import { findUnit } from '../org/index.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { dueSoonUntil, loadReminderSettings } from '../notifications/index.ts';
import { canAssess, canRespondFor, canSeeUnit } from './assessment.policy.ts';
import {
  countOrdersWithSerialPrefix,
  findOrder,
  insertOrder,
  insertStep,
  listOpenOrders,
  listOrders,
  listSteps,
  updateOrder,
  type OrderRow,
} from './assessment.repository.ts';
import { checkSignoff } from '../../platform/workflow/signoff.ts';
import { contributionsOf, recordContribution } from '../../platform/workflow/contributions.repository.ts';
import { parseEvidence, resolveEvidence, type Evidence, type EvidenceInput } from './evidence.ts';

export const ORDER_STATUSES = { issued: '待整改', responded: '待复核', closed: '已销号' } as const;
export type OrderStatus = keyof typeof ORDER_STATUSES;
export const STEP_ACTIONS = { issue: '下发整改通知', respond: '单位反馈整改情况', close: '复核通过并销号', reopen: '复核未通过，退回重新整改' } as const;

/** Longest deadline a county admin may set (about half a year); a bound on input, not a legal rule. */
export const MAX_ORDER_WORKING_DAYS = 120;
/** Advisory lock (PostgreSQL) serialising the per-year 整改〔YYYY〕N号 serial across processes; SQLite has one writer. */
const SERIAL_LOCK_KEY = 77_610_001;

export type OrderStepView = {
  seq: number;
  action: string;
  actionLabel: string;
  actor: string | null;
  at: string;
  comment: string | null;
  evidence: Evidence[];
};

export type OrderView = {
  id: string;
  serial: string;
  unit: { code: string; name: string };
  title: string;
  problem: string;
  obligationRef: string | null;
  findingRef: string | null;
  issuedOn: string;
  workingDays: number;
  dueDate: string;
  dueProvisional: boolean;
  status: OrderStatus;
  statusLabel: string;
  round: number;
  /** Open and past its deadline (as of today, China time). */
  overdue: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  steps?: OrderStepView[];
  /** What the caller may do next. */
  can: { respond: boolean; close: boolean; reopen: boolean };
};

/** `selfReview`: the actor wrote a response to this order (two-person sign-off: they may not 复核 it). */
function viewOf(row: OrderRow, actor: Actor, today: string, steps?: OrderStepView[], selfReview = false): OrderView {
  const status = row.status as OrderStatus;
  const assessor = canAssess(actor, row.unit_path);
  return {
    id: row.id,
    serial: row.serial,
    unit: { code: row.unit_code, name: row.unit_name },
    title: row.title,
    problem: row.problem,
    obligationRef: row.obligation_ref,
    findingRef: row.finding_ref,
    issuedOn: row.issued_on,
    workingDays: row.working_days,
    dueDate: row.due_date,
    dueProvisional: row.due_provisional === 1,
    status,
    statusLabel: ORDER_STATUSES[status] ?? row.status,
    round: row.round,
    overdue: status === 'issued' && today > row.due_date,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    ...(steps ? { steps } : {}),
    can: {
      respond: status === 'issued' && canRespondFor(actor, row.unit_path),
      close: status === 'responded' && assessor && !selfReview,
      reopen: ((status === 'responded' && !selfReview) || status === 'closed') && assessor,
    },
  };
}

async function stepsOf(db: Executor, id: string): Promise<OrderStepView[]> {
  return (await listSteps(db, id)).map((s) => ({
    seq: s.seq,
    action: s.action,
    actionLabel: STEP_ACTIONS[s.action as keyof typeof STEP_ACTIONS] ?? s.action,
    actor: s.actor,
    at: s.at,
    comment: s.comment,
    evidence: parseEvidence(s.evidence_json),
  }));
}

const notFound = () => fail(404, 'ORDER_NOT_FOUND', '整改通知不存在或不在您的管理范围内');

function checkWorkingDays(n: number): Result<number> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ORDER_WORKING_DAYS) return fail(400, 'INVALID_WORKING_DAYS', `整改期限应为1至${MAX_ORDER_WORKING_DAYS}个工作日`);
  return ok(n);
}

export interface IssueInput {
  unitCode: string;
  title: string;
  problem: string;
  workingDays: number;
  obligationRef?: string | null;
  findingRef?: string | null;
  evidence?: EvidenceInput[];
}

export async function issueOrder(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: IssueInput): Promise<Result<OrderView>> {
  const title = input.title.trim();
  const problem = input.problem.trim();
  if (!title) return fail(400, 'TITLE_REQUIRED', '请填写整改事项标题');
  if (!problem) return fail(400, 'PROBLEM_REQUIRED', '请写明发现的问题和整改要求');
  const wd = checkWorkingDays(input.workingDays);
  if (!wd.ok) return wd;
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const unit = await findUnit(scope.trx, input.unitCode);
    if (!unit || !canSeeUnit(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${input.unitCode}”不存在或不在您的管理范围内`);
    if (!canAssess(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以下发整改通知');
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.name}”已撤销，不能再下发整改通知`);
    if (unit.depth === 0 || meta.actor.grants.some((g) => g.role === 'county_admin' && g.unitCode === unit.code)) {
      return fail(409, 'CANNOT_ORDER_SELF', '整改通知应下发给下级单位，不能下发给本级');
    }
    const evidence = await resolveEvidence(scope.trx, input.evidence ?? [], unit.path, false);
    if (!evidence.ok) return evidence;
    return ok(await insertIssuedOrder(ctx, scope, meta.actor, unit.code, { ...input, title, problem, workingDays: wd.value }, evidence.value, calendar));
  });
}

async function insertIssuedOrder(
  ctx: AppContext,
  { trx, now, audit }: CommandScope,
  actor: Actor,
  unitCode: string,
  input: IssueInput,
  evidence: Evidence[],
  calendar: WorkCalendar,
): Promise<OrderView> {
  const issuedOn = chinaDate(now);
  const due = calendar.addWorkingDays(issuedOn, input.workingDays);
  const year = issuedOn.slice(0, 4);
  await lockForUpdate(trx, ctx.dialect, SERIAL_LOCK_KEY);
  const serial = `整改〔${year}〕${(await countOrdersWithSerialPrefix(trx, `整改〔${year}〕`)) + 1}号`;
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await insertOrder(trx, {
    id,
    serial,
    unit_code: unitCode,
    title: input.title,
    problem: input.problem,
    obligation_ref: input.obligationRef?.trim() || null,
    finding_ref: input.findingRef?.trim() || null,
    issued_on: issuedOn,
    working_days: input.workingDays,
    due_date: due.date,
    due_provisional: due.provisional ? 1 : 0,
    status: 'issued',
    round: 1,
    created_at: at,
    created_by: actor.username,
    updated_at: at,
  });
  await insertStep(trx, {
    id: crypto.randomUUID(),
    order_id: id,
    action: 'issue',
    actor: actor.username,
    at,
    comment: input.problem,
    evidence_json: JSON.stringify(evidence),
  });
  await audit({
    unitCode,
    action: 'rectification.issue',
    entityType: 'rectification_order',
    entityId: id,
    after: { serial, title: input.title, dueDate: due.date, workingDays: input.workingDays, findingRef: input.findingRef ?? null },
  });
  const row = (await findOrder(trx, id))!;
  return viewOf(row, actor, issuedOn, await stepsOf(trx, id));
}

/**
 * For another module's inspection (archives: a town inspects a village's 公开栏), inside that module's command: the
 * caller has authorized the inspector over the unit (the 乡镇 supervises its villages' openness) and passes the
 * finding as `findingRef` and its photos as links. The order is then like any other: the unit responds with evidence,
 * and the inspector's re-check closes or re-opens it through closeOrderInScope / reopenOrderInScope.
 */
/** `calendar` is loaded by the caller before its transaction (a read of `ctx.db` inside it would wait for the transaction's own connection). */
export async function issueOrderInScope(
  ctx: AppContext,
  scope: CommandScope,
  actor: Actor,
  input: IssueInput,
  calendar: WorkCalendar,
): Promise<Result<OrderView>> {
  const title = input.title.trim();
  const problem = input.problem.trim();
  if (!title || !problem) return fail(400, 'PROBLEM_REQUIRED', '请写明发现的问题和整改要求');
  const wd = checkWorkingDays(input.workingDays);
  if (!wd.ok) return wd;
  const unit = await findUnit(scope.trx, input.unitCode);
  if (!unit || unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `单位“${input.unitCode}”不存在或已撤销，不能下发整改通知`);
  const evidence = await resolveEvidence(scope.trx, input.evidence ?? [], unit.path, false);
  if (!evidence.ok) return evidence;
  return ok(await insertIssuedOrder(ctx, scope, actor, unit.code, { ...input, title, problem, workingDays: wd.value }, evidence.value, calendar));
}

async function loadForChange(trx: Executor, actor: Actor, id: string): Promise<Result<OrderRow>> {
  const row = await findOrder(trx, id);
  if (!row || !canSeeUnit(actor, row.unit_path)) return notFound();
  return ok(row);
}

export async function respondToOrder(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: { text: string; evidence: EvidenceInput[] },
): Promise<Result<OrderView>> {
  const text = input.text.trim();
  if (!text) return fail(400, 'RESPONSE_REQUIRED', '请写明整改情况');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await loadForChange(trx, meta.actor, id);
    if (!found.ok) return found;
    const row = found.value;
    if (!canRespondFor(meta.actor, row.unit_path)) return fail(403, 'FORBIDDEN', '只有被整改单位（或其上级单位）的经办、审核人员可以反馈整改情况');
    if (row.status !== 'issued') return fail(409, 'INVALID_STATE', `该整改通知当前为“${ORDER_STATUSES[row.status as OrderStatus]}”，不能再次反馈`);
    const evidence = await resolveEvidence(trx, input.evidence, row.unit_path, true);
    if (!evidence.ok) return evidence;
    const at = now.toISOString();
    await updateOrder(trx, id, { status: 'responded', updated_at: at });
    await insertStep(trx, {
      id: crypto.randomUUID(),
      order_id: id,
      action: 'respond',
      actor: meta.actor.username,
      at,
      comment: text,
      evidence_json: JSON.stringify(evidence.value),
    });
    await recordContribution(trx, {
      entityType: 'rectification_order',
      entityId: id,
      revision: 1,
      userId: meta.actor.userId,
      kind: 'author',
      action: 'rectification.respond',
      at,
    });
    const late = chinaDate(now) > row.due_date;
    await audit({
      unitCode: row.unit_code,
      action: 'rectification.respond',
      entityType: 'rectification_order',
      entityId: id,
      before: { status: row.status },
      after: { status: 'responded', evidence: evidence.value.length, late },
    });
    return ok(viewOf((await findOrder(trx, id))!, meta.actor, chinaDate(now), await stepsOf(trx, id), await wroteResponse(trx, meta.actor, id)));
  });
}

export async function closeOrder(ctx: AppContext, meta: CommandMeta & { actor: Actor }, id: string, input: { comment?: string }): Promise<Result<OrderView>> {
  return runCommand(ctx, meta, async (scope) => {
    const found = await loadForChange(scope.trx, meta.actor, id);
    if (!found.ok) return found;
    if (!canAssess(meta.actor, found.value.unit_path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以复核销号');
    return closeLoaded(scope, meta.actor, found.value, input.comment);
  });
}

/** 复核销号 inside another module's command (archives' re-check of a board finding); the caller has authorized the actor. */
export async function closeOrderInScope(scope: CommandScope, actor: Actor, id: string, comment?: string): Promise<Result<OrderView>> {
  const row = await findOrder(scope.trx, id);
  if (!row) return notFound();
  return closeLoaded(scope, actor, row, comment);
}

async function closeLoaded({ trx, now, audit }: CommandScope, actor: Actor, row: OrderRow, comment?: string): Promise<Result<OrderView>> {
  const id = row.id;
  if (row.status !== 'responded') return fail(409, 'INVALID_STATE', row.status === 'closed' ? '该整改通知已经销号' : '单位尚未反馈整改情况，不能销号');
  // 复核 is a review: whoever wrote any round of the unit's response may not sign it off.
  const signoff = checkSignoff(actor.userId, await contributionsOf(trx, 'rectification_order', id, 1), '该整改情况反馈');
  if (!signoff.ok) return fail(signoff.status, signoff.code, signoff.message);
  const at = now.toISOString();
  await updateOrder(trx, id, { status: 'closed', updated_at: at });
  await insertStep(trx, {
    id: crypto.randomUUID(),
    order_id: id,
    action: 'close',
    actor: actor.username,
    at,
    comment: comment?.trim() || null,
    evidence_json: '[]',
  });
  await audit({
    unitCode: row.unit_code,
    action: 'rectification.close',
    entityType: 'rectification_order',
    entityId: id,
    before: { status: row.status },
    after: { status: 'closed' },
  });
  return ok(viewOf((await findOrder(trx, id))!, actor, chinaDate(now), await stepsOf(trx, id), await wroteResponse(trx, actor, id)));
}

export async function reopenOrder(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: { comment: string; workingDays: number },
): Promise<Result<OrderView>> {
  const comment = input.comment.trim();
  if (!comment) return fail(400, 'REASON_REQUIRED', '请写明复核未通过的原因和新的整改要求');
  const wd = checkWorkingDays(input.workingDays);
  if (!wd.ok) return wd;
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const found = await loadForChange(scope.trx, meta.actor, id);
    if (!found.ok) return found;
    if (!canAssess(meta.actor, found.value.unit_path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以退回整改');
    return reopenLoaded(scope, meta.actor, found.value, comment, wd.value, calendar);
  });
}

/** 复核未通过 inside another module's command (archives' re-check of a board finding); the caller has authorized the actor. */
export async function reopenOrderInScope(
  scope: CommandScope,
  actor: Actor,
  id: string,
  input: { comment: string; workingDays: number },
  calendar: WorkCalendar,
): Promise<Result<OrderView>> {
  const comment = input.comment.trim();
  if (!comment) return fail(400, 'REASON_REQUIRED', '请写明复核未通过的原因和新的整改要求');
  const wd = checkWorkingDays(input.workingDays);
  if (!wd.ok) return wd;
  const row = await findOrder(scope.trx, id);
  if (!row) return notFound();
  return reopenLoaded(scope, actor, row, comment, wd.value, calendar);
}

async function reopenLoaded(
  { trx, now, audit }: CommandScope,
  actor: Actor,
  row: OrderRow,
  comment: string,
  workingDays: number,
  calendar: WorkCalendar,
): Promise<Result<OrderView>> {
  const id = row.id;
  if (row.status === 'issued') return fail(409, 'INVALID_STATE', '该整改通知仍在整改中，无需退回');
  if (row.status === 'responded') {
    const signoff = checkSignoff(actor.userId, await contributionsOf(trx, 'rectification_order', id, 1), '该整改情况反馈');
    if (!signoff.ok) return fail(signoff.status, signoff.code, signoff.message);
  }
  const today = chinaDate(now);
  const due = calendar.addWorkingDays(today, workingDays);
  const at = now.toISOString();
  await updateOrder(trx, id, {
    status: 'issued',
    round: row.round + 1,
    working_days: workingDays,
    due_date: due.date,
    due_provisional: due.provisional ? 1 : 0,
    updated_at: at,
  });
  await insertStep(trx, { id: crypto.randomUUID(), order_id: id, action: 'reopen', actor: actor.username, at, comment, evidence_json: '[]' });
  await audit({
    unitCode: row.unit_code,
    action: 'rectification.reopen',
    entityType: 'rectification_order',
    entityId: id,
    before: { status: row.status, dueDate: row.due_date },
    after: { status: 'issued', round: row.round + 1, dueDate: due.date },
  });
  return ok(viewOf((await findOrder(trx, id))!, actor, today, await stepsOf(trx, id), await wroteResponse(trx, actor, id)));
}

async function wroteResponse(db: Executor, actor: Actor, id: string): Promise<boolean> {
  return !checkSignoff(actor.userId, await contributionsOf(db, 'rectification_order', id, 1), '该整改情况反馈').ok;
}

export async function getOrder(ctx: AppContext, actor: Actor, id: string): Promise<Result<OrderView>> {
  const row = await findOrder(ctx.db, id);
  if (!row || !canSeeUnit(actor, row.unit_path)) return notFound();
  return ok(viewOf(row, actor, chinaDate(ctx.clock.now()), await stepsOf(ctx.db, id), await wroteResponse(ctx.db, actor, id)));
}

export async function listOrdersFor(
  ctx: AppContext,
  actor: Actor,
  q: { status?: OrderStatus; unitCode?: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: OrderView[] }>> {
  let unitPath: string | undefined;
  if (q.unitCode) {
    const unit = await findUnit(ctx.db, q.unitCode);
    if (!unit || !canSeeUnit(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${q.unitCode}”不存在或不在您的管理范围内`);
    unitPath = unit.path;
  }
  const res = await listOrders(ctx.db, { roots: scopeRoots(actor), status: q.status, unitPath, limit: q.limit, offset: q.offset });
  const today = chinaDate(ctx.clock.now());
  return ok({ total: res.total, items: res.items.map((r) => viewOf(r, actor, today)) });
}

/**
 * Open orders near or past their deadline, for the reminder service (pure reads). "Near" is the platform's one
 * due-soon window (the reminder settings' dueSoonWorkingDays, default 3), as for catalog obligations.
 */
export async function rectificationReminders(ctx: AppContext, asOf: string): Promise<ReminderItem[]> {
  const [calendar, settings] = await Promise.all([getCalendar(ctx), loadReminderSettings(ctx.db)]);
  const out: ReminderItem[] = [];
  const until = dueSoonUntil(calendar, asOf, settings.dueSoonWorkingDays);
  for (const o of await listOpenOrders(ctx.db)) {
    const base = {
      unitCode: o.unit_code,
      kind: 'rectification',
      title: `整改：${o.title}（${o.serial}）`,
      dueDate: o.due_date,
      link: `/admin/rectifications/${o.id}`,
    };
    if (asOf > o.due_date) {
      out.push({
        ...base,
        key: `rectification:${o.id}:r${o.round}:overdue`,
        status: 'overdue',
        overdueWorkingDays: calendar.workingDaysBetween(o.due_date, asOf).workingDays,
      });
    } else if (o.due_date <= until) {
      out.push({ ...base, key: `rectification:${o.id}:r${o.round}:due-soon`, status: 'due-soon', overdueWorkingDays: 0 });
    }
  }
  return out;
}
