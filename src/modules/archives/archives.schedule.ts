/** The county's 归档范围和保管期限表 (filing classes) and the archive settings: reads and the county's edits. */
import type { AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { canEditSchedule } from './archives.policy.ts';
import { isRetention, RETENTIONS, type Retention } from './archives.rules.ts';
import { countItemsOfClass, findClass, listClasses, upsertClass, writeSetting } from './archives.repository.ts';
import { loadSettings, SETTINGS_KEY, validateSettings, type ArchiveSettings } from './archives.settings.ts';

export type ClassView = {
  code: string;
  name: string;
  retention: Retention;
  retentionLabel: string;
  basis: string;
  itemKeys: string[];
  sortOrder: number;
  active: boolean;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

export async function scheduleView(ctx: AppContext): Promise<{ source: string; retentions: { id: string; label: string }[]; classes: ClassView[] }> {
  const [rows, settings] = await Promise.all([listClasses(ctx.db), loadSettings(ctx.db)]);
  return {
    source: settings.scheduleSource,
    retentions: Object.entries(RETENTIONS).map(([id, label]) => ({ id, label })),
    classes: rows.map((r) => ({
      code: r.code,
      name: r.name,
      retention: r.retention as Retention,
      retentionLabel: RETENTIONS[r.retention as Retention] ?? r.retention,
      basis: r.basis,
      itemKeys: JSON.parse(r.item_keys_json) as string[],
      sortOrder: r.sort_order,
      active: r.active === 1,
      note: r.note,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    })),
  };
}

export interface ClassInput {
  code: string;
  name: string;
  retention: string;
  basis: string;
  itemKeys: string[];
  sortOrder: number;
  active: boolean;
  note?: string | null;
}

/**
 * Adds or changes one class of the county's table. A class that already has items keeps its code and name (the
 * 档号 of filed items carry the code); its period may change for items filed from then on.
 */
export async function saveClass(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: ClassInput): Promise<Result<ClassView>> {
  if (!canEditSchedule(meta.actor)) return fail(403, 'FORBIDDEN', '归档范围和保管期限表由县级（县政府办或县档案管理员）维护');
  const code = input.code.trim();
  const name = input.name.trim();
  const basis = input.basis.trim();
  if (!/^[0-9A-Za-z]{1,8}$/.test(code)) return fail(400, 'INVALID_CODE', '类别代码只能由1至8位数字或字母组成');
  if (!name || name.length > 60) return fail(400, 'NAME_REQUIRED', '请填写类别名称（最多60字）');
  if (!isRetention(input.retention)) return fail(400, 'INVALID_RETENTION', '保管期限只能是永久、30年或10年（《村级档案管理办法》）');
  if (!basis || basis.length > 300) return fail(400, 'BASIS_REQUIRED', '请写明类别和期限的依据（县档案局保管期限表的条目）');
  const keys = [...new Set(input.itemKeys.map((k) => k.trim()).filter(Boolean))];
  if (keys.some((k) => k.length > 80)) return fail(400, 'INVALID_ITEM_KEY', '公开事项标识过长');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await findClass(trx, code);
    if (before && before.name !== name && (await countItemsOfClass(trx, code)) > 0)
      return fail(409, 'CLASS_IN_USE', `类别“${before.name}”已有档案，不能改名；如需调整请新增类别并停用原类别`);
    const row = {
      code,
      name,
      retention: input.retention,
      basis,
      item_keys_json: JSON.stringify(keys),
      sort_order: input.sortOrder,
      active: input.active ? 1 : 0,
      note: input.note?.trim() || null,
      updated_at: now.toISOString(),
      updated_by: meta.actor.username,
    };
    await upsertClass(trx, row);
    await audit({
      unitCode: null,
      action: before ? 'archives.class.update' : 'archives.class.create',
      entityType: 'archive_class',
      entityId: code,
      before: before ? { name: before.name, retention: before.retention, active: before.active } : null,
      after: { name, retention: input.retention, active: input.active, itemKeys: keys },
    });
    return ok((await scheduleView({ ...ctx, db: trx })).classes.find((c) => c.code === code)!);
  });
}

export async function saveSettings(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: ArchiveSettings): Promise<Result<ArchiveSettings>> {
  if (!canEditSchedule(meta.actor)) return fail(403, 'FORBIDDEN', '档案设置由县级（县政府办或县档案管理员）维护');
  const v = validateSettings(input);
  if (!v.ok) return v;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await loadSettings(trx);
    await writeSetting(trx, SETTINGS_KEY, JSON.stringify(v.value), now.toISOString());
    await audit({
      unitCode: null,
      action: 'archives.settings.update',
      entityType: 'app_setting',
      entityId: SETTINGS_KEY,
      before: { loanDays: before.loanDays, inspectionIntervalDays: before.inspectionIntervalDays },
      after: { loanDays: v.value.loanDays, inspectionIntervalDays: v.value.inspectionIntervalDays, rectifyWorkingDays: v.value.rectifyWorkingDays },
    });
    return ok(v.value);
  });
}
