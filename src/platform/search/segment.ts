import type { Jieba } from '@node-rs/jieba';
import { jiebaLib, pinyinLib } from '../lazy-libs.ts';
import { DOMAIN_WORDS } from './dictionary.ts';

// Text analysis shared by indexing and querying. Both databases receive the same space-separated
// tokens, so SQLite (unicode61) and PostgreSQL (a tsvector built from them) only split on spaces
// and the behaviour is identical.
//
// The index holds character bigrams (every adjacent pair of Han characters, with positions), so a
// word of two or more characters matches exactly where its characters are adjacent: a two-character
// word is one token, a longer word the phrase of its bigrams. jieba is only used for titles and
// unit names (pinyin keys, the did-you-mean vocabulary) and for planning queries.

let jieba: Jieba | undefined;

/**
 * jieba with its dictionary and the domain words, built when the first text is segmented (a search, a
 * suggestion, the index job), not at start: a process that only serves pages never needs it (≈65 MB).
 */
function segmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass, dict } = jiebaLib();
    jieba = JiebaClass.withDict(dict);
    // A high frequency makes jieba prefer the domain word over splits of the general dictionary.
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join('\n')));
  }
  return jieba;
}

/** Longest token we index: a tsvector lexeme must stay below 2 KB and FTS5 tokens are bounded too. */
export const MAX_TOKEN = 64;
/** Body text beyond this is not indexed (tsvector positions stop at 16383; a notice is far shorter). */
export const MAX_INDEXED_BODY_CHARS = 16_000;

const HAN = /\p{Script=Han}/u;
const RUN = /(\p{Script=Han}+)|([a-z0-9]+)/gu;

/** Full-width → half-width and compatibility forms (NFKC), lower-case: what both sides compare. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function isHan(text: string): boolean {
  return HAN.test(text);
}

export interface Run {
  text: string;
  han: boolean;
}

/** The Han and ASCII-alphanumeric runs of normalized text; everything else separates. */
export function runsOf(text: string): Run[] {
  const out: Run[] = [];
  for (const m of normalizeText(text).matchAll(RUN)) out.push({ text: m[0], han: m[1] !== undefined });
  return out;
}

/** jieba's exact-mode words of one Han run (HMM off: deterministic, no invented words). */
export function cutWords(run: string): string[] {
  return segmenter().cut(run, false);
}

/** Every adjacent pair of characters of a Han run (a single character stays itself). */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Index-side tokens (hot path: ≈1,000 characters per document, hundreds of thousands of documents)

/** Han characters of the Basic Multilingual Plane, precomputed from \p{Script=Han}. */
const HAN_BMP = new Uint8Array(0x10000);
for (let c = 0x2e80; c < 0x10000; c += 1) if ((c < 0xd800 || c > 0xdfff) && HAN.test(String.fromCharCode(c))) HAN_BMP[c] = 1;

let buf = new Uint16Array(1 << 16);
const utf16 = new TextDecoder('utf-16le');

function ensure(n: number): void {
  if (n <= buf.length) return;
  const next = new Uint16Array(Math.max(n, buf.length * 2));
  next.set(buf);
  buf = next;
}

/**
 * Index tokens of normalized text, space-separated: for each Han run its bigrams (a run of one
 * character: the character), for each ASCII alphanumeric run the run (at most MAX_TOKEN long).
 * With `unigrams`, every Han character is appended once more at the end (titles and unit names:
 * a one-character query matches them; appended after the bigrams so phrases are unaffected).
 * Equal to the tokens of `runsOf` + `bigrams`, computed without intermediate strings.
 */
export function textTokens(norm: string, unigrams = false): string {
  const n = norm.length;
  ensure(n * 4 + 8);
  let k = 0;
  // Previous Han character of the current run: start and length (1, or 2 for a surrogate pair).
  let prev = -1;
  let prevLen = 0;
  let runChars = 0;
  let ascii = 0;
  const endRun = () => {
    if (runChars === 1) {
      buf[k++] = norm.charCodeAt(prev);
      if (prevLen === 2) buf[k++] = norm.charCodeAt(prev + 1);
      buf[k++] = 32;
    }
    prev = -1;
    runChars = 0;
  };
  for (let i = 0; i < n; i += 1) {
    const c = norm.charCodeAt(i);
    let len = 0;
    if (HAN_BMP[c]) len = 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && HAN.test(norm.slice(i, i + 2))) len = 2;
    if (len) {
      if (ascii) {
        buf[k++] = 32;
        ascii = 0;
      }
      if (prev >= 0) {
        buf[k++] = norm.charCodeAt(prev);
        if (prevLen === 2) buf[k++] = norm.charCodeAt(prev + 1);
        buf[k++] = c;
        if (len === 2) buf[k++] = norm.charCodeAt(i + 1);
        buf[k++] = 32;
      }
      prev = i;
      prevLen = len;
      runChars += 1;
      i += len - 1;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (prev >= 0) endRun();
      if (ascii < MAX_TOKEN) buf[k++] = c;
      ascii += 1;
    } else {
      if (prev >= 0) endRun();
      if (ascii) {
        buf[k++] = 32;
        ascii = 0;
      }
    }
  }
  if (prev >= 0) endRun();
  if (ascii) buf[k++] = 32;
  if (unigrams) {
    for (let i = 0; i < n; i += 1) {
      const c = norm.charCodeAt(i);
      if (HAN_BMP[c]) {
        buf[k++] = c;
        buf[k++] = 32;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && HAN.test(norm.slice(i, i + 2))) {
        buf[k++] = c;
        buf[k++] = norm.charCodeAt(i + 1);
        buf[k++] = 32;
        i += 1;
      }
    }
  }
  if (k > 0) k -= 1;
  return utf16.decode(buf.subarray(0, k));
}

