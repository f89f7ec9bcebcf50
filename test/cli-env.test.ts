// bin/gongkai.mjs makes an unset NODE_ENV `production` before anything loads React: the development builds
// render the portal about twice as slowly, and the benchmarks (bench/lib/server.ts) measure production.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types (bin/ is JavaScript)
import { withProductionDefault } from '../bin/env.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const setDefault = withProductionDefault as (env: Record<string, string | undefined>) => Record<string, string | undefined>;

describe('CLI environment: production unless NODE_ENV says otherwise', () => {
  it('sets production when NODE_ENV is unset or empty, and keeps an explicit value', () => {
    expect(setDefault({}).NODE_ENV).toBe('production');
    expect(setDefault({ NODE_ENV: '' }).NODE_ENV).toBe('production');
    expect(setDefault({ NODE_ENV: 'development' }).NODE_ENV).toBe('development');
    expect(setDefault({ NODE_ENV: 'test' }).NODE_ENV).toBe('test');
  });

  it('is applied by bin/gongkai.mjs before React is loaded (React then loads its production build)', () => {
    // The entry's first statements, run the way the CLI runs them: after them, React resolves to its production file.
    const script = [
      "const { withProductionDefault } = await import('./bin/env.mjs');",
      'withProductionDefault(process.env);',
      "const { createRequire } = await import('node:module');",
      "const req = createRequire(process.cwd() + '/package.json');",
      "req('react/jsx-runtime');",
      "console.log(process.env.NODE_ENV, Object.keys(req.cache).some((k) => k.endsWith('react-jsx-runtime.production.js')));",
    ].join('\n');
    const env = { ...process.env };
    delete env.NODE_ENV;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('production true');
    const entry = fs.readFileSync(path.join(ROOT, 'bin/gongkai.mjs'), 'utf8');
    expect(entry.indexOf('withProductionDefault(process.env)')).toBeGreaterThan(-1);
    expect(entry.indexOf('withProductionDefault(process.env)')).toBeLessThan(entry.indexOf('await import('));
  });
});
