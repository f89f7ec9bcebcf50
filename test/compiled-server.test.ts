/**
 * The compiled server (scripts/build-server.mjs → dist/main.mjs) is run by bin/gongkai.mjs only
 * while it was built from exactly the sources on disk: a clone without dist/ and a dist older than
 * the sources both run the TypeScript sources. Works on a copy of the sources in a temporary folder
 * (node_modules linked), so the worktree's own dist/ is never touched. File times are set back on
 * purpose: a checkout, `cp -p`, tar or rsync can leave a changed file older than the bundle.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types (bin/ is JavaScript)
import { bundleStaleness } from '../bin/bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const onPg = !!process.env.GONGKAI_TEST_PG_URL;
const OLD = new Date('2001-01-01T00:00:00Z');
const staleness = bundleStaleness as (root: string) => string | null;

function run(root: string, script: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.GONGKAI_TSX;
  const r = spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function setUsageMarker(file: string, marker: string) {
  const text = fs.readFileSync(file, 'utf8').replace(/用法 \/ usage(?: \[[a-z-]+\])?/, `用法 / usage [${marker}]`);
  fs.writeFileSync(file, text);
  fs.utimesSync(file, OLD, OLD);
}

// Independent of the database: runs once, on the SQLite pass.
describe.skipIf(onPg)('compiled server: never stale code', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-build-'));
    for (const p of ['src', 'migrations', 'bin', 'scripts/build-server.mjs', 'package.json', 'tsconfig.json']) {
      fs.cpSync(path.join(ROOT, p), path.join(root, p), { recursive: true, preserveTimestamps: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    setUsageMarker(path.join(root, 'src/main.ts'), 'copy');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it(
    'a clone without dist/ runs the sources; a fresh build runs the bundle; an edited source with an old time runs the sources again',
    { timeout: 300_000 },
    () => {
      expect(staleness(root)).toBe('no dist/main.mjs');
      const clone = run(root, 'bin/gongkai.mjs', ['help']);
      expect(clone.err).toBe('');
      expect(clone.out).toContain('用法 / usage [copy]');

      const built = run(root, 'scripts/build-server.mjs', ['--if-stale']);
      expect(built.code, built.err).toBe(0);
      expect(built.out).toContain('dist/main.mjs');
      expect(staleness(root)).toBeNull();
      expect(run(root, 'scripts/build-server.mjs', ['--if-stale']).out).toContain('up to date, build skipped');

      // Mark the bundle itself, so its output tells which code ran (esbuild writes non-ASCII text as
      // \u escapes, so the ASCII part of the marker is replaced).
      const bundle = path.join(root, 'dist/main.mjs');
      const compiled = fs.readFileSync(bundle, 'utf8');
      expect(compiled).toContain('usage [copy]');
      fs.writeFileSync(bundle, compiled.replace('usage [copy]', 'usage [bundle]'));
      expect(run(root, 'bin/gongkai.mjs', ['help']).out).toContain('用法 / usage [bundle]');

      // A source changed after the build, its time older than the bundle's: the sources run.
      setUsageMarker(path.join(root, 'src/main.ts'), 'edited');
      expect(fs.statSync(path.join(root, 'src/main.ts')).mtimeMs).toBeLessThan(fs.statSync(bundle).mtimeMs);
      expect(staleness(root)).toBe('the sources changed since it was built');
      const edited = run(root, 'bin/gongkai.mjs', ['help']);
      expect(edited.out).toContain('用法 / usage [edited]');
      expect(edited.out).not.toContain('[bundle]');

      // Rebuilt: fresh again, and the new bundle carries the edit.
      expect(run(root, 'scripts/build-server.mjs', ['--if-stale']).code).toBe(0);
      expect(staleness(root)).toBeNull();
      expect(fs.readFileSync(bundle, 'utf8')).toContain('usage [edited]');
    },
  );

  it('a migration added or removed, a deleted source or a missing build record make the bundle stale', () => {
    expect(staleness(root)).toBeNull();
    const migrations = path.join(root, 'migrations');
    const last = fs
      .readdirSync(migrations)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .at(-1)!;
    // Added with an old time (as `cp -p` or an unpacked archive would): the bundle lacks it.
    const added = path.join(migrations, '20991231_0001_later_change.ts');
    fs.copyFileSync(path.join(migrations, last), added);
    fs.utimesSync(added, OLD, OLD);
    expect(staleness(root)).toBe('the migrations changed');
    fs.rmSync(added);
    expect(staleness(root)).toBeNull();

    const removed = path.join(migrations, last);
    const keep = fs.readFileSync(removed);
    fs.rmSync(removed);
    expect(staleness(root)).toBe('the migrations changed');
    fs.writeFileSync(removed, keep);
    expect(staleness(root)).toBeNull();

    const info = JSON.parse(fs.readFileSync(path.join(root, 'dist/build-info.json'), 'utf8')) as { inputs: string[] };
    const input = info.inputs.find((p) => p.startsWith('src/platform/'))!;
    const saved = fs.readFileSync(path.join(root, input));
    fs.rmSync(path.join(root, input));
    expect(staleness(root)).toBe('a source it was built from is gone');
    fs.writeFileSync(path.join(root, input), saved);
    expect(staleness(root)).toBeNull();

    fs.rmSync(path.join(root, 'dist/build-info.json'));
    expect(staleness(root)).toBe('no readable dist/build-info.json');
  });
});
