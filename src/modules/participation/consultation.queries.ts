/**
 * Reads of consultations: the staff list and detail (scoped: outside the actor's subtree a consultation answers 404)
 * and the public view (published consultations only, every text through the personal-data gate). Reads never write.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { getCalendar } from '../calendar/index.ts';
import { findDisclosureRow } from '../publishing/index.ts';
import * as repo from './participation.repository.ts';
import type { ConsultationDetail } from './participation.schemas.ts';
import { findings, gate, loadGate } from './participation.gate.ts';
import { unitFor } from './participation.policy.ts';
import {
  ADOPTIONS,
  COMMENT_CHANNELS,
  CONSULTATION_STATUS_TEXT,
  consultationStatus,
  feedbackDueOn,
  minimumEndOn,
  type ConsultationStatus,
} from './participation.rules.ts';

const label = (list: readonly { code: string; label: string }[], code: string | null) => (code ? (list.find((x) => x.code === code)?.label ?? code) : null);

export interface ConsultationSummary {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  startOn: string;
  endOn: string;
  status: ConsultationStatus;
  statusText: string;
  published: boolean;
  isDemo: boolean;
  comments: { pending: number; published: number; rejected: number };
  feedbackDueOn: string | null;
  feedbackOverdue: boolean;
}

async function summaries(ctx: AppContext, rows: repo.WithUnit<repo.ConsultationRow>[], today: string): Promise<ConsultationSummary[]> {
  const counts = await repo.commentCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const calendar = await getCalendar(ctx);
  return rows.map((r) => {
    const status = consultationStatus(r, today);
    const due = r.published_at ? feedbackDueOn(calendar, r.end_on) : null;
    return {
      id: r.id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      title: r.title,
      startOn: r.start_on,
      endOn: r.end_on,
      status,
      statusText: CONSULTATION_STATUS_TEXT[status],
      published: Boolean(r.published_at),
      isDemo: r.is_demo === 1,
      comments: counts.get(r.id) ?? { pending: 0, published: 0, rejected: 0 },
      feedbackDueOn: due,
      feedbackOverdue: status === 'closed' && due !== null && today > due,
    };
  });
}

export async function listConsultationsFor(ctx: AppContext, actor: Actor, q: { unit?: string; status?: string }): Promise<{ items: ConsultationSummary[] }> {
  const roots = scopeRoots(actor);
  if (!roots.length) return { items: [] };
  const today = chinaDate(ctx.clock.now());
  const items = await summaries(ctx, await repo.listConsultations(ctx.db, { roots, unitCode: q.unit }), today);
  return { items: q.status ? items.filter((i) => i.status === q.status) : items };
}

function clauseViews(clauses: repo.ClauseRow[]) {
  return clauses.map((c) => ({ seq: c.seq, label: c.label, heading: c.heading, paragraphs: JSON.parse(c.paragraphs_json) as string[] }));
}

/** The staff view: everything, including comments awaiting moderation with what the gate finds in them. */
export async function consultationDetail(ctx: AppContext, actor: Actor, id: string): Promise<Result<ConsultationDetail>> {
  const row = await repo.findConsultation(ctx.db, id);
  if (!row) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见');
  const unit = await unitFor(ctx.db, actor, row.unit_code, 'read');
  if (!unit.ok) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见');
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const [summary] = await summaries(ctx, [row], today);
  const calendar = await getCalendar(ctx);
  const comments = await repo.listComments(ctx.db, id);
  const feedback = await repo.listFeedback(ctx.db, id);
  return ok({
    ...summary,
    itemId: row.item_id,
    draftText: row.draft_text,
    draftSource: row.draft_source,
    explanation: row.explanation,
    howToComment: row.how_to_comment,
    urgencyReason: row.urgency_reason,
    minimumEndOn: minimumEndOn(calendar, row.start_on),
    publishedAt: row.published_at,
    clauses: clauseViews(await repo.listClauses(ctx.db, id)),
    commentList: comments.map((c) => ({
      id: c.id,
      clauseSeq: c.clause_seq,
      channel: c.channel,
      channelText: label(COMMENT_CHANNELS, c.channel),
      receivedOn: c.received_on,
      peopleCount: c.people_count,
      body: c.body,
      author: c.author_json ? (JSON.parse(c.author_json) as { name?: string | null; contact?: string | null; source?: string }) : null,
      status: c.status,
      moderationReason: c.moderation_reason,
      moderatedBy: c.moderated_by,
      publicBody: c.public_body,
      enteredBy: c.entered_by,
      personalData: c.status === 'pending' ? findings(c.body, today) : [],
    })),
    feedback: feedback.map((f) => ({ clauseKey: f.clause_key, adoption: f.adoption, adoptionText: label(ADOPTIONS, f.adoption), reason: f.reason })),
    feedbackSummary: row.feedback_summary,
    feedbackPublishedAt: row.feedback_published_at,
    decision: row.decision_title
      ? { title: row.decision_title, text: row.decision_text, on: row.decision_on, policyDisclosureId: row.policy_disclosure_id }
      : null,
  });
}

export interface PublicClauseGroup {
  key: string;
  label: string;
  heading: string | null;
  paragraphs: string[];
  comments: { id: string; channelText: string; receivedOn: string; peopleCount: number; body: string }[];
  /** How many people commented on it (online comments count 1, staff entries their stated number). */
  people: number;
  adoption: { code: string; text: string; reason: string } | null;
}

