/**
 * Scheduled jobs, safe with several processes on one database.
 *
 * - A **daily** job runs once per China-local day, at or after its hour (the hour is read at run
 *   time, so a settings change applies the same day). Its run is a row in `jobs` keyed by
 *   (name, run key = the China-local date): the unique key is the dedupe key, so of two processes
 *   (or a cron entry and a server) exactly one inserts the row and runs it.
 * - A run holds a lease; a run whose process died is taken over after the lease expires, and a run
 *   that threw is retried (RETRY_MINUTES) up to MAX_ATTEMPTS times. Jobs must therefore be
 *   idempotent themselves (they write under their own dedupe keys), so a takeover does no harm.
 * - An **interval** job (e.g. sending queued e-mail) is not recorded: it claims its own rows with
 *   leases and runs on every tick of the runner (at most every `seconds` in one process).
 * Time comes from ctx.clock, so tests and `gongkai jobs run-due --now=…` can move it.
 */
import './jobs.tables.ts';
import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.ts';
import { chinaDate } from '../context.ts';
import { findRun, finishOwnedRun, insertRunIfAbsent, leasedRunOf, recentRuns, setRunAttempts, takeOverRun } from './jobs.repository.ts';

export interface JobRun {
  /** The dedupe key of this run (the China-local date for daily jobs). */
  runKey: string;
  /** China-local date of `now`, YYYY-MM-DD. */
  asOf: string;
  now: Date;
}

export type JobSchedule =
  | {
      kind: 'daily';
      /** China-local hour 0–23, read at every check. */
      hour(ctx: AppContext): Promise<number>;
      /** Read at every check; false = not due today (a job the county switched off records no runs). Absent = always on. */
      enabled?(ctx: AppContext): Promise<boolean>;
    }
  | { kind: 'interval'; seconds: number };

export interface JobDefinition {
  /** Dotted, module first: `notifications.daily`. */
  name: string;
  schedule: JobSchedule;
  /** Returns counts for the run log (never personal data). */
  run(ctx: AppContext, run: JobRun): Promise<Record<string, number | string | boolean>>;
}

export interface JobOutcome {
  name: string;
  runKey: string | null;
  /** ran: this caller ran it; skipped-*: nothing to do or someone else has it. */
  outcome: 'ran' | 'failed' | 'skipped-not-due' | 'skipped-done' | 'skipped-claimed';
  result?: Record<string, number | string | boolean>;
  error?: string;
  /** Wall time of the run in this process (diagnostics). */
  durationMs?: number;
}

export const LEASE_MINUTES = 15;
export const RETRY_MINUTES = 10;
export const MAX_ATTEMPTS = 3;

const OWNER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

/** The China-local (UTC+8, no daylight saving) hour of an instant. */
export function chinaHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

/** The run key a daily job at `hour` has due at `now`: today's China-local date once the hour has come, else null. */
export function dailyRunKey(now: Date, hour: number): string | null {
  return chinaHour(now) >= hour ? chinaDate(now) : null;
}

const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000).toISOString();

/** Claims the run (name, runKey) for this caller; true for exactly one of several racing callers. */
async function claimRun(ctx: AppContext, name: string, runKey: string, now: Date, owner: string): Promise<'claimed' | 'done' | 'busy'> {
  const nowIso = now.toISOString();
  const key = { name, runKey };
  const leaseUntil = plusMinutes(now, LEASE_MINUTES);
  const inserted = await insertRunIfAbsent(ctx.db, {
    id: crypto.randomUUID(),
    name,
    run_key: runKey,
    status: 'running',
    attempts: 1,
    lease_until: leaseUntil,
    next_attempt_at: null,
    owner,
    started_at: nowIso,
    finished_at: null,
    result_json: null,
    last_error: null,
  });
  if (inserted) return 'claimed';
  if (await takeOverRun(ctx.db, key, { owner, nowIso, leaseUntil })) return 'claimed';
  const row = await findRun(ctx.db, key);
  return row && (row.status === 'done' || row.status === 'dead') ? 'done' : 'busy';
}

async function finishRun(ctx: AppContext, name: string, runKey: string, owner: string, outcome: { result?: object; error?: string }): Promise<void> {
  const now = ctx.clock.now();
  const key = { name, runKey };
  const row = await findRun(ctx.db, key);
  if (!outcome.error) {
    await finishOwnedRun(ctx.db, key, owner, {
      status: 'done',
      lease_until: null,
      finished_at: now.toISOString(),
      result_json: JSON.stringify(outcome.result ?? {}),
      last_error: null,
    });
    return;
  }
  const dead = (row?.attempts ?? MAX_ATTEMPTS) >= MAX_ATTEMPTS;
  await finishOwnedRun(ctx.db, key, owner, {
    status: dead ? 'dead' : 'failed',
    lease_until: null,
    finished_at: now.toISOString(),
    next_attempt_at: dead ? null : plusMinutes(now, RETRY_MINUTES),
    last_error: outcome.error.slice(0, 300),
  });
}

