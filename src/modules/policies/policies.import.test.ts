/** Importing existing policy documents from .xlsx/.csv: every row checked first, problems by line and column, all or nothing. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, DEPT, type Fixture } from '../publishing/disclosure.fixture.ts';
import { multipart, PNG } from '../publishing/data/test-files.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';
import type { Session } from '../../../test/helpers/test-app.ts';

let f: Fixture;
let call: ReturnType<typeof api>;
const HEADER = ['标题', '文号', '发文机关', '成文日期', '分类', '主题', '体裁', '关键词', '正文'];
const good = (n: number, over: Partial<Record<string, string>> = {}) => {
  const r: Record<string, string> = {
    标题: `民政局关于导入测试${n}的通知`,
    文号: `泗民导〔2024〕${n}号`,
    发文机关: '',
    成文日期: `2024-03-0${n}`,
    分类: '部门文件',
    主题: '社会救助',
    体裁: '通知',
    关键词: '低保、救助',
    正文: '第一段。\n第二段 <b>不是标签</b>。',
    ...over,
  };
  return HEADER.map((h) => r[h]!);
};

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政策文件');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (rows: string[][]) =>
  Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'), 'utf8');

async function upload(who: Session, content: Buffer, name = 'policies.xlsx', unit = DEPT) {
  const m = multipart({}, { name, content });
  return f.t.app.inject({ method: 'POST', url: `/api/v1/units/${unit}/policy-import`, headers: { ...who.headers(), ...m.headers }, payload: m.payload });
}
const draftCount = async () =>
  Number(
    (
      await f.t.rt.ctx.db
        .selectFrom('policy_documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  f = await openFixture('2026-11-26T02:00:00.000Z');
  call = api(f);
  expect((await call(f.s.countyAdmin, 'PUT', `/api/v1/units/${DEPT}/policy-prefixes`, { prefixes: ['泗民导'] })).statusCode).toBe(200);
}, 120_000);
afterAll(() => f?.t.close());

describe('policy import', () => {
  it('reports every bad row by line and column in Chinese and imports nothing', async () => {
    const before = await draftCount();
    const r = await upload(
      f.s.officer,
      await xlsx([
        good(1),
        good(2, { 成文日期: '2024-02-30' }),
        good(3, { 分类: '不存在的分类', 标题: '' }),
        good(4, { 文号: '泗民导〔2024〕1号' }),
        good(5, { 文号: '泗政办发〔2024〕5号' }),
      ]),
    );
    expect(r.statusCode, r.body).toBe(400);
    const e = r.json<{ error: { code: string; message: string; details: { problems: { line: number; column: string; message: string }[] } } }>().error;
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.message).toContain('未导入任何文件');
    const at = e.details.problems.map((p) => `${p.line}:${p.column}`);
    expect(at).toEqual(expect.arrayContaining(['3:成文日期', '4:分类', '4:标题', '5:文号', '6:文号']));
    expect(at.some((x) => x.startsWith('2:'))).toBe(false);
    expect(e.details.problems.find((p) => p.line === 5)!.message).toContain('与第2行重复');
    expect(e.details.problems.find((p) => p.line === 3)!.message).toMatch(/^第3行 成文日期：/);
    expect(await draftCount()).toBe(before);
  });

  it('imports all rows of a good .xlsx as policy drafts with their metadata, escaping the text', async () => {
    const before = await draftCount();
    const r = await upload(f.s.officer, await xlsx([good(1), good(2)]));
    expect(r.statusCode, r.body).toBe(201);
    const { imported, ids } = r.json<{ imported: number; ids: string[] }>();
    expect(imported).toBe(2);
    expect(await draftCount()).toBe(before + 2);
    const d = await f.t.rt.ctx.db.selectFrom('disclosures').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(d.status).toBe('draft');
    expect(d.doc_no).toBe('泗民导〔2024〕1号');
    expect(d.body_html).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
    const p = await f.t.rt.ctx.db.selectFrom('policy_documents').selectAll().where('disclosure_id', '=', ids[1]!).executeTakeFirstOrThrow();
    expect([p.written_on, p.category, p.topic, p.genre, JSON.parse(p.keywords_json)]).toEqual(['2024-03-02', '部门文件', '社会救助', '通知', ['低保', '救助']]);
  });

  it('a 文号 already used in the database is refused with its line; a CSV (UTF-8) is read like a workbook', async () => {
    const before = await draftCount();
    const dup = await upload(f.s.officer, csv([good(3), good(1)]), 'p.csv');
    expect(dup.statusCode, dup.body).toBe(400);
    expect(errorOf(dup).message).toContain('第3行 文号：“泗民导〔2024〕1号”本单位已经使用过');
    expect(await draftCount()).toBe(before);
    const ok = await upload(f.s.officer, csv([good(3), good(4)]), 'p.csv');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await draftCount()).toBe(before + 2);
  });

  it('refuses other files, wrong headers and empty sheets with 4xx; authorization comes first', async () => {
    expect((await upload(f.s.officer, PNG, 'x.png')).statusCode).toBe(415);
    const noHeader = await upload(f.s.officer, Buffer.from('a,b\n1,2\n'), 'x.csv');
    expect([noHeader.statusCode, errorOf(noHeader).code]).toEqual([400, 'IMPORT_NO_HEADER']);
    const empty = await upload(f.s.officer, await xlsx([]));
    expect([empty.statusCode, errorOf(empty).code]).toEqual([400, 'IMPORT_EMPTY']);
    expect((await upload(f.s.reviewer, await xlsx([good(7)]))).statusCode).toBe(403);
    expect((await upload(f.s.townReviewer, await xlsx([good(7)]))).statusCode).toBe(404);
    expect(
      (await f.t.app.inject({ method: 'POST', url: `/api/v1/units/${DEPT}/policy-import`, headers: f.s.townReviewer.headers(), payload: {} })).statusCode,
    ).toBe(404);
  });

  it('serves the template, which the import reads (after the example row is replaced)', async () => {
    const t = await f.t.app.inject({ url: '/api/v1/policies/import-template.xlsx', headers: f.s.officer.headers() });
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect((await f.t.app.inject({ url: '/api/v1/policies/import-template.xlsx' })).statusCode).toBe(401);
  });
});
