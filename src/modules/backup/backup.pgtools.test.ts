/** Finding pg_dump / pg_restore: on PATH or in Debian's versioned directories, at least as new as the server; a clear message otherwise. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgTools, libpqConnection, pgToolFor } from './backup.pgtools.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pgtools-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fake client program that reports a version, in `<root>/<major>/bin`. */
function fake(root: string, major: number): string {
  const bin = path.join(root, String(major), 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const file = path.join(bin, 'pg_dump');
  fs.writeFileSync(file, `#!/bin/sh\necho "pg_dump (PostgreSQL) ${major}.3"\n`, { mode: 0o755 });
  return file;
}

describe('PostgreSQL client programs', () => {
  it('says clearly when pg_dump is missing', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(await findPgTools('pg_dump', { PATH: empty }, path.join(dir, 'none'))).toEqual([]);
    await expect(pgToolFor('pg_dump', 15, { PATH: empty }, path.join(dir, 'none'))).rejects.toMatchObject({
      code: 'PG_TOOL_MISSING',
      message: expect.stringContaining('找不到 pg_dump'),
    });
  });

  it('picks the first copy at least as new as the server, from GONGKAI_PG_BIN, PATH or /usr/lib/postgresql/<major>/bin', async () => {
    const root = path.join(dir, 'lib');
    fake(root, 13);
    const v16 = fake(root, 16);
    const empty = path.join(dir, 'empty2');
    fs.mkdirSync(empty);
    expect((await pgToolFor('pg_dump', 15, { PATH: empty }, root)).path).toBe(v16);
    expect((await pgToolFor('pg_dump', 13, { PATH: path.join(root, '13', 'bin') }, root)).major).toBe(13);
    expect((await pgToolFor('pg_dump', 16, { PATH: empty, GONGKAI_PG_BIN: path.join(root, '16', 'bin') }, path.join(dir, 'none'))).version).toBe('16.3');
    await expect(pgToolFor('pg_dump', 17, { PATH: empty }, root)).rejects.toMatchObject({
      code: 'PG_TOOL_MISSING',
      message: expect.stringContaining('版本过旧'),
    });
  });

  it('keeps the password off the command line', () => {
    const c = libpqConnection('postgres://gongkai:s%40cret@db.example:5433/county?sslmode=require');
    expect(c.dbname).toBe('postgres://gongkai@db.example:5433/county?sslmode=require');
    expect(c.env.PGPASSWORD).toBe('s@cret');
  });
});
