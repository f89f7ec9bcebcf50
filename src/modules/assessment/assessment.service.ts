/**
 * Assessment periods (考评): the indicator set, manual scores with evidence, closing (freezes a snapshot of
 * every figure so later publications or corrections do not change a published ranking) and re-opening
 * (audited, with a reason; the old snapshot is kept as history). Score cards, rankings and the data the
 * exports render. Writes are commands (one transaction + audit event); reads are scoped to the caller.
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { latestAuditSeq, NON_DATA_ACTION_PREFIXES } from '../../platform/audit/audit-log.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { findRootUnit, findUnit, levelOf, listSubtree, type OrgUnitRow } from '../org/index.ts';
import { canAssess, canSeeUnit, isAssessor } from './assessment.policy.ts';
import {
  currentSnapshot,
  findPeriod,
  findPeriodOver,
  insertPeriod,
  insertSnapshot,
  listManualScores,
  listPeriods,
  supersedeSnapshots,
  updatePeriod,
  upsertManualScore,
} from './assessment.repository.ts';
import type { AssessmentPeriodTable } from './assessment.tables.ts';
import {
  INDICATOR_KINDS,
  UNIT_GROUPS,
  rankUnits,
  scoreUnit,
  validateSet,
  type IndicatorSet,
  type MeasuredFigures,
  type UnitGroup,
  type UnitScore,
} from './assessment.rules.ts';
import { measurePeriod, providerNotes, type FigureLinks, type UnitMeasurement } from './assessment.figures.ts';
import { parseEvidence, resolveEvidence, type Evidence, type EvidenceInput } from './evidence.ts';

export const PERIOD_STATUSES = { open: '进行中', closed: '已结束（结果已固定）' } as const;
export type PeriodKind = 'quarter' | 'year';

export function groupOf(kind: string): UnitGroup | null {
  if (kind === 'department') return 'department';
  if (kind === 'county') return null;
  return levelOf(kind) === 'township' ? 'township' : 'village';
}

/** Pure: the dates of a quarter or a year. */
export function periodDates(kind: PeriodKind, year: number, quarter?: number): { start: string; end: string; label: string } {
  if (kind === 'year') return { start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年度` };
  const q = quarter ?? 1;
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const endDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${p(startMonth)}-01`, end: `${year}-${p(endMonth)}-${p(endDay)}`, label: `${year}年第${q}季度` };
}

export type PeriodView = {
  id: string;
  name: string;
  kind: PeriodKind;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  statusLabel: string;
  rootCode: string;
  set: IndicatorSet;
  closedAt: string | null;
  closedBy: string | null;
  reopenCount: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
};

function periodView(p: AssessmentPeriodTable): PeriodView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as PeriodKind,
    startDate: p.start_date,
    endDate: p.end_date,
    status: p.status as 'open' | 'closed',
    statusLabel: PERIOD_STATUSES[p.status as 'open' | 'closed'] ?? p.status,
    rootCode: p.root_code,
    set: JSON.parse(p.set_json) as IndicatorSet,
    closedAt: p.closed_at,
    closedBy: p.closed_by,
    reopenCount: p.reopen_count,
    createdAt: p.created_at,
    createdBy: p.created_by,
    updatedAt: p.updated_at,
  };
}

const periodNotFound = () => fail(404, 'PERIOD_NOT_FOUND', '考评期不存在或不在您的管理范围内');

/** A period is visible to anyone whose scope lies inside (or covers) its root. */
function canSeePeriod(actor: Actor, rootPath: string): boolean {
  return actor.grants.some((g) => g.unitPath.startsWith(rootPath) || rootPath.startsWith(g.unitPath));
}

async function loadPeriod(ctx: Pick<AppContext, 'db'>, actor: Actor, id: string) {
  const p = await findPeriod(ctx.db, id);
  if (!p || !canSeePeriod(actor, p.root_path)) return null;
  return p;
}

