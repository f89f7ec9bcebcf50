import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { financeMonthsJson } from '../src/modules/publishing/disclosure.finance-months.ts';

// The public listing of disclosures (issue 14): one narrow row per record that is, or at a set time
// will be, public — what every list, count, feed and sitemap reads, so that no list touches the wide
// `disclosures` / `disclosure_versions` rows (working and public bodies, tables). Written by the
// publishing commands in the same transaction as the change (schedule, publish, correct, withdraw,
// display end). Display status is an expression over these columns and the `now` of the request:
//   visible   published_at <= now            (a scheduled record carries its future publication time)
//   current   status = 'published' and display_until >= today (China date)
//   往期       status = 'withdrawn' or display_until < today
// display_until is the last day of the display window, '9999-12-31' when the window has no end.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Subtree filters are byte-order ranges on unit_path ([path, path with its last '/' as '0')): on
  // PostgreSQL the column is declared collate "C" so comparisons and its indexes are byte-ordered
  // whatever the database locale (SQLite compares text bytewise already).
  const pgC = db.getExecutor().adapter instanceof SqliteAdapter ? null : sql`collate "C"`;
  await db.schema
    .createTable('disclosure_listings')
    .addColumn('disclosure_id', 'text', (c) => c.primaryKey().references('disclosures.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    // org_units.path of the unit (immutable: a unit is never moved, its code is stable).
    .addColumn('unit_path', 'text', (c) => (pgC ? c.notNull().modifyEnd(pgC) : c.notNull()))
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text')
    // Domain (government catalog) or village-affairs category of the record's catalog item.
    .addColumn('domain_code', 'text')
    .addColumn('period', 'text')
    .addColumn('event_id', 'text')
    // published | withdrawn (the public lifecycle; a scheduled record is 'published' from its time on).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('display_rule_json', 'text')
    .addColumn('display_min_end', 'text')
    .addColumn('display_planned_end', 'text')
    .addColumn('display_until', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('has_finance', 'integer', (c) => c.notNull())
    // The finance statement's income and expense by month (MonthSummary[] JSON): what the village
    // finance overview sums, without reading the statement's lines.
    .addColumn('finance_months_json', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    // Newest public change (publication, correction, withdrawal): the order of the feeds.
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  // Every list orders by (time, disclosure_id): the id follows the time in each index, so a LIMIT reads
  // only the rows it returns (with anything between them SQLite sorts the whole range).
  const idx = (name: string, columns: string[]) => db.schema.createIndex(name).on('disclosure_listings').columns(columns).execute();
  // Newest across the county (home page, API, sitemap months) and the next scheduled change.
  await idx('disclosure_listings_status_published', ['status', 'published_at', 'disclosure_id']);
  // A unit's newest (unit page 往期, archive by year and month, unit feeds, API unit filter).
  await idx('disclosure_listings_unit_published', ['unit_path', 'published_at', 'disclosure_id']);
  // What a unit currently displays (village page by category, town page columns), index-only counts.
  await idx('disclosure_listings_unit_current', ['unit_path', 'display_until', 'status', 'published_at', 'disclosure_id', 'domain_code']);
  // What one category of a unit displays without an end (the village page by category), newest first.
  await idx('disclosure_listings_unit_domain_current', ['unit_path', 'domain_code', 'display_until', 'status', 'published_at', 'disclosure_id']);
  // A unit's withdrawn records, newest first (往期 on the unit page).
  await idx('disclosure_listings_unit_status', ['unit_path', 'status', 'published_at', 'disclosure_id']);
  // Domain pages and domain feeds.
  await idx('disclosure_listings_domain_published', ['domain_code', 'published_at', 'disclosure_id']);
  // Feeds, newest change first.
  await idx('disclosure_listings_changed', ['changed_at', 'disclosure_id']);
  await idx('disclosure_listings_unit_changed', ['unit_path', 'changed_at', 'disclosure_id']);
  await idx('disclosure_listings_domain_changed', ['domain_code', 'changed_at', 'disclosure_id']);
  // The village finance overview: a unit's newest finance statements.
  await idx('disclosure_listings_unit_finance', ['unit_path', 'has_finance', 'published_at', 'disclosure_id']);
  // 公开督查 facts and the website column checks (by unit and item).
  await idx('disclosure_listings_unit_item', ['unit_code', 'item_key', 'status', 'published_at']);

  // Per unit and category, how many published records are displayed without an end (display_until =
  // '9999-12-31', including scheduled ones): maintained by the commands (syncListing) so that "how many
  // are current" costs a few index entries, not one per record ever published. domain_code '' = none.
  await db.schema
    .createTable('disclosure_listing_counts')
    .addColumn('unit_path', 'text', (c) => (pgC ? c.notNull().modifyEnd(pgC) : c.notNull()))
    .addColumn('domain_code', 'text', (c) => c.notNull())
    .addColumn('open_published', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('disclosure_listing_counts_pk', ['unit_path', 'domain_code'])
    .execute();

  // Every public record so far (published or withdrawn). Scheduled records written before this
  // migration have no public version yet: the publishing job prepares them (index number, version,
  // display window, listing) before they fall due.
  await sql`
    insert into disclosure_listings (disclosure_id, unit_code, unit_path, catalog, item_key, domain_code, period, event_id, status, published_at,
      display_rule_json, display_min_end, display_planned_end, display_until, title, index_no, version, has_finance, withdrawn_at, withdrawn_reason, changed_at)
    select d.id, d.unit_code, u.path, d.catalog, d.item_key, coalesce(ci.domain_code, li.domain_code), d.period, d.event_id, d.status, d.published_at,
      d.display_rule_json, d.display_min_end, d.display_planned_end, coalesce(d.display_planned_end, d.display_min_end, '9999-12-31'), v.public_title, d.index_no, d.current_version,
      case when v.public_tables_json like '%"kind":"finance"%' then 1 else 0 end, d.withdrawn_at, d.withdrawn_reason, coalesce(d.withdrawn_at, v.created_at)
    from disclosures d
    join org_units u on u.code = d.unit_code
    join disclosure_versions v on v.disclosure_id = d.id and v.version_no = d.current_version
    left join catalog_items ci on ci.id = d.item_id
    left join unit_local_items li on li.id = d.item_id
    where d.status in ('published', 'withdrawn') and d.current_version > 0 and d.published_at is not null and d.index_no is not null
  `.execute(db);
  await sql`
    insert into disclosure_listing_counts (unit_path, domain_code, open_published)
    select unit_path, coalesce(domain_code, ''), count(*) from disclosure_listings
    where display_until = '9999-12-31' and status = 'published'
    group by unit_path, coalesce(domain_code, '')
  `.execute(db);
  // Monthly totals of the finance statements published so far, from their masked public tables
  // (the same summary publishing computes when it writes a listing row), 500 at a time.
  for (let after = ''; ;) {
    const rows = (
      await sql<{ id: string; tables: string }>`
        select l.disclosure_id as id, v.public_tables_json as tables from disclosure_listings l
        join disclosure_versions v on v.disclosure_id = l.disclosure_id and v.version_no = l.version
        where l.has_finance = 1 and l.disclosure_id > ${after} order by l.disclosure_id limit 500
      `.execute(db)
    ).rows;
    if (rows.length === 0) break;
    for (const r of rows)
      await sql`update disclosure_listings set finance_months_json = ${financeMonthsJson(r.tables)} where disclosure_id = ${r.id}`.execute(db);
    after = rows[rows.length - 1].id;
  }
  // Statistics for the planner right away (SQLite: the runtime's optimize after the migrations).
  if (pgC) await sql`analyze disclosure_listings, disclosure_listing_counts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
