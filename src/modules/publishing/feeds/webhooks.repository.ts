/**
 * The statements on `webhook_endpoints` and `webhook_deliveries` (and the public columns of a record a payload
 * describes). webhooks.commands.ts, webhooks.dispatch.ts and webhooks.events.ts decide; these read and write as told.
 * Claims and updates of a delivery repeat their condition in the WHERE clause, so of racing processes exactly one
 * sees an affected row.
 */
import './webhooks.tables.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from './webhooks.tables.ts';

// ── endpoints ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findEndpointWithUnit(db: Executor, id: string) {
  return db
    .selectFrom('webhook_endpoints as e')
    .innerJoin('org_units as u', 'u.code', 'e.unit_scope')
    .selectAll('e')
    .select(['u.path as unit_path', 'u.name as unit_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** Endpoints whose unit scope lies under one of `roots` (org paths), oldest first, with the unit's name. */
export async function endpointsUnder(db: Executor, roots: string[]) {
  return db
    .selectFrom('webhook_endpoints as e')
    .innerJoin('org_units as u', 'u.code', 'e.unit_scope')
    .selectAll('e')
    .select('u.name as unit_name')
    .where((eb) => eb.or(roots.map((r) => eb('u.path', 'like', `${r}%`))))
    .orderBy('e.created_at')
    .execute();
}

/** Active endpoints with the org path of their unit scope and their subscribed events. */
export async function activeEndpointScopes(db: Executor): Promise<{ id: string; events_json: string; path: string }[]> {
  return db
    .selectFrom('webhook_endpoints as e')
    .innerJoin('org_units as u', 'u.code', 'e.unit_scope')
    .select(['e.id', 'e.events_json', 'u.path'])
    .where('e.active', '=', 1)
    .execute();
}

export async function insertEndpoint(db: Executor, row: WebhookEndpointTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function updateEndpoint(db: Executor, id: string, set: Partial<WebhookEndpointTable>): Promise<void> {
  await db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
}

// ── deliveries ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function deliveryCountsByStatus(db: Executor, endpointId: string): Promise<{ status: string; n: number }[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('endpoint_id', '=', endpointId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

/** One page of an endpoint's delivery log, newest first, with the total (optionally of one status). */
export async function deliveryPage(
  db: Executor,
  endpointId: string,
  q: { status?: string; limit: number; offset: number },
): Promise<{ total: number; rows: WebhookDeliveryTable[] }> {
  let base = db.selectFrom('webhook_deliveries').where('endpoint_id', '=', endpointId);
  if (q.status) base = base.where('status', '=', q.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}

export async function findDelivery(db: Executor, id: string, endpointId?: string): Promise<WebhookDeliveryTable | undefined> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id);
  if (endpointId !== undefined) q = q.where('endpoint_id', '=', endpointId);
  return q.executeTakeFirst();
}

/** Queues a delivery again for an attempt at `at` with a fresh budget, if it is still in `fromStatus`. */
export async function requeueDelivery(db: Executor, id: string, fromStatus: string, at: string): Promise<boolean> {
  const u = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** Inserts a delivery unless the endpoint already has one for the event; true when it was inserted. */
export async function insertDeliveryOnce(db: Executor, row: WebhookDeliveryTable): Promise<boolean> {
  const r = await db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Ids of deliveries due at `nowIso` on active endpoints (waiting, or delivering under a lapsed lease), oldest due first. */
export async function dueDeliveryIds(db: Executor, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select('d.id')
    .where('e.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('d.status', 'in', ['pending', 'failed']), eb('d.next_attempt_at', '<=', nowIso)]),
        eb.and([eb('d.status', '=', 'delivering'), eb('d.lease_until', '<', nowIso)]),
      ]),
    )
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims one due delivery under the lease `lease` (one more attempt); true for exactly one racing caller. */
export async function claimDelivery(db: Executor, id: string, nowIso: string, lease: string): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'delivering', lease_until: lease, attempts: eb('attempts', '+', 1), last_attempt_at: nowIso }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'failed']), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'delivering'), eb('lease_until', '<', nowIso)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A delivery with what sending it needs from its endpoint. */
export async function deliveryToSend(db: Executor, id: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.event_type', 'd.payload_json', 'd.attempts', 'd.status', 'd.lease_until', 'e.url', 'e.secret', 'e.active', 'e.unit_scope'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Records an outcome on a delivery still `delivering` under `lease`; true when the claim was still ours. */
export async function setOwnedDelivery(db: Executor, id: string, lease: string, set: Partial<WebhookDeliveryTable>): Promise<boolean> {
  const u = await db
    .updateTable('webhook_deliveries')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'delivering')
    .where('lease_until', '=', lease)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** Gives a claimed attempt back (the endpoint was switched off meanwhile): waiting again, the attempt not counted. */
export async function giveBackDelivery(db: Executor, id: string, lease: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'pending', lease_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'delivering')
    .where('lease_until', '=', lease)
    .execute();
}

// ── the record a payload describes ─────────────────────────────────────────────────────────────────────────────────

/** The public (masked) columns of a record's current version, with its unit. */
export async function publicVersionOf(db: Executor, disclosureId: string) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('org_units as u', 'u.code', 'd.unit_code')
    .innerJoin('disclosure_versions as v', (j) => j.onRef('v.disclosure_id', '=', 'd.id').onRef('v.version_no', '=', 'd.current_version'))
    .select([
      'd.id',
      'd.status',
      'd.index_no',
      'd.published_at',
      'd.current_version',
      'd.withdrawn_at',
      'd.withdrawn_reason',
      'u.code as unit_code',
      'u.name as unit_name',
      'v.public_title',
      'v.content_hash',
      'v.reason',
      'v.created_at as version_at',
      'd.pii_decisions_json',
    ])
    .where('d.id', '=', disclosureId)
    .executeTakeFirstOrThrow();
}
