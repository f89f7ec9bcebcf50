/**
 * The normalised copy of a text that the personal-data scanner matches on, with a map back to the original.
 * Pure, no I/O.
 *
 * - Every code point is put in Unicode NFKC form, one code point at a time: full-width digits, letters and
 *   punctuation become ASCII (０-９, Ｘ, －, ．, ／), mathematical and other compatibility digits become 0-9,
 *   the ideographic space and the no-break spaces become ' '.
 * - Invisible characters (Unicode Default_Ignorable_Code_Point: zero-width space/joiners U+200B–U+200D, word
 *   joiner U+2060, BOM/zero-width no-break space U+FEFF, soft hyphen U+00AD, direction marks, variation
 *   selectors…) are removed.
 * - Dashes (‐ ‑ ‒ – — ― − ﹣ and the full-width －) become '-', middle dots (· ・ • ‧ ∙) '·', and line breaks
 *   (CR, LF, U+2028/U+2029, NEL, VT, FF) '\n'.
 *
 * `from[i]`/`to[i]` give, for the i-th UTF-16 unit of the normalised text, the [from, to) span of the original
 * code point it came from, so a hit found in the normalised text maps back to its exact span in the original.
 */

export interface NormalisedText {
  text: string;
  /** null when the text needed no change (the map is the identity). */
  from: number[] | null;
  to: number[] | null;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Characters that never change: printable ASCII and the common CJK ideographs (the bulk of every text). */
const PLAIN = /^[\x20-\x7e\n\u3400-\u4dbf\u4e00-\u9fff\u3001\u3002\u300a-\u300f]*$/;

const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0x2e3a, 0x2e3b]);
const DOTS = new Set([0x00b7, 0x30fb, 0x2022, 0x2027, 0x2219, 0x0387]);

function normaliseCodePoint(cp: number, ch: string): string {
  if (cp < 0x80) return cp === 0x0d || cp === 0x0b || cp === 0x0c ? '\n' : ch;
  if (LINE_BREAKS.has(cp)) return '\n';
  if (IGNORABLE.test(ch)) return '';
  if (DASHES.has(cp)) return '-';
  if (DOTS.has(cp)) return '·';
  const n = ch.normalize('NFKC');
  if (n === ch) return /\s/.test(ch) ? ' ' : ch;
  // NFKC output can itself contain a dash, a dot or an odd space (e.g. U+FF65 → U+30FB).
  let out = '';
  for (const c of n) {
    const p = c.codePointAt(0)!;
    out += DASHES.has(p) ? '-' : DOTS.has(p) ? '·' : IGNORABLE.test(c) ? '' : /\s/.test(c) ? ' ' : c;
  }
  return out;
}

export function normaliseWithMap(text: string): NormalisedText {
  if (PLAIN.test(text)) return { text, from: null, to: null };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const n = normaliseCodePoint(cp, text.slice(i, i + len));
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + len);
    }
    out += n;
    i += len;
  }
  return { text: out, from, to };
}

/** The original span of the normalised span [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): [number, number] {
  if (!n.from || !n.to) return [start, end];
  return [n.from[start], n.to[end - 1]];
}

export function normalise(text: string): string {
  return normaliseWithMap(text).text;
}

/** Characters allowed between the digit groups of one number (after normalisation). */
export const GROUP_SEPARATORS = ' -.·/\n';
const MARKS = '-.·/';
const SEPARATOR_RUN = /^[ \-.·/\n]{1,8}$/;

/**
 * What stands between two digit groups: `null` when it is not a separator (the groups are separate numbers);
 * otherwise the one mark used (`-`, `.`, `·`, `/`; `' '` for spaces only; `''` for a line break alone) and whether
 * a line break is part of it. A run may mix spaces with one mark (repeated marks count once: `——` is a dash).
 */
export interface Gap {
  mark: string;
  wrap: boolean;
}

export function classifyGap(s: string): Gap | null {
  if (!SEPARATOR_RUN.test(s)) return null;
  const wrap = s.includes('\n');
  const marks = new Set([...s].filter((c) => MARKS.includes(c)));
  if (marks.size > 1) return null;
  const [mark] = [...marks];
  if (mark !== undefined) {
    // One mark, possibly doubled (—— typed by an input method), possibly with spaces or one line break around it.
    const compact = s.replace(/ /g, '').replace(/\n+/g, '\n');
    if (!new RegExp(`^\\n?\\${mark}+\\n?$`).test(compact)) return null;
    return { mark, wrap };
  }
  return { mark: wrap ? '' : ' ', wrap };
}
