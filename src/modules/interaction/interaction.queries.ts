/**
 * Read models of 政民互动 (reads never write): the staff view and list (scope-filtered), the person's tracking
 * view, the public section of a disclosure page, published cases (选登), monthly figures and likely duplicates.
 * Every text a public or tracking view shows passes the personal-data gate (`maskAll` with the county's rules);
 * the person's name and phone appear only in the staff view.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { AssessmentFigureProvider, ProvidedUnitFigures } from '../../platform/provided-figures.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { normalizeText, textTokens } from '../../platform/search/index.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { findUnit } from '../org/index.ts';
import { correctionViews, maskAll, piiRules, type CorrectionView } from '../publishing/index.ts';
import {
  casesMergedInto,
  casesOnDisclosure,
  casesReceivedBetween,
  filesOf,
  findCase,
  investigationsOf,
  listCases,
  publishedCases,
  findPublishedCase,
  recentCasesOfUnit,
  stepsOf,
  stepsOfAction,
  userName,
  type CaseRow,
} from './interaction.repository.ts';
import { canHandle, canView, viewRoots } from './interaction.policy.ts';
import { OPEN_STATUSES, STATUS_TEXT, nextActions, type CaseStatus } from './interaction.workflow.ts';
import { CASE_KIND_TEXT, CHANNEL_TEXT, OUTCOME_TEXT, RATING_TEXT, type CaseKind } from './interaction.types.ts';
import { caseByCredentials } from './commands/respond-case.ts';
import type { StepDetail } from './interaction.schemas.ts';
import { CORRECT_PUBLICATION, type PublicationCorrectionDetail } from './commands/correct-publication.ts';

const mask = (text: string | null, today: string): string | null => (text == null ? null : maskAll(text, piiRules(), { today }));

export interface CorrectionLink {
  id: string;
  status: string;
  statusText: string;
  version: number;
  disclosureUrl: string;
}

async function correctionOf(ctx: AppContext, row: CaseRow): Promise<CorrectionLink | null> {
  if (!row.correction_id || !row.disclosure_id) return null;
  const c: CorrectionView | undefined = (await correctionViews(ctx.db, row.disclosure_id)).find((x) => x.id === row.correction_id);
  if (!c) return null;
  return {
    id: c.id,
    status: c.status,
    statusText: c.status === 'approved' ? '已审核，已重新公布' : c.status === 'pending' ? '更正待审核' : '更正被退回，正在重新办理',
    version: c.version,
    disclosureUrl: `/disclosures/${row.disclosure_id}`,
  };
}

/** The status as people should read it (a correction's progress is publishing's, read live). */
export function statusTextOf(row: Pick<CaseRow, 'status'>, correction: CorrectionLink | null): string {
  if (row.status === 'correcting' && correction)
    return correction.status === 'approved' ? '已更正并重新公布' : correction.status === 'rejected' ? '更正被退回，正在重新办理' : STATUS_TEXT.correcting;
  return STATUS_TEXT[row.status as CaseStatus] ?? row.status;
}

const isOverdue = (row: Pick<CaseRow, 'status' | 'due_on'>, today: string) =>
  OPEN_STATUSES.includes(row.status as CaseStatus) && !!row.due_on && row.due_on < today;

