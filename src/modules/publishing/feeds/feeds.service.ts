/**
 * Atom 1.0 and JSON Feed 1.1 of published records: per unit (with or without its subtree), per
 * catalog domain, and for the whole county. Entries are built ONLY from public data — the listing
 * rows (masked titles) and the current version's masked public body — never from the working rows.
 * One bounded query picks the newest 50 changes (listing, index on changed_at), one more reads their
 * public bodies; a scheduled record enters the feed at its publication time (reads filter by time).
 */
import '../disclosure.tables.ts';
import type { AppContext } from '../../../platform/context.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { findRootUnit, findUnit } from '../../org/index.ts';
import type { PublicDisclosure } from '../disclosure.queries.ts';
import { feedEntryRows, feedPicks, readTime, subtreeRange, type FeedFilter } from '../disclosure-listing.repository.ts';
import { domainMap, type DomainRow } from '../../catalog/index.ts';
import { chinaDate } from '../../../platform/context.ts';
import { chineseDate, htmlToText, sanitizeBody } from '../disclosure.content.ts';
import { el } from './xml.ts';

export const FEED_LIMIT = 50;
const SUMMARY_CHARS = 200;

export type FeedScope = { kind: 'unit'; code: string; children: boolean } | { kind: 'domain'; code: string } | { kind: 'all' };

export interface FeedCategory {
  term: string;
  label: string;
  scheme: string;
}

export interface FeedEntry {
  id: string;
  url: string;
  title: string;
  published: string;
  updated: string;
  summary: string;
  contentHtml: string;
  author: string;
  categories: FeedCategory[];
}

export interface Feed {
  /** Path without extension, e.g. `/feeds/units/321323002`; the feed id is the base URL + this path. */
  path: string;
  title: string;
  description: string;
  homePageUrl: string;
  /** Newest entry change; the epoch when the feed is empty (keeps the body and its ETag stable). */
  updated: string;
  entries: FeedEntry[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const dateText = (isoTime: string) => chineseDate(chinaDate(new Date(isoTime)));

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS)}…` : flat;
}

/** What an entry needs of the public view. */
export type EntrySource = Pick<PublicDisclosure, 'id' | 'title' | 'publishedAt' | 'corrected' | 'withdrawal' | 'bodyHtml' | 'unit'> & {
  versions: Pick<PublicDisclosure['versions'][number], 'at' | 'reason'>[];
};

/** One entry from the public (masked) view. */
export function entryOf(ctx: AppContext, d: EntrySource, domain: { code: string; name: string } | null): FeedEntry {
  const last = d.versions.at(-1);
  const changes = [d.publishedAt, ...(d.corrected && last ? [last.at] : []), ...(d.withdrawal ? [d.withdrawal.at] : [])];
  const updated = changes.sort().at(-1)!;
  const notes: string[] = [];
  const htmlNotes: string[] = [];
  if (d.withdrawal) {
    notes.push(`已撤回（${dateText(d.withdrawal.at)}）。撤回理由：${d.withdrawal.reason}`);
    htmlNotes.push(`<p><strong>已撤回</strong>（${dateText(d.withdrawal.at)}）。撤回理由：${escapeHtml(d.withdrawal.reason)}</p>`);
  }
  if (d.corrected && last) {
    notes.push(`已更正（${dateText(last.at)}）：${last.reason ?? ''}`);
    htmlNotes.push(`<p><strong>已更正</strong>（${dateText(last.at)}）：${escapeHtml(last.reason ?? '')}</p>`);
  }
  // A withdrawn record's body is not syndicated any further: subscribers get the notice only.
  const body = d.withdrawal ? '' : sanitizeBody(d.bodyHtml);
  const categories: FeedCategory[] = [];
  if (domain) categories.push({ term: domain.code, label: domain.name, scheme: `${ctx.config.baseUrl}/feeds/domains` });
  categories.push({ term: d.unit.code, label: d.unit.name, scheme: `${ctx.config.baseUrl}/feeds/units` });
  return {
    id: `urn:uuid:${d.id}`,
    url: `${ctx.config.baseUrl}/disclosures/${d.id}`,
    title: d.withdrawal ? `【已撤回】${d.title}` : d.title,
    published: d.publishedAt,
    updated,
    summary: excerpt([...notes, d.withdrawal ? '' : htmlToText(body)].join(' ')),
    contentHtml: [...htmlNotes, body].join(''),
    author: d.unit.name,
    categories,
  };
}

/** Loads a feed's data: 404 for an unknown unit or domain. */
export async function loadFeed(ctx: AppContext, scope: FeedScope): Promise<Result<Feed>> {
  const t = readTime(ctx.clock.now());
  const filter: FeedFilter = { nowIso: t.nowIso };
  let feed: Omit<Feed, 'updated' | 'entries'>;
  // The county's domains (a small table), read once: by a domain feed to find its domain, by the entries for their names.
  let domains: Map<string, DomainRow> | undefined;
  const base = ctx.config.baseUrl;
  if (scope.kind === 'unit') {
    const unit = await findUnit(ctx.db, scope.code);
    if (!unit) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${scope.code}`);
    if (scope.children) {
      const [lo, hi] = subtreeRange(unit.path);
      filter.unitPathRange = [lo, hi];
    } else filter.unitPath = unit.path;
    feed = {
      path: `/feeds/units/${encodeURIComponent(unit.code)}`,
      title: scope.children ? `${unit.name}（含下级单位）公开信息` : `${unit.name}公开信息`,
      description: `${unit.name}发布的政务公开、村（居）务公开信息（个人信息已遮盖）`,
      homePageUrl: `${base}/units/${encodeURIComponent(unit.code)}`,
    };
  } else if (scope.kind === 'domain') {
    domains = await domainMap(ctx.db);
    const domain = domains.get(scope.code);
    if (!domain) return fail(404, 'DOMAIN_NOT_FOUND', `公开领域不存在：${scope.code}`);
    filter.domainCode = domain.code;
    feed = {
      path: `/feeds/domains/${encodeURIComponent(domain.code)}`,
      title: `${domain.name}领域公开信息`,
      description: `${domain.name}领域的公开信息（个人信息已遮盖）`,
      homePageUrl: `${base}/`,
    };
  } else {
    const root = await findRootUnit(ctx.db);
    const name = root?.name ?? '';
    feed = { path: '/feeds/all', title: `${name}政务公开与村（居）务公开`, description: `${name}全部公开信息（个人信息已遮盖）`, homePageUrl: `${base}/` };
  }
  // A correction or withdrawal made before a scheduled time cannot exist (those need a published record), so changed_at <= now here.
  const picked = await feedPicks(ctx.db, filter, FEED_LIMIT);
  const entries: FeedEntry[] = [];
  if (picked.length) {
    const ids = picked.map((p) => p.disclosure_id);
    const anyDomain = picked.some((p) => p.domain_code);
    const [rows, domainByCode] = await Promise.all([feedEntryRows(ctx.db, ids), domains ?? (anyDomain ? domainMap(ctx.db) : new Map<string, DomainRow>())]);
    const byId = new Map(rows.map((r) => [r.disclosure_id, r]));
    for (const p of picked) {
      const r = byId.get(p.disclosure_id);
      if (!r) continue;
      const source: EntrySource = {
        id: r.disclosure_id,
        title: r.title,
        publishedAt: r.published_at,
        corrected: r.version > 1,
        withdrawal: r.withdrawn_at ? { at: r.withdrawn_at, reason: r.withdrawn_reason ?? '' } : null,
        bodyHtml: r.public_body_html,
        unit: { code: r.unit_code, name: r.unit_name },
        // The current version is the last one: its time and public reason are what an entry shows of the history.
        versions: [{ at: r.version_at, reason: r.reason }],
      };
      entries.push(entryOf(ctx, source, p.domain_code ? { code: p.domain_code, name: domainByCode.get(p.domain_code)?.name ?? p.domain_code } : null));
    }
  }
  const updated =
    entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? new Date(0).toISOString();
  return ok({ ...feed, updated, entries });
}

