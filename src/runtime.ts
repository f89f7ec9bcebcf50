import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './platform/config/config.ts';
import { openDatabase, optimizeStatistics } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { systemClock, type AppContext, type Clock, type Logger } from './platform/context.ts';
import type { DemoSeedOutput } from './platform/module.ts';
import type { Runtime } from './platform/cli.ts';
import { modules } from './modules/index.ts';
import { reindexIfRequired } from './platform/search/search.cli.ts';
import { readSetting, writeSetting } from './platform/db/settings.ts';
import { refreshPiiRules } from './modules/publishing/index.ts';

export const consoleLogger: Logger = {
  info: (o, m) => console.log(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  warn: (o, m) => console.warn(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  error: (o, m) => console.error(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
};

export type { Runtime };

/** Where the embedded SQLite database lives: `<data dir>/gongkai.sqlite`. */
export function sqliteFileOf(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'gongkai.sqlite');
}

/**
 * Opens the configured database, applies migrations and baseline reference data. With
 * `prepared: true` (the workers of `serve --workers N`, whose primary did all that once) it only
 * opens the database.
 */
export async function openRuntime(
  config: AppConfig,
  opts: { clock?: Clock; logger?: Logger; sqliteFile?: string; onQuery?: (sql: string, ms: number) => void; prepared?: boolean } = {},
): Promise<Runtime> {
  const sqliteFile = opts.sqliteFile ?? sqliteFileOf(config);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, sqliteFile, onQuery: opts.onQuery, poolSize: config.pgPoolSize });
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, config, clock: opts.clock ?? systemClock, logger: opts.logger ?? consoleLogger };
  if (handle.dialect === 'sqlite') ctx.sqliteFile = sqliteFile;
  if (!opts.prepared) {
    await migrateToLatest(handle.db);
    // Tables a migration just created or filled need statistics before the first query plans
    // (kept in the file: the workers of `serve --workers N` read the primary's).
    if (!config.databaseUrl && sqliteFile !== ':memory:') await optimizeStatistics(handle.db, handle.dialect);
    for (const m of modules) if (m.seedBaseline) await m.seedBaseline(ctx);
    // A migration that changed the search index's format asks for a rebuild: done before serving.
    await reindexIfRequired(ctx, modules);
  }
  // The personal-data rules in force are this database's: a process that opened another database before (tests
  // sharing a worker, a restore into a second data dir) must not scan with that one's rules.
  await refreshPiiRules(ctx.db);
  return { ctx, handle, close: () => handle.close() };
}

const DEMO_MARKER = 'demo.seeded_at';

export async function isDemoSeeded(ctx: AppContext): Promise<boolean> {
  return !!(await readSetting(ctx.db, DEMO_MARKER));
}

/** Seeds the Siyang demo (idempotent). New demo accounts get random passwords, returned once. */
export async function seedDemo(ctx: AppContext): Promise<DemoSeedOutput> {
  const out: DemoSeedOutput = { accounts: [], notes: [] };
  for (const m of modules) if (m.seedDemo) await m.seedDemo(ctx, out);
  const now = ctx.clock.now().toISOString();
  const exists = await isDemoSeeded(ctx);
  if (!exists) await writeSetting(ctx.db, DEMO_MARKER, JSON.stringify(now), now);
  return out;
}

/** Writes new demo credentials to data/demo-accounts.json, readable by the owner only (mode 0600). */
export function writeDemoAccounts(dataDir: string, accounts: DemoSeedOutput['accounts']): string {
  const file = path.join(dataDir, 'demo-accounts.json');
  fs.mkdirSync(dataDir, { recursive: true });
  let existing: DemoSeedOutput['accounts'] = [];
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoSeedOutput['accounts'];
    } catch {
      existing = [];
    }
  }
  const merged = [...existing.filter((e) => !accounts.some((a) => a.username === e.username)), ...accounts];
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
