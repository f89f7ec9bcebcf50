/**
 * 更正 (corrections of published records) with two-person sign-off (issue 13 §2). A member of the unit's
 * staff (drafter, reviewer or county admin covering the unit) proposes the new title / 文号 / body with a
 * public reason; the proposal waits (`disclosure_corrections`, status `pending`, at most one per record)
 * until a reviewer-level second person — 村务监督委员会成员 / 单位审核人 / 县级管理员 who neither authored
 * nor edited this correction (platform/workflow `checkSignoff`) — approves it, which writes the new public
 * version (its reason, hash and audit event `disclosure.correct`, as before) and announces it, or returns it
 * with a comment. The record stays public with its current version meanwhile. The personal-data gate runs
 * on the proposal and again on approval.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../platform/command.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { DisclosureCorrectionTable } from './disclosure.tables.ts';
import { contentHash, publicContent } from './disclosure.content.ts';
import { checkCorrectionFollowers, followApprovedCorrection } from './disclosure.correction-followers.ts';
import {
  announce,
  cleanBody,
  cleanTitle,
  contentOf,
  decisionsOf,
  piiGate,
  publicTablesJson,
  reasonProblem,
  settleDue,
  step,
  transition,
  type DisclosureRow,
} from './disclosure.commands.ts';
import {
  decideCorrection,
  findCorrection,
  findVersionOrThrow,
  insertCorrection,
  insertVersion,
  listCorrectionsOf,
  pendingCorrection,
  updateDisclosure,
} from './disclosure.repository.ts';

export const CORRECTION_STATUS_TEXT: Record<string, string> = { pending: '待审核', approved: '已审核生效', rejected: '已退回' };

export interface CorrectionInput {
  reason: string;
  title?: string;
  docNo?: string | null;
  body?: string;
}

/** Proposes a correction of a published record; nothing public changes until a second person approves it. */
export async function proposeCorrection(ctx: AppContext, meta: CommandMeta, id: string, input: CorrectionInput): Promise<Result<DisclosureRow>> {
  const clean = cleanCorrectionInput(input);
  if (!clean.ok) return clean;
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async (scope) => {
    const r = await proposeCorrectionWithin(ctx, scope, meta.actor!, id, input);
    return r.ok ? ok(r.value.row) : r;
  });
}

function cleanCorrectionInput(input: CorrectionInput): Result<null> {
  const reason = input.reason.trim();
  if (reason.length < 2) return fail(400, 'REASON_REQUIRED', '更正须填写公开的更正理由');
  if (reason.length > 500) return fail(400, 'REASON_TOO_LONG', '更正理由不能超过500字');
  const title = input.title === undefined ? null : cleanTitle(input.title);
  if (title && !title.ok) return title;
  const body = input.body === undefined ? null : cleanBody(input.body);
  if (body && !body.ok) return body;
  return ok(null);
}

/**
 * The proposal inside a caller's transaction (another module's command that links the correction to its own row in
 * the same transaction, e.g. interaction: a villager's question as the public reason). The caller runs
 * `settleDue(ctx, id)` before opening its transaction, as `proposeCorrection` does.
 */
export async function proposeCorrectionWithin(
  ctx: AppContext,
  scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>,
  actor: Actor,
  id: string,
  input: CorrectionInput,
): Promise<Result<{ row: DisclosureRow; correctionId: string }>> {
  const clean = cleanCorrectionInput(input);
  if (!clean.ok) return clean;
  const { trx, now, audit } = scope;
  const reason = input.reason.trim();
  const title = input.title === undefined ? null : cleanTitle(input.title);
  const body = input.body === undefined ? null : cleanBody(input.body);
  const tr = await transition(trx, actor, id, 'correct', ctx.dialect, now);
  if (!tr.ok) return tr;
  const { row, t } = tr.value;
  const open = await pendingCorrection(trx, id);
  if (open) return fail(409, 'CORRECTION_PENDING', '这条内容已有一项更正等待审核，请先由审核人员审核（同意或退回）后再提出新的更正');
  const next = {
    title: title?.ok ? title.value : row.title,
    doc_no: input.docNo !== undefined ? input.docNo?.trim() || null : row.doc_no,
    body_html: body?.ok ? body.value : row.body_html,
  };
  const today = chinaDate(now);
  const bad = reasonProblem(reason, '更正理由', today);
  if (bad) return bad;
  const gate = await piiGate(trx, { ...row, ...next }, today, { fileReview: false });
  if (gate) return gate;
  const followed = await checkCorrectionFollowers(trx, row, next);
  if (!followed.ok) return followed;
  if (next.title === row.title && next.doc_no === row.doc_no && next.body_html === row.body_html) {
    // Same working text: still a correction when the public copy changes (personal data now masked under the
    // county's current rules, e.g. after `gongkai pii rescan` listed the record).
    const pub = publicContent(contentOf(next), decisionsOf(row), today);
    const cur = await findVersionOrThrow(trx, row.id, row.current_version);
    if (cur.public_title === pub.title && cur.public_body_html === pub.bodyHtml && (cur.public_tables_json ?? null) === publicTablesJson(row, today)) {
      return fail(400, 'NO_CHANGE', '更正内容与现有内容相同，请修改标题、文号或正文');
    }
  }
  const at = now.toISOString();
  const correction: DisclosureCorrectionTable = {
    id: crypto.randomUUID(),
    disclosure_id: id,
    version_no: row.current_version + 1,
    status: 'pending',
    ...next,
    reason,
    proposed_by: actor.userId,
    proposed_at: at,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
  };
  await insertCorrection(trx, correction);
  await updateDisclosure(trx, id, { updated_at: at });
  await step(trx, row, 'correct_propose', row.status, row.status, actor, t.role, reason, at);
  await audit({
    unitCode: row.unit_code,
    action: 'disclosure.correction.propose',
    entityType: 'disclosure',
    entityId: id,
    after: { correctionId: correction.id, version: correction.version_no, reason },
  });
  return ok({ row: { ...row, updated_at: at }, correctionId: correction.id });
}

