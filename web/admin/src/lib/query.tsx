/**
 * The admin's server state: one TanStack Query client (cache, retries, refetch), the `useApi` hook for GETs and
 * `QueryState` for the loading and error states, in plain Chinese. Every successful write through lib/http.ts
 * marks the cached reads stale (shown pages refetch), so no page shows what a save has just changed.
 */
import type { ReactNode } from 'react';
import { QueryClient, keepPreviousData, useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Skeleton } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError, errorText, get, setMutationListener, type Query } from './http.ts';

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

// After any successful POST/PUT/PATCH/DELETE the cached reads may be out of date.
setMutationListener(() => void queryClient.invalidateQueries());

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

/** The message a failed read shows: what could not be read, and why (the server's words). */
export function loadError(what: string, err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return `无法读取${what}：${err.message}`;
  return `无法读取${what}：${errorText(err)}`;
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
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={loadError(what, query.error)}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  return <Skeleton active paragraph={{ rows }} aria-label={`正在读取${what}`} />;
}
