/**
 * Plain words for 公开时限, 公示期 and 公开渠道 (the portal, the Excel sheet and error messages),
 * and strict parsers that accept exactly what the describe* functions produce, plus a few common
 * variants (全角数字/括号, "信息形成(变更)之日起", a leading "自", a trailing "。").
 * Round trip: parse(describe(r)) deep-equals r for every valid rule.
 */
import { CHANNELS, type Channel, type ChannelUse } from './catalog.types.ts';
import type { DisplayRule, Frequency, PeriodDue, TimeRule, TriggerKind } from './time-rule.ts';

export type ParseResult<T> = { ok: true; rule: T } | { ok: false; message: string };

const TRIGGER_TEXT: Record<TriggerKind, string> = {
  formed_or_changed: '信息形成或者变更之日起',
  made_or_obtained: '制定或获取信息之日起',
  approved: '批准后',
  replied: '批复后',
  event_occurred: '事项发生之日起',
};

const FREQ_TEXT: Record<Frequency, { every: string; period: string; prev: string }> = {
  yearly: { every: '每年', period: '年度', prev: '上年度' },
  quarterly: { every: '每季度', period: '季度', prev: '上季度' },
  monthly: { every: '每月', period: '月度', prev: '上月' },
  // 村民委员会组织法第三十条: monthly where collective finances are busy, else at least quarterly.
  finance_adaptive: { every: '每期', period: '当期', prev: '上期' },
};
const ADAPTIVE_PREFIX = '集体财务往来较多的每月、其他每季度公开：';
const NO_SHIFT = '（遇节假日不顺延）';
const QUARTER_MONTH = ['首月', '第二个月', '第三个月'];

function dayWithin(n: number): string {
  return `${n}个工作日内`;
}

function monthPhrase(f: Frequency, m: number): string {
  if (f === 'yearly') return `${m}月`;
  if (f === 'quarterly') return QUARTER_MONTH[m - 1] ?? `第${m}个月`;
  if (f === 'finance_adaptive') return '首月';
  return '';
}

function describeDue(f: Frequency, due: PeriodDue): string {
  const t = FREQ_TEXT[f];
  switch (due.type) {
    case 'day_in_period':
      return `${t.every}${monthPhrase(f, due.monthOfPeriod)}${due.day}日前`;
    case 'day_in_next_period':
      return `${t.every}${monthPhrase(f, due.monthOfPeriod)}${due.day}日前公开${t.prev}情况`;
    case 'working_days_after_start':
      return f === 'finance_adaptive' ? `每期开始后${dayWithin(due.n)}` : `${t.every}初公开（${t.period}开始后${dayWithin(due.n)}）`;
    case 'working_days_after_end':
      return f === 'finance_adaptive' ? `每期结束后${dayWithin(due.n)}` : `${t.every}公开，${t.period}结束后${dayWithin(due.n)}`;
  }
}

/** 公开时限 in plain words, e.g. "信息形成或者变更之日起20个工作日内", "每月10日前公开上月情况". */
export function describeTimeRule(rule: TimeRule): string {
  switch (rule.kind) {
    case 'triggered':
      return `${TRIGGER_TEXT[rule.trigger]}${rule.n}${rule.unit === 'working_days' ? '个工作日' : '日'}内`;
    case 'immediate':
      return `即时公开：事项发生之日起${dayWithin(rule.n)}`;
    case 'long_term':
      return `长期公开，变更后${dayWithin(rule.updateWithinWorkingDays)}更新`;
    case 'recurring': {
      const base = describeDue(rule.frequency, rule.due);
      const text = rule.frequency === 'finance_adaptive' ? `${ADAPTIVE_PREFIX}${base}` : base;
      return rule.shiftToWorkday ? text : `${text}${NO_SHIFT}`;
    }
  }
}

/** 公示期 in plain words; "" where there is no minimum. */
export function describeDisplayRule(rule: DisplayRule): string {
  if (rule.kind === 'min_working_days') return `公示不少于${rule.n}个工作日`;
  if (rule.kind === 'until') return `公示至${rule.until}`;
  return '';
}

const FULLWIDTH_DIGITS = /[０-９]/g;

/** Canonical spelling before matching: half-width digits, full-width brackets and colon, no spaces. */
function normalize(text: string): string {
  return text
    .replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/\s+/g, '')
    .replace(/[。；;]+$/, '')
    .replace(/以内/g, '内');
}

const N = '(\\d{1,3})';

const TRIGGER_PATTERNS: [RegExp, TriggerKind][] = [
  [/^自?信息形成(?:或者|或|（或者?）)?变更之日起$/, 'formed_or_changed'],
  [/^自?信息形成（变更）之日起$/, 'formed_or_changed'],
  [/^自?信息形成（或变更）之日起$/, 'formed_or_changed'],
  [/^自?制定或(?:者)?获取(?:该)?信息之日起$/, 'made_or_obtained'],
  [/^自?获取(?:该)?信息之日起$/, 'made_or_obtained'],
  [/^(?:本级人民代表大会或其常务委员会)?批准后$/, 'approved'],
  [/^(?:本级政府财政部门)?批复后$/, 'replied'],
  [/^自?事项发生之日起$/, 'event_occurred'],
];

