/** Types and vocabulary for the 依申请公开 pages (loaded once from /api/v1/info-requests/vocabulary). */
import type { UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../../lib/query.tsx';
import type { Vocabulary } from '../../../../../src/modules/requests/requests.schemas.ts';

// The server's answer types (requests.schemas.ts), imported type-only: a changed field fails the admin's type check.
export type { ClockWarning, RequestDetail, RequestListItem, Vocabulary } from '../../../../../src/modules/requests/requests.schemas.ts';

export interface CodeLabel {
  code: string;
  label: string;
}
/** The 依申请公开 code tables, read once per session (they change only with a new release). */
export function useVocabulary(): UseQueryResult<Vocabulary> {
  return useApi<Vocabulary>(['requests', 'vocabulary'], '/api/v1/info-requests/vocabulary', undefined, { staleTime: Infinity });
}

export const CLOCK_STATE_TEXT: Record<string, string> = {
  'awaiting-receipt': '待确认收到',
  running: '计时中',
  paused: '暂停计时（征求意见）',
  'awaiting-correction': '等待补正',
  'correction-overdue': '补正已逾期',
  'fee-overdue': '缴费已逾期',
  answered: '已答复',
};
