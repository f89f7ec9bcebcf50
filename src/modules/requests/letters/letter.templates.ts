/**
 * The texts of the 宿迁 document set as data (宿政办函〔2021〕21号; reference-data.md §4.3–4.4; domain.md §1.5), and
 * `composeLetter`, which fills them from a LetterInput into a LetterDocument both renderers print word for word.
 *
 * Templates are strings with {placeholders}. A paragraph with `when` is printed only when that value is present;
 * every other placeholder is required, and a missing one is a LetterInputError naming the field in Chinese.
 *
 * Sources of the wording: the statute's own words where a letter restates it (条例第29–42条 as quoted in
 * reference-data §4.1 and domain §1.1), the 答复参考文本 (§4.3(a)) for the opening and the remedy clause, the
 * field sets of §4.4, and 苏政办函〔2019〕98号 for the three 补正 grounds. Article numbers are cited down to the
 * 项 only where our sources show them; 款 numbers are not cited where the sources disagree.
 */
import { CONSULTATION_KINDS, DECISION_TYPES, LETTER_KINDS, RECEIPT_CHANNELS, type DecisionType, type LetterKind } from '../request.types.ts';
import { LetterInputError, type LetterBlock, type LetterDocument, type LetterInput } from './letter.types.ts';

const REGULATION = '《中华人民共和国政府信息公开条例》';

/**
 * 补正事项: the three situations of 苏政办函〔2019〕98号《江苏省政府信息公开申请办理答复规范》一 (reference-data §4.2),
 * offered to staff as ready-made items for the 补正告知书.
 */
export const CLARIFICATION_GROUNDS = [
  { code: 'identity', text: '未能提供申请人的姓名或者名称、身份证明、联系方式' },
  { code: 'description', text: '申请公开的政府信息的名称、文号或者其他特征性描述不明确或有歧义' },
  { code: 'form', text: '申请公开的政府信息的形式要求不明确，包括未明确获取信息的方式、途径等' },
] as const;

/**
 * 答复书/告知书 titles per decision type — the one place to change them. Sources (reference-data §4.3, domain §1.5):
 * 「政府信息公开申请答复书」 is the 答复参考文本's title for 予以公开 and 部分公开 (§4.3(a)) and the general title of
 * local formats (§1.5); 「政府信息不予公开告知书」「政府信息不存在告知书」「非本机关政府信息告知书」 are the names in
 * the 赤坎区 flow and the 青岛 guidance (§4.3(d), §1.5); 「重复申请政府信息公开告知书」 is the 东凤镇 flow's (§4.3(d)).
 * Types for which no source gives a name use the general 答复书 title.
 */
export const REPLY_TITLES: Record<DecisionType, string> = {
  'disclose.already-public': '政府信息公开申请答复书',
  'disclose.provide': '政府信息公开申请答复书',
  partial: '政府信息公开申请答复书',
  'refuse.state-secret': '政府信息不予公开告知书',
  'refuse.law-prohibited': '政府信息不予公开告知书',
  'refuse.three-security': '政府信息不予公开告知书',
  'refuse.third-party': '政府信息不予公开告知书',
  'refuse.internal-affairs': '政府信息不予公开告知书',
  'refuse.process-info': '政府信息不予公开告知书',
  'refuse.enforcement-file': '政府信息不予公开告知书',
  'refuse.admin-query': '政府信息不予公开告知书',
  'unable.not-exist': '政府信息不存在告知书',
  'unable.not-ours': '非本机关政府信息告知书',
  'unable.needs-creation': '政府信息公开申请答复书',
  'unable.still-unclear': '政府信息公开申请答复书',
  'not-processed.petition': '政府信息公开申请答复书',
  'not-processed.repeat': '重复申请政府信息公开告知书',
  'not-processed.publication': '政府信息公开申请答复书',
  'not-processed.mass-repeat': '政府信息公开申请答复书',
  'not-processed.confirm-reissue': '政府信息公开申请答复书',
  'other.no-correction': '政府信息公开申请答复书',
  'other.fee-unpaid': '政府信息公开申请答复书',
  'other.special-law': '政府信息公开申请答复书',
  'other.other': '政府信息公开申请答复书',
};

interface Para {
  text: string;
  /** Printed only when this value is present. */
  when?: string;
}

