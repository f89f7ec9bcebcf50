import { describe, expect, it } from 'vitest';
import type { ReminderItem } from '../../platform/module.ts';
import { composeDigest, escalationLevel, maskEmail, planNotifications, sanitizeSmtpError, type UnitInfo } from './notifications.rules.ts';
import { DEFAULT_SETTINGS, parseFromAddress, validateReminderSettings, validateSmtp } from './notifications.settings.ts';

const item = (over: Partial<ReminderItem>): ReminderItem => ({
  key: 'obligation:v1:vil:szxq:2026-Q3',
  unitCode: 'v1',
  kind: 'obligation',
  title: '2026年第三季度 财务收支情况',
  dueDate: '2026-10-10',
  status: 'overdue',
  overdueWorkingDays: 10,
  link: '/admin/disclosures/new?unit=v1',
  ...over,
});

const units = new Map<string, UnitInfo>([
  ['c', { code: 'c', name: '县', parentCode: null, path: '/c/' }],
  ['t', { code: 't', name: '镇', parentCode: 'c', path: '/c/t/' }],
  ['v1', { code: 'v1', name: '甲村', parentCode: 't', path: '/c/t/v1/' }],
  ['v2', { code: 'v2', name: '乙村', parentCode: 't', path: '/c/t/v2/' }],
]);

describe('escalation level ("beyond N working days" = more than N)', () => {
  const s = { escalateToParentAfter: 5, escalateToCountyAfter: 20 };
  it.each([
    ['due-soon', 0, 0],
    ['overdue', 0, 0],
    ['overdue', 5, 0],
    ['overdue', 6, 1],
    ['overdue', 20, 1],
    ['overdue', 21, 2],
  ] as const)('%s, %i working days late → level %i', (status, days, level) => {
    expect(escalationLevel({ status, overdueWorkingDays: days }, s)).toBe(level);
  });
  it('never escalates when the county has switched it off', () => {
    expect(escalationLevel({ status: 'overdue', overdueWorkingDays: 300 }, { escalateToParentAfter: null, escalateToCountyAfter: null })).toBe(0);
    expect(escalationLevel({ status: 'overdue', overdueWorkingDays: 300 }, { escalateToParentAfter: 5, escalateToCountyAfter: null })).toBe(1);
  });
});

describe('planNotifications', () => {
  const staff = [
    { userId: 'clerk', unitCode: 'v1', role: 'village_clerk' },
    { userId: 'archivist', unitCode: 'v1', role: 'archivist' },
    { userId: 'town', unitCode: 't', role: 'unit_officer' },
    { userId: 'county', unitCode: 'c', role: 'county_admin' },
    { userId: 'both', unitCode: 'v1', role: 'village_clerk' },
    { userId: 'both', unitCode: 't', role: 'unit_reviewer' },
  ];
  const settings = { ...DEFAULT_SETTINGS, escalateToParentAfter: 5, escalateToCountyAfter: 20 };

  it('tells the owing unit’s staff in recipient roles only, and nobody above before the threshold', () => {
    const p = planNotifications([item({ status: 'due-soon', overdueWorkingDays: 0 })], units, staff, settings, 'c');
    expect(p.notifications.map((n) => [n.userId, n.state]).sort()).toEqual([
      ['both', 'due-soon'],
      ['clerk', 'due-soon'],
    ]);
    expect(p.escalations).toEqual([]);
  });

  it('escalates to the parent, then to the county office; a user in two places gets the strongest state once', () => {
    const p = planNotifications([item({ overdueWorkingDays: 21 })], units, staff, settings, 'c');
    expect(p.notifications.map((n) => [n.userId, n.state]).sort()).toEqual([
      ['both', 'escalated'],
      ['clerk', 'overdue'],
      ['county', 'escalated-county'],
      ['town', 'escalated'],
    ]);
    expect(p.escalations.map((e) => [e.level, e.toUnit])).toEqual([
      [1, 't'],
      [2, 'c'],
    ]);
  });

  it('a unit directly under the county escalates once to the county (no level 2 to itself)', () => {
    const p = planNotifications([item({ key: 'k-town', unitCode: 't', overdueWorkingDays: 30 })], units, staff, settings, 'c');
    expect(p.notifications.map((n) => [n.userId, n.state]).sort()).toEqual([
      ['both', 'overdue'],
      ['county', 'escalated-county'],
      ['town', 'overdue'],
    ]);
    expect(p.escalations.map((e) => [e.level, e.toUnit])).toEqual([
      [1, 'c'],
      [2, 'c'],
    ]);
    const county = planNotifications([item({ key: 'k-c', unitCode: 'c', overdueWorkingDays: 30 })], units, staff, settings, 'c');
    expect(county.escalations).toEqual([]);
  });

  it('ignores items of unknown units and honours the configured roles', () => {
    expect(planNotifications([item({ unitCode: 'gone' })], units, staff, settings, 'c').notifications).toEqual([]);
    const p = planNotifications([item({ status: 'due-soon', overdueWorkingDays: 0 })], units, staff, { ...settings, recipientRoles: ['archivist'] }, 'c');
    expect(p.notifications.map((n) => n.userId)).toEqual(['archivist']);
  });
});

