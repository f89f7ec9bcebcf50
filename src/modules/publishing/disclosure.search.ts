/**
 * Keeps the search index in step with what the public can see (only public, masked content):
 * a published or corrected record is (re)indexed in the same transaction as the change; a
 * scheduled record is indexed when it is scheduled, with its future publication time and the end
 * of its display window (the search engine filters by `now`, so it is found from that instant on
 * with no write at that time); a withdrawn record leaves the index (its page stays, with the
 * withdrawal notice).
 */
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { indexDocuments, removeDocuments, type SearchDocumentInput } from '../../platform/search/index.ts';
import { htmlToText } from './disclosure.content.ts';
import { publicRecordTimes, searchSourceRows, type SearchSourceRow } from './disclosure-search.repository.ts';

type IndexCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/** The end of the display window: the planned end if set, else the catalog minimum. */
function displayEnd(row: { display_planned_end: string | null; display_min_end: string | null }): string | null {
  return row.display_planned_end ?? row.display_min_end;
}

/**
 * The search documents of the given published or scheduled records; exported for bulk loaders
 * (bench/lib/generate-county.ts). The index computes 往期 from `displayEnd` and the clock, and finds
 * a scheduled record from its `publishedAt` on: nothing has to be re-indexed when a display period
 * ends or a scheduled publication falls due.
 */
export async function documentsFor(db: Executor, ids: string[]): Promise<SearchDocumentInput[]> {
  if (!ids.length) return [];
  return toDocuments(await searchSourceRows(db, ids));
}

function toDocuments(rows: SearchSourceRow[]): SearchDocumentInput[] {
  return rows.map((r) => {
    const body = htmlToText(r.public_body_html);
    return {
      docId: `disclosure:${r.id}`,
      type: 'disclosure',
      unitCode: r.unit_code,
      unitPath: r.path,
      unitName: r.unit_name,
      // Government items carry a 公开领域, village items a 村务类别.
      domain: r.domain_catalog === 'government' ? r.domain_code : null,
      category: r.domain_catalog === 'village' ? r.domain_code : null,
      title: r.public_title,
      summary: body.slice(0, 200),
      bodyText: body,
      url: `/disclosures/${r.id}`,
      publishedAt: r.published_at!,
      displayEnd: displayEnd(r),
    };
  });
}

/**
 * Re-indexes one record (or removes it when it is no longer public), inside the caller's
 * transaction. (`_now` is unused: the display status is computed at query time.)
 */
export async function syncDisclosureSearch(ctx: IndexCtx, trx: Executor, id: string, _now: Date): Promise<void> {
  const docs = await documentsFor(trx, [id]);
  if (docs.length) await indexDocuments(ctx, docs, trx);
  else await removeDocuments(ctx, [`disclosure:${id}`], trx);
}

/** Re-indexes many records at once (the end of a batch: command.ts inBatch with AppContext.searchBatch). */
export async function syncDisclosureSearchMany(ctx: IndexCtx, trx: Executor, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const docs = await documentsFor(trx, [...ids]);
  if (docs.length) await indexDocuments(ctx, docs, trx);
  const indexed = new Set(docs.map((d) => d.docId));
  const gone = ids.map((id) => `disclosure:${id}`).filter((d) => !indexed.has(d));
  if (gone.length) await removeDocuments(ctx, gone, trx);
}

/** Records read per query by `gongkai reindex`. */
const REINDEX_PAGE = 1000;

/**
 * Every public record, for `gongkai reindex`: newest first (the index appends them in that order,
 * its fastest path), a page at a time so memory stays flat. The order comes from one read of
 * (published_at, id) for all published and scheduled records; each page is then read by primary key.
 */
export async function* disclosureSearchDocuments(ctx: AppContext): AsyncIterable<SearchDocumentInput> {
  const all = await publicRecordTimes(ctx.db);
  all.sort((a, b) => (a.published_at! > b.published_at! ? -1 : a.published_at! < b.published_at! ? 1 : a.id < b.id ? -1 : 1));
  for (let i = 0; i < all.length; i += REINDEX_PAGE) {
    const ids = all.slice(i, i + REINDEX_PAGE).map((r) => r.id);
    const byId = new Map((await documentsFor(ctx.db, ids)).map((d) => [d.docId, d]));
    for (const id of ids) {
      const doc = byId.get(`disclosure:${id}`);
      if (doc) yield doc;
    }
  }
}
