/**
 * Helpers every interaction command shares: loading a case for an action (scope → 404, transition → 409/400,
 * capacity → 403), due dates on the working-day calendar, the history step, and the text rules (length, and
 * the personal-data gate for text that may be published).
 */
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/auth/roles.ts';
import type { Executor, Trx } from '../../../platform/db/database.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../../platform/views/page-cache.ts';
import { findUnit, type OrgUnitRow } from '../../org/index.ts';
import { addCalendarDays, addWorkingDays, type WorkCalendar } from '../../calendar/index.ts';
import { reasonProblem } from '../../publishing/index.ts';
import { findCase, insertStep, type CaseRow } from '../interaction.repository.ts';
import { canHandle, canView } from '../interaction.policy.ts';
import { resolveTransition, type Transition } from '../interaction.workflow.ts';
import type { TimeLimit } from '../interaction.settings.ts';
import type { CaseKind } from '../interaction.types.ts';

export interface LoadedCase {
  row: CaseRow;
  unit: OrgUnitRow;
  origin: OrgUnitRow;
  t: Transition;
}

/**
 * Loads a case for a step on its 选登 publication (publish, withdraw, correct), done by the answering unit: outside
 * the actor's scope → 404; a viewer who does not handle for that unit → 403 naming `verb` (e.g. 撤回选登).
 */
export async function loadCaseForPublication(trx: Executor, actor: Actor, id: string, verb: string): Promise<Result<Omit<LoadedCase, 't'>>> {
  const row = await findCase(trx, id);
  const unit = row ? await findUnit(trx, row.answered_unit_code ?? row.unit_code) : undefined;
  const origin = row ? await findUnit(trx, row.origin_unit_code) : undefined;
  if (!row || !unit || !origin || !canView(actor, [unit.path, origin.path])) return fail(404, 'CASE_NOT_FOUND', '没有找到这件事项');
  if (!canHandle(actor, unit)) return fail(403, 'NOT_HANDLER', `只有${unit.name}的经办人员可以${verb}`);
  return ok({ row, unit, origin });
}

/** Loads a case for a staff action: outside the actor's scope → 404; wrong state → 409; viewer without the capacity → 403. */
export async function loadCaseFor(trx: Executor, actor: Actor, id: string, action: string): Promise<Result<LoadedCase>> {
  const row = await findCase(trx, id);
  if (!row) return fail(404, 'CASE_NOT_FOUND', '没有找到这件事项');
  const unit = (await findUnit(trx, row.unit_code))!;
  const origin = row.origin_unit_code === row.unit_code ? unit : (await findUnit(trx, row.origin_unit_code))!;
  if (!canView(actor, [unit.path, origin.path])) return fail(404, 'CASE_NOT_FOUND', '没有找到这件事项');
  const t = resolveTransition(row.kind as CaseKind, row.status, action);
  if (!t.ok) return t;
  const acting = t.value.by === 'origin' || (action === 'correct' && row.status !== 'handling') ? origin : unit;
  if (!canHandle(actor, acting)) return fail(403, 'NOT_HANDLER', `只有${acting.name}的经办人员可以办理这一步`);
  return ok({ row, unit, origin, t: t.value });
}

export function dueFrom(calendar: WorkCalendar, from: string, limit: Pick<TimeLimit, 'days' | 'unit'>): { date: string; provisional: boolean } {
  if (limit.unit === 'calendar') return { date: addCalendarDays(from, limit.days), provisional: false };
  const r = addWorkingDays(calendar, from, limit.days);
  return { date: r.date, provisional: r.provisional };
}

/**
 * What the public reads changed (a disclosure page's questions and answers, 选登, the monthly figures, the
 * knowledge list, the landing page): cached public pages are stale once this transaction commits. Both halves are
 * needed, as in publishing: the stamp in the database for every process, and `notePublicChange` so this process
 * re-reads the stamp at once instead of serving its cached pages for up to a second. Every command whose result a
 * public page shows calls it (a step alone, written with only the transaction, cannot reach the cache).
 */
export async function publicChanged(ctx: AppContext, scope: { trx: Trx; now: Date }): Promise<void> {
  await bumpPageCacheVersion(scope.trx, scope.now);
  notePublicChange(ctx);
}

export async function recordStep(
  trx: Trx,
  row: Pick<CaseRow, 'id'>,
  s: {
    action: string;
    from: string | null;
    to: string;
    unitCode: string;
    actor: Actor | null;
    note?: string | null;
    detail?: unknown;
    at: string;
    actorName?: string;
  },
): Promise<void> {
  await insertStep(trx, {
    case_id: row.id,
    action: s.action,
    from_status: s.from,
    to_status: s.to,
    unit_code: s.unitCode,
    actor_id: s.actor?.userId ?? null,
    actor_name: s.actorName ?? s.actor?.displayName ?? null,
    note: s.note ?? null,
    detail_json: s.detail === undefined ? null : JSON.stringify(s.detail),
    at: s.at,
  });
}

/** Trims and checks a text field: required (min chars) and at most `max` characters, with a message naming it. */
export function cleanText(raw: string | null | undefined, what: string, opts: { max: number; min?: number; required?: boolean }): Result<string | null> {
  const v = (raw ?? '').trim();
  if (!v) return opts.required ? fail(400, 'TEXT_REQUIRED', `请填写${what}`) : ok(null);
  if (opts.min && v.length < opts.min) return fail(400, 'TEXT_TOO_SHORT', `${what}请至少写${opts.min}个字`);
  if (v.length > opts.max) return fail(400, 'TEXT_TOO_LONG', `${what}不能超过${opts.max}字（现在${v.length}字）`);
  return ok(v);
}

/**
 * Text staff write that may be shown publicly (an answer, a conclusion, a knowledge entry): the one personal-data
 * gate of publishing refuses it when it holds personal data (ID numbers, phones, bank cards…), naming the kinds.
 */
export function publicTextProblem(text: string, what: string, today: string): Result<never> | null {
  return reasonProblem(text, what, today);
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
export function cleanPhone(raw: string | null | undefined): Result<string | null> {
  const v = (raw ?? '').trim();
  if (!v) return ok(null);
  if (!PHONE.test(v)) return fail(400, 'PHONE_INVALID', '联系电话格式不正确（只填数字，如 13800000000 或 0527-85000000）');
  return ok(v);
}

export async function unitOrFail(db: Executor, code: string, what = '单位'): Promise<Result<OrgUnitRow>> {
  const u = await findUnit(db, code);
  if (!u || u.active !== 1) return fail(404, 'UNIT_NOT_FOUND', `没有找到${what}：${code}`);
  return ok(u);
}

export type { AppContext };
