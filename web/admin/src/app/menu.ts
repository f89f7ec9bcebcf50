/**
 * The admin menu as data: every entry names the roles that can use the page behind it. The lists are the server's own,
 * taken by value from each module's role file (a run-time leaf: `<module>.roles.ts`, backup.rules.ts, offline.rules.ts,
 * policies.rules.ts), which the module's policy checks too, so no list is written here again; test/admin-menu.test.ts
 * holds each entry to the server's check. Where the server lets every role of a unit read a page (公开督查, 公开目录,
 * 工作日历, 公众参与) the entry names the staff whose work it is, built from the server's lists and said beside it.
 * A user sees the entries of all roles they hold; a page outside their menu answers “没有权限” (the server still decides
 * every row). The role ids are the server's (src/platform/auth/roles.ts).
 */
import type { Role } from '../../../../src/platform/auth/roles.ts';
import {
  DESTRUCTION_DECIDERS,
  INSPECTORS,
  KEEPERS as ARCHIVE_KEEPERS,
  SCHEDULE_EDITORS,
  STAFF as ARCHIVE_STAFF,
} from '../../../../src/modules/archives/archives.roles.ts';
import { CHECKLIST_KEEPERS } from '../../../../src/modules/assessment/assessment.roles.ts';
import { BACKUP_ADMINS } from '../../../../src/modules/backup/backup.rules.ts';
import { CALENDAR_EDITORS } from '../../../../src/modules/calendar/calendar.roles.ts';
import { CATALOG_ADMINS, UNIT_EDITORS } from '../../../../src/modules/catalog/catalog.roles.ts';
import { SETTINGS_EDITORS as INTERACTION_SETTINGS_EDITORS, VIEW_ROLES } from '../../../../src/modules/interaction/interaction.roles.ts';
import { SETTINGS_ADMINS as REMINDER_SETTINGS_ADMINS } from '../../../../src/modules/notifications/notifications.roles.ts';
import { WRITERS as OFFLINE_WRITERS } from '../../../../src/modules/offline/offline.rules.ts';
import { MANAGERS as ORG_MANAGERS } from '../../../../src/modules/org/org.roles.ts';
import { POLICY_STAFF } from '../../../../src/modules/policies/policies.rules.ts';
import { DISCLOSURE_DECIDERS, DISCLOSURE_DRAFTERS, DISCLOSURE_STAFF, PUBLISHING_ADMINS, staffOf } from '../../../../src/modules/publishing/disclosure.roles.ts';
import { HANDLERS, LETTER_READERS, LETTER_SETTINGS_EDITORS, REPORT_EDITORS, REVIEWERS } from '../../../../src/modules/requests/requests.roles.ts';

export type { Role };

export interface MenuEntry {
  key: string;
  label: string;
  /** Shown under 公开发布 or 系统设置; otherwise at the top level. */
  group?: 'publishing' | 'settings';
  /** Who can use the page; `all` = every signed-in user. */
  roles: readonly Role[] | 'all';
}

const union = (...lists: (readonly Role[])[]): readonly Role[] => [...new Set(lists.flat())];

