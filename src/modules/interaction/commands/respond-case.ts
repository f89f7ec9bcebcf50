/**
 * What the person does with their tracking code and secret: rate the answer (满意 / 基本满意 / 不满意 with a
 * reason; once per answer), or — for a question not answered in time — say 未答复. 不满意 and 未答复 follow
 * `afterUnsatisfied` (workflow): a question goes up to the town (乡镇/街道) for 调查核实; a 咨询/建议/投诉 reopens
 * once at the same unit, then goes to the parent unit; after that the rating is final.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { findUnit } from '../../org/index.ts';
import { getCalendar } from '../../calendar/index.ts';
import { correctionViews } from '../../publishing/index.ts';
import { hashSecret } from '../../requests/index.ts';
import { findCaseByTracking, loadSettings, updateCase, type CaseRow } from '../interaction.repository.ts';
import { afterUnsatisfied, resolveTransition } from '../interaction.workflow.ts';
import { RATING_TEXT, type CaseKind, type Rating } from '../interaction.types.ts';
import { cleanText, dueFrom, publicChanged, recordStep } from './shared.ts';

export const TRACKING_NOT_FOUND = fail(404, 'TRACKING_NOT_FOUND', '查询码或查询密码不正确，请核对后重新输入（字母不区分大小写）');

/** The case of a tracking code when the secret matches (timing-safe); the same 404 for an unknown code and a wrong secret. */
export async function caseByCredentials(db: AppContext['db'], code: string, secret: string): Promise<Result<CaseRow>> {
  const row = await findCaseByTracking(db, code.trim().toUpperCase());
  const given = Buffer.from(hashSecret(secret.trim().toUpperCase()));
  const expected = Buffer.from(row?.tracking_secret_hash ?? hashSecret('-'));
  if (!row || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return TRACKING_NOT_FOUND;
  return ok(row);
}

export interface RespondInput {
  code: string;
  secret: string;
  response: Rating | 'unanswered';
  reason?: string | null;
}

export async function respondToCase(ctx: AppContext, requestId: string, input: RespondInput): Promise<Result<{ id: string; status: string }>> {
  const reason = cleanText(input.reason, input.response === 'unanswered' ? '说明' : '不满意的理由', {
    max: 1000,
    min: 2,
    required: input.response === 'unsatisfied',
  });
  if (!reason.ok) return reason;
  if (input.response !== 'unanswered' && !RATING_TEXT[input.response]) return fail(400, 'INVALID_RATING', '请选择满意、基本满意或不满意');
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, { actor: null, requestId }, async ({ trx, now, audit }) => {
    const found = await caseByCredentials(trx, input.code, input.secret);
    if (!found.ok) return found;
    const row = found.value;
    const kind = row.kind as CaseKind;
    const today = chinaDate(now);
    const at = now.toISOString();
    const action = input.response === 'unanswered' ? 'unanswered' : 'rate';
    if (action === 'rate' && row.rating) return fail(409, 'ALREADY_RATED', `您已评价过这次答复（${RATING_TEXT[row.rating]}），每次答复只能评价一次`);
    const t = resolveTransition(kind, row.status, action);
    if (!t.ok) return row.status === 'merged' ? fail(409, 'MERGED', '这件事项与相同事项合并办理，答复后即可评价') : t;
    if (action === 'unanswered' && (!row.due_on || today <= row.due_on))
      return fail(409, 'NOT_OVERDUE', `答复期限是${row.due_on}，期限届满仍未答复的，可以反映未答复`);
    if (action === 'rate' && row.status === 'correcting') {
      const c = row.disclosure_id ? (await correctionViews(trx, row.disclosure_id)).find((x) => x.id === row.correction_id) : undefined;
      if (c?.status !== 'approved') return fail(409, 'CORRECTION_PENDING', '更正还在审核，重新公布后即可评价');
    }
    const settings = await loadSettings(trx);
    const unhappy = input.response === 'unsatisfied' || input.response === 'unanswered';
    let patch: Partial<CaseRow> = { updated_at: at };
    let to = 'closed';
    let effect: string = 'close';
    if (action === 'rate') patch = { ...patch, rating: input.response, rating_reason: reason.value, rated_at: at };
    if (!unhappy) patch = { ...patch, status: 'closed', closed_on: today };
    else {
      const next = afterUnsatisfied(kind, row.reopen_count, row.escalation_level);
      effect = next.effect;
      to = next.status;
      if (next.effect === 'reopen') {
        const due = dueFrom(calendar, today, settings.limits[kind]);
        patch = { ...patch, status: 'handling', reopen_count: row.reopen_count + 1, due_on: due.date, due_provisional: due.provisional ? 1 : 0 };
      } else if (next.effect === 'escalate') {
        const from = await findUnit(trx, kind === 'question' ? row.origin_unit_code : row.unit_code);
        const parent = from?.parent_code ? await findUnit(trx, from.parent_code) : undefined;
        if (!parent) {
          to = 'closed';
          effect = 'final';
          patch = { ...patch, status: 'closed', closed_on: today };
        } else {
          const due = dueFrom(calendar, today, kind === 'question' ? settings.investigation : settings.limits[kind]);
          patch = {
            ...patch,
            status: next.status,
            unit_code: parent.code,
            escalation_level: row.escalation_level + 1,
            due_on: due.date,
            due_provisional: due.provisional ? 1 : 0,
          };
        }
      } else patch = { ...patch, status: 'closed', closed_on: today };
    }
    await updateCase(trx, row.id, patch);
    const note =
      input.response === 'unanswered'
        ? `反映逾期未答复${reason.value ? `：${reason.value}` : ''}`
        : `评价：${RATING_TEXT[input.response]}${reason.value ? `。${reason.value}` : ''}`;
    await recordStep(trx, row, {
      action: action === 'rate' ? `rate-${input.response}` : 'unanswered',
      from: row.status,
      to,
      unitCode: patch.unit_code ?? row.unit_code,
      actor: null,
      actorName: '本人',
      note,
      detail: { effect },
      at,
    });
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: row.unit_code,
      action: action === 'rate' ? 'interaction.rate' : 'interaction.unanswered',
      entityType: 'interaction_case',
      entityId: row.id,
      before: { status: row.status, unit: row.unit_code },
      after: { status: to, unit: patch.unit_code ?? row.unit_code, rating: action === 'rate' ? input.response : null, effect },
    });
    return ok({ id: row.id, status: to });
  });
}
