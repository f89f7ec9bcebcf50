/**
 * Response schemas (TypeBox) of the disclosure routes: exactly the views the queries answer (the staff and public
 * views of a record, its list row, the to-do list, the verification). Each schema is held equal to its TypeScript
 * view at compile time (`Same` below): a field added to a view without its schema fails the type check (the
 * serializer would otherwise drop it silently), and the API contract test checks the real answers. Beside the
 * commands, not in the pure publishing.schemas.ts: the status lists are the workflow's own constants.
 */
import { Type, type Static } from 'typebox';
import { Nullable, oneOf, type Same } from '../../platform/http/schemas.ts';
import { CONTRIBUTION_KINDS } from '../../platform/workflow/signoff.ts';
import { STATUSES } from './disclosure.statuses.ts';
import type { CatalogKind } from './disclosure.workflow.ts';
import {
  PUBLIC_STATUSES,
  type DisplayInfo,
  type ListItem,
  type PublicDisclosure,
  type StaffDisclosure,
  type TodoView,
  type Verification,
} from './disclosure.queries.ts';
import { DisclosureDataSchema, FieldDiffSchema } from './publishing.schemas.ts';
import type { DisclosureData } from './data/structured.ts';
import type { StaffAttachment } from './data/data.queries.ts';
import type { FieldDiff } from './disclosure.content.ts';
import type { PiiHitView } from './disclosure.commands.ts';

export const DisplaySchema = Type.Object({
  start: Nullable(Type.String()),
  end: Nullable(Type.String()),
  minEnd: Nullable(Type.String()),
  periodText: Nullable(Type.String({ description: '公示期，如“2026年11月26日至2026年12月7日”' })),
  ruleText: Nullable(Type.String()),
  provisional: Nullable(Type.String({ description: '节假日安排未公布时的说明（日期为暂定）' })),
  phase: oneOf<DisplayInfo['phase']>(['current', 'archive', 'withdrawn', 'unpublished']),
  label: Type.String(),
});

export const PublicSchema = Type.Object({
  id: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  indexNo: Type.String({ description: '索引号' }),
  title: Type.String(),
  docNo: Nullable(Type.String({ description: '文号' })),
  formedOn: Type.String({ description: '生成日期' }),
  publishedAt: Type.String(),
  status: oneOf(PUBLIC_STATUSES),
  itemKey: Nullable(Type.String()),
  period: Nullable(Type.String()),
  channels: Type.Array(Type.String()),
  display: DisplaySchema,
  bodyHtml: Type.String({ description: '正文（已遮盖个人信息）' }),
  version: Type.Integer(),
  corrected: Type.Boolean(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      at: Type.String(),
      reason: Nullable(Type.String()),
      contentHash: Type.String(),
      changes: Type.Array(FieldDiffSchema),
    }),
  ),
  withdrawal: Nullable(Type.Object({ at: Type.String(), reason: Type.String() })),
  contentHash: Type.String(),
  verifyUrl: Type.String(),
  tables: Type.Array(DisclosureDataSchema, { description: '结构化表格（财务收支明细、名单），个人信息已遮盖' }),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      type: Type.String(),
      typeText: Type.String(),
      size: Type.Integer(),
      viewUrl: Nullable(Type.String()),
      downloadUrl: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  boardPostedOn: Nullable(Type.String({ description: '公开栏张贴拍照存证日期（最早）' })),
});

/** An attachment as its record's staff see it (also the answer of the attachment upload and review). */
export const StaffAttachmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  extractionNote: Nullable(Type.String()),
  review: Nullable(Type.Object({ action: Type.String(), text: Type.String(), reason: Nullable(Type.String()), at: Type.String() })),
  createdAt: Type.String(),
  url: Type.String(),
});

/** The answer of the finance statement upload (amounts in 分). */
export const FinanceStatementUploadSchema = Type.Object(
  {
    lines: Type.Integer(),
    totals: Type.Object({ income: Type.Integer(), expense: Type.Integer() }),
    openingBalance: Type.Integer(),
    closingBalance: Type.Integer(),
  },
  { description: '金额单位：分' },
);
export type FinanceStatementUpload = Static<typeof FinanceStatementUploadSchema>;

/** The answer of the recipient list upload: the columns kept and the ones dropped. */
export const RecipientListUploadSchema = Type.Object({
  listType: Type.String(),
  columns: Type.Array(Type.String()),
  rows: Type.Integer(),
  dropped: Type.Array(Type.String({ description: '已删除的栏目' })),
});
export type RecipientListUpload = Static<typeof RecipientListUploadSchema>;

