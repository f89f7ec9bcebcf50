/**
 * TypeBox schemas of the 政民互动 answers: the routes serialize with them, the OpenAPI document is generated from
 * them, and the admin SPA imports their static types (type-only). Pure: imports nothing but TypeBox, the shared
 * HTTP schema helpers and the module's vocabulary (data).
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import { CASE_KINDS, RATINGS } from './interaction.types.ts';
import { STATUSES } from './interaction.workflow.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());
const Int = Type.Integer();
const Bool = Type.Boolean();
const CodeLabel = { code: Str, label: Str };
const UnitRef = Type.Object({ code: Str, name: Str });
const Kind = Type.String({ enum: CASE_KINDS.map((k) => k.code), description: '询问 question、咨询 consult、建议 suggestion、投诉 complaint' });
const Status = Type.String({ enum: [...STATUSES] });

/* ---------- settings and vocabulary ---------- */

export const TimeLimit = Type.Object({
  days: Int,
  unit: Type.String({ enum: ['working', 'calendar'], description: 'working 工作日（法定工作日历）；calendar 自然日' }),
  source: Type.String({ description: '依据；无上位依据的写明“县级自定”' }),
});

export const Settings = Type.Object({
  limits: Type.Object({ question: TimeLimit, consult: TimeLimit, suggestion: TimeLimit, complaint: TimeLimit }),
  investigation: TimeLimit,
  orderWorkingDays: Type.Integer({ description: '责令更正的默认期限（工作日）' }),
  boxOpeningMaxDays: Type.Integer({ description: '意见箱超过多少天未开箱在督查中列出' }),
  knowledgeReviewDays: Type.Integer({ description: '知识清单条目多少天未复核标为待复核' }),
  misconductNotice: Type.String({ description: '表单上说明违纪违法举报去向的文字' }),
  domainRoutes: Type.Array(
    Type.Object({ domainCode: Type.String(), unitCode: Type.String(), source: Type.String({ description: '依据（默认值为县级自定）' }) }),
    { description: '按公开领域分派：未指定单位或向县政府反映的咨询、建议、投诉交给负责该领域的单位' },
  ),
});
export type Settings = Static<typeof Settings>;

export const SettingsView = Type.Object({ settings: Settings, defaults: Settings });
export type SettingsView = Static<typeof SettingsView>;

export const Vocabulary = Type.Object({
  kinds: Type.Array(Type.Object({ ...CodeLabel, help: Str })),
  channels: Type.Array(Type.Object(CodeLabel)),
  staffChannels: Type.Array(Str),
  ratings: Type.Array(Type.Object(CodeLabel)),
  statuses: Type.Array(Type.Object(CodeLabel)),
  transitions: Type.Array(
    Type.Object({
      action: Str,
      label: Str,
      from: Type.Array(Str),
      to: Nullable(Type.String({ description: 'null：由办理结果决定（评价的后果）' })),
      by: Type.String({ enum: ['handler', 'origin', 'asker'] }),
      kinds: Type.Optional(Type.Array(Str)),
    }),
  ),
  settings: Settings,
});
export type Vocabulary = Static<typeof Vocabulary>;

/* ---------- staff views ---------- */

export const CaseListItem = Type.Object({
  id: Str,
  caseNo: Type.String({ description: '编号，如 互2026-00001' }),
  kind: Kind,
  kindText: Str,
  status: Status,
  statusText: Str,
  unit: UnitRef,
  originUnit: UnitRef,
  channelText: Str,
  subject: NStr,
  excerpt: Str,
  receivedOn: Str,
  dueOn: NStr,
  overdue: Bool,
  isDemo: Bool,
});
export type CaseListItem = Static<typeof CaseListItem>;
export const CaseList = Type.Object({ total: Int, items: Type.Array(CaseListItem) });
export type CaseList = Static<typeof CaseList>;

const CorrectionLink = Type.Object({
  id: Str,
  status: Type.String({ enum: ['pending', 'approved', 'rejected'] }),
  statusText: Str,
  version: Type.Integer({ description: '更正生效后的公开版本号' }),
  disclosureUrl: Str,
});

