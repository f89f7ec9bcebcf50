import { describe, expect, it } from 'vitest';
import { describeDisplayRule, describeTimeRule, formatChannels, parseChannels, parseDisplayRule, parseTimeRule } from './catalog.text.ts';
import type { DisplayRule, Frequency, PeriodDue, TimeRule, TriggerKind } from './time-rule.ts';

const NS = [1, 3, 7, 10, 20, 31, 100, 365];

/** Every rule shape × several numbers: the round-trip property table. */
function allRules(): TimeRule[] {
  const out: TimeRule[] = [];
  const triggers: TriggerKind[] = ['formed_or_changed', 'made_or_obtained', 'approved', 'replied', 'event_occurred'];
  for (const n of NS) {
    for (const trigger of triggers) for (const unit of ['working_days', 'calendar_days'] as const) out.push({ kind: 'triggered', trigger, n, unit });
    out.push({ kind: 'immediate', n });
    out.push({ kind: 'long_term', updateWithinWorkingDays: n });
  }
  const freqs: Frequency[] = ['yearly', 'quarterly', 'monthly', 'finance_adaptive'];
  for (const frequency of freqs) {
    const months = frequency === 'yearly' ? 12 : frequency === 'quarterly' ? 3 : 1;
    const dues: PeriodDue[] = [];
    for (let m = 1; m <= months; m++)
      for (const day of [1, 10, 20, 31]) dues.push({ type: 'day_in_period', monthOfPeriod: m, day }, { type: 'day_in_next_period', monthOfPeriod: m, day });
    for (const n of NS) dues.push({ type: 'working_days_after_start', n }, { type: 'working_days_after_end', n });
    for (const due of dues) for (const shiftToWorkday of [true, false]) out.push({ kind: 'recurring', frequency, due, shiftToWorkday });
  }
  return out;
}

