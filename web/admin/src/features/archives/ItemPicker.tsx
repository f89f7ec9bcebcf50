/** Picks archive items of one unit from the catalogue (档号 or 题名 search on the server), for visits, loans and moves. */
import { useState } from 'react';
import { Select } from 'antd';
import { useApi } from '../../lib/query.tsx';
import type { Browse } from './api.ts';

export function ItemPicker({
  unitCode,
  value,
  onChange,
  id,
  placeholder = '输入档号或题名查找档案',
}: {
  unitCode?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const found = useApi<Browse>(
    ['archives', 'items', 'picker'],
    unitCode ? '/api/v1/archives/items' : null,
    { unitCode, status: 'filed', q: q.trim() || undefined, limit: 20, offset: 0 },
    { keepPrevious: true },
  );
  const options = (found.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.archivalCode} ${i.title}` }));
  const known = { ...labels, ...Object.fromEntries(options.map((o) => [o.value, o.label])) };
  return (
    <Select
      id={id}
      mode="multiple"
      disabled={!unitCode}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v: string[]) => {
        setLabels(Object.fromEntries(v.map((x) => [x, known[x] ?? x])));
        onChange?.(v);
      }}
      options={[...options, ...(value ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known[v] ?? v }))]}
      loading={found.isFetching}
      placeholder={unitCode ? placeholder : '请先选择单位'}
      notFoundContent={found.isFetching ? '正在查找…' : '没有匹配的在库档案'}
      style={{ width: '100%' }}
    />
  );
}
