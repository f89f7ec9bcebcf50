/**
 * Reads for the archives module (issue 18): published records whose display period has ended (the filing queue's
 * source), everything of one record that is filed with it (versions, workflow steps, attachments, 公开栏 photos),
 * and what a 公开栏 currently carries. Pure reads: nothing here writes.
 */
import './disclosure.tables.ts';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { DisclosureAttachmentTable, DisclosureEvidenceTable, DisclosureStepTable, DisclosureTable, DisclosureVersionTable } from './disclosure.tables.ts';
import { BOARD_CHANNEL } from './data/data.commands.ts';

export { BOARD_CHANNEL };

export interface EndedDisplay {
  id: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  itemKey: string | null;
  period: string | null;
  title: string;
  indexNo: string | null;
  formedOn: string;
  publishedAt: string;
  displayEnd: string;
}

const END = sql<string>`coalesce(d.display_planned_end, d.display_min_end)`;

/**
 * Published (not withdrawn) records of units under one of `roots` whose display window ended before `today` (they are
 * 往期公开, displayInfo's 'archive' phase), one page ordered by end date, and how many there are. `leaveOut` is a
 * sub-query of record ids the caller owns (archives: the records already filed), left out in the same statement, so
 * the page and the total need no list of ids and this module names no table of the caller's.
 */
export async function listEndedDisplays(
  db: Executor,
  q: { roots: readonly string[]; today: string; limit: number; offset: number; leaveOut?: SelectQueryBuilder<Database, keyof Database, { id: string | null }> },
): Promise<{ total: number; items: EndedDisplay[] }> {
  let base = db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .where('d.status', '=', 'published')
    .where('d.current_version', '>', 0)
    .where((eb) => eb.or(q.roots.map((r) => eb('u.path', 'like', `${r}%`))))
    .where(END, 'is not', null)
    .where(END, '<', q.today);
  if (q.leaveOut) base = base.where('d.id', 'not in', q.leaveOut);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['d.id', 'd.unit_code', 'u.name as unit_name', 'u.path as unit_path', 'd.item_key', 'd.period', 'd.index_no', 'd.formed_on', 'd.published_at'])
    .select(
      sql<string>`(select v.public_title from disclosure_versions v where v.disclosure_id = d.id and v.version_no = d.current_version)`.as('public_title'),
    )
    .select(END.as('display_end'))
    .orderBy(END)
    .orderBy('d.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      unitPath: r.unit_path,
      itemKey: r.item_key,
      period: r.period,
      title: r.public_title ?? '',
      indexNo: r.index_no,
      formedOn: r.formed_on,
      publishedAt: r.published_at!,
      displayEnd: r.display_end,
    })),
  };
}

export interface FilingMaterial {
  disclosure: DisclosureTable;
  versions: DisclosureVersionTable[];
  steps: DisclosureStepTable[];
  attachments: DisclosureAttachmentTable[];
  evidence: DisclosureEvidenceTable[];
}

/** Everything of one record that goes into its archive item; undefined when there is no such record. */
export async function filingMaterial(db: Executor, id: string): Promise<FilingMaterial | undefined> {
  const disclosure = await db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!disclosure) return undefined;
  const [versions, steps, attachments, evidence] = await Promise.all([
    db.selectFrom('disclosure_versions').selectAll().where('disclosure_id', '=', id).orderBy('version_no').execute(),
    db.selectFrom('disclosure_steps').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('disclosure_attachments').selectAll().where('disclosure_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('disclosure_evidence').selectAll().where('disclosure_id', '=', id).orderBy('taken_on').orderBy('id').execute(),
  ]);
  return { disclosure, versions, steps, attachments, evidence };
}

export interface BoardDisclosure {
  id: string;
  title: string;
  indexNo: string | null;
  publishedAt: string;
  displayEnd: string | null;
}

/** What a unit's 公开栏 should carry on `today`: published records with the board channel whose display has not ended. */
export async function currentBoardDisclosures(db: Executor, unitCode: string, today: string): Promise<BoardDisclosure[]> {
  const rows = await db
    .selectFrom('disclosures as d')
    .select(['d.id', 'd.index_no', 'd.published_at', 'd.channels_json'])
    .select(
      sql<string>`(select v.public_title from disclosure_versions v where v.disclosure_id = d.id and v.version_no = d.current_version)`.as('public_title'),
    )
    .select(END.as('display_end'))
    .where('d.unit_code', '=', unitCode)
    .where('d.status', '=', 'published')
    .where('d.current_version', '>', 0)
    .where((eb) => eb.or([eb(END, 'is', null), eb(END, '>=', today)]))
    .orderBy('d.published_at', 'desc')
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.channels_json) as string[]).includes(BOARD_CHANNEL))
    .map((r) => ({ id: r.id, title: r.public_title ?? '', indexNo: r.index_no, publishedAt: r.published_at!, displayEnd: r.display_end }));
}

/** One 公开栏 posting photo with its record's unit, for attaching it to a registered board. */
export async function findBoardEvidence(db: Executor, evidenceId: string): Promise<(DisclosureEvidenceTable & { unit_code: string }) | undefined> {
  return db
    .selectFrom('disclosure_evidence as e')
    .innerJoin('disclosures as d', 'd.id', 'e.disclosure_id')
    .selectAll('e')
    .select('d.unit_code')
    .where('e.id', '=', evidenceId)
    .executeTakeFirst();
}
