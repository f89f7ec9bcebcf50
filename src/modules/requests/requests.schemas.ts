/**
 * TypeBox schemas of the 依申请公开 API: the routes validate and serialize with them, the OpenAPI document is
 * generated from them, and the admin SPA imports their static types (type-only). Pure: imports nothing but
 * TypeBox, the shared HTTP schema helpers and the module's vocabulary (data: request.types.ts, the annual report's
 * counting options in report.tables.ts).
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import { APPLICANT_KINDS, DELIVERY_METHODS, INFORMATION_FORMS, LETTER_KINDS } from './request.types.ts';
import { REMEDY_COUNTING } from './annual-report/report.tables.ts';

const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
const Str = Type.String();
const NStr = Nullable(Type.String());
const CodeLabel = { code: Str, label: Str };

/* ---------- requests ---------- */

export const Applicant = Type.Object(
  {
    name: Text(100, '姓名或名称'),
    idType: Text(40, '证件类型，如“居民身份证”“统一社会信用代码”'),
    idNumber: Text(40, '证件号码'),
    legalRepresentative: Type.Optional(Nullable(Text(100, '法定代表人或负责人'))),
    contactPerson: Type.Optional(Nullable(Text(100, '联系人'))),
    phone: Text(30, '联系电话'),
    email: Type.Optional(Nullable(Text(200))),
    address: Type.Optional(Nullable(Text(300, '通信地址'))),
    postcode: Type.Optional(Nullable(Text(10))),
  },
  { additionalProperties: false },
);
export type Applicant = Static<typeof Applicant>;

/** The fields every application has, online or registered by staff. */
export const applicationFields = {
  unitCode: Text(64, '受理机关代码'),
  applicantKind: Type.String({ enum: APPLICANT_KINDS.map((k) => k.code), description: '申请人类型（年报表三的列）' }),
  applicant: Applicant,
  infoDescription: Text(4000, '所需政府信息的名称、文号或其他特征性描述'),
  infoDocNumber: Type.Optional(Nullable(Text(100, '文号'))),
  infoForm: Type.String({ enum: INFORMATION_FORMS.map((f) => f.code) }),
  deliveryMethod: Type.String({ enum: DELIVERY_METHODS.map((m) => m.code) }),
  needsAssistance: Type.Optional(Type.Boolean({ description: '阅读困难或视听障碍，需要帮助（条例第四十三条）' })),
};

/* ---------- responses ---------- */

export const IntakeResponse = Type.Object({
  id: Str,
  regNo: Type.String({ description: '登记编号' }),
  trackingCode: Type.String({ description: '查询码' }),
  trackingSecret: Type.String({ description: '查询密码（只显示这一次，请妥善保存）' }),
  status: Str,
  receivedOn: NStr,
  dueOn: NStr,
});
export type IntakeResponse = Static<typeof IntakeResponse>;

export const Vocabulary = Type.Object({
  applicantKinds: Type.Array(Type.Object({ ...CodeLabel, group: Nullable(Type.String({ description: '年报表三的上级列（法人或其他组织）' })) })),
  channels: Type.Array(
    Type.Object({ ...CodeLabel, receiptRule: Type.String({ description: '收到申请之日如何确定' }), article: Type.String({ description: '条例条款' }) }),
  ),
  deliveryMethods: Type.Array(Type.Object(CodeLabel)),
  informationForms: Type.Array(Type.Object(CodeLabel)),
  decisionTypes: Type.Array(
    Type.Object({
      ...CodeLabel,
      row: Type.String({ description: '年报表三的行代码' }),
      legalBasis: Nullable(Type.String({ description: '默认法律依据；null 表示须由工作人员填写' })),
      requires: Type.Array(Type.String({ enum: ['legalBasis', 'reasons', 'provision', 'withheld', 'responsibleAgency'] }), {
        description: '该答复类型必须写明的内容',
      }),
    }),
  ),
  reportRows: Type.Array(Type.Object({ ...CodeLabel, group: Str })),
  consultationKinds: Type.Array(
    Type.Object({ ...CodeLabel, article: Str, answerWorkingDays: Nullable(Type.Integer({ description: '答复期限（工作日）；null 表示由单位设置' })) }),
  ),
  consultationStances: Type.Array(Type.Object(CodeLabel)),
  clarificationReasons: Type.Array(Type.Object(CodeLabel)),
  letterKinds: Type.Array(Type.Object({ code: Str, title: Str })),
  statuses: Type.Array(Type.Object(CodeLabel)),
});
export type Vocabulary = Static<typeof Vocabulary>;

