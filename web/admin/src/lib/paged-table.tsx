/**
 * The admin's server-paged list: `usePaging` keeps the page and page size (back to page 1 when the filters
 * change), `PagedTable` shows one `useApi` read of a `Page<T>` — the read's error with 重试 above the table, the
 * rows, the spinner while a page loads (the previous page stays shown), the empty text and 共 N 条 pagination.
 * The filter bar stays the page's own (its fields differ); it sets the filters the read's key depends on.
 */
import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { Page } from './http.ts';
import { LoadFailed } from './query.tsx';

export interface Paging {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  /** The read's query parameters for the shown page. */
  limits: { limit: number; offset: number };
}

export function usePaging(initialPageSize = 20): Paging {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return { page, pageSize, setPage, setPageSize, limits: { limit: pageSize, offset: (page - 1) * pageSize } };
}

export function PagedTable<T extends object>({
  query,
  what,
  paging,
  unit = '条',
  sizeChanger,
  empty,
  ...table
}: {
  query: UseQueryResult<Page<T>>;
  /** What the list shows, for the error message (无法读取{what}：…). */
  what: string;
  paging: Paging;
  /** The counting word in 共 N 条 (件, 人…). */
  unit?: string;
  /** Show the page-size chooser (left out: antd's default, shown from 50 rows on). */
  sizeChanger?: boolean;
  empty?: string;
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  const { page, pageSize, setPage, setPageSize } = paging;
  return (
    <>
      <LoadFailed query={query} what={what} style={{ marginBottom: 16 }} />
      <Table<T>
        {...table}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={empty === undefined ? table.locale : { ...table.locale, emptyText: empty }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: sizeChanger,
          showTotal: (t) => `共 ${t} ${unit}`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
