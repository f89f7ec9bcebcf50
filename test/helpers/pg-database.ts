/**
 * Throwaway PostgreSQL databases for tests: the one way the unit tests, the browser tests and their global
 * setups create a database (empty from template0, or a copy of a migrated/seeded template) and drop it.
 */
import crypto from 'node:crypto';

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  name: string;
  /** `adminUrl` pointing at the new database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<random>` from `template` (template0 when empty). Copies of one template can collide
 * ("source database … is being accessed by other users" while another copy starts): retried.
 */
export async function createTestDatabase(adminUrl: string, prefix: string, template?: string): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `create database ${name} template ${template || 'template0'} encoding 'UTF8'`);
      break;
    } catch (e) {
      if (!template || attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50 + 50 * attempt));
    }
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}
