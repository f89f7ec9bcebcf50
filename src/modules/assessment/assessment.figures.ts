/**
 * Where measured figures come from. The compliance module owns the evaluation (measureUnitFigures); this
 * file only narrows its result to what scoring reads and keeps the links that make every figure traceable.
 * Figures of other providers (依申请公开 request timeliness, complaints, satisfaction) are not available
 * yet: those indicators show 暂无数据 until a module provides them.
 */
import type { AppContext } from '../../platform/context.ts';
import { measureUnitFigures, type ObligationRef, type UnitFigures } from '../compliance/index.ts';
import type { MeasuredFigures, ProviderFigures } from './assessment.rules.ts';

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
}

export interface UnitMeasurement {
  unitCode: string;
  measured: MeasuredFigures;
  providers: ProviderFigures;
  links: FigureLinks;
}

/** Which providers exist; shown on the score card so nobody reads 暂无数据 as a zero. */
export const PROVIDER_NOTES = {
  requests: '依申请公开按期答复率：依申请公开模块尚未提供统计，暂无数据',
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
  return new Map(rows.map((r) => [r.unitCode, narrow(r)]));
}
