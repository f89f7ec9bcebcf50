import type { CliHelpers } from '../../main.ts';
import type { AppContext } from '../context.ts';
import type { ModuleManifest } from '../module.ts';
import type { SearchDocumentInput } from './engine.ts';
import { rebuildSearchIndex } from './search.ts';
import { bumpPageCacheVersion, notePublicChange } from '../views/page-cache.ts';

/** Every module's public documents, one module after another. */
async function* allDocuments(modules: ModuleManifest[], ctx: AppContext): AsyncGenerator<SearchDocumentInput> {
  for (const m of modules) if (m.searchDocuments) yield* m.searchDocuments(ctx);
}

/**
 * Empties the index and rebuilds it from every module, in one transaction that both reads the
 * sources and rewrites the index (on SQLite, a read on the root handle while the rebuild holds the
 * only connection would wait forever). Bumps the public version stamp in that transaction, so
 * running servers drop their cached search results (within a second).
 */
export async function reindexAll(ctx: AppContext, modules: ModuleManifest[]): Promise<number> {
  const n = await ctx.db.transaction().execute(async (trx) => {
    const inTrx: AppContext = { ...ctx, db: trx as unknown as AppContext['db'] };
    const count = await rebuildSearchIndex(inTrx, allDocuments(modules, inTrx));
    await bumpPageCacheVersion(trx, ctx.clock.now());
    return count;
  });
  notePublicChange(ctx);
  return n;
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
