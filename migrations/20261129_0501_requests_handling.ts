import type { Kysely } from 'kysely';

// 依申请公开 handling (issue #6): the case history (every step with the date it happened, as entered),
// consultations (第32条 third party, 第34条 co-producer, 协办), information-processing fees
// (国办函〔2020〕109号), letter numbers and per-unit/year serials. text/integer only; dates YYYY-MM-DD
// (China local); instants ISO UTC.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every step of a case, in order: what was done, on which date (as it happened), by whom, with its
  // details as JSON. The statutory clock is computed from these rows.
  await db.schema
    .createTable('info_request_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('info_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    // The date the step happened (YYYY-MM-DD), entered by staff for paper cases.
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('role', 'text')
    .addColumn('comment', 'text')
    .addColumn('data_json', 'text', (c) => c.notNull().defaultTo('{}'))
    // 1 when the step was taken after its statutory limit (e.g. a 补正 notice after 7 working days).
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('info_request_steps_request').on('info_request_steps').columns(['request_id', 'seq']).unique().execute();

  // Consultations whose time is not counted in the answer period (条例第33条第三款).
  await db.schema
    .createTable('info_request_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('info_requests.id'))
    // CONSULTATION_KINDS code: third-party | co-producer | assisting.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_contact', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('sent_on', 'text', (c) => c.notNull())
    // The party's answer limit (第32条/第34条: 15 working days; 协办: as the unit sets it).
    .addColumn('reply_due_on', 'text')
    .addColumn('replied_on', 'text')
    // consent | object | no-reply | provided (协办) | other
    .addColumn('stance', 'text')
    .addColumn('reply_note', 'text')
    .addColumn('letter_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('info_request_consultations_request').on('info_request_consultations').columns(['request_id']).execute();

  // 信息处理费: the fee notice and its payment (one open notice per case at a time).
  await db.schema
    .createTable('info_request_fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('info_requests.id'))
    // per-item (按件) | per-volume (按量)
    .addColumn('mode', 'text', (c) => c.notNull())
    // 按件: the application's ordinal within the applicant's natural month; 按量: pages.
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount_yuan', 'integer', (c) => c.notNull())
    .addColumn('calculation', 'text', (c) => c.notNull())
    .addColumn('notice_on', 'text', (c) => c.notNull())
    .addColumn('pay_by', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('receipt_no', 'text')
    .addColumn('letter_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('info_request_fees_request').on('info_request_fees').columns(['request_id']).execute();

  // The letter register: every numbered document issued for a case (kind = LETTER_KINDS code).
  await db.schema
    .createTable('info_request_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('info_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('letter_no', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    // The consultation or fee row the letter belongs to, when there are several of a kind.
    .addColumn('ref_id', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('info_request_letters_request').on('info_request_letters').columns(['request_id', 'kind']).execute();

  // Serial counters per unit, year and series ('registration' or a letter kind): gap-free numbers.
  await db.schema
    .createTable('info_request_serials')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('info_request_serials_pk', ['unit_code', 'year', 'series'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
