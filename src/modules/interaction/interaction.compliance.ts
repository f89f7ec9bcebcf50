/**
 * What compliance (公开督查) shows from 政民互动: 意见箱 not opened for longer than the county's period, towns'
 * orders to correct that are overdue, and cases not answered in time (the website check's 留言未答复). Reads only.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ComplianceFindingProvider, ProvidedFinding, UnansweredMessages, WebsiteCheckProvider } from '../../platform/provided-figures.ts';
import { findUnit } from '../org/index.ts';
import { casesReceivedBetween, listBoxes, loadSettings, openCasesWithUnits, openOrders } from './interaction.repository.ts';
import { boxOverdue } from './interaction.boxes.ts';
import { OPEN_STATUSES } from './interaction.workflow.ts';
import { CASE_KIND_TEXT } from './interaction.types.ts';

export const FINDING_KIND_TEXT = {
  'box-not-opened': '意见箱未按期开箱',
  'order-overdue': '责令更正逾期',
  'case-overdue': '逾期未答复',
} as const;

/** One finding (platform/provided-figures.ts `ProvidedFinding`): `ref` is the case number or the box id. */
export interface InteractionComplianceFinding extends ProvidedFinding {
  kind: keyof typeof FINDING_KIND_TEXT;
  unitName?: string;
}

const caseUrl = (id: string) => `/interaction/${encodeURIComponent(id)}`;

export async function interactionCompliance(ctx: AppContext, opts: { unitPath: string; asOf?: string }): Promise<InteractionComplianceFinding[]> {
  const asOf = opts.asOf ?? chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const out: InteractionComplianceFinding[] = [];
  for (const b of await listBoxes(ctx.db, [opts.unitPath])) {
    const o = boxOverdue(b.last_opened_on, b.installed_on, asOf, settings.boxOpeningMaxDays);
    if (b.active === 1 && o.overdue)
      out.push({
        kind: 'box-not-opened',
        kindText: FINDING_KIND_TEXT['box-not-opened'],
        unitCode: b.unit_code,
        unitName: b.unit_name,
        title: `意见箱（${b.location}）超过${settings.boxOpeningMaxDays}天未开箱${b.last_opened_on ? `，上次开箱${b.last_opened_on}` : '，设置后从未开箱'}`,
        since: o.since,
        ref: b.id,
        url: '/interaction/boxes',
      });
  }
  for (const o of await openOrders(ctx.db, opts.unitPath)) {
    if (o.order_due_on && o.order_due_on < asOf)
      out.push({
        kind: 'order-overdue',
        kindText: FINDING_KIND_TEXT['order-overdue'],
        unitCode: o.order_unit_code!,
        title: `乡镇（街道）责令更正（${o.case_no}）逾期未更正，期限${o.order_due_on}`,
        since: o.order_due_on,
        ref: o.case_no,
        url: caseUrl(o.case_id),
      });
  }
  for (const c of await openCasesWithUnits(ctx.db, OPEN_STATUSES)) {
    if (!c.unit_path.startsWith(opts.unitPath) || c.status === 'ordered' || !c.due_on || c.due_on >= asOf) continue;
    out.push({
      kind: 'case-overdue',
      kindText: FINDING_KIND_TEXT['case-overdue'],
      unitCode: c.unit_code,
      unitName: c.unit_name,
      title: `${CASE_KIND_TEXT[c.kind]}（${c.case_no}）逾期未答复，期限${c.due_on}`,
      since: c.due_on,
      ref: c.case_no,
      url: caseUrl(c.id),
    });
  }
  return out;
}

/** A China date `months` calendar months before `date` (the day clamped to the month's length). */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(Number(date.slice(8, 10)), last)).padStart(2, '0')}`;
}

/**
 * The website inspection's 互动回应差 (domain.md §3.1): within the year before the check point, valid messages
 * unanswered for more than 3 months. Every case counts (online, the county app and offline channels alike: they are
 * all answered through the portal's 政民互动). Reads only.
 */
export async function unansweredMessages(db: Executor, asOf: string, months = 3): Promise<UnansweredMessages> {
  const from = monthsBefore(asOf, 12);
  const rows = await casesReceivedBetween(db, from, asOf);
  const valid = rows.filter((r) => r.status !== 'returned' && r.outcome !== 'returned');
  const names = new Map<string, string>();
  const cases: UnansweredMessages['cases'] = [];
  for (const r of valid) {
    const limit = monthsAfter(r.received_on, months);
    const answeredOn = r.answered_on && r.answered_on <= asOf ? r.answered_on : null;
    if (answeredOn ? answeredOn > limit : asOf > limit) {
      if (!names.has(r.origin_unit_code)) names.set(r.origin_unit_code, (await findUnit(db, r.origin_unit_code))?.name ?? r.origin_unit_code);
      cases.push({
        id: r.id,
        caseNo: r.case_no,
        unitCode: r.origin_unit_code,
        unitName: names.get(r.origin_unit_code)!,
        receivedOn: r.received_on,
        answeredOn,
      });
    }
  }
  cases.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.caseNo.localeCompare(b.caseNo));
  return { from, to: asOf, received: valid.length, cases };
}

function monthsAfter(date: string, months: number): string {
  return monthsBefore(date, -months);
}

/** What the compliance module's website inspection reads (ModuleManifest.provides.website). */
export const websiteProvider: WebsiteCheckProvider = { unansweredMessages: (db, asOf) => unansweredMessages(db, asOf) };

/** What compliance (公开督查) lists per unit (ModuleManifest.provides.compliance). */
export const complianceProvider: ComplianceFindingProvider = {
  source: '政民互动',
  findings: (ctx, q) => interactionCompliance(ctx, { unitPath: q.rootPath, asOf: q.asOf }),
};