/** What 第十四–十六条 say each refusal is (domain.md §1.1), in the words printed on the 不予公开告知书. */
const REFUSAL_WHAT: Partial<Record<DecisionType, string>> = {
  'refuse.state-secret': '属于国家秘密',
  'refuse.law-prohibited': '属于法律、行政法规禁止公开的政府信息',
  'refuse.three-security': '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  'refuse.third-party': '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  'refuse.internal-affairs': '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息',
  'refuse.process-info': '属于在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  'refuse.enforcement-file': '属于行政执法案卷信息',
  'refuse.admin-query': '属于行政查询事项',
};

const PROVISION: Para[] = [
  { text: '提供的政府信息：{provided}。', when: 'provided' },
  { text: '提供方式、途径和时间：{provision}', when: 'provision' },
  { text: '提供方式：{provisionMethod}。', when: 'provisionMethod' },
  { text: '获取地点（途径）：{provisionWhere}。', when: 'provisionWhere' },
  { text: '提供时间：{provisionDate}。', when: 'provisionDate' },
];

/** The decision paragraphs of each 答复书/告知书 (after the common opening 「…经研究，现答复如下：」). */
export const REPLY_BODIES: Record<DecisionType, Para[]> = {
  // 第36条第（一）项: already proactively disclosed → tell the way and channel.
  'disclose.already-public': [
    { text: '{you}申请公开的政府信息本机关已经主动公开。根据{legalBasis}的规定，现告知{you}获取该政府信息的方式和途径。' },
    ...PROVISION,
  ],
  // 第36条第（二）项: can be disclosed → provide it, or tell the way, channel and time.
  'disclose.provide': [{ text: '经审查，{you}申请公开的政府信息属于可以公开的政府信息。根据{legalBasis}的规定，本机关决定予以公开。' }, ...PROVISION],
  // 第37条: separable → provide the rest, give reasons for the withheld part.
  partial: [
    {
      text: '经审查，{you}申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据{legalBasis}的规定，本机关决定向{you}提供可以公开的部分，对{withheld}不予公开。',
    },
    { text: '不予公开部分的理由：{withheldReasons}' },
    ...PROVISION,
  ],
  'refuse.state-secret': refusal('refuse.state-secret'),
  'refuse.law-prohibited': refusal('refuse.law-prohibited'),
  'refuse.three-security': refusal('refuse.three-security'),
  'refuse.third-party': refusal('refuse.third-party'),
  'refuse.internal-affairs': refusal('refuse.internal-affairs'),
  'refuse.process-info': refusal('refuse.process-info'),
  'refuse.enforcement-file': refusal('refuse.enforcement-file'),
  'refuse.admin-query': refusal('refuse.admin-query'),
  // 第36条第（四）项: searched, does not exist.
  'unable.not-exist': [
    { text: '经检索，本机关没有{you}申请公开的政府信息，该政府信息不存在。根据{legalBasis}的规定，特此告知。' },
    { text: '检索情况说明：{reasons}' },
  ],
  // 第36条第（五）项: not this agency's → reasons, and the responsible agency's name and contact.
  'unable.not-ours': [
    { text: '经审查，{you}申请公开的政府信息不属于本机关负责公开。理由：{reasons}' },
    { text: '根据{legalBasis}的规定，现告知{you}：该政府信息由{agencyName}负责公开，联系方式：{agencyContact}。{you}可以向该机关提出申请。' },
  ],
  // 第38条: needs processing/analysis.
  'unable.needs-creation': [
    { text: '经审查，{you}申请公开的信息需要本机关对现有政府信息进行加工、分析才能形成，本机关没有现成的该项信息。根据{legalBasis}的规定，本机关不予提供。' },
    { text: '理由：{reasons}' },
  ],
  // 第30条: still unclear after correction.
  'unable.still-unclear': [
    { text: '经补正后，{you}的申请内容仍不明确，本机关无法确定{you}申请公开的政府信息。根据{legalBasis}的规定，本机关无法提供。' },
    { text: '理由：{reasons}' },
  ],
  // 第39条第一款: 信访、投诉、举报 in the form of an application.
  'not-processed.petition': [
    { text: '经审查，{you}以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据{legalBasis}的规定，本机关不作为政府信息公开申请处理。' },
    { text: '说明：{reasons}' },
  ],
  // 第36条第（六）项: repeated application.
  'not-processed.repeat': [
    { text: '{you}已就相同的政府信息向本机关提出过公开申请，本机关已依法作出答复。根据{legalBasis}的规定，本机关不予重复处理。' },
    { text: '此前的答复：{previousAnswer}。', when: 'previousAnswer' },
    { text: '说明：{reasons}' },
  ],
  // 第39条第二款: 公报、报刊、书籍 → may tell where to obtain.
  'not-processed.publication': [
    { text: '经审查，{you}要求提供的是政府公报、报刊、书籍等公开出版物。根据{legalBasis}的规定，本机关不作为政府信息公开申请处理，现告知{you}获取的途径。' },
    { text: '获取途径：{reasons}' },
  ],
  // 第35条: unreasonable mass/repeated applications.
  'not-processed.mass-repeat': [
    { text: '{you}申请公开政府信息的数量、频次明显超过合理范围，本机关认为申请理由不合理。根据{legalBasis}的规定，本机关不予处理。' },
    { text: '理由：{reasons}' },
  ],
  'not-processed.confirm-reissue': [
    { text: '经审查，{you}要求本机关确认或者重新出具{you}已获取的信息。根据{legalBasis}的规定，本机关不予处理。' },
    { text: '理由：{reasons}' },
  ],
  // 第30条: not corrected in time → deemed abandoned.
  'other.no-correction': [
    {
      text: '本机关已依法一次性告知{you}需要补正的事项和补正期限。{you}无正当理由逾期未补正。根据{legalBasis}的规定，视为{you}放弃申请，本机关不再处理该政府信息公开申请。',
    },
    { text: '说明：{reasons}', when: 'reasons' },
  ],
  // 国办函〔2020〕109号: fee not paid by the deadline of the fee notice.
  'other.fee-unpaid': [
    { text: '本机关已向{you}发出信息处理费收费通知书。{you}逾期未按收费通知要求缴纳费用。根据{legalBasis}的规定，本机关不再处理该政府信息公开申请。' },
    { text: '说明：{reasons}', when: 'reasons' },
  ],
  // 第36条第（七）项: 工商、不动产登记资料等 governed by special laws.
  'other.special-law': [
    {
      text: '经审查，{you}申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形。根据{legalBasis}的规定，请{you}依照有关法律、行政法规的规定办理。',
    },
    { text: '说明：{reasons}' },
  ],
  'other.other': [{ text: '根据{legalBasis}的规定，现告知如下：{reasons}' }],
};

