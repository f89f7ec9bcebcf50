/**
 * What other modules add to a unit's public page (/units/:code) without the portal depending on them: a section
 * after the unit's disclosures (interaction: the 意见箱 beside the unit's 公开栏, when it is opened). Registered by
 * name (a module registers once per app build; the same name replaces the earlier entry). Every text a section
 * shows passes the personal-data gate in the registering module, as every public output does.
 */
import type { ReactElement } from 'react';
import type { AppContext } from '../../platform/context.ts';
import type { OrgUnitRow } from '../org/index.ts';

export interface UnitPageExtension {
  name: string;
  /** A section of the unit's page, or null when it has nothing to show; reads only (a GET never writes). */
  section(ctx: AppContext, unit: OrgUnitRow): Promise<ReactElement | null>;
}

const extensions = new Map<string, UnitPageExtension>();

export function registerUnitPageExtension(ext: UnitPageExtension): void {
  extensions.set(ext.name, ext);
}

export async function unitPageSections(ctx: AppContext, unit: OrgUnitRow): Promise<ReactElement[]> {
  const out: ReactElement[] = [];
  for (const e of extensions.values()) {
    const el = await e.section(ctx, unit);
    if (el) out.push(el);
  }
  return out;
}
