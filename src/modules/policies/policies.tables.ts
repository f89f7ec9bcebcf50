/** Table types of the policies module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    policy_number_prefixes: PolicyNumberPrefixTable;
    policy_documents: PolicyDocumentTable;
    policy_validity_events: PolicyValidityEventTable;
    policy_interpretations: PolicyInterpretationTable;
    policy_responses: PolicyResponseTable;
    policy_metadata_changes: PolicyMetadataChangeTable;
  }
}

export interface PolicyNumberPrefixTable {
  unit_code: string;
  prefix: string;
  is_demo: number;
  source: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PolicyDocumentTable {
  disclosure_id: string;
  issuer_unit_code: string;
  issuer_name: string;
  doc_no: string | null;
  doc_year: number | null;
  doc_serial: number | null;
  written_on: string;
  category: string;
  topic: string;
  genre: string;
  keywords_json: string;
  validity: string;
  validity_on: string | null;
  validity_by: string | null;
  consultation_ref: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface PolicyValidityEventTable {
  id: string;
  policy_id: string;
  seq: number;
  from_validity: string | null;
  to_validity: string;
  effective_on: string;
  by_policy_id: string | null;
  reason: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  at: string;
}

export interface PolicyInterpretationTable {
  disclosure_id: string;
  policy_id: string;
  form: string;
  media_url: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PolicyResponseTable {
  disclosure_id: string;
  form: string;
  policy_id: string | null;
  interaction_ref: string | null;
  consultation_ref: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PolicyMetadataChangeTable {
  id: string;
  policy_id: string;
  seq: number;
  /** The changed fields only (PolicyMetadataFields keys), before and after. */
  before_json: string;
  after_json: string;
  reason: string | null;
  /** 1 when the policy was public at the time: shown on the policy page as a correction. */
  is_public: number;
  actor_user_id: string | null;
  actor_name: string | null;
  at: string;
}
