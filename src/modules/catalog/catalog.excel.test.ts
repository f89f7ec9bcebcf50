import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, errorOf, type TestApp, type Session } from '../../../test/helpers/test-app.ts';

/** A multipart/form-data body as a browser would send it. */
function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every cell value of every sheet below the title row, for comparing two exports. */
async function cells(buffer: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    out[ws.name] = rows;
  }
  return out;
}

async function counts(t: TestApp) {
  const n = async (table: 'catalog_items' | 'catalog_versions' | 'audit_events') =>
    Number(
      (
        await t.rt.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { items: await n('catalog_items'), versions: await n('catalog_versions'), audit: await n('audit_events') };
}

describe('catalog Excel export and import', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await openTestApp();
    admin = await loginAs(t.app, await makeUser(t.rt, 'county_admin', '321323'));
  });
  afterEach(() => t.close());

  async function exportXlsx(query: string): Promise<Buffer> {
    const res = await t.app.inject({ url: `/api/v1/catalog/export.xlsx?${query}` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return res.rawPayload;
  }

  async function importXlsx(catalog: string, content: Buffer, session: Session = admin) {
    const body = multipart({ catalog }, { name: 'catalog.xlsx', content });
    return t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: session.headers(body.headers), payload: body.payload });
  }

  for (const catalog of ['government', 'village'] as const) {
    it(`round-trips the whole ${catalog} catalog without loss`, async () => {
      const before = await exportXlsx(`catalog=${catalog}`);
      const published = (await t.app.inject({ url: `/api/v1/catalog/items?catalog=${catalog}` })).json().items;
      const res = await importXlsx(catalog, before);
      expect(res.statusCode, res.body).toBe(200);
      const summary = res.json();
      expect(summary).toMatchObject({ createdDraft: true, items: published.length });
      const after = await exportXlsx(`version=${summary.versionId}`);
      expect(await cells(after)).toEqual(await cells(before));
      // Structured content is identical too, item by item (ids and sort order aside).
      const draft = (await t.app.inject({ url: `/api/v1/catalog/versions/${summary.versionId}` })).json().items;
      const strip = (i: Record<string, unknown>) => {
        const { id: _id, sort: _sort, ...rest } = i;
        return rest;
      };
      const byKey = (xs: Record<string, unknown>[]) => Object.fromEntries(xs.map((x) => [x.key as string, strip(x)]));
      expect(byKey(draft)).toEqual(byKey(published));
    });
  }

  it('exports one domain, and a unit’s applicable items', async () => {
    const one = await cells(
      await exportXlsx(
        'catalog=government&domain=gov-shjz'.replace(
          'gov-shjz',
          (await t.app.inject({ url: '/api/v1/catalog/domains?catalog=government' })).json().items.find((d: { name: string }) => d.name === '社会救助').code,
        ),
      ),
    );
    expect(Object.keys(one)).toEqual(['社会救助']);
    const headers = one['社会救助'][1];
    expect(headers.slice(0, 15)).toEqual([
      '序号',
      '一级事项',
      '二级事项',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '全社会',
      '特定群体',
      '主动',
      '依申请公开',
      '县级',
      '乡级',
      '村级',
    ]);
    const village = await cells(await exportXlsx('unit=321323002-buhu'));
    expect(Object.keys(village)).toEqual(['村情概况', '村务公开', '财务公开', '服务公开', '其他公开']);
    const missing = await t.app.inject({ url: '/api/v1/catalog/export.xlsx?unit=nope' });
    expect(missing.statusCode).toBe(404);
    const badDomain = await t.app.inject({ url: '/api/v1/catalog/export.xlsx?domain=nope' });
    expect(errorOf(badDomain).code).toBe('UNKNOWN_DOMAIN');
  });

  it('refuses a file with problems, lists every one with row and column, and changes nothing', async () => {
    const good = await exportXlsx('catalog=government');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(good as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('社会救助')!;
    ws.getCell('F4').value = '尽快公开';
    ws.getCell('C5').value = ws.getCell('C6').value; // duplicate 二级事项 within the same 一级? make rows 5 and 6 identical names
    ws.getCell('B5').value = ws.getCell('B6').value;
    ws.getCell('I7').value = '是';
    const other = wb.getWorksheet('就业')!;
    other.name = '宇宙探索';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await counts(t);
    const res = await importXlsx('government', bad);
    expect(res.statusCode).toBe(400);
    const err = errorOf(res) as { code: string; message: string; details?: { sheet: string; row: number; column: string; message: string }[] };
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toContain('未导入任何内容');
    const details = (res.json() as { error: { details: { sheet: string; row: number; column: string; message: string }[] } }).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '社会救助', row: 4, column: 'F 公开时限' }),
        expect.objectContaining({ sheet: '社会救助', column: 'C 二级事项', message: expect.stringContaining('重复') }),
        expect.objectContaining({ sheet: '社会救助', row: 7, column: 'I 全社会', message: expect.stringContaining('√') }),
        expect.objectContaining({ sheet: '宇宙探索', row: 0, message: expect.stringContaining('未知的领域') }),
      ]),
    );
    expect(await counts(t)).toEqual(before);
  });

  it('names a missing column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx('catalog=village')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('财务公开')!;
    ws.getCell('F2').value = '时间';
    const res = await importXlsx('village', Buffer.from(await wb.xlsx.writeBuffer()));
    const details = res.json().error.details;
    expect(details[0]).toMatchObject({ sheet: '财务公开', column: 'F 公开时限', message: expect.stringContaining('应为“公开时限”') });
  });

  it('judges uploads by content and size, and requires the catalog field', async () => {
    const before = await counts(t);
    const text = await importXlsx('government', Buffer.from('序号,一级事项\n1,政策文件\n'));
    expect([text.statusCode, errorOf(text).code]).toEqual([415, 'NOT_XLSX']);
    const pdfNamedXlsx = await importXlsx('government', Buffer.from('%PDF-1.4\n%…'));
    expect(errorOf(pdfNamedXlsx).code).toBe('NOT_XLSX');
    const body = multipart({}, { name: 'a.xlsx', content: await exportXlsx('catalog=village') });
    const noCatalog = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: admin.headers(body.headers), payload: body.payload });
    expect(errorOf(noCatalog).code).toBe('CATALOG_REQUIRED');
    const empty = multipart({ catalog: 'village' });
    const noFile = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: admin.headers(empty.headers), payload: empty.payload });
    expect(errorOf(noFile).code).toBe('FILE_REQUIRED');
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: admin.headers(), payload: { catalog: 'village' } });
    expect(json.statusCode).toBe(415);
    const big = await importXlsx('government', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(11 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(await counts(t)).toEqual(before);
  });

  it('only county admins import; anonymous callers are asked to log in', async () => {
    const file = await exportXlsx('catalog=village');
    const clerk = await loginAs(t.app, await makeUser(t.rt, 'village_clerk', '321323002-buhu'));
    expect((await importXlsx('village', file, clerk)).statusCode).toBe(403);
    const body = multipart({ catalog: 'village' }, { name: 'a.xlsx', content: file });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', headers: body.headers, payload: body.payload })).statusCode).toBe(401);
  });

  it('imports one domain into an open draft, leaving the other domains as they are', async () => {
    const draft = (await t.app.inject({ method: 'POST', url: '/api/v1/catalog/versions', headers: admin.headers(), payload: { catalog: 'village' } })).json();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx('catalog=village')) as unknown as ArrayBuffer);
    for (const ws of [...wb.worksheets]) if (ws.name !== '服务公开') wb.removeWorksheet(ws.id);
    const ws = wb.getWorksheet('服务公开')!;
    ws.getCell('C4').value = '便民服务事项清单（修订）';
    ws.getCell('R4').value = '';
    const res = await importXlsx('village', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json()).toMatchObject({ versionId: draft.id, createdDraft: false });
    const diff = (
      await t.app.inject({
        url: `/api/v1/catalog/versions/${(await t.app.inject({ url: '/api/v1/catalog/items?catalog=village' })).json().versions[0].id}/diff/${draft.id}`,
      })
    ).json();
    expect(diff.added).toHaveLength(1);
    expect(diff.removed).toHaveLength(1);
    expect(diff.changed).toHaveLength(0);
  });
});
