/**
 * 公开栏 (notice boards): the registry (place, photo, person in charge), what a board should carry (the current
 * disclosures with the board channel), posting photos attached to a board, and the town's inspections: the phone
 * checklist, photos, a failed check → a 整改 work order through the assessment module, the re-check that closes or
 * re-opens it. The 意见箱 beside a board belongs to the interaction module (its boxes reference `notice_boards.id`);
 * here the inspector only answers whether it is present and emptied.
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import type { ReminderItem } from '../../platform/module.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import type { AssessmentFigureProvider, ProvidedUnitFigures } from '../../platform/provided-figures.ts';
import { findUnit } from '../org/index.ts';
import { addCalendarDays, getCalendar } from '../calendar/index.ts';
import { currentBoardDisclosures, findBoardEvidence, readStoredFile, sniffFileType, storeFile, type BoardDisclosure } from '../publishing/index.ts';
import { closeOrderInScope, getOrder, issueOrderInScope, reopenOrderInScope, ORDER_STATUSES } from '../assessment/index.ts';
import { canInspect, canKeepBoards, canSeeArchive } from './archives.policy.ts';
import { listRoots } from './archives.filing.ts';
import { BOARD_CHECKS, BOARD_CHECK_KEYS, failedChecks } from './archives.rules.ts';
import {
  findBoard,
  findInspection,
  findInspectionPhoto,
  insertBoard,
  insertInspection,
  insertInspectionPhotos,
  insertPosting,
  inspectionFigures,
  listBoards,
  pageBoards,
  pageUninspectedBoards,
  listInspectionPhotos,
  listInspections,
  listPostings,
  openFindings,
  updateBoard,
  type BoardRow,
  type InspectionRow,
} from './archives.repository.ts';
import { loadSettings } from './archives.settings.ts';

export const PHOTO_TYPES = ['png', 'jpeg'] as const;
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

const boardNotFound = () => fail(404, 'BOARD_NOT_FOUND', '公开栏不存在或不在您的管理范围内');
const inspectionNotFound = () => fail(404, 'INSPECTION_NOT_FOUND', '巡查记录不存在或不在您的管理范围内');
/** Staff who see a board: the village's own staff and everyone above it who may inspect it. */
const canSeeBoard = (actor: Actor, unitPath: string) => canSeeArchive(actor, unitPath) || canInspect(actor, unitPath);

export type BoardView = {
  id: string;
  unit: { code: string; name: string };
  name: string;
  place: string;
  personInCharge: string;
  photoUrl: string | null;
  active: boolean;
  lastInspectedOn: string | null;
  /** Not inspected within the county's period (settings.inspectionIntervalDays). */
  inspectionOverdue: boolean;
  isDemo: boolean;
};

function boardView(r: BoardRow, today: string, intervalDays: number): BoardView {
  const cutoff = addCalendarDays(today, -intervalDays);
  return {
    id: r.id,
    unit: { code: r.unit_code, name: r.unit_name },
    name: r.name,
    place: r.place,
    personInCharge: r.person_in_charge,
    photoUrl: r.photo_sha256 ? `/api/v1/archives/boards/${r.id}/photo` : null,
    active: r.active === 1,
    lastInspectedOn: r.last_inspected_on,
    inspectionOverdue: r.active === 1 && (r.last_inspected_on === null ? r.created_at.slice(0, 10) < cutoff : r.last_inspected_on < cutoff),
    isDemo: r.is_demo === 1,
  };
}

export type InspectionView = {
  id: string;
  boardId: string;
  boardName: string;
  unitCode: string;
  kind: 'inspection' | 'recheck';
  recheckOf: string | null;
  inspectedOn: string;
  inspector: string;
  answers: { key: string; label: string; ok: boolean }[];
  result: 'pass' | 'fail';
  note: string | null;
  orderId: string | null;
  photos: { id: string; url: string; type: string }[];
};