export interface RunDueOptions {
  /** Last run per interval job in this process (the runner keeps it); absent: every interval job runs once. */
  intervalState?: Map<string, number>;
  owner?: string;
}

/**
 * Runs every job that is due at ctx.clock.now(): idempotent, safe to call from several processes
 * at once and as often as you like (the server calls it every RUNNER_TICK_SECONDS; cron users call
 * `gongkai jobs run-due`).
 */
export async function runDueJobs(ctx: AppContext, jobs: readonly JobDefinition[], opts: RunDueOptions = {}): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  const owner = opts.owner ?? OWNER;
  for (const job of jobs) {
    const now = ctx.clock.now();
    if (job.schedule.kind === 'interval') {
      const last = opts.intervalState?.get(job.name);
      if (last !== undefined && now.getTime() - last < job.schedule.seconds * 1000) {
        out.push({ name: job.name, runKey: null, outcome: 'skipped-not-due' });
        continue;
      }
      opts.intervalState?.set(job.name, now.getTime());
      try {
        out.push({ name: job.name, runKey: null, outcome: 'ran', result: await job.run(ctx, { runKey: now.toISOString(), asOf: chinaDate(now), now }) });
      } catch (e) {
        out.push({ name: job.name, runKey: null, outcome: 'failed', error: e instanceof Error ? e.message : String(e) });
      }
      continue;
    }
    const runKey = job.schedule.enabled && !(await job.schedule.enabled(ctx)) ? null : dailyRunKey(now, await job.schedule.hour(ctx));
    if (!runKey) {
      out.push({ name: job.name, runKey: null, outcome: 'skipped-not-due' });
      continue;
    }
    const claim = await claimRun(ctx, job.name, runKey, now, owner);
    if (claim !== 'claimed') {
      out.push({ name: job.name, runKey, outcome: claim === 'done' ? 'skipped-done' : 'skipped-claimed' });
      continue;
    }
    out.push(await runClaimed(ctx, job, { runKey, asOf: runKey, now }, owner));
  }
  return out;
}

async function runClaimed(ctx: AppContext, job: JobDefinition, run: JobRun, owner: string): Promise<JobOutcome> {
  const started = performance.now();
  try {
    const result = await job.run(ctx, run);
    await finishRun(ctx, job.name, run.runKey, owner, { result });
    return { name: job.name, runKey: run.runKey, outcome: 'ran', result, durationMs: Math.round(performance.now() - started) };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    ctx.logger.error({ job: job.name, runKey: run.runKey, err: error.slice(0, 300) }, 'scheduled job failed');
    await finishRun(ctx, job.name, run.runKey, owner, { error });
    return { name: job.name, runKey: run.runKey, outcome: 'failed', error };
  }
}

/**
 * Runs a job now, outside its schedule (an administrator's 「立即执行」), recorded and leased like a
 * scheduled run under the run key `manual:<ISO time>` — so the run log shows it and a failed run
 * is not retried (the caller sees the error). Returns skipped-claimed while another run of the same
 * job (scheduled or manual, in any process) is still running under its lease: one at a time.
 */
export async function runJobNow(ctx: AppContext, job: JobDefinition, opts: { owner?: string } = {}): Promise<JobOutcome> {
  const now = ctx.clock.now();
  const owner = opts.owner ?? OWNER;
  const busy = await leasedRunOf(ctx.db, job.name, now.toISOString());
  if (busy) return { name: job.name, runKey: busy.run_key, outcome: 'skipped-claimed' };
  const runKey = `manual:${now.toISOString()}`;
  if ((await claimRun(ctx, job.name, runKey, now, owner)) !== 'claimed') return { name: job.name, runKey, outcome: 'skipped-claimed' };
  // One attempt only: mark it as the last so a failure is final (dead), not retried by the runner.
  await setRunAttempts(ctx.db, { name: job.name, runKey }, MAX_ATTEMPTS);
  return runClaimed(ctx, job, { runKey, asOf: chinaDate(now), now }, owner);
}

/** Recent runs, newest first (for the settings page and `gongkai jobs status`). */
export async function listJobRuns(ctx: AppContext, limit = 20) {
  return recentRuns(ctx.db, limit);
}
