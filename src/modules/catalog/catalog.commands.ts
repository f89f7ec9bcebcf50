import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath } from '../../platform/auth/roles.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findUnit, levelOf, type OrgUnitRow } from '../org/index.ts';
import type { CatalogItem, CatalogKind } from './catalog.types.ts';
import {
  countVersionItems,
  currentPublished,
  deleteExclusion,
  deleteItem,
  domainMap,
  findActiveLocalItemByKey,
  findActiveLocalItemByNames,
  findExclusion,
  findItem,
  findItemByNames,
  findLocalItem,
  findUnitSetting,
  findVersion,
  hasAnyVersion,
  hasExclusion,
  insertDomain,
  insertEvent,
  insertExclusion,
  insertItem,
  insertLocalItem,
  insertVersion,
  listDomainCodes,
  listDomainNames,
  listUnitDomainCodes,
  listVersionItems,
  listVersions,
  maxItemSort,
  openDraft,
  replaceUnitDomains,
  retireLocalItemRow,
  saveUnitSetting,
  updateItem,
  updateVersion,
  toColumns,
  toItem,
  type ItemContent,
  type ItemRow,
  type VersionRow,
} from './catalog.repository.ts';
import { validateItemInput, type ItemInput } from './catalog.validation.ts';
import { canEditUnitCatalog, canSetBusyFinance, catalogOfUnit, isCatalogAdmin } from './catalog.policy.ts';
import { GOVERNMENT_SEED, SEED_DOMAINS, SEED_EFFECTIVE_FROM, SEED_REASON, VILLAGE_SEED } from './catalog.seed.ts';
import { applicableKeysFor } from './catalog.service.ts';

const uuid = () => crypto.randomUUID();
const PUBLISHED_IMMUTABLE = () => fail(409, 'VERSION_PUBLISHED', '已发布的版本不能修改，请新建草稿');

/** Reference data: domains always; version 1 of a catalog only when that catalog has no version yet. */
export async function seedCatalogBaseline(ctx: AppContext): Promise<number> {
  let added = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = new Set(await listDomainCodes(trx));
    for (const [i, d] of SEED_DOMAINS.entries()) {
      if (existing.has(d.code)) continue;
      await insertDomain(trx, { code: d.code, catalog: d.catalog, name: d.name, sort: i + 1, source: d.source });
    }
    const now = ctx.clock.now().toISOString();
    for (const [catalog, rows] of [
      ['government', GOVERNMENT_SEED],
      ['village', VILLAGE_SEED],
    ] as const) {
      if (await hasAnyVersion(trx, catalog)) continue;
      const versionId = uuid();
      await insertVersion(trx, {
        id: versionId,
        catalog,
        number: 1,
        status: 'published',
        reason: SEED_REASON,
        effective_from: SEED_EFFECTIVE_FROM,
        created_at: now,
        created_by: null,
        published_at: now,
        published_by: null,
      });
      const domainSort = new Map(SEED_DOMAINS.map((d, i) => [d.code, i + 1]));
      const sorted = [...rows].sort((a, b) => (domainSort.get(a.domainCode) ?? 0) - (domainSort.get(b.domainCode) ?? 0));
      for (const [i, r] of sorted.entries()) {
        const { key, ...content } = r;
        await insertItem(trx, { id: uuid(), version_id: versionId, ...toColumns(key, { ...content, sort: (i + 1) * 10 }) });
        added += 1;
      }
    }
  });
  return added;
}

export function requireAdmin(meta: CommandMeta) {
  if (!meta.actor || !isCatalogAdmin(meta.actor)) return fail(403, 'FORBIDDEN', '只有县级管理员（县政府办）可以修改公开事项标准目录');
  return null;
}

