/**
 * Pure rules of policy documents (issue 19 §1): the 文号 format, validity transitions as a table, and the
 * interpretation rule. No clock and no database: dates, prefixes and the calendar come in as arguments.
 *
 * 文号 format (reference-data.md §1.3, e.g. 泗政办发〔2023〕72号, 泗政发〔2021〕55号): 机关代字 + 〔four-digit year〕 +
 * serial + 号. Which 代字 a unit may use is county data (`policy_number_prefixes`).
 */
import type { Role } from '../../platform/auth/roles.ts';
import type { WorkCalendar } from '../calendar/index.ts';

/** Who keeps a unit's policy documents (drafts, metadata, links to 解读): its officers and reviewers, and the county office. */
export const POLICY_STAFF: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];

export interface ParsedDocNo {
  /** Normalised: no spaces, the year in 〔〕, the serial without leading zeros. */
  docNo: string;
  prefix: string;
  year: number;
  serial: number;
}

export type DocNoResult = { ok: true; value: ParsedDocNo } | { ok: false; code: string; message: string };

/** Brackets people type instead of the 六角括号 〔〕 around the year. */
const OPEN = '[［【(（﹝〔';
const CLOSE = ']］】)）﹞〕';
const cls = (chars: string) => `[${chars.replace(/[\][\\^-]/g, '\\$&')}]`;

export function parseDocNo(raw: string, prefixes: readonly string[], writtenOn: string): DocNoResult {
  const s = raw.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  // NFKC turns ［］（） into [] (); 〔〕【】﹝﹞ stay as they are.
  const m = new RegExp(`^(.+?)${cls(OPEN)}(\\d{4})${cls(CLOSE)}(\\d+)号$`).exec(s);
  if (!m) return { ok: false, code: 'INVALID_DOC_NO', message: `文号“${raw.trim()}”格式不对：应为“机关代字〔年份〕序号号”，例如 泗政办发〔2023〕72号` };
  const [, prefix, yearText, serialText] = m as unknown as [string, string, string, string];
  const year = Number(yearText);
  const serial = Number(serialText);
  if (serial < 1) return { ok: false, code: 'INVALID_DOC_NO', message: `文号“${raw.trim()}”的序号应从 1 开始` };
  if (!prefixes.includes(prefix)) {
    return {
      ok: false,
      code: 'DOC_NO_PREFIX',
      message: prefixes.length
        ? `机关代字“${prefix}”不是本单位登记的代字（可用：${prefixes.join('、')}）；如需新增，请联系县政府办`
        : '本单位尚未登记机关代字，暂不能填写文号；请联系县政府办登记',
    };
  }
  if (year > Number(writtenOn.slice(0, 4))) return { ok: false, code: 'DOC_NO_YEAR', message: `文号年份 ${year} 晚于成文日期 ${writtenOn}，请核对` };
  if (year < 1949) return { ok: false, code: 'DOC_NO_YEAR', message: `文号年份 ${year} 不正确，请核对` };
  return { ok: true, value: { docNo: `${prefix}〔${year}〕${serial}号`, prefix, year, serial } };
}

/** A 机关代字 as the county registers it: Chinese characters (and digits), no brackets, not ending in 号. */
export function checkPrefix(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const p = raw.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  if (!p) return { ok: false, message: '机关代字不能为空' };
  if (p.length > 20) return { ok: false, message: `机关代字“${p}”过长（不超过20字）` };
  if (new RegExp(cls(OPEN + CLOSE)).test(p) || /\d{4}/.test(p) || p.endsWith('号'))
    return { ok: false, message: `“${p}”应只填机关代字（如 泗政办发），不含年份、括号和序号` };
  return { ok: true, value: p };
}

// ---- validity ----------------------------------------------------------------------------------------------

export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_TEXT: Record<Validity, string> = { valid: '有效', amended: '已修改', repealed: '已废止', expired: '已失效' };
/** 现行有效: in force, as issued or as amended. */
export const CURRENT_VALIDITIES: readonly Validity[] = ['valid', 'amended'];

/**
 * Allowed changes (data): amended and repealed name the later document that made the change; expiry (a time limit
 * running out) needs none. Repealed and expired documents stay as they are; a wrong entry is corrected, not undone.
 */
export const VALIDITY_TRANSITIONS: readonly { from: Validity; to: Validity; needsDocument: boolean }[] = [
  { from: 'valid', to: 'amended', needsDocument: true },
  { from: 'valid', to: 'repealed', needsDocument: true },
  { from: 'valid', to: 'expired', needsDocument: false },
  { from: 'amended', to: 'amended', needsDocument: true },
  { from: 'amended', to: 'repealed', needsDocument: true },
  { from: 'amended', to: 'expired', needsDocument: false },
];

export interface ValidityChangeInput {
  current: Validity;
  to: Validity;
  effectiveOn: string;
  today: string;
  target: { id: string; writtenOn: string };
  /** The changing document, when one is named. */
  by: { id: string; writtenOn: string; published: boolean; validity: Validity } | null;
}

