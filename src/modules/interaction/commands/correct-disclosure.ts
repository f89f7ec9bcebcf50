/**
 * 经核实内容有遗漏或不真实 → 更正/重新公布 through publishing's correction workflow (two-person sign-off), in the
 * same transaction as the case: the question (masked by the personal-data gate) is the correction's public
 * reason with the case number, the case keeps the correction's id (the link both ways: the disclosure page lists
 * the question, the question shows the corrected record). Also how a village fulfils the town's order to correct.
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { correctionViews, maskAll, settleDue, piiRules, proposeCorrectionWithin } from '../../publishing/index.ts';
import { findCase, markOrderDone, updateCase } from '../interaction.repository.ts';
import { cleanText, loadCaseFor, publicChanged, publicTextProblem, recordStep } from './shared.ts';

export interface CorrectInput {
  title?: string;
  docNo?: string | null;
  body?: string;
  /** What the unit tells the person (optional; a default sentence otherwise). */
  note?: string | null;
}

/** The public reason: 「群众询问（互2026-00001）：…」, the question with personal data masked, within publishing's 500 characters. */
export function correctionReason(caseNo: string, content: string, today: string): string {
  const masked = maskAll(content, piiRules(), { today }).replace(/\s+/g, ' ').trim();
  const head = `根据群众询问（${caseNo}）更正：`;
  const room = 500 - head.length;
  return head + (masked.length > room ? `${masked.slice(0, room - 1)}…` : masked);
}

export async function correctDisclosure(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: CorrectInput,
): Promise<Result<{ id: string; correctionId: string }>> {
  const actor = meta.actor!;
  const note = cleanText(input.note, '告知询问人的说明', { max: 2000 });
  if (!note.ok) return note;
  const target = (await findCase(ctx.db, id))?.disclosure_id;
  if (target) await settleDue(ctx, target);
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now, audit } = scope;
    const loaded = await loadCaseFor(trx, actor, id, 'correct');
    if (!loaded.ok) return loaded;
    const { row, origin } = loaded.value;
    if (!row.disclosure_id) return fail(409, 'NO_DISCLOSURE', '这件事项没有对应的公开信息');
    if (row.status === 'correcting') {
      const prev = (await correctionViews(trx, row.disclosure_id)).find((c) => c.id === row.correction_id);
      if (prev?.status === 'approved') return fail(409, 'ALREADY_CORRECTED', '更正已审核生效，内容已重新公布');
      if (prev?.status === 'pending') return fail(409, 'CORRECTION_PENDING', '更正正在等待审核，请等审核人员同意或退回后再办理');
    }
    const today = chinaDate(now);
    if (note.value) {
      const bad = publicTextProblem(note.value, '告知询问人的说明', today);
      if (bad) return bad;
    }
    const proposed = await proposeCorrectionWithin(ctx, scope, actor, row.disclosure_id, {
      reason: correctionReason(row.case_no, row.content, today),
      title: input.title,
      docNo: input.docNo,
      body: input.body,
    });
    if (!proposed.ok) return proposed;
    const at = now.toISOString();
    const answer = note.value ?? '经核实，公开内容确有遗漏或不真实，已提出更正，经审核后重新公布。';
    await updateCase(trx, row.id, {
      status: 'correcting',
      outcome: 'corrected',
      correction_id: proposed.value.correctionId,
      answer: row.escalation_level > 0 && row.answer ? row.answer : answer,
      answered_on: row.answered_on ?? today,
      answered_by: row.answered_by ?? actor.userId,
      answered_unit_code: row.answered_unit_code ?? origin.code,
      updated_at: at,
    });
    if (row.status === 'ordered') await markOrderDone(trx, row.id, today);
    await recordStep(trx, row, {
      action: 'correct',
      from: row.status,
      to: 'correcting',
      unitCode: origin.code,
      actor,
      note: answer,
      detail: { disclosureId: row.disclosure_id, correctionId: proposed.value.correctionId },
      at,
    });
    await publicChanged(ctx, scope);
    await audit({
      unitCode: origin.code,
      action: 'interaction.correct',
      entityType: 'interaction_case',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'correcting', disclosureId: row.disclosure_id, correctionId: proposed.value.correctionId },
    });
    return ok({ id: row.id, correctionId: proposed.value.correctionId });
  });
}
