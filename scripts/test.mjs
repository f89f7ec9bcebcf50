#!/usr/bin/env node
// The whole test suite behind `npm test`: lint, type check, unit + integration tests on SQLite,
// the same integration suite on a throwaway PostgreSQL, and browser tests in Debian's Chromium.
// Parts whose system packages are missing are skipped with the reason, unless
// GONGKAI_TEST_REQUIRE_ALL=1, where a missing part is a failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.tmp');
fs.mkdirSync(TMP, { recursive: true });
/** Browser tests save a failed page here; emptied when a run starts, so the summary shows this run's only. */
const E2E_FAILURES = path.join(TMP, 'e2e-failures');
const requireAll = process.env.GONGKAI_TEST_REQUIRE_ALL === '1';
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : null;
})();
export const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';

const totals = { passed: 0, failed: 0, skipped: 0 };
const parts = [];
/** Every failed test by part, file and name with the first lines of its message, repeated in the summary. */
const failures = [];
let failedParts = 0;

function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs a command with its output kept, and prints the output under a heading when the command ends. */
function runCaptured(title, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      console.log(`\n--- ${title}: ${status === 0 ? 'ok' : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(0)} s ---`);
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      resolve(status);
    });
  });
}

function record(name, ok, note = '') {
  parts.push({ name, status: ok ? 'ok' : 'FAILED', note });
  if (!ok) failedParts += 1;
}

function skip(name, why) {
  if (requireAll) {
    parts.push({ name, status: 'FAILED', note: `required but unavailable: ${why}` });
    failedParts += 1;
    console.error(`\n✗ ${name}: required (GONGKAI_TEST_REQUIRE_ALL=1) but unavailable: ${why}`);
  } else {
    parts.push({ name, status: 'SKIPPED', note: why });
    console.warn(`\n⚠ SKIPPED ${name}: ${why}`);
  }
}

async function vitestPart(name, args, env = {}) {
  const out = path.join(TMP, `vitest-${name.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...args], env);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
    // A test file that fails to load counts as a failure even when it reports no test.
    const brokenSuites = (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0);
    counts.failed += brokenSuites.length;
    for (const file of r.testResults ?? []) {
      const where = path.relative(ROOT, file.name ?? '');
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0)
        failures.push({ part: name, where, test: '(the file did not load)', message: file.message ?? '' });
      for (const t of file.assertionResults ?? [])
        if (t.status === 'failed') failures.push({ part: name, where, test: t.fullName ?? t.title, message: (t.failureMessages ?? []).join('\n') });
    }
  } else if (code !== 0) {
    counts.failed += 1;
  }
  if (code !== 0 && counts.failed === 0) {
    console.error(
      `\n✗ ${name}: vitest exited with code ${code} although no test failed (an unhandled error or a file that did not load; see the output above)`,
    );
    counts.failed = 1;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  record(name, code === 0 && counts.failed === 0, `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${seconds} s`);
}

/** The first non-empty lines of a failure message, without terminal colours. */
function firstLines(message, n) {
  return stripVTControlCharacters(String(message))
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim())
    .slice(0, n);
}

function findPgBin() {
  const candidates = [
    process.env.GONGKAI_PG_BIN,
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ].filter(Boolean);
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts a throwaway PostgreSQL cluster (as the postgres user when we are root: PostgreSQL refuses root). */
async function startPostgres(pgBin) {
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const asPg = (cmd, args) =>
    isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (isRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('running as root but there is no "postgres" user to run PostgreSQL (install the Debian package postgresql)');
    spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  }
  const init = asPg(path.join(pgBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--locale=C.UTF-8', '--encoding=UTF8']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = asPg(path.join(pgBin, 'pg_ctl'), ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr || start.stdout}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      asPg(path.join(pgBin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const want = (p) => !only || only === p;
  const started = Date.now();

  if (want('lint')) {
    // The three static checks are independent and each uses one core: the type check runs beside
    // eslint and then prettier. Their output is printed whole, one check after another, when each ends.
    console.log('\n=== lint (eslint), formatting (prettier --check), type check (tsc) ===');
    const lintAndFormat = (async () => [
      await runCaptured('lint (eslint)', bin('eslint'), ['--max-warnings=0', '.']),
      await runCaptured('formatting (prettier --check; `npm run format` rewrites)', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
    ])();
    const typecheck = runCaptured('type check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
    const [[lint, format], types] = await Promise.all([lintAndFormat, typecheck]);
    record('lint', lint === 0);
    record('format', format === 0);
    record('typecheck', types === 0);
  }

  // The SQLite parts run without a PostgreSQL URL even when the caller's environment has one (GONGKAI_TEST_PG_URL
  // names the server for the PostgreSQL parts): the test helpers pick PostgreSQL whenever it is set.
  const onSqlite = { GONGKAI_TEST_PG_URL: '' };
  if (want('sqlite')) await vitestPart('integration (SQLite)', [], onSqlite);

  let pg = null;
  if (want('pg') || want('e2e')) {
    const externalUrl = process.env.GONGKAI_TEST_PG_URL;
    const pgBin = findPgBin();
    if (externalUrl) pg = { url: externalUrl, stop: () => {} };
    else if (pgBin) {
      try {
        pg = await startPostgres(pgBin);
      } catch (e) {
        skip('integration (PostgreSQL)', e.message);
      }
    } else skip('integration (PostgreSQL)', 'no PostgreSQL binaries found (install the Debian package "postgresql")');
  }
  try {
    if (want('pg') && pg) await vitestPart('integration (PostgreSQL)', [], { GONGKAI_TEST_PG_URL: pg.url });

    if (want('e2e')) {
      fs.rmSync(E2E_FAILURES, { recursive: true, force: true });
      if (!fs.existsSync(CHROMIUM)) skip('browser (e2e)', `no Chromium at ${CHROMIUM} (install the Debian package "chromium")`);
      else {
        console.log('\n=== building admin SPA for browser tests ===');
        const built = (await run(process.execPath, ['scripts/build-admin.mjs', '--if-stale'])) === 0;
        if (!built) record('admin build', false);
        else {
          await vitestPart('browser (e2e, SQLite)', ['--config', 'vitest.e2e.config.ts'], { ...onSqlite, GONGKAI_CHROMIUM: CHROMIUM });
          if (pg)
            await vitestPart('browser (e2e, PostgreSQL)', ['--config', 'vitest.e2e.config.ts'], { GONGKAI_CHROMIUM: CHROMIUM, GONGKAI_TEST_PG_URL: pg.url });
        }
      }
    }
  } finally {
    pg?.stop();
  }

  console.log('\n=== summary ===');
  for (const p of parts) console.log(`${p.status.padEnd(8)} ${p.name}${p.note ? ` — ${p.note}` : ''}`);
  // What each failed browser test's page showed (test/e2e/harness.ts watchErrors writes one file per failure).
  const e2eReports = want('e2e') && fs.existsSync(E2E_FAILURES) ? fs.readdirSync(E2E_FAILURES).filter((f) => f.endsWith('.txt')) : [];
  for (const file of e2eReports) {
    console.log(`\n${fs.readFileSync(path.join(E2E_FAILURES, file), 'utf8').trimEnd()}`);
  }
  for (const f of failures) {
    console.log(`\n✗ ${f.part}: ${f.where} › ${f.test}`);
    for (const line of firstLines(f.message, 8)) console.log(`    ${line}`);
  }
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const failed = totals.failed + (failedParts > 0 && totals.failed === 0 ? failedParts : 0);
  console.log(`tests: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
  process.exitCode = failedParts > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('tests: 0 passed, 1 failed');
  process.exitCode = 1;
});
