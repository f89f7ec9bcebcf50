/**
 * The durable record of who touched each revision of a piece of work under review (table
 * `revision_contributions`, migration 20261201_0700): one row per (entity, revision, user, kind), with the
 * first and the latest action and how often it happened. Written inside the command that makes the
 * change (so a rolled-back command leaves no contribution behind) and read by the review step, which hands
 * it to `checkSignoff` (signoff.ts). Entities: `disclosure` (revision = the public version the work will
 * become: 1 for the first publication, n + 1 for a correction of version n), `annual_report`,
 * `info_request` (the decision under review), `rectification_order` (the unit's response).
 */
import type { Executor } from '../db/database.ts';
import type { Contribution, ContributionKind } from './signoff.ts';

declare module '../db/schema.ts' {
  interface Database {
    revision_contributions: RevisionContributionTable;
  }
}

export interface RevisionContributionTable {
  entity_type: string;
  entity_id: string;
  revision: number;
  user_id: string;
  /** author | editor | submitter */
  kind: string;
  first_action: string;
  first_at: string;
  last_action: string;
  last_at: string;
  times: number;
}

export type ContributionEntity = 'disclosure' | 'annual_report' | 'info_request' | 'rectification_order';

export interface ContributionInput {
  entityType: ContributionEntity;
  entityId: string;
  revision: number;
  userId: string;
  kind: ContributionKind;
  /** What was done, e.g. `disclosure.update`, `disclosure.attachment.add`. */
  action: string;
  at: string;
}

/** Records (or counts again) one contribution; call it inside the command's transaction. */
export async function recordContribution(db: Executor, c: ContributionInput): Promise<void> {
  await db
    .insertInto('revision_contributions')
    .values({
      entity_type: c.entityType,
      entity_id: c.entityId,
      revision: c.revision,
      user_id: c.userId,
      kind: c.kind,
      first_action: c.action,
      first_at: c.at,
      last_action: c.action,
      last_at: c.at,
      times: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['entity_type', 'entity_id', 'revision', 'user_id', 'kind'])
        .doUpdateSet((eb) => ({ last_action: c.action, last_at: c.at, times: eb('revision_contributions.times', '+', 1) })),
    )
    .execute();
}

/** Every contribution to one revision. */
export async function contributionsOf(db: Executor, entityType: ContributionEntity, entityId: string, revision: number): Promise<Contribution[]> {
  const rows = await db
    .selectFrom('revision_contributions')
    .select(['user_id', 'kind'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('revision', '=', revision)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, kind: r.kind as ContributionKind }));
}

/** The contributions of many entities' revisions at once (to-do lists): key `${entityId}#${revision}`. */
export async function contributionsOfMany(
  db: Executor,
  entityType: ContributionEntity,
  keys: readonly { entityId: string; revision: number }[],
): Promise<Map<string, Contribution[]>> {
  const out = new Map<string, Contribution[]>();
  const ids = [...new Set(keys.map((k) => k.entityId))];
  const wanted = new Set(keys.map((k) => `${k.entityId}#${k.revision}`));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('revision_contributions')
      .select(['entity_id', 'revision', 'user_id', 'kind'])
      .where('entity_type', '=', entityType)
      .where('entity_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const key = `${r.entity_id}#${r.revision}`;
      if (!wanted.has(key)) continue;
      out.set(key, [...(out.get(key) ?? []), { userId: r.user_id, kind: r.kind as ContributionKind }]);
    }
  }
  return out;
}

export interface ContributionView {
  userId: string;
  displayName: string | null;
  kind: ContributionKind;
  firstAt: string;
  lastAt: string;
  lastAction: string;
  times: number;
}

/** Who touched a revision, with names (staff views: 经手人). */
export async function contributionViews(db: Executor, entityType: ContributionEntity, entityId: string, revision: number): Promise<ContributionView[]> {
  const rows = await db
    .selectFrom('revision_contributions as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'u.display_name', 'c.kind', 'c.first_at', 'c.last_at', 'c.last_action', 'c.times'])
    .where('c.entity_type', '=', entityType)
    .where('c.entity_id', '=', entityId)
    .where('c.revision', '=', revision)
    .orderBy('c.first_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    kind: r.kind as ContributionKind,
    firstAt: r.first_at,
    lastAt: r.last_at,
    lastAction: r.last_action,
    times: r.times,
  }));
}

/** Carries one revision's contributions over to another entity (the annual report's editors → its disclosure draft). */
export async function copyContributions(
  db: Executor,
  from: { entityType: ContributionEntity; entityId: string; revision: number },
  to: { entityType: ContributionEntity; entityId: string; revision: number },
  as: ContributionKind,
  action: string,
  at: string,
): Promise<number> {
  const rows = await db
    .selectFrom('revision_contributions')
    .select(['user_id'])
    .distinct()
    .where('entity_type', '=', from.entityType)
    .where('entity_id', '=', from.entityId)
    .where('revision', '=', from.revision)
    .execute();
  for (const r of rows) await recordContribution(db, { ...to, userId: r.user_id, kind: as, action, at });
  return rows.length;
}