function inspectionView(r: InspectionRow, photos: { id: string; type: string }[]): InspectionView {
  const answers = JSON.parse(r.answers_json) as Record<string, boolean>;
  return {
    id: r.id,
    boardId: r.board_id,
    boardName: r.board_name,
    unitCode: r.unit_code,
    kind: r.kind as InspectionView['kind'],
    recheckOf: r.recheck_of,
    inspectedOn: r.inspected_on,
    inspector: r.inspector_name,
    answers: BOARD_CHECKS.map((c) => ({ key: c.key, label: c.label, ok: answers[c.key] === true })),
    result: r.result as InspectionView['result'],
    note: r.note,
    orderId: r.order_id,
    photos: photos.map((p) => ({ id: p.id, type: p.type, url: `/api/v1/archives/inspection-photos/${p.id}` })),
  };
}

// ----- registry -----------------------------------------------------------------------------------------------------

export interface BoardInput {
  name: string;
  place: string;
  personInCharge: string;
  active?: boolean;
}

function checkBoard(input: BoardInput): Result<BoardInput> {
  const name = input.name.trim();
  const place = input.place.trim();
  const personInCharge = input.personInCharge.trim();
  if (!name) return fail(400, 'NAME_REQUIRED', '请填写公开栏名称（如“村委会门口公开栏”）');
  if (!place) return fail(400, 'PLACE_REQUIRED', '请写明公开栏的位置');
  if (!personInCharge) return fail(400, 'PERSON_REQUIRED', '请填写公开栏的负责人（实施方案要求明确专人管理）');
  return ok({ name, place, personInCharge, active: input.active });
}

