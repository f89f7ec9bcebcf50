/**
 * TypeBox schemas of the archives API's answers: the routes serialize with them, the OpenAPI document is generated
 * from them, and the admin SPA imports their static types (type-only). Pure: imports nothing but TypeBox, the shared
 * HTTP schema helpers and the module's vocabulary (data).
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import { BOARD_CHECK_KEYS, OVERDUE_SHOWN, RETENTION_IDS } from './archives.rules.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());
const Int = Type.Integer();
const Unit = Type.Object({ code: Str, name: Str });
/** One page of a list paged on the server: `total` counts every row of the filter, `items` is at most `limit` of them. */
const Total = Type.Integer({ minimum: 0, description: '符合条件的总数（分页前）' });
const RetentionId = Type.String({ enum: RETENTION_IDS, description: '保管期限：permanent 永久、30y 30年、10y 10年' });

/** Content types of the binary answers (documented with the platform's FileAnswer). */
export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMAGE = ['image/png', 'image/jpeg'];

/* ---------- the county's table and settings ---------- */

export const ClassView = Type.Object({
  code: Type.String({ description: '类别代码（档号的一段）' }),
  name: Str,
  retention: RetentionId,
  retentionLabel: Str,
  basis: Type.String({ description: '依据' }),
  itemKeys: Type.Array(Str, { description: '归入本类的公开目录事项' }),
  sortOrder: Int,
  active: Type.Boolean(),
  note: NStr,
  updatedAt: Str,
  updatedBy: NStr,
});
export type ClassView = Static<typeof ClassView>;

export const ScheduleView = Type.Object({
  source: Type.String({ description: '本表依据的县级文件' }),
  retentions: Type.Array(Type.Object({ id: Str, label: Str })),
  classes: Type.Array(ClassView),
});
export type ScheduleView = Static<typeof ScheduleView>;

export const ArchiveSettings = Type.Object({
  scheduleSource: Str,
  loanDays: Type.Integer({ description: '档案借出超过几天标为逾期（县级设置）' }),
  inspectionIntervalDays: Type.Integer({ description: '公开栏巡查周期（天，县级设置）' }),
  rectifyWorkingDays: Type.Integer({ description: '公开栏整改期限（工作日，县级设置）' }),
  storageRules: Type.Array(Str, { description: '档案库房制度' }),
  readingRules: Type.Array(Str, { description: '查阅区须知' }),
});
export type ArchiveSettings = Static<typeof ArchiveSettings>;

/* ---------- filing and browsing ---------- */

export const ItemFile = Type.Object({ id: Str, seq: Int, role: Str, roleLabel: Str, name: Str, type: Str, size: Int, sha256: Str, url: Str });

const itemFields = {
  id: Str,
  archivalCode: Type.String({ description: '档号：全宗-年度-类别-件号' }),
  unit: Unit,
  year: Int,
  classCode: Str,
  className: Str,
  itemNo: Int,
  title: Str,
  kind: Type.String({ enum: ['disclosure', 'record'] }),
  disclosureId: NStr,
  recordType: NStr,
  formedOn: Str,
  retention: RetentionId,
  retentionLabel: Str,
  keepUntil: Nullable(Type.String({ description: '保管到（永久为空）' })),
  wasPublic: Type.Boolean(),
  paperLocation: NStr,
  pages: Nullable(Int),
  custody: Type.Object({ code: Str, name: Str }, { description: '保管单位（提级管理时为乡镇）' }),
  inCustody: Type.Boolean({ description: '提级管理：由上级乡镇（街道）代管（保管单位不是立档单位）' }),
  status: Type.String({ enum: ['filed', 'destroyed'] }),
  legalHold: Type.Boolean(),
  holdReason: NStr,
  dueForAppraisal: Type.Boolean(),
  filedAt: Str,
  filedBy: NStr,
  isDemo: Type.Boolean(),
  files: Type.Optional(Type.Array(ItemFile)),
};
export const ItemView = Type.Object(itemFields);
export type ItemView = Static<typeof ItemView>;
export const ItemDetail = Type.Object({ ...itemFields, onLoan: Type.Boolean({ description: '已从库房取出未归还' }) });

