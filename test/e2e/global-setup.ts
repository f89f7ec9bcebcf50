/**
 * Runs once per browser-test run (vitest.e2e.config.ts `globalSetup`), before any file:
 *
 * - Builds the compiled server when it is stale (as test/global-setup.ts): every `gongkai serve` the
 *   harness starts, and the CLI commands the tests run, use the bundle instead of tsx.
 * - Seeds the Siyang demo once, with the real CLI (`gongkai seed --demo`), into a template data dir and,
 *   on PostgreSQL, a template database. `startServer()` copies the data dir (SQLite file, demo
 *   credentials, stored files) and clones the database (`CREATE DATABASE … TEMPLATE`), so each file's
 *   server starts on its own copy of a freshly seeded county without migrating and seeding again.
 *   `startServer({ fresh: true })` still starts from an empty data dir (foundation.e2e.test.ts: the
 *   first start migrates and seeds, as `npm start` does).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServerIfStale } from '../global-setup.ts';
import { createTestDatabase } from '../helpers/pg-database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Data dir holding the seeded demo (SQLite file or, on PostgreSQL, the stored files and credentials). */
    e2eTemplateDir: string;
    /** The seeded PostgreSQL template database ('' on SQLite). */
    e2eTemplateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildServerIfStale();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-template-'));
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', GONGKAI_JOBS: '0' };
  delete env.DATABASE_URL;
  const adminUrl = process.env.GONGKAI_TEST_PG_URL;
  const db = adminUrl ? await createTestDatabase(adminUrl, 'gk_e2e_tpl') : null;
  if (db) env.DATABASE_URL = db.url;
  const seeded = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'seed', '--demo'], { cwd: ROOT, env, encoding: 'utf8', timeout: 300_000 });
  if (seeded.status !== 0 || !fs.existsSync(path.join(dataDir, 'demo-accounts.json'))) {
    throw new Error(`seeding the demo template failed (${seeded.status}):\n${seeded.stdout}\n${seeded.stderr}`);
  }
  project.provide('e2eTemplateDir', dataDir);
  project.provide('e2eTemplateDb', db?.name ?? '');
  return async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  };
}
