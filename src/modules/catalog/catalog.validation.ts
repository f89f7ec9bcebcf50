/**
 * Validation of item content from the API (and, later, the Excel import): every problem gets a
 * precise Chinese message naming the field. Rules may come as structured JSON or as plain words.
 */
import { fail, ok, type Result } from '../../platform/result.ts';
import { CHANNELS, type CatalogKind, type ChannelUse, type DisclosureLevel } from './catalog.types.ts';
import { parseChannels, parseDisplayRule, parseTimeRule } from './catalog.text.ts';
import type { DomainRow, ItemContent } from './catalog.repository.ts';
import type { DisplayRule, TimeRule } from './time-rule.ts';

export interface ItemInput {
  domainCode: string;
  level1: string;
  level2: string;
  elements: string[];
  bases: string[];
  timeRule: string | Record<string, unknown>;
  displayRule?: string | Record<string, unknown>;
  subject: string;
  channels: string | { channel: string; required: boolean }[];
  audience: string;
  mode: string;
  levels: string[];
  source?: string;
  sort?: number;
}

const TRIGGERS = ['formed_or_changed', 'made_or_obtained', 'approved', 'replied', 'event_occurred'];
const FREQS = ['yearly', 'quarterly', 'monthly', 'finance_adaptive'];
const LEVELS: DisclosureLevel[] = ['county', 'township', 'village'];

