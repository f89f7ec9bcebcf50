/**
 * 依申请公开文书 (the 宿迁 document set, 宿政办函〔2021〕21号; reference-data.md §4): the plain data one letter is
 * rendered from. Everything is already decided and formatted by the caller (numbers, dates, texts): the renderer
 * only lays it out, so the .docx and the PDF always carry the same words.
 *
 * Dates are China-local `YYYY-MM-DD`; the renderer prints them as 「2026年2月10日」.
 */
import type { ConsultationKind, DecisionType, LetterKind, ReceiptChannel } from '../request.types.ts';

export type LetterFormat = 'docx' | 'pdf';

/** The issuing unit (被申请机关), as printed in the letter's body, contact lines and 落款. */
export interface LetterUnit {
  /** Full name, e.g. 泗阳县民政局; also the 落款 (seal line). */
  name: string;
  address?: string | null;
  postcode?: string | null;
  phone?: string | null;
  /** 联系人 (a staff name or an office, e.g. 政务公开办公室). */
  contact?: string | null;
  /** 办公时间, e.g. 工作日上午8:30—12:00，下午2:30—5:30 (as the unit sets it). */
  officeHours?: string | null;
}

/** Who the letter is addressed to. */
export interface LetterRecipient {
  /** applicant: 申请人; third-party: 第三方 (第32条); agency: 共同制作机关 (第34条) or 协办机关. */
  role: 'applicant' | 'third-party' | 'agency';
  /** Name or 名称 as it appears in the salutation (「张三：」). */
  name: string;
  /** True for a natural person (您), false for an organisation (贵单位); unknown → 「您（单位）」. */
  natural?: boolean;
}

/** The applicant as recorded at registration (personal data: only ever on letters to the applicant and internal forms). */
export interface LetterApplicant {
  name: string;
  /** APPLICANT_KINDS label, e.g. 自然人 / 商业企业. */
  kindLabel: string;
  natural: boolean;
  /** 身份证明: type and number as entered (e.g. 居民身份证 3213…); internal forms only. */
  idDocument?: string | null;
  /** 法人或其他组织: legal representative / contact person. */
  representative?: string | null;
  phone?: string | null;
  address?: string | null;
  postcode?: string | null;
  email?: string | null;
}

/** 申请内容 (条例第29条第二款): what was asked for and in which form. */
export interface LetterRequestInfo {
  description: string;
  docNumber?: string | null;
  /** INFORMATION_FORMS label. */
  formLabel?: string | null;
  /** DELIVERY_METHODS label. */
  deliveryLabel?: string | null;
  /** 1 when staff filled the form for the applicant (条例第29条, 代填). */
  filledByStaff?: boolean;
}

/** The remedy clause's bodies: per-unit settings (行政复议机关, 人民法院). */
export interface LetterRemedy {
  /** 行政复议机关, one or more (printed 「A或者B」). */
  reviewBodies: string[];
  /** The court for 行政诉讼. */
  court: string;
}

/** 补正 (条例第30条). */
export interface LetterClarification {
  /** Needing correction: one or more items (see CLARIFICATION_GROUNDS for the three standard ones). */
  items: string[];
  /** 指导和释明: how to correct (optional). */
  guidance?: string | null;
  /** The correction deadline (合理的补正期限). */
  deadline: string;
}

/** 延期答复 (第33条, at most 20 working days) or a 第35条 delayed deadline. */
export interface LetterExtension {
  article: 'art33' | 'art35';
  reason: string;
  /** 第33条: working days added (1–20). */
  workingDays?: number | null;
  /** Who approved (政府信息公开工作机构负责人), as recorded. */
  approvedBy?: string | null;
  newDueOn: string;
}

/** 征求意见 (第32条 third party, 第34条 co-producer) and 协办. */
export interface LetterConsultation {
  kind: ConsultationKind;
  /** The party consulted (third party, co-producing or assisting agency). */
  partyName: string;
  /** The consultation letter's own number (the confirmation form refers to it). */
  letterNumber?: string | null;
  sentOn: string;
  /** Answer by (第32条/第34条: 15 working days from receipt; 协办: as the unit sets it). */
  deadline?: string | null;
  /** Third party: what may be affected, e.g. 商业秘密 / 个人隐私 (free text, as recorded). */
  concern?: string | null;
  /** 协办: what help is asked for. */
  request?: string | null;
  /** Where to send the answer (defaults to the unit's address). */
  replyAddress?: string | null;
  replyPostcode?: string | null;
}

