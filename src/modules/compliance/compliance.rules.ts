/**
 * The evaluation's settings, as data (app_settings key `compliance.rules`, edited by the county admin).
 * Defaults come from the issue and domain.md; where no rule was found the default is the most
 * lenient reading and the setting says so (never an invented legal rule).
 */
import type { Executor } from '../../platform/db/database.ts';
import { loadReminderSettings } from '../notifications/index.ts';
import { readSetting } from '../../platform/db/settings.ts';

/** The 公开栏 channel whose use must be evidenced by a posting photo (publishing's disclosure_evidence). */
export const NOTICE_BOARD_CHANNEL = '社区/企事业单位/村公示栏（电子屏）';

export interface ComplianceRules {
  /**
   * 即将到期: an unfulfilled obligation due within this many working days (issue 7: default 3). Not a
   * compliance setting of its own: it is the reminder settings' window (PUT /api/v1/notifications/settings),
   * so the status on the dashboards and the reminders users receive always agree.
   */
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

/** The rules stored under RULES_KEY (the due-soon window lives in the reminder settings). */
export type StoredRules = Omit<ComplianceRules, 'dueSoonWorkingDays'>;

export function validateRules(input: Partial<ComplianceRules>): string[] {
  const problems: string[] = [];
  const intIn = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
  if (input.dueSoonWorkingDays !== undefined) problems.push('“即将到期”提前天数与提醒共用一个设置，请在“提醒设置”中修改（PUT /api/v1/notifications/settings）');
  if (input.channelEvidenceGraceWorkingDays !== undefined && !intIn(input.channelEvidenceGraceWorkingDays, 0, 60))
    problems.push('公开栏拍照存证宽限天数应为 0 至 60 之间的整数（工作日）');
  if (input.evidencedChannels !== undefined && (!Array.isArray(input.evidencedChannels) || input.evidencedChannels.some((c) => c !== NOTICE_BOARD_CHANNEL))) {
    problems.push(`目前只有“${NOTICE_BOARD_CHANNEL}”有拍照存证记录，其他渠道无法核验`);
  }
  return problems;
}

export async function loadStoredRules(db: Executor): Promise<StoredRules> {
  const row = await readSetting(db, RULES_KEY);
  const { dueSoonWorkingDays: _ignored, ...defaults } = DEFAULT_RULES;
  if (!row) return defaults;
  // Rules saved before the window moved to the reminder settings may still carry it: the reminder settings win.
  const { dueSoonWorkingDays: _old, ...stored } = JSON.parse(row.value_json) as Partial<ComplianceRules>;
  return { ...defaults, ...stored };
}

export async function loadRules(db: Executor): Promise<ComplianceRules> {
  const [stored, reminders] = await Promise.all([loadStoredRules(db), loadReminderSettings(db)]);
  return { ...stored, dueSoonWorkingDays: reminders.dueSoonWorkingDays };
}
