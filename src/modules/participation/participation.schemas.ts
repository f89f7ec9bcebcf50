/**
 * TypeBox schemas of the participation (公众参与) API responses: the routes serialize with them, the OpenAPI document
 * is generated from them, and the admin SPA may import their static types (type-only). Pure: imports nothing but
 * TypeBox and the shared HTTP schema helpers (codes are plain strings here; their lists are in the vocabulary).
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());
const Int = Type.Integer();
const Bool = Type.Boolean();
const CodeLabel = Type.Object({ code: Str, label: Str });

/** The answer of a create (or an action that names the row it made): its id. */
export const Created = Type.Object({ id: Type.String() });
export type Created = Static<typeof Created>;

/* ---------- vocabulary ---------- */

const OptionSchema = Type.Object({ id: Str, label: Str });
export const QuestionView = Type.Object({
  id: Str,
  type: Type.String({ description: 'single / multiple / rating / text' }),
  title: Str,
  required: Bool,
  options: Type.Optional(Type.Array(OptionSchema)),
  maxLength: Type.Optional(Int),
  skip: Type.Optional(Type.Array(Type.Object({ option: Str, goTo: Type.String({ description: '跳到的题号，或 end（结束）' }) }))),
  satisfiedOptions: Type.Optional(Type.Array(Type.String(), { description: '计入“满意”的选项（满意度指标）' })),
});

export type Vocabulary = Static<typeof Vocabulary>;
export const Vocabulary = Type.Object({
  methods: Type.Array(CodeLabel, { description: '公众参与方式（第十四条）' }),
  commentChannels: Type.Array(Type.Object({ code: Str, label: Str, staff: Type.Boolean({ description: '由工作人员录入' }) })),
  adoptions: Type.Array(CodeLabel),
  consultationStatuses: Type.Array(CodeLabel),
  eventKinds: Type.Array(CodeLabel),
  questionTypes: Type.Array(CodeLabel),
  surveyKinds: Type.Array(CodeLabel),
  answerMethods: Type.Array(CodeLabel),
  surveyTemplates: Type.Array(Type.Object({ key: Str, title: Str, intro: Str, questions: Type.Array(QuestionView) })),
  decisionMatters: Type.Array(
    Type.Object({ code: Str, label: Str, article24: Type.Boolean({ description: '《村民委员会组织法》第二十四条事项（须经会议决定）' }) }),
  ),
  meetingKinds: Type.Array(Type.Object({ code: Str, label: Str, entitledLabel: Str, quorum: Type.Object({ num: Int, den: Int }) })),
  rules: Type.Object({
    minConsultationDays: Type.Integer({ description: '征求意见期限一般不少于的天数（第十五条）' }),
    hearingMaterialDays: Type.Integer({ description: '听证材料至少提前的天数（第十七条）' }),
    feedbackDueWorkingDays: Type.Integer({ description: '县里的选择：截止后多少个工作日内公布采纳情况' }),
    itemGraceWorkingDays: Type.Integer({ description: '县里的选择：事项计划时间过后多少个工作日仍未征求意见即列入督查' }),
    participantListDaysBefore: Type.Integer({ description: '县里的选择：听证参加人名单至少在听证会前几日公布（第十六条只规定“提前”）' }),
    recordScanMaxBytes: Type.Integer({ description: '签字页扫描件的大小上限（字节）' }),
  }),
});

/* ---------- consultations ---------- */

export const ClausePreview = Type.Object({
  text: Str,
  clauses: Type.Array(
    Type.Object({ seq: Int, label: Type.String({ description: '第一条，或无条文时的“第1段”' }), heading: NStr, paragraphs: Type.Array(Str) }),
  ),
});

export const ConsultationSummary = Type.Object({
  id: Str,
  unitCode: Str,
  unitName: Str,
  title: Str,
  startOn: Str,
  endOn: Str,
  status: Type.String({ description: 'draft 草稿 / announced 预告 / open 征求中 / closed 已截止 / answered 已反馈（按日期计算）' }),
  statusText: Str,
  published: Bool,
  isDemo: Bool,
  comments: Type.Object({ pending: Int, published: Int, rejected: Int }),
  feedbackDueOn: Type.Union([Type.Null(), Type.String()], { description: '采纳情况应公布的日期' }),
  feedbackOverdue: Bool,
});
export type ConsultationSummary = Static<typeof ConsultationSummary>;
export const ConsultationList = Type.Object({ items: Type.Array(ConsultationSummary) });
export type ConsultationList = Static<typeof ConsultationList>;

