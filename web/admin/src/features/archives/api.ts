/** The archives API's shapes, taken type-only from the server's schemas (src/modules/archives/archives.schemas.ts). */
import type { Static } from 'typebox';
import type {
  ArchiveSettings,
  BoardDetail,
  Boards,
  Browse as BrowseSchema,
  ClassView,
  Destructions,
  DestructionView,
  ItemDetail as ItemDetailSchema,
  Moves,
  MoveView,
  Queue,
  RoomLedger,
  Verify,
  VisitFigures as VisitFiguresSchema,
  VisitRegister,
  VisitView,
  BoardView,
  InspectionDetail,
  InspectionView,
  ItemView,
  QueueEntry,
  ScheduleView,
  Volume,
  Volumes as VolumesSchema,
} from '../../../../../src/modules/archives/archives.schemas.ts';
import { BOARD_KEEPERS, DESTRUCTION_DECIDERS, DUTY, KEEPERS, SCHEDULE_EDITORS } from '../../../../../src/modules/archives/archives.roles.ts';
import type { RoleGrant } from '../auth/api.ts';
import { errorText, upload } from '../../lib/http.ts';

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
export type ItemDetail = Static<typeof ItemDetailSchema>;
/** GET /api/v1/archives/items: one page of the catalogue. */
export type Browse = Static<typeof BrowseSchema>;
export type VerifyResult = Static<typeof Verify>;
export type BoardList = Static<typeof Boards>;
export type DestructionList = Static<typeof Destructions>;
export type MoveList = Static<typeof Moves>;
export type QueueList = Static<typeof Queue>;
export type VolumeList = Static<typeof VolumesSchema>;
export type VisitFigures = Static<typeof VisitFiguresSchema>;

/** Roles of the server's archives policy (its lists, archives.roles.ts), for showing the buttons a role can use; the server decides. */
const has = (grants: readonly RoleGrant[], roles: readonly string[]) => grants.some((g) => roles.includes(g.role));
export const isKeeper = (grants: readonly RoleGrant[]) => has(grants, KEEPERS);
/** At the reading point and in the archive room. */
export const isOnDuty = (grants: readonly RoleGrant[]) => has(grants, DUTY);
/** The second person of a destruction; never the proposer (the server checks). */
export const isDestructionDecider = (grants: readonly RoleGrant[]) => has(grants, DESTRUCTION_DECIDERS);
/** Roles that may edit the county's class table and settings when held at the county (archives.policy.ts canEditSchedule). */
export const SCHEDULE_ROLES: readonly string[] = SCHEDULE_EDITORS;
export const isBoardKeeper = (grants: readonly RoleGrant[]) => has(grants, BOARD_KEEPERS);

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

/** Uploads one file (a scan, a photo) as the form's `file`; a refusal names the file (“x.png”没有上传：…). */
export async function uploadFile(url: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    await upload(url, form);
  } catch (err) {
    throw new Error(`“${file.name}”没有上传：${errorText(err)}`);
  }
}
