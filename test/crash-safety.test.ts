/**
 * Crash safety (issue 13 §5): the server process is killed with SIGKILL at random points while it
 * (a) imports a catalog .xlsx, (b) takes a 2,000-line finance statement through upload → submit → approve →
 * publish, (c) runs the daily reminders — 20 kill points each. After every kill: no partial rows (crash-ops.ts
 * `check`: e.g. a draft with only some items, a version without its statement, a publication without its search
 * entry or audit event, reminders half written), SQLite's integrity check and `audit verify` pass, and the
 * operation can simply be retried and then succeeds.
 *
 * Speed: starting a process that loads the server takes seconds, so each child process runs 10 operations at
 * once — on 10 copies of the database, each started after its own seeded random delay, like a server with several
 * requests in flight — and is killed at a seeded random moment within the measured span of the work: one kill,
 * 10 operations interrupted at 10 different points. Two children per operation give the 20 kill points; every
 * kill point (when the operation started, which step it had reached) is printed.
 *
 * SQLite only: the property under test is where our transactions begin and end (the same commands and the same
 * runCommand on both databases). On PostgreSQL, a client that dies mid-transaction is rolled back by the server
 * when its connection drops; copying a database per kill point (CREATE DATABASE … TEMPLATE) and a child process
 * per copy would add minutes to the suite for no finding the SQLite run cannot make.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { buildApp } from '../src/app.ts';
import { createUnit, createUser } from '../src/modules/org/index.ts';
import { createDisclosure } from '../src/modules/publishing/disclosure.commands.ts';
import { statementXlsx, type StatementLine } from '../src/modules/publishing/data/test-files.ts';
import { unwrap } from '../src/platform/result.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';
import { verifyAuditChain } from '../src/platform/audit/audit-log.ts';
import { loginAs, TEST_PASSWORD } from './helpers/test-app.ts';
import {
  CLOCK,
  FIXTURE_FILE,
  OPS,
  RETRY_CLOCK,
  STATEMENT_FILE,
  STATEMENT_LINES,
  WORKBOOK_FILE,
  actorOf,
  openCtx,
  readFixture,
  type CrashFixture,
  type OpName,
} from './crash/crash-ops.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const onPg = !!process.env.GONGKAI_TEST_PG_URL;
const CHILDREN = 2;
const PER_CHILD = 10;
const SEED = 20261207;
/** Kill points fall uniformly within this many warm runs' time after each operation's start. */
const SPAN = 3;