// ── staff ───────────────────────────────────────────────────────────────────────────────────────────
export async function getCaseDetail(ctx: AppContext, actor: Actor, id: string) {
  const row = await findCase(ctx.db, id);
  const unit = row ? await findUnit(ctx.db, row.unit_code) : undefined;
  const origin = row ? await findUnit(ctx.db, row.origin_unit_code) : undefined;
  if (!row || !unit || !origin || !canView(actor, [unit.path, origin.path])) return fail(404, 'CASE_NOT_FOUND', '没有找到这件事项');
  const today = chinaDate(ctx.clock.now());
  const correction = await correctionOf(ctx, row);
  const kind = row.kind as CaseKind;
  const actions = [
    ...new Set([
      ...(canHandle(actor, unit) ? nextActions(kind, row.status, 'handler') : []),
      ...(canHandle(actor, origin) && ['ordered', 'correcting'].includes(row.status)
        ? nextActions(kind, row.status, 'handler').filter((a) => a === 'correct')
        : []),
    ]),
  ].filter((a) => a !== 'correct' || row.status !== 'correcting' || correction?.status === 'rejected');
  if (
    row.publish_consent &&
    !row.published &&
    !row.publication_withdrawn_on &&
    row.answer &&
    ['answered', 'correcting', 'closed'].includes(row.status) &&
    row.outcome !== 'returned' &&
    canHandle(actor, (await findUnit(ctx.db, row.answered_unit_code ?? row.unit_code)) ?? unit)
  )
    actions.push('publish');
  if (row.published && canHandle(actor, (await findUnit(ctx.db, row.answered_unit_code ?? row.unit_code)) ?? unit))
    actions.push('correct-publication', 'withdraw-publication');
  const steps = await stepsOf(ctx.db, row.id);
  const unitNames = new Map<string, string>();
  for (const s of steps) if (!unitNames.has(s.unit_code)) unitNames.set(s.unit_code, (await findUnit(ctx.db, s.unit_code))?.name ?? s.unit_code);
  return ok({
    id: row.id,
    caseNo: row.case_no,
    kind,
    kindText: CASE_KIND_TEXT[kind],
    status: row.status,
    statusText: statusTextOf(row, correction),
    unit: { code: unit.code, name: unit.name },
    originUnit: { code: origin.code, name: origin.name },
    channel: row.channel,
    channelText: CHANNEL_TEXT[row.channel] ?? row.channel,
    subject: row.subject,
    content: row.content,
    asker: { name: row.asker_name, phone: row.asker_phone },
    publishConsent: row.publish_consent === 1,
    published: row.published === 1,
    publicationWithdrawn: row.publication_withdrawn_on ? { on: row.publication_withdrawn_on, reason: row.publication_withdrawn_reason ?? '' } : null,
    disclosure: row.disclosure_id
      ? {
          id: row.disclosure_id,
          version: row.disclosure_version,
          url: `/disclosures/${row.disclosure_id}`,
          line: row.line_text ? { kind: row.line_kind, no: row.line_no, text: row.line_text } : null,
        }
      : null,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    dueProvisional: row.due_provisional === 1,
    overdue: isOverdue(row, today),
    answer: row.answer,
    facts: row.facts,
    outcome: row.outcome,
    outcomeText: row.outcome ? OUTCOME_TEXT[row.outcome] : null,
    answeredOn: row.answered_on,
    answeredBy: await userName(ctx.db, row.answered_by),
    correction,
    rating: row.rating,
    ratingText: row.rating ? RATING_TEXT[row.rating] : null,
    ratingReason: row.rating_reason,
    reopenCount: row.reopen_count,
    escalationLevel: row.escalation_level,
    mergedInto: row.merged_into,
    merged: (await casesMergedInto(ctx.db, row.id)).map((m) => ({ id: m.id, caseNo: m.case_no })),
    investigations: (await investigationsOf(ctx.db, row.id)).map((i) => ({
      id: i.id,
      investigators: i.investigators,
      investigatedOn: i.investigated_on,
      findings: i.findings,
      order: i.order_kind,
      orderDueOn: i.order_due_on,
      orderDoneOn: i.order_done_on,
    })),
    files: (await filesOf(ctx.db, row.id)).map((f) => ({ id: f.id, name: f.name, type: f.type, size: f.size, investigationId: f.investigation_id })),
    steps: steps.map((s) => ({
      action: s.action,
      fromStatus: s.from_status,
      toStatus: s.to_status,
      unit: unitNames.get(s.unit_code) ?? s.unit_code,
      actor: s.actor_name,
      note: s.note,
      at: s.at,
      detail: s.detail_json ? (JSON.parse(s.detail_json) as StepDetail) : null,
    })),
    nextActions: actions,
    duplicates: OPEN_STATUSES.includes(row.status as CaseStatus) ? await likelyDuplicates(ctx, row) : [],
  });
}

