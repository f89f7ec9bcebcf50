/**
 * Per-unit letter settings (pure part): what a unit configures before it issues letters, how it is validated, and
 * how a 文号 is formatted from the unit's pattern. The abbreviation in a 文号 (e.g. 「泗民公复」) is the unit's own
 * and is never invented: a kind without a pattern cannot be numbered, and the caller says so.
 */
import { LETTER_KINDS, type LetterKind } from '../request.types.ts';
import type { LetterRemedy, LetterUnit } from './letter.types.ts';

export interface LetterSettings {
  unitCode: string;
  /** LETTER_KINDS code → pattern, e.g. 「泗民公复〔{year}〕{n}号」. */
  numberPatterns: Partial<Record<LetterKind, string>>;
  /** 行政复议机关 printed in the remedy clause (1–3). */
  reviewBodies: string[];
  /** The court for 行政诉讼. */
  court: string | null;
  office: { address: string | null; postcode: string | null; phone: string | null; contact: string | null; hours: string | null };
  /** How an applicant pays an information-processing fee (printed on the 收费通知书). */
  feePaymentMethod: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export type LetterSettingsInput = Omit<LetterSettings, 'unitCode' | 'updatedAt' | 'updatedBy'>;

/** Kinds that carry the remedy clause and therefore need the review bodies and the court. */
export const KINDS_WITH_REMEDY: readonly LetterKind[] = ['reply', 'third-party-disclosure-notice'];

export function emptyLetterSettings(unitCode: string): LetterSettings {
  return {
    unitCode,
    numberPatterns: {},
    reviewBodies: [],
    court: null,
    office: { address: null, postcode: null, phone: null, contact: null, hours: null },
    feePaymentMethod: null,
    updatedAt: null,
    updatedBy: null,
  };
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Problems with the settings, each a polite Chinese sentence naming the field (empty when valid). */
export function validateLetterSettings(input: LetterSettingsInput): string[] {
  const problems: string[] = [];
  const seen = new Map<string, LetterKind>();
  for (const [kind, raw] of Object.entries(input.numberPatterns) as [LetterKind, string | undefined][]) {
    if (!LETTER_KINDS.some((k) => k.code === kind)) {
      problems.push(`未知的文书种类：${kind}`);
      continue;
    }
    const label = `「${LETTER_KINDS.find((k) => k.code === kind)?.title}」`;
    const pattern = (raw ?? '').trim();
    if (!pattern) continue;
    const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const unknown = names.filter((n) => n !== 'year' && n !== 'n');
    if (unknown.length) problems.push(`${label}的文号格式只能使用 {year}（年份）和 {n}（序号），不能使用 {${unknown[0]}}`);
    else if (names.filter((n) => n === 'n').length !== 1) problems.push(`${label}的文号格式必须包含一次 {n}（序号）`);
    else if (!names.includes('year')) problems.push(`${label}的文号格式必须包含 {year}（年份），例如「泗民公复〔{year}〕{n}号」`);
    else if (pattern.replace(PLACEHOLDER, '').replace(/[〔〕[\]()（）【】第号字\s\d\-—]/g, '').length === 0)
      problems.push(`${label}的文号格式需要写明本单位的文号简称`);
    if (pattern.length > 40) problems.push(`${label}的文号格式不能超过40个字`);
    const other = seen.get(pattern);
    if (other) problems.push(`${label}与「${LETTER_KINDS.find((k) => k.code === other)?.title}」的文号格式相同，文号会重复，请区分`);
    seen.set(pattern, kind);
  }
  const bodies = input.reviewBodies.map((b) => b.trim());
  if (bodies.length > 3) problems.push('行政复议机关最多填写3个');
  if (bodies.some((b) => b.length < 2 || b.length > 60)) problems.push('行政复议机关名称应为2至60个字');
  if (new Set(bodies).size !== bodies.length) problems.push('行政复议机关重复填写');
  const court = input.court?.trim();
  if (court && (court.length > 60 || !court.endsWith('法院'))) problems.push('管辖法院应填写法院全称，例如「××县人民法院」');
  const o = input.office;
  if (o.postcode?.trim() && !/^\d{6}$/.test(o.postcode.trim())) problems.push('邮政编码应为6位数字');
  if (o.phone?.trim() && !/^[0-9()（）+\-－—、，, 转]{5,40}$/.test(o.phone.trim())) problems.push('联系电话格式不正确（只能包含数字、括号、“-”和“转”）');
  for (const [v, label, max] of [
    [o.address, '通讯地址', 100],
    [o.contact, '联系人', 40],
    [o.hours, '办公时间', 100],
    [input.feePaymentMethod, '信息处理费缴费方式', 300],
  ] as const) {
    if (v && v.trim().length > max) problems.push(`${label}不能超过${max}个字`);
  }
  return problems;
}

/** 「泗民公复〔{year}〕{n}号」 + 2026, 7 → 「泗民公复〔2026〕7号」. */
export function formatLetterNumber(pattern: string, year: number, n: number): string {
  return pattern
    .trim()
    .replace(/\{year\}/g, String(year))
    .replace(/\{n\}/g, String(n));
}

/**
 * The printed 文号 of a registered letter: the unit's pattern for the kind with the register's year and serial, or,
 * while the unit has set no pattern, the register's own number (e.g. 「答复〔2026〕3号」, LETTER_SERIES).
 */
export function letterNumber(settings: LetterSettings, kind: LetterKind, reg: { year: number; serial: number; letterNo: string }): string {
  const pattern = settings.numberPatterns[kind]?.trim();
  return pattern ? formatLetterNumber(pattern, reg.year, reg.serial) : reg.letterNo;
}

/** What is still missing before the unit can issue each kind (for the settings page and clear refusals). */
export function missingForKind(settings: LetterSettings, kind: LetterKind): string[] {
  const missing: string[] = [];
  if (KINDS_WITH_REMEDY.includes(kind)) {
    if (settings.reviewBodies.length === 0) missing.push('行政复议机关');
    if (!settings.court?.trim()) missing.push('管辖法院');
  }
  if (kind === 'fee-notice' && !settings.feePaymentMethod?.trim()) missing.push('信息处理费缴费方式');
  return missing;
}

/** The unit block of a LetterInput from the org unit's name and the settings' office details. */
export function letterUnit(name: string, settings: LetterSettings): LetterUnit {
  const o = settings.office;
  return { name, address: o.address, postcode: o.postcode, phone: o.phone, contact: o.contact, officeHours: o.hours };
}

export function letterRemedy(settings: LetterSettings): LetterRemedy | null {
  return settings.reviewBodies.length && settings.court ? { reviewBodies: settings.reviewBodies, court: settings.court } : null;
}