describe.skipIf(onPg)('crash safety: SIGKILL at random points, then check and retry', () => {
  let work: string;
  let base: string;
  let child: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-crash-'));
    base = path.join(work, 'base');
    // The child is bundled once (esbuild; packages stay external, resolved from the repository's node_modules).
    child = path.join(ROOT, '.tmp', `crash-child-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(ROOT, 'test/crash/crash-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: child,
      logLevel: 'warning',
    });
    await prepareBase(base);
  }, 180_000);
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(child, { force: true });
  });

  for (const op of ['catalog-import', 'finance-publish', 'reminder-run'] as const) {
    it(`${op}: 20 kill points leave no partial rows, a valid audit chain, and a retry that succeeds`, async () => {
      const started = performance.now();
      // The operation once, uninterrupted: its duration sets the span of the kill points.
      const ref = copy(base, `${op}-ref`);
      const t0 = performance.now();
      let refStatements = 0;
      await withCtx(
        ref,
        CLOCK,
        async (ctx) => OPS[op].run(ctx, readFixture(ref), ref, () => {}),
        () => (refStatements += 1),
      );
      const refMs = performance.now() - t0;
      if (op === 'reminder-run') {
        // The complete run's counts are what every check compares against.
        const fx = readFixture(base);
        await withCtx(ref, CLOCK, async (ctx) => {
          const n = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
          fx.reminders = {
            notifications: await n(
              ctx.db
                .selectFrom('notifications')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow(),
            ),
            escalations: await n(
              ctx.db
                .selectFrom('reminder_escalations')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow(),
            ),
            escalationEvents: await n(
              ctx.db
                .selectFrom('audit_events')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('action', '=', 'reminder.escalate')
                .executeTakeFirstOrThrow(),
            ),
          };
          expect(fx.reminders.notifications).toBeGreaterThan(0);
          expect(fx.reminders.escalations).toBeGreaterThan(0);
        });
        fs.writeFileSync(path.join(base, FIXTURE_FILE), JSON.stringify(fx));
        fs.writeFileSync(path.join(ref, FIXTURE_FILE), JSON.stringify(fx));
      }
      await withCtx(ref, CLOCK, async (ctx) => expect(await OPS[op].check(ctx, readFixture(ref))).toBe(true));

      const rnd = seededRandom(SEED + op.length);
      const lines: string[] = [];
      let interrupted = 0;
      const phases = { before: 0, during: 0, after: 0 };
      for (let c = 0; c < CHILDREN; c++) {
        // The child times a warm run itself; each operation is then killed a seeded random time into it, uniform
        // over SPAN warm runs' time (ten at once run slower than one, so the later points still fall inside):
        // it starts at killAt − offset.
        const fractions = Array.from({ length: PER_CHILD }, () => rnd());
        const dirs = Array.from({ length: PER_CHILD }, (_, j) => copy(base, `${op}-${c}-${j}`));
        const calibration = path.join(work, `${op}-${c}-calibration`);
        for (const suffix of ['a', 'b']) copy(base, `${op}-${c}-calibration-${suffix}`);
        // The first child is killed at a moment uniform in time; the second once its operations together have completed
        // a seeded random number of SQL statements (uniform in statements: kill points inside the transactions too,
        // where time-uniform points mostly hit the parsing before them).
        const byStatements = c % 2 === 1 ? 1 + Math.floor(rnd() * PER_CHILD * refStatements * 0.9) : undefined;
        const { log, killAt, delays, warmMs } = await runAndKill(child, op, calibration, dirs, (ms) => {
          const offsets = fractions.map((x) => Math.round(SPAN * ms * x));
          const k = Math.max(...offsets) + 1;
          return { killAt: byStatements ? 120_000 : k, delays: offsets.map((o) => k - o), killAfterStatements: byStatements };
        });
        const runs = dirs.map((dir, j) => ({ dir, delay: delays[j] }));
        lines.push(
          `  child ${c + 1}: a warm run takes ${warmMs} ms; killed ${killAt} ms after GO${byStatements ? `, once its operations had completed ${byStatements} SQL statements` : ''}`,
        );
        for (const [j, r] of runs.entries()) {
          const mine = log.filter((l) => l.split(' ')[1] === String(j));
          const err = mine.find((l) => l.startsWith('E '));
          expect(err, `operation failed in the child: ${err}`).toBeUndefined();
          const steps = mine.filter((l) => l.startsWith('P ')).map((l) => l.split(' ').slice(2).join(' '));
          const done = Number(
            mine
              .filter((l) => l.startsWith('Q '))
              .at(-1)
              ?.split(' ')[2] ?? 0,
          );
          const phase = mine.some((l) => l.startsWith('D ')) ? 'after' : mine.some((l) => l.startsWith('S ')) ? 'during' : 'before';
          const point =
            phase === 'after'
              ? 'after it finished'
              : phase === 'during'
                ? `during “${steps.at(-1)}” (step ${steps.length}), after ${done} of about ${refStatements} SQL statements`
                : 'before it started';
          phases[phase] += 1;
          // After the kill: a consistent state (check throws on a partial one), a sound file and audit chain.
          const complete = await withCtx(r.dir, CLOCK, async (ctx) => {
            const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(ctx.db)).rows;
            expect(integrity, r.dir).toEqual([{ integrity_check: 'ok' }]);
            expect((await verifyAuditChain(ctx.db)).ok, `${op} #${c * PER_CHILD + j} audit chain`).toBe(true);
            return OPS[op].check(ctx, readFixture(r.dir));
          });
          if (!complete) interrupted += 1;
          // Retry, as the user (or the next job run) would: it succeeds and leaves the complete state.
          await withCtx(r.dir, RETRY_CLOCK, async (ctx) => {
            await OPS[op].run(ctx, readFixture(r.dir), r.dir, () => {});
            expect(await OPS[op].check(ctx, readFixture(r.dir)), `${op} #${c * PER_CHILD + j} after retry`).toBe(true);
            expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
          });
          lines.push(
            `  #${String(c * PER_CHILD + j + 1).padStart(2)} started ${String(r.delay).padStart(5)} ms, killed ${String(killAt - r.delay).padStart(5)} ms into it — ${point}; ${complete ? 'was complete' : 'was not done'}; retried ✓`,
          );
        }
      }
      console.log(
        `crash safety ${op} (seed ${SEED + op.length}; one uninterrupted run ${Math.round(refMs)} ms, ${refStatements} SQL statements; ${Math.round(performance.now() - started)} ms in all): ${phases.during} kill points during the operation, ${phases.after} after it, ${phases.before} before it\n${lines.join('\n')}`,
      );
      // The kill points must actually have interrupted work, or the test shows nothing.
      expect(interrupted, `${op}: no kill point interrupted the operation`).toBeGreaterThan(0);
    }, 300_000);
  }

  function copy(from: string, name: string): string {
    const to = path.join(work, name);
    fs.cpSync(from, to, { recursive: true });
    return to;
  }
});