const Finding = Type.Object({ kind: Str, label: Str, masked: Type.String({ description: '遮盖后的值（不含原号码）' }) });
export type StaffComment = Static<typeof StaffComment>;
export const StaffComment = Type.Object({
  id: Str,
  clauseSeq: Nullable(Int),
  channel: Str,
  channelText: NStr,
  receivedOn: Str,
  peopleCount: Int,
  body: Str,
  author: Nullable(
    Type.Object(
      { name: Type.Optional(NStr), contact: Type.Optional(NStr), source: Type.Optional(Type.String({ description: '工作人员录入时的意见来源说明' })) },
      { description: '网上提意见人自愿留下的姓名和联系方式，或工作人员录入的来源（均不公开）' },
    ),
  ),
  status: Type.String({ description: 'pending / published / rejected' }),
  moderationReason: NStr,
  moderatedBy: NStr,
  publicBody: NStr,
  enteredBy: NStr,
  personalData: Type.Array(Finding, { description: '待审核意见中查出的个人信息' }),
});

export type ConsultationDetail = Static<typeof ConsultationDetail>;
export const ConsultationDetail = Type.Object({
  ...ConsultationSummary.properties,
  itemId: NStr,
  draftText: Str,
  draftSource: Str,
  explanation: Str,
  howToComment: Str,
  urgencyReason: NStr,
  minimumEndOn: Type.String({ description: '不说明紧急理由时最早的截止日期' }),
  publishedAt: NStr,
  clauses: ClausePreview.properties.clauses,
  commentList: Type.Array(StaffComment),
  feedback: Type.Array(Type.Object({ clauseKey: Str, adoption: Str, adoptionText: NStr, reason: Str })),
  feedbackSummary: NStr,
  feedbackPublishedAt: NStr,
  decision: Nullable(Type.Object({ title: Str, text: NStr, on: NStr, policyDisclosureId: NStr })),
});

export const ModerationResult = Type.Object({ id: Str, status: Str, masked: Type.Integer({ description: '遮盖的个人信息处数' }) });
export type ModerationResult = Static<typeof ModerationResult>;

export const PublicConsultation = Type.Object({
  id: Str,
  unitCode: Str,
  unitName: Str,
  title: Str,
  explanation: Str,
  howToComment: Str,
  startOn: Str,
  endOn: Str,
  urgencyReason: NStr,
  status: Str,
  statusText: Str,
  isDemo: Bool,
  groups: Type.Array(
    Type.Object({
      key: Type.String({ description: '条款序号，或 whole（对草案整体）' }),
      label: Str,
      heading: NStr,
      paragraphs: Type.Array(Str),
      comments: Type.Array(Type.Object({ id: Str, channelText: Str, receivedOn: Str, peopleCount: Int, body: Str })),
      people: Int,
      adoption: Nullable(Type.Object({ code: Str, text: Str, reason: Str })),
    }),
  ),
  feedbackSummary: NStr,
  feedbackPublishedOn: NStr,
  decision: Nullable(Type.Object({ title: Str, text: Str, on: Str, policyUrl: NStr })),
  totals: Type.Object({ comments: Int, people: Int }),
});

export const CommentTrack = Type.Object({ status: Str, statusText: Str, reason: NStr, consultationId: Str, consultationTitle: Str, receivedOn: Str });

/* ---------- surveys ---------- */

export type SurveySummary = Static<typeof SurveySummary>;
export const SurveySummary = Type.Object({
  id: Str,
  unitCode: Str,
  unitName: Str,
  kind: Str,
  kindText: Str,
  title: Str,
  method: Type.String({ description: 'codes 一次性答题码 / sms 短信验证码 / open 公开作答' }),
  methodText: Str,
  perDevice: Nullable(Int),
  startOn: Str,
  endOn: Str,
  status: Type.String({ description: 'draft / announced / open / closed（按日期计算）' }),
  statusText: Str,
  resultsPublished: Bool,
  period: NStr,
  isDemo: Bool,
  responses: Type.Integer({ description: '有效问卷份数' }),
});
export const SurveyList = Type.Object({ items: Type.Array(SurveySummary) });
export type SurveyList = Static<typeof SurveyList>;