function nInRange(raw: string, what: string): number | string {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 365) return `${what}应为1至365之间的整数，现为“${raw}”`;
  return n;
}

const RULE_HELP =
  '可用写法示例：“信息形成或者变更之日起20个工作日内”“批准后20日内”“每季度首月20日前”“每月10日前公开上月情况”“每年初公开（年度开始后20个工作日内）”“即时公开：事项发生之日起3个工作日内”“长期公开，变更后20个工作日内更新”';

function bad(text: string, why?: string): { ok: false; message: string } {
  return { ok: false, message: `无法识别的公开时限“${text}”${why ? `：${why}` : ''}。${RULE_HELP}` };
}

function parseRecurring(body: string, frequency: Frequency): { due: PeriodDue } | string | null {
  const t = FREQ_TEXT[frequency];
  const esc = (s: string) => s.replace(/[（）]/g, (c) => `\\${c}`);
  if (frequency === 'finance_adaptive') {
    let m = new RegExp(`^每期首月${N}日前$`).exec(body);
    if (m) return checkDay({ type: 'day_in_period', monthOfPeriod: 1, day: Number(m[1]) });
    m = new RegExp(`^每期首月${N}日前公开上期情况$`).exec(body);
    if (m) return checkDay({ type: 'day_in_next_period', monthOfPeriod: 1, day: Number(m[1]) });
    m = new RegExp(`^每期开始后${N}个工作日内$`).exec(body);
    if (m) return checkN({ type: 'working_days_after_start', n: Number(m[1]) });
    m = new RegExp(`^每期结束后${N}个工作日内$`).exec(body);
    if (m) return checkN({ type: 'working_days_after_end', n: Number(m[1]) });
    return null;
  }
  let m = new RegExp(`^${t.every}初公开（${t.period}开始后${N}个工作日内）$`).exec(body);
  if (m) return checkN({ type: 'working_days_after_start', n: Number(m[1]) });
  m = new RegExp(`^${t.every}公开，${t.period}结束后${N}个工作日内$`).exec(body);
  if (m) return checkN({ type: 'working_days_after_end', n: Number(m[1]) });
  // Always two groups before the day, so the day is m[3] and the 上期 suffix m[4] for every frequency.
  const monthPart = frequency === 'yearly' ? `(\\d{1,2})月()` : frequency === 'quarterly' ? `(首月|第二个月|第三个月|第(\\d)个月|首个月)` : '()()';
  m = new RegExp(`^${esc(t.every)}${monthPart}${N}日前(公开${t.prev}情况)?$`).exec(body);
  if (m) {
    let month = 1;
    if (frequency === 'yearly') month = Number(m[1]);
    else if (frequency === 'quarterly') month = m[1] === '首个月' ? 1 : QUARTER_MONTH.indexOf(m[1]) >= 0 ? QUARTER_MONTH.indexOf(m[1]) + 1 : Number(m[2]);
    const day = Number(m[3]);
    const due: PeriodDue = m[4] ? { type: 'day_in_next_period', monthOfPeriod: month, day } : { type: 'day_in_period', monthOfPeriod: month, day };
    return checkDay(due);
  }
  return null;

  function checkDay(due: PeriodDue & { monthOfPeriod: number; day: number }): { due: PeriodDue } | string {
    const months = frequency === 'yearly' ? 12 : frequency === 'quarterly' ? 3 : 1;
    if (due.monthOfPeriod < 1 || due.monthOfPeriod > months) return `期内第${due.monthOfPeriod}个月不存在`;
    if (due.day < 1 || due.day > 31) return `日期应为1至31日，现为${due.day}日`;
    return { due };
  }
  function checkN(due: PeriodDue & { n: number }): { due: PeriodDue } | string {
    const n = nInRange(String(due.n), '工作日数');
    return typeof n === 'string' ? n : { due };
  }
}