export async function registerBoard(ctx: AppContext, meta: CommandMeta & { actor: Actor }, unitCode: string, input: BoardInput): Promise<Result<BoardView>> {
  const v = checkBoard(input);
  if (!v.ok) return v;
  const settings = await loadSettings(ctx.db);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, unitCode);
    if (!unit || !canSeeBoard(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${unitCode}”不存在或不在您的管理范围内`);
    if (!canKeepBoards(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有本村（社区）经办人、档案管理员或县级管理员可以登记公开栏');
    if (unit.active !== 1) return fail(409, 'UNIT_ABOLISHED', `“${unit.name}”已撤销`);
    const id = crypto.randomUUID();
    const at = now.toISOString();
    await insertBoard(trx, {
      id,
      unit_code: unit.code,
      name: v.value.name,
      place: v.value.place,
      person_in_charge: v.value.personInCharge,
      photo_sha256: null,
      photo_type: null,
      active: 1,
      is_demo: 0,
      created_at: at,
      created_by: meta.actor.username,
      updated_at: at,
    });
    await audit({
      unitCode: unit.code,
      action: 'archives.board.create',
      entityType: 'notice_board',
      entityId: id,
      after: { name: v.value.name, place: v.value.place },
    });
    return ok(boardView((await findBoard(trx, id))!, chinaDate(now), settings.inspectionIntervalDays));
  });
}

export async function changeBoard(ctx: AppContext, meta: CommandMeta & { actor: Actor }, id: string, input: BoardInput): Promise<Result<BoardView>> {
  const v = checkBoard(input);
  if (!v.ok) return v;
  const settings = await loadSettings(ctx.db);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await findBoard(trx, id);
    if (!row || !canSeeBoard(meta.actor, row.unit_path)) return boardNotFound();
    if (!canKeepBoards(meta.actor, row.unit_path)) return fail(403, 'FORBIDDEN', '只有本村（社区）经办人、档案管理员或县级管理员可以修改公开栏');
    const active = v.value.active === undefined ? row.active : v.value.active ? 1 : 0;
    await updateBoard(trx, id, { name: v.value.name, place: v.value.place, person_in_charge: v.value.personInCharge, active, updated_at: now.toISOString() });
    // The board's name and place are public (beside its 意见箱 on the unit's portal page): cached pages go stale with this change.
    if (row.name !== v.value.name || row.place !== v.value.place || row.active !== active) {
      await bumpPageCacheVersion(trx, now);
      notePublicChange(ctx);
    }
    await audit({
      unitCode: row.unit_code,
      action: 'archives.board.update',
      entityType: 'notice_board',
      entityId: id,
      before: { name: row.name, place: row.place, active: row.active === 1 },
      after: { name: v.value.name, place: v.value.place, active: active === 1 },
    });
    return ok(boardView((await findBoard(trx, id))!, chinaDate(now), settings.inspectionIntervalDays));
  });
}

export async function setBoardPhoto(ctx: AppContext, meta: CommandMeta & { actor: Actor }, id: string, buffer: Buffer): Promise<Result<BoardView>> {
  const type = await sniffFileType(buffer);
  if (!(PHOTO_TYPES as readonly string[]).includes(type)) return fail(415, 'UNSUPPORTED_FILE_TYPE', '照片只接受 PNG 或 JPEG 图片（按文件内容判断）');
  const found = await findBoard(ctx.db, id);
  if (!found || !canSeeBoard(meta.actor, found.unit_path)) return boardNotFound();
  if (!canKeepBoards(meta.actor, found.unit_path)) return fail(403, 'FORBIDDEN', '只有本村（社区）经办人、档案管理员或县级管理员可以更换公开栏照片');
  const sha256 = await storeFile(ctx.config.dataDir, buffer);
  const settings = await loadSettings(ctx.db);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    await updateBoard(trx, id, { photo_sha256: sha256, photo_type: type, updated_at: now.toISOString() });
    await audit({
      unitCode: found.unit_code,
      action: 'archives.board.photo',
      entityType: 'notice_board',
      entityId: id,
      before: { sha256: found.photo_sha256 },
      after: { sha256 },
    });
    return ok(boardView((await findBoard(trx, id))!, chinaDate(now), settings.inspectionIntervalDays));
  });
}

export async function boardPhoto(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const row = await findBoard(ctx.db, id);
  if (!row || !canSeeBoard(actor, row.unit_path)) return boardNotFound();
  if (!row.photo_sha256 || !row.photo_type) return fail(404, 'PHOTO_NOT_FOUND', '该公开栏还没有照片');
  return ok({
    name: `${row.name}.${row.photo_type === 'jpeg' ? 'jpg' : row.photo_type}`,
    type: row.photo_type,
    buffer: await readStoredFile(ctx.config.dataDir, row.photo_sha256),
  });
}

/** Attaches a posting photo of a disclosure (publishing's 公开栏 evidence) to the board it was taken at. */
export async function attachPosting(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  boardId: string,
  evidenceId: string,
): Promise<Result<{ boardId: string; evidenceId: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const board = await findBoard(trx, boardId);
    if (!board || !canSeeBoard(meta.actor, board.unit_path)) return boardNotFound();
    if (!canKeepBoards(meta.actor, board.unit_path)) return fail(403, 'FORBIDDEN', '只有本村（社区）经办人、档案管理员或县级管理员可以关联张贴照片');
    const ev = await findBoardEvidence(trx, evidenceId);
    if (!ev || ev.unit_code !== board.unit_code) return fail(400, 'EVIDENCE_NOT_FOUND', '张贴照片不存在，或不是本村（社区）公开记录的照片');
    await insertPosting(trx, { evidence_id: evidenceId, board_id: boardId, attached_at: now.toISOString(), attached_by: meta.actor.username });
    await audit({
      unitCode: board.unit_code,
      action: 'archives.board.posting',
      entityType: 'notice_board',
      entityId: boardId,
      after: { evidenceId, disclosureId: ev.disclosure_id },
    });
    return ok({ boardId, evidenceId });
  });
}

/**
 * One page of the boards in the caller's scope (or under one unit), by unit and name, and how many there are. The
 * scope is the query's: the roots of the staff roles that see a board (an inspector's roles are staff roles, so
 * canSeeBoard is canSeeArchive's subtrees).
 */
export async function listBoardsFor(
  ctx: AppContext,
  actor: Actor,
  q: { unitCode?: string; ownOnly?: boolean; limit: number; offset: number },
): Promise<Result<{ total: number; items: BoardView[] }>> {
  if (q.ownOnly && !q.unitCode) return fail(400, 'OWN_ONLY_NEEDS_UNIT', 'ownOnly 须同时给出 unitCode（只列这个单位自己的公开栏）');
  const roots = await listRoots(ctx, actor, q.unitCode);
  if (!roots.ok) return roots;
  const today = chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const page = await pageBoards(ctx.db, { roots: roots.value, unitCode: q.ownOnly ? q.unitCode : undefined, limit: q.limit, offset: q.offset });
  return ok({ total: page.total, items: page.items.map((r) => boardView(r, today, settings.inspectionIntervalDays)) });
}

export async function boardDetail(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<
  Result<
    BoardView & {
      content: BoardDisclosure[];
      postings: { evidenceId: string; disclosureId: string; takenOn: string; type: string; attachedAt: string }[];
      inspections: InspectionView[];
      checklist: { key: string; label: string }[];
      canInspect: boolean;
      canEdit: boolean;
    }
  >
> {
  const row = await findBoard(ctx.db, id);
  if (!row || !canSeeBoard(actor, row.unit_path)) return boardNotFound();
  const today = chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const inspections = await listInspections(ctx.db, { roots: [row.unit_path], boardId: id, limit: 50 });
  const photos = await listInspectionPhotos(
    ctx.db,
    inspections.map((i) => i.id),
  );
  return ok({
    ...boardView(row, today, settings.inspectionIntervalDays),
    content: await currentBoardDisclosures(ctx.db, row.unit_code, today),
    postings: (await listPostings(ctx.db, id)).map((p) => ({
      evidenceId: p.evidence_id,
      disclosureId: p.disclosure_id,
      takenOn: p.taken_on,
      type: p.type,
      attachedAt: p.attached_at,
    })),
    inspections: inspections.map((i) =>
      inspectionView(
        i,
        photos.filter((p) => p.inspection_id === i.id),
      ),
    ),
    checklist: BOARD_CHECKS.map((c) => ({ key: c.key, label: c.label })),
    canInspect: canInspect(actor, row.unit_path),
    canEdit: canKeepBoards(actor, row.unit_path),
  });
}

// ----- inspections ----------------------------------------------------------------------------------------------------

export interface InspectionInput {
  answers: Record<string, boolean>;
  note?: string | null;
}

function checkAnswers(input: InspectionInput): Result<{ answers: Record<string, boolean>; failed: string[]; note: string | null }> {
  const missing = BOARD_CHECK_KEYS.filter((k) => typeof input.answers[k] !== 'boolean');
  if (missing.length)
    return fail(400, 'CHECKLIST_INCOMPLETE', `请逐项回答检查清单：${missing.map((k) => BOARD_CHECKS.find((c) => c.key === k)!.label).join('；')}`);
  const unknown = Object.keys(input.answers).filter((k) => !(BOARD_CHECK_KEYS as string[]).includes(k));
  if (unknown.length) return fail(400, 'CHECKLIST_UNKNOWN', `检查清单中没有这些项目：${unknown.join('、')}`);
  const failed = failedChecks(input.answers);
  const note = input.note?.trim() || null;
  if (failed.length && !note) return fail(400, 'NOTE_REQUIRED', '有不合格项目时，请写明发现的问题和整改要求');
  return ok({ answers: Object.fromEntries(BOARD_CHECK_KEYS.map((k) => [k, input.answers[k]])), failed, note });
}

/**
 * A town inspector records an inspection of a board. Any failed check issues a 整改 work order to the village
 * through the assessment module, in the same transaction (the order's evidence links to this inspection).
 */
export async function inspectBoard(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  boardId: string,
  input: InspectionInput,
): Promise<Result<InspectionView>> {
  const v = checkAnswers(input);
  if (!v.ok) return v;
  const settings = await loadSettings(ctx.db);
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now, audit } = scope;
    const board = await findBoard(trx, boardId);
    if (!board || !canSeeBoard(meta.actor, board.unit_path)) return boardNotFound();
    if (!canInspect(meta.actor, board.unit_path)) return fail(403, 'FORBIDDEN', '公开栏巡查由乡镇（街道）或县级工作人员进行');
    if (board.active !== 1) return fail(409, 'BOARD_INACTIVE', '该公开栏已停用，不能巡查');
    const id = crypto.randomUUID();
    const at = now.toISOString();
    const today = chinaDate(now);
    let orderId: string | null = null;
    if (v.value.failed.length) {
      const problems = v.value.failed.map((k) => `不合格：${BOARD_CHECKS.find((c) => c.key === k)!.label.replace(/（.*）/, '')}`).join('；');
      const order = await issueOrderInScope(
        ctx,
        scope,
        meta.actor,
        {
          unitCode: board.unit_code,
          title: `公开栏整改：${board.name}`,
          problem: `${today}巡查“${board.name}”（${board.place}）发现：${problems}。${v.value.note}`,
          workingDays: settings.rectifyWorkingDays,
          findingRef: `board-inspection:${id}`,
          evidence: [{ url: `/api/v1/archives/inspections/${id}`, label: '公开栏巡查记录及照片' }],
        },
        calendar,
      );
      if (!order.ok) return order;
      orderId = order.value.id;
    }
    await insertInspection(trx, {
      id,
      board_id: boardId,
      unit_code: board.unit_code,
      kind: 'inspection',
      recheck_of: null,
      inspected_on: today,
      inspector: meta.actor.username,
      inspector_name: meta.actor.displayName,
      answers_json: JSON.stringify(v.value.answers),
      result: v.value.failed.length ? 'fail' : 'pass',
      note: v.value.note,
      order_id: orderId,
      is_demo: 0,
      created_at: at,
    });
    await audit({
      unitCode: board.unit_code,
      action: 'archives.board.inspect',
      entityType: 'board_inspection',
      entityId: id,
      after: { boardId, result: v.value.failed.length ? 'fail' : 'pass', failed: v.value.failed, orderId },
    });
    return ok(inspectionView((await findInspection(trx, id))!, []));
  });
}

/**
 * The re-check of a failed inspection once the village has responded to the work order: all checks pass → the order
 * is closed (复核销号); otherwise it is re-opened with a new deadline. Two-person sign-off applies as for every 复核.
 */
export async function recheckBoard(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  findingId: string,
  input: InspectionInput,
): Promise<Result<InspectionView & { orderStatus: string }>> {
  const v = checkAnswers(input);
  if (!v.ok) return v;
  const settings = await loadSettings(ctx.db);
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async (scope) => {
    const { trx, now, audit } = scope;
    const finding = await findInspection(trx, findingId);
    if (!finding || !canSeeBoard(meta.actor, finding.unit_path)) return inspectionNotFound();
    if (!canInspect(meta.actor, finding.unit_path)) return fail(403, 'FORBIDDEN', '公开栏复查由乡镇（街道）或县级工作人员进行');
    if (finding.kind !== 'inspection' || finding.result !== 'fail' || !finding.order_id)
      return fail(409, 'NOTHING_TO_RECHECK', '这次巡查没有发现问题，不需要复查');
    const open = await openFindings(trx, finding.board_id);
    if (!open.some((o) => o.id === findingId)) return fail(409, 'ALREADY_RECHECKED', '该问题已复查通过');
    const id = crypto.randomUUID();
    const at = now.toISOString();
    const today = chinaDate(now);
    const passed = v.value.failed.length === 0;
    const order = passed
      ? await closeOrderInScope(scope, meta.actor, finding.order_id, v.value.note ?? `${today}复查公开栏，整改到位`)
      : await reopenOrderInScope(
          scope,
          meta.actor,
          finding.order_id,
          { comment: `${today}复查仍不合格：${v.value.note}`, workingDays: settings.rectifyWorkingDays },
          calendar,
        );
    if (!order.ok) return order.code === 'INVALID_STATE' && passed ? fail(409, 'NOT_RESPONDED', '村（社区）尚未反馈整改情况，请待其反馈后再复查') : order;
    await insertInspection(trx, {
      id,
      board_id: finding.board_id,
      unit_code: finding.unit_code,
      kind: 'recheck',
      recheck_of: findingId,
      inspected_on: today,
      inspector: meta.actor.username,
      inspector_name: meta.actor.displayName,
      answers_json: JSON.stringify(v.value.answers),
      result: passed ? 'pass' : 'fail',
      note: v.value.note,
      order_id: finding.order_id,
      is_demo: 0,
      created_at: at,
    });
    await audit({
      unitCode: finding.unit_code,
      action: 'archives.board.recheck',
      entityType: 'board_inspection',
      entityId: id,
      after: { findingId, result: passed ? 'pass' : 'fail', orderId: finding.order_id, orderStatus: order.value.status },
    });
    return ok({ ...inspectionView((await findInspection(trx, id))!, []), orderStatus: ORDER_STATUSES[order.value.status] });
  });
}

export async function addInspectionPhoto(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  inspectionId: string,
  buffer: Buffer,
): Promise<Result<InspectionView>> {
  // Scope first (outside it: 404 whatever was sent), then the real type, then the store.
  const found = await findInspection(ctx.db, inspectionId);
  if (!found || !canSeeBoard(meta.actor, found.unit_path)) return inspectionNotFound();
  if (!canInspect(meta.actor, found.unit_path)) return fail(403, 'FORBIDDEN', '巡查照片由巡查人员上传');
  const type = await sniffFileType(buffer);
  if (!(PHOTO_TYPES as readonly string[]).includes(type)) return fail(415, 'UNSUPPORTED_FILE_TYPE', '照片只接受 PNG 或 JPEG 图片（按文件内容判断）');
  const sha256 = await storeFile(ctx.config.dataDir, buffer);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const photos = await listInspectionPhotos(trx, [inspectionId]);
    if (photos.length >= 20) return fail(409, 'TOO_MANY_PHOTOS', '每次巡查最多上传20张照片');
    const id = crypto.randomUUID();
    await insertInspectionPhotos(trx, [{ id, inspection_id: inspectionId, sha256, type, size: buffer.length, created_at: now.toISOString() }]);
    await audit({
      unitCode: found.unit_code,
      action: 'archives.board.inspect.photo',
      entityType: 'board_inspection',
      entityId: inspectionId,
      after: { photoId: id, sha256 },
    });
    return ok(inspectionView(found, await listInspectionPhotos(trx, [inspectionId])));
  });
}

export async function getInspection(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<Result<InspectionView & { order: { id: string; serial: string; status: string; statusLabel: string; dueDate: string } | null }>> {
  const row = await findInspection(ctx.db, id);
  if (!row || !canSeeBoard(actor, row.unit_path)) return inspectionNotFound();
  const order = row.order_id ? await getOrder(ctx, actor, row.order_id) : null;
  return ok({
    ...inspectionView(row, await listInspectionPhotos(ctx.db, [id])),
    order:
      order && order.ok
        ? { id: order.value.id, serial: order.value.serial, status: order.value.status, statusLabel: order.value.statusLabel, dueDate: order.value.dueDate }
        : null,
  });
}

export async function inspectionPhoto(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ name: string; type: string; buffer: Buffer }>> {
  const p = await findInspectionPhoto(ctx.db, id);
  if (!p || !canSeeBoard(actor, p.unit_path)) return fail(404, 'PHOTO_NOT_FOUND', '照片不存在或不在您的管理范围内');
  return ok({ name: `巡查照片.${p.type === 'jpeg' ? 'jpg' : p.type}`, type: p.type, buffer: await readStoredFile(ctx.config.dataDir, p.sha256) });
}

// ----- for compliance and the assessment -----------------------------------------------------------------------------

export interface UninspectedBoard {
  boardId: string;
  boardName: string;
  unitCode: string;
  unitName: string;
  lastInspectedOn: string | null;
  intervalDays: number;
}

/** Active boards under `unitPath` not inspected within the county's period, as of `asOf` (pure read). */
export async function uninspectedBoards(ctx: AppContext, unitPath: string, asOf: string): Promise<UninspectedBoard[]> {
  const settings = await loadSettings(ctx.db);
  const rows = await listBoards(ctx.db, { roots: [unitPath], activeOnly: true });
  return rows
    .map((r) => ({ r, v: boardView(r, asOf, settings.inspectionIntervalDays) }))
    .filter((x) => x.v.inspectionOverdue)
    .map(({ r }) => ({
      boardId: r.id,
      boardName: r.name,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      lastInspectedOn: r.last_inspected_on,
      intervalDays: settings.inspectionIntervalDays,
    }));
}

/**
 * The compliance finding (issue 18: boards never inspected in the county's period show in compliance): uninspected
 * boards in the actor's scope, or under one unit of it (404 outside scope). Pure read.
 */
export async function uninspectedBoardsFor(
  ctx: AppContext,
  actor: Actor,
  q: { unitCode?: string; limit: number; offset: number },
): Promise<
  Result<{
    asOf: string;
    total: number;
    items: { boardId: string; boardName: string; unit: { code: string; name: string }; lastInspectedOn: string | null; finding: string; link: string }[];
  }>
> {
  const asOf = chinaDate(ctx.clock.now());
  let roots = scopeRoots(actor);
  if (q.unitCode) {
    const unit = await findUnit(ctx.db, q.unitCode);
    if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在或不在您的管辖范围内：${q.unitCode}`);
    roots = [unit.path];
  }
  const { inspectionIntervalDays: days } = await loadSettings(ctx.db);
  const page = await pageUninspectedBoards(ctx.db, { roots, cutoff: addCalendarDays(asOf, -days), limit: q.limit, offset: q.offset });
  return ok({
    asOf,
    total: page.total,
    items: page.items.map((b) => ({
      boardId: b.id,
      boardName: b.name,
      unit: { code: b.unit_code, name: b.unit_name },
      lastInspectedOn: b.last_inspected_on,
      finding: b.last_inspected_on ? `公开栏“${b.name}”自${b.last_inspected_on}以来超过${days}天未巡查` : `公开栏“${b.name}”登记以来超过${days}天未巡查`,
      link: `/admin/archives/boards/${b.id}`,
    })),
  });
}

