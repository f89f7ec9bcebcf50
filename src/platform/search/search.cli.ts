import type { CliHelpers } from '../../main.ts';
import type { AppContext } from '../context.ts';
import type { ModuleManifest } from '../module.ts';
import type { SearchDocumentInput } from './engine.ts';
import { rebuildSearchIndex } from './search.ts';

/** Every module's public documents, one module after another. */
async function* allDocuments(modules: ModuleManifest[], ctx: AppContext): AsyncGenerator<SearchDocumentInput> {
  for (const m of modules) if (m.searchDocuments) yield* m.searchDocuments(ctx);
}

/**
 * Empties the index and rebuilds it from every module, in one transaction that both reads the
 * sources and rewrites the index (on SQLite, a read on the root handle while the rebuild holds the
 * only connection would wait forever).
 */
export async function reindexAll(ctx: AppContext, modules: ModuleManifest[]): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const inTrx: AppContext = { ...ctx, db: trx as unknown as AppContext['db'] };
    return rebuildSearchIndex(inTrx, allDocuments(modules, inTrx));
  });
}

/** `gongkai reindex`: empties the search index and rebuilds it from the modules, in one transaction. */
export function reindexCommand(modules: ModuleManifest[]) {
  return {
    name: 'reindex',
    usage: 'reindex                 重建全文搜索索引（各模块已公开的文档）',
    async run(argv: string[], h: CliHelpers): Promise<number> {
      const { values } = h.parse(argv, { 'data-dir': { type: 'string' } });
      return h.withRuntime(values, async (rt) => {
        const n = await reindexAll(rt.ctx, modules);
        console.log(`搜索索引已重建：${n} 篇文档`);
        return 0;
      });
    },
  };
}