export interface VersionView {
  id: string;
  catalog: CatalogKind;
  number: number;
  status: string;
  reason: string | null;
  effectiveFrom: string | null;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export function toVersionView(v: VersionRow): VersionView {
  return {
    id: v.id,
    catalog: v.catalog as CatalogKind,
    number: v.number,
    status: v.status,
    reason: v.reason,
    effectiveFrom: v.effective_from,
    createdAt: v.created_at,
    createdBy: v.created_by,
    publishedAt: v.published_at,
    publishedBy: v.published_by,
  };
}

/** Opens a draft copying the version in force; one open draft per catalog. */
export async function createDraft(ctx: AppContext, meta: CommandMeta, catalog: CatalogKind): Promise<Result<VersionView>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  return runCommand(ctx, meta, async (scope) => {
    const draft = await openDraft(scope.trx, catalog);
    if (draft) return fail(409, 'DRAFT_EXISTS', `该目录已有未发布的草稿（第${draft.number}版），请先编辑或发布该草稿`, { draftId: draft.id });
    return ok(toVersionView(await insertDraftCopy(scope, meta, catalog)));
  });
}

/** Inside an open command: a new draft holding a copy of the version in force (audited). */
export async function insertDraftCopy({ trx, now, audit }: CommandScope, meta: CommandMeta, catalog: CatalogKind): Promise<VersionRow> {
  const versions = await listVersions(trx, catalog);
  const number = Math.max(0, ...versions.map((v) => v.number)) + 1;
  const base = await currentPublished(trx, catalog);
  const id = uuid();
  const row: VersionRow = {
    id,
    catalog,
    number,
    status: 'draft',
    reason: null,
    effective_from: null,
    created_at: now.toISOString(),
    created_by: meta.actor?.username ?? null,
    published_at: null,
    published_by: null,
  };
  await insertVersion(trx, row);
  const items = base ? await listVersionItems(trx, [base.id]) : [];
  for (const it of items) await insertItem(trx, { ...it, id: uuid(), version_id: id });
  await audit({
    unitCode: null,
    action: 'catalog.version.draft',
    entityType: 'catalog_version',
    entityId: id,
    before: null,
    after: { catalog, number, copiedFrom: base?.number ?? null, items: items.length },
  });
  return row;
}

async function draftFor(trx: Executor, versionId: string): Promise<Result<VersionRow>> {
  const v = await findVersion(trx, versionId);
  if (!v) return fail(404, 'VERSION_NOT_FOUND', '目录版本不存在');
  if (v.status !== 'draft') return PUBLISHED_IMMUTABLE();
  return ok(v);
}

/** An item of an open draft (404 when the item is not in that version, 409 when it is published). */
async function draftItemFor(trx: Executor, versionId: string, itemId: string): Promise<Result<{ version: VersionRow; row: ItemRow }>> {
  const v = await draftFor(trx, versionId);
  if (!v.ok) return v;
  const row = await findItem(trx, itemId);
  if (!row || row.version_id !== versionId) return fail(404, 'ITEM_NOT_FOUND', '该版本中没有这个事项');
  return ok({ version: v.value, row });
}

async function duplicateCheck(trx: Executor, versionId: string, c: ItemContent, exceptId: string | null) {
  const dup = await findItemByNames(trx, versionId, c.domainCode, c.level1, c.level2);
  if (dup && dup.id !== exceptId) return fail(409, 'DUPLICATE_ITEM', `本领域已有事项“${c.level1} / ${c.level2}”，请勿重复添加`);
  return null;
}

export async function addDraftItem(ctx: AppContext, meta: CommandMeta, versionId: string, input: ItemInput): Promise<Result<CatalogItem>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const v = await draftFor(trx, versionId);
    if (!v.ok) return v;
    const domains = await domainMap(trx);
    const max = await maxItemSort(trx, versionId);
    const content = validateItemInput(input, v.value.catalog as CatalogKind, domains, {
      source: `县级管理员 ${meta.actor?.username ?? ''} 于第${v.value.number}版新增`,
      sort: Number(max?.m ?? 0) + 10,
    });
    if (!content.ok) return content;
    const dup = await duplicateCheck(trx, versionId, content.value, null);
    if (dup) return dup;
    const prefix = v.value.catalog === 'government' ? 'gov' : 'vil';
    const key = `${prefix}:${content.value.domainCode}:${crypto.randomBytes(4).toString('hex')}`;
    const id = uuid();
    await insertItem(trx, { id, version_id: versionId, ...toColumns(key, content.value) });
    await audit({
      unitCode: null,
      action: 'catalog.item.add',
      entityType: 'catalog_item',
      entityId: id,
      before: null,
      after: { versionId, key, ...content.value },
    });
    return ok(toItem({ id, ...toColumns(key, content.value) }, domains));
  });
}

