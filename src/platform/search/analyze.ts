import zlib from 'node:zlib';
import { analyzeName, MAX_INDEXED_BODY_CHARS, normalizeText, syllables, textTokens, type NameAnalysis } from './segment.ts';
import type { SearchDocumentInput } from './engine.ts';

// A document as the index stores it, analyzed once: the plain row, the excerpt (snippet source and
// the only stored copy of the body) and the token fields. Both engines index the same fields; the
// fields can be rebuilt from what is stored (row + excerpt), which the SQLite engine needs when it
// moves a document to another position.

/** The plain columns of a search document, identical on both databases. */
export interface DocumentRow {
  doc_id: string;
  type: string;
  unit_code: string;
  unit_path: string;
  unit_name: string;
  domain: string | null;
  category: string | null;
  title: string;
  url: string;
  published_at: string;
  /** China-local date of the last day on display (YYYY-MM-DD), null = no end. */
  display_end: string | null;
  updated_at: string;
}

/** The token fields: title (weight 10 / A), title pinyin (4 / C), unit name (4 / B), body (1 / D), filter keys. */
export interface IndexFields {
  title: string;
  tpy: string;
  unit: string;
  body: string;
  facets: string;
}

export interface AnalyzedDocument {
  row: DocumentRow;
  /** Normalized summary + body (NFKC, whitespace collapsed, at most MAX_INDEXED_BODY_CHARS). */
  excerpt: string;
  fields: IndexFields;
  /** Vocabulary entries this document contributes (title words, its unit). */
  vocabulary: VocabularyEntry[];
}

export interface VocabularyEntry {
  kind: 'word' | 'unit';
  word: string;
  pinyin: string;
  initials: string;
}

/** The excerpt as stored: raw deflate (the text compresses to about a third). */
export function packExcerpt(excerpt: string): Buffer {
  return zlib.deflateRawSync(excerpt, { level: 6 });
}

export function unpackExcerpt(blob: Uint8Array): string {
  return zlib.inflateRawSync(blob).toString('utf8');
}

/**
 * The text snippets come from. Publishing's summary is the opening of the body: stored and indexed
 * once. NFKC is applied here, once, so a query only has to lower-case it to compare.
 */
export function excerptOf(doc: Pick<SearchDocumentInput, 'summary' | 'bodyText'>): string {
  const body = doc.bodyText ?? '';
  const summary = (doc.summary ?? '').trim();
  const text = summary && !body.trim().startsWith(summary) ? `${summary}\n${body}` : body;
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, MAX_INDEXED_BODY_CHARS);
}

const NAMES = new Map<string, NameAnalysis>();

/** Unit names repeat on every document of the unit: analyzed once per process. */
export function unitAnalysis(name: string): NameAnalysis {
  let a = NAMES.get(name);
  if (!a) {
    if (NAMES.size > 5000) NAMES.clear();
    a = analyzeName(name);
    NAMES.set(name, a);
  }
  return a;
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** Filter keys as tokens: unit (every unit of the path, so a unit covers its subtree), type, domain, category, display end. */
export const facet = {
  unit: (code: string) => `u${hex(code)}`,
  type: (t: string) => `t${hex(t)}`,
  domain: (d: string) => `d${hex(d)}`,
  category: (c: string) => `c${hex(c)}`,
  /** `e0`: no end; else the year `e2026` and the month `e202611` of the last display day. */
  endNone: 'e0',
  endYear: (y: string) => `e${y}`,
  endMonth: (ym: string) => `e${ym}`,
};

export function unitCodesOfPath(unitPath: string): string[] {
  return unitPath.split('/').filter(Boolean);
}

function facetsOf(row: DocumentRow): string {
  const out = unitCodesOfPath(row.unit_path).map(facet.unit);
  out.push(facet.type(row.type));
  if (row.domain) out.push(facet.domain(row.domain));
  if (row.category) out.push(facet.category(row.category));
  if (row.display_end) out.push(facet.endYear(row.display_end.slice(0, 4)), facet.endMonth(row.display_end.slice(0, 4) + row.display_end.slice(5, 7)));
  else out.push(facet.endNone);
  return out.join(' ');
}

/**
 * The token fields of a stored document (row + excerpt): indexing and re-positioning agree.
 * `body: false` leaves the body's tokens out (''): PostgreSQL computes them from the excerpt itself.
 */
export function fieldsOf(row: DocumentRow, excerpt: string, title: NameAnalysis = analyzeName(row.title), body = true): IndexFields {
  const unit = unitAnalysis(row.unit_name);
  return {
    title: title.tokens,
    tpy: title.pinyin,
    unit: unit.pinyin ? `${unit.tokens} ${unit.pinyin}` : unit.tokens,
    body: body ? textTokens(normalizeText(excerpt)) : '',
    facets: facetsOf(row),
  };
}

export function vocabularyOf(row: Pick<DocumentRow, 'title' | 'unit_name'>, title: NameAnalysis = analyzeName(row.title)): VocabularyEntry[] {
  const out: VocabularyEntry[] = [];
  for (const w of title.words) {
    const syl = syllables(w);
    const full = syl.join('');
    if (full) out.push({ kind: 'word', word: w, pinyin: full, initials: syl.map((x) => x[0] ?? '').join('') });
  }
  const u = unitAnalysis(row.unit_name);
  out.push({ kind: 'unit', word: row.unit_name, pinyin: u.full, initials: u.initials });
  return out;
}

const DOC_ID = /^[a-z][a-z0-9_-]*:[A-Za-z0-9._-]+$/;
const UNIT_PATH = /^\/(?:[A-Za-z0-9_-]+\/)+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Programming errors of a feeding module, not user input: thrown, with an English message. */
export function assertDocument(doc: SearchDocumentInput): void {
  if (!DOC_ID.test(doc.docId)) throw new Error(`search: bad docId ${JSON.stringify(doc.docId)}`);
  if (!UNIT_PATH.test(doc.unitPath)) throw new Error(`search: bad unitPath ${JSON.stringify(doc.unitPath)} for ${doc.docId}`);
  if (!ISO_INSTANT.test(doc.publishedAt)) throw new Error(`search: publishedAt must be an ISO UTC instant for ${doc.docId}`);
  if (doc.displayEnd != null && !DATE.test(doc.displayEnd)) throw new Error(`search: displayEnd must be YYYY-MM-DD or null for ${doc.docId}`);
  if (!doc.title.trim()) throw new Error(`search: empty title for ${doc.docId}`);
  if (!doc.url.startsWith('/')) throw new Error(`search: url must be a portal path for ${doc.docId}`);
}

/** Validates and analyzes a document: one pass of normalization, jieba and pinyin per field (`body: false`: see fieldsOf). */
export function analyzeDocument(doc: SearchDocumentInput, now: Date, body = true): AnalyzedDocument {
  assertDocument(doc);
  const row: DocumentRow = {
    doc_id: doc.docId,
    type: doc.type,
    unit_code: doc.unitCode,
    unit_path: doc.unitPath,
    unit_name: doc.unitName,
    domain: doc.domain ?? null,
    category: doc.category ?? null,
    title: doc.title,
    url: doc.url,
    // Stored in one format (milliseconds, Z) so that text order is time order on both databases.
    published_at: new Date(doc.publishedAt).toISOString(),
    display_end: doc.displayEnd ?? null,
    updated_at: now.toISOString(),
  };
  const excerpt = excerptOf(doc);
  const title = analyzeName(doc.title);
  return { row, excerpt, fields: fieldsOf(row, excerpt, title, body), vocabulary: vocabularyOf(row, title) };
}
