import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';

// The sources' migrations/*.ts (this file is src/platform/db/migrator.ts), or, in the compiled
// server (dist/main.mjs, scripts/build-server.mjs), the compiled dist/migrations/*.mjs beside it.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const COMPILED = fs.existsSync(path.join(HERE, 'migrations')) && !HERE.endsWith(path.join('platform', 'db'));
const MIGRATIONS_DIR = COMPILED ? path.join(HERE, 'migrations') : path.resolve(HERE, '../../../migrations');
const MIGRATION_FILE = COMPILED ? /^\d{8}_\d{4}_[a-z0-9_]+\.mjs$/ : /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/;

/** Names of the migrations this code knows (ordered): a database at a level not in this list comes from a newer version. */
export function knownMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => f.replace(/\.(ts|mjs)$/, ''));
}

/** Loads every `migrations/*.ts` file, ordered by its timestamped name. Migrations are append-only. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => MIGRATION_FILE.test(f))
      .sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
      out[file.replace(/\.(ts|mjs)$/, '')] = mod;
    }
    return out;
  }
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Runs every migration the database has not run, in name order. A migration may sort before one the database already
 * ran — it was merged after a newer one had been deployed (engineers work on branches with their own prefixes) — and
 * it still runs (`allowUnorderedMigrations`); Kysely would otherwise refuse to start. Migrations are append-only and
 * each stands on its own (tables and indexes of its module), so the order among the not-yet-run ones is enough.
 * `provider` is for tests; the server reads `migrations/`.
 */
export async function migrateToLatest(db: Db, provider: MigrationProvider = new FolderMigrationProvider()): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
