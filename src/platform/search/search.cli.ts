import type { CliCommand } from '../cli.ts';
import type { AppContext } from '../context.ts';
import type { ModuleManifest } from '../module.ts';
import type { SearchDocumentInput } from './engine.ts';
import { rebuildSearchIndex } from './search.ts';
import { bumpPageCacheVersion, notePublicChange } from '../views/page-cache.ts';
import { REINDEX_REQUIRED_KEY } from './search.ts';
import { deleteSetting, readSetting } from '../db/settings.ts';

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
    await deleteSetting(trx, REINDEX_REQUIRED_KEY);
    await bumpPageCacheVersion(trx, ctx.clock.now());
    return count;
  });
  notePublicChange(ctx);
  return n;
}

/**
 * After a migration that changed the index format (it records REINDEX_REQUIRED_KEY), rebuilds the
 * index before anything is served. Several processes starting at once: the first to delete the
 * marker inside its rebuild transaction does the work (the others wait for its lock, then find
 * the marker gone).
 */
export async function reindexIfRequired(ctx: AppContext, modules: ModuleManifest[]): Promise<number | null> {
  const marker = await readSetting(ctx.db, REINDEX_REQUIRED_KEY);
  if (!marker) return null;
  ctx.logger.info('搜索索引格式已更新，正在根据已公开的信息重建索引（每 10 万条约需 1 分钟）…');
  const t0 = Date.now();
  const n = await ctx.db.transaction().execute(async (trx) => {
    if ((await deleteSetting(trx, REINDEX_REQUIRED_KEY)) === 0) return null;
    const inTrx: AppContext = { ...ctx, db: trx as unknown as AppContext['db'] };
    const count = await rebuildSearchIndex(inTrx, allDocuments(modules, inTrx));
    await bumpPageCacheVersion(trx, ctx.clock.now());
    return count;
  });
  if (n !== null) {
    notePublicChange(ctx);
    ctx.logger.info(`搜索索引已重建：${n} 篇文档，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
  }
  return n;
}

/** `gongkai reindex`: empties the search index and rebuilds it from the modules, in one transaction. */
export function reindexCommand(modules: ModuleManifest[]): CliCommand {
  return {
    name: 'reindex',
    usage: 'reindex                 重建全文搜索索引（各模块已公开的文档）',
    async run(argv, h): Promise<number> {
      const { values } = h.parse(argv, { 'data-dir': { type: 'string' } });
      return h.withRuntime(values, async (rt) => {
        const n = await reindexAll(rt.ctx, modules);
        console.log(`搜索索引已重建：${n} 篇文档`);
        return 0;
      });
    },
  };
}
