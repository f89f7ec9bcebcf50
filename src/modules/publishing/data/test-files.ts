/** Test-only builders: multipart bodies and small files of each type. */
import JSZip from 'jszip';
import { buildFinanceTemplate } from '../finance/finance-statement.ts';
import { newWorkbook } from '../../../platform/lazy-libs.ts';

export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----gk${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function xlsx(rows: (string | number | null)[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function docx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

export type StatementLine = [date: string, voucher: string, summary: string, subject: string, income: number | null, expense: number | null];

/** The template filled like a clerk would: balances in B2/B3 (yuan), lines from row 5. */
export async function statementXlsx(lines: StatementLine[], opening: number, closing: number): Promise<Buffer> {
  const wb = newWorkbook();
  await wb.xlsx.load((await buildFinanceTemplate({ unitName: '卜湖社区', period: '2026年第三季度' })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('收支明细')!;
  ws.getCell('B2').value = opening;
  ws.getCell('B3').value = closing;
  lines.forEach((l, i) => {
    ws.getRow(5 + i).values = l;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A workbook with personal data where a reader of the original could find it but a glance does not show it: a
 * hidden and a very hidden sheet, a cell note, a threaded comment (Excel 365, a part exceljs does not write) and a
 * page header. `values` are placed in that order: [visible cell, hidden sheet, very hidden sheet, note, threaded, header].
 */
export async function richXlsx(values: string[], visibleSheet = '公示名单'): Promise<Buffer> {
  const wb = newWorkbook();
  const a = wb.addWorksheet(visibleSheet);
  a.addRow(['户主姓名', '保障人数', '备注']);
  a.addRow(['王某某', 3, values[0] ?? '']);
  a.getCell('A2').note = `核对：${values[3] ?? ''}`;
  a.headerFooter.oddHeader = `&C联系人 ${values[5] ?? ''}`;
  wb.addWorksheet('原始数据', { state: 'hidden' }).addRow(['王某某', values[1] ?? '']);
  wb.addWorksheet('核对', { state: 'veryHidden' }).getCell('C3').value = values[2] ?? '';
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  // Attach a threaded comment to the first sheet (workbook rel → sheet1.xml → its rels → threadedComment1.xml).
  const relsPath = 'xl/worksheets/_rels/sheet1.xml.rels';
  const rels = (await zip.file(relsPath)?.async('string')) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  zip.file(relsPath, rels.replace('</Relationships>', '<Relationship Id="rIdTc1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>'));
  zip.file(
    'xl/threadedComments/threadedComment1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="C2" dT="2026-11-20T08:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>请核对 ${values[4] ?? ''}</text></threadedComment></ThreadedComments>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

/**
 * A Word file with text in every part people forget: body (`values[0]`, with a line break inside unless `breakInBody: false`), a text
 * box (`[1]`, stored twice as Word does), header (`[2]`), footer (`[3]`), comment (`[4]`), footnote (`[5]`) and a
 * tracked deletion (`[6]`).
 */
export async function richDocx(values: string[], opts: { breakInBody?: boolean } = {}): Promise<Buffer> {
  const [body = '', box = '', header = '', footer = '', comment = '', footnote = '', deleted = ''] = values;
  const cps = [...body];
  const cut = opts.breakInBody === false ? cps.length : Math.floor(cps.length / 2);
  const [first, second] = [cps.slice(0, cut).join(''), cps.slice(cut).join('')];
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  const textbox = `<w:txbxContent>${para(`文本框：${box}`)}</w:txbxContent>`;
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document ${W}><w:body>` +
      `<w:p><w:r><w:t xml:space="preserve">申请人身份证号：${first}</w:t><w:br/><w:t xml:space="preserve">${second}</w:t></w:r></w:p>` +
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx>${textbox}</wps:txbx></mc:Choice><mc:Fallback><v:textbox>${textbox}</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
      `<w:p><w:del w:id="1" w:author="a"><w:r><w:delText xml:space="preserve">原电话${deleted}</w:delText></w:r></w:del><w:r><w:t>会议纪要正文。</w:t></w:r></w:p>` +
      `</w:body></w:document>`,
  );
  zip.file('word/header1.xml', `<?xml version="1.0"?><w:hdr ${W}>${para(`经办人 ${header}`)}</w:hdr>`);
  zip.file('word/footer1.xml', `<?xml version="1.0"?><w:ftr ${W}>${para(`咨询电话 ${footer}`)}</w:ftr>`);
  zip.file('word/comments.xml', `<?xml version="1.0"?><w:comments ${W}><w:comment w:id="0">${para(`核对：${comment}`)}</w:comment></w:comments>`);
  zip.file('word/footnotes.xml', `<?xml version="1.0"?><w:footnotes ${W}><w:footnote w:id="1">${para(`注：${footnote}`)}</w:footnote></w:footnotes>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A PDF with a text layer (Noto Sans Hans): `lines` on page 1, plus an annotation and a filled form field. */
export async function textPdf(lines: string[], extra: { note?: string; field?: string } = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const { fontDirectory } = await import('../notice/notice-pdf.ts');
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  doc.font(`${fontDirectory()}/NotoSansHans-Regular.otf`).fontSize(12);
  lines.forEach((l, i) => doc.text(l, 50, 50 + i * 20, { width: 480 }));
  if (extra.note) doc.note(50, 400, 20, 20, extra.note);
  if (extra.field) {
    doc.initForm();
    doc.formText('field1', 50, 450, 200, 20, { value: extra.field });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