export const QueueEntry = Type.Object({
  disclosureId: Str,
  unit: Unit,
  title: Str,
  indexNo: NStr,
  itemKey: NStr,
  period: NStr,
  publishedAt: Str,
  displayEnd: Str,
  year: Int,
  proposedClass: Nullable(Type.Object({ code: Str, name: Str, retention: RetentionId, retentionLabel: Str })),
});
export type QueueEntry = Static<typeof QueueEntry>;
export const Queue = Type.Object({ total: Total, items: Type.Array(QueueEntry) });

export const Verify = Type.Object({
  ok: Type.Boolean(),
  files: Type.Array(Type.Object({ seq: Int, name: Str, recorded: NStr, actual: NStr, ok: Type.Boolean() })),
});
export const Browse = Type.Object({ total: Total, items: Type.Array(ItemView) });
export const Volume = Type.Object({
  unitCode: Str,
  unitName: Str,
  year: Int,
  classCode: Str,
  className: Str,
  retentionLabel: Str,
  items: Type.Integer({ description: '件数' }),
  destroyed: Type.Integer({ description: '其中已销毁' }),
});
export type Volume = Static<typeof Volume>;
export const Volumes = Type.Object({ total: Total, items: Type.Array(Volume) });

/* ---------- notice boards ---------- */

const boardFields = {
  id: Str,
  unit: Unit,
  name: Str,
  place: Str,
  personInCharge: Str,
  photoUrl: NStr,
  active: Type.Boolean(),
  lastInspectedOn: NStr,
  inspectionOverdue: Type.Boolean({ description: '超过县级巡查周期未巡查' }),
  isDemo: Type.Boolean(),
};
export const BoardView = Type.Object(boardFields);
export type BoardView = Static<typeof BoardView>;
export const Boards = Type.Object({ total: Total, items: Type.Array(BoardView) });

const inspectionFields = {
  id: Str,
  boardId: Str,
  boardName: Str,
  unitCode: Str,
  kind: Type.String({ enum: ['inspection', 'recheck'] }),
  recheckOf: NStr,
  inspectedOn: Str,
  inspector: Str,
  answers: Type.Array(Type.Object({ key: Type.String({ enum: BOARD_CHECK_KEYS }), label: Str, ok: Type.Boolean() })),
  result: Type.String({ enum: ['pass', 'fail'] }),
  note: NStr,
  orderId: Nullable(Type.String({ description: '整改通知（考评模块的整改工单）' })),
  photos: Type.Array(Type.Object({ id: Str, url: Str, type: Str })),
};
export const InspectionView = Type.Object(inspectionFields);
export type InspectionView = Static<typeof InspectionView>;
export const Recheck = Type.Object({ ...inspectionFields, orderStatus: Str });
export const InspectionDetail = Type.Object({
  ...inspectionFields,
  order: Nullable(Type.Object({ id: Str, serial: Str, status: Str, statusLabel: Str, dueDate: Str })),
});
export type InspectionDetail = Static<typeof InspectionDetail>;

export const BoardDetail = Type.Object({
  ...boardFields,
  content: Type.Array(Type.Object({ id: Str, title: Str, indexNo: NStr, publishedAt: Str, displayEnd: NStr }), {
    description: '应张贴的当前公开内容（含公开栏渠道、公示期未满）',
  }),
  postings: Type.Array(Type.Object({ evidenceId: Str, disclosureId: Str, takenOn: Str, type: Str, attachedAt: Str })),
  inspections: Type.Array(InspectionView),
  checklist: Type.Array(Type.Object({ key: Str, label: Str })),
  canInspect: Type.Boolean(),
  canEdit: Type.Boolean(),
});
export type BoardDetail = Static<typeof BoardDetail>;
export const Posting = Type.Object({ boardId: Str, evidenceId: Str });

