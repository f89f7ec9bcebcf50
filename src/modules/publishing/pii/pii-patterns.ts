/**
 * Personal-data detection rules as data, plus the pure validators they use (resident ID check digit,
 * Luhn, real dates). No I/O, no clock: "today" is always an argument.
 *
 * Sources: GB 11643-1999 (公民身份号码), domain.md §3.4 (永安 masking convention, the default masks) and §6.
 */
import { normalise } from './pii-normalise.ts';

export type PiiKind = 'id' | 'possible_id' | 'mobile' | 'bank_card' | 'landline' | 'custom';

/** How a hit is masked: significant characters (digits/letters) other than the first `keepFirst` and last `keepLast` become `maskChar`; separators stay. */
export interface MaskSpec {
  keepFirst: number;
  keepLast: number;
  maskChar: string;
}

export type BuiltinRuleId = 'resident_id' | 'possible_id' | 'mobile' | 'bank_card' | 'landline';

export interface BuiltinRule {
  id: BuiltinRuleId;
  kind: Exclude<PiiKind, 'custom'>;
  label: string;
  enabled: boolean;
  mask: MaskSpec;
}

/**
 * A county-specific pattern (e.g. 社保卡号). `regex` is matched against the normalised text (full-width digits as
 * ASCII, invisible characters removed) and against the same text with the separators between digits removed.
 */
export interface CustomRule {
  id: string;
  kind: 'custom';
  label: string;
  regex: string;
  /** Only `i` and `u` are allowed; `g` and `d` are added by the scanner. */
  flags?: string;
  enabled: boolean;
  mask: MaskSpec;
}

export type PiiRule = BuiltinRule | CustomRule;

/** 永安 convention (domain.md §3.4): ID keeps first 2 and last 3; mobile 138****1234. Bank cards keep only the last 4. */
export const DEFAULT_MASKS: Readonly<Record<Exclude<PiiKind, 'custom'>, MaskSpec>> = {
  id: { keepFirst: 2, keepLast: 3, maskChar: '*' },
  possible_id: { keepFirst: 2, keepLast: 3, maskChar: '*' },
  mobile: { keepFirst: 3, keepLast: 4, maskChar: '*' },
  bank_card: { keepFirst: 0, keepLast: 4, maskChar: '*' },
  landline: { keepFirst: 0, keepLast: 4, maskChar: '*' },
};

export const DEFAULT_RULES: readonly PiiRule[] = Object.freeze([
  { id: 'resident_id', kind: 'id', label: '身份证号', enabled: true, mask: DEFAULT_MASKS.id },
  { id: 'possible_id', kind: 'possible_id', label: '疑似身份证号（校验位不符）', enabled: true, mask: DEFAULT_MASKS.possible_id },
  { id: 'mobile', kind: 'mobile', label: '手机号码', enabled: true, mask: DEFAULT_MASKS.mobile },
  { id: 'bank_card', kind: 'bank_card', label: '银行卡号', enabled: true, mask: DEFAULT_MASKS.bank_card },
  // Office landlines (0527-85272811) are published on purpose; a county can switch this on.
  { id: 'landline', kind: 'landline', label: '固定电话', enabled: false, mask: DEFAULT_MASKS.landline },
] satisfies PiiRule[]);

/** When two hits overlap, the kind earlier in this list wins (ID over bank card, …); one hit per span. */
export const KIND_PRIORITY: readonly PiiKind[] = ['id', 'possible_id', 'bank_card', 'mobile', 'custom', 'landline'];

/** Province-level codes (first two digits of the area code), GB/T 2260. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_MAP = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of an 18-digit resident ID. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckDigit expects 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_MAP[sum % 11];
}

/** A real Gregorian date `YYYY-MM-DD` within [min, max] (ISO strings compare correctly). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

function birthDateOk(y: number, m: number, d: number, today: string): boolean {
  if (!isRealDate(y, m, d)) return false;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return iso >= '1900-01-01' && iso <= today;
}

export type IdVerdict = 'valid' | 'bad_check_digit' | 'invalid';

/**
 * Classifies an ASCII, upper-cased 18- or 15-character candidate. `bad_check_digit` means province code and
 * birth date are plausible but the MOD 11-2 check character is wrong (a typo'd ID); 15-digit IDs have no check digit.
 */
