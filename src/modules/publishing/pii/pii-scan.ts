/**
 * Personal-data scanner and masker for texts and tables about to be published. Pure: rules and "today" are
 * arguments; positions always refer to the text as given (full-width digits are detected through a
 * same-length normalisation, so no index shifting happens).
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_RULES,
  KIND_PRIORITY,
  PiiRuleError,
  classifyResidentId,
  luhnValid,
  normaliseForScan,
  normaliseValue,
  validateRules,
  type CustomRule,
  type MaskSpec,
  type PiiKind,
  type PiiRule,
} from './pii-patterns.ts';

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

const ID_RE = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const CARD_RE = /(?<!\d)(?:\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?|\d{4}(?:-\d{4}){3}(?:-\d{1,3})?)(?!\d)/g;
// The +86 / 0086 / (+86) prefix is allowed but not part of the hit; without it the number must not follow a digit.
const MOBILE_RE = /(?:(?:\+86|(?<!\d)0086|\(\+?86\))[ -]?|(?<!\d))(1[3-9]\d(?:[ -]?\d{4}){2})(?!\d)/dg;
const LANDLINE_RE = /(?<!\d)(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)\d{7,8}(?:-\d{1,5})?(?!\d)/g;

function candidates(norm: string, c: Compiled, today: string): Candidate[] {
  const out: Candidate[] = [];
  const idRule = c.byKind.get('id');
  const possibleRule = c.byKind.get('possible_id');
  if (idRule || possibleRule) {
    for (const m of norm.matchAll(ID_RE)) {
      const verdict = classifyResidentId(m[0], today);
      const rule = verdict === 'valid' ? idRule : verdict === 'bad_check_digit' ? possibleRule : undefined;
      if (rule) out.push({ rule, start: m.index, end: m.index + m[0].length });
    }
  }
  const cardRule = c.byKind.get('bank_card');
  if (cardRule) {
    for (const m of norm.matchAll(CARD_RE)) {
      if (luhnValid(m[0].replace(/[ -]/g, ''))) out.push({ rule: cardRule, start: m.index, end: m.index + m[0].length });
    }
  }
  const mobileRule = c.byKind.get('mobile');
  if (mobileRule) {
    for (const m of norm.matchAll(MOBILE_RE)) {
      const [s, e] = m.indices![1];
      out.push({ rule: mobileRule, start: s, end: e });
    }
  }
  const landRule = c.byKind.get('landline');
  if (landRule) {
    for (const m of norm.matchAll(LANDLINE_RE)) out.push({ rule: landRule, start: m.index, end: m.index + m[0].length });
  }
  for (const { rule, re } of c.custom) {
    re.lastIndex = 0;
    for (const m of norm.matchAll(re)) {
      if (m[0].length > 0) out.push({ rule, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/** One hit per span: higher-priority kinds first (ID over bank card), then earlier, then longer. */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const rank = (k: PiiKind) => KIND_PRIORITY.indexOf(k);
  const sorted = [...cands].sort((a, b) => rank(a.rule.kind) - rank(b.rule.kind) || a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const cand of sorted) {
    if (kept.every((k) => cand.end <= k.start || cand.start >= k.end)) kept.push(cand);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Masks significant characters (digits/letters) except the first `keepFirst` and last `keepLast`; separators are kept. If nothing would be hidden, everything is. */
export function applyMask(value: string, spec: MaskSpec): string {
  const norm = normaliseForScan(value);
  const significant: number[] = [];
  for (let i = 0; i < norm.length; i++) if (/[0-9A-Za-z]/.test(norm[i])) significant.push(i);
  const n = significant.length;
  const revealAll = spec.keepFirst + spec.keepLast >= n;
  const hide = new Set(significant.filter((_, k) => revealAll || (k >= spec.keepFirst && k < n - spec.keepLast)));
  let out = '';
  for (let i = 0; i < value.length; i++) out += hide.has(i) ? spec.maskChar : value[i];
  return out;
}

export function fingerprintOf(ruleId: string, value: string): string {
  return createHash('sha256').update(`${ruleId}:${normaliseValue(value)}`, 'utf8').digest('hex');
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
  const norm = normaliseForScan(text);
  return resolveOverlaps(candidates(norm, compiled, today)).map((c) => toHit(text, c));
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
export function scanTable(rows: readonly (readonly string[])[], headers: readonly string[], rules: readonly PiiRule[] = DEFAULT_RULES, opts: ScanOptions): PiiTableHit[] {
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
