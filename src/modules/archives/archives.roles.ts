/**
 * Who works with the archive, the reading point, the archive room and the notice boards: plain data with only a type
 * import, so the admin SPA's menu takes the same lists by value (a run-time leaf) and archives.policy.ts checks them.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** Staff who see a unit's archive, reading point, ledger and boards. */
export const STAFF: readonly Role[] = ['archivist', 'village_clerk', 'village_supervisor', 'county_admin', 'unit_officer', 'unit_reviewer'];
/** The 档案管理员 files, registers records, moves custody and proposes destruction. */
export const KEEPERS: readonly Role[] = ['archivist'];
/** The second person of a destruction: another archivist, the 村务监督委员会 or the county office. */
export const DESTRUCTION_DECIDERS: readonly Role[] = ['archivist', 'village_supervisor', 'county_admin'];
/** Staff on duty at the reading point and in the archive room. */
export const DUTY: readonly Role[] = ['archivist', 'village_clerk'];
export const BOARD_KEEPERS: readonly Role[] = ['village_clerk', 'archivist', 'county_admin'];
/** The town (or county) staff who inspect a village's 公开栏 (《村级档案管理办法》第5条: the 乡镇 supervises). */
export const INSPECTORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
/** Who edits the county's 归档范围和保管期限表 and archive settings, when held at the county (the root unit). */
export const SCHEDULE_EDITORS: readonly Role[] = ['archivist', 'county_admin'];
