import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, seedDemo } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { uninspectedBoards } from './archives.boards.ts';
import { browseArchive } from './archives.filing.ts';

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
    // One demo item is past its period (鉴定): the archive's 待鉴定 filter lists it.
    const path = (await rt.ctx.db.selectFrom('org_units').select('path').where('code', '=', '321323002-buhu').executeTakeFirstOrThrow()).path;
    const archivist: Actor = {
      userId: 'demo-check',
      username: 'demo-check',
      displayName: '核对',
      via: 'session',
      grants: [{ role: 'archivist', unitCode: '321323002-buhu', unitPath: path }],
    };
    const due = await browseArchive(rt.ctx, archivist, { dueForAppraisal: true });
    expect(due.ok && due.value.items.map((i) => i.title)).toEqual(['演示：1994年集体财务账簿（保管期满待鉴定）']);
    expect(await uninspectedBoards(rt.ctx, '/321323/', new Date().toISOString().slice(0, 10))).toHaveLength(1);
    await seedDemo(rt.ctx);
    expect((await rt.ctx.db.selectFrom('notice_boards').selectAll().execute()).length).toBe(2);
    expect(await rt.ctx.db.selectFrom('users').select('username').where('username', '=', 'buhu.archivist').executeTakeFirst()).toBeTruthy();
  });
});