export type CaseDetail = Extract<Awaited<ReturnType<typeof getCaseDetail>>, { ok: true }>['value'];

export async function listCasesFor(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string; kind?: string; unit?: string; q?: string; overdue?: boolean; limit: number; offset: number },
) {
  const today = chinaDate(ctx.clock.now());
  const r = await listCases(ctx.db, {
    roots: viewRoots(actor),
    status: q.status,
    kind: q.kind,
    unitCode: q.unit,
    q: q.q,
    overdueOn: q.overdue ? today : undefined,
    openStatuses: OPEN_STATUSES,
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total: r.total,
    items: r.rows.map((row) => ({
      id: row.id,
      caseNo: row.case_no,
      kind: row.kind,
      kindText: CASE_KIND_TEXT[row.kind],
      status: row.status,
      statusText: STATUS_TEXT[row.status as CaseStatus] ?? row.status,
      unit: { code: row.unit_code, name: row.unit_name },
      originUnit: { code: row.origin_unit_code, name: row.origin_unit_name },
      channelText: CHANNEL_TEXT[row.channel] ?? row.channel,
      subject: row.subject,
      excerpt: row.content.slice(0, 80),
      receivedOn: row.received_on,
      dueOn: row.due_on,
      overdue: isOverdue(row, today),
      isDemo: row.is_demo === 1,
    })),
  };
}

/** The search engine's index tokens (platform/search: character bigrams of Han runs, ASCII words), for a Jaccard similarity. */
function tokensOf(text: string): Set<string> {
  return new Set(
    textTokens(normalizeText(text))
      .split(' ')
      .filter((t) => t.length > 1),
  );
}

export const DUPLICATE_THRESHOLD = 0.5;
const DUPLICATE_LOOKBACK_DAYS = 90;

/** Likely duplicates: cases of the same unit in the last 90 days whose segmented text overlaps by at least half. */
export async function likelyDuplicates(
  ctx: AppContext,
  row: CaseRow,
): Promise<{ id: string; caseNo: string; similarity: number; excerpt: string; status: string }[]> {
  const mine = tokensOf(`${row.subject ?? ''} ${row.content}`);
  if (!mine.size) return [];
  const others = await recentCasesOfUnit(ctx.db, row.unit_code, addCalendarDays(row.received_on, -DUPLICATE_LOOKBACK_DAYS), row.id);
  const out = [];
  for (const o of others) {
    const theirs = tokensOf(`${o.subject ?? ''} ${o.content}`);
    let common = 0;
    for (const t of mine) if (theirs.has(t)) common += 1;
    const sim = common / (mine.size + theirs.size - common);
    if (sim >= DUPLICATE_THRESHOLD && o.kind === row.kind)
      out.push({
        id: o.id,
        caseNo: o.case_no,
        similarity: Math.round(sim * 100) / 100,
        excerpt: o.content.slice(0, 80),
        status: STATUS_TEXT[o.status as CaseStatus] ?? o.status,
      });
  }
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, 5);
}

