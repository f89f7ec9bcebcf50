import { pinyinLib } from '../../platform/lazy-libs.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { OrgUnitTable } from '../../platform/db/schema.ts';
import { SIYANG, type SeedUnit } from './seed/siyang.ts';
import { insertUnits, listUnitCodes } from './org.repository.ts';

/** Internal code for a unit without an official division code: parent code + pinyin of the name stem. */
export function internalCode(parentCode: string, name: string): string {
  const stem = name.replace(/(社区|村|居委会)$/, '');
  const slug = pinyinLib()
    .pinyin(stem, { toneType: 'none', separator: '', type: 'string' })
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
  return `${parentCode}-${slug}`;
}

/** Flattens the seed tree into rows with codes, paths and order. */
export function flattenSeed(root: SeedUnit, nowIso: string): OrgUnitTable[] {
  const rows: OrgUnitTable[] = [];
  const used = new Set<string>();
  const walk = (unit: SeedUnit, parent: OrgUnitTable | null, order: number) => {
    let code = unit.code ?? unit.divisionCode ?? internalCode(parent?.code ?? 'unit', unit.name);
    for (let i = 2; used.has(code); i++) code = `${code}${i}`;
    used.add(code);
    const row: OrgUnitTable = {
      code,
      division_code: unit.divisionCode ?? null,
      name: unit.name,
      kind: unit.kind,
      parent_code: parent?.code ?? null,
      path: `${parent?.path ?? '/'}${code}/`,
      depth: (parent?.depth ?? -1) + 1,
      address: unit.address ?? null,
      postal_code: unit.postalCode ?? null,
      phone: unit.phone ?? null,
      email: null,
      office_hours: null,
      active: unit.abolishedOn ? 0 : 1,
      established_on: null,
      abolished_on: unit.abolishedOn ?? null,
      is_demo: unit.demo ? 1 : 0,
      source: unit.source,
      note: unit.note ?? null,
      sort_order: order,
      created_at: nowIso,
      updated_at: nowIso,
    };
    rows.push(row);
    (unit.children ?? []).forEach((c, i) => walk(c, row, i));
  };
  walk(root, null, 0);
  return rows;
}

/** Inserts the Siyang tree; units that already exist are left as they are. Returns how many were added. */
export async function seedSiyangOrg(db: Executor, now: Date): Promise<number> {
  const rows = flattenSeed(SIYANG, now.toISOString());
  const existing = new Set(await listUnitCodes(db));
  const fresh = rows.filter((r) => !existing.has(r.code));
  for (let i = 0; i < fresh.length; i += 200) await insertUnits(db, fresh.slice(i, i + 200));
  return fresh.length;
}
