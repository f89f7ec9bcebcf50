/** Published 知识清单 entries in the portal search (platform/search; result type `knowledge`). Masked text only. */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { SearchDocumentInput } from '../../platform/search/index.ts';
import { maskAll, piiRules } from '../publishing/index.ts';
import { listKnowledge, type KnowledgeRow } from './interaction.repository.ts';

export const knowledgeUrl = (id: string) => `/interaction/knowledge/${id}`;

/** One entry as the search index holds it: the same masked text the public page shows. */
export function knowledgeDocument(
  r: Pick<KnowledgeRow, 'id' | 'unit_code' | 'question' | 'answer' | 'legal_basis' | 'published_at'>,
  unit: { path: string; name: string },
  today: string,
): SearchDocumentInput {
  const m = (t: string) => maskAll(t, piiRules(), { today });
  return {
    docId: `knowledge:${r.id}`,
    type: 'knowledge',
    unitCode: r.unit_code,
    unitPath: unit.path,
    unitName: unit.name,
    title: m(r.question),
    summary: m(r.answer).slice(0, 120),
    bodyText: `${m(r.answer)}\n${m(r.legal_basis ?? '')}`,
    url: knowledgeUrl(r.id),
    publishedAt: r.published_at!,
  };
}

/** Every published entry, for `gongkai reindex`. */
export async function* knowledgeSearchDocuments(ctx: AppContext): AsyncIterable<SearchDocumentInput> {
  const today = chinaDate(ctx.clock.now());
  for (let offset = 0; ; offset += 500) {
    const page = await listKnowledge(ctx.db, { status: 'published', limit: 500, offset });
    for (const r of page.rows) yield knowledgeDocument(r, { path: r.unit_path, name: r.unit_name }, today);
    if (page.rows.length < 500) return;
  }
}
