import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/platform/config/config.ts';
import { openRuntime, seedDemo, type Runtime } from '../../src/runtime.ts';
import { buildApp } from '../../src/app.ts';
import type { Clock } from '../../src/platform/context.ts';
import { createUser } from '../../src/modules/org/commands/account-commands.ts';
import { unwrap } from '../../src/platform/result.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { cachedSchemaCompilers } from './schema-compilers.ts';
import { createTestDatabase } from './pg-database.ts';

/**
 * A fresh database per call: in-memory SQLite by default, or a new PostgreSQL database when the
 * suite runs with GONGKAI_TEST_PG_URL (set by scripts/test.mjs after it starts a throwaway server).
 * Background jobs are off (tests drive the webhook dispatcher with their own clock) and webhook
 * receivers on 127.0.0.1 are allowed (the tests run a real local receiver).
 */
export async function openTestRuntime(
  opts: {
    clock?: Clock;
    config?: Partial<AppConfig>;
    /** SQLite in a file in the data dir instead of in memory (backup tests). */ onDisk?: boolean;
    onQuery?: (sql: string) => void;
  } = {},
): Promise<Runtime> {
  const adminUrl = process.env.GONGKAI_TEST_PG_URL;
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  // Uploaded files are stored under dataDir: a fresh temporary directory per runtime, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-test-data-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) {
    const config = loadConfig({}, { databaseUrl: null, logLevel: 'silent', demo: false, dataDir, jobs: false, webhookAllowLoopback: true, ...opts.config });
    const rt = await openRuntime(config, {
      clock: opts.clock,
      logger: silent,
      sqliteFile: opts.onDisk ? path.join(dataDir, 'gongkai.sqlite') : ':memory:',
      onQuery: opts.onQuery,
    });
    return {
      ...rt,
      close: async () => {
        await rt.close();
        removeDataDir();
      },
    };
  }
  // A copy of the migrated template test/global-setup.ts made for this run (the migrations then find nothing
  // to do), or an empty database when there is none (a run without that setup).
  const db = await createTestDatabase(adminUrl, 'gk_test', process.env.VITEST ? (await import('vitest')).inject('pgTemplate') : undefined);
  const config = loadConfig({}, { databaseUrl: db.url, logLevel: 'silent', demo: false, dataDir, jobs: false, webhookAllowLoopback: true, ...opts.config });
  const rt = await openRuntime(config, { clock: opts.clock, logger: silent, onQuery: opts.onQuery });
  return {
    ...rt,
    close: async () => {
      await rt.close();
      await db.drop();
      removeDataDir();
    },
  };
}

export interface TestApp {
  rt: Runtime;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Runtime + HTTP app, with the Siyang org tree seeded (no demo accounts). */
export async function openTestApp(
  opts: { clock?: Clock; demo?: boolean; config?: Partial<AppConfig>; onDisk?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<TestApp> {
  const rt = await openTestRuntime(opts);
  if (opts.demo !== false) {
    const { seedSiyangOrg } = await import('../../src/modules/org/org.seed.ts');
    await seedSiyangOrg(rt.ctx.db, rt.ctx.clock.now());
  }
  // Compiled request/response schemas are shared by the apps of one test process (test/helpers/schema-compilers.ts).
  const app = await buildApp(rt.ctx, { logger: false, schemaCompilers: cachedSchemaCompilers });
  return {
    rt,
    app,
    close: async () => {
      await app.close();
      await rt.close();
    },
  };
}

export { seedDemo };

export const TEST_PASSWORD = 'Test-password-2026';

/** Creates a user with one role and returns its username. */
export async function makeUser(
  rt: Runtime,
  role: string,
  unitCode: string,
  username = `${role.replace(/_/g, '')}-${crypto.randomBytes(3).toString('hex')}`,
): Promise<string> {
  unwrap(await createUser(rt.ctx, { actor: null }, { username, displayName: username, password: TEST_PASSWORD, roles: [{ role, unitCode }] }));
  return username;
}

export interface Session {
  cookie: string;
  csrf: string;
  headers(extra?: Record<string, string>): Record<string, string>;
}

export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const header = `${SESSION_COOKIE}=${cookie.value}`;
  return { cookie: header, csrf, headers: (extra = {}) => ({ cookie: header, 'x-csrf-token': csrf, ...extra }) };
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string } {
  return (res.json() as { error: { code: string; message: string } }).error;
}
