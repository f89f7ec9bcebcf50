import type { AppContext } from './context.ts';
import type { Executor } from './db/database.ts';

/**
 * Figures one module measures for another module's checks, declared on its manifest (`provides`) and read through
 * registeredModules(): the reading module (assessment, compliance) never imports the measuring one, and a module
 * that is not installed simply provides nothing (the reader then shows 暂无数据 / 暂不可检查, never a zero).
 */

/** A link behind a figure: the list of cases, or one case that lowered it. */
export interface EvidenceLink {
  label: string;
  url: string;
}

/** One unit's figures for the assessment's indicators (考评), by indicator kind, with the evidence behind each. */
export interface ProvidedUnitFigures {
  /** Indicator kind → the counts its formula reads (e.g. complaint_handling → { onTime, due }; channel_evidence → { boardInspections, boardInspectionsFailed }, added to the compliance counts). */
  figures: Record<string, Record<string, number>>;
  /** Indicator kind → the case list and the cases behind the figure, in the order to show them. */
  evidence: Record<string, EvidenceLink[]>;
}

export interface AssessmentFigureProvider {
  /**
   * The indicator kinds it measures, each with the figure of a unit that had nothing to count in the window
   * (e.g. { onTime: 0, due: 0 }: every unit has a figure once the provider exists) and the note the score card shows
   * to say where the figure comes from.
   */
  kinds: Record<string, { empty: Record<string, number>; note: string }>;
  /** Figures of the units under `rootPath` that had something to count in [from, to], as of `asOf`. Reads only. */
  measure(ctx: AppContext, q: { rootPath: string; from: string; to: string; asOf: string }): Promise<Map<string, ProvidedUnitFigures>>;
}

/** 互动回应差 of the website inspection (domain.md §3.1): valid messages left unanswered for more than 3 months. */
export interface UnansweredMessages {
  from: string;
  to: string;
  /** Valid messages received in the year before the check point. */
  received: number;
  /** Those whose reply came, or has not come by the check point, more than 3 months after receipt. */
  cases: { id: string; caseNo: string; unitCode: string; unitName: string; receivedOn: string; answeredOn: string | null }[];
}

export interface WebsiteCheckProvider {
  /** The messages of the year before the China date `asOf` and those unanswered for more than 3 months. Reads only. */
  unansweredMessages(db: Executor, asOf: string): Promise<UnansweredMessages>;
}

/**
 * One thing a unit owes that another module found late (公开督查 shows it beside the unit's obligations), traceable to
 * the record it is about: e.g. a 意见箱 not opened in time, a town's order to correct left undone.
 */
export interface ProvidedFinding {
  /** The providing module's code for the kind of finding (e.g. box-not-opened); stable, for filters and counts. */
  kind: string;
  /** The kind in plain Chinese (e.g. 意见箱未按期开箱). */
  kindText: string;
  /** The unit that owes it. */
  unitCode: string;
  /** One line of plain Chinese: what is late and since when. */
  title: string;
  /** The China date from which it is late. */
  since: string;
  /**
   * How late in working days, when the provider's rule counts working days (modules/calendar): shown instead of the
   * calendar days from `since`. For a duty done late it is the lateness it had when done.
   */
  workingDaysLate?: number;
  /** The case number, box or record it is about. */
  ref: string;
  /** Where staff open that record in the admin SPA (path under /admin), or null. */
  url: string | null;
}

export interface ComplianceFindingProvider {
  /** Who measures (shown as the findings' source, e.g. 政民互动). */
  source: string;
  /** Findings of the units whose path starts with `rootPath`, as of the China date `asOf`. Reads only. */
  findings(ctx: AppContext, q: { rootPath: string; asOf: string }): Promise<ProvidedFinding[]>;
}

/**
 * What another module may say about an interaction case it links to (policies: the 回应 that answers a question or
 * complaint): its number, kind, the units that handled it and its public address when 选登. Never the writer's words.
 */
export interface InteractionCaseRef {
  id: string;
  caseNo: string;
  kind: string;
  kindText: string;
  /** The handling unit, the unit it was written to and the answering unit (a linking unit must cover one). */
  unitCodes: string[];
  /** The public page of the case when it is 选登 (published with the writer's consent); else null. */
  href: string | null;
}

export interface InteractionCaseRefProvider {
  /** The case with this id or 编号 (e.g. 互2026-00012), or undefined. Reads only. */
  caseRef(db: Executor, ref: string): Promise<InteractionCaseRef | undefined>;
}

export interface ProvidedFigures {
  assessment?: AssessmentFigureProvider;
  /** Cases a record of another module may link to (policies' 回应), without that module importing interaction. */
  interactionCases?: InteractionCaseRefProvider;
  website?: WebsiteCheckProvider;
  /** Findings compliance (公开督查) lists per unit; every installed provider is read (providersOf). */
  compliance?: ComplianceFindingProvider;
}
