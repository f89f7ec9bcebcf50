import { normalizeText, syllables } from './segment.ts';

// Highlighted snippets, computed in JavaScript from the stored text so both databases produce
// the same HTML. Matching runs on normalized text (full-width → half-width, lower case) but the
// output shows the original characters; everything outside <mark> is HTML-escaped.

const WINDOW = 120;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

interface Span {
  start: number;
  end: number;
}

/** Normalized text plus, per normalized UTF-16 unit, the index of the original code point it came from. */
function normalizedWithMap(text: string): { norm: string; origin: number[]; cps: string[] } {
  const cps = Array.from(text);
  let norm = '';
  const origin: number[] = [];
  cps.forEach((cp, i) => {
    const n = normalizeText(cp);
    norm += n;
    for (let k = 0; k < n.length; k += 1) origin.push(i);
  });
  return { norm, origin, cps };
}

function literalSpans(text: string, needles: string[]): { spans: Span[]; cps: string[] } {
  const { norm, origin, cps } = normalizedWithMap(text);
  const spans: Span[] = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
      spans.push({ start: origin[at], end: origin[at + needle.length - 1] + 1 });
    }
  }
  return { spans: merge(spans), cps };
}

/** Characters whose pinyin (or initials) spells `letters` from a character start. */
function pinyinSpans(cps: string[], letters: string[]): Span[] {
  const spans: Span[] = [];
  const han = cps.map((c) => /\p{Script=Han}/u.test(c));
  for (let i = 0; i < cps.length; ) {
    if (!han[i]) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < cps.length && han[j]) j += 1;
    const syl = syllables(cps.slice(i, j).join(''));
    for (const l of letters.filter((x) => x.length >= 2)) {
      for (let s = 0; s < syl.length; s += 1) {
        let full = '';
        let ini = '';
        for (let e = s; e < syl.length; e += 1) {
          full += syl[e];
          ini += syl[e][0] ?? '';
          if (full.startsWith(l) || ini === l) {
            spans.push({ start: i + s, end: i + e + 1 });
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

function render(cps: string[], spans: Span[], from: number, to: number): string {
  let html = from > 0 ? '…' : '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    html += escapeHtml(cps.slice(at, a).join('')) + `<mark>${escapeHtml(cps.slice(a, b).join(''))}</mark>`;
    at = b;
  }
  html += escapeHtml(cps.slice(at, to).join(''));
  if (to < cps.length) html += '…';
  return html;
}

/** The window of `text` with the most highlighted spans, as HTML; null when nothing matches. */
export function highlight(text: string, needles: string[], pinyinLetters: string[] = []): string | null {
  const { spans: lit, cps } = literalSpans(text, needles);
  const spans = merge([...lit, ...(pinyinLetters.length ? pinyinSpans(cps, pinyinLetters) : [])]);
  if (!spans.length) return null;
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < spans.length; i += 1) {
    const start = Math.max(0, spans[i].start - 20);
    const count = spans.filter((s) => s.start >= start && s.end <= start + WINDOW).length;
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const to = Math.min(cps.length, best + WINDOW);
  return render(cps, spans, best, to);
}

/**
 * Snippet of a hit: the best body window; failing that the summary or title with highlights;
 * failing that the opening of the text, escaped.
 */
export function snippetFor(doc: { title: string; summary: string | null; body_text: string }, needles: string[], pinyinLetters: string[]): string {
  const body = doc.body_text.replace(/\s+/g, ' ').trim();
  const summary = (doc.summary ?? '').replace(/\s+/g, ' ').trim();
  return (
    highlight(body, needles, pinyinLetters) ??
    (summary ? highlight(summary, needles, pinyinLetters) : null) ??
    highlight(doc.title, needles, pinyinLetters) ??
    render(Array.from(summary || body), [], 0, Math.min(Array.from(summary || body).length, WINDOW))
  );
}
