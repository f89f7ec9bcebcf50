/**
 * 公众参与事项目录 (plan 三(五)1): each government unit keeps the list of decisions it will consult the public on
 * (name, why, method, planned time). Staff keep the working list (add, change, withdraw with a reason); publishing
 * freezes it as a numbered version, which is what the public sees. A published version is never changed: a later
 * change appears only in the next version, and an item withdrawn after it was published stays listed in later
 * versions as 已撤回 with its reason. One command per use case, each in one transaction with its audit event.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import type { Executor } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { publicChanged } from './participation.gate.ts';
import { isGovernmentUnit, unitFor } from './participation.policy.ts';
import { METHOD_CODES } from './participation.rules.ts';
import * as repo from './participation.repository.ts';

const clean = (s: string | null | undefined) => (s ?? '').trim();

export interface ItemInput {
  name: string;
  reason: string;
  methods: readonly string[];
  plannedOn: string;
}

/** One entry of a published version (items_json). */
export interface ItemSnapshot {
  id: string;
  name: string;
  reason: string;
  methods: string[];
  plannedOn: string;
  withdrawnReason: string | null;
  isDemo: boolean;
}

function checkInput(input: ItemInput): Result<{ name: string; reason: string; methods: string[] }> {
  const name = clean(input.name);
  const reason = clean(input.reason);
  if (!name) return fail(400, 'ITEM_NAME_MISSING', '请填写事项名称');
  if (!reason) return fail(400, 'ITEM_REASON_MISSING', '请说明为什么要听取公众意见（事项的依据或理由）');
  const methods = [...new Set(input.methods)];
  if (!methods.length) return fail(400, 'ITEM_METHOD_MISSING', '请至少选择一种公众参与方式');
  const unknown = methods.find((m) => !METHOD_CODES.includes(m));
  if (unknown) return fail(400, 'INVALID_METHOD', `不认识的公众参与方式：${unknown}`);
  if (!isRealDate(input.plannedOn)) return fail(400, 'INVALID_DATE', `计划时间“${input.plannedOn}”不是有效日期`);
  return ok({ name, reason, methods });
}

async function ownItem(trx: Executor, meta: CommandMeta, id: string): Promise<Result<repo.WithUnit<repo.ItemRow>>> {
  const row = await repo.findItem(trx, id);
  const missing = fail(404, 'ITEM_NOT_FOUND', '没有找到这个公众参与事项');
  if (!row) return missing;
  const unit = await unitFor(trx, meta.actor!, row.unit_code, 'edit');
  if (!unit.ok) return unit.status === 404 ? missing : unit;
  return ok(row);
}

