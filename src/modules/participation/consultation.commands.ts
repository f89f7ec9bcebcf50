/**
 * Consultations on drafts (征求意见, 《重大行政决策程序暂行条例》第15、18、29、32条; domain.md §8): one command per use
 * case, each in one transaction with its audit event. Dates are checked on the working-day calendar; the status is
 * never stored (participation.rules.ts consultationStatus).
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import { extractDocxText, findDisclosureRow, sniffFileType } from '../publishing/index.ts';
import { randomCode, verifyHumanCheck } from '../requests/index.ts';
import * as repo from './participation.repository.ts';
import { findings, gate, loadGate, publicChanged } from './participation.gate.ts';
import { isGovernmentUnit, unitFor } from './participation.policy.ts';
import {
  ADOPTION_CODES,
  PARTICIPATION_RULES,
  STAFF_CHANNELS,
  consultationStatus,
  daysBetween,
  minimumEndOn,
  parseClauses,
  type ParsedClause,
} from './participation.rules.ts';

const uuid = () => crypto.randomUUID();
export const DOCX_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_DRAFT_CHARS = 200_000;
export const MAX_COMMENT_CHARS = 2000;

export interface ConsultationInput {
  unitCode: string;
  itemId?: string | null;
  title: string;
  /** The draft as text, or … */
  draftText?: string | null;
  /** … an uploaded .docx (its paragraphs become the text). */
  draftDocx?: Buffer | null;
  explanation: string;
  howToComment: string;
  startOn: string;
  endOn: string;
  urgencyReason?: string | null;
}

/** The draft's text from the input: typed text, or the paragraphs of a real .docx (type sniffed from its bytes). */
export async function draftTextOf(input: { draftText?: string | null; draftDocx?: Buffer | null }): Promise<Result<{ text: string; source: 'text' | 'docx' }>> {
  if (input.draftDocx && input.draftDocx.length) {
    if (input.draftDocx.length > DOCX_MAX_BYTES) return fail(413, 'DOCX_TOO_LARGE', '草案文件不能超过10MB');
    if ((await sniffFileType(input.draftDocx)) !== 'docx') return fail(415, 'DOCX_TYPE', '草案文件须为 Word 文档（.docx）；.doc 等旧格式请先另存为 .docx');
    let text: string;
    try {
      text = await extractDocxText(input.draftDocx);
    } catch {
      return fail(400, 'DOCX_UNREADABLE', '草案文件无法读取，请检查文件是否损坏');
    }
    if (!text.trim()) return fail(400, 'EMPTY_DRAFT', '草案文件中没有文字');
    if (text.length > MAX_DRAFT_CHARS) return fail(400, 'DRAFT_TOO_LONG', `草案不能超过${MAX_DRAFT_CHARS}字`);
    return ok({ text, source: 'docx' });
  }
  const text = (input.draftText ?? '').trim();
  if (!text) return fail(400, 'EMPTY_DRAFT', '请填写或上传征求意见的草案');
  if (text.length > MAX_DRAFT_CHARS) return fail(400, 'DRAFT_TOO_LONG', `草案不能超过${MAX_DRAFT_CHARS}字`);
  return ok({ text, source: 'text' });
}

/** Parses a draft for preview (no write). */
export async function previewClauses(input: {
  draftText?: string | null;
  draftDocx?: Buffer | null;
}): Promise<Result<{ text: string; clauses: ParsedClause[] }>> {
  const d = await draftTextOf(input);
  if (!d.ok) return d;
  return ok({ text: d.value.text, clauses: parseClauses(d.value.text) });
}

interface DateCheck {
  startOn: string;
  endOn: string;
  urgencyReason: string | null;
}

