/**
 * Personal-data scanner and masker for texts and tables about to be published. Pure: rules and "today" are
 * arguments. Matching happens on a normalised copy of the text (pii-normalise.ts: NFKC, invisible characters
 * removed, separators unified) in which numbers may be written as digit groups with separators between them
 * (GROUPINGS); every hit is mapped back to its exact span in the original text.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_RULES,
  GROUPINGS,
  KIND_PRIORITY,
  PiiRuleError,
  classifyResidentId,
  luhnValid,
  normaliseValue,
  validateRules,
  type CustomRule,
  type GroupingRule,
  type MaskSpec,
  type PiiKind,
  type PiiRule,
} from './pii-patterns.ts';
import { classifyGap, normaliseWithMap, originalSpan, type Gap, type NormalisedText } from './pii-normalise.ts';

export interface PiiHit {
  ruleId: string;
  kind: PiiKind;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** The original characters (full-width stays full-width). */
  value: string;
  /** `value` with the rule's mask applied; same length as `value`. */
  masked: string;
  label: string;
  /** sha256(ruleId + ':' + normalised value), hex: the same value anywhere in a document has the same fingerprint. */
  fingerprint: string;
}

export interface ScanOptions {
  /** `YYYY-MM-DD`; birth dates after it are not real. */
  today: string;
}

interface Candidate {
  rule: PiiRule;
  start: number;
  end: number;
  /** Counts less against an overlapping longer candidate (see resolveOverlaps). */
  weak?: boolean;
}

interface Compiled {
  byKind: Map<PiiKind, PiiRule>;
  custom: { rule: CustomRule; re: RegExp }[];
}

function compile(rules: readonly PiiRule[]): Compiled {
  const problems = validateRules(rules);
  if (problems.length > 0) throw new PiiRuleError(problems);
  const byKind = new Map<PiiKind, PiiRule>();
  const custom: Compiled['custom'] = [];
  for (const r of rules) {
    if (!r.enabled) continue;
    if (r.kind === 'custom') custom.push({ rule: r, re: new RegExp(r.regex, `${r.flags ?? ''}g`) });
    else byKind.set(r.kind, r);
  }
  return { byKind, custom };
}

function checkToday(today: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today ?? '')) throw new Error(`scan option "today" must be YYYY-MM-DD, got ${String(today)}`);
}

/** A maximal run of ASCII digits in the normalised text. */
interface Group {
  start: number;
  end: number;
  digits: string;
  /** An X/x (not part of a word) right after the group, or after a separator: a resident ID's check character. */
  x: { at: number; gap: Gap | null } | null;
}

/** Digit groups joined by separators: one possible number, or several written next to each other. */
interface Chain {
  groups: Group[];
  /** gaps[k] stands between groups[k] and groups[k + 1]. */
  gaps: Gap[];
}

const LETTER = /[A-Za-z]/;

