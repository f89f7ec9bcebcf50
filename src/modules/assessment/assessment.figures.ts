/**
 * Where measured figures come from. The compliance module owns the evaluation (measureUnitFigures); this
 * file only narrows its result to what scoring reads and keeps the links that make every figure traceable.
 * Other modules add measured figures through registerMeasuredFigures (archives: 公开栏 inspections join the channel
 * indicator) — they import assessment, never the other way round. Request timeliness comes from the requests module (requestTimeliness: answers due in the window and
 * those given on time). Complaints and satisfaction have no provider yet: those indicators show 暂无数据.
 */
import type { AppContext } from '../../platform/context.ts';
import { measureUnitFigures, type ObligationRef, type UnitFigures } from '../compliance/index.ts';
import { requestTimeliness } from '../requests/index.ts';
import type { MeasuredFigures, ProviderFigures } from './assessment.rules.ts';

/** Extra measured figures from another module, per unit code, for units under `unitPath` in [from, to] (pure reads). */
export interface MeasuredFiguresSource {
  name: string;
  measure(ctx: AppContext, q: { unitPath: string; from: string; to: string }): Promise<Map<string, Partial<Pick<MeasuredFigures, 'boardInspections' | 'boardInspectionsFailed'>>>>;
}

const sources = new Map<string, MeasuredFiguresSource>();

/** Registers (or replaces, by name) a source of measured figures. Call at module load. */
export function registerMeasuredFigures(source: MeasuredFiguresSource): void {
  sources.set(source.name, source);
}

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
}

export interface UnitMeasurement {
  unitCode: string;
  measured: MeasuredFigures;
  providers: ProviderFigures;
  links: FigureLinks;
}

/** Which providers exist; shown on the score card so nobody reads 暂无数据 as a zero. */
export const PROVIDER_NOTES = {
  interaction: '投诉处理：互动交流模块尚未建设，暂无数据',
  participation: '群众满意度：公众参与模块尚未建设，暂无数据',
} as const;

function narrow(f: UnitFigures): UnitMeasurement {
  const e = f.evidence;
  return {
    unitCode: f.unitCode,
    measured: { due: f.due, onTime: f.onTime, late: f.late, overdue: f.overdue, displayShort: f.displayShort, missingChannel: f.missingChannel, applicable: f.applicable, covered: f.covered },
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
  const root = await ctx.db.selectFrom('org_units').select('path').where('code', '=', q.rootCode).executeTakeFirst();
  const answers = root ? await requestTimeliness(ctx, { rootPath: root.path, from: q.from, to: q.to, asOf }) : new Map();
  // Figures of other modules (公开栏 inspections, …) in the window up to asOf.
  const extra = root ? await Promise.all([...sources.values()].map((s) => s.measure(ctx, { unitPath: root.path, from: q.from, to: asOf }))) : [];
  return new Map(
    rows.map((r) => {
      const m = narrow(r);
      const t = answers.get(r.unitCode);
      for (const figures of extra) Object.assign(m.measured, figures.get(r.unitCode));
      // Every unit has a figure now that the requests module exists: no case due in the window is 0 of 0.
      m.providers.request_timeliness = { onTime: t?.onTime ?? 0, due: t?.due ?? 0 };
      m.links.requests = { url: `/admin/requests?unit=${encodeURIComponent(r.unitCode)}`, lateCases: t?.lateCases ?? [] };
      return [r.unitCode, m];
    }),
  );
}
