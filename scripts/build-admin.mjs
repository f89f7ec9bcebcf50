#!/usr/bin/env node
// Builds the admin SPA (web/admin → web/admin/dist) with Vite.
// --if-stale: skip when dist/index.html is newer than every source file under web/admin/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = path.join(ROOT, 'web/admin');
const DIST = path.join(ADMIN, 'dist');
const INDEX = path.join(DIST, 'index.html');

/** Newest modification time of any file under dir, skipping dist and node_modules. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full === DIST || entry.name === 'node_modules') continue;
      newest = Math.max(newest, newestMtime(full));
    } else if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && fs.existsSync(INDEX) && fs.statSync(INDEX).mtimeMs > newestMtime(ADMIN)) {
  console.log('admin: web/admin/dist is up to date, build skipped');
  process.exit(0);
}

const started = Date.now();
const { build } = await import('vite');
try {
  await build({ configFile: path.join(ADMIN, 'vite.config.ts'), logLevel: 'warn' });
} catch (err) {
  console.error('admin: build failed');
  console.error(err);
  process.exit(1);
}
console.log(`admin: built web/admin/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`);
