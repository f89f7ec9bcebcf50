/**
 * Every letter kind rendered for real in both formats and read back: the .docx XML through jszip, the PDF text
 * through pdf.js (publishing's extractPdfText). No mocks. All files are rendered once in beforeAll.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../../publishing/index.ts';
import { DECISION_TYPES, LETTER_KINDS, type DecisionType, type LetterKind } from '../request.types.ts';
import { composeLetter, REPLY_BODIES, REPLY_TITLES } from './letter.templates.ts';
import { renderLetter } from './letter.render.ts';
import { formatLetterNumber, letterNumber, missingForKind, emptyLetterSettings, validateLetterSettings, type LetterSettingsInput } from './letter-settings.ts';
import { LetterInputError, type LetterDecision, type LetterInput } from './letter.types.ts';
import { baseLetter, letterFor } from './test-letters.ts';

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } } } };

/** Text without whitespace, so wrapping and layout spacing do not matter. */
const flat = (s: string) => s.replace(/[\s\u3000]+/g, '');

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

async function pdfText(buf: Buffer): Promise<string> {
  return (await extractPdfText(buf)).join('\n');
}

/** Reply types also rendered as PDF (every type is rendered as .docx; the shared text comes from one LetterDocument). */
const PDF_REPLY_TYPES: DecisionType[] = ['partial', 'refuse.third-party', 'unable.not-ours', 'not-processed.repeat', 'other.no-correction'];

const rendered = new Map<string, { docx: string; pdf: string; pdfBytes: Buffer; docxBytes: Buffer }>();
let dir: string;

