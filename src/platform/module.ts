import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import type { SearchDocumentInput } from './search/engine.ts';

/**
 * A feature module's only public face (its `index.ts` exports `manifest`). `register` adds the
 * module's API routes and public pages; it must not do I/O at start-up beyond registration.
 */
export interface ModuleManifest {
  name: string;
  register(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** Reference data every installation needs (idempotent; runs after migrations on every start). */
  seedBaseline?(ctx: AppContext): Promise<void>;
  /** Demo data for the Siyang demo (idempotent; runs once, on first start or `seed --demo`). */
  seedDemo?(ctx: AppContext, out: DemoSeedOutput): Promise<void>;
  /**
   * Every public, masked document the module currently publishes, for `gongkai reindex`
   * (platform/search). Between reindexes the module keeps the index current itself.
   */
  searchDocuments?(ctx: AppContext): AsyncIterable<SearchDocumentInput>;
}

/** What demo seeding reports back to the CLI (printed once, written to data/demo-accounts.json). */
export interface DemoSeedOutput {
  accounts: { username: string; password: string; role: string; unit: string; displayName: string }[];
  notes: string[];
}