/** Query-side words: jieba exact mode (the query planner derives its own matches). */
export function segmentQuery(q: string): string {
  const out: string[] = [];
  for (const run of runsOf(q)) out.push(...(run.han ? cutWords(run.text) : [run.text]));
  return out.filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Pinyin

const syllableCache = new Map<string, string[]>();

/**
 * Tone-less syllables, one per character, for a Han run. pinyin-pro reads the run as a whole, so
 * polyphones follow the word (银行 → yin hang, 重庆 → chong qing). ü is written `v`, as typed.
 */
export function syllables(run: string): string[] {
  const hit = syllableCache.get(run);
  if (hit) return hit;
  const s = pinyinLib()
    .pinyin(run, { toneType: 'none', type: 'array', v: true })
    .map((p) => p.toLowerCase().replace(/[^a-z]/g, ''));
  if (syllableCache.size > 20_000) syllableCache.clear();
  syllableCache.set(run, s);
  return s;
}

export interface PinyinKeys {
  /** Whole text, e.g. `dibaomingdan`; ASCII runs kept, other characters dropped. */
  full: string;
  /** Per jieba word, e.g. `['dibao', 'mingdan']`. */
  words: string[];
  /** First letters, e.g. `dbmd`. */
  initials: string;
}

export function pinyinKeys(text: string): PinyinKeys {
  let full = '';
  let initials = '';
  const words: string[] = [];
  for (const run of runsOf(text)) {
    if (!run.han) {
      full += run.text;
      initials += run.text;
      continue;
    }
    const syl = syllables(run.text);
    full += syl.join('');
    initials += syl.map((s) => s[0] ?? '').join('');
    let i = 0;
    for (const w of cutWords(run.text)) {
      const n = Array.from(w).length;
      words.push(syl.slice(i, i + n).join(''));
      i += n;
    }
  }
  return { full, words, initials };
}

/** What indexing needs of a title or unit name, from one pass of jieba and pinyin-pro. */
export interface NameAnalysis {
  /** Normalized text. */
  norm: string;
  /** Bigram tokens plus unigrams (see textTokens). */
  tokens: string;
  /** Pinyin keys from every word start (see pinyinTokens). */
  pinyin: string;
  /** jieba words of 2–8 Han characters (the did-you-mean vocabulary). */
  words: string[];
  /** Whole-text pinyin and initials. */
  full: string;
  initials: string;
}

function clip(t: string): string {
  return t.length > MAX_TOKEN ? t.slice(0, MAX_TOKEN) : t;
}

/**
 * Analyzes a title or unit name: tokens, pinyin keys and vocabulary words. The pinyin keys are,
 * for each Han run, the full pinyin and the initials of the rest of the run from every word start
 * (and every character inside words of three or more characters). A prefix query `dibao*` or
 * `dbmd*` then matches wherever a word starts, across word boundaries (`dbmd` = 低保名单), without
 * indexing every substring.
 */
export function analyzeName(text: string): NameAnalysis {
  const norm = normalizeText(text);
  const keys = new Set<string>();
  const words = new Set<string>();
  let full = '';
  let initials = '';
  for (const m of norm.matchAll(RUN)) {
    if (m[1] === undefined) {
      full += m[0];
      initials += m[0];
      continue;
    }
    const run = m[0];
    const syl = syllables(run);
    full += syl.join('');
    initials += syl.map((s) => s[0] ?? '').join('');
    const starts: number[] = [];
    let i = 0;
    for (const w of cutWords(run)) {
      const n = Array.from(w).length;
      if (n >= 2 && n <= 8) words.add(w);
      starts.push(i);
      if (n >= 3) for (let k = 1; k < n; k += 1) starts.push(i + k);
      i += n;
    }
    for (const s of [...new Set(starts)].sort((a, b) => a - b)) {
      keys.add(clip(syl.slice(s).join('')));
      keys.add(
        clip(
          syl
            .slice(s)
            .map((x) => x[0] ?? '')
            .join(''),
        ),
      );
    }
  }
  keys.delete('');
  return { norm, tokens: textTokens(norm, true), pinyin: [...keys].join(' '), words: [...words], full, initials };
}

/** Pinyin index tokens of a title or unit name (see analyzeName). */
export function pinyinTokens(text: string): string {
  return analyzeName(text).pinyin;
}