function refusal(type: DecisionType): Para[] {
  return [{ text: `经审查，{you}申请公开的政府信息${REFUSAL_WHAT[type]}。根据{legalBasis}的规定，本机关决定不予公开。` }, { text: '理由如下：{reasons}' }];
}

/** The opening of every letter to the applicant (§4.3(a): 「我单位于…收到您…提出的政府信息公开申请」). */
const OPENING = '本机关于{received}收到{you}提出的政府信息公开申请（登记编号：{regNo}），申请公开：{request}。';

/** Letters addressed to the third party or another agency do not name the applicant (personal data). */
const OPENING_OTHERS = '本机关于{received}收到申请人提出的政府信息公开申请（登记编号：{regNo}），申请公开：{request}。';

interface KindTemplate {
  /** Who the letter is addressed to (null: an internal form without a salutation). */
  to: 'applicant' | 'third-party' | 'agency' | 'unit' | null;
  /** Whether the letter carries the 行政复议/行政诉讼 clause (needs the unit's remedy settings). */
  remedy: boolean;
  paragraphs: Para[];
  attachments?: string[];
}

/**
 * Every kind except `reply` (whose body is REPLY_BODIES) and the form parts of `registration`, `receipt` and
 * `consult-confirmation` (built in `formRows` below).
 */