function intIn(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** Structural check of a TimeRule; returns the problem in words, or null. */
export function checkTimeRule(r: unknown): string | null {
  const o = r as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return '公开时限格式有误';
  const keys = (allowed: string[]) => {
    const extra = Object.keys(o).filter((k) => !allowed.includes(k));
    return extra.length ? `公开时限含有未知字段：${extra.join('、')}` : null;
  };
  switch (o.kind) {
    case 'triggered':
      if (!TRIGGERS.includes(o.trigger as string)) return `未知的起算事由：${String(o.trigger)}`;
      if (!intIn(o.n, 1, 365)) return '公开时限的天数应为1至365之间的整数';
      if (o.unit !== 'working_days' && o.unit !== 'calendar_days') return '公开时限的单位应为工作日（working_days）或自然日（calendar_days）';
      return keys(['kind', 'trigger', 'n', 'unit']);
    case 'immediate':
      if (!intIn(o.n, 1, 365)) return '即时公开的工作日数应为1至365之间的整数';
      return keys(['kind', 'n']);
    case 'long_term':
      if (!intIn(o.updateWithinWorkingDays, 1, 365)) return '长期公开的更新工作日数应为1至365之间的整数';
      return keys(['kind', 'updateWithinWorkingDays']);
    case 'recurring': {
      if (!FREQS.includes(o.frequency as string)) return `未知的公开频次：${String(o.frequency)}`;
      if (typeof o.shiftToWorkday !== 'boolean') return '请说明遇节假日是否顺延（shiftToWorkday）';
      const d = o.due as Record<string, unknown> | undefined;
      if (!d || typeof d !== 'object') return '定期公开缺少截止规则（due）';
      const months = o.frequency === 'yearly' ? 12 : o.frequency === 'quarterly' ? 3 : 1;
      if (d.type === 'day_in_period' || d.type === 'day_in_next_period') {
        if (!intIn(d.monthOfPeriod, 1, months)) return `截止月份应为期内第1至${months}个月`;
        if (!intIn(d.day, 1, 31)) return '截止日期应为1至31日';
        if (Object.keys(d).some((k) => !['type', 'monthOfPeriod', 'day'].includes(k))) return '截止规则含有未知字段';
      } else if (d.type === 'working_days_after_start' || d.type === 'working_days_after_end') {
        if (!intIn(d.n, 1, 365)) return '截止工作日数应为1至365之间的整数';
        if (Object.keys(d).some((k) => !['type', 'n'].includes(k))) return '截止规则含有未知字段';
      } else return `未知的截止规则：${String(d.type)}`;
      return keys(['kind', 'frequency', 'due', 'shiftToWorkday']);
    }
    default:
      return `未知的公开时限类型：${String(o.kind)}`;
  }
}

export function checkDisplayRule(r: unknown): string | null {
  const o = r as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return '公示期格式有误';
  if (o.kind === 'none') return Object.keys(o).length === 1 ? null : '公示期含有未知字段';
  if (o.kind === 'min_working_days') return intIn(o.n, 1, 365) && Object.keys(o).length === 2 ? null : '公示期工作日数应为1至365之间的整数';
  if (o.kind === 'until') return typeof o.until === 'string' && o.until.trim() && Object.keys(o).length === 2 ? null : '请写明公示截止的情形（until）';
  return `未知的公示期类型：${String(o.kind)}`;
}

function cleanList(v: string[]): string[] {
  return v.map((s) => s.trim()).filter(Boolean);
}

export function validateItemInput(
  input: ItemInput,
  catalog: CatalogKind,
  domains: Map<string, DomainRow>,
  defaults: { source: string; sort: number },
): Result<ItemContent> {
  const d = domains.get(input.domainCode);
  if (!d || d.catalog !== catalog) return fail(400, 'UNKNOWN_DOMAIN', `未知的${catalog === 'government' ? '领域' : '类别'}：${input.domainCode}`);
  const level1 = input.level1.trim();
  const level2 = input.level2.trim();
  if (!level1) return fail(400, 'INVALID_ITEM', '请填写一级事项');
  if (!level2) return fail(400, 'INVALID_ITEM', '请填写二级事项');
  const elements = cleanList(input.elements);
  if (elements.length === 0) return fail(400, 'INVALID_ITEM', '请至少填写一项公开内容（要素）');
  const bases = cleanList(input.bases);
  if (bases.length === 0) return fail(400, 'BASIS_REQUIRED', '请填写公开依据（法律、法规、规章或规范性文件名称）');
  let timeRule: TimeRule;
  if (typeof input.timeRule === 'string') {
    const p = parseTimeRule(input.timeRule);
    if (!p.ok) return fail(400, 'INVALID_TIME_RULE', p.message);
    timeRule = p.rule;
  } else {
    const why = checkTimeRule(input.timeRule);
    if (why) return fail(400, 'INVALID_TIME_RULE', why);
    timeRule = input.timeRule as unknown as TimeRule;
  }
  let displayRule: DisplayRule = { kind: 'none' };
  if (typeof input.displayRule === 'string') {
    const p = parseDisplayRule(input.displayRule);
    if (!p.ok) return fail(400, 'INVALID_DISPLAY_RULE', p.message);
    displayRule = p.rule;
  } else if (input.displayRule) {
    const why = checkDisplayRule(input.displayRule);
    if (why) return fail(400, 'INVALID_DISPLAY_RULE', why);
    displayRule = input.displayRule as unknown as DisplayRule;
  }
  let channels: ChannelUse[];
  if (typeof input.channels === 'string') {
    const p = parseChannels(input.channels);
    if (!p.ok) return fail(400, 'INVALID_CHANNELS', p.message);
    channels = p.rule;
  } else {
    const unknown = input.channels.find((c) => !(CHANNELS as readonly string[]).includes(c.channel));
    if (unknown) return fail(400, 'INVALID_CHANNELS', `未知的公开渠道“${unknown.channel}”。标准渠道为：${CHANNELS.join('、')}`);
    if (input.channels.length === 0) return fail(400, 'INVALID_CHANNELS', '请至少选择一个公开渠道');
    if (new Set(input.channels.map((c) => c.channel)).size !== input.channels.length) return fail(400, 'INVALID_CHANNELS', '公开渠道有重复');
    channels = [...input.channels].sort((a, b) => CHANNELS.indexOf(a.channel as never) - CHANNELS.indexOf(b.channel as never)) as ChannelUse[];
  }
  if (!input.subject.trim()) return fail(400, 'INVALID_ITEM', '请填写公开主体');
  if (input.audience !== 'public' && input.audience !== 'specific') return fail(400, 'INVALID_ITEM', '公开对象应为全社会（public）或特定群体（specific）');
  if (input.mode !== 'proactive' && input.mode !== 'on_request') return fail(400, 'INVALID_ITEM', '公开方式应为主动（proactive）或依申请公开（on_request）');
  const levels = [...new Set(input.levels)];
  if (levels.length === 0) return fail(400, 'INVALID_ITEM', '请至少选择一个公开层级');
  const badLevel = levels.find((l) => !LEVELS.includes(l as DisclosureLevel));
  if (badLevel) return fail(400, 'INVALID_ITEM', `未知的公开层级：${badLevel}（应为 county、township 或 village）`);
  return ok({
    domainCode: d.code,
    level1,
    level2,
    elements,
    bases,
    timeRule,
    displayRule,
    subject: input.subject.trim(),
    channels,
    audience: input.audience,
    mode: input.mode,
    levels: LEVELS.filter((l) => levels.includes(l)),
    source: input.source?.trim() || defaults.source,
    sort: input.sort ?? defaults.sort,
  });
}
