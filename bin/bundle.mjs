// Whether dist/main.mjs (scripts/build-server.mjs) is newer than every source it was built from.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'dist/main.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function bundleIsFresh() {
  if (!fs.existsSync(BUNDLE)) return false;
  const built = fs.statSync(BUNDLE).mtimeMs;
  return ['src', 'migrations', 'package-lock.json'].every((p) => {
    const full = path.join(ROOT, p);
    return !fs.existsSync(full) || (fs.statSync(full).isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs) < built;
  });
}
