import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from './config/config.ts';
import type { AppContext, Clock } from './context.ts';
import type { DatabaseHandle } from './db/database.ts';

/** An open database with its context, as the CLI and the server use it (`openRuntime` in src/runtime.ts). */
export interface Runtime {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** A wrong command line: `gongkai` prints the message and the usage text and exits with 2. */
export class UsageError extends Error {}

/** Parses options strictly (unknown options are a UsageError), positionals allowed. */
export function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** An optional string option (undefined when absent). */
export function opt(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required, non-blank string option. */
export function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`missing required option --${name}`);
  return v;
}

/** The configuration from the environment, with `--data-dir` applied. */
export function configFrom(values: Record<string, unknown>, extra: Partial<AppConfig> = {}): AppConfig {
  const overrides: Partial<AppConfig> = { ...extra };
  if (typeof values['data-dir'] === 'string') overrides.dataDir = values['data-dir'];
  return loadConfig(process.env, overrides);
}

/** What `gongkai` hands every contributed command. */
export interface CliHelpers {
  parse: typeof parse;
  opt: typeof opt;
  need: typeof need;
  configFrom: typeof configFrom;
  /** Opens the runtime for the command's options (`--data-dir`), runs `fn`, closes it. `opts.clock` fixes the time (e.g. `jobs run-due --now`). */
  withRuntime<T>(values: Record<string, unknown>, fn: (rt: Runtime) => Promise<T>, opts?: { clock?: Clock }): Promise<T>;
  UsageError: typeof UsageError;
}

/** A CLI command contributed by a module's manifest (`cli`) or the platform (e.g. `calendar import FILE`). */
export interface CliCommand {
  name: string;
  sub?: string;
  usage: string;
  run(argv: string[], helpers: CliHelpers): Promise<number>;
}
