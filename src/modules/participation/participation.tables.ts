/** Table types of the participation module (migration 20261207_0200; declaration merging on the shared Database). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    participation_items: ParticipationItemTable;
    participation_item_versions: ParticipationItemVersionTable;
    participation_consultations: ConsultationTable;
    participation_clauses: ClauseTable;
    participation_comments: CommentTable;
    participation_feedback: FeedbackTable;
    participation_events: EventTable;
    participation_registrations: RegistrationTable;
    participation_surveys: SurveyTable;
    participation_survey_codes: SurveyCodeTable;
    participation_survey_devices: SurveyDeviceTable;
    participation_survey_responses: SurveyResponseTable;
    participation_survey_schedules: SurveyScheduleTable;
    participation_decisions: DecisionTable;
  }
}

export interface ParticipationItemTable {
  id: string;
  unit_code: string;
  name: string;
  reason: string;
  methods_json: string;
  planned_on: string;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ParticipationItemVersionTable {
  unit_code: string;
  version: number;
  items_json: string;
  note: string | null;
  published_at: string;
  published_by: string | null;
}

export interface ConsultationTable {
  id: string;
  unit_code: string;
  item_id: string | null;
  title: string;
  draft_text: string;
  draft_source: string;
  explanation: string;
  how_to_comment: string;
  start_on: string;
  end_on: string;
  urgency_reason: string | null;
  published_at: string | null;
  published_by: string | null;
  feedback_summary: string | null;
  feedback_published_at: string | null;
  feedback_published_by: string | null;
  decision_title: string | null;
  decision_text: string | null;
  decision_on: string | null;
  policy_disclosure_id: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ClauseTable {
  consultation_id: string;
  seq: number;
  label: string;
  heading: string | null;
  paragraphs_json: string;
}

export interface CommentTable {
  id: string;
  consultation_id: string;
  clause_seq: number | null;
  channel: string;
  received_on: string;
  people_count: number;
  author_json: string | null;
  body: string;
  tracking_code: string | null;
  status: string;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  public_body: string | null;
  entered_by: string | null;
  created_at: string;
}

export interface FeedbackTable {
  consultation_id: string;
  clause_key: string;
  adoption: string;
  reason: string;
  updated_at: string;
  updated_by: string | null;
}

export interface EventTable {
  id: string;
  unit_code: string;
  kind: string;
  consultation_id: string | null;
  title: string;
  description: string;
  place: string;
  held_on: string;
  held_time: string;
  capacity: number | null;
  selection_method: string | null;
  registration_until: string | null;
  materials_sent_on: string | null;
  announced_at: string | null;
  participants_published_at: string | null;
  attendance: number | null;
  record_text: string | null;
  record_scan_sha256: string | null;
  record_published_at: string | null;
  feedback: string | null;
  /** The day and time (YYYY-MM-DD HH:MM) the event was set for before its latest move (null: never moved). */
  rescheduled_from: string | null;
  /** Why it was moved (published with the announcement, through the gate). */
  reschedule_reason: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface RegistrationTable {
  id: string;
  event_id: string;
  person_json: string;
  affiliation: string | null;
  source: string;
  status: string;
  attended: number;
  tracking_code: string;
  created_at: string;
}

export interface SurveyTable {
  id: string;
  unit_code: string;
  kind: string;
  title: string;
  intro: string;
  questions_json: string;
  method: string;
  per_device: number | null;
  start_on: string;
  end_on: string;
  published_at: string | null;
  results_published_at: string | null;
  template_key: string | null;
  schedule_id: string | null;
  period: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface SurveyCodeTable {
  survey_id: string;
  code_hash: string;
  batch_no: number;
  used_on: string | null;
  created_at: string;
}

export interface SurveyDeviceTable {
  survey_id: string;
  device_hash: string;
  answers: number;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  answers_json: string;
  answered_on: string;
  source: string;
  is_demo: number;
}

export interface SurveyScheduleTable {
  id: string;
  template_key: string;
  root_unit_code: string;
  every: string;
  opens_month_day: string;
  open_days: number;
  method: string;
  active: number;
  /** First day a round may open (set on resume and on edit: no round that opened before it is started late). */
  rounds_from: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface DecisionTable {
  id: string;
  unit_code: string;
  matter: string;
  title: string;
  proposed_by: string;
  proposed_on: string;
  proposal: string;
  discussed_on: string | null;
  discussion: string | null;
  meeting_kind: string | null;
  meeting_on: string | null;
  quorum_basis: string | null;
  entitled: number | null;
  present: number | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  resolution: string | null;
  resolved_on: string | null;
  resolution_event_id: string | null;
  implementation: string | null;
  implemented_on: string | null;
  implementation_event_id: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