async function withCtx<T>(dir: string, iso: string, fn: (ctx: Awaited<ReturnType<typeof openCtx>>['ctx']) => Promise<T>, onStatement?: () => void): Promise<T> {
  const { ctx, close } = await openCtx(dir, iso, { onStatement });
  try {
    return await fn(ctx);
  } finally {
    await close();
  }
}

/**
 * Starts the child on the given copies; once it reports its warm run's time, `plan` turns that into the kill moment
 * and the start delays; GO; SIGKILL at the kill moment. Returns the child's progress lines and the plan.
 */
function runAndKill(
  childFile: string,
  op: OpName,
  calibration: string,
  dirs: string[],
  plan: (warmMs: number) => { killAt: number; delays: number[]; killAfterStatements?: number },
): Promise<{ log: string[]; killAt: number; delays: number[]; warmMs: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [childFile, op, calibration, ...dirs], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let planned: { killAt: number; delays: number[]; warmMs: number; killAfterStatements?: number } | undefined;
    let goAt = 0;
    let statements = 0;
    const kill = () => {
      if (planned && p.exitCode === null && p.signalCode === null) {
        planned.killAt = Math.round(performance.now() - goAt);
        p.kill('SIGKILL');
      }
    };
    const ready = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`child not ready after 180 s: ${err}`));
    }, 180_000);
    p.stdout.on('data', (d: Buffer) => {
      out += String(d);
      const m = /^READY (\d+)$/m.exec(out);
      if (!timer && m) {
        clearTimeout(ready);
        const warmMs = Number(m[1]);
        planned = { ...plan(warmMs), warmMs };
        p.stdin.write(`GO ${planned.delays.join(' ')}\n`);
        goAt = performance.now();
        timer = setTimeout(kill, planned.killAt);
      }
      if (planned?.killAfterStatements) {
        statements = (out.match(/^Q /gm) ?? []).length;
        if (statements >= planned.killAfterStatements) kill();
      }
    });
    p.stderr.on('data', (d: Buffer) => (err += String(d)));
    p.on('exit', (code, signal) => {
      clearTimeout(ready);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' || !planned) return reject(new Error(`child ended by itself (${signal ?? code}): ${err}`));
      resolve({ log: out.split('\n').filter((l) => /^[SPQDE] /.test(l)), ...planned });
    });
  });
}

