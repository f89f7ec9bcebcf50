import type { Kysely } from 'kysely';

// The archives lists are paged on the server (issue 15 / 18): each page is one query ordered by the columns below,
// so each order has an index to walk instead of sorting a county's years of rows. 销毁清单 and 移交记录 newest first
// (all of a scope, or one unit's); 公开栏 by unit and name; the items taken out on the room ledger's shown entries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('archive_destructions_proposed').on('archive_destructions').columns(['proposed_at', 'id']).execute();
  await db.schema.createIndex('archive_destructions_unit').on('archive_destructions').columns(['unit_code', 'proposed_at']).execute();
  await db.schema.createIndex('archive_custody_moves_created').on('archive_custody_moves').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('archive_custody_moves_unit').on('archive_custody_moves').columns(['unit_code', 'created_at']).execute();
  await db.schema.createIndex('notice_boards_unit_name').on('notice_boards').columns(['unit_code', 'name', 'id']).execute();
  await db.schema.createIndex('archive_room_loans_entry').on('archive_room_loans').column('entry_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('archive_room_loans_entry').execute();
  await db.schema.dropIndex('notice_boards_unit_name').execute();
  await db.schema.dropIndex('archive_custody_moves_unit').execute();
  await db.schema.dropIndex('archive_custody_moves_created').execute();
  await db.schema.dropIndex('archive_destructions_unit').execute();
  await db.schema.dropIndex('archive_destructions_proposed').execute();
}
