/**
 * Response schemas (TypeBox) of the assessment (考评 periods, results, manual scores, score cards), rectification
 * (整改) and rollout (标准化推进) routes: exactly the views the commands answer. Each schema is checked at compile time against its TypeScript view (`Same` below), so a field
 * added to a view without its schema fails the type check, and the API contract test checks the real answers.
 * Not a pure `*.schemas.ts` file: the code lists (statuses, batches, checks, indicator kinds) are the commands' own
 * constants.
 */
import { Type, type Static } from 'typebox';
import { Nullable, oneOf, type Same } from '../../platform/http/schemas.ts';
import type { Evidence } from './evidence.ts';
import { ORDER_STATUSES, type OrderStatus, type OrderView } from './rectification.ts';
import { BATCH_KEYS, CHECK_KEYS, type BatchKey, type CheckKey, type RolloutOverview, type RolloutUnitDetail, type UnitProgress } from './rollout.ts';
import { INDICATOR_KIND_IDS, INDICATOR_KINDS, UNIT_GROUPS, VETO_FIGURES, type IndicatorSet, type UnitGroup, type VetoFigure } from './assessment.rules.ts';
import type { AssessmentView, ManualScoreView, PeriodKind, PeriodView, ScoreCard } from './assessment.service.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());

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

/** POST /api/v1/assessments/evidence-files: the stored file, to be cited as evidence by its id. */
export const EvidenceFileSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String({ description: '按内容判断的文件类型（pdf、png、jpeg、docx、xlsx）' }),
  size: Type.Integer(),
  url: Type.String({ description: '下载地址' }),
});
export type EvidenceFile = Static<typeof EvidenceFileSchema>;

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

/* ---------- 考评: periods, results, manual scores, score cards ---------- */

export const IndicatorSchema = Type.Object(
  {
    key: Type.String({ maxLength: 40 }),
    name: Type.String({ maxLength: 60 }),
    kind: oneOf(
      INDICATOR_KIND_IDS,
      Object.entries(INDICATOR_KINDS)
        .map(([k, v]) => `${k}：${v.label}`)
        .join('；'),
    ),
    weight: Type.Number({ minimum: 0, maximum: 100 }),
    appliesTo: Type.Array(oneOf(Object.keys(UNIT_GROUPS) as UnitGroup[]), { maxItems: 3, uniqueItems: true }),
    full: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: '满分线（比例，%），默认100' })),
    zero: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: '零分线（比例，%），默认0' })),
    whenNoData: Type.Optional(oneOf(['full', 'exclude'], '本期无应计事项时：full 按满分计；exclude 不计入并折算')),
    veto: Type.Optional(
      Type.Object(
        { figure: oneOf(Object.keys(VETO_FIGURES) as VetoFigure[]), atLeast: Type.Integer({ minimum: 0, maximum: 100000 }) },
        { additionalProperties: false },
      ),
    ),
    description: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
/** An indicator set as the commands accept and answer it (also the request body of a new or edited period). */
export const IndicatorSetSchema = Type.Object(
  {
    passMark: Type.Number({ minimum: 0, maximum: 100 }),
    grades: Type.Optional(
      Type.Array(Type.Object({ min: Type.Number({ minimum: 0, maximum: 100 }), label: Type.String({ maxLength: 20 }) }, { additionalProperties: false }), {
        maxItems: 5,
      }),
    ),
    indicators: Type.Array(IndicatorSchema, { maxItems: 40 }),
  },
  { additionalProperties: false },
);
/** A period as the commands answer it (PeriodView): its indicator set in the shape it was saved in. */
export const PeriodSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: oneOf<PeriodKind>(['quarter', 'year']),
  startDate: Type.String(),
  endDate: Type.String(),
  status: oneOf<PeriodView['status']>(['open', 'closed']),
  statusLabel: Type.String(),
  rootCode: Type.String({ description: '考评范围的上级单位' }),
  set: IndicatorSetSchema,
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  reopenCount: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String(),
});

const Group = oneOf(Object.keys(UNIT_GROUPS) as UnitGroup[]);
const Num = Type.Number();
const NNum = Nullable(Type.Number());

const RankRowSchema = Type.Object({
  rank: Type.Integer(),
  code: Str,
  name: Str,
  parentName: NStr,
  total: Num,
  grade: Str,
  passed: Type.Boolean(),
  vetoed: Type.Boolean(),
  incomplete: Type.Boolean({ description: '人工评分未录完' }),
});

