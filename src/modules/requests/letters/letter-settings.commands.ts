/** Use cases on letter settings: read (with what is still missing per kind) and save (validated, audited). */
import type { AppContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import type { Actor } from '../../../platform/auth/roles.ts';
import { findUnit, type OrgUnitRow } from '../../org/index.ts';
import { LETTER_KINDS, type LetterKind } from '../request.types.ts';
import { missingForKind, validateLetterSettings, type LetterSettings, type LetterSettingsInput } from './letter-settings.ts';
import { loadLetterSettings, writeLetterSettings } from './letter-settings.repository.ts';
import { ANSWERING_UNIT_KINDS, canEditLetterSettings, canReadLetters } from './letter.policy.ts';

export interface LetterSettingsView extends LetterSettings {
  unitName: string;
  /** Whether the actor may change them. */
  editable: boolean;
  /** Per letter kind: what is still missing before the unit can issue it (empty = ready). */
  readiness: { kind: LetterKind; title: string; missing: string[] }[];
}

function view(unit: OrgUnitRow, settings: LetterSettings, actor: Actor): LetterSettingsView {
  return {
    ...settings,
    unitName: unit.name,
    editable: canEditLetterSettings(actor, unit.path),
    readiness: LETTER_KINDS.map((k) => ({ kind: k.code, title: k.title, missing: missingForKind(settings, k.code) })),
  };
}

/** The unit, when the actor may see it and it answers applications; else 404 (outside scope) or 400. */
async function answeringUnit(db: Executor, actor: Actor, unitCode: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(db, unitCode);
  if (!unit || !canReadLetters(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
  if (!ANSWERING_UNIT_KINDS.includes(unit.kind)) {
    return fail(400, 'NOT_AN_ANSWERING_UNIT', `“${unit.name}”是村（居）民委员会，不是政府信息公开申请的答复机关，不需要设置文书`);
  }
  return ok(unit);
}

export async function getLetterSettings(ctx: AppContext, actor: Actor, unitCode: string): Promise<Result<LetterSettingsView>> {
  const unit = await answeringUnit(ctx.db, actor, unitCode);
  if (!unit.ok) return unit;
  return ok(view(unit.value, await loadLetterSettings(ctx.db, unitCode), actor));
}

export async function saveLetterSettings(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  unitCode: string,
  input: LetterSettingsInput,
): Promise<Result<LetterSettingsView>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await answeringUnit(trx, meta.actor, unitCode);
    if (!unit.ok) return unit;
    if (!canEditLetterSettings(meta.actor, unit.value.path)) return fail(403, 'FORBIDDEN', '文书设置由本单位审核人或县级管理员修改');
    if (unit.value.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.value.name}”已撤销，不能修改文书设置`);
    const problems = validateLetterSettings(input);
    if (problems.length) return fail(400, 'INVALID_LETTER_SETTINGS', `文书设置有误：${problems.join('；')}`, problems);
    const before = await loadLetterSettings(trx, unitCode);
    await writeLetterSettings(trx, unitCode, input, now.toISOString(), meta.actor.username);
    const after = await loadLetterSettings(trx, unitCode);
    const strip = (s: LetterSettings) => ({
      numberPatterns: s.numberPatterns,
      reviewBodies: s.reviewBodies,
      court: s.court,
      office: s.office,
      feePaymentMethod: s.feePaymentMethod,
    });
    await audit({
      unitCode,
      action: 'requests.letter_settings.update',
      entityType: 'info_request_letter_settings',
      entityId: unitCode,
      before: before.updatedAt ? strip(before) : null,
      after: strip(after),
    });
    return ok(view(unit.value, after, meta.actor));
  });
}
