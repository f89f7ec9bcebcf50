import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { advanceTo, api, openArchiveFixture, publishFinance, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';
import { insertItem, findItem } from './archives.repository.ts';

describe('filing (归档)', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let finance: string;
  beforeAll(async () => {
    f = await openArchiveFixture();
    call = api(f);
    finance = await publishFinance(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('a record still on display is not in the queue and cannot be filed', async () => {
    const q = await call(f.a.archivist, 'GET', `/api/v1/archives/queue?unitCode=${VILLAGE}`);
    expect(q.statusCode).toBe(200);
    expect(q.json().items.map((i: { disclosureId: string }) => i.disclosureId)).not.toContain(finance);
    const res = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('STILL_ON_DISPLAY');
  });

  it('once 往期, the record is queued with the class and period the county table proposes, and reading the queue writes nothing', async () => {
    await advanceTo(f, '2026-02-20');
    const before = (await verifyAuditChain(f.t.rt.ctx.db)).count;
    const q = await call(f.a.archivist, 'GET', `/api/v1/archives/queue?unitCode=${VILLAGE}`);
    const entry = q.json().items.find((i: { disclosureId: string }) => i.disclosureId === finance);
    expect(entry).toMatchObject({ year: 2025, proposedClass: { code: '05', name: '集体财务账目', retention: '30y', retentionLabel: '30年' } });
    expect((await verifyAuditChain(f.t.rt.ctx.db)).count).toBe(before);
  });

  it('only the archivist files; outside scope is 404', async () => {
    const clerk = await call(f.s.clerk, 'POST', '/api/v1/archives/items/file', { disclosureId: finance });
    expect(clerk.statusCode).toBe(403);
    const other = await call(f.a.otherArchivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance });
    expect(other.statusCode).toBe(404);
    const otherQueue = await call(f.a.otherArchivist, 'GET', `/api/v1/archives/queue?unitCode=${VILLAGE}`);
    expect(otherQueue.statusCode).toBe(404);
    const badClass = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance, classCode: '99' });
    expect(badClass.statusCode).toBe(400);
    expect(errorOf(badClass).code).toBe('CLASS_NOT_FOUND');
    const badYear = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance, year: 2030 });
    expect(errorOf(badYear).code).toBe('INVALID_YEAR');
  });

  it('files into the 2025 volume with 档号, every file with its SHA-256 in the audit chain; the queue drops it; no double filing', async () => {
    const res = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({
      archivalCode: `${VILLAGE}-2025-05-0001`,
      year: 2025,
      classCode: '05',
      retention: '30y',
      keepUntil: '2055-12-31',
      wasPublic: true,
      status: 'filed',
      title: '2025年第四季度财务收支情况',
    });
    expect(item.files.map((x: { role: string }) => x.role)).toEqual(['version', 'signoffs']);
    for (const file of item.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const audit = await call(f.s.countyAdmin, 'GET', `/api/v1/audit/events?entityId=${item.id}`);
    const event = audit.json().items.find((e: { action: string }) => e.action === 'archives.item.file');
    const recorded = (event.after ?? JSON.parse(event.afterJson ?? event.after_json)).files.map((x: { sha256: string }) => x.sha256);
    expect(recorded).toEqual(item.files.map((x: { sha256: string }) => x.sha256));
    expect((await verifyAuditChain(f.t.rt.ctx.db)).ok).toBe(true);

    const verify = await call(f.a.archivist, 'GET', `/api/v1/archives/items/${item.id}/verify`);
    expect(verify.json().ok).toBe(true);
    const version = await call(f.a.archivist, 'GET', item.files[0].url);
    expect(version.statusCode).toBe(200);
    expect(JSON.parse(version.body)).toMatchObject({ document: 'gongkai.archive.disclosure-version', version: 1, publicTitle: '2025年第四季度财务收支情况' });

    const again = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId: finance });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ALREADY_FILED');
    const q = await call(f.a.archivist, 'GET', `/api/v1/archives/queue?unitCode=${VILLAGE}`);
    expect(q.json().items.map((i: { disclosureId: string }) => i.disclosureId)).not.toContain(finance);
  });

  it('registers a non-disclosed paper record as the next item of the volume; bad input is refused and nothing is saved', async () => {
    const body = {
      unitCode: VILLAGE,
      classCode: '05',
      year: 2025,
      title: '2025年12月记账凭证',
      recordType: '凭证',
      formedOn: '2025-12-31',
      paperLocation: '档案柜2号 第3盒',
      pages: 46,
    };
    for (const [patch, code] of [
      [{ paperLocation: ' ' }, 'LOCATION_REQUIRED'],
      [{ title: '' }, 'TITLE_REQUIRED'],
      [{ formedOn: '2025-02-30' }, 'INVALID_DATE'],
      [{ classCode: 'XX' }, 'CLASS_NOT_FOUND'],
      [{ pages: 0 }, null],
      [{ year: 2027 }, 'INVALID_YEAR'],
    ] as const) {
      const bad = await call(f.a.archivist, 'POST', '/api/v1/archives/items/records', { ...body, ...patch });
      expect(bad.statusCode, JSON.stringify(patch)).toBe(400);
      if (code) expect(errorOf(bad).code).toBe(code);
    }
    expect((await call(f.s.clerk, 'POST', '/api/v1/archives/items/records', body)).statusCode).toBe(403);
    const res = await call(f.a.archivist, 'POST', '/api/v1/archives/items/records', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ archivalCode: `${VILLAGE}-2025-05-0002`, kind: 'record', wasPublic: false, paperLocation: '档案柜2号 第3盒' });
    const list = await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}&year=2025&classCode=05`);
    expect(list.json().items.map((i: { archivalCode: string }) => i.archivalCode)).toEqual([`${VILLAGE}-2025-05-0001`, `${VILLAGE}-2025-05-0002`]);
    const volumes = await call(f.a.archivist, 'GET', `/api/v1/archives/units/${VILLAGE}/volumes`);
    expect(volumes.json()).toEqual({ total: 1, items: [expect.objectContaining({ year: 2025, classCode: '05', items: 2 })] });
  });

  it('档号 are unique in the database itself (a second row with the same volume and number is refused)', async () => {
    const row = (await findItem(f.t.rt.ctx.db, (await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}`)).json().items[0].id))!;
    const { unit_name, unit_path, custody_unit_name, class_name, ...plain } = row;
    void unit_name;
    void unit_path;
    void custody_unit_name;
    void class_name;
    await expect(insertItem(f.t.rt.ctx.db, { ...plain, id: 'dup-1', disclosure_id: null })).rejects.toThrow();
    await expect(insertItem(f.t.rt.ctx.db, { ...plain, id: 'dup-2', disclosure_id: null, item_no: 77 })).rejects.toThrow();
  });

  it('the class table is county data: only the county edits it, and only with the three periods', async () => {
    const body = { name: '集体财务账目', retention: '10y', basis: '县档案局保管期限表第5项', itemKeys: ['vil:szxq'], sortOrder: 50, active: true };
    expect((await call(f.a.archivist, 'PUT', '/api/v1/archives/schedule/classes/05', body)).statusCode).toBe(403);
    expect((await call(f.a.townArchivist, 'PUT', '/api/v1/archives/schedule/classes/05', body)).statusCode).toBe(403);
    const bad = await call(f.s.countyAdmin, 'PUT', '/api/v1/archives/schedule/classes/05', { ...body, retention: '20y' });
    expect(bad.statusCode).toBe(400);
    const rename = await call(f.s.countyAdmin, 'PUT', '/api/v1/archives/schedule/classes/05', { ...body, name: '财务' });
    expect(errorOf(rename).code).toBe('CLASS_IN_USE');
    const ok = await call(f.s.countyAdmin, 'PUT', '/api/v1/archives/schedule/classes/05', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const schedule = await call(f.s.clerk, 'GET', '/api/v1/archives/schedule');
    expect(schedule.json().classes.find((c: { code: string }) => c.code === '05')).toMatchObject({ retention: '10y', basis: '县档案局保管期限表第5项' });
    expect(schedule.json().classes).toHaveLength(10);
  });
});
