/**
 * The admin's server state: one TanStack Query client (cache, retries, refetch), the `useApi` hook for GETs and
 * `QueryState` for the loading and error states, in plain Chinese. Every successful write through lib/http.ts
 * marks the cached reads stale (shown pages refetch), so no page shows what a save has just changed.
 */
import type { CSSProperties, ReactNode } from 'react';
import { QueryClient, keepPreviousData, useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorText, get, post, setMutationListener, type Query } from './http.ts';

/** Retry a failed read twice, except when the server said no (4xx): asking again would not change the answer. */
function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failures < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();

/** Marks a read made by a POST (`usePostRead`): a write's stale mark leaves it alone. */
const POST_READ = 'postRead';

// After any successful POST/PUT/PATCH/DELETE the cached reads may be out of date (except the POST reads, whose own
// POST is such a write: marking them would run them again, and again).
setMutationListener(() => void queryClient.invalidateQueries({ predicate: (q) => q.meta?.[POST_READ] !== true }));

/**
 * The cache entry of one GET, as `useApi` keys it: for reads whose number changes at run time (`useQueries`, e.g. the
 * children of each opened tree node) and for a read a widget awaits (`queryClient.fetchQuery`, a tree's loadData).
 */
export function apiQuery<T>(key: QueryKey, path: string | null, query?: Query) {
  return { queryKey: [...key, path, query ?? null] as QueryKey, queryFn: () => get<T>(path!, query) };
}

/** A GET through the cache: the key names the feature first (`['todo', 'reminders', scope]`). */
export function useApi<T>(
  key: QueryKey,
  path: string | null,
  query?: Query,
  opts: { keepPrevious?: boolean; refetchInterval?: number; staleTime?: number } = {},
): UseQueryResult<T> {
  return useQuery<T>({
    ...apiQuery<T>(key, path, query),
    enabled: path !== null,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: opts.refetchInterval,
    staleTime: opts.staleTime,
  });
}

/**
 * A POST that only reads (the personal-data scan: a POST because the server audits it — its answer shows the raw
 * numbers) as a cached read. Its own POST marks the other reads stale like any write; it is never marked itself, so
 * it runs again only when it is shown anew, when its key changes — key it on the record's version (`updatedAt`),
 * never on a read's data or fetch time — or on `refetch()` (after a write that changes its answer while the page
 * still holds the old version).
 */
export function usePostRead<T>(key: QueryKey, path: string | null, opts: { body?: unknown; keepPrevious?: boolean } = {}): UseQueryResult<T> {
  return useQuery<T>({
    queryKey: [...key, path],
    queryFn: () => post<T>(path!, opts.body),
    enabled: path !== null,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    meta: { [POST_READ]: true },
    // A page that shows it again (a dialog reopened) asks again: the answer follows the current rules.
    staleTime: 0,
  });
}

/** The message a failed read shows: what could not be read, and why (the server's words). */
export function loadError(what: string, err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return `无法读取${what}：${err.message}`;
  return `无法读取${what}：${errorText(err)}`;
}

/**
 * A failed read's message with 重试, where the page shows it beside what it still has (a filter bar, the rows of a
 * list, a form) instead of in its place; nothing while the read is fine. `title` replaces the standard words
 * (无法读取{what}：…) where the page says more (e.g. who may see it).
 */
export function LoadFailed({
  query,
  what,
  title,
  style,
}: {
  query: Pick<UseQueryResult<unknown>, 'isError' | 'error' | 'refetch'>;
  what: string;
  title?: string;
  style?: CSSProperties;
}) {
  if (!query.isError) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? loadError(what, query.error)}
      style={style}
      action={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
          重试
        </Button>
      }
    />
  );
}

/**
 * Loading and error states of one read: a skeleton while the first answer is on its way, a plain-Chinese error
 * with 重试 when it failed, otherwise the children (rendered with the data).
 */
export function QueryState<T>({
  query,
  what,
  children,
  rows = 4,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) return <LoadFailed query={query} what={what} />;
  return <Skeleton active paragraph={{ rows }} aria-label={`正在读取${what}`} />;
}
