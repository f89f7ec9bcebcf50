#!/usr/bin/env node
// Compiles the server (src/main.ts and everything it imports) into one JavaScript bundle,
// dist/main.mjs, and every migration into dist/migrations/*.mjs, with esbuild (packages stay
// imports from node_modules). Last it writes dist/build-info.json: the files the bundle was built
// from and a fingerprint of their contents (bin/bundle.mjs). bin/gongkai.mjs runs the bundle only
// while that fingerprint matches the sources on disk, and the TypeScript sources through tsx
// otherwise (a fresh clone has no dist/; an edited, pulled or checked-out source makes it stale).
// Running compiled code saves tsx's loader thread and on-the-fly transpiling: ≈80 MB of memory per
// process and seconds of start-up. --if-stale: skip when the bundle is up to date.
// The build goes to a temporary folder that replaces dist/ when complete, so a failed or
// interrupted build never leaves a half-written bundle that could count as fresh.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { BUILD_FORMAT, BUILD_SETTINGS, ROOT, bundleStaleness, distPaths, migrationSources, sourceFingerprint } from '../bin/bundle.mjs';

const { dist } = distPaths(ROOT);

if (process.argv.includes('--if-stale') && bundleStaleness(ROOT) === null) {
  console.log('server: dist/main.mjs is up to date, build skipped');
  process.exit(0);
}
const started = Date.now();
const out = path.join(ROOT, `.dist-build-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
try {
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'warning',
    sourcemap: 'linked',
    metafile: true,
  };
  const migrations = migrationSources(ROOT);
  const server = await build({ ...common, entryPoints: [path.join(ROOT, 'src/main.ts')], outfile: path.join(out, 'main.mjs') });
  const migrated = await build({
    ...common,
    entryPoints: migrations.map((f) => path.join(ROOT, 'migrations', f)),
    outdir: path.join(out, 'migrations'),
    outExtension: { '.js': '.mjs' },
  });
  // Worker threads the server starts by a URL beside its module (new URL('./x.worker.mjs', import.meta.url)):
  // in the bundle that is dist/, so each is built there too (the backup's SQLite snapshot).
  const workers = await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/modules/backup/sqlite-snapshot.worker.mjs')],
    outfile: path.join(out, 'sqlite-snapshot.worker.mjs'),
  });
  // Metafile input paths are relative to absWorkingDir (ROOT), with forward slashes.
  const inputs = [...new Set([...Object.keys(server.metafile.inputs), ...Object.keys(migrated.metafile.inputs), ...Object.keys(workers.metafile.inputs)])]
    .filter((p) => !p.includes(':'))
    .sort();
  const fingerprint = sourceFingerprint(ROOT, [...inputs, ...BUILD_SETTINGS]);
  if (fingerprint === null) throw new Error('a source file vanished during the build');
  fs.writeFileSync(path.join(out, 'build-info.json'), `${JSON.stringify({ format: BUILD_FORMAT, fingerprint, migrations, inputs }, null, 1)}\n`);
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(out, dist);
  console.log(
    `server: dist/main.mjs (${inputs.length} source files) and ${migrations.length} migrations built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
