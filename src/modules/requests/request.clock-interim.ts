/**
 * Interim statutory clock, used only until the pure `computeStatutoryClock` (statutory-clock.ts, branch
 * `clock`) is merged; it implements the same contract (statutory-clock.types.ts) for the main rules:
 * 20 working days from receipt or from the corrected application (第30/33条), paused consultations
 * (第33条第三款), one extension (第33条), a 第35条 delayed date, and the answered stop.
 */
import type { WorkCalendar } from '../calendar/working-days.ts';
import type { ClockEvent, ClockResult, ClockSettings, ComputeStatutoryClock } from './statutory-clock.types.ts';

export const computeInterimClock: ComputeStatutoryClock = (events: readonly ClockEvent[], calendar: WorkCalendar, settings: ClockSettings, asOf: string): ClockResult => {
  const explanation: string[] = [];
  const warnings: ClockResult['warnings'] = [];
  let provisional = false;
  const add = (from: string, n: number) => {
    const r = calendar.addWorkingDays(from, n);
    if (r.provisional) provisional = true;
    return r.date;
  };
  const received = events.find((e) => e.type === 'received');
  if (!received) return { dueDate: null, provisional: false, pausedWorkingDays: 0, clarificationDueBy: null, explanation: ['尚未确认收到申请，答复期限自确认之日起计算'], state: 'awaiting-receipt', warnings: [] };
  let start = received.on;
  explanation.push(`${received.on} 收到申请；自次日起计${settings.answerWorkingDays}个工作日`);
  const clarReq = events.find((e) => e.type === 'clarification-requested');
  const clarRec = events.find((e) => e.type === 'clarification-received');
  const answered = events.find((e) => e.type === 'answered');
  let clarificationDueBy: string | null = add(received.on, settings.clarificationWorkingDays);
  if (clarReq) {
    explanation.push(`${clarReq.on} 发出补正告知，补正期限至${clarReq.correctionDueOn}`);
    clarificationDueBy = null;
  }
  if (clarRec) {
    start = clarRec.on;
    explanation.push(`${clarRec.on} 收到补正后的申请；答复期限自次日起重新计算${settings.answerWorkingDays}个工作日（条例第三十条）`);
  }
  if (answered) clarificationDueBy = null;
  let paused = 0;
  const opens = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'consultation-sent' && e.on >= start) opens.set(e.id, e.on);
    if (e.type === 'consultation-closed' && opens.has(e.id)) {
      const from = opens.get(e.id)!;
      const n = calendar.workingDaysBetween(from, e.on).workingDays;
      paused += n;
      explanation.push(`${from}至${e.on} 征求意见，${n}个工作日不计入答复期限（条例第三十三条第三款）`);
      opens.delete(e.id);
    }
  }
  for (const [, from] of opens) {
    const until = answered?.on ?? asOf;
    if (until > from) {
      const n = calendar.workingDaysBetween(from, until).workingDays;
      paused += n;
      explanation.push(`${from}起征求意见，尚未回复；截至${until}已有${n}个工作日不计入答复期限`);
    }
  }
  let total = settings.answerWorkingDays + paused;
  const ext = events.find((e) => e.type === 'extension');
  if (ext) {
    total += ext.workingDays;
    explanation.push(`${ext.on} 经${ext.approvedBy}同意延期答复${ext.workingDays}个工作日（条例第三十三条第二款）`);
    if (ext.workingDays > settings.maxExtensionWorkingDays) warnings.push({ code: 'extension-too-long', message: `延长期限超过${settings.maxExtensionWorkingDays}个工作日` });
  }
  let dueDate = add(start, total);
  const delayed = events.filter((e) => e.type === 'delayed-deadline').at(-1);
  if (delayed && delayed.type === 'delayed-deadline') {
    dueDate = delayed.dueOn;
    explanation.push(`${delayed.on} 依照条例第三十五条确定延迟答复期限至${delayed.dueOn}`);
  }
  explanation.push(`答复期限：${dueDate}`);
  let state: ClockResult['state'] = opens.size > 0 ? 'paused' : 'running';
  if (clarReq && !clarRec) state = asOf > clarReq.correctionDueOn ? 'correction-overdue' : 'awaiting-correction';
  const feeNotice = events.filter((e) => e.type === 'fee-notice').at(-1);
  const feePaid = events.some((e) => e.type === 'fee-paid' && feeNotice && e.on >= feeNotice.on);
  if (feeNotice && feeNotice.type === 'fee-notice' && !feePaid && asOf > feeNotice.payBy) state = 'fee-overdue';
  if (answered) {
    state = 'answered';
    explanation.push(`${answered.on} 作出答复`);
  } else {
    if (clarificationDueBy) {
      if (asOf > clarificationDueBy) warnings.push({ code: 'clarification-overdue', message: `补正告知期限（${clarificationDueBy}）已过` });
      else if (calendar.workingDaysBetween(asOf, clarificationDueBy).workingDays <= settings.warnWorkingDays) warnings.push({ code: 'clarification-due-soon', message: `补正告知期限将于${clarificationDueBy}届满` });
    }
    if (state === 'running' || state === 'paused') {
      if (asOf > dueDate) warnings.push({ code: 'answer-overdue', message: `答复期限（${dueDate}）已过` });
      else if (calendar.workingDaysBetween(asOf, dueDate).workingDays <= settings.warnWorkingDays) warnings.push({ code: 'answer-due-soon', message: `答复期限将于${dueDate}届满` });
    }
  }
  return { dueDate, provisional, pausedWorkingDays: paused, clarificationDueBy, explanation, state, warnings };
};
