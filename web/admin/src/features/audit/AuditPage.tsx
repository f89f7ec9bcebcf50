import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditEvent, type AuditVerification as VerifyResult } from './api.ts';
import { formatTime, get, type Page } from '../../lib/http.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';

interface Filters {
  q?: string;
  action?: string;
  from?: string;
  to?: string;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        maxHeight: 320,
        overflow: 'auto',
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        padding: 8,
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function AuditPage() {
  // A link may name the action to show (e.g. the sign-in alarm notification: ?action=auth.login.alarm).
  const [filters, setFilters] = useState<Filters>(() => ({ action: new URLSearchParams(window.location.search).get('action') ?? undefined }));
  const paging = usePaging();
  const events = useApi<Page<AuditEvent>>(['audit', 'events'], '/api/v1/audit/events', { ...filters, ...paging.limits }, { keepPrevious: true });
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const check = useSave();

  const runVerify = async () => {
    if (!(await check.run(async () => setVerify(await get<VerifyResult>('/api/v1/audit/verify'))))) setVerify(null);
  };

  const onSearch = (v: { q?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null }) => {
    paging.setPage(1);
    setFilters({
      q: v.q?.trim() || undefined,
      action: v.action?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '序号', dataIndex: 'seq', width: 70 },
    { title: '时间', dataIndex: 'occurredAt', width: 150, render: (v: string) => formatTime(v) },
    { title: '操作人', dataIndex: 'actorUsername', width: 130, render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text> },
    { title: '操作', dataIndex: 'action', width: 180, render: (v: string) => <Tag title={v}>{AUDIT_ACTION_LABELS[v] ?? v}</Tag> },
    {
      title: '对象',
      dataIndex: 'entityType',
      render: (_, e) => (
        <span style={{ wordBreak: 'break-all' }}>
          {AUDIT_ENTITY_LABELS[e.entityType] ?? e.entityType}
          {e.entityId ? <Typography.Text type="secondary"> {e.entityId}</Typography.Text> : null}
        </span>
      ),
    },
    { title: '单位', dataIndex: 'unitCode', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={check.busy} onClick={() => void runVerify()}>
          校验哈希链
        </Button>
      }
    >
      {verify &&
        (verify.ok ? (
          <Alert
            type="success"
            showIcon
            title={`哈希链完整：共 ${verify.count} 条记录，未发现篡改。`}
            style={{ marginBottom: 16 }}
            closable={{ onClose: () => setVerify(null) }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title="哈希链校验失败：审计记录可能被篡改"
            description={
              verify.firstBroken
                ? `从第 ${verify.firstBroken.seq} 条开始不一致：${verify.firstBroken.reason}（共 ${verify.count} 条）`
                : `共 ${verify.count} 条`
            }
            style={{ marginBottom: 16 }}
          />
        ))}
      <SaveError save={check} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={onSearch} initialValues={{ action: filters.action }}>
        <Row gutter={12} align="bottom">
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label="关键词" name="q">
              <Input allowClear placeholder="操作人、对象编号等" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label="操作类型" name="action">
              <Input allowClear placeholder="如 user.create（新增用户）" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16} lg={8}>
            <Form.Item label="日期范围" name="range">
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8} lg={4}>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} block>
                查询
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <PagedTable<AuditEvent>
        query={events}
        what="审计日志"
        paging={paging}
        sizeChanger
        rowKey="seq"
        size="small"
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: '没有符合条件的记录' }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>变更前</Typography.Text>
                  <Json value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>变更后</Typography.Text>
                  <Json value={e.after} />
                </Col>
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                请求编号 {e.requestId ?? '—'} · 哈希 {e.hash}
              </Typography.Text>
            </Space>
          ),
        }}
      />
    </Card>
  );
}
