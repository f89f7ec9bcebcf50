/**
 * Backup and restore: `gongkai backup`, `gongkai backup verify`, `gongkai restore` (backup.cli.ts), the
 * daily backup job with retention, and 系统设置 → 数据备份. See README.md in this folder.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { registerBackupRoutes } from './backup.routes.ts';
import { backupJob } from './backup.job.ts';
import { backupCommands } from './backup.cli.ts';

export { createBackup, archiveName, type BackupResult } from './backup.create.ts';
export { verifyBackup, restoreBackup, type VerifyReport, type RestoreReport } from './backup.restore.ts';
export { BACKUP_JOB, runBackup, pruneArchives, listArchives } from './backup.job.ts';
export { loadBackupSettings } from './backup.settings.ts';
export { BackupError } from './backup.errors.ts';

/** The module needs every module's `storedFiles` (a getter: the list includes this module). */
export function backupModule(getModules: () => readonly ModuleManifest[]): ModuleManifest {
  return {
    name: 'backup',
    register(app, ctx) {
      registerBackupRoutes(app, ctx, getModules);
    },
    jobs: [backupJob(getModules)],
    // `backup verify` before `backup`: the first command whose name (and sub, if it has one) matches runs.
    cli: backupCommands(getModules),
  };
}