function chainsOf(norm: string): Chain[] {
  const chains: Chain[] = [];
  let cur: Chain | null = null;
  let prev: Group | null = null;
  for (const m of norm.matchAll(/[0-9]+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const g: Group = { start, end, digits: m[0], x: checkCharacterAfter(norm, end) };
    const gap = prev ? classifyGap(norm.slice(prev.end, start)) : null;
    if (cur && gap) {
      cur.groups.push(g);
      cur.gaps.push(gap);
    } else {
      cur = { groups: [g], gaps: [] };
      chains.push(cur);
    }
    prev = g;
  }
  return chains;
}

const X_AFTER = /^([ \-.·/\n]{0,8})[Xx](?![0-9A-Za-z])/;

function checkCharacterAfter(norm: string, end: number): Group['x'] {
  const m = X_AFTER.exec(norm.slice(end, end + 10));
  if (!m) return null;
  if (m[1] === '') return { at: end, gap: null };
  const gap = classifyGap(m[1]);
  return gap ? { at: end + m[1].length, gap } : null;
}

const shapeKey = (lengths: readonly number[]) => lengths.join('-');
const SHAPES = new Map(Object.entries(GROUPINGS).map(([k, g]) => [k, new Set(g.shapes.map(shapeKey))]));

/** Whether groups written with these lengths and gaps are accepted as one number of the kind (see GROUPINGS). */
function groupingAccepted(kind: keyof typeof GROUPINGS, lengths: number[], gaps: Gap[]): boolean {
  if (lengths.length === 1) return true;
  const rule: GroupingRule = GROUPINGS[kind];
  const shapes = SHAPES.get(kind)!;
  if (rule.anyGrouping) {
    // Spaces and line breaks are neutral; every other separator must be the same mark.
    const marks = new Set(gaps.map((g) => g.mark).filter((m) => m !== '' && m !== ' '));
    if (marks.size <= 1) return true;
  }
  const wraps = gaps.filter((g) => g.wrap).length;
  if (shapes.has(shapeKey(lengths)) && (wraps <= 1 || rule.breakAnywhere)) return true;
  if (!rule.breakAnywhere) return false;
  // A line break (for IDs also a space that replaced one) may cut a group — text wrapped in a narrow column — or stand
  // between two groups: try each such gap both ways (there are at most a few in one number).
  const bare = gaps.flatMap((g, k) => (g.mark === '' || (rule.spaceAnywhere && g.mark === ' ') ? [k] : []));
  if (!bare.length || bare.length > 8) return false;
  for (let combo = 1; combo < 1 << bare.length; combo++) {
    const join = new Set(bare.filter((_, b) => combo & (1 << b)));
    const merged: number[] = [lengths[0]];
    gaps.forEach((_, k) => {
      if (join.has(k)) merged[merged.length - 1] += lengths[k + 1];
      else merged.push(lengths[k + 1]);
    });
    if (merged.length === 1 || shapes.has(shapeKey(merged))) return true;
  }
  return false;
}

interface Window {
  /** Offsets into the normalised text. */
  start: number;
  end: number;
  digits: string;
  lengths: number[];
  gaps: Gap[];
  /** The last group's check character X, if one follows. */
  x: Group['x'];
}

/** Every run of whole consecutive groups of a chain with 11–19 digits (the first group may drop a +86/0086 prefix). */
function* windowsOf(chain: Chain, norm: string): Generator<Window & { prefixed: boolean }> {
  const { groups, gaps } = chain;
  for (let i = 0; i < groups.length; i++) {
    const g0 = groups[i];
    const offsets = [0];
    // +86 / 0086 written in front of a mobile without a separator.
    if (g0.digits.startsWith('0086') && g0.digits.length > 4) offsets.push(4);
    else if (g0.digits.startsWith('86') && g0.digits.length > 2 && norm[g0.start - 1] === '+') offsets.push(2);
    for (const off of offsets) {
      let digits = '';
      const lengths: number[] = [];
      for (let j = i; j < groups.length; j++) {
        const part = j === i ? groups[j].digits.slice(off) : groups[j].digits;
        digits += part;
        lengths.push(part.length);
        if (digits.length > 19) break;
        if (digits.length >= 11)
          yield { start: g0.start + off, end: groups[j].end, digits, lengths: [...lengths], gaps: gaps.slice(i, j), x: groups[j].x, prefixed: off > 0 };
      }
    }
  }
}

function candidates(normalised: NormalisedText, c: Compiled, today: string): Candidate[] {
  const norm = normalised.text;
  const out: Candidate[] = [];
  const idRule = c.byKind.get('id');
  const possibleRule = c.byKind.get('possible_id');
  const cardRule = c.byKind.get('bank_card');
  const mobileRule = c.byKind.get('mobile');
  for (const chain of chainsOf(norm)) {
    for (const w of windowsOf(chain, norm)) {
      const n = w.digits.length;
      if (w.prefixed) {
        if (mobileRule && n === 11 && /^1[3-9]/.test(w.digits) && groupingAccepted('mobile', w.lengths, w.gaps))
          out.push({ rule: mobileRule, start: w.start, end: w.end });
        continue;
      }
      // 18 digits, 17 + check character X, or 15 digits; an ID never touches a letter (other than its own X).
      const x = n === 17 ? w.x : null;
      if ((idRule || possibleRule) && (n === 18 || n === 15 || x) && !LETTER.test(norm[w.start - 1] ?? '') && (x || !LETTER.test(norm[w.end] ?? ''))) {
        const verdict = classifyResidentId(x ? `${w.digits}X` : w.digits, today);
        const end = x ? x.at + 1 : w.end;
        // The X counts as a digit of the last group, or as a group of its own after a separator.
        const lengths = !x ? w.lengths : x.gap ? [...w.lengths, 1] : [...w.lengths.slice(0, -1), w.lengths[w.lengths.length - 1] + 1];
        const gaps = x?.gap ? [...w.gaps, x.gap] : w.gaps;
        // A 15-digit ID or a typo'd 18-digit one is weak evidence: inside a longer number (a card) the longer one wins.
        if (verdict === 'valid' && idRule && groupingAccepted(n === 15 ? 'id15' : 'id18', lengths, gaps))
          out.push({ rule: idRule, start: w.start, end, weak: n === 15 });
        else if (verdict === 'bad_check_digit' && possibleRule && groupingAccepted('possible_id', lengths, gaps))
          out.push({ rule: possibleRule, start: w.start, end, weak: true });
      }
      if (cardRule && n >= 16 && luhnValid(w.digits) && groupingAccepted('bank_card', w.lengths, w.gaps))
        out.push({ rule: cardRule, start: w.start, end: w.end });
      if (mobileRule && n === 11 && /^1[3-9]/.test(w.digits) && groupingAccepted('mobile', w.lengths, w.gaps))
        out.push({ rule: mobileRule, start: w.start, end: w.end });
    }
  }
  const landRule = c.byKind.get('landline');
  if (landRule) {
    for (const m of norm.matchAll(LANDLINE_RE)) out.push({ rule: landRule, start: m.index, end: m.index + m[0].length });
  }
  if (c.custom.length) {
    // County patterns run on the normalised text and on the same text with the separators between digits removed.
    const compact = compactDigits(norm, chainsOf(norm));
    for (const { rule, re } of c.custom) {
      for (const [text, map] of [
        [norm, null],
        [compact.text, compact.map],
      ] as const) {
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) {
          if (m[0].length === 0) continue;
          const start = map ? map[m.index] : m.index;
          const end = map ? map[m.index + m[0].length - 1] + 1 : m.index + m[0].length;
          out.push({ rule, start, end });
        }
        if (!compact.map) break;
      }
    }
  }
  return out;
}