export function checkValidityChange(
  i: ValidityChangeInput,
): { ok: true; needsDocument: boolean } | { ok: false; status: 400 | 409; code: string; message: string } {
  const rule = VALIDITY_TRANSITIONS.find((t) => t.from === i.current && t.to === i.to);
  if (!rule) {
    return {
      ok: false,
      status: 409,
      code: 'VALIDITY_TRANSITION',
      message: `该文件现为“${VALIDITY_TEXT[i.current]}”，不能改为“${VALIDITY_TEXT[i.to]}”${i.current === 'repealed' || i.current === 'expired' ? '（已废止或已失效的文件不再变更；登记有误请走更正）' : ''}`,
    };
  }
  if (i.effectiveOn > i.today) return { ok: false, status: 400, code: 'VALIDITY_DATE', message: '变更日期不能晚于今天；请在变更生效后再登记' };
  if (i.effectiveOn < i.target.writtenOn)
    return { ok: false, status: 400, code: 'VALIDITY_DATE', message: `变更日期不能早于本文件的成文日期 ${i.target.writtenOn}` };
  if (rule.needsDocument && !i.by)
    return { ok: false, status: 400, code: 'CHANGING_DOCUMENT_REQUIRED', message: `改为“${VALIDITY_TEXT[i.to]}”须关联作出修改或废止的文件` };
  if (i.by) {
    if (i.by.id === i.target.id) return { ok: false, status: 400, code: 'CHANGING_DOCUMENT_SELF', message: '文件不能修改或废止它自己' };
    if (!i.by.published) return { ok: false, status: 409, code: 'CHANGING_DOCUMENT_UNPUBLISHED', message: '作出修改或废止的文件须先公开，才能关联' };
    if (i.by.writtenOn < i.target.writtenOn)
      return {
        ok: false,
        status: 400,
        code: 'CHANGING_DOCUMENT_OLDER',
        message: `作出修改或废止的文件（成文日期 ${i.by.writtenOn}）早于本文件（${i.target.writtenOn}），请核对`,
      };
    if (i.effectiveOn < i.by.writtenOn)
      return { ok: false, status: 400, code: 'VALIDITY_DATE', message: `变更日期不能早于作出修改或废止的文件的成文日期 ${i.by.writtenOn}` };
    if (i.by.validity === 'repealed' || i.by.validity === 'expired')
      return { ok: false, status: 409, code: 'CHANGING_DOCUMENT_NOT_IN_FORCE', message: '所关联的文件已废止或已失效，不能作为修改或废止的依据' };
  }
  return { ok: true, needsDocument: rule.needsDocument };
}

// ---- interpretation rule ----------------------------------------------------------------------------------

export interface InterpretationSettings {
  /** 分类 the county marks as needing a 解读 (国办发〔2017〕47号: important policies are interpreted when published). */
  categories: string[];
  /** Working days after the policy's publication by which its interpretation must be public (county setting). */
  workingDays: number;
}

/** The date `months` calendar months before `date` (YYYY-MM-DD), the day kept or clamped to the month's end (2024-02-29 − 12 → 2023-02-28). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type InterpretationStatus = 'on_time' | 'late' | 'missing' | 'pending';
export const INTERPRETATION_STATUS_TEXT: Record<InterpretationStatus, string> = {
  on_time: '已按时解读',
  late: '解读晚于期限',
  missing: '逾期未解读',
  pending: '待解读（未到期限）',
};

export interface InterpretationCheck {
  policyId: string;
  publishedOn: string;
  dueOn: string;
  provisional: boolean;
  interpretedOn: string | null;
  status: InterpretationStatus;
}

/**
 * Each published policy of a marked category: its interpretation deadline (publication date + N working days on the
 * statutory calendar) and whether the first public interpretation came by then. Policies of other categories are
 * not listed.
 */
export function evaluateInterpretations(
  policies: readonly { id: string; category: string; publishedOn: string }[],
  interpretations: readonly { policyId: string; publishedOn: string }[],
  settings: InterpretationSettings,
  calendar: WorkCalendar,
  today: string,
): InterpretationCheck[] {
  const first = new Map<string, string>();
  for (const i of interpretations) {
    const cur = first.get(i.policyId);
    if (!cur || i.publishedOn < cur) first.set(i.policyId, i.publishedOn);
  }
  return policies
    .filter((p) => settings.categories.includes(p.category))
    .map((p) => {
      const due = settings.workingDays > 0 ? calendar.addWorkingDays(p.publishedOn, settings.workingDays) : { date: p.publishedOn, provisional: false };
      const on = first.get(p.id) ?? null;
      const status: InterpretationStatus = on ? (on <= due.date ? 'on_time' : 'late') : today > due.date ? 'missing' : 'pending';
      return { policyId: p.id, publishedOn: p.publishedOn, dueOn: due.date, provisional: due.provisional, interpretedOn: on, status };
    });
}

export const INTERPRETATION_FORMS = { text: '文字解读', graphic: '图解', qa: '问答', audio: '音频解读', video: '视频解读' } as const;
export type InterpretationForm = keyof typeof INTERPRETATION_FORMS;
export const RESPONSE_FORMS = { concern: '回应关切', rumour: '辟谣' } as const;
export type ResponseForm = keyof typeof RESPONSE_FORMS;

/** A media link (audio/video/图解 image page): http(s) only, so no script URL reaches a public page. */
export function checkMediaUrl(url: string | null | undefined): { ok: true; value: string | null } | { ok: false; message: string } {
  const v = url?.trim();
  if (!v) return { ok: true, value: null };
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, message: '链接须以 http:// 或 https:// 开头' };
    if (v.length > 500) return { ok: false, message: '链接过长（不超过500个字符）' };
    return { ok: true, value: u.toString() };
  } catch {
    return { ok: false, message: `“${v}”不是有效的链接` };
  }
}
