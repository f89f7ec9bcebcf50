/** Every query on the notification tables (and the few org reads the service needs). */
import type { ExpressionBuilder } from 'kysely';
import type { NotificationEmailTable, NotificationTable } from './notifications.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { StaffGrant, UnitInfo } from './notifications.rules.ts';

export async function loadUnitInfos(db: Executor): Promise<Map<string, UnitInfo>> {
  const rows = await db.selectFrom('org_units').select(['code', 'name', 'parent_code', 'path']).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, parentCode: r.parent_code, path: r.path }]));
}

/** The county: the root unit of the tree (the county office acts for it). */
export async function countyRootCode(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('org_units').select('code').where('parent_code', 'is', null).where('kind', '=', 'county').orderBy('code').executeTakeFirst();
  return row?.code ?? null;
}

export async function countyRootPath(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('org_units').select('path').where('parent_code', 'is', null).where('kind', '=', 'county').orderBy('code').executeTakeFirst();
  return row?.path ?? null;
}

/** Role grants of enabled accounts. */
export async function loadStaff(db: Executor): Promise<StaffGrant[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.unit_code', 'r.role'])
    .where('u.disabled', '=', 0)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, unitCode: r.unit_code, role: r.role }));
}

export interface Recipient {
  id: string;
  displayName: string;
  email: string | null;
  emailDigest: boolean;
}

export async function loadRecipients(db: Executor, userIds: string[]): Promise<Map<string, Recipient>> {
  const out = new Map<string, Recipient>();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('users as u')
      .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.email', 'p.email_digest'])
      .where('u.id', 'in', chunk)
      .execute();
    for (const r of rows)
      out.set(r.id, { id: r.id, displayName: r.display_name, email: r.email, emailDigest: r.email_digest === null || r.email_digest === 1 });
  }
  return out;
}

export type NotificationInsert = Omit<NotificationTable, 'read_at'>;