export const KIND_TEMPLATES: Record<LetterKind, KindTemplate> = {
  // 登记表: internal form (条例第45条 登记); fields of reference-data §4.4 and 条例第29条.
  registration: { to: null, remedy: false, paragraphs: [] },
  // 接收回执 (§4.4): receipt date per 第31条, the statutory answer date (第33条: 20 working days).
  receipt: {
    to: 'applicant',
    remedy: false,
    paragraphs: [
      { text: '本机关已收到{you}提出的政府信息公开申请，现出具回执如下。' },
      {
        text: `根据${REGULATION}第三十一条的规定，收到申请之日为{received}（{receiptRule}）。根据${REGULATION}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复，即不迟于{due}；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知{you}，延长的期限最长不超过20个工作日。本机关征求第三方和其他机关意见所需时间不计算在上述期限内。`,
      },
      { text: '如{you}需要查询办理进度，请凭登记编号与本机关联系。' },
    ],
  },
  // 补正告知书 (第30条; §4.4): one-time notice, items, deadline, consequence.
  clarification: {
    to: 'applicant',
    remedy: false,
    paragraphs: [
      { text: OPENING },
      { text: `经审查，{you}的申请需要补正。根据${REGULATION}第三十条的规定，现一次性告知{you}需要补正的事项：{clarItems}` },
      { text: '补正说明：{clarGuidance}', when: 'clarGuidance' },
      {
        text: '请{you}于{clarDeadline}前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      },
      { text: '特此告知。' },
    ],
  },
  // 说明理由告知书 (第35条).
  'reasons-request': {
    to: 'applicant',
    remedy: false,
    paragraphs: [
      { text: OPENING },
      { text: `经审查，{you}申请公开政府信息的数量、频次明显超过合理范围。根据${REGULATION}第三十五条的规定，请{you}于{reasonsDeadline}前向本机关说明理由。` },
      { text: '本机关认为申请理由不合理的，将告知{you}不予处理；认为申请理由合理，但是无法在法定期限内答复的，将确定延迟答复的合理期限并告知{you}。' },
      { text: '特此告知。' },
    ],
  },
  // 延期答复告知书 (第33条: approval of the head of the disclosure office, ≤ 20 working days; or 第35条 delay).
  extension: {
    to: 'applicant',
    remedy: false,
    paragraphs: [{ text: OPENING }, { text: '因{extReason}，本机关无法在法定期限内作出答复。{extLaw}' }, { text: '本机关将于{newDue}前作出答复。特此告知。' }],
  },
  // 征求意见书（给第三方） (第32条; §4.4).
  'consult-third-party': {
    to: 'third-party',
    remedy: false,
    paragraphs: [
      { text: OPENING_OTHERS },
      { text: `经审查，该政府信息可能涉及{you}的{consultConcern}，公开可能损害{you}的合法权益。根据${REGULATION}第三十二条的规定，现书面征求{you}的意见。` },
      { text: '请{you}自收到本征求意见书之日起15个工作日内（即{consultDeadline}前）提出书面意见，填写所附确认函寄回或送达本机关；不同意公开的，请说明理由。' },
      {
        text: '{you}逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。{you}不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知{you}。',
      },
      { text: '意见寄送地址：{replyAddress}。', when: 'replyAddress' },
    ],
    attachments: ['政府信息公开申请内容摘要', '政府信息公开申请征求意见确认函'],
  },
  // 征求意见确认函: the form the third party (or agency) returns.
  'consult-confirmation': {
    to: 'unit',
    remedy: false,
    paragraphs: [
      {
        text: '本人（单位）已收到贵机关《政府信息公开申请征求意见书》（{consultNumber}），就申请人申请公开的政府信息（{request}）提出意见如下（请在□内打“√”）：',
      },
      { text: '□ 同意公开　　□ 不同意公开　　□ 同意部分公开' },
    ],
  },
  // 征求意见告知书（给申请人）: the applicant is told the consultation time is not counted (第33条).
  'consult-notice-applicant': {
    to: 'applicant',
    remedy: false,
    paragraphs: [
      { text: OPENING },
      { text: '因{you}申请公开的政府信息{consultWhy}，本机关已于{consultSent}依据{consultLaw}的规定书面征求{consultPartyRef}意见。' },
      {
        text: `根据${REGULATION}第三十三条的规定，行政机关征求第三方和其他机关意见所需时间不计算在答复期限内。本机关将在收到意见或者征求意见期限届满后依法作出答复。`,
      },
      { text: '特此告知。' },
    ],
  },
  // 依申请公开告知书（给第三方） (第32条: public-interest disclosure, content and reasons in writing).
  'third-party-disclosure-notice': {
    to: 'third-party',
    remedy: true,
    paragraphs: [
      { text: '本机关于{consultSent}就申请人申请公开的政府信息（{request}）书面征求{you}的意见，{tpStance}' },
      {
        text: `经审查，本机关认为不公开可能对公共利益造成重大影响。根据${REGULATION}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知如下：`,
      },
      { text: '决定公开的政府信息内容：{tpContent}' },
      { text: '理由：{tpReasons}' },
      { text: '本机关将于{tpDiscloseOn}向申请人公开上述政府信息。', when: 'tpDiscloseOn' },
    ],
  },
  // 征求意见书（给共同制作机关） (第34条: 15 working days; silence = consent).
  'consult-co-producer': {
    to: 'agency',
    remedy: false,
    paragraphs: [
      { text: OPENING_OTHERS },
      { text: `该政府信息由本机关与{you}共同制作。根据${REGULATION}第三十四条的规定，现征求{you}意见。` },
      { text: '请{you}自收到本征求意见书之日起15个工作日内（即{consultDeadline}前）提出意见；逾期未提出意见的，视为同意公开。' },
      { text: '意见寄送地址：{replyAddress}。', when: 'replyAddress' },
    ],
    attachments: ['政府信息公开申请内容摘要', '政府信息公开申请征求意见确认函'],
  },
  // 协办函 (宿迁 document 11).
  assist: {
    to: 'agency',
    remedy: false,
    paragraphs: [
      { text: OPENING_OTHERS },
      { text: '为依法答复申请人，现商请{you}协助办理以下事项：{consultRequest}' },
      { text: '请{you}于{consultDeadline}前将协办意见及相关材料函告本机关。', when: 'consultDeadline' },
      { text: `根据${REGULATION}第三十三条的规定，征求其他机关意见所需时间不计算在答复期限内。` },
      { text: '意见寄送地址：{replyAddress}。', when: 'replyAddress' },
    ],
    attachments: ['政府信息公开申请内容摘要'],
  },
  // 收费通知书 (条例第42条; 国办函〔2020〕109号; domain §1.4).
  'fee-notice': {
    to: 'applicant',
    remedy: false,
    paragraphs: [
      { text: OPENING },
      { text: `根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，{you}的申请{feeMode}计收信息处理费。` },
      { text: '计费说明：{feeCalc}' },
      { text: '应缴金额：人民币{feeAmount}元。' },
      { text: '请{you}于{feePayBy}前（含当日）缴纳。缴费方式：{feePayMethod}' },
      { text: '{you}逾期未按本通知要求缴纳费用的，视为放弃申请，本机关不再处理该政府信息公开申请。' },
      { text: '特此通知。' },
    ],
  },
  reply: { to: 'applicant', remedy: true, paragraphs: [] },
};

// ---------------------------------------------------------------------------------------------------------------

/** Chinese labels of the template values, for the "missing field" message. */
const VALUE_LABELS: Record<string, string> = {
  legalBasis: '法律依据',
  reasons: '理由',
  withheld: '不予公开的部分',
  withheldReasons: '不予公开部分的理由',
  agencyName: '负责公开的机关名称',
  agencyContact: '负责公开的机关联系方式',
  due: '法定答复期限',
  clarItems: '需要补正的事项',
  clarDeadline: '补正期限',
  reasonsDeadline: '说明理由的期限',
  extReason: '延期理由',
  extLaw: '延期依据',
  newDue: '新的答复期限',
  consultConcern: '可能涉及的权益（如商业秘密、个人隐私）',
  consultDeadline: '提出意见的期限',
  consultSent: '征求意见日期',
  consultNumber: '征求意见书文号',
  consultRequest: '协办事项',
  consultWhy: '征求意见的原因',
  consultLaw: '征求意见的依据',
  consultPartyRef: '征求意见的对象',
  tpStance: '第三方意见情况',
  tpContent: '决定公开的政府信息内容',
  tpReasons: '决定公开的理由',
  feeMode: '计费方式',
  feeCalc: '计费说明',
  feeAmount: '应缴金额',
  feePayBy: '缴费期限',
  feePayMethod: '缴费方式（请在“依申请公开文书设置”中填写）',
  request: '申请内容',
  received: '收到申请日期',
  regNo: '登记编号',
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2026-02-10' → '2026年2月10日'; an impossible date is a LetterInputError. */
export function letterDate(iso: string, field = '日期'): string {
  const m = DATE_RE.exec(iso ?? '');
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) return `${y}年${mo}月${d}日`;
  }
  throw new LetterInputError(`${field}不是有效日期（应为 YYYY-MM-DD）：${iso}`, 'LETTER_BAD_DATE');
}

