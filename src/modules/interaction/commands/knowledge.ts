/**
 * 知识清单 (三(四)1: 定期整理群众建言投诉有关内容，形成相关知识清单，及时向社会公布). One use case per function:
 * draft an entry (from a handled case or fresh), edit it, publish it (into the portal search as its own result
 * type `knowledge`), confirm it after review (the review date moves on; a newer catalog version of the cited item
 * is taken as the reviewed one), and withdraw it with a reason. Every text passes the personal-data gate.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { indexDocuments, removeDocuments } from '../../../platform/search/index.ts';
import { findCase, findKnowledge, insertKnowledge, updateKnowledge, type KnowledgeRow } from '../interaction.repository.ts';
import { canHandle } from '../interaction.policy.ts';
import { knowledgeDocument } from '../interaction.search.ts';
import { cleanText, publicChanged, publicTextProblem, unitOrFail } from './shared.ts';
import { findUnit } from '../../org/index.ts';
import { currentItemIds } from '../../catalog/index.ts';
import { citedPolicies } from '../interaction.cited-policy.ts';

export interface KnowledgeInput {
  unitCode: string;
  question: string;
  answer: string;
  legalBasis?: string | null;
  itemKey?: string | null;
  /** A policy document the answer rests on (policies module; its id): a correction, a validity change or its withdrawal flags the entry. */
  policyId?: string | null;
  sourceCaseId?: string | null;
}

/** The cited policy must be a public policy document in force; its state is what the entry is reviewed against. */
async function policyStateFor(
  ctx: AppContext,
  trx: CommandScope['trx'],
  policyId: string | null | undefined,
): Promise<Result<{ id: string | null; state: string | null }>> {
  const id = policyId?.trim() || null;
  if (!id) return ok({ id: null, state: null });
  const p = (await citedPolicies({ ...ctx, db: trx }, [id])).get(id);
  if (!p) return fail(404, 'POLICY_NOT_FOUND', '没有找到这份政策文件（只能引用已公开的政策文件）');
  if (p.status === 'withdrawn' || p.validity === 'repealed' || p.validity === 'expired')
    return fail(409, 'POLICY_NOT_CURRENT', `政策文件“${p.title}”已撤回、废止或失效，不能作为依据引用`);
  return ok({ id, state: p.state });
}

function cleanEntry(
  input: Omit<KnowledgeInput, 'unitCode'>,
  today: string,
): Result<{ question: string; answer: string; legalBasis: string | null; itemKey: string | null }> {
  const q = cleanText(input.question, '问题（用群众的说法）', { max: 300, min: 4, required: true });
  if (!q.ok) return q;
  const a = cleanText(input.answer, '解答', { max: 4000, min: 5, required: true });
  if (!a.ok) return a;
  const b = cleanText(input.legalBasis, '依据', { max: 500 });
  if (!b.ok) return b;
  for (const [text, what] of [
    [q.value!, '问题'],
    [a.value!, '解答'],
    [b.value, '依据'],
  ] as const) {
    const bad = text ? publicTextProblem(text, what, today) : null;
    if (bad) return bad;
  }
  return ok({ question: q.value!, answer: a.value!, legalBasis: b.value, itemKey: input.itemKey?.trim() || null });
}

export { knowledgeUrl } from '../interaction.search.ts';

async function index(ctx: AppContext, scope: Pick<CommandScope, 'trx' | 'now'>, row: KnowledgeRow): Promise<void> {
  const unit = (await findUnit(scope.trx, row.unit_code))!;
  await indexDocuments(ctx, [knowledgeDocument(row, unit, chinaDate(scope.now))], scope.trx);
}

