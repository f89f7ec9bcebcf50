/**
 * Content helpers (pure): body sanitizing, scanning and masking personal data inside HTML text
 * nodes, the content hash of a public version, and a field-level diff between versions.
 */
import crypto from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import type { PiiRule } from './pii/pii-patterns.ts';
import { piiRules } from './pii-config.ts';
import { hitsToMask, maskText, scanText, unresolvedHits, type PiiDecision, type PiiHit } from './pii/pii-scan.ts';

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h3', 'h4', 'a'];

/** Rich text as stored: only the listed tags; links only http/https/mailto; everything else dropped. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    // Row/column spans keep the merged header cells of statistical tables (e.g. the annual report's).
    allowedAttributes: { a: ['href'], td: ['rowspan', 'colspan'], th: ['rowspan', 'colspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
  }).trim();
}

const BLOCK_TAGS = new Set(['p', 'br', 'li', 'tr', 'td', 'th', 'h3', 'h4', 'ul', 'ol', 'table', 'thead', 'tbody']);
const CELL_TAGS = new Set(['tr', 'td', 'th', 'table', 'thead', 'tbody']);
/**
 * What the scanner sees between table cells: a tab, which is not a digit-group separator, so figures in
 * neighbouring cells (amounts, dates, counts) are never joined into one number; paragraphs and line breaks
 * stay line breaks (a number may wrap onto the next line).
 */
export const SCAN_CELL_BREAK = '\t';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const TOKEN = /<\/?([a-zA-Z0-9]+)[^>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g;

interface TextMap {
  text: string;
  /** For each character of `text`: the [start, end) span in the HTML it came from; null for a synthetic line break. */
  spans: ([number, number] | null)[];
}

/** The text content of sanitized HTML (block tags become line breaks, table cells `cellBreak`), with a map back into the HTML. */
export function htmlTextMap(html: string, cellBreak = '\n'): TextMap {
  let text = '';
  const spans: ([number, number] | null)[] = [];
  let last = 0;
  const pushLiteral = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      text += html[i];
      spans.push([i, i + 1]);
    }
  };
  for (const m of html.matchAll(TOKEN)) {
    const at = m.index;
    pushLiteral(last, at);
    if (m[1] !== undefined) {
      const tag = m[1].toLowerCase();
      if (BLOCK_TAGS.has(tag)) {
        text += CELL_TAGS.has(tag) ? cellBreak : '\n';
        spans.push(null);
      }
    } else {
      const e = m[2];
      const ch = e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : (ENTITIES[e.toLowerCase()] ?? m[0]);
      // Astral characters take two code units; each maps to the whole entity.
      for (let k = 0; k < ch.length; k++) {
        text += ch[k];
        spans.push([at, at + m[0].length]);
      }
    }
    last = at + m[0].length;
  }
  pushLiteral(last, html.length);
  return { text, spans };
}

