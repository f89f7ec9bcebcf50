import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Page } from '../../lib/http.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { navigate } from '../../lib/router.ts';
import { CLOCK_STATE_TEXT, useVocabulary, type CodeLabel, type RequestListItem } from './shared.ts';

/** 依申请公开: the case list with each case's clock and warnings. */
export function RequestsPage() {
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  // 公开督查 and 考评 link here with ?unit=CODE to show one unit's cases.
  const [unit, setUnit] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('unit') ?? undefined);
  const paging = usePaging();
  const setPage = paging.setPage;
  const statuses: CodeLabel[] = useVocabulary().data?.statuses ?? [];

  const list = useApi<Page<RequestListItem>>(
    ['requests', 'list'],
    '/api/v1/info-requests',
    { status, unit, q: q.trim() || undefined, overdue: overdue || undefined, ...paging.limits },
    { keepPrevious: true },
  );

  const columns: TableColumnsType<RequestListItem> = [
    {
      title: '登记编号',
      dataIndex: 'regNo',
      width: 120,
      render: (v: string, r) => (
        <Typography.Link
          href={`/admin/requests/${r.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/requests/${r.id}`);
          }}
        >
          {v}
        </Typography.Link>
      ),
    },
    { title: '受理机关', dataIndex: 'unitName', width: 150 },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      width: 140,
      render: (v: string, r) => (
        <>
          {v}
          <br />
          <Typography.Text type="secondary">{r.applicantKindText}</Typography.Text>
        </>
      ),
    },
    { title: '所需信息', dataIndex: 'infoDescription', width: 260 },
    {
      title: '状态',
      dataIndex: 'statusText',
      width: 130,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color={r.status === 'archived' ? 'default' : 'blue'}>{v}</Tag>
          {r.isDemo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    { title: '收到日期', dataIndex: 'receivedOn', width: 110, render: (v: string | null) => v ?? '待确认' },
    {
      title: '答复期限',
      dataIndex: 'dueOn',
      width: 260,
      render: (v: string | null, r) => (
        <Space orientation="vertical" size={2}>
          <span>{r.decidedOn ? `已于 ${r.decidedOn} 答复` : (v ?? '—')}</span>
          {!r.decidedOn && <Typography.Text type="secondary">{CLOCK_STATE_TEXT[r.clockState] ?? r.clockState}</Typography.Text>}
          {r.warnings.map((w) => (
            <Tooltip key={w.code} title={w.message}>
              <Tag color={w.code.endsWith('overdue') ? 'red' : 'orange'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                {w.message}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            依申请公开
          </Typography.Title>
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
            登记申请（当面、邮寄、传真、口头）
          </Button>
        </Space>
        <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
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
              options={statuses.map((s) => ({ value: s.code, label: s.label }))}
            />
          </Form.Item>
          <Form.Item label="查找">
            <Input.Search
              aria-label="查找"
              placeholder="登记编号、查询码或内容"
              allowClear
              onSearch={(v) => {
                setQ(v);
                setPage(1);
              }}
              style={{ width: 260 }}
            />
          </Form.Item>
          <Form.Item label="只看已逾期">
            <Switch
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
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
      {unit && (
        <Alert
          type="info"
          showIcon
          title={`只显示单位 ${list.data?.items[0]?.unitName ?? unit} 的申请`}
          action={
            <Button
              size="small"
              onClick={() => {
                setUnit(undefined);
                setPage(1);
                navigate('/requests');
              }}
            >
              显示全部
            </Button>
          }
        />
      )}
      <Card>
        <PagedTable<RequestListItem>
          query={list}
          what="申请"
          paging={paging}
          unit="件"
          sizeChanger={false}
          rowKey="id"
          columns={columns}
          scroll={{ x: 1200 }}
          locale={{ emptyText: '还没有政府信息公开申请' }}
        />
      </Card>
    </Space>
  );
}
