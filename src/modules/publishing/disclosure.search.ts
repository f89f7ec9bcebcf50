/**
 * Keeps the search index in step with what the public can see (only public, masked content):
 * a published or corrected record is (re)indexed in the same transaction as the change; a
 * scheduled record is indexed when it is scheduled, with its future publication time and the end
 * of its display window (the search engine filters by `now`, so it is found from that instant on
 * with no write at that time); a withdrawn record leaves the index (its page stays, with the
 * withdrawal notice).
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { indexDocuments, removeDocuments, type SearchDocumentInput } from '../../platform/search/index.ts';
import { htmlToText } from './disclosure.content.ts';

type IndexCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/** The end of the display window: the planned end if set, else the catalog minimum. */
function displayEnd(row: { display_planned_end: string | null; display_min_end: string | null }): string | null {
  return row.display_planned_end ?? row.display_min_end;
}

/** The search documents of the given published or scheduled records (all of them when ids is null); exported for bulk loaders (bench/lib/generate-county.ts). */
export async function documentsFor(db: Executor, ids: string[] | null, today: string): Promise<SearchDocumentInput[]> {
  let q = db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .leftJoin('catalog_items as ci', 'ci.id', 'd.item_id')
    .leftJoin('catalog_domains as cd', 'cd.code', 'ci.domain_code')
    .select(['d.id', 'd.unit_code', 'd.catalog', 'd.published_at', 'd.display_planned_end', 'd.display_min_end', 'u.path', 'u.name as unit_name', 'v.public_title', 'v.public_body_html', 'ci.domain_code', 'cd.catalog as domain_catalog'])
    // Scheduled records are public from published_at on (their public version is written when scheduled).
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'scheduled'), eb('d.current_version', '>', 0)])]))
    .where('d.published_at', 'is not', null);
  if (ids) q = q.where('d.id', 'in', ids.length ? ids : ['\u0000']);
  const rows = await q.execute();
  return rows.map((r) => {
    const end = displayEnd(r);
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
      archived: !!end && today > end,
      displayUntil: end,
    };
  });
}

/** Re-indexes one record (or removes it when it is no longer public), inside the caller's transaction. */
export async function syncDisclosureSearch(ctx: IndexCtx, trx: Executor, id: string, now: Date): Promise<void> {
  const docs = await documentsFor(trx, [id], chinaDate(now));
  if (docs.length) await indexDocuments(ctx, docs, trx);
  else await removeDocuments(ctx, [`disclosure:${id}`], trx);
}

/** Every public record, for `gongkai reindex`. */
export async function* disclosureSearchDocuments(ctx: AppContext): AsyncIterable<SearchDocumentInput> {
  for (const doc of await documentsFor(ctx.db, null, chinaDate(ctx.clock.now()))) yield doc;
}

/**
 * Display windows end with the passing of time, not with a command: the daily publishing job flags
 * records whose window has ended as 往期 in the index (idempotent; documents also carry their
 * displayUntil, so an engine can tell 往期 by `today` without the flag). Walks only the current
 * records (index on archived) and looks each one up by primary key. Never called from a read.
 */
export async function refreshArchivedSearchFlags(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const today = chinaDate(ctx.clock.now());
  const r = await ctx.db
    .updateTable('search_documents')
    .set({ archived: 1 })
    .where('archived', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('disclosures')
          .select('disclosures.id')
          // doc_id is 'disclosure:' (11 characters) + id.
          .where('disclosures.id', '=', sql<string>`substr(search_documents.doc_id, 12)`)
          .where('disclosures.status', '=', 'published')
          .where(sql<string>`coalesce(disclosures.display_planned_end, disclosures.display_min_end)`, '<', today),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}