/** One reply per decision type, with what the type requires. */
function replyFor(type: DecisionType): LetterInput {
  const t = DECISION_TYPES.find((d) => d.code === type)!;
  const decision: LetterDecision = { type, legalBasis: t.legalBasis ?? '《中华人民共和国政府信息公开条例》第三十六条', reasons: `理由文字-${type}` };
  if ((t.requires as readonly string[]).includes('provision')) {
    decision.providedItems = '汇总表一份';
    decision.provisionMethod = '邮寄';
    decision.provisionUrl = 'http://www.siyang.gov.cn/';
  }
  if ((t.requires as readonly string[]).includes('withheld')) {
    decision.withheldItems = '表中个人身份证号码一栏';
    decision.withheldReasons = '属于个人隐私，公开会对第三方合法权益造成损害';
  }
  if ((t.requires as readonly string[]).includes('responsibleAgency')) decision.responsibleAgency = { name: '泗阳县财政局', contact: '0527-85211111' };
  return baseLetter('reply', { decision, number: `泗民公复〔2026〕${DECISION_TYPES.indexOf(t) + 1}号` });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'letters-'));
  const jobs: [string, LetterInput][] = [
    ...LETTER_KINDS.map((k) => [k.code, letterFor(k.code)] as [string, LetterInput]),
    ...DECISION_TYPES.map((d) => [`reply:${d.code}`, replyFor(d.code)] as [string, LetterInput]),
  ];
  for (const [key, input] of jobs) {
    // A PDF takes about a second (CJK font subsetting): replies go to PDF for a sample of types, to .docx for all.
    const wantPdf = !key.startsWith('reply:') || PDF_REPLY_TYPES.includes(key.slice(6) as DecisionType);
    const pdfBytes = wantPdf ? await renderLetter(input, 'pdf') : null;
    const docxBytes = await renderLetter(input, 'docx');
    const docx = flat(await docxText(docxBytes));
    rendered.set(key, { pdfBytes: pdfBytes ?? Buffer.alloc(0), docxBytes, pdf: pdfBytes ? flat(await pdfText(pdfBytes)) : '', docx });
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('every kind, both formats', () => {
  it.each(LETTER_KINDS.map((k) => k.code))('%s: valid files carrying title, number, dates and (where addressed) the recipient', (kind) => {
    const r = rendered.get(kind)!;
    expect(r.pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.docxBytes.subarray(0, 2).toString()).toBe('PK');
    const input = letterFor(kind as LetterKind);
    const doc = composeLetter(input);
    for (const text of [r.pdf, r.docx]) {
      expect(text).toContain(flat(doc.title));
      expect(text).toContain(flat(input.number));
      // Letters name the case's receipt date (the public-interest notice the consultation's instead); the
      // confirmation form is signed by the other party.
      if (kind !== 'consult-confirmation') {
        expect(text).toContain(kind === 'third-party-disclosure-notice' ? '2026年2月12日' : '2026年2月10日');
        expect(text).toContain('泗阳县民政局2026年3月5日'); // 落款: unit + date, no seal image
      }
      if (doc.salutation) expect(text).toContain(flat(doc.salutation));
    }
  });

  it('prints the same words in the .docx and the PDF', () => {
    for (const kind of LETTER_KINDS.map((k) => k.code)) {
      const r = rendered.get(kind)!;
      const doc = composeLetter(letterFor(kind));
      for (const b of doc.blocks) {
        if (b.type === 'para') {
          expect(r.pdf, `${kind} pdf`).toContain(flat(b.text));
          expect(r.docx, `${kind} docx`).toContain(flat(b.text));
        }
      }
      // The body is the same text in both (page numbers differ: the PDF prints 「第1页共1页」, Word a field).
      const body = flat(doc.blocks.map((b) => (b.type === 'para' ? b.text : '')).join(''));
      expect(r.pdf.includes(body.slice(0, 40))).toBe(r.docx.includes(body.slice(0, 40)));
    }
  });

  it('letters to the applicant carry the applicant; letters to a third party or agency do not name the applicant', () => {
    for (const kind of ['receipt', 'clarification', 'extension', 'fee-notice', 'reply', 'consult-notice-applicant', 'reasons-request'] as const) {
      expect(rendered.get(kind)!.pdf, kind).toContain('王晓明');
    }
    for (const kind of ['consult-third-party', 'consult-co-producer', 'assist', 'third-party-disclosure-notice', 'consult-confirmation'] as const) {
      expect(rendered.get(kind)!.pdf, kind).not.toContain('王晓明');
      expect(rendered.get(kind)!.docx, kind).not.toContain('王晓明');
    }
    // …and the applicant is not told who the third party is.
    expect(rendered.get('consult-notice-applicant')!.pdf).not.toContain('某某农业');
  });

  it('cites the legal basis of each kind', () => {
    const cites: Record<LetterKind, string> = {
      registration: '第三十三条',
      receipt: '第三十一条',
      clarification: '第三十条',
      'reasons-request': '第三十五条',
      extension: '第三十三条',
      'consult-third-party': '第三十二条',
      'consult-confirmation': '征求意见书',
      'consult-notice-applicant': '第三十二条',
      'third-party-disclosure-notice': '第三十二条',
      'consult-co-producer': '第三十四条',
      assist: '第三十三条',
      'fee-notice': '国办函〔2020〕109号',
      reply: '第三十六条第（二）项',
    };
    for (const [kind, cite] of Object.entries(cites)) {
      expect(rendered.get(kind)!.pdf, kind).toContain(cite);
      expect(rendered.get(kind)!.docx, kind).toContain(cite);
    }
  });

  it('carries the kind-specific dates and details', () => {
    expect(rendered.get('receipt')!.pdf).toContain('不迟于2026年3月16日');
    expect(rendered.get('clarification')!.pdf).toContain('请您于2026年2月27日前（含当日）');
    expect(rendered.get('clarification')!.pdf).toContain('视为放弃申请');
    expect(rendered.get('extension')!.pdf).toContain('答复期限延长20个工作日');
    expect(rendered.get('extension')!.pdf).toContain('本机关将于2026年4月14日前作出答复');
    expect(rendered.get('consult-third-party')!.pdf).toContain('15个工作日内（即2026年3月9日前）');
    expect(rendered.get('consult-third-party')!.pdf).toContain('贵单位的商业秘密');
    expect(rendered.get('consult-co-producer')!.pdf).toContain('视为同意公开');
    expect(rendered.get('fee-notice')!.pdf).toContain('应缴金额：人民币100.00元');
    expect(rendered.get('fee-notice')!.pdf).toContain('请您于2026年3月10日前（含当日）缴纳');
    expect(rendered.get('third-party-disclosure-notice')!.pdf).toContain('贵单位于2026年2月20日提出不同意公开的意见');
    expect(rendered.get('registration')!.docx).toContain('居民身份证321323199001011234');
  });
});

describe('the remedy clause', () => {
  it('names the configured review bodies and court on every reply and on the public-interest notice', () => {
    for (const key of [...DECISION_TYPES.map((d) => `reply:${d.code}`), 'third-party-disclosure-notice']) {
      for (const text of [rendered.get(key)!.pdf, rendered.get(key)!.docx].filter(Boolean)) {
        expect(text, key).toMatch(/收到本(答复书|告知书)之日起60日内向泗阳县人民政府申请行政复议/);
        expect(text, key).toMatch(/6个月内依法向泗阳县人民法院提起行政诉讼/);
      }
    }
  });

  it('joins several review bodies with 或者', () => {
    const doc = composeLetter(
      baseLetter('reply', {
        decision: replyFor('disclose.provide').decision,
        remedy: { reviewBodies: ['泗阳县人民政府', '宿迁市民政局'], court: '宿迁市宿城区人民法院' },
      }),
    );
    const clause = doc.blocks.at(-1)!;
    expect(clause.type === 'para' && clause.text).toContain('向泗阳县人民政府或者宿迁市民政局申请行政复议');
    expect(clause.type === 'para' && clause.text).toContain('依法向宿迁市宿城区人民法院提起行政诉讼');
  });

  it('is not printed on letters that do not decide anything', () => {
    for (const kind of ['receipt', 'clarification', 'extension', 'consult-third-party', 'fee-notice'] as const) {
      expect(rendered.get(kind)!.pdf, kind).not.toContain('申请行政复议');
    }
  });

  it('refuses a reply when the unit has not set review bodies or court', async () => {
    for (const remedy of [null, { reviewBodies: [], court: '泗阳县人民法院' }, { reviewBodies: ['泗阳县人民政府'], court: ' ' }]) {
      const input = { ...replyFor('disclose.provide'), remedy };
      expect(() => composeLetter(input)).toThrow(LetterInputError);
      await expect(renderLetter(input, 'pdf')).rejects.toMatchObject({
        code: 'LETTER_REMEDY_NOT_SET',
        message: expect.stringContaining('尚未设置行政复议机关和管辖法院'),
      });
    }
  });
});

describe('replies per decision type', () => {
  it('has a title and a body for every decision type', () => {
    for (const d of DECISION_TYPES) {
      expect(REPLY_TITLES[d.code], d.code).toMatch(/(答复书|告知书)$/);
      expect(REPLY_BODIES[d.code].length, d.code).toBeGreaterThan(0);
    }
  });

  it.each(DECISION_TYPES.map((d) => d.code))('%s: title, legal basis and reasons in both formats', (type) => {
    const r = rendered.get(`reply:${type}`)!;
    const input = replyFor(type);
    expect(r.docx).not.toBe('');
    for (const text of [r.pdf, r.docx].filter(Boolean)) {
      expect(text).toContain(`泗阳县民政局${REPLY_TITLES[type]}`);
      expect(text).toContain(flat(input.number));
      expect(text).toContain(flat(input.decision!.legalBasis));
      expect(text).toContain('王晓明：');
      const t = DECISION_TYPES.find((d) => d.code === type)!;
      // Reasons are printed (for 部分公开: the withheld part's reasons, which take their place).
      if ((t.requires as readonly string[]).includes('reasons'))
        expect(text).toContain(type === 'partial' ? '不予公开部分的理由：属于个人隐私' : `理由文字-${type}`);
    }
  });

  it('the not-ours reply names the responsible agency and its contact, and refuses to print without them', () => {
    const r = rendered.get('reply:unable.not-ours')!;
    for (const text of [r.pdf, r.docx]) {
      expect(text).toContain('非本机关政府信息告知书');
      expect(text).toContain('该政府信息由泗阳县财政局负责公开，联系方式：0527-85211111');
    }
    const input = replyFor('unable.not-ours');
    expect(() => composeLetter({ ...input, decision: { ...input.decision!, responsibleAgency: null } })).toThrow(/缺少负责公开的机关名称/);
    expect(() => composeLetter({ ...input, decision: { ...input.decision!, responsibleAgency: { name: '泗阳县财政局', contact: '' } } })).toThrow(
      /缺少负责公开的机关联系方式/,
    );
  });

  it('the partial reply says what was withheld and why', () => {
    const r = rendered.get('reply:partial')!;
    expect(r.pdf).toContain('对表中个人身份证号码一栏不予公开');
    expect(r.pdf).toContain('不予公开部分的理由：属于个人隐私');
    expect(r.pdf).toContain('获取地点（途径）：网址：http://www.siyang.gov.cn/');
  });

  it('refuses incomplete decisions with a Chinese message naming the field', () => {
    const input = replyFor('refuse.third-party');
    expect(() => composeLetter({ ...input, decision: { ...input.decision!, reasons: '' } })).toThrow('缺少理由，无法生成文书');
    expect(() => composeLetter({ ...input, decision: { ...input.decision!, legalBasis: ' ' } })).toThrow('缺少法律依据，无法生成文书');
    expect(() => composeLetter({ ...input, decision: null })).toThrow(/答复书需要答复内容/);
  });
});

describe('bad input', () => {
  it('refuses impossible dates, missing numbers, long extensions and missing kind details', () => {
    expect(() => composeLetter(baseLetter('receipt', { receivedOn: '2026-02-30' }))).toThrow('收到申请日期不是有效日期（应为 YYYY-MM-DD）：2026-02-30');
    expect(() => composeLetter(baseLetter('receipt', { number: '' }))).toThrow('缺少文号（编号），无法生成文书');
    expect(() => composeLetter(baseLetter('receipt', { dueOn: null }))).toThrow('缺少法定答复期限，无法生成文书');
    expect(() => composeLetter(baseLetter('clarification'))).toThrow('缺少需要补正的事项，无法生成文书');
    const ext = letterFor('extension');
    expect(() => composeLetter({ ...ext, extension: { ...ext.extension!, workingDays: 21 } })).toThrow('延期答复的天数应为1至20个工作日（条例第三十三条）');
    expect(() => composeLetter(baseLetter('fee-notice'))).toThrow('缺少计费方式，无法生成文书');
  });

  it('prints the registration form of an online application not yet confirmed, and refuses other letters without a receipt date', async () => {
    const input = baseLetter('registration', { receivedOn: null, dueOn: null });
    expect(await docxText(await renderLetter(input, 'docx'))).toContain('待与申请人确认（条例第三十一条）');
    expect(() => composeLetter(baseLetter('receipt', { receivedOn: null }))).toThrow('缺少收到申请日期，无法生成文书');
  });

  it('prints markup as text', async () => {
    const input = baseLetter('receipt', { request: { description: '<script>alert(1)</script> & <b>说明</b>' } });
    expect(await docxText(await renderLetter(input, 'docx'))).toContain('<script>alert(1)</script> & <b>说明</b>');
    expect(flat(await pdfText(await renderLetter(input, 'pdf')))).toContain('<script>alert(1)</script>&<b>说明</b>');
  });
});

describe('the PDF as a page', () => {
  it('is one A4 page with embedded CJK subsets, deterministic bytes, and ink where text is', async () => {
    const r = rendered.get('reply')!;
    const file = join(dir, 'reply.pdf');
    writeFileSync(file, r.pdfBytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+泗阳县民政局政府信息公开申请答复书/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+NotoSansHans-Regular/);
    expect((await renderLetter(letterFor('reply'), 'pdf')).equals(r.pdfBytes)).toBe(true);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-singlefile', file, join(dir, 'reply')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'reply.png')));
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 160) ink++;
    const share = ink / (png.width * png.height);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.3);
  });

  it('keeps every fixture letter on one page', () => {
    for (const kind of LETTER_KINDS.map((k) => k.code)) {
      expect(rendered.get(kind)!.pdf, kind).toContain('第1页共1页');
    }
  });
});

