/**
 * Policies (issue 19 §1): policy documents (政策文件) with 文号, 发文机关, 成文日期, classification and validity with its
 * public history; 解读 linked to their policy and the interpretation rule; 回应 linked to policies, interaction items
 * and consultations. Each of these is a disclosure published through publishing; this module adds metadata and links.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import type { Executor } from '../../platform/db/database.ts';
import { firstRealPolicyOf } from './policies.repository.ts';
import { registerPolicyRoutes } from './policies.routes.ts';
import { registerPolicyPages } from './policies.pages.tsx';
import { seedPolicyDemo } from './policies.demo.ts';
import { registerCorrectionFollower } from '../publishing/index.ts';
import { policyCorrectionFollower } from './policies.corrections.ts';
import { complianceProvider } from './policies.compliance.ts';

export const manifest: ModuleManifest = {
  name: 'policies',
  register(app, ctx) {
    // A 更正 of a policy's 文号 keeps its metadata in step (policies.corrections.ts).
    registerCorrectionFollower(policyCorrectionFollower);
    registerPolicyRoutes(app, ctx);
    registerPolicyPages(app, ctx);
  },
  seedDemo: seedPolicyDemo,
  // 公开督查 lists policies without their 解读 in time (政策文件逾期未解读 / 政策解读晚于期限), in working days.
  provides: { compliance: complianceProvider },
};

export { VALIDITY_TEXT, parseDocNo, checkValidityChange, evaluateInterpretations, type Validity } from './policies.rules.ts';
export {
  getPublicPolicy,
  lastMetadataCorrectionOf,
  listPolicies,
  policyValidityOf,
  type PolicyMetadataCorrectionTag,
  type PolicyValidityTag,
} from './policies.queries.ts';
export { ValidityEnum } from './policies.schemas.ts';

/** The seed notice 泗政办发〔2023〕72号: the county office's first real policy document (the offline demo writes its 明白纸). */
export async function seedPolicyId(db: Executor): Promise<string | undefined> {
  return firstRealPolicyOf(db, 'dept-zfb');
}