/** The server's data dir before the operations: org tree, accounts, catalogs, a finance draft, the files they read. */
async function prepareBase(dir: string): Promise<void> {
  const config = loadConfig({}, { databaseUrl: null, dataDir: dir, logLevel: 'silent', demo: false, jobs: false });
  const rt = await openRuntime(config, { clock: { now: () => new Date(CLOCK) }, logger: { info: () => {}, warn: () => {}, error: () => {} } });
  const ctx = rt.ctx;
  try {
    for (const u of [
      { code: '321323', name: '泗阳县', kind: 'county', parentCode: null },
      { code: '321323002', name: '众兴街道', kind: 'street', parentCode: '321323' },
      { code: '321323002-c1', name: '甲村', kind: 'village', parentCode: '321323002' },
      { code: '321323002-c2', name: '乙村', kind: 'village', parentCode: '321323002' },
      { code: 'dept-mzj', name: '民政局', kind: 'department', parentCode: '321323' },
    ])
      unwrap(await createUnit(ctx, { actor: null }, u));
    for (const [username, role, unitCode] of [
      ['county.admin', 'county_admin', '321323'],
      ['c1.clerk', 'village_clerk', '321323002-c1'],
      ['c1.supervisor', 'village_supervisor', '321323002-c1'],
      ['c2.clerk', 'village_clerk', '321323002-c2'],
      ['town.officer', 'unit_officer', '321323002'],
      ['mzj.officer', 'unit_officer', 'dept-mzj'],
    ])
      unwrap(
        await createUser(
          ctx,
          { actor: null },
          { username, displayName: username, password: TEST_PASSWORD, email: `${username}@example.gov.cn`, roles: [{ role, unitCode }] },
        ),
      );
    const actors = { admin: await actorOf(ctx, 'county.admin'), clerk: await actorOf(ctx, 'c1.clerk'), supervisor: await actorOf(ctx, 'c1.supervisor') };
    // The catalog workbook as the county exports it (the import re-reads every item into a draft).
    const app = await buildApp(ctx, { logger: false });
    const admin = await loginAs(app, 'county.admin');
    const xlsx = await app.inject({ url: '/api/v1/catalog/export.xlsx?catalog=government', headers: admin.headers() });
    expect(xlsx.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, WORKBOOK_FILE), xlsx.rawPayload);
    const catalogItems = (await app.inject({ url: '/api/v1/catalog/items?catalog=government' })).json().items.length as number;
    await app.close();
    // A 2,000-line statement for 2026 Q3 and the draft it goes into.
    const lines: StatementLine[] = [];
    let balance = 10_000_000;
    for (let i = 0; i < STATEMENT_LINES; i++) {
      const fen = 1000 + ((i * 7919) % 50_000);
      const income = i % 4 === 0;
      balance += income ? fen : -fen;
      lines.push([
        `2026-0${7 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        `记-${i + 1}`,
        `第${i + 1}笔${income ? '收入' : '支出'}`,
        ['经营收入', '管理费用', '公益支出'][i % 3],
        income ? fen / 100 : null,
        income ? null : fen / 100,
      ]);
    }
    fs.writeFileSync(path.join(dir, STATEMENT_FILE), await statementXlsx(lines, 100_000, balance / 100));
    const d = unwrap(
      await createDisclosure(
        ctx,
        { actor: actors.clerk },
        {
          unitCode: '321323002-c1',
          itemKey: 'vil:szxq',
          period: '2026-Q3',
          title: '2026年第三季度财务收支公开',
          formedOn: '2026-11-20',
          body: '<p>现将本村2026年第三季度财务收支情况公开如下。</p>',
        },
      ),
    );
    const fx: CrashFixture = { actors, disclosureId: d.id, catalogItems };
    fs.writeFileSync(path.join(dir, FIXTURE_FILE), JSON.stringify(fx));
  } finally {
    await rt.close();
  }
}
