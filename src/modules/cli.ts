import type { CliHelpers } from '../main.ts';
import { runCalendarImport } from './calendar/calendar.cli.ts';
import { reindexCommand } from '../platform/search/search.cli.ts';
import { modules } from './index.ts';
import { runComplianceRecompute } from './compliance/compliance.cli.ts';
import { jobsCommand } from '../platform/jobs/jobs.cli.ts';
import { backupCommands } from './backup/backup.cli.ts';
import { runPiiRescanCli } from './publishing/pii-rescan.cli.ts';

/** A CLI command contributed by a feature module (e.g. `calendar import FILE`). */
export interface CliCommand {
  name: string;
  sub?: string;
  usage: string;
  run(argv: string[], helpers: CliHelpers): Promise<number>;
}

/** Extra commands, listed in the usage text in this order. */
export const cliCommands: CliCommand[] = [
  reindexCommand(modules),
  ...jobsCommand(modules),
  { name: 'calendar', sub: 'import', usage: 'calendar import FILE    导入节假日安排（JSON，格式见 docs/calendar-import.md）', run: runCalendarImport },
  // `backup verify` before `backup`: the first command whose name (and sub, if it has one) matches runs.
  ...backupCommands(modules),
  { name: 'compliance', sub: 'recompute', usage: 'compliance recompute [--year Y[,Y]]  全县重新计算督查结果（默认今年）', run: runComplianceRecompute },
  { name: 'pii', sub: 'rescan', usage: 'pii rescan [--json] [--fail-on-findings]  按现行规则复查已发布内容中未遮盖的个人信息（只列记录和数量）', run: runPiiRescanCli },
];
