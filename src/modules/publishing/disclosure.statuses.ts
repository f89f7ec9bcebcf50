/**
 * The statuses of a disclosure record and their names. This file imports nothing, so the admin app shows the same
 * names (eslint architecture/admin-server-types lets the browser bundle hold a run-time leaf).
 */
export const STATUSES = ['draft', 'returned', 'submitted', 'committee_approved', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type DisclosureStatus = (typeof STATUSES)[number];

export const STATUS_TEXT: Record<DisclosureStatus, string> = {
  draft: '草稿',
  returned: '已退回修改',
  submitted: '待审核',
  committee_approved: '村务监督委员会已审查，待乡镇（街道）审核',
  approved: '审核通过，待发布',
  scheduled: '已定时，待发布',
  published: '已发布',
  withdrawn: '已撤回',
};
