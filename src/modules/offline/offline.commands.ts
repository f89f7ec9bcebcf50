/**
 * Commands of the offline channels: 明白纸 and 广播稿 texts, the registry of 政务公开专区 / 便民服务点 and their photos.
 * One use case per function, one transaction with its audit event. Texts an author types reach print and the
 * portal, so they pass the personal-data gate (publishing's scanner and the county's rules) before they are saved.
 */
import './offline.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { storeFile } from '../../platform/files/store.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import { findUnit, type OrgUnitRow } from '../org/index.ts';
import { findDisclosureRow, piiRules, refreshPiiRules, scanText } from '../publishing/index.ts';
import {
  findBroadcast,
  findLeaflet,
  findServicePoint,
  insertBroadcast,
  insertLeaflet,
  insertServicePoint,
  updateBroadcastText,
  updateLeafletText,
  updateServicePoint as writeServicePoint,
} from './offline.repository.ts';
import { cleanList, LIMITS, SERVICE_POINT_KINDS, WRITERS } from './offline.rules.ts';
import type { OfflineBroadcastTable, OfflineLeafletTable, OfflineServicePointTable } from './offline.tables.ts';

const KIND_TEXT: Record<string, string> = { id: '身份证号码', possible_id: '疑似身份证号码', mobile: '手机号码', bank_card: '银行卡号', landline: '电话号码' };

/** The personal-data gate for typed text: refused (400) with the kinds found, never the values. */
export async function gateTyped(db: Executor, fields: Record<string, string>, today: string): Promise<Result<void>> {
  await refreshPiiRules(db);
  const found: string[] = [];
  for (const [label, value] of Object.entries(fields)) {
    const hits = scanText(value, piiRules(), { today });
    if (hits.length) found.push(`${label}中有${[...new Set(hits.map((h) => KIND_TEXT[h.kind] ?? h.label))].join('、')}`);
  }
  if (found.length) return fail(400, 'PERSONAL_DATA', `${found.join('；')}。这些内容会印发或在网上公开，请删除个人信息后再保存`);
  return ok(undefined);
}

/** A published record (disclosure, policy) of a unit the actor may write for, or 404. */
async function publishedInScope(
  db: Executor,
  actor: Actor,
  disclosureId: string,
): Promise<Result<{ d: { id: string; unit_code: string; status: string }; unit: OrgUnitRow }>> {
  const d = await findDisclosureRow(db, disclosureId);
  const unit = d ? await findUnit(db, d.unit_code) : undefined;
  if (!d || !unit || !actorCoversPath(actor, unit.path)) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  if (!actorCoversPath(actor, unit.path, WRITERS)) return fail(403, 'FORBIDDEN', '明白纸和广播稿由本单位经办人或审核人员编写');
  if (d.status !== 'published') return fail(409, 'NOT_PUBLISHED', '只有已发布的内容才能编写明白纸或广播稿');
  return ok({ d, unit });
}

function required(value: string | undefined, label: string, max: number): Result<string> {
  const v = (value ?? '').trim();
  if (!v) return fail(400, 'INVALID_INPUT', `请填写${label}`);
  if (v.length > max) return fail(400, 'INVALID_INPUT', `${label}不超过${max}字（现有${v.length}字）`);
  return ok(v);
}

// ---- 明白纸 ------------------------------------------------------------------------------------------------------

/** Writes (or rewrites) the 明白纸 of a published record; one per record, each change audited with its lengths. */
export async function saveLeaflet(
  ctx: AppContext,
  meta: CommandMeta,
  disclosureId: string,
  input: { title: string; body: string; demo?: boolean },
): Promise<Result<OfflineLeafletTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    // Authorized before the input is judged: a record outside the caller's scope answers 404 whatever is sent.
    const found = await publishedInScope(trx, actor, disclosureId);
    if (!found.ok) return found;
    const title = required(input.title, '明白纸标题', LIMITS.leafletTitle);
    if (!title.ok) return title;
    const body = required(input.body, '明白纸正文', LIMITS.leafletBody);
    if (!body.ok) return body;
    const gate = await gateTyped(trx, { 标题: title.value, 正文: body.value }, chinaDate(now));
    if (!gate.ok) return gate;
    const at = now.toISOString();
    const before = await findLeaflet(trx, disclosureId);
    const row: OfflineLeafletTable = before
      ? { ...before, title: title.value, body: body.value, updated_at: at, updated_by: actor.userId }
      : {
          id: crypto.randomUUID(),
          unit_code: found.value.d.unit_code,
          disclosure_id: disclosureId,
          title: title.value,
          body: body.value,
          is_demo: input.demo ? 1 : 0,
          created_at: at,
          created_by: actor.userId,
          updated_at: at,
          updated_by: actor.userId,
        };
    if (before) await updateLeafletText(trx, row.id, { title: row.title, body: row.body, updated_at: at, updated_by: actor.userId });
    else await insertLeaflet(trx, row);
    await audit({
      unitCode: row.unit_code,
      action: before ? 'offline.leaflet.update' : 'offline.leaflet.create',
      entityType: 'offline_leaflet',
      entityId: row.id,
      before: before ? { title: before.title, chars: before.body.length } : undefined,
      after: { disclosureId, title: row.title, chars: row.body.length },
    });
    return ok(row);
  });
}

