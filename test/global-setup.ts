/**
 * Runs once per `vitest run`, before any test file (vitest.config.ts `globalSetup`):
 *
 * - Builds the compiled server when it is stale (`scripts/build-server.mjs --if-stale`, ≈4 s; a no-op
 *   when dist/ matches the sources). Tests that start the real CLI (`bin/gongkai.mjs`: test/cli.test.ts)
 *   then run the bundle instead of loading ≈250 TypeScript files through tsx in every process
 *   (≈0.3 s instead of ≈6 s of CPU per start). The bundle is built from exactly the sources on disk
 *   (content fingerprint, bin/bundle.mjs); the tsx path is covered by test/compiled-server.test.ts and
 *   one command in test/cli.test.ts.
 * - On PostgreSQL (GONGKAI_TEST_PG_URL): migrates one template database. Each test's fresh database is
 *   then `CREATE DATABASE … TEMPLATE` of it (a file copy) instead of an empty one that runs every
 *   migration again. Only the migrations are in it: the baseline seeds (calendar, catalog) still run
 *   in each test's database with that test's clock, as they did.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './helpers/pg-database.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated PostgreSQL template database ('' on SQLite). */
    pgTemplate: string;
  }
}

export function buildServerIfStale(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-server.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/build-server.mjs failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Creates a database from template0 and applies every migration; returns its name and a function that drops it. */
export async function createMigratedTemplate(adminUrl: string, prefix: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const { openDatabase } = await import('../src/platform/db/database.ts');
  const { migrateToLatest } = await import('../src/platform/db/migrator.ts');
  const template = await createTestDatabase(adminUrl, prefix);
  const handle = await openDatabase({ databaseUrl: template.url, poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return { name: template.name, drop: template.drop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildServerIfStale();
  const adminUrl = process.env.GONGKAI_TEST_PG_URL;
  if (!adminUrl) {
    project.provide('pgTemplate', '');
    return async () => {};
  }
  const template = await createMigratedTemplate(adminUrl, 'gk_test_tpl');
  project.provide('pgTemplate', template.name);
  return template.drop;
}
