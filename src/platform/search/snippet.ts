import { normalizeText, syllables } from './segment.ts';

// Highlighted snippets, computed in JavaScript from the stored excerpt so both databases produce
// the same HTML. The excerpt is stored NFKC-normalized (analyze.ts), so finding the query's words
// only needs lower case; titles are normalized here. Everything outside <mark> is HTML-escaped.

/** Characters (UTF-16 units) shown around the best spot. */
const WINDOW = 120;
/** Pinyin spans are looked for in short texts only (titles): the letters match titles and unit names. */
const PINYIN_TEXT_MAX = 200;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

interface Span {
  start: number;
  end: number;
}

/**
 * The text to search in, with a map from its UTF-16 offsets to the shown text's. Normalized text
 * whose lower-casing keeps every offset (the stored excerpt, nearly every title) maps 1:1.
 */
function searchable(text: string): { norm: string; origin: number[] | null } {
  const lower = text.toLowerCase();
  if (lower.length === text.length && text.normalize('NFKC') === text) return { norm: lower, origin: null };
  let norm = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const n = normalizeText(ch);
    norm += n;
    for (let k = 0; k < n.length; k += 1) origin.push(i);
    i += ch.length;
  }
  origin.push(text.length);
  return { norm, origin };
}

/** End offset in the shown text of the normalized range ending at `end` (exclusive). */
function mapEnd(text: string, origin: number[], end: number): number {
  const at = origin[end - 1];
  return at + (text.codePointAt(at)! > 0xffff ? 2 : 1);
}

function literalSpans(text: string, needles: string[]): Span[] {
  const { norm, origin } = searchable(text);
  const spans: Span[] = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
      spans.push(origin ? { start: origin[at], end: mapEnd(text, origin, at + needle.length) } : { start: at, end: at + needle.length });
    }
  }
  return spans;
}

/** Characters whose pinyin (or initials) spells `letters` from a character start. */
function pinyinSpans(text: string, letters: string[]): Span[] {
  const spans: Span[] = [];
  const wanted = letters.filter((x) => x.length >= 2);
  if (!wanted.length) return spans;
  const cps = Array.from(text);
  const offsets: number[] = [];
  let o = 0;
  for (const c of cps) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  const han = cps.map((c) => /\p{Script=Han}/u.test(c));
  for (let i = 0; i < cps.length;) {
    if (!han[i]) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < cps.length && han[j]) j += 1;
    const syl = syllables(cps.slice(i, j).join(''));
    for (const l of wanted) {
      for (let s = 0; s < syl.length; s += 1) {
        let full = '';
        let ini = '';
        for (let e = s; e < syl.length; e += 1) {
          full += syl[e];
          ini += syl[e][0] ?? '';
          if (full.startsWith(l) || ini === l) {
            spans.push({ start: offsets[i + s], end: offsets[i + e + 1] });
            break;
          }
          if (!l.startsWith(full) && !l.startsWith(ini)) break;
        }
      }
    }
    i = j;
  }
  return spans;
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Keeps a cut from splitting a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at > 0 && at < text.length) {
    const c = text.charCodeAt(at);
    if (c >= 0xdc00 && c <= 0xdfff) return at - 1;
  }
  return at;
}

function render(text: string, spans: Span[], from: number, to: number): string {
  let html = from > 0 ? '…' : '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    html += escapeHtml(text.slice(at, a)) + `<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  html += escapeHtml(text.slice(at, to));
  if (to < text.length) html += '…';
  return html;
}

/** The window of `text` with the most highlighted spans, as HTML; null when nothing matches. */
export function highlight(text: string, needles: string[], pinyinLetters: string[] = []): string | null {
  const lit = literalSpans(text, needles);
  const spans = merge(pinyinLetters.length && text.length <= PINYIN_TEXT_MAX ? [...lit, ...pinyinSpans(text, pinyinLetters)] : lit);
  if (!spans.length) return null;
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < spans.length; i += 1) {
    const start = Math.max(0, spans[i].start - 20);
    let count = 0;
    for (const s of spans) if (s.start >= start && s.end <= start + WINDOW) count += 1;
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const from = safeCut(text, best);
  const to = safeCut(text, Math.min(text.length, from + WINDOW));
  return render(text, spans, from, to);
}

/**
 * Snippet of a hit: the best window of the excerpt; failing that the title with highlights;
 * failing that the opening of the excerpt, escaped.
 */
export function snippetFor(doc: { title: string; excerpt: string }, needles: string[], pinyinLetters: string[]): string {
  return (
    highlight(doc.excerpt, needles, pinyinLetters) ??
    highlight(doc.title, needles, pinyinLetters) ??
    render(doc.excerpt, [], 0, safeCut(doc.excerpt, Math.min(doc.excerpt.length, WINDOW)))
  );
}
