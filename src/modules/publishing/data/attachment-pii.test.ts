/**
 * The personal-data gate over everything an attachment carries (issue 13 §1): its file name, hidden sheets, cell
 * comments and headers of a workbook; headers, footers, text boxes, comments, footnotes and tracked deletions of a
 * Word file; page text (wrapped lines), annotations and form fields of a PDF — and public reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Session } from '../../../../test/helpers/test-app.ts';
import { api, openFixture, publishVillage, VILLAGE, type Fixture } from '../disclosure.fixture.ts';
import { multipart, richDocx, richXlsx, textPdf } from './test-files.ts';
import { prng, randomCard, randomId, randomMobile } from '../pii/test-data.ts';

const rand = prng(1313);
const ids = Array.from({ length: 12 }, () => randomId(rand));
const mobiles = Array.from({ length: 6 }, () => randomMobile(rand));
const card = randomCard(rand);
const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const dashed = (m: string) => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
const ZW = '\u200B';
const digitsOf = (v: string) => v.replace(/[^0-9Xx]/g, '');

/** Visible text of a page or JSON answer, separators and invisible characters removed, tags dropped. */
const flat = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD\-.·/—]/g, '');

describe('personal data in attachments and their names', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  const upload = (who: Session, url: string, file: { name: string; content: Buffer }) => {
    const m = multipart({}, file);
    return f.t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...who.headers(), ...m.headers } });
  };

  it('finds them everywhere, blocks until decided, and the public never sees them', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: '低保审核材料公示', formedOn: '2026-11-25', body: '<p>审核材料见附件。</p>' });
    const id = d.json().id as string;
    const xlsxName = `王某${spaced(ids[0])}低保审核表.xlsx`;
    const docxName = `李某${mobiles[0]}.docx`;
    // Uploaded with a zero-width space inside the ID; stored without it (invisible characters are dropped from names).
    const uploadedPdfName = `签到表${ids[1].slice(0, 9)}${ZW}${ids[1].slice(9)}.pdf`;
    const pdfName = uploadedPdfName.replace(ZW, '');
    const planted = {
      xlsx: [spaced(ids[2]), ids[3], dashed(mobiles[1]), spaced(ids[4]), mobiles[2], dashed(mobiles[3])],
      docx: [ids[5], spaced(ids[6]), mobiles[4], dashed(mobiles[5]), `${ids[7].slice(0, 6)}-${ids[7].slice(6, 14)}-${ids[7].slice(14)}`, card, ids[8]],
      // A page whose ID wraps onto the next line, an annotation and a filled form field.
      pdf: { lines: ['泗阳县卜湖社区低保审核对象签到表', `申请人身份证号 ${ids[9].slice(0, 10)}`, `${ids[9].slice(10)} 已到场签字`], note: spaced(ids[10]), field: ids[11] },
    };
    for (const [name, content] of [
      [xlsxName, await richXlsx(planted.xlsx)],
      [docxName, await richDocx(planted.docx)],
      [uploadedPdfName, await textPdf(planted.pdf.lines, { note: planted.pdf.note, field: planted.pdf.field })],
    ] as const) {
      const r = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name, content });
      expect(r.statusCode, r.body).toBe(201);
    }
    const blocked = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect(blocked.statusCode).toBe(409);

    const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
    const hits = scan.json().hits as { kind: string; value: string; location: string; fingerprint: string }[];
    const where = (v: string) => hits.filter((h) => digitsOf(h.value) === digitsOf(v)).map((h) => h.location);
    // File names.
    expect(where(ids[0])).toEqual([`附件“${xlsxName}”的文件名`]);
    expect(where(mobiles[0])).toEqual([`附件“${docxName}”的文件名`]);
    expect(where(ids[1])).toEqual([`附件“${pdfName}”的文件名`]);
    // Workbook: visible cell, hidden and very hidden sheets, note, threaded comment, page header.
    expect(where(ids[2])).toEqual([`附件“${xlsxName}”工作表“公示名单”第2行`]);
    expect(where(ids[3])).toEqual([`附件“${xlsxName}”工作表“原始数据”（隐藏）第1行`]);
    expect(where(mobiles[1])).toEqual([`附件“${xlsxName}”工作表“核对”（隐藏）第1行`]);
    expect(where(ids[4])).toEqual([`附件“${xlsxName}”工作表“公示名单”A2单元格的批注`]);
    expect(where(mobiles[2])).toEqual([`附件“${xlsxName}”工作表“公示名单”C2单元格的批注`]);
    expect(where(mobiles[3])).toEqual([`附件“${xlsxName}”工作表“公示名单”的页眉页脚`]);
    // Word: body (with a line break inside the number), text box (once), header, footer, comment, footnote, deletion.
    expect(where(ids[5])).toEqual([`附件“${docxName}”第1段`]);
    expect(where(ids[6])).toEqual([`附件“${docxName}”第2段`]);
    expect(where(mobiles[4])).toEqual([`附件“${docxName}”页眉第1段`]);
    expect(where(mobiles[5])).toEqual([`附件“${docxName}”页脚第1段`]);
    expect(where(ids[7])).toEqual([`附件“${docxName}”的批注`]);
    expect(where(card)).toEqual([`附件“${docxName}”脚注第1段`]);
    expect(where(ids[8])).toEqual([`附件“${docxName}”的修订删除的文字`]);
    // PDF: the wrapped ID, the annotation, the form field.
    expect(where(ids[9])).toEqual([`附件“${pdfName}”第1页第2行`]);
    expect(where(ids[10])).toEqual([`附件“${pdfName}”第1页的注释或表单`]);
    expect(where(ids[11])).toEqual([`附件“${pdfName}”第1页的注释或表单`]);

    // The reviewer cannot clear a file whose name carries personal data as "no personal data".
    const atts = (await call(f.s.clerk, 'GET', `/api/v1/disclosures/${id}`)).json().staff.attachments as { id: string; name: string }[];
    const pdfAtt = atts.find((a) => a.name === pdfName)!;
    const refused = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${pdfAtt.id}/review`, { action: 'no_personal_data' });
    expect(refused.statusCode).toBe(409);

    for (const h of hits) expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);

    const values = [...ids, ...mobiles, card];
    const pub = await call(null, 'GET', `/api/v1/disclosures/${id}`);
    const page = await call(null, 'GET', `/disclosures/${id}`);
    const outputs: [string, string][] = [
      ['api', pub.body],
      ['page', page.body],
    ];
    const publicAtts = pub.json().public.attachments as { id: string; name: string; viewUrl: string | null; downloadUrl: string | null }[];
    expect(publicAtts.map((a) => a.name)).toEqual([`王某${ids[0].slice(0, 2)}**** ******** *${ids[0].slice(15)}低保审核表.xlsx`, `李某${mobiles[0].slice(0, 3)}****${mobiles[0].slice(7)}.docx`, expect.stringMatching(/^签到表\d\d\*+/)]);
    for (const a of publicAtts) {
      expect(a.downloadUrl).toBeNull();
      expect((await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${a.id}`)).statusCode).toBe(403);
      if (a.viewUrl) {
        const view = await call(null, 'GET', a.viewUrl);
        expect(view.statusCode).toBe(200);
        outputs.push([`view ${a.name}`, view.body]);
      }
    }
    expect(outputs).toHaveLength(5);
    const docxView = outputs.find(([n]) => n.includes('.docx'))![1];
    expect(docxView).toContain('页眉');
    expect(docxView).not.toContain('修订删除的文字');
    const xlsxView = outputs.find(([n]) => n.includes('.xlsx'))![1];
    expect(xlsxView).toContain('公示名单');
    expect(xlsxView).not.toContain('原始数据'); // hidden sheets are checked, not shown
    for (const [name, body] of outputs) for (const v of values) expect(flat(body).includes(digitsOf(v)), `${name} shows ${v}`).toBe(false);
  });

  it('a public reason may not carry personal data: correction and withdrawal are refused with a clear message', async () => {
    const id = await publishVillage(f);
    const bad = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/corrections`, { reason: `更正王某身份证号 ${spaced(ids[0])}`, body: '<p>村民代表会议决定：修建村内道路（更正）。</p>' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'REASON_HAS_PII' });
    expect(errorOf(bad).message).toContain('身份证号');
    const w = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/withdraw`, { reason: `联系人电话 ${dashed(mobiles[0])} 有误` });
    expect(w.statusCode).toBe(400);
    expect(errorOf(w).message).toContain('手机号码');
    // Nothing was changed.
    const after = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(after).toMatchObject({ version: 1, status: 'published' });
  });
});
