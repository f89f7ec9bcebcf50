/**
 * 依申请公开 (application-based disclosure): the vocabulary shared by intake, handling, letters and the
 * annual report. Everything here is data with its legal source; labels quoted 「」 in
 * ../shared/docs/domain.md §1–§2 are copied verbatim, because the annual report's tables must use them.
 */

/**
 * 申请人情况: the applicant columns of the annual report's table 三 (国办公开办函〔2021〕30号), in order.
 * `natural` is 「自然人」; the other five sit under 「法人或其他组织」.
 */
export const APPLICANT_KINDS = [
  { code: 'natural', label: '自然人', group: null },
  { code: 'business', label: '商业企业', group: '法人或其他组织' },
  { code: 'research', label: '科研机构', group: '法人或其他组织' },
  { code: 'public-interest', label: '社会公益组织', group: '法人或其他组织' },
  { code: 'legal-service', label: '法律服务机构', group: '法人或其他组织' },
  { code: 'other-org', label: '其他', group: '法人或其他组织' },
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number]['code'];

/**
 * How an application arrived, and how its receipt date (收到申请之日) is fixed — 条例第31条.
 * `online` and `fax`: the date both sides confirm; `registered-mail`: the date the agency signs for it;
 * `ordinary-mail`: the date the agency confirms with the applicant (on the day it arrives); `in-person`:
 * the date submitted. `oral`: 条例第29条 allows it where writing is genuinely difficult; staff fill the
 * form for the applicant (代填) and it is received the day it is made.
 */
export const RECEIPT_CHANNELS = [
  { code: 'online', label: '网上申请', receiptRule: '双方确认之日', article: '第31条第（三）项' },
  { code: 'in-person', label: '当面提交', receiptRule: '申请人提交之日', article: '第31条第（一）项' },
  { code: 'registered-mail', label: '邮寄（挂号信、特快专递等需签收）', receiptRule: '行政机关签收之日', article: '第31条第（二）项' },
  { code: 'ordinary-mail', label: '平常信函', receiptRule: '行政机关与申请人确认之日', article: '第31条第（二）项' },
  { code: 'fax', label: '传真', receiptRule: '双方确认之日', article: '第31条第（三）项' },
  { code: 'oral', label: '口头申请（工作人员代为填写）', receiptRule: '申请人口头提出之日', article: '第29条第一款' },
] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number]['code'];

/** 获取信息的方式 (条例第29条第二款第（三）项; 第40条). */
export const DELIVERY_METHODS = [
  { code: 'post', label: '邮寄' },
  { code: 'email', label: '电子邮件' },
  { code: 'online', label: '网上获取（在线下载）' },
  { code: 'fax', label: '传真' },
  { code: 'pickup', label: '自行领取' },
  { code: 'inspect', label: '当场阅读、抄录' },
] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number]['code'];

/** 信息的载体形式 (条例第29条第二款第（三）项; 第40条). */
export const INFORMATION_FORMS = [
  { code: 'paper', label: '纸质文本' },
  { code: 'electronic', label: '电子文档' },
  { code: 'disc', label: '光盘、U盘等存储介质' },
] as const;
export type InformationForm = (typeof INFORMATION_FORMS)[number]['code'];

/**
 * The rows of table 三 under 「三、本年度办理结果」, with their exact labels, in order.
 * `group` is the parent row (（一）…（六）); `label` the row's own text.
 */