describe('settings (pure)', () => {
  const ok: LetterSettingsInput = {
    numberPatterns: { reply: '泗民公复〔{year}〕{n}号', clarification: '泗民公补〔{year}〕{n}号' },
    reviewBodies: ['泗阳县人民政府'],
    court: '泗阳县人民法院',
    office: { address: '众兴街道北京中路20号', postcode: '223700', phone: '0527-85212808', contact: '公开办', hours: null },
    feePaymentMethod: null,
  };

  it('formats numbers from the unit pattern', () => {
    expect(formatLetterNumber('泗民公复〔{year}〕{n}号', 2026, 7)).toBe('泗民公复〔2026〕7号');
  });

  it.each([
    [{ numberPatterns: { reply: '泗民公复〔2026〕{n}号' } }, '必须包含 {year}'],
    [{ numberPatterns: { reply: '泗民公复〔{year}〕号' } }, '必须包含一次 {n}'],
    [{ numberPatterns: { reply: '{unit}〔{year}〕{n}号' } }, '不能使用 {unit}'],
    [{ numberPatterns: { reply: '〔{year}〕{n}' } }, '需要写明本单位的文号简称'],
    [{ numberPatterns: { reply: 'A〔{year}〕{n}号', extension: 'A〔{year}〕{n}号' } }, '文号格式相同'],
    [{ reviewBodies: ['甲', '泗阳县人民政府'] }, '行政复议机关名称应为2至60个字'],
    [{ reviewBodies: ['泗阳县人民政府', '泗阳县人民政府'] }, '行政复议机关重复填写'],
    [{ reviewBodies: ['a1', 'b2', 'c3', 'd4'] }, '最多填写3个'],
    [{ court: '泗阳县政府' }, '管辖法院应填写法院全称'],
    [{ office: { ...ok.office, postcode: '22370' } }, '邮政编码应为6位数字'],
    [{ office: { ...ok.office, phone: 'call me' } }, '联系电话格式不正确'],
  ] as [Partial<LetterSettingsInput>, string][])('refuses %j', (over, message) => {
    const problems = validateLetterSettings({ ...ok, ...over });
    expect(problems.join('；')).toContain(message);
  });

  it('accepts good settings and reports what is missing per kind', () => {
    expect(validateLetterSettings(ok)).toEqual([]);
    const s = { ...emptyLetterSettings('dept-mzj'), ...ok };
    expect(missingForKind(s, 'reply')).toEqual([]);
    expect(missingForKind(s, 'receipt')).toEqual([]);
    expect(missingForKind(s, 'extension')).toEqual([]);
    expect(missingForKind(s, 'fee-notice')).toContain('信息处理费缴费方式');
    expect(missingForKind(emptyLetterSettings('x'), 'reply')).toEqual(['行政复议机关', '管辖法院']);
    // Without a pattern the register's own number is printed; with one, the unit's abbreviation.
    const reg = { year: 2026, serial: 3, letterNo: '答复〔2026〕3号' };
    expect(letterNumber(emptyLetterSettings('x'), 'reply', reg)).toBe('答复〔2026〕3号');
    expect(letterNumber(s, 'reply', reg)).toBe('泗民公复〔2026〕3号');
  });
});
