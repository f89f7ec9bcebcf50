/**
 * The participation module's code lists (第14条 methods, comment channels, adoption outcomes, event kinds): plain data
 * with no run-time import, so the admin SPA takes them by value (a run-time leaf, docs/ARCHITECTURE.md) and no list is
 * written twice. participation.rules.ts re-exports them with the codes derived from them.
 */
/** 第14条 methods (domain.md §8), as offered for the 公众参与事项目录. */
export const PARTICIPATION_METHODS = [
  { code: 'public_consultation', label: '向社会公开征求意见' },
  { code: 'symposium', label: '座谈会' },
  { code: 'hearing', label: '听证会' },
  { code: 'field_visit', label: '实地走访' },
  { code: 'written', label: '书面征求意见' },
  { code: 'questionnaire', label: '问卷调查' },
  { code: 'opinion_poll', label: '民意调查' },
] as const;

/** Where a comment came from: online (without an account) or entered by staff. */
export const COMMENT_CHANNELS = [
  { code: 'online', label: '网上留言', staff: false },
  { code: 'symposium', label: '座谈会', staff: true },
  { code: 'field_visit', label: '实地走访', staff: true },
  { code: 'letter', label: '信函', staff: true },
  { code: 'meeting', label: '会议', staff: true },
  { code: 'phone', label: '电话', staff: true },
  { code: 'email', label: '电子邮件', staff: true },
] as const;

export const ADOPTIONS = [
  { code: 'adopted', label: '采纳' },
  { code: 'partly', label: '部分采纳' },
  { code: 'not_adopted', label: '未采纳' },
] as const;

export const EVENT_KINDS = [
  { code: 'hearing', label: '听证会' },
  { code: 'symposium', label: '座谈会' },
  { code: 'field_visit', label: '实地走访' },
  { code: 'open_day', label: '政府开放日' },
  { code: 'service_review', label: '评议政务服务' },
] as const;
