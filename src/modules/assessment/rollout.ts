/**
 * Rollout tracker (标准化推进): the plan's three batches of village (residents) affairs standardisation and a
 * per-unit checklist with evidence. Batches and checklist items are data quoted from the plan
 * (泗政办发〔2023〕72号); which unit is in which batch is data too (`rollout_units`): a village/community with
 * no row belongs to the third batch (全县覆盖). Demo rows are flagged `is_demo` and shown as such.
 */
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { findRootUnit, findUnit, levelOf, listSubtree, type OrgUnitRow } from '../org/index.ts';
import { canAssess, canKeepChecklist, canSeeUnit } from './assessment.policy.ts';
import { listChecks, listRolloutUnits, upsertCheck, upsertRolloutUnit } from './assessment.repository.ts';
import { parseEvidence, resolveEvidence, type Evidence, type EvidenceInput } from './evidence.ts';

const PLAN = '泗政办发〔2023〕72号';

/** The three batches, quoted from the plan 二(二)1–3. `lateAfter`: a unit not done after this date is behind. */
export const ROLLOUT_BATCHES = {
  pilot: {
    label: '第一批：市级试点',
    text: '以城厢街道卜湖社区开展市级试点工作；本方案印发后立即组织实施',
    source: `${PLAN} 二(二)1`,
    lateAfter: null,
  },
  second: {
    label: '第二批：扩大推广',
    text: '各乡镇（街道）于2024年3月底前各选取1个行政村（社区）开展试点工作',
    source: `${PLAN} 二(二)2`,
    lateAfter: '2024-03-31',
  },
  third: {
    label: '第三批：全县覆盖',
    text: '2025年1月起，全县村（居）务公开标准化规范化实现全覆盖',
    source: `${PLAN} 二(二)3`,
    lateAfter: '2024-12-31',
  },
} as const;
export type BatchKey = keyof typeof ROLLOUT_BATCHES;
export const BATCH_KEYS = Object.keys(ROLLOUT_BATCHES) as BatchKey[];

/** The standardisation checklist, each item with the plan's wording it checks. */
export const ROLLOUT_CHECKS = {
  catalog_adopted: { label: '公开目录已制定并采用', short: '目录', source: `${PLAN} 三(三)1「制定公开目录」` },
  notice_board: {
    label: '公开栏已设立（便于群众观看的固定位置，并设意见箱）',
    short: '公开栏',
    source: `${PLAN} 三(三)4「在便于群众观看的位置设立固定的公开栏，并设立意见箱」`,
  },
  archive_reading_point: {
    label: '档案存放区和集中查阅点已设立（统一标识、管理制度）',
    short: '查阅点',
    source: `${PLAN} 三(三)4(1)(2)「档案存放区」「档案查阅区」`,
  },
  staff_named: { label: '已安排专人管理公开栏', short: '专人', source: `${PLAN} 三(三)4「各村(居)要安排专人管理村(居)务公开栏」` },
  training_held: { label: '已组织业务培训', short: '培训', source: `${PLAN} 四(二)「各单位组织业务培训」、五(二)` },
} as const;
export type CheckKey = keyof typeof ROLLOUT_CHECKS;
export const CHECK_KEYS = Object.keys(ROLLOUT_CHECKS) as CheckKey[];

export type UnitProgress = 'complete' | 'in_progress' | 'not_started';
export const PROGRESS_LABELS: Record<UnitProgress, string> = { complete: '已达标', in_progress: '推进中', not_started: '未开始' };

/** Pure: a unit's progress and whether it is behind its batch's date as of `asOf`. */
export function progressOf(batch: BatchKey, doneKeys: string[], asOf: string): { status: UnitProgress; doneCount: number; late: boolean } {
  const doneCount = CHECK_KEYS.filter((k) => doneKeys.includes(k)).length;
  const status: UnitProgress = doneCount === CHECK_KEYS.length ? 'complete' : doneCount === 0 ? 'not_started' : 'in_progress';
  const lateAfter = ROLLOUT_BATCHES[batch].lateAfter;
  return { status, doneCount, late: status !== 'complete' && lateAfter !== null && asOf > lateAfter };
}

const isVillageLevel = (u: Pick<OrgUnitRow, 'kind'>) => levelOf(u.kind) === 'village';

export type RolloutUnitView = {
  code: string;
  name: string;
  town: { code: string; name: string } | null;
  batch: BatchKey;
  batchLabel: string;
  batchIsDemo: boolean;
  batchNote: string | null;
  checks: Record<string, { done: boolean; doneOn: string | null; isDemo: boolean }>;
  doneCount: number;
  status: UnitProgress;
  statusLabel: string;
  late: boolean;
};