export const SurveyResults = Type.Object({
  responses: Int,
  questions: Type.Array(
    Type.Object({
      id: Str,
      type: Str,
      title: Str,
      answered: Int,
      options: Type.Optional(Type.Array(Type.Object({ id: Str, label: Str, count: Int }))),
      ratings: Type.Optional(Type.Array(Type.Object({ score: Int, count: Int }))),
      mean: Type.Optional(Nullable(Type.Number())),
      texts: Type.Optional(Type.Array(Str, { description: '简答题回答（已遮盖个人信息；仅工作人员可见）' })),
    }),
  ),
  satisfaction: Nullable(Type.Object({ satisfied: Int, valid: Int })),
});

export type SurveyDetail = Static<typeof SurveyDetail>;
export const SurveyDetail = Type.Object({
  ...SurveySummary.properties,
  intro: Str,
  questions: Type.Array(QuestionView),
  codeBatches: Type.Array(Type.Object({ batchNo: Int, total: Int, used: Int, createdAt: Str })),
  results: SurveyResults,
});

export type PublicSurvey = Static<typeof PublicSurvey>;
export const PublicSurvey = Type.Object({ ...SurveySummary.properties, intro: Str, questions: Type.Array(QuestionView) });
export const PublicSurveyResults = Type.Object({ survey: SurveySummary, results: SurveyResults });
export const CodeBatch = Type.Object({ batchNo: Int, codes: Type.Array(Str, { description: '答题码（只在此时出现一次）' }) });

export type ScheduleView = Static<typeof ScheduleView>;
export const ScheduleView = Type.Object({
  id: Str,
  rootUnitCode: Str,
  rootName: Str,
  every: Str,
  opensMonthDay: Str,
  openDays: Int,
  method: Str,
  active: Bool,
  roundsFrom: Nullable(Type.String({ description: '恢复或修改之日（YYYY-MM-DD）：此前开始的各期不再补做；从未恢复或修改为 null' })),
  updatedAt: NStr,
  isDemo: Bool,
});
export const ScheduleList = Type.Object({ items: Type.Array(ScheduleView) });
export type ScheduleList = Static<typeof ScheduleList>;

/* ---------- village decisions ---------- */

export type DecisionList = Static<typeof DecisionList>;
export const DecisionList = Type.Object({
  items: Type.Array(
    Type.Object({ id: Str, unitCode: Str, unitName: Str, title: Str, matter: Str, proposedOn: Str, resolvedOn: NStr, implementedOn: NStr, isDemo: Bool }),
  ),
});

const ObligationLink = Nullable(
  Type.Object({
    eventId: Type.String({ description: '公开目录事件（产生公开义务）' }),
    disclosures: Type.Array(Type.Object({ id: Str, title: Str, status: Str, publishedAt: NStr })),
  }),
);

export type DecisionDetail = Static<typeof DecisionDetail>;
export const DecisionDetail = Type.Object({
  id: Str,
  unitCode: Str,
  unitName: Str,
  matter: Str,
  matterText: Str,
  needsMeeting: Bool,
  title: Str,
  proposedBy: Str,
  proposedOn: Str,
  proposal: Str,
  discussedOn: NStr,
  discussion: NStr,
  meeting: Nullable(
    Type.Object({
      kind: Str,
      on: NStr,
      entitled: Nullable(Int),
      present: Nullable(Int),
      votesFor: Nullable(Int),
      votesAgainst: Nullable(Int),
      votesAbstain: Nullable(Int),
    }),
  ),
  resolution: NStr,
  resolvedOn: NStr,
  implementation: NStr,
  implementedOn: NStr,
  obligations: Type.Object({ resolution: ObligationLink, implementation: ObligationLink }),
  isDemo: Bool,
});

/* ---------- 公众参与事项目录 ---------- */

export type ItemList = Static<typeof ItemList>;
export const ItemList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Str,
      unitCode: Str,
      unitName: Str,
      name: Str,
      reason: Str,
      methods: Type.Array(Str),
      methodsText: Str,
      plannedOn: Str,
      withdrawnAt: NStr,
      withdrawnReason: NStr,
      consultedOn: Nullable(Type.String({ description: '采用此事项的征求意见开始日期' })),
      overdue: Type.Boolean({ description: '计划时间已过仍未征求意见' }),
      isDemo: Bool,
    }),
  ),
  lists: Type.Array(
    Type.Object({
      unitCode: Str,
      unitName: Str,
      version: Nullable(Int),
      publishedAt: NStr,
      unpublishedChanges: Type.Boolean({ description: '目录有尚未发布的变动' }),
    }),
  ),
});