/** The date rules of a consultation: real dates, end after start, ≥ 30 days (第15条) unless an urgency reason is stated. */
function checkDates(calendar: WorkCalendar, d: DateCheck, today: string, forPublication: boolean): Result<{ minimumEnd: string }> {
  if (!isRealDate(d.startOn)) return fail(400, 'INVALID_DATE', `开始日期“${d.startOn}”不是有效日期`);
  if (!isRealDate(d.endOn)) return fail(400, 'INVALID_DATE', `截止日期“${d.endOn}”不是有效日期`);
  if (d.endOn <= d.startOn) return fail(400, 'INVALID_PERIOD', '截止日期须晚于开始日期');
  if (forPublication && d.startOn < today) return fail(400, 'START_IN_PAST', `开始日期（${d.startOn}）已过，请改为今天或以后的日期再发布`);
  const minimumEnd = minimumEndOn(calendar, d.startOn);
  if (d.endOn < minimumEnd && !d.urgencyReason)
    return fail(
      422,
      'PERIOD_TOO_SHORT',
      `征求意见期限一般不少于${PARTICIPATION_RULES.minConsultationDays}日（《重大行政决策程序暂行条例》第十五条）：自${d.startOn}起算，截止日期最早为${minimumEnd}（开始当日不计入，期限最后一日为节假日的顺延至节后第一个工作日）。如因情况紧急需要缩短，请填写缩短的理由，理由将与草案一同公布。`,
      { minimumEnd, days: daysBetween(d.startOn, d.endOn) },
    );
  return ok({ minimumEnd });
}

const clean = (s: string | null | undefined) => (s ?? '').trim();

function checkTexts(input: { title: string; explanation: string; howToComment: string; urgencyReason?: string | null }): Result<null> {
  if (!clean(input.title)) return fail(400, 'INVALID_TITLE', '请填写征求意见的标题');
  if (clean(input.title).length > 200) return fail(400, 'INVALID_TITLE', '标题不能超过200字');
  if (!clean(input.explanation)) return fail(400, 'EXPLANATION_MISSING', '请填写起草说明（与草案一同公布，第十五条）');
  if (!clean(input.howToComment)) return fail(400, 'HOW_TO_COMMENT_MISSING', '请写明提出意见的方式（网上留言、信函地址、电子邮箱等）');
  return ok(null);
}

function clauseRows(consultationId: string, clauses: ParsedClause[]): repo.ClauseRow[] {
  return clauses.map((c) => ({
    consultation_id: consultationId,
    seq: c.seq,
    label: c.label,
    heading: c.heading,
    paragraphs_json: JSON.stringify(c.paragraphs),
  }));
}

async function checkItem(trx: Parameters<typeof repo.findItem>[0], unitCode: string, itemId: string | null | undefined): Promise<Result<string | null>> {
  if (!itemId) return ok(null);
  const item = await repo.findItem(trx, itemId);
  if (!item || item.unit_code !== unitCode) return fail(400, 'ITEM_NOT_FOUND', '所选的公众参与事项不属于本单位');
  if (item.withdrawn_at) return fail(409, 'ITEM_WITHDRAWN', `公众参与事项“${item.name}”已撤回`);
  return ok(item.id);
}

