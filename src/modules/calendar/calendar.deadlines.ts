import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Executor, Trx } from '../../platform/db/database.ts';
import type { CalendarDeadlineTable } from '../../platform/db/schema.ts';
import { MAX_WORKING_DAYS, WorkCalendar, isValidDate, provisionalReason } from './working-days.ts';
import { deadlinesTouchingYears, deleteDeadlineRow, findDeadline, insertDeadlineRow, updateDeadlineRow } from './calendar.repository.ts';

/**
 * A module that keeps its own due dates (e.g. an application's reply deadline in its own table)
 * registers a recomputer; it runs inside the transaction that changed the calendar, with the new
 * calendar, and returns how many of its rows it recomputed.
 */
export interface DeadlineRecomputer {
  name: string;
  recompute(ctx: AppContext, trx: Trx, years: number[], calendar: WorkCalendar): Promise<number>;
}

const recomputers = new Map<string, DeadlineRecomputer>();

/** Registers (or replaces, by name) a recomputer. Call at module load or in `register`. */
export function registerDeadlineRecomputer(r: DeadlineRecomputer): void {
  recomputers.set(r.name, r);
}

export function registeredRecomputers(): DeadlineRecomputer[] {
  return [...recomputers.values()];
}

export interface DeadlineInput {
  /** Owning module and kind, e.g. `info_request.answer`. */
  ownerType: string;
  ownerId: string;
  /** The day the period starts from (not counted, 《民法典》第201条). */
  fromDate: string;
  workingDays: number;
  /** Timestamp for `updated_at` (the command's `now`; domain code never reads the clock itself). */
  now: Date;
}

export interface StoredDeadline {
  id: string;
  ownerType: string;
  ownerId: string;
  fromDate: string;
  workingDays: number;
  dueDate: string;
  provisional: boolean;
  years: number[];
  reason?: string;
  updatedAt: string;
}

function parseYears(s: string): number[] {
  return s ? s.split(',').map(Number).filter(Number.isInteger) : [];
}

export function toStoredDeadline(row: CalendarDeadlineTable, calendar?: WorkCalendar): StoredDeadline {
  const years = parseYears(row.years);
  const out: StoredDeadline = {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    fromDate: row.from_date,
    workingDays: Number(row.working_days),
    dueDate: row.due_date,
    provisional: Number(row.provisional) === 1,
    years,
    updatedAt: row.updated_at,
  };
  if (out.provisional) {
    const reason = provisionalReason(calendar ? years.filter((y) => !calendar.hasYear(y)) : years);
    if (reason) out.reason = reason;
  }
  return out;
}

/**
 * Computes and stores (insert or update by owner) a working-day deadline, recording the years the
 * computation went through so a later change to any of them recomputes it. Use inside the
 * caller's command transaction.
 */
export async function upsertDeadline(trx: Trx, calendar: WorkCalendar, input: DeadlineInput): Promise<StoredDeadline> {
  if (!isValidDate(input.fromDate)) throw new RangeError(`invalid fromDate: ${input.fromDate}`);
  if (!Number.isInteger(input.workingDays) || input.workingDays < 0 || input.workingDays > MAX_WORKING_DAYS) {
    throw new RangeError(`workingDays out of range: ${input.workingDays}`);
  }
  const r = calendar.addWorkingDays(input.fromDate, input.workingDays);
  const values = {
    from_date: input.fromDate,
    working_days: input.workingDays,
    due_date: r.date,
    provisional: r.provisional ? 1 : 0,
    years: r.years.join(','),
    updated_at: input.now.toISOString(),
  };
  const existing = await findDeadline(trx, input.ownerType, input.ownerId);
  if (existing) {
    await updateDeadlineRow(trx, existing.id, values);
    return toStoredDeadline({ ...existing, ...values }, calendar);
  }
  const row: CalendarDeadlineTable = { id: crypto.randomUUID(), owner_type: input.ownerType, owner_id: input.ownerId, ...values };
  await insertDeadlineRow(trx, row);
  return toStoredDeadline(row, calendar);
}

export { findDeadline };

export async function getDeadline(db: Executor, ownerType: string, ownerId: string): Promise<StoredDeadline | null> {
  const row = await findDeadline(db, ownerType, ownerId);
  return row ? toStoredDeadline(row) : null;
}

export async function deleteDeadline(trx: Trx, ownerType: string, ownerId: string): Promise<void> {
  await deleteDeadlineRow(trx, ownerType, ownerId);
}

export interface RecomputeSummary {
  /** Stored deadlines re-evaluated plus rows reported by registered recomputers. */
  recomputed: number;
  /** Stored deadlines whose due date or provisional flag actually changed. */
  changedStored: number;
}

/**
 * After the data of `years` changed: recomputes every stored deadline whose computation went
 * through one of them (a deadline that never reached those years cannot change), then lets every
 * registered module recompute its own.
 */
export async function recomputeDeadlines(ctx: AppContext, trx: Trx, calendar: WorkCalendar, years: number[], now: Date): Promise<RecomputeSummary> {
  const rows = await deadlinesTouchingYears(trx, years);
  let changedStored = 0;
  for (const row of rows) {
    const r = calendar.addWorkingDays(row.from_date, Number(row.working_days));
    const values = { due_date: r.date, provisional: r.provisional ? 1 : 0, years: r.years.join(',') };
    if (values.due_date === row.due_date && values.provisional === Number(row.provisional) && values.years === row.years) continue;
    changedStored += 1;
    await updateDeadlineRow(trx, row.id, { ...values, updated_at: now.toISOString() });
  }
  let recomputed = rows.length;
  for (const r of registeredRecomputers()) recomputed += await r.recompute(ctx, trx, years, calendar);
  return { recomputed, changedStored };
}
