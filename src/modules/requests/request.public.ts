/**
 * The public online application, shared by the JSON API and the server-rendered form: the human
 * check, the identity-proof upload (type sniffed from its bytes, size limited) and the command.
 */
import type { AppContext } from '../../platform/context.ts';
import { fail, type Result } from '../../platform/result.ts';
import { storeFile } from '../../platform/files/store.ts';
import { sniffFileType } from '../../platform/files/sniff.ts';
import { submitOnlineApplication, type ApplicationInput, type IntakeResult } from './request.commands.ts';
import { verifyHumanCheck } from './request.human-check.ts';

/** Identity proof: a photo or scan of the document (条例第29条 身份证明). */
export const PROOF_TYPES = { png: 'image/png', jpeg: 'image/jpeg', pdf: 'application/pdf' } as const;
export const PROOF_MAX_BYTES = 5 * 1024 * 1024;

export async function fileOnlineApplication(
  ctx: AppContext,
  input: Omit<ApplicationInput, 'identityProof'>,
  check: { token: string; answer: string },
  proof: Buffer | null,
  requestId: string,
): Promise<Result<IntakeResult>> {
  const now = ctx.clock.now();
  const human = await verifyHumanCheck(ctx.db, now, check.token, check.answer);
  if (human === 'expired') return fail(400, 'HUMAN_CHECK_EXPIRED', '验证题已过期，请刷新页面后重新作答');
  if (human !== 'ok') return fail(400, 'HUMAN_CHECK_FAILED', '验证题答案不正确，请重新计算后填写');
  let identityProof: ApplicationInput['identityProof'] = null;
  if (proof && proof.length > 0) {
    if (proof.length > PROOF_MAX_BYTES) return fail(413, 'PROOF_TOO_LARGE', '身份证明文件不能超过5MB');
    const type = await sniffFileType(proof);
    if (type !== 'png' && type !== 'jpeg' && type !== 'pdf') return fail(415, 'PROOF_TYPE', '身份证明请上传 JPG、PNG 图片或 PDF 文件');
    identityProof = { sha256: await storeFile(ctx.config.dataDir, proof), type: PROOF_TYPES[type] };
  }
  return submitOnlineApplication(ctx, { actor: null, requestId }, { ...input, identityProof });
}
