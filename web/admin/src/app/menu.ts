/**
 * The admin menu as data: every entry names the roles that can use the page behind it (the server's role
 * lists: publishing's drafters/reviewers, the 依申请公开 handlers, the assessment policy, …). A user sees the
 * entries of all roles they hold; a page outside their menu answers “没有权限” (the server still decides
 * every row). The role ids are the server's (src/platform/auth/roles.ts).
 */
import type { Role } from '../../../../src/platform/auth/roles.ts';

export type { Role };

export interface MenuEntry {
  key: string;
  label: string;
  /** Shown under 公开发布 or 系统设置; otherwise at the top level. */
  group?: 'publishing' | 'settings';
  /** Who can use the page; `all` = every signed-in user. */
  roles: readonly Role[] | 'all';
}

const GOV_STAFF: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer'];
/** Everyone in the disclosure workflow (drafters and reviewers of both catalogues, the county office). */
const DISCLOSURE_STAFF: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];
/** Staff who answer for a unit's openness work, and the county office that assesses them. */
const ASSESSED: readonly Role[] = DISCLOSURE_STAFF;
const COUNTY: readonly Role[] = ['county_admin'];
/** 政民互动: every staff role that reads cases (the server's interaction.policy VIEW_ROLES; 村务监督委员会 reads, does not answer). */
const INTERACTION: readonly Role[] = ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk', 'village_supervisor'];
/** The archives policy's staff (src/modules/archives/archives.policy.ts): archivists, village and town staff, the county office. */
const ARCHIVE_STAFF: readonly Role[] = ['archivist', 'village_clerk', 'village_supervisor', 'county_admin', 'unit_officer', 'unit_reviewer'];

export const MENU: readonly MenuEntry[] = [
  { key: '/', label: '工作台', roles: 'all' },
  { key: '/todo', label: '我的待办', roles: 'all' },
  { key: '/compliance', label: '公开督查', roles: [...GOV_STAFF, 'village_clerk', 'village_supervisor'] },
  { key: '/unit-catalog', label: '本单位目录与期限', roles: ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk'] },
  { key: '/catalog', label: '公开目录', roles: GOV_STAFF },
  { key: '/disclosures', label: '公开内容', group: 'publishing', roles: DISCLOSURE_STAFF },
  { key: '/review', label: '审核队列', group: 'publishing', roles: ['county_admin', 'unit_reviewer', 'village_supervisor'] },
  { key: '/print', label: '打印中心', group: 'publishing', roles: ['county_admin', 'unit_officer', 'village_clerk'] },
  // Offline channels: the writers of src/modules/offline (offline.commands.ts WRITERS).
  { key: '/offline', label: '线下公开', group: 'publishing', roles: ['county_admin', 'unit_officer', 'unit_reviewer', 'village_clerk'] },
  // Policy documents are government records (drafter, reviewer, county office: src/modules/policies).
  { key: '/policies', label: '政策文件', group: 'publishing', roles: GOV_STAFF },
  { key: '/assessments', label: '考评', roles: ASSESSED },
  { key: '/rectifications', label: '整改通知', roles: ASSESSED },
  { key: '/rollout', label: '标准化推进', roles: ASSESSED },
  { key: '/requests', label: '依申请公开', roles: [...GOV_STAFF, 'archivist'] },
  { key: '/interaction', label: '政民互动', roles: INTERACTION },
  // The 知识清单 is kept by the same staff (the server lets the unit's handlers write; the supervisor reads).
  { key: '/interaction/knowledge', label: '知识清单', roles: INTERACTION },
  // participation.policy.ts: any role covering a unit reads its consultations, surveys and decisions; officers,
  // reviewers and village clerks keep them (the server refuses what a role may not do).
  { key: '/participation', label: '公众参与', roles: DISCLOSURE_STAFF },
  { key: '/annual-reports', label: '年度报告', roles: GOV_STAFF },
  { key: '/remedies', label: '复议诉讼', roles: GOV_STAFF },
  { key: '/archives', label: '档案管理', roles: ARCHIVE_STAFF },
  { key: '/archives/boards', label: '公开栏巡查', roles: ARCHIVE_STAFF },
  // archives.policy.ts: staff see the reading point and the room ledger (the archivist and the village clerk write);
  // destruction lists are proposed by the archivist and decided by a second person (archivist, 村务监督委员会, county
  // office); custody moves are the archivist's and seen by the town that holds them; the class table is the county's.
  { key: '/archives/reading', label: '查阅点与库房', roles: ARCHIVE_STAFF },
  { key: '/archives/destructions', label: '鉴定与销毁', roles: ['archivist', 'village_supervisor', 'county_admin'] },
  { key: '/archives/custody', label: '提级管理', roles: ['archivist', 'county_admin', 'unit_officer', 'unit_reviewer'] },
  { key: '/archives/schedule', label: '档案分类方案', roles: ['archivist', 'county_admin'] },
  { key: '/org', label: '组织机构', roles: COUNTY },
  { key: '/users', label: '用户与角色', roles: COUNTY },
  { key: '/calendar', label: '工作日历', roles: GOV_STAFF },
  { key: '/audit', label: '审计日志', roles: COUNTY },
  { key: '/webhooks', label: '数据推送（Webhook）', group: 'settings', roles: COUNTY },
  { key: '/pii-rules', label: '个人信息识别规则', group: 'settings', roles: COUNTY },
  { key: '/reminder-settings', label: '提醒与邮件设置', group: 'settings', roles: COUNTY },
  { key: '/letter-settings', label: '依申请公开文书设置', group: 'settings', roles: GOV_STAFF },
  // The county's 政民互动 rules (interaction settings: PUT is the county office's).
  { key: '/interaction/settings', label: '政民互动设置', group: 'settings', roles: COUNTY },
  { key: '/backup', label: '数据备份', group: 'settings', roles: COUNTY },
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