/** The public-interest disclosure notice to a third party (第32条, last sentence). */
export interface LetterThirdPartyDisclosure {
  /** What the third party answered, e.g. 「不同意公开」 on 2026-03-02, or null when it did not answer in time. */
  stance: 'objected' | 'no-answer' | 'agreed';
  answeredOn?: string | null;
  /** 决定公开的政府信息内容. */
  content: string;
  /** 理由 (why not disclosing would seriously affect the public interest). */
  reasons: string;
  /** When the information will be disclosed to the applicant. */
  discloseOn?: string | null;
}

/** 信息处理费 (条例第42条; 国办函〔2020〕109号). */
export interface LetterFee {
  /** per-application: 按件; per-volume: 按量. */
  mode: 'per-application' | 'per-volume';
  /** How the amount was found, in words (e.g. 「本自然月第12件申请，按每件100元计收」). */
  calculation: string;
  /** Amount in 元, formatted by the caller (e.g. 「100.00」). */
  amountYuan: string;
  /** Pay by (inclusive). */
  payBy: string;
  /** How to pay (account, counter, online), as the unit sets it. */
  paymentMethod: string;
}

/** 答复 (条例第36–39条): the decision as recorded by the handling command. */
export interface LetterDecision {
  type: DecisionType;
  /** 法律依据: the articles relied on, as recorded. */
  legalBasis: string;
  reasons?: string | null;
  /** 提供的信息 (what is provided). */
  providedItems?: string | null;
  /** How, where and when in one recorded text (as the handling command stores it). */
  provision?: string | null;
  /** Or the same in parts (第36条第（一）（二）项): method, place or URL, date. */
  provisionMethod?: string | null;
  provisionPlace?: string | null;
  provisionUrl?: string | null;
  provisionDate?: string | null;
  /** 部分公开: what was withheld, and why (第37条). */
  withheldItems?: string | null;
  withheldReasons?: string | null;
  /** 不属于本机关负责公开 (第36条第（五）项): the responsible agency. */
  responsibleAgency?: { name: string; contact: string } | null;
  /** 重复申请: the earlier answer (number / date), when known. */
  previousAnswer?: string | null;
}

export interface LetterInput {
  kind: LetterKind;
  /** 文号 (or 回执编号 / 登记编号), already formatted. */
  number: string;
  /** 落款日期 (and the PDF's CreationDate). */
  issuedOn: string;
  unit: LetterUnit;
  recipient: LetterRecipient;
  applicant: LetterApplicant;
  /** 登记编号 of the case. */
  registrationNo: string;
  /** 收到申请之日 (条例第31条); null only on the registration form of an online application not yet confirmed. */
  receivedOn: string | null;
  channel: ReceiptChannel;
  request: LetterRequestInfo;
  /** The statutory answer date (收到申请之日起20个工作日, 第33条), as computed by the clock. */
  dueOn?: string | null;
  /** Registration form: who registered the case (承办人). */
  handledBy?: string | null;
  clarification?: LetterClarification | null;
  /** 说明理由告知书 (第35条): reply by. */
  reasonsDeadline?: string | null;
  extension?: LetterExtension | null;
  consultation?: LetterConsultation | null;
  thirdPartyDisclosure?: LetterThirdPartyDisclosure | null;
  fee?: LetterFee | null;
  decision?: LetterDecision | null;
  /** Required for kinds that carry the remedy clause (reply, third-party-disclosure-notice). */
  remedy?: LetterRemedy | null;
}

/** A letter laid out as neutral blocks: both renderers print exactly these words. */
export type LetterBlock =
  /** Body paragraph, first line indented by two characters. */
  | { type: 'para'; text: string }
  /** A label/value form (登记表, 回执, 确认函). */
  | { type: 'fields'; rows: { label: string; value: string }[] }
  /** Blank line to fill in by hand, with a label (确认函). */
  | { type: 'blank'; label: string; lines: number };

export interface LetterDocument {
  kind: LetterKind;
  /** Full title, e.g. 泗阳县民政局政府信息公开申请答复书. */
  title: string;
  number: string;
  /** 「张三：」, or null for forms without a salutation. */
  salutation: string | null;
  blocks: LetterBlock[];
  /** 附件 lines. */
  attachments: string[];
  /** 联系人/电话/地址 lines after the body. */
  contact: string[];
  /** The 落款: unit name and date text (null on the confirmation form, which the consulted party signs). */
  seal: { unit: string; date: string } | null;
  /** Metadata for the files. */
  meta: { subject: string; issuedOn: string };
}

export class LetterInputError extends Error {
  override name = 'LetterInputError';
  constructor(
    message: string,
    /** Stable code: LETTER_REMEDY_NOT_SET, LETTER_FIELD_MISSING, LETTER_BAD_DATE. */
    readonly code: string = 'LETTER_FIELD_MISSING',
  ) {
    super(message);
  }
}