export const AssessmentViewSchema = Type.Object({
  period: PeriodSchema,
  frozen: Type.Boolean({ description: '考评已结束，结果为结束时的数据快照' }),
  computedAt: Str,
  asOf: Str,
  notes: Type.Array(Str),
  summary: Type.Array(
    Type.Object({
      group: Group,
      label: Str,
      units: Type.Integer(),
      passed: Type.Integer(),
      failed: Type.Integer(),
      vetoed: Type.Integer(),
      incomplete: Type.Integer(),
      average: NNum,
    }),
  ),
  rankings: Type.Array(Type.Object({ group: Group, label: Str, items: Type.Array(RankRowSchema) })),
  villagesByTown: Type.Array(Type.Object({ town: Type.Object({ code: Str, name: Str }), items: Type.Array(RankRowSchema) })),
  canManage: Type.Boolean(),
});

export const ManualScoreSchema = Type.Object({
  indicatorKey: Str,
  unitCode: Str,
  value: Type.Number({ description: '得分比例 0–100（%）；单项否决：100 触发，0 未触发' }),
  evidence: Type.Array(EvidenceSchema),
});

const FigureCount = Type.Integer();
export const ScoreCardSchema = Type.Object({
  period: PeriodSchema,
  frozen: Type.Boolean(),
  computedAt: Str,
  asOf: Str,
  unit: Type.Object({ code: Str, name: Str, kind: Str, group: Group, groupLabel: Str, parentName: NStr, isDemo: Type.Boolean() }),
  total: Num,
  countedWeight: Num,
  grade: Str,
  passed: Type.Boolean(),
  vetoed: Type.Boolean(),
  vetoReasons: Type.Array(Str),
  incomplete: Type.Boolean(),
  rank: Type.Integer(),
  rankOf: Type.Integer(),
  townRank: Nullable(Type.Integer()),
  townRankOf: Nullable(Type.Integer()),
  figures: Nullable(
    Type.Object(
      {
        due: FigureCount,
        onTime: FigureCount,
        late: FigureCount,
        overdue: FigureCount,
        displayShort: FigureCount,
        missingChannel: FigureCount,
        applicable: FigureCount,
        covered: FigureCount,
        boardInspections: Type.Optional(FigureCount),
        boardInspectionsFailed: Type.Optional(FigureCount),
      },
      { description: '评分所用的监测数据（公开栏巡查数来自档案模块，旧快照中没有）' },
    ),
  ),
  complianceUrl: NStr,
  results: Type.Array(
    Type.Object({
      key: Str,
      name: Str,
      kind: Str,
      kindLabel: Str,
      weight: Num,
      status: Str,
      ratio: NNum,
      numerator: NNum,
      denominator: NNum,
      points: NNum,
      explanation: Str,
      evidence: Type.Array(Type.Object({ label: Str, url: Str })),
      manual: Nullable(Type.Object({ value: Num, note: NStr, enteredBy: NStr, enteredAt: Str })),
    }),
  ),
  notes: Type.Array(Str),
  canEnter: Type.Boolean(),
});

/** GET /api/v1/assessments: the periods, the county template and the codes the indicator-set editor offers. */
export const AssessmentMetaSchema = Type.Object({
  items: Type.Array(PeriodSchema),
  template: IndicatorSetSchema,
  kinds: Type.Array(
    Type.Object({
      kind: Type.String(),
      label: Type.String(),
      provider: Nullable(Type.String({ description: '提供数据的模块' })),
      formula: Type.String(),
    }),
  ),
  groups: Type.Array(Type.Object({ key: Group, label: Type.String() })),
  vetoFigures: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
});
export type AssessmentMeta = Static<typeof AssessmentMetaSchema>;

export const schemasMatchViews: [
  Same<Static<typeof EvidenceSchema>, Evidence>,
  Same<Static<typeof OrderSchema>, OrderView>,
  Same<Static<typeof RolloutOverviewSchema>, RolloutOverview>,
  Same<Static<typeof RolloutUnitDetailSchema>, RolloutUnitDetail>,
  Same<Static<typeof IndicatorSetSchema>, IndicatorSet>,
  Same<Static<typeof PeriodSchema>, PeriodView>,
  Same<Static<typeof AssessmentViewSchema>, AssessmentView>,
  Same<Static<typeof ManualScoreSchema>, ManualScoreView>,
  Same<Static<typeof ScoreCardSchema>, ScoreCard>,
] = [true, true, true, true, true, true, true, true, true];
