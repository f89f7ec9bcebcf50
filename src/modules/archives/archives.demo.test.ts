import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, seedDemo } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { unwrap } from '../../platform/result.ts';
import { uninspectedBoards } from './archives.boards.ts';
import { browseArchive } from './archives.filing.ts';
import { destructionsFor } from './archives.retention.ts';
import { movesFor } from './archives.custody.ts';

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
    expect(due.ok && due.value.items.map((i) => i.title).sort()).toEqual([
      '演示：1991年集体财务账簿（不同意销毁，继续保存）',
      '演示：1993年集体财务凭证（销毁清单待审批）',
      '演示：1994年集体财务账簿（保管期满待鉴定）',
    ]);
    // 销毁清单 in each state of the two-person decision; the approved one destroyed its item; the proposer is not the decider.
    const lists = unwrap(await destructionsFor(rt.ctx, archivist, { limit: 50, offset: 0 }));
    expect(lists.items.map((d) => [d.status, d.items.map((i) => i.title)]).sort()).toEqual([
      ['approved', ['演示：1992年集体财务凭证（已批准销毁）']],
      ['proposed', ['演示：1993年集体财务凭证（销毁清单待审批）']],
      ['rejected', ['演示：1991年集体财务账簿（不同意销毁，继续保存）']],
    ]);
    expect(lists.items.every((d) => d.serial.includes('演示') && d.proposedBy !== d.decidedBy)).toBe(true);
    expect(items.find((i) => i.title.includes('1992'))).toMatchObject({ status: 'destroyed' });
    // A 提级管理 move into 城厢街道's custody, its items held by the town.
    const moves = unwrap(await movesFor(rt.ctx, archivist, { limit: 50, offset: 0 }));
    expect(moves.items).toEqual([expect.objectContaining({ from: { code: '321323002-buhu', name: '卜湖社区' }, to: { code: '321323002', name: '城厢街道' } })]);
    expect(moves.items[0].serial).toContain('演示');
    expect(
      items
        .filter((i) => i.custody_unit_code === '321323002')
        .map((i) => i.id)
        .sort(),
    ).toEqual(moves.items[0].items.map((i) => i.id).sort());
    expect(await uninspectedBoards(rt.ctx, '/321323/', new Date().toISOString().slice(0, 10))).toHaveLength(1);
    await seedDemo(rt.ctx);
    expect((await rt.ctx.db.selectFrom('notice_boards').selectAll().execute()).length).toBe(2);
    expect(await rt.ctx.db.selectFrom('users').select('username').where('username', '=', 'buhu.archivist').executeTakeFirst()).toBeTruthy();
  });
});