// ── the person (tracking code + secret) ─────────────────────────────────────────────────────────────
export async function trackCase(ctx: AppContext, code: string, secret: string) {
  const found = await caseByCredentials(ctx.db, code, secret);
  if (!found.ok) return found;
  const row = found.value;
  const today = chinaDate(ctx.clock.now());
  const correction = await correctionOf(ctx, row);
  const units = new Map<string, string>();
  const nameOf = async (c: string) => {
    if (!units.has(c)) units.set(c, (await findUnit(ctx.db, c))?.name ?? c);
    return units.get(c)!;
  };
  const steps = await stepsOf(ctx.db, row.id);
  const STEP_TEXT: Record<string, string> = {
    intake: '收到',
    accept: '审看：受理',
    return: '审看：退回',
    transfer: '转交',
    answer: '答复',
    verify: '经核实无误',
    correct: '更正（重新公布）',
    merge: '与相同事项合并办理',
    'merged-in': '相同事项并入一并办理',
    investigate: '乡镇（街道）调查核实',
    'rate-satisfied': '评价：满意',
    'rate-basic': '评价：基本满意',
    'rate-unsatisfied': '评价：不满意',
    unanswered: '反映逾期未答复',
    publish: '选登公开',
  };
  const timeline = [];
  for (const s of steps)
    timeline.push({
      on: chinaDate(new Date(s.at)),
      text: `${s.actor_id === null && s.actor_name === '本人' ? '本人' : await nameOf(s.unit_code)}：${STEP_TEXT[s.action] ?? s.action}`,
    });
  const canRate = !row.rating && (row.status === 'answered' || (row.status === 'correcting' && correction?.status === 'approved'));
  const kind = row.kind as CaseKind;
  return ok({
    caseNo: row.case_no,
    kind,
    kindText: CASE_KIND_TEXT[kind],
    status: row.status,
    statusText: statusTextOf(row, correction),
    unitName: await nameOf(row.unit_code),
    originUnitName: await nameOf(row.origin_unit_code),
    subject: mask(row.subject, today),
    content: mask(row.content, today)!,
    line: mask(row.line_text, today),
    receivedOn: row.received_on,
    dueOn: row.due_on,
    dueProvisional: row.due_provisional === 1,
    answer: row.answer,
    facts: row.outcome === 'verified' || row.outcome?.startsWith('town') ? row.facts : null,
    outcomeText: row.outcome ? OUTCOME_TEXT[row.outcome] : null,
    answeredOn: row.answered_on,
    answeredBy: row.answered_unit_code ? await nameOf(row.answered_unit_code) : null,
    disclosure: row.disclosure_id ? { url: `/disclosures/${row.disclosure_id}` } : null,
    correction,
    rating: row.rating ? RATING_TEXT[row.rating] : null,
    canRate,
    /** A rating now is final (the town's conclusion on a question, or a case already at the parent unit after a reopen). */
    ratingIsFinal: row.escalation_level > 0,
    canReportUnanswered: kind === 'question' && row.status === 'handling' && !!row.due_on && today > row.due_on,
    timeline,
  });
}

export type TrackView = Extract<Awaited<ReturnType<typeof trackCase>>, { ok: true }>['value'];

// ── public ──────────────────────────────────────────────────────────────────────────────────────────
export interface PublicCaseView {
  id: string;
  caseNo: string;
  kindText: string;
  unitName: string;
  answeredBy: string | null;
  subject: string | null;
  question: string;
  line: string | null;
  answer: string;
  outcomeText: string | null;
  receivedOn: string;
  answeredOn: string | null;
  disclosureUrl: string | null;
  /** 选登 withdrawn: when and the public reason (question and answer are then no longer shown: empty). */
  withdrawn: { on: string; reason: string } | null;
  /** Corrections of the published answer (oldest first): the version it made, when, the public reason, the answer it replaced. */
  corrections: { version: number; on: string; reason: string; earlierAnswer: string }[];
}

/** Every correction of the published answers of these cases (steps `correct-publication`), masked, by case id. */
async function correctionsOf(ctx: AppContext, ids: readonly string[], today: string): Promise<Map<string, PublicCaseView['corrections']>> {
  const out = new Map<string, PublicCaseView['corrections']>();
  for (const s of await stepsOfAction(ctx.db, ids, CORRECT_PUBLICATION)) {
    const d = JSON.parse(s.detail_json ?? '{}') as Partial<PublicationCorrectionDetail>;
    const list = out.get(s.case_id) ?? [];
    list.push({
      version: d.version ?? list.length + 2,
      on: d.on ?? s.at.slice(0, 10),
      reason: mask(d.reason ?? '', today)!,
      earlierAnswer: mask(d.before ?? '', today)!,
    });
    out.set(s.case_id, list);
  }
  return out;
}