function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined || v.trim() === '') throw new LetterInputError(`缺少${VALUE_LABELS[key] ?? key}，无法生成文书`);
    return v;
  });
}

function present(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** End a free text with a full stop unless it already ends with punctuation. */
function sentence(s: string | undefined): string | undefined {
  if (!s) return s;
  return /[。！？；.!?;）)」”]$/.test(s) ? s : `${s}。`;
}

function pronoun(to: KindTemplate['to'], input: LetterInput): string {
  if (to === 'agency') return '贵机关';
  if (to === 'applicant') return input.applicant.natural ? '您' : '贵单位';
  if (to === 'third-party') return input.recipient.natural === false ? '贵单位' : input.recipient.natural ? '您' : '您（单位）';
  return '您';
}

/** The full title of a letter: the unit's name + the document's name (§4.3(a) 「××××(单位)政府信息公开申请答复书」). */
export function letterTitle(input: Pick<LetterInput, 'kind' | 'unit' | 'decision'>): string {
  return `${input.unit.name}${documentName(input)}`;
}

/** The document's own name: LETTER_KINDS (without the 「（给…）」 note), or the decision type's 答复书/告知书 title. */
export function documentName(input: Pick<LetterInput, 'kind' | 'decision'>): string {
  if (input.kind === 'reply') {
    if (!input.decision) throw new LetterInputError('答复书需要答复内容（答复类型、法律依据等）');
    return REPLY_TITLES[input.decision.type];
  }
  const kind = LETTER_KINDS.find((k) => k.code === input.kind);
  if (!kind) throw new LetterInputError(`未知的文书种类：${input.kind}`);
  return kind.title.replace(/（给.+）$/, '');
}

