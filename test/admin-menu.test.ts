/** The admin menu per role (web/admin/src/app/menu.ts): each role sees only the entries it can use. */
import { describe, expect, it } from 'vitest';
import { canOpen, menuFor, menuKeyOf } from '../web/admin/src/app/menu.ts';
import { ROLE_IDS } from '../src/platform/auth/roles.ts';

const ALL = ['工作台', '我的待办', '修改密码', '访问令牌'];
const EXPECTED: Record<string, string[]> = {
  county_admin: [
    '工作台',
    '我的待办',
    '公开督查',
    '本单位目录与期限',
    '公开目录',
    '公开内容',
    '审核队列',
    '打印中心',
    '线下公开',
    '政策文件',
    '考评',
    '整改通知',
    '标准化推进',
    '依申请公开',
    '政民互动',
    '知识清单',
    '公众参与',
    '年度报告',
    '复议诉讼',
    '档案管理',
    '公开栏巡查',
    '查阅点与库房',
    '鉴定与销毁',
    '提级管理',
    '档案分类方案',
    '组织机构',
    '用户与角色',
    '工作日历',
    '审计日志',
    '数据推送（Webhook）',
    '个人信息识别规则',
    '提醒与邮件设置',
    '依申请公开文书设置',
    '政民互动设置',
    '数据备份',
    '修改密码',
    '访问令牌',
  ],
  unit_officer: [
    '工作台',
    '我的待办',
    '公开督查',
    '本单位目录与期限',
    '公开目录',
    '公开内容',
    '打印中心',
    '线下公开',
    '政策文件',
    '考评',
    '整改通知',
    '标准化推进',
    '依申请公开',
    '政民互动',
    '知识清单',
    '公众参与',
    '年度报告',
    '复议诉讼',
    '档案管理',
    '公开栏巡查',
    '查阅点与库房',
    '提级管理',
    '工作日历',
    '依申请公开文书设置',
    '修改密码',
    '访问令牌',
  ],
  unit_reviewer: [
    '工作台',
    '我的待办',
    '公开督查',
    '本单位目录与期限',
    '公开目录',
    '公开内容',
    '审核队列',
    '线下公开',
    '政策文件',
    '考评',
    '整改通知',
    '标准化推进',
    '依申请公开',
    '政民互动',
    '知识清单',
    '公众参与',
    '年度报告',
    '复议诉讼',
    '档案管理',
    '公开栏巡查',
    '查阅点与库房',
    '提级管理',
    '工作日历',
    '依申请公开文书设置',
    '修改密码',
    '访问令牌',
  ],
  village_clerk: [
    '工作台',
    '我的待办',
    '公开督查',
    '本单位目录与期限',
    '公开内容',
    '打印中心',
    '线下公开',
    '考评',
    '整改通知',
    '标准化推进',
    '政民互动',
    '知识清单',
    '公众参与',
    '档案管理',
    '公开栏巡查',
    '查阅点与库房',
    '修改密码',
    '访问令牌',
  ],
  village_supervisor: [
    '工作台',
    '我的待办',
    '公开督查',
    '公开内容',
    '审核队列',
    '考评',
    '整改通知',
    '标准化推进',
    '政民互动',
    '知识清单',
    '公众参与',
    '档案管理',
    '公开栏巡查',
    '查阅点与库房',
    '鉴定与销毁',
    '修改密码',
    '访问令牌',
  ],
  archivist: ['工作台', '我的待办', '依申请公开', '档案管理', '公开栏巡查', '查阅点与库房', '鉴定与销毁', '提级管理', '档案分类方案', '修改密码', '访问令牌'],
};

describe('menu per role', () => {
  it('covers every role', () => expect(Object.keys(EXPECTED).sort()).toEqual([...ROLE_IDS].sort()));
  it.each(Object.entries(EXPECTED))('%s', (role, labels) => {
    expect(menuFor([role]).map((m) => m.label)).toEqual(labels);
    for (const l of ALL) expect(labels).toContain(l);
  });
  it('a village clerk sees no 复议诉讼, 年度报告, 组织机构 and cannot open them by address', () => {
    const labels = menuFor(['village_clerk']).map((m) => m.label);
    for (const l of ['复议诉讼', '年度报告', '组织机构']) expect(labels).not.toContain(l);
    expect(canOpen('/remedies', ['village_clerk'])).toBe(false);
    expect(canOpen('/org', ['village_clerk'])).toBe(false);
    expect(canOpen('/disclosures/abc', ['village_clerk'])).toBe(true);
    expect(canOpen('/reminders', ['village_clerk'])).toBe(true);
  });
  it('线下公开 is for the writers of printed matter, 政策文件 for government staff', () => {
    expect(canOpen('/offline', ['village_clerk'])).toBe(true);
    expect(canOpen('/offline', ['village_supervisor'])).toBe(false);
    expect(canOpen('/policies', ['village_clerk'])).toBe(false);
    expect(canOpen('/policies', ['unit_reviewer'])).toBe(true);
  });
  it('政民互动: reminder e-mails link to /interaction/{id}, which the case staff can open and an archivist cannot', () => {
    for (const role of ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'])
      expect(canOpen('/interaction/abc', [role])).toBe(true);
    expect(canOpen('/interaction/abc', ['archivist'])).toBe(false);
    // Its staff screens: 登记来件, 答复模板 and the 知识清单 for the case staff; the settings for the county office only.
    for (const page of ['/interaction/intake', '/interaction/templates', '/interaction/knowledge']) {
      expect(canOpen(page, ['village_clerk'])).toBe(true);
      expect(canOpen(page, ['archivist'])).toBe(false);
    }
    expect(menuKeyOf('/interaction/knowledge')).toBe('/interaction/knowledge');
    expect(canOpen('/interaction/settings', ['county_admin'])).toBe(true);
    expect(canOpen('/interaction/settings', ['village_clerk'])).toBe(false);
    expect(canOpen('/interaction/settings', ['unit_officer'])).toBe(false);
  });
  it('an archive page belongs to the longest menu key that prefixes it', () => {
    expect(menuKeyOf('/archives/boards/abc')).toBe('/archives/boards');
    expect(menuKeyOf('/archives/items/abc')).toBe('/archives');
    expect(canOpen('/archives/boards/abc', ['archivist'])).toBe(true);
    expect(canOpen('/archives/items/abc', ['village_clerk'])).toBe(true);
    // Destruction is the archivist's and a second person's; a village clerk neither proposes nor decides.
    expect(canOpen('/archives/destructions', ['village_clerk'])).toBe(false);
    expect(canOpen('/archives/destructions', ['village_supervisor'])).toBe(true);
    expect(canOpen('/archives/schedule', ['unit_officer'])).toBe(false);
  });
  it('several roles see the union', () => {
    expect(menuFor(['village_clerk', 'archivist']).map((m) => m.label)).toContain('依申请公开');
  });
});
