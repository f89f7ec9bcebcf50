/**
 * Test-only (never imported by production code): fast-check generators of valid personal numbers, each written
 * the way people type them — separators between groups, zero-width and other invisible characters, full-width and
 * mathematical digits, line breaks — for the property tests of the personal-data gate. The check digits come from
 * test-data.ts's own arithmetic, not from the scanner's.
 */
import fc from 'fast-check';
import { refIdCheck, refLuhnCheck } from './test-data.ts';

export type PlantedKind = 'id' | 'id15' | 'mobile' | 'bank_card';

export interface Planted {
  kind: PlantedKind;
  /** The number's digits (and X). */
  digits: string;
  /** As written in the text: first to last significant character. */
  written: string;
}

/** The seed of every property run: `GONGKAI_PII_SEED=N` reproduces (or varies) a run; fixed by default so CI is repeatable. */
export const PII_SEED = Number(process.env.GONGKAI_PII_SEED ?? 20_261_126);

const AREAS = ['321323', '321302', '320102', '110105', '440106', '510104', '650102', '820000', '370202', '620102'];
const digitsArb = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
/** A real date from 1900-01-01 to 2025-12-31 as YYYYMMDD (UTC arithmetic, test-only). */
const dateArb = fc.integer({ min: 0, max: 46_020 }).map((d) => new Date(Date.UTC(1900, 0, 1 + d)).toISOString().slice(0, 10).replace(/-/g, ''));

export const id18Arb = fc.tuple(fc.constantFrom(...AREAS), dateArb, digitsArb(3)).map(([a, d, s]) => `${a}${d}${s}${refIdCheck(`${a}${d}${s}`)}`);
export const id15Arb = fc
  .tuple(fc.constantFrom(...AREAS), fc.integer({ min: 0, max: 36_524 }), digitsArb(3))
  .map(([a, d, s]) => `${a}${new Date(Date.UTC(1900, 0, 1 + d)).toISOString().slice(2, 10).replace(/-/g, '')}${s}`);
export const mobileArb = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), digitsArb(9)).map(([b, r]) => `1${b}${r}`);
/** 16, 17 or 19 digits (18 would be an ID's length), UnionPay-style prefix 62, Luhn check digit. */
export const cardArb = fc.tuple(fc.constantFrom(16, 17, 19), digitsArb(18)).map(([n, r]) => {
  const payload = `62${r}`.slice(0, n - 1);
  return payload + refLuhnCheck(payload);
});

const SEPARATORS = [' ', '  ', '\u3000', '-', '－', '—', '——', '.', '．', '·', '/', ' - ', '\u00A0'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const LINE_BREAKS = ['\n', '\r\n'];

/** The grouping people use for the kind (group lengths), or a random split for resident IDs (with one separator). */
function groupingArb(kind: PlantedKind, length: number): fc.Arbitrary<{ lengths: number[]; oneSeparator: boolean }> {
  const fixed = (shapes: number[][]) => fc.constantFrom(...shapes).map((lengths) => ({ lengths, oneSeparator: false }));
  if (kind === 'mobile') return fixed([[11], [3, 4, 4], [3, 8]]);
  if (kind === 'id15') return fixed([[15], [6, 6, 3]]);
  if (kind === 'bank_card') {
    const fours = [4, 4, 4, 4];
    if (length > 16) fours.push(length - 16);
    return fixed([[length], fours]);
  }
  const random = fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { minLength: 1, maxLength: 8 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    return { lengths: [...sorted, length].map((c, i) => c - (i ? sorted[i - 1] : 0)), oneSeparator: true };
  });
  return fc.oneof(fixed([[18], [6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2]]), random);
}

const FULL = (c: string) => (/[0-9X]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);
const BOLD = (c: string) => (/[0-9]/.test(c) ? String.fromCodePoint(0x1d7ce + Number(c)) : c);

/**
 * One number of the kind, written with random grouping, separators, width, invisible characters and a line break.
 * `oneLine`: for single-line fields (titles, file names): no line breaks and no '/' (a file name keeps only what
 * follows its last '/').
 */