/**
 * A reviewer-level second person decides on the pending correction: approve → the new public version (reason,
 * content hash, audit `disclosure.correct`, search index, feeds, webhooks); reject → returned with a comment.
 */
export async function reviewCorrection(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  correctionId: string,
  input: { decision: 'approve' | 'reject'; comment?: string | null },
): Promise<Result<DisclosureRow>> {
  const actor = meta.actor!;
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) return fail(400, 'COMMENT_REQUIRED', '退回更正时请写明理由');
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'correct_review', ctx.dialect);
    if (!tr.ok)
      return tr.status === 403 && tr.code === 'FORBIDDEN' ? fail(403, 'FORBIDDEN', '更正须由审核人员（村务监督委员会成员、单位审核人或县级管理员）审核') : tr;
    const { row, unit, t } = tr.value;
    const c = await findCorrection(trx, id, correctionId);
    if (!c) return fail(404, 'CORRECTION_NOT_FOUND', '没有找到这项更正');
    if (c.status !== 'pending') return fail(409, 'CORRECTION_DECIDED', `这项更正${CORRECTION_STATUS_TEXT[c.status] ?? c.status}，不能再审核`);
    const at = now.toISOString();
    if (input.decision === 'reject') {
      await decideCorrection(trx, c.id, { status: 'rejected', decided_by: actor.userId, decided_at: at, decision_comment: comment });
      await step(trx, row, 'correct_reject', row.status, row.status, actor, t.role, comment, at);
      await audit({
        unitCode: row.unit_code,
        action: 'disclosure.correction.reject',
        entityType: 'disclosure',
        entityId: id,
        after: { correctionId: c.id, version: c.version_no, comment },
      });
      return ok(row);
    }
    const next = { title: c.title, doc_no: c.doc_no, body_html: c.body_html };
    const today = chinaDate(now);
    const gate = await piiGate(trx, { ...row, ...next }, today, { fileReview: false });
    if (gate) return gate;
    // Other modules' rules for the record (e.g. a policy's 文号 unique per issuer) may have changed since the proposal.
    const followed = await checkCorrectionFollowers(trx, row, next);
    if (!followed.ok) return followed;
    const versionNo = row.current_version + 1;
    const pub = publicContent(contentOf(next), decisionsOf(row), today);
    const publicTables = publicTablesJson(row, today);
    const hash = contentHash({
      disclosureId: row.id,
      versionNo,
      unitCode: row.unit_code,
      indexNo: row.index_no!,
      title: pub.title,
      docNo: pub.docNo,
      formedOn: row.formed_on,
      bodyHtml: pub.bodyHtml,
      tables: publicTables,
    });
    await insertVersion(trx, {
      id: crypto.randomUUID(),
      disclosure_id: row.id,
      version_no: versionNo,
      title: next.title,
      doc_no: next.doc_no,
      body_html: next.body_html,
      public_title: pub.title,
      public_body_html: pub.bodyHtml,
      reason: c.reason,
      content_hash: hash,
      tables_json: row.tables_json ?? null,
      public_tables_json: publicTables,
      created_at: at,
      created_by: c.proposed_by,
    });
    const updated = { ...row, ...next, current_version: versionNo, updated_at: at };
    await updateDisclosure(trx, id, updated);
    await decideCorrection(trx, c.id, { status: 'approved', decided_by: actor.userId, decided_at: at, decision_comment: comment });
    await step(trx, row, 'correct', row.status, row.status, actor, t.role, c.reason, at);
    await audit({
      unitCode: row.unit_code,
      action: 'disclosure.correct',
      entityType: 'disclosure',
      entityId: id,
      before: { version: row.current_version },
      after: { version: versionNo, reason: c.reason, contentHash: hash, correctionId: c.id, proposedBy: c.proposed_by, comment },
    });
    // Rows of other modules that carry the corrected text (a policy's 文号) follow in this transaction.
    const kept = await followApprovedCorrection({ trx, now, audit }, actor, row, { ...next, correctionId: c.id, reason: c.reason, versionNo });
    if (!kept.ok) return kept;
    await announce(ctx, { trx, now }, 'disclosure.corrected', id, unit.path);
    return ok(updated);
  });
}

export interface CorrectionView {
  id: string;
  version: number;
  status: string;
  statusText: string;
  title: string;
  docNo: string | null;
  bodyHtml: string;
  reason: string;
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
}

/** Every correction proposal of a record, newest first (staff view). */
export async function correctionViews(db: Executor, id: string): Promise<CorrectionView[]> {
  const rows = await listCorrectionsOf(db, id);
  return rows.map((r) => ({
    id: r.id,
    version: r.version_no,
    status: r.status,
    statusText: CORRECTION_STATUS_TEXT[r.status] ?? r.status,
    title: r.title,
    docNo: r.doc_no,
    bodyHtml: r.body_html,
    reason: r.reason,
    proposedBy: r.proposed_by,
    proposedByName: r.proposer_name,
    proposedAt: r.proposed_at,
    decidedByName: r.decider_name,
    decidedAt: r.decided_at,
    comment: r.decision_comment,
  }));
}
