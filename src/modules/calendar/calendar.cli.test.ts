import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { openRuntime } from '../../runtime.ts';

// The CLI opens the configured database; this suite uses a throwaway SQLite data dir, so it is
// skipped when the run targets PostgreSQL.
const onPg = !!(process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL);

describe.skipIf(onPg)('gongkai calendar import FILE', () => {
  let dir: string;
  let out: string[];
  let err: string[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cal-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  function capture() {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  }
  function write(name: string, content: string): string {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  }
  const dataDir = () => path.join(dir, 'data');

  async function yearRow(year: number) {
    const rt = await openRuntime(loadConfig({}, { dataDir: dataDir(), databaseUrl: null, demo: false, logLevel: 'silent' }), {
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    try {
      const header = await rt.ctx.db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
      const days = await rt.ctx.db.selectFrom('calendar_days').selectAll().where('year', '=', year).execute();
      return { header, days };
    } finally {
      await rt.close();
    }
  }

  it('missing file → 1 with a clear message', async () => {
    capture();
    expect(await runCli(['calendar', 'import', path.join(dir, 'nope.json'), '--data-dir', dataDir()])).toBe(1);
    expect(err.join('\n')).toContain('无法读取文件');
  });

  it('bad JSON → 1', async () => {
    capture();
    expect(await runCli(['calendar', 'import', write('bad.json', '{"years": ['), '--data-dir', dataDir()])).toBe(1);
    expect(err.join('\n')).toContain('不是有效的 JSON');
  });

  it('wrong structure → 1', async () => {
    capture();
    expect(await runCli(['calendar', 'import', write('shape.json', '[1,2]'), '--data-dir', dataDir()])).toBe(1);
    expect(err.join('\n')).toContain('"years"');
  });

  it('validation errors → 1, every problem printed, nothing written', async () => {
    capture();
    const doc = {
      years: [
        {
          year: 2027,
          sourceNotice: '测试',
          days: [
            { date: '2027-02-30', kind: 'holiday', name: '春节' },
            { date: '2027-01-06', kind: 'adjusted_workday', name: '元旦' },
          ],
        },
      ],
    };
    expect(await runCli(['calendar', 'import', write('invalid.json', JSON.stringify(doc)), '--data-dir', dataDir()])).toBe(1);
    const text = err.join('\n');
    expect(text).toContain('共2处');
    expect(text).toContain('2027-02-30');
    expect(text).toContain('调休上班日应为周六或周日，2027-01-06 是星期三');
    expect((await yearRow(2027)).header).toBeUndefined();
  });

  it('no FILE → usage error 2', async () => {
    capture();
    expect(await runCli(['calendar', 'import', '--data-dir', dataDir()])).toBe(2);
  });

  it('a good file → 0 and the year is stored', async () => {
    capture();
    const doc = {
      years: [
        {
          year: 2027,
          sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
          days: [
            { date: '2027-01-01', kind: 'holiday', name: '元旦' },
            { date: '2027-02-14', kind: 'adjusted_workday', name: '春节' },
          ],
        },
      ],
    };
    expect(await runCli(['calendar', 'import', write('good.json', JSON.stringify(doc)), '--data-dir', dataDir()])).toBe(0);
    expect(out.join('\n')).toContain('已导入 2027年：放假 1 天，调休上班 1 天');
    const { header, days } = await yearRow(2027);
    expect(header?.source_notice).toBe(doc.years[0].sourceNotice);
    expect(days).toHaveLength(2);
    // The baseline was seeded on the way (first start of this data dir).
    expect((await yearRow(2026)).days.length).toBeGreaterThan(30);
  });
});