export const REPORT_ROWS = [
  { code: 'disclose', group: '（一）予以公开', label: '（一）予以公开' },
  { code: 'partial', group: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'refuse.state-secret', group: '（三）不予公开', label: '1.属于国家秘密' },
  { code: 'refuse.law-prohibited', group: '（三）不予公开', label: '2.其他法律行政法规禁止公开' },
  { code: 'refuse.three-security', group: '（三）不予公开', label: '3.危及“三安全一稳定”' },
  { code: 'refuse.third-party', group: '（三）不予公开', label: '4.保护第三方合法权益' },
  { code: 'refuse.internal-affairs', group: '（三）不予公开', label: '5.属于三类内部事务信息' },
  { code: 'refuse.process-info', group: '（三）不予公开', label: '6.属于四类过程性信息' },
  { code: 'refuse.enforcement-file', group: '（三）不予公开', label: '7.属于行政执法案卷' },
  { code: 'refuse.admin-query', group: '（三）不予公开', label: '8.属于行政查询事项' },
  { code: 'unable.not-held', group: '（四）无法提供', label: '1.本机关不掌握相关政府信息' },
  { code: 'unable.needs-creation', group: '（四）无法提供', label: '2.没有现成信息需要另行制作' },
  { code: 'unable.still-unclear', group: '（四）无法提供', label: '3.补正后申请内容仍不明确' },
  { code: 'not-processed.petition', group: '（五）不予处理', label: '1.信访举报投诉类申请' },
  { code: 'not-processed.repeat', group: '（五）不予处理', label: '2.重复申请' },
  { code: 'not-processed.publication', group: '（五）不予处理', label: '3.要求提供公开出版物' },
  { code: 'not-processed.mass-repeat', group: '（五）不予处理', label: '4.无正当理由大量反复申请' },
  { code: 'not-processed.confirm-reissue', group: '（五）不予处理', label: '5.要求行政机关确认或重新出具已获取信息' },
  { code: 'other.no-correction', group: '（六）其他处理', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { code: 'other.fee-unpaid', group: '（六）其他处理', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { code: 'other.other', group: '（六）其他处理', label: '3.其他' },
] as const;
export type ReportRowCode = (typeof REPORT_ROWS)[number]['code'];

/** What a decision must carry, beyond its type (the handling command refuses a decision that lacks any). */
export type DecisionRequirement =
  /** 法律依据: the articles relied on (always). */
  | 'legalBasis'
  /** 理由: reasons stated to the applicant (refusals, 第36条第（三）项; 第37条; …). */
  | 'reasons'
  /** 提供方式: how, where and when the information is (or was) provided (第36条第（一）（二）项). */
  | 'provision'
  /** 不予公开部分及理由: what was withheld and why (第37条). */
  | 'withheld'
  /** 负责公开的机关名称和联系方式 (第36条第（五）项), when it can be identified. */
  | 'responsibleAgency';

/**
 * 答复类型: the outcome of a case. Several 第36条 situations share one report row (e.g. 第36条第（四）项
 * "does not exist" and 第36条第（五）项 "not this agency's" both count under 「1.本机关不掌握相关政府信息」).
 * The situation → row mapping follows reports in practice (domain.md §1.2, [S]); `other.special-law`
 * (第36条第（七）项) is counted under 「3.其他」 as is usual [U] — keep this table the single place to change it.
 * `legalBasis` is the default text offered to staff; `null` means our sources name no article: staff must enter it.
 */
export const DECISION_TYPES = [
  {
    code: 'disclose.already-public',
    row: 'disclose',
    label: '予以公开（已主动公开，告知获取途径）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（一）项',
    requires: ['legalBasis', 'provision'],
  },
  {
    code: 'disclose.provide',
    row: 'disclose',
    label: '予以公开',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
    requires: ['legalBasis', 'provision'],
  },
  {
    code: 'partial',
    row: 'partial',
    label: '部分公开',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十七条',
    requires: ['legalBasis', 'provision', 'withheld', 'reasons'],
  },
  {
    code: 'refuse.state-secret',
    row: 'refuse.state-secret',
    label: '不予公开（属于国家秘密）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.law-prohibited',
    row: 'refuse.law-prohibited',
    label: '不予公开（其他法律行政法规禁止公开）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.three-security',
    row: 'refuse.three-security',
    label: '不予公开（危及“三安全一稳定”）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.third-party',
    row: 'refuse.third-party',
    label: '不予公开（保护第三方合法权益）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.internal-affairs',
    row: 'refuse.internal-affairs',
    label: '不予公开（属于三类内部事务信息）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.process-info',
    row: 'refuse.process-info',
    label: '不予公开（属于四类过程性信息）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'refuse.enforcement-file',
    row: 'refuse.enforcement-file',
    label: '不予公开（属于行政执法案卷）',
    legalBasis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项',
    requires: ['legalBasis', 'reasons'],
  },
  { code: 'refuse.admin-query', row: 'refuse.admin-query', label: '不予公开（属于行政查询事项）', legalBasis: null, requires: ['legalBasis', 'reasons'] },
  {
    code: 'unable.not-exist',
    row: 'unable.not-held',
    label: '无法提供（经检索没有所申请公开信息）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'unable.not-ours',
    row: 'unable.not-held',
    label: '无法提供（所申请公开信息不属于本机关负责公开）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（五）项',
    requires: ['legalBasis', 'reasons', 'responsibleAgency'],
  },
  {
    code: 'unable.needs-creation',
    row: 'unable.needs-creation',
    label: '无法提供（没有现成信息需要另行制作）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十八条',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'unable.still-unclear',
    row: 'unable.still-unclear',
    label: '无法提供（补正后申请内容仍不明确）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十条',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'not-processed.petition',
    row: 'not-processed.petition',
    label: '不予处理（信访举报投诉类申请）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十九条第一款',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'not-processed.repeat',
    row: 'not-processed.repeat',
    label: '不予处理（重复申请）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'not-processed.publication',
    row: 'not-processed.publication',
    label: '不予处理（要求提供公开出版物）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十九条第二款',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'not-processed.mass-repeat',
    row: 'not-processed.mass-repeat',
    label: '不予处理（无正当理由大量反复申请）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十五条',
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'not-processed.confirm-reissue',
    row: 'not-processed.confirm-reissue',
    label: '不予处理（要求行政机关确认或重新出具已获取信息）',
    legalBasis: null,
    requires: ['legalBasis', 'reasons'],
  },
  {
    code: 'other.no-correction',
    row: 'other.no-correction',
    label: '其他处理（逾期不补正，不再处理）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十条',
    requires: ['legalBasis'],
  },
  {
    code: 'other.fee-unpaid',
    row: 'other.fee-unpaid',
    label: '其他处理（逾期未缴纳信息处理费，不再处理）',
    legalBasis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    requires: ['legalBasis'],
  },
  {
    code: 'other.special-law',
    row: 'other.other',
    label: '其他处理（按照有关法律、行政法规的规定办理）',
    legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（七）项',
    requires: ['legalBasis', 'reasons'],
  },
  { code: 'other.other', row: 'other.other', label: '其他处理（如申请人撤回申请）', legalBasis: null, requires: ['legalBasis', 'reasons'] },
] as const satisfies readonly { code: string; row: ReportRowCode; label: string; legalBasis: string | null; requires: readonly DecisionRequirement[] }[];
export type DecisionType = (typeof DECISION_TYPES)[number]['code'];

/** Kinds of consultation whose time is not counted in the answer period (条例第33条第三款). */
export const CONSULTATION_KINDS = [
  /** 第32条: third party whose lawful rights may be harmed; 15 working days to answer, in writing. */
  { code: 'third-party', label: '征求第三方意见', article: '第三十二条', answerWorkingDays: 15 },
  /** 第34条: agency that produced the information jointly; 15 working days; silence = consent. */
  { code: 'co-producer', label: '征求共同制作机关意见', article: '第三十四条', answerWorkingDays: 15 },
  /** 协办: another agency asked to help locate or provide the information (宿迁 document 11). The statute sets no period: the unit configures it. */
  { code: 'assisting', label: '协办', article: '第三十三条第三款', answerWorkingDays: null },
] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number]['code'];

/** 复议/诉讼 records for table 四: the three column groups and the four results. */
export const REMEDY_KINDS = [
  { code: 'review', label: '行政复议' },
  { code: 'litigation-direct', label: '行政诉讼（未经复议直接起诉）' },
  { code: 'litigation-after-review', label: '行政诉讼（复议后起诉）' },
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number]['code'];
export const REMEDY_RESULTS = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'other', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
] as const;
export type RemedyResult = (typeof REMEDY_RESULTS)[number]['code'];

