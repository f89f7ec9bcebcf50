/** 答复模板 per unit: the unit's handlers replace the set (kind, title, body); bodies pass the personal-data gate. */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { replaceTemplates } from '../interaction.repository.ts';
import { canHandle } from '../interaction.policy.ts';
import { isCaseKind } from '../interaction.types.ts';
import { cleanText, publicTextProblem, unitOrFail } from './shared.ts';

export interface TemplateInput {
  kind: string;
  title: string;
  body: string;
}

export async function saveTemplates(ctx: AppContext, meta: CommandMeta, unitCode: string, input: TemplateInput[]): Promise<Result<{ count: number }>> {
  if (input.length > 50) return fail(400, 'TOO_MANY_TEMPLATES', '每个单位最多50个答复模板');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitOrFail(trx, unitCode);
    if (!unit.ok || !canHandle(meta.actor!, unit.value)) return fail(404, 'UNIT_NOT_FOUND', `没有找到单位：${unitCode}`);
    const today = chinaDate(now);
    const rows = [];
    for (const [i, t] of input.entries()) {
      if (!isCaseKind(t.kind)) return fail(400, 'INVALID_KIND', `第${i + 1}个模板的类型不正确`);
      const title = cleanText(t.title, `第${i + 1}个模板的名称`, { max: 50, required: true });
      if (!title.ok) return title;
      const body = cleanText(t.body, `第${i + 1}个模板的内容`, { max: 4000, min: 5, required: true });
      if (!body.ok) return body;
      const bad = publicTextProblem(body.value!, `第${i + 1}个模板`, today);
      if (bad) return bad;
      rows.push({ id: crypto.randomUUID(), unit_code: unitCode, kind: t.kind, title: title.value!, body: body.value!, created_at: now.toISOString() });
    }
    await replaceTemplates(trx, unitCode, rows);
    await audit({ unitCode, action: 'interaction.templates', entityType: 'org_unit', entityId: unitCode, after: { count: rows.length } });
    return ok({ count: rows.length });
  });
}