export async function listPeriodsFor(ctx: AppContext, actor: Actor): Promise<PeriodView[]> {
  const out: PeriodView[] = [];
  for (const p of await listPeriods(ctx.db)) {
    const withPath = await findPeriod(ctx.db, p.id);
    if (withPath && canSeePeriod(actor, withPath.root_path)) out.push(periodView(p));
  }
  return out;
}

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  quarter?: number;
  name?: string;
  rootCode?: string;
  set: IndicatorSet;
}

function checkSet(set: IndicatorSet): Result<IndicatorSet> {
  const problems = validateSet(set);
  if (problems.length) return fail(400, 'INVALID_INDICATOR_SET', problems[0].message, problems);
  return ok(set);
}

export async function createPeriod(ctx: AppContext, meta: CommandMeta & { actor: Actor }, input: PeriodInput): Promise<Result<PeriodView>> {
  if (!isAssessor(meta.actor)) return fail(403, 'FORBIDDEN', '只有县级管理员可以设置考评');
  if (!Number.isInteger(input.year) || input.year < 2023 || input.year > 2100)
    return fail(400, 'INVALID_YEAR', '年份应为2023至2100之间的整数（实施方案2023年印发）');
  if (input.kind === 'quarter' && !(Number.isInteger(input.quarter) && input.quarter! >= 1 && input.quarter! <= 4))
    return fail(400, 'INVALID_QUARTER', '季度考评须指定第1至第4季度');
  if (input.kind === 'year' && input.quarter !== undefined) return fail(400, 'INVALID_QUARTER', '年度考评不需要指定季度');
  const set = checkSet(input.set);
  if (!set.ok) return set;
  const dates = periodDates(input.kind, input.year, input.quarter);
  const name = (input.name ?? '').trim() || `${dates.label}政务公开和村（居）务公开工作考评`;
  if (name.length > 100) return fail(400, 'NAME_TOO_LONG', '考评名称不能超过100个字符');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const rootCode = input.rootCode ?? (await findRootUnit(trx))?.code;
    const root = rootCode ? await findUnit(trx, rootCode) : undefined;
    if (!root || !canSeeUnit(meta.actor, root.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${rootCode ?? ''}”不存在或不在您的管理范围内`);
    if (!canAssess(meta.actor, root.path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以设置考评');
    const dup = await findPeriodOver(trx, root.code, dates.start, dates.end);
    if (dup) return fail(409, 'PERIOD_EXISTS', `${dates.label}的考评已经设置，请直接修改`);
    const id = crypto.randomUUID();
    const at = now.toISOString();
    const row: AssessmentPeriodTable = {
      id,
      root_code: root.code,
      name,
      kind: input.kind,
      start_date: dates.start,
      end_date: dates.end,
      status: 'open',
      set_json: JSON.stringify(set.value),
      closed_at: null,
      closed_by: null,
      reopen_count: 0,
      created_at: at,
      created_by: meta.actor.username,
      updated_at: at,
    };
    await insertPeriod(trx, row);
    await audit({
      unitCode: root.code,
      action: 'assessment.period.create',
      entityType: 'assessment_period',
      entityId: id,
      after: { name, startDate: dates.start, endDate: dates.end, indicators: set.value.indicators.length },
    });
    return ok(periodView(row));
  });
}

async function loadForChange(trx: Parameters<typeof findPeriod>[0], actor: Actor, id: string) {
  const p = await findPeriod(trx, id);
  if (!p || !canSeePeriod(actor, p.root_path)) return periodNotFound();
  if (!actorCoversPath(actor, p.root_path, ['county_admin'])) return fail(403, 'FORBIDDEN', '只有县级管理员可以修改考评');
  return ok(p);
}

export async function updatePeriodSet(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: { name?: string; set: IndicatorSet },
): Promise<Result<PeriodView>> {
  const set = checkSet(input.set);
  if (!set.ok) return set;
  const name = input.name?.trim();
  if (name !== undefined && (name.length === 0 || name.length > 100)) return fail(400, 'INVALID_NAME', '考评名称不能为空，也不能超过100个字符');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await loadForChange(trx, meta.actor, id);
    if (!found.ok) return found;
    const p = found.value;
    if (p.status !== 'open') return fail(409, 'PERIOD_CLOSED', '考评已结束，结果已固定；如需修改指标，请先重新开启');
    const manual = await listManualScores(trx, id);
    const keys = new Set(set.value.indicators.filter((i) => i.kind === 'manual' || i.kind === 'veto').map((i) => i.key));
    const orphaned = [...new Set(manual.filter((m) => !keys.has(m.indicator_key)).map((m) => m.indicator_key))];
    if (orphaned.length) return fail(409, 'MANUAL_SCORES_EXIST', `指标“${orphaned.join('、')}”已有人工录入的得分，不能删除或改为自动计算`);
    await updatePeriod(trx, id, { set_json: JSON.stringify(set.value), name: name ?? p.name, updated_at: now.toISOString() });
    await audit({
      unitCode: p.root_code,
      action: 'assessment.period.update',
      entityType: 'assessment_period',
      entityId: id,
      before: { set: JSON.parse(p.set_json) },
      after: { set: set.value },
    });
    return ok(periodView({ ...p, set_json: JSON.stringify(set.value), name: name ?? p.name, updated_at: now.toISOString() }));
  });
}

export interface ManualInput {
  indicatorKey: string;
  unitCode: string;
  value: number;
  note?: string | null;
  evidence: EvidenceInput[];
}

/** A manual score as entered (the evidence resolved to files and links). */
export interface ManualScoreView {
  indicatorKey: string;
  unitCode: string;
  value: number;
  evidence: Evidence[];
}

export async function enterManualScore(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: ManualInput,
): Promise<Result<ManualScoreView>> {
  if (!(Number.isFinite(input.value) && input.value >= 0 && input.value <= 100) || Math.round(input.value * 100) !== input.value * 100) {
    return fail(400, 'INVALID_VALUE', '得分比例应为0至100之间的数，最多两位小数');
  }
  const note = input.note?.trim() || null;
  if (note && note.length > 500) return fail(400, 'NOTE_TOO_LONG', '说明不能超过500个字符');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await loadForChange(trx, meta.actor, id);
    if (!found.ok) return found;
    const p = found.value;
    if (p.status !== 'open') return fail(409, 'PERIOD_CLOSED', '考评已结束，结果已固定；如需修改，请先重新开启');
    const set = JSON.parse(p.set_json) as IndicatorSet;
    const ind = set.indicators.find((i) => i.key === input.indicatorKey);
    if (!ind) return fail(400, 'INDICATOR_NOT_FOUND', `本期考评没有标识为“${input.indicatorKey}”的指标`);
    const manualVeto = ind.kind === 'veto' && ind.veto?.figure === 'manual';
    if (ind.kind !== 'manual' && !manualVeto) return fail(400, 'NOT_MANUAL', `指标“${ind.name}”由系统根据监测数据计算，不能人工录入`);
    if (manualVeto && input.value !== 0 && input.value !== 100) return fail(400, 'INVALID_VALUE', '单项否决指标只能录入“触发”（100）或“未触发”（0）');
    const unit = await findUnit(trx, input.unitCode);
    if (!unit || !unit.path.startsWith(p.root_path) || !canSeeUnit(meta.actor, unit.path))
      return fail(404, 'UNIT_NOT_FOUND', `单位“${input.unitCode}”不存在或不在您的管理范围内`);
    if (!canAssess(meta.actor, unit.path)) return fail(403, 'FORBIDDEN', '只有县级管理员可以录入考评得分');
    const group = groupOf(unit.kind);
    if (!group || !ind.appliesTo.includes(group)) return fail(400, 'NOT_APPLICABLE', `指标“${ind.name}”不适用于${unit.name}`);
    // A score and a triggered veto need evidence; "not triggered" is the absence of a finding.
    const evidence = await resolveEvidence(trx, input.evidence, unit.path, !(manualVeto && input.value === 0));
    if (!evidence.ok) return evidence;
    const before = (await listManualScores(trx, id)).find((m) => m.indicator_key === ind.key && m.unit_code === unit.code);
    await upsertManualScore(trx, {
      id: before?.id ?? crypto.randomUUID(),
      period_id: id,
      indicator_key: ind.key,
      unit_code: unit.code,
      value_x100: Math.round(input.value * 100),
      note,
      evidence_json: JSON.stringify(evidence.value),
      entered_by: meta.actor.username,
      entered_at: now.toISOString(),
    });
    await audit({
      unitCode: unit.code,
      action: 'assessment.manual.enter',
      entityType: 'assessment_manual_score',
      entityId: `${id}:${ind.key}:${unit.code}`,
      before: before ? { value: before.value_x100 / 100 } : null,
      after: { value: input.value, evidence: evidence.value.length },
    });
    return ok({ indicatorKey: ind.key, unitCode: unit.code, value: input.value, evidence: evidence.value });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Figures: live while open, frozen when closed

interface SnapshotUnit {
  code: string;
  name: string;
  kind: string;
  group: UnitGroup;
  parentCode: string | null;
  parentName: string | null;
  isDemo: boolean;
  measurement: UnitMeasurement | null;
  manual: { indicatorKey: string; value: number; note: string | null; evidence: Evidence[]; enteredBy: string | null; enteredAt: string }[];
}

export interface PeriodSnapshot {
  computedAt: string;
  asOf: string;
  set: IndicatorSet;
  units: SnapshotUnit[];
}

async function computeSnapshot(ctx: AppContext, p: AssessmentPeriodTable & { root_path: string }, now: Date): Promise<PeriodSnapshot> {
  const asOf = chinaDate(now);
  const units = (await listSubtree(ctx.db, p.root_path)).filter((u) => groupOf(u.kind) !== null);
  const byCode = new Map<string, OrgUnitRow>(units.map((u) => [u.code, u]));
  const measured = await measurePeriod(ctx, { rootCode: p.root_code, from: p.start_date, to: p.end_date, asOf });
  const manual = await listManualScores(ctx.db, p.id);
  return {
    computedAt: now.toISOString(),
    asOf: asOf < p.end_date ? asOf : p.end_date,
    set: JSON.parse(p.set_json) as IndicatorSet,
    units: units.map((u) => {
      const parent = u.parent_code ? byCode.get(u.parent_code) : undefined;
      return {
        code: u.code,
        name: u.name,
        kind: u.kind,
        group: groupOf(u.kind)!,
        parentCode: u.parent_code,
        parentName: parent && parent.depth > 0 ? parent.name : null,
        isDemo: u.is_demo === 1,
        measurement: measured.get(u.code) ?? null,
        manual: manual
          .filter((m) => m.unit_code === u.code)
          .map((m) => ({
            indicatorKey: m.indicator_key,
            value: m.value_x100 / 100,
            note: m.note,
            evidence: parseEvidence(m.evidence_json),
            enteredBy: m.entered_by,
            enteredAt: m.entered_at,
          })),
      };
    }),
  };
}

/**
 * Snapshots of open periods, per runtime: computing one measures the whole county (compliance figures,
 * request timeliness, manual scores), so views reuse it while nothing changed. Every state change is
 * audited, so the key (newest audit seq apart from sign-ins and the like, China-local day, period row)
 * changes with anything the snapshot reads — in this process or another one sharing the database.
 */
const openSnapshots = new WeakMap<AppContext, Map<string, { key: string; snap: PeriodSnapshot }>>();
const OPEN_SNAPSHOT_LIMIT = 20;

async function snapshotOf(ctx: AppContext, p: AssessmentPeriodTable & { root_path: string }): Promise<{ snap: PeriodSnapshot; frozen: boolean }> {
  if (p.status === 'closed') {
    const s = await currentSnapshot(ctx.db, p.id);
    if (s) return { snap: JSON.parse(s.data_json) as PeriodSnapshot, frozen: true };
  }
  const now = ctx.clock.now();
  const key = `${await latestAuditSeq(ctx.db, NON_DATA_ACTION_PREFIXES)}|${chinaDate(now)}|${p.updated_at}`;
  let cache = openSnapshots.get(ctx);
  if (!cache) {
    cache = new Map();
    openSnapshots.set(ctx, cache);
  }
  const hit = cache.get(p.id);
  if (hit && hit.key === key) return { snap: hit.snap, frozen: false };
  const snap = await computeSnapshot(ctx, p, now);
  cache.delete(p.id);
  if (cache.size >= OPEN_SNAPSHOT_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(p.id, { key, snap });
  return { snap, frozen: false };
}

export interface ScoredUnit {
  code: string;
  name: string;
  kind: string;
  group: UnitGroup;
  groupLabel: string;
  parentCode: string | null;
  parentName: string | null;
  isDemo: boolean;
  score: UnitScore;
  /** Rank within the unit's group county-wide (villages: all villages of the county) and, for villages, within the town. */
  rank: number;
  rankOf: number;
  townRank: number | null;
  townRankOf: number | null;
}

/** Pure: scores and ranks every unit of a snapshot. */
export function scoreSnapshot(snap: PeriodSnapshot): ScoredUnit[] {
  const scored = snap.units.map((u) => ({
    ...u,
    score: scoreUnit(snap.set, {
      group: u.group,
      measured: u.measurement?.measured ?? null,
      providers: u.measurement?.providers ?? {},
      manual: u.manual.map((m) => ({ indicatorKey: m.indicatorKey, value: m.value })),
    }),
  }));
  const ranks = new Map<string, { rank: number; of: number }>();
  const townRanks = new Map<string, { rank: number; of: number }>();
  for (const g of Object.keys(UNIT_GROUPS) as UnitGroup[]) {
    const rows = scored.filter((s) => s.group === g);
    for (const r of rankUnits(rows)) ranks.set(r.code, { rank: r.rank, of: rows.length });
  }
  const towns = new Set(scored.filter((s) => s.group === 'village').map((s) => s.parentCode));
  for (const t of towns) {
    const rows = scored.filter((s) => s.group === 'village' && s.parentCode === t);
    for (const r of rankUnits(rows)) townRanks.set(r.code, { rank: r.rank, of: rows.length });
  }
  return scored.map((s) => ({
    code: s.code,
    name: s.name,
    kind: s.kind,
    group: s.group,
    groupLabel: UNIT_GROUPS[s.group],
    parentCode: s.parentCode,
    parentName: s.parentName,
    isDemo: s.isDemo,
    score: s.score,
    rank: ranks.get(s.code)!.rank,
    rankOf: ranks.get(s.code)!.of,
    townRank: townRanks.get(s.code)?.rank ?? null,
    townRankOf: townRanks.get(s.code)?.of ?? null,
  }));
}

export type RankRow = {
  rank: number;
  code: string;
  name: string;
  parentName: string | null;
  total: number;
  grade: string;
  passed: boolean;
  vetoed: boolean;
  incomplete: boolean;
};

export type AssessmentView = {
  period: PeriodView;
  frozen: boolean;
  computedAt: string;
  asOf: string;
  notes: string[];
  summary: { group: UnitGroup; label: string; units: number; passed: number; failed: number; vetoed: number; incomplete: number; average: number | null }[];
  rankings: { group: UnitGroup; label: string; items: RankRow[] }[];
  villagesByTown: { town: { code: string; name: string }; items: RankRow[] }[];
  canManage: boolean;
};

const rankRow = (s: ScoredUnit, rank: number): RankRow => ({
  rank,
  code: s.code,
  name: s.name,
  parentName: s.parentName,
  total: s.score.total,
  grade: s.score.grade,
  passed: s.score.passed,
  vetoed: s.score.vetoed,
  incomplete: s.score.incomplete,
});

function notesFor(set: IndicatorSet, snap: PeriodSnapshot): string[] {
  const notes: string[] = [];
  const kinds = new Set(set.indicators.map((i) => i.kind));
  notes.push(...providerNotes(['complaint_handling', 'satisfaction', 'survey_satisfaction'].filter((k) => kinds.has(k as never))));
  if (snap.units.some((u) => u.isDemo)) notes.push('名称后标有“演示”的单位是演示数据。');
  return notes;
}

/** The whole period for the caller: ranks are county-wide, the lists show only units in the caller's scope. */
export async function assessmentFor(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<Result<{ view: AssessmentView; scored: ScoredUnit[]; snap: PeriodSnapshot }>> {
  const p = await loadPeriod(ctx, actor, id);
  if (!p) return periodNotFound();
  const { snap, frozen } = await snapshotOf(ctx, p);
  const roots = scopeRoots(actor);
  const pathOf = new Map((await listSubtree(ctx.db, p.root_path, true)).map((u) => [u.code, u.path]));
  const all = scoreSnapshot(snap);
  const scored = all.filter((s) => roots.some((r) => (pathOf.get(s.code) ?? '').startsWith(r)));
  const groups = Object.keys(UNIT_GROUPS) as UnitGroup[];
  const view: AssessmentView = {
    period: periodView(p),
    frozen,
    computedAt: snap.computedAt,
    asOf: snap.asOf,
    notes: notesFor(snap.set, snap),
    summary: groups.map((g) => {
      const us = scored.filter((s) => s.group === g);
      const counted = us.filter((s) => s.score.countedWeight > 0);
      return {
        group: g,
        label: UNIT_GROUPS[g],
        units: us.length,
        passed: us.filter((s) => s.score.passed).length,
        failed: us.filter((s) => !s.score.passed).length,
        vetoed: us.filter((s) => s.score.vetoed).length,
        incomplete: us.filter((s) => s.score.incomplete).length,
        average: counted.length ? Math.round((counted.reduce((a, s) => a + s.score.total, 0) / counted.length) * 100) / 100 : null,
      };
    }),
    rankings: groups.map((g) => ({
      group: g,
      label: UNIT_GROUPS[g],
      items: scored
        .filter((s) => s.group === g)
        .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
        .map((s) => rankRow(s, s.rank)),
    })),
    villagesByTown: [...new Set(scored.filter((s) => s.group === 'village').map((s) => s.parentCode ?? ''))].map((t) => {
      const items = scored
        .filter((s) => s.group === 'village' && (s.parentCode ?? '') === t)
        .sort((a, b) => (a.townRank ?? 0) - (b.townRank ?? 0) || a.code.localeCompare(b.code));
      return { town: { code: t, name: items[0]?.parentName ?? t }, items: items.map((s) => rankRow(s, s.townRank ?? 0)) };
    }),
    canManage: actorCoversPath(actor, p.root_path, ['county_admin']),
  };
  return ok({ view, scored, snap });
}

export type CardResult = {
  key: string;
  name: string;
  kind: string;
  kindLabel: string;
  weight: number;
  status: string;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number | null;
  explanation: string;
  evidence: { label: string; url: string }[];
  manual: { value: number; note: string | null; enteredBy: string | null; enteredAt: string } | null;
};

export type ScoreCard = {
  period: PeriodView;
  frozen: boolean;
  computedAt: string;
  asOf: string;
  unit: { code: string; name: string; kind: string; group: UnitGroup; groupLabel: string; parentName: string | null; isDemo: boolean };
  total: number;
  countedWeight: number;
  grade: string;
  passed: boolean;
  vetoed: boolean;
  vetoReasons: string[];
  incomplete: boolean;
  rank: number;
  rankOf: number;
  townRank: number | null;
  townRankOf: number | null;
  /** The figures scoring read: compliance's, and the archives' 公开栏 inspection counts when the snapshot has them. */
  figures: MeasuredFigures | null;
  complianceUrl: string | null;
  results: CardResult[];
  notes: string[];
  canEnter: boolean;
};

const disclosureLink = (d: { itemKey: string; period: string; dueDate: string; disclosureId: string | null }, what: string) =>
  d.disclosureId
    ? { label: `${what}：${d.itemKey} ${d.period}（应于${d.dueDate}前公开）`, url: `/admin/disclosures/${encodeURIComponent(d.disclosureId)}` }
    : null;

function evidenceFor(kind: string, links: FigureLinks | undefined): { label: string; url: string }[] {
  if (!links) return [];
  const page = { label: '本单位公开监测明细', url: links.url };
  const list = (refs: FigureLinks['onTime'], what: string) => refs.map((r) => disclosureLink(r, what)).filter((x): x is { label: string; url: string } => !!x);
  switch (kind) {
    case 'on_time_rate':
      return [page, ...list(links.onTime, '按时公开'), ...list(links.late, '逾期后公开')];
    case 'coverage':
      return [page, ...links.uncoveredItems.slice(0, 50).map((i) => ({ label: `未覆盖事项：${i.name}`, url: links.url }))];
    case 'display_compliance':
      return [page, ...list(links.displayShort, '公示期不足')];
    case 'channel_evidence':
      return [page, ...list(links.missingChannel, '缺少渠道佐证'), ...(links.provided?.channel_evidence ?? [])];
    case 'request_timeliness':
      return links.requests
        ? [
            { label: '本单位依申请公开案件', url: links.requests.url },
            ...links.requests.lateCases.map((c) => ({
              label: `逾期答复：${c.regNo}（答复期限${c.dueOn}${c.decidedOn ? `，${c.decidedOn}答复` : '，尚未答复'}）`,
              url: `/admin/requests/${encodeURIComponent(c.id)}`,
            })),
          ]
        : [];
    case 'veto':
      return [page];
    default:
      return links.provided?.[kind] ?? [];
  }
}

export async function scoreCardFor(ctx: AppContext, actor: Actor, id: string, unitCode: string): Promise<Result<ScoreCard>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit || !canSeeUnit(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位“${unitCode}”不存在或不在您的管理范围内`);
  const res = await assessmentFor(ctx, actor, id);
  if (!res.ok) return res;
  const s = res.value.scored.find((x) => x.code === unitCode);
  if (!s) return fail(404, 'NOT_ASSESSED', `${unit.name}不在本期考评范围内`);
  const su = res.value.snap.units.find((u) => u.code === unitCode)!;
  const v = res.value.view;
  return ok({
    period: v.period,
    frozen: v.frozen,
    computedAt: v.computedAt,
    asOf: v.asOf,
    unit: { code: s.code, name: s.name, kind: s.kind, group: s.group, groupLabel: s.groupLabel, parentName: s.parentName, isDemo: s.isDemo },
    total: s.score.total,
    countedWeight: s.score.countedWeight,
    grade: s.score.grade,
    passed: s.score.passed,
    vetoed: s.score.vetoed,
    vetoReasons: s.score.vetoReasons,
    incomplete: s.score.incomplete,
    rank: s.rank,
    rankOf: s.rankOf,
    townRank: s.townRank,
    townRankOf: s.townRankOf,
    figures: su.measurement?.measured ?? null,
    complianceUrl: su.measurement?.links.url ?? null,
    results: s.score.results.map((r) => {
      const m = su.manual.find((x) => x.indicatorKey === r.key);
      return {
        ...r,
        kindLabel: INDICATOR_KINDS[r.kind].label,
        evidence: m
          ? m.evidence.map((e) => ({ label: e.kind === 'file' ? `附件：${e.name}` : e.label, url: e.url }))
          : r.kind === 'veto' && r.numerator === null
            ? [] // a manual veto item without a finding has no evidence
            : evidenceFor(r.kind, su.measurement?.links),
        manual: m ? { value: m.value, note: m.note, enteredBy: m.enteredBy, enteredAt: m.enteredAt } : null,
      };
    }),
    notes: v.notes,
    canEnter: v.period.status === 'open' && canAssess(actor, unit.path),
  });
}

export async function closePeriod(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  id: string,
  input: { allowIncomplete?: boolean },
): Promise<Result<PeriodView>> {
  const pre = await findPeriod(ctx.db, id);
  if (!pre || !canSeePeriod(meta.actor, pre.root_path)) return periodNotFound();
  // Figures are read before the transaction (they are pure reads over stored evaluation); the snapshot
  // is written with the status change, so a closed period always has exactly one current snapshot.
  const snap = await computeSnapshot(ctx, pre, ctx.clock.now());
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await loadForChange(trx, meta.actor, id);
    if (!found.ok) return found;
    const p = found.value;
    if (p.status === 'closed') return fail(409, 'PERIOD_CLOSED', '考评已经结束');
    if (chinaDate(now) <= p.end_date && !input.allowIncomplete) {
      return fail(409, 'PERIOD_NOT_OVER', `考评期到${p.end_date}才结束；如确需提前固定结果，请勾选“提前结束”`);
    }
    const scored = scoreSnapshot(snap);
    const missing = scored.filter((s) => s.score.incomplete);
    if (missing.length && !input.allowIncomplete) {
      return fail(
        409,
        'MANUAL_SCORES_MISSING',
        `还有${missing.length}个单位的人工评分未录入（如${missing
          .slice(0, 3)
          .map((m) => m.name)
          .join('、')}）；如确认按0分计，请勾选“未录入按0分计”后再结束`,
        { units: missing.map((m) => m.code) },
      );
    }
    const seq = await insertSnapshot(trx, {
      id: crypto.randomUUID(),
      period_id: id,
      data_json: JSON.stringify(snap),
      created_at: now.toISOString(),
      created_by: meta.actor.username,
      superseded_at: null,
    });
    await updatePeriod(trx, id, { status: 'closed', closed_at: now.toISOString(), closed_by: meta.actor.username, updated_at: now.toISOString() });
    await audit({
      unitCode: p.root_code,
      action: 'assessment.period.close',
      entityType: 'assessment_period',
      entityId: id,
      after: {
        snapshot: seq,
        units: scored.length,
        passed: scored.filter((s) => s.score.passed).length,
        vetoed: scored.filter((s) => s.score.vetoed).length,
        incomplete: missing.length,
      },
    });
    return ok(periodView({ ...p, status: 'closed', closed_at: now.toISOString(), closed_by: meta.actor.username, updated_at: now.toISOString() }));
  });
}

