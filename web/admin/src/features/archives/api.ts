/** The archives API's shapes, taken type-only from the server's schemas (src/modules/archives/archives.schemas.ts). */
import type {
  ArchiveSettings,
  BoardDetail,
  ClassView,
  DestructionView,
  MoveView,
  RoomLedger,
  VisitRegister,
  VisitView,
  BoardView,
  InspectionDetail,
  InspectionView,
  ItemView,
  QueueEntry,
  ScheduleView,
  Volume,
} from '../../../../../src/modules/archives/archives.schemas.ts';
import type { RoleGrant } from '../auth/api.ts';

export type {
  ArchiveSettings,
  BoardDetail,
  BoardView,
  ClassView,
  DestructionView,
  InspectionDetail,
  InspectionView,
  ItemView,
  MoveView,
  QueueEntry,
  RoomLedger,
  ScheduleView,
  VisitRegister,
  VisitView,
  Volume,
};
export type ItemDetail = ItemView & { onLoan: boolean };
export interface Browse {
  total: number;
  items: ItemView[];
}
export interface VerifyResult {
  ok: boolean;
  files: { seq: number; name: string; recorded: string | null; actual: string | null; ok: boolean }[];
}

/** Roles of the server's archives policy (archives.policy.ts), for showing the buttons a role can use; the server decides. */
const has = (grants: readonly RoleGrant[], roles: readonly string[]) => grants.some((g) => roles.includes(g.role));
export const isKeeper = (grants: readonly RoleGrant[]) => has(grants, ['archivist']);
/** At the reading point and in the archive room (archives.policy.ts DUTY). */
export const isOnDuty = (grants: readonly RoleGrant[]) => has(grants, ['archivist', 'village_clerk']);
/** The second person of a destruction (archives.policy.ts DESTRUCTION_DECIDERS); never the proposer (the server checks). */
export const isDestructionDecider = (grants: readonly RoleGrant[]) => has(grants, ['archivist', 'village_supervisor', 'county_admin']);
/** Roles that may edit the county's class table and settings when held at the county (archives.policy.ts canEditSchedule). */
export const SCHEDULE_ROLES = ['archivist', 'county_admin'];
export const isBoardKeeper = (grants: readonly RoleGrant[]) => has(grants, ['village_clerk', 'archivist', 'county_admin']);

/** The archive item's ways of being kept, in plain words. */
export const KIND_TEXT: Record<string, string> = { disclosure: '公开记录归档', record: '未公开纸质档案' };
export const STATUS_TEXT: Record<string, string> = { filed: '在库', destroyed: '已销毁' };
/** Shown in hints only; the server checks size and real type (archives.filing.ts MAX_SCAN_BYTES, archives.boards.ts MAX_PHOTO_BYTES). */
export const SCAN_LIMIT_TEXT = 'PDF、PNG 或 JPEG，不超过 30 MB';
export const PHOTO_LIMIT_TEXT = 'PNG 或 JPEG，不超过 15 MB';
export const DESTRUCTION_STATUS: Record<string, { text: string; color: string }> = {
  proposed: { text: '待第二人审批', color: 'orange' },
  approved: { text: '已批准销毁', color: 'red' },
  rejected: { text: '未批准（继续保存）', color: 'green' },
};
