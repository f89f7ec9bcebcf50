/**
 * 答复: the unit's answer (已解答), or for a question 经核实无误 with the facts that were checked. The answer is
 * what the person reads and, when both agree, what the public reads: the personal-data gate refuses an answer
 * holding personal data (an unmasked ID number, a phone…). Cases merged into this one get the same answer.
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { ok, type Result } from '../../../platform/result.ts';
import { casesMergedInto, updateCase } from '../interaction.repository.ts';
import { MAX_ANSWER } from '../interaction.types.ts';
import { cleanText, loadCaseFor, publicChanged, publicTextProblem, recordStep } from './shared.ts';

export interface AnswerInput {
  answer: string;
  /** verify only: what was checked (documents, vouchers, people asked). */
  facts?: string | null;
}

export async function answerCase(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  action: 'answer' | 'verify',
  input: AnswerInput,
): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  const answer = cleanText(input.answer, '答复内容', { max: MAX_ANSWER, min: 5, required: true });
  if (!answer.ok) return answer;
  const facts = cleanText(input.facts, '核实情况', { max: MAX_ANSWER, min: 5, required: action === 'verify' });
  if (!facts.ok) return facts;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseFor(trx, actor, id, action);
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    const today = chinaDate(now);
    const bad = publicTextProblem(answer.value!, '答复', today) ?? (facts.value ? publicTextProblem(facts.value, '核实情况', today) : null);
    if (bad) return bad;
    const at = now.toISOString();
    const outcome = action === 'verify' ? 'verified' : 'answered';
    const patch = {
      status: 'answered',
      answer: answer.value,
      facts: facts.value,
      outcome,
      answered_on: today,
      answered_by: actor.userId,
      answered_unit_code: unit.code,
      rating: null,
      rating_reason: null,
      rated_at: null,
      updated_at: at,
    };
    for (const c of [row, ...(await casesMergedInto(trx, row.id))]) {
      await updateCase(trx, c.id, c.id === row.id ? patch : { ...patch, status: 'answered' });
      await recordStep(trx, c, {
        action,
        from: c.status,
        to: 'answered',
        unitCode: unit.code,
        actor,
        note: answer.value,
        detail: facts.value ? { facts: facts.value } : undefined,
        at,
      });
    }
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.code,
      action: `interaction.${action}`,
      entityType: 'interaction_case',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'answered', outcome, answeredOn: today, onTime: row.due_on ? today <= row.due_on : null },
    });
    return ok({ id: row.id });
  });
}
