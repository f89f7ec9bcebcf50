/**
 * The statements on `audit_events`: the chain's last link and appends (audit-log.ts computes the hashes), pages of
 * the chain for verification, the staff search, the change counter and the events of one entity.
 */
import { likeText, type Executor } from '../db/database.ts';
import type { AuditEventTable } from '../db/schema.ts';

/** Sequence number and hash of the newest event (the link the next event chains to). */
export async function lastAuditLink(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditEvent(db: Executor, row: AuditEventTable): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Up to `pageSize` events from sequence number `fromSeq` on, in chain order. */
export async function auditPage(db: Executor, fromSeq: number, pageSize: number): Promise<AuditEventTable[]> {
  return db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(pageSize).execute();
}

/** One event of an entity with this action at or after `since`, if any. */
export async function findEventSince(db: Executor, entityType: string, entityId: string, action: string, since: string): Promise<{ seq: number } | undefined> {
  return db
    .selectFrom('audit_events')
    .select('seq')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .where('occurred_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
}

/** Events of one entity with one of `actions`, in chain order (e.g. the events that recorded a content hash). */
export async function entityEvents(
  db: Executor,
  entityType: string,
  entityId: string,
  actions: string[],
): Promise<Pick<AuditEventTable, 'seq' | 'action' | 'occurred_at' | 'after_json'>[]> {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'action', 'occurred_at', 'after_json'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('action', 'in', actions)
    .orderBy('seq')
    .execute();
}

export interface AuditSearch {
  q?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Restrict to events of these unit subtrees (path prefixes); undefined = all. */
  unitCodes?: string[];
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchAuditEvents(db: Executor, s: AuditSearch): Promise<{ total: number; items: AuditEventTable[] }> {
  let query = db.selectFrom('audit_events');
  if (s.action) query = query.where('action', 'like', `${s.action}%`);
  if (s.entityType) query = query.where('entity_type', '=', s.entityType);
  if (s.entityId) query = query.where('entity_id', '=', s.entityId);
  if (s.unitCodes) query = query.where('unit_code', 'in', s.unitCodes.length ? s.unitCodes : ['\u0000']);
  if (s.from) query = query.where('occurred_at', '>=', s.from);
  if (s.to) query = query.where('occurred_at', '<=', `${s.to}\uffff`);
  if (s.q) {
    const text = s.q;
    query = query.where((eb) => eb.or([likeText('actor_username', text), likeText('action', text), likeText('entity_id', text)]));
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query.selectAll().orderBy('seq', 'desc').limit(s.limit).offset(s.offset).execute();
  return { total: Number(total.n), items };
}

/**
 * The newest audit sequence number (0 when the log is empty), optionally ignoring actions by prefix.
 * Every state change is audited, so this is a database-wide change counter: caches of derived views
 * key on it (compliance freshness, open assessment periods) and stay right across processes. The
 * query walks the primary key from the end and stops at the first event that counts.
 */
export async function latestAuditSeq(db: Executor, ignorePrefixes: readonly string[] = []): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select('seq')
    .$if(ignorePrefixes.length > 0, (q) => q.where((eb) => eb.and(ignorePrefixes.map((p) => eb('action', 'not like', `${p}%`)))))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
