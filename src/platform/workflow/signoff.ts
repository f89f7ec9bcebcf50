/**
 * Two-person sign-off (issue 13 §2): the approver of a version must be someone who neither authored,
 * edited nor submitted any revision of it. This is the one place the rule lives; every review step of
 * every module (publishing's 村务监督委员会 / 乡镇 review and 保密审查, corrections, the 依申请公开 审核,
 * the annual report through publishing, the 整改 复核) passes the recorded contributions of the work
 * under review to `checkSignoff` and refuses what it refuses. Pure: it reads only its arguments.
 */

export const CONTRIBUTION_KINDS = ['author', 'editor', 'submitter'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** Someone touched a revision of the work under review (recorded by `recordContribution`). */
export interface Contribution {
  userId: string;
  kind: ContributionKind;
}

export const CONTRIBUTION_TEXT: Record<ContributionKind, string> = { author: '起草', editor: '修改', submitter: '提交' };

export type SignoffCheck = { ok: true } | { ok: false; status: 403; code: 'SELF_REVIEW'; message: string; kinds: ContributionKind[] };

/**
 * May `reviewerId` approve (or return) the work these contributions describe? `subject` names the work
 * in the refusal, e.g. 「该公开内容」, 「该答复意见」.
 */
export function checkSignoff(reviewerId: string, contributions: readonly Contribution[], subject: string): SignoffCheck {
  const kinds = CONTRIBUTION_KINDS.filter((k) => contributions.some((c) => c.userId === reviewerId && c.kind === k));
  if (kinds.length === 0) return { ok: true };
  return {
    ok: false,
    status: 403,
    code: 'SELF_REVIEW',
    kinds,
    message: `您${kinds.map((k) => CONTRIBUTION_TEXT[k]).join('、')}过${subject}，按照两人审核的规定不能由您审核；请由未参与起草、修改和提交的其他审核人员审核`,
  };
}

/** Whether the user took part in the work at all (for to-do lists: nothing to review for them). */
export function isContributor(userId: string, contributions: readonly Contribution[]): boolean {
  return contributions.some((c) => c.userId === userId);
}
