/** Table types of the letters part of the requests module (migration 20261129_0502). */
declare module '../../../platform/db/schema.ts' {
  interface Database {
    info_request_letter_settings: InfoRequestLetterSettingsTable;
  }
}

/** One answering unit's letter settings. */
export interface InfoRequestLetterSettingsTable {
  unit_code: string;
  /** JSON: LETTER_KINDS code → 文号 pattern with {year} and {n}. */
  number_patterns_json: string;
  /** JSON: string[] of 行政复议机关. */
  review_bodies_json: string;
  court: string | null;
  office_address: string | null;
  office_postcode: string | null;
  office_phone: string | null;
  office_contact: string | null;
  office_hours: string | null;
  fee_payment_method: string | null;
  updated_at: string;
  updated_by: string;
}