describe('describeTimeRule / parseTimeRule', () => {
  it('round-trips every rule shape and number', () => {
    const rules = allRules();
    expect(rules.length).toBeGreaterThan(300);
    const texts = new Set<string>();
    for (const r of rules) {
      const text = describeTimeRule(r);
      texts.add(text);
      const back = parseTimeRule(text);
      expect(back, text).toEqual({ ok: true, rule: r });
    }
    // Different rules never print the same words.
    expect(texts.size).toBe(rules.length);
  });

  it.each([
    [{ kind: 'triggered', trigger: 'formed_or_changed', n: 20, unit: 'working_days' }, '信息形成或者变更之日起20个工作日内'],
    [{ kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' }, '批准后20日内'],
    [{ kind: 'recurring', frequency: 'quarterly', due: { type: 'day_in_period', monthOfPeriod: 1, day: 20 }, shiftToWorkday: true }, '每季度首月20日前'],
    [
      { kind: 'recurring', frequency: 'monthly', due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 }, shiftToWorkday: true },
      '每月10日前公开上月情况',
    ],
    [
      { kind: 'recurring', frequency: 'yearly', due: { type: 'working_days_after_start', n: 20 }, shiftToWorkday: true },
      '每年初公开（年度开始后20个工作日内）',
    ],
    [{ kind: 'immediate', n: 3 }, '即时公开：事项发生之日起3个工作日内'],
    [{ kind: 'long_term', updateWithinWorkingDays: 20 }, '长期公开，变更后20个工作日内更新'],
    [
      { kind: 'recurring', frequency: 'finance_adaptive', due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 }, shiftToWorkday: true },
      '集体财务往来较多的每月、其他每季度公开：每期首月10日前公开上期情况',
    ],
  ] as [TimeRule, string][])('describes %j as “%s”', (rule, text) => {
    expect(describeTimeRule(rule)).toBe(text);
  });

  it.each([
    ['信息形成(变更)之日起3个工作日内', { kind: 'triggered', trigger: 'formed_or_changed', n: 3, unit: 'working_days' }],
    ['信息形成（变更）之日起３个工作日内', { kind: 'triggered', trigger: 'formed_or_changed', n: 3, unit: 'working_days' }],
    ['自信息形成或者变更之日起20个工作日内。', { kind: 'triggered', trigger: 'formed_or_changed', n: 20, unit: 'working_days' }],
    ['制定或获取信息之日起１０个工作日内', { kind: 'triggered', trigger: 'made_or_obtained', n: 10, unit: 'working_days' }],
    ['本级人民代表大会或其常务委员会批准后20日内', { kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' }],
    ['批复后 20 日内', { kind: 'triggered', trigger: 'replied', n: 20, unit: 'calendar_days' }],
    ['即时公开:事项发生之日起3个工作日内', { kind: 'immediate', n: 3 }],
    ['每季度的首个月20日前', null],
    ['每季度首个月20日前', { kind: 'recurring', frequency: 'quarterly', due: { type: 'day_in_period', monthOfPeriod: 1, day: 20 }, shiftToWorkday: true }],
  ] as [string, TimeRule | null][])('parses the variant “%s”', (text, rule) => {
    const r = parseTimeRule(text);
    if (rule) expect(r).toEqual({ ok: true, rule });
    else expect(r.ok).toBe(false);
  });

  it.each([
    ['', '请填写公开时限'],
    ['尽快公开', '无法识别的公开时限“尽快公开”'],
    ['收到之日起20个工作日内', '未知的起算事由“收到之日起”'],
    ['信息形成或者变更之日起0个工作日内', '天数应为1至365之间的整数'],
    ['信息形成或者变更之日起400个工作日内', '天数应为1至365之间的整数'],
    ['每季度第四个月20日前', '无法识别'],
    ['每年13月1日前', '期内第13个月不存在'],
    ['每月32日前', '日期应为1至31日'],
    ['批准后20日内（遇节假日不顺延）', '只适用于定期公开'],
  ])('rejects “%s” with a precise message', (text, fragment) => {
    const r = parseTimeRule(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});

describe('display rules', () => {
  it('round-trips', () => {
    const rules: DisplayRule[] = [{ kind: 'none' }, ...NS.map((n) => ({ kind: 'min_working_days' as const, n })), { kind: 'until', until: '享受待遇终止' }];
    for (const r of rules) expect(parseDisplayRule(describeDisplayRule(r))).toEqual({ ok: true, rule: r });
    expect(describeDisplayRule({ kind: 'min_working_days', n: 7 })).toBe('公示不少于7个工作日');
    expect(describeDisplayRule({ kind: 'until', until: '享受待遇终止' })).toBe('公示至享受待遇终止');
    expect(describeDisplayRule({ kind: 'none' })).toBe('');
  });
  it('accepts variants and rejects nonsense', () => {
    expect(parseDisplayRule('公示时间不少于７个工作日')).toEqual({ ok: true, rule: { kind: 'min_working_days', n: 7 } });
    expect(parseDisplayRule('公示7个工作日')).toEqual({ ok: true, rule: { kind: 'min_working_days', n: 7 } });
    const bad = parseDisplayRule('公示一阵子');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('无法识别的公示期“公示一阵子”');
  });
});

describe('channels', () => {
  it('formats in the standard order with ■/□ and parses back', () => {
    const uses = [
      { channel: '公开查阅点' as const, required: false },
      { channel: '政府网站' as const, required: true },
      { channel: '社区/企事业单位/村公示栏（电子屏）' as const, required: true },
    ];
    const text = formatChannels(uses);
    expect(text).toBe('■政府网站 □公开查阅点 ■社区/企事业单位/村公示栏（电子屏）');
    const back = parseChannels(text);
    expect(back.ok && back.rule).toEqual([uses[1], uses[0], uses[2]]);
    expect(parseChannels('■政府网站、□社区/企事业单位/村公示栏(电子屏)').ok).toBe(true);
  });
  it('names the unknown channel', () => {
    const r = parseChannels('■政府网站 ■部门网站');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('未知的公开渠道“部门网站”');
    const r2 = parseChannels('政府网站');
    expect(r2.ok).toBe(false);
  });
});