const LANDLINE_RE = /(?<!\d)(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)\d{7,8}(?:-\d{1,5})?(?!\d)/g;

/** The normalised text without the separators inside digit chains; map[i] = offset in the normalised text. */
function compactDigits(norm: string, chains: Chain[]): { text: string; map: number[] | null } {
  const cuts: [number, number][] = [];
  for (const ch of chains) for (let k = 0; k < ch.gaps.length; k++) cuts.push([ch.groups[k].end, ch.groups[k + 1].start]);
  if (!cuts.length) return { text: norm, map: null };
  let text = '';
  const map: number[] = [];
  let pos = 0;
  for (const [a, b] of [...cuts, [norm.length, norm.length] as [number, number]]) {
    for (let i = pos; i < a; i++) {
      text += norm[i];
      map.push(i);
    }
    pos = b;
  }
  return { text, map };
}

/**
 * One hit per span. Of overlapping candidates the set covering the most digits wins (numbers written next to each
 * other — `138 1234 5678 6222 0210 …` in a table row — are two numbers, not a card made of their middle groups);
 * between candidates of about the same length the kind earlier in KIND_PRIORITY wins (an ID that passes Luhn is an
 * ID). Weighted interval scheduling: exact and fast for the few candidates of one text.
 */
function resolveOverlaps(cands: Candidate[], norm: string): Candidate[] {
  if (cands.length < 2) return cands;
  // A weak candidate (15-digit or typo'd ID) counts three digits less: inside a longer card it is part of the card.
  const weight = (c: Candidate) =>
    norm.slice(c.start, c.end).replace(/[^0-9A-Za-z]/g, '').length - (c.weak ? 3 : 0) + 0.9 * (KIND_PRIORITY.length - KIND_PRIORITY.indexOf(c.rule.kind));
  const sorted = [...cands].sort((a, b) => a.end - b.end || a.start - b.start || KIND_PRIORITY.indexOf(a.rule.kind) - KIND_PRIORITY.indexOf(b.rule.kind));
  const best: number[] = new Array(sorted.length + 1).fill(0);
  const prev: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i - 1;
    while (j >= 0 && sorted[j].end > sorted[i].start) j--;
    prev.push(j);
    best[i + 1] = Math.max(best[i], weight(sorted[i]) + best[j + 1]);
  }
  const kept: Candidate[] = [];
  for (let i = sorted.length - 1; i >= 0;) {
    if (weight(sorted[i]) + best[prev[i] + 1] >= best[i] && best[i + 1] === weight(sorted[i]) + best[prev[i] + 1]) {
      kept.push(sorted[i]);
      i = prev[i];
    } else i--;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Masks significant characters (digits/letters, judged on the normalised form) except the first `keepFirst` and
 * last `keepLast`; separators and invisible characters stay as written. If nothing would be hidden, everything
 * is. Each hidden code point becomes one `maskChar` (so a value of BMP characters keeps its length).
 */
export function applyMask(value: string, spec: MaskSpec): string {
  const cps: { start: number; ch: string; sig: number }[] = [];
  let total = 0;
  for (let i = 0; i < value.length;) {
    const cp = value.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const sig = normaliseWithMap(ch).text.replace(/[^0-9A-Za-z]/g, '').length;
    cps.push({ start: i, ch, sig });
    total += sig;
    i += ch.length;
  }
  const revealAll = spec.keepFirst + spec.keepLast >= total;
  let seen = 0;
  let out = '';
  for (const c of cps) {
    let hide = false;
    for (let k = 0; k < c.sig; k++, seen++) if (revealAll || (seen >= spec.keepFirst && seen < total - spec.keepLast)) hide = true;
    out += hide ? spec.maskChar : c.ch;
  }
  return out;
}

export function fingerprintOf(ruleId: string, value: string): string {
  return createHash('sha256')
    .update(`${ruleId}:${normaliseValue(value)}`, 'utf8')
    .digest('hex');
}

function toHit(text: string, cand: Candidate): PiiHit {
  const value = text.slice(cand.start, cand.end);
  return {
    ruleId: cand.rule.id,
    kind: cand.rule.kind,
    start: cand.start,
    end: cand.end,
    value,
    masked: applyMask(value, cand.rule.mask),
    label: cand.rule.label,
    fingerprint: fingerprintOf(cand.rule.id, value),
  };
}

function scanCompiled(text: string, compiled: Compiled, today: string): PiiHit[] {
  const norm = normaliseWithMap(text);
  return resolveOverlaps(candidates(norm, compiled, today), norm.text).map((c) => {
    const [start, end] = originalSpan(norm, c.start, c.end);
    return toHit(text, { ...c, start, end });
  });
}

/** All personal-data hits in `text`, ordered by position. Throws `PiiRuleError` (Chinese message) for an invalid rule list. */
export function scanText(text: string, rules: readonly PiiRule[] = DEFAULT_RULES, opts: ScanOptions): PiiHit[] {
  checkToday(opts?.today);
  return scanCompiled(text, compile(rules), opts.today);
}

export interface PiiTableHit extends PiiHit {
  /** 0-based index into `rows` (data rows, header excluded). */
  row: number;
  /** 0-based column index. */
  column: number;
  /** The column's header text ('' when the header row is shorter). */
  header: string;
}

/** Scans every cell; hits carry row, column and header. */
export function scanTable(
  rows: readonly (readonly string[])[],
  headers: readonly string[],
  rules: readonly PiiRule[] = DEFAULT_RULES,
  opts: ScanOptions,
): PiiTableHit[] {
  checkToday(opts?.today);
  const compiled = compile(rules);
  const out: PiiTableHit[] = [];
  rows.forEach((cells, row) => {
    cells.forEach((cell, column) => {
      if (typeof cell !== 'string' || cell === '') return;
      for (const hit of scanCompiled(cell, compiled, opts.today)) out.push({ ...hit, row, column, header: headers[column] ?? '' });
    });
  });
  return out;
}

/** Replaces each hit's span by its `masked` text. Hits must come from this very text (checked) and not overlap. */
export function maskText(text: string, hits: readonly PiiHit[]): string {
  const sorted = [...hits].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = text.length;
  for (const h of sorted) {
    if (h.start < 0 || h.end > limit || h.start >= h.end) throw new Error(`mask hit ${h.ruleId}@${h.start}-${h.end} is out of range or overlaps another hit`);
    if (text.slice(h.start, h.end) !== h.value) throw new Error(`mask hit ${h.ruleId}@${h.start}-${h.end} does not match the text (stale scan?)`);
    out = out.slice(0, h.start) + h.masked + out.slice(h.end);
    limit = h.start;
  }
  return out;
}

// ---- reviewer decisions ----------------------------------------------------------------------------

export interface PiiDecision {
  hitFingerprint: string;
  action: 'mask' | 'allow';
  /** Required for 'allow' (e.g. "村委会办公手机，已公开的联系电话"). */
  reason?: string;
  /** Acting user id. */
  by: string;
  /** ISO-8601 timestamp; for several decisions on one fingerprint the latest wins. */
  at: string;
}

export function validateDecision(d: PiiDecision): string[] {
  const out: string[] = [];
  if (!/^[0-9a-f]{64}$/.test(d.hitFingerprint ?? '')) out.push('决定缺少有效的识别指纹');
  if (d.action !== 'mask' && d.action !== 'allow') out.push('处理方式须为“脱敏”或“允许公开”');
  if (d.action === 'allow' && !(d.reason ?? '').trim()) out.push('允许公开个人信息时必须填写理由');
  if (!(d.by ?? '').trim()) out.push('决定缺少操作人');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(d.at ?? '')) out.push('决定缺少有效的时间');
  return out;
}

