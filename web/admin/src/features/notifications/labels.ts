/** Plain-Chinese labels of reminders (shared by the bell, the inbox and the to-do list). */

/** Kinds of reminders by module (ReminderItem.kind); unknown kinds show as 其他. */
const KIND_LABEL: Record<string, string> = {
  obligation: '应公开事项',
  'info-request.answer': '依申请公开答复',
  'info-request.clarification': '依申请补正告知',
  rectification: '整改工单',
  'participation.feedback': '征求意见反馈',
  security: '安全提醒',
};
export const kindLabel = (k: string): string => KIND_LABEL[k] ?? KIND_LABEL[k.split('.')[0]] ?? '其他';

export function whenText(r: { overdue: boolean; dueDate: string; overdueWorkingDays: number }): string {
  if (r.overdueWorkingDays > 0) return `截止 ${r.dueDate}，已逾期 ${r.overdueWorkingDays} 个工作日`;
  return r.overdue ? `截止 ${r.dueDate}，已逾期` : `截止 ${r.dueDate}`;
}