export async function reopenPeriod(ctx: AppContext, meta: CommandMeta & { actor: Actor }, id: string, input: { reason: string }): Promise<Result<PeriodView>> {
  const reason = input.reason.trim();
  if (!reason) return fail(400, 'REASON_REQUIRED', '请写明重新开启的原因（将记入审计日志）');
  if (reason.length > 500) return fail(400, 'REASON_TOO_LONG', '原因不能超过500个字符');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await loadForChange(trx, meta.actor, id);
    if (!found.ok) return found;
    const p = found.value;
    if (p.status !== 'closed') return fail(409, 'PERIOD_OPEN', '考评尚未结束，无需重新开启');
    await supersedeSnapshots(trx, id, now.toISOString());
    await updatePeriod(trx, id, { status: 'open', closed_at: null, closed_by: null, reopen_count: p.reopen_count + 1, updated_at: now.toISOString() });
    await audit({
      unitCode: p.root_code,
      action: 'assessment.period.reopen',
      entityType: 'assessment_period',
      entityId: id,
      before: { status: 'closed', closedAt: p.closed_at },
      after: { status: 'open', reason, reopenCount: p.reopen_count + 1 },
    });
    return ok(periodView({ ...p, status: 'open', closed_at: null, closed_by: null, reopen_count: p.reopen_count + 1, updated_at: now.toISOString() }));
  });
}