/** 「如您不服本答复书…60日内…申请行政复议…6个月内…提起行政诉讼」 with the unit's configured bodies. */
export function remedyClause(you: string, docName: string, remedy: LetterInput['remedy']): string {
  const bodies = (remedy?.reviewBodies ?? []).map((b) => b.trim()).filter(Boolean);
  const court = remedy?.court?.trim();
  if (bodies.length === 0 || !court) {
    throw new LetterInputError(
      '本单位尚未设置行政复议机关和管辖法院，无法出具含救济途径的文书。请单位管理员在“依申请公开文书设置”中填写后再出具。',
      'LETTER_REMEDY_NOT_SET',
    );
  }
  const short = docName.endsWith('答复书') ? '答复书' : docName.endsWith('通知书') ? '通知书' : '告知书';
  // 《中华人民共和国行政复议法》（2023年修订）第二十条: 60 days; 《中华人民共和国行政诉讼法》: 6 months (domain.md §1.3).
  return `${you}如对本${short}不服，可以自收到本${short}之日起60日内向${bodies.join('或者')}申请行政复议，或者自收到本${short}之日起6个月内依法向${court}提起行政诉讼。`;
}

function valuesFor(input: LetterInput, you: string): Record<string, string | undefined> {
  const d = input.decision;
  const c = input.consultation;
  const f = input.fee;
  const x = input.extension;
  const tp = input.thirdPartyDisclosure;
  const opt = (iso: string | null | undefined, field: string) => (present(iso) ? letterDate(iso as string, field) : undefined);
  const requestText = input.request.docNumber
    ? `${input.request.description.trim()}（文号：${input.request.docNumber.trim()}）`
    : input.request.description.trim();
  const consultKind = c ? CONSULTATION_KINDS.find((k) => k.code === c.kind) : undefined;
  const where = [present(d?.provisionPlace), present(d?.provisionUrl) ? `网址：${d?.provisionUrl?.trim()}` : undefined].filter(Boolean).join('；');
  let extLaw: string | undefined;
  if (x) {
    extLaw =
      x.article === 'art35'
        ? `根据${REGULATION}第三十五条的规定，本机关确定延迟答复的合理期限并告知${you}。`
        : `根据${REGULATION}第三十三条的规定，经本机关政府信息公开工作机构负责人${present(x.approvedBy) ? `（${x.approvedBy?.trim()}）` : ''}同意，答复期限延长${x.workingDays ?? ''}个工作日。`;
    if (x.article === 'art33' && !(x.workingDays && x.workingDays >= 1 && x.workingDays <= 20)) {
      // 条例第33条: the extension is at most 20 working days.
      throw new LetterInputError('延期答复的天数应为1至20个工作日（条例第三十三条）');
    }
  }
  const tpStance = tp
    ? tp.stance === 'objected'
      ? `${you}${present(tp.answeredOn) ? `于${letterDate(tp.answeredOn as string, '第三方答复日期')}` : ''}提出不同意公开的意见。`
      : tp.stance === 'agreed'
        ? `${you}${present(tp.answeredOn) ? `于${letterDate(tp.answeredOn as string, '第三方答复日期')}` : ''}提出同意公开的意见。`
        : `${you}在规定期限内未提出意见。`
    : undefined;
  return {
    you,
    unitName: input.unit.name,
    received: input.receivedOn ? letterDate(input.receivedOn, '收到申请日期') : undefined,
    receiptRule: RECEIPT_CHANNELS.find((r) => r.code === input.channel)?.receiptRule,
    regNo: present(input.registrationNo),
    request: present(requestText),
    due: opt(input.dueOn, '法定答复期限'),
    legalBasis: present(d?.legalBasis),
    reasons: sentence(present(d?.reasons)),
    provided: present(d?.providedItems),
    provision: sentence(present(d?.provision)),
    provisionMethod: present(d?.provisionMethod),
    provisionWhere: where || undefined,
    provisionDate: opt(d?.provisionDate, '提供时间'),
    withheld: present(d?.withheldItems),
    withheldReasons: sentence(present(d?.withheldReasons) ?? present(d?.reasons)),
    agencyName: present(d?.responsibleAgency?.name),
    agencyContact: present(d?.responsibleAgency?.contact),
    previousAnswer: present(d?.previousAnswer),
    clarItems: input.clarification?.items.map((s) => s.trim()).filter(Boolean).length
      ? input.clarification.items
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s, i) => `${i + 1}.${s.replace(/[。；;]$/, '')}`)
          .join('；') + '。'
      : undefined,
    clarGuidance: sentence(present(input.clarification?.guidance)),
    clarDeadline: opt(input.clarification?.deadline, '补正期限'),
    reasonsDeadline: opt(input.reasonsDeadline, '说明理由的期限'),
    extReason: present(x?.reason)?.replace(/[。]$/, ''),
    extLaw,
    newDue: opt(x?.newDueOn, '新的答复期限'),
    consultConcern: present(c?.concern),
    consultDeadline: opt(c?.deadline, '提出意见的期限'),
    consultSent: opt(c?.sentOn, '征求意见日期'),
    consultNumber: present(c?.letterNumber),
    consultRequest: sentence(present(c?.request)),
    consultWhy: c
      ? c.kind === 'third-party'
        ? '可能损害第三方合法权益'
        : c.kind === 'co-producer'
          ? '由本机关与其他机关共同制作'
          : '需要其他机关协助办理'
      : undefined,
    consultLaw: consultKind ? `${REGULATION}${consultKind.code === 'assisting' ? '第三十三条' : consultKind.article}` : undefined,
    // The applicant is not told who the third party is (personal data of the third party).
    consultPartyRef: c ? (c.kind === 'third-party' ? '第三方' : c.partyName.trim()) : undefined,
    // Only an address other than the unit's own (which the contact lines already give).
    replyAddress: present(c?.replyAddress)
      ? `${c?.replyAddress?.trim()}${present(c?.replyPostcode) ? `（邮政编码：${c?.replyPostcode?.trim()}）` : ''}`
      : undefined,
    tpStance,
    tpContent: sentence(present(tp?.content)),
    tpReasons: sentence(present(tp?.reasons)),
    tpDiscloseOn: opt(tp?.discloseOn, '公开日期'),
    feeMode: f ? (f.mode === 'per-application' ? '按件' : '按量') : undefined,
    feeCalc: sentence(present(f?.calculation)),
    feeAmount: present(f?.amountYuan),
    feePayBy: opt(f?.payBy, '缴费期限'),
    feePayMethod: sentence(present(f?.paymentMethod)),
  };
}