/** toPublic over several rows, with their corrections (one query); a withdrawn 选登 shows none (its content is gone). */
async function publicViews(
  ctx: AppContext,
  rows: (CaseRow & { unit_name: string; answered_unit_name: string | null })[],
  today: string,
): Promise<PublicCaseView[]> {
  const corr = await correctionsOf(
    ctx,
    rows.filter((r) => r.published === 1).map((r) => r.id),
    today,
  );
  return rows.map((r) => {
    const v = toPublic(r, today);
    return v.withdrawn ? v : { ...v, corrections: corr.get(r.id) ?? [] };
  });
}

function toPublic(row: CaseRow & { unit_name: string; answered_unit_name: string | null }, today: string): PublicCaseView {
  if (!row.published && row.publication_withdrawn_on) {
    return {
      id: row.id,
      caseNo: row.case_no,
      kindText: CASE_KIND_TEXT[row.kind],
      unitName: row.unit_name,
      answeredBy: row.answered_unit_name,
      subject: null,
      question: '',
      line: null,
      answer: '',
      outcomeText: null,
      receivedOn: row.received_on,
      answeredOn: row.answered_on,
      disclosureUrl: null,
      withdrawn: { on: row.publication_withdrawn_on, reason: mask(row.publication_withdrawn_reason, today) ?? '' },
      corrections: [],
    };
  }
  return {
    id: row.id,
    caseNo: row.case_no,
    kindText: CASE_KIND_TEXT[row.kind],
    unitName: row.unit_name,
    answeredBy: row.answered_unit_name,
    subject: mask(row.subject, today),
    question: mask(row.content, today)!,
    line: mask(row.line_text, today),
    answer: mask(row.answer, today)!,
    outcomeText: row.outcome ? OUTCOME_TEXT[row.outcome] : null,
    receivedOn: row.received_on,
    answeredOn: row.answered_on,
    disclosureUrl: row.disclosure_id ? `/disclosures/${row.disclosure_id}` : null,
    withdrawn: null,
    corrections: [],
  };
}

/** How many questions a disclosure had, how many are answered, and the ones published (both sides agreed). */
export async function disclosureQuestions(ctx: AppContext, disclosureId: string): Promise<{ total: number; answered: number; published: PublicCaseView[] }> {
  const rows = await casesOnDisclosure(ctx.db, disclosureId);
  const today = chinaDate(ctx.clock.now());
  const unitName = rows.length ? ((await findUnit(ctx.db, rows[0].origin_unit_code))?.name ?? '') : '';
  const named = [];
  for (const r of rows.filter((x) => x.published === 1))
    named.push({ ...r, unit_name: unitName, answered_unit_name: r.answered_unit_code ? ((await findUnit(ctx.db, r.answered_unit_code))?.name ?? null) : null });
  const published = await publicViews(ctx, named, today);
  return { total: rows.length, answered: rows.filter((r) => r.answer && r.outcome !== 'returned').length, published };
}

export async function listPublishedCases(
  ctx: AppContext,
  q: { unit?: string; limit: number; offset: number },
): Promise<{ total: number; items: PublicCaseView[] }> {
  const unit = q.unit ? await findUnit(ctx.db, q.unit) : undefined;
  if (q.unit && !unit) return { total: 0, items: [] };
  const r = await publishedCases(ctx.db, { unitPath: unit?.path, limit: q.limit, offset: q.offset });
  const today = chinaDate(ctx.clock.now());
  return { total: r.total, items: await publicViews(ctx, r.rows, today) };
}

