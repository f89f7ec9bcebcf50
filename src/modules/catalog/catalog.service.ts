/**
 * Reads that combine the catalog with one unit: which standard items apply to it (公开层级 matches
 * the unit's level; minus its exclusions; plus its own local items), and its obligations.
 *
 * Which catalog a unit follows: 村/社区 (level 'village') follow the village (residents) affairs
 * catalog; the county government, its departments and township-level units (镇、乡、街道、场/园区)
 * follow the government catalog, filtered by 公开层级 (county units → 县级, township units → 乡级).
 */
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { getCalendar } from '../calendar/index.ts';
import { levelOf, type OrgUnitRow } from '../org/index.ts';
import type { CatalogItem, CatalogKind, DisclosureLevel } from './catalog.types.ts';
import {
  domainMap,
  itemDomainIndex,
  listDomainAssignments,
  listEvents,
  listExclusions,
  listLocalItems,
  listSettings,
  loadGoverningVersions,
  toItem,
  type DomainRow,
  type VersionRow,
} from './catalog.repository.ts';
import { catalogOfUnit } from './catalog.policy.ts';
import { computeObligations, type CatalogVersionInForce, type Obligation, type ObligationItem } from './obligations.ts';
import { loadStatutoryItems, statutoryAsCatalogItem, type StatutoryItem } from './statutory-items.ts';

/** Statutory items (statutory-items.ts) that apply to a unit of this kind. */
function statutoryFor(items: StatutoryItem[], unit: Pick<OrgUnitRow, 'kind'>): StatutoryItem[] {
  return catalogOfUnit(unit.kind) === 'government' ? items.filter((s) => s.unitKinds.includes(unit.kind)) : [];
}

function versionOnDate<T extends { version: VersionRow }>(versions: T[], date: string): T | undefined {
  let found: T | undefined;
  for (const v of [...versions].sort((a, b) => a.version.effective_from!.localeCompare(b.version.effective_from!) || a.version.number - b.version.number)) {
    if (v.version.effective_from! <= date) found = v;
  }
  return found;
}

/**
 * The domains a unit is answerable for: a county department only for the domains the county
 * assigned to it (null = no restriction: the county government, township units and villages).
 */
export function domainScopeOf(unit: Pick<OrgUnitRow, 'code' | 'kind'>, assignments: { unit_code: string; domain_code: string }[]): Set<string> | null {
  if (unit.kind !== 'department') return null;
  return new Set(assignments.filter((a) => a.unit_code === unit.code).map((a) => a.domain_code));
}

/** The one applicability rule: 公开层级 matches the unit's level and the domain is within its scope. */
export function itemApplies(item: { levels_json: string; domain_code: string }, level: DisclosureLevel, scope: Set<string> | null): boolean {
  return (JSON.parse(item.levels_json) as string[]).includes(level) && (!scope || scope.has(item.domain_code));
}

/** Item keys that apply to a unit on a date (the version in force then). */
export async function applicableKeysFor(
  db: Executor,
  unit: OrgUnitRow,
  date: string,
  opts: { ignoreExclusions?: boolean; standardOnly?: boolean },
): Promise<Set<string>> {
  const catalog = catalogOfUnit(unit.kind);
  const level = levelOf(unit.kind) as DisclosureLevel;
  const v = versionOnDate(await loadGoverningVersions(db, catalog), date);
  const scope = domainScopeOf(unit, await listDomainAssignments(db, [unit.code]));
  const keys = new Set((v?.items ?? []).filter((i) => itemApplies(i, level, scope)).map((i) => i.item_key));
  for (const s of statutoryFor(await loadStatutoryItems(db), unit)) keys.add(s.key);
  if (!opts.ignoreExclusions) for (const e of await listExclusions(db, [unit.code])) keys.delete(e.item_key);
  if (!opts.standardOnly) for (const l of await listLocalItems(db, [unit.code])) keys.add(l.item_key);
  return keys;
}

