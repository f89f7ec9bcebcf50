/**
 * The evaluation's settings, as data (app_settings key `compliance.rules`, edited by the county admin).
 * Defaults come from the issue and domain.md; where no rule was found the default is the most
 * lenient reading and the setting says so (never an invented legal rule).
 */
import type { Executor } from '../../platform/db/database.ts';

/** The 公开栏 channel whose use must be evidenced by a posting photo (publishing's disclosure_evidence). */
export const NOTICE_BOARD_CHANNEL = '社区/企事业单位/村公示栏（电子屏）';

export interface ComplianceRules {
  /** 即将到期: an unfulfilled obligation due within this many working days (issue 7: default 3). */
  dueSoonWorkingDays: number;
  /**
   * Working days after the due date (or the publication, if later) before a missing 公开栏 photo counts
   * as 渠道未留痕. No rule was found for this; default 0 (the photo is expected by the due date).
   */
  channelEvidenceGraceWorkingDays: number;
  /** Channels that need evidence when the catalog marks them ■ (required); today only the notice board has a photo record. */
  evidencedChannels: string[];
}

export const DEFAULT_RULES: ComplianceRules = {
  dueSoonWorkingDays: 3,
  channelEvidenceGraceWorkingDays: 0,
  evidencedChannels: [NOTICE_BOARD_CHANNEL],
};

export const RULES_KEY = 'compliance.rules';

export function validateRules(input: Partial<ComplianceRules>): string[] {
  const problems: string[] = [];
  const intIn = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
  if (input.dueSoonWorkingDays !== undefined && !intIn(input.dueSoonWorkingDays, 0, 60)) problems.push('“即将到期”提前天数应为 0 至 60 之间的整数（工作日）');
  if (input.channelEvidenceGraceWorkingDays !== undefined && !intIn(input.channelEvidenceGraceWorkingDays, 0, 60)) problems.push('公开栏拍照存证宽限天数应为 0 至 60 之间的整数（工作日）');
  if (input.evidencedChannels !== undefined && (!Array.isArray(input.evidencedChannels) || input.evidencedChannels.some((c) => c !== NOTICE_BOARD_CHANNEL))) {
    problems.push(`目前只有“${NOTICE_BOARD_CHANNEL}”有拍照存证记录，其他渠道无法核验`);
  }
  return problems;
}

export async function loadRules(db: Executor): Promise<ComplianceRules> {
  const row = await db.selectFrom('app_settings').select('value_json').where('key', '=', RULES_KEY).executeTakeFirst();
  if (!row) return DEFAULT_RULES;
  return { ...DEFAULT_RULES, ...(JSON.parse(row.value_json) as Partial<ComplianceRules>) };
}