export async function createConsultation(ctx: AppContext, meta: CommandMeta, input: ConsultationInput): Promise<Result<{ id: string }>> {
  const texts = checkTexts(input);
  if (!texts.ok) return texts;
  const draft = await draftTextOf(input);
  if (!draft.ok) return draft;
  const clauses = parseClauses(draft.value.text);
  // Read before the transaction: on SQLite the one connection is the transaction's while it is open.
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.unitCode, 'edit');
    if (!unit.ok) return unit;
    if (!isGovernmentUnit(unit.value))
      return fail(400, 'NOT_GOVERNMENT', '征求意见由县政府、县政府部门和乡镇（街道）发起；村（社区）的事项请使用“村务决策”或问卷调查');
    if (unit.value.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.value.name}已撤销`);
    const dates = checkDates(
      calendar,
      { startOn: input.startOn, endOn: input.endOn, urgencyReason: clean(input.urgencyReason) || null },
      chinaDate(now),
      false,
    );
    if (!dates.ok) return dates;
    const item = await checkItem(trx, unit.value.code, input.itemId);
    if (!item.ok) return item;
    const id = uuid();
    const at = now.toISOString();
    await repo.insertConsultation(trx, {
      id,
      unit_code: unit.value.code,
      item_id: item.value,
      title: clean(input.title),
      draft_text: draft.value.text,
      draft_source: draft.value.source,
      explanation: clean(input.explanation),
      how_to_comment: clean(input.howToComment),
      start_on: input.startOn,
      end_on: input.endOn,
      urgency_reason: clean(input.urgencyReason) || null,
      published_at: null,
      published_by: null,
      feedback_summary: null,
      feedback_published_at: null,
      feedback_published_by: null,
      decision_title: null,
      decision_text: null,
      decision_on: null,
      policy_disclosure_id: null,
      is_demo: unit.value.is_demo,
      created_at: at,
      created_by: meta.actor?.username ?? null,
      updated_at: at,
    });
    await repo.replaceClauses(trx, id, clauseRows(id, clauses));
    await audit({
      unitCode: unit.value.code,
      action: 'participation.consultation.create',
      entityType: 'participation_consultation',
      entityId: id,
      after: { title: clean(input.title), startOn: input.startOn, endOn: input.endOn, clauses: clauses.length, source: draft.value.source },
    });
    return ok({ id });
  });
}

export type ConsultationPatch = Partial<Omit<ConsultationInput, 'unitCode'>>;

/** Changes a consultation that is not yet published (a published draft is public and is never silently changed). */
export async function updateConsultation(ctx: AppContext, meta: CommandMeta, id: string, patch: ConsultationPatch): Promise<Result<{ id: string }>> {
  const redraft = patch.draftText !== undefined || (patch.draftDocx && patch.draftDocx.length) ? await draftTextOf(patch) : null;
  if (redraft && !redraft.ok) return redraft;
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const c = await editable(trx, meta, id);
    if (!c.ok) return c;
    const row = c.value;
    if (row.published_at) return fail(409, 'ALREADY_PUBLISHED', '征求意见已发布，草案和期限不能再修改；如需更改请另行发布说明');
    const next = {
      title: patch.title ?? row.title,
      explanation: patch.explanation ?? row.explanation,
      howToComment: patch.howToComment ?? row.how_to_comment,
      startOn: patch.startOn ?? row.start_on,
      endOn: patch.endOn ?? row.end_on,
      urgencyReason: patch.urgencyReason !== undefined ? clean(patch.urgencyReason) || null : row.urgency_reason,
    };
    const texts = checkTexts(next);
    if (!texts.ok) return texts;
    const dates = checkDates(calendar, next, chinaDate(now), false);
    if (!dates.ok) return dates;
    const item = patch.itemId !== undefined ? await checkItem(trx, row.unit_code, patch.itemId) : ok(row.item_id);
    if (!item.ok) return item;
    await repo.updateConsultation(trx, id, {
      title: clean(next.title),
      explanation: clean(next.explanation),
      how_to_comment: clean(next.howToComment),
      start_on: next.startOn,
      end_on: next.endOn,
      urgency_reason: next.urgencyReason,
      item_id: item.value,
      ...(redraft?.ok ? { draft_text: redraft.value.text, draft_source: redraft.value.source } : {}),
      updated_at: now.toISOString(),
    });
    if (redraft?.ok) await repo.replaceClauses(trx, id, clauseRows(id, parseClauses(redraft.value.text)));
    await audit({
      unitCode: row.unit_code,
      action: 'participation.consultation.update',
      entityType: 'participation_consultation',
      entityId: id,
      before: { title: row.title, startOn: row.start_on, endOn: row.end_on },
      after: { title: next.title, startOn: next.startOn, endOn: next.endOn, redrafted: Boolean(redraft) },
    });
    return ok({ id });
  });
}

async function editable(
  trx: Parameters<typeof repo.findConsultation>[0],
  meta: CommandMeta,
  id: string,
  need: 'edit' | 'moderate' = 'edit',
): Promise<Result<repo.WithUnit<repo.ConsultationRow>>> {
  const row = await repo.findConsultation(trx, id);
  if (!row) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见');
  const unit = await unitFor(trx, meta.actor!, row.unit_code, need);
  if (!unit.ok) return unit.status === 404 ? fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见') : unit;
  return ok(row);
}

/** Publishes the consultation (draft, explanation, how to comment, dates, and any urgency reason). */
export async function publishConsultation(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  await loadGate(ctx.db);
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const c = await editable(trx, meta, id);
    if (!c.ok) return c;
    const row = c.value;
    if (row.published_at) return fail(409, 'ALREADY_PUBLISHED', '这项征求意见已经发布');
    const dates = checkDates(calendar, { startOn: row.start_on, endOn: row.end_on, urgencyReason: row.urgency_reason }, chinaDate(now), true);
    if (!dates.ok) return dates;
    const clauses = await repo.listClauses(trx, id);
    if (clauses.length === 0) return fail(400, 'EMPTY_DRAFT', '草案没有可征求意见的内容');
    await repo.updateConsultation(trx, id, { published_at: now.toISOString(), published_by: meta.actor?.username ?? null, updated_at: now.toISOString() });
    await audit({
      unitCode: row.unit_code,
      action: 'participation.consultation.publish',
      entityType: 'participation_consultation',
      entityId: id,
      after: { startOn: row.start_on, endOn: row.end_on, urgencyReason: row.urgency_reason, clauses: clauses.length },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Comments

export interface OnlineCommentInput {
  clauseSeq?: number | null;
  body: string;
  /** Optional; never published. */
  name?: string | null;
  contact?: string | null;
}

async function checkClause(
  trx: Parameters<typeof repo.listClauses>[0],
  consultationId: string,
  seq: number | null | undefined,
): Promise<Result<number | null>> {
  if (seq === null || seq === undefined) return ok(null);
  const clauses = await repo.listClauses(trx, consultationId);
  if (!clauses.some((c) => c.seq === seq)) return fail(400, 'CLAUSE_NOT_FOUND', '所选的条款不存在，请重新选择');
  return ok(seq);
}

function checkBody(body: string): Result<string> {
  const b = body.trim();
  if (!b) return fail(400, 'EMPTY_COMMENT', '请填写您的意见');
  if (b.length > MAX_COMMENT_CHARS) return fail(400, 'COMMENT_TOO_LONG', `意见不能超过${MAX_COMMENT_CHARS}字，较长的意见可以分条提交`);
  return ok(b);
}

/** A comment online, without an account: human check, only while the consultation is open; returns a tracking code. */
export async function submitOnlineComment(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: OnlineCommentInput,
  check: { token: string; answer: string },
): Promise<Result<{ trackingCode: string; status: string }>> {
  const human = await verifyHumanCheck(ctx.db, ctx.clock.now(), check.token, check.answer);
  if (human === 'expired') return fail(400, 'HUMAN_CHECK_EXPIRED', '验证题已过期，请刷新页面后重新作答');
  if (human !== 'ok') return fail(400, 'HUMAN_CHECK_FAILED', '验证题答案不正确，请重新计算后填写');
  const body = checkBody(input.body);
  if (!body.ok) return body;
  if ((input.name ?? '').length > 50 || (input.contact ?? '').length > 100) return fail(400, 'AUTHOR_TOO_LONG', '姓名不超过50字，联系方式不超过100字');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await repo.findConsultation(trx, id);
    const today = chinaDate(now);
    if (!row || !row.published_at) return fail(404, 'CONSULTATION_NOT_FOUND', '没有找到这项征求意见');
    const status = consultationStatus(row, today);
    if (status === 'announced') return fail(409, 'CONSULTATION_NOT_OPEN', `征求意见将于${row.start_on}开始，届时欢迎提出意见`);
    if (status !== 'open') return fail(409, 'CONSULTATION_CLOSED', `征求意见已于${row.end_on}截止，感谢您的关注`);
    const clause = await checkClause(trx, id, input.clauseSeq);
    if (!clause.ok) return clause;
    const trackingCode = randomCode(10);
    const author =
      clean(input.name) || clean(input.contact) ? JSON.stringify({ name: clean(input.name) || null, contact: clean(input.contact) || null }) : null;
    const commentId = uuid();
    await repo.insertComment(trx, {
      id: commentId,
      consultation_id: id,
      clause_seq: clause.value,
      channel: 'online',
      received_on: today,
      people_count: 1,
      author_json: author,
      body: body.value,
      tracking_code: trackingCode,
      status: 'pending',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      public_body: null,
      entered_by: null,
      created_at: now.toISOString(),
    });
    // No text or personal data in the audit log: the comment row holds them.
    await audit({
      unitCode: row.unit_code,
      action: 'participation.comment.submit',
      entityType: 'participation_comment',
      entityId: commentId,
      after: { consultationId: id, clauseSeq: clause.value, channel: 'online' },
    });
    return ok({ trackingCode, status: 'pending' });
  });
}

export interface StaffCommentInput {
  clauseSeq?: number | null;
  channel: string;
  receivedOn: string;
  peopleCount: number;
  body: string;
  /** Who spoke (e.g. 群众代表、某企业); never published. */
  source?: string | null;
}

/** A comment entered by staff from a 座谈会, 实地走访, letter, meeting…; moderated like any other. */
export async function enterStaffComment(ctx: AppContext, meta: CommandMeta, id: string, input: StaffCommentInput): Promise<Result<{ id: string }>> {
  const body = checkBody(input.body);
  if (!body.ok) return body;
  if (!STAFF_CHANNELS.includes(input.channel)) return fail(400, 'INVALID_CHANNEL', '请选择意见来源（座谈会、实地走访、信函、会议、电话或电子邮件）');
  if (!isRealDate(input.receivedOn)) return fail(400, 'INVALID_DATE', `收到日期“${input.receivedOn}”不是有效日期`);
  if (!Number.isInteger(input.peopleCount) || input.peopleCount < 1 || input.peopleCount > 100_000)
    return fail(400, 'INVALID_PEOPLE', '提出意见的人数须为1以上的整数');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const c = await editable(trx, meta, id);
    if (!c.ok) return c;
    const row = c.value;
    const today = chinaDate(now);
    if (!row.published_at) return fail(409, 'NOT_PUBLISHED', '征求意见尚未发布，不能录入意见');
    if (row.feedback_published_at) return fail(409, 'FEEDBACK_PUBLISHED', '采纳情况已经公布，不能再录入意见');
    if (input.receivedOn > today) return fail(400, 'INVALID_DATE', '收到日期不能晚于今天');
    if (input.receivedOn < row.start_on || input.receivedOn > row.end_on)
      return fail(400, 'OUTSIDE_PERIOD', `收到日期须在征求意见期间（${row.start_on}至${row.end_on}）内`);
    const clause = await checkClause(trx, id, input.clauseSeq);
    if (!clause.ok) return clause;
    const commentId = uuid();
    await repo.insertComment(trx, {
      id: commentId,
      consultation_id: id,
      clause_seq: clause.value,
      channel: input.channel,
      received_on: input.receivedOn,
      people_count: input.peopleCount,
      author_json: clean(input.source) ? JSON.stringify({ source: clean(input.source) }) : null,
      body: body.value,
      tracking_code: null,
      status: 'pending',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      public_body: null,
      entered_by: meta.actor?.username ?? null,
      created_at: now.toISOString(),
    });
    await audit({
      unitCode: row.unit_code,
      action: 'participation.comment.enter',
      entityType: 'participation_comment',
      entityId: commentId,
      after: { consultationId: id, clauseSeq: clause.value, channel: input.channel, receivedOn: input.receivedOn, peopleCount: input.peopleCount },
    });
    return ok({ id: commentId });
  });
}

/**
 * Moderation before publication: publish (the body goes through the personal-data gate; what is shown is the masked
 * copy) or reject, with the reason recorded; a rejection needs one.
 */
export async function moderateComment(
  ctx: AppContext,
  meta: CommandMeta,
  commentId: string,
  input: { action: 'publish' | 'reject'; reason?: string | null },
): Promise<Result<{ id: string; status: string; masked: number }>> {
  await loadGate(ctx.db);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const comment = await repo.findComment(trx, commentId);
    if (!comment) return fail(404, 'COMMENT_NOT_FOUND', '没有找到这条意见');
    const c = await editable(trx, meta, comment.consultation_id, 'moderate');
    if (!c.ok) return c.status === 404 ? fail(404, 'COMMENT_NOT_FOUND', '没有找到这条意见') : c;
    if (c.value.feedback_published_at) return fail(409, 'FEEDBACK_PUBLISHED', '采纳情况已经公布，意见不能再审核');
    const reason = clean(input.reason);
    if (input.action === 'reject' && !reason) return fail(400, 'REASON_REQUIRED', '不予发布的意见须写明理由（如含有攻击性言论、与草案无关、重复提交）');
    if (reason.length > 500) return fail(400, 'REASON_TOO_LONG', '理由不能超过500字');
    if (comment.status !== 'pending') return fail(409, 'ALREADY_MODERATED', '这条意见已经审核过了');
    const today = chinaDate(now);
    const hits = input.action === 'publish' ? findings(comment.body, today) : [];
    const changed = await repo.moderateComment(trx, commentId, {
      status: input.action === 'publish' ? 'published' : 'rejected',
      moderation_reason: reason || (input.action === 'publish' ? '符合发布要求' : reason),
      moderated_by: meta.actor?.username ?? null,
      moderated_at: now.toISOString(),
      public_body: input.action === 'publish' ? gate(comment.body, today) : null,
    });
    if (changed !== 1) return fail(409, 'ALREADY_MODERATED', '这条意见已由他人审核');
    await audit({
      unitCode: c.value.unit_code,
      action: `participation.comment.${input.action}`,
      entityType: 'participation_comment',
      entityId: commentId,
      after: { consultationId: comment.consultation_id, reason: reason || null, masked: hits.map((h) => h.kind) },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id: commentId, status: input.action === 'publish' ? 'published' : 'rejected', masked: hits.length });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Feedback report and final decision

export interface FeedbackInput {
  summary: string;
  groups: { clauseKey: string; adoption: string; reason: string }[];
}

/** Saves the feedback report (采纳情况) per clause group, after the consultation closed and before it is published. */
export async function saveFeedback(ctx: AppContext, meta: CommandMeta, id: string, input: FeedbackInput): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const c = await editable(trx, meta, id, 'moderate');
    if (!c.ok) return c;
    const row = c.value;
    const status = consultationStatus(row, chinaDate(now));
    if (status === 'answered') return fail(409, 'FEEDBACK_PUBLISHED', '采纳情况已经公布');
    if (status !== 'closed')
      return fail(409, 'CONSULTATION_NOT_CLOSED', `征求意见${status === 'draft' ? '尚未发布' : `到${row.end_on}才截止`}，截止后才能填写采纳情况`);
    const clauses = new Set((await repo.listClauses(trx, id)).map((x) => String(x.seq)));
    const seen = new Set<string>();
    for (const g of input.groups) {
      if (g.clauseKey !== 'whole' && !clauses.has(g.clauseKey)) return fail(400, 'CLAUSE_NOT_FOUND', `条款“${g.clauseKey}”不存在`);
      if (seen.has(g.clauseKey)) return fail(400, 'DUPLICATE_GROUP', '同一条款只能填写一次采纳情况');
      seen.add(g.clauseKey);
      if (!ADOPTION_CODES.includes(g.adoption)) return fail(400, 'INVALID_ADOPTION', '采纳情况须为“采纳”“部分采纳”或“未采纳”');
      if (!clean(g.reason)) return fail(400, 'REASON_REQUIRED', '每一条款的采纳情况都须说明理由');
      if (g.reason.length > 2000) return fail(400, 'REASON_TOO_LONG', '理由不能超过2000字');
    }
    if (clean(input.summary).length > 5000) return fail(400, 'SUMMARY_TOO_LONG', '总体说明不能超过5000字');
    const at = now.toISOString();
    await repo.replaceFeedback(
      trx,
      id,
      input.groups.map((g) => ({
        consultation_id: id,
        clause_key: g.clauseKey,
        adoption: g.adoption,
        reason: clean(g.reason),
        updated_at: at,
        updated_by: meta.actor?.username ?? null,
      })),
    );
    await repo.updateConsultation(trx, id, { feedback_summary: clean(input.summary) || null, updated_at: at });
    await audit({
      unitCode: row.unit_code,
      action: 'participation.feedback.save',
      entityType: 'participation_consultation',
      entityId: id,
      after: { groups: input.groups.map((g) => ({ clauseKey: g.clauseKey, adoption: g.adoption })) },
    });
    return ok({ id });
  });
}

export interface PublishFeedbackInput {
  decisionTitle: string;
  decisionText: string;
  decisionOn: string;
  /** The published policy document (a disclosure) when there is one. */
  policyDisclosureId?: string | null;
}

/**
 * Publishes the feedback report with the final decision (第29条(二), 第32条). Refused while comments await
 * moderation, or while a clause with published comments has no adoption entry.
 */
export async function publishFeedback(ctx: AppContext, meta: CommandMeta, id: string, input: PublishFeedbackInput): Promise<Result<{ id: string }>> {
  if (!clean(input.decisionTitle)) return fail(400, 'DECISION_MISSING', '请填写最终决定的名称');
  if (!clean(input.decisionText)) return fail(400, 'DECISION_MISSING', '请填写最终决定的内容或摘要');
  if (!isRealDate(input.decisionOn)) return fail(400, 'INVALID_DATE', `决定日期“${input.decisionOn}”不是有效日期`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const c = await editable(trx, meta, id, 'moderate');
    if (!c.ok) return c;
    const row = c.value;
    const today = chinaDate(now);
    const status = consultationStatus(row, today);
    if (status === 'answered') return fail(409, 'FEEDBACK_PUBLISHED', '采纳情况已经公布');
    if (status !== 'closed') return fail(409, 'CONSULTATION_NOT_CLOSED', '征求意见截止后才能公布采纳情况');
    if (input.decisionOn < row.end_on || input.decisionOn > today)
      return fail(400, 'INVALID_DATE', `决定日期须在征求意见截止（${row.end_on}）之后、不晚于今天`);
    const comments = await repo.listComments(trx, id);
    const pending = comments.filter((x) => x.status === 'pending').length;
    if (pending) return fail(409, 'COMMENTS_PENDING', `还有${pending}条意见未审核，请先审核`);
    const feedback = new Set((await repo.listFeedback(trx, id)).map((f) => f.clause_key));
    const needed = [...new Set(comments.filter((x) => x.status === 'published').map((x) => (x.clause_seq === null ? 'whole' : String(x.clause_seq))))];
    const missing = needed.filter((k) => !feedback.has(k));
    if (missing.length) {
      const labels = new Map((await repo.listClauses(trx, id)).map((x) => [String(x.seq), x.label]));
      return fail(
        409,
        'FEEDBACK_INCOMPLETE',
        `以下条款收到了意见，但还没有填写采纳情况：${missing.map((k) => (k === 'whole' ? '对草案整体的意见' : (labels.get(k) ?? k))).join('、')}`,
        { missing },
      );
    }
    let policy: string | null = null;
    if (input.policyDisclosureId) {
      const d = await findDisclosureRow(trx, input.policyDisclosureId);
      if (!d || d.status !== 'published') return fail(400, 'POLICY_NOT_FOUND', '所关联的政策文件不存在或尚未公开');
      policy = d.id;
    }
    const at = now.toISOString();
    await repo.updateConsultation(trx, id, {
      feedback_published_at: at,
      feedback_published_by: meta.actor?.username ?? null,
      decision_title: clean(input.decisionTitle),
      decision_text: clean(input.decisionText),
      decision_on: input.decisionOn,
      policy_disclosure_id: policy,
      updated_at: at,
    });
    await audit({
      unitCode: row.unit_code,
      action: 'participation.feedback.publish',
      entityType: 'participation_consultation',
      entityId: id,
      after: {
        decisionTitle: clean(input.decisionTitle),
        decisionOn: input.decisionOn,
        policyDisclosureId: policy,
        comments: comments.filter((x) => x.status === 'published').length,
      },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id });
  });
}
