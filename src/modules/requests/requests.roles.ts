/**
 * Who works on 依申请公开 cases, letters and the annual report: plain data with only a type import, so the admin SPA's
 * menu takes the same lists by value (a run-time leaf) and the workflow, the letter policy and the report commands
 * check them.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** Who handles cases (the unit's 公开工作机构 staff; the county office for the county government) and who reviews. */
export const HANDLERS: readonly Role[] = ['unit_officer', 'county_admin'];
export const REVIEWERS: readonly Role[] = ['unit_reviewer'];

/** Staff who handle or oversee 依申请公开 cases: they read settings and download letters. */
export const LETTER_READERS: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'archivist'];

/**
 * Settings change what every letter says (文号, remedy clause): the county admin over the unit, or the unit's own
 * reviewer (the disclosure office's head-of-checks; there is no separate "unit admin" role).
 */
export const LETTER_SETTINGS_EDITORS: readonly Role[] = ['county_admin', 'unit_reviewer'];

/** Who drafts the annual report and records 复议/诉讼 cases, and who publishes the report. */
export const REPORT_EDITORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
export const REPORT_PUBLISHERS: readonly Role[] = ['unit_officer'];
