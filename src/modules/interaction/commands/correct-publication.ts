/**
 * Correcting the answer of a 选登 publication (a published record is never silently changed): the unit that answered
 * replaces the published answer with a corrected one and a reason the public reads at the case's address, as a
 * corrected disclosure shows 已更正 with its reason and its 更正记录. The earlier answer is kept in the case's history
 * (the step's detail: before, after, reason, version) and the public page lists every correction with the answer it
 * replaced; both texts pass the personal-data gate; the portal and its caches are refreshed; audited. The person's
 * rating is not reopened (they rated the answer they were given; the staff view keeps it).
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { stepsOf, updateCase } from '../interaction.repository.ts';
import { MAX_ANSWER } from '../interaction.types.ts';
import { cleanText, loadCaseForPublication, publicChanged, publicTextProblem, recordStep } from './shared.ts';

export const CORRECT_PUBLICATION = 'correct-publication';

export interface PublicationCorrectionDetail {
  version: number;
  before: string;
  after: string;
  reason: string;
  on: string;
}

export async function correctPublication(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  body: { answer: string; reason: string },
): Promise<Result<{ id: string; version: number }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseForPublication(trx, actor, id, '更正选登的答复');
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    if (!row.published)
      return fail(
        409,
        row.publication_withdrawn_on ? 'PUBLICATION_WITHDRAWN' : 'NOT_PUBLISHED',
        row.publication_withdrawn_on ? '这件事项的选登已经撤回，不能再更正' : '这件事项没有选登；答复尚未公开，不需要走更正',
      );
    const reasonText = cleanText(body.reason, '更正理由（群众会看到）', { required: true, min: 4, max: 500 });
    if (!reasonText.ok) return reasonText;
    const answerText = cleanText(body.answer, '更正后的答复', { required: true, min: 5, max: MAX_ANSWER });
    if (!answerText.ok) return answerText;
    const reason = reasonText.value!;
    const answer = answerText.value!;
    if (answer === (row.answer ?? '').trim()) return fail(400, 'NOTHING_CHANGED', '更正后的答复与现在公开的答复相同，请修改答复内容');
    const on = chinaDate(now);
    const problem = publicTextProblem(answer, '更正后的答复', on) ?? publicTextProblem(reason, '更正理由', on);
    if (problem) return problem;
    const version = (await stepsOf(trx, row.id)).filter((s) => s.action === CORRECT_PUBLICATION).length + 2;
    const at = now.toISOString();
    await updateCase(trx, row.id, { answer, updated_at: at });
    const detail: PublicationCorrectionDetail = { version, before: row.answer ?? '', after: answer, reason, on };
    await recordStep(trx, row, {
      action: CORRECT_PUBLICATION,
      from: row.status,
      to: row.status,
      unitCode: unit.code,
      actor,
      note: `更正选登的答复（第${version}版）：${reason}`,
      at,
      detail,
    });
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.code,
      action: 'interaction.publication.correct',
      entityType: 'interaction_case',
      entityId: row.id,
      before: { answer: row.answer, version: version - 1 },
      after: { answer, version, reason },
    });
    return ok({ id: row.id, version });
  });
}