const ItemSnapshotView = Type.Object({
  id: Str,
  name: Str,
  reason: Str,
  methods: Type.Array(Str),
  methodsText: Str,
  plannedOn: Str,
  withdrawnReason: Nullable(Type.String({ description: '已撤回的理由（撤回前已公布的事项）' })),
  isDemo: Bool,
});

export const ItemVersions = Type.Object({
  unitCode: Str,
  unitName: Str,
  versions: Type.Array(Type.Object({ version: Int, note: NStr, publishedAt: Str, publishedBy: NStr, items: Type.Array(ItemSnapshotView) })),
});

/** POST /api/v1/participation/item-lists/:unit/publish: the number of the version just published. */
export const PublishedVersion = Type.Object({ version: Type.Integer() });
export type PublishedVersion = Static<typeof PublishedVersion>;

export const PublicItemLists = Type.Object({
  lists: Type.Array(
    Type.Object({
      unitCode: Str,
      unitName: Str,
      version: Int,
      publishedOn: Str,
      note: NStr,
      items: Type.Array(
        Type.Object({
          id: Str,
          name: Str,
          reason: Str,
          methodsText: Str,
          plannedOn: Str,
          withdrawnReason: NStr,
          isDemo: Bool,
          consultation: Nullable(Type.Object({ id: Str, startOn: Str })),
        }),
      ),
    }),
  ),
});

/* ---------- hearings and meetings ---------- */

const EventFields = {
  id: Str,
  unitCode: Str,
  unitName: Str,
  kind: Str,
  kindText: Str,
  consultationId: NStr,
  title: Str,
  description: Str,
  place: Str,
  heldOn: Str,
  heldTime: Str,
  capacity: Nullable(Int),
  selectionMethod: Nullable(Type.String({ description: '参加人遴选方式（听证会须公布）' })),
  registrationUntil: NStr,
  materialsSentOn: NStr,
  latestMaterialsOn: Nullable(Type.String({ description: '听证会：材料最迟送达日期（第十七条）' })),
  announced: Bool,
  phase: Type.String({ description: 'draft | registration | announced | list_published | held | recorded | concluded（按日期和已办步骤计算）' }),
  phaseText: Str,
  registrationLastDay: Str,
  participantsPublished: Bool,
  latestParticipantListOn: Nullable(Type.String({ description: '听证会：参加人名单最迟公布日期（县里设定的提前天数）' })),
  attendance: Nullable(Int),
  recordPublished: Bool,
  rescheduledFrom: Nullable(Type.String({ description: '改期前的举行日期和时间（YYYY-MM-DD HH:MM；未改期为 null）' })),
  rescheduleReason: Nullable(Type.String({ description: '改期理由（公开）' })),
  isDemo: Bool,
};
export type EventView = Static<typeof EventView>;
export const EventView = Type.Object(EventFields);

export type StaffRegistration = Static<typeof StaffRegistration>;
export const StaffRegistration = Type.Object({
  id: Str,
  name: Str,
  contact: Str,
  affiliation: NStr,
  note: NStr,
  source: Str,
  sourceText: Str,
  status: Type.String({ description: 'registered | selected | not_selected' }),
  statusText: Str,
  attended: Bool,
  trackingCode: Str,
  createdAt: Str,
});
export type StaffEventDetail = Static<typeof StaffEventDetail>;
export const StaffEventDetail = Type.Object({
  ...EventFields,
  registrations: Type.Array(StaffRegistration),
  recordText: NStr,
  hasSignedScan: Bool,
  feedback: NStr,
  recordPublishedAt: NStr,
  participantsPublishedAt: NStr,
});
export const PublicEventDetail = Type.Object({
  ...EventFields,
  participants: Nullable(
    Type.Array(Type.Object({ name: Type.String({ description: '姓名（已遮蔽）' }), affiliation: NStr, attended: Nullable(Bool) }), {
      description: '已公布的参加人名单（未公布时为 null）',
    }),
  ),
  recordText: NStr,
  signedConfirmation: Type.Boolean({ description: '参加人已在笔录上签字确认（签字页扫描件由组织单位存档）' }),
  feedback: NStr,
  recordPublishedOn: NStr,
});
export const EventList = Type.Object({ items: Type.Array(EventView) });
export const EventPage = Type.Object({ total: Int, items: Type.Array(EventView) });