/**
 * The documents of the 宿迁 set (宿政办函〔2021〕21号, reference-data.md §4) the platform generates.
 * `reply` is the 答复书/告知书 whose title and text depend on the decision type.
 */
export const LETTER_KINDS = [
  { code: 'registration', title: '政府信息公开申请登记表' },
  { code: 'receipt', title: '政府信息公开申请接收回执' },
  { code: 'clarification', title: '政府信息公开申请补正告知书' },
  { code: 'reasons-request', title: '政府信息公开申请说明理由告知书' },
  { code: 'extension', title: '政府信息公开申请延期答复告知书' },
  { code: 'consult-third-party', title: '政府信息公开申请征求意见书（给第三方）' },
  { code: 'consult-confirmation', title: '政府信息公开申请征求意见确认函' },
  { code: 'consult-notice-applicant', title: '政府信息公开申请征求意见告知书（给申请人）' },
  { code: 'third-party-disclosure-notice', title: '政府信息依申请公开告知书（给第三方）' },
  { code: 'consult-co-producer', title: '政府信息公开申请征求意见书（给共同制作机关）' },
  { code: 'assist', title: '政府信息公开申请协办函（给协办机关）' },
  { code: 'fee-notice', title: '政府信息公开申请收费通知书（给申请人）' },
  { code: 'reply', title: '政府信息公开申请答复书' },
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number]['code'];