export async function updateDraftItem(
  ctx: AppContext,
  meta: CommandMeta,
  versionId: string,
  itemId: string,
  patch: Partial<ItemInput>,
): Promise<Result<CatalogItem>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const found = await draftItemFor(trx, versionId, itemId);
    if (!found.ok) return found;
    const { version: v, row } = found.value;
    const domains = await domainMap(trx);
    const before = toItem(row, domains);
    const merged: ItemInput = {
      domainCode: before.domainCode,
      level1: before.level1,
      level2: before.level2,
      elements: before.elements,
      bases: before.bases,
      timeRule: before.timeRule as unknown as Record<string, unknown>,
      displayRule: before.displayRule as unknown as Record<string, unknown>,
      subject: before.subject,
      channels: before.channels,
      audience: before.audience,
      mode: before.mode,
      levels: before.levels,
      source: before.source,
      sort: before.sort,
      ...patch,
    };
    const content = validateItemInput(merged, v.catalog as CatalogKind, domains, { source: before.source, sort: before.sort });
    if (!content.ok) return content;
    const dup = await duplicateCheck(trx, versionId, content.value, itemId);
    if (dup) return dup;
    const cols = toColumns(row.item_key, content.value);
    await updateItem(trx, itemId, cols);
    await audit({ unitCode: null, action: 'catalog.item.update', entityType: 'catalog_item', entityId: itemId, before, after: content.value });
    return ok(toItem({ id: itemId, ...cols }, domains));
  });
}

export async function deleteDraftItem(ctx: AppContext, meta: CommandMeta, versionId: string, itemId: string): Promise<Result<{ deleted: true }>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const found = await draftItemFor(trx, versionId, itemId);
    if (!found.ok) return found;
    const { row } = found.value;
    await deleteItem(trx, itemId);
    await audit({
      unitCode: null,
      action: 'catalog.item.delete',
      entityType: 'catalog_item',
      entityId: itemId,
      before: { versionId, key: row.item_key, level1: row.level1, level2: row.level2 },
      after: null,
    });
    return ok({ deleted: true as const });
  });
}

/** Publishes a draft: the previous published version becomes superseded; nothing published changes again. */
export async function publishVersion(
  ctx: AppContext,
  meta: CommandMeta,
  versionId: string,
  input: { reason: string; effectiveFrom?: string },
): Promise<Result<VersionView>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  const reason = input.reason.trim();
  if (!reason) return fail(400, 'REASON_REQUIRED', '请填写本次调整的原因（动态调整须说明依据）');
  if (input.effectiveFrom !== undefined && !isRealDate(input.effectiveFrom)) return fail(400, 'INVALID_DATE', `生效日期“${input.effectiveFrom}”不是有效日期`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const v = await draftFor(trx, versionId);
    if (!v.ok) return v;
    const effectiveFrom = input.effectiveFrom ?? chinaDate(now);
    const prev = await currentPublished(trx, v.value.catalog as CatalogKind);
    if (prev?.effective_from && effectiveFrom < prev.effective_from) {
      return fail(400, 'EFFECTIVE_TOO_EARLY', `生效日期不能早于上一版本（第${prev.number}版）的生效日期 ${prev.effective_from}`);
    }
    if ((await countVersionItems(trx, versionId)) === 0) return fail(400, 'EMPTY_VERSION', '草稿中没有任何事项，不能发布');
    if (prev) await updateVersion(trx, prev.id, { status: 'superseded' });
    const iso = now.toISOString();
    await updateVersion(trx, versionId, {
      status: 'published',
      reason,
      effective_from: effectiveFrom,
      published_at: iso,
      published_by: meta.actor?.username ?? null,
    });
    await audit({
      unitCode: null,
      action: 'catalog.version.publish',
      entityType: 'catalog_version',
      entityId: versionId,
      before: prev ? { superseded: prev.id, number: prev.number } : null,
      after: { number: v.value.number, reason, effectiveFrom },
    });
    // Cached public pages list the catalog's domains and items (home, domain pages).
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(
      toVersionView({ ...v.value, status: 'published', reason, effective_from: effectiveFrom, published_at: iso, published_by: meta.actor?.username ?? null }),
    );
  });
}