/** The effective decision per fingerprint (latest `at`). */
export function effectiveDecisions(decisions: readonly PiiDecision[]): Map<string, PiiDecision> {
  const map = new Map<string, PiiDecision>();
  for (const d of decisions) {
    const prev = map.get(d.hitFingerprint);
    if (!prev || d.at >= prev.at) map.set(d.hitFingerprint, d);
  }
  return map;
}

/** Hits nobody has decided on yet: publishing should wait until this is empty. */
export function unresolvedHits<H extends PiiHit>(hits: readonly H[], decisions: readonly PiiDecision[]): H[] {
  const eff = effectiveDecisions(decisions);
  return hits.filter((h) => !eff.has(h.fingerprint));
}

/** Hits to mask: everything except those explicitly allowed (undecided hits are masked — the safe default). */
export function hitsToMask<H extends PiiHit>(hits: readonly H[], decisions: readonly PiiDecision[]): H[] {
  const eff = effectiveDecisions(decisions);
  return hits.filter((h) => eff.get(h.fingerprint)?.action !== 'allow');
}

export interface MaskAllOptions extends ScanOptions {
  decisions?: readonly PiiDecision[];
}

/** Scan and mask in one step; hits allowed by a decision stay visible. */
export function maskAll(text: string, rules: readonly PiiRule[] = DEFAULT_RULES, opts: MaskAllOptions): string {
  const hits = scanText(text, rules, opts);
  return maskText(text, hitsToMask(hits, opts.decisions ?? []));
}
