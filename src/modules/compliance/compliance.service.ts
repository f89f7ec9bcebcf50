/**
 * Reads over the stored evaluation: a unit's obligations with their evidence, the figures per unit of a
 * subtree (measureUnitFigures, for the assessment), the dashboard overview, and reminders.
 */
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { addCalendarDays, getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { findUnit, listSubtree, UNIT_KINDS, type OrgUnitRow, type UnitKind } from '../org/index.ts';
import {
  cmp,
  evaluateObligation,
  memoCounter,
  summarize,
  type ComplianceStatus,
  type ComplianceSummary,
  type ObligationEvaluation,
  type ObligationFact,
  type PublicationFact,
} from './compliance.evaluate.ts';
import { loadRules, type ComplianceRules } from './compliance.rules.ts';
import { loadFacts, type ApplicableItem } from './compliance.compute.ts';
import { loadUnitStaff, publishedItemKeys } from './compliance.repository.ts';
import { providedFindings, type FindingView } from './compliance.findings.ts';

/** Longest window one request may evaluate (three years): keeps a county-wide read bounded. */
export const MAX_WINDOW_DAYS = 1096;

const chinaStartIso = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export interface ObligationRef {
  itemKey: string;
  period: string;
  dueDate: string;
  disclosureId: string | null;
}

/** The figures of one unit over a window, each traceable to the obligations behind it. */
export interface UnitFigures {
  unitCode: string;
  unitName: string;
  unitKind: string;
  parentCode: string | null;
  /** Obligations that came due or were fulfilled in the window: onTime + late + overdue. */
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  dueSoon: number;
  displayShort: number;
  missingChannel: number;
  /** Catalog items applicable to the unit (version in force at the end of the window's last year). */
  applicable: number;
  /** Applicable items with at least one record published in the window. */
  covered: number;
  /** onTime / due, 0..1; null when nothing is due. */
  onTimeRate: number | null;
  evidence: {
    /** The unit's compliance page in the admin SPA and its API. */
    url: string;
    apiUrl: string;
    onTime: ObligationRef[];
    late: ObligationRef[];
    overdue: ObligationRef[];
    displayShort: ObligationRef[];
    missingChannel: ObligationRef[];
    uncoveredItems: ApplicableItem[];
  };
}

export interface Window {
  from: string;
  to: string;
}

/** Validates a window: real dates, from ≤ to, at most MAX_WINDOW_DAYS. */
export function checkWindow(from: string, to: string): Result<Window> {
  if (!isRealDate(from)) return fail(400, 'INVALID_DATE', `开始日期“${from}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`);
  if (!isRealDate(to)) return fail(400, 'INVALID_DATE', `结束日期“${to}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期`);
  if (from > to) return fail(400, 'INVALID_RANGE', `开始日期（${from}）不能晚于结束日期（${to}）`);
  if (addCalendarDays(from, MAX_WINDOW_DAYS - 1) < to) return fail(400, 'RANGE_TOO_LONG', '查询期间最长为三年，请缩短起止日期');
  return ok({ from, to });
}

/** Default window: the current calendar year (China time). */
export function defaultWindow(today: string): Window {
  return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
}

export interface EvaluatedObligation extends ObligationFact {
  unitCode: string;
  evaluation: ObligationEvaluation;
}

async function evaluateUnits(ctx: AppContext, units: OrgUnitRow[], w: Window, asOf: string, rules?: ComplianceRules, calendar?: WorkCalendar) {
  const [r, cal] = await Promise.all([rules ? Promise.resolve(rules) : loadRules(ctx.db), calendar ? Promise.resolve(calendar) : getCalendar(ctx)]);
  const { facts, states } = await loadFacts(ctx, units, w.from, w.to);
  const counter = memoCounter(cal);
  const evaluated: EvaluatedObligation[] = facts.map((f) => ({ ...f, evaluation: evaluateObligation(f, asOf, r, counter) }));
  evaluated.sort((a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.unitCode, b.unitCode) || cmp(a.itemKey, b.itemKey) || cmp(a.period, b.period));
  return { evaluated, states, rules: r, calendar: cal };
}

const ref = (e: EvaluatedObligation): ObligationRef => ({
  itemKey: e.itemKey,
  period: e.period,
  dueDate: e.dueDate,
  disclosureId: e.evaluation.publication?.disclosureId ?? null,
});

function figuresOf(unit: OrgUnitRow, list: EvaluatedObligation[], applicable: ApplicableItem[], published: Set<string>, w: Window): UnitFigures {
  const s = summarize(list.map((e) => e.evaluation));
  const pick = (f: (e: EvaluatedObligation) => boolean) => list.filter(f).map(ref);
  const q = `from=${w.from}&to=${w.to}`;
  return {
    unitCode: unit.code,
    unitName: unit.name,
    unitKind: unit.kind,
    parentCode: unit.parent_code,
    due: s.due,
    onTime: s.onTime,
    late: s.late,
    overdue: s.overdue,
    dueSoon: s.dueSoon,
    displayShort: s.displayShort,
    missingChannel: s.missingChannel,
    applicable: applicable.length,
    covered: applicable.filter((a) => published.has(a.key)).length,
    onTimeRate: s.onTimeRate,
    evidence: {
      url: `/admin/compliance/units/${encodeURIComponent(unit.code)}?${q}`,
      apiUrl: `/api/v1/compliance/units/${encodeURIComponent(unit.code)}?${q}`,
      onTime: pick((e) => e.evaluation.timeliness === 'on_time'),
      late: pick((e) => e.evaluation.timeliness === 'late'),
      overdue: pick((e) => e.evaluation.timeliness === 'overdue'),
      displayShort: pick((e) => e.evaluation.displayShort),
      missingChannel: pick((e) => e.evaluation.missingChannels.length > 0),
      uncoveredItems: applicable.filter((a) => !published.has(a.key)),
    },
  };
}

async function figuresFor(ctx: AppContext, units: OrgUnitRow[], w: Window, asOf: string) {
  const { evaluated, states, rules, calendar } = await evaluateUnits(ctx, units, w, asOf);
  const published = await publishedItemKeys(
    ctx.db,
    units.map((u) => u.code),
    chinaStartIso(w.from),
    chinaStartIso(addCalendarDays(w.to < asOf ? w.to : asOf, 1)),
    ctx.clock.now(),
  );
  const byUnit = new Map<string, EvaluatedObligation[]>();
  for (const e of evaluated) {
    const list = byUnit.get(e.unitCode);
    if (list) list.push(e);
    else byUnit.set(e.unitCode, [e]);
  }
  const lastYear = Number(w.to.slice(0, 4));
  const figures = units.map((u) => {
    const state = states.get(`${u.code}|${lastYear}`);
    const applicable = state ? (JSON.parse(state.applicable_json) as ApplicableItem[]) : [];
    return figuresOf(u, byUnit.get(u.code) ?? [], applicable, published.get(u.code) ?? new Set(), w);
  });
  return { figures, evaluated, rules, calendar };
}

/**
 * One row per active unit in the subtree of `rootCode` (inclusive), over obligations due in [from, to],
 * evaluated as of `asOf`. For the assessment (score cards); every figure lists the obligations behind it.
 * Request timeliness (依申请公开) comes from the requests module (requestTimeliness), read by the
 * assessment and the website check, not from here.
 */
export async function measureUnitFigures(ctx: AppContext, q: { rootCode: string; from: string; to: string; asOf: string }): Promise<UnitFigures[]> {
  const w = checkWindow(q.from, q.to);
  if (!w.ok) throw new Error(w.message);
  if (!isRealDate(q.asOf)) throw new Error(`invalid asOf: ${q.asOf}`);
  const root = await findUnit(ctx.db, q.rootCode);
  if (!root) throw new Error(`unknown unit: ${q.rootCode}`);
  const units = await listSubtree(ctx.db, root.path);
  return (await figuresFor(ctx, units, w.value, q.asOf)).figures;
}

/** The unit if the actor's scope covers it; 404 otherwise (existence outside the scope does not leak). */
export async function unitInScope(ctx: AppContext, actor: Actor, code: string): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(ctx.db, code);
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在或不在您的管辖范围内：${code}`);
  return ok(unit);
}

export interface ObligationView {
  itemId: string;
  itemKey: string;
  itemName: string;
  period: string;
  periodLabel: string;
  dueDate: string;
  status: ComplianceStatus;
  statusText: string;
  disclosureId: string | null;
  overdueWorkingDays: number;
  workingDaysLeft: number;
  provisional: boolean;
  evidence: {
    publication: PublicationFact | null;
    otherPublications: PublicationFact[];
    requiredChannels: string[];
    missingChannels: string[];
    displayRuleText: string | null;
    displayShort: boolean;
    timeliness: ObligationEvaluation['timeliness'];
  };
}

function toView(e: EvaluatedObligation): ObligationView {
  const ev = e.evaluation;
  return {
    itemId: e.itemId,
    itemKey: e.itemKey,
    itemName: e.itemName,
    period: e.period,
    periodLabel: e.periodLabel,
    dueDate: e.dueDate,
    status: ev.status,
    statusText: ev.statusText,
    disclosureId: ev.publication?.disclosureId ?? null,
    overdueWorkingDays: ev.overdueWorkingDays,
    workingDaysLeft: ev.workingDaysLeft,
    provisional: e.provisional,
    evidence: {
      publication: ev.publication,
      otherPublications: e.publications.filter((p) => p.disclosureId !== ev.publication?.disclosureId),
      requiredChannels: e.requiredChannels,
      missingChannels: ev.missingChannels,
      displayRuleText: e.displayRuleText,
      displayShort: ev.displayShort,
      timeliness: ev.timeliness,
    },
  };
}

export interface UnitReport {
  unit: { code: string; name: string; kind: string; kindText: string; parentCode: string | null; phone: string | null; staff: string[] };
  from: string;
  to: string;
  asOf: string;
  summary: ComplianceSummary & { applicable: number; covered: number };
  obligations: ObligationView[];
  uncoveredItems: ApplicableItem[];
  /** What other modules found late at this unit (provides.compliance: e.g. 政民互动's 意见箱未按期开箱), as of `asOf`. */
  findings: FindingView[];
  /** The modules that report findings (none installed: empty). */
  findingSources: string[];
}

const kindText = (k: string) => UNIT_KINDS[k as UnitKind]?.label ?? k;

export async function unitReport(ctx: AppContext, unit: OrgUnitRow, w: Window): Promise<UnitReport> {
  const asOf = chinaDate(ctx.clock.now());
  const { figures, evaluated } = await figuresFor(ctx, [unit], w, asOf);
  const f = figures[0];
  const staff = (await loadUnitStaff(ctx.db, [unit.code])).get(unit.code) ?? [];
  const provided = await providedFindings(ctx, unit, [unit], asOf);
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind, kindText: kindText(unit.kind), parentCode: unit.parent_code, phone: unit.phone, staff },
    from: w.from,
    to: w.to,
    asOf,
    summary: { ...summarize(evaluated.map((e) => e.evaluation)), applicable: f.applicable, covered: f.covered },
    obligations: evaluated.map(toView),
    uncoveredItems: f.evidence.uncoveredItems,
    findings: provided.findings,
    findingSources: provided.sources,
  };
}

export interface OverviewRow {
  unitCode: string;
  unitName: string;
  unitKind: string;
  kindText: string;
  /** Units counted (the child and its subtree). */
  units: number;
  hasChildren: boolean;
  summary: ComplianceSummary & { applicable: number; covered: number };
  /** Findings of other modules in the row's units (provides.compliance). */
  findings: number;
}

export interface OverdueEntry {
  unitCode: string;
  unitName: string;
  parentName: string | null;
  phone: string | null;
  staff: string[];
  itemKey: string;
  itemName: string;
  period: string;
  periodLabel: string;
  dueDate: string;
  overdueWorkingDays: number;
}

export interface Overview {
  root: { code: string; name: string; kind: string; kindText: string; parentCode: string | null; canGoUp: boolean };
  from: string;
  to: string;
  asOf: string;
  summary: ComplianceSummary & { applicable: number; covered: number; units: number };
  /** The root's direct children, each aggregated over its subtree (the drill-down), and the root's own row. */
  rows: OverviewRow[];
  own: OverviewRow;
  /** By month of due date: due and on-time counts, on-time rate. */
  trend: { month: string; due: number; onTime: number; late: number; overdue: number; onTimeRate: number | null }[];
  /** Items most often late or missing in the subtree. */
  mostMissed: { itemKey: string; itemName: string; overdue: number; late: number; units: number }[];
  /** Overdue obligations, most overdue first (at most `overdueLimit`), with the responsible unit and contact. */
  overdue: OverdueEntry[];
  overdueTotal: number;
  /** Other modules' findings in the subtree, longest late first (at most `overdueLimit`), and how many there are. */
  findings: FindingView[];
  findingsTotal: number;
  findingSources: string[];
}

function aggregate(figs: UnitFigures[], evals: EvaluatedObligation[]): ComplianceSummary & { applicable: number; covered: number } {
  const s = summarize(evals.map((e) => e.evaluation));
  return { ...s, applicable: figs.reduce((a, f) => a + f.applicable, 0), covered: figs.reduce((a, f) => a + f.covered, 0) };
}

export async function overview(ctx: AppContext, actor: Actor, root: OrgUnitRow, w: Window, overdueLimit = 200): Promise<Overview> {
  const asOf = chinaDate(ctx.clock.now());
  const units = await listSubtree(ctx.db, root.path);
  const { figures, evaluated } = await figuresFor(ctx, units, w, asOf);
  const figByCode = new Map(figures.map((f) => [f.unitCode, f]));
  const evalsByUnit = new Map<string, EvaluatedObligation[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const e of evaluated) push(evalsByUnit, e.unitCode, e);
  const children = units.filter((u) => u.parent_code === root.code);
  const provided = await providedFindings(ctx, root, units, asOf);
  const findingsByUnit = new Map<string, number>();
  for (const f of provided.findings) findingsByUnit.set(f.unitCode, (findingsByUnit.get(f.unitCode) ?? 0) + 1);
  const rowOf = (u: OrgUnitRow, members: OrgUnitRow[]): OverviewRow => ({
    unitCode: u.code,
    unitName: u.name,
    unitKind: u.kind,
    kindText: kindText(u.kind),
    units: members.length,
    hasChildren: members.length > 1,
    summary: aggregate(
      members.map((m) => figByCode.get(m.code)!),
      members.flatMap((m) => evalsByUnit.get(m.code) ?? []),
    ),
    findings: members.reduce((a, m) => a + (findingsByUnit.get(m.code) ?? 0), 0),
  });
  const rows = children.map((c) =>
    rowOf(
      c,
      units.filter((u) => u.path.startsWith(c.path)),
    ),
  );
  // (children of the root partition the subtree; the root's own row is separate)
  const own = rowOf(root, [root]);

  const months = new Map<string, EvaluatedObligation[]>();
  for (const e of evaluated) push(months, e.dueDate.slice(0, 7), e);
  const trend = [...months.keys()].sort().map((month) => {
    const s = summarize(months.get(month)!.map((e) => e.evaluation));
    return { month, due: s.due, onTime: s.onTime, late: s.late, overdue: s.overdue, onTimeRate: s.onTimeRate };
  });

  const missed = new Map<string, { itemKey: string; itemName: string; overdue: number; late: number; units: Set<string> }>();
  for (const e of evaluated) {
    const t = e.evaluation.timeliness;
    if (t !== 'overdue' && t !== 'late') continue;
    const m = missed.get(e.itemKey) ?? { itemKey: e.itemKey, itemName: e.itemName, overdue: 0, late: 0, units: new Set<string>() };
    if (t === 'overdue') m.overdue += 1;
    else m.late += 1;
    m.units.add(e.unitCode);
    missed.set(e.itemKey, m);
  }
  const mostMissed = [...missed.values()]
    .sort((a, b) => b.overdue + b.late - (a.overdue + a.late) || b.overdue - a.overdue || cmp(a.itemKey, b.itemKey))
    .slice(0, 10)
    .map((m) => ({ itemKey: m.itemKey, itemName: m.itemName, overdue: m.overdue, late: m.late, units: m.units.size }));

  const overdueAll = evaluated
    .filter((e) => e.evaluation.timeliness === 'overdue')
    .sort((a, b) => b.evaluation.overdueWorkingDays - a.evaluation.overdueWorkingDays || cmp(a.unitCode, b.unitCode));
  const shown = overdueAll.slice(0, overdueLimit);
  const staff = await loadUnitStaff(ctx.db, [...new Set(shown.map((e) => e.unitCode))]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const names = new Map(units.map((u) => [u.code, u.name]));
  const overdue = shown.map((e) => {
    const u = unitByCode.get(e.unitCode)!;
    return {
      unitCode: u.code,
      unitName: u.name,
      parentName: u.parent_code ? (names.get(u.parent_code) ?? null) : null,
      phone: u.phone,
      staff: staff.get(u.code) ?? [],
      itemKey: e.itemKey,
      itemName: e.itemName,
      period: e.period,
      periodLabel: e.periodLabel,
      dueDate: e.dueDate,
      overdueWorkingDays: e.evaluation.overdueWorkingDays,
    };
  });
  const canGoUp = !!root.parent_code && actorCoversPath(actor, root.path.slice(0, root.path.slice(0, -1).lastIndexOf('/') + 1));
  return {
    root: { code: root.code, name: root.name, kind: root.kind, kindText: kindText(root.kind), parentCode: root.parent_code, canGoUp },
    from: w.from,
    to: w.to,
    asOf,
    summary: { ...aggregate(figures, evaluated), units: units.length },
    rows,
    own,
    trend,
    mostMissed,
    overdue,
    overdueTotal: overdueAll.length,
    findings: provided.findings.slice(0, overdueLimit),
    findingsTotal: provided.findings.length,
    findingSources: provided.sources,
  };
}

/** The actor's default dashboard root: the top of its (first) scope. */
export async function defaultRoot(ctx: AppContext, actor: Actor): Promise<OrgUnitRow | undefined> {
  const roots = scopeRoots(actor);
  if (!roots.length) return undefined;
  const code = roots[0].split('/').filter(Boolean).pop()!;
  return findUnit(ctx.db, code);
}
