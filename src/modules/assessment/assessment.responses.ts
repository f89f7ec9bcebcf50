/**
 * Response schemas (TypeBox) of the rectification (整改) and rollout (标准化推进) routes: exactly the views the
 * commands answer. Each schema is checked at compile time against its TypeScript view (`Same` below), so a field
 * added to a view without its schema fails the type check, and the API contract test checks the real answers.
 * Not a pure `*.schemas.ts` file: the code lists (statuses, batches, checks) are the commands' own constants.
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { Evidence } from './evidence.ts';
import { ORDER_STATUSES, type OrderStatus, type OrderView } from './rectification.ts';
import { BATCH_KEYS, CHECK_KEYS, type BatchKey, type CheckKey, type RolloutOverview, type RolloutUnitDetail, type UnitProgress } from './rollout.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());
/** One of a fixed set of codes (typed as their union). */
const oneOf = <K extends string>(keys: readonly K[]) => Type.Unsafe<K>({ type: 'string', enum: [...keys] });

export const EvidenceSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('file'),
    fileId: Str,
    name: Str,
    type: Type.String({ description: '文件类型（pdf、png、jpeg、docx、xlsx）' }),
    size: Type.Integer(),
    url: Str,
  }),
  Type.Object({ kind: Type.Literal('link'), url: Str, label: Str }),
]);

export const OrderStepSchema = Type.Object({
  seq: Type.Integer(),
  action: Str,
  actionLabel: Str,
  actor: NStr,
  at: Str,
  comment: NStr,
  evidence: Type.Array(EvidenceSchema),
});

export const OrderSchema = Type.Object({
  id: Str,
  serial: Type.String({ description: '整改通知编号，如 整改〔2026〕3号' }),
  unit: Type.Object({ code: Str, name: Str }),
  title: Str,
  problem: Str,
  obligationRef: NStr,
  findingRef: NStr,
  issuedOn: Str,
  workingDays: Type.Integer(),
  dueDate: Str,
  dueProvisional: Type.Boolean({ description: '期限所跨年份的节假日尚未录入，按周末规则推算' }),
  status: oneOf(Object.keys(ORDER_STATUSES) as OrderStatus[]),
  statusLabel: Str,
  round: Type.Integer({ description: '第几轮整改（复核未通过退回后加一）' }),
  overdue: Type.Boolean(),
  createdAt: Str,
  createdBy: NStr,
  updatedAt: Str,
  steps: Type.Optional(Type.Array(OrderStepSchema)),
  can: Type.Object({ respond: Type.Boolean(), close: Type.Boolean(), reopen: Type.Boolean() }),
});

const Progress = oneOf<UnitProgress>(['complete', 'in_progress', 'not_started']);
const Batch = oneOf<BatchKey>(BATCH_KEYS);
const Check = oneOf<CheckKey>(CHECK_KEYS);

const rolloutUnitFields = {
  code: Str,
  name: Str,
  town: Nullable(Type.Object({ code: Str, name: Str })),
  batch: Batch,
  batchLabel: Str,
  batchIsDemo: Type.Boolean(),
  batchNote: NStr,
  checks: Type.Record(Type.String(), Type.Object({ done: Type.Boolean(), doneOn: NStr, isDemo: Type.Boolean() }), {
    description: '各检查项的完成情况（按检查项代码）',
  }),
  doneCount: Type.Integer(),
  status: Progress,
  statusLabel: Str,
  late: Type.Boolean({ description: '批次期限已过仍未达标' }),
};
export const RolloutUnitSchema = Type.Object(rolloutUnitFields);

export const RolloutOverviewSchema = Type.Object({
  asOf: Str,
  batches: Type.Array(
    Type.Object({
      key: Batch,
      label: Str,
      text: Str,
      source: Str,
      lateAfter: NStr,
      units: Type.Integer(),
      complete: Type.Integer(),
      inProgress: Type.Integer(),
      notStarted: Type.Integer(),
      late: Type.Integer(),
    }),
  ),
  checks: Type.Array(Type.Object({ key: Check, label: Str, short: Str, source: Str, done: Type.Integer() })),
  towns: Type.Array(
    Type.Object({ code: Str, name: Str, villages: Type.Integer(), complete: Type.Integer(), secondBatch: Type.Array(Type.Object({ code: Str, name: Str })) }),
  ),
  units: Type.Array(RolloutUnitSchema),
  demoNote: NStr,
});

export const RolloutUnitDetailSchema = Type.Object({
  ...rolloutUnitFields,
  items: Type.Array(
    Type.Object({
      key: Check,
      label: Str,
      short: Str,
      source: Str,
      done: Type.Boolean(),
      doneOn: NStr,
      note: NStr,
      evidence: Type.Array(EvidenceSchema),
      isDemo: Type.Boolean(),
      updatedBy: NStr,
      updatedAt: NStr,
    }),
  ),
  canEdit: Type.Boolean(),
  canAssignBatch: Type.Boolean(),
  batchSource: Str,
  batchText: Str,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemasMatchViews: [
  Same<Static<typeof EvidenceSchema>, Evidence>,
  Same<Static<typeof OrderSchema>, OrderView>,
  Same<Static<typeof RolloutOverviewSchema>, RolloutOverview>,
  Same<Static<typeof RolloutUnitDetailSchema>, RolloutUnitDetail>,
] = [true, true, true, true];
