import { sql } from 'kysely';
import { likeText, type Executor } from '../../platform/db/database.ts';
import type { OrgUnitTable } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/auth/roles.ts';

export type OrgUnitRow = OrgUnitTable;

/** The public shape of a unit (API and pages). */
export interface OrgUnitView {
  code: string;
  divisionCode: string | null;
  name: string;
  kind: string;
  parentCode: string | null;
  depth: number;
  active: boolean;
  abolishedOn: string | null;
  establishedOn: string | null;
  isDemo: boolean;
  contact: { address: string | null; postalCode: string | null; phone: string | null; email: string | null; officeHours: string | null };
  source: string | null;
  note: string | null;
  childCount?: number;
}

export function toUnitView(row: OrgUnitRow, childCount?: number): OrgUnitView {
  return {
    code: row.code,
    divisionCode: row.division_code,
    name: row.name,
    kind: row.kind,
    parentCode: row.parent_code,
    depth: row.depth,
    active: row.active === 1,
    abolishedOn: row.abolished_on,
    establishedOn: row.established_on,
    isDemo: row.is_demo === 1,
    contact: { address: row.address, postalCode: row.postal_code, phone: row.phone, email: row.email, officeHours: row.office_hours },
    source: row.source,
    note: row.note,
    ...(childCount !== undefined ? { childCount } : {}),
  };
}

export async function findUnit(db: Executor, code: string): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findUnitsByCodes(db: Executor, codes: string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('org_units').selectAll().where('code', 'in', codes).execute();
}

/** Ancestors from the root down to the parent, read off the materialized path. */
export async function findAncestors(db: Executor, unit: OrgUnitRow): Promise<OrgUnitRow[]> {
  const codes = unit.path.split('/').filter(Boolean).slice(0, -1);
  const rows = await findUnitsByCodes(db, codes);
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is OrgUnitRow => !!r);
}

export interface UnitQuery {
  parent?: string;
  q?: string;
  kind?: string;
  includeAbolished?: boolean;
  /** Only units inside these subtrees (paths). */
  withinPaths?: string[];
  limit: number;
  offset: number;
}

export async function listUnits(db: Executor, query: UnitQuery): Promise<{ total: number; items: (OrgUnitRow & { child_count: number })[] }> {
  let base = db.selectFrom('org_units as u');
  if (query.parent) base = base.where('u.parent_code', '=', query.parent);
  if (query.kind) base = base.where('u.kind', '=', query.kind);
  if (!query.includeAbolished) base = base.where('u.active', '=', 1);
  if (query.q) {
    const text = query.q;
    base = base.where((eb) => eb.or([likeText('u.name', text), likeText('u.code', text), likeText(sql`coalesce(u.division_code, '')`, text)]));
  }
  if (query.withinPaths) {
    const paths = query.withinPaths;
    base = base.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .selectAll('u')
    .select((eb) =>
      eb
        .selectFrom('org_units as c')
        .whereRef('c.parent_code', '=', 'u.code')
        .where('c.active', '=', 1)
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .as('child_count'),
    )
    .orderBy('u.depth')
    .orderBy('u.sort_order')
    .orderBy('u.code')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(total.n), items: items.map((i) => ({ ...i, child_count: Number(i.child_count) })) };
}

export async function listChildren(db: Executor, code: string, includeAbolished = false): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('org_units').selectAll().where('parent_code', '=', code);
  if (!includeAbolished) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('code').execute();
}

/** The root of the tree, or undefined before the divisions are loaded. Only a county can be a root, and a root cannot be abolished (unit-commands.ts), so it is the active county. */
export async function findRootUnit(db: Executor): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('parent_code', 'is', null).orderBy('sort_order').orderBy('code').executeTakeFirst();
}

/** Active units (only these codes, when given), ordered as a tree. */
export async function listActiveUnits(db: Executor, codes?: readonly string[]): Promise<OrgUnitRow[]> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('active', '=', 1)
    .$if(!!codes, (q) => q.where('code', 'in', [...codes!]))
    .orderBy('path')
    .execute();
}

/** Active units of these kinds, upper levels first, then in their sort order and by name. */
export async function listActiveUnitsOfKinds(db: Executor, kinds: readonly string[]): Promise<OrgUnitRow[]> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('active', '=', 1)
    .where('kind', 'in', [...kinds])
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** Every unit in a subtree (including its root), ordered as a tree. */
export async function listSubtree(db: Executor, path: string, includeAbolished = false): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('org_units').selectAll().where('path', 'like', `${path}%`);
  if (!includeAbolished) q = q.where('active', '=', 1);
  return q.orderBy('path').execute();
}

export async function insertUnit(db: Executor, row: OrgUnitRow): Promise<void> {
  await db.insertInto('org_units').values(row).execute();
}

/**
 * A user's roles as an Actor, by user name (for demo seeding and tools that act as a named account outside a
 * request); null when the account does not exist.
 */
export async function actorByUsername(db: Executor, username: string): Promise<Actor | null> {
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
  if (!user) return null;
  const grants = await db
    .selectFrom('role_assignments as r')
    .innerJoin('org_units as u', 'u.code', 'r.unit_code')
    .select(['r.role', 'r.unit_code', 'u.path'])
    .where('r.user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    grants: grants.map((g) => ({ role: g.role as Actor['grants'][number]['role'], unitCode: g.unit_code, unitPath: g.path })),
    via: 'session',
  };
}

/** Sets columns of one unit. */
export async function updateUnit(db: Executor, code: string, set: Partial<OrgUnitRow>): Promise<void> {
  await db.updateTable('org_units').set(set).where('code', '=', code).execute();
}

/** Sets a unit's 索引号 prefix (the column publishing adds to org_units; null → the unit code). */
export async function setUnitIndexPrefix(db: Executor, code: string, prefix: string | null, updatedAt: string): Promise<void> {
  await db.updateTable('org_units').set({ index_prefix: prefix, updated_at: updatedAt }).where('code', '=', code).execute();
}

export async function findUnitCodeByDivision(db: Executor, divisionCode: string): Promise<{ code: string } | undefined> {
  return db.selectFrom('org_units').select('code').where('division_code', '=', divisionCode).executeTakeFirst();
}

/** The largest sort_order among a unit's children (null when it has none). */
export async function maxChildSortOrder(db: Executor, parentCode: string) {
  return db
    .selectFrom('org_units')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('parent_code', '=', parentCode)
    .executeTakeFirst();
}

export async function listActiveChildCodes(db: Executor, code: string): Promise<{ code: string }[]> {
  return db.selectFrom('org_units').select('code').where('parent_code', '=', code).where('active', '=', 1).execute();
}

export async function listUnitCodes(db: Executor): Promise<string[]> {
  return (await db.selectFrom('org_units').select('code').execute()).map((r) => r.code);
}

/** Inserts several units in one statement. */
export async function insertUnits(db: Executor, rows: OrgUnitRow[]): Promise<void> {
  await db.insertInto('org_units').values(rows).execute();
}

/** Codes of the units in the subtrees `roots` (path prefixes). */
export async function listUnitCodesUnder(db: Executor, roots: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('org_units')
    .select('code')
    .where((eb) => eb.or(roots.map((p) => eb('path', 'like', `${p}%`))))
    .execute();
  return rows.map((x) => x.code);
}