export async function createItem(ctx: AppContext, meta: CommandMeta, input: ItemInput & { unitCode: string }): Promise<Result<{ id: string }>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.unitCode, 'edit');
    if (!unit.ok) return unit;
    if (!isGovernmentUnit(unit.value)) return fail(400, 'NOT_GOVERNMENT', '公众参与事项目录由县政府、县政府部门和乡镇（街道）编制');
    if (unit.value.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.value.name}已撤销`);
    const id = crypto.randomUUID();
    const at = now.toISOString();
    await repo.insertItem(trx, {
      id,
      unit_code: unit.value.code,
      name: checked.value.name,
      reason: checked.value.reason,
      methods_json: JSON.stringify(checked.value.methods),
      planned_on: input.plannedOn,
      withdrawn_at: null,
      withdrawn_reason: null,
      is_demo: unit.value.is_demo,
      created_at: at,
      created_by: meta.actor?.username ?? null,
      updated_at: at,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.item.create',
      entityType: 'participation_item',
      entityId: id,
      after: { name: checked.value.name, methods: checked.value.methods, plannedOn: input.plannedOn },
    });
    return ok({ id });
  });
}

/** Changes an item of the working list; the public sees the change once the list is published again. */
export async function updateItem(ctx: AppContext, meta: CommandMeta, id: string, input: ItemInput): Promise<Result<{ id: string }>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const item = await ownItem(trx, meta, id);
    if (!item.ok) return item;
    if (item.value.withdrawn_at) return fail(409, 'ITEM_WITHDRAWN', `事项“${item.value.name}”已撤回，不能再修改`);
    await repo.updateItem(trx, id, {
      name: checked.value.name,
      reason: checked.value.reason,
      methods_json: JSON.stringify(checked.value.methods),
      planned_on: input.plannedOn,
      updated_at: now.toISOString(),
    });
    await audit({
      unitCode: item.value.unit_code,
      action: 'participation.item.update',
      entityType: 'participation_item',
      entityId: id,
      before: { name: item.value.name, methods: JSON.parse(item.value.methods_json), plannedOn: item.value.planned_on },
      after: { name: checked.value.name, methods: checked.value.methods, plannedOn: input.plannedOn },
    });
    return ok({ id });
  });
}

/** Withdraws an item with a reason; a withdrawn item that was ever published stays in later versions as 已撤回. */
export async function withdrawItem(ctx: AppContext, meta: CommandMeta, id: string, reason: string): Promise<Result<{ id: string }>> {
  if (!clean(reason)) return fail(400, 'REASON_MISSING', '撤回事项须说明理由，理由会随目录公开');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const item = await ownItem(trx, meta, id);
    if (!item.ok) return item;
    if (item.value.withdrawn_at) return fail(409, 'ITEM_WITHDRAWN', `事项“${item.value.name}”已撤回`);
    await repo.updateItem(trx, id, { withdrawn_at: now.toISOString(), withdrawn_reason: clean(reason), updated_at: now.toISOString() });
    await audit({
      unitCode: item.value.unit_code,
      action: 'participation.item.withdraw',
      entityType: 'participation_item',
      entityId: id,
      after: { reason: clean(reason) },
    });
    return ok({ id });
  });
}

/** The list as it would be published now: every live item, and withdrawn items that some published version listed. */
export function snapshotOf(items: readonly repo.ItemRow[], everPublished: ReadonlySet<string>): ItemSnapshot[] {
  return items
    .filter((i) => !i.withdrawn_at || everPublished.has(i.id))
    .map((i) => ({
      id: i.id,
      name: i.name,
      reason: i.reason,
      methods: JSON.parse(i.methods_json) as string[],
      plannedOn: i.planned_on,
      withdrawnReason: i.withdrawn_at ? i.withdrawn_reason : null,
      isDemo: i.is_demo === 1,
    }));
}

export function publishedIds(versions: readonly repo.ItemVersionRow[]): Set<string> {
  return new Set(versions.flatMap((v) => (JSON.parse(v.items_json) as ItemSnapshot[]).map((i) => i.id)));
}

/** Publishes the unit's working list as its next version. */
export async function publishItemList(ctx: AppContext, meta: CommandMeta, unitCode: string, note: string | null): Promise<Result<{ version: number }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, unitCode, 'edit');
    if (!unit.ok) return unit;
    if (!isGovernmentUnit(unit.value)) return fail(400, 'NOT_GOVERNMENT', '公众参与事项目录由县政府、县政府部门和乡镇（街道）编制');
    const versions = await repo.listItemVersions(trx, unit.value.code);
    const snapshot = snapshotOf(await repo.listItems(trx, unit.value.code), publishedIds(versions));
    if (!snapshot.length) return fail(409, 'LIST_EMPTY', '目录中还没有事项，请先添加事项再发布');
    const latest = versions[0];
    if (latest && latest.items_json === JSON.stringify(snapshot)) return fail(409, 'NOTHING_CHANGED', `目录与已发布的第${latest.version}版相同，无需重新发布`);
    const version = (latest?.version ?? 0) + 1;
    await repo.insertItemVersion(trx, {
      unit_code: unit.value.code,
      version,
      items_json: JSON.stringify(snapshot),
      note: clean(note) || null,
      published_at: now.toISOString(),
      published_by: meta.actor?.username ?? null,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.item_list.publish',
      entityType: 'participation_item_list',
      entityId: `${unit.value.code}#${version}`,
      after: { version, items: snapshot.length, on: chinaDate(now) },
    });
    await publicChanged(ctx, trx, now);
    return ok({ version });
  });
}
