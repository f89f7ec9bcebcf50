import type { AppContext } from './context.ts';
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
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const scope: CommandScope = {
        trx,
        now,
        audit: (event) =>
          appendAuditEvent(trx, ctx.dialect, {
            ...event,
            actor: event.actor ?? (meta.actor ? { userId: meta.actor.userId, username: meta.actor.username } : null),
            requestId: event.requestId ?? meta.requestId ?? null,
            occurredAt: now,
          }).then(() => undefined),
      };
      const result = await body(scope);
      if (!result.ok) throw new FailureError(result);
      return result;
    });
  } catch (e) {
    if (e instanceof FailureError) return e.failure;
    throw e;
  }
}
