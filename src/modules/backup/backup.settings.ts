/**
 * The daily backup's settings: on/off, directory, how many archives to keep, hour (China time). The
 * environment gives the defaults (GONGKAI_BACKUP, GONGKAI_BACKUP_DIR, GONGKAI_BACKUP_KEEP,
 * GONGKAI_BACKUP_HOUR); once the county admin saves them in 系统设置 → 数据备份, the saved values apply.
 * Defaults (a product choice, not a rule): on, `<data dir>/backups`, keep 7, 02:00 — a county that
 * installs Gongkai and does nothing else still has a week of daily archives to fall back on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../platform/context.ts';
import type { CommandMeta } from '../../platform/command.ts';
import { runCommand } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { readSetting, writeSetting } from './backup.repository.ts';
import { KEEP_MAX } from './backup.rules.ts';

export const SETTINGS_KEY = 'backup.settings';

export interface BackupSettings {
  enabled: boolean;
  /** Absolute directory the daily archives go to. */
  directory: string;
  /** Archives kept there (older ones are deleted after each successful backup). */
  keep: number;
  /** China-local hour 0–23. */
  hour: number;
}

export interface EffectiveBackupSettings extends BackupSettings {
  source: 'settings' | 'env';
  updatedAt: string | null;
}

export async function loadBackupSettings(ctx: Pick<AppContext, 'db' | 'config'>): Promise<EffectiveBackupSettings> {
  const stored = await readSetting<BackupSettings>(ctx.db, SETTINGS_KEY);
  const d = ctx.config.backup;
  if (!stored) return { enabled: d.enabled, directory: d.directory, keep: d.keep, hour: d.hour, source: 'env', updatedAt: null };
  return { ...stored.value, source: 'settings', updatedAt: stored.updatedAt };
}

export interface Problem {
  field: string;
  message: string;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Shape and ranges, plus: the directory is absolute, not inside the attachment store, and writable (created if missing). */
export function validateBackupSettings(s: BackupSettings, dataDir: string): Problem[] {
  const p: Problem[] = [];
  if (!isInt(s.keep) || s.keep < 1 || s.keep > KEEP_MAX) p.push({ field: 'keep', message: `保留份数应为 1 至 ${KEEP_MAX} 之间的整数` });
  if (!isInt(s.hour) || s.hour < 0 || s.hour > 23) p.push({ field: 'hour', message: '每日备份时间应为 0 至 23 点之间的整点' });
  const dir = s.directory?.trim() ?? '';
  if (!dir) p.push({ field: 'directory', message: '请填写备份目录' });
  else if (!path.isAbsolute(dir) || /[\0\r\n]/.test(dir)) p.push({ field: 'directory', message: '备份目录应为服务器上的绝对路径，例如 /srv/gongkai-backups' });
  else {
    const resolved = path.resolve(dir);
    const store = path.join(path.resolve(dataDir), 'files');
    if (resolved === store || resolved.startsWith(`${store}${path.sep}`))
      p.push({ field: 'directory', message: '备份目录不能放在附件库（数据目录下的 files）中' });
    else {
      try {
        fs.mkdirSync(resolved, { recursive: true });
        const probe = path.join(resolved, `.gongkai-write-test-${process.pid}`);
        fs.writeFileSync(probe, '');
        fs.rmSync(probe);
      } catch (e) {
        p.push({ field: 'directory', message: `服务器无法写入该目录（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）：请检查路径和权限` });
      }
    }
  }
  return p;
}

export function saveBackupSettings(ctx: AppContext, meta: CommandMeta, input: BackupSettings): Promise<Result<EffectiveBackupSettings>> {
  const value: BackupSettings = { enabled: input.enabled, directory: path.resolve(input.directory?.trim() || '/'), keep: input.keep, hour: input.hour };
  const problems = validateBackupSettings(input, ctx.config.dataDir);
  if (problems.length) return Promise.resolve(fail(400, 'INVALID_SETTINGS', problems.map((x) => x.message).join('；'), problems));
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const { source: _s, updatedAt: _u, ...before } = await loadBackupSettings({ db: trx, config: ctx.config });
    await writeSetting(trx, SETTINGS_KEY, value, now.toISOString());
    await audit({ unitCode: null, action: 'backup.settings.update', entityType: 'app_setting', entityId: SETTINGS_KEY, before, after: value });
    return ok({ ...value, source: 'settings' as const, updatedAt: now.toISOString() });
  });
}
