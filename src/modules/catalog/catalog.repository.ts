import './catalog.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import { CHANNELS, type CatalogItem, type CatalogKind } from './catalog.types.ts';
import type {
  CatalogDomainTable,
  CatalogEventTable,
  CatalogItemTable,
  CatalogVersionTable,
  ItemColumns,
  UnitCatalogSettingTable,
  UnitDomainAssignmentTable,
  UnitItemExclusionTable,
  UnitLocalItemTable,
} from './catalog.tables.ts';

export type DomainRow = CatalogDomainTable;
export type VersionRow = CatalogVersionTable;
export type ItemRow = CatalogItemTable;
export type LocalItemRow = UnitLocalItemTable;

/** Item content without identity (what a draft edit or a local item supplies). */
export type ItemContent = Omit<CatalogItem, 'id' | 'key' | 'catalog' | 'domainName'>;

export function toColumns(key: string, c: ItemContent): ItemColumns {
  return {
    item_key: key,
    domain_code: c.domainCode,
    level1: c.level1,
    level2: c.level2,
    elements_json: JSON.stringify(c.elements),
    bases_json: JSON.stringify(c.bases),
    time_rule_json: JSON.stringify(c.timeRule),
    display_rule_json: JSON.stringify(c.displayRule),
    subject: c.subject,
    // Channels are kept in the standard option order (domain.md §4.2), as printed in catalogs.
    channels_json: JSON.stringify([...c.channels].sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel))),
    audience: c.audience,
    mode: c.mode,
    levels_json: JSON.stringify((['county', 'township', 'village'] as const).filter((l) => c.levels.includes(l))),
    source: c.source,
    sort: c.sort,
  };
}

export function toItem(row: ItemColumns & { id: string }, domains: Map<string, DomainRow>): CatalogItem {
  const d = domains.get(row.domain_code);
  return {
    id: row.id,
    key: row.item_key,
    catalog: (d?.catalog ?? 'government') as CatalogKind,
    domainCode: row.domain_code,
    domainName: d?.name ?? row.domain_code,
    level1: row.level1,
    level2: row.level2,
    elements: JSON.parse(row.elements_json),
    bases: JSON.parse(row.bases_json),
    timeRule: JSON.parse(row.time_rule_json),
    displayRule: JSON.parse(row.display_rule_json),
    subject: row.subject,
    channels: JSON.parse(row.channels_json),
    audience: row.audience as CatalogItem['audience'],
    mode: row.mode as CatalogItem['mode'],
    levels: JSON.parse(row.levels_json),
    source: row.source,
    sort: row.sort,
  };
}

export async function listDomains(db: Executor, catalog?: CatalogKind): Promise<DomainRow[]> {
  let q = db.selectFrom('catalog_domains').selectAll();
  if (catalog) q = q.where('catalog', '=', catalog);
  return q.orderBy('catalog').orderBy('sort').execute();
}

export async function domainMap(db: Executor): Promise<Map<string, DomainRow>> {
  return new Map((await listDomains(db)).map((d) => [d.code, d]));
}

export async function listVersions(db: Executor, catalog?: CatalogKind): Promise<VersionRow[]> {
  let q = db.selectFrom('catalog_versions').selectAll();
  if (catalog) q = q.where('catalog', '=', catalog);
  return q.orderBy('catalog').orderBy('number').execute();
}

