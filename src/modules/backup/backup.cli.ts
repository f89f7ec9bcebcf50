/**
 * `gongkai backup [--out FILE]`, `gongkai backup verify FILE [--pg-url URL]`, `gongkai restore FILE --data-dir DIR`.
 * verify and restore never open the live database; restore writes only into an empty target.
 */
import os from 'node:os';
import path from 'node:path';
import type { CliCommand, CliHelpers } from '../../platform/cli.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { systemClock } from '../../platform/context.ts';
import { BackupError } from './backup.errors.ts';
import { archiveName, createBackup } from './backup.create.ts';
import { auditBackup } from './backup.job.ts';
import { loadBackupSettings } from './backup.settings.ts';
import { restoreBackup, verifyBackup } from './backup.restore.ts';
import type { BackupFailure } from './backup.errors.ts';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function printFailure(f: BackupFailure) {
  console.error(`错误：${f.message}${f.file ? `\n出错的文件：${f.file}` : ''} (${f.code})`);
}

function positional(argv: string[], h: CliHelpers, options: Record<string, { type: 'string' | 'boolean' }>, what: string) {
  const { values, positionals } = h.parse(argv, options);
  if (positionals.length !== 1) throw new h.UsageError(`${what} needs exactly one archive FILE`);
  return { values, file: path.resolve(positionals[0]) };
}

/** The backup commands; `getModules` gives every module's manifest (their `storedFiles`) when a command runs. */
export function backupCommands(getModules: () => readonly ModuleManifest[]): CliCommand[] {
  return [
    {
      name: 'backup',
      sub: 'verify',
      usage: 'backup verify FILE [--pg-url URL]    校验备份文件（清单、每个文件的校验值、数据库副本和审计日志）',
      async run(argv: string[], h: CliHelpers): Promise<number> {
        const { values, file } = positional(argv, h, { 'pg-url': { type: 'string' } }, 'backup verify');
        const pgUrl = h.opt(values, 'pg-url') ?? null;
        if (pgUrl && !/^postgres(ql)?:\/\//.test(pgUrl)) throw new h.UsageError('--pg-url must start with postgres://');
        const r = await verifyBackup(file, getModules(), { pgUrl });
        console.log(JSON.stringify(r, null, 2));
        for (const w of r.warnings) console.error(`注意：${w}`);
        if (!r.ok) {
          printFailure(r.failure!);
          return 1;
        }
        console.error(`校验通过：${file}${r.databaseChecked ? `（数据库副本与审计日志 ${r.manifest!.audit.count} 条均已核对）` : ''}`);
        return 0;
      },
    },
    {
      name: 'backup',
      usage: 'backup [--out FILE]                 备份数据库和附件到一个文件（默认写入备份目录）',
      async run(argv: string[], h: CliHelpers): Promise<number> {
        const { values, positionals } = h.parse(argv, { out: { type: 'string' }, 'data-dir': { type: 'string' } });
        if (positionals.length) throw new h.UsageError(`unexpected argument "${positionals[0]}" (use --out FILE)`);
        return h.withRuntime(values, async (rt) => {
          const outOpt = h.opt(values, 'out');
          const out = outOpt ? path.resolve(outOpt) : path.join((await loadBackupSettings(rt.ctx)).directory, archiveName(rt.ctx.clock.now()));
          const meta = { actor: null };
          try {
            const r = await createBackup(rt.ctx, getModules(), { out });
            await auditBackup(rt.ctx, meta, r);
            const m = r.manifest;
            console.log(`备份完成：${r.file}（${mb(r.size)}，${(r.durationMs / 1000).toFixed(1)} 秒）`);
            console.log(`SHA-256：${r.sha256}`);
            console.log(
              `数据库：${m.database.kind === 'sqlite' ? 'SQLite' : `PostgreSQL ${m.database.serverVersion}`}，结构版本 ${m.database.migration}，审计日志 ${m.audit.count} 条；附件 ${m.attachments.included} 个`,
            );
            if (!m.audit.ok)
              console.error(
                `注意：备份时审计日志哈希链已在第 ${m.audit.firstBroken?.seq} 条断开（${m.audit.firstBroken?.reason}），请运行 gongkai audit verify 核查`,
              );
            if (m.attachments.missing.length || m.attachments.corrupt.length)
              console.error(`注意：${m.attachments.missing.length} 个附件在附件库中缺失，${m.attachments.corrupt.length} 个已损坏，未包含在备份中`);
            return 0;
          } catch (e) {
            if (!(e instanceof BackupError)) throw e;
            await auditBackup(rt.ctx, meta, { error: e.message, directory: path.dirname(out) });
            printFailure(e.toFailure());
            return 1;
          }
        });
      },
    },
    {
      name: 'restore',
      usage: 'restore FILE --data-dir DIR          从备份恢复到空的数据目录（设置 DATABASE_URL 时恢复到空的 PostgreSQL 数据库）',
      async run(argv: string[], h: CliHelpers): Promise<number> {
        const { values, file } = positional(argv, h, { 'data-dir': { type: 'string' } }, 'restore');
        const dataDir = h.need(values, 'data-dir');
        const config = h.configFrom(values);
        const r = await restoreBackup(file, getModules(), {
          dataDir,
          databaseUrl: config.databaseUrl,
          clock: systemClock,
          by: `cli:${os.userInfo().username}`,
        });
        if (!r.ok) {
          printFailure(r.failure!);
          console.error('没有写入任何数据（目标保持原样）。');
          return 1;
        }
        for (const w of r.warnings) console.error(`注意：${w}`);
        const m = r.manifest!;
        console.log(
          `恢复完成：${r.database === 'sqlite' ? path.join(r.dataDir, 'gongkai.sqlite') : 'DATABASE_URL 指定的数据库'}，附件在 ${path.join(r.dataDir, 'files')}`,
        );
        console.log(
          `备份时间 ${m.createdAt}，版本 ${m.app.version}，结构版本 ${m.database.migration}；每个文件的校验值、各表行数和审计日志（${m.audit.count} 条）均已核对`,
        );
        console.log(`启动：npx gongkai serve --data-dir ${r.dataDir}${r.database === 'postgres' ? '（同一 DATABASE_URL）' : ''}`);
        return 0;
      },
    },
  ];
}