const DIFF_FIELDS = [
  'domainCode',
  'level1',
  'level2',
  'elements',
  'bases',
  'timeRule',
  'displayRule',
  'subject',
  'channels',
  'audience',
  'mode',
  'levels',
  'source',
] as const;

export interface VersionDiff {
  from: VersionView;
  to: VersionView;
  added: CatalogItem[];
  removed: CatalogItem[];
  changed: { key: string; before: CatalogItem; after: CatalogItem; fields: string[] }[];
  unchanged: number;
}

/** Diff by item key: what a reader needs to see what 动态调整 changed. */
export async function diffVersions(db: Executor, fromId: string, toId: string): Promise<Result<VersionDiff>> {
  const [a, b] = await Promise.all([findVersion(db, fromId), findVersion(db, toId)]);
  if (!a || !b) return fail(404, 'VERSION_NOT_FOUND', '目录版本不存在');
  if (a.catalog !== b.catalog) return fail(400, 'CATALOG_MISMATCH', '只能比较同一目录的两个版本');
  const domains = await domainMap(db);
  const items = await listVersionItems(db, [a.id, b.id]);
  const left = new Map(items.filter((i) => i.version_id === a.id).map((i) => [i.item_key, toItem(i, domains)]));
  const right = new Map(items.filter((i) => i.version_id === b.id).map((i) => [i.item_key, toItem(i, domains)]));
  const out: VersionDiff = { from: toVersionView(a), to: toVersionView(b), added: [], removed: [], changed: [], unchanged: 0 };
  for (const [k, r] of right) {
    const l = left.get(k);
    if (!l) out.added.push(r);
    else {
      const fields = DIFF_FIELDS.filter((f) => JSON.stringify(l[f]) !== JSON.stringify(r[f]));
      if (fields.length) out.changed.push({ key: k, before: l, after: r, fields });
      else out.unchanged += 1;
    }
  }
  for (const [k, l] of left) if (!right.has(k)) out.removed.push(l);
  return ok(out);
}

// ---------------------------------------------------------------------------------------------
// Unit-specific changes.

