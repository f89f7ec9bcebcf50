import { ControlledTransaction } from 'kysely';
import type { AppContext } from './context.ts';
import type { Database } from './db/schema.ts';
import type { Trx } from './db/database.ts';
import { appendAuditEvent, type AuditEventInput } from './audit/audit-log.ts';
import { FailureError, type Result } from './result.ts';
import type { Actor } from './auth/roles.ts';

/** What a command body gets: the open transaction and a way to audit inside it. */
export interface CommandScope {
  trx: Trx;
  now: Date;
  audit(event: Omit<AuditEventInput, 'occurredAt' | 'actor'> & { actor?: AuditEventInput['actor'] }): Promise<void>;
}

export interface CommandMeta {
  actor: Actor | null;
  requestId?: string | null;
}

/**
 * Runs one use case in one transaction. A returned failure rolls the transaction back (nothing
 * half-written survives); the audit event is written in the same transaction as the change.
 */
export async function runCommand<T>(ctx: AppContext, meta: CommandMeta, body: (scope: CommandScope) => Promise<Result<T>>): Promise<Result<T>> {
  const now = ctx.clock.now();
  const scopeOf = (trx: Trx): CommandScope => ({
    trx,
    now,
    audit: (event) =>
      appendAuditEvent(trx, ctx.dialect, {
        ...event,
        actor: event.actor ?? (meta.actor ? { userId: meta.actor.userId, username: meta.actor.username } : null),
        requestId: event.requestId ?? meta.requestId ?? null,
        occurredAt: now,
      }).then(() => undefined),
  });
  // Inside inBatch: the command is a savepoint of the batch's transaction (a failure undoes only this command).
  if (ctx.db instanceof ControlledTransaction) return nestedCommand(ctx.db as ControlledTransaction<Database>, scopeOf, body);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const result = await body(scopeOf(trx));
      if (!result.ok) throw new FailureError(result);
      return result;
    });
  } catch (e) {
    if (e instanceof FailureError) return e.failure;
    throw e;
  }
}

let savepoints = 0;

async function nestedCommand<T>(
  outer: ControlledTransaction<Database>,
  scopeOf: (trx: Trx) => CommandScope,
  body: (scope: CommandScope) => Promise<Result<T>>,
): Promise<Result<T>> {
  const name = `cmd_${++savepoints}`;
  const sp = await outer.savepoint(name).execute();
  let result: Result<T>;
  try {
    result = await body(scopeOf(sp));
  } catch (e) {
    await sp.rollbackToSavepoint(name).execute();
    throw e;
  }
  if (!result.ok) await sp.rollbackToSavepoint(name).execute();
  else await sp.releaseSavepoint(name).execute();
  return result;
}

/**
 * Runs several commands as one transaction (demo seeding, imports): each command inside is a savepoint, and
 * everything commits together at the end or — when `fn` throws — nothing is kept. `fn` gets a context whose
 * `db` is the open transaction; it must use that context only (the outer one would wait for the transaction).
 */
export async function inBatch<T>(ctx: AppContext, fn: (batch: AppContext) => Promise<T>): Promise<T> {
  const trx = await ctx.db.startTransaction().execute();
  try {
    const out = await fn({ ...ctx, db: trx });
    await trx.commit().execute();
    return out;
  } catch (e) {
    await trx.rollback().execute();
    throw e;
  }
}
