import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Select, Typography } from 'antd';
import { UNIT_KIND_LABELS, type OrgUnit, type UnitDetail } from '../features/org/api.ts';
import { get, type Page } from './http.ts';
import { useApi } from './query.tsx';

const unitLabel = (u: OrgUnit) => `${u.name}（${UNIT_KIND_LABELS[u.kind] ?? u.kind}）`;

/**
 * Unit picker that searches the server (name, pinyin or code) as the user types. A value that is not among the
 * options found (a preset unit, e.g. the user's own village, beyond the first page) is looked up by code in the org
 * module's public index, so the picker shows its name, never the raw code.
 */
export function UnitSelect({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  const load = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const res = await get<Page<OrgUnit>>('/api/v1/org-units', { q: q.trim() || undefined, limit: 30 });
        if (mine === seq.current) {
          setOptions(res.items.map((u) => ({ value: u.code, label: unitLabel(u) })));
        }
      } catch {
        if (mine === seq.current) setOptions([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  useEffect(() => {
    load('');
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const known = !value || options.some((o) => o.value === value);
  const current = useApi<UnitDetail>(['org-units', 'one'], known ? null : `/api/v1/org-units/${encodeURIComponent(value!)}`, undefined, {
    staleTime: 300_000,
  });
  const shown = !known && current.data?.unit.code === value ? [{ value: current.data.unit.code, label: unitLabel(current.data.unit) }, ...options] : options;

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: load }}
      value={value}
      onChange={onChange}
      options={shown}
      labelRender={(o) => (o.label === undefined || o.label === o.value ? (current.isFetching ? '正在读取单位名称…' : String(o.value)) : o.label)}
      loading={loading}
      placeholder="输入单位名称搜索"
      notFoundContent={loading ? '正在搜索…' : '没有匹配的单位'}
      style={{ width: '100%' }}
    />
  );
}

/** Shows a one-time secret (password or token) with a copy button. */
export function SecretModal({
  open,
  title,
  label,
  secret,
  onClose,
  warning = '此内容只显示这一次，关闭后无法再次查看。请立即复制并通过安全方式交给本人。',
}: {
  open: boolean;
  title: string;
  label: string;
  secret: string | null;
  onClose: () => void;
  warning?: string;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph copyable={{ text: secret ?? '', tooltips: ['复制', '已复制'] }} style={{ fontSize: 18, marginTop: 4 }}>
        <Typography.Text code style={{ fontSize: 18, wordBreak: 'break-all' }}>
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
