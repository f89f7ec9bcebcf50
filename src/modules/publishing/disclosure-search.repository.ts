/**
 * The rows the search index is built from (disclosure.search.ts): public or scheduled records with their
 * current public version, unit and catalog category (catalog's sub-queries, joined in the one statement). Pure reads.
 */
import './disclosure.tables.ts';
import type { Executor } from '../../platform/db/database.ts';
import { domainCatalogs, itemDomains } from '../catalog/index.ts';

function publicRecords(db: Executor) {
  return (
    db
      .selectFrom('disclosures as d')
      // Scheduled records are public from published_at on (their public version is written when scheduled).
      .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'scheduled'), eb('d.current_version', '>', 0)])]))
      .where('d.published_at', 'is not', null)
  );
}

function searchRowQuery(db: Executor) {
  return publicRecords(db)
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .leftJoin(itemDomains(db).as('ci'), 'ci.id', 'd.item_id')
    .leftJoin(domainCatalogs(db).as('cd'), 'cd.code', 'ci.domain_code')
    .select([
      'd.id',
      'd.unit_code',
      'd.catalog',
      'd.published_at',
      'd.display_planned_end',
      'd.display_min_end',
      'u.path',
      'u.name as unit_name',
      'v.public_title',
      'v.public_body_html',
      'ci.domain_code',
      'cd.catalog as domain_catalog',
    ]);
}

export type SearchSourceRow = Awaited<ReturnType<ReturnType<typeof searchRowQuery>['execute']>>[number];

/** Those of `ids` that are public (or scheduled with their public version), with what their search documents hold. */
export async function searchSourceRows(db: Executor, ids: string[]): Promise<SearchSourceRow[]> {
  return searchRowQuery(db).where('d.id', 'in', ids).execute();
}

/** Id and publication time of every public (or scheduled) record, in no particular order. */
export async function publicRecordTimes(db: Executor): Promise<{ id: string; published_at: string | null }[]> {
  return publicRecords(db).select(['d.id', 'd.published_at']).execute();
}
