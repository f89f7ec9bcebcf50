import { useState } from 'react';
import { Button, Card, DatePicker, Form, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatTime, type Page } from '../../lib/http.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { OwnUnitPicker, STATUSES, STATUS_TEXT, StatusTag, canDraft, periodText, type ListItem } from './shared.tsx';

export function DisclosuresPage() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const paging = usePaging();
  const setPage = paging.setPage;
  const list = useApi<Page<ListItem>>(
    ['publishing', 'disclosures'],
    '/api/v1/disclosures',
    { unit, status, from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD'), ...paging.limits },
    { keepPrevious: true },
  );

  const columns: TableColumnsType<ListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Typography.Link
          href={`/admin/disclosures/${r.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/disclosures/${r.id}`);
          }}
        >
          {t}
        </Typography.Link>
      ),
    },
    { title: '单位', dataIndex: 'unitName', width: 140 },
    { title: '期间', dataIndex: 'period', width: 130, render: (p: string | null) => periodText(p) || '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 170,
      render: (s: string, r) => (
        <Space size={4} wrap>
          <StatusTag status={s} text={r.statusText} />
          {r.corrected && <span>已更正</span>}
        </Space>
      ),
    },
    { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatTime(v) },
    { title: '公示', dataIndex: 'displayLabel', width: 160, render: (v: string, r) => (r.publishedAt ? v : '—') },
    { title: '索引号', dataIndex: 'indexNo', width: 200, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            公开内容
          </Typography.Title>
          {canDraft(user) && (
            <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate('/disclosures/new')}>
              新建公开
            </Button>
          )}
        </Space>
        <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
          <Form.Item label="单位" style={{ minWidth: 280 }}>
            <OwnUnitPicker
              value={unit}
              allowClear
              placeholder="全部单位"
              onChange={(v) => {
                setUnit(v);
                setPage(1);
              }}
            />
          </Form.Item>
          <Form.Item label="状态">
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              style={{ width: 180 }}
              value={status}
              onChange={(v: string | undefined) => {
                setStatus(v);
                setPage(1);
              }}
              options={STATUSES.map((s) => ({ value: s, label: STATUS_TEXT[s] }))}
            />
          </Form.Item>
          <Form.Item label="发布日期">
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => {
                setRange(v && v[0] && v[1] ? [v[0], v[1]] : null);
                setPage(1);
              }}
            />
          </Form.Item>
          <Form.Item>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <PagedTable<ListItem>
          query={list}
          what="公开内容"
          paging={paging}
          sizeChanger={false}
          rowKey="id"
          columns={columns}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '还没有公开内容' }}
        />
      </Card>
    </Space>
  );
}