export interface UnitCatalogView {
  unitCode: string;
  unitName: string;
  catalog: CatalogKind;
  level: DisclosureLevel;
  version: { id: string; number: number; effectiveFrom: string } | null;
  busyFinance: boolean;
  /** For a county department: the domains assigned to it (it owes nothing else); null otherwise. */
  assignedDomains: string[] | null;
  items: CatalogItem[];
  localItems: CatalogItem[];
  excluded: { item: CatalogItem; reason: string; createdAt: string; createdBy: string | null }[];
}

/** What a unit publishes today (条例第十二条 公开目录): applicable standard items, local items, exclusions. */
export async function loadUnitCatalog(db: Executor, unit: OrgUnitRow, today: string): Promise<UnitCatalogView> {
  const catalog = catalogOfUnit(unit.kind);
  const level = levelOf(unit.kind) as DisclosureLevel;
  const [versions, domains, exclusions, locals, settings, assignments, statutory] = await Promise.all([
    loadGoverningVersions(db, catalog),
    domainMap(db),
    listExclusions(db, [unit.code]),
    listLocalItems(db, [unit.code]),
    listSettings(db, [unit.code]),
    listDomainAssignments(db, [unit.code]),
    loadStatutoryItems(db),
  ]);
  const v = versionOnDate(versions, today) ?? versions[0];
  const scope = domainScopeOf(unit, assignments);
  const standardRows = (v?.items ?? []).filter((i) => itemApplies(i, level, scope)).map((i) => toItem(i, domains));
  const lastSort = standardRows.reduce((m, i) => Math.max(m, i.sort), 0);
  const standard = [...standardRows, ...statutoryFor(statutory, unit).map((s, i) => statutoryAsCatalogItem(s, lastSort + (i + 1) * 10))];
  const excludedKeys = new Map(exclusions.map((e) => [e.item_key, e]));
  return {
    unitCode: unit.code,
    unitName: unit.name,
    catalog,
    level,
    version: v ? { id: v.version.id, number: v.version.number, effectiveFrom: v.version.effective_from! } : null,
    busyFinance: settings[0]?.busy_finance === 1,
    assignedDomains: scope ? [...scope] : null,
    items: standard.filter((i) => !excludedKeys.has(i.key)),
    localItems: locals.map((l) => toItem(l, domains)),
    excluded: standard
      .filter((i) => excludedKeys.has(i.key))
      .map((item) => {
        const e = excludedKeys.get(item.key)!;
        return { item, reason: e.reason, createdAt: e.created_at, createdBy: e.created_by };
      }),
  };
}

export function itemName(i: { level1: string; level2: string }): string {
  return i.level1 === i.level2 ? i.level1 : `${i.level1}—${i.level2}`;
}