/** Parses a 公开时限 text into a rule; the message says what was wrong and shows valid forms. */
export function parseTimeRule(text: string): ParseResult<TimeRule> {
  const raw = text.trim();
  if (!raw) return { ok: false, message: `请填写公开时限。${RULE_HELP}` };
  let s = normalize(raw);
  let shiftToWorkday = true;
  if (s.endsWith(NO_SHIFT)) {
    shiftToWorkday = false;
    s = s.slice(0, -NO_SHIFT.length);
  }

  let m = new RegExp(`^即时公开：?(?:事项发生之日起|公开事项发生之日起)${N}个工作日内(?:公开)?$`).exec(s);
  if (m) {
    const n = nInRange(m[1], '工作日数');
    return typeof n === 'string' ? bad(raw, n) : shiftToWorkday ? { ok: true, rule: { kind: 'immediate', n } } : bad(raw, '“遇节假日不顺延”只适用于定期公开');
  }
  m = new RegExp(`^长期公开，?(?:发生)?变更后${N}个工作日内(?:及时)?更新$`).exec(s);
  if (m) {
    const n = nInRange(m[1], '工作日数');
    return typeof n === 'string'
      ? bad(raw, n)
      : shiftToWorkday
        ? { ok: true, rule: { kind: 'long_term', updateWithinWorkingDays: n } }
        : bad(raw, '“遇节假日不顺延”只适用于定期公开');
  }

  m = new RegExp(`^(.*?)${N}(个工作日|日|天|个自然日)内(?:公开)?$`).exec(s);
  if (m && !s.startsWith('每') && !s.startsWith('集体')) {
    const trig = TRIGGER_PATTERNS.find(([re]) => re.test(m![1]));
    if (!trig) return bad(raw, `未知的起算事由“${m[1] || '（空）'}”，应为信息形成或者变更、制定或获取信息、批准、批复或事项发生`);
    if (!shiftToWorkday) return bad(raw, '“遇节假日不顺延”只适用于定期公开');
    const n = nInRange(m[2], '天数');
    if (typeof n === 'string') return bad(raw, n);
    return { ok: true, rule: { kind: 'triggered', trigger: trig[1], n, unit: m[3] === '个工作日' ? 'working_days' : 'calendar_days' } };
  }

  let frequency: Frequency | null = null;
  let body = s;
  if (s.startsWith(ADAPTIVE_PREFIX)) {
    frequency = 'finance_adaptive';
    body = s.slice(ADAPTIVE_PREFIX.length);
  } else if (s.startsWith('每季度')) frequency = 'quarterly';
  else if (s.startsWith('每月')) frequency = 'monthly';
  else if (s.startsWith('每年')) frequency = 'yearly';
  if (frequency) {
    const r = parseRecurring(body, frequency);
    if (typeof r === 'string') return bad(raw, r);
    if (r) return { ok: true, rule: { kind: 'recurring', frequency, due: r.due, shiftToWorkday } };
  }
  return bad(raw);
}

/** Parses a 公示期 text; "" (or "无") means no minimum. */
export function parseDisplayRule(text: string): ParseResult<DisplayRule> {
  const raw = text.trim();
  const s = normalize(raw);
  if (s === '' || s === '无' || s === '-' || s === '—') return { ok: true, rule: { kind: 'none' } };
  const m = new RegExp(`^(?:公示|公开)(?:期|时间)?(?:不少于|不得少于|不低于)?${N}个工作日$`).exec(s);
  if (m) {
    const n = nInRange(m[1], '公示工作日数');
    return typeof n === 'string' ? { ok: false, message: `公示期“${raw}”有误：${n}` } : { ok: true, rule: { kind: 'min_working_days', n } };
  }
  const u = /^公示至(.+)$/.exec(raw.replace(/[。]+$/, '').trim());
  if (u && u[1].trim()) return { ok: true, rule: { kind: 'until', until: u[1].trim() } };
  return { ok: false, message: `无法识别的公示期“${raw}”。可用写法：“公示不少于7个工作日”“公示至享受待遇终止”，没有公示期要求的请留空` };
}

/** 公开渠道和载体 as printed: the channels the item uses, in the standard order, ■ required, □ optional. */
export function formatChannels(channels: readonly ChannelUse[]): string {
  return CHANNELS.filter((c) => channels.some((u) => u.channel === c))
    .map((c) => `${channels.find((u) => u.channel === c)!.required ? '■' : '□'}${c}`)
    .join(' ');
}

/** Inverse of formatChannels; tolerant of separators (space, 、，,；) and half-width brackets. */
export function parseChannels(text: string): ParseResult<ChannelUse[]> {
  const s = text.replace(/\(/g, '（').replace(/\)/g, '）').trim();
  if (!s) return { ok: false, message: '请至少选择一个公开渠道（■ 表示必选，□ 表示可选）' };
  const parts = s
    .split(/(?=[■□])/)
    .map((p) => p.replace(/[\s、，,；;]+$/g, '').trim())
    .filter(Boolean);
  const out: ChannelUse[] = [];
  for (const p of parts) {
    const mark = p[0];
    if (mark !== '■' && mark !== '□') return { ok: false, message: `公开渠道“${p}”前缺少 ■（必选）或 □（可选）标记` };
    const name = p.slice(1).trim();
    if (!(CHANNELS as readonly string[]).includes(name)) return { ok: false, message: `未知的公开渠道“${name}”。标准渠道为：${CHANNELS.join('、')}` };
    if (out.some((o) => o.channel === name)) return { ok: false, message: `公开渠道“${name}”重复填写` };
    out.push({ channel: name as Channel, required: mark === '■' });
  }
  out.sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
  return { ok: true, rule: out };
}