export function writtenArb(kind: PlantedKind, opts: { oneLine?: boolean } = {}): fc.Arbitrary<Planted> {
  const separators = opts.oneLine ? SEPARATORS.filter((s) => s !== '/') : SEPARATORS;
  const value = kind === 'id' ? id18Arb : kind === 'id15' ? id15Arb : kind === 'mobile' ? mobileArb : cardArb;
  return value.chain((digits) =>
    fc
      .record({
        grouping: groupingArb(kind, digits.length),
        seps: fc.array(fc.constantFrom(...separators), { minLength: 20, maxLength: 20 }),
        // Which gap becomes a line break (-1: none); for IDs and cards also a break inside a group.
        breakGap: opts.oneLine ? fc.constant(-1) : fc.integer({ min: -1, max: 8 }),
        breakInside: opts.oneLine ? fc.constant(undefined) : fc.option(fc.integer({ min: 1, max: digits.length - 1 }), { nil: undefined }),
        lineBreak: fc.constantFrom(...LINE_BREAKS),
        width: fc.constantFrom('ascii', 'ascii', 'full', 'mixed', 'bold'),
        mixedMask: fc.array(fc.boolean(), { minLength: 19, maxLength: 19 }),
        invisible: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...INVISIBLE)), { maxLength: 3 }),
      })
      .map((o) => {
        const chars = [...digits].map((c, i) =>
          o.width === 'full' ? FULL(c) : o.width === 'bold' ? BOLD(c) : o.width === 'mixed' && o.mixedMask[i] ? FULL(c) : c,
        );
        // Groups, then the gaps between them.
        const parts: string[][] = [];
        let at = 0;
        for (const n of o.grouping.lengths) {
          parts.push(chars.slice(at, at + n));
          at += n;
        }
        const gaps = parts.slice(1).map((_, k) => (o.grouping.oneSeparator ? o.seps[0] : o.seps[k]));
        if (o.breakGap >= 0 && o.breakGap < gaps.length) gaps[o.breakGap] = o.lineBreak;
        let pieces: string[] = [];
        parts.forEach((p, k) => {
          if (k > 0) pieces.push(gaps[k - 1]);
          pieces.push(...p);
        });
        // A line break cutting a group (text wrapped in a narrow column): resident IDs and cards only.
        if ((kind === 'id' || kind === 'bank_card') && o.breakInside !== undefined) {
          let seen = 0;
          const out: string[] = [];
          for (const piece of pieces) {
            out.push(piece);
            if (/[0-9０-９X\u{1d7ce}-\u{1d7d7}]/u.test(piece) && ++seen === o.breakInside) out.push(o.lineBreak);
          }
          pieces = out;
        }
        // Invisible characters strictly inside (between two pieces), so the written form still starts and ends with a digit.
        for (const [pos, ch] of o.invisible) pieces.splice(1 + (pos % (pieces.length - 1)), 0, ch);
        return { kind, digits, written: pieces.join('') };
      }),
  );
}

const planted = (opts: { oneLine?: boolean }) =>
  fc.oneof(
    { weight: 4, arbitrary: writtenArb('id', opts) },
    { weight: 1, arbitrary: writtenArb('id15', opts) },
    { weight: 3, arbitrary: writtenArb('mobile', opts) },
    { weight: 2, arbitrary: writtenArb('bank_card', opts) },
  );
export const plantedArb: fc.Arbitrary<Planted> = planted({});
/** For titles and file names. */
export const plantedOneLineArb: fc.Arbitrary<Planted> = planted({ oneLine: true });

/** Chinese text around the numbers (no digits or Latin letters, so a number never touches another). */
const FILLERS = [
  '户主',
  '王某某',
  '，身份证号',
  '；联系电话',
  '。开户银行卡号',
  '家庭住址泗阳县众兴镇',
  '低保金额每月',
  '（已核实）',
  '保障人口',
  '村务监督委员会审核',
  '：',
  '、',
  '“',
  '”',
  '\n',
  '　',
];
export const fillerArb = fc.array(fc.constantFrom(...FILLERS), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));

/** A text of Chinese filler with 1–6 planted numbers. */
export const textArb = fc.tuple(fillerArb, fc.array(fc.tuple(plantedArb, fillerArb), { minLength: 1, maxLength: 6 })).map(([head, rest]) => ({
  text: head + rest.map(([p, f]) => p.written + f).join(''),
  planted: rest.map(([p]) => p),
  /** The filler pieces around the numbers: [head, after 1st, after 2nd, …]. */
  fillers: [head, ...rest.map(([, f]) => f)],
}));

/**
 * What a reader could still recover from an output: the text with tags dropped, entities decoded, NFKC, and every
 * separator and invisible character removed. A leak of `digits` shows as `flatten(output).includes(digits)`.
 */
export function flatten(output: string): string {
  return output
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/[\s\-‐‑‒–—―−.·・/\\]/g, '')
    .toUpperCase();
}
