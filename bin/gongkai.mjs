#!/usr/bin/env node
// CLI entry: runs the compiled server (dist/main.mjs, `npm run build:server`) when it was built from
// exactly the sources on disk (content fingerprint, bin/bundle.mjs), else loads the TypeScript sources
// through tsx (Node 20 has no type stripping): a clone without dist/ or a stale dist runs the sources.
// GONGKAI_TSX=1 always uses the sources.
import { BUNDLE, bundleIsFresh } from './bundle.mjs';
import { withProductionDefault } from './env.mjs';

// Before anything loads React: unset NODE_ENV means production (bin/env.mjs).
withProductionDefault(process.env);

let runCli;
if (process.env.GONGKAI_TSX !== '1' && bundleIsFresh()) {
  ({ runCli } = await import(BUNDLE));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/main.ts'));
}
const code = await runCli(process.argv.slice(2));
if (typeof code === 'number' && code >= 0) process.exitCode = code;