export async function getPublishedCase(ctx: AppContext, id: string): Promise<Result<PublicCaseView>> {
  const row = await findPublishedCase(ctx.db, id);
  if (!row) return fail(404, 'CASE_NOT_FOUND', '没有找到这件选登的事项');
  return ok((await publicViews(ctx, [row], chinaDate(ctx.clock.now())))[0]);
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────────────
export interface CaseFigures {
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Answered after the due date, or still open after it (as of the day of the figures). */
  overdue: number;
  open: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** (满意 + 基本满意) / rated, 0–1; null when nothing was rated. */
  satisfactionRate: number | null;
  /** The case numbers behind the figures (evidence traceable to cases). */
  caseNos: string[];
}

/** Pure: figures over cases, as of `asOf`. */
export function figuresOf(rows: readonly CaseRow[], asOf: string): CaseFigures {
  const f: CaseFigures = {
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    overdue: 0,
    open: 0,
    rated: 0,
    satisfied: 0,
    basic: 0,
    unsatisfied: 0,
    satisfactionRate: null,
    caseNos: [],
  };
  for (const r of rows) {
    f.received += 1;
    f.caseNos.push(r.case_no);
    const answered = !!r.answered_on && r.outcome !== 'returned';
    if (answered) {
      f.answered += 1;
      if (!r.due_on || r.answered_on! <= r.due_on) f.answeredOnTime += 1;
      else f.overdue += 1;
    } else if (OPEN_STATUSES.includes(r.status as CaseStatus)) {
      f.open += 1;
      if (r.due_on && r.due_on < asOf) f.overdue += 1;
    }
    if (r.rating) {
      f.rated += 1;
      if (r.rating === 'satisfied') f.satisfied += 1;
      else if (r.rating === 'basic') f.basic += 1;
      else f.unsatisfied += 1;
    }
  }
  f.satisfactionRate = f.rated ? (f.satisfied + f.basic) / f.rated : null;
  f.caseNos.sort();
  return f;
}

/** Figures of the cases first addressed to a unit's subtree and received in [from, to]. */
export async function caseFigures(ctx: AppContext, opts: { unitCode?: string; from: string; to: string; asOf?: string }): Promise<CaseFigures> {
  const unit = opts.unitCode ? await findUnit(ctx.db, opts.unitCode) : undefined;
  const rows = await casesReceivedBetween(ctx.db, opts.from, opts.to, unit?.path);
  return figuresOf(rows, opts.asOf ?? chinaDate(ctx.clock.now()));
}

/** Monthly figures per unit that received cases in the month (portal: 留言受理反馈情况). */
export async function monthlyFigures(
  ctx: AppContext,
  month: string,
  unitCode?: string,
): Promise<{ month: string; units: { code: string; name: string; figures: Omit<CaseFigures, 'caseNos'> }[]; total: Omit<CaseFigures, 'caseNos'> }> {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const end = addCalendarDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  const unit = unitCode ? await findUnit(ctx.db, unitCode) : undefined;
  const rows = await casesReceivedBetween(ctx.db, from, end, unit?.path);
  const asOf = chinaDate(ctx.clock.now());
  const byUnit = new Map<string, CaseRow[]>();
  for (const r of rows) byUnit.set(r.origin_unit_code, [...(byUnit.get(r.origin_unit_code) ?? []), r]);
  const units = [];
  for (const [code, list] of byUnit) {
    const { caseNos: _c, ...figures } = figuresOf(list, asOf);
    units.push({ code, name: (await findUnit(ctx.db, code))?.name ?? code, figures });
  }
  units.sort((a, b) => b.figures.received - a.figures.received || a.name.localeCompare(b.name, 'zh'));
  const { caseNos: _t, ...total } = figuresOf(rows, asOf);
  return { month, units, total };
}

// ── for the assessment (考评) ─────────────────────────────────────────────────────────────────────
export interface UnitInteractionFigures {
  unitCode: string;
  /** 投诉处理及时率: complaints received in the window that were due by `asOf` or answered, and those answered on time. */
  complaints: { due: number; onTime: number; lateCases: { id: string; caseNo: string; dueOn: string | null; answeredOn: string | null }[] };
  /** 群众满意度: ratings of replies to cases received in the window (满意 + 基本满意 of all rated). */
  ratings: { rated: number; satisfied: number; cases: { id: string; caseNo: string; rating: string }[] };
}

/**
 * Per unit the cases were addressed to (every unit under `rootPath` that received one in [from, to]): complaint
 * timeliness and satisfaction, with the cases behind each figure. Returned and merged cases are not counted (a
 * return is not a handling; a merged case is answered through the one it joined).
 */
export async function interactionFiguresByUnit(
  ctx: AppContext,
  q: { rootPath: string; from: string; to: string; asOf: string },
): Promise<Map<string, UnitInteractionFigures>> {
  const rows = await casesReceivedBetween(ctx.db, q.from, q.to, q.rootPath);
  const out = new Map<string, UnitInteractionFigures>();
  const of = (code: string) => {
    let f = out.get(code);
    if (!f) out.set(code, (f = { unitCode: code, complaints: { due: 0, onTime: 0, lateCases: [] }, ratings: { rated: 0, satisfied: 0, cases: [] } }));
    return f;
  };
  for (const r of rows) {
    if (r.status === 'returned' || r.status === 'merged' || r.outcome === 'returned') continue;
    const f = of(r.origin_unit_code);
    if (r.kind === 'complaint') {
      const answered = !!r.answered_on && r.answered_on <= q.asOf;
      const dueNow = answered || (!!r.due_on && r.due_on < q.asOf);
      if (dueNow) {
        f.complaints.due += 1;
        if (answered && (!r.due_on || r.answered_on! <= r.due_on)) f.complaints.onTime += 1;
        else f.complaints.lateCases.push({ id: r.id, caseNo: r.case_no, dueOn: r.due_on, answeredOn: answered ? r.answered_on : null });
      }
    }
    if (r.rating && (!r.rated_at || chinaDate(new Date(r.rated_at)) <= q.asOf)) {
      f.ratings.rated += 1;
      if (r.rating === 'satisfied' || r.rating === 'basic') f.ratings.satisfied += 1;
      f.ratings.cases.push({ id: r.id, caseNo: r.case_no, rating: r.rating });
    }
  }
  return out;
}

/** The assessment's 投诉处理及时率 and 群众满意度 (ModuleManifest.provides.assessment), with the cases behind each. */
export const assessmentProvider: AssessmentFigureProvider = {
  kinds: {
    complaint_handling: { empty: { onTime: 0, due: 0 }, note: '投诉处理及时率：本期收到的投诉中已答复或已过答复期限的，按期答复的比例（政民互动）' },
    satisfaction: {
      empty: { satisfied: 0, valid: 0 },
      note: '群众满意度：本期收到的询问、咨询、建议、投诉中，提出人评价为满意或基本满意的答复所占比例（政民互动）',
    },
  },
  async measure(ctx, q) {
    const figures = await interactionFiguresByUnit(ctx, q);
    const out = new Map<string, ProvidedUnitFigures>();
    for (const [code, f] of figures) {
      const list = { label: '本单位政民互动事项', url: `/admin/interaction?unit=${encodeURIComponent(code)}` };
      out.set(code, {
        figures: {
          complaint_handling: { onTime: f.complaints.onTime, due: f.complaints.due },
          satisfaction: { satisfied: f.ratings.satisfied, valid: f.ratings.rated },
        },
        evidence: {
          complaint_handling: [
            list,
            ...f.complaints.lateCases.map((c) => ({
              label: `投诉逾期答复：${c.caseNo}（答复期限${c.dueOn ?? '未定'}${c.answeredOn ? `，${c.answeredOn}答复` : '，尚未答复'}）`,
              url: `/admin/interaction/${encodeURIComponent(c.id)}`,
            })),
          ],
          satisfaction: [
            list,
            ...f.ratings.cases.map((c) => ({
              label: `已评价：${c.caseNo}（${RATING_TEXT[c.rating] ?? c.rating}）`,
              url: `/admin/interaction/${encodeURIComponent(c.id)}`,
            })),
          ],
        },
      });
    }
    return out;
  },
};