/** Inserts the rows that do not exist yet (user, key, state); returns how many were new. */
export async function insertNotifications(db: Executor, rows: NotificationInsert[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 200).map((x) => ({ ...x, read_at: null })))
      .onConflict((oc) => oc.columns(['user_id', 'item_key', 'state']).doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** (user, key, state) triples created on a given day: the "new" entries of that day's digest. */
export async function notificationsCreatedOn(db: Executor, day: string): Promise<Set<string>> {
  const rows = await db.selectFrom('notifications').select(['user_id', 'item_key', 'state']).where('created_on', '=', day).execute();
  return new Set(rows.map((r) => `${r.user_id}\u0000${r.item_key}\u0000${r.state}`));
}

export interface EscalationRow {
  item_key: string;
  level: number;
  unit_code: string;
  escalated_to: string;
  overdue_working_days: number;
  escalated_on: string;
  created_at: string;
}

/**
 * Records the escalation steps not recorded yet and returns them. The caller holds the daily-run
 * lock (lockForUpdate), so the read and the insert cannot interleave with another run.
 */
export async function insertNewEscalations(db: Executor, rows: EscalationRow[]): Promise<EscalationRow[]> {
  const existing = new Set<string>();
  const keys = [...new Set(rows.map((r) => r.item_key))];
  for (let i = 0; i < keys.length; i += 500) {
    const found = await db
      .selectFrom('reminder_escalations')
      .select(['item_key', 'level'])
      .where('item_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const f of found) existing.add(`${f.item_key}|${f.level}`);
  }
  const fresh = rows.filter((r) => !existing.has(`${r.item_key}|${r.level}`));
  for (let i = 0; i < fresh.length; i += 200) {
    await db
      .insertInto('reminder_escalations')
      .values(fresh.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['item_key', 'level']).doNothing())
      .execute();
  }
  return fresh;
}

export async function insertDigest(
  db: Executor,
  row: {
    id: string;
    user_id: string;
    digest_date: string;
    to_address: string;
    subject: string;
    body_text: string;
    body_html: string;
    item_count: number;
    created_at: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('notification_emails')
    .values({
      ...row,
      status: 'pending',
      attempts: 0,
      next_attempt_at: row.created_at,
      lease_until: null,
      last_attempt_at: null,
      last_error: null,
      message_id: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'digest_date']).doNothing())
    .executeTakeFirst();
  const inserted = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  // An older digest still waiting for a retry is replaced by today's, which lists everything still open.
  if (inserted) {
    await db
      .updateTable('notification_emails')
      .set({ status: 'superseded', lease_until: null })
      .where('user_id', '=', row.user_id)
      .where('digest_date', '<', row.digest_date)
      .where('status', 'in', ['pending', 'failed'])
      .execute();
  }
  return inserted;
}

export async function listUserNotifications(db: Executor, userId: string, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  let q = db.selectFrom('notifications as n').leftJoin('org_units as u', 'u.code', 'n.unit_code').where('n.user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('n.read_at', 'is', null);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('n')
    .select('u.name as unit_name')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.due_date')
    .orderBy('n.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { total: Number(total.n), items };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Executor, userId: string, id: string, at: string): Promise<{ found: boolean; readAt: string | null }> {
  const row = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return { found: false, readAt: null };
  if (row.read_at) return { found: true, readAt: row.read_at };
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).execute();
  return { found: true, readAt: at };
}

export async function markAllRead(db: Executor, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function readPreferences(db: Executor, userId: string): Promise<{ email: string | null; emailDigest: boolean }> {
  const u = await db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
    .select(['u.email', 'p.email_digest'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { email: u.email, emailDigest: u.email_digest === null || u.email_digest === 1 };
}

/**
 * The user's own address lives on `users.email` (the org module's column; no other self-service
 * route edits it), the digest switch in notification_preferences.
 */
export async function writePreferences(db: Executor, userId: string, p: { email: string | null; emailDigest: boolean }, at: string): Promise<void> {
  await db.updateTable('users').set({ email: p.email, updated_at: at }).where('id', '=', userId).execute();
  const exists = await db.selectFrom('notification_preferences').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (exists)
    await db
      .updateTable('notification_preferences')
      .set({ email_digest: p.emailDigest ? 1 : 0, updated_at: at })
      .where('user_id', '=', userId)
      .execute();
  else
    await db
      .insertInto('notification_preferences')
      .values({ user_id: userId, email_digest: p.emailDigest ? 1 : 0, updated_at: at })
      .execute();
}

export async function listEmails(db: Executor, opts: { status?: string; limit: number; offset: number }) {
  let q = db.selectFrom('notification_emails as e').innerJoin('users as u', 'u.id', 'e.user_id');
  if (opts.status) q = q.where('e.status', '=', opts.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'e.id',
      'e.digest_date',
      'e.to_address',
      'e.subject',
      'e.item_count',
      'e.status',
      'e.attempts',
      'e.next_attempt_at',
      'e.last_attempt_at',
      'e.last_error',
      'e.sent_at',
      'e.created_at',
      'u.username',
    ])
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { total: Number(total.n), items };
}

export async function emailStats(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notification_emails')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

// ── Digest e-mails being sent (notifications.mailer.ts): claimed by a conditional UPDATE with a lease ──

type EmailUpdate = Partial<Pick<NotificationEmailTable, 'status' | 'lease_until' | 'sent_at' | 'message_id' | 'last_error' | 'next_attempt_at'>>;

/** Digests due now: pending/failed whose next attempt has come, or sending with an expired lease. */
function dueNow(nowIso: string) {
  return (eb: ExpressionBuilder<Database, 'notification_emails'>) =>
    eb.or([
      eb.and([eb('status', 'in', ['pending', 'failed']), eb('next_attempt_at', '<=', nowIso)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', nowIso)]),
    ]);
}

export async function dueEmailIds(db: Executor, nowIso: string, limit: number): Promise<{ id: string }[]> {
  return db.selectFrom('notification_emails').select('id').where(dueNow(nowIso)).orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
}

/** Takes the digest for this process (status sending, `lease`, one more attempt); false when another caller has it. */
export async function claimEmail(db: Executor, id: string, nowIso: string, lease: string): Promise<boolean> {
  const r = await db
    .updateTable('notification_emails')
    .set((eb) => ({ status: 'sending', lease_until: lease, attempts: eb('attempts', '+', 1), last_attempt_at: nowIso }))
    .where('id', '=', id)
    .where(dueNow(nowIso))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findEmail(db: Executor, id: string) {
  return db.selectFrom('notification_emails').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the outcome only while the claim (`lease`) is still ours; false when it is not. */
export async function setClaimedEmail(db: Executor, id: string, lease: string, set: EmailUpdate): Promise<boolean> {
  const r = await db
    .updateTable('notification_emails')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', lease)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A manual retry: due again at `nowIso`, attempts kept. */
export async function requeueEmailRow(db: Executor, id: string, nowIso: string): Promise<void> {
  await db.updateTable('notification_emails').set({ status: 'pending', next_attempt_at: nowIso, lease_until: null }).where('id', '=', id).execute();
}
