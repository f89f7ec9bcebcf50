/** Table types of the archives module (declaration merging on the shared Database interface). */
declare module '../../platform/db/schema.ts' {
  interface Database {
    archive_classes: ArchiveClassTable;
    archive_items: ArchiveItemTable;
    archive_item_files: ArchiveItemFileTable;
    archive_custody_moves: ArchiveCustodyMoveTable;
    archive_destructions: ArchiveDestructionTable;
    archive_reading_visits: ArchiveReadingVisitTable;
    archive_room_entries: ArchiveRoomEntryTable;
    archive_room_loans: ArchiveRoomLoanTable;
    notice_boards: NoticeBoardTable;
    notice_board_postings: NoticeBoardPostingTable;
    board_inspections: BoardInspectionTable;
    board_inspection_photos: BoardInspectionPhotoTable;
  }
}

/** One row of the county's 《村级文件材料归档范围和档案保管期限表》. */
export interface ArchiveClassTable {
  code: string;
  name: string;
  /** permanent | 30y | 10y */
  retention: string;
  /** Where the class and its period come from (law article, the county's table). */
  basis: string;
  /** Catalog item keys (JSON string[]) whose disclosures are proposed for this class. */
  item_keys_json: string;
  sort_order: number;
  active: number;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface ArchiveItemTable {
  id: string;
  unit_code: string;
  year: number;
  class_code: string;
  item_no: number;
  /** 档号: 全宗-年度-类别-件号, unique. */
  archival_code: string;
  title: string;
  /** disclosure | record */
  kind: string;
  disclosure_id: string | null;
  /** For records: 会议记录, 合同, 凭证, … (free text). */
  record_type: string | null;
  formed_on: string;
  retention: string;
  keep_until: string | null;
  was_public: number;
  paper_location: string | null;
  pages: number | null;
  custody_unit_code: string;
  /** filed | destroyed */
  status: string;
  legal_hold: number;
  hold_reason: string | null;
  destruction_id: string | null;
  note: string | null;
  is_demo: number;
  filed_at: string;
  filed_by: string | null;
  updated_at: string;
}

export interface ArchiveItemFileTable {
  id: string;
  item_id: string;
  seq: number;
  /** version | signoffs | attachment | board_photo | scan */
  role: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  public: number;
  created_at: string;
}

export interface ArchiveCustodyMoveTable {
  id: string;
  serial: string;
  unit_code: string;
  from_unit_code: string;
  to_unit_code: string;
  moved_on: string;
  handed_by: string;
  received_by: string;
  reason: string;
  item_ids_json: string;
  is_demo: number;
  created_at: string;
  created_by: string | null;
}

export interface ArchiveDestructionTable {
  id: string;
  serial: string;
  unit_code: string;
  /** proposed | approved | rejected */
  status: string;
  reason: string;
  item_ids_json: string;
  proposed_by: string;
  proposed_by_name: string;
  proposed_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  is_demo: number;
}

export interface ArchiveReadingVisitTable {
  id: string;
  unit_code: string;
  visited_on: string;
  visitor_name: string;
  visitor_phone: string | null;
  purpose: string;
  item_ids_json: string;
  other_material: string | null;
  staff_on_duty: string;
  /** 查阅登记号: the year of the visit and its serial within the unit's year (unique per unit and year). */
  serial_year: number;
  serial_no: number;
  is_demo: number;
  created_at: string;
  created_by: string | null;
}

export interface ArchiveRoomEntryTable {
  id: string;
  unit_code: string;
  entered_at: string;
  left_at: string | null;
  person: string;
  reason: string;
  accompanied_by: string;
  is_demo: number;
  created_at: string;
  created_by: string | null;
}

export interface ArchiveRoomLoanTable {
  id: string;
  entry_id: string;
  item_id: string;
  taken_on: string;
  returned_on: string | null;
  returned_to: string | null;
}

export interface NoticeBoardTable {
  id: string;
  unit_code: string;
  name: string;
  place: string;
  person_in_charge: string;
  photo_sha256: string | null;
  photo_type: string | null;
  active: number;
  is_demo: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface NoticeBoardPostingTable {
  evidence_id: string;
  board_id: string;
  attached_at: string;
  attached_by: string | null;
}

export interface BoardInspectionTable {
  id: string;
  board_id: string;
  unit_code: string;
  /** inspection | recheck */
  kind: string;
  recheck_of: string | null;
  inspected_on: string;
  inspector: string;
  inspector_name: string;
  /** { [checkKey]: boolean } */
  answers_json: string;
  /** pass | fail */
  result: string;
  note: string | null;
  order_id: string | null;
  is_demo: number;
  created_at: string;
}

export interface BoardInspectionPhotoTable {
  id: string;
  inspection_id: string;
  sha256: string;
  type: string;
  size: number;
  created_at: string;
}