export async function findVersion(db: Executor, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('catalog_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function currentPublished(db: Executor, catalog: CatalogKind): Promise<VersionRow | undefined> {
  return db.selectFrom('catalog_versions').selectAll().where('catalog', '=', catalog).where('status', '=', 'published').executeTakeFirst();
}

export async function openDraft(db: Executor, catalog: CatalogKind): Promise<VersionRow | undefined> {
  return db.selectFrom('catalog_versions').selectAll().where('catalog', '=', catalog).where('status', '=', 'draft').executeTakeFirst();
}

export async function listVersionItems(db: Executor, versionIds: string[]): Promise<ItemRow[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('catalog_items').selectAll().where('version_id', 'in', versionIds).orderBy('sort').orderBy('item_key').execute();
}

export async function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('catalog_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listLocalItems(db: Executor, unitCodes: string[], includeRetired = false): Promise<LocalItemRow[]> {
  if (unitCodes.length === 0) return [];
  let q = db.selectFrom('unit_local_items').selectAll().where('unit_code', 'in', unitCodes);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return q.orderBy('sort').orderBy('created_at').execute();
}

export async function listExclusions(db: Executor, unitCodes: string[]) {
  if (unitCodes.length === 0) return [];
  return db.selectFrom('unit_item_exclusions').selectAll().where('unit_code', 'in', unitCodes).orderBy('item_key').execute();
}

export async function listSettings(db: Executor, unitCodes: string[]) {
  if (unitCodes.length === 0) return [];
  return db.selectFrom('unit_catalog_settings').selectAll().where('unit_code', 'in', unitCodes).execute();
}

export async function listEvents(db: Executor, unitCodes: string[]) {
  if (unitCodes.length === 0) return [];
  return db.selectFrom('catalog_events').selectAll().where('unit_code', 'in', unitCodes).orderBy('occurred_on').orderBy('id').execute();
}

/** Items of every published or superseded version, grouped by version (drafts never govern). */
export async function loadGoverningVersions(db: Executor, catalog: CatalogKind): Promise<{ version: VersionRow; items: ItemRow[] }[]> {
  const versions = (await listVersions(db, catalog)).filter((v) => v.status !== 'draft' && v.effective_from);
  const items = await listVersionItems(
    db,
    versions.map((v) => v.id),
  );
  return versions.map((version) => ({ version, items: items.filter((i) => i.version_id === version.id) }));
}

export async function listDomainAssignments(db: Executor, unitCodes: string[]): Promise<{ unit_code: string; domain_code: string }[]> {
  if (unitCodes.length === 0) return [];
  return db.selectFrom('unit_domain_assignments').select(['unit_code', 'domain_code']).where('unit_code', 'in', unitCodes).orderBy('domain_code').execute();
}

/** item_key → domain code over every version and every unit's local items (keys are stable; the newest row wins). */
export async function itemDomainIndex(db: Executor): Promise<Map<string, string>> {
  const std = await db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
    .select(['i.item_key', 'i.domain_code', 'v.number'])
    .orderBy('v.number')
    .execute();
  const local = await db.selectFrom('unit_local_items').select(['item_key', 'domain_code']).execute();
  const out = new Map<string, string>();
  for (const r of std) out.set(r.item_key, r.domain_code);
  for (const r of local) if (!out.has(r.item_key)) out.set(r.item_key, r.domain_code);
  return out;
}

// --- Writes and the reads the commands run (catalog.commands.ts, catalog.demo.ts, catalog.import.ts) ---

export async function listDomainCodes(db: Executor): Promise<string[]> {
  return (await db.selectFrom('catalog_domains').select('code').execute()).map((r) => r.code);
}

export async function insertDomain(db: Executor, row: DomainRow): Promise<void> {
  await db.insertInto('catalog_domains').values(row).execute();
}

/** Code, catalog and name of every domain. */
export async function listDomainNames(db: Executor): Promise<Pick<DomainRow, 'code' | 'catalog' | 'name'>[]> {
  return db.selectFrom('catalog_domains').select(['code', 'catalog', 'name']).execute();
}

/** Whether the catalog has any version at all. */
export async function hasAnyVersion(db: Executor, catalog: CatalogKind): Promise<boolean> {
  return !!(await db.selectFrom('catalog_versions').select('id').where('catalog', '=', catalog).executeTakeFirst());
}

export async function insertVersion(db: Executor, row: VersionRow): Promise<void> {
  await db.insertInto('catalog_versions').values(row).execute();
}

export async function updateVersion(db: Executor, id: string, set: Partial<VersionRow>): Promise<void> {
  await db.updateTable('catalog_versions').set(set).where('id', '=', id).execute();
}

export async function insertItem(db: Executor, row: ItemRow): Promise<void> {
  await db.insertInto('catalog_items').values(row).execute();
}

export async function updateItem(db: Executor, id: string, cols: ItemColumns): Promise<void> {
  await db.updateTable('catalog_items').set(cols).where('id', '=', id).execute();
}

export async function deleteItem(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('catalog_items').where('id', '=', id).execute();
}

/** The item of a version with this domain and names, if any (one item per domain + 一级/二级事项). */
export async function findItemByNames(
  db: Executor,
  versionId: string,
  domainCode: string,
  level1: string,
  level2: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('catalog_items')
    .select('id')
    .where('version_id', '=', versionId)
    .where('domain_code', '=', domainCode)
    .where('level1', '=', level1)
    .where('level2', '=', level2)
    .executeTakeFirst();
}

/** The largest sort value of a version's items (undefined/null when it has none). */
export async function maxItemSort(db: Executor, versionId: string) {
  return db
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where('version_id', '=', versionId)
    .executeTakeFirst();
}

export async function countVersionItems(db: Executor, versionId: string): Promise<number> {
  const count = await db
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('version_id', '=', versionId)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function findLocalItem(db: Executor, id: string): Promise<LocalItemRow | undefined> {
  return db.selectFrom('unit_local_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The kind of the time rule (`recurring`, …) of a standard or local item by id; null when there is no such item. */
export async function itemTimeRuleKind(db: Executor, itemId: string): Promise<string | null> {
  const std = await db.selectFrom('catalog_items').select('time_rule_json').where('id', '=', itemId).executeTakeFirst();
  const local = std ? undefined : await db.selectFrom('unit_local_items').select('time_rule_json').where('id', '=', itemId).executeTakeFirst();
  const json = std?.time_rule_json ?? local?.time_rule_json;
  return json ? (JSON.parse(json) as { kind: string }).kind : null;
}

/** A unit's active local item with this domain and names, if any. */
export async function findActiveLocalItemByNames(
  db: Executor,
  unitCode: string,
  domainCode: string,
  level1: string,
  level2: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('unit_local_items')
    .select('id')
    .where('unit_code', '=', unitCode)
    .where('retired_at', 'is', null)
    .where('domain_code', '=', domainCode)
    .where('level1', '=', level1)
    .where('level2', '=', level2)
    .executeTakeFirst();
}

export async function findActiveLocalItemByKey(db: Executor, unitCode: string, key: string): Promise<LocalItemRow | undefined> {
  return db
    .selectFrom('unit_local_items')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('item_key', '=', key)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export async function insertLocalItem(db: Executor, row: LocalItemRow): Promise<void> {
  await db.insertInto('unit_local_items').values(row).execute();
}

export async function retireLocalItemRow(db: Executor, id: string, at: string, by: string | null): Promise<void> {
  await db.updateTable('unit_local_items').set({ retired_at: at, retired_by: by }).where('id', '=', id).execute();
}

export async function findExclusion(db: Executor, unitCode: string, itemKey: string): Promise<UnitItemExclusionTable | undefined> {
  return db.selectFrom('unit_item_exclusions').selectAll().where('unit_code', '=', unitCode).where('item_key', '=', itemKey).executeTakeFirst();
}

/** Whether the unit has marked the item as not applicable. */
export async function hasExclusion(db: Executor, unitCode: string, itemKey: string): Promise<boolean> {
  return !!(await db
    .selectFrom('unit_item_exclusions')
    .select('item_key')
    .where('unit_code', '=', unitCode)
    .where('item_key', '=', itemKey)
    .executeTakeFirst());
}

export async function insertExclusion(db: Executor, row: UnitItemExclusionTable): Promise<void> {
  await db.insertInto('unit_item_exclusions').values(row).execute();
}

export async function deleteExclusion(db: Executor, unitCode: string, itemKey: string): Promise<void> {
  await db.deleteFrom('unit_item_exclusions').where('unit_code', '=', unitCode).where('item_key', '=', itemKey).execute();
}

export async function findUnitSetting(db: Executor, unitCode: string): Promise<UnitCatalogSettingTable | undefined> {
  return db.selectFrom('unit_catalog_settings').selectAll().where('unit_code', '=', unitCode).executeTakeFirst();
}

/** Writes a unit's catalog settings: updates the row when `exists`, inserts it otherwise. */
export async function saveUnitSetting(db: Executor, row: UnitCatalogSettingTable, exists: boolean): Promise<void> {
  if (exists) await db.updateTable('unit_catalog_settings').set(row).where('unit_code', '=', row.unit_code).execute();
  else await db.insertInto('unit_catalog_settings').values(row).execute();
}

export async function insertEvent(db: Executor, row: CatalogEventTable): Promise<void> {
  await db.insertInto('catalog_events').values(row).execute();
}

export async function findEvent(db: Executor, id: string): Promise<CatalogEventTable | undefined> {
  return db.selectFrom('catalog_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the unit has any domain assigned. */
export async function hasDomainAssignment(db: Executor, unitCode: string): Promise<boolean> {
  return !!(await db.selectFrom('unit_domain_assignments').select('domain_code').where('unit_code', '=', unitCode).executeTakeFirst());
}

export async function insertDomainAssignment(db: Executor, row: UnitDomainAssignmentTable): Promise<void> {
  await db.insertInto('unit_domain_assignments').values(row).execute();
}

/** Id, key and domain of every item of a version. */
export async function listVersionItemKeys(db: Executor, versionId: string): Promise<Pick<ItemRow, 'id' | 'item_key' | 'domain_code'>[]> {
  return db.selectFrom('catalog_items').select(['id', 'item_key', 'domain_code']).where('version_id', '=', versionId).execute();
}

export async function deleteVersionItemsOfDomains(db: Executor, versionId: string, domainCodes: string[]): Promise<void> {
  await db.deleteFrom('catalog_items').where('version_id', '=', versionId).where('domain_code', 'in', domainCodes).execute();
}

export async function listUnitDomainCodes(db: Executor, unitCode: string): Promise<string[]> {
  return (await db.selectFrom('unit_domain_assignments').select('domain_code').where('unit_code', '=', unitCode).execute()).map((r) => r.domain_code);
}

/** Replaces a unit's domain assignments: deletes them all, then inserts one row per domain in order. */
export async function replaceUnitDomains(db: Executor, unitCode: string, rows: UnitDomainAssignmentTable[]): Promise<void> {
  await db.deleteFrom('unit_domain_assignments').where('unit_code', '=', unitCode).execute();
  for (const r of rows) {
    await db.insertInto('unit_domain_assignments').values(r).execute();
  }
}

/** Current catalog item ids by item key (the version in force): an entry citing an item whose id changed needs review. */
export async function currentItemIds(db: Executor, itemKeys: readonly string[]): Promise<Map<string, string>> {
  if (!itemKeys.length) return new Map();
  const rows = await db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
    .select(['i.item_key', 'i.id', 'v.effective_from'])
    .where('i.item_key', 'in', [...itemKeys])
    .where('v.status', '=', 'published')
    .orderBy('v.effective_from', 'desc')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.item_key)) out.set(r.item_key, r.id);
  return out;
}

// Sub-queries another module's statement joins instead of naming catalog's tables (publishing's listing row and search
// documents): `.leftJoin(itemDomains(db).as('ci'), 'ci.id', 'd.item_id')`. Each is one table's plain projection, so
// both databases plan the join as the join of the table itself (one statement, the same indexes).

/** Standard catalogue items: id → domain. */
export function itemDomains(db: Executor) {
  return db.selectFrom('catalog_items').select(['id', 'domain_code']);
}

/** A unit's own (本级) items: id → domain. */
export function localItemDomains(db: Executor) {
  return db.selectFrom('unit_local_items').select(['id', 'domain_code']);
}

/** Domains: code → the catalogue (government | village) it belongs to. */
export function domainCatalogs(db: Executor) {
  return db.selectFrom('catalog_domains').select(['code', 'catalog']);
}
