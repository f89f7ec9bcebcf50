/** Table types of the interaction module (migration 20261207_0100; declaration merging on the shared Database). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    interaction_cases: InteractionCaseTable;
    interaction_serials: { year: number; last: number };
    interaction_steps: InteractionStepTable;
    interaction_investigations: InteractionInvestigationTable;
    interaction_files: InteractionFileTable;
    interaction_knowledge: InteractionKnowledgeTable;
    interaction_boxes: InteractionBoxTable;
    interaction_box_openings: InteractionBoxOpeningTable;
    interaction_reply_templates: InteractionReplyTemplateTable;
  }
}

/** One 询问 (question on a disclosure), 咨询, 建议 or 投诉. */
export interface InteractionCaseTable {
  id: string;
  kind: string;
  /** 编号 shown to staff and on published cases, e.g. 互2026-00012. */
  case_no: string;
  tracking_code: string;
  tracking_secret_hash: string;
  unit_code: string;
  origin_unit_code: string;
  domain_code: string | null;
  disclosure_id: string | null;
  disclosure_version: number | null;
  line_kind: string | null;
  line_no: number | null;
  line_text: string | null;
  channel: string;
  box_opening_id: string | null;
  subject: string | null;
  content: string;
  asker_name: string | null;
  asker_phone: string | null;
  publish_consent: number;
  status: string;
  received_on: string;
  due_on: string | null;
  due_provisional: number;
  answer: string | null;
  outcome: string | null;
  facts: string | null;
  answered_on: string | null;
  answered_by: string | null;
  answered_unit_code: string | null;
  correction_id: string | null;
  rating: string | null;
  rating_reason: string | null;
  rated_at: string | null;
  reopen_count: number;
  escalation_level: number;
  published: number;
  /** 选登 withdrawn (China date) and the public reason; `published` is then 0, the public address says why. */
  publication_withdrawn_on: string | null;
  publication_withdrawn_reason: string | null;
  merged_into: string | null;
  closed_on: string | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface InteractionStepTable {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  unit_code: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  detail_json: string | null;
  at: string;
}

/** 调查核实 by the town, with an optional order to correct (责令限期更正). */
export interface InteractionInvestigationTable {
  id: string;
  case_id: string;
  unit_code: string;
  investigators: string;
  investigated_on: string;
  findings: string;
  order_kind: string;
  order_unit_code: string | null;
  order_due_on: string | null;
  order_done_on: string | null;
  created_by: string;
  created_at: string;
}

export interface InteractionFileTable {
  id: string;
  case_id: string;
  investigation_id: string | null;
  sha256: string;
  name: string;
  type: string;
  size: number;
  created_by: string;
  created_at: string;
}

/** One entry of the 知识清单. */
export interface InteractionKnowledgeTable {
  id: string;
  unit_code: string;
  question: string;
  answer: string;
  legal_basis: string | null;
  item_key: string | null;
  source_case_id: string | null;
  status: string;
  reviewed_on: string;
  item_version_id: string | null;
  /** The policy document cited (policies module: a disclosure id) and its state when last reviewed (interaction.cited-policy.ts). */
  policy_id: string | null;
  policy_state: string | null;
  published_at: string | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** 意见箱 beside a 公开栏; `board_id` names a notice board of the archives module (no foreign key). */
export interface InteractionBoxTable {
  id: string;
  unit_code: string;
  board_id: string | null;
  location: string;
  active: number;
  installed_on: string;
  is_demo: number;
  created_at: string;
}

export interface InteractionBoxOpeningTable {
  id: string;
  box_id: string;
  opened_on: string;
  witness1: string;
  witness2: string;
  slip_count: number;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface InteractionReplyTemplateTable {
  id: string;
  unit_code: string;
  kind: string;
  title: string;
  body: string;
  created_at: string;
}

export {};