/** What a history step records besides its note (by action). */
const StepDetail = Type.Object({
  investigationId: Type.Optional(Str),
  investigators: Type.Optional(Str),
  investigatedOn: Type.Optional(Str),
  order: Type.Optional(Str),
  orderDueOn: Type.Optional(NStr),
  files: Type.Optional(Type.Integer({ description: '证据材料份数' })),
  effect: Type.Optional(Type.String({ description: '评价的后果：close 办结、reopen 重新办理、escalate 转上级、final 最终评价' })),
  fromUnit: Type.Optional(Str),
  toUnit: Type.Optional(Str),
  toUnitName: Type.Optional(Str),
  facts: Type.Optional(Str),
  into: Type.Optional(Str),
  from: Type.Optional(Str),
  disclosureId: Type.Optional(Str),
  correctionId: Type.Optional(Str),
  reason: Type.Optional(Str),
  routedBy: Type.Optional(Type.String({ description: 'domain：按公开领域分派' })),
  domainCode: Type.Optional(Str),
  version: Type.Optional(Type.Integer({ description: '更正选登的答复：更正后的第几版' })),
  before: Type.Optional(Type.String({ description: '更正前的答复' })),
  after: Type.Optional(Type.String({ description: '更正后的答复' })),
  on: Type.Optional(Str),
});
export type StepDetail = Static<typeof StepDetail>;

export const CaseDetail = Type.Object({
  id: Str,
  caseNo: Str,
  kind: Kind,
  kindText: Str,
  status: Status,
  statusText: Str,
  unit: UnitRef,
  originUnit: UnitRef,
  channel: Str,
  channelText: Str,
  subject: NStr,
  content: Str,
  asker: Type.Object({ name: NStr, phone: NStr }, { description: '只有工作人员可见' }),
  publishConsent: Bool,
  published: Bool,
  publicationWithdrawn: Nullable(Type.Object({ on: Str, reason: Str }, { description: '选登已撤回：撤回日期和公开的理由' })),
  disclosure: Nullable(
    Type.Object({
      id: Str,
      version: Nullable(Int),
      url: Str,
      line: Nullable(Type.Object({ kind: NStr, no: Nullable(Int), text: Str })),
    }),
  ),
  receivedOn: Str,
  dueOn: NStr,
  dueProvisional: Bool,
  overdue: Bool,
  answer: NStr,
  facts: NStr,
  outcome: NStr,
  outcomeText: NStr,
  answeredOn: NStr,
  answeredBy: NStr,
  correction: Nullable(CorrectionLink),
  rating: Nullable(Type.String({ description: `评价：${RATINGS.map((r) => `${r.code} ${r.label}`).join('、')}；未评价为 null` })),
  ratingText: NStr,
  ratingReason: NStr,
  reopenCount: Int,
  escalationLevel: Int,
  mergedInto: NStr,
  merged: Type.Array(Type.Object({ id: Str, caseNo: Str })),
  investigations: Type.Array(Type.Object({ id: Str, investigators: Str, investigatedOn: Str, findings: Str, order: Str, orderDueOn: NStr, orderDoneOn: NStr })),
  files: Type.Array(Type.Object({ id: Str, name: Str, type: Str, size: Int, investigationId: NStr })),
  steps: Type.Array(Type.Object({ action: Str, fromStatus: NStr, toStatus: Str, unit: Str, actor: NStr, note: NStr, at: Str, detail: Nullable(StepDetail) })),
  nextActions: Type.Array(
    Type.String({
      description:
        '当前账号可以办理的操作（accept、return、transfer、answer、verify、correct、merge、investigate、publish、correct-publication、withdraw-publication）',
    }),
  ),
  duplicates: Type.Array(Type.Object({ id: Str, caseNo: Str, similarity: Type.Number({ description: '文字相似度 0–1' }), excerpt: Str, status: Str })),
});
export type CaseDetail = Static<typeof CaseDetail>;

/* ---------- the person (tracking) ---------- */

export const TrackView = Type.Object({
  caseNo: Str,
  kind: Kind,
  kindText: Str,
  status: Status,
  statusText: Str,
  unitName: Str,
  originUnitName: Str,
  subject: NStr,
  content: Str,
  line: NStr,
  receivedOn: Str,
  dueOn: NStr,
  dueProvisional: Bool,
  answer: NStr,
  facts: NStr,
  outcomeText: NStr,
  answeredOn: NStr,
  answeredBy: NStr,
  disclosure: Nullable(Type.Object({ url: Str })),
  correction: Nullable(CorrectionLink),
  rating: NStr,
  canRate: Bool,
  ratingIsFinal: Bool,
  canReportUnanswered: Bool,
  timeline: Type.Array(Type.Object({ on: Str, text: Str })),
});
export type TrackView = Static<typeof TrackView>;

