import type { CliHelpers } from '../../main.ts';
import type { AppContext } from '../context.ts';
import type { ModuleManifest } from '../module.ts';
import type { SearchDocumentInput } from './engine.ts';
import { rebuildSearchIndex } from './search.ts';

/** Every module's public documents, one module after another. */
async function* allDocuments(modules: ModuleManifest[], ctx: AppContext): AsyncGenerator<SearchDocumentInput> {
  for (const m of modules) if (m.searchDocuments) yield* m.searchDocuments(ctx);
}

/** `gongkai reindex`: empties the search index and rebuilds it from the modules, in one transaction. */
export function reindexCommand(modules: ModuleManifest[]) {
  return {
    name: 'reindex',
    usage: 'reindex                 重建全文搜索索引（各模块已公开的文档）',
    async run(argv: string[], h: CliHelpers): Promise<number> {
      const { values } = h.parse(argv, { 'data-dir': { type: 'string' } });
      return h.withRuntime(values, async (rt) => {
        const n = await rebuildSearchIndex(rt.ctx, allDocuments(modules, rt.ctx));
        console.log(`搜索索引已重建：${n} 篇文档`);
        return 0;
      });
    },
  };
}
