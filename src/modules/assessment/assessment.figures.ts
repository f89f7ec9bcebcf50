/**
 * Where measured figures come from. The compliance module owns the evaluation (measureUnitFigures); this
 * file only narrows its result to what scoring reads and keeps the links that make every figure traceable.
 * Request timeliness comes from the requests module (requestTimeliness: answers due in the window and
 * those given on time). Other indicator kinds (投诉处理及时率, 群众满意度) come from whichever registered module
 * provides them (ModuleManifest.provides.assessment, platform/provided-figures.ts — today 政民互动): this module never
 * imports the provider, and a kind nobody provides stays 暂无数据. A provider of `channel_evidence` (公开栏 inspections,
 * today 档案 archives) adds its checks to the compliance counts of the channel indicator.
 */
import type { AppContext } from '../../platform/context.ts';
import { measureUnitFigures, type ObligationRef, type UnitFigures } from '../compliance/index.ts';
import { requestTimeliness } from '../requests/index.ts';
import { findUnit } from '../org/index.ts';
import { providersOf } from '../../platform/module.ts';
import type { EvidenceLink } from '../../platform/provided-figures.ts';
import { INDICATOR_KINDS, type IndicatorKind, type MeasuredFigures, type ProviderFigures } from './assessment.rules.ts';

export interface FigureLinks {
  /** The unit's compliance page (admin SPA) and API for the period. */
  url: string;
  apiUrl: string;
  onTime: ObligationRef[];
  late: ObligationRef[];
  overdue: ObligationRef[];
  displayShort: ObligationRef[];
  missingChannel: ObligationRef[];
  uncoveredItems: { key: string; name: string }[];
  /** 依申请公开: the unit's case list and the cases answered late (or still unanswered past their deadline). */
  requests?: { url: string; lateCases: { id: string; regNo: string; dueOn: string; decidedOn: string | null }[] };
  /** Indicator kind → the evidence its provider gave (the case list, the cases that lowered the figure). */
  provided?: Record<string, EvidenceLink[]>;
}

export interface UnitMeasurement {
  unitCode: string;
  measured: MeasuredFigures;
  providers: ProviderFigures;
  links: FigureLinks;
}

/** Where each of these provided indicator kinds comes from (its provider's note), or 暂无数据 when no installed module measures it. */
export function providerNotes(kinds: Iterable<string>): string[] {
  const providers = providersOf('assessment');
  const notes: string[] = [];
  for (const kind of kinds) {
    const p = providers.find((x) => x.kinds[kind]);
    if (p) notes.push(p.kinds[kind]!.note);
    else notes.push(`${INDICATOR_KINDS[kind as IndicatorKind]?.label ?? kind}：尚无模块提供这项数据，暂无数据`);
  }
  return notes;
}

/** The provided figure of `kind` as ProviderFigures reads it (only the counts its formula names). */
function providerFigure(kind: string, f: Record<string, number>): [keyof ProviderFigures, ProviderFigures[keyof ProviderFigures]] | null {
  const n = (k: string) => (Number.isFinite(f[k]) ? f[k]! : 0);
  if (kind === 'complaint_handling') return [kind, { onTime: n('onTime'), due: n('due') }];
  if (kind === 'satisfaction' || kind === 'survey_satisfaction') return [kind, { satisfied: n('satisfied'), valid: n('valid') }];
  return null;
}

/** Board-channel checks provided for `channel_evidence` ({ boardInspections, boardInspectionsFailed }), summed over providers. */
function addChannelChecks(m: MeasuredFigures, f: Record<string, number>): void {
  const n = (k: string) => (Number.isFinite(f[k]) ? f[k]! : 0);
  m.boardInspections = (m.boardInspections ?? 0) + n('boardInspections');
  m.boardInspectionsFailed = (m.boardInspectionsFailed ?? 0) + n('boardInspectionsFailed');
}

function narrow(f: UnitFigures): UnitMeasurement {
  const e = f.evidence;
  return {
    unitCode: f.unitCode,
    measured: {
      due: f.due,
      onTime: f.onTime,
      late: f.late,
      overdue: f.overdue,
      displayShort: f.displayShort,
      missingChannel: f.missingChannel,
      applicable: f.applicable,
      covered: f.covered,
    },
    providers: {},
    links: {
      url: e.url,
      apiUrl: e.apiUrl,
      onTime: e.onTime,
      late: e.late,
      overdue: e.overdue,
      displayShort: e.displayShort,
      missingChannel: e.missingChannel,
      uncoveredItems: e.uncoveredItems.map((i) => ({ key: i.key, name: i.name })),
    },
  };
}

/** Figures of every unit under `rootCode` for the window, as of `asOf` (never after the window's end). */
export async function measurePeriod(ctx: AppContext, q: { rootCode: string; from: string; to: string; asOf: string }): Promise<Map<string, UnitMeasurement>> {
  const asOf = q.asOf < q.to ? q.asOf : q.to;
  if (asOf < q.from) return new Map();
  const rows = await measureUnitFigures(ctx, { rootCode: q.rootCode, from: q.from, to: q.to, asOf });
  const root = await findUnit(ctx.db, q.rootCode);
  const answers = root ? await requestTimeliness(ctx, { rootPath: root.path, from: q.from, to: q.to, asOf }) : new Map();
  const provided = root
    ? await Promise.all(providersOf('assessment').map(async (p) => ({ p, got: await p.measure(ctx, { rootPath: root.path, from: q.from, to: q.to, asOf }) })))
    : [];
  return new Map(
    rows.map((r) => {
      const m = narrow(r);
      const t = answers.get(r.unitCode);
      // Every unit has a figure now that the requests module exists: no case due in the window is 0 of 0.
      m.providers.request_timeliness = { onTime: t?.onTime ?? 0, due: t?.due ?? 0 };
      m.links.requests = { url: `/admin/requests?unit=${encodeURIComponent(r.unitCode)}`, lateCases: t?.lateCases ?? [] };
      // As for requests: a unit with nothing to count in the window has the provider's empty figure (0 of 0), not 暂无数据.
      for (const { p, got } of provided) {
        const u = got.get(r.unitCode);
        for (const [kind, def] of Object.entries(p.kinds)) {
          if (kind === 'channel_evidence') {
            // Checks of the board channel by another module (公开栏 inspections): added to the compliance counts.
            const f = u?.figures[kind];
            if (f) addChannelChecks(m.measured, f);
            if (u?.evidence[kind]?.length) ((m.links.provided ??= {})[kind] ??= []).push(...u.evidence[kind]!);
            continue;
          }
          const fig = providerFigure(kind, u?.figures[kind] ?? def.empty);
          if (!fig) continue;
          (m.providers as Record<string, unknown>)[fig[0]] = fig[1];
          (m.links.provided ??= {})[kind] = u?.evidence[kind] ?? [];
        }
      }
      return [r.unitCode, m];
    }),
  );
}