export type RolloutOverview = {
  asOf: string;
  batches: {
    key: BatchKey;
    label: string;
    text: string;
    source: string;
    lateAfter: string | null;
    units: number;
    complete: number;
    inProgress: number;
    notStarted: number;
    late: number;
  }[];
  checks: { key: CheckKey; label: string; short: string; source: string; done: number }[];
  towns: { code: string; name: string; villages: number; complete: number; secondBatch: { code: string; name: string }[] }[];
  units: RolloutUnitView[];
  demoNote: string | null;
};

export async function rolloutOverview(ctx: AppContext, actor: Actor, filter: { batch?: BatchKey; townCode?: string } = {}): Promise<Result<RolloutOverview>> {
  const asOf = chinaDate(ctx.clock.now());
  const roots = scopeRoots(actor);
  const county = await findRootUnit(ctx.db);
  if (!county) return ok({ asOf, batches: [], checks: [], towns: [], units: [], demoNote: null });
  const all = await listSubtree(ctx.db, county.path);
  const byCode = new Map(all.map((u) => [u.code, u]));
  if (filter.townCode) {
    const t = byCode.get(filter.townCode);
    if (!t || !canSeeUnit(actor, t.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${filter.townCode}”不存在或不在您的管理范围内`);
  }
  const visible = all.filter((u) => isVillageLevel(u) && roots.some((r) => u.path.startsWith(r)));
  const membership = new Map((await listRolloutUnits(ctx.db)).map((r) => [r.unit_code, r]));
  const checks = await listChecks(
    ctx.db,
    visible.map((u) => u.code),
  );
  const checksByUnit = new Map<string, typeof checks>();
  for (const c of checks) checksByUnit.set(c.unit_code, [...(checksByUnit.get(c.unit_code) ?? []), c]);
  const units: RolloutUnitView[] = visible.map((u) => {
    const m = membership.get(u.code);
    const batch = (m?.batch as BatchKey | undefined) ?? 'third';
    const mine = checksByUnit.get(u.code) ?? [];
    const done = mine.filter((c) => c.done === 1).map((c) => c.check_key);
    const p = progressOf(batch, done, asOf);
    const town = u.parent_code ? byCode.get(u.parent_code) : undefined;
    return {
      code: u.code,
      name: u.name,
      town: town ? { code: town.code, name: town.name } : null,
      batch,
      batchLabel: ROLLOUT_BATCHES[batch].label,
      batchIsDemo: m?.is_demo === 1,
      batchNote: m?.note ?? null,
      checks: Object.fromEntries(mine.map((c) => [c.check_key, { done: c.done === 1, doneOn: c.done_on, isDemo: c.is_demo === 1 }])),
      doneCount: p.doneCount,
      status: p.status,
      statusLabel: PROGRESS_LABELS[p.status],
      late: p.late,
    };
  });
  const shown = units.filter((u) => (!filter.batch || u.batch === filter.batch) && (!filter.townCode || u.town?.code === filter.townCode));
  const townUnits = all.filter((u) => levelOf(u.kind) === 'township' && roots.some((r) => u.path.startsWith(r) || r.startsWith(u.path)));
  const towns = townUnits
    .map((t) => {
      const vs = units.filter((u) => u.town?.code === t.code);
      return {
        code: t.code,
        name: t.name,
        villages: vs.length,
        complete: vs.filter((v) => v.status === 'complete').length,
        secondBatch: vs.filter((v) => v.batch === 'second').map((v) => ({ code: v.code, name: v.name })),
      };
    })
    .filter((t) => !filter.townCode || t.code === filter.townCode);
  const demo = units.some((u) => u.batchIsDemo || Object.values(u.checks).some((c) => c.isDemo));
  return ok({
    asOf,
    batches: BATCH_KEYS.map((key) => {
      const b = ROLLOUT_BATCHES[key];
      const us = units.filter((u) => u.batch === key);
      return {
        key,
        label: b.label,
        text: b.text,
        source: b.source,
        lateAfter: b.lateAfter,
        units: us.length,
        complete: us.filter((u) => u.status === 'complete').length,
        inProgress: us.filter((u) => u.status === 'in_progress').length,
        notStarted: us.filter((u) => u.status === 'not_started').length,
        late: us.filter((u) => u.late).length,
      };
    }),
    checks: CHECK_KEYS.map((key) => ({ key, ...ROLLOUT_CHECKS[key], done: units.filter((u) => u.checks[key]?.done).length })),
    towns,
    units: shown,
    demoNote: demo ? '标有“演示”的批次安排和完成情况是演示数据，不代表县政府公布的试点名单或实际进度。' : null,
  });
}

export type RolloutUnitDetail = RolloutUnitView & {
  items: {
    key: CheckKey;
    label: string;
    short: string;
    source: string;
    done: boolean;
    doneOn: string | null;
    note: string | null;
    evidence: Evidence[];
    isDemo: boolean;
    updatedBy: string | null;
    updatedAt: string | null;
  }[];
  canEdit: boolean;
  canAssignBatch: boolean;
  batchSource: string;
  batchText: string;
};

async function loadVillage(ctx: AppContext, actor: Actor, code: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(ctx.db, code);
  if (!unit || !canSeeUnit(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${code}”不存在或不在您的管理范围内`);
  if (!isVillageLevel(unit)) return fail(400, 'NOT_A_VILLAGE', `“${unit.name}”不是村（社区），标准化推进清单只适用于村（社区）`);
  return ok(unit);
}

export async function rolloutUnitDetail(ctx: AppContext, actor: Actor, code: string): Promise<Result<RolloutUnitDetail>> {
  const found = await loadVillage(ctx, actor, code);
  if (!found.ok) return found;
  const unit = found.value;
  const asOf = chinaDate(ctx.clock.now());
  const m = (await listRolloutUnits(ctx.db)).find((r) => r.unit_code === code);
  const batch = (m?.batch as BatchKey | undefined) ?? 'third';
  const rows = await listChecks(ctx.db, [code]);
  const town = unit.parent_code ? await findUnit(ctx.db, unit.parent_code) : undefined;
  const p = progressOf(
    batch,
    rows.filter((r) => r.done === 1).map((r) => r.check_key),
    asOf,
  );
  return ok({
    code,
    name: unit.name,
    town: town ? { code: town.code, name: town.name } : null,
    batch,
    batchLabel: ROLLOUT_BATCHES[batch].label,
    batchIsDemo: m?.is_demo === 1,
    batchNote: m?.note ?? null,
    batchSource: ROLLOUT_BATCHES[batch].source,
    batchText: ROLLOUT_BATCHES[batch].text,
    checks: Object.fromEntries(rows.map((c) => [c.check_key, { done: c.done === 1, doneOn: c.done_on, isDemo: c.is_demo === 1 }])),
    doneCount: p.doneCount,
    status: p.status,
    statusLabel: PROGRESS_LABELS[p.status],
    late: p.late,
    items: CHECK_KEYS.map((key) => {
      const r = rows.find((x) => x.check_key === key);
      return {
        key,
        ...ROLLOUT_CHECKS[key],
        done: r?.done === 1,
        doneOn: r?.done_on ?? null,
        note: r?.note ?? null,
        evidence: r ? parseEvidence(r.evidence_json) : [],
        isDemo: r?.is_demo === 1,
        updatedBy: r?.updated_by ?? null,
        updatedAt: r?.updated_at ?? null,
      };
    }),
    canEdit: canKeepChecklist(actor, unit.path),
    canAssignBatch: canAssess(actor, unit.path),
  });
}

export interface CheckInput {
  done: boolean;
  doneOn?: string | null;
  note?: string | null;
  evidence?: EvidenceInput[];
}

export async function updateCheck(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  code: string,
  key: string,
  input: CheckInput,
): Promise<Result<RolloutUnitDetail>> {
  if (!(CHECK_KEYS as string[]).includes(key)) return fail(404, 'CHECK_NOT_FOUND', `没有名为“${key}”的检查项`);
  const found = await loadVillage(ctx, meta.actor, code);
  if (!found.ok) return found;
  const unit = found.value;
  if (!canKeepChecklist(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有本村（社区）及其上级单位的工作人员可以更新推进清单');
  const today = chinaDate(ctx.clock.now());
  const note = input.note?.trim() || null;
  if (note && note.length > 500) return fail(400, 'NOTE_TOO_LONG', '说明不能超过500个字符');
  let doneOn: string | null = null;
  if (input.done) {
    if (!input.doneOn) return fail(400, 'DATE_REQUIRED', '请填写完成日期');
    if (!isRealDate(input.doneOn)) return fail(400, 'INVALID_DATE', `完成日期“${input.doneOn}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`);
    if (input.doneOn > today) return fail(400, 'DATE_IN_FUTURE', '完成日期不能晚于今天');
    if (input.doneOn < '2023-12-05') return fail(400, 'DATE_TOO_EARLY', '完成日期不能早于实施方案印发日期（2023-12-05）');
    doneOn = input.doneOn;
  }
  const result = await runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const evidence = await resolveEvidence(trx, input.evidence ?? [], unit.path, input.done);
    if (!evidence.ok) return evidence;
    const before = (await listChecks(trx, [code])).find((c) => c.check_key === key);
    await upsertCheck(trx, {
      unit_code: code,
      check_key: key,
      done: input.done ? 1 : 0,
      done_on: doneOn,
      note,
      evidence_json: JSON.stringify(evidence.value),
      is_demo: 0,
      updated_by: meta.actor.username,
      updated_at: now.toISOString(),
    });
    await audit({
      unitCode: code,
      action: 'rollout.check.update',
      entityType: 'rollout_check',
      entityId: `${code}:${key}`,
      before: before ? { done: before.done === 1, doneOn: before.done_on } : null,
      after: { done: input.done, doneOn, evidence: evidence.value.length },
    });
    return ok(null);
  });
  if (!result.ok) return result;
  return rolloutUnitDetail(ctx, meta.actor, code);
}

export async function assignBatch(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  code: string,
  input: { batch: string; note?: string | null },
): Promise<Result<RolloutUnitDetail>> {
  if (!(BATCH_KEYS as string[]).includes(input.batch))
    return fail(400, 'INVALID_BATCH', `批次只能是：${BATCH_KEYS.map((k) => `${k}（${ROLLOUT_BATCHES[k].label}）`).join('、')}`);
  const found = await loadVillage(ctx, meta.actor, code);
  if (!found.ok) return found;
  if (!canAssess(meta.actor, found.value.path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以调整试点批次');
  const note = input.note?.trim() || null;
  if (note && note.length > 200) return fail(400, 'NOTE_TOO_LONG', '说明不能超过200个字符');
  const result = await runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = (await listRolloutUnits(trx)).find((r) => r.unit_code === code);
    await upsertRolloutUnit(trx, { unit_code: code, batch: input.batch, is_demo: 0, note, assigned_by: meta.actor.username, assigned_at: now.toISOString() });
    await audit({
      unitCode: code,
      action: 'rollout.batch.assign',
      entityType: 'rollout_unit',
      entityId: code,
      before: { batch: before?.batch ?? 'third' },
      after: { batch: input.batch },
    });
    return ok(null);
  });
  if (!result.ok) return result;
  return rolloutUnitDetail(ctx, meta.actor, code);
}

/** Demo: 卜湖社区 as the pilot (named by the plan) and one community/village per town (chosen for the demo). */
export async function seedRolloutDemo(ctx: AppContext): Promise<number> {
  const existing = await listRolloutUnits(ctx.db);
  if (existing.length > 0) return 0;
  const county = await findRootUnit(ctx.db);
  if (!county) return 0;
  const all = await listSubtree(ctx.db, county.path);
  const at = ctx.clock.now().toISOString();
  const pilot = all.find((u) => u.name === '卜湖社区' && isVillageLevel(u));
  let n = 0;
  if (pilot) {
    await upsertRolloutUnit(ctx.db, {
      unit_code: pilot.code,
      batch: 'pilot',
      is_demo: 0,
      note: `${PLAN} 二(二)1 点名的市级试点`,
      assigned_by: null,
      assigned_at: at,
    });
    const evidence = JSON.stringify([{ kind: 'link', url: `/units/${encodeURIComponent(pilot.code)}`, label: '卜湖社区公开专栏（演示）' }]);
    for (const key of CHECK_KEYS) {
      await upsertCheck(ctx.db, {
        unit_code: pilot.code,
        check_key: key,
        done: 1,
        done_on: '2024-03-29',
        note: '演示数据',
        evidence_json: evidence,
        is_demo: 1,
        updated_by: null,
        updated_at: at,
      });
    }
    n++;
  }
  const towns = all.filter((u) => levelOf(u.kind) === 'township');
  for (const [i, t] of towns.entries()) {
    const v = all.find((u) => u.parent_code === t.code && isVillageLevel(u) && u.code !== pilot?.code);
    if (!v) continue;
    await upsertRolloutUnit(ctx.db, {
      unit_code: v.code,
      batch: 'second',
      is_demo: 1,
      note: '演示数据：为演示选取，非县政府公布的第二批试点名单',
      assigned_by: null,
      assigned_at: at,
    });
    // A few demo check marks so the progress view has something to show.
    const done = CHECK_KEYS.slice(0, (i * 2) % (CHECK_KEYS.length + 1));
    const evidence = JSON.stringify([{ kind: 'link', url: `/units/${encodeURIComponent(v.code)}`, label: `${v.name}公开专栏（演示）` }]);
    for (const key of done) {
      await upsertCheck(ctx.db, {
        unit_code: v.code,
        check_key: key,
        done: 1,
        done_on: '2024-03-20',
        note: '演示数据',
        evidence_json: evidence,
        is_demo: 1,
        updated_by: null,
        updated_at: at,
      });
    }
    n++;
  }
  return n;
}