export const StaffSchema = Type.Object({
  id: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  catalog: oneOf<CatalogKind>(['village', 'government']),
  status: oneOf(STATUSES),
  statusText: Type.String(),
  itemKey: Nullable(Type.String()),
  itemId: Nullable(Type.String()),
  period: Nullable(Type.String()),
  eventId: Nullable(Type.String()),
  title: Type.String(),
  docNo: Nullable(Type.String()),
  formedOn: Type.String(),
  bodyHtml: Type.String({ description: '原文（未遮盖，仅本单位工作人员可见）' }),
  channels: Type.Array(Type.String()),
  scheduledAt: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  steps: Type.Array(
    Type.Object({
      action: Type.String(),
      fromStatus: Type.String(),
      toStatus: Type.String(),
      actorName: Nullable(Type.String()),
      role: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  piiDecisions: Type.Integer(),
  tables: Type.Array(DisclosureDataSchema, { description: '结构化表格原文（未遮盖，仅本单位工作人员可见）' }),
  attachments: Type.Array(StaffAttachmentSchema),
  public: Nullable(PublicSchema),
  contributors: Type.Array(
    Type.Object({
      userId: Type.String(),
      displayName: Nullable(Type.String()),
      kind: oneOf(CONTRIBUTION_KINDS, '起草 / 修改 / 提交'),
      firstAt: Type.String(),
      lastAt: Type.String(),
      lastAction: Type.String(),
      times: Type.Integer(),
    }),
    { description: '经手人：起草、修改、提交过本版本的人员（两人审核：他们不能审核本版本）' },
  ),
  corrections: Type.Array(
    Type.Object({
      id: Type.String(),
      version: Type.Integer(),
      status: Type.String({ enum: ['pending', 'approved', 'rejected'] }),
      statusText: Type.String(),
      title: Type.String(),
      docNo: Nullable(Type.String()),
      bodyHtml: Type.String(),
      reason: Type.String(),
      proposedBy: Type.String(),
      proposedByName: Nullable(Type.String()),
      proposedAt: Type.String(),
      decidedByName: Nullable(Type.String()),
      decidedAt: Nullable(Type.String()),
      comment: Nullable(Type.String()),
    }),
    { description: '更正申请（最新在前）' },
  ),
});

export const DetailSchema = Type.Object({ public: Nullable(PublicSchema), staff: Nullable(StaffSchema) });

export const ListItemSchema = Type.Object({
  id: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  title: Type.String(),
  indexNo: Nullable(Type.String()),
  status: Type.String(),
  statusText: Type.String(),
  publishedAt: Nullable(Type.String()),
  itemKey: Nullable(Type.String()),
  period: Nullable(Type.String()),
  displayLabel: Type.String(),
  periodText: Nullable(Type.String()),
  corrected: Type.Boolean(),
});

export const TodoSchema = Type.Object({
  owed: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      itemKey: Type.String(),
      itemName: Type.String(),
      period: Type.String(),
      periodLabel: Type.String(),
      dueDate: Type.String(),
      overdue: Type.Boolean(),
      provisional: Type.Boolean(),
    }),
  ),
  returned: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), unitCode: Type.String(), comment: Nullable(Type.String()), at: Type.String() })),
  toReview: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      unitCode: Type.String(),
      unitName: Type.String(),
      status: Type.String(),
      submittedAt: Nullable(Type.String()),
    }),
  ),
});

export const VerificationSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  indexNo: Type.String(),
  version: Type.Integer(),
  computedHash: Type.String(),
  auditEvent: Nullable(Type.Object({ seq: Type.Integer(), action: Type.String(), occurredAt: Type.String(), contentHash: Type.String() })),
  matches: Type.Boolean(),
  chainOk: Type.Boolean(),
  chainCount: Type.Integer(),
});

/** POST /api/v1/disclosures/:id/pii-scan: the staff's personal-data check (with the original values). */
export const PiiScanSchema = Type.Object({
  unresolved: Type.Integer(),
  hits: Type.Array(
    Type.Object({
      field: Type.String({ description: 'title | body | table | attachment' }),
      location: Type.String({ description: '位置，如“财务收支明细Excel第5行 摘要”' }),
      kind: Type.String(),
      label: Type.String(),
      fingerprint: Type.String(),
      value: Type.String(),
      masked: Type.String(),
      decision: Nullable(Type.Object({ action: oneOf(['mask', 'allow'] as const), reason: Nullable(Type.String()), at: Type.String() })),
    }),
  ),
});

export const schemasMatchViews: [
  Same<Static<typeof DisclosureDataSchema>, DisclosureData>,
  Same<Static<typeof FieldDiffSchema>, FieldDiff>,
  Same<Static<typeof DisplaySchema>, DisplayInfo>,
  Same<Static<typeof PublicSchema>, PublicDisclosure>,
  Same<Static<typeof StaffAttachmentSchema>, StaffAttachment>,
  Same<Static<typeof StaffSchema>, StaffDisclosure>,
  Same<Static<typeof DetailSchema>, { public: PublicDisclosure | null; staff: StaffDisclosure | null }>,
  Same<Static<typeof ListItemSchema>, ListItem>,
  Same<Static<typeof TodoSchema>, TodoView>,
  Same<Static<typeof VerificationSchema>, Verification>,
  Same<Static<typeof PiiScanSchema>, { hits: PiiHitView[]; unresolved: number }>,
] = [true, true, true, true, true, true, true, true, true, true, true];
