/**
 * A policy document's 文号 is part of its disclosure's reviewed text: it changes through the disclosure's 更正
 * (proposed, then approved by a second, reviewer-level person). This follower (publishing's
 * registerCorrectionFollower) keeps the policy's metadata in step: a corrected 文号 must pass the policy rules
 * (registered 机关代字, year not after the 成文日期, unique per issuer) when the correction is proposed and again when
 * it is approved; on approval the metadata takes the new 文号 in the same transaction, the change is kept in
 * policy_metadata_changes as a public correction with the correction's reason (文件信息更正记录 on the policy page),
 * and audited as policy.metadata.correct. A 文号 changed in the policy's draft follows the same way, in the draft edit's
 * transaction (the same rules; a refusal leaves the draft as it was): the change is kept as a non-public row of
 * policy_metadata_changes and audited as policy.metadata.edit.
 */
import './policies.tables.ts';
import crypto from 'node:crypto';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { CorrectionFollower, CorrectedText } from '../publishing/index.ts';
import * as repo from './policies.repository.ts';
import { parseDocNo, type ParsedDocNo } from './policies.rules.ts';
import type { PolicyDocumentTable } from './policies.tables.ts';

/** The corrected 文号 checked against the policy rules; null when the record is not a policy or its 文号 stays. */
async function checkedDocNo(
  trx: Trx,
  id: string,
  current: string | null,
  next: CorrectedText,
): Promise<Result<{ p: PolicyDocumentTable; doc: ParsedDocNo | null } | null>> {
  if ((next.doc_no ?? null) === (current ?? null)) return ok(null);
  const p = await repo.findPolicy(trx, id);
  if (!p) return ok(null);
  if (!next.doc_no) return ok({ p, doc: null });
  const doc = parseDocNo(next.doc_no, await repo.prefixesOf(trx, p.issuer_unit_code), p.written_on);
  if (!doc.ok) return fail(400, doc.code, `${doc.message}（这是一份政策文件，文号须符合文号规则）`);
  if (doc.value.docNo !== next.doc_no) return fail(400, 'DOC_NO_FORMAT', `文号请按规范写作“${doc.value.docNo}”（年份用六角括号〔〕，序号不加0）`);
  if (await repo.docNoTaken(trx, p.issuer_unit_code, doc.value.docNo, id))
    return fail(409, 'DOC_NO_TAKEN', `文号“${doc.value.docNo}”本单位已经使用过，同一发文机关的文号不能重复`);
  return ok({ p, doc: doc.value });
}

/** The policy takes the new 文号: the change kept in policy_metadata_changes (public for a correction) and the metadata row. */
async function takeDocNo(
  trx: Trx,
  p: PolicyDocumentTable,
  doc: ParsedDocNo | null,
  change: { reason: string | null; isPublic: boolean; actor: Actor; at: string },
): Promise<{ before: { docNo: string | null }; after: { docNo: string | null } }> {
  const before = { docNo: p.doc_no };
  const after = { docNo: doc?.docNo ?? null };
  await repo.insertMetadataChange(trx, {
    id: crypto.randomUUID(),
    policy_id: p.disclosure_id,
    seq: (await repo.lastMetadataSeq(trx, p.disclosure_id)) + 1,
    before_json: JSON.stringify(before),
    after_json: JSON.stringify(after),
    reason: change.reason,
    is_public: change.isPublic ? 1 : 0,
    actor_user_id: change.actor.userId,
    actor_name: change.actor.displayName,
    at: change.at,
  });
  await repo.updatePolicyMetadata(trx, p.disclosure_id, {
    doc_no: doc?.docNo ?? null,
    doc_year: doc?.year ?? null,
    doc_serial: doc?.serial ?? null,
    updated_at: change.at,
  });
  return { before, after };
}

export const policyCorrectionFollower: CorrectionFollower = {
  name: 'policies',
  async check(trx, row, next) {
    const r = await checkedDocNo(trx, row.id, row.doc_no, next);
    return r.ok ? ok(null) : r;
  },
  async approved({ trx, now, audit }, actor, row, c) {
    const r = await checkedDocNo(trx, row.id, row.doc_no, c);
    if (!r.ok) return r;
    if (!r.value) return ok(null);
    const { p, doc } = r.value;
    const { before, after } = await takeDocNo(trx, p, doc, { reason: c.reason, isPublic: true, actor, at: now.toISOString() });
    await audit({
      unitCode: p.issuer_unit_code,
      action: 'policy.metadata.correct',
      entityType: 'disclosure',
      entityId: p.disclosure_id,
      before,
      after: { ...after, reason: c.reason, correctionId: c.correctionId, version: c.versionNo },
    });
    return ok(null);
  },
  // A draft's 文号 edited in the draft: the metadata follows in the edit's transaction (a draft's edit is not public).
  async draftEdited({ trx, now, audit }, actor, before, after) {
    const r = await checkedDocNo(trx, before.id, before.doc_no, after);
    if (!r.ok) return r;
    if (!r.value) return ok(null);
    const { p, doc } = r.value;
    const change = await takeDocNo(trx, p, doc, { reason: null, isPublic: false, actor, at: now.toISOString() });
    await audit({
      unitCode: p.issuer_unit_code,
      action: 'policy.metadata.edit',
      entityType: 'disclosure',
      entityId: p.disclosure_id,
      before: change.before,
      after: { ...change.after, followedDraft: true },
    });
    return ok(null);
  },
};
