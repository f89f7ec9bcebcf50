import crypto from 'node:crypto';
import { auditPage, insertAuditEvent, lastAuditLink } from './audit.repository.ts';
import { lockForUpdate, type Dialect, type Executor, type Trx } from '../db/database.ts';
import type { AuditEventTable } from '../db/schema.ts';

/** Advisory-lock key that serializes audit appends on PostgreSQL (the chain must not fork). */
const AUDIT_LOCK_KEY = 74_610_001;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  userId: string | null;
  username: string | null;
}

export interface AuditEventInput {
  actor: AuditActor | null;
  /** The org unit the change belongs to (for scoping the log). */
  unitCode: string | null;
  /** Dotted verb, e.g. `user.create`, `calendar.year.update`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /**
   * Small summaries, never secrets or full personal data: each a JSON object of the command's own shape (the log
   * answers them as JSON objects, audit.schemas.ts), or null/absent.
   */
  before?: object | null;
  after?: object | null;
  requestId?: string | null;
  occurredAt: Date;
}

type HashedFields = Omit<AuditEventTable, 'hash'>;

/** The canonical serialization that is hashed: fixed field order, JSON of each value. */
function canonical(row: HashedFields): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.occurred_at,
    row.actor_user_id,
    row.actor_username,
    row.unit_code,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
    row.request_id,
    row.prev_hash,
  ]);
}

export function hashAuditRow(row: HashedFields): string {
  return crypto.createHash('sha256').update(canonical(row)).digest('hex');
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Appends one event inside the caller's transaction, so the change and its audit record commit or
 * roll back together. Returns the stored row (with its hash).
 */
export async function appendAuditEvent(trx: Trx, dialect: Dialect, input: AuditEventInput): Promise<AuditEventTable> {
  await lockForUpdate(trx, dialect, AUDIT_LOCK_KEY);
  const last = await lastAuditLink(trx);
  const base: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    id: crypto.randomUUID(),
    occurred_at: input.occurredAt.toISOString(),
    actor_user_id: input.actor?.userId ?? null,
    actor_username: input.actor?.username ?? null,
    unit_code: input.unitCode,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    before_json: toJson(input.before),
    after_json: toJson(input.after),
    request_id: input.requestId ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const row: AuditEventTable = { ...base, hash: hashAuditRow(base) };
  await insertAuditEvent(trx, row);
  return row;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  /** The first event whose stored hash or link does not match, if any. */
  firstBroken?: { seq: number; id: string; reason: 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' };
}

/** Walks the whole chain in pages; constant memory whatever the log size. */
export async function verifyAuditChain(db: Executor, pageSize = 2000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await auditPage(db, expectedSeq, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, count, firstBroken: { seq: row.seq, id: row.id, reason: 'sequence_gap' } };
      if (row.prev_hash !== prevHash) return { ok: false, count, firstBroken: { seq: row.seq, id: row.id, reason: 'link_mismatch' } };
      const { hash, ...fields } = row;
      if (hashAuditRow(fields) !== hash) return { ok: false, count, firstBroken: { seq: row.seq, id: row.id, reason: 'hash_mismatch' } };
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, count };
}

export { searchAuditEvents, latestAuditSeq, type AuditSearch } from './audit.repository.ts';

/** Audit actions that record who signed in, how someone is told or that a backup was made, not data a derived view reads. */
export const NON_DATA_ACTION_PREFIXES = [
  'auth.',
  'token.',
  'user.password.',
  'notification.preferences.',
  'notification.email.',
  'webhook.',
  'backup.',
] as const;
