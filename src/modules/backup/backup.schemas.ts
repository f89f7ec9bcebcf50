/**
 * TypeBox schemas of the backup API (系统设置 → 数据备份): the settings body and the one answer of every backup route,
 * shared by the routes and (type-only) the admin SPA. Pure: imports nothing but TypeBox, the shared HTTP schema
 * helpers and the limit of backup.rules.ts.
 */
import { Type, type Static } from 'typebox';
import { Nullable, oneOf } from '../../platform/http/schemas.ts';
import { KEEP_MAX } from './backup.rules.ts';

export const BackupSettingsBody = Type.Object(
  {
    enabled: Type.Boolean({ description: '是否每日自动备份' }),
    directory: Type.String({ minLength: 1, maxLength: 500, description: '备份目录（服务器上的绝对路径）' }),
    keep: Type.Integer({ minimum: 1, maximum: KEEP_MAX, description: '保留最近多少份备份' }),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: '每日备份时间（北京时间，整点）' }),
  },
  { additionalProperties: false },
);
export type BackupSettingsBody = Static<typeof BackupSettingsBody>;

export const BackupRun = Type.Object({
  runKey: Type.String(),
  manual: Type.Boolean(),
  status: Type.String({ description: 'running | done | failed（稍后重试）| dead（失败）' }),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  file: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  missingAttachments: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});
export type BackupRun = Static<typeof BackupRun>;

/** GET /api/v1/backup, and the answer of a settings change and of 立即备份. */
export const BackupView = Type.Object({
  settings: Type.Object({ ...BackupSettingsBody.properties, source: oneOf(['settings', 'env'] as const), updatedAt: Nullable(Type.String()) }),
  defaults: BackupSettingsBody,
  database: oneOf(['sqlite', 'postgres'] as const),
  pgDump: Nullable(Type.Object({ found: Type.Boolean(), path: Nullable(Type.String()), version: Nullable(Type.String()) })),
  lastRun: Nullable(BackupRun),
  runs: Type.Array(BackupRun),
  archives: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer(), createdAt: Type.String() })),
});
export type BackupView = Static<typeof BackupView>;
