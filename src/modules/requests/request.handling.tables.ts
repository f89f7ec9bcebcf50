/** Table types of the handling tables (migration 20261129_0501), merged into the shared Database interface. */
import './request.tables.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    info_request_steps: InfoRequestStepTable;
    info_request_consultations: InfoRequestConsultationTable;
    info_request_fees: InfoRequestFeeTable;
    info_request_letters: InfoRequestLetterTable;
    info_request_serials: InfoRequestSerialTable;
  }
}

export interface InfoRequestStepTable {
  id: string;
  request_id: string;
  seq: number;
  action: string;
  from_status: string;
  to_status: string;
  /** The date the step happened (YYYY-MM-DD). */
  on_date: string;
  actor_user_id: string | null;
  actor_name: string | null;
  role: string | null;
  comment: string | null;
  data_json: string;
  late: number;
  at: string;
}

export interface InfoRequestConsultationTable {
  id: string;
  request_id: string;
  kind: string;
  party_name: string;
  party_contact: string;
  subject: string | null;
  sent_on: string;
  reply_due_on: string | null;
  replied_on: string | null;
  stance: string | null;
  reply_note: string | null;
  letter_no: string | null;
  created_at: string;
  updated_at: string;
}

export interface InfoRequestFeeTable {
  id: string;
  request_id: string;
  mode: string;
  quantity: number;
  amount_yuan: number;
  calculation: string;
  notice_on: string;
  pay_by: string;
  paid_on: string | null;
  receipt_no: string | null;
  letter_no: string | null;
  created_at: string;
  updated_at: string;
}

export interface InfoRequestLetterTable {
  id: string;
  request_id: string;
  kind: string;
  letter_no: string;
  year: number;
  serial: number;
  ref_id: string | null;
  issued_on: string;
  created_at: string;
}

export interface InfoRequestSerialTable {
  unit_code: string;
  year: number;
  series: string;
  last: number;
}
