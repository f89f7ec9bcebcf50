/**
 * Numbers written the way people type them (issue 13 §1): separators between digit groups, zero-width and other
 * invisible characters, full-width and other compatibility forms, line breaks — and what must NOT be taken for
 * personal data (amounts, dates, 索引号, figures in finance tables).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, withRules, type CustomRule, type PiiKind } from './pii-patterns.ts';
import { maskAll, maskText, scanText } from './pii-scan.ts';
import { groupBy4, refIdCheck, refLuhnCheck, toFullWidth } from './test-data.ts';

const opts = { today: '2026-11-26' };
const scan = (text: string, rules = DEFAULT_RULES) => scanText(text, rules, opts);
const found = (text: string, rules = DEFAULT_RULES) => scan(text, rules).map((h) => [h.kind, h.value] as [PiiKind, string]);

// The issue's examples (both check digits are right: GB 11643 MOD 11-2 gives 0 and 9).
const ISSUE_SPACES = '321323 19660707 7770';
const ISSUE_DASHES = '321323-19881111-2229';
const ZWSP = '\u200B';
const ISSUE_ZW = `3213231966${ZWSP}07077770`;
const CARD19 = (() => {
  const p = '621700123456789012';
  return p + refLuhnCheck(p);
})();

describe('the issue’s three examples', () => {
  it.each([
    ['spaces', ISSUE_SPACES],
    ['dashes', ISSUE_DASHES],
    ['a zero-width space inside', ISSUE_ZW],
  ])('%s: found, exact span, masked in place', (_n, written) => {
    expect(refIdCheck(written.replace(/\D/g, '').slice(0, 17))).toBe(written.replace(/\D/g, '').slice(17));
    const text = `低保对象王某，身份证号${written}，住卜湖社区。`;
    const hits = scan(text);
    expect(hits.map((h) => [h.kind, h.value])).toEqual([['id', written]]);
    expect(text.slice(hits[0].start, hits[0].end)).toBe(written);
    const masked = maskAll(text, DEFAULT_RULES, opts);
    expect(masked.startsWith('低保对象王某，身份证号32')).toBe(true);
    expect(masked.endsWith('，住卜湖社区。')).toBe(true);
    expect(masked.replace(/[^0-9]/g, '')).toBe(`32${written.replace(/\D/g, '').slice(15)}`);
    expect(scan(masked)).toEqual([]);
  });

  it('the masked form keeps the separators and the rest of the text as written', () => {
    expect(maskAll(`号码${ISSUE_SPACES}。`, DEFAULT_RULES, opts)).toBe('号码32**** ******** *770。');
    expect(maskAll(`号码${ISSUE_DASHES}。`, DEFAULT_RULES, opts)).toBe('号码32****-********-*229。');
    expect(maskAll(`号码${ISSUE_ZW}。`, DEFAULT_RULES, opts)).toBe(`号码32********${ZWSP}*****770。`);
  });
});

describe('separators, invisible characters and compatibility forms', () => {
  const ID = '321323196607077770';
  it.each<[string, string]>([
    ['ideographic spaces', '321323　19660707　7770'],
    ['several spaces', '321323   19660707  7770'],
    ['full-width dash', '321323－19660707－7770'],
    ['em dash', '321323—19660707—7770'],
    ['doubled em dash (IME)', '321323——19660707——7770'],
    ['dots', '321323.19660707.7770'],
    ['middle dots', '321323·19660707·7770'],
    ['slashes', '321323/19660707/7770'],
    ['mixed separators in the usual grouping', '321323-19660707 7770'],
    ['groups of four', '3213 2319 6607 0777 70'],
    ['any grouping with one kind of separator', '32 1323 196 60707 77 70'],
    ['a line break where the line wrapped', '321323196607\n077770'],
    ['two line breaks (narrow column)', '321323\n196607\n077770'],
    ['CRLF and a paragraph break', '321323\r\n19660707\r\n7770'],
    ['word joiner', `321323\u206019660707\u20607770`],
    ['BOM / zero-width no-break space', `3213231966\uFEFF07077770`],
    ['zero-width joiner and non-joiner', `32\u200D1323\u200C196607077770`],
    ['soft hyphen', `321323\u00AD19660707\u00AD7770`],
    ['full-width digits with spaces', toFullWidth('321323 19660707 7770')],
    ['mathematical bold digits', [...ID].map((d) => String.fromCodePoint(0x1d7ce + Number(d))).join('')],
    ['no-break spaces', '321323\u00A019660707\u00A07770'],
  ])('resident ID, %s', (_n, written) => {
    const text = `身份证号：${written}，已核实`;
    expect(found(text)).toEqual([['id', written]]);
    const masked = maskAll(text, DEFAULT_RULES, opts);
    expect(scan(masked)).toEqual([]);
    expect(masked.normalize('NFKC').replace(/[^0-9]/g, '')).toBe('32770');
  });

  it.each<[string, string]>([
    ['3-4-4 with spaces', '138 1234 5678'],
    ['3-4-4 with ideographic spaces', '138　1234　5678'],
    ['3-4-4 with em dashes', '138—1234—5678'],
    ['3-4-4 with dots', '138.1234.5678'],
    ['3-4-4 with middle dots', '138·1234·5678'],
    ['3-4-4 with slashes', '138/1234/5678'],
    ['3-8', '138 12345678'],
    ['full-width with full-width dashes', '１３８－１２３４－５６７８'],
    ['zero-width spaces anywhere', `1${ZWSP}38${ZWSP}1234${ZWSP}5678`],
    ['a line break between groups', '138 1234\n5678'],
  ])('mobile, %s', (_n, written) => {
    expect(found(`联系电话：${written}。`)).toEqual([['mobile', written]]);
  });

  it.each<[string, string]>([
    ['groups of 4, 19 digits', groupBy4(CARD19, ' ')],
    ['groups of 4 with dots', groupBy4(CARD19, '.')],
    ['groups of 4 with em dashes', groupBy4(CARD19, '—')],
    ['mixed spaces and dashes', `${CARD19.slice(0, 4)} ${CARD19.slice(4, 8)}-${CARD19.slice(8, 12)} ${CARD19.slice(12, 16)} ${CARD19.slice(16)}`],
    ['zero-width characters', `${CARD19.slice(0, 7)}\u200B${CARD19.slice(7, 13)}\uFEFF${CARD19.slice(13)}`],
    ['wrapped onto the next line', `${CARD19.slice(0, 10)}\n${CARD19.slice(10)}`],
  ])('bank card, %s', (_n, written) => {
    expect(found(`收款账户 ${written} 农商行`)).toEqual([['bank_card', written]]);
  });

  it('15-digit old IDs in the usual grouping', () => {
    expect(found('旧证 110105 491231 002 办理')).toEqual([['id', '110105 491231 002']]);
  });

  it('a county pattern is found with separators and invisible characters too', () => {
    const ssc: CustomRule = {
      id: 'shebao_card',
      kind: 'custom',
      label: '社保卡号',
      regex: '(?<![A-Z0-9])[A-Z]\\d{8}(?![0-9])',
      enabled: true,
      mask: { keepFirst: 1, keepLast: 2, maskChar: '*' },
    };
    const rules = withRules({}, [ssc]);
    expect(found('社保卡号M1234 5678，已发放', rules)).toEqual([['custom', 'M1234 5678']]);
    expect(found(`社保卡号M1234${ZWSP}5678`, rules)).toEqual([['custom', `M1234${ZWSP}5678`]]);
    expect(maskAll('社保卡号M1234-5678。', rules, opts)).toBe('社保卡号M****-**78。');
  });

  it('masking never touches text outside the hits (positions are exact)', () => {
    const text = `A：${ISSUE_SPACES}；B：${ISSUE_ZW}；C：138—1234—5678；D：${groupBy4(CARD19, ' ')}。`;
    const hits = scan(text);
    expect(hits.map((h) => h.kind)).toEqual(['id', 'id', 'mobile', 'bank_card']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.value);
    const out = maskText(text, hits);
    let last = 0;
    for (const h of hits) {
      expect(out.slice(last, h.start)).toBe(text.slice(last, h.start));
      last = h.end;
    }
    expect(out.slice(last)).toBe(text.slice(last));
  });
});

describe('not personal data (false positives)', () => {
  it.each<[string, string]>([
    ['amounts with decimals', '本月收入 13,800.00 元，支出 1,380,000.00 元，结余 138.12 元'],
    ['amount column of a statement (one figure a line)', '13800.00\n1234.56\n5678.00\n150.00\n2000.00\n3000.00'],
    ['integer amounts one a line', '150\n2000\n3000\n1500000\n2000'],
    ['date ranges', '公示期：2026-10-05 至 2026-11-30；2026.10.05—2026.11.30；2026/10/05'],
    ['date and time', '2026年10月05日 13:45，会议室 138 号'],
    ['索引号', '索引号：321323002/2026-00012；014237658-2/2026-00123；321323106211/2026-00001'],
    ['文号 and issue numbers', '泗政办发〔2023〕72号 第 13 期 2026年 第 138 号'],
    ['a row of 序号', '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20'],
    ['finance table cells are never joined', '凭证号\t记-15\t2026-10-05\t13800.00\t1234.56'],
    ['an office landline', '办公电话 0527-85272811'],
    ['population figures', '全村 1380 户 4567 人，耕地 12345.67 亩'],
    ['a mobile split at an odd place is not re-assembled from figures', '1500000\n2000 元'],
  ])('%s', (_n, text) => {
    expect(found(text)).toEqual([]);
  });
});
