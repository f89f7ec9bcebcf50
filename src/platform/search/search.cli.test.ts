import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { runCli } from '../../main.ts';

// Opens a throwaway SQLite data dir, so skipped when the run targets PostgreSQL (like the calendar CLI test).
const onPg = !!(process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-reindex-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it.skipIf(onPg)('gongkai reindex rebuilds the index from the modules', async () => {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  expect(await runCli(['reindex', '--data-dir', dir])).toBe(0);
  vi.restoreAllMocks();
  // A fresh data dir has nothing published yet.
  expect(out).toContain('搜索索引已重建：0 篇文档');
});