export function htmlToText(html: string): string {
  return htmlTextMap(html)
    .text.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Replaces the masked characters of `hits` (found in the text content) in the HTML itself. A hidden character
 * written as an entity is replaced whole; separators, tags and everything outside the hits stay as they are.
 */
export function maskHtml(html: string, map: TextMap, hits: readonly PiiHit[]): string {
  const edits = new Map<number, { end: number; ch: string }>();
  for (const h of hits) {
    const values = [...h.value];
    const masked = [...h.masked];
    let unit = h.start;
    values.forEach((v, k) => {
      if (masked[k] !== v) {
        let last: [number, number] | null = null;
        for (let q = 0; q < v.length; q++) {
          const span = map.spans[unit + q];
          if (!span || (last && last[0] === span[0])) continue;
          edits.set(span[0], { end: span[1], ch: q === 0 ? masked[k] : '' });
          last = span;
        }
      }
      unit += v.length;
    });
  }
  let out = html;
  for (const [start, e] of [...edits.entries()].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + e.ch + out.slice(e.end);
  return out;
}

export interface FieldHit extends PiiHit {
  field: 'title' | 'body';
}

export interface ContentInput {
  title: string;
  docNo: string | null;
  bodyHtml: string;
}

export function scanContent(c: ContentInput, today: string, rules: readonly PiiRule[] = piiRules()): FieldHit[] {
  return [
    ...scanText(c.title, rules, { today }).map((h) => ({ ...h, field: 'title' as const })),
    ...scanText(htmlTextMap(c.bodyHtml, SCAN_CELL_BREAK).text, rules, { today }).map((h) => ({ ...h, field: 'body' as const })),
  ];
}

/** The public (masked) rendering: every hit not explicitly allowed is masked. */
export function publicContent(c: ContentInput, decisions: readonly PiiDecision[], today: string): ContentInput {
  const hits = scanContent(c, today);
  const masked = hitsToMask(hits, decisions);
  const map = htmlTextMap(c.bodyHtml, SCAN_CELL_BREAK);
  return {
    title: maskText(
      c.title,
      masked.filter((h) => h.field === 'title'),
    ),
    // 文号 is an official document number, not personal data: published as written.
    docNo: c.docNo,
    bodyHtml: maskHtml(
      c.bodyHtml,
      map,
      masked.filter((h) => h.field === 'body'),
    ),
  };
}

export const KIND_TEXT: Record<string, string> = {
  id: '身份证号',
  possible_id: '疑似身份证号',
  mobile: '手机号码',
  bank_card: '银行卡号',
  landline: '固定电话',
  custom: '其他个人信息',
};

/** Null when every hit has a decision; else the 409 message listing count and kinds. */
export function piiGateMessage(hits: readonly PiiHit[], decisions: readonly PiiDecision[]): string | null {
  const open = unresolvedHits(hits, decisions);
  if (open.length === 0) return null;
  // A county's own rule is named by its label (e.g. 社保卡号); built-in kinds by their usual names.
  const kinds = [...new Set(open.map((h) => (h.kind === 'custom' ? h.label : (KIND_TEXT[h.kind] ?? h.label))))];
  return `内容中有 ${open.length} 处个人信息尚未处理（${kinds.join('、')}），请逐项遮盖或经审核人员说明理由后允许公开，再继续操作`;
}

export interface HashedContent {
  disclosureId: string;
  versionNo: number;
  unitCode: string;
  indexNo: string;
  title: string;
  docNo: string | null;
  formedOn: string;
  bodyHtml: string;
  /** The public (masked) structured tables as stored (JSON text); null/absent when the record has none. */
  tables?: string | null;
}

/**
 * sha256 of the canonical JSON (fixed field order) of the public, masked content of one version. Records with
 * structured tables use 'gongkai.disclosure.v2', which appends the public tables JSON; others keep v1 unchanged.
 */
export function contentHash(c: HashedContent): string {
  const fields = [c.disclosureId, c.versionNo, c.unitCode, c.indexNo, c.title, c.docNo, c.formedOn, c.bodyHtml];
  const canonical = JSON.stringify(c.tables ? ['gongkai.disclosure.v2', ...fields, c.tables] : ['gongkai.disclosure.v1', ...fields]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export interface LineChange {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Line diff (LCS) of two texts; small inputs only (a disclosure body). */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] });
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) out.push({ op: 'removed', text: a[i++] });
    else out.push({ op: 'added', text: b[j++] });
  }
  while (i < n) out.push({ op: 'removed', text: a[i++] });
  while (j < m) out.push({ op: 'added', text: b[j++] });
  return out;
}

export interface FieldDiff {
  field: 'title' | 'docNo' | 'body';
  label: string;
  before: string;
  after: string;
  lines?: LineChange[];
}

export function diffVersions(prev: ContentInput, next: ContentInput): FieldDiff[] {
  const out: FieldDiff[] = [];
  if (prev.title !== next.title) out.push({ field: 'title', label: '标题', before: prev.title, after: next.title });
  if ((prev.docNo ?? '') !== (next.docNo ?? '')) out.push({ field: 'docNo', label: '文号', before: prev.docNo ?? '', after: next.docNo ?? '' });
  const pb = htmlToText(prev.bodyHtml);
  const nb = htmlToText(next.bodyHtml);
  if (pb !== nb) out.push({ field: 'body', label: '正文', before: pb, after: nb, lines: diffLines(pb, nb) });
  return out;
}

/** Period forms per frequency: `2026`, `2026-Q3`, `2026-10`. */
export function periodMatches(frequency: string, period: string): boolean {
  const y = /^\d{4}$/;
  const q = /^\d{4}-Q[1-4]$/;
  const mo = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (frequency === 'yearly') return y.test(period);
  if (frequency === 'quarterly') return q.test(period);
  if (frequency === 'monthly') return mo.test(period);
  return q.test(period) || mo.test(period);
}

/** "2026年11月26日" */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
