import type { CliHelpers } from '../main.ts';

/** A CLI command contributed by a feature module (e.g. `calendar import FILE`). */
export interface CliCommand {
  name: string;
  sub?: string;
  usage: string;
  run(argv: string[], helpers: CliHelpers): Promise<number>;
}

/** Extra commands, listed in the usage text in this order. */
export const cliCommands: CliCommand[] = [];