export async function createKnowledge(
  ctx: AppContext,
  meta: CommandMeta,
  input: KnowledgeInput,
  opts: { demo?: boolean } = {},
): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitOrFail(trx, input.unitCode);
    if (!unit.ok || !canHandle(meta.actor!, unit.value)) return fail(404, 'UNIT_NOT_FOUND', `没有找到单位：${input.unitCode}`);
    const today = chinaDate(now);
    const e = cleanEntry(input, today);
    if (!e.ok) return e;
    if (input.sourceCaseId) {
      const c = await findCase(trx, input.sourceCaseId);
      if (!c || (c.unit_code !== unit.value.code && c.origin_unit_code !== unit.value.code && c.answered_unit_code !== unit.value.code))
        return fail(404, 'CASE_NOT_FOUND', '没有找到作为来源的事项');
      if (!c.answer) return fail(409, 'NOT_HANDLED', '来源事项答复后才能整理为知识清单');
    }
    const itemIds = e.value.itemKey ? await currentItemIds(trx, [e.value.itemKey]) : new Map<string, string>();
    if (e.value.itemKey && !itemIds.has(e.value.itemKey)) return fail(400, 'ITEM_NOT_FOUND', `目录中没有事项 ${e.value.itemKey}`);
    const policy = await policyStateFor(ctx, trx, input.policyId);
    if (!policy.ok) return policy;
    const at = now.toISOString();
    const row: KnowledgeRow = {
      id: crypto.randomUUID(),
      unit_code: unit.value.code,
      question: e.value.question,
      answer: e.value.answer,
      legal_basis: e.value.legalBasis,
      item_key: e.value.itemKey,
      source_case_id: input.sourceCaseId ?? null,
      status: 'draft',
      reviewed_on: today,
      item_version_id: e.value.itemKey ? itemIds.get(e.value.itemKey)! : null,
      policy_id: policy.value.id,
      policy_state: policy.value.state,
      published_at: null,
      is_demo: opts.demo ? 1 : 0,
      created_by: meta.actor!.userId,
      created_at: at,
      updated_at: at,
    };
    await insertKnowledge(trx, row);
    await audit({
      unitCode: row.unit_code,
      action: 'interaction.knowledge.create',
      entityType: 'interaction_knowledge',
      entityId: row.id,
      after: { question: row.question, sourceCaseId: row.source_case_id, policyId: row.policy_id },
    });
    return ok({ id: row.id });
  });
}

async function loadForEdit(trx: CommandScope['trx'], meta: CommandMeta, id: string): Promise<Result<KnowledgeRow>> {
  const row = await findKnowledge(trx, id);
  if (!row) return fail(404, 'KNOWLEDGE_NOT_FOUND', '没有找到这条知识清单');
  const unit = (await findUnit(trx, row.unit_code))!;
  if (!canHandle(meta.actor!, unit)) return fail(404, 'KNOWLEDGE_NOT_FOUND', '没有找到这条知识清单');
  return ok(row);
}

/** Edit = a review: the date reviewed moves to today; a published entry is re-indexed with the new text. */
export async function editKnowledge(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: Omit<KnowledgeInput, 'unitCode' | 'sourceCaseId'>,
): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const r = await loadForEdit(trx, meta, id);
    if (!r.ok) return r;
    if (r.value.status === 'withdrawn') return fail(409, 'WITHDRAWN', '这条知识清单已撤下，不能再修改');
    const today = chinaDate(now);
    const e = cleanEntry(input, today);
    if (!e.ok) return e;
    const itemIds = e.value.itemKey ? await currentItemIds(trx, [e.value.itemKey]) : new Map<string, string>();
    if (e.value.itemKey && !itemIds.has(e.value.itemKey)) return fail(400, 'ITEM_NOT_FOUND', `目录中没有事项 ${e.value.itemKey}`);
    const policy = await policyStateFor(ctx, trx, input.policyId);
    if (!policy.ok) return policy;
    const patch = {
      question: e.value.question,
      answer: e.value.answer,
      legal_basis: e.value.legalBasis,
      item_key: e.value.itemKey,
      item_version_id: e.value.itemKey ? itemIds.get(e.value.itemKey)! : null,
      policy_id: policy.value.id,
      policy_state: policy.value.state,
      reviewed_on: today,
      updated_at: now.toISOString(),
    };
    await updateKnowledge(trx, id, patch);
    if (r.value.status === 'published') {
      await index(ctx, { trx, now }, { ...r.value, ...patch });
      await publicChanged(ctx, { trx, now });
    }
    await audit({
      unitCode: r.value.unit_code,
      action: 'interaction.knowledge.edit',
      entityType: 'interaction_knowledge',
      entityId: id,
      before: { question: r.value.question, answer: r.value.answer, policyId: r.value.policy_id },
      after: { question: patch.question, answer: patch.answer, policyId: patch.policy_id },
    });
    return ok({ id });
  });
}

