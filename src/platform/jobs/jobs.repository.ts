/**
 * The statements on `jobs` (one row per run of a scheduled job, unique by name and run key): jobs.ts decides when a
 * run is due, who holds its lease and what its outcome is; these functions read and write the rows as told.
 */
import './jobs.tables.ts';
import type { Executor } from '../db/database.ts';
import type { JobRunTable } from './jobs.tables.ts';

type RunKey = { name: string; runKey: string };

/** Inserts the run unless (name, run_key) exists; true when this call inserted it. */
export async function insertRunIfAbsent(db: Executor, row: JobRunTable): Promise<boolean> {
  const r = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes over an existing run whose lease ran out (still `running`) or whose retry time has come (`failed`): one more
 * attempt under `owner`'s new lease. True when this call took it (one of several racing callers).
 */
export async function takeOverRun(db: Executor, key: RunKey, take: { owner: string; nowIso: string; leaseUntil: string }): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lease_until: take.leaseUntil,
      owner: take.owner,
      started_at: take.nowIso,
      next_attempt_at: null,
    }))
    .where('name', '=', key.name)
    .where('run_key', '=', key.runKey)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', take.nowIso)]),
        eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', take.nowIso)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findRun(db: Executor, key: RunKey): Promise<Pick<JobRunTable, 'status' | 'attempts'> | undefined> {
  return db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', key.name).where('run_key', '=', key.runKey).executeTakeFirst();
}

/** Records the outcome of a run still `running` under `owner` (a run taken over by another process is left alone). */
export async function finishOwnedRun(db: Executor, key: RunKey, owner: string, set: Partial<JobRunTable>): Promise<void> {
  await db
    .updateTable('jobs')
    .set(set)
    .where('name', '=', key.name)
    .where('run_key', '=', key.runKey)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}

/** A run of the job still running under a lease that has not run out at `nowIso`, if any. */
export async function leasedRunOf(db: Executor, name: string, nowIso: string): Promise<{ run_key: string } | undefined> {
  return db.selectFrom('jobs').select('run_key').where('name', '=', name).where('status', '=', 'running').where('lease_until', '>', nowIso).executeTakeFirst();
}

export async function setRunAttempts(db: Executor, key: RunKey, attempts: number): Promise<void> {
  await db.updateTable('jobs').set({ attempts }).where('name', '=', key.name).where('run_key', '=', key.runKey).execute();
}

/** Recent runs, newest first. */
export async function recentRuns(db: Executor, limit: number) {
  return db
    .selectFrom('jobs')
    .select(['name', 'run_key', 'status', 'attempts', 'started_at', 'finished_at', 'result_json', 'last_error'])
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
