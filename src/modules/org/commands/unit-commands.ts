import type { AppContext } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../../platform/views/page-cache.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { ALLOWED_PARENT_KINDS, UNIT_KINDS, isUnitKind } from '../org.kinds.ts';
import {
  findUnit,
  findUnitCodeByDivision,
  insertUnit,
  listActiveChildCodes,
  maxChildSortOrder,
  toUnitView,
  updateUnit as updateUnitRow,
  type OrgUnitView,
} from '../org.repository.ts';
import { canManageUnit } from '../org.policy.ts';

/** Internal codes: letters, digits and '-', so they are safe in URLs and in LIKE path prefixes. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
/** 统计用区划代码: 6 (county), 9 (township) or 12 (village) digits. */
export const DIVISION_CODE_PATTERN = /^(\d{6}|\d{9}|\d{12})$/;

export interface UnitContactInput {
  address?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
  officeHours?: string | null;
}

export interface CreateUnitInput extends UnitContactInput {
  code?: string;
  divisionCode?: string | null;
  name: string;
  kind: string;
  parentCode: string | null;
  establishedOn?: string | null;
  note?: string | null;
}

export async function createUnit(ctx: AppContext, meta: CommandMeta, input: CreateUnitInput): Promise<Result<OrgUnitView>> {
  const name = input.name.trim();
  if (!name) return fail(400, 'INVALID_NAME', '请填写单位名称');
  if (!isUnitKind(input.kind)) return fail(400, 'INVALID_KIND', `未知的单位类型：${input.kind}`);
  const divisionCode = input.divisionCode?.trim() || null;
  if (divisionCode && !DIVISION_CODE_PATTERN.test(divisionCode)) return fail(400, 'INVALID_DIVISION_CODE', '区划代码应为6、9或12位数字；没有官方代码时请留空');
  const code = (input.code?.trim() || divisionCode || '').trim();
  if (!UNIT_CODE_PATTERN.test(code)) return fail(400, 'INVALID_CODE', '单位编码需为2–64位字母、数字或“-”；有官方区划代码的可直接使用区划代码');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const kind = input.kind as keyof typeof UNIT_KINDS;
    let parent = null;
    if (input.parentCode) {
      parent = await findUnit(trx, input.parentCode);
      if (!parent) return fail(404, 'PARENT_NOT_FOUND', `上级单位不存在：${input.parentCode}`);
      if (!parent.active) return fail(409, 'PARENT_ABOLISHED', `上级单位“${parent.name}”已撤销，不能新增下级单位`);
      if (!ALLOWED_PARENT_KINDS[kind].includes(parent.kind as never)) {
        return fail(
          400,
          'INVALID_PARENT_KIND',
          `${UNIT_KINDS[kind].label}不能设在${UNIT_KINDS[parent.kind as keyof typeof UNIT_KINDS]?.label ?? parent.kind}之下`,
        );
      }
      if (meta.actor && !canManageUnit(meta.actor, parent)) return fail(403, 'FORBIDDEN', '您只能在本单位及下级单位中新增单位');
    } else {
      if (kind !== 'county') return fail(400, 'PARENT_REQUIRED', '请选择上级单位');
      if (meta.actor) return fail(403, 'FORBIDDEN', '新增县级根单位需通过命令行完成');
    }
    if (await findUnit(trx, code)) return fail(409, 'CODE_TAKEN', `单位编码“${code}”已存在`);
    if (divisionCode) {
      const dup = await findUnitCodeByDivision(trx, divisionCode);
      if (dup) return fail(409, 'DIVISION_CODE_TAKEN', `区划代码“${divisionCode}”已被单位 ${dup.code} 使用`);
    }
    const siblings = parent ? await maxChildSortOrder(trx, parent.code) : undefined;
    const iso = now.toISOString();
    const row = {
      code,
      division_code: divisionCode,
      name,
      kind,
      parent_code: parent?.code ?? null,
      path: `${parent?.path ?? '/'}${code}/`,
      depth: parent ? parent.depth + 1 : 0,
      address: input.address ?? null,
      postal_code: input.postalCode ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      office_hours: input.officeHours ?? null,
      active: 1,
      established_on: input.establishedOn ?? null,
      abolished_on: null,
      is_demo: 0,
      source: meta.actor ? `管理员 ${meta.actor.username} 录入` : '命令行录入',
      note: input.note ?? null,
      sort_order: Number(siblings?.m ?? -1) + 1,
      created_at: iso,
      updated_at: iso,
    };
    await insertUnit(trx, row);
    await audit({
      unitCode: code,
      action: 'org.unit.create',
      entityType: 'org_unit',
      entityId: code,
      after: { name, kind, parentCode: row.parent_code, divisionCode },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(toUnitView(row));
  });
}

export interface UpdateUnitInput extends UnitContactInput {
  name?: string;
  note?: string | null;
}

export async function updateUnit(ctx: AppContext, meta: CommandMeta, code: string, input: UpdateUnitInput): Promise<Result<OrgUnitView>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, code);
    if (!unit || (meta.actor && !canManageUnit(meta.actor, unit))) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
    if (input.name !== undefined && !input.name.trim()) return fail(400, 'INVALID_NAME', '单位名称不能为空');
    const patch = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.postalCode !== undefined ? { postal_code: input.postalCode } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.officeHours !== undefined ? { office_hours: input.officeHours } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    if (Object.keys(patch).length === 0) return fail(400, 'NOTHING_TO_UPDATE', '没有需要修改的内容');
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, unit[k as keyof typeof unit]]));
    await updateUnitRow(trx, code, { ...patch, updated_at: now.toISOString() });
    await audit({ unitCode: code, action: 'org.unit.update', entityType: 'org_unit', entityId: code, before, after: patch });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(toUnitView({ ...unit, ...patch }));
  });
}

/** Abolished units stay for history (their records remain) but cannot receive new records. */
export async function abolishUnit(ctx: AppContext, meta: CommandMeta, code: string, abolishedOn: string, reason: string): Promise<Result<OrgUnitView>> {
  if (!reason.trim()) return fail(400, 'REASON_REQUIRED', '请填写撤销依据或原因');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, code);
    if (!unit || (meta.actor && !canManageUnit(meta.actor, unit))) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
    if (!unit.active) return fail(409, 'ALREADY_ABOLISHED', `单位“${unit.name}”已于${unit.abolished_on ?? '此前'}撤销`);
    if (!unit.parent_code) return fail(409, 'CANNOT_ABOLISH_ROOT', '不能撤销县级根单位');
    const activeChildren = await listActiveChildCodes(trx, code);
    if (activeChildren.length > 0) return fail(409, 'HAS_ACTIVE_CHILDREN', `该单位下还有${activeChildren.length}个在用的下级单位，请先调整或撤销它们`);
    const note = [unit.note, `撤销：${reason.trim()}`].filter(Boolean).join('；');
    await updateUnitRow(trx, code, { active: 0, abolished_on: abolishedOn, note, updated_at: now.toISOString() });
    await audit({
      unitCode: code,
      action: 'org.unit.abolish',
      entityType: 'org_unit',
      entityId: code,
      before: { active: true },
      after: { active: false, abolishedOn, reason: reason.trim() },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(toUnitView({ ...unit, active: 0, abolished_on: abolishedOn, note }));
  });
}
