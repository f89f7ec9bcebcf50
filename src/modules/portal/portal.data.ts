import type { AppContext } from '../../platform/context.ts';
import { publicVersion } from '../../platform/views/page-cache.ts';
import { findRootUnit, listSubtree, UNIT_KINDS, type OrgUnitRow } from '../org/index.ts';
import { listDomains, type DomainRow } from '../catalog/index.ts';

/** Kinds listed together as 乡镇（街道） — what the 2023 方案 addresses as 各乡镇人民政府、各街道办事处. */
export const TOWNSHIP_KINDS = ['street', 'town', 'township'] as const;
export const PARK_KINDS = ['farm_park'] as const;
export const GRASSROOTS_KINDS = ['community', 'village'] as const;

export function kindLabel(kind: string): string {
  return UNIT_KINDS[kind as keyof typeof UNIT_KINDS]?.label ?? kind;
}

/** Short label for counting children, e.g. "14个社区" or "9个行政村". */
export const CHILD_NOUN: Record<string, string> = { community: '社区', village: '行政村' };

export interface Directory {
  county: OrgUnitRow | null;
  /** Every unit under the county (including abolished ones, for history), tree-ordered. */
  all: OrgUnitRow[];
  byCode: Map<string, OrgUnitRow>;
  /** Active children by parent code, in display order. */
  children: Map<string, OrgUnitRow[]>;
}

const domainLists = new WeakMap<object, { version: string; all: Promise<DomainRow[]> }>();

/** The catalog domains (both catalogs, in display order), read once per public version stamp (a catalog version publication bumps it). */
export async function loadDomains(ctx: AppContext, catalog?: 'government' | 'village'): Promise<DomainRow[]> {
  const version = await publicVersion(ctx);
  let hit = domainLists.get(ctx.db);
  if (!hit || hit.version !== version) {
    hit = { version, all: listDomains(ctx.db) };
    domainLists.set(ctx.db, hit);
    hit.all.catch(() => domainLists.delete(ctx.db));
  }
  const all = await hit.all;
  return catalog ? all.filter((d) => d.catalog === catalog) : all;
}

const directories = new WeakMap<object, { version: string; dir: Promise<Directory> }>();

/**
 * The whole county tree, loaded once per public version stamp (every unit change bumps it) and shared
 * by every page of this process: a county has a few hundred units, a province tens of thousands, and
 * every page agrees on counts. Pages must not modify it.
 */
export async function loadDirectory(ctx: AppContext): Promise<Directory> {
  const version = await publicVersion(ctx);
  const hit = directories.get(ctx.db);
  if (hit && hit.version === version) return hit.dir;
  const dir = readDirectory(ctx);
  directories.set(ctx.db, { version, dir });
  dir.catch(() => directories.delete(ctx.db));
  return dir;
}

/** The whole county tree in one query. */
async function readDirectory(ctx: AppContext): Promise<Directory> {
  const county = await findRootUnit(ctx.db);
  if (!county) return { county: null, all: [], byCode: new Map(), children: new Map() };
  const all = await listSubtree(ctx.db, county.path, true);
  const byCode = new Map(all.map((u) => [u.code, u]));
  const children = new Map<string, OrgUnitRow[]>();
  for (const u of all) {
    if (u.active !== 1 || !u.parent_code) continue;
    const list = children.get(u.parent_code) ?? [];
    list.push(u);
    children.set(u.parent_code, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
  return { county, all, byCode, children };
}

export function childrenOf(dir: Directory, code: string, kinds?: readonly string[]): OrgUnitRow[] {
  const list = dir.children.get(code) ?? [];
  return kinds ? list.filter((u) => kinds.includes(u.kind)) : list;
}

/** "14个社区" / "3个社区、11个行政村" / "" when none are on record. */
export function childSummary(dir: Directory, code: string): string {
  const parts: string[] = [];
  for (const kind of GRASSROOTS_KINDS) {
    const n = childrenOf(dir, code, [kind]).length;
    if (n > 0) parts.push(`${n}个${CHILD_NOUN[kind]}`);
  }
  return parts.join('、');
}

/** Name matches within the county (case-insensitive for Latin letters), active first. */
export function searchUnits(dir: Directory, q: string, limit = 100): OrgUnitRow[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const hits = dir.all.filter(
    (u) => u.depth > 0 && (u.name.toLowerCase().includes(needle) || u.code.toLowerCase() === needle || (u.division_code ?? '') === needle),
  );
  hits.sort((a, b) => b.active - a.active || a.depth - b.depth || a.path.localeCompare(b.path));
  return hits.slice(0, limit);
}
