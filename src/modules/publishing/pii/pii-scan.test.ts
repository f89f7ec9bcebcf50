import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  PiiRuleError,
  classifyResidentId,
  idCheckDigit,
  luhnValid,
  validateRules,
  withRules,
  type CustomRule,
  type PiiKind,
} from './pii-patterns.ts';
import {
  applyMask,
  fingerprintOf,
  hitsToMask,
  maskAll,
  maskText,
  scanTable,
  scanText,
  unresolvedHits,
  validateDecision,
  type PiiDecision,
} from './pii-scan.ts';
import { groupBy4, pick, prng, randomCard, randomId, randomMobile, refIdCheck, refLuhnCheck, toFullWidth } from './test-data.ts';

const TODAY = '2025-06-30';
const opts = { today: TODAY };
const scan = (text: string, rules = DEFAULT_RULES) => scanText(text, rules, opts);
const kinds = (text: string, rules = DEFAULT_RULES) => scan(text, rules).map((h) => [h.kind, h.value] as [PiiKind, string]);

// GB 11643-1999's own example.
const STD_ID = '11010519491231002X';
const ID_A = (() => {
  const f = '32132319900101123';
  return f + refIdCheck(f);
})();
const WRONG_CHECK_A = ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0');
const CARD16 = (() => {
  const p = '622202123456789';
  return p + refLuhnCheck(p);
})();

describe('reference arithmetic agrees with the production validators', () => {
  it('GB 11643 standard example and generated IDs', () => {
    expect(refIdCheck(STD_ID.slice(0, 17))).toBe('X');
    expect(idCheckDigit(STD_ID.slice(0, 17))).toBe('X');
    const rand = prng(7);
    for (let i = 0; i < 200; i++) {
      const id = randomId(rand);
      expect(idCheckDigit(id.slice(0, 17))).toBe(id[17]);
    }
  });
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true); // well-known test card number
    expect(luhnValid('4111111111111112')).toBe(false);
    const rand = prng(8);
    for (let i = 0; i < 200; i++) expect(luhnValid(randomCard(rand))).toBe(true);
  });
});

