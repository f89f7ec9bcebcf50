import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { appendAuditEvent, verifyAuditChain, GENESIS_HASH } from './audit-log.ts';

describe('hash-chained audit log', () => {
  let rt: Runtime;
  beforeEach(async () => {
    rt = await openTestRuntime();
    // Start from an empty log (baseline seeding writes its own events).
    await rt.ctx.db.deleteFrom('audit_events').execute();
    for (let i = 1; i <= 5; i++) {
      await rt.ctx.db.transaction().execute((trx) =>
        appendAuditEvent(trx, rt.ctx.dialect, {
          actor: { userId: null, username: `tester${i}` },
          unitCode: '321323',
          action: 'test.event',
          entityType: 'thing',
          entityId: `t${i}`,
          before: { n: i - 1 },
          after: { n: i },
          occurredAt: new Date(Date.UTC(2026, 0, i)),
        }),
      );
    }
  });
  afterEach(() => rt.close());

  it('links every event to the previous hash and verifies', async () => {
    const rows = await rt.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await verifyAuditChain(rt.ctx.db)).toEqual({ ok: true, count: 5 });
  });

  it('names the first altered row when a stored value is changed', async () => {
    await rt.ctx.db.updateTable('audit_events').set({ after_json: '{"n":99}' }).where('seq', '=', 3).execute();
    const result = await verifyAuditChain(rt.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
    expect(result.count).toBe(2);
  });

  it('detects a recomputed hash through the broken link to the next row', async () => {
    const { hashAuditRow } = await import('./audit-log.ts');
    const row = await rt.ctx.db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const { hash: _old, ...fields } = row;
    const forged = { ...fields, actor_username: 'someone-else' };
    await rt.ctx.db
      .updateTable('audit_events')
      .set({ actor_username: 'someone-else', hash: hashAuditRow(forged) })
      .where('seq', '=', 2)
      .execute();
    const result = await verifyAuditChain(rt.ctx.db);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: 'link_mismatch' });
  });

  it('detects a deleted row as a gap in the sequence', async () => {
    await rt.ctx.db.deleteFrom('audit_events').where('seq', '=', 4).execute();
    const result = await verifyAuditChain(rt.ctx.db);
    expect(result.firstBroken).toMatchObject({ seq: 5, reason: 'sequence_gap' });
  });

  it('verifies across page boundaries', async () => {
    expect(await verifyAuditChain(rt.ctx.db, 2)).toEqual({ ok: true, count: 5 });
  });
});