export const FlowchartStatus = Type.Object({
  status: Str,
  label: Str,
  help: Type.String({ description: '这一环节的说明' }),
  steps: Type.Array(
    Type.Object({
      action: Str,
      label: Str,
      to: Nullable(Type.String({ description: '办理后的状态；null 表示状态不变' })),
      toLabel: NStr,
      basis: Type.String({ description: '依据' }),
      who: Type.String({ description: '由谁办理' }),
    }),
  ),
});
export const Flowchart = Type.Array(FlowchartStatus);
export type FlowchartStatus = Static<typeof FlowchartStatus>;

export const ClockWarning = Type.Object({ code: Str, message: Type.String({ description: '中文提示' }) });
export type ClockWarning = Static<typeof ClockWarning>;

export const Deadline = Type.Object({
  dueDate: Nullable(Type.String({ description: '答复期限；确认收到申请前为 null' })),
  provisional: Type.Boolean({ description: '计算经过的年份尚无官方节假日安排（只按周末计算）' }),
  pausedWorkingDays: Type.Integer({ description: '不计入答复期限的工作日数（征求意见等）' }),
  clarificationDueBy: Nullable(Type.String({ description: '补正告知的最后一天' })),
  explanation: Type.Array(Type.String(), { description: '期限的逐步说明' }),
  state: Type.String({ enum: ['awaiting-receipt', 'running', 'paused', 'awaiting-correction', 'correction-overdue', 'fee-overdue', 'answered'] }),
  warnings: Type.Array(ClockWarning),
});
export type Deadline = Static<typeof Deadline>;

export const TrackView = Type.Object({
  regNo: Str,
  trackingCode: Str,
  unitName: Str,
  applicantName: Type.String({ description: '自然人的姓名已遮盖（张*）' }),
  applicantKindText: Str,
  channelText: Str,
  infoDescription: Str,
  status: Str,
  statusText: Str,
  submittedOn: Str,
  receivedOn: NStr,
  dueDate: Nullable(Type.String({ description: '答复期限；已答复的为 null' })),
  provisional: Type.Boolean(),
  explanation: Type.Array(Type.String()),
  decision: Nullable(Type.Object({ label: Str, decidedOn: NStr })),
  timeline: Type.Array(Type.Object({ on: Str, text: Str })),
  letters: Type.Array(Type.Object({ kind: Str, title: Str, letterNo: Str, issuedOn: Str })),
});
export type TrackView = Static<typeof TrackView>;

export const RequestListItem = Type.Object({
  id: Str,
  regNo: Str,
  unitCode: Str,
  unitName: Str,
  channel: Str,
  channelText: Str,
  applicantKindText: Str,
  applicantName: Str,
  infoDescription: Type.String({ description: '前80个字' }),
  status: Str,
  statusText: Str,
  receivedOn: NStr,
  dueOn: NStr,
  decidedOn: NStr,
  decisionType: NStr,
  clockState: Str,
  warnings: Type.Array(ClockWarning),
  isDemo: Type.Boolean(),
});
export type RequestListItem = Static<typeof RequestListItem>;
export const RequestList = Type.Object({ total: Type.Integer(), items: Type.Array(RequestListItem) });
export type RequestList = Static<typeof RequestList>;

export const FeeQuote = Type.Object({
  mode: Type.String({ enum: ['per-item', 'per-volume'] }),
  quantity: Type.Integer(),
  amountYuan: Type.Number({ description: '金额（元）' }),
  calculation: Type.String({ description: '计算过程（印在收费通知书上）' }),
});
export type FeeQuote = Static<typeof FeeQuote>;

const Person = Type.Object({ id: Str, displayName: Str });

/** One handling step. `data` holds what the step recorded (its form fields); its keys differ by action. */
export const RequestStep = Type.Object({
  seq: Type.Integer(),
  action: Str,
  actionText: Str,
  fromStatus: Str,
  toStatus: Str,
  on: Type.String({ description: '办理日期（期限计算的依据）' }),
  actorName: NStr,
  role: NStr,
  comment: NStr,
  late: Type.Boolean({ description: '超过了该环节的期限' }),
  at: Type.String({ description: '录入时间' }),
  data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(Type.String())]), {
    description: '该环节录入的内容（随环节不同）',
  }),
});
export type RequestStep = Static<typeof RequestStep>;

