import type { Kysely } from 'kysely';

// A village's portal page lists its 意见箱 with the day each was last opened. Without these indexes that read
// scans every box of the county and, per box, every opening ever recorded (a box opened weekly for ten years has
// 500): the page's cost would grow with the archive (issue 14). With them it is one index range per unit and one
// index seek per box.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('interaction_boxes_unit').on('interaction_boxes').columns(['unit_code', 'active']).execute();
  await db.schema.createIndex('interaction_box_openings_box').on('interaction_box_openings').columns(['box_id', 'opened_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interaction_box_openings_box').execute();
  await db.schema.dropIndex('interaction_boxes_unit').execute();
}