/* ---------- public ---------- */

export const PublicCase = Type.Object({
  id: Str,
  caseNo: Str,
  kindText: Str,
  unitName: Str,
  answeredBy: NStr,
  subject: NStr,
  question: Str,
  line: NStr,
  answer: Str,
  outcomeText: NStr,
  receivedOn: Str,
  answeredOn: NStr,
  disclosureUrl: NStr,
  withdrawn: Nullable(Type.Object({ on: Str, reason: Str }, { description: '选登已撤回：撤回日期和理由（此时不再显示内容和答复，question、answer 为空）' })),
  corrections: Type.Array(Type.Object({ version: Int, on: Str, reason: Str, earlierAnswer: Str }), {
    description: '选登后对答复的更正（按时间先后）：第几版、更正日期、公开的更正理由和被更正前的答复；answer 是最新一版',
  }),
});
export const PublicCaseList = Type.Object({ total: Int, items: Type.Array(PublicCase) });

const figureFields = {
  received: Int,
  answered: Int,
  answeredOnTime: Int,
  overdue: Type.Integer({ description: '逾期答复或超过期限仍未答复' }),
  open: Int,
  rated: Int,
  satisfied: Int,
  basic: Int,
  unsatisfied: Int,
  satisfactionRate: Nullable(Type.Number({ description: '（满意＋基本满意）／已评价，0–1；无评价时为 null' })),
};
export const Figures = Type.Object(figureFields);
export const CaseFigures = Type.Object({ ...figureFields, caseNos: Type.Array(Type.String({ description: '统计所依据的事项编号' })) });
export const MonthlyFigures = Type.Object({ month: Str, units: Type.Array(Type.Object({ code: Str, name: Str, figures: Figures })), total: Figures });

/* ---------- knowledge list ---------- */

export const Knowledge = Type.Object({
  id: Str,
  unit: UnitRef,
  question: Str,
  answer: Str,
  legalBasis: NStr,
  itemKey: NStr,
  policy: Nullable(Type.Object({ id: Str, title: Str, validityText: Str }, { description: '所引用的政策文件（更正、时效变化或撤回后标为待复核）' })),
  sourceCaseId: NStr,
  status: Type.String({ enum: ['draft', 'published', 'withdrawn'] }),
  statusText: Str,
  reviewedOn: Str,
  publishedAt: NStr,
  needsReview: Type.Array(Type.String({ description: '需要复核的原因' })),
  url: Str,
  isDemo: Bool,
});
export type Knowledge = Static<typeof Knowledge>;
export const KnowledgeList = Type.Object({ total: Int, items: Type.Array(Knowledge) });
export type KnowledgeList = Static<typeof KnowledgeList>;
export const KnowledgeEntry = Type.Object({ ...Knowledge.properties, canEdit: Bool });

/* ---------- templates, 意见箱 ---------- */

export const Template = Type.Object({ id: Str, kind: Str, title: Str, body: Str });
export type Template = Static<typeof Template>;
export const TemplatesSaved = Type.Object({ count: Int });

export const Box = Type.Object({
  id: Str,
  unit: UnitRef,
  boardId: NStr,
  board: Nullable(Type.Object({ id: Str, name: Str, place: Str, active: Bool }, { description: '所在公开栏（档案模块登记的公开栏）' })),
  location: Str,
  active: Type.Boolean({ description: '在用（停用的不再计入未按期开箱）' }),
  installedOn: Str,
  lastOpenedOn: NStr,
  openings: Int,
  overdue: Type.Boolean({ description: '超过规定天数未开箱' }),
  overdueSince: NStr,
  isDemo: Bool,
});
export type Box = Static<typeof Box>;
export const BoxDetail = Type.Object({
  ...Box.properties,
  canRecord: Bool,
  openingsList: Type.Array(
    Type.Object({ id: Str, openedOn: Str, witnesses: Type.Array(Str), slipCount: Int, entered: Type.Integer({ description: '已登记的意见条' }), note: NStr }),
  ),
});
export type BoxDetail = Static<typeof BoxDetail>;
