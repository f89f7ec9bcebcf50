/**
 * The one place the handling code calls the statutory clock: a case's recorded steps become
 * `ClockEvent`s (dates as entered), the clock computes, and `due_on` stores its answer date. Calendar
 * changes recompute every open case (`requestDeadlineRecomputer`).
 */
import './request.handling.tables.ts';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { ClockEvent, ClockResult, ClockSettings } from './statutory-clock.types.ts';
import { computeStatutoryClock, DEFAULT_CLOCK_SETTINGS, resolveClockSettings } from './statutory-clock.ts';
import type { InfoRequestConsultationTable, InfoRequestFeeTable, InfoRequestStepTable } from './request.handling.tables.ts';
import type { InfoRequestTable } from './request.tables.ts';
import { OPEN_STATUSES } from './request.workflow.ts';
import { readSetting } from '../../platform/db/settings.ts';
import { caseParts, requestsInStatuses, updateRequest } from './requests.repository.ts';

export const CLOCK_SETTINGS_KEY = 'requests.clock';

export { DEFAULT_CLOCK_SETTINGS };

/** The county's clock settings (app_settings `requests.clock`); a stored value that no longer validates falls back to the defaults. */
export async function loadClockSettings(db: Executor): Promise<ClockSettings> {
  const row = await readSetting(db, CLOCK_SETTINGS_KEY);
  if (!row) return { ...DEFAULT_CLOCK_SETTINGS };
  const r = resolveClockSettings(JSON.parse(row.value_json));
  return r.ok ? r.settings : { ...DEFAULT_CLOCK_SETTINGS };
}

export interface CaseRecord {
  row: InfoRequestTable;
  steps: InfoRequestStepTable[];
  consultations: InfoRequestConsultationTable[];
  fees: InfoRequestFeeTable[];
}

export async function loadCaseRecord(db: Executor, row: InfoRequestTable): Promise<CaseRecord> {
  return { row, ...(await caseParts(db, row.id)) };
}

/** The case's clock events, in date order (pure). */
export function clockEventsOf(rec: CaseRecord): ClockEvent[] {
  const events: { e: ClockEvent; order: number }[] = [];
  let n = 0;
  const push = (e: ClockEvent) => events.push({ e, order: n++ });
  if (rec.row.received_on) push({ type: 'received', on: rec.row.received_on });
  for (const s of rec.steps) {
    const d = JSON.parse(s.data_json) as Record<string, unknown>;
    if (s.action === 'clarification-request') push({ type: 'clarification-requested', on: s.on_date, correctionDueOn: String(d.correctionDueOn) });
    if (s.action === 'clarification-received') push({ type: 'clarification-received', on: s.on_date });
    if (s.action === 'extend') push({ type: 'extension', on: s.on_date, workingDays: Number(d.workingDays), approvedBy: String(d.approvedBy) });
    if (s.action === 'delay') push({ type: 'delayed-deadline', on: s.on_date, dueOn: String(d.dueOn), reason: String(d.reason) });
  }
  for (const c of rec.consultations) {
    push({ type: 'consultation-sent', id: c.id, kind: c.kind as 'third-party', on: c.sent_on });
    if (c.replied_on) push({ type: 'consultation-closed', id: c.id, on: c.replied_on });
  }
  for (const f of rec.fees) {
    push({ type: 'fee-notice', on: f.notice_on, payBy: f.pay_by });
    if (f.paid_on) push({ type: 'fee-paid', on: f.paid_on });
  }
  if (rec.row.decided_on) push({ type: 'answered', on: rec.row.decided_on });
  return events.sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : a.order - b.order)).map((x) => x.e);
}

export function computeCaseClock(rec: CaseRecord, calendar: WorkCalendar, settings: ClockSettings, asOf: string): ClockResult {
  return computeStatutoryClock(clockEventsOf(rec), calendar, settings, asOf);
}

/** Recomputes and stores `due_on` of one case (inside the caller's transaction). */
export async function refreshDueOn(trx: Trx, row: InfoRequestTable, calendar: WorkCalendar, settings: ClockSettings, asOf: string): Promise<ClockResult> {
  const result = computeCaseClock(await loadCaseRecord(trx, row), calendar, settings, asOf);
  if (result.dueDate !== row.due_on) await updateRequest(trx, row.id, { due_on: result.dueDate });
  return result;
}

/** Calendar changes: recompute every open case's answer date with the new calendar. */
export const requestDeadlineRecomputer = {
  name: 'info-requests',
  async recompute(ctx: AppContext, trx: Trx, _years: number[], calendar: WorkCalendar): Promise<number> {
    const settings = await loadClockSettings(trx);
    const asOf = chinaDate(ctx.clock.now());
    const rows = await requestsInStatuses(trx, OPEN_STATUSES);
    for (const row of rows) await refreshDueOn(trx, row, calendar, settings, asOf);
    return rows.length;
  },
};