export function classifyResidentId(candidate: string, today: string): IdVerdict {
  const s = candidate.toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) {
    if (!PROVINCE_CODES.has(s.slice(0, 2))) return 'invalid';
    if (!birthDateOk(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)), today)) return 'invalid';
    return idCheckDigit(s.slice(0, 17)) === s[17] ? 'valid' : 'bad_check_digit';
  }
  if (/^\d{15}$/.test(s)) {
    if (!PROVINCE_CODES.has(s.slice(0, 2))) return 'invalid';
    return birthDateOk(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)), today) ? 'valid' : 'invalid';
  }
  return 'invalid';
}

/** Luhn (mod 10) check over ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * The text the scanner matches on (NFKC, invisible characters removed, dashes/dots/line breaks unified; see
 * pii-normalise.ts). Offsets into it are NOT offsets into the original: the scanner maps them back itself.
 */
export function normaliseForScan(text: string): string {
  return normalise(text);
}

/** The value's identity for fingerprints: normalised, separators dropped, upper-cased. */
export function normaliseValue(value: string): string {
  return normalise(value)
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase();
}

/**
 * How a number may be written as digit groups with separators between them (`321323 19660707 7770`,
 * `138-1234-5678`, `6222 0210 0123 4567 896`). A number written in one piece, or with only invisible characters
 * inside, is always found. Written in groups, it is found when the group lengths are one of `shapes` (the
 * separators may then be mixed, and one line break may stand for a separator), or — `anyGrouping` — whatever
 * the grouping, as long as at most one kind of mark (`-`, `.`, `·`, `/`) is used, with spaces and line breaks anywhere.
 * `breakAnywhere`: a line break may also cut a group (text wrapped in a narrow column); `spaceAnywhere`: a space too.
 * The kinds with weak checks (mobiles: only the 1[3-9] prefix; 15-digit IDs: a date) accept only their usual
 * shapes, so figures in tables and amounts are not joined into numbers.
 */
export interface GroupingRule {
  shapes: readonly (readonly number[])[];
  anyGrouping: boolean;
  breakAnywhere: boolean;
  /** Like `breakAnywhere` for a space (a line break that became a space when the text was copied). */
  spaceAnywhere: boolean;
}

export const GROUPINGS: Readonly<Record<'id18' | 'possible_id' | 'id15' | 'mobile' | 'bank_card', GroupingRule>> = {
  // Check digit, province and a real birth date: an accidental match is about 1 in 50,000 windows.
  id18: {
    shapes: [
      [6, 8, 4],
      [6, 4, 4, 4],
      [4, 4, 4, 4, 2],
    ],
    anyGrouping: true,
    breakAnywhere: true,
    spaceAnywhere: true,
  },
  possible_id: {
    shapes: [
      [6, 8, 4],
      [6, 4, 4, 4],
      [4, 4, 4, 4, 2],
    ],
    anyGrouping: false,
    breakAnywhere: true,
    spaceAnywhere: false,
  },
  id15: { shapes: [[6, 6, 3]], anyGrouping: false, breakAnywhere: false, spaceAnywhere: false },
  mobile: {
    shapes: [
      [3, 4, 4],
      [3, 8],
    ],
    anyGrouping: false,
    breakAnywhere: false,
    spaceAnywhere: false,
  },
  // Luhn only: a space never cuts a group (a row of small figures `13 14 15 16 17 18 19 20` is no card).
  bank_card: {
    shapes: [
      [4, 4, 4, 4],
      [4, 4, 4, 4, 1],
      [4, 4, 4, 4, 2],
      [4, 4, 4, 4, 3],
    ],
    anyGrouping: false,
    breakAnywhere: true,
    spaceAnywhere: false,
  },
};

export interface RuleProblem {
  ruleId: string;
  message: string;
}