async function unitFor(trx: Executor, meta: CommandMeta, code: string, allowed: (path: string) => boolean): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(trx, code);
  if (!unit || !meta.actor || !allowed(unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
  if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.name}”已撤销，不能再修改其公开目录或登记事项`);
  return ok(unit);
}

export async function addLocalItem(ctx: AppContext, meta: CommandMeta, code: string, input: ItemInput): Promise<Result<CatalogItem>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta, code, (p) => canEditUnitCatalog(meta.actor!, p));
    if (!unit.ok) return unit;
    const catalog = catalogOfUnit(unit.value.kind);
    const domains = await domainMap(trx);
    const content = validateItemInput({ ...input, levels: input.levels?.length ? input.levels : [levelOf(unit.value.kind)] }, catalog, domains, {
      source: `${unit.value.name}自行增加的事项（${meta.actor?.username ?? ''}录入）`,
      sort: 100_000,
    });
    if (!content.ok) return content;
    const dup = await findActiveLocalItemByNames(trx, code, content.value.domainCode, content.value.level1, content.value.level2);
    if (dup) return fail(409, 'DUPLICATE_ITEM', `本单位已有自增事项“${content.value.level1} / ${content.value.level2}”`);
    const id = uuid();
    const key = `local:${code}:${crypto.randomBytes(4).toString('hex')}`;
    const cols = toColumns(key, content.value);
    await insertLocalItem(trx, {
      id,
      unit_code: code,
      ...cols,
      created_at: now.toISOString(),
      created_by: meta.actor?.username ?? null,
      retired_at: null,
      retired_by: null,
    });
    await audit({
      unitCode: code,
      action: 'catalog.local_item.add',
      entityType: 'unit_local_item',
      entityId: id,
      before: null,
      after: { key, ...content.value },
    });
    return ok(toItem({ id, ...cols }, domains));
  });
}

export async function retireLocalItem(ctx: AppContext, meta: CommandMeta, code: string, key: string): Promise<Result<{ retired: true }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta, code, (p) => canEditUnitCatalog(meta.actor!, p));
    if (!unit.ok) return unit;
    const row = await findActiveLocalItemByKey(trx, code, key);
    if (!row) return fail(404, 'ITEM_NOT_FOUND', '本单位没有这个自增事项（或已停用）');
    await retireLocalItemRow(trx, row.id, now.toISOString(), meta.actor?.username ?? null);
    await audit({
      unitCode: code,
      action: 'catalog.local_item.retire',
      entityType: 'unit_local_item',
      entityId: row.id,
      before: { key, retiredAt: null },
      after: { key, retiredAt: now.toISOString() },
    });
    return ok({ retired: true as const });
  });
}

export async function addExclusion(
  ctx: AppContext,
  meta: CommandMeta,
  code: string,
  input: { itemKey: string; reason: string },
): Promise<Result<{ itemKey: string; reason: string }>> {
  const reason = input.reason.trim();
  if (!reason) return fail(400, 'REASON_REQUIRED', '请说明本单位不适用该事项的原因');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta, code, (p) => canEditUnitCatalog(meta.actor!, p));
    if (!unit.ok) return unit;
    const keys = await applicableKeysFor(trx, unit.value, chinaDate(now), { ignoreExclusions: true, standardOnly: true });
    if (!keys.has(input.itemKey)) return fail(400, 'ITEM_NOT_APPLICABLE', `事项“${input.itemKey}”不在本单位适用的标准目录中`);
    if (await hasExclusion(trx, code, input.itemKey)) return fail(409, 'ALREADY_EXCLUDED', '该事项已标记为本单位不适用');
    await insertExclusion(trx, { unit_code: code, item_key: input.itemKey, reason, created_at: now.toISOString(), created_by: meta.actor?.username ?? null });
    await audit({
      unitCode: code,
      action: 'catalog.exclusion.add',
      entityType: 'unit_item_exclusion',
      entityId: `${code}|${input.itemKey}`,
      before: null,
      after: { itemKey: input.itemKey, reason },
    });
    return ok({ itemKey: input.itemKey, reason });
  });
}

export async function removeExclusion(ctx: AppContext, meta: CommandMeta, code: string, itemKey: string): Promise<Result<{ removed: true }>> {
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const unit = await unitFor(trx, meta, code, (p) => canEditUnitCatalog(meta.actor!, p));
    if (!unit.ok) return unit;
    const row = await findExclusion(trx, code, itemKey);
    if (!row) return fail(404, 'EXCLUSION_NOT_FOUND', '该事项没有被标记为本单位不适用');
    await deleteExclusion(trx, code, itemKey);
    await audit({
      unitCode: code,
      action: 'catalog.exclusion.remove',
      entityType: 'unit_item_exclusion',
      entityId: `${code}|${itemKey}`,
      before: { itemKey, reason: row.reason },
      after: null,
    });
    return ok({ removed: true as const });
  });
}

export async function setBusyFinance(
  ctx: AppContext,
  meta: CommandMeta,
  code: string,
  busyFinance: boolean,
): Promise<Result<{ unitCode: string; busyFinance: boolean }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, code);
    if (!unit || !meta.actor || !canEditUnitCatalog(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
    if (!canSetBusyFinance(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '“集体财务往来较多”由乡镇（街道）经办人或县级管理员认定');
    if (catalogOfUnit(unit.kind) !== 'village') return fail(400, 'NOT_A_VILLAGE', '“集体财务往来较多”只适用于村（社区）');
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.name}”已撤销`);
    const before = await findUnitSetting(trx, code);
    const row = { unit_code: code, busy_finance: busyFinance ? 1 : 0, updated_at: now.toISOString(), updated_by: meta.actor.username };
    await saveUnitSetting(trx, row, !!before);
    await audit({
      unitCode: code,
      action: 'catalog.settings.busy_finance',
      entityType: 'unit_catalog_settings',
      entityId: code,
      before: before ? { busyFinance: before.busy_finance === 1 } : null,
      after: { busyFinance },
    });
    return ok({ unitCode: code, busyFinance });
  });
}

export interface EventView {
  id: string;
  unitCode: string;
  itemId: string;
  itemKey: string;
  occurredOn: string;
  title: string;
  createdAt: string;
}

