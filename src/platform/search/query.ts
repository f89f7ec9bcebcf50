import { DOMAIN_WORDS, QUERY_STOPWORDS } from './dictionary.ts';
import type { MatchAlt, MatchTerm } from './engine.ts';
import { bigrams, cutWords, pinyinKeys, runsOf } from './segment.ts';

// Query planning, shared by both engines: the user's text becomes terms (all must match), each a
// set of alternatives (any may match): the word itself, its synonyms, Chinese words its pinyin
// spells, and — for Latin letters — a pinyin/initials prefix on titles and unit names.

export interface QueryPlan {
  terms: MatchTerm[];
  /** The user's own Chinese words (and words their pinyin spells): literal hits rank higher. */
  bonusTerms: string[];
  /** Chinese terms of the query as typed, for spelling suggestions. */
  hanTerms: string[];
  /** Latin-letter chunks of the query, for pinyin suggestions. */
  letterChunks: string[];
  /** Synonym group members of the query's terms (suggested when nothing matches). */
  synonymAlternatives: string[];
}

/**
 * How a Chinese word matches: the phrase of its bigrams, i.e. only where its characters are
 * adjacent. A single character matches titles and unit names only (as itself).
 */
function hanAlt(text: string, fields: MatchAlt['fields'] = 'text'): MatchAlt {
  return { text, phrases: [bigrams(text)], fields: Array.from(text).length === 1 ? 'names' : fields };
}

/**
 * A synonym or spelled word as one alternative: the phrase of its runs' tokens (bigrams of Chinese
 * runs, other runs whole), i.e. the runs in this order, as the index tokenizes the same text
 * (`5g基站` → 5g 基站).
 */
function altFor(text: string, fields: MatchAlt['fields']): MatchAlt[] {
  const runs = runsOf(text);
  if (runs.length === 1 && runs[0].han) return [hanAlt(runs[0].text, fields)];
  const tokens = runs.flatMap((r) => (r.han ? bigrams(r.text) : [r.text]));
  return tokens.length ? [{ text, phrases: [tokens], fields }] : [];
}

interface Vocabulary {
  groups: string[][];
  byTerm: Map<string, number[]>;
  /** Longest synonym term length, to bound the greedy scan. */
  maxLen: number;
  /** Known words by full pinyin and by initials (synonym terms and domain words). */
  byPinyin: Map<string, string[]>;
  byInitials: Map<string, string[]>;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

let cachedKey = '';
let cachedVocab: Vocabulary | null = null;

/** Indexes the synonym groups (memoized on their content: groups change rarely, queries often). */
export function vocabularyOf(groups: string[][]): Vocabulary {
  const key = JSON.stringify(groups);
  if (cachedVocab && key === cachedKey) return cachedVocab;
  const byTerm = new Map<string, number[]>();
  const byPinyin = new Map<string, string[]>();
  const byInitials = new Map<string, string[]>();
  let maxLen = 0;
  groups.forEach((g, i) => {
    for (const t of g) {
      byTerm.set(t, [...(byTerm.get(t) ?? []), i]);
      maxLen = Math.max(maxLen, Array.from(t).length);
    }
  });
  for (const w of new Set([...DOMAIN_WORDS, ...groups.flat()])) {
    const k = pinyinKeys(w);
    if (!k.full) continue;
    push(byPinyin, k.full, w);
    if (k.initials.length >= 2) push(byInitials, k.initials, w);
  }
  cachedKey = key;
  cachedVocab = { groups, byTerm, maxLen, byPinyin, byInitials };
  return cachedVocab;
}

function synonymsOf(v: Vocabulary, term: string): string[] {
  return (v.byTerm.get(term) ?? []).flatMap((i) => v.groups[i]).filter((t, i, a) => t !== term && a.indexOf(t) === i);
}

/** Splits a Chinese run into words: synonym terms first (longest match), jieba for the rest. */
function hanWords(run: string, v: Vocabulary): { text: string; synonym: boolean }[] {
  const chars = Array.from(run);
  const out: { text: string; synonym: boolean }[] = [];
  let pending = '';
  const flush = () => {
    if (!pending) return;
    // Merge runs of single characters jieba left alone (王|三|庄 → 王三庄) so they match as a
    // string, then trim stop words off their ends (我|想|查|王|三|庄 → 王三庄).
    let singles: string[] = [];
    const emitSingles = () => {
      while (singles.length && QUERY_STOPWORDS.has(singles[0])) singles.shift();
      while (singles.length && QUERY_STOPWORDS.has(singles[singles.length - 1])) singles.pop();
      if (singles.length) out.push({ text: singles.join(''), synonym: false });
      singles = [];
    };
    for (const w of cutWords(pending)) {
      if (Array.from(w).length === 1) {
        singles.push(w);
        continue;
      }
      emitSingles();
      if (!QUERY_STOPWORDS.has(w)) out.push({ text: w, synonym: false });
    }
    emitSingles();
    pending = '';
  };
  for (let i = 0; i < chars.length;) {
    let hit = '';
    for (let n = Math.min(v.maxLen, chars.length - i); n >= 2; n -= 1) {
      const s = chars.slice(i, i + n).join('');
      if (v.byTerm.has(s)) {
        hit = s;
        break;
      }
    }
    if (hit) {
      flush();
      out.push({ text: hit, synonym: true });
      i += Array.from(hit).length;
    } else {
      pending += chars[i];
      i += 1;
    }
  }
  flush();
  return out;
}

/** Whether `inner` occurs in `outer` as consecutive tokens. */
function containsRun(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i += 1) if (inner.every((t, k) => outer[i + k] === t)) return true;
  return false;
}