describe('composeDigest', () => {
  const entries = [
    { item: item({ key: 'a', title: '第三季度 <财务> & "收支"', overdueWorkingDays: 12 }), state: 'overdue' as const, unitName: '甲村', isNew: false },
    {
      item: item({ key: 'b', status: 'due-soon', overdueWorkingDays: 0, dueDate: '2026-12-02', title: '11月 党务公开' }),
      state: 'due-soon' as const,
      unitName: '甲村',
      isNew: true,
    },
    { item: item({ key: 'c', unitCode: 'v2', overdueWorkingDays: 30, dueDate: '2026-07-10' }), state: 'escalated' as const, unitName: '乙村', isNew: true },
  ];
  const d = composeDigest({ displayName: '张三', date: '2026-11-30', entries, baseUrl: 'https://gk.example.gov.cn' });

  it('counts, groups (escalated, overdue, due soon), marks new items and links absolutely', () => {
    expect(d.subject).toBe('【公开提醒】2026年11月30日：逾期2项，即将到期1项');
    const text = d.text;
    expect(text.indexOf('下级单位逾期')).toBeLessThan(text.indexOf('已逾期，请尽快办理'));
    expect(text.indexOf('已逾期，请尽快办理')).toBeLessThan(text.indexOf('即将到期（1项）'));
    expect(text).toContain('【新】乙村：2026年第三季度 财务收支情况（截止2026年7月10日，已逾期30个工作日）');
    expect(text).toContain('【新】甲村：11月 党务公开（截止2026年12月2日）');
    expect(text).toContain('其中2项为今天新增');
    expect(text).toContain('https://gk.example.gov.cn/admin/disclosures/new?unit=v1');
    expect(text).toContain('https://gk.example.gov.cn/admin/reminders');
  });

  it('escapes every value in the HTML', () => {
    expect(d.html).toContain('第三季度 &lt;财务&gt; &amp; &quot;收支&quot;');
    expect(d.html).not.toContain('<财务>');
  });
});

describe('settings validation', () => {
  it('accepts the defaults', () => expect(validateReminderSettings(DEFAULT_SETTINGS)).toEqual([]));
  it.each([
    [{ dueSoonWorkingDays: 0 }, 'dueSoonWorkingDays'],
    [{ dueSoonWorkingDays: 2.5 }, 'dueSoonWorkingDays'],
    [{ escalateToParentAfter: 121 }, 'escalateToParentAfter'],
    [{ escalateToParentAfter: 5, escalateToCountyAfter: 5 }, 'escalateToCountyAfter'],
    [{ escalateToParentAfter: null, escalateToCountyAfter: 9 }, 'escalateToCountyAfter'],
    [{ digestHour: 24 }, 'digestHour'],
    [{ recipientRoles: [] }, 'recipientRoles'],
    [{ recipientRoles: ['mayor'] }, 'recipientRoles'],
  ])('%j → problem in %s', (change, field) => {
    expect(validateReminderSettings({ ...DEFAULT_SETTINGS, ...(change as object) }).map((p) => p.field)).toContain(field);
  });

  const smtp = { host: 'smtp.example.gov.cn', port: 587, security: 'starttls' as const, user: 'u', password: 'p', from: 'a@example.gov.cn' };
  it.each([
    [{}, []],
    [{ host: null, from: null, user: null, password: null }, []],
    [{ host: '10.0.0.5' }, []],
    [{ host: 'smtp example' }, ['host']],
    [{ port: 0 }, ['port']],
    [{ from: '县政务公开办 <a@example.gov.cn>' }, []],
    [{ from: 'a@b' }, ['from']],
    [{ from: 'x <a@example.gov.cn>\r\nBcc: y@z.cn' }, ['from']],
    [{ password: '' }, ['password']],
    [{ user: null }, ['user']],
  ])('%j → %j', (change, fields) => {
    expect(validateSmtp({ ...smtp, ...(change as object) }, false).map((p) => p.field)).toEqual(fields);
  });
  it('a stored password counts when the admin leaves it out', () => {
    const { password: _p, ...rest } = smtp;
    expect(validateSmtp(rest, true)).toEqual([]);
    expect(validateSmtp(rest, false).map((p) => p.field)).toEqual(['password']);
  });
  it('parses sender names', () => {
    expect(parseFromAddress('"县政务公开办" <a@example.gov.cn>')).toEqual({ name: '县政务公开办', address: 'a@example.gov.cn' });
    expect(parseFromAddress('a@example.gov.cn')).toEqual({ name: null, address: 'a@example.gov.cn' });
  });
});

describe('no personal data in errors and logs', () => {
  it('masks addresses', () => {
    expect(maskEmail('zhangsan@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(maskEmail('broken')).toBe('***');
  });
  it('strips addresses from SMTP replies', () => {
    const e = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <li.si@example.gov.cn>: Recipient address rejected"), {
      responseCode: 550,
      code: 'EENVELOPE',
    });
    const s = sanitizeSmtpError(e);
    expect(s).toContain('550');
    expect(s).not.toContain('li.si');
    expect(s).toContain('<地址>');
  });
});
