// Whether the compiled server (dist/main.mjs, scripts/build-server.mjs) was built from exactly the
// sources on disk now. The build writes dist/build-info.json last: the files esbuild read (its
// metafile inputs: every file under src/ and migrations/ the bundle contains), the migration file
// names, and a SHA-256 over their contents and the build settings' files. The bundle counts as fresh
// only when that fingerprint still matches the files' contents and the migration list is the same;
// file times are not trusted (a checkout, `cp -p`, tar or rsync can give changed files old times, and
// a deleted file leaves no time at all). Hashing the ≈2.6 MB of sources takes ≈10–20 ms at start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'dist/main.mjs');
/** Bump when the build's shape changes, so an older dist never counts as fresh. */
export const BUILD_FORMAT = 1;
/** Files that change what esbuild produces without being inputs of the bundle. */
export const BUILD_SETTINGS = ['package.json', 'tsconfig.json', 'scripts/build-server.mjs', 'bin/bundle.mjs'];
export const MIGRATION_SOURCE = /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/;

export function distPaths(root = ROOT) {
  const dist = path.join(root, 'dist');
  return { dist, bundle: path.join(dist, 'main.mjs'), info: path.join(dist, 'build-info.json') };
}

/** The migration sources, sorted by name (their order is the migration order). */
export function migrationSources(root = ROOT) {
  const dir = path.join(root, 'migrations');
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => MIGRATION_SOURCE.test(f))
        .sort()
    : [];
}

/** SHA-256 over the given files (paths relative to root) and their contents; null when one is missing. */
export function sourceFingerprint(root, files) {
  const hash = crypto.createHash('sha256');
  hash.update(`gongkai-build ${BUILD_FORMAT}\0`);
  for (const rel of [...new Set(files)].sort()) {
    let content;
    try {
      content = fs.readFileSync(path.join(root, rel));
    } catch {
      return null;
    }
    hash.update(`${rel}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** Why the bundle is not used (null when it is fresh). */
export function bundleStaleness(root = ROOT) {
  const { bundle, info: infoFile } = distPaths(root);
  if (!fs.existsSync(bundle)) return 'no dist/main.mjs';
  let info;
  try {
    info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
  } catch {
    return 'no readable dist/build-info.json';
  }
  if (info?.format !== BUILD_FORMAT || !Array.isArray(info.inputs) || !Array.isArray(info.migrations)) return 'dist/build-info.json of another format';
  const migrations = migrationSources(root);
  if (migrations.join('\n') !== info.migrations.join('\n')) return 'the migrations changed';
  for (const m of migrations) if (!fs.existsSync(path.join(root, 'dist/migrations', m.replace(/\.ts$/, '.mjs')))) return `dist/migrations lacks ${m}`;
  const now = sourceFingerprint(root, [...info.inputs, ...BUILD_SETTINGS]);
  if (now === null) return 'a source it was built from is gone';
  if (now !== info.fingerprint) return 'the sources changed since it was built';
  return null;
}

export function bundleIsFresh(root = ROOT) {
  return bundleStaleness(root) === null;
}
