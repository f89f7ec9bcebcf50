/**
 * The whole publishing path of a 2,000-line 村级财务收支明细 through the HTTP API (app.inject, in-memory SQLite):
 * create draft → upload statement → PII scan (and mask the hits) → submit → approve → publish → notice.pdf.
 * 5 runs; writes bench/results/publish-statement.json. Target: under 2 s per run.
 * Run: npm run bench:publish
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { api, openFixture, VILLAGE } from '../src/modules/publishing/disclosure.fixture.ts';
import { multipart, statementXlsx, type StatementLine } from '../src/modules/publishing/data/test-files.ts';

const LINES = 2000;
const RUNS = 5;

const subjects = ['经营收入', '补助收入', '管理费用', '公益支出', '其他支出'];
const lines: StatementLine[] = [];
let income = 0;
let expense = 0;
for (let i = 0; i < LINES; i++) {
  const month = 7 + (i % 3);
  const day = 1 + (i % 28);
  const fen = 1000 + ((i * 7919) % 500_000);
  const isIncome = i % 4 === 0;
  if (isIncome) income += fen;
  else expense += fen;
  // Every 100th line names a phone number (a real-world slip the scanner must catch).
  const summary = i % 100 === 0 ? `退还押金 联系电话1381234${String(1000 + (i % 9000)).padStart(4, '0')}` : `第${i + 1}笔 ${isIncome ? '收入' : '支出'}事项`;
  lines.push([
    `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    `记-${i + 1}`,
    summary,
    subjects[i % subjects.length],
    isIncome ? fen / 100 : null,
    isIncome ? null : fen / 100,
  ]);
}
const opening = 10_000_000; // fen
const closing = opening + income - expense;
const file = await statementXlsx(lines, opening / 100, closing / 100);

const f = await openFixture();
const call = api(f);
const times: number[] = [];
let pdfBytes = 0;
let pdf: Buffer = Buffer.alloc(0);
const must = (step: string, res: { statusCode: number; body: string }, code = 200) => {
  if (res.statusCode !== code) throw new Error(`${step}: ${res.statusCode} ${res.body.slice(0, 300)}`);
};
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: 'vil:szxq',
    period: '2026-Q3',
    title: `2026年第三季度财务收支公开（${run + 1}）`,
    formedOn: '2026-11-20',
    body: '<p>现将本社区2026年第三季度财务收支情况公开如下。</p>',
  });
  must('create', d, 201);
  const id = d.json().id as string;
  const m = multipart({}, { name: '收支明细.xlsx', content: file });
  must(
    'statement',
    await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/disclosures/${id}/finance-statement`,
      payload: m.payload,
      headers: { ...f.s.clerk.headers(), ...m.headers },
    }),
  );
  const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
  must('scan', scan);
  const fps = [...new Set((scan.json().hits as { fingerprint: string }[]).map((h) => h.fingerprint))];
  for (const fp of fps) must('decide', await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: fp, action: 'mask' }));
  must('submit', await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {}));
  must('approve', await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意' }));
  must('publish', await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {}));
  const p = await call(null, 'GET', `/api/v1/disclosures/${id}/notice.pdf`);
  must('notice', p);
  times.push(performance.now() - t0);
  pdf = p.rawPayload;
  pdfBytes = pdf.length;
  console.log(`run ${run + 1}: ${times.at(-1)!.toFixed(0)} ms (${fps.length} hits masked)`);
}
await f.t.close();

function pageCount(buf: Buffer): number {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-')), 'n.pdf');
  fs.writeFileSync(tmp, buf);
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [tmp], { encoding: 'utf8' }))?.[1] ?? 0);
  } catch {
    return (buf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  }
}

const sorted = [...times].sort((a, b) => a - b);
const round = (n: number) => Math.round(n);
const result = {
  lines: LINES,
  runs: RUNS,
  msPerRun: { min: round(sorted[0]), median: round(sorted[Math.floor(RUNS / 2)]), max: round(sorted[RUNS - 1]) },
  pdfBytes,
  pdfPages: pageCount(pdf),
  targetMs: 2000,
  node: process.version,
  cpus: os.cpus().length,
  database: 'SQLite (in-memory)',
};
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'publish-statement.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