// ---- 广播稿 ------------------------------------------------------------------------------------------------------

/** Saves the clerk's edited loudspeaker text of a notice (until then the text is generated on request). */
export async function saveBroadcast(
  ctx: AppContext,
  meta: CommandMeta,
  disclosureId: string,
  input: { text: string; demo?: boolean },
): Promise<Result<OfflineBroadcastTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await publishedInScope(trx, actor, disclosureId);
    if (!found.ok) return found;
    const text = required(input.text, '广播稿', LIMITS.broadcast);
    if (!text.ok) return text;
    const gate = await gateTyped(trx, { 广播稿: text.value }, chinaDate(now));
    if (!gate.ok) return gate;
    const before = await findBroadcast(trx, disclosureId);
    const row: OfflineBroadcastTable = {
      disclosure_id: disclosureId,
      unit_code: found.value.d.unit_code,
      text: text.value,
      is_demo: before?.is_demo ?? (input.demo ? 1 : 0),
      updated_at: now.toISOString(),
      updated_by: actor.userId,
    };
    if (before) await updateBroadcastText(trx, disclosureId, { text: row.text, updated_at: row.updated_at, updated_by: row.updated_by });
    else await insertBroadcast(trx, row);
    await audit({
      unitCode: row.unit_code,
      action: 'offline.broadcast.save',
      entityType: 'disclosure',
      entityId: disclosureId,
      before: before ? { chars: before.text.length } : undefined,
      after: { chars: row.text.length },
    });
    return ok(row);
  });
}

// ---- 政务公开专区 / 便民服务点 -------------------------------------------------------------------------------------

export interface ServicePointInput {
  kind: string;
  name: string;
  place: string;
  hours: string;
  services: string[];
  phone?: string | null;
}

/** An office telephone as printed: digits with an optional area code and extension (no personal mobiles: the gate). */
const PHONE = /^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$|^400-?\d{3}-?\d{4}$|^12345$/;

function checkPoint(input: ServicePointInput): Result<Omit<ServicePointInput, 'phone'> & { phone: string | null }> {
  if (!Object.hasOwn(SERVICE_POINT_KINDS, input.kind))
    return fail(
      400,
      'INVALID_INPUT',
      `类型应为 ${Object.entries(SERVICE_POINT_KINDS)
        .map(([k, v]) => `${k}（${v}）`)
        .join(' 或 ')}`,
    );
  const name = required(input.name, '名称', LIMITS.name);
  if (!name.ok) return name;
  const place = required(input.place, '地点', LIMITS.place);
  if (!place.ok) return place;
  const hours = required(input.hours, '开放时间', LIMITS.hours);
  if (!hours.ok) return hours;
  const services = cleanList(input.services ?? []);
  if (services.length === 0) return fail(400, 'INVALID_INPUT', '请至少填写一项可办理的服务');
  if (services.length > LIMITS.services) return fail(400, 'INVALID_INPUT', `可办理的服务不超过${LIMITS.services}项`);
  const long = services.find((s) => s.length > LIMITS.service);
  if (long) return fail(400, 'INVALID_INPUT', `服务“${long.slice(0, 10)}…”过长（不超过${LIMITS.service}字）`);
  const phone = input.phone?.replace(/[\s\u3000]/g, '') || null;
  if (phone && !PHONE.test(phone)) return fail(400, 'INVALID_PHONE', '联系电话应为办公电话，例如 0527-85588123（不要填写个人手机号码）');
  return ok({ kind: input.kind, name: name.value, place: place.value, hours: hours.value, services, phone });
}

async function unitForWriter(db: Executor, actor: Actor, unitCode: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(db, unitCode);
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', '单位不存在');
  if (!actorCoversPath(actor, unit.path, WRITERS)) return fail(403, 'FORBIDDEN', '政务公开专区和便民服务点由本单位经办人、审核人员或县政府办登记');
  return ok(unit);
}

