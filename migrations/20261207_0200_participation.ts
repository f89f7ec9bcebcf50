import type { Kysely } from 'kysely';

// Participation (公众参与, issue 17): the 公众参与事项目录 with published versions, consultations on drafts with their
// clauses, comments and feedback report, hearings and meetings with registrations, surveys with one-time codes and
// anonymous responses, scheduled satisfaction surveys, and village decisions (村民会议/村民代表会议).
// Statuses that follow dates (预告/征求中/已截止) are never stored: they are computed on read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('participation_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON array of method codes (PARTICIPATION_METHODS).
    .addColumn('methods_json', 'text', (c) => c.notNull())
    // YYYY-MM-DD: by when the consultation is planned to start.
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_items_unit').on('participation_items').columns(['unit_code']).execute();

  await db.schema
    .createTable('participation_item_versions')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // The published list as it stood: [{id, name, reason, methods, plannedOn}].
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('participation_item_versions_pk', ['unit_code', 'version'])
    .execute();

  await db.schema
    .createTable('participation_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('draft_text', 'text', (c) => c.notNull())
    // 'text' or 'docx' (the draft was parsed from an uploaded .docx).
    .addColumn('draft_source', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('how_to_comment', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    // Required (and published) when the period is shorter than the minimum (条例第15条).
    .addColumn('urgency_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('feedback_summary', 'text')
    .addColumn('feedback_published_at', 'text')
    .addColumn('feedback_published_by', 'text')
    .addColumn('decision_title', 'text')
    .addColumn('decision_text', 'text')
    .addColumn('decision_on', 'text')
    // The published policy document (a disclosure) when there is one; nullable until 政策文件 exists.
    .addColumn('policy_disclosure_id', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_consultations_unit').on('participation_consultations').columns(['unit_code', 'start_on']).execute();

  await db.schema
    .createTable('participation_clauses')
    .addColumn('consultation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 第一条 / 第1段 as printed.
    .addColumn('label', 'text', (c) => c.notNull())
    // The chapter/section heading it stands under (第一章 总则), if any.
    .addColumn('heading', 'text')
    // JSON array of the clause's paragraphs (款).
    .addColumn('paragraphs_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_clauses_pk', ['consultation_id', 'seq'])
    .execute();

  await db.schema
    .createTable('participation_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull())
    // null = on the whole draft.
    .addColumn('clause_seq', 'integer')
    // 'online' or a staff channel (COMMENT_CHANNELS).
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('people_count', 'integer', (c) => c.notNull())
    // Who commented / the contact (personal data: never public, never logged).
    .addColumn('author_json', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tracking_code', 'text')
    // pending → published | rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('moderation_reason', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    // The text shown publicly: the body through the personal-data gate at publication.
    .addColumn('public_body', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_comments_consultation').on('participation_comments').columns(['consultation_id', 'status']).execute();
  await db.schema.createIndex('participation_comments_tracking').on('participation_comments').columns(['tracking_code']).unique().execute();

  await db.schema
    .createTable('participation_feedback')
    .addColumn('consultation_id', 'text', (c) => c.notNull())
    // 'whole' or the clause seq as text.
    .addColumn('clause_key', 'text', (c) => c.notNull())
    // adopted | partly | not_adopted
    .addColumn('adoption', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('participation_feedback_pk', ['consultation_id', 'clause_key'])
    .execute();

  await db.schema
    .createTable('participation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // hearing | symposium | field_visit | open_day | service_review
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('consultation_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    // Draft and explanation (hearings) or what the activity is about.
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('held_time', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('selection_method', 'text')
    .addColumn('registration_until', 'text')
    .addColumn('materials_sent_on', 'text')
    .addColumn('announced_at', 'text')
    .addColumn('participants_published_at', 'text')
    .addColumn('attendance', 'integer')
    .addColumn('record_text', 'text')
    .addColumn('record_scan_sha256', 'text')
    .addColumn('record_published_at', 'text')
    .addColumn('feedback', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('participation_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    // Name and contact (personal data; only the masked name is published on a participant list).
    .addColumn('person_json', 'text', (c) => c.notNull())
    .addColumn('affiliation', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    // registered | selected | not_selected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tracking_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_registrations_event').on('participation_registrations').columns(['event_id']).execute();

  await db.schema
    .createTable('participation_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // survey | poll | satisfaction
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    // codes | sms | open
    .addColumn('method', 'text', (c) => c.notNull())
    // Open answering: answers allowed per device (cookie), e.g. 1.
    .addColumn('per_device', 'integer')
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('results_published_at', 'text')
    .addColumn('template_key', 'text')
    .addColumn('schedule_id', 'text')
    // The schedule's period (e.g. 2026) for generated satisfaction surveys.
    .addColumn('period', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_surveys_unit').on('participation_surveys').columns(['unit_code', 'end_on']).execute();
  await db.schema.createIndex('participation_surveys_schedule').on('participation_surveys').columns(['schedule_id', 'unit_code', 'period']).unique().execute();

  await db.schema
    .createTable('participation_survey_codes')
    .addColumn('survey_id', 'text', (c) => c.notNull())
    // sha256 of the printed code: the code itself is shown once, on the slips.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    // Never linked to the answer given with it.
    .addColumn('used_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_survey_codes_pk', ['survey_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('participation_survey_devices')
    .addColumn('survey_id', 'text', (c) => c.notNull())
    // sha256 of the device cookie; counts answers from that device, not which answers.
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_survey_devices_pk', ['survey_id', 'device_hash'])
    .execute();

  await db.schema
    .createTable('participation_survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    // Day only (no time): an answer cannot be matched to a code's or a visitor's moment.
    .addColumn('answered_on', 'text', (c) => c.notNull())
    // online | paper (entered by staff from a paper questionnaire)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('participation_survey_responses_survey').on('participation_survey_responses').columns(['survey_id']).execute();

  await db.schema
    .createTable('participation_survey_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_key', 'text', (c) => c.notNull())
    // Villages under this unit get a survey per period.
    .addColumn('root_unit_code', 'text', (c) => c.notNull())
    // yearly | half_yearly | quarterly
    .addColumn('every', 'text', (c) => c.notNull())
    // Day of the period the survey opens (MM-DD within a year / offset) and how many days it stays open.
    .addColumn('opens_month_day', 'text', (c) => c.notNull())
    .addColumn('open_days', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('participation_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // DECISION_MATTERS code (组织法第24条 matters, or other)
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('discussed_on', 'text')
    .addColumn('discussion', 'text')
    // villagers | representatives
    .addColumn('meeting_kind', 'text')
    .addColumn('meeting_on', 'text')
    .addColumn('quorum_basis', 'text')
    .addColumn('entitled', 'integer')
    .addColumn('present', 'integer')
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('resolution', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('resolution_event_id', 'text')
    .addColumn('implementation', 'text')
    .addColumn('implemented_on', 'text')
    .addColumn('implementation_event_id', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participation_decisions_unit').on('participation_decisions').columns(['unit_code']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
