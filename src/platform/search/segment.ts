import jiebaPkg from '@node-rs/jieba';
import jiebaDict from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';
import { DOMAIN_WORDS } from './dictionary.ts';

// Segmentation shared by indexing and querying. Both databases receive the same space-separated
// tokens, so SQLite (unicode61) and PostgreSQL ('simple' parser) only split on spaces and the
// behaviour is identical.

const jieba = jiebaPkg.Jieba.withDict(jiebaDict.dict);
// A high frequency makes jieba prefer the domain word over splits of the general dictionary.
jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join('\n')));

/** Longest token we index: a tsvector lexeme must stay below 2 KB and FTS5 tokens are bounded too. */
const MAX_TOKEN = 64;
/** Body text beyond this is not indexed (tsvector positions stop at 16383; a notice is far shorter). */
export const MAX_INDEXED_BODY_CHARS = 20_000;

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
  return jieba.cut(run, false);
}

/** Every adjacent pair of characters: lets any 2+ character substring match (see README). */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
  return out;
}

function clip(tokens: string[]): string[] {
  return tokens.filter((t) => t.length > 0).map((t) => (t.length > MAX_TOKEN ? t.slice(0, MAX_TOKEN) : t));
}

/**
 * Index-side tokens: jieba search mode (whole words plus the dictionary words inside them), then
 * every bigram of the run. Query terms are matched as conjunctions of bigrams, so any contiguous
 * Chinese string of two or more characters in a document is findable whatever jieba did with it.
 */
export function segmentForIndex(text: string): string {
  const out: string[] = [];
  for (const run of runsOf(text)) {
    if (!run.han) {
      out.push(run.text);
      continue;
    }
    out.push(...jieba.cutForSearch(run.text, false));
    if (Array.from(run.text).length >= 2) out.push(...bigrams(run.text));
  }
  return clip(out).join(' ');
}

/** Query-side words: jieba exact mode, no bigrams (the query planner derives its own matches). */
export function segmentQuery(q: string): string {
  const out: string[] = [];
  for (const run of runsOf(q)) out.push(...(run.han ? cutWords(run.text) : [run.text]));
  return clip(out).join(' ');
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
  const s = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase().replace(/[^a-z]/g, ''));
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

/**
 * Pinyin index tokens for a title or unit name: for each Han run, the full pinyin and the
 * initials of the rest of the run from every word start (and every character inside words of
 * three or more characters). A prefix query `dibao*` or `dbmd*` then matches wherever a word
 * starts, across word boundaries (`dbmd` = 低保名单), without indexing every substring.
 */
export function pinyinTokens(text: string): string {
  const out: string[] = [];
  for (const run of runsOf(text)) {
    if (!run.han) continue;
    const syl = syllables(run.text);
    const starts = new Set<number>();
    let i = 0;
    for (const w of cutWords(run.text)) {
      const n = Array.from(w).length;
      starts.add(i);
      if (n >= 3) for (let k = 1; k < n; k += 1) starts.add(i + k);
      i += n;
    }
    for (const s of [...starts].sort((a, b) => a - b)) {
      out.push(syl.slice(s).join(''));
      out.push(syl.slice(s).map((x) => x[0] ?? '').join(''));
    }
  }
  return clip([...new Set(out)]).join(' ');
}
