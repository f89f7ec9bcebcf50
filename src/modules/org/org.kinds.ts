/** Kinds of org unit. Ids are part of the API; labels are shown to users. */
export const UNIT_KINDS = {
  county: { label: '县（区）', level: 'county' },
  /** 县政府部门 */
  department: { label: '县政府部门', level: 'county' },
  /** 街道 */
  street: { label: '街道', level: 'township' },
  /** 镇 */
  town: { label: '镇', level: 'township' },
  /** 乡 */
  township: { label: '乡', level: 'township' },
  /** 场、园区等政企合一单位（乡镇级） */
  farm_park: { label: '场/园区（乡镇级）', level: 'township' },
  /** 社区（居民委员会） */
  community: { label: '社区', level: 'village' },
  /** 行政村（村民委员会） */
  village: { label: '行政村', level: 'village' },
} as const;

export type UnitKind = keyof typeof UNIT_KINDS;
export type UnitLevel = (typeof UNIT_KINDS)[UnitKind]['level'];
export const UNIT_KIND_IDS = Object.keys(UNIT_KINDS) as UnitKind[];

/** 公开层级 labels as printed in catalogs. */
export const LEVEL_LABELS: Record<UnitLevel, string> = { county: '县级', township: '乡级', village: '村级' };

export function isUnitKind(v: string): v is UnitKind {
  return Object.prototype.hasOwnProperty.call(UNIT_KINDS, v);
}

/** Which parent kinds each kind may hang under (the three-level tree plus departments). */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  county: [],
  department: ['county'],
  street: ['county'],
  town: ['county'],
  township: ['county'],
  farm_park: ['county'],
  community: ['street', 'town', 'township', 'farm_park'],
  village: ['street', 'town', 'township', 'farm_park'],
};

export function levelOf(kind: string): UnitLevel {
  return isUnitKind(kind) ? UNIT_KINDS[kind].level : 'village';
}
