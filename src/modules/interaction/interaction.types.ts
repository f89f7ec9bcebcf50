/** Vocabulary of 政民互动 (codes are API; labels are what people read). */

export const CASE_KINDS = [
  { code: 'question', label: '询问', help: '对已公开的内容有疑问：哪里不清楚，或者哪里可能有遗漏、不真实' },
  { code: 'consult', label: '咨询', help: '想了解政策、办事流程等' },
  { code: 'suggestion', label: '建议', help: '对工作提出意见和建议' },
  { code: 'complaint', label: '投诉', help: '对办事效率、服务态度、公开工作等不满意' },
] as const;
export type CaseKind = (typeof CASE_KINDS)[number]['code'];
export const CASE_KIND_TEXT: Record<string, string> = Object.fromEntries(CASE_KINDS.map((k) => [k.code, k.label]));
export const isCaseKind = (v: string): v is CaseKind => CASE_KINDS.some((k) => k.code === v);

/** 渠道: how the case reached the unit. `online` is the public form; `app` the county app through the API. */
export const CHANNELS = [
  { code: 'online', label: '网上提交' },
  { code: 'app', label: '我的泗阳APP' },
  { code: 'in-person', label: '当面反映' },
  { code: 'phone', label: '电话' },
  { code: 'meeting', label: '会议上提出' },
  { code: 'box', label: '意见箱' },
  { code: 'letter', label: '信件' },
] as const;
export const CHANNEL_TEXT: Record<string, string> = Object.fromEntries(CHANNELS.map((c) => [c.code, c.label]));
/** Channels staff enter (the public form is `online`; `box` comes through a recorded opening). */
export const STAFF_CHANNELS = ['app', 'in-person', 'phone', 'meeting', 'letter'] as const;

export const RATINGS = [
  { code: 'satisfied', label: '满意' },
  { code: 'basic', label: '基本满意' },
  { code: 'unsatisfied', label: '不满意' },
] as const;
export type Rating = (typeof RATINGS)[number]['code'];
export const RATING_TEXT: Record<string, string> = Object.fromEntries(RATINGS.map((r) => [r.code, r.label]));

export const OUTCOME_TEXT: Record<string, string> = {
  answered: '已解答',
  verified: '经核实无误',
  corrected: '经核实内容有遗漏或不真实，已更正（重新公布）',
  returned: '不予受理（已退回）',
  'town-no-issue': '乡镇（街道）调查核实：内容无误',
  'town-ordered': '乡镇（街道）调查核实：责令限期更正',
};

export const MAX_CONTENT = 2000;
export const MAX_ANSWER = 4000;
