#!/usr/bin/env node
// CLI entry: loads the TypeScript sources through tsx (Node 20 has no type stripping).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main.ts');
const code = await runCli(process.argv.slice(2));
if (typeof code === "number" && code >= 0) process.exitCode = code;