/** Government units' disclosure staff (publishing's drafters and reviewers of the government catalog, the county office). */
const GOV_STAFF = staffOf('government');
export const MENU: readonly MenuEntry[] = [
  { key: '/', label: '工作台', roles: 'all' },
  { key: '/todo', label: '我的待办', roles: 'all' },
  // The server shows any role its own scope (compliance.service); the menu shows it to the disclosure staff it checks.
  { key: '/compliance', label: '公开督查', roles: DISCLOSURE_STAFF },
  { key: '/unit-catalog', label: '本单位目录与期限', roles: UNIT_EDITORS },
  // Reading the catalogs is public and editing is CATALOG_ADMINS'; the menu shows it to government staff and the county.
  { key: '/catalog', label: '公开目录', roles: union(GOV_STAFF, CATALOG_ADMINS) },
  { key: '/disclosures', label: '公开内容', group: 'publishing', roles: DISCLOSURE_STAFF },
  { key: '/review', label: '审核队列', group: 'publishing', roles: DISCLOSURE_DECIDERS },
  // Notices are printed by who posts them: the drafters of either catalog and the county office.
  { key: '/print', label: '打印中心', group: 'publishing', roles: union(DISCLOSURE_DRAFTERS, PUBLISHING_ADMINS) },
  { key: '/offline', label: '线下公开', group: 'publishing', roles: OFFLINE_WRITERS },
  { key: '/policies', label: '政策文件', group: 'publishing', roles: POLICY_STAFF },
  { key: '/assessments', label: '考评', roles: CHECKLIST_KEEPERS },
  { key: '/rectifications', label: '整改通知', roles: CHECKLIST_KEEPERS },
  { key: '/rollout', label: '标准化推进', roles: CHECKLIST_KEEPERS },
  { key: '/requests', label: '依申请公开', roles: union(HANDLERS, REVIEWERS, LETTER_READERS) },
  { key: '/interaction', label: '政民互动', roles: VIEW_ROLES },
  // The 知识清单 is kept by the same staff (the server lets the unit's handlers write; the supervisor reads).
  { key: '/interaction/knowledge', label: '知识清单', roles: VIEW_ROLES },
  // participation.policy.ts: any role covering a unit reads (no list); its EDITORS, MODERATORS and VILLAGE_EDITORS keep
  // them. The menu shows it to the disclosure staff: those keepers and the 村务监督委员会, which reads village decisions.
  { key: '/participation', label: '公众参与', roles: DISCLOSURE_STAFF },
  { key: '/annual-reports', label: '年度报告', roles: REPORT_EDITORS },
  { key: '/remedies', label: '复议诉讼', roles: REPORT_EDITORS },
  { key: '/archives', label: '档案管理', roles: ARCHIVE_STAFF },
  { key: '/archives/boards', label: '公开栏巡查', roles: ARCHIVE_STAFF },
  // archives.roles.ts: staff see the reading point and the room ledger (the archivist and the village clerk write);
  // destruction lists are proposed by the archivist and decided by a second person (DESTRUCTION_DECIDERS); custody moves
  // are the keepers' and seen by the inspecting town; the class table is SCHEDULE_EDITORS' at the county.
  { key: '/archives/reading', label: '查阅点与库房', roles: ARCHIVE_STAFF },
  { key: '/archives/destructions', label: '鉴定与销毁', roles: DESTRUCTION_DECIDERS },
  { key: '/archives/custody', label: '提级管理', roles: union(ARCHIVE_KEEPERS, INSPECTORS) },
  { key: '/archives/schedule', label: '档案分类方案', roles: SCHEDULE_EDITORS },
  { key: '/org', label: '组织机构', roles: ORG_MANAGERS },
  { key: '/users', label: '用户与角色', roles: ORG_MANAGERS },
  // Any signed-in actor reads the calendar and CALENDAR_EDITORS change it; the menu shows it to government staff.
  { key: '/calendar', label: '工作日历', roles: union(GOV_STAFF, CALENDAR_EDITORS) },
  { key: '/audit', label: '审计日志', roles: ORG_MANAGERS },
  { key: '/webhooks', label: '数据推送（Webhook）', group: 'settings', roles: PUBLISHING_ADMINS },
  { key: '/pii-rules', label: '个人信息识别规则', group: 'settings', roles: PUBLISHING_ADMINS },
  { key: '/reminder-settings', label: '提醒与邮件设置', group: 'settings', roles: REMINDER_SETTINGS_ADMINS },
  // The case handlers read a unit's letter settings and LETTER_SETTINGS_EDITORS change them.
  { key: '/letter-settings', label: '依申请公开文书设置', group: 'settings', roles: union(HANDLERS, LETTER_SETTINGS_EDITORS) },
  { key: '/interaction/settings', label: '政民互动设置', group: 'settings', roles: INTERACTION_SETTINGS_EDITORS },
  { key: '/backup', label: '数据备份', group: 'settings', roles: BACKUP_ADMINS },
  { key: '/password', label: '修改密码', roles: 'all' },
  { key: '/tokens', label: '访问令牌', roles: 'all' },
];

/** Old addresses that now open another entry's page (links in e-mails already sent). */
export const ROUTE_ALIASES: Readonly<Record<string, string>> = { '/reminders': '/todo' };

const usable = (m: MenuEntry, roles: readonly string[]) => m.roles === 'all' || m.roles.some((r) => roles.includes(r));

/** The entries a user holding these roles sees, in menu order. */
export function menuFor(roles: readonly string[]): MenuEntry[] {
  return MENU.filter((m) => usable(m, roles));
}

/** The menu entry a route belongs to (detail pages highlight their list), or null for an unknown route. */
export function menuKeyOf(route: string): string | null {
  const aliased = ROUTE_ALIASES[route] ?? route;
  if (MENU.some((m) => m.key === aliased)) return aliased;
  // The longest key that prefixes the route: /archives/boards/ID belongs to 公开栏巡查, not 档案管理.
  const parents = MENU.filter((m) => m.key !== '/' && aliased.startsWith(`${m.key}/`));
  return parents.reduce<string | null>((best, m) => (!best || m.key.length > best.length ? m.key : best), null);
}

/** Whether a user with these roles may open the route's page (unknown routes: true, they answer 页面不存在). */
export function canOpen(route: string, roles: readonly string[]): boolean {
  const key = menuKeyOf(route);
  const entry = key ? MENU.find((m) => m.key === key) : undefined;
  return !entry || usable(entry, roles);
}
