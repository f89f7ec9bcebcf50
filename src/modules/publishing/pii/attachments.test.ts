import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocxText, extractXlsxText, sniffFileType, type SniffedType } from './attachments.ts';
import { DEFAULT_RULES } from './pii-patterns.ts';
import { scanText } from './pii-scan.ts';

const ID = '11010519491231002X'; // GB 11643-1999 example

async function makeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('低保名单');
  a.addRow(['姓名', '身份证号', '人口', '金额']);
  a.addRow(['王某', ID, 3, 580]);
  a.getCell('A3').value = { richText: [{ text: '电话' }, { text: '13812345678', font: { bold: true } }] };
  a.getCell('D3').value = { formula: 'D2*2', result: 1160 };
  const b = wb.addWorksheet('说明');
  b.getCell('C5').value = '联系人手机 139-0000-1111';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

async function makeDocx(bodyXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('extractXlsxText', () => {
  it('returns every non-empty cell of every sheet with its position', async () => {
    const cells = await extractXlsxText(await makeXlsx());
    expect(cells.map((c) => [c.sheet, c.address, c.row, c.col, c.text])).toEqual([
      ['低保名单', 'A1', 1, 1, '姓名'],
      ['低保名单', 'B1', 1, 2, '身份证号'],
      ['低保名单', 'C1', 1, 3, '人口'],
      ['低保名单', 'D1', 1, 4, '金额'],
      ['低保名单', 'A2', 2, 1, '王某'],
      ['低保名单', 'B2', 2, 2, ID],
      ['低保名单', 'C2', 2, 3, '3'],
      ['低保名单', 'D2', 2, 4, '580'],
      ['低保名单', 'A3', 3, 1, '电话13812345678'],
      ['低保名单', 'D3', 3, 4, '1160'],
      ['说明', 'C5', 5, 3, '联系人手机 139-0000-1111'],
    ]);
    const hits = cells.flatMap((c) => scanText(c.text, DEFAULT_RULES, { today: '2025-06-30' }).map((h) => `${c.sheet}!${c.address}:${h.kind}`));
    expect(hits).toEqual(['低保名单!B2:id', '低保名单!A3:mobile', '说明!C5:mobile']);
  });
});

describe('extractDocxText', () => {
  it('joins <w:t> runs, breaks paragraphs, decodes entities', async () => {
    const body =
      '<w:p><w:r><w:t>申请人：王某，身份证号</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>110105194912</w:t></w:r><w:r><w:t xml:space="preserve">31002X </w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>电话</w:t></w:r><w:r><w:tab/><w:t>138&#x20;1234&#32;5678</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '<w:p><w:r><w:t>A&amp;B &lt;村&gt;</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>';
    const text = await extractDocxText(await makeDocx(body));
    expect(text).toBe(`申请人：王某，身份证号${ID} \n电话\t138 1234 5678\nA&B <村>\n第二行`);
    expect(scanText(text, DEFAULT_RULES, { today: '2025-06-30' }).map((h) => [h.kind, h.value])).toEqual([
      ['id', ID],
      ['mobile', '138 1234 5678'],
    ]);
  });

  it('refuses a zip without word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    await expect(extractDocxText(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow('缺少 word/document.xml');
  });
});

describe('sniffFileType', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, SniffedType][] = [
    ['xlsx written by exceljs', makeXlsx, 'xlsx'],
    ['docx built as a zip', () => makeDocx('<w:p><w:r><w:t>x</w:t></w:r></w:p>'), 'docx'],
    [
      'other zip',
      async () => {
        const z = new JSZip();
        z.file('readme.txt', 'hello');
        return z.generateAsync({ type: 'nodebuffer' });
      },
      'zip',
    ],
    ['empty zip', async () => new JSZip().generateAsync({ type: 'nodebuffer' }), 'zip'],
    ['pdf', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), 'pdf'],
    ['png', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'png'],
    ['jpeg', () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), 'jpeg'],
    ['zip signature, broken body', () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40, 7)]), 'unknown'],
    ['plain text named .xlsx', () => Buffer.from('姓名,身份证号\n王某,11010519491231002X\n'), 'unknown'],
    ['empty', () => Buffer.alloc(0), 'unknown'],
    ['PDF marker not at the start', () => Buffer.from(' %PDF-1.4'), 'unknown'],
  ];
  it.each(cases)('%s', async (_name, make, expected) => {
    expect(await sniffFileType(await make())).toBe(expected);
  });
});