/** Everything computeObligations needs for many units, loaded once (the benchmark and the API share it). */
export interface ObligationData {
  versions: Record<CatalogKind, { version: VersionRow; items: Awaited<ReturnType<typeof loadGoverningVersions>>[number]['items'] }[]>;
  exclusions: Map<string, Set<string>>;
  locals: Map<string, Awaited<ReturnType<typeof listLocalItems>>>;
  busy: Map<string, boolean>;
  events: Map<string, Awaited<ReturnType<typeof listEvents>>>;
  assignments: { unit_code: string; domain_code: string }[];
  /** Statutory items (statutory-items.ts), applied by unit kind. */
  statutory?: StatutoryItem[];
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export async function loadObligationData(db: Executor, unitCodes: string[]): Promise<ObligationData> {
  const [gov, vil, exclusions, locals, settings, events, assignments, statutory] = await Promise.all([
    loadGoverningVersions(db, 'government'),
    loadGoverningVersions(db, 'village'),
    listExclusions(db, unitCodes),
    listLocalItems(db, unitCodes),
    listSettings(db, unitCodes),
    listEvents(db, unitCodes),
    listDomainAssignments(db, unitCodes),
    loadStatutoryItems(db),
  ]);
  return {
    versions: { government: gov, village: vil },
    exclusions: new Map([...groupBy(exclusions, (e) => e.unit_code)].map(([k, v]) => [k, new Set(v.map((e) => e.item_key))])),
    locals: groupBy(locals, (l) => l.unit_code),
    busy: new Map(settings.map((s) => [s.unit_code, s.busy_finance === 1])),
    events: groupBy(events, (e) => e.unit_code),
    assignments,
    statutory,
  };
}

/**
 * The obligation view of a catalog or local item row, parsed once per loaded row: a county run asks
 * for the same few hundred rows for each of its units.
 */
const parsedItems = new WeakMap<object, ObligationItem>();
function asObligationItem(row: {
  id: string;
  item_key: string;
  level1: string;
  level2: string;
  time_rule_json: string;
  display_rule_json: string;
}): ObligationItem {
  let hit = parsedItems.get(row);
  if (!hit) {
    hit = { id: row.id, key: row.item_key, name: itemName(row), timeRule: JSON.parse(row.time_rule_json), displayRule: JSON.parse(row.display_rule_json) };
    parsedItems.set(row, hit);
  }
  return hit;
}

/** Obligations of one unit from preloaded data (pure apart from the calendar argument). */
export function obligationsFromData(
  data: ObligationData,
  unit: Pick<OrgUnitRow, 'code' | 'kind'>,
  from: string,
  to: string,
  calendar: Parameters<typeof computeObligations>[0]['calendar'],
): Obligation[] {
  const catalog = catalogOfUnit(unit.kind);
  const level = levelOf(unit.kind) as DisclosureLevel;
  const excluded = data.exclusions.get(unit.code) ?? new Set<string>();
  const locals = data.locals.get(unit.code) ?? [];
  const localItems = locals.map(asObligationItem);
  const keys = new Set<string>();
  const scope = domainScopeOf(unit, data.assignments);
  // Statutory items ride along with every version, like local items: the law, not the catalog, sets them.
  const statutory = statutoryFor(data.statutory ?? [], unit)
    .filter((s) => !excluded.has(s.key))
    .map((s) => ({ id: s.key, key: s.key, name: itemName(s), timeRule: s.timeRule, displayRule: s.displayRule }));
  for (const s of statutory) keys.add(s.key);
  const versions: CatalogVersionInForce[] = data.versions[catalog].map(({ version, items }) => {
    const mine = items.filter((i) => itemApplies(i, level, scope) && !excluded.has(i.item_key));
    for (const i of mine) keys.add(i.item_key);
    return {
      effectiveFrom: version.effective_from!,
      // Local items are the unit's own and are not versioned with the standard: they ride along
      // with every version while they are active.
      items: [...mine.map(asObligationItem), ...localItems, ...statutory],
    };
  });
  for (const l of locals) keys.add(l.item_key);
  const events = (data.events.get(unit.code) ?? []).map((e) => ({ id: e.id, itemKey: e.item_key, occurredOn: e.occurred_on, title: e.title }));
  return computeObligations({ versions, applicableKeys: keys, events, busyFinance: data.busy.get(unit.code) ?? false, from, to, calendar });
}

export async function unitObligations(ctx: Pick<AppContext, 'db'>, unit: OrgUnitRow, from: string, to: string): Promise<Obligation[]> {
  const [data, calendar] = await Promise.all([loadObligationData(ctx.db, [unit.code]), getCalendar(ctx)]);
  return obligationsFromData(data, unit, from, to, calendar);
}

/** The public domain page's data: the domain, the items of the version in force on `today`, and every key ever filed under it. */
export async function loadDomainCatalog(
  db: Executor,
  code: string,
  today: string,
): Promise<{ domain: DomainRow; items: CatalogItem[]; itemKeys: string[] } | null> {
  const domains = await domainMap(db);
  const domain = domains.get(code);
  if (!domain) return null;
  const versions = await loadGoverningVersions(db, domain.catalog as CatalogKind);
  const v = versionOnDate(versions, today) ?? versions[0];
  const items = (v?.items ?? []).filter((i) => i.domain_code === code).map((i) => toItem(i, domains));
  const index = await itemDomainIndex(db);
  const itemKeys = [...index.entries()].filter(([, d]) => d === code).map(([k]) => k);
  return { domain, items, itemKeys };
}