export const RequestDetail = Type.Object({
  id: Str,
  regNo: Str,
  unit: Type.Object({ code: Str, name: Str }),
  trackingCode: Str,
  channel: Str,
  channelText: Str,
  submittedAt: Str,
  receivedOn: NStr,
  filledByStaff: Type.Boolean(),
  needsAssistance: Type.Boolean(),
  applicantKind: Str,
  applicantKindText: Str,
  applicant: Type.Object({
    name: Str,
    idType: Str,
    idNumber: Str,
    legalRepresentative: Type.Optional(NStr),
    contactPerson: Type.Optional(NStr),
    phone: Str,
    email: Type.Optional(NStr),
    address: Type.Optional(NStr),
    postcode: Type.Optional(NStr),
  }),
  identityProof: Nullable(Type.Object({ type: Str, url: Str })),
  infoDescription: Str,
  infoDocNumber: NStr,
  infoForm: Str,
  infoFormText: Str,
  deliveryMethod: Str,
  deliveryMethodText: Str,
  status: Str,
  statusText: Str,
  assignedTo: NStr,
  assignee: Nullable(Person),
  assignees: Type.Array(Person, { description: '可以指定为承办人的工作人员（仅当本人现在可以分配时）' }),
  decision: Nullable(
    Type.Object({
      type: Str,
      label: Str,
      row: Str,
      decidedOn: NStr,
      legalBasis: Type.Optional(Str),
      reasons: Type.Optional(NStr),
      provision: Type.Optional(NStr),
      withheld: Type.Optional(NStr),
      responsibleAgency: Type.Optional(Nullable(Type.Object({ name: Str, contact: Str }))),
      summary: Type.Optional(NStr),
    }),
  ),
  dueOn: NStr,
  closedOn: NStr,
  isDemo: Type.Boolean(),
  clock: Deadline,
  steps: Type.Array(RequestStep),
  consultations: Type.Array(
    Type.Object({
      id: Str,
      kind: Str,
      kindText: Str,
      partyName: Str,
      partyContact: Str,
      subject: NStr,
      sentOn: Str,
      replyDueOn: NStr,
      repliedOn: NStr,
      stance: NStr,
      stanceText: NStr,
      note: NStr,
      letterNo: NStr,
    }),
  ),
  fees: Type.Array(
    Type.Object({
      id: Str,
      mode: Str,
      quantity: Type.Integer(),
      amountYuan: Type.Number(),
      calculation: Str,
      noticeOn: Str,
      payBy: Str,
      paidOn: NStr,
      receiptNo: NStr,
      letterNo: NStr,
    }),
  ),
  letters: Type.Array(Type.Object({ id: Str, kind: Str, title: Str, letterNo: Type.String({ description: '文书上印的文号' }), issuedOn: Str, refId: NStr })),
  nextActions: Type.Array(Type.String(), { description: '本人现在可以办理的操作' }),
});
export type RequestDetail = Static<typeof RequestDetail>;

/** GET /api/v1/info-requests/:id/letters: the letters issued on a case (download at letters/{kind}.docx or .pdf). */
export const CaseLetterList = Type.Array(
  Type.Object({ id: Type.String(), kind: Type.String(), title: Type.String(), number: Type.String(), issuedOn: Type.String() }),
);
export type CaseLetter = Static<typeof CaseLetterList>[number];

/** GET/PUT /api/v1/annual-reports/settings: the county's settings of the annual report, with the counting options. */
export const ReportSettingsSchema = Type.Object({
  remedyCounting: Type.String({ enum: REMEDY_COUNTING.map((c) => c.code) }),
  townshipDue: Type.Union([Type.Object({ month: Type.Integer(), day: Type.Integer() }), Type.Null()]),
  remedyCountingOptions: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
});
/** One 复议/诉讼 record (/api/v1/info-request-remedies). */
export const RemedySchema = Type.Object({
  id: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  kindLabel: Type.String(),
  caseRef: Type.String(),
  body: Type.String(),
  filedOn: Type.String(),
  result: Type.String(),
  resultLabel: Type.String(),
  concludedOn: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
});
export const RemedyPageSchema = Type.Object({ total: Type.Integer(), items: Type.Array(RemedySchema) });
export type ReportSettingsView = Static<typeof ReportSettingsSchema>;
export type RemedyView = Static<typeof RemedySchema>;