export interface PublicConsultation {
  id: string;
  unitCode: string;
  unitName: string;
  title: string;
  explanation: string;
  howToComment: string;
  startOn: string;
  endOn: string;
  urgencyReason: string | null;
  status: ConsultationStatus;
  statusText: string;
  isDemo: boolean;
  groups: PublicClauseGroup[];
  feedbackSummary: string | null;
  feedbackPublishedOn: string | null;
  decision: { title: string; text: string; on: string; policyUrl: string | null } | null;
  totals: { comments: number; people: number };
}

/** The public view (anonymous): 404 for an unpublished consultation; texts through the personal-data gate. */
export async function publicConsultation(ctx: AppContext, id: string): Promise<Result<PublicConsultation>> {
  const row = await repo.findConsultation(ctx.db, id);
  if (!row || !row.published_at) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见');
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const status = consultationStatus(row, today);
  const comments = await repo.listComments(ctx.db, id, 'published');
  const answered = status === 'answered';
  const feedback = answered ? new Map((await repo.listFeedback(ctx.db, id)).map((f) => [f.clause_key, f])) : new Map<string, repo.FeedbackRow>();
  const g = (s: string) => gate(s, today);
  const groupOf = (key: string, lbl: string, heading: string | null, paragraphs: string[]): PublicClauseGroup => {
    const mine = comments.filter((c) => (c.clause_seq === null ? 'whole' : String(c.clause_seq)) === key);
    const f = feedback.get(key);
    return {
      key,
      label: lbl,
      heading,
      paragraphs: paragraphs.map(g),
      comments: mine.map((c) => ({
        id: c.id,
        channelText: label(COMMENT_CHANNELS, c.channel) ?? c.channel,
        receivedOn: c.received_on,
        peopleCount: c.people_count,
        body: g(c.public_body ?? ''),
      })),
      people: mine.reduce((a, c) => a + c.people_count, 0),
      adoption: f ? { code: f.adoption, text: label(ADOPTIONS, f.adoption) ?? f.adoption, reason: g(f.reason) } : null,
    };
  };
  const groups = [
    groupOf('whole', '对草案整体的意见', null, []),
    ...(await repo.listClauses(ctx.db, id)).map((c) => groupOf(String(c.seq), c.label, c.heading, JSON.parse(c.paragraphs_json) as string[])),
  ];
  let policyUrl: string | null = null;
  if (answered && row.policy_disclosure_id) {
    const d = await findDisclosureRow(ctx.db, row.policy_disclosure_id);
    if (d?.status === 'published') policyUrl = `/disclosures/${encodeURIComponent(d.id)}`;
  }
  return ok({
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    title: g(row.title),
    explanation: g(row.explanation),
    howToComment: g(row.how_to_comment),
    startOn: row.start_on,
    endOn: row.end_on,
    urgencyReason: row.urgency_reason ? g(row.urgency_reason) : null,
    status,
    statusText: CONSULTATION_STATUS_TEXT[status],
    isDemo: row.is_demo === 1,
    groups,
    feedbackSummary: answered && row.feedback_summary ? g(row.feedback_summary) : null,
    feedbackPublishedOn: answered ? chinaDate(new Date(row.feedback_published_at!)) : null,
    decision: answered && row.decision_title ? { title: g(row.decision_title), text: g(row.decision_text ?? ''), on: row.decision_on!, policyUrl } : null,
    totals: { comments: comments.length, people: comments.reduce((a, c) => a + c.people_count, 0) },
  });
}

export async function publicConsultationList(ctx: AppContext, q: { unit?: string } = {}): Promise<ConsultationSummary[]> {
  const today = chinaDate(ctx.clock.now());
  await loadGate(ctx.db);
  const rows = await repo.listConsultations(ctx.db, { roots: null, unitCode: q.unit, publishedOnly: true });
  return (await summaries(ctx, rows, today)).map((s) => ({
    ...s,
    title: gate(s.title, today),
    comments: { pending: 0, published: s.comments.published, rejected: 0 },
  }));
}

/** A commenter's view of their comment by its tracking code (status and, when not published, the recorded reason). */
export async function trackComment(
  ctx: AppContext,
  code: string,
): Promise<Result<{ status: string; statusText: string; reason: string | null; consultationId: string; consultationTitle: string; receivedOn: string }>> {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{10}$/.test(c)) return fail(400, 'INVALID_CODE', '查询码为10位字母和数字');
  const comment = await repo.findCommentByTracking(ctx.db, c);
  if (!comment) return fail(404, 'COMMENT_NOT_FOUND', '没有找到这个查询码对应的意见，请核对后重新输入');
  const row = await repo.findConsultation(ctx.db, comment.consultation_id);
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const text: Record<string, string> = { pending: '待审核', published: '已发布', rejected: '不予发布' };
  return ok({
    status: comment.status,
    statusText: text[comment.status] ?? comment.status,
    reason: comment.status === 'rejected' ? gate(comment.moderation_reason ?? '', today) : null,
    consultationId: comment.consultation_id,
    consultationTitle: gate(row?.title ?? '', today),
    receivedOn: comment.received_on,
  });
}
