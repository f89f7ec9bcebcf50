/**
 * Every archives list is paged on the server: a page never holds more than its `limit`, `total` counts the whole
 * filter, consecutive pages cover the list once in a stable order, bad paging is a 400 naming the parameter, and
 * the scope stays the query's (a village's staff never count another village's rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import type { Session } from '../../../test/helpers/test-app.ts';
import {
  advanceTo,
  api,
  keepContractsTenYears,
  openArchiveFixture,
  OTHER_VILLAGE,
  publishFinance,
  TOWN,
  VILLAGE,
  type ArchiveFixture,
} from './archives.fixture.ts';

const base = (code: string) => ({
  boards: '/api/v1/archives/boards',
  queue: '/api/v1/archives/queue',
  items: '/api/v1/archives/items',
  destructions: '/api/v1/archives/destructions',
  moves: '/api/v1/archives/custody-moves',
  visits: `/api/v1/archives/units/${code}/visits?month=2026-03`,
  ledger: `/api/v1/archives/units/${code}/room-ledger`,
  volumes: `/api/v1/archives/units/${code}/volumes`,
  uninspected: '/api/v1/compliance/board-inspections',
});
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

describe('archives lists paged on the server', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let queued: string[];
  const get = async (who: Session, url: string) => {
    const r = await call(who, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; items: { id?: string; disclosureId?: string; serial?: string }[] };
  };
  /** Reads every page of `url` at `size` and checks each page's bound; returns the rows' keys in order. */
  const allPages = async (who: Session, url: string, size: number, key: (r: Record<string, unknown>) => string) => {
    const first = await get(who, withQuery(url, `limit=${size}&offset=0`));
    const keys: string[] = [];
    for (let offset = 0; offset < first.total; offset += size) {
      const page = await get(who, withQuery(url, `limit=${size}&offset=${offset}`));
      expect(page.total).toBe(first.total);
      expect(page.items.length).toBe(Math.min(size, first.total - offset));
      keys.push(...page.items.map((r) => key(r as Record<string, unknown>)));
    }
    expect(new Set(keys).size).toBe(first.total);
    expect((await get(who, withQuery(url, `limit=${size}&offset=${first.total}`))).items).toEqual([]);
    return keys;
  };
  /** A minute later: rows made one after another get distinct times (the newest-first order is then known). */
  const tick = () => f.clock.set(new Date(f.clock.now().getTime() + 60_000).toISOString());
  const record = (who: Session, unitCode: string, n: number) =>
    call(who, 'POST', '/api/v1/archives/items/records', {
      unitCode,
      classCode: '04',
      year: 2010,
      title: `2010年承包合同第${n}份`,
      recordType: '合同',
      formedOn: '2010-03-01',
      paperLocation: '档案柜1号',
    });

  beforeAll(async () => {
    f = await openArchiveFixture('2026-01-05T02:00:00.000Z');
    call = api(f);
    queued = [];
    for (const n of [1, 2, 3]) queued.push(await publishFinance(f, `2025年财务收支情况（第${n}份）`));
    await advanceTo(f, '2026-03-10');
    await keepContractsTenYears(f);
  }, 120_000);
  afterAll(() => f?.t.close());

  it('bad paging parameters are a 400 naming the parameter, on every list', async () => {
    for (const url of Object.values(base(VILLAGE))) {
      for (const [q, field] of [
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['limit=abc', 'limit'],
        ['offset=-1', 'offset'],
      ]) {
        const r = await call(f.a.archivist, 'GET', withQuery(url, q));
        expect(r.statusCode, `${url} ${q}`).toBe(400);
        const e = errorOf(r);
        expect(e.code).toBe('VALIDATION_FAILED');
        expect(e.message, `${url} ${q}`).toContain(field);
      }
    }
    expect(errorOf(await call(f.a.archivist, 'GET', '/api/v1/archives/destructions?status=lost')).code).toBe('VALIDATION_FAILED');
  });

  it('the filing queue: pages of the unfiled records with their total; filing one drops it from the total', async () => {
    const keys = await allPages(f.a.archivist, '/api/v1/archives/queue', 2, (r) => r.disclosureId as string);
    expect([...keys].sort()).toEqual([...queued].sort());
    const file = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: queued[0] });
    expect(file.statusCode, file.body).toBe(200);
    const after = await get(f.a.archivist, `/api/v1/archives/queue?unitCode=${VILLAGE}&limit=1`);
    expect(after.total).toBe(2);
    expect(after.items).toHaveLength(1);
    expect(after.items[0].disclosureId).not.toBe(queued[0]);
    // Another village's archivist: none of these, and this village is out of scope.
    expect((await get(f.a.otherArchivist, '/api/v1/archives/queue')).total).toBe(0);
    expect((await call(f.a.otherArchivist, 'GET', `/api/v1/archives/queue?unitCode=${VILLAGE}`)).statusCode).toBe(404);
  });

  it('notice boards: pages in unit and name order; a village clerk counts only its village', async () => {
    for (const n of [5, 3, 1, 4, 2]) {
      const r = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, { name: `${n}号公开栏`, place: `${n}组`, personInCharge: '李四' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const other = await call(f.s.otherClerk, 'POST', `/api/v1/archives/units/${OTHER_VILLAGE}/boards`, {
      name: '外村公开栏',
      place: '村口',
      personInCharge: '王五',
    });
    expect(other.statusCode, other.body).toBe(200);
    const names = await allPages(f.s.clerk, '/api/v1/archives/boards', 2, (r) => r.name as string);
    expect(names).toEqual(['1号公开栏', '2号公开栏', '3号公开栏', '4号公开栏', '5号公开栏']);
    expect((await get(f.s.otherClerk, '/api/v1/archives/boards')).items.map((b) => (b as { name?: string }).name)).toEqual(['外村公开栏']);
    expect((await get(f.s.countyAdmin, '/api/v1/archives/boards?limit=1')).total).toBe(6);
    expect((await call(f.s.otherClerk, 'GET', `/api/v1/archives/boards?unitCode=${VILLAGE}`)).statusCode).toBe(404);
  });

  it('销毁清单: pages newest first, filtered by status in the query, another village not counted', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const item = await record(f.a.archivist, VILLAGE, n);
      expect(item.statusCode, item.body).toBe(200);
      const d = await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', { unitCode: VILLAGE, itemIds: [item.json().id], reason: `期满第${n}批` });
      expect(d.statusCode, d.body).toBe(200);
      ids.push(d.json().id);
      tick();
    }
    const otherItem = await record(f.a.otherArchivist, OTHER_VILLAGE, 9);
    expect(otherItem.statusCode, otherItem.body).toBe(200);
    const od = await call(f.a.otherArchivist, 'POST', '/api/v1/archives/destructions', {
      unitCode: OTHER_VILLAGE,
      itemIds: [otherItem.json().id],
      reason: '期满',
    });
    expect(od.statusCode, od.body).toBe(200);
    const decided = await call(f.a.archivist2, 'POST', `/api/v1/archives/destructions/${ids[0]}/decide`, { decision: 'reject', comment: '继续保存' });
    expect(decided.statusCode, decided.body).toBe(200);

    expect(await allPages(f.a.archivist, '/api/v1/archives/destructions', 2, (r) => r.id as string)).toEqual([...ids].reverse());
    const waiting = await get(f.a.archivist, '/api/v1/archives/destructions?status=proposed&limit=3');
    expect(waiting.total).toBe(4);
    expect(waiting.items.map((d) => d.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect((await get(f.a.archivist, `/api/v1/archives/destructions?status=rejected&unitCode=${VILLAGE}`)).items.map((d) => d.id)).toEqual([ids[0]]);
    expect((await get(f.a.townArchivist, '/api/v1/archives/destructions?limit=1')).total).toBe(5);
    expect((await get(f.a.otherArchivist, '/api/v1/archives/destructions')).total).toBe(1);
    expect((await call(f.a.archivist, 'GET', `/api/v1/archives/destructions?unitCode=${OTHER_VILLAGE}`)).statusCode).toBe(404);
  });

  it('custody moves: pages newest first with their items; another village sees none', async () => {
    const items = [];
    for (const n of [11, 12, 13]) items.push((await record(f.a.archivist, VILLAGE, n)).json().id as string);
    const serials: string[] = [];
    for (const id of items) {
      const m = await call(f.a.townArchivist, 'POST', '/api/v1/archives/custody-moves', {
        unitCode: VILLAGE,
        toUnitCode: TOWN,
        itemIds: [id],
        movedOn: '2026-03-09',
        handedBy: '卜湖档案员甲',
        receivedBy: '城厢街道档案员乙',
        reason: '提级管理',
      });
      expect(m.statusCode, m.body).toBe(200);
      serials.push(m.json().serial);
      tick();
    }
    expect(await allPages(f.a.archivist, '/api/v1/archives/custody-moves', 2, (r) => r.serial as string)).toEqual([...serials].reverse());
    const first = await get(f.a.archivist, '/api/v1/archives/custody-moves?limit=1');
    expect((first.items[0] as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([items[2]]);
    expect((await get(f.a.otherArchivist, '/api/v1/archives/custody-moves')).total).toBe(0);
  });

  it('the reading register pages a month in the order visited; the room ledger pages entries newest first with the overdue count', async () => {
    const serials: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const v = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, {
        visitedOn: `2026-03-0${n}`,
        visitorName: '张桂英',
        purpose: '查阅承包合同',
        itemIds: [],
        otherMaterial: '村务公开栏照片',
        staffOnDuty: '李四',
      });
      expect(v.statusCode, v.body).toBe(200);
      serials.push(v.json().serial);
    }
    expect(await allPages(f.s.supervisor, base(VILLAGE).visits, 2, (r) => r.serial as string)).toEqual(serials);
    expect((await get(f.s.supervisor, `/api/v1/archives/units/${VILLAGE}/visits?month=2026-02`)).total).toBe(0);

    const out = [(await record(f.a.archivist, VILLAGE, 21)).json().id, (await record(f.a.archivist, VILLAGE, 22)).json().id];
    const entered: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const e = await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/room-entries`, {
        enteredAt: `2026-02-0${n}T01:00:00.000Z`,
        person: `人员${n}`,
        reason: '查档',
        accompaniedBy: '档案员赵六',
        takenItemIds: n <= 2 ? [out[n - 1]] : [],
      });
      expect(e.statusCode, e.body).toBe(200);
      entered.push(e.json().id);
    }
    expect(await allPages(f.s.supervisor, base(VILLAGE).ledger, 2, (r) => r.id as string)).toEqual([...entered].reverse());
    const ledger = (await call(f.s.supervisor, 'GET', `${base(VILLAGE).ledger}?limit=1&offset=4`)).json();
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0].items).toEqual([expect.objectContaining({ itemId: out[0], overdue: true })]);
    expect(ledger.overdueTotal).toBe(2);
    expect(ledger.overdue.map((o: { takenOn: string }) => o.takenOn)).toEqual(['2026-02-01', '2026-02-02']);
    const otherLedger = (await call(f.a.otherArchivist, 'GET', base(OTHER_VILLAGE).ledger)).json();
    expect([otherLedger.total, otherLedger.overdueTotal]).toEqual([0, 0]);
    expect((await call(f.a.otherArchivist, 'GET', base(VILLAGE).ledger)).statusCode).toBe(404);
  });

  it('年度卷: pages of the volumes (unit × year × class) with their count', async () => {
    const volumes = await allPages(f.a.archivist, base(VILLAGE).volumes, 1, (r) => `${r.year}-${r.classCode}-${r.items}`);
    // The filed 2025 statement (class 05) and the 2010 contracts of the tests above (class 04: 5 + 3 + 2).
    expect(volumes).toEqual(['2025-05-1', '2010-04-10']);
    expect(await allPages(f.a.otherArchivist, base(OTHER_VILLAGE).volumes, 1, (r) => `${r.year}-${r.classCode}-${r.items}`)).toEqual(['2010-04-1']);
    expect((await call(f.a.otherArchivist, 'GET', base(VILLAGE).volumes)).statusCode).toBe(404);
  });

  it('boards past the inspection period (the compliance finding): pages filtered in the query, a village counts its own', async () => {
    expect((await get(f.s.clerk, base(VILLAGE).uninspected)).total).toBe(0);
    await advanceTo(f, '2026-07-01');
    const names = await allPages(f.s.clerk, base(VILLAGE).uninspected, 2, (r) => r.boardName as string);
    expect(names).toEqual(['1号公开栏', '2号公开栏', '3号公开栏', '4号公开栏', '5号公开栏']);
    expect((await get(f.s.otherClerk, base(VILLAGE).uninspected)).items.map((b) => (b as { boardName?: string }).boardName)).toEqual(['外村公开栏']);
    expect((await get(f.s.countyAdmin, `${base(VILLAGE).uninspected}?limit=1`)).total).toBe(6);
    expect((await call(f.s.otherClerk, 'GET', `${base(VILLAGE).uninspected}?unit=${VILLAGE}`)).statusCode).toBe(404);
  });
  it('the catalogue text search takes % and _ literally and ignores the case of Latin letters, on both databases', async () => {
    const titles = ['2010年合同履行100%', '2010年合同_附件', '2010年合同甲附件', '2010年ABC合同'];
    for (const title of titles) {
      const r = await call(f.a.otherArchivist, 'POST', '/api/v1/archives/items/records', {
        unitCode: OTHER_VILLAGE,
        classCode: '04',
        year: 2010,
        title,
        recordType: '合同',
        formedOn: '2010-03-01',
        paperLocation: '档案柜2号',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const found = async (q: string) => {
      const page = await get(f.a.otherArchivist, `/api/v1/archives/items?unitCode=${OTHER_VILLAGE}&q=${encodeURIComponent(q)}`);
      return page.items.map((i) => (i as { title?: string }).title).sort();
    };
    expect(await found('%')).toEqual(['2010年合同履行100%']);
    expect(await found('_')).toEqual(['2010年合同_附件']);
    expect(await found('合同_附')).toEqual(['2010年合同_附件']);
    expect(await found('100%')).toEqual(['2010年合同履行100%']);
    expect(await found('\\')).toEqual([]);
    expect(await found('abc')).toEqual(['2010年ABC合同']);
    expect(await found('附件')).toEqual(['2010年合同_附件', '2010年合同甲附件']);
  });
  it('ownOnly lists one unit’s own boards, not its sub-units’ (the 意见箱 picker), and needs unitCode', async () => {
    const town = await call(f.a.townArchivist, 'POST', `/api/v1/archives/units/${TOWN}/boards`, {
      name: '镇政府公开栏',
      place: '镇政府门口',
      personInCharge: '赵六',
    });
    expect(town.statusCode, town.body).toBe(200);
    const names = async (url: string) => (await get(f.s.countyAdmin, url)).items.map((b) => (b as { name?: string }).name);
    expect(await names(`/api/v1/archives/boards?unitCode=${TOWN}&ownOnly=true`)).toEqual(['镇政府公开栏']);
    const own = await get(f.s.countyAdmin, `/api/v1/archives/boards?unitCode=${VILLAGE}&ownOnly=true&limit=2`);
    expect([own.total, own.items.length]).toEqual([5, 2]);
    expect((await get(f.s.countyAdmin, `/api/v1/archives/boards?unitCode=${TOWN}`)).total).toBe(6);
    const bad = await call(f.s.countyAdmin, 'GET', '/api/v1/archives/boards?ownOnly=true');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('OWN_ONLY_NEEDS_UNIT');
    expect((await call(f.s.otherClerk, 'GET', `/api/v1/archives/boards?unitCode=${VILLAGE}&ownOnly=true`)).statusCode).toBe(404);
  });
});
