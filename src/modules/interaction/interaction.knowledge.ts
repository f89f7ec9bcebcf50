/**
 * Read models of the 知识清单: staff list (scope, with 待复核 flags) and the public list per unit and county. An
 * entry needs review when it was last reviewed longer ago than the county's period, or when the catalog item it
 * cites is now in a newer catalog version than the one it was reviewed against, or when the policy document it cites
 * was corrected, changed validity or was withdrawn since (interaction.cited-policy.ts).
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { currentItemIds } from '../catalog/index.ts';
import { findUnit } from '../org/index.ts';
import { maskAll, piiRules } from '../publishing/index.ts';
import { VALIDITY_TEXT } from '../policies/index.ts';
import { findKnowledge, listKnowledge, loadSettings, type KnowledgeRow } from './interaction.repository.ts';
import { canHandle, canView, viewRoots } from './interaction.policy.ts';
import { citedPolicies, policyChanges } from './interaction.cited-policy.ts';

export interface KnowledgeView {
  id: string;
  unit: { code: string; name: string };
  question: string;
  answer: string;
  legalBasis: string | null;
  itemKey: string | null;
  /** The cited policy document: its id, title and validity now (staff and public). */
  policy: { id: string; title: string; validityText: string } | null;
  sourceCaseId: string | null;
  status: string;
  statusText: string;
  reviewedOn: string;
  publishedAt: string | null;
  needsReview: string[];
  url: string;
  isDemo: boolean;
}

const STATUS_TEXT: Record<string, string> = { draft: '草稿', published: '已公布', withdrawn: '已撤下' };

async function views(ctx: AppContext, rows: (KnowledgeRow & { unit_name: string })[], masked: boolean): Promise<KnowledgeView[]> {
  const today = chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const ids = await currentItemIds(ctx.db, [...new Set(rows.map((r) => r.item_key).filter((k): k is string => !!k))]);
  const staleBefore = addCalendarDays(today, -settings.knowledgeReviewDays);
  const policies = await citedPolicies(
    ctx,
    rows.map((r) => r.policy_id).filter((p): p is string => !!p),
  );
  const m = (t: string | null) => (t == null || !masked ? t : maskAll(t, piiRules(), { today }));
  return rows.map((r) => {
    const needsReview: string[] = [];
    if (r.status !== 'withdrawn' && r.reviewed_on < staleBefore) needsReview.push(`上次复核是${r.reviewed_on}，已超过${settings.knowledgeReviewDays}天`);
    if (r.status !== 'withdrawn' && r.item_key && ids.get(r.item_key) !== r.item_version_id)
      needsReview.push(`所引用的目录事项（${r.item_key}）已有新版本，请核对`);
    const policy = r.policy_id ? policies.get(r.policy_id) : undefined;
    if (r.status !== 'withdrawn' && r.policy_id) needsReview.push(...policyChanges(r.policy_state, policy));
    return {
      id: r.id,
      unit: { code: r.unit_code, name: r.unit_name },
      question: m(r.question)!,
      answer: m(r.answer)!,
      legalBasis: m(r.legal_basis),
      itemKey: r.item_key,
      policy: policy
        ? { id: policy.id, title: m(policy.title)!, validityText: policy.status === 'withdrawn' ? '已撤回' : VALIDITY_TEXT[policy.validity] }
        : null,
      sourceCaseId: masked ? null : r.source_case_id,
      status: r.status,
      statusText: STATUS_TEXT[r.status] ?? r.status,
      reviewedOn: r.reviewed_on,
      publishedAt: r.published_at,
      needsReview,
      url: `/interaction/knowledge/${r.id}`,
      isDemo: r.is_demo === 1,
    };
  });
}

export async function listKnowledgeFor(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string; limit: number; offset: number },
): Promise<{ total: number; items: KnowledgeView[] }> {
  const r = await listKnowledge(ctx.db, { roots: viewRoots(actor), status: q.status, limit: q.limit, offset: q.offset });
  return { total: r.total, items: await views(ctx, r.rows, false) };
}

export async function knowledgeEntry(ctx: AppContext, actor: Actor, id: string): Promise<Result<KnowledgeView & { canEdit: boolean }>> {
  const row = await findKnowledge(ctx.db, id);
  if (!row || !canView(actor, [row.unit_path])) return fail(404, 'KNOWLEDGE_NOT_FOUND', '没有找到这条知识清单');
  const unit = (await findUnit(ctx.db, row.unit_code))!;
  return ok({ ...(await views(ctx, [row], false))[0], canEdit: canHandle(actor, unit) });
}

export async function publicKnowledge(
  ctx: AppContext,
  q: { unit?: string; limit: number; offset: number },
): Promise<{ total: number; items: KnowledgeView[] }> {
  const unit = q.unit ? await findUnit(ctx.db, q.unit) : undefined;
  if (q.unit && !unit) return { total: 0, items: [] };
  const r = await listKnowledge(ctx.db, { unitPath: unit?.path, status: 'published', limit: q.limit, offset: q.offset });
  return { total: r.total, items: (await views(ctx, r.rows, true)).map((v) => ({ ...v, needsReview: [] })) };
}

export async function publicKnowledgeEntry(ctx: AppContext, id: string): Promise<Result<KnowledgeView>> {
  const row = await findKnowledge(ctx.db, id);
  if (!row || row.status !== 'published') return fail(404, 'KNOWLEDGE_NOT_FOUND', '没有找到这条知识清单');
  return ok({ ...(await views(ctx, [row], true))[0], needsReview: [] });
}
