/** API types of this feature (to be replaced by type-only imports of the server schemas at src/modules/org/org.schemas.ts). */

export interface Contact {
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  officeHours: string | null;
}

export interface OrgUnit {
  code: string;
  divisionCode: string | null;
  name: string;
  kind: string;
  parentCode: string | null;
  depth: number;
  active: boolean;
  abolishedOn: string | null;
  establishedOn: string | null;
  isDemo: boolean;
  contact: Contact;
  source: string | null;
  note: string | null;
  childCount?: number;
}

/** Unit kinds with their Chinese labels (mirrors src/modules/org/org.kinds.ts). */
export const UNIT_KIND_LABELS: Record<string, string> = {
  county: '县（区）',
  department: '县政府部门',
  street: '街道',
  town: '镇',
  township: '乡',
  farm_park: '场/园区（乡镇级）',
  community: '社区',
  village: '行政村',
};

/** Which child kinds may be added under a unit of the given kind. */
export const CHILD_KINDS: Record<string, string[]> = {
  county: ['department', 'street', 'town', 'township', 'farm_park'],
  street: ['community', 'village'],
  town: ['community', 'village'],
  township: ['community', 'village'],
  farm_park: ['community', 'village'],
};