/**
 * Drops repeated alternatives and those another one already covers: wherever 低保户 matches, 低保
 * matches too (its bigrams contain 低保's, in the same place), so (低保 OR 低保户 OR 低保金) reads one
 * phrase instead of three. Highlighting still marks the shorter word inside the longer one.
 */
function dedupeAlts(alts: MatchAlt[]): MatchAlt[] {
  const seen = new Set<string>();
  const unique = alts.filter((a) => {
    const k = `${a.prefix ? 'p' : 't'}:${a.fields}:${a.phrases.map((p) => p.join(' ')).join('|')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const covers = (a: MatchAlt, b: MatchAlt) =>
    a !== b &&
    !a.prefix &&
    !b.prefix &&
    a.phrases.length === 1 &&
    (a.fields === 'text' || b.fields === 'names') &&
    b.phrases.some((p) => containsRun(p, a.phrases[0]));
  return unique.filter((b) => !unique.some((a) => covers(a, b) && !(covers(b, a) && unique.indexOf(b) < unique.indexOf(a))));
}

/**
 * Words of the index vocabulary (titles' words, kept at index time) spelled by pinyin or initials,
 * most frequent first: `spellings.get('tudi')` → ['土地']. Looked up per query for the Latin chunks
 * of the query and their pieces (indexedSpellings in search.ts).
 */
export type Spellings = ReadonlyMap<string, string[]>;

/** The Latin chunks of a query and every piece a chunk could be split into (their spellings are looked up). */
export function spellingKeys(q: string): string[] {
  const keys = new Set<string>();
  for (const run of runsOf(q)) {
    if (run.han || !/^[a-z]+$/.test(run.text) || run.text.length < 2) continue;
    const c = run.text.slice(0, 24);
    for (let i = 0; i < c.length; i += 1) for (let j = i + 2; j <= c.length; j += 1) keys.add(c.slice(i, j));
  }
  return [...keys];
}

/** Plans a (validated, non-empty) query against the current synonym groups (and the index's spellings). */
export function planQuery(q: string, groups: string[][], spellings: Spellings = new Map()): QueryPlan {
  const v = vocabularyOf(groups);
  const terms: MatchTerm[] = [];
  const bonus = new Set<string>();
  const hanTerms: string[] = [];
  const letterChunks: string[] = [];
  const synonymAlternatives = new Set<string>();
  for (const run of runsOf(q)) {
    if (run.han) {
      for (const w of hanWords(run.text, v)) {
        const alts = [hanAlt(w.text)];
        if (w.synonym) {
          for (const s of synonymsOf(v, w.text)) {
            alts.push(...altFor(s, 'text'));
            synonymAlternatives.add(s);
          }
        }
        terms.push({ text: w.text, alts: dedupeAlts(alts) });
        bonus.add(w.text);
        hanTerms.push(w.text);
      }
      continue;
    }
    const c = run.text;
    if (/^\d+$/.test(c)) {
      terms.push({ text: c, alts: [{ text: c, phrases: [[c]], fields: 'text' }] });
      continue;
    }
    letterChunks.push(c);
    // Letters only are pinyin or initials: titles and unit names (letters with digits, c30, may be
    // anywhere, as typed).
    const letters = /^[a-z]+$/.test(c);
    const alts: MatchAlt[] = [{ text: c, phrases: [[c]], fields: letters ? 'names' : 'text' }];
    if (letters) alts.push({ text: c, phrases: [[c]], prefix: true, fields: 'names' });
    // Chinese words this pinyin spells (`dibao` → 低保, `cwgk` → 财务公开), with their synonyms.
    const known = [...(v.byPinyin.get(c) ?? []), ...(c.length >= 2 ? (v.byInitials.get(c) ?? []) : []), ...(v.byTerm.has(c) ? [c] : [])];
    // The index's own words too (full pinyin, or initials of three letters or more: two letters spell too much).
    const fromIndex = (spellings.get(c) ?? []).filter((w) => c.length >= 3 || pinyinKeys(w).full === c).slice(0, 3);
    const spelled = known.length ? known : fromIndex;
    // They match titles and unit names only: pinyin and initials are typed for names, and a word
    // they happen to spell (cwgk: 财务公开, 村务公开 …) is everywhere in the bodies.
    for (const w of new Set(spelled)) {
      alts.push(...altFor(w, 'names'));
      bonus.add(w);
      for (const s of synonymsOf(v, w)) alts.push(...altFor(s, 'names'));
    }
    // Several words typed as one chunk (`dbmd` = 低保 名单, `dibaomingdan`): all of them, adjacent.
    // Each word's characters adjacent; the words anywhere in the title or unit name.
    if (!spelled.length) for (const words of splitSpelled(c, v, spellings)) alts.push({ text: words.join(''), phrases: words.map(bigrams), fields: 'names' });
    terms.push({ text: c, alts: dedupeAlts(alts) });
  }
  // A single character jieba left between words (燃气管|道, 2026|年|低保) says little and would have
  // to match a title or unit name: it is dropped when the query has other words.
  const single = (t: MatchTerm) => t.alts.length === 1 && /^\p{Script=Han}$/u.test(t.text);
  const kept = terms.some((t) => !single(t)) ? terms.filter((t) => !single(t)) : terms;
  return {
    terms: kept,
    bonusTerms: [...bonus].filter((t) => /\p{Script=Han}/u.test(t) && Array.from(t).length > 1),
    hanTerms,
    letterChunks,
    synonymAlternatives: [...synonymAlternatives],
  };
}

/**
 * Splits a Latin chunk into two to four known words spelled by initials or full pinyin, fewest
 * pieces first; each piece may be ambiguous, so up to six word combinations come back.
 */
function splitSpelled(c: string, v: Vocabulary, spellings: Spellings): string[][] {
  const wordsAt = (piece: string) => {
    const known = [...(v.byPinyin.get(piece) ?? []), ...(piece.length >= 2 ? (v.byInitials.get(piece) ?? []) : [])];
    return (known.length ? known : (spellings.get(piece) ?? [])).slice(0, 2);
  };
  let best: string[][] | null = null;
  const walk = (rest: string, pieces: string[][]) => {
    if (pieces.length > 4 || (best && pieces.length >= best.length)) return;
    if (!rest) {
      if (pieces.length >= 2) best = pieces;
      return;
    }
    for (let n = rest.length; n >= 2; n -= 1) {
      const words = wordsAt(rest.slice(0, n));
      if (words.length) walk(rest.slice(n), [...pieces, words]);
    }
  };
  walk(c, []);
  if (!best) return [];
  let combos: string[][] = [[]];
  for (const words of best as string[][]) combos = combos.flatMap((combo) => words.map((w) => [...combo, w])).slice(0, 6);
  return combos;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Whether the Levenshtein distance of `a` and `b` is at most `max`, for near-miss pinyin ("dibo" →
 * "dibao"; did-you-mean compares a typed key with thousands of known words): only the diagonal band
 * of width 2·max+1 is computed, in two reused rows, and it stops as soon as a row exceeds `max`.
 */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (a === b) return true;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return false;
  if (rowA.length < m + 2) {
    rowA = new Int32Array(m + 2);
    rowB = new Int32Array(m + 2);
  }
  const far = max + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m + 1; j += 1) prev[j] = j <= max ? j : far;
  for (let i = 1; i <= n; i += 1) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : far;
    let best = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j += 1) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1), far);
      cur[j] = v;
      if (v < best) best = v;
    }
    cur[hi + 1] = far;
    if (best > max) return false;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] <= max;
}
