/** The admin menu per role (web/admin/src/app/menu.ts): each role sees only the entries it can use. */
import { describe, expect, it } from 'vitest';
import { MENU, canOpen, menuFor, menuKeyOf } from '../web/admin/src/app/menu.ts';
import { ROLE_IDS, type Actor, type Role } from '../src/platform/auth/roles.ts';
import { canDecideDestruction, canEditSchedule, canInspect, canKeep, canSeeArchive } from '../src/modules/archives/archives.policy.ts';
import { canKeepChecklist } from '../src/modules/assessment/assessment.policy.ts';
import { BACKUP_ADMINS } from '../src/modules/backup/backup.rules.ts';
import { CALENDAR_EDITORS } from '../src/modules/calendar/calendar.roles.ts';
import { canEditUnitCatalog, isCatalogAdmin } from '../src/modules/catalog/catalog.policy.ts';
import { canEditSettings, canView } from '../src/modules/interaction/interaction.policy.ts';
import { SETTINGS_ADMINS } from '../src/modules/notifications/notifications.roles.ts';
import { WRITERS } from '../src/modules/offline/offline.rules.ts';
import { canManageUnit } from '../src/modules/org/org.policy.ts';
import { EDITORS, MODERATORS, VILLAGE_EDITORS } from '../src/modules/participation/participation.roles.ts';
import { POLICY_STAFF } from '../src/modules/policies/policies.rules.ts';
import { DRAFTERS, PUBLISHING_ADMINS } from '../src/modules/publishing/disclosure.roles.ts';
import { TRANSITIONS as DISCLOSURE_TRANSITIONS } from '../src/modules/publishing/disclosure.workflow.ts';
import { REPORT_EDITORS } from '../src/modules/requests/requests.roles.ts';
import { canEditLetterSettings, canReadLetters } from '../src/modules/requests/letters/letter.policy.ts';
import { TRANSITIONS as REQUEST_TRANSITIONS } from '../src/modules/requests/request.workflow.ts';

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

/**
 * Each entry against the server's own check, for every role: an actor holding the role over the county root (so only
 * the role decides, not the scope) may open the page exactly when the server's policy lets it do the page's work.
 * `equal`: the menu shows it to exactly those roles; `covers`: at least to them (the page is read more widely).
 */
