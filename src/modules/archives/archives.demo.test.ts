import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, seedDemo } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { uninspectedBoards } from './archives.boards.ts';

describe('archives demo rows', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime();
    await seedDemo(rt.ctx);
  }, 120_000);
  afterAll(() => rt?.close());

  it('seeds boards, records, a visit and the ledger, every row labelled 演示, once', async () => {
    const boards = await rt.ctx.db.selectFrom('notice_boards').selectAll().execute();
    expect(boards.length).toBe(2);
    expect(boards.every((b) => b.is_demo === 1 && b.name.startsWith('演示'))).toBe(true);
    const items = await rt.ctx.db.selectFrom('archive_items').selectAll().execute();
    expect(items.map((i) => i.title).every((t) => t.startsWith('演示'))).toBe(true);
    expect(items.some((i) => i.legal_hold === 1)).toBe(true);
    expect(await uninspectedBoards(rt.ctx, '/321323/', new Date().toISOString().slice(0, 10))).toHaveLength(1);
    await seedDemo(rt.ctx);
    expect((await rt.ctx.db.selectFrom('notice_boards').selectAll().execute()).length).toBe(2);
    expect(await rt.ctx.db.selectFrom('users').select('username').where('username', '=', 'buhu.archivist').executeTakeFirst()).toBeTruthy();
  });
});