/* ---------- letter settings ---------- */

const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const LetterKindCode = Type.String({ enum: LETTER_KINDS.map((k) => k.code), description: '文书种类（LETTER_KINDS）' });

const LetterPatterns = Type.Record(Type.String(), Type.String({ maxLength: 60 }), {
  description: '文书种类 → 文号格式，用 {year} 表示年份、{n} 表示序号，例如「泗民公复〔{year}〕{n}号」',
});

/** PUT /api/v1/info-requests/letter-settings/:unitCode: the body (a unit's letter settings). */
export const LetterSettingsBodySchema = Type.Object(
  {
    numberPatterns: LetterPatterns,
    reviewBodies: Type.Array(Type.String({ maxLength: 80 }), { maxItems: 5, description: '行政复议机关（1至3个）' }),
    court: NullableText(80),
    office: Type.Object(
      { address: NullableText(200), postcode: NullableText(20), phone: NullableText(60), contact: NullableText(80), hours: NullableText(200) },
      { additionalProperties: false },
    ),
    feePaymentMethod: NullableText(400),
  },
  { additionalProperties: false },
);

/** GET/PUT /api/v1/info-requests/letter-settings/:unitCode: the stored settings, whether the caller may edit, what letters still lack. */
export const LetterSettingsViewSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  editable: Type.Boolean(),
  numberPatterns: Type.Record(Type.String(), Type.String()),
  reviewBodies: Type.Array(Type.String()),
  court: Type.Union([Type.String(), Type.Null()]),
  office: Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    postcode: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    contact: Type.Union([Type.String(), Type.Null()]),
    hours: Type.Union([Type.String(), Type.Null()]),
  }),
  feePaymentMethod: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  readiness: Type.Array(Type.Object({ kind: LetterKindCode, title: Type.String(), missing: Type.Array(Type.String()) })),
});
export type LetterSettingsBody = Static<typeof LetterSettingsBodySchema>;
export type LetterSettingsView = Static<typeof LetterSettingsViewSchema>;

/* ---------- annual report ---------- */

const ReportTableSchema = Type.Object({
  title: Type.String(),
  columns: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), group: Type.Union([Type.String(), Type.Null()]) })),
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      group: Type.Union([Type.String(), Type.Null()], { description: '上级表头（多级用“｜”分隔）' }),
      values: Type.Array(Type.Union([Type.Number(), Type.Null()])),
    }),
  ),
});
const ReportCheckSchema = Type.Object({
  table: Type.String({ enum: ['二', '三', '四'] }),
  rule: Type.String(),
  message: Type.String(),
  cells: Type.Array(Type.Object({ row: Type.String(), column: Type.String() })),
});
/** An annual report as the staff routes answer it (GET, PUT, submit, reopen): the report and what the caller may do with it. */
export const AnnualReportSchema = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
  year: Type.Integer(),
  scope: Type.String({ enum: ['unit', 'subtree'] }),
  scopeLabel: Type.String(),
  title: Type.String(),
  status: Type.String({ enum: ['draft', 'published', 'aggregate'] }),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  disclosureId: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  sections: Type.Object({ overview: Type.String(), problems: Type.String(), other: Type.String() }),
  fees: Type.Object({
    yuan: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.String(), Type.Null()]),
    origin: Type.String({ enum: ['entered', 'records', 'sum-of-units'] }),
    recorded: Type.Object({ yuan: Type.String(), count: Type.Integer() }, { description: '平台收费记录：本年度缴费合计与笔数' }),
  }),
  tables: Type.Object({ table2: ReportTableSchema, table3: ReportTableSchema, table4: ReportTableSchema }),
  table2Sources: Type.Record(Type.String(), Type.String()),
  checks: Type.Array(ReportCheckSchema),
  anomalies: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), message: Type.String() })),
  remedyCounting: Type.Object({ code: Type.String(), label: Type.String() }),
  deadline: Type.Union([Type.Object({ date: Type.String(), basis: Type.String() }), Type.Null()]),
  permissions: Type.Object({
    edit: Type.Boolean(),
    publish: Type.Boolean(),
    reopen: Type.Boolean({ description: '可撤回修改（已提交发布、草稿尚未送审时由服务端最终判断）' }),
  }),
});
export type AnnualReportAnswer = Static<typeof AnnualReportSchema>;