function maskProblems(ruleId: string, label: string, mask: MaskSpec | undefined): RuleProblem[] {
  if (!mask) return [{ ruleId, message: `规则「${label}」缺少脱敏设置（mask）` }];
  const out: RuleProblem[] = [];
  for (const key of ['keepFirst', 'keepLast'] as const) {
    const v = mask[key];
    if (!Number.isInteger(v) || v < 0 || v > 32) out.push({ ruleId, message: `规则「${label}」的脱敏设置 ${key} 须为 0–32 的整数` });
  }
  if (typeof mask.maskChar !== 'string' || [...mask.maskChar].length !== 1 || /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(mask.maskChar)) {
    out.push({ ruleId, message: `规则「${label}」的脱敏字符须为单个非数字、非字母的字符（如 *）` });
  }
  return out;
}

/** Checks a rule list; an empty array means it can be used. Messages are Chinese, for administrators. */
export function validateRules(rules: readonly PiiRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  const builtinIds = new Set(DEFAULT_RULES.map((r) => r.id));
  for (const rule of rules) {
    const id = typeof rule.id === 'string' ? rule.id : '';
    const label = typeof rule.label === 'string' && rule.label.trim() ? rule.label : id || '(未命名)';
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(id))
      problems.push({ ruleId: id, message: `规则「${label}」的编号须以小写字母开头，只含小写字母、数字、下划线或连字符` });
    else if (seen.has(id)) problems.push({ ruleId: id, message: `规则编号「${id}」重复` });
    seen.add(id);
    if (typeof rule.label !== 'string' || !rule.label.trim()) problems.push({ ruleId: id, message: `规则「${id}」缺少名称（label）` });
    if (typeof rule.enabled !== 'boolean') problems.push({ ruleId: id, message: `规则「${label}」的启用状态（enabled）须为 true 或 false` });
    problems.push(...maskProblems(id, label, rule.mask));
    if (rule.kind === 'custom') {
      if (builtinIds.has(id)) problems.push({ ruleId: id, message: `自定义规则不能使用内置规则编号「${id}」` });
      const flags = rule.flags ?? '';
      if (!/^[iu]*$/.test(flags) || new Set(flags).size !== flags.length) {
        problems.push({ ruleId: id, message: `规则「${label}」的正则标志「${flags}」无效：只允许 i、u` });
        continue;
      }
      if (typeof rule.regex !== 'string' || rule.regex === '') {
        problems.push({ ruleId: id, message: `规则「${label}」缺少正则表达式` });
        continue;
      }
      let re: RegExp;
      try {
        re = new RegExp(rule.regex, flags);
      } catch (e) {
        problems.push({ ruleId: id, message: `规则「${label}」的正则表达式无效：${(e as Error).message}` });
        continue;
      }
      if (re.test('')) problems.push({ ruleId: id, message: `规则「${label}」的正则表达式会匹配空文本，请修改` });
    } else {
      const builtin = DEFAULT_RULES.find((r) => r.id === id);
      if (!builtin) problems.push({ ruleId: id, message: `未知的内置规则「${id}」；自定义规则须写 kind: 'custom'` });
      else if (builtin.kind !== rule.kind) problems.push({ ruleId: id, message: `内置规则「${id}」的类型须为 ${builtin.kind}` });
    }
  }
  return problems;
}

export class PiiRuleError extends Error {
  constructor(public readonly problems: RuleProblem[]) {
    super(`个人信息识别规则有误：${problems.map((p) => p.message).join('；')}`);
    this.name = 'PiiRuleError';
  }
}

/** Default rules with some switched on/off or re-masked, plus custom rules appended. */
export function withRules(
  changes: Partial<Record<BuiltinRuleId, Partial<Pick<BuiltinRule, 'enabled' | 'mask' | 'label'>>>>,
  custom: readonly CustomRule[] = [],
): PiiRule[] {
  const out: PiiRule[] = DEFAULT_RULES.map((r) => {
    const c = changes[r.id as BuiltinRuleId];
    return c ? ({ ...r, ...c, mask: { ...r.mask, ...c.mask } } as BuiltinRule) : r;
  });
  return [...out, ...custom];
}