describe('resident IDs', () => {
  it.each<[string, string, [PiiKind, string][]]>([
    ['embedded in Chinese text', `身份证号${ID_A}住址泗阳县`, [['id', ID_A]]],
    ['standard example, X', `证件：${STD_ID}。`, [['id', STD_ID]]],
    ['lower-case x', `证件${STD_ID.toLowerCase()}号`, [['id', STD_ID.toLowerCase()]]],
    ['full-width digits and Ｘ', `身份证${toFullWidth(STD_ID)}住址`, [['id', toFullWidth(STD_ID)]]],
    ['15-digit old ID (1949-12-31)', '旧证110105491231002办理', [['id', '110105491231002']]],
    ['wrong check digit → possible_id', `号码${WRONG_CHECK_A}`, [['possible_id', WRONG_CHECK_A]]],
    ['province code 99 is not an ID', '号码991323199001011234', []],
    ['19900230 is not a real date', `号码${'32132319900230123' + refIdCheck('32132319900230123')}`, []],
    ['birth date after today', `号码${'32132320250701123' + refIdCheck('32132320250701123')}`, []],
    ['birth date before 1900', `号码${'32132318991231123' + refIdCheck('32132318991231123')}`, []],
    ['15-digit with invalid date', '旧证110105491331002办理', []],
    ['inside a longer digit run', `编号9${ID_A}`, []],
    ['adjacent to a letter', `A${ID_A}`, []],
    ['followed by a letter', `${ID_A}B`, []],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('birth date on "today" is accepted, the day after is not', () => {
    const f = '32132320250630123';
    expect(classifyResidentId(f + refIdCheck(f), '2025-06-30')).toBe('valid');
    expect(classifyResidentId(f + refIdCheck(f), '2025-06-29')).toBe('invalid');
  });

  it('possible_id can be switched off', () => {
    const rules = withRules({ possible_id: { enabled: false } });
    expect(kinds(`号码${WRONG_CHECK_A}`, rules)).toEqual([]);
  });

  it('positions refer to the original (full-width) text', () => {
    const text = `张三，身份证号${toFullWidth(ID_A)}，电话１３８１２３４５６７８。`;
    const hits = scan(text);
    expect(hits.map((h) => h.kind)).toEqual(['id', 'mobile']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.value);
    expect(hits[0].start).toBe(7);
  });
});

describe('mobile numbers', () => {
  it.each<[string, string, string[]]>([
    ['plain', '电话13812345678。', ['13812345678']],
    ['spaces', '电话 138 1234 5678 联系', ['138 1234 5678']],
    ['dashes', '电话138-1234-5678', ['138-1234-5678']],
    ['+86 prefix (not part of the hit)', '+86 13812345678', ['13812345678']],
    ['+86 without space', '+8613812345678', ['13812345678']],
    ['(+86) prefix', '(+86)138-1234-5678', ['138-1234-5678']],
    ['full-width', '电话：１３８１２３４５６７８', ['１３８１２３４５６７８']],
    ['full-width （＋８６）', '（＋８６）１３９ ０００１ ２２２２', ['１３９ ０００１ ２２２２']],
    ['19x range', '19912345678', ['19912345678']],
    ['12x is no mobile prefix', '12812345678', []],
    ['inside a longer run', '213812345678', []],
    ['followed by a digit', '138123456789', []],
    ['10 digits', '1381234567', []],
  ])('%s', (_name, text, values) => {
    const hits = scan(text);
    expect(hits.map((h) => h.value)).toEqual(values);
    expect(hits.every((h) => h.kind === 'mobile')).toBe(true);
  });
});

describe('bank cards', () => {
  const card19 = (() => {
    const p = '621700123456789012';
    return p + refLuhnCheck(p);
  })();
  it.each<[string, string, [PiiKind, string][]]>([
    ['16 digits', `卡号${CARD16}开户行`, [['bank_card', CARD16]]],
    ['19 digits', `卡号${card19}`, [['bank_card', card19]]],
    ['grouped by spaces', `卡号 ${groupBy4(CARD16, ' ')} 农商行`, [['bank_card', groupBy4(CARD16, ' ')]]],
    ['grouped by dashes, 19 digits', `卡号${groupBy4(card19, '-')}`, [['bank_card', groupBy4(card19, '-')]]],
    ['full-width', `卡号${toFullWidth(CARD16)}`, [['bank_card', toFullWidth(CARD16)]]],
    ['Luhn fails', `卡号${CARD16.slice(0, 15)}${(Number(CARD16[15]) + 1) % 10}`, []],
    ['20 digits is no card', `流水号${CARD16}1234`, []],
    [
      'mixed separators in groups of 4 are a card',
      `卡号${CARD16.slice(0, 4)} ${CARD16.slice(4, 8)}-${CARD16.slice(8, 12)} ${CARD16.slice(12)}`,
      [['bank_card', `${CARD16.slice(0, 4)} ${CARD16.slice(4, 8)}-${CARD16.slice(8, 12)} ${CARD16.slice(12)}`]],
    ],
    ['mixed separators in an unusual grouping are not', `卡号${CARD16.slice(0, 5)} ${CARD16.slice(5, 10)}-${CARD16.slice(10)}`, []],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('an ID that also passes Luhn is reported once, as an ID', () => {
    const rand = prng(11);
    let id = '';
    while (!id) {
      const c = randomId(rand);
      if (luhnValid(c) && !c.endsWith('X')) id = c;
    }
    expect(kinds(`身份证${id}`)).toEqual([['id', id]]);
    expect(kinds(`身份证${id}`, withRules({ resident_id: { enabled: false }, possible_id: { enabled: false } }))).toEqual([['bank_card', id]]);
  });
});

describe('landlines and custom rules', () => {
  it('landlines are not personal by default, but a rule exists', () => {
    expect(kinds('办公电话0527-85272811')).toEqual([]);
    const rules = withRules({ landline: { enabled: true } });
    expect(kinds('办公电话0527-85272811', rules)).toEqual([['landline', '0527-85272811']]);
    expect(kinds('电话(0527)85272811', rules)).toEqual([['landline', '(0527)85272811']]);
    expect(scan('0527-85272811', rules)[0].masked).toBe('****-****2811');
  });

  const ssc: CustomRule = {
    id: 'shebao_card',
    kind: 'custom',
    label: '社保卡号',
    regex: '(?<![A-Z0-9])[A-Z]\\d{8}(?![0-9])',
    enabled: true,
    mask: { keepFirst: 1, keepLast: 2, maskChar: '*' },
  };
  it('a county pattern (社保卡号) is found and masked, also in full-width', () => {
    const rules = withRules({}, [ssc]);
    const hits = scan('社保卡号Ｍ１２３４５６７８，已发放', rules);
    expect(hits.map((h) => [h.kind, h.ruleId, h.value, h.masked])).toEqual([['custom', 'shebao_card', 'Ｍ１２３４５６７８', 'Ｍ******７８']]);
    expect(kinds('社保卡号M12345678', withRules({}, [{ ...ssc, enabled: false }]))).toEqual([]);
  });

  it.each<[string, CustomRule, RegExp]>([
    ['bad regex', { ...ssc, regex: '([A-Z' }, /规则「社保卡号」的正则表达式无效/],
    ['matches empty text', { ...ssc, regex: '\\d*' }, /会匹配空文本/],
    ['bad flag', { ...ssc, flags: 'g' }, /正则标志「g」无效/],
    ['bad id', { ...ssc, id: 'Bad Id' }, /编号须以小写字母开头/],
    ['builtin id reused', { ...ssc, id: 'mobile' }, /不能使用内置规则编号/],
    ['mask char is a digit', { ...ssc, mask: { keepFirst: 0, keepLast: 0, maskChar: '0' } }, /脱敏字符/],
    ['negative keep', { ...ssc, mask: { keepFirst: -1, keepLast: 0, maskChar: '*' } }, /keepFirst 须为 0–32 的整数/],
    ['missing label', { ...ssc, label: ' ' }, /缺少名称/],
  ])('invalid rule: %s', (_name, rule, message) => {
    const rules = withRules({}, [rule]);
    expect(
      validateRules(rules)
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(message);
    expect(() => scan('x', rules)).toThrow(PiiRuleError);
    expect(() => scan('x', rules)).toThrow(message);
  });

  it('duplicate rule ids are refused', () => {
    expect(validateRules(withRules({}, [ssc, ssc])).map((p) => p.message)).toEqual(['规则编号「shebao_card」重复']);
    expect(validateRules(DEFAULT_RULES)).toEqual([]);
  });

  it('today must be given as YYYY-MM-DD', () => {
    expect(() => scanText('x', DEFAULT_RULES, { today: '2025/06/30' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('masking', () => {
  it.each<[string, string, string]>([
    ['18-digit ID: first 2, last 3, length kept', ID_A, `32*************${ID_A.slice(15)}`],
    ['standard example', STD_ID, '11*************02X'],
    ['15-digit ID', '110105491231002', '11**********002'],
    ['mobile', '13812345678', '138****5678'],
    ['mobile with spaces keeps separators', '138 1234 5678', '138 **** 5678'],
    ['bank card grouped', groupBy4(CARD16, ' '), `**** **** **** ${CARD16.slice(12)}`],
    ['bank card plain', CARD16, `************${CARD16.slice(12)}`],
    ['full-width mobile keeps full-width kept digits', '１３８１２３４５６７８', '１３８****５６７８'],
  ])('%s', (_name, value, masked) => {
    const hits = scan(`内容${value}。`);
    expect(hits).toHaveLength(1);
    expect(hits[0].masked).toBe(masked);
    expect(hits[0].masked.length).toBe(value.length);
  });

  it('applyMask hides everything when nothing would be hidden otherwise', () => {
    expect(applyMask('1234', { keepFirst: 2, keepLast: 2, maskChar: '#' })).toBe('####');
    expect(applyMask('12-345', { keepFirst: 1, keepLast: 1, maskChar: '#' })).toBe('1#-##5');
  });

  it('masks are configurable per kind', () => {
    const rules = withRules({ resident_id: { mask: { keepFirst: 6, keepLast: 4, maskChar: '×' } } });
    expect(scan(ID_A, rules)[0].masked).toBe(`321323××××××××${ID_A.slice(14)}`);
  });

  it('maskText works on full-width input and keeps the rest of the text', () => {
    const text = `户主王某，身份证${toFullWidth(STD_ID)}，手机１３８-１２３４-５６７８，卡号${groupBy4(CARD16, ' ')}。`;
    const out = maskText(text, scan(text));
    expect(out).toBe(`户主王某，身份证１１*************０２Ｘ，手机１３８-****-５６７８，卡号**** **** **** ${CARD16.slice(12)}。`);
  });

  it('maskText refuses hits from another text', () => {
    const hits = scan(`电话13812345678`);
    expect(() => maskText('电话13912345678', hits)).toThrow(/does not match/);
  });

  it('property: after maskAll no id/mobile/bank_card is left (600 generated sentences, seeded)', () => {
    const rand = prng(20250630);
    const fillers = ['户主', '家庭住址泗阳县众兴镇', '，联系电话', '；开户银行卡号', '。身份证号码', '低保金额每月', '元，', '（已核实）', '保障人口3人', ''];
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      const parts: string[] = [];
      const planted: PiiKind[] = [];
      for (let j = 0; j < 4; j++) {
        parts.push(pick(rand, fillers.filter(Boolean)));
        const which = Math.floor(rand() * 3);
        let v: string;
        if (which === 0) {
          v = randomId(rand);
          planted.push('id');
        } else if (which === 1) {
          const m = randomMobile(rand);
          v = pick(rand, [m, `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `+86 ${m}`, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`]);
          planted.push('mobile');
        } else {
          const c = randomCard(rand);
          v = pick(rand, [c, groupBy4(c, ' ')]);
          planted.push('bank_card');
        }
        parts.push(rand() < 0.3 ? toFullWidth(v) : v);
      }
      parts.push(pick(rand, fillers));
      const text = parts.join('');
      const before = scan(text);
      expect(
        before.map((h) => h.kind),
        text,
      ).toEqual(planted);
      const masked = maskAll(text, DEFAULT_RULES, opts);
      const after = scan(masked).filter((h) => h.kind === 'id' || h.kind === 'mobile' || h.kind === 'bank_card');
      expect(after, masked).toEqual([]);
      checked += planted.length;
    }
    expect(checked).toBe(2400);
  });
});

describe('tables and reviewer decisions', () => {
  it('scanTable reports row, column and header', () => {
    const hits = scanTable(
      [
        ['王某某', ID_A, '3', '580'],
        ['李某', '', '2', '13812345678'],
      ],
      ['姓名', '身份证号', '保障人口', '联系方式'],
      DEFAULT_RULES,
      opts,
    );
    expect(hits.map((h) => [h.row, h.column, h.header, h.kind])).toEqual([
      [0, 1, '身份证号', 'id'],
      [1, 3, '联系方式', 'mobile'],
    ]);
  });

  it('fingerprints identify the normalised value, so one decision covers every occurrence', () => {
    const text = `村委会值班手机13812345678；再次公布：１３８ １２３４ ５６７８；户主手机13912345678`;
    const hits = scan(text);
    expect(hits).toHaveLength(3);
    expect(hits[0].fingerprint).toBe(hits[1].fingerprint);
    expect(hits[0].fingerprint).toBe(fingerprintOf('mobile', '13812345678'));
    expect(hits[2].fingerprint).not.toBe(hits[0].fingerprint);

    const allow: PiiDecision = {
      hitFingerprint: hits[0].fingerprint,
      action: 'allow',
      reason: '村委会值班手机，属公开的办公联系方式',
      by: 'u-1',
      at: '2025-06-30T02:00:00Z',
    };
    expect(unresolvedHits(hits, [allow])).toEqual([hits[2]]);
    expect(hitsToMask(hits, [allow])).toEqual([hits[2]]);
    expect(maskAll(text, DEFAULT_RULES, { ...opts, decisions: [allow] })).toBe(
      '村委会值班手机13812345678；再次公布：１３８ １２３４ ５６７８；户主手机139****5678',
    );
    // A later decision replaces the earlier one.
    const revoke: PiiDecision = { ...allow, action: 'mask', reason: undefined, at: '2025-06-30T03:00:00Z' };
    expect(hitsToMask(hits, [revoke, allow])).toEqual(hits);
    expect(unresolvedHits(hits, [revoke, allow])).toEqual([hits[2]]);
  });

  it.each<[string, Partial<PiiDecision>, string[]]>([
    ['valid allow', {}, []],
    ['allow without reason', { reason: '  ' }, ['允许公开个人信息时必须填写理由']],
    ['bad fingerprint', { hitFingerprint: 'abc' }, ['决定缺少有效的识别指纹']],
    ['no actor', { by: '' }, ['决定缺少操作人']],
    ['mask needs no reason', { action: 'mask', reason: undefined }, []],
  ])('validateDecision: %s', (_name, change, problems) => {
    const d: PiiDecision = {
      hitFingerprint: fingerprintOf('mobile', '13812345678'),
      action: 'allow',
      reason: '办公电话',
      by: 'u-1',
      at: '2025-06-30T02:00:00Z',
      ...change,
    };
    expect(validateDecision(d)).toEqual(problems);
  });
});
