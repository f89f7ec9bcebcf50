/**
 * 系统设置 → 数据备份 (county office only: a county admin whose grant covers the county unit): the
 * settings, the last result and recent runs of the daily backup, the archives in the directory, and
 * 立即备份. Archives are never downloadable over the web: they hold every account's password hash and
 * all personal data; off-site copies are made at the operating-system level (README).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors, type Same } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { runJobNow } from '../../platform/jobs/index.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { countyRootPath } from '../notifications/index.ts';
import { findPgTools } from './backup.pgtools.ts';
import { backupRuns } from './backup.repository.ts';
import { BACKUP_JOB, listArchives, runBackup } from './backup.job.ts';
import { loadBackupSettings, saveBackupSettings, type BackupSettings } from './backup.settings.ts';
import { BackupSettingsBody, BackupView } from './backup.schemas.ts';
import { BACKUP_ADMINS } from './backup.rules.ts';

const tags = ['backup'];

/** The one answer of the backup routes: the effective settings, the last runs, and the archives in the directory. */
async function backupView(ctx: AppContext) {
  const settings = await loadBackupSettings(ctx);
  const runs = (await backupRuns(ctx.db, BACKUP_JOB, 10)).map((j) => {
    const res = j.result_json ? (JSON.parse(j.result_json) as Record<string, unknown>) : null;
    return {
      runKey: j.run_key,
      manual: j.run_key.startsWith('manual:'),
      status: j.status,
      startedAt: j.started_at,
      finishedAt: j.finished_at,
      file: typeof res?.file === 'string' ? res.file : null,
      size: typeof res?.size === 'number' ? res.size : null,
      missingAttachments: typeof res?.missingAttachments === 'number' ? res.missingAttachments : null,
      error: j.status === 'done' ? null : j.last_error,
    };
  });
  // Typed as the answer: with no pg_dump found `t` is undefined (its index type does not say so) and path and version are null.
  let pgDump: BackupView['pgDump'] = null;
  if (ctx.dialect === 'postgres') {
    const t = (await findPgTools('pg_dump'))[0];
    pgDump = { found: !!t, path: t?.path ?? null, version: t?.version ?? null };
  }
  const d = ctx.config.backup;
  return {
    settings,
    defaults: { enabled: d.enabled, directory: d.directory, keep: d.keep, hour: d.hour },
    database: ctx.dialect,
    pgDump,
    lastRun: runs.find((x) => x.status !== 'running') ?? null,
    runs,
    archives: listArchives(settings.directory),
  };
}

/** The answer is exactly the response schema (backup.schemas.ts, which the admin SPA takes type-only). */
export const viewMatchesSchema: Same<Awaited<ReturnType<typeof backupView>>, BackupView> = true;

export function registerBackupRoutes(app: FastifyInstance, ctx: AppContext, getModules: () => readonly ModuleManifest[]): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  const requireCountyOffice = async (request: FastifyRequest): Promise<Actor> => {
    const actor = requireActor(request);
    const root = await countyRootPath(ctx.db);
    if (!root || !actorCoversPath(actor, root, BACKUP_ADMINS)) unwrap(fail(403, 'FORBIDDEN', '数据备份由县政府办（县级管理员）统一管理'));
    return actor;
  };

  r.get(
    '/api/v1/backup',
    { schema: { tags, summary: '数据备份：设置、最近一次结果、备份记录和目录中的备份文件（县级管理员）', response: { 200: BackupView, ...errors(401, 403) } } },
    async (request) => {
      await requireCountyOffice(request);
      return backupView(ctx);
    },
  );

  r.put(
    '/api/v1/backup/settings',
    {
      schema: {
        tags,
        summary: '修改每日自动备份设置：开关、目录、保留份数、时间（县级管理员）',
        body: BackupSettingsBody,
        response: { 200: BackupView, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = await requireCountyOffice(request);
      unwrap(await saveBackupSettings(ctx, { actor, requestId: request.id }, request.body as BackupSettings));
      return backupView(ctx);
    },
  );

  r.post(
    '/api/v1/backup/run',
    // No rate limit needed: one run at a time (409 while one runs), and retention bounds the disk used.
    {
      schema: {
        tags,
        summary: '立即备份一次（县级管理员；与每日备份相同，含保留份数清理；同一时间只进行一次）',
        response: { 200: BackupView, ...errors(401, 403, 409, 422) },
      },
    },
    async (request) => {
      const actor = await requireCountyOffice(request);
      const outcome = await runJobNow(ctx, {
        name: BACKUP_JOB,
        schedule: { kind: 'interval', seconds: 0 },
        run: (c) => runBackup(c, getModules(), { actor, requestId: request.id }),
      });
      if (outcome.outcome === 'skipped-claimed') unwrap(fail(409, 'BACKUP_RUNNING', '已有一次备份正在进行，请稍后刷新查看结果'));
      if (outcome.outcome === 'failed') unwrap(fail(422, 'BACKUP_FAILED', outcome.error ?? '备份失败'));
      return backupView(ctx);
    },
  );
}
