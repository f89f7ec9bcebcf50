/** Published 知识清单 entries for `gongkai reindex` (platform/search; result type `knowledge`). Masked text only. */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { SearchDocumentInput } from '../../platform/search/index.ts';
import { maskAll, piiRules } from '../publishing/index.ts';
import { listKnowledge } from './interaction.repository.ts';
import { knowledgeUrl } from './commands/knowledge.ts';

export async function* knowledgeSearchDocuments(ctx: AppContext): AsyncIterable<SearchDocumentInput> {
  const today = chinaDate(ctx.clock.now());
  const m = (t: string) => maskAll(t, piiRules(), { today });
  for (let offset = 0; ; offset += 500) {
    const page = await listKnowledge(ctx.db, { status: 'published', limit: 500, offset });
    for (const r of page.rows) {
      yield { docId: `knowledge:${r.id}`, type: 'knowledge', unitCode: r.unit_code, unitPath: r.unit_path, unitName: r.unit_name, title: m(r.question), summary: m(r.answer).slice(0, 120), bodyText: `${m(r.answer)}\n${m(r.legal_basis ?? '')}`, url: knowledgeUrl(r.id), publishedAt: r.published_at!, archived: false };
    }
    if (page.rows.length < 500) return;
  }
}
