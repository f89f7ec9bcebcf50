/** Every query on the compliance tables, and the reads of other modules' rows the evaluation needs. */
import './compliance.tables.ts';
import { photoDatesOfUnits, publicRecordsOfUnits, publishedItemKeysOf, type PublicRecordFact } from '../publishing/index.ts';
import { sql } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.ts';
import type { ComplianceObligationTable, ComplianceUnitYearTable } from './compliance.tables.ts';

const CHUNK = 400;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Audit actions that change what an obligation's evaluation rests on. Unit-scoped ones make that
 * unit's stored rows stale; the catalog-wide ones (unit_code null) make every unit's rows stale.
 * Calendar changes are handled by the deadline recomputer (only the years they touch).
 */
export const RELEVANT_ACTIONS = [
  'disclosure.publish',
  'disclosure.correct',
  'disclosure.withdraw',
  'disclosure.display_end',
  'disclosure.evidence.add',
  'catalog.version.publish',
  'catalog.import',
  'catalog.local_item.add',
  'catalog.local_item.retire',
  'catalog.exclusion.add',
  'catalog.exclusion.remove',
  'catalog.settings.busy_finance',
  'catalog.event.record',
  'catalog.unit.domains',
];

export async function loadUnitYears(db: Executor, unitCodes: string[], years: number[]): Promise<ComplianceUnitYearTable[]> {
  const out: ComplianceUnitYearTable[] = [];
  for (const part of chunks(unitCodes))
    out.push(...(await db.selectFrom('compliance_unit_years').selectAll().where('unit_code', 'in', part).where('year', 'in', years).execute()));
  return out;
}

/** Relevant audit events after `afterSeq`: which units changed (null = every unit), with the latest seq. */
export async function changesSince(db: Executor, afterSeq: number): Promise<{ unit_code: string | null; seq: number }[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['unit_code', (eb) => eb.fn.max('seq').as('seq')])
    .where('seq', '>', afterSeq)
    .where('action', 'in', RELEVANT_ACTIONS)
    .groupBy('unit_code')
    .execute();
  return rows.map((r) => ({ unit_code: r.unit_code, seq: Number(r.seq) }));
}

const OBLIGATION_COLUMNS = [
  'unit_code',
  'year',
  'item_key',
  'period',
  'item_id',
  'item_name',
  'period_label',
  'event_id',
  'due_date',
  'required_channels_json',
  'display_rule_text',
  'provisional',
  'publications_json',
] as const;
const INTEGER_COLUMNS = new Set<string>(['year', 'provisional']);

/**
 * PostgreSQL: one parameter per column (an array each) through unnest, instead of one per value: a county's
 * 20,000 rows as multi-row VALUES took ≈ 650 ms, mostly binding 260,000 parameters.
 */
async function insertObligationsPg(db: Executor, rows: ComplianceObligationTable[]): Promise<void> {
  for (const part of chunks(rows, 5000)) {
    const arrays = OBLIGATION_COLUMNS.map((c) => sql`${part.map((r) => r[c])}::${sql.raw(INTEGER_COLUMNS.has(c) ? 'integer[]' : 'text[]')}`);
    await sql`insert into compliance_obligations (${sql.join(OBLIGATION_COLUMNS.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    );
  }
}

export async function replaceUnitYears(
  db: Executor,
  dialect: Dialect,
  unitCodes: string[],
  year: number,
  rows: ComplianceObligationTable[],
  states: ComplianceUnitYearTable[],
): Promise<void> {
  for (const part of chunks(unitCodes)) {
    await db.deleteFrom('compliance_obligations').where('year', '=', year).where('unit_code', 'in', part).execute();
    await db.deleteFrom('compliance_unit_years').where('year', '=', year).where('unit_code', 'in', part).execute();
  }
  if (dialect === 'postgres') await insertObligationsPg(db, rows);
  else for (const part of chunks(rows, 500)) await db.insertInto('compliance_obligations').values(part).execute();
  for (const part of chunks(states, 200)) await db.insertInto('compliance_unit_years').values(part).execute();
}

/** Marks the stored rows of the given years stale (a calendar change). */
export async function markYearsDirty(db: Executor, years: number[]): Promise<number> {
  if (!years.length) return 0;
  const r = await db.updateTable('compliance_unit_years').set({ dirty: 1 }).where('year', 'in', years).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

export async function loadObligationRows(db: Executor, unitCodes: string[], from: string, to: string): Promise<ComplianceObligationTable[]> {
  const out: ComplianceObligationTable[] = [];
  for (const part of chunks(unitCodes)) {
    out.push(
      ...(await db
        .selectFrom('compliance_obligations')
        .selectAll()
        .where('unit_code', 'in', part)
        .where('due_date', '>=', from)
        .where('due_date', '<=', to)
        .execute()),
    );
  }
  return out;
}

/** A public record as the evaluation needs it: publishing's listing (no bodies). */
export type DisclosureFactRow = PublicRecordFact;

/** Public records (published or withdrawn, visible at `now`) of the units, linked to a catalog item. */
export async function loadPublicDisclosures(db: Executor, unitCodes: string[], now: Date): Promise<DisclosureFactRow[]> {
  return publicRecordsOfUnits(db, unitCodes, now);
}

/** 公开栏 photo dates per disclosure of the units (publishing's evidence). */
export async function loadPhotoDates(db: Executor, unitCodes: string[], channel: string): Promise<Map<string, string[]>> {
  return photoDatesOfUnits(db, unitCodes, channel);
}

/** Staff named on each unit (display names of its clerks/officers), for "responsible unit and contact". */
export async function loadUnitStaff(db: Executor, unitCodes: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const part of chunks(unitCodes)) {
    const rows = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.unit_code', 'u.display_name', 'r.role'])
      .where('r.unit_code', 'in', part)
      .where('r.role', 'in', ['village_clerk', 'unit_officer'])
      .where('u.disabled', '=', 0)
      .execute();
    for (const r of rows) {
      const list = map.get(r.unit_code) ?? [];
      if (!list.includes(r.display_name)) list.push(r.display_name);
      map.set(r.unit_code, list);
    }
  }
  return map;
}

/** (unit, item key) pairs with at least one record published in [fromIso, toIso) and visible at `now` — coverage of applicable items. */
export async function publishedItemKeys(db: Executor, unitCodes: string[], fromIso: string, toIso: string, now: Date): Promise<Map<string, Set<string>>> {
  return publishedItemKeysOf(db, unitCodes, fromIso, toIso, now);
}

/** Every year some unit's facts are stored for. */
export async function storedFactYears(db: Executor): Promise<number[]> {
  return (await db.selectFrom('compliance_unit_years').select('year').distinct().execute()).map((r) => Number(r.year));
}
