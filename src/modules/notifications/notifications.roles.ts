/**
 * Who keeps the reminder and mail settings: plain data with only a type import, so the admin SPA's menu takes the same
 * list by value (a run-time leaf) and notifications.routes.ts checks it.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** The county office, holding the role over the county unit. */
export const SETTINGS_ADMINS: readonly Role[] = ['county_admin'];
