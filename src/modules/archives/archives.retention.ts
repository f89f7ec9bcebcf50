/**
 * Retention (鉴定) and destruction (销毁): items past their period are listed for appraisal (on read); destroying needs
 * a recorded decision by two people — the archivist proposes, a second person (another archivist, the 村务监督委员会
 * or the county office; never the proposer: platform/workflow's sign-off rule) approves — and leaves a 销毁清单.
 * Nothing on legal hold, not yet due, or out of the room can be proposed or approved. Destroyed items keep their
 * catalogue row (档号, title, the destruction record) and leave the public archive; their stored files are released.
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { lockForUpdate, type Executor } from '../../platform/db/database.ts';
import { checkSignoff } from '../../platform/workflow/signoff.ts';
import { findUnit } from '../org/index.ts';
import { canDecideDestruction, canKeep, canSeeArchive } from './archives.policy.ts';
import { dueForAppraisal } from './archives.rules.ts';
import { catalogueLine, listRoots } from './archives.filing.ts';
import {
  countSerials,
  deleteItemFiles,
  findDestruction,
  findItemLists,
  findItems,
  insertDestruction,
  pageDestructions,
  openLoans,
  pendingDestructionItemIds,
  updateDestruction,
  updateItems,
  type DestructionRow,
  type ItemRow,
} from './archives.repository.ts';

const SERIAL_LOCK_KEY = 77_620_002;
const notFound = () => fail(404, 'DESTRUCTION_NOT_FOUND', '销毁记录不存在或不在您的管理范围内');

export type DestructionView = {
  id: string;
  serial: string;
  unit: { code: string; name: string };
  status: 'proposed' | 'approved' | 'rejected';
  reason: string;
  proposedBy: string;
  /** The proposer's user id: the second person is anyone else (the client hides 审批 from the proposer; the server decides). */
  proposedById: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** The 销毁清单. */
  items: { id: string; archivalCode: string; title: string; year: number; className: string; retentionLabel: string; keepUntil: string | null }[];
};

/** The lists with their items, read in one query for all of them (a page of lists is two queries, not one per list). */
async function views(db: Executor, rows: readonly DestructionRow[]): Promise<DestructionView[]> {
  const items = await findItemLists(
    db,
    rows.map((d) => JSON.parse(d.item_ids_json) as string[]),
  );
  return rows.map((d, n) => view(d, items[n]));
}
const one = async (db: Executor, d: DestructionRow) => (await views(db, [d]))[0];

function view(d: DestructionRow, items: ItemRow[]): DestructionView {
  return {
    id: d.id,
    serial: d.serial,
    unit: { code: d.unit_code, name: d.unit_name },
    status: d.status as DestructionView['status'],
    reason: d.reason,
    proposedBy: d.proposed_by_name,
    proposedById: d.proposed_by,
    proposedAt: d.proposed_at,
    decidedBy: d.decided_by_name,
    decidedAt: d.decided_at,
    comment: d.decision_comment,
    items: items.map((i) => ({ ...catalogueLine(i), keepUntil: i.keep_until })),
  };
}

/** Items that may be destroyed today: filed, due, not held, not out of the room. */
async function checkDestroyable(db: Executor, unitPath: string, ids: readonly string[], today: string, ignorePending: Set<string>): Promise<Result<null>> {
  const rows = await findItems(db, ids);
  if (rows.length !== ids.length || rows.some((r) => !r.unit_path.startsWith(unitPath))) return fail(400, 'ITEM_NOT_FOUND', '所选档案不存在或不属于本单位');
  const held = rows.filter((r) => r.legal_hold === 1);
  if (held.length) return fail(409, 'LEGAL_HOLD', `档案 ${held.map((r) => r.archival_code).join('、')} 处于法律保全中，不能销毁`);
  const notDue = rows.filter((r) => !dueForAppraisal(r, today));
  if (notDue.length)
    return fail(
      409,
      'NOT_DUE',
      `档案 ${notDue.map((r) => `${r.archival_code}（${r.keep_until ? `保管至${r.keep_until}` : r.status === 'filed' ? '永久保管' : '已销毁'}）`).join('、')} 未到保管期限，不能销毁`,
    );
  const out = await openLoans(db, { roots: [unitPath], itemIds: ids });
  if (out.length) return fail(409, 'ITEM_ON_LOAN', `档案 ${out.map((l) => l.archival_code).join('、')} 借出未还，不能销毁`);
  const pending = [...ignorePending].filter((id) => ids.includes(id));
  if (pending.length) return fail(409, 'ALREADY_PROPOSED', '所选档案中有已在待审批销毁清单中的');
  return ok(null);
}

