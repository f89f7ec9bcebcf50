/**
 * Real rendering, checked with poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm): no mocks.
 * Every PDF is rendered once in beforeAll and shared between assertions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeInputError, chineseDate, displayPeriodText, renderNoticeBatch, renderNoticePdf, type NoticeInput } from './notice-pdf.ts';
import { dibaoNotice, financeNotice } from './test-notices.ts';

// pngjs is present as a dependency of qrcode; typed here to the one call the test needs.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } } };
};

let dir: string;

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: poppler-utils is required for the notice PDF tests (apt-get install poppler-utils)`);
    }
    throw e;
  }
}

function save(name: string, pdf: Buffer): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

function text(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return poppler('pdftotext', ['-layout', ...range, file, '-']);
}

/** Text without any whitespace, so wrapped sentences and layout spacing do not matter. */
function flat(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))?.[1]);
}

const small = (over: Partial<NoticeInput>): NoticeInput => ({
  unitName: '卜湖社区',
  parentName: '城厢街道',
  title: '卜湖社区关于公开栏更新的通知',
  paragraphs: ['本社区公开栏已按要求更新。'],
  displayFrom: '2026-11-26',
  displayTo: '2026-12-02',
  publishedOn: '2026-11-26',
  contact: { office: '卜湖社区居民委员会', phone: '0527-85210000' },
  issuer: '卜湖社区居民委员会',
  qrUrl: 'https://gk.siyang.example/units/bhsq/records/notice-1',
  ...over,
});

const files: Record<string, string> = {};
let a4Bytes: Buffer;

