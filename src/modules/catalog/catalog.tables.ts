/** Table types of the catalog module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    catalog_domains: CatalogDomainTable;
    catalog_versions: CatalogVersionTable;
    catalog_items: CatalogItemTable;
    unit_local_items: UnitLocalItemTable;
    unit_item_exclusions: UnitItemExclusionTable;
    unit_catalog_settings: UnitCatalogSettingTable;
    catalog_events: CatalogEventTable;
    unit_domain_assignments: UnitDomainAssignmentTable;
  }
}

export interface CatalogDomainTable {
  code: string;
  /** 'government' | 'village' */
  catalog: string;
  name: string;
  sort: number;
  source: string;
}

export interface CatalogVersionTable {
  id: string;
  catalog: string;
  number: number;
  /** 'draft' | 'published' | 'superseded' */
  status: string;
  reason: string | null;
  effective_from: string | null;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
}

/** Columns shared by standard rows and unit-local rows. */
export interface ItemColumns {
  item_key: string;
  domain_code: string;
  level1: string;
  level2: string;
  elements_json: string;
  bases_json: string;
  time_rule_json: string;
  display_rule_json: string;
  subject: string;
  channels_json: string;
  audience: string;
  mode: string;
  levels_json: string;
  source: string;
  sort: number;
}

export interface CatalogItemTable extends ItemColumns {
  id: string;
  version_id: string;
}

export interface UnitLocalItemTable extends ItemColumns {
  id: string;
  unit_code: string;
  created_at: string;
  created_by: string | null;
  retired_at: string | null;
  retired_by: string | null;
}

export interface UnitItemExclusionTable {
  unit_code: string;
  item_key: string;
  reason: string;
  created_at: string;
  created_by: string | null;
}

export interface UnitCatalogSettingTable {
  unit_code: string;
  busy_finance: number;
  updated_at: string;
  updated_by: string | null;
}

export interface CatalogEventTable {
  id: string;
  unit_code: string;
  item_key: string;
  item_id: string;
  occurred_on: string;
  title: string;
  created_at: string;
  created_by: string | null;
}

/** 部门负责的公开领域 (county setting). */
export interface UnitDomainAssignmentTable {
  unit_code: string;
  domain_code: string;
  created_at: string;
  created_by: string | null;
}
