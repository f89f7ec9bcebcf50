/** `gongkai compliance recompute` in process against a real SQLite data dir: counts printed, audited, bad input refused. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { runCli } from '../../main.ts';

describe('gongkai compliance recompute', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-compliance-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('recomputes the given years for every active unit and audits it; a bad year is a usage error', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await runCli(['unit', 'create', '--code', '321323', '--name', '泗阳县', '--kind', 'county', '--data-dir', dir])).toBe(0);
      expect(await runCli(['unit', 'create', '--code', 't1', '--name', '测试镇', '--kind', 'town', '--parent', '321323', '--data-dir', dir])).toBe(0);
      expect(await runCli(['unit', 'create', '--code', 'v1', '--name', '测试村', '--kind', 'village', '--parent', 't1', '--data-dir', dir])).toBe(0);
      log.mockClear();
      expect(await runCli(['compliance', 'recompute', '--year', '2025,2026', '--data-dir', dir])).toBe(0);
      const out = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(out).toMatch(/已重新计算 2025、2026 年：3 个单位，\d+ 项公开义务/);
      expect(await runCli(['compliance', 'recompute', '--year', '20x6', '--data-dir', dir])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toContain('--year 应为四位数年份');
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const db = new Database(path.join(dir, 'gongkai.sqlite'), { readonly: true });
    try {
      const audit = db.prepare("select after_json from audit_events where action = 'compliance.recompute'").all() as { after_json: string }[];
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].after_json)).toMatchObject({ years: [2025, 2026], units: 3 });
      const states = db.prepare('select count(*) as n from compliance_unit_years').get() as { n: number };
      expect(states.n).toBe(6);
      const rows = db.prepare("select count(*) as n from compliance_obligations where unit_code = 'v1' and year = 2026").get() as { n: number };
      expect(rows.n).toBeGreaterThan(20);
    } finally {
      db.close();
    }
  }, 120_000);
});
