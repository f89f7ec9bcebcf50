/** Table types of the publishing module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    disclosures: DisclosureTable;
    disclosure_versions: DisclosureVersionTable;
    disclosure_steps: DisclosureStepTable;
    disclosure_index_serials: DisclosureIndexSerialTable;
    disclosure_attachments: DisclosureAttachmentTable;
    disclosure_evidence: DisclosureEvidenceTable;
    disclosure_listings: DisclosureListingTable;
    disclosure_listing_counts: DisclosureListingCountTable;
    disclosure_corrections: DisclosureCorrectionTable;
  }
  interface OrgUnitTable {
    /** 索引号 prefix set by the county (migration 20261126_0200); null → the unit code. */
    index_prefix?: string | null;
  }
}

export interface DisclosureTable {
  id: string;
  unit_code: string;
  /** 'village' | 'government' (which workflow applies). */
  catalog: string;
  item_key: string | null;
  item_id: string | null;
  /** `2026`, `2026-Q3`, `2026-10` for recurring items; null for event-based or free disclosures. */
  period: string | null;
  event_id: string | null;
  status: string;
  /** Working content (draft / under review); the public content lives in disclosure_versions. */
  title: string;
  doc_no: string | null;
  formed_on: string;
  body_html: string;
  channels_json: string;
  /** PiiDecision[] (reviewer decisions by fingerprint). */
  pii_decisions_json: string;
  /** Working structured tables (DisclosureData[] JSON, unmasked; migration 20261126_0310); null = none. */
  tables_json?: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  scheduled_at: string | null;
  published_at: string | null;
  published_by: string | null;
  index_no: string | null;
  index_year: number | null;
  index_serial: number | null;
  display_rule_json: string | null;
  display_min_end: string | null;
  /** Reason when the minimum end date was computed on a provisional calendar; null otherwise. */
  display_provisional: string | null;
  display_planned_end: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** Number of the public version (0 = never published). */
  current_version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface DisclosureVersionTable {
  id: string;
  disclosure_id: string;
  version_no: number;
  /** Original (unmasked, sanitized) content: staff of the unit only. */
  title: string;
  doc_no: string | null;
  body_html: string;
  /** What the public sees: personal data masked. */
  public_title: string;
  public_body_html: string;
  reason: string | null;
  content_hash: string;
  /** Original structured tables of this version (DisclosureData[] JSON): staff only. */
  tables_json: string | null;
  /** The masked public copy of the tables (migration 20261126_0310). */
  public_tables_json?: string | null;
  created_at: string;
  created_by: string | null;
}

export interface DisclosureStepTable {
  id: string;
  disclosure_id: string;
  /** 1, 2, … per disclosure (the order of the history). */
  seq: number;
  action: string;
  from_status: string;
  to_status: string;
  actor_user_id: string | null;
  actor_name: string | null;
  role: string | null;
  comment: string | null;
  at: string;
}

export interface DisclosureIndexSerialTable {
  unit_code: string;
  year: number;
  last_serial: number;
}

export interface DisclosureAttachmentTable {
  id: string;
  disclosure_id: string;
  /** Upload order within the record. */
  seq: number;
  /** Sanitized display name. */
  name: string;
  /** By content: pdf | xlsx | docx | png | jpeg. */
  type: string;
  size: number;
  sha256: string;
  /** JSON of ExtractedText (xlsx sheets / docx paragraphs); null for pdf and images. */
  extracted_text: string | null;
  extraction_note: string | null;
  /** no_personal_data | allow | withhold; null = the reviewer has not checked the file. */
  review_action: string | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  created_by: string;
}

export interface DisclosureEvidenceTable {
  id: string;
  disclosure_id: string;
  channel: string;
  /** YYYY-MM-DD the photo was taken. */
  taken_on: string;
  type: string;
  size: number;
  sha256: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

/** A proposed 更正 (migration 20261201_0700; disclosure.corrections.ts). */
export interface DisclosureCorrectionTable {
  id: string;
  disclosure_id: string;
  /** The public version it becomes once approved. */
  version_no: number;
  /** pending | approved | rejected */
  status: string;
  title: string;
  doc_no: string | null;
  body_html: string;
  reason: string;
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

/**
 * The public listing (migration 20261206_0700): one narrow row per record that is public or will be at
 * `published_at` (scheduled). Every list, count, feed and sitemap reads this table, never the bodies.
 */
export interface DisclosureListingTable {
  disclosure_id: string;
  unit_code: string;
  unit_path: string;
  catalog: string;
  item_key: string | null;
  domain_code: string | null;
  period: string | null;
  event_id: string | null;
  /** published | withdrawn. */
  status: string;
  /** Publication instant; in the future while the record is scheduled. */
  published_at: string;
  display_rule_json: string | null;
  display_min_end: string | null;
  display_planned_end: string | null;
  /** Last day of display (China date); '9999-12-31' when the window has no end. */
  display_until: string;
  /** Public (masked) title of the current version. */
  title: string;
  index_no: string;
  version: number;
  /** 1 when the current version carries a finance statement (村级财务收支明细). */
  has_finance: number;
  /** MonthSummary[] JSON of the finance statements of the current version; null without. */
  finance_months_json: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  changed_at: string;
}

/** Per unit and category: published records displayed without an end (migration 20261206_0700). */
export interface DisclosureListingCountTable {
  unit_path: string;
  /** '' when the record has no catalog category. */
  domain_code: string;
  open_published: number;
}