function paragraphs(list: Para[], values: Record<string, string | undefined>): LetterBlock[] {
  return list.filter((p) => !p.when || values[p.when] !== undefined).map((p) => ({ type: 'para', text: fill(p.text, values) }) as const);
}

/** Label/value rows of the three forms. */
function formRows(input: LetterInput, values: Record<string, string | undefined>): LetterBlock[] {
  const a = input.applicant;
  const channel = RECEIPT_CHANNELS.find((r) => r.code === input.channel);
  const row = (label: string, value: string | null | undefined) => ({ label, value: present(value) ?? '—' });
  if (input.kind === 'registration') {
    return [
      {
        type: 'fields',
        rows: [
          row('登记编号', input.registrationNo),
          row('收到申请日期', values.received ?? '待与申请人确认（条例第三十一条）'),
          row('申请方式', channel?.label),
          row('申请人类型', a.kindLabel),
          row(a.natural ? '姓名' : '名称', a.name),
          ...(a.natural ? [] : [row('法定代表人或联系人', a.representative)]),
          row('身份证明', a.idDocument),
          row('联系电话', a.phone),
          row('通讯地址', [present(a.address), present(a.postcode) ? `邮政编码 ${a.postcode}` : undefined].filter(Boolean).join('　')),
          row('电子邮箱', a.email),
          row('所需信息的名称或内容描述', input.request.description),
          row('所需信息的文号', input.request.docNumber),
          row('信息的载体形式', input.request.formLabel),
          row('获取信息的方式', input.request.deliveryLabel),
          row('是否代为填写', input.request.filledByStaff ? `是（${REGULATION}第二十九条，工作人员代为填写）` : '否'),
          row('法定答复期限', values.due ? `${values.due}（收到申请之日起20个工作日，${REGULATION}第三十三条）` : undefined),
          row('登记人', input.handledBy),
        ],
      },
    ];
  }
  if (input.kind === 'receipt') {
    return [
      {
        type: 'fields',
        rows: [
          row('登记编号', input.registrationNo),
          row('申请人', a.name),
          row('收到申请日期', values.received),
          row('申请方式', channel?.label),
          row('申请内容', values.request),
          row('法定答复期限', values.due),
          row('受理机关', input.unit.name),
        ],
      },
    ];
  }
  if (input.kind === 'consult-confirmation') {
    return [
      { type: 'blank', label: '理由（不同意公开或者同意部分公开的，请说明理由）：', lines: 4 },
      { type: 'blank', label: '意见人（签名或者盖章）：', lines: 1 },
      { type: 'blank', label: '联系电话：', lines: 1 },
      { type: 'blank', label: '日期：　　　　年　　月　　日', lines: 0 },
    ];
  }
  return [];
}

