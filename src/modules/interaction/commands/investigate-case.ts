/**
 * 调查核实 by the town (乡镇/街道) of a question the asker was not satisfied with or got no answer to
 * (村民委员会组织法第三十一条: the township government investigates and orders publication): who investigated,
 * when, the findings, evidence files, and the conclusion the asker reads. With an order to correct, the village
 * must correct or republish within N working days (default in the settings; the town may give another): the
 * order shows in the village's to-do (reminders) and in compliance until the village proposes the correction.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { isRealDate } from '../../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { addWorkingDays, getCalendar } from '../../calendar/index.ts';
import { sniffFileType, storeFile } from '../../publishing/index.ts';
import { insertFile, insertInvestigation, loadSettings, updateCase } from '../interaction.repository.ts';
import { MAX_ANSWER } from '../interaction.types.ts';
import { cleanText, loadCaseFor, publicChanged, publicTextProblem, recordStep } from './shared.ts';

export const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;
/** All files of one investigation together (they travel in one JSON request as base64). */
export const EVIDENCE_MAX_TOTAL_BYTES = 20 * 1024 * 1024;
/** The investigation route's body limit: the files' base64 (4/3 of their size) and the texts. */
export const INVESTIGATION_BODY_LIMIT = Math.ceil((EVIDENCE_MAX_TOTAL_BYTES * 4) / 3) + 1024 * 1024;

export interface InvestigationInput {
  investigators: string;
  investigatedOn: string;
  findings: string;
  conclusion: string;
  order: 'none' | 'correct';
  orderWorkingDays?: number | null;
  evidence?: { name: string; contentBase64: string }[];
}

const cleanName = (n: string) =>
  n
    .replace(/[\\/]/g, '_')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 120) || '证据材料';

export async function investigateCase(ctx: AppContext, meta: CommandMeta, id: string, input: InvestigationInput): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  const who = cleanText(input.investigators, '调查核实人员', { max: 200, min: 2, required: true });
  if (!who.ok) return who;
  const findings = cleanText(input.findings, '调查核实情况', { max: MAX_ANSWER, min: 5, required: true });
  if (!findings.ok) return findings;
  const conclusion = cleanText(input.conclusion, '答复询问人的结论', { max: MAX_ANSWER, min: 5, required: true });
  if (!conclusion.ok) return conclusion;
  if (!isRealDate(input.investigatedOn)) return fail(400, 'INVALID_DATE', '请填写正确的调查核实日期');
  if (input.order !== 'none' && input.order !== 'correct') return fail(400, 'INVALID_ORDER', '请选择是否责令更正');
  const days = input.orderWorkingDays ?? null;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 60)) return fail(400, 'INVALID_ORDER_DAYS', '责令更正的期限应为1至60个工作日');
  const files = input.evidence ?? [];
  if (files.length > EVIDENCE_MAX_FILES) return fail(400, 'TOO_MANY_FILES', `证据材料最多${EVIDENCE_MAX_FILES}个文件`);
  const buffers = files.map((f) => Buffer.from(f.contentBase64, 'base64'));
  if (buffers.reduce((a, b) => a + b.length, 0) > EVIDENCE_MAX_TOTAL_BYTES)
    return fail(413, 'FILES_TOO_LARGE', `证据材料合计不能超过${EVIDENCE_MAX_TOTAL_BYTES / 1024 / 1024}MB，请压缩或分次登记`);
  const stored: { name: string; sha256: string; type: string; size: number }[] = [];
  for (const [i, f] of files.entries()) {
    const buf = buffers[i];
    if (!buf.length) return fail(400, 'FILE_EMPTY', `文件“${cleanName(f.name)}”是空的`);
    if (buf.length > EVIDENCE_MAX_BYTES) return fail(413, 'FILE_TOO_LARGE', `文件“${cleanName(f.name)}”超过10MB`);
    const type = await sniffFileType(buf);
    if (!EVIDENCE_TYPES[type]) return fail(415, 'FILE_TYPE', `文件“${cleanName(f.name)}”不是 PDF、JPG、PNG、Word（docx）或 Excel（xlsx）文件`);
    // Written before the row commits; a rolled-back row leaves an unreferenced file that the daily sweep removes.
    stored.push({ name: cleanName(f.name), sha256: await storeFile(ctx.config.dataDir, buf), type: EVIDENCE_TYPES[type], size: buf.length });
  }
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadCaseFor(trx, actor, id, 'investigate');
    if (!loaded.ok) return loaded;
    const { row, unit, origin } = loaded.value;
    const today = chinaDate(now);
    if (input.investigatedOn > today) return fail(400, 'DATE_IN_FUTURE', '调查核实日期不能晚于今天');
    if (input.investigatedOn < row.received_on) return fail(400, 'DATE_BEFORE_RECEIPT', '调查核实日期不能早于收到询问的日期');
    const bad = publicTextProblem(conclusion.value!, '答复询问人的结论', today);
    if (bad) return bad;
    const settings = await loadSettings(trx);
    const at = now.toISOString();
    const order = input.order === 'correct';
    const due = order ? addWorkingDays(calendar, today, days ?? settings.orderWorkingDays) : null;
    const invId = crypto.randomUUID();
    await insertInvestigation(trx, {
      id: invId,
      case_id: row.id,
      unit_code: unit.code,
      investigators: who.value!,
      investigated_on: input.investigatedOn,
      findings: findings.value!,
      order_kind: input.order,
      order_unit_code: order ? origin.code : null,
      order_due_on: due?.date ?? null,
      order_done_on: null,
      created_by: actor.userId,
      created_at: at,
    });
    for (const f of stored)
      await insertFile(trx, {
        id: crypto.randomUUID(),
        case_id: row.id,
        investigation_id: invId,
        sha256: f.sha256,
        name: f.name,
        type: f.type,
        size: f.size,
        created_by: actor.userId,
        created_at: at,
      });
    const to = order ? 'ordered' : 'answered';
    await updateCase(trx, row.id, {
      status: to,
      outcome: order ? 'town-ordered' : 'town-no-issue',
      answer: conclusion.value,
      facts: findings.value,
      answered_on: today,
      answered_by: actor.userId,
      answered_unit_code: unit.code,
      rating: null,
      rating_reason: null,
      rated_at: null,
      ...(due ? { due_on: due.date, due_provisional: due.provisional ? 1 : 0 } : {}),
      updated_at: at,
    });
    await recordStep(trx, row, {
      action: 'investigate',
      from: row.status,
      to,
      unitCode: unit.code,
      actor,
      note: conclusion.value,
      detail: {
        investigationId: invId,
        investigators: who.value,
        investigatedOn: input.investigatedOn,
        order: input.order,
        orderDueOn: due?.date ?? null,
        files: stored.length,
      },
      at,
    });
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.code,
      action: 'interaction.investigate',
      entityType: 'interaction_case',
      entityId: row.id,
      before: { status: row.status },
      after: { status: to, order: input.order, orderUnit: order ? origin.code : null, orderDueOn: due?.date ?? null, files: stored.map((f) => f.sha256) },
    });
    return ok({ id: row.id });
  });
}
