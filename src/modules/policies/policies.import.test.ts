/** Importing existing policy documents from .xlsx/.csv: every row checked first, problems by line and column, all or nothing. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, DEPT, type Fixture } from '../publishing/disclosure.fixture.ts';
import JSZip from 'jszip';
import { docx, multipart, PDF, PNG } from '../publishing/data/test-files.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { isStored, sha256Of } from '../../platform/files/store.ts';
import type { Session } from '../../../test/helpers/test-app.ts';

let f: Fixture;
let call: ReturnType<typeof api>;
const HEADER = ['标题', '文号', '发文机关', '成文日期', '分类', '主题', '体裁', '关键词', '正文', '附件'];
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
    附件: '',
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
        good(6, { 成文日期: '2027-01-05', 文号: '' }),
      ]),
    );
    expect(r.statusCode, r.body).toBe(400);
    const e = r.json<{ error: { code: string; message: string; details: { problems: { line: number; column: string; message: string }[] } } }>().error;
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.message).toContain('未导入任何文件');
    const at = e.details.problems.map((p) => `${p.line}:${p.column}`);
    expect(at).toEqual(expect.arrayContaining(['3:成文日期', '4:分类', '4:标题', '5:文号', '6:文号', '7:成文日期']));
    expect(e.details.problems.find((p) => p.line === 7)!.message).toContain('晚于今天');
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

  describe('with attachments (.zip import package)', () => {
    const pack = async (files: Record<string, Buffer>) => {
      const z = new JSZip();
      for (const [path, content] of Object.entries(files)) z.file(path, content);
      return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const attachmentCount = async () =>
      Number(
        (
          await f.t.rt.ctx.db
            .selectFrom('disclosure_attachments')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("takes each row's files with it; the personal-data gate holds back what is public", async () => {
      const before = await draftCount();
      const list = await docx(['低保对象名单', '联系电话 13812345678']);
      const pkg = await pack({
        '目录.xlsx': await xlsx([good(5, { 附件: '附件/实施细则.pdf、附件/名单.docx' }), good(6, { 附件: '图解.png' })]),
        '附件/实施细则.pdf': PDF,
        '附件/名单.docx': list,
        '附件/图片/图解.png': PNG,
      });
      const r = await upload(f.s.officer, pkg, '导入包.zip');
      expect(r.statusCode, r.body).toBe(201);
      const { ids } = r.json<{ ids: string[] }>();
      expect(await draftCount()).toBe(before + 2);
      const atts = await f.t.rt.ctx.db
        .selectFrom('disclosure_attachments')
        .select(['disclosure_id', 'name', 'type', 'size'])
        .where('disclosure_id', 'in', ids)
        .orderBy('disclosure_id')
        .orderBy('seq')
        .execute();
      const of = (id: string) => atts.filter((a) => a.disclosure_id === id).map((a) => [a.name, a.type, a.size]);
      expect(of(ids[0]!)).toEqual([
        ['实施细则.pdf', 'pdf', PDF.length],
        ['名单.docx', 'docx', list.length],
      ]);
      expect(of(ids[1]!)).toEqual([['图解.png', 'png', PNG.length]]);
      // The phone number in the Word file stops the submission, as for any attachment.
      const sub = await call(f.s.officer, 'POST', `/api/v1/disclosures/${ids[0]}/submit`, {});
      expect(sub.statusCode, sub.body).toBe(409);
      expect(sub.body).not.toContain('13812345678');
    });

    it('checks every file with the rows and saves nothing when one is wrong', async () => {
      const [drafts, files] = [await draftCount(), await attachmentCount()];
      const pkg = await pack({
        '目录.csv': csv([
          good(7, { 附件: '缺少的.pdf' }),
          good(8, { 附件: '假装.pdf' }),
          good(9, { 附件: '大文件.pdf' }),
          good(10, { 附件: 'a.png、a.png' }),
          good(11, { 附件: '同名.png' }),
        ]),
        '附件/假装.pdf': Buffer.from('这不是PDF，只是文字'),
        '附件/大文件.pdf': Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]),
        '附件/a.png': PNG,
        '附件/一/同名.png': PNG,
        '附件/二/同名.png': PNG,
        '附件/多余.png': PNG,
      });
      const r = await upload(f.s.officer, pkg, '导入包.zip');
      expect(r.statusCode, r.body).toBe(400);
      const problems = r.json<{ error: { code: string; details: { problems: { line: number; column: string; message: string }[] } } }>().error.details.problems;
      const msg = (line: number) => problems.find((p) => p.line === line && p.column === '附件')?.message;
      expect(msg(2)).toContain('压缩包中没有文件“缺少的.pdf”');
      expect(msg(3)).toContain('按文件内容判断');
      expect(msg(4)).toContain('超过 20 MB');
      expect(msg(5)).toContain('列了两次');
      expect(msg(6)).toContain('请写出文件夹路径');
      expect(problems.filter((p) => p.line === 0).map((p) => p.message)).toEqual([expect.stringContaining('“附件/多余.png”没有在任何一行')]);
      expect([await draftCount(), await attachmentCount()]).toEqual([drafts, files]);
    });

    it('a row failing inside the batch leaves no file of the import behind, and keeps files others use', async () => {
      const [drafts, files] = [await draftCount(), await attachmentCount()];
      const fresh = Buffer.concat([PNG, Buffer.from(`导入失败测试 ${Date.now()} ${Math.random()}`)]);
      // An Excel file by its bytes (a zip with xl/workbook.xml) whose workbook cannot be read: refused only when added.
      const z = new JSZip();
      z.file('xl/workbook.xml', '不是工作簿');
      const broken = await z.generateAsync({ type: 'nodebuffer' });
      const pkg = await pack({
        // Row 2's file is new to the store; PNG is the same content a draft of the first test holds.
        '目录.xlsx': await xlsx([good(14, { 成文日期: '2024-03-14', 附件: '新图.png、图解.png' }), good(15, { 成文日期: '2024-03-15', 附件: '坏表.xlsx' })]),
        '附件/新图.png': fresh,
        '附件/图解.png': PNG,
        '附件/坏表.xlsx': broken,
      });
      const r = await upload(f.s.officer, pkg, '导入包.zip');
      // The broken workbook is refused inside the batch, after row 2's files were stored.
      expect(r.statusCode, r.body).toBe(400);
      expect(errorOf(r).code).toBe('UNREADABLE_FILE');
      expect(errorOf(r).message).toContain('第3行');
      expect([await draftCount(), await attachmentCount()]).toEqual([drafts, files]);
      const dir = f.t.rt.ctx.config.dataDir;
      expect(await isStored(dir, sha256Of(fresh))).toBe(false);
      expect(await isStored(dir, sha256Of(PNG))).toBe(true);
      const discarded = await f.t.rt.ctx.db.selectFrom('audit_events').select('after_json').where('action', '=', 'files.discard').execute();
      expect(discarded.map((e) => JSON.parse(e.after_json!))).toEqual([
        expect.objectContaining({ reason: 'policy.import.failed', removed: 1, sha256: [sha256Of(fresh)] }),
      ]);
    });

    it('refuses a package without one sheet at its top, and attachments named in a bare sheet', async () => {
      const none = await upload(f.s.officer, await pack({ '附件/a.png': PNG }), 'x.zip');
      expect([none.statusCode, errorOf(none).code]).toEqual([400, 'IMPORT_PACKAGE_SHEET']);
      const two = await upload(f.s.officer, await pack({ 'a.xlsx': await xlsx([good(12)]), 'b.csv': csv([good(13)]) }), 'x.zip');
      expect([two.statusCode, errorOf(two).code]).toEqual([400, 'IMPORT_PACKAGE_SHEET']);
      const bare = await upload(f.s.officer, await xlsx([good(12, { 附件: 'a.png' })]));
      expect(bare.statusCode).toBe(400);
      expect(errorOf(bare).message).toContain('压缩成一个 .zip 导入包');
    });
  });
});
