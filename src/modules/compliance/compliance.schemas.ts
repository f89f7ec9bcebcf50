/** TypeBox schemas of the compliance API (the OpenAPI document is generated from them). */
import { Type } from 'typebox';
import { STATUSES } from './compliance.evaluate.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const Int = Type.Integer();

export const WindowQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 20, description: '到期日起 YYYY-MM-DD（默认当年1月1日）' })),
    to: Type.Optional(Type.String({ maxLength: 20, description: '到期日止 YYYY-MM-DD（默认当年12月31日）' })),
  },
  { additionalProperties: false },
);

export const OverviewQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 20, description: '到期日起 YYYY-MM-DD' })),
    to: Type.Optional(Type.String({ maxLength: 20, description: '到期日止 YYYY-MM-DD' })),
    unit: Type.Optional(Type.String({ maxLength: 64, description: '从哪个单位向下汇总（默认本人管辖范围的最上级）' })),
  },
  { additionalProperties: false },
);

export const UnitParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

const SummaryFields = {
  due: Type.Integer({ description: '已到期或已公开的义务数 = 按时 + 逾期公开 + 逾期未公开' }),
  onTime: Int,
  late: Int,
  overdue: Int,
  dueSoon: Int,
  upcoming: Int,
  displayShort: Int,
  missingChannel: Int,
  onTimeRate: Type.Union([Type.Number(), Type.Null()], { description: '按时公开率 0..1；无到期义务时为 null' }),
};

export const Summary = Type.Object({
  ...SummaryFields,
  applicable: Type.Integer({ description: '适用的目录事项数' }),
  covered: Type.Integer({ description: '期间内有公开记录的适用事项数' }),
});

export const Publication = Type.Object({
  disclosureId: Str,
  version: Int,
  indexNo: NStr,
  title: Str,
  publishedOn: Str,
  withdrawnOn: NStr,
  withdrawnReason: NStr,
  displayMinEnd: NStr,
  displayPlannedEnd: NStr,
  photoDates: Type.Array(Str, { description: '公开栏拍照存证日期' }),
});

export const ObligationSchema = Type.Object({
  itemId: Str,
  itemKey: Str,
  itemName: Str,
  period: Str,
  periodLabel: Str,
  dueDate: Str,
  status: Type.String({ enum: STATUSES }),
  statusText: Str,
  disclosureId: NStr,
  overdueWorkingDays: Int,
  workingDaysLeft: Int,
  provisional: Type.Boolean(),
  evidence: Type.Object({
    publication: Type.Union([Publication, Type.Null()]),
    otherPublications: Type.Array(Publication),
    requiredChannels: Type.Array(Str),
    missingChannels: Type.Array(Str),
    displayRuleText: NStr,
    displayShort: Type.Boolean(),
    timeliness: Type.String({ enum: ['pending', 'on_time', 'late', 'overdue'] }),
  }),
});

/** One finding another module reports (ModuleManifest.provides.compliance), traceable to its record. */
export const FindingSchema = Type.Object({
  kind: Type.String({ description: '发现的类别代码（由提供的模块定义，如 box-not-opened）' }),
  kindText: Str,
  source: Type.String({ description: '由哪个模块发现（如 政民互动）' }),
  unitCode: Str,
  unitName: Str,
  parentName: NStr,
  title: Str,
  since: Type.String({ description: '自哪天起逾期（YYYY-MM-DD）' }),
  daysLate: Type.Integer({ description: '截至检查日逾期的天数（自然日）' }),
  workingDaysLate: Type.Optional(Type.Integer({ description: '按工作日计的逾期天数（提供的模块按工作日规则计算时给出；已补办的为补办时的逾期天数）' })),
  ref: Type.String({ description: '所涉记录（事项编号、意见箱等）' }),
  url: Type.Union([Type.String(), Type.Null()], { description: '管理后台中打开该记录的地址（/admin 之后的路径）' }),
});

export const UnitReportSchema = Type.Object({
  unit: Type.Object({ code: Str, name: Str, kind: Str, kindText: Str, parentCode: NStr, phone: NStr, staff: Type.Array(Str) }),
  from: Str,
  to: Str,
  asOf: Str,
  summary: Summary,
  obligations: Type.Array(ObligationSchema),
  uncoveredItems: Type.Array(Type.Object({ key: Str, name: Str })),
  findings: Type.Array(FindingSchema, { description: '其他模块发现的本单位逾期事项（如政民互动：意见箱未按期开箱、责令更正逾期、逾期未答复）' }),
  findingSources: Type.Array(Str, { description: '提供督查发现的模块；为空表示没有安装' }),
});

const Row = Type.Object({
  unitCode: Str,
  unitName: Str,
  unitKind: Str,
  kindText: Str,
  units: Int,
  hasChildren: Type.Boolean(),
  summary: Summary,
  findings: Type.Integer({ description: '其他模块发现的逾期事项数（本行所含单位）' }),
});