/** Inspections (first inspections and re-checks) per unit under `unitPath` in [from, to]: how many, how many passed. */
export async function boardInspectionFigures(
  ctx: AppContext,
  q: { unitPath: string; from: string; to: string },
): Promise<Map<string, { inspections: number; passed: number }>> {
  return new Map((await inspectionFigures(ctx.db, q)).map((r) => [r.unit_code, { inspections: r.inspections, passed: r.passed }]));
}

/** Reminders: boards due for inspection are owed by the town above them (pure read). */
export async function boardReminders(ctx: AppContext, asOf: string): Promise<ReminderItem[]> {
  const [settings, calendar] = await Promise.all([loadSettings(ctx.db), getCalendar(ctx)]);
  const rows = await listBoards(ctx.db, { roots: ['/'], activeOnly: true });
  const out: ReminderItem[] = [];
  for (const r of rows) {
    const v = boardView(r, asOf, settings.inspectionIntervalDays);
    if (!v.inspectionOverdue) continue;
    const townCode = r.unit_path.split('/').filter(Boolean).slice(-2, -1)[0];
    if (!townCode) continue;
    const due = addCalendarDays(r.last_inspected_on ?? r.created_at.slice(0, 10), settings.inspectionIntervalDays);
    out.push({
      key: `board-inspection:${r.id}:${due}`,
      unitCode: townCode,
      kind: 'archives.board-inspection',
      title: `公开栏巡查：${r.unit_name}“${r.name}”`,
      dueDate: due,
      status: 'overdue',
      overdueWorkingDays: calendar.workingDaysBetween(due, asOf).workingDays,
      link: `/admin/archives/boards/${r.id}`,
    });
  }
  return out;
}