export async function publishKnowledge(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const r = await loadForEdit(trx, meta, id);
    if (!r.ok) return r;
    if (r.value.status !== 'draft') return fail(409, 'NOT_DRAFT', r.value.status === 'published' ? '这条知识清单已经公布' : '这条知识清单已撤下');
    const at = now.toISOString();
    const row = { ...r.value, status: 'published', published_at: at, updated_at: at };
    await updateKnowledge(trx, id, { status: 'published', published_at: at, updated_at: at });
    await index(ctx, { trx, now }, row);
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: row.unit_code,
      action: 'interaction.knowledge.publish',
      entityType: 'interaction_knowledge',
      entityId: id,
      after: { status: 'published' },
    });
    return ok({ id });
  });
}

/** 复核: the entry is still right; the review date moves on and the cited item's current version becomes the reviewed one. */
export async function confirmKnowledge(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const r = await loadForEdit(trx, meta, id);
    if (!r.ok) return r;
    if (r.value.status === 'withdrawn') return fail(409, 'WITHDRAWN', '这条知识清单已撤下');
    const ids = r.value.item_key ? await currentItemIds(trx, [r.value.item_key]) : new Map<string, string>();
    const today = chinaDate(now);
    // The cited policy as it is now becomes the reviewed one (a withdrawn or repealed policy stays cited: the reviewer
    // found the answer still right; editing the entry changes the citation).
    const policy = r.value.policy_id ? (await citedPolicies({ ...ctx, db: trx }, [r.value.policy_id])).get(r.value.policy_id) : undefined;
    await updateKnowledge(trx, id, {
      reviewed_on: today,
      item_version_id: r.value.item_key ? (ids.get(r.value.item_key) ?? r.value.item_version_id) : null,
      policy_state: r.value.policy_id ? (policy?.state ?? r.value.policy_state) : null,
      updated_at: now.toISOString(),
    });
    // The public entry shows the date it was last reviewed.
    if (r.value.status === 'published') await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: r.value.unit_code,
      action: 'interaction.knowledge.review',
      entityType: 'interaction_knowledge',
      entityId: id,
      after: { reviewedOn: today, policyState: policy?.state ?? null },
    });
    return ok({ id });
  });
}

export async function withdrawKnowledge(ctx: AppContext, meta: CommandMeta, id: string, reasonRaw: string): Promise<Result<{ id: string }>> {
  const reason = cleanText(reasonRaw, '撤下理由', { max: 500, min: 2, required: true });
  if (!reason.ok) return reason;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const r = await loadForEdit(trx, meta, id);
    if (!r.ok) return r;
    if (r.value.status !== 'published') return fail(409, 'NOT_PUBLISHED', '只有已公布的知识清单可以撤下');
    await updateKnowledge(trx, id, { status: 'withdrawn', updated_at: now.toISOString() });
    await removeDocuments(ctx, [`knowledge:${id}`], trx);
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: r.value.unit_code,
      action: 'interaction.knowledge.withdraw',
      entityType: 'interaction_knowledge',
      entityId: id,
      after: { status: 'withdrawn', reason: reason.value },
    });
    return ok({ id });
  });
}
