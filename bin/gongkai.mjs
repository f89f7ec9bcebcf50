#!/usr/bin/env node
// CLI entry: runs the compiled server (dist/main.mjs, `npm run build:server`) when it is up to date
// with the sources, else loads the TypeScript sources through tsx (Node 20 has no type stripping).
// GONGKAI_TSX=1 always uses the sources.
import { BUNDLE, bundleIsFresh } from './bundle.mjs';

let runCli;
if (process.env.GONGKAI_TSX !== '1' && bundleIsFresh()) {
  ({ runCli } = await import(BUNDLE));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/main.ts'));
}
const code = await runCli(process.argv.slice(2));
if (typeof code === "number" && code >= 0) process.exitCode = code;