export async function proposeDestruction(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  input: { unitCode: string; itemIds: string[]; reason: string },
): Promise<Result<DestructionView>> {
  const reason = input.reason.trim();
  const ids = [...new Set(input.itemIds)];
  if (!reason) return fail(400, 'REASON_REQUIRED', '请写明鉴定意见（为何不再保存）');
  if (ids.length === 0) return fail(400, 'ITEMS_REQUIRED', '请选择要销毁的档案');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, input.unitCode);
    if (!unit || !canSeeArchive(meta.actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${input.unitCode}”不存在或不在您的管理范围内`);
    if (!canKeep(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '销毁清单由档案管理员提出');
    const check = await checkDestroyable(trx, unit.path, ids, chinaDate(now), await pendingDestructionItemIds(trx, unit.code));
    if (!check.ok) return check;
    await lockForUpdate(trx, ctx.dialect, SERIAL_LOCK_KEY);
    const year = chinaDate(now).slice(0, 4);
    const serial = `销毁〔${year}〕${(await countSerials(trx, 'archive_destructions', `销毁〔${year}〕`)) + 1}号`;
    const id = crypto.randomUUID();
    await insertDestruction(trx, {
      id,
      serial,
      unit_code: unit.code,
      status: 'proposed',
      reason,
      item_ids_json: JSON.stringify(ids),
      proposed_by: meta.actor.userId,
      proposed_by_name: meta.actor.displayName,
      proposed_at: now.toISOString(),
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decision_comment: null,
      is_demo: 0,
    });
    await audit({
      unitCode: unit.code,
      action: 'archives.destruction.propose',
      entityType: 'archive_destruction',
      entityId: id,
      after: { serial, items: ids.length },
    });
    return ok(await one(trx, (await findDestruction(trx, id))!));
  });
}

export async function decideDestruction(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: { decision: 'approve' | 'reject'; comment?: string },
): Promise<Result<DestructionView>> {
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) return fail(400, 'COMMENT_REQUIRED', '不同意销毁时请写明理由');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const d = await findDestruction(trx, id);
    if (!d || !canSeeArchive(meta.actor, d.unit_path)) return notFound();
    if (!canDecideDestruction(meta.actor, d.unit_path)) return fail(403, 'FORBIDDEN', '销毁须经第二人（档案管理员、村务监督委员会成员或县级管理员）审批');
    if (d.status !== 'proposed') return fail(409, 'INVALID_STATE', '该销毁清单已经审批');
    const signoff = checkSignoff(meta.actor.userId, [{ userId: d.proposed_by, kind: 'author' }], '该销毁清单');
    if (!signoff.ok) return fail(signoff.status, signoff.code, signoff.message);
    const ids = JSON.parse(d.item_ids_json) as string[];
    if (input.decision === 'approve') {
      const check = await checkDestroyable(trx, d.unit_path, ids, chinaDate(now), new Set());
      if (!check.ok) return check;
      await updateItems(trx, ids, { status: 'destroyed', destruction_id: id, updated_at: now.toISOString() });
      await deleteItemFiles(trx, ids);
    }
    await updateDestruction(trx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decided_by: meta.actor.userId,
      decided_by_name: meta.actor.displayName,
      decided_at: now.toISOString(),
      decision_comment: comment,
    });
    await audit({
      unitCode: d.unit_code,
      action: input.decision === 'approve' ? 'archives.destruction.approve' : 'archives.destruction.reject',
      entityType: 'archive_destruction',
      entityId: id,
      before: { status: 'proposed' },
      after: { status: input.decision === 'approve' ? 'approved' : 'rejected', serial: d.serial, items: ids },
    });
    return ok(await one(trx, (await findDestruction(trx, id))!));
  });
}

export async function getDestruction(ctx: AppContext, actor: Actor, id: string): Promise<Result<DestructionView>> {
  const d = await findDestruction(ctx.db, id);
  if (!d || !canSeeArchive(actor, d.unit_path)) return notFound();
  return ok(await one(ctx.db, d));
}

export const DESTRUCTION_STATUSES = ['proposed', 'approved', 'rejected'] as const;

/** One page of the 销毁清单 in the caller's scope (or of one unit; of one status), newest first, and how many there are. */
export async function destructionsFor(
  ctx: AppContext,
  actor: Actor,
  q: { unitCode?: string; status?: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: DestructionView[] }>> {
  const roots = await listRoots(ctx, actor, q.unitCode);
  if (!roots.ok) return roots;
  const page = await pageDestructions(ctx.db, { roots: roots.value, unitCode: q.unitCode, status: q.status, limit: q.limit, offset: q.offset });
  return ok({ total: page.total, items: await views(ctx.db, page.items) });
}
