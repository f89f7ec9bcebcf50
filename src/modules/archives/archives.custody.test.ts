import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { extractPdfText } from '../publishing/index.ts';
import { api, openArchiveFixture, TOWN, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';

describe('提级管理: custody moves', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-10T02:00:00.000Z');
    call = api(f);
    for (const title of ['2025年村民代表会议记录', '2025年两委联席会议记录']) {
      const r = await call(f.a.archivist, 'POST', '/api/v1/archives/items/records', {
        unitCode: VILLAGE,
        classCode: '02',
        year: 2025,
        title,
        recordType: '会议记录',
        formedOn: '2025-12-01',
        paperLocation: '档案柜1号',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
  }, 60_000);
  afterAll(() => f?.t.close());

  it('moves the village archive to its town and back, with a 移交清单 in .xlsx and PDF', async () => {
    const body = {
      unitCode: VILLAGE,
      toUnitCode: TOWN,
      movedOn: '2026-03-09',
      handedBy: '卜湖档案员甲',
      receivedBy: '城厢街道档案员乙',
      reason: '提级管理，由街道代管',
    };
    expect(errorOf(await call(f.a.archivist, 'POST', '/api/v1/archives/custody-moves', { ...body, toUnitCode: '321323106' })).code).toBe('INVALID_CUSTODIAN');
    expect(errorOf(await call(f.a.archivist, 'POST', '/api/v1/archives/custody-moves', { ...body, receivedBy: body.handedBy })).code).toBe('SAME_SIGNATORY');
    expect((await call(f.s.clerk, 'POST', '/api/v1/archives/custody-moves', body)).statusCode).toBe(403);
    expect((await call(f.a.otherArchivist, 'POST', '/api/v1/archives/custody-moves', body)).statusCode).toBe(404);
    const res = await call(f.a.townArchivist, 'POST', '/api/v1/archives/custody-moves', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ serial: '移交〔2026〕1号', from: { code: VILLAGE }, to: { code: TOWN } });
    expect(res.json().items).toHaveLength(2);
    const items = (await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}`)).json().items;
    expect(items.every((i: { custody: { code: string } }) => i.custody.code === TOWN)).toBe(true);
    // The list says which items the town holds (代管), for the tag in 档案管理.
    expect(items.map((i: { inCustody: boolean }) => i.inCustody)).toEqual([true, true]);
    expect(errorOf(await call(f.a.townArchivist, 'POST', '/api/v1/archives/custody-moves', body)).code).toBe('NOTHING_TO_MOVE');

    const xlsx = await call(f.a.archivist, 'GET', `/api/v1/archives/custody-moves/${res.json().id}/list.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().flat().map(String).join('|');
    expect(values).toContain(`${VILLAGE}-2025-02-0001`);
    expect(values).toContain('城厢街道档案员乙');
    const pdf = await call(f.a.archivist, 'GET', `/api/v1/archives/custody-moves/${res.json().id}/list.pdf`);
    const text = (await extractPdfText(pdf.rawPayload)).join('').replace(/\s+/g, '');
    expect(text).toContain('档案移交清单');
    expect(text).toContain('卜湖档案员甲');
    expect(text).toContain('城厢街道档案员乙');

    const back = await call(f.a.archivist, 'POST', '/api/v1/archives/custody-moves', {
      ...body,
      toUnitCode: VILLAGE,
      handedBy: '城厢街道档案员乙',
      receivedBy: '卜湖档案员甲',
      reason: '代管期满交回',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await call(f.a.archivist, 'GET', '/api/v1/archives/custody-moves')).json().items).toHaveLength(2);
    const returned = (await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}`)).json().items;
    expect(returned.map((i: { inCustody: boolean }) => i.inCustody)).toEqual([false, false]);
  });
});
