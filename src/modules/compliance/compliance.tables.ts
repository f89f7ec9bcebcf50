/** Table types of the compliance module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    compliance_obligations: ComplianceObligationTable;
    compliance_unit_years: ComplianceUnitYearTable;
  }
}

export interface ComplianceObligationTable {
  unit_code: string;
  year: number;
  item_key: string;
  period: string;
  item_id: string;
  item_name: string;
  period_label: string;
  event_id: string | null;
  due_date: string;
  required_channels_json: string;
  display_rule_text: string | null;
  provisional: number;
  publications_json: string;
}

export interface ComplianceUnitYearTable {
  unit_code: string;
  year: number;
  audit_seq: number;
  dirty: number;
  applicable_json: string;
  computed_at: string;
}