function contactLines(input: LetterInput): string[] {
  const u = input.unit;
  const lines: string[] = [];
  const who = [present(u.contact) ? `联系人：${u.contact?.trim()}` : undefined, present(u.phone) ? `联系电话：${u.phone?.trim()}` : undefined]
    .filter(Boolean)
    .join('　');
  if (who) lines.push(who);
  if (present(u.address)) lines.push(`通讯地址：${u.address?.trim()}`);
  if (present(u.postcode)) lines.push(`邮政编码：${u.postcode?.trim()}`);
  if (present(u.officeHours)) lines.push(`办公时间：${u.officeHours?.trim()}`);
  return lines;
}

/**
 * Fills the template of `input.kind` into a LetterDocument. Throws LetterInputError (Chinese message) for a
 * missing value, an impossible date, or missing remedy settings on a letter that must carry the remedy clause.
 */
export function composeLetter(input: LetterInput): LetterDocument {
  if (!present(input.number)) throw new LetterInputError('缺少文号（编号），无法生成文书');
  if (!present(input.unit?.name)) throw new LetterInputError('缺少出具单位名称，无法生成文书');
  if (!present(input.recipient?.name) && input.kind !== 'registration') throw new LetterInputError('缺少收件人名称，无法生成文书');
  const template = KIND_TEMPLATES[input.kind];
  if (!template) throw new LetterInputError(`未知的文书种类：${input.kind}`);
  const issued = letterDate(input.issuedOn, '落款日期');
  const you = pronoun(template.to, input);
  const values = valuesFor(input, you);
  const docName = documentName(input);
  let blocks: LetterBlock[];
  if (input.kind === 'reply') {
    const d = input.decision as NonNullable<LetterInput['decision']>;
    if (!DECISION_TYPES.some((t) => t.code === d.type)) throw new LetterInputError(`未知的答复类型：${d.type}`);
    const closing = docName.endsWith('答复书') ? '特此答复。' : '特此告知。';
    blocks = paragraphs([{ text: `${OPENING}经研究，现答复如下：` }, ...REPLY_BODIES[d.type], { text: closing }], values);
  } else {
    const paras = paragraphs(template.paragraphs, values);
    const form = formRows(input, values);
    // The receipt prints its fields after the first sentence (「…现出具回执如下。」); forms print them last.
    blocks = input.kind === 'receipt' ? [...paras.slice(0, 1), ...form, ...paras.slice(1)] : [...paras, ...form];
  }
  if (template.remedy) blocks.push({ type: 'para', text: remedyClause(you, docName, input.remedy) });
  const salutation = template.to === null ? null : template.to === 'unit' ? `${input.unit.name}：` : `${input.recipient.name.trim()}：`;
  return {
    kind: input.kind,
    title: `${input.unit.name}${docName}`,
    number: input.number.trim(),
    salutation,
    blocks,
    attachments: template.attachments ?? [],
    contact: template.to === 'unit' || template.to === null ? [] : contactLines(input),
    // The confirmation form is signed by the party that returns it, not by the unit.
    seal: input.kind === 'consult-confirmation' ? null : { unit: input.unit.name, date: issued },
    meta: { subject: `${docName}（登记编号：${input.registrationNo}）`, issuedOn: input.issuedOn },
  };
}