export const OverviewSchema = Type.Object({
  root: Type.Object({ code: Str, name: Str, kind: Str, kindText: Str, parentCode: NStr, canGoUp: Type.Boolean() }),
  from: Str,
  to: Str,
  asOf: Str,
  summary: Type.Object({ ...Summary.properties, units: Int }),
  rows: Type.Array(Row),
  own: Row,
  trend: Type.Array(Type.Object({ month: Str, due: Int, onTime: Int, late: Int, overdue: Int, onTimeRate: Type.Union([Type.Number(), Type.Null()]) })),
  mostMissed: Type.Array(Type.Object({ itemKey: Str, itemName: Str, overdue: Int, late: Int, units: Int })),
  overdue: Type.Array(
    Type.Object({
      unitCode: Str,
      unitName: Str,
      parentName: NStr,
      phone: NStr,
      staff: Type.Array(Str),
      itemKey: Str,
      itemName: Str,
      period: Str,
      periodLabel: Str,
      dueDate: Str,
      overdueWorkingDays: Int,
    }),
  ),
  overdueTotal: Int,
  findings: Type.Array(FindingSchema, { description: '其他模块发现的逾期事项（逾期最久的在前，最多200项）' }),
  findingsTotal: Int,
  findingSources: Type.Array(Str),
  charts: Type.Object({ byTown: Str, trend: Str, mostMissed: Str }, { description: '服务器端生成的 SVG 图表（ECharts）' }),
});

const ColumnClassSchema = Type.Union([Type.Literal('news'), Type.Literal('notice_policy'), Type.Literal('other')]);
const Thresholds = Type.Object({ newsStaleDays: Int, noticeStaleMonths: Int, vetoStaleColumns: Int, vetoEmptyColumns: Int });

export const WebsiteSchema = Type.Object({
  asOf: Str,
  thresholds: Thresholds,
  columns: Type.Array(
    Type.Object({
      id: Str,
      name: Str,
      href: Str,
      defaultClass: ColumnClassSchema,
      cls: ColumnClassSchema,
      clsText: Str,
      lastUpdated: NStr,
      count: Int,
      result: Type.String({ enum: ['ok', 'stale', 'empty'] }),
      resultText: Str,
      updateDueBy: NStr,
    }),
  ),
  staleCount: Int,
  emptyCount: Int,
  veto: Type.Object({ stale: Type.Boolean(), empty: Type.Boolean(), unanswered: Type.Boolean({ description: '互动回应差：近一年有超过3个月未答复的留言' }) }),
  notAvailable: Type.Array(Type.Object({ check: Str, reason: Str })),
  lateRequests: Type.Object(
    { from: Str, to: Str, due: Int, late: Int, units: Type.Array(Type.Object({ code: Str, name: Str, due: Int, late: Int })) },
    { description: '近一年依申请公开答复情况：到期应答复数与逾期数（未按期答复或逾期仍未答复）' },
  ),
  unansweredMessages: Type.Object(
    {
      from: Str,
      to: Str,
      received: Int,
      cases: Type.Array(Type.Object({ id: Str, caseNo: Str, unitCode: Str, unitName: Str, receivedOn: Str, answeredOn: NStr })),
    },
    { description: '互动回应差：近一年收到的有效留言（政民互动的询问、咨询、建议、投诉，不含审看退回的）中，超过3个月未答复的事项' },
  ),
});

export const RulesSchema = Type.Object({
  dueSoonWorkingDays: Type.Integer({ description: '到期前多少个工作日为“即将到期”：与提醒共用，在提醒设置（PUT /api/v1/notifications/settings）中修改' }),
  channelEvidenceGraceWorkingDays: Int,
  evidencedChannels: Type.Array(Str),
});

export const RulesBody = Type.Object(
  {
    dueSoonWorkingDays: Type.Optional(Type.Integer({ description: '不可在此修改：与提醒共用，请在提醒设置中修改（送此字段返回 400）' })),
    channelEvidenceGraceWorkingDays: Type.Optional(Type.Integer({ description: '到期（或公开）后多少个工作日内须上传公开栏照片' })),
    evidencedChannels: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const WebsiteColumnsBody = Type.Object(
  {
    classes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), ColumnClassSchema)),
    thresholds: Type.Optional(Type.Partial(Thresholds)),
  },
  { additionalProperties: false },
);

export const WebsiteSettingsSchema = Type.Object({ classes: Type.Record(Str, ColumnClassSchema), thresholds: Thresholds });

export const RecomputeBody = Type.Object({ year: Type.Optional(Type.Integer({ description: '重新计算的年份（默认今年）' })) }, { additionalProperties: false });
export const RecomputeSchema = Type.Object({ years: Type.Array(Int), units: Int, obligations: Int, ms: Int });