export async function createServicePoint(
  ctx: AppContext,
  meta: CommandMeta,
  unitCode: string,
  input: ServicePointInput & { demo?: boolean },
): Promise<Result<OfflineServicePointTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitForWriter(trx, actor, unitCode);
    if (!unit.ok) return unit;
    const checked = checkPoint(input);
    if (!checked.ok) return checked;
    const c = checked.value;
    const gate = await gateTyped(trx, { 名称: c.name, 地点: c.place, 开放时间: c.hours, 服务: c.services.join('；') }, chinaDate(now));
    if (!gate.ok) return gate;
    const at = now.toISOString();
    const row: OfflineServicePointTable = {
      id: crypto.randomUUID(),
      unit_code: unit.value.code,
      kind: c.kind,
      name: c.name,
      place: c.place,
      hours: c.hours,
      services_json: JSON.stringify(c.services),
      phone: c.phone,
      photo_sha256: null,
      photo_type: null,
      photo_size: null,
      is_demo: input.demo ? 1 : 0,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
      retired_at: null,
      retired_reason: null,
    };
    await insertServicePoint(trx, row);
    await audit({
      unitCode: row.unit_code,
      action: 'offline.service_point.create',
      entityType: 'offline_service_point',
      entityId: row.id,
      after: { kind: c.kind, name: c.name, place: c.place, services: c.services.length },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(row);
  });
}

async function pointForWriter(db: Executor, actor: Actor, id: string): Promise<Result<OfflineServicePointTable>> {
  const p = await findServicePoint(db, id);
  if (!p) return fail(404, 'SERVICE_POINT_NOT_FOUND', '服务点不存在');
  const unit = await unitForWriter(db, actor, p.unit_code);
  if (!unit.ok) return unit.status === 404 ? fail(404, 'SERVICE_POINT_NOT_FOUND', '服务点不存在') : unit;
  if (p.retired_at) return fail(409, 'RETIRED', '该服务点已停用，不能修改');
  return ok(p);
}

export async function updateServicePoint(ctx: AppContext, meta: CommandMeta, id: string, input: ServicePointInput): Promise<Result<OfflineServicePointTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const p = await pointForWriter(trx, actor, id);
    if (!p.ok) return p;
    const checked = checkPoint(input);
    if (!checked.ok) return checked;
    const c = checked.value;
    const gate = await gateTyped(trx, { 名称: c.name, 地点: c.place, 开放时间: c.hours, 服务: c.services.join('；') }, chinaDate(now));
    if (!gate.ok) return gate;
    const set = {
      kind: c.kind,
      name: c.name,
      place: c.place,
      hours: c.hours,
      services_json: JSON.stringify(c.services),
      phone: c.phone,
      updated_at: now.toISOString(),
    };
    await writeServicePoint(trx, id, set);
    await audit({
      unitCode: p.value.unit_code,
      action: 'offline.service_point.update',
      entityType: 'offline_service_point',
      entityId: id,
      before: { kind: p.value.kind, name: p.value.name, place: p.value.place, hours: p.value.hours },
      after: { kind: c.kind, name: c.name, place: c.place, hours: c.hours },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok({ ...p.value, ...set });
  });
}

/** A place that closes stays in the records with its reason; it leaves the portal, the guide and the booklet. */
export async function retireServicePoint(ctx: AppContext, meta: CommandMeta, id: string, reason: string): Promise<Result<OfflineServicePointTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const p = await pointForWriter(trx, actor, id);
    if (!p.ok) return p;
    const why = required(reason, '停用原因', LIMITS.retireReason);
    if (!why.ok) return why;
    const gate = await gateTyped(trx, { 停用原因: why.value }, chinaDate(now));
    if (!gate.ok) return gate;
    const at = now.toISOString();
    await writeServicePoint(trx, id, { retired_at: at, retired_reason: why.value, updated_at: at });
    await audit({
      unitCode: p.value.unit_code,
      action: 'offline.service_point.retire',
      entityType: 'offline_service_point',
      entityId: id,
      after: { reason: why.value },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok({ ...p.value, retired_at: at, retired_reason: why.value, updated_at: at });
  });
}

/** The place's photo (PNG or JPEG, sniffed and size-checked by the route); replaces the previous one. */
export async function setServicePointPhoto(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  photo: { buffer: Buffer; type: 'png' | 'jpeg' },
): Promise<Result<OfflineServicePointTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const p = await pointForWriter(trx, actor, id);
    if (!p.ok) return p;
    const sha256 = await storeFile(ctx.config.dataDir, photo.buffer);
    const set = { photo_sha256: sha256, photo_type: photo.type, photo_size: photo.buffer.length, updated_at: now.toISOString() };
    await writeServicePoint(trx, id, set);
    await audit({
      unitCode: p.value.unit_code,
      action: 'offline.service_point.photo',
      entityType: 'offline_service_point',
      entityId: id,
      before: { sha256: p.value.photo_sha256 },
      after: { sha256, type: photo.type, size: photo.buffer.length },
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok({ ...p.value, ...set });
  });
}
