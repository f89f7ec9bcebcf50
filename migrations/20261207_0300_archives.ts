import { sql, type Kysely } from 'kysely';

// Archives (issue 18): the county's filing classes and retention periods (归档范围和保管期限表, data the county
// edits), yearly volumes and archive items with 档号, their files (sha256 in the store), custody moves (提级管理),
// destruction decisions, the reading point's register, the archive room's ledger, notice boards and their
// inspections. text/integer only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('archive_classes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // permanent | 30y | 10y (《村级档案管理办法》 periods)
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    // catalog item keys whose disclosures this class is proposed for (JSON string[])
    .addColumn('item_keys_json', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('archive_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // the unit whose archive (全宗) the item belongs to
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('class_code', 'text', (c) => c.notNull().references('archive_classes.code'))
    .addColumn('item_no', 'integer', (c) => c.notNull())
    .addColumn('archival_code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    // disclosure | record
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('disclosure_id', 'text')
    .addColumn('record_type', 'text')
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    // last day of keeping (YYYY-MM-DD); null = permanent
    .addColumn('keep_until', 'text')
    .addColumn('was_public', 'integer', (c) => c.notNull())
    .addColumn('paper_location', 'text')
    .addColumn('pages', 'integer')
    .addColumn('custody_unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    // filed | destroyed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('legal_hold', 'integer', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('destruction_id', 'text')
    .addColumn('note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archive_items_volume_no').on('archive_items').columns(['unit_code', 'year', 'class_code', 'item_no']).unique().execute();
  await db.schema
    .createIndex('archive_items_disclosure')
    .on('archive_items')
    .column('disclosure_id')
    .unique()
    .where(sql.ref('disclosure_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('archive_items_keep').on('archive_items').columns(['status', 'keep_until']).execute();

  await db.schema
    .createTable('archive_item_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('archive_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // version | signoffs | attachment | board_photo | scan
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archive_item_files_item').on('archive_item_files').columns(['item_id', 'seq']).unique().execute();

  await db.schema
    .createTable('archive_custody_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('from_unit_code', 'text', (c) => c.notNull())
    .addColumn('to_unit_code', 'text', (c) => c.notNull())
    .addColumn('moved_on', 'text', (c) => c.notNull())
    .addColumn('handed_by', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('item_ids_json', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('archive_destructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    // proposed | approved | rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('item_ids_json', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('archive_reading_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('visitor_phone', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('item_ids_json', 'text', (c) => c.notNull())
    .addColumn('other_material', 'text')
    .addColumn('staff_on_duty', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('archive_reading_visits_unit').on('archive_reading_visits').columns(['unit_code', 'visited_on']).execute();

  await db.schema
    .createTable('archive_room_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('accompanied_by', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('archive_room_entries_unit').on('archive_room_entries').columns(['unit_code', 'entered_at']).execute();
  await db.schema
    .createTable('archive_room_loans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('archive_room_entries.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('archive_items.id'))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('returned_on', 'text')
    .addColumn('returned_to', 'text')
    .execute();
  await db.schema.createIndex('archive_room_loans_open').on('archive_room_loans').columns(['item_id', 'returned_on']).execute();

  // 公开栏 registry: the 意见箱 beside a board is the interaction module's (suggestion boxes carry a board_id).
  await db.schema
    .createTable('notice_boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('person_in_charge', 'text', (c) => c.notNull())
    .addColumn('photo_sha256', 'text')
    .addColumn('photo_type', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_boards_unit').on('notice_boards').column('unit_code').execute();
  // A 公开栏 posting photo of a disclosure (publishing's disclosure_evidence) attached to the board it shows.
  await db.schema
    .createTable('notice_board_postings')
    .addColumn('evidence_id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('notice_boards.id'))
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .addColumn('attached_by', 'text')
    .execute();

  await db.schema
    .createTable('board_inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('notice_boards.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // inspection | recheck
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recheck_of', 'text')
    .addColumn('inspected_on', 'text', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('inspector_name', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    // pass | fail
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('order_id', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_inspections_board').on('board_inspections').columns(['board_id', 'inspected_on']).execute();
  await db.schema
    .createTable('board_inspection_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('board_inspections.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_inspection_photos_inspection').on('board_inspection_photos').column('inspection_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
