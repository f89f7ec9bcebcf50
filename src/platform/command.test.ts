/** Commands inside a batch (inBatch): each command is a savepoint; a failed command undoes only itself, a throw undoes all. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../test/helpers/test-app.ts';
import type { Runtime } from '../runtime.ts';
import { inBatch, runCommand } from './command.ts';
import { readSetting, writeSetting } from './db/settings.ts';
import { fail, ok } from './result.ts';
import type { AppContext } from './context.ts';

let rt: Runtime;
beforeAll(async () => {
  rt = await openTestRuntime();
});
afterAll(async () => rt?.close());

const put = (ctx: AppContext, key: string, value: string, failAfter = false) =>
  runCommand(ctx, { actor: null }, async ({ trx, now, audit }) => {
    await writeSetting(trx, key, JSON.stringify(value), now.toISOString());
    await audit({ unitCode: null, action: 'test.batch', entityType: 'app_settings', entityId: key });
    return failAfter ? fail(409, 'NOPE', '不行') : ok(value);
  });

describe('inBatch', () => {
  it('commits every successful command together; a failed command inside leaves no trace of itself', async () => {
    const r = await inBatch(rt.ctx, async (b) => [await put(b, 'batch.a', 'a'), await put(b, 'batch.b', 'b', true), await put(b, 'batch.c', 'c')]);
    expect(r.map((x) => x.ok)).toEqual([true, false, true]);
    expect(await readSetting(rt.ctx.db, 'batch.a')).toBeDefined();
    expect(await readSetting(rt.ctx.db, 'batch.b')).toBeUndefined();
    expect(await readSetting(rt.ctx.db, 'batch.c')).toBeDefined();
    const audits = await rt.ctx.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'test.batch').execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual(['batch.a', 'batch.c']);
  });

  it('keeps nothing when the batch throws', async () => {
    await expect(
      inBatch(rt.ctx, async (b) => {
        await put(b, 'batch.x', 'x');
        throw new Error('row 3 is wrong');
      }),
    ).rejects.toThrow('row 3 is wrong');
    expect(await readSetting(rt.ctx.db, 'batch.x')).toBeUndefined();
    // The database is usable afterwards (the transaction was closed).
    expect((await put(rt.ctx, 'batch.y', 'y')).ok).toBe(true);
  });
});
