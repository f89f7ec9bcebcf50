/**
 * The backup's fixed facts: who runs and configures backups, and how many archives a county may keep. Plain data with
 * only a type import, so the admin SPA's menu and its settings form take them by value (a run-time leaf), and
 * backup.routes.ts and backup.schemas.ts use the same constants.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** The county office, holding the role over the county unit. */
export const BACKUP_ADMINS: readonly Role[] = ['county_admin'];

/** The most archives a county may keep (a year of daily backups). */
export const KEEP_MAX = 365;