export const BOARD_INSPECTIONS_NOTE = '公开渠道佐证率：评价期内乡镇对公开栏的每次巡查（含复查）计为一次渠道检查，未通过的巡查计同缺少渠道佐证';

/**
 * The assessment's channel indicator (公开渠道佐证率, kind `channel_evidence`) reads the boards' inspections in the
 * window up to its check point through this module's manifest (`provides.assessment`): assessment never imports
 * archives. Units without an inspection have nothing to add (0 of 0).
 */
export const boardInspectionsProvider: AssessmentFigureProvider = {
  kinds: { channel_evidence: { empty: { boardInspections: 0, boardInspectionsFailed: 0 }, note: BOARD_INSPECTIONS_NOTE } },
  async measure(ctx, q) {
    const out = new Map<string, ProvidedUnitFigures>();
    const to = q.asOf < q.to ? q.asOf : q.to;
    for (const [unitCode, f] of await boardInspectionFigures(ctx, { unitPath: q.rootPath, from: q.from, to })) {
      const failed = f.inspections - f.passed;
      out.set(unitCode, {
        figures: { channel_evidence: { boardInspections: f.inspections, boardInspectionsFailed: failed } },
        evidence: { channel_evidence: [{ label: `公开栏巡查：期内${f.inspections}次，未通过${failed}次`, url: '/admin/archives/boards' }] },
      });
    }
    return out;
  },
};