beforeAll(async () => {
  poppler('pdftotext', ['-v']);
  dir = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
  a4Bytes = await renderNoticePdf(financeNotice(), { size: 'A4' });
  files.a4 = save('a4', a4Bytes);
  files.a3 = save('a3', await renderNoticePdf(financeNotice(), { size: 'A3' }));
  files.long = save('long', await renderNoticePdf(financeNotice(2000), { size: 'A4' }));
  files.batch = save(
    'batch',
    await renderNoticeBatch([financeNotice(), dibaoNotice(), small({ title: '卜湖社区2026年11月居民代表会议决定事项公开' })], { size: 'A4' }),
  );
  files.withdrawn = save(
    'withdrawn',
    await renderNoticePdf(
      small({
        status: 'withdrawn',
        statusNote: '本公告内容有误，2026年11月27日撤回',
        paragraphs: ['<script>alert("x")</script> & <b>不是标签</b>'],
      }),
      { size: 'A4' },
    ),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('chineseDate and the 公示期 sentence', () => {
  it('writes dates without leading zeros', () => {
    expect(chineseDate('2026-11-26')).toBe('2026年11月26日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });

  it('rejects impossible dates', () => {
    expect(() => chineseDate('2026-02-30')).toThrow(NoticeInputError);
    expect(() => chineseDate('26-11-26')).toThrow(NoticeInputError);
  });

  it('builds the period and contact sentences', () => {
    const t = displayPeriodText({ displayFrom: '2026-11-26', displayTo: '2026-12-07', contact: { office: '卜湖社区居委会', phone: '0527-1' } });
    expect(t.period).toBe('公示期：2026年11月26日至2026年12月7日');
    expect(t.contact).toBe('如对公示内容有疑问，请于公示期内向卜湖社区居委会反映（电话：0527-1）。');
  });

  it('refuses bad input with a Chinese message', async () => {
    await expect(renderNoticePdf(small({ displayFrom: '2026-12-10' }), { size: 'A4' })).rejects.toThrow(/公示结束日期早于开始日期/);
    const table = { columns: [{ header: '姓名' }, { header: '金额' }], rows: [['王*明']] };
    await expect(renderNoticePdf(small({ table }), { size: 'A4' })).rejects.toThrow(/表格第1行有1格，应为2格/);
    await expect(renderNoticeBatch([], { size: 'A4' })).rejects.toThrow(NoticeInputError);
  });
});

describe('A4 finance notice', () => {
  it('has extractable text: title, 公示期, amounts, sign-off, issuer, URL', () => {
    const all = flat(text(files.a4));
    expect(all).toContain('卜湖社区2026年10月财务收支公开');
    expect(all).toContain('卜居发〔2026〕18号');
    expect(all).toContain('公示期：2026年11月26日至2026年12月7日');
    expect(all).toContain('如对公示内容有疑问，请于公示期内向卜湖社区居务监督委员会反映（电话：0527-85210000）。');
    for (const amount of ['86,000.00', '12,500.00', '682.40', '9,600.00', '128.73', '98,628.73', '19,111.90']) expect(all).toContain(amount);
    // A 社区 has a 居务监督委员会 (a 村 a 村务监督委员会); the name is the caller's.
    expect(all).toContain('卜湖社区居务监督委员会审核意见：已审核');
    expect(all).toContain('签字：张某、李某2026年11月25日');
    // 落款 (the QR caption sits beside it in the layout, so the date follows the issuer with the URL between).
    expect(all).toMatch(/审核意见.*卜湖社区居民委员会.*2026年11月26日/);
    expect(all).toContain('https://gk.siyang.example/units/bhsq/records/2026-10-finance');
    expect(all).toContain('第1页共');
  });

  it('right-aligns amounts: every amount in a column ends at the same text column', () => {
    const lines = text(files.a4, 1)
      .split('\n')
      .filter((l) => /^2026-10-\d\d/.test(l.trim()) && /\d\.\d\d\s*$/.test(l));
    const ends = new Set(lines.filter((l) => /支出|管理费用|公益支出/.test(l)).map((l) => l.trimEnd().length));
    expect(lines.length).toBeGreaterThan(5);
    expect(ends.size).toBe(1);
  });

  it('embeds the Noto Sans Hans subsets (no system fonts)', () => {
    const fonts = poppler('pdffonts', [files.a4]);
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/\+NotoSansHans-(Regular|Bold)\s/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, ToUnicode
    }
    expect(fonts).toContain('NotoSansHans-Bold');
  });

  it('carries deterministic metadata from the input', async () => {
    const info = poppler('pdfinfo', [files.a4]);
    expect(info).toMatch(/Title:\s+卜湖社区2026年10月财务收支公开/);
    expect(info).toMatch(/Author:\s+卜湖社区/);
    expect(info).toMatch(/Subject:\s+城厢街道卜湖社区/);
    expect(info).toMatch(/CreationDate:\s+Thu Nov 26 00:00:00 2026/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const again = await renderNoticePdf(financeNotice(), { size: 'A4' });
    expect(again.equals(a4Bytes)).toBe(true);
  });

  it('renders to a page that is mostly white but not blank', () => {
    poppler('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', files.a4, join(dir, 'a4-page1')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'a4-page1.png')));
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) ink++;
    }
    const share = ink / (png.width * png.height);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.4);
  });
});

describe('A3', () => {
  it('is an A3 page with the same content', () => {
    expect(poppler('pdfinfo', [files.a3])).toMatch(/Page size:\s+841\.89 x 1190\.55 pts \(A3\)/);
    const all = flat(text(files.a3));
    expect(all).toContain('公示期：2026年11月26日至2026年12月7日');
    expect(all).toContain('98,628.73');
  });
});

describe('a 2,000-line finance table', () => {
  it('paginates with the header row repeated and page numbers on every page', () => {
    const pages = pageCount(files.long);
    expect(pages).toBeGreaterThan(20);
    const p2 = text(files.long, 2);
    for (const header of ['日期', '凭证号', '摘要', '科目', '收入金额', '支出金额']) expect(p2).toContain(header);
    expect(flat(p2)).toContain(`第2页共${pages}页`);
    expect(flat(p2)).toContain('卜湖社区2026年10月财务收支公开（续）');
    const last = flat(text(files.long, pages));
    expect(last).toContain(`第${pages}页共${pages}页`);
    expect(last).toContain('卜湖社区居民委员会');
    // Every row made it: 记-0001 … 记-2000 (the fixture numbers rows with 3+ digits).
    const all = text(files.long);
    expect(all).toContain('记-2000');
    expect(all.match(/记-\d+/g)?.length).toBe(2000);
  });
});

describe('batch', () => {
  it('starts each notice on its own page with its own page numbers', () => {
    const titles = ['卜湖社区2026年10月财务收支公开', '卜湖社区2026年第四季度最低生活保障对象名单公示', '卜湖社区2026年11月居民代表会议决定事项公开'];
    const pages = pageCount(files.batch);
    const texts = Array.from({ length: pages }, (_, i) => flat(text(files.batch, i + 1)));
    const firstPages = titles.map((t) => texts.findIndex((p) => p.includes(t)));
    expect(firstPages[0]).toBe(0);
    expect(firstPages[1]).toBeGreaterThan(firstPages[0]);
    expect(firstPages[2]).toBeGreaterThan(firstPages[1]);
    firstPages.forEach((page, i) => {
      for (const other of titles.filter((_, j) => j !== i)) expect(texts[page]).not.toContain(other);
      expect(texts[page]).toMatch(/第1页共\d+页/);
    });
    expect(poppler('pdfinfo', [files.batch])).toMatch(/Title:\s+卜湖社区公开栏公告（共3份）/);
  });
});

describe('status and untrusted text', () => {
  it('prints the withdrawal banner', () => {
    expect(flat(text(files.withdrawn))).toContain('已撤回：本公告内容有误，2026年11月27日撤回');
  });

  it('prints markup as plain text', () => {
    expect(text(files.withdrawn)).toContain('<script>alert("x")</script> & <b>不是标签</b>');
  });
});
