import { sql, type Kysely } from 'kysely';

// Two-person sign-off (issue 13 §2): who touched each revision of a piece of work under review, and
// corrections of published disclosures as proposals that a second person approves. text/integer only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per (entity, revision, user, kind): author | editor | submitter; first and latest action, count.
  // disclosure: revision = the public version the work becomes (1 = first publication, n + 1 = correction of n);
  // annual_report, info_request (the decision), rectification_order (the unit's response): revision 1.
  await db.schema
    .createTable('revision_contributions')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_action', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_action', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('times', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('revision_contributions_pk', ['entity_type', 'entity_id', 'revision', 'user_id', 'kind'])
    .execute();
  await db.schema.createIndex('revision_contributions_user').on('revision_contributions').columns(['user_id', 'entity_type']).execute();

  // 更正 proposals: the new title / 文号 / body and the public reason, waiting for a reviewer-level second
  // person (pending), then approved (the new version is written) or returned (rejected, with a comment).
  await db.schema
    .createTable('disclosure_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .execute();
  await db.schema.createIndex('disclosure_corrections_disclosure').on('disclosure_corrections').columns(['disclosure_id', 'proposed_at']).execute();
  // At most one open proposal per record.
  await db.schema
    .createIndex('disclosure_corrections_one_pending')
    .on('disclosure_corrections')
    .column('disclosure_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();

  await backfill(db);
}

/**
 * Existing work, from what was recorded before: authors (disclosures.created_by), submitters (submit steps),
 * editors (the audit events of draft edits: all of them happen before the first publication, revision 1),
 * correctors (versions ≥ 2: created_by), the annual reports' creators and editors (also carried to their
 * disclosure drafts), the proposers of 依申请公开 decisions and the responders to 整改 orders.
 */
export async function backfill(udb: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = udb as Kysely<any>;
  const insertSelect = (select: ReturnType<typeof sql>) =>
    sql`insert into revision_contributions (entity_type, entity_id, revision, user_id, kind, first_action, first_at, last_action, last_at, times) ${select}`.execute(
      db,
    );

  await insertSelect(
    sql`select 'disclosure', id, 1, created_by, 'author', 'disclosure.create', created_at, 'disclosure.create', created_at, 1 from disclosures where created_by is not null`,
  );
  await insertSelect(
    sql`select 'disclosure', disclosure_id, 1, actor_user_id, 'submitter', 'disclosure.submit', min(at), 'disclosure.submit', max(at), count(*) from disclosure_steps where action = 'submit' and actor_user_id is not null group by disclosure_id, actor_user_id`,
  );
  await insertSelect(
    sql`select 'disclosure', disclosure_id, version_no, created_by, 'author', 'disclosure.correct', min(created_at), 'disclosure.correct', max(created_at), count(*) from disclosure_versions where version_no >= 2 and created_by is not null group by disclosure_id, version_no, created_by`,
  );
  await insertSelect(
    sql`select 'info_request', request_id, 1, actor_user_id, 'author', 'info-request.propose-decision', min(at), 'info-request.propose-decision', max(at), count(*) from info_request_steps where action = 'propose-decision' and actor_user_id is not null group by request_id, actor_user_id`,
  );
  await insertSelect(
    sql`select 'info_request', request_id, 1, actor_user_id, 'submitter', 'info-request.propose-decision', min(at), 'info-request.propose-decision', max(at), count(*) from info_request_steps where action = 'propose-decision' and actor_user_id is not null group by request_id, actor_user_id`,
  );
  await insertSelect(
    sql`select 'rectification_order', s.order_id, 1, u.id, 'author', 'rectification.respond', min(s.at), 'rectification.respond', max(s.at), count(*) from rectification_steps s join users u on u.username = s.actor where s.action = 'respond' group by s.order_id, u.id`,
  );
  await insertSelect(
    sql`select 'annual_report', id, 1, created_by, 'author', 'annual-report.update', created_at, 'annual-report.update', created_at, 1 from annual_reports where created_by is not null`,
  );

  // Edits recorded in the audit log (aggregated here: the audit rows are many, one per save).
  const EDITS = [
    'disclosure.update',
    'disclosure.attachment.add',
    'disclosure.attachment.delete',
    'disclosure.table.finance',
    'disclosure.table.recipients',
    'disclosure.table.finance.remove',
    'disclosure.table.recipients.remove',
    'annual-report.update',
  ];
  const events = (await db
    .selectFrom('audit_events')
    .select(['entity_type', 'entity_id', 'actor_user_id', 'action', 'occurred_at'])
    .where('action', 'in', EDITS)
    .where('actor_user_id', 'is not', null)
    .where('entity_id', 'is not', null)
    .orderBy('seq')
    .execute()) as { entity_type: string; entity_id: string; actor_user_id: string; action: string; occurred_at: string }[];
  type Row = {
    entity_type: string;
    entity_id: string;
    revision: number;
    user_id: string;
    kind: string;
    first_action: string;
    first_at: string;
    last_action: string;
    last_at: string;
    times: number;
  };
  const rows = new Map<string, Row>();
  const add = (entityType: string, entityId: string, userId: string, action: string, at: string) => {
    const key = `${entityType}|${entityId}|${userId}`;
    const cur = rows.get(key);
    if (cur) Object.assign(cur, { last_action: action, last_at: at, times: cur.times + 1 });
    else
      rows.set(key, {
        entity_type: entityType,
        entity_id: entityId,
        revision: 1,
        user_id: userId,
        kind: 'editor',
        first_action: action,
        first_at: at,
        last_action: action,
        last_at: at,
        times: 1,
      });
  };
  for (const e of events) add(e.entity_type === 'annual_report' ? 'annual_report' : 'disclosure', e.entity_id, e.actor_user_id, e.action, e.occurred_at);

  // An annual report's people are contributors of the disclosure draft it was handed to.
  const reports = (await db
    .selectFrom('annual_reports')
    .select(['id', 'disclosure_id', 'created_by', 'created_at'])
    .where('disclosure_id', 'is not', null)
    .execute()) as { id: string; disclosure_id: string; created_by: string | null; created_at: string }[];
  const byReport = new Map(reports.map((r) => [r.id, r]));
  for (const r of reports) if (r.created_by) add('disclosure', r.disclosure_id, r.created_by, 'annual-report.update', r.created_at);
  for (const e of events) {
    const r = e.entity_type === 'annual_report' ? byReport.get(e.entity_id) : undefined;
    if (r) add('disclosure', r.disclosure_id, e.actor_user_id, e.action, e.occurred_at);
  }
  const list = [...rows.values()];
  for (let i = 0; i < list.length; i += 200) {
    await db
      .insertInto('revision_contributions')
      .values(list.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'revision', 'user_id', 'kind']).doNothing())
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
