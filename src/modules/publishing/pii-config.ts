/**
 * The county's personal-data rules: the built-in detectors (ID numbers, mobiles, bank cards,
 * landlines) switched on or off with their masks, plus the county's own patterns (e.g. 社保卡号).
 * Stored in app_settings so every process uses the same rules; publishing requests (and reads that
 * finalize a due publication) re-read the settings row (one primary-key lookup) and re-apply the
 * rules only when its updated_at changed.
 */
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { DEFAULT_RULES, validateRules, withRules, type BuiltinRule, type BuiltinRuleId, type CustomRule, type PiiRule } from './pii/pii-patterns.ts';

export const PII_RULES_KEY = 'publishing.piiRules';

/** Length of the shortest value of each built-in kind (15-digit old IDs, 11-digit mobiles, 16-digit cards, 8-digit local numbers). */
const SHORTEST: Partial<Record<PiiRule['kind'], number>> = { id: 15, possible_id: 15, mobile: 11, bank_card: 16, landline: 8 };

export interface PiiRulesConfig {
  builtin: Partial<Record<BuiltinRuleId, Partial<Pick<BuiltinRule, 'enabled' | 'mask'>>>>;
  custom: CustomRule[];
}

let active: readonly PiiRule[] = DEFAULT_RULES;
let activeVersion: string | null = null;

/** The rules in force in this process (defaults until the county changes them). */
export function piiRules(): readonly PiiRule[] {
  return active;
}

function apply(config: PiiRulesConfig | null, version: string | null): void {
  active = config ? withRules(config.builtin, config.custom) : DEFAULT_RULES;
  activeVersion = version;
}

/** Brings this process's rules in line with the database's (cheap when unchanged). */
export async function refreshPiiRules(db: Executor): Promise<void> {
  const row = await readSetting(db, PII_RULES_KEY);
  // The stored text itself, not only its time, says whether the rules changed: two databases in one
  // process (tests, a restore into a second data dir) may hold different rules saved at the same instant.
  const version = row ? `${row.updated_at}\n${row.value_json}` : null;
  if (version === activeVersion) return;
  apply(row ? (JSON.parse(row.value_json) as PiiRulesConfig) : null, version);
}

export interface PiiRulesView {
  rules: PiiRule[];
  config: PiiRulesConfig;
  updatedAt: string | null;
}

export async function loadPiiRulesView(db: Executor): Promise<PiiRulesView> {
  const row = await readSetting(db, PII_RULES_KEY);
  const config: PiiRulesConfig = row ? JSON.parse(row.value_json) : { builtin: {}, custom: [] };
  return { rules: withRules(config.builtin, config.custom), config, updatedAt: row?.updated_at ?? null };
}

/** Replaces the county's rule settings (county admin at the county root); audited; effective at once. */
export async function savePiiRules(ctx: AppContext, meta: CommandMeta, config: PiiRulesConfig): Promise<Result<PiiRulesView>> {
  const rules = withRules(config.builtin, config.custom);
  const problems = validateRules(rules);
  if (problems.length) return fail(400, 'INVALID_PII_RULES', `个人信息识别规则有误：${problems.map((p) => p.message).join('；')}`, problems);
  if (!rules.some((r) => r.enabled)) return fail(400, 'INVALID_PII_RULES', '至少需要启用一条个人信息识别规则');
  // A mask must hide at least 4 characters of the shortest value of its kind, or it masks nothing useful.
  for (const r of rules.filter((x) => x.enabled)) {
    const shortest = SHORTEST[r.kind];
    if (shortest && r.mask.keepFirst + r.mask.keepLast > shortest - 4) {
      return fail(400, 'INVALID_PII_RULES', `规则「${r.label}」保留的位数过多：首尾合计最多保留${shortest - 4}位，至少要遮盖4位`);
    }
  }
  if (!rules.some((r) => r.id === 'resident_id' && r.enabled)) {
    // 身份证号 is the identifier every 公示 rule names: it can never be switched off.
    return fail(400, 'INVALID_PII_RULES', '身份证号识别规则不能停用');
  }
  const result = await runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await readSetting(trx, PII_RULES_KEY);
    const value = JSON.stringify(config);
    const iso = now.toISOString();
    await writeSetting(trx, PII_RULES_KEY, value, iso);
    // Public pages that mask at read time (政民互动's 选登 and knowledge list, a disclosure page's questions) follow the new rules.
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    await audit({
      unitCode: null,
      action: 'publishing.pii_rules.update',
      entityType: 'app_setting',
      entityId: PII_RULES_KEY,
      before: before ? JSON.parse(before.value_json) : null,
      after: config,
    });
    return ok({ rules, config, updatedAt: iso });
  });
  if (result.ok) apply(config, result.value.updatedAt);
  return result;
}

/** For tests: back to the defaults. */
export function resetPiiRules(): void {
  apply(null, null);
}