/** Records a triggering fact (信息形成、批准、事件发生…) for a triggered, immediate or long-term item. */
export async function recordEvent(
  ctx: AppContext,
  meta: CommandMeta,
  code: string,
  input: { itemId: string; occurredOn: string; title: string },
): Promise<Result<EventView>> {
  const title = input.title.trim();
  if (!title) return fail(400, 'INVALID_TITLE', '请填写事项标题');
  if (!isRealDate(input.occurredOn)) return fail(400, 'INVALID_DATE', `发生日期“${input.occurredOn}”不是有效日期`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta, code, (p) => canEditUnitCatalog(meta.actor!, p));
    if (!unit.ok) return unit;
    const std = await findItem(trx, input.itemId);
    const local = std ? undefined : await findLocalItem(trx, input.itemId);
    const row = std ?? local;
    if (!row) return fail(400, 'ITEM_NOT_FOUND', `没有编号为“${input.itemId}”的目录事项`);
    if (std) {
      const version = await findVersion(trx, std.version_id);
      if (!version || version.status === 'draft') return fail(400, 'ITEM_NOT_APPLICABLE', '草稿中的事项尚未生效，不能登记');
    }
    const keys = await applicableKeysFor(trx, unit.value, input.occurredOn, {});
    if (!keys.has(row.item_key) || (local && local.unit_code !== code))
      return fail(400, 'ITEM_NOT_APPLICABLE', `事项“${row.level1} / ${row.level2}”不适用于${unit.value.name}`);
    const rule = JSON.parse(row.time_rule_json) as { kind: string };
    if (rule.kind === 'recurring') return fail(400, 'ITEM_NOT_TRIGGERED', `事项“${row.level1} / ${row.level2}”按固定周期公开，不需要登记发生事项`);
    const id = uuid();
    const ev = {
      id,
      unit_code: code,
      item_key: row.item_key,
      item_id: row.id,
      occurred_on: input.occurredOn,
      title,
      created_at: now.toISOString(),
      created_by: meta.actor?.username ?? null,
    };
    await insertEvent(trx, ev);
    await audit({
      unitCode: code,
      action: 'catalog.event.record',
      entityType: 'catalog_event',
      entityId: id,
      before: null,
      after: { itemKey: row.item_key, itemId: row.id, occurredOn: input.occurredOn, title },
    });
    return ok({ id, unitCode: code, itemId: row.id, itemKey: row.item_key, occurredOn: input.occurredOn, title, createdAt: ev.created_at });
  });
}

/**
 * Assigns the 公开领域 a county department answers for (replacing the previous set). A county
 * setting, made by a county admin covering the department; the department then owes only the
 * catalog items of these domains.
 */
export async function setUnitDomains(
  ctx: AppContext,
  meta: CommandMeta,
  code: string,
  domainCodes: string[],
): Promise<Result<{ unitCode: string; domainCodes: string[] }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, code);
    if (!unit || !meta.actor || !canEditUnitCatalog(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
    if (!actorCoversPath(meta.actor, unit.path, ['county_admin'])) return fail(403, 'FORBIDDEN', '部门负责的公开领域由县级管理员设定');
    if (unit.kind !== 'department')
      return fail(400, 'NOT_A_DEPARTMENT', '只有县政府部门需要设定负责的公开领域；县政府、乡镇（街道）和村（社区）按公开层级适用目录');
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.name}”已撤销`);
    const unique = [...new Set(domainCodes)];
    const known = new Map((await listDomainNames(trx)).map((d) => [d.code, d]));
    const unknown = unique.filter((c) => known.get(c)?.catalog !== 'government');
    if (unknown.length) return fail(400, 'UNKNOWN_DOMAIN', `不是政务公开目录中的领域：${unknown.join('、')}`);
    const before = (await listUnitDomainCodes(trx, code)).sort();
    await replaceUnitDomains(
      trx,
      code,
      unique.map((d) => ({ unit_code: code, domain_code: d, created_at: now.toISOString(), created_by: meta.actor!.username })),
    );
    await audit({
      unitCode: code,
      action: 'catalog.unit.domains',
      entityType: 'org_unit',
      entityId: code,
      before: { domains: before },
      after: { domains: unique.sort() },
    });
    return ok({ unitCode: code, domainCodes: unique.sort() });
  });
}