describe('menu entries agree with the server policies', () => {
  const ROOT = '/321323/';
  const TOWN = '/321323/321323002/';
  const VILLAGE = '/321323/321323002/321323002001/';
  const actorOf = (role: Role): Actor => ({
    userId: 'u1',
    username: 'u1',
    displayName: 'u1',
    via: 'session',
    grants: [{ role, unitCode: '321323', unitPath: ROOT }],
  });
  const inList = (list: readonly Role[]) => (role: Role) => list.includes(role);
  const workflowRoles = (pick: (t: (typeof DISCLOSURE_TRANSITIONS)[number]) => boolean) =>
    new Set(DISCLOSURE_TRANSITIONS.filter(pick).flatMap((t) => t.catalogs.flatMap((c) => t.roles(c))));
  const anyDisclosureStep = workflowRoles(() => true);
  const twoPersonStep = workflowRoles((t) => t.guards.includes('two_person'));
  const requestStep = new Set(REQUEST_TRANSITIONS.flatMap((t) => t.roles));

  const SERVER: Record<string, { rule: (role: Role) => boolean; mode: 'equal' | 'covers' }> = {
    '/compliance': { rule: (r) => anyDisclosureStep.has(r), mode: 'equal' },
    '/unit-catalog': { rule: (r) => canEditUnitCatalog(actorOf(r), VILLAGE), mode: 'equal' },
    '/catalog': { rule: (r) => isCatalogAdmin(actorOf(r)), mode: 'covers' },
    '/disclosures': { rule: (r) => anyDisclosureStep.has(r), mode: 'equal' },
    '/review': { rule: (r) => twoPersonStep.has(r), mode: 'equal' },
    '/print': { rule: (r) => inList([...DRAFTERS.village, ...DRAFTERS.government, ...PUBLISHING_ADMINS])(r), mode: 'equal' },
    '/offline': { rule: inList(WRITERS), mode: 'equal' },
    '/policies': { rule: inList(POLICY_STAFF), mode: 'equal' },
    '/assessments': { rule: (r) => canKeepChecklist(actorOf(r), VILLAGE), mode: 'equal' },
    '/rectifications': { rule: (r) => canKeepChecklist(actorOf(r), VILLAGE), mode: 'equal' },
    '/rollout': { rule: (r) => canKeepChecklist(actorOf(r), VILLAGE), mode: 'equal' },
    '/requests': { rule: (r) => requestStep.has(r) || canReadLetters(actorOf(r), TOWN), mode: 'equal' },
    '/interaction': { rule: (r) => canView(actorOf(r), [VILLAGE]), mode: 'equal' },
    '/interaction/knowledge': { rule: (r) => canView(actorOf(r), [VILLAGE]), mode: 'equal' },
    '/participation': { rule: inList([...EDITORS, ...MODERATORS, ...VILLAGE_EDITORS]), mode: 'covers' },
    '/annual-reports': { rule: inList(REPORT_EDITORS), mode: 'equal' },
    '/remedies': { rule: inList(REPORT_EDITORS), mode: 'equal' },
    '/archives': { rule: (r) => canSeeArchive(actorOf(r), VILLAGE), mode: 'equal' },
    '/archives/boards': { rule: (r) => canSeeArchive(actorOf(r), VILLAGE), mode: 'equal' },
    '/archives/reading': { rule: (r) => canSeeArchive(actorOf(r), VILLAGE), mode: 'equal' },
    '/archives/destructions': { rule: (r) => canDecideDestruction(actorOf(r), VILLAGE), mode: 'equal' },
    '/archives/custody': { rule: (r) => canKeep(actorOf(r), VILLAGE) || canInspect(actorOf(r), VILLAGE), mode: 'equal' },
    '/archives/schedule': { rule: (r) => canEditSchedule(actorOf(r)), mode: 'equal' },
    '/org': { rule: (r) => canManageUnit(actorOf(r), { path: ROOT }), mode: 'equal' },
    '/users': { rule: (r) => canManageUnit(actorOf(r), { path: ROOT }), mode: 'equal' },
    '/audit': { rule: (r) => canManageUnit(actorOf(r), { path: ROOT }), mode: 'equal' },
    '/calendar': { rule: inList(CALENDAR_EDITORS), mode: 'covers' },
    '/webhooks': { rule: inList(PUBLISHING_ADMINS), mode: 'equal' },
    '/pii-rules': { rule: inList(PUBLISHING_ADMINS), mode: 'equal' },
    '/reminder-settings': { rule: inList(SETTINGS_ADMINS), mode: 'equal' },
    '/letter-settings': { rule: (r) => canEditLetterSettings(actorOf(r), TOWN), mode: 'covers' },
    '/interaction/settings': { rule: (r) => canEditSettings(actorOf(r), ROOT), mode: 'equal' },
    '/backup': { rule: inList(BACKUP_ADMINS), mode: 'equal' },
  };

  it('every entry for some roles has a server rule here', () => {
    expect(
      MENU.filter((m) => m.roles !== 'all')
        .map((m) => m.key)
        .sort(),
    ).toEqual(Object.keys(SERVER).sort());
  });
  it.each(Object.entries(SERVER))('%s', (key, { rule, mode }) => {
    for (const role of ROLE_IDS) {
      const server = rule(role);
      if (mode === 'equal') expect({ role, menu: canOpen(key, [role]) }).toEqual({ role, menu: server });
      else if (server) expect({ role, menu: canOpen(key, [role]) }).toEqual({ role, menu: true });
    }
  });
  it('依申请公开文书设置 is shown to no role that may not read the settings', () => {
    for (const role of ROLE_IDS)
      if (canOpen('/letter-settings', [role])) expect({ role, reads: canReadLetters(actorOf(role), TOWN) }).toEqual({ role, reads: true });
  });
});
