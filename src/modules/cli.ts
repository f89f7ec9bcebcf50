import type { CliCommand } from '../platform/cli.ts';
import { reindexCommand } from '../platform/search/search.cli.ts';
import { jobsCommand } from '../platform/jobs/jobs.cli.ts';
import { modules } from './index.ts';

export type { CliCommand } from '../platform/cli.ts';

/** Commands beyond serve/migrate/seed/user/unit/audit: the platform's, then every module's `cli`, in this order in the usage text. */
export const cliCommands: CliCommand[] = [reindexCommand(modules), ...jobsCommand(modules), ...modules.flatMap((m) => m.cli ?? [])];
