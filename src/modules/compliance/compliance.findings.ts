/**
 * Findings other modules measure for 公开督查 (ModuleManifest.provides.compliance, platform/provided-figures.ts):
 * e.g. 政民互动's 意见箱 not opened in time or a town's order to correct left undone. Read through registeredModules()
 * — this module never imports the measuring ones; with none installed the lists are empty and `sources` says so.
 * Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import { providersOf } from '../../platform/module.ts';
import type { ProvidedFinding } from '../../platform/provided-figures.ts';
import type { OrgUnitRow } from '../org/index.ts';
import { cmp } from './compliance.evaluate.ts';

export interface FindingView extends ProvidedFinding {
  /** Which module found it (e.g. 政民互动). */
  source: string;
  unitName: string;
  parentName: string | null;
  /** Calendar days from `since` to the day of the check. */
  daysLate: number;
}

export interface ProvidedFindings {
  /** The installed providers (empty: no module reports findings). */
  sources: string[];
  findings: FindingView[];
}

const days = (from: string, to: string) => Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));

/**
 * Every provider's findings for the units of `units` (the subtree under `root`, root included) as of `asOf`,
 * longest late first. Findings naming a unit outside `units` are dropped (a provider may not widen the scope).
 */
export async function providedFindings(ctx: AppContext, root: OrgUnitRow, units: readonly OrgUnitRow[], asOf: string): Promise<ProvidedFindings> {
  const providers = providersOf('compliance');
  const byCode = new Map(units.map((u) => [u.code, u]));
  const findings: FindingView[] = [];
  for (const p of providers) {
    for (const f of await p.findings(ctx, { rootPath: root.path, asOf })) {
      const u = byCode.get(f.unitCode);
      if (!u) continue;
      const parent = u.parent_code ? byCode.get(u.parent_code) : undefined;
      findings.push({ ...f, source: p.source, unitName: u.name, parentName: parent?.name ?? null, daysLate: days(f.since, asOf) });
    }
  }
  findings.sort((a, b) => cmp(a.since, b.since) || cmp(a.unitCode, b.unitCode) || cmp(a.ref, b.ref));
  return { sources: providers.map((p) => p.source), findings };
}
