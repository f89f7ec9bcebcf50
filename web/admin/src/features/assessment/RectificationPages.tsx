import { useState } from 'react';
import { App as AntApp, Breadcrumb, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { formatTime, post, type Page } from '../../lib/http.ts';
import { LoadFailed, QueryState, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { UnitSelect } from '../../lib/components.tsx';
import { EvidenceEditor, EvidenceLinks, evidenceLinks, RouteLink, toInput } from './shared.tsx';
import type { OrderView as Order } from '../../../../../src/modules/assessment/rectification.ts';
import type { Evidence } from './shared.tsx';

const STATUS_COLOR: Record<string, string> = { issued: 'orange', responded: 'blue', closed: 'green' };
export const orderRoute = (id: string) => `/rectifications/${encodeURIComponent(id)}`;

function StatusTag({ o }: { o: Pick<Order, 'status' | 'statusLabel' | 'overdue'> }) {
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[o.status]}>{o.statusLabel}</Tag>
      {o.overdue ? <Tag color="red">已超期</Tag> : null}
    </Space>
  );
}

export function RectificationsPage() {
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const admin = isAdmin(user);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useApi<Page<Order>>(['rectifications', 'list'], '/api/v1/rectifications', { status, limit: 200 }, { keepPrevious: true });
  const data = list.data;
  const save = useSave({ toast: true });

  const issue = async () => {
    const v = await form.validateFields();
    const body = { ...v, obligationRef: v.obligationRef || null, findingRef: v.findingRef || null };
    await save.run(async () => {
      const o = await post<Order>('/api/v1/rectifications', body);
      message.success(`已下发 ${o.serial}`);
      setOpen(false);
      form.resetFields();
      navigate(orderRoute(o.id));
    });
  };

  return (
    <Card
      title="整改通知"
      extra={
        <Space wrap>
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: 'issued', label: '待整改' },
              { value: 'responded', label: '待复核' },
              { value: 'closed', label: '已销号' },
            ]}
          />
          {admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              下发整改通知
            </Button>
          ) : null}
        </Space>
      }
    >
      <LoadFailed query={list} what="整改通知" />
      <Table<Order>
        rowKey="id"
        size="middle"
        loading={!data && !list.isError}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: '没有整改通知' }}
        scroll={{ x: 800 }}
        columns={[
          { title: '编号', dataIndex: 'serial', width: 140 },
          { title: '整改事项', dataIndex: 'title', render: (t: string, o) => <RouteLink to={orderRoute(o.id)}>{t}</RouteLink> },
          { title: '单位', render: (_, o) => o.unit.name, width: 160 },
          {
            title: '期限',
            dataIndex: 'dueDate',
            width: 150,
            render: (d: string, o) => (
              <Typography.Text type={o.overdue ? 'danger' : undefined}>
                {d}
                {o.dueProvisional ? '（暂定）' : ''}
              </Typography.Text>
            ),
          },
          { title: '状态', width: 160, render: (_, o) => <StatusTag o={o} /> },
        ]}
      />
      <Modal
        open={open}
        title="下发整改通知"
        okText="下发"
        cancelText="取消"
        onOk={() => void issue()}
        onCancel={() => setOpen(false)}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ workingDays: 10 }}>
          <Form.Item name="unitCode" label="整改单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="title" label="整改事项" rules={[{ required: true, whitespace: true, message: '请填写整改事项' }, { max: 100 }]}>
            <Input placeholder="如：第一季度财务收支未按时公开" />
          </Form.Item>
          <Form.Item name="problem" label="发现的问题和整改要求" rules={[{ required: true, whitespace: true, message: '请写明问题和要求' }, { max: 4000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="workingDays" label="整改期限（工作日，按法定工作日历计算）" rules={[{ required: true }]}>
            <InputNumber min={1} max={120} addonAfter="个工作日" />
          </Form.Item>
          <Form.Item name="obligationRef" label="关联的公开事项（可选）">
            <Input placeholder="如：vil:szxq 2026-Q1" />
          </Form.Item>
          <Form.Item name="findingRef" label="关联的监测发现（可选）">
            <Input placeholder="如：监测明细页地址" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function RectificationDetailPage({ id }: { id: string }) {
  const { message } = AntApp.useApp();
  const read = useApi<Order>(['rectifications', 'order'], `/api/v1/rectifications/${encodeURIComponent(id)}`);
  const save = useSave({ toast: true });
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [closeComment, setCloseComment] = useState('');
  const [reopen, setReopen] = useState<{ comment: string; workingDays: number } | null>(null);
  // A step's answer is not patched in: the write marks the order stale and it is read again.
  const act = async (path: string, body: unknown, ok: string) => {
    const done = await save.run(() => post(`/api/v1/rectifications/${encodeURIComponent(id)}/${path}`, body));
    if (done) message.success(ok);
    return done;
  };

  const o = read.data;
  if (!o)
    return (
      <QueryState query={read} what="整改通知">
        {() => null}
      </QueryState>
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <RouteLink to="/rectifications">整改通知</RouteLink> }, { title: o.serial }]} />
      <Card
        title={
          <Space wrap>
            <span style={{ fontSize: 18 }}>{o.title}</span>
            <StatusTag o={o} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="编号">{o.serial}</Descriptions.Item>
          <Descriptions.Item label="整改单位">{o.unit.name}</Descriptions.Item>
          <Descriptions.Item label="下发日期">{o.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="整改期限">
            {o.dueDate}（{o.workingDays}个工作日{o.round > 1 ? `，第${o.round}轮` : ''}）
            {o.dueProvisional ? '\u3000该年节假日安排尚未录入，日期按周末规则推算' : ''}
          </Descriptions.Item>
          {o.obligationRef ? <Descriptions.Item label="关联公开事项">{o.obligationRef}</Descriptions.Item> : null}
          {o.findingRef ? <Descriptions.Item label="关联监测发现">{o.findingRef}</Descriptions.Item> : null}
          <Descriptions.Item label="问题和要求" span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.problem}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="处理经过" size="small">
        <Timeline
          items={(o.steps ?? []).map((s) => ({
            color: s.action === 'close' ? 'green' : s.action === 'reopen' ? 'red' : 'blue',
            content: (
              <Space orientation="vertical" size={2}>
                <Typography.Text strong>
                  {s.actionLabel}
                  <Typography.Text type="secondary">{`\u3000${s.actor ?? '系统'} · ${formatTime(s.at)}`}</Typography.Text>
                </Typography.Text>
                {s.comment ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{s.comment}</Typography.Text> : null}
                {s.evidence.length ? <EvidenceLinks items={evidenceLinks(s.evidence)} /> : null}
              </Space>
            ),
          }))}
        />
      </Card>
      {o.can.respond ? (
        <Card title="反馈整改情况" size="small">
          <Form layout="vertical">
            <Form.Item label="整改情况" required>
              <Input.TextArea aria-label="整改情况" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="写明做了哪些整改、何时完成" />
            </Form.Item>
            <Form.Item label="佐证材料（至少一项）" required>
              <EvidenceEditor unitCode={o.unit.code} value={evidence} onChange={setEvidence} />
            </Form.Item>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={async () => {
                if (await act('respond', { text, evidence: toInput(evidence) }, '已提交整改情况，等待县政府办复核')) {
                  setText('');
                  setEvidence([]);
                }
              }}
            >
              提交整改情况
            </Button>
          </Form>
        </Card>
      ) : null}
      {o.can.close || o.can.reopen ? (
        <Card title="复核" size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {o.can.close ? (
              <Input.TextArea
                aria-label="复核意见"
                rows={2}
                value={closeComment}
                onChange={(e) => setCloseComment(e.target.value)}
                placeholder="复核意见（可选）"
              />
            ) : null}
            <Space wrap>
              {o.can.close ? (
                <Button type="primary" icon={<CheckOutlined />} onClick={() => void act('close', { comment: closeComment || undefined }, '已销号')}>
                  复核通过并销号
                </Button>
              ) : null}
              {o.can.reopen ? (
                <Button danger icon={<RollbackOutlined />} onClick={() => setReopen({ comment: '', workingDays: 5 })}>
                  退回重新整改
                </Button>
              ) : null}
            </Space>
          </Space>
        </Card>
      ) : null}
      <Modal
        open={!!reopen}
        title="退回重新整改"
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !reopen?.comment.trim() }}
        onOk={async () => {
          if (reopen && (await act('reopen', reopen, '已退回，单位须在新期限内重新整改'))) setReopen(null);
        }}
        onCancel={() => setReopen(null)}
      >
        {reopen ? (
          <Form layout="vertical">
            <Form.Item label="未通过的原因和新的要求" required>
              <Input.TextArea aria-label="退回原因" rows={3} value={reopen.comment} onChange={(e) => setReopen({ ...reopen, comment: e.target.value })} />
            </Form.Item>
            <Form.Item label="新的整改期限">
              <InputNumber
                min={1}
                max={120}
                value={reopen.workingDays}
                onChange={(v) => setReopen({ ...reopen, workingDays: Number(v ?? 5) })}
                addonAfter="个工作日"
              />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </Space>
  );
}
