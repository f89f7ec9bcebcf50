/** Table types of the requests module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    info_requests: InfoRequestTable;
    info_request_remedies: InfoRequestRemedyTable;
  }
}

/** One 政府信息公开申请 (migration 20261129_0500). */
export interface InfoRequestTable {
  id: string;
  unit_code: string;
  reg_year: number;
  reg_serial: number;
  reg_no: string;
  tracking_code: string;
  tracking_secret_hash: string;
  /** RECEIPT_CHANNELS code */
  channel: string;
  submitted_at: string;
  /** 收到申请之日, YYYY-MM-DD; null while an online/fax application awaits confirmation. */
  received_on: string | null;
  filled_by_staff: number;
  needs_assistance: number;
  /** APPLICANT_KINDS code */
  applicant_kind: string;
  /** Applicant details as JSON (personal data: never public, never logged). */
  applicant_json: string;
  identity_proof_sha256: string | null;
  identity_proof_type: string | null;
  info_description: string;
  info_doc_number: string | null;
  /** INFORMATION_FORMS code */
  info_form: string;
  /** DELIVERY_METHODS code */
  delivery_method: string;
  status: string;
  assigned_to: string | null;
  /** DECISION_TYPES code */
  decision_type: string | null;
  decision_json: string | null;
  decided_on: string | null;
  due_on: string | null;
  closed_on: string | null;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** A 行政复议 / 行政诉讼 record (annual report table 四). */
export interface InfoRequestRemedyTable {
  id: string;
  unit_code: string;
  request_id: string | null;
  /** REMEDY_KINDS code */
  kind: string;
  case_ref: string;
  body: string;
  filed_on: string;
  /** REMEDY_RESULTS code */
  result: string;
  concluded_on: string | null;
  note: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}