export function renderAtom(ctx: AppContext, feed: Feed, selfUrl: string): string {
  const base = ctx.config.baseUrl;
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">'];
  out.push(el('id', {}, `${base}${feed.path}`));
  out.push(el('title', {}, feed.title));
  out.push(el('subtitle', {}, feed.description));
  out.push(el('updated', {}, feed.updated));
  out.push(el('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }));
  out.push(el('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }));
  out.push(el('generator', { uri: base }, 'Gongkai'));
  for (const e of feed.entries) {
    out.push('<entry>');
    out.push(el('id', {}, e.id));
    out.push(el('title', { type: 'text' }, e.title));
    out.push(el('link', { rel: 'alternate', type: 'text/html', href: e.url }));
    out.push(el('published', {}, e.published));
    out.push(el('updated', {}, e.updated));
    out.push(`<author>${el('name', {}, e.author)}</author>`);
    for (const c of e.categories) out.push(el('category', { term: c.term, label: c.label, scheme: c.scheme }));
    out.push(el('summary', { type: 'text' }, e.summary));
    out.push(el('content', { type: 'html' }, e.contentHtml));
    out.push('</entry>');
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}

export function renderJsonFeed(feed: Feed, selfUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    description: feed.description,
    home_page_url: feed.homePageUrl,
    feed_url: selfUrl,
    language: 'zh-CN',
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary,
      date_published: e.published,
      date_modified: e.updated,
      authors: [{ name: e.author }],
      tags: e.categories.map((c) => c.label),
    })),
  });
}

/** Error bodies of the feed URLs (outside /api, so in the feed's own format). */
export function feedError(format: 'atom' | 'json', code: string, message: string): string {
  return format === 'atom'
    ? `<?xml version="1.0" encoding="utf-8"?>\n<error>${el('code', {}, code)}${el('message', {}, message)}</error>\n`
    : JSON.stringify({ error: { code, message } });
}
