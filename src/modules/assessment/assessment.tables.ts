/** Table types of assessment, rectification and the rollout tracker (declaration merging on Database). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    assessment_files: AssessmentFileTable;
    assessment_periods: AssessmentPeriodTable;
    assessment_snapshots: AssessmentSnapshotTable;
    assessment_manual_scores: AssessmentManualScoreTable;
    rectification_orders: RectificationOrderTable;
    rectification_steps: RectificationStepTable;
    rollout_units: RolloutUnitTable;
    rollout_checks: RolloutCheckTable;
  }
}

export interface AssessmentFileTable {
  id: string;
  unit_code: string;
  sha256: string;
  name: string;
  type: string;
  size: number;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface AssessmentPeriodTable {
  id: string;
  root_code: string;
  name: string;
  /** quarter | year */
  kind: string;
  start_date: string;
  end_date: string;
  /** open | closed */
  status: string;
  /** IndicatorSet (assessment.rules.ts) as JSON. */
  set_json: string;
  closed_at: string | null;
  closed_by: string | null;
  reopen_count: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface AssessmentSnapshotTable {
  id: string;
  period_id: string;
  seq: number;
  /** PeriodSnapshot as JSON. */
  data_json: string;
  created_at: string;
  created_by: string | null;
  superseded_at: string | null;
}

export interface AssessmentManualScoreTable {
  id: string;
  period_id: string;
  indicator_key: string;
  unit_code: string;
  /** Percent of the indicator's weight achieved, × 100 (0–10000). */
  value_x100: number;
  note: string | null;
  /** Evidence[] as JSON. */
  evidence_json: string;
  entered_by: string | null;
  entered_at: string;
}

export interface RectificationOrderTable {
  id: string;
  /** 整改通知编号, e.g. 整改〔2026〕3号 — a per-year serial of this system (not an official document number). */
  serial: string;
  unit_code: string;
  title: string;
  problem: string;
  obligation_ref: string | null;
  finding_ref: string | null;
  issued_on: string;
  working_days: number;
  due_date: string;
  due_provisional: number;
  /** issued | responded | closed */
  status: string;
  /** 1 on issue, +1 on every re-open. */
  round: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface RectificationStepTable {
  id: string;
  order_id: string;
  seq: number;
  /** issue | respond | close | reopen */
  action: string;
  actor: string | null;
  at: string;
  comment: string | null;
  evidence_json: string;
}

export interface RolloutUnitTable {
  unit_code: string;
  /** pilot | second | third */
  batch: string;
  is_demo: number;
  note: string | null;
  assigned_by: string | null;
  assigned_at: string;
}

export interface RolloutCheckTable {
  unit_code: string;
  check_key: string;
  done: number;
  done_on: string | null;
  note: string | null;
  evidence_json: string;
  is_demo: number;
  updated_by: string | null;
  updated_at: string;
}
