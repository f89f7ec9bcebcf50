/** Publishing reads through the query cache. */
import { useApi } from '../../lib/query.tsx';
import type { Todo } from './api.ts';

/** What the caller owes, was returned, and is to review (the to-do and the 审核队列). Refetched whenever shown. */
export const usePublishingTodo = () => useApi<Todo>(['todo', 'publishing'], '/api/v1/disclosures/todo', undefined, { staleTime: 0 });
