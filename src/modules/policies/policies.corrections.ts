/**
 * A policy document's 文号 is part of its disclosure's reviewed text: it changes through the disclosure's 更正
 * (proposed, then approved by a second, reviewer-level person). This follower (publishing's
 * registerCorrectionFollower) keeps the policy's metadata in step: a corrected 文号 must pass the policy rules
 * (registered 机关代字, year not after the 成文日期, unique per issuer) when the correction is proposed and again when
 * it is approved; on approval the metadata takes the new 文号 in the same transaction, the change is kept in
 * policy_metadata_changes as a public correction with the correction's reason (文件信息更正记录 on the policy page),
 * and audited as policy.metadata.correct.
 */
import './policies.tables.ts';
import crypto from 'node:crypto';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { Trx } from '../../platform/db/database.ts';
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
  if (!doc.ok) return fail(400, doc.code, `${doc.message}（这是一份政策文件，更正的文号须符合文号规则）`);
  if (doc.value.docNo !== next.doc_no) return fail(400, 'DOC_NO_FORMAT', `文号请按规范写作“${doc.value.docNo}”（年份用六角括号〔〕，序号不加0）`);
  if (await repo.docNoTaken(trx, p.issuer_unit_code, doc.value.docNo, id))
    return fail(409, 'DOC_NO_TAKEN', `文号“${doc.value.docNo}”本单位已经使用过，同一发文机关的文号不能重复`);
  return ok({ p, doc: doc.value });
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
    const at = now.toISOString();
    const before = { docNo: p.doc_no };
    const after = { docNo: doc?.docNo ?? null };
    await repo.insertMetadataChange(trx, {
      id: crypto.randomUUID(),
      policy_id: p.disclosure_id,
      seq: (await repo.lastMetadataSeq(trx, p.disclosure_id)) + 1,
      before_json: JSON.stringify(before),
      after_json: JSON.stringify(after),
      reason: c.reason,
      is_public: 1,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at,
    });
    await repo.updatePolicyMetadata(trx, p.disclosure_id, {
      doc_no: doc?.docNo ?? null,
      doc_year: doc?.year ?? null,
      doc_serial: doc?.serial ?? null,
      issuer_name: p.issuer_name,
      written_on: p.written_on,
      category: p.category,
      topic: p.topic,
      genre: p.genre,
      keywords_json: p.keywords_json,
      consultation_ref: p.consultation_ref,
      updated_at: at,
    });
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
};
