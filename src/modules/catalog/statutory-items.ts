/**
 * Statutory items: duties a law puts on every unit of a kind, whatever the catalog's domains say —
 * e.g. the 政府信息公开工作年度报告 that every county department owes by 31 January and the county
 * government by 31 March (条例第四十九条). They are data, contributed by the module that owns the duty
 * (the requests module registers the annual report), loaded with the other obligation data and
 * treated like catalog rows: they have a time rule, show in a unit's catalog (so a disclosure can be
 * linked to them) and produce obligations (so the compliance view counts them). A unit may still mark
 * one “本单位不适用” with a reason, like any item.
 *
 * They apply by unit kind (not by 公开层级 + domain), because the law names kinds of agency: a county
 * department has no domain that "owns" its annual report.
 */
import type { Executor } from '../../platform/db/database.ts';
import type { CatalogItem } from './catalog.types.ts';

/** The domain code statutory items carry (they belong to none of the catalog's domains). */
export const STATUTORY_DOMAIN = 'statutory';

export interface StatutoryItem extends Omit<CatalogItem, 'id' | 'catalog' | 'sort'> {
  /** org_units.kind values the duty applies to (e.g. ['department']). */
  unitKinds: string[];
}

/** Loads the items (a county setting may change one, so loaders read the database). */
export type StatutoryItemLoader = (db: Executor) => Promise<StatutoryItem[]>;

const loaders = new Map<string, StatutoryItemLoader>();

/** Registers (or replaces, by name) a module's statutory items. Call at module load. */
export function registerStatutoryItems(name: string, loader: StatutoryItemLoader): void {
  loaders.set(name, loader);
}

export async function loadStatutoryItems(db: Executor): Promise<StatutoryItem[]> {
  const out: StatutoryItem[] = [];
  for (const load of loaders.values()) out.push(...(await load(db)));
  return out;
}

/** As a catalog row (government catalog; sorted after the standard rows). */
export function statutoryAsCatalogItem(s: StatutoryItem, sort: number): CatalogItem {
  const { unitKinds: _unitKinds, ...rest } = s;
  return { ...rest, id: s.key, catalog: 'government', sort };
}