/** 公开栏 past the inspection period (the compliance finding). */
export const UninspectedBoards = Type.Object({
  asOf: Str,
  total: Total,
  items: Type.Array(Type.Object({ boardId: Str, boardName: Str, unit: Unit, lastInspectedOn: NStr, finding: Str, link: Str })),
});

/* ---------- reading point and archive room ---------- */

export const VisitView = Type.Object({
  id: Str,
  serial: Type.String({ description: '查阅登记号（本单位按查阅年份编号，如 查阅〔2026〕3号）' }),
  unitCode: Str,
  visitedOn: Str,
  visitor: Type.String({ description: '查阅人（登记记录外只显示姓氏）' }),
  phone: Nullable(Type.String({ description: '联系电话（登记记录外已隐藏）' })),
  purpose: Str,
  items: Type.Array(Type.Object({ id: Str, archivalCode: Str, title: Str })),
  otherMaterial: NStr,
  staffOnDuty: Str,
  masked: Type.Boolean(),
});
export type VisitView = Static<typeof VisitView>;
export const VisitRegister = Type.Object({ unit: Unit, month: Str, total: Total, items: Type.Array(VisitView) });
export type VisitRegister = Static<typeof VisitRegister>;
export const VisitFigures = Type.Object({ items: Type.Array(Type.Object({ unitCode: Str, unitName: Str, visits: Int })) });
export const IdOnly = Type.Object({ id: Str });

export const LedgerEntry = Type.Object({
  id: Str,
  enteredAt: Str,
  leftAt: NStr,
  person: Str,
  reason: Str,
  accompaniedBy: Str,
  items: Type.Array(
    Type.Object({ loanId: Str, itemId: Str, archivalCode: Str, title: Str, takenOn: Str, returnedOn: NStr, returnedTo: NStr, overdue: Type.Boolean() }),
  ),
});
export type LedgerEntry = Static<typeof LedgerEntry>;
export const RoomLedger = Type.Object({
  loanDays: Int,
  total: Total,
  items: Type.Array(LedgerEntry, { description: '出入登记（一页，新的在前）' }),
  overdue: Type.Array(Type.Object({ loanId: Str, archivalCode: Str, title: Str, takenOn: Str, daysOut: Int }), {
    description: `借出逾期的档案（借出最久的在前，最多 ${OVERDUE_SHOWN} 件）`,
  }),
  overdueTotal: Type.Integer({ minimum: 0, description: '借出逾期的档案总数' }),
});
export type RoomLedger = Static<typeof RoomLedger>;

/* ---------- destruction and custody ---------- */

export const DestructionView = Type.Object({
  id: Str,
  serial: Str,
  unit: Unit,
  status: Type.String({ enum: ['proposed', 'approved', 'rejected'] }),
  reason: Str,
  proposedBy: Str,
  proposedById: Type.String({ description: '提出人的用户 id：提出人不能审批自己的清单' }),
  proposedAt: Str,
  decidedBy: NStr,
  decidedAt: NStr,
  comment: NStr,
  items: Type.Array(Type.Object({ id: Str, archivalCode: Str, title: Str, year: Int, className: Str, retentionLabel: Str, keepUntil: NStr }), {
    description: '销毁清单',
  }),
});
export type DestructionView = Static<typeof DestructionView>;
export const Destructions = Type.Object({ total: Total, items: Type.Array(DestructionView) });

export const MoveView = Type.Object({
  id: Str,
  serial: Type.String({ description: '移交编号' }),
  unitCode: Str,
  from: Unit,
  to: Unit,
  movedOn: Str,
  handedBy: Str,
  receivedBy: Str,
  reason: Str,
  items: Type.Array(Type.Object({ id: Str, archivalCode: Str, title: Str, year: Int, className: Str, retentionLabel: Str, paperLocation: NStr })),
});
export type MoveView = Static<typeof MoveView>;
export const Moves = Type.Object({ total: Total, items: Type.Array(MoveView) });
